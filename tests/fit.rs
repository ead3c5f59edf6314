//! Host tests for `loss::fit`: the three line fits against independent computations (gradient descent,
//! brute force over all lines through two points, random search), the outlier scenario, the residual
//! summary, the influence bars, bad input and extreme coordinates.
//!
//! Tolerances are stated at each assertion.

use loss_lab::loss::fit::{
    fit_huber, fit_mae, fit_mse, influence, residual_stats, Line, PointInfluence, ResidualStats,
};
use loss_lab::loss::LossError;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Independent reference computations (deliberately naive)
// ---------------------------------------------------------------------------------------------

/// Small deterministic generator (SplitMix64) so the fixed data sets are reproducible.
struct Rng(u64);
impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [lo, hi).
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64)
    }
}

/// `n` points near y = slope·x + intercept, x in [−5, 5], noise uniform in ±noise.
fn noisy_line(seed: u64, n: usize, slope: f64, intercept: f64, noise: f64) -> Vec<(f64, f64)> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let x = rng.uniform(-5.0, 5.0);
            (x, slope * x + intercept + rng.uniform(-noise, noise))
        })
        .collect()
}

fn sum_abs(points: &[(f64, f64)], l: &Line) -> f64 {
    points.iter().map(|&(x, y)| (l.at(x) - y).abs()).sum()
}

fn huber(r: f64, d: f64) -> f64 {
    if r.abs() < d {
        0.5 * r * r
    } else {
        d * (r.abs() - 0.5 * d)
    }
}

fn mean_huber(points: &[(f64, f64)], l: &Line, d: f64) -> f64 {
    points
        .iter()
        .map(|&(x, y)| huber(l.at(x) - y, d))
        .sum::<f64>()
        / points.len() as f64
}

fn mean_sq(points: &[(f64, f64)], l: &Line) -> f64 {
    points
        .iter()
        .map(|&(x, y)| (l.at(x) - y).powi(2))
        .sum::<f64>()
        / points.len() as f64
}

/// Largest eigenvalue of (1/n) Σ [x 1]ᵀ[x 1] — a Lipschitz constant of the mean-Huber gradient
/// (twice it for the mean squared error).
fn lipschitz(points: &[(f64, f64)]) -> f64 {
    let n = points.len() as f64;
    let sxx = points.iter().map(|p| p.0 * p.0).sum::<f64>() / n;
    let sx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let (tr, det) = (sxx + 1.0, sxx - sx * sx);
    0.5 * (tr + (tr * tr - 4.0 * det).max(0.0).sqrt())
}

/// Plain gradient descent on the mean squared residual, from (0, 0), step 1/L.
fn gd_mse(points: &[(f64, f64)], iters: usize) -> Line {
    let n = points.len() as f64;
    let step = 1.0 / (2.0 * lipschitz(points));
    let (mut a, mut b) = (0.0, 0.0);
    for _ in 0..iters {
        let (mut ga, mut gb) = (0.0, 0.0);
        for &(x, y) in points {
            let r = a * x + b - y;
            ga += 2.0 * r * x / n;
            gb += 2.0 * r / n;
        }
        a -= step * ga;
        b -= step * gb;
    }
    Line {
        slope: a,
        intercept: b,
    }
}

/// Plain gradient descent on the mean Huber(δ) loss, from (0, 0), step 1/L (ψ = clamp(r, −δ, δ)).
fn gd_huber(points: &[(f64, f64)], d: f64, iters: usize) -> Line {
    let n = points.len() as f64;
    let step = 1.0 / lipschitz(points);
    let (mut a, mut b) = (0.0, 0.0);
    for _ in 0..iters {
        let (mut ga, mut gb) = (0.0, 0.0);
        for &(x, y) in points {
            let psi = (a * x + b - y).clamp(-d, d);
            ga += psi * x / n;
            gb += psi / n;
        }
        a -= step * ga;
        b -= step * gb;
    }
    Line {
        slope: a,
        intercept: b,
    }
}

/// Brute force: the best line through any two points with different x (an optimal LAD line is one).
fn brute_mae(points: &[(f64, f64)]) -> f64 {
    let mut best = f64::INFINITY;
    for (i, &(x1, y1)) in points.iter().enumerate() {
        for &(x2, y2) in &points[i + 1..] {
            if x1 != x2 {
                let slope = (y2 - y1) / (x2 - x1);
                let l = Line {
                    slope,
                    intercept: y1 - slope * x1,
                };
                best = best.min(sum_abs(points, &l));
            }
        }
    }
    best
}

