//! Fitting a line y = slope·x + intercept to 2-D points under three regression losses — the maths
//! behind the Regression chapter's fit-a-line lab.
//!
//! Residuals follow `LOSSES.md` §1: r_i = pred − target = line(x_i) − y_i.
//!
//! | fit | objective minimised over (slope, intercept) | method |
//! |---|---|---|
//! | [`fit_mse`] | Σ r_i² | closed form on centred sums |
//! | [`fit_mae`] | Σ \|r_i\| | exact: weighted medians through every data point, O(n² log n) |
//! | [`fit_huber`] | Σ H_δ(r_i), H_δ(r) = ½r² if \|r\| < δ else δ(\|r\| − ½δ) | IRLS / Newton steps with exact line search from the MSE fit, finished by an exact piecewise-quadratic solve |
//!
//! Numerical robustness: every fit works on a copy of the points scaled by powers of two (exact, no
//! rounding) so that the largest |x| and the largest |y| lie in [1, 2); sums are centred. Any finite input
//! therefore gives a finite line, except when the line itself is too steep or too high for f64, which is
//! reported as [`FitError::NonFinite`] instead of returning ±∞ or NaN.
//!
//! Nothing here panics on user input: every public function validates and returns a [`FitError`].

use std::fmt;

/// A straight line y = slope·x + intercept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    /// dy/dx.
    pub slope: f64,
    /// y at x = 0.
    pub intercept: f64,
}

impl Line {
    /// The line's value at `x`: slope·x + intercept.
    pub fn at(&self, x: f64) -> f64 {
        self.slope * x + self.intercept
    }
}

/// Why a fit or a residual summary could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum FitError {
    /// Fewer than 2 points were given (`have` is how many there were).
    TooFewPoints {
        /// The number of points given.
        have: usize,
    },
    /// All x coordinates are equal (to within 1e−12 relative): every point is on the vertical line
    /// x = `x`, which no y = slope·x + intercept can describe.
    AllOnOneVertical {
        /// The common x coordinate (that of the first point).
        x: f64,
    },
    /// A coordinate or a line coefficient is NaN or infinite, or a result (a fitted coefficient, a
    /// residual, a loss) is too large to be represented in f64.
    NonFinite,
    /// The Huber threshold δ is not a finite number greater than 0.
    InvalidDelta {
        /// The rejected δ.
        delta: f64,
    },
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitError::TooFewPoints { have } => write!(
                f,
                "A line needs at least 2 points, but {have} {} given.",
                if *have == 1 { "was" } else { "were" }
            ),
            FitError::AllOnOneVertical { x } => write!(
                f,
                "All points lie on the vertical line x = {x}, which no line y = slope·x + intercept can fit."
            ),
            FitError::NonFinite => write!(
                f,
                "A coordinate is not a finite number, or the result is too large to represent."
            ),
            FitError::InvalidDelta { delta } => write!(
                f,
                "The Huber threshold δ must be a finite number greater than 0, but it is {delta}."
            ),
        }
    }
}

impl std::error::Error for FitError {}

/// Convergence tolerance of the Huber iteration (used only when its exact check has not already ended
/// it): it stops when an iteration moves (slope, intercept), in the scaled coordinates where max |x| and
/// max |y| lie in [1, 2), by at most `HUBER_IRLS_TOL · (1 + |slope| + |intercept|)`.
pub const HUBER_IRLS_TOL: f64 = 1e-12;
/// Upper bound on the Huber iterations (each is O(n log n)).
pub const HUBER_MAX_ITER: usize = 200;

/// Relative tolerance under which two MAE objective values count as a tie (see [`fit_mae`]).
const MAE_TIE_REL: f64 = 1e-12;

// ---------------------------------------------------------------------------------------------
// Validation and scaling
// ---------------------------------------------------------------------------------------------

