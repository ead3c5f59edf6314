//! The (s_n, s_p) plane of the circle-loss figures: the loss sampled on a grid for the heat map, and
//! the two decision boundaries clipped to the similarity square [−1, 1]². Figure data, built from the
//! loss core's [`Circle`] (which keeps only the maths: ℓp, ℓn, the loss, its boundaries in closed form).

use crate::loss::metric::circle::{is_similarity, Circle, CircleBoundary, LinearBoundary};
use crate::loss::LossError;

/// The largest grid side [`loss_grid`] accepts.
pub const MAX_GRID_SIDE: usize = 10_000;

/// The most boundary points [`circle_points`] returns.
pub const MAX_BOUNDARY_POINTS: usize = 1_000_000;

/// L on a grid for a heat map: `out[iy * nx + ix]` is L(s_p = s_p_min + iy·Δy, s_n = s_n_min + ix·Δx),
/// with 2 ≤ nx, ny ≤ [`MAX_GRID_SIDE`] points spanning each closed range (smaller values are raised
/// to 2).
pub fn loss_grid(circle: &Circle, s_n_range: (f64, f64), s_p_range: (f64, f64), nx: usize, ny: usize) -> Result<Vec<f64>, LossError> {
    check_grid_size(nx, ny)?;
    let mut out = vec![0.0; nx.max(2) * ny.max(2)];
    loss_grid_into(circle, s_n_range, s_p_range, nx, ny, &mut out)?;
    Ok(out)
}

/// [`loss_grid`] into a caller's buffer of length nx·ny (reused across frames). ℓn depends on the
/// column only and ℓp on the row only, so each is computed once: one softplus per cell, no allocation
/// beyond one row of ℓn.
pub fn loss_grid_into(
    circle: &Circle,
    s_n_range: (f64, f64),
    s_p_range: (f64, f64),
    nx: usize,
    ny: usize,
    out: &mut [f64],
) -> Result<(), LossError> {
    for (name, (lo, hi)) in [("s_n range", s_n_range), ("s_p range", s_p_range)] {
        for (index, value) in [lo, hi].into_iter().enumerate() {
            if !is_similarity(value) {
                return Err(LossError::InvalidValue { name, index, value, requirement: "must be a cosine similarity between −1 and 1" });
            }
        }
    }
    check_grid_size(nx, ny)?;
    let (nx, ny) = (nx.max(2), ny.max(2));
    if out.len() != nx * ny {
        return Err(LossError::LengthMismatch { left_name: "grid buffer", left: out.len(), right_name: "grid cells", right: nx * ny });
    }
    let dx = (s_n_range.1 - s_n_range.0) / (nx - 1) as f64;
    let dy = (s_p_range.1 - s_p_range.0) / (ny - 1) as f64;
    let ln: Vec<f64> = (0..nx).map(|ix| circle.logit_n(s_n_range.0 + dx * ix as f64)).collect();
    for (iy, row) in out.chunks_exact_mut(nx).enumerate() {
        let lp = circle.logit_p(s_p_range.0 + dy * iy as f64);
        for (o, &l) in row.iter_mut().zip(&ln) {
            *o = crate::loss::num::softplus(l + lp);
        }
    }
    Ok(())
}

fn check_grid_size(nx: usize, ny: usize) -> Result<(), LossError> {
    for (name, side) in [("grid width", nx), ("grid height", ny)] {
        if side > MAX_GRID_SIDE {
            return Err(LossError::InvalidParameter { name, value: side as f64, requirement: "must be at most 10000" });
        }
    }
    Ok(())
}

/// `n` points (clamped to [2, 10⁶]) (s_n, s_p) along the circle, restricted to the square [−1, 1]²
/// (the similarity range), ordered by angle; the arc inside the square is sampled evenly.
pub fn circle_points(boundary: &CircleBoundary, n: usize) -> Vec<(f64, f64)> {
    let n = n.clamp(2, MAX_BOUNDARY_POINTS);
    (0..n)
        .map(|i| {
            let t = std::f64::consts::TAU * i as f64 / (n - 1) as f64;
            (boundary.center_s_n + boundary.radius * t.cos(), boundary.center_s_p + boundary.radius * t.sin())
        })
        .filter(|&(x, y)| (-1.0..=1.0).contains(&x) && (-1.0..=1.0).contains(&y))
        .collect()
}

/// The part of the line s_p = s_n + offset inside [−1, 1]², as its two end points (s_n, s_p); `None`
/// if the line misses the square.
pub fn linear_segment(boundary: &LinearBoundary) -> Option<((f64, f64), (f64, f64))> {
    let lo = (-1.0f64).max(-1.0 - boundary.offset);
    let hi = 1.0f64.min(1.0 - boundary.offset);
    if lo > hi {
        None
    } else {
        Some(((lo, lo + boundary.offset), (hi, hi + boundary.offset)))
    }
}