/// Σ|r| is minimal among `tries` random lines in a box around `l` (each half-width `w`).
fn random_search_min(points: &[(f64, f64)], l: &Line, w: f64, tries: usize, seed: u64) -> f64 {
    let mut rng = Rng(seed);
    (0..tries)
        .map(|_| {
            let c = Line {
                slope: l.slope + rng.uniform(-w, w),
                intercept: l.intercept + rng.uniform(-w, w),
            };
            sum_abs(points, &c)
        })
        .fold(f64::INFINITY, f64::min)
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn assert_line_close(got: &Line, want: &Line, tol: f64, what: &str) {
    assert!(
        close(got.slope, want.slope, tol) && close(got.intercept, want.intercept, tol),
        "{what}: got {got:?}, want {want:?} (tol {tol})"
    );
}

// ---------------------------------------------------------------------------------------------
// MSE
// ---------------------------------------------------------------------------------------------

#[test]
fn mse_exact_line_and_known_value() {
    assert_eq!(
        Line {
            slope: 2.0,
            intercept: -1.0
        }
        .at(3.0),
        5.0
    );
    // Points exactly on y = 2x − 1.
    let pts = [(0.0, -1.0), (1.0, 1.0), (2.0, 3.0), (5.0, 9.0)];
    assert_line_close(
        &fit_mse(&pts).unwrap(),
        &Line {
            slope: 2.0,
            intercept: -1.0,
        },
        1e-14,
        "exact",
    );
    // (0,0), (1,1), (2,1): x̄ = 1, ȳ = 2/3, Sxy = 1, Sxx = 2 ⇒ slope ½, intercept 1/6.
    let pts = [(0.0, 0.0), (1.0, 1.0), (2.0, 1.0)];
    assert_line_close(
        &fit_mse(&pts).unwrap(),
        &Line {
            slope: 0.5,
            intercept: 1.0 / 6.0,
        },
        1e-15,
        "hand",
    );
}

#[test]
fn mse_matches_gradient_descent() {
    for seed in 1..=5 {
        let pts = noisy_line(seed, 12 + 5 * seed as usize, 0.5, 1.0, 2.0);
        let fit = fit_mse(&pts).unwrap();
        let gd = gd_mse(&pts, 20_000);
        // GD from (0,0) with step 1/L on a problem with condition number ≲ 10 is converged to ~1e-12.
        assert_line_close(&fit, &gd, 1e-9, &format!("seed {seed}"));
        assert!(mean_sq(&pts, &fit) <= mean_sq(&pts, &gd) + 1e-12);
    }
}

// ---------------------------------------------------------------------------------------------
// MAE
// ---------------------------------------------------------------------------------------------

#[test]
fn mae_is_the_brute_force_minimum_and_beats_random_search() {
    for seed in 10..=15 {
        let mut pts = noisy_line(seed, 8 + 4 * (seed as usize - 10), -1.5, 3.0, 1.0);
        pts.push((4.0, 60.0)); // an outlier
        let fit = fit_mae(&pts).unwrap();
        let obj = sum_abs(&pts, &fit);
        let brute = brute_mae(&pts);
        // Same optimum up to rounding (1e−12 relative).
        assert!(
            close(obj, brute, 1e-12 * brute.max(1.0)),
            "seed {seed}: {obj} vs brute {brute}"
        );
        // No random nearby line does better (tolerance 1e−12 relative).
        let rs = random_search_min(&pts, &fit, 0.5, 20_000, seed);
        assert!(
            obj <= rs * (1.0 + 1e-12),
            "seed {seed}: {obj} vs random {rs}"
        );
        // Fine local search: small perturbations never lower Σ|r|.
        let rs = random_search_min(&pts, &fit, 1e-4, 5_000, seed + 100);
        assert!(
            obj <= rs * (1.0 + 1e-12),
            "seed {seed}: {obj} vs local random {rs}"
        );
    }
}

#[test]
fn mae_passes_through_two_data_points() {
    let pts = noisy_line(21, 15, 0.3, -2.0, 1.0);
    let fit = fit_mae(&pts).unwrap();
    let on_line = pts
        .iter()
        .filter(|&&(x, y)| (fit.at(x) - y).abs() <= 1e-12)
        .count();
    assert!(
        on_line >= 2,
        "an optimal vertex line interpolates two points; {on_line} do"
    );
}

#[test]
fn mae_tie_break_smallest_slope_then_intercept_independent_of_order() {
    // Σ|r| = 2 for every line with 0 ≤ b ≤ 1 and 0 ≤ a + b ≤ 1; the vertex of smallest slope is
    // (slope −1, intercept 1).
    let pts = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)];
    let want = Line {
        slope: -1.0,
        intercept: 1.0,
    };
    let mut perm = pts;
    for k in 0..4 {
        perm.rotate_left(1);
        let got = fit_mae(&perm).unwrap();
        assert_line_close(&got, &want, 1e-15, &format!("rotation {k}"));
        assert!(close(sum_abs(&perm, &got), 2.0, 1e-15));
    }
    perm.reverse();
    assert_line_close(&fit_mae(&perm).unwrap(), &want, 1e-15, "reversed");
    // Two points: the line through them.
    let got = fit_mae(&[(1.0, 2.0), (3.0, 8.0)]).unwrap();
    assert_line_close(
        &got,
        &Line {
            slope: 3.0,
            intercept: -1.0,
        },
        1e-15,
        "two points",
    );
}

