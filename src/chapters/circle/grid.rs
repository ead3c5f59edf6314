//! The (s_n, s_p) plane of the circle-loss figures: the loss sampled on a grid for the heat map, and
//! the two decision boundaries clipped to the similarity square [−1, 1]². Figure data, built from the
//! loss core's [`Circle`] (which keeps only the maths: ℓp, ℓn, the loss, its boundaries in closed form).

use crate::loss::metric::circle::{is_similarity, Circle, CircleBoundary, LinearBoundary};
use crate::loss::exp_log::{exp, ln_1p, ln_1p_x2};
use crate::loss::lanes::F64x2;
use crate::loss::num::SOFTPLUS_TAIL_NEGLIGIBLE as NEGLIGIBLE;
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
    let columns = Columns::new((0..nx).map(|ix| circle.logit_n(s_n_range.0 + dx * ix as f64)));
    for (iy, row) in out.chunks_exact_mut(nx).enumerate() {
        columns.fill_row(&Logit::new(circle.logit_p(s_p_range.0 + dy * iy as f64)), row);
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
        Logit { value, exp: exp(value), exp_neg: exp(-value), tame: value.abs() <= 700.0 }
    }
}

/// The columns' logits as three arrays (ℓn, e^ℓn, e^−ℓn), so that two cells load as two lanes.
struct Columns {
    value: Vec<f64>,
    exp: Vec<f64>,
    exp_neg: Vec<f64>,
    /// Every column is [`Logit::tame`].
    tame: bool,
}

impl Columns {
    fn new(values: impl Iterator<Item = f64>) -> Columns {
        let logits: Vec<Logit> = values.map(Logit::new).collect();
        Columns {
            value: logits.iter().map(|l| l.value).collect(),
            exp: logits.iter().map(|l| l.exp).collect(),
            exp_neg: logits.iter().map(|l| l.exp_neg).collect(),
            tame: logits.iter().all(|l| l.tame),
        }
    }

    fn column(&self, ix: usize) -> Logit {
        Logit { value: self.value[ix], exp: self.exp[ix], exp_neg: self.exp_neg[ix], tame: self.tame }
    }

    /// One row of cells: softplus(ℓn + ℓp) for every column, two at a time on [`F64x2`] lanes where
    /// every logit is tame (the products of exponentials are then exact enough), one by one otherwise.
    fn fill_row(&self, lp: &Logit, row: &mut [f64]) {
        let mut done = 0;
        if self.tame && lp.tame {
            let (value, exp_p, exp_neg_p) = (F64x2::splat(lp.value), F64x2::splat(lp.exp), F64x2::splat(lp.exp_neg));
            let (values, exps, exps_neg) = (&self.value[..], &self.exp[..], &self.exp_neg[..]);
            assert!(values.len() == row.len() && exps.len() == row.len() && exps_neg.len() == row.len());
            let mut ix = 0;
            while ix + 2 <= row.len() {
                let z = F64x2::load_at(values, ix).add(value);
                let linear = z.gt(F64x2::splat(NEGLIGIBLE));
                // Most cells of the plane are on the linear side: the loss is z itself.
                let cells = if linear.all() {
                    z
                } else {
                    let by_row_and_column = F64x2::load_at(exps_neg, ix).mul(exp_neg_p);
                    let e = z.ge(F64x2::splat(0.0)).select(by_row_and_column, F64x2::load_at(exps, ix).mul(exp_p));
                    linear.select(z, softplus_from_tail_x2(z, e))
                };
                cells.store_at(row, ix);
                ix += 2;
            }
            done = ix;
        }
        for (ix, cell) in row.iter_mut().enumerate().skip(done) {
            *cell = softplus_of_sum(&self.column(ix), lp);
        }
    }
}

/// softplus(z) for z = ℓn + ℓp, as [`softplus`](crate::loss::num::softplus) computes it:
/// max(z, 0) + ln(1 + e^{−|z|}). For z > 36.8 that sum rounds to z (e^{−z} is below half an ulp of z),
/// so no exponential is needed; e^{−|z|} is the product of the row's and column's exponentials (or an
/// exp where one of them would overflow); ln(1 + e) only where e is not negligible (|z| ≤ 36.8).
#[inline]
fn softplus_of_sum(ln: &Logit, lp: &Logit) -> f64 {
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

/// Beyond this |z|, e = e^{−|z|} < 2⁻²⁷ and ln(1 + e) = e − e²/2 + e³/3 − …: the first two terms are
/// within a quarter ulp of it (e³/3 < 2⁻⁵⁵·e), so no logarithm is needed.
const TWO_TERMS_SUFFICE: f64 = 18.8;

/// [`softplus_of_sum`]'s last step on two lanes, given z and e = e^{−|z|}: the same selects, with
/// ln(1 + e) as e − e²/2 where |z| > 18.8 and a logarithm only when a lane lies within 18.8 of the
/// boundary.
#[inline(always)]
fn softplus_from_tail_x2(z: F64x2, e: F64x2) -> F64x2 {
    let linear = z.gt(F64x2::splat(NEGLIGIBLE));
    let tiny = z.lt(F64x2::splat(-NEGLIGIBLE));
    let zero = F64x2::splat(0.0);
    let near = z.abs().lt(F64x2::splat(TWO_TERMS_SUFFICE));
    let tail = if near.any() { near_boundary_x2(e) } else { e.sub(F64x2::splat(0.5).mul(e).mul(e)) };
    let band = z.gt(zero).select(z, zero).add(tail);
    linear.select(z, tiny.select(e, band))
}

/// ln(1 + e) on two lanes, the lane far from the boundary (e < 2⁻²⁷) by its two first terms. Not
/// inlined: the size-optimised build would otherwise compute the logarithm for every cell (as a
/// select) instead of only near the boundary (measured: 0.76 ms instead of 0.3 ms for a 400 × 400
/// grid in the browser).
#[inline(never)]
fn near_boundary_x2(e: F64x2) -> F64x2 {
    let far = e.lt(F64x2::splat(TWO_TERMS_BOUND));
    far.select(e.sub(F64x2::splat(0.5).mul(e).mul(e)), ln_1p_x2(e))
}

/// e^{−18.8}, rounded up: below it, two terms of ln(1 + e) suffice.
const TWO_TERMS_BOUND: f64 = 6.9e-9;

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
