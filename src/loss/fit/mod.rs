//! Fitting a line y = slope·x + intercept to 2-D points under three regression losses — the maths
//! behind the Regression chapter's fit-a-line lab.
//!
//! Residuals follow `MATHS.md` §1: r_i = pred − target = line(x_i) − y_i.
//!
//! | fit | objective minimised over (slope, intercept) | method |
//! |---|---|---|
//! | [`fit_mse`] ([`mse`]) | Σ r_i² | closed form on centred sums |
//! | [`fit_mae`] ([`mae`]) | Σ \|r_i\| | exact: weighted medians through every data point, O(n² log n) |
//! | [`fit_huber`] ([`huber`]) | Σ H_δ(r_i), H_δ = [`Regression::Huber`]'s ℓ | IRLS / Newton steps with exact line search from the MSE fit, finished by an exact piecewise-quadratic solve |
//!
//! [`fit_all`] fits the three at once (sharing the scaling and the MAE solve); [`residual_stats`]
//! ([`residuals`]) summarises a line's residuals; [`influence_of`] ([`influence`]) gives each point's
//! share of each loss and its pull on each line, from fits already made.
//!
//! Numerical robustness: every fit works on a copy of the points scaled by powers of two (exact, no
//! rounding) so that the largest |x| and the largest |y| lie in [1, 2); sums are centred. Any finite input
//! therefore gives a finite line, except when the line itself is too steep or too high for f64, which is
//! reported as [`LossError::NonFinite`] instead of returning ±∞ or NaN.
//!
//! Nothing here panics on user input: every public function validates and returns a [`LossError`]
//! (fewer than 2 points: [`LossError::TooFewPoints`]; every x equal: [`LossError::AllOnOneVertical`];
//! a NaN/∞ coordinate or a result beyond f64: [`LossError::NonFinite`]; δ ≤ 0:
//! [`LossError::InvalidParameter`], as [`Regression::huber`] says).

pub mod huber;
pub mod influence;
pub mod mae;
pub mod mse;
pub mod residuals;

pub use huber::{fit_huber, HUBER_IRLS_TOL, HUBER_MAX_ITER};
pub use influence::{influence, influence_of, PointInfluence};
pub use mae::fit_mae;
pub use mse::fit_mse;
pub use residuals::{residual_stats, ResidualStats};

use super::regression::Regression;
use super::LossError;

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

/// The three fitted lines of one point set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fits {
    /// The least-squares line ([`fit_mse`]).
    pub mse: Line,
    /// The least-absolute-deviations line ([`fit_mae`]).
    pub mae: Line,
    /// The Huber(δ) line ([`fit_huber`]).
    pub huber: Line,
}

/// The MSE, MAE and Huber(δ) lines exactly as [`fit_mse`], [`fit_mae`] and [`fit_huber`] compute them,
/// sharing the scaling and the MAE solve. Errors as theirs.
pub fn fit_all(points: &[(f64, f64)], delta: f64) -> Result<Fits, LossError> {
    check_points(points)?;
    huber_of(delta)?;
    let sc = Scaled::new(points)?;
    let mse = mse::mse_scaled(&sc)?;
    let mae = mae::mae_scaled(&sc.pts);
    let hub = huber::huber_scaled(&sc, delta, mse, || mae);
    Ok(Fits { mse: sc.unscale(mse.0, mse.1)?, mae: sc.unscale(mae.0, mae.1)?, huber: sc.unscale(hub.0, hub.1)? })
}

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
pub(crate) fn pow2_scale(m: f64) -> f64 {
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

pub(crate) fn check_points(points: &[(f64, f64)]) -> Result<(), LossError> {
    if points.len() < 2 {
        return Err(LossError::TooFewPoints { have: points.len() });
    }
    if points
        .iter()
        .any(|&(x, y)| !x.is_finite() || !y.is_finite())
    {
        return Err(LossError::NonFinite);
    }
    Ok(())
}

/// The Huber loss of threshold δ, validated as [`Regression::huber`] validates it (finite, > 0).
pub(crate) fn huber_of(delta: f64) -> Result<Regression, LossError> {
    Regression::huber(delta)
}

/// The points scaled by powers of two, plus the factors to undo it.
pub(crate) struct Scaled {
    pub(crate) pts: Vec<(f64, f64)>,
    pub(crate) sx: f64,
    pub(crate) sy: f64,
}

impl Scaled {
    /// Validates (count, finiteness, not all on one vertical) and scales.
    pub(crate) fn new(points: &[(f64, f64)]) -> Result<Scaled, LossError> {
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
            return Err(LossError::AllOnOneVertical { x });
        }
        let (sx, sy) = (pow2_scale(ax), pow2_scale(ay));
        let (ix, iy) = (1.0 / sx, 1.0 / sy);
        let pts = points.iter().map(|&(x, y)| (x * ix, y * iy)).collect();
        Ok(Scaled { pts, sx, sy })
    }

    /// Converts a scaled-space line (a, b) back to the caller's units.
    pub(crate) fn unscale(&self, a: f64, b: f64) -> Result<Line, LossError> {
        let line = Line {
            slope: mul_ratio(a, self.sy, self.sx),
            intercept: b * self.sy,
        };
        if line.slope.is_finite() && line.intercept.is_finite() {
            Ok(line)
        } else {
            Err(LossError::NonFinite)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Weighted least squares (the MSE fit, and the IRLS steps of the Huber fit)
// ---------------------------------------------------------------------------------------------

/// Weighted least squares on centred sums; `w(x, y)` gives a point's weight (all > 0).
/// Returns None only if the weighted x-spread is 0.
pub(crate) fn weighted_ls(pts: &[(f64, f64)], w: impl Fn(f64, f64) -> f64) -> Option<(f64, f64)> {
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