#[test]
fn mae_is_deterministic() {
    let pts = noisy_line(33, 30, 1.0, 0.0, 3.0);
    let a = fit_mae(&pts).unwrap();
    for _ in 0..5 {
        assert_eq!(fit_mae(&pts).unwrap(), a);
    }
}

// ---------------------------------------------------------------------------------------------
// Huber
// ---------------------------------------------------------------------------------------------

#[test]
fn huber_matches_gradient_descent() {
    for (seed, delta) in [(41u64, 0.5), (42, 1.0), (43, 2.0), (44, 0.25)] {
        let mut pts = noisy_line(seed, 14, 0.5, 1.0, 2.0);
        pts.push((3.0, 40.0));
        pts.push((-4.0, -30.0));
        let fit = fit_huber(&pts, delta).unwrap();
        let gd = gd_huber(&pts, delta, 200_000);
        let (f_fit, f_gd) = (mean_huber(&pts, &fit, delta), mean_huber(&pts, &gd, delta));
        // The fit is at least as good as 200k GD steps (1e−12 relative), and the minimiser agrees to 1e−6.
        assert!(
            f_fit <= f_gd * (1.0 + 1e-12),
            "seed {seed}: {f_fit} vs gd {f_gd}"
        );
        assert_line_close(&fit, &gd, 1e-6, &format!("seed {seed} δ {delta}"));
    }
}

#[test]
fn huber_gradient_vanishes_at_the_fit() {
    let mut pts = noisy_line(51, 25, -0.7, 2.0, 1.5);
    pts.push((0.0, 25.0));
    for delta in [1e-3, 0.1, 0.5, 1.0, 3.0] {
        let fit = fit_huber(&pts, delta).unwrap();
        let (mut ga, mut gb) = (0.0, 0.0);
        for &(x, y) in &pts {
            let psi = (fit.at(x) - y).clamp(-delta, delta);
            ga += psi * x;
            gb += psi;
        }
        // Σψ(r)(x, 1) = 0 at the optimum; absolute 1e−9·δ·n (ψ is bounded by δ).
        let tol = 1e-9 * delta * pts.len() as f64;
        assert!(
            ga.abs() <= tol * 5.0 && gb.abs() <= tol,
            "δ {delta}: gradient ({ga}, {gb})"
        );
    }
}

#[test]
fn huber_with_large_delta_is_exactly_mse() {
    for seed in 60..65 {
        let pts = noisy_line(seed, 20, 2.0, -1.0, 3.0);
        let mse = fit_mse(&pts).unwrap();
        let max_r = pts
            .iter()
            .map(|&(x, y)| (mse.at(x) - y).abs())
            .fold(0.0, f64::max);
        for factor in [1.000_001, 2.0, 1e6] {
            assert_eq!(
                fit_huber(&pts, max_r * factor).unwrap(),
                mse,
                "seed {seed} factor {factor}"
            );
        }
    }
}

#[test]
fn huber_with_tiny_delta_approaches_mae() {
    for seed in 70..75 {
        let mut pts = noisy_line(seed, 16, 0.5, 1.0, 1.0);
        pts.push((2.0, 30.0));
        let mae = fit_mae(&pts).unwrap();
        let best = sum_abs(&pts, &mae);
        for delta in [1e-3, 1e-6, 1e-9] {
            let h = fit_huber(&pts, delta).unwrap();
            // |H_δ(r)/δ − |r|| ≤ δ/2 ⇒ Σ|r| at the Huber line ≤ min Σ|r| + n·δ (+1e−12 relative rounding).
            let bound = best + pts.len() as f64 * delta + 1e-12 * best;
            let got = sum_abs(&pts, &h);
            assert!(got <= bound, "seed {seed} δ {delta}: {got} > {bound}");
        }
        // These generic point sets have a unique LAD line, and the Huber line converges to it.
        let h = fit_huber(&pts, 1e-9).unwrap();
        assert_line_close(&h, &mae, 1e-6, &format!("seed {seed}"));
    }
}

