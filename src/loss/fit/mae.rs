//! The least-absolute-deviations line: minimises Σ |r_i| exactly.

use super::{Line, Scaled};
use crate::loss::LossError;

/// Relative tolerance under which two MAE objective values count as a tie (see [`fit_mae`](super::fit_mae)).
const MAE_TIE_REL: f64 = 1e-12;

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
/// Errors as for [`fit_mse`](super::fit_mse).
pub fn fit_mae(points: &[(f64, f64)]) -> Result<Line, LossError> {
    let s = Scaled::new(points)?;
    let (a, b) = mae_scaled(&s.pts);
    s.unscale(a, b)
}

pub(crate) fn mae_scaled(pts: &[(f64, f64)]) -> (f64, f64) {
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
        let keys: Vec<f64> = buf.iter().map(|p| p.0).collect();
        let sorted: Vec<(f64, f64)> = crate::loss::num::argsort(&keys).into_iter().map(|k| buf[k]).collect();
        buf.clear();
        buf.extend(sorted);
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

