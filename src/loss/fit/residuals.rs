//! A line's residuals summarised: ME, MSE, RMSE, MAE and the mean Huber loss.

use super::{check_points, huber_of, pow2_scale, Line};
use crate::loss::regression::Regression;
use crate::loss::LossError;

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

/// ME, MSE, RMSE, MAE and mean Huber(δ) of `line` on `points`, with r_i = line(x_i) − y_i.
///
/// Squares are formed on residuals scaled by a power of two s ≥ max|r_i| (exact), so RMSE = s·√(mean
/// (r/s)²) never overflows, and the Huber mean uses H_δ(r) = s²·H_{δ/s}(r/s).
///
/// Errors: fewer than 2 points → [`LossError::TooFewPoints`]; a NaN/∞ coordinate or line coefficient, or
/// a residual or loss too large for f64 → [`LossError::NonFinite`]; invalid δ →
/// [`LossError::InvalidParameter`]. (All x equal is fine here: no fit is needed.)
pub fn residual_stats(
    points: &[(f64, f64)],
    line: &Line,
    delta: f64,
) -> Result<ResidualStats, LossError> {
    check_points(points)?;
    huber_of(delta)?;
    if !line.slope.is_finite() || !line.intercept.is_finite() {
        return Err(LossError::NonFinite);
    }
    let n = points.len() as f64;
    let (mut me, mut mae, mut m) = (0.0, 0.0, 0.0f64);
    for &(x, y) in points {
        let r = line.at(x) - y;
        if !r.is_finite() {
            return Err(LossError::NonFinite);
        }
        me += r / n;
        mae += r.abs() / n;
        m = m.max(r.abs());
    }
    let s = 2.0 * pow2_scale(m);
    let huber = Regression::Huber { delta: delta / s };
    let (mut q, mut h) = (0.0, 0.0);
    for &(x, y) in points {
        let r = (line.at(x) - y) / s;
        q += r * r;
        h += huber.element(r);
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
        Err(LossError::NonFinite)
    }
}