#[test]
fn huber_line_moves_continuously_with_delta() {
    // The δ slider: sweeping δ over 1e−3 … 1e2 in 400 log-spaced steps moves the line in small steps
    // (no jumps between piecewise-quadratic pieces): |Δslope| and |Δintercept| < 0.1 per step (the whole
    // sweep moves the slope by ~1 and the intercept by ~2.4), and the
    // ends are MAE's and MSE's lines.
    let mut pts = noisy_line(80, 12, 0.5, 1.0, 0.5);
    pts.push((4.0, 33.0));
    let deltas: Vec<f64> = (0..=400)
        .map(|i| 10f64.powf(-3.0 + 5.0 * i as f64 / 400.0))
        .collect();
    let lines: Vec<Line> = deltas
        .iter()
        .map(|&d| fit_huber(&pts, d).unwrap())
        .collect();
    for (w, d) in lines.windows(2).zip(&deltas) {
        assert!(
            (w[1].slope - w[0].slope).abs() < 0.1 && (w[1].intercept - w[0].intercept).abs() < 0.1,
            "jump at δ = {d}: {:?} → {:?}",
            w[0],
            w[1]
        );
    }
    assert_line_close(&lines[0], &fit_mae(&pts).unwrap(), 1e-2, "δ = 1e−3");
    assert_eq!(lines[400], fit_mse(&pts).unwrap());
}

// ---------------------------------------------------------------------------------------------
// The outlier scenario (the chapter's headline demonstration)
// ---------------------------------------------------------------------------------------------

#[test]
fn one_far_outlier_moves_mse_most() {
    let mut rng = Rng(2026);
    let mut pts: Vec<(f64, f64)> = (0..12)
        .map(|i| {
            let x = i as f64;
            (x, 0.5 * x + 1.0 + rng.uniform(-0.3, 0.3))
        })
        .collect();
    let before = (
        fit_mse(&pts).unwrap(),
        fit_huber(&pts, 1.0).unwrap(),
        fit_mae(&pts).unwrap(),
    );
    for b in [before.0, before.1, before.2] {
        assert!(close(b.slope, 0.5, 0.1), "clean data fit slope {}", b.slope);
    }
    pts[10].1 += 30.0;
    let after = (
        fit_mse(&pts).unwrap(),
        fit_huber(&pts, 1.0).unwrap(),
        fit_mae(&pts).unwrap(),
    );
    let d_mse = (after.0.slope - before.0.slope).abs();
    let d_hub = (after.1.slope - before.1.slope).abs();
    let d_mae = (after.2.slope - before.2.slope).abs();
    assert!(
        d_mse > d_hub && d_mse > d_mae,
        "Δslope MSE {d_mse}, Huber {d_hub}, MAE {d_mae}"
    );
    // And by a wide margin: the MSE slope moves by about 1, the robust ones by under 0.1.
    assert!(
        d_mse > 0.5 && d_hub < 0.1 && d_mae < 0.1,
        "Δslope MSE {d_mse}, Huber {d_hub}, MAE {d_mae}"
    );
}

// ---------------------------------------------------------------------------------------------
// Residual statistics
// ---------------------------------------------------------------------------------------------

#[test]
fn residual_stats_known_values() {
    // Line y = x; residuals r = x − y: (0,1)→−1, (1,1)→0, (2,0)→2, (3,6)→−3.
    let pts = [(0.0, 1.0), (1.0, 1.0), (2.0, 0.0), (3.0, 6.0)];
    let line = Line {
        slope: 1.0,
        intercept: 0.0,
    };
    let s = residual_stats(&pts, &line, 1.5).unwrap();
    // ME = −2/4; MSE = (1+0+4+9)/4 = 3.5; MAE = 6/4;
    // Huber(1.5): ½, 0, 1.5(2 − .75) = 1.875, 1.5(3 − .75) = 3.375 ⇒ mean 5.75/4.
    let want = ResidualStats {
        me: -0.5,
        mse: 3.5,
        rmse: 3.5f64.sqrt(),
        mae: 1.5,
        huber: 5.75 / 4.0,
    };
    for (g, w) in [
        (s.me, want.me),
        (s.mse, want.mse),
        (s.rmse, want.rmse),
        (s.mae, want.mae),
        (s.huber, want.huber),
    ] {
        assert!(close(g, w, 1e-15), "{s:?} vs {want:?}");
    }
    // Kink convention: at |r| = δ exactly, the linear branch (same value): δ = 2 on r = 2 gives 2·(2 − 1) = 2.
    let s = residual_stats(&[(2.0, 0.0), (2.0, 0.0)], &line, 2.0).unwrap();
    assert_eq!(s.huber, 2.0);
}

