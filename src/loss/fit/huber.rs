//! The Huber(δ) line: minimises Σ H_δ(r_i), H_δ being [`Regression::Huber`]'s per-element loss.

use super::mae::mae_scaled;
use super::mse::mse_scaled;
use super::{check_points, huber_of, weighted_ls, Line, Scaled};
use crate::loss::regression::Regression;
use crate::loss::LossError;

/// Convergence tolerance of the Huber iteration (used only when its exact check has not already ended
/// it): it stops when an iteration moves (slope, intercept), in the scaled coordinates where max |x| and
/// max |y| lie in [1, 2), by at most `HUBER_IRLS_TOL · (1 + |slope| + |intercept|)`.
pub const HUBER_IRLS_TOL: f64 = 1e-12;
/// Upper bound on the Huber iterations (each is O(n log n)).
pub const HUBER_MAX_ITER: usize = 200;

/// Σ H_δ(r_i) with H_δ = [`Regression::Huber`]'s per-element loss (δ here in scaled units, not
/// re-validated: it may be as small as the least positive double).
fn huber_objective(pts: &[(f64, f64)], a: f64, b: f64, delta: f64) -> f64 {
    let huber = Regression::Huber { delta };
    pts.iter().map(|&(x, y)| huber.element(a * x + b - y)).sum()
}

/// Branch of each point: 0 quadratic (|r| < δ), +1 / −1 linear with that sign of r.
fn partition(pts: &[(f64, f64)], a: f64, b: f64, delta: f64, out: &mut [i8]) {
    for (o, &(x, y)) in out.iter_mut().zip(pts) {
        let r = a * x + b - y;
        *o = if r.abs() < delta {
            0
        } else if r > 0.0 {
            1
        } else {
            -1
        };
    }
}

/// Exact minimiser of the quadratic that equals the Huber objective on the region with branches `part`:
/// Σ_Q ½r_i² + δ Σ_L s_i r_i + const. Needs ≥ 2 distinct x in the quadratic set Q.
/// With centred sums over Q: slope = (S_xy − δ Σ_L s_i (x_i − x̄)) / S_xx, intercept = ȳ − slope·x̄ − δ Σ_L s_i / |Q|.
fn solve_partition(pts: &[(f64, f64)], part: &[i8], delta: f64) -> Option<(f64, f64)> {
    let (mut nq, mut sx, mut sy) = (0usize, 0.0, 0.0);
    for (&p, &(x, y)) in part.iter().zip(pts) {
        if p == 0 {
            nq += 1;
            sx += x;
            sy += y;
        }
    }
    if nq < 2 {
        return None;
    }
    let nqf = nq as f64;
    let (xm, ym) = (sx / nqf, sy / nqf);
    let (mut sxx, mut sxy, mut gl, mut g1) = (0.0, 0.0, 0.0, 0.0);
    for (&p, &(x, y)) in part.iter().zip(pts) {
        let dx = x - xm;
        if p == 0 {
            sxx += dx * dx;
            sxy += dx * (y - ym);
        } else {
            let s = f64::from(p);
            gl += s * dx;
            g1 += s;
        }
    }
    if sxx.is_nan() || sxx <= 0.0 {
        return None;
    }
    let a = (sxy - delta * gl) / sxx;
    let b = ym - a * xm - delta * g1 / nqf;
    (a.is_finite() && b.is_finite()).then_some((a, b))
}

