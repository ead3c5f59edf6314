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
/// column only and ℓp on the row only, so each (with its two exponentials) is computed once; a cell
/// costs an addition where the loss is linear (z > 36.8), a product where it is e^z, and one ln(1+e)
/// in the band |z| ≤ 36.8 around the decision boundary. No allocation beyond one row of ℓn.
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
    let columns: Vec<Logit> = (0..nx).map(|ix| Logit::new(circle.logit_n(s_n_range.0 + dx * ix as f64))).collect();
    for (iy, row) in out.chunks_exact_mut(nx).enumerate() {
        let lp = Logit::new(circle.logit_p(s_p_range.0 + dy * iy as f64));
        for (o, ln) in row.iter_mut().zip(&columns) {
            *o = softplus_of_sum(ln, &lp);
        }
    }
    Ok(())
}

/// One logit ℓ with e^ℓ and e^−ℓ, computed once per column or row. A cell's e^{±(ℓn+ℓp)} is then the
/// product of its column's and its row's, instead of an exp per cell.
struct Logit {
    value: f64,
    exp: f64,
    exp_neg: f64,
    /// |ℓ| ≤ 700: both exponentials are finite normal numbers, so products of two are trustworthy.
    tame: bool,
}

impl Logit {
    fn new(value: f64) -> Logit {
        use crate::loss::exp_log::exp;
        Logit { value, exp: exp(value), exp_neg: exp(-value), tame: value.abs() <= 700.0 }
    }
}

/// softplus(z) for z = ℓn + ℓp, as [`softplus`](crate::loss::num::softplus) computes it:
/// max(z, 0) + ln(1 + e^{−|z|}). For z > 36.8 that sum rounds to z (e^{−z} is below half an ulp of z),
/// so no exponential is needed; e^{−|z|} is the product of the row's and column's exponentials (or an
/// exp where one of them would overflow); ln(1 + e) only where e is not negligible (|z| ≤ 36.8).
#[inline]
fn softplus_of_sum(ln: &Logit, lp: &Logit) -> f64 {
    use crate::loss::exp_log::{exp, ln_1p};
    use crate::loss::num::SOFTPLUS_TAIL_NEGLIGIBLE as NEGLIGIBLE;
    let z = ln.value + lp.value;
    if z > NEGLIGIBLE {
        return z;
    }
    let e = if ln.tame && lp.tame {
        if z >= 0.0 { ln.exp_neg * lp.exp_neg } else { ln.exp * lp.exp }
    } else {
        exp(-z.abs())
    };
    if z < -NEGLIGIBLE {
        e
    } else {
        (if z > 0.0 { z } else { 0.0 }) + ln_1p(e)
    }
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