#[test]
fn residual_stats_me_cancels_at_the_mse_fit() {
    // A bad fit (a parabola) with mean residual 0: ME hides it, MSE/RMSE do not.
    let pts: Vec<(f64, f64)> = (-5..=5).map(|i| (i as f64, (i * i) as f64)).collect();
    let l = fit_mse(&pts).unwrap();
    let s = residual_stats(&pts, &l, 1.0).unwrap();
    assert!(s.me.abs() < 1e-13, "ME {}", s.me);
    assert!(s.rmse > 5.0 && close(s.rmse * s.rmse, s.mse, 1e-12 * s.mse));
}

#[test]
fn residual_stats_do_not_overflow() {
    // Residuals of 1e200: RMSE is 1e200 exactly representable; MSE (1e400) is not ⇒ error, not ∞.
    let pts = [(0.0, 1e200), (1.0, -1e200)];
    let l = Line {
        slope: 0.0,
        intercept: 0.0,
    };
    assert_eq!(residual_stats(&pts, &l, 1.0), Err(LossError::NonFinite));
    // Residuals of 1e150: MSE 1e300 fits; RMSE exact.
    let pts = [(0.0, 1e150), (1.0, -1e150)];
    let s = residual_stats(&pts, &l, 1.0).unwrap();
    assert!(
        close(s.rmse / 1e150, 1.0, 1e-15) && close(s.mse / 1e300, 1.0, 1e-15),
        "{s:?}"
    );
    // Tiny residuals: no underflow to 0 in RMSE.
    let pts = [(0.0, 1e-200), (1.0, -1e-200)];
    let s = residual_stats(&pts, &l, 1.0).unwrap();
    assert!(close(s.rmse / 1e-200, 1.0, 1e-15), "{s:?}");
}

// ---------------------------------------------------------------------------------------------
// Influence
// ---------------------------------------------------------------------------------------------

fn sign(r: f64) -> f64 {
    if r > 0.0 {
        1.0
    } else if r < 0.0 {
        -1.0
    } else {
        0.0
    }
}

#[test]
fn influence_matches_definitions() {
    let mut pts = noisy_line(90, 12, 0.5, 1.0, 0.5);
    pts.push((1.0, 31.0));
    let delta = 1.0;
    let inf = influence(&pts, delta).unwrap();
    assert_eq!(inf.len(), pts.len());
    let (lm, la, lh) = (
        fit_mse(&pts).unwrap(),
        fit_mae(&pts).unwrap(),
        fit_huber(&pts, delta).unwrap(),
    );
    let tot_m: f64 = pts.iter().map(|&(x, y)| (lm.at(x) - y).powi(2)).sum();
    let tot_a: f64 = pts.iter().map(|&(x, y)| (la.at(x) - y).abs()).sum();
    let tot_h: f64 = pts.iter().map(|&(x, y)| huber(lh.at(x) - y, delta)).sum();
    for (p, &(x, y)) in inf.iter().zip(&pts) {
        let (rm, ra, rh) = (lm.at(x) - y, la.at(x) - y, lh.at(x) - y);
        assert!(close(p.share_mse, rm * rm / tot_m, 1e-14));
        assert!(close(p.share_mae, ra.abs() / tot_a, 1e-14));
        assert!(close(p.share_huber, huber(rh, delta) / tot_h, 1e-14));
        assert!(close(p.pull_mse, 2.0 * rm, 1e-13));
        // sign r, except that a rounding-level residual (≤ 1e−12 here) may count as 0.
        assert!(
            p.pull_mae == sign(ra) || (ra.abs() <= 1e-12 && p.pull_mae == 0.0),
            "{ra} {p:?}"
        );
        assert!(close(p.pull_huber, rh.clamp(-delta, delta), 1e-13));
    }
    // The outlier dominates the MSE share much more than the Huber or MAE share.
    let out = inf.last().unwrap();
    // It carries most of every loss (the robust lines do not follow it, so its residual stays large) …
    assert!(
        out.share_mse > 0.5 && out.share_mae > 0.5 && out.share_huber > 0.5,
        "{out:?}"
    );
    // … but its pull on the fit is what differs: 2r (about −54 here) for MSE, only δ for Huber, 1 for MAE.
    // The outlier is above the lines, so r = line − y < 0.
    assert!(out.pull_mse < -50.0, "{out:?}");
    assert_eq!((out.pull_huber, out.pull_mae), (-delta, -1.0));
    // MAE pulls vanish on the (at least two) interpolated points (rounding-level residuals count as 0).
    assert!(inf.iter().filter(|p| p.pull_mae == 0.0).count() >= 2);
}