/// Huber(δ) regression: minimises Σ H_δ(r_i), H_δ(r) = ½r² if |r| < δ else δ(|r| − ½δ).
///
/// Method (IRLS, accelerated and finished exactly; all in the scaled units of the module docs):
/// 1. Start from the MSE fit. If every residual there is below δ, that fit **is** the Huber fit and is
///    returned unchanged (bit-identical to [`fit_mse`](super::fit_mse)).
/// 2. Try the branch pattern of the MAE fit (the optimum's pattern for small δ): see the exact check below.
///    Then iterate from whichever of the MSE and MAE lines has the lower Huber objective.
/// 3. Each iteration (at most [`HUBER_MAX_ITER`]) splits the points into branches — quadratic iff
///    |r| < δ, else linear with the sign of r — and solves that piece's quadratic Σ_Q ½r² + δ Σ_L s_i r_i
///    in closed form. **Exact check:** if the solution lies in the same piece it is a stationary point of
///    the convex C¹ objective, i.e. the global minimum, and is returned. Otherwise the solution gives a
///    descent direction (Newton's for the piece); when the piece's quadratic part is singular (fewer than
///    two distinct x in Q) the direction is the IRLS step's instead — weighted least squares with
///    w_i = 1 if |r_i| < δ else δ/|r_i|. An exact line search (the objective along a line is a 1-D
///    piecewise quadratic) takes the best point on it.
/// 4. Stop when the objective no longer decreases or the line moves by at most [`HUBER_IRLS_TOL`]
///    relative. In practice the exact check ends almost every fit within a few iterations.
///
/// As δ → 0 the fit tends to an MAE fit (Σ|r_i| at the Huber line is within n·δ/2 of the MAE minimum);
/// for δ above every MSE residual it equals the MSE fit.
///
/// Errors as for [`fit_mse`](super::fit_mse), plus δ ≤ 0 or non-finite → [`LossError::InvalidParameter`].
pub fn fit_huber(points: &[(f64, f64)], delta: f64) -> Result<Line, LossError> {
    check_points(points)?;
    huber_of(delta)?;
    let s = Scaled::new(points)?;
    let mse = mse_scaled(&s)?;
    let (a, b) = huber_scaled(&s, delta, mse, || mae_scaled(&s.pts));
    s.unscale(a, b)
}

/// Exact step of the Huber fit from (a, b): take the branch pattern there, widen the quadratic set Q with
/// the points of smallest |r| until it holds two distinct x (the points a small-δ optimum interpolates),
/// and minimise that piece's quadratic in closed form. Returns the minimiser and whether its own branch
/// pattern is the one assumed — then it is a stationary point of the convex objective, i.e. the optimum.
fn exact_step(
    pts: &[(f64, f64)],
    (a, b): (f64, f64),
    d: f64,
    part: &mut [i8],
    part2: &mut [i8],
    order: &mut Vec<(f64, usize)>,
) -> Option<(f64, f64, bool)> {
    partition(pts, a, b, d, part);
    let mut first_x: Option<f64> = None;
    let mut distinct = false;
    for (&p, &(x, _)) in part.iter().zip(pts) {
        if p == 0 {
            match first_x {
                None => first_x = Some(x),
                Some(x0) => distinct |= x != x0,
            }
        }
    }
    if !distinct {
        order.clear();
        order.extend(
            pts.iter()
                .enumerate()
                .map(|(i, &(x, y))| ((a * x + b - y).abs(), i)),
        );
        let keys: Vec<f64> = order.iter().map(|p| p.0).collect();
        for i in crate::loss::num::argsort(&keys).into_iter().filter_map(|k| order.get(k)).map(|&(_, i)| i) {
            let (Some(p), Some(&(x, _))) = (part.get_mut(i), pts.get(i)) else {
                continue;
            };
            if *p == 0 {
                continue;
            }
            *p = 0;
            match first_x {
                None => first_x = Some(x),
                Some(x0) => distinct |= x != x0,
            }
            if distinct {
                break;
            }
        }
    }
    let (ca, cb) = solve_partition(pts, part, d)?;
    partition(pts, ca, cb, d, part2);
    Some((ca, cb, part2 == part))
}

