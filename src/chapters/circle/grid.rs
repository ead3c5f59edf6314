//! The (s_n, s_p) plane of the circle-loss figures: the loss sampled on a grid for the heat map, and
//! the two decision boundaries clipped to the similarity square [−1, 1]². Figure data, built from the
//! loss core's [`Circle`] (which keeps only the maths: ℓp, ℓn, the loss, its boundaries in closed form).

use crate::loss::metric::circle::{is_similarity, Circle, CircleBoundary, LinearBoundary};
use crate::loss::exp_log::{exp, ln_1p, ln_1p_unit_x2};
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
/// in the band |z| ≤ 36.8 around the decision boundary. No allocation beyond one row of ℓn and a
/// list of a row's pairs near the boundary.
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
    let mut near = Vec::with_capacity(nx / 2);
    for (iy, row) in out.chunks_exact_mut(nx).enumerate() {
        columns.fill_row(&Logit::new(circle.logit_p(s_p_range.0 + dy * iy as f64)), row, &mut near);
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

    /// One row of cells: softplus(ℓn + ℓp) for every column, two at a time on [`F64x2`] lanes. Runs
    /// of linear cells (z > 36.8) are z itself. Elsewhere e^{−|z|} is the product of the row's and
    /// the column's exponentials where both logits are tame (exact enough), else the pair is done
    /// one cell at a time. The pairs within 6.3 of the boundary (which need a logarithm) are noted
    /// in `near` during the pass and done after it, two pairs per turn: independent chains of
    /// divisions and polynomials that overlap, with no data-dependent branch between them.
    fn fill_row(&self, lp: &Logit, row: &mut [f64], near: &mut Vec<usize>) {
        let values = &self.value[..];
        assert!(values.len() == row.len() && self.exp.len() == row.len() && self.exp_neg.len() == row.len());
        let tame = self.tame && lp.tame;
        let value = F64x2::splat(lp.value);
        let row_logit = RowLogit { value, exp: F64x2::splat(lp.exp), exp_neg: F64x2::splat(lp.exp_neg) };
        let linear_bound = F64x2::splat(NEGLIGIBLE);
        near.clear();
        let mut ix = 0;
        while ix + 2 <= row.len() {
            // Most cells of the plane are on the linear side, in runs: the loss is z itself.
            while ix + 4 <= row.len() {
                let (a, b) = (F64x2::load_at(values, ix).add(value), F64x2::load_at(values, ix + 2).add(value));
                if !a.gt(linear_bound).and(b.gt(linear_bound)).all() {
                    break;
                }
                a.store_at(row, ix);
                b.store_at(row, ix + 2);
                ix += 4;
            }
            if ix + 2 > row.len() {
                break;
            }
            let z = F64x2::load_at(values, ix).add(value);
            if z.gt(linear_bound).all() {
                z.store_at(row, ix);
            } else if !tame {
                row[ix] = softplus_of_sum(&self.column(ix), lp);
                row[ix + 1] = softplus_of_sum(&self.column(ix + 1), lp);
            } else if z.abs().lt(F64x2::splat(SERIES_SUFFICE)).any() {
                near.push(ix);
            } else {
                let (z, e) = row_logit.z_and_e(self, ix);
                softplus_from_tail_x2(z, e, series_x2(e)).store_at(row, ix);
            }
            ix += 2;
        }
        let mut k = 0;
        while k + 2 <= near.len() {
            let (a, b) = (near[k], near[k + 1]);
            let ((za, ea), (zb, eb)) = (row_logit.z_and_e(self, a), row_logit.z_and_e(self, b));
            let (ta, tb) = (near_boundary_x2(ea), near_boundary_x2(eb));
            softplus_from_tail_x2(za, ea, ta).store_at(row, a);
            softplus_from_tail_x2(zb, eb, tb).store_at(row, b);
            k += 2;
        }
        for &a in &near[k..] {
            let (z, e) = row_logit.z_and_e(self, a);
            softplus_from_tail_x2(z, e, near_boundary_x2(e)).store_at(row, a);
        }
        for (ix, cell) in row.iter_mut().enumerate().skip(ix) {
            *cell = softplus_of_sum(&self.column(ix), lp);
        }
    }
}

/// A row's logit and its exponentials on both lanes.
struct RowLogit {
    value: F64x2,
    exp: F64x2,
    exp_neg: F64x2,
}

impl RowLogit {
    /// z = ℓn + ℓp and e = e^{−|z|} of the cells ix, ix + 1 (a function, not a closure: closures
    /// are not inlined at opt-level "z", and a call returning two lanes goes through memory).
    #[inline(always)]
    fn z_and_e(&self, columns: &Columns, ix: usize) -> (F64x2, F64x2) {
        let z = F64x2::load_at(&columns.value, ix).add(self.value);
        let by_row_and_column = F64x2::load_at(&columns.exp_neg, ix).mul(self.exp_neg);
        (z, z.ge(F64x2::splat(0.0)).select(by_row_and_column, F64x2::load_at(&columns.exp, ix).mul(self.exp)))
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

/// Beyond this |z|, e = e^{−|z|} < 2⁻⁹ and ln(1 + e) = e − e²/2 + e³/3 − …: six terms are within
/// a few hundredths of an ulp of it (the seventh, e⁷/7, is below 2⁻⁵⁶·e), so no logarithm is needed.
const SERIES_SUFFICE: f64 = 6.3;

/// [`softplus_of_sum`]'s last step on two lanes, given z, e = e^{−|z|} and `tail` = ln(1 + e) (as
/// [`series_x2`] or [`near_boundary_x2`] gives it): the same selects.
#[inline(always)]
fn softplus_from_tail_x2(z: F64x2, e: F64x2, tail: F64x2) -> F64x2 {
    let linear = z.gt(F64x2::splat(NEGLIGIBLE));
    let tiny = z.lt(F64x2::splat(-NEGLIGIBLE));
    let zero = F64x2::splat(0.0);
    let band = z.gt(zero).select(z, zero).add(tail);
    linear.select(z, tiny.select(e, band))
}

/// ln(1 + e) for e < 2⁻⁹ by its series to e⁶ (Horner's scheme, e added last).
#[inline(always)]
fn series_x2(e: F64x2) -> F64x2 {
    let c = F64x2::splat;
    let inner = c(1.0 / 5.0).sub(e.mul(c(1.0 / 6.0)));
    let inner = c(1.0 / 3.0).add(e.mul(c(-0.25).add(e.mul(inner))));
    e.add(e.mul(e.mul(c(-0.5).add(e.mul(inner)))))
}

/// ln(1 + e) on two lanes: the series where e < 2⁻⁹ (a lane farther than 6.3 from the boundary), a
/// logarithm elsewhere.
#[inline(always)]
fn near_boundary_x2(e: F64x2) -> F64x2 {
    let far = e.lt(F64x2::splat(SERIES_BOUND));
    far.select(series_x2(e), ln_1p_unit_x2(e))
}

/// 2⁻⁹ (e^{−6.24}): below it, the series suffices.
const SERIES_BOUND: f64 = 1.0 / 512.0;

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