#[test]
fn influence_on_collinear_points_is_zero_not_nan() {
    let pts = [(0.0, 1.0), (1.0, 3.0), (2.0, 5.0), (-3.0, -5.0)];
    for p in influence(&pts, 0.5).unwrap() {
        let z = PointInfluence {
            share_mse: 0.0,
            share_mae: 0.0,
            share_huber: 0.0,
            pull_mse: p.pull_mse,
            pull_mae: p.pull_mae,
            pull_huber: p.pull_huber,
        };
        assert_eq!(p, z);
        assert!(p.pull_mse.abs() < 1e-13 && p.pull_huber.abs() < 1e-13);
    }
}

// ---------------------------------------------------------------------------------------------
// Bad input and extreme coordinates
// ---------------------------------------------------------------------------------------------

#[test]
fn error_cases() {
    let ok = [(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)];
    let line = Line {
        slope: 1.0,
        intercept: 0.0,
    };
    for pts in [&[][..], &[(1.0, 2.0)][..]] {
        let e = LossError::TooFewPoints { have: pts.len() };
        assert_eq!(fit_mse(pts), Err(e.clone()));
        assert_eq!(fit_mae(pts), Err(e.clone()));
        assert_eq!(fit_huber(pts, 1.0), Err(e.clone()));
        assert_eq!(residual_stats(pts, &line, 1.0), Err(e.clone()));
        assert_eq!(influence(pts, 1.0), Err(e));
    }
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        for pts in [[(0.0, 0.0), (bad, 1.0)], [(0.0, 0.0), (1.0, bad)]] {
            assert_eq!(fit_mse(&pts), Err(LossError::NonFinite));
            assert_eq!(fit_mae(&pts), Err(LossError::NonFinite));
            assert_eq!(fit_huber(&pts, 1.0), Err(LossError::NonFinite));
            assert_eq!(residual_stats(&pts, &line, 1.0), Err(LossError::NonFinite));
            assert_eq!(influence(&pts, 1.0), Err(LossError::NonFinite));
        }
        let bad_line = Line {
            slope: bad,
            intercept: 0.0,
        };
        assert_eq!(
            residual_stats(&ok, &bad_line, 1.0),
            Err(LossError::NonFinite)
        );
    }
    for d in [0.0, -1.0, -0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let is_invalid = |r: Result<(), LossError>| matches!(r, Err(LossError::InvalidParameter { name: "δ (delta)", .. }));
        assert!(is_invalid(fit_huber(&ok, d).map(|_| ())), "δ = {d}");
        assert!(
            is_invalid(residual_stats(&ok, &line, d).map(|_| ())),
            "δ = {d}"
        );
        assert!(is_invalid(influence(&ok, d).map(|_| ())), "δ = {d}");
    }
    // All on one vertical, exactly and within 1e−12 relative.
    for pts in [
        vec![(3.0, 0.0), (3.0, 1.0), (3.0, 5.0)],
        vec![(1e6, 0.0), (1e6 * (1.0 + 1e-13), 1.0)],
        vec![(0.0, 1.0), (0.0, 2.0)],
    ] {
        let x = pts[0].0;
        let e = LossError::AllOnOneVertical { x };
        assert_eq!(fit_mse(&pts), Err(e.clone()));
        assert_eq!(fit_mae(&pts), Err(e.clone()));
        assert_eq!(fit_huber(&pts, 1.0), Err(e.clone()));
        assert_eq!(influence(&pts, 1.0), Err(e));
        // Residual statistics need no fit, so a vertical point set is fine there.
        assert!(residual_stats(&pts, &line, 1.0).is_ok());
    }
    // Just above the 1e−12 relative threshold: a (steep) line.
    let pts = [(1e6, 0.0), (1e6 * (1.0 + 1e-11), 1.0)];
    assert!(fit_mse(&pts).is_ok() && fit_mae(&pts).is_ok() && fit_huber(&pts, 1.0).is_ok());
}