/// Exact line search for the Huber objective from (a, b) along (da, db): the t ≥ 0 where
/// g'(t) = Σ s_i ψ(r_i + t s_i) = 0 (s_i = da·x_i + db, ψ = clamp(·, −δ, δ)). g' is non-decreasing and
/// piecewise linear with breakpoints where |r_i + t s_i| = δ: bisect over the sorted breakpoints, then
/// interpolate linearly inside the bracketing segment. Returns 0 if the direction is not a descent one.
fn line_search(
    pts: &[(f64, f64)],
    (a, b): (f64, f64),
    (da, db): (f64, f64),
    d: f64,
    bps: &mut Vec<f64>,
) -> f64 {
    let gp = |t: f64| -> f64 {
        pts.iter()
            .map(|&(x, y)| {
                let s = da * x + db;
                s * (a * x + b - y + t * s).clamp(-d, d)
            })
            .sum()
    };
    let g0 = gp(0.0);
    if g0.is_nan() || g0 >= 0.0 {
        return 0.0;
    }
    bps.clear();
    for &(x, y) in pts {
        let (r, s) = (a * x + b - y, da * x + db);
        if s != 0.0 {
            for c in [-d, d] {
                let t = (c - r) / s;
                if t > 0.0 && t.is_finite() {
                    bps.push(t);
                }
            }
        }
    }
    crate::loss::num::sort_floats(bps);
    // First breakpoint with g' ≥ 0 (g' is monotone, so bisect).
    let (mut lo, mut hi) = (0usize, bps.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if bps.get(mid).is_some_and(|&t| gp(t) >= 0.0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let t0 = if lo == 0 {
        0.0
    } else {
        bps.get(lo - 1).copied().unwrap_or(0.0)
    };
    let Some(&t1) = bps.get(lo) else {
        return t0; // g' < 0 beyond every breakpoint: only when no s_i ≠ 0; do not move further
    };
    let (g_0, g_1) = (gp(t0), gp(t1));
    if g_1 > g_0 {
        t0 + (t1 - t0) * (-g_0 / (g_1 - g_0)).clamp(0.0, 1.0)
    } else {
        t1
    }
}

/// The Huber fit in scaled units, given the MSE fit there and a way to get the MAE fit (only computed
/// when some MSE residual reaches δ).
pub(crate) fn huber_scaled(
    s: &Scaled,
    delta: f64,
    mse: (f64, f64),
    mae: impl FnOnce() -> (f64, f64),
) -> (f64, f64) {
    let pts = &s.pts[..];
    // δ in scaled residual units; +∞ on overflow (then MSE), never 0.
    let d = (delta / s.sy).max(f64::MIN_POSITIVE);
    if pts.iter().all(|&(x, y)| (mse.0 * x + mse.1 - y).abs() < d) {
        return mse;
    }
    let n = pts.len();
    let (mut part, mut part2) = (vec![0i8; n], vec![0i8; n]);
    let (mut order, mut bps) = (Vec::with_capacity(n), Vec::with_capacity(2 * n));
    // The MAE line's branch pattern is the optimum's for small δ: try it first.
    let mae = mae();
    if let Some((ca, cb, true)) = exact_step(pts, mae, d, &mut part, &mut part2, &mut order) {
        return (ca, cb);
    }
    let (fm, fl) = (
        huber_objective(pts, mse.0, mse.1, d),
        huber_objective(pts, mae.0, mae.1, d),
    );
    let (mut a, mut b, mut f) = if fl < fm {
        (mae.0, mae.1, fl)
    } else {
        (mse.0, mse.1, fm)
    };
    for _ in 0..HUBER_MAX_ITER {
        // Direction: Newton's for the current piece (descent: that piece's gradient is the true one),
        // or, when its quadratic part is singular, the IRLS step's.
        partition(pts, a, b, d, &mut part);
        let target = if let Some((ca, cb)) = solve_partition(pts, &part, d) {
            partition(pts, ca, cb, d, &mut part2);
            if part2 == part {
                return (ca, cb); // stationary point of the convex objective: the optimum
            }
            (ca, cb)
        } else {
            if let Some((ca, cb, true)) =
                exact_step(pts, (a, b), d, &mut part, &mut part2, &mut order)
            {
                return (ca, cb);
            }
            // IRLS weights w_i = δ / max(|r_i|, δ), rescaled by their maximum (same solution, no underflow).
            let min_abs_r = pts
                .iter()
                .map(|&(x, y)| (a * x + b - y).abs())
                .fold(f64::INFINITY, f64::min);
            let c = min_abs_r.max(d);
            let Some(t) = weighted_ls(pts, |x, y| c / (a * x + b - y).abs().max(d)) else {
                break;
            };
            t
        };
        let dir = (target.0 - a, target.1 - b);
        let t = line_search(pts, (a, b), dir, d, &mut bps);
        let (na, nb) = (a + t * dir.0, b + t * dir.1);
        let nf = huber_objective(pts, na, nb, d);
        if nf.is_nan() || nf >= f {
            break; // no further decrease (rounding level): keep the current line
        }
        let step = (na - a).abs() + (nb - b).abs();
        (a, b, f) = (na, nb, nf);
        if step <= HUBER_IRLS_TOL * (1.0 + a.abs() + b.abs()) {
            break;
        }
    }
    (a, b)
}

