//! Numerically careful building blocks shared by the loss families (σ, softplus, LSE, softmax)
//! and the input checks every public entry point runs before computing anything.
//!
//! Everything here is total on finite input: no panics, no NaN from finite numbers.

use super::LossError;

/// σ(x) = 1/(1+e^{−x}), evaluated so that neither branch overflows: for x < 0 it is e^x/(1+e^x).
/// Relative precision holds on both tails (σ(−50) ≈ 1.9e−22, not 0).
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// logit(p) = ln(p/(1−p)), the inverse of σ, as ln p − log1p(−p) (exact near 0 and 1); −∞ at p = 0,
/// +∞ at p = 1.
#[inline]
pub fn logit(p: f64) -> f64 {
    p.ln() - (-p).ln_1p()
}

/// Beyond this |z|, e^{−|z|} < 2⁻⁵³: log1p(e^{−|z|}) equals e^{−|z|} to the last bit, and
/// max(z, 0) + e^{−|z|} rounds to z for z above it.
pub const SOFTPLUS_TAIL_NEGLIGIBLE: f64 = 36.8;

/// softplus(z) = ln(1+e^z) = max(z,0) + log1p(e^{−|z|}); never overflows, exact to relative precision
/// on both tails (softplus(−50) ≈ 1.9e−22).
#[inline]
pub fn softplus(z: f64) -> f64 {
    let a = z.abs();
    // e^{-a} underflows to 0 for a > 745; log1p(tiny) == tiny below 2^-53, skip the log there.
    let tail = if a > SOFTPLUS_TAIL_NEGLIGIBLE { (-a).exp() } else { (-a).exp().ln_1p() };
    z.max(0.0) + tail
}

/// log-sum-exp with the maximum subtracted: ln Σ e^{x_k}. −∞ for an empty slice (the empty sum is 0).
pub fn logsumexp(x: &[f64]) -> f64 {
    let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if m == f64::NEG_INFINITY || !m.is_finite() {
        return m;
    }
    let s: f64 = x.iter().map(|&v| (v - m).exp()).sum();
    m + s.ln()
}

/// softmax(x) into `out` (same length); returns ln Σ e^{x_k − max} and the max, so callers can form
/// log-softmax as x_k − max − ln S without a second pass over exp.
pub(crate) fn softmax_into(x: &[f64], out: &mut [f64]) -> (f64, f64) {
    let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut s = 0.0;
    for (o, &v) in out.iter_mut().zip(x) {
        let e = (v - m).exp();
        *o = e;
        s += e;
    }
    let inv = 1.0 / s;
    for o in out.iter_mut() {
        *o *= inv;
    }
    (m, s.ln())
}

/// softmax(x) = e^{x_k − LSE(x)}; entries may underflow to 0 but never give NaN on finite input.
pub fn softmax(x: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; x.len()];
    if !x.is_empty() {
        softmax_into(x, &mut out);
    }
    out
}

/// log-softmax x_k − LSE(x): finite for finite x even where softmax underflows to 0.
pub fn log_softmax(x: &[f64]) -> Vec<f64> {
    let l = logsumexp(x);
    x.iter().map(|&v| v - l).collect()
}

/// sign with sign(0) = 0 (the flat-side convention at |x|'s kink).
#[inline]
pub fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

// ---------------------------------------------------------------- input checks

pub(crate) fn check_param(
    name: &'static str,
    value: f64,
    ok: bool,
    requirement: &'static str,
) -> Result<f64, LossError> {
    if ok && !value.is_nan() {
        Ok(value)
    } else {
        Err(LossError::InvalidParameter { name, value, requirement })
    }
}

pub(crate) fn check_nonempty(name: &'static str, len: usize) -> Result<(), LossError> {
    if len == 0 {
        Err(LossError::Empty { name })
    } else {
        Ok(())
    }
}

pub(crate) fn check_same_len(
    left_name: &'static str,
    left: usize,
    right_name: &'static str,
    right: usize,
) -> Result<(), LossError> {
    if left == right {
        Ok(())
    } else {
        Err(LossError::LengthMismatch { left_name, left, right_name, right })
    }
}

pub(crate) fn check_finite(name: &'static str, xs: &[f64]) -> Result<(), LossError> {
    match xs.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(index) => Err(LossError::InvalidValue {
            name,
            index,
            value: xs.get(index).copied().unwrap_or(f64::NAN),
            requirement: "must be a finite number",
        }),
    }
}

pub(crate) fn check_each(
    name: &'static str,
    xs: &[f64],
    ok: impl Fn(f64) -> bool,
    requirement: &'static str,
) -> Result<(), LossError> {
    match xs.iter().position(|&v| !ok(v)) {
        None => Ok(()),
        Some(index) => Err(LossError::InvalidValue {
            name,
            index,
            value: xs.get(index).copied().unwrap_or(f64::NAN),
            requirement,
        }),
    }
}

/// Two non-empty, equally long, finite slices.
pub(crate) fn check_pair(
    a_name: &'static str,
    a: &[f64],
    b_name: &'static str,
    b: &[f64],
) -> Result<(), LossError> {
    check_pair_shape(a_name, a.len(), b_name, b.len())?;
    check_finite(a_name, a)?;
    check_finite(b_name, b)
}

/// [`check_pair`] without the finiteness pass (for loops that check finiteness through their sum).
pub(crate) fn check_pair_shape(a_name: &'static str, a: usize, b_name: &'static str, b: usize) -> Result<(), LossError> {
    check_nonempty(a_name, a)?;
    check_same_len(a_name, a, b_name, b)
}

/// A batch of rows stored flat: `data.len()` must be a non-zero multiple of `width > 0`, every entry
/// finite. Returns the number of rows.
pub(crate) fn check_rows(name: &'static str, data: &[f64], width: usize) -> Result<usize, LossError> {
    let rows = check_row_shape(name, data.len(), width)?;
    check_finite(name, data)?;
    Ok(rows)
}

/// [`check_rows`] without the finiteness pass.
pub(crate) fn check_row_shape(name: &'static str, len: usize, width: usize) -> Result<usize, LossError> {
    if width == 0 {
        return Err(LossError::InvalidParameter {
            name: "number of classes",
            value: 0.0,
            requirement: "must be at least 1",
        });
    }
    check_nonempty(name, len)?;
    if !len.is_multiple_of(width) {
        return Err(LossError::RaggedRows { name, len, width });
    }
    Ok(len / width)
}

/// The order that sorts `keys` ascending by [`f64::total_cmp`], ties in index order (a stable
/// argsort). One heapsort written once for every sort of the crate: each call of the standard
/// library's sorts with another element type or comparator compiles a sort of its own (kilobytes of
/// wasm each), and the sorts here are of a few hundred numbers.
pub fn argsort(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    let before = |a: usize, b: usize| keys[a].total_cmp(&keys[b]).then(a.cmp(&b)).is_lt();
    let sift = |order: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && before(order[child], order[child + 1]) {
            child += 1;
        }
        if !before(order[root], order[child]) {
            break;
        }
        order.swap(root, child);
        root = child;
    };
    let n = order.len();
    for root in (0..n / 2).rev() {
        sift(&mut order, root, n);
    }
    for end in (1..n).rev() {
        order.swap(0, end);
        sift(&mut order, 0, end);
    }
    order
}

/// `values` sorted ascending by [`f64::total_cmp`] (see [`argsort`]).
pub fn sort_floats(values: &mut Vec<f64>) {
    let order = argsort(values);
    *values = order.iter().map(|&i| values[i]).collect();
}