#[test]
fn error_messages_are_sentences() {
    let cases = [
        (LossError::TooFewPoints { have: 1 }, "at least 2 points"),
        (LossError::AllOnOneVertical { x: 3.0 }, "vertical line x = 3"),
        (LossError::NonFinite, "not a finite number"),
        (
            LossError::InvalidParameter { name: "δ (delta)", value: -1.0, requirement: "must be finite and greater than 0" },
            "greater than 0",
        ),
    ];
    for (e, needle) in cases {
        let s = e.to_string();
        assert!(s.contains(needle) && s.ends_with('.'), "{s}");
        let _: &dyn std::error::Error = &e;
    }
}

#[test]
fn large_coordinates_give_the_same_fits_shifted() {
    // The same shape at the origin and at (±1e6, ±1e6): slopes agree, intercepts shift accordingly.
    let mut base = noisy_line(99, 20, 0.5, 1.0, 1.0);
    base.push((2.0, 25.0));
    for (ox, oy) in [(1e6, 1e6), (-1e6, 1e6), (1e6, -1e6)] {
        let moved: Vec<(f64, f64)> = base.iter().map(|&(x, y)| (x + ox, y + oy)).collect();
        let pairs = [
            (fit_mse(&base).unwrap(), fit_mse(&moved).unwrap()),
            (fit_mae(&base).unwrap(), fit_mae(&moved).unwrap()),
            (
                fit_huber(&base, 1.0).unwrap(),
                fit_huber(&moved, 1.0).unwrap(),
            ),
        ];
        for (b, m) in pairs {
            // Rounding of coordinates at 1e6 is ~1e−10; slopes agree to 1e−7, the lines at x = ox to 1e−6.
            assert!(close(b.slope, m.slope, 1e-7), "{b:?} vs {m:?}");
            assert!(close(b.at(0.0) + oy, m.at(ox), 1e-6), "{b:?} vs {m:?}");
        }
        assert!(influence(&moved, 1.0)
            .unwrap()
            .iter()
            .all(|p| p.share_mse.is_finite()));
    }
}

#[test]
fn extreme_scales_stay_finite() {
    let base = [(0.0, 0.0), (1.0, 1.0), (2.0, 1.0), (3.0, 4.0), (4.0, 2.0)];
    for (kx, ky) in [
        (1e300, 1e300),
        (1e-300, 1e-300),
        (1e150, 1e-150),
        (1e-150, 1e150),
        (1e300, 1.0),
        (5e-324, 5e-324),
    ] {
        let pts: Vec<(f64, f64)> = base.iter().map(|&(x, y)| (x * kx, y * ky)).collect();
        let m = fit_mse(&pts).unwrap();
        let want = fit_mse(&base).unwrap();
        if kx != 5e-324 {
            assert!(
                close(m.slope / (ky / kx), want.slope, 1e-12),
                "({kx},{ky}) {m:?}"
            );
        }
        for l in [
            m,
            fit_mae(&pts).unwrap(),
            fit_huber(&pts, ky).unwrap(),
            fit_huber(&pts, 1.0).unwrap(),
        ] {
            assert!(
                l.slope.is_finite() && l.intercept.is_finite(),
                "({kx},{ky}) {l:?}"
            );
        }
        for p in influence(&pts, ky).unwrap() {
            for v in [
                p.share_mse,
                p.share_mae,
                p.share_huber,
                p.pull_mse,
                p.pull_mae,
                p.pull_huber,
            ] {
                assert!(v.is_finite(), "({kx},{ky}) {p:?}");
            }
        }
    }
    // A slope too large for f64 is an error, not ∞.
    assert_eq!(
        fit_mse(&[(0.0, 0.0), (1e-300, 1e300)]),
        Err(LossError::NonFinite)
    );
}

// ---------------------------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------------------------

fn point_set() -> impl Strategy<Value = Vec<(f64, f64)>> {
    // Coordinates rounded to 1/64 so that ties and repeated points occur; at least two distinct x.
    prop::collection::vec((-6400i32..6400, -6400i32..6400), 2..40)
        .prop_map(|v| {
            v.into_iter()
                .map(|(x, y)| (x as f64 / 64.0, y as f64 / 64.0))
                .collect::<Vec<_>>()
        })
        .prop_filter("two distinct x", |v: &Vec<(f64, f64)>| {
            v.iter().any(|p| p.0 != v[0].0)
        })
}

