//! The least-squares line: minimises Σ r_i² in closed form.

use super::{weighted_ls, Line, Scaled};
use crate::loss::LossError;

pub(crate) fn mse_scaled(s: &Scaled) -> Result<(f64, f64), LossError> {
    weighted_ls(&s.pts, |_, _| 1.0).ok_or(LossError::AllOnOneVertical {
        x: s.pts.first().map_or(0.0, |p| p.0 * s.sx),
    })
}

/// Least-squares line: minimises Σ r_i² with r_i = slope·x_i + intercept − y_i.
///
/// Closed form on centred sums: slope = Σ(x_i − x̄)(y_i − ȳ) / Σ(x_i − x̄)², intercept = ȳ − slope·x̄.
///
/// Errors: fewer than 2 points → [`LossError::TooFewPoints`]; a NaN/∞ coordinate →
/// [`LossError::NonFinite`]; all x equal within 1e−12 relative → [`LossError::AllOnOneVertical`].
pub fn fit_mse(points: &[(f64, f64)]) -> Result<Line, LossError> {
    let s = Scaled::new(points)?;
    let (a, b) = mse_scaled(&s)?;
    s.unscale(a, b)
}