/// 2^e for e in [−1022, 1023], built from its bits (exact).
fn pow2(e: i32) -> f64 {
    let e = e.clamp(-1022, 1023);
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// A power of two s with m/s in [1, 2) for ordinary m (exponent clamped to ±1000, so s and 1/s are
/// both normal); 1 for m = 0.
fn pow2_scale(m: f64) -> f64 {
    if m == 0.0 || !m.is_finite() {
        return 1.0;
    }
    let e = if m.is_normal() {
        ((m.to_bits() >> 52) & 0x7ff) as i32 - 1023
    } else {
        -1000
    };
    pow2(e.clamp(-1000, 1000))
}

/// a · num / den, trying the three evaluation orders so that no intermediate overflows needlessly.
fn mul_ratio(a: f64, num: f64, den: f64) -> f64 {
    let r = a * (num / den);
    if r.is_finite() {
        return r;
    }
    let r = (a * num) / den;
    if r.is_finite() {
        return r;
    }
    (a / den) * num
}

fn check_points(points: &[(f64, f64)]) -> Result<(), FitError> {
    if points.len() < 2 {
        return Err(FitError::TooFewPoints { have: points.len() });
    }
    if points
        .iter()
        .any(|&(x, y)| !x.is_finite() || !y.is_finite())
    {
        return Err(FitError::NonFinite);
    }
    Ok(())
}

fn check_delta(delta: f64) -> Result<(), FitError> {
    if delta.is_finite() && delta > 0.0 {
        Ok(())
    } else {
        Err(FitError::InvalidDelta { delta })
    }
}

/// The points scaled by powers of two, plus the factors to undo it.
struct Scaled {
    pts: Vec<(f64, f64)>,
    sx: f64,
    sy: f64,
}

impl Scaled {
    /// Validates (count, finiteness, not all on one vertical) and scales.
    fn new(points: &[(f64, f64)]) -> Result<Scaled, FitError> {
        check_points(points)?;
        let (mut xmin, mut xmax, mut ax, mut ay) =
            (f64::INFINITY, f64::NEG_INFINITY, 0.0f64, 0.0f64);
        for &(x, y) in points {
            xmin = xmin.min(x);
            xmax = xmax.max(x);
            ax = ax.max(x.abs());
            ay = ay.max(y.abs());
        }
        // span may overflow to +∞ (then it is certainly not vertical).
        if xmax - xmin <= 1e-12 * ax {
            let x = points.first().map_or(0.0, |p| p.0);
            return Err(FitError::AllOnOneVertical { x });
        }
        let (sx, sy) = (pow2_scale(ax), pow2_scale(ay));
        let (ix, iy) = (1.0 / sx, 1.0 / sy);
        let pts = points.iter().map(|&(x, y)| (x * ix, y * iy)).collect();
        Ok(Scaled { pts, sx, sy })
    }

    /// Converts a scaled-space line (a, b) back to the caller's units.
    fn unscale(&self, a: f64, b: f64) -> Result<Line, FitError> {
        let line = Line {
            slope: mul_ratio(a, self.sy, self.sx),
            intercept: b * self.sy,
        };
        if line.slope.is_finite() && line.intercept.is_finite() {
            Ok(line)
        } else {
            Err(FitError::NonFinite)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Least squares
// ---------------------------------------------------------------------------------------------

/// Weighted least squares on centred sums; `w(x, y)` gives a point's weight (all > 0).
/// Returns None only if the weighted x-spread is 0.
fn weighted_ls(pts: &[(f64, f64)], w: impl Fn(f64, f64) -> f64) -> Option<(f64, f64)> {
    let (mut sw, mut swx, mut swy) = (0.0, 0.0, 0.0);
    for &(x, y) in pts {
        let wi = w(x, y);
        sw += wi;
        swx += wi * x;
        swy += wi * y;
    }
    if sw <= 0.0 {
        return None;
    }
    let (xm, ym) = (swx / sw, swy / sw);
    let (mut sxx, mut sxy) = (0.0, 0.0);
    for &(x, y) in pts {
        let wi = w(x, y);
        let dx = x - xm;
        sxx += wi * dx * dx;
        sxy += wi * dx * (y - ym);
    }
    if sxx.is_nan() || sxx <= 0.0 {
        return None;
    }
    let a = sxy / sxx;
    let b = ym - a * xm;
    (a.is_finite() && b.is_finite()).then_some((a, b))
}

fn mse_scaled(s: &Scaled) -> Result<(f64, f64), FitError> {
    weighted_ls(&s.pts, |_, _| 1.0).ok_or(FitError::AllOnOneVertical {
        x: s.pts.first().map_or(0.0, |p| p.0 * s.sx),
    })
}

/// Least-squares line: minimises Σ r_i² with r_i = slope·x_i + intercept − y_i.
///
/// Closed form on centred sums: slope = Σ(x_i − x̄)(y_i − ȳ) / Σ(x_i − x̄)², intercept = ȳ − slope·x̄.
///
/// Errors: fewer than 2 points → [`FitError::TooFewPoints`]; a NaN/∞ coordinate →
/// [`FitError::NonFinite`]; all x equal within 1e−12 relative → [`FitError::AllOnOneVertical`].
pub fn fit_mse(points: &[(f64, f64)]) -> Result<Line, FitError> {
    let s = Scaled::new(points)?;
    let (a, b) = mse_scaled(&s)?;
    s.unscale(a, b)
}

// ---------------------------------------------------------------------------------------------
// Least absolute deviations
// ---------------------------------------------------------------------------------------------

fn sum_abs_residuals(pts: &[(f64, f64)], a: f64, b: f64) -> f64 {
    pts.iter().map(|&(x, y)| (a * x + b - y).abs()).sum()
}

/// Least-absolute-deviations line: minimises Σ |r_i|, exactly.
///
/// Method: some optimal line passes through two data points. For every pivot point i the best line
/// through it has slope = the lower weighted median of the slopes (y_j − y_i)/(x_j − x_i) with
/// weights |x_j − x_i| (because Σ_j |r_j| = Σ_j |x_j − x_i|·|slope − s_j| + const); the best of the n
/// pivot lines is a global minimiser. O(n² log n), one buffer of n allocated per call.
///
/// Tie-break (the LAD line need not be unique): among lines whose Σ|r| is within 1e−12 relative (plus
/// 1e−12 per point in units of max|y|) of the minimum, the one with the **smallest slope**, then the
/// **smallest intercept**. Deterministic and independent of the order of the points (up to rounding).
///
/// Errors as for [`fit_mse`].
pub fn fit_mae(points: &[(f64, f64)]) -> Result<Line, FitError> {
    let s = Scaled::new(points)?;
    let (a, b) = mae_scaled(&s.pts);
    s.unscale(a, b)
}

fn mae_scaled(pts: &[(f64, f64)]) -> (f64, f64) {
    let n = pts.len();
    let abs_tol = MAE_TIE_REL * n as f64;
    let mut buf: Vec<(f64, f64)> = Vec::with_capacity(n);
    let mut best: Option<(f64, f64, f64)> = None; // (objective, a, b)
    for &(xi, yi) in pts {
        buf.clear();
        let mut total_w = 0.0;
        for &(xj, yj) in pts {
            let dx = xj - xi;
            if dx != 0.0 {
                let w = dx.abs();
                buf.push(((yj - yi) / dx, w));
                total_w += w;
            }
        }
        if buf.is_empty() {
            continue;
        }
        buf.sort_unstable_by(|p, q| p.0.total_cmp(&q.0));
        // Lower weighted median: the first slope whose cumulative weight reaches half the total.
        let half = 0.5 * total_w * (1.0 - MAE_TIE_REL);
        let mut cum = 0.0;
        let mut a = buf.last().map_or(0.0, |p| p.0);
        for &(slope, w) in buf.iter() {
            cum += w;
            if cum >= half {
                a = slope;
                break;
            }
        }
        let b = yi - a * xi;
        if !(a.is_finite() && b.is_finite()) {
            continue;
        }
        let obj = sum_abs_residuals(pts, a, b);
        best = match best {
            None => Some((obj, a, b)),
            Some((bo, ba, bb)) => {
                let tol = MAE_TIE_REL * obj.min(bo) + abs_tol;
                if obj < bo - tol {
                    Some((obj, a, b))
                } else if obj <= bo + tol && (a < ba || (a == ba && b < bb)) {
                    Some((obj.min(bo), a, b))
                } else {
                    Some((bo, ba, bb))
                }
            }
        };
    }
    // `best` is always set: Scaled::new guarantees two distinct x, so every pivot has a slope.
    best.map_or((0.0, 0.0), |(_, a, b)| (a, b))
}

// ---------------------------------------------------------------------------------------------
// Huber
// ---------------------------------------------------------------------------------------------

/// Huber loss of one residual: ½r² if |r| < δ else δ(|r| − ½δ) (linear branch at |r| = δ).
#[inline]
fn huber_term(r: f64, delta: f64) -> f64 {
    let ar = r.abs();
    if ar < delta {
        0.5 * r * r
    } else {
        delta * (ar - 0.5 * delta)
    }
}

fn huber_objective(pts: &[(f64, f64)], a: f64, b: f64, delta: f64) -> f64 {
    pts.iter()
        .map(|&(x, y)| huber_term(a * x + b - y, delta))
        .sum()
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
///    returned unchanged (bit-identical to [`fit_mse`]).
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
/// Errors as for [`fit_mse`], plus δ ≤ 0 or non-finite → [`FitError::InvalidDelta`].
pub fn fit_huber(points: &[(f64, f64)], delta: f64) -> Result<Line, FitError> {
    check_points(points)?;
    check_delta(delta)?;
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
        order.sort_unstable_by(|p, q| p.0.total_cmp(&q.0));
        for &(_, i) in order.iter() {
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
    bps.sort_unstable_by(f64::total_cmp);
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
fn huber_scaled(
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

// ---------------------------------------------------------------------------------------------
// Residual summaries and influence
// ---------------------------------------------------------------------------------------------

/// Summary of the residuals r_i = line(x_i) − y_i of a line on the points (means over the n points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResidualStats {
    /// Mean error (1/n) Σ r_i — cancels: 0 for the MSE fit however bad the fit is.
    pub me: f64,
    /// Mean squared error (1/n) Σ r_i².
    pub mse: f64,
    /// Root mean squared error √MSE, in the data's units (computed without overflow).
    pub rmse: f64,
    /// Mean absolute error (1/n) Σ |r_i|.
    pub mae: f64,
    /// Mean Huber loss (1/n) Σ H_δ(r_i), H_δ(r) = ½r² if |r| < δ else δ(|r| − ½δ).
    pub huber: f64,
}

/// Residuals r_i = line(x_i) − y_i into `out`, and their largest magnitude.
fn residuals_into(points: &[(f64, f64)], line: &Line, out: &mut Vec<f64>) -> Result<f64, FitError> {
    out.clear();
    let mut m = 0.0f64;
    for &(x, y) in points {
        let r = line.at(x) - y;
        if !r.is_finite() {
            return Err(FitError::NonFinite);
        }
        m = m.max(r.abs());
        out.push(r);
    }
    Ok(m)
}

/// ME, MSE, RMSE, MAE and mean Huber(δ) of `line` on `points`, with r_i = line(x_i) − y_i.
///
/// Squares are formed on residuals scaled by a power of two s ≥ max|r_i| (exact), so RMSE = s·√(mean
/// (r/s)²) never overflows, and the Huber mean uses H_δ(r) = s²·H_{δ/s}(r/s).
///
/// Errors: fewer than 2 points → [`FitError::TooFewPoints`]; a NaN/∞ coordinate or line coefficient, or
/// a residual or loss too large for f64 → [`FitError::NonFinite`]; invalid δ →
/// [`FitError::InvalidDelta`]. (All x equal is fine here: no fit is needed.)
pub fn residual_stats(
    points: &[(f64, f64)],
    line: &Line,
    delta: f64,
) -> Result<ResidualStats, FitError> {
    check_points(points)?;
    check_delta(delta)?;
    if !line.slope.is_finite() || !line.intercept.is_finite() {
        return Err(FitError::NonFinite);
    }
    let n = points.len() as f64;
    let (mut me, mut mae, mut m) = (0.0, 0.0, 0.0f64);
    for &(x, y) in points {
        let r = line.at(x) - y;
        if !r.is_finite() {
            return Err(FitError::NonFinite);
        }
        me += r / n;
        mae += r.abs() / n;
        m = m.max(r.abs());
    }
    let s = 2.0 * pow2_scale(m);
    let ds = delta / s;
    let (mut q, mut h) = (0.0, 0.0);
    for &(x, y) in points {
        let r = (line.at(x) - y) / s;
        q += r * r;
        h += huber_term(r, ds);
    }
    let (q, h) = (q / n, h / n);
    let stats = ResidualStats {
        me,
        mse: s * (s * q),
        rmse: s * q.sqrt(),
        mae,
        huber: s * (s * h),
    };
    if [stats.me, stats.mse, stats.rmse, stats.mae, stats.huber]
        .iter()
        .all(|v| v.is_finite())
    {
        Ok(stats)
    } else {
        Err(FitError::NonFinite)
    }
}

/// One point's influence on each fit (the lab's bars).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointInfluence {
    /// r_i² / Σ_j r_j² at the MSE line (0 if the total is 0).
    pub share_mse: f64,
    /// |r_i| / Σ_j |r_j| at the MAE line (0 if the total is 0).
    pub share_mae: f64,
    /// H_δ(r_i) / Σ_j H_δ(r_j) at the Huber(δ) line (0 if the total is 0).
    pub share_huber: f64,
    /// ψ_MSE(r_i) = dℓ/dr = 2r_i at the MSE line.
    pub pull_mse: f64,
    /// ψ_MAE(r_i) = sign(r_i) at the MAE line (sign(0) = 0; a residual within rounding of 0, i.e.
    /// |r_i| ≤ 8ε(|slope·x_i| + |intercept| + |y_i|), counts as 0: the line passes through that point).
    pub pull_mae: f64,
    /// ψ_Huber(r_i) = clamp(r_i, −δ, δ) at the Huber(δ) line.
    pub pull_huber: f64,
}

/// Per-point influence: each point's share (in [0, 1], summing to 1 unless the total loss is 0, when all
/// shares are 0) of the total MSE, MAE and Huber(δ) loss, and its pull ψ(r) = dℓ/dr — 2r, sign r
/// (sign 0 = 0), clamp(r, −δ, δ) — each evaluated at that loss's own fitted line ([`fit_mse`],
/// [`fit_mae`], [`fit_huber`]). Residuals r_i = line(x_i) − y_i. Shares are formed on residuals scaled
/// by a power of two (no overflow).
///
/// Errors: those of the three fits; a residual or pull too large for f64 → [`FitError::NonFinite`].
pub fn influence(points: &[(f64, f64)], delta: f64) -> Result<Vec<PointInfluence>, FitError> {
    check_points(points)?;
    check_delta(delta)?;
    // The three fits exactly as fit_mse / fit_mae / fit_huber compute them, sharing the scaling and the
    // MAE solve.
    let sc = Scaled::new(points)?;
    let mse = mse_scaled(&sc)?;
    let mae = mae_scaled(&sc.pts);
    let hub = huber_scaled(&sc, delta, mse, || mae);
    let (l_mse, l_mae, l_hub) = (
        sc.unscale(mse.0, mse.1)?,
        sc.unscale(mae.0, mae.1)?,
        sc.unscale(hub.0, hub.1)?,
    );
    let n = points.len();
    let mut out = vec![
        PointInfluence {
            share_mse: 0.0,
            share_mae: 0.0,
            share_huber: 0.0,
            pull_mse: 0.0,
            pull_mae: 0.0,
            pull_huber: 0.0,
        };
        n
    ];
    let mut r = Vec::with_capacity(n);

    // MSE: shares of r², pull 2r.
    let m = residuals_into(points, &l_mse, &mut r)?;
    let s = pow2_scale(m);
    let total: f64 = r.iter().map(|&ri| (ri / s) * (ri / s)).sum();
    for (o, &ri) in out.iter_mut().zip(&r) {
        o.share_mse = if total > 0.0 {
            (ri / s) * (ri / s) / total
        } else {
            0.0
        };
        o.pull_mse = 2.0 * ri;
        if !o.pull_mse.is_finite() {
            return Err(FitError::NonFinite);
        }
    }

    // MAE: shares of |r|, pull sign r — with a rounding-level residual (the line interpolates the point)
    // counted as 0, so the two points an MAE line passes through show no pull.
    let m = residuals_into(points, &l_mae, &mut r)?;
    let s = pow2_scale(m);
    let total: f64 = r.iter().map(|&ri| (ri / s).abs()).sum();
    for ((o, &ri), &(x, y)) in out.iter_mut().zip(&r).zip(points) {
        o.share_mae = if total > 0.0 {
            (ri / s).abs() / total
        } else {
            0.0
        };
        let noise =
            8.0 * f64::EPSILON * ((l_mae.slope * x).abs() + l_mae.intercept.abs() + y.abs());
        o.pull_mae = if ri > noise {
            1.0
        } else if ri < -noise {
            -1.0
        } else {
            0.0
        };
    }

    // Huber: shares of H_δ(r) = s²·H_{δ/s}(r/s), pull clamp(r, −δ, δ).
    let m = residuals_into(points, &l_hub, &mut r)?;
    let s = pow2_scale(m);
    let ds = delta / s;
    let mut total: f64 = r.iter().map(|&ri| huber_term(ri / s, ds)).sum();
    // δ/s can underflow to 0 only for δ negligible against the residuals: H_δ ∝ |r| then.
    let abs_shares = (total.is_nan() || total <= 0.0) && m > 0.0;
    if abs_shares {
        total = r.iter().map(|&ri| (ri / s).abs()).sum();
    }
    for (o, &ri) in out.iter_mut().zip(&r) {
        let term = if abs_shares {
            (ri / s).abs()
        } else {
            huber_term(ri / s, ds)
        };
        o.share_huber = if total > 0.0 { term / total } else { 0.0 };
        o.pull_huber = ri.clamp(-delta, delta);
    }
    Ok(out)
}