proptest! {
    // No failure-persistence files in tests/ (the regression seeds would be printed on failure anyway).
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// MSE: the normal equations hold, Σr = 0 and Σr·x = 0, to 1e−9 of the data's scale.
    #[test]
    fn prop_mse_normal_equations(pts in point_set()) {
        let l = fit_mse(&pts).unwrap();
        let n = pts.len() as f64;
        let (mut s1, mut sx) = (0.0, 0.0);
        for &(x, y) in &pts { let r = l.at(x) - y; s1 += r; sx += r * x; }
        prop_assert!(s1.abs() <= 1e-9 * n * 100.0 && sx.abs() <= 1e-9 * n * 1e4, "{s1} {sx}");
    }

    /// MAE: equals the brute-force minimum over lines through two points (1e−12 relative + 1e−12·n).
    #[test]
    fn prop_mae_is_optimal(pts in point_set()) {
        let l = fit_mae(&pts).unwrap();
        let (got, best) = (sum_abs(&pts, &l), brute_mae(&pts));
        prop_assert!((got - best).abs() <= 1e-12 * best + 1e-12 * pts.len() as f64 * 100.0, "{got} vs {best}");
    }

    /// Huber: the fit is no worse than the MSE and MAE lines and small perturbations of itself
    /// (1e−12 relative), and its gradient Σψ(r)(x,1) is ~0 (1e−7·δ·n, x up to 100).
    #[test]
    fn prop_huber_is_optimal(pts in point_set(), delta in 0.01f64..50.0) {
        let l = fit_huber(&pts, delta).unwrap();
        let f = mean_huber(&pts, &l, delta);
        let slack = 1e-12 * f + 1e-15;
        for other in [fit_mse(&pts).unwrap(), fit_mae(&pts).unwrap()] {
            prop_assert!(f <= mean_huber(&pts, &other, delta) + slack);
        }
        for (da, db) in [(1e-6, 0.0), (-1e-6, 0.0), (0.0, 1e-6), (0.0, -1e-6), (1e-3, -1e-3)] {
            let p = Line { slope: l.slope + da, intercept: l.intercept + db };
            prop_assert!(f <= mean_huber(&pts, &p, delta) + slack);
        }
        let (mut ga, mut gb) = (0.0, 0.0);
        for &(x, y) in &pts { let psi = (l.at(x) - y).clamp(-delta, delta); ga += psi * x; gb += psi; }
        let tol = 1e-7 * delta * pts.len() as f64;
        prop_assert!(ga.abs() <= tol * 100.0 && gb.abs() <= tol, "({ga}, {gb}) δ {delta}");
    }

    /// Residual stats: RMSE² = MSE, MAE ≤ RMSE, |ME| ≤ MAE, Huber ≤ MSE/2, all finite.
    #[test]
    fn prop_residual_stats_consistent(pts in point_set(), slope in -10.0f64..10.0, b in -100.0f64..100.0, delta in 0.01f64..50.0) {
        let s = residual_stats(&pts, &Line { slope, intercept: b }, delta).unwrap();
        prop_assert!((s.rmse * s.rmse - s.mse).abs() <= 1e-12 * s.mse.max(1e-300));
        prop_assert!(s.mae <= s.rmse * (1.0 + 1e-12) && s.me.abs() <= s.mae * (1.0 + 1e-12));
        prop_assert!(s.huber <= 0.5 * s.mse * (1.0 + 1e-12) + 1e-300);
    }

    /// Influence: shares in [0,1] sum to 1 (or are all 0); pulls bounded as their ψ says; no NaN.
    #[test]
    fn prop_influence_well_formed(pts in point_set(), delta in 0.01f64..50.0) {
        let inf = influence(&pts, delta).unwrap();
        for get in [|p: &PointInfluence| p.share_mse, |p: &PointInfluence| p.share_mae, |p: &PointInfluence| p.share_huber] {
            let total: f64 = inf.iter().map(get).sum();
            prop_assert!(inf.iter().all(|p| (0.0..=1.0).contains(&get(p))));
            prop_assert!(total == 0.0 || (total - 1.0).abs() <= 1e-12, "total {total}");
        }
        for p in &inf {
            prop_assert!(p.pull_mse.is_finite() && [-1.0, 0.0, 1.0].contains(&p.pull_mae) && p.pull_huber.abs() <= delta);
        }
    }
}
