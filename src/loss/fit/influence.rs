//! Each point's influence on each fit: its share of the loss and its pull ψ = dℓ/dr on the line.

use super::{check_points, fit_all, huber_of, pow2_scale, Fits, Line};
use crate::loss::regression::Regression;
use crate::loss::LossError;

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

/// Per-point influence at the three lines fitted here ([`fit_all`](super::fit_all)): see [`influence_of`](super::influence_of).
pub fn influence(points: &[(f64, f64)], delta: f64) -> Result<Vec<PointInfluence>, LossError> {
    let fits = fit_all(points, delta)?;
    influence_of(points, &fits, delta)
}

/// Per-point influence: each point's share (in [0, 1], summing to 1 unless the total loss is 0, when all
/// shares are 0) of the total MSE, MAE and Huber(δ) loss, and its pull ψ(r) = dℓ/dr — 2r, sign r
/// (sign 0 = 0), clamp(r, −δ, δ) — each evaluated at that loss's own fitted line ([`fit_mse`](super::fit_mse),
/// [`fit_mae`](super::fit_mae), [`fit_huber`](super::fit_huber); given here as `fits`, so a caller that has the lines fits nothing
/// twice). ψ is the derivative of [`Regression::Mse`], [`Regression::Mae`] and [`Regression::Huber`].
/// Residuals r_i = line(x_i) − y_i. Shares are formed on residuals scaled by a power of two (no
/// overflow).
///
/// Errors: fewer than 2 points, a non-finite coordinate, an invalid δ; a residual or pull too large
/// for f64 → [`LossError::NonFinite`].
pub fn influence_of(points: &[(f64, f64)], fits: &Fits, delta: f64) -> Result<Vec<PointInfluence>, LossError> {
    check_points(points)?;
    let huber = huber_of(delta)?;
    let (l_mse, l_mae, l_hub) = (fits.mse, fits.mae, fits.huber);
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
        o.pull_mse = Regression::Mse.element_derivative(ri);
        if !o.pull_mse.is_finite() {
            return Err(LossError::NonFinite);
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
        let interpolated = ri.abs() <= noise;
        o.pull_mae = Regression::Mae.element_derivative(if interpolated { 0.0 } else { ri });
    }

    // Huber: shares of H_δ(r) = s²·H_{δ/s}(r/s), pull ψ = clamp(r, −δ, δ).
    let m = residuals_into(points, &l_hub, &mut r)?;
    let s = pow2_scale(m);
    let scaled = Regression::Huber { delta: delta / s };
    let mut total: f64 = r.iter().map(|&ri| scaled.element(ri / s)).sum();
    // δ/s can underflow to 0 only for δ negligible against the residuals: H_δ ∝ |r| then.
    let abs_shares = (total.is_nan() || total <= 0.0) && m > 0.0;
    if abs_shares {
        total = r.iter().map(|&ri| (ri / s).abs()).sum();
    }
    for (o, &ri) in out.iter_mut().zip(&r) {
        let term = if abs_shares {
            (ri / s).abs()
        } else {
            scaled.element(ri / s)
        };
        o.share_huber = if total > 0.0 { term / total } else { 0.0 };
        o.pull_huber = huber.element_derivative(ri);
    }
    Ok(out)
}

/// Residuals r_i = line(x_i) − y_i into `out`, and their largest magnitude.
fn residuals_into(points: &[(f64, f64)], line: &Line, out: &mut Vec<f64>) -> Result<f64, LossError> {
    out.clear();
    let mut m = 0.0f64;
    for &(x, y) in points {
        let r = line.at(x) - y;
        if !r.is_finite() {
            return Err(LossError::NonFinite);
        }
        m = m.max(r.abs());
        out.push(r);
    }
    Ok(m)
}
