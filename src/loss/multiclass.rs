//! Multi-class losses on a batch of logit rows (MATHS.md §3–4): softmax cross-entropy with label
//! smoothing, and the multi-class hinge of PyTorch's `MultiMarginLoss`.
//!
//! A batch is a flat row-major slice `logits` of N rows × C classes and one class index per row;
//! the reduced loss is the mean over rows and `grad` has the shape of `logits`.

use super::num::{check_finite, check_nonempty, check_param, check_row_shape, check_same_len};
use super::LossError;
use super::exp_log;
use super::lanes::F64x2;

/// Rows of `classes` finite logits, one class index below `classes` per row (errors in that order).
fn check_batch(logits: &[f64], classes: usize, target: &[usize]) -> Result<usize, LossError> {
    check_row_shape("logits", logits.len(), classes)?;
    check_finite("logits", logits)?;
    check_batch_shape(logits, classes, target)
}

/// [`check_batch`] without the finiteness pass.
fn check_batch_shape(logits: &[f64], classes: usize, target: &[usize]) -> Result<usize, LossError> {
    let rows = check_row_shape("logits", logits.len(), classes)?;
    check_nonempty("target", target.len())?;
    check_same_len("rows of logits", rows, "target", target.len())?;
    match target.iter().position(|&t| t >= classes) {
        None => Ok(rows),
        Some(index) => Err(LossError::InvalidValue {
            name: "target",
            index,
            value: target.get(index).copied().unwrap_or(0) as f64,
            requirement: "must be a class index below the number of classes",
        }),
    }
}

/// Softmax cross-entropy with label smoothing ε ∈ [0, 1] (`torch.nn.CrossEntropyLoss(label_smoothing=ε)`).
///
/// Per row: q = (1−ε)·onehot(y) + ε/C, ℓ = LSE(x) − Σ_k q_k x_k, evaluated as
/// ln Σ e^{x_k − max} + Σ_k q_k (max − x_k) (every term ≥ 0, no cancellation; finite for logits of ±1e3).
/// Gradient ∂ℓ/∂x = softmax(x) − q (softmax entries may underflow to 0, never NaN).
///
/// With a temperature T (see [`CrossEntropy::tempered`]) the logits are divided by T first:
/// ℓ = CE(x/T), ∂ℓ/∂x = (softmax(x/T) − q)/T. T = 1 gives the values above to the bit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CrossEntropy {
    label_smoothing: f64,
    temperature: f64,
}

impl CrossEntropy {
    /// Cross-entropy with smoothing ε; ε must lie in [0, 1].
    pub fn new(label_smoothing: f64) -> Result<Self, LossError> {
        check_param(
            "ε (label smoothing)",
            label_smoothing,
            (0.0..=1.0).contains(&label_smoothing),
            "must lie between 0 and 1",
        )?;
        Ok(CrossEntropy { label_smoothing, temperature: 1.0 })
    }

    /// Cross-entropy of the logits divided by a temperature T (finite, 1e−3 ≤ T ≤ 1e3), with smoothing ε.
    pub fn tempered(label_smoothing: f64, temperature: f64) -> Result<Self, LossError> {
        check_param("T (temperature)", temperature, (1e-3..=1e3).contains(&temperature), "must lie between 0.001 and 1000")?;
        Ok(CrossEntropy { temperature, ..CrossEntropy::new(label_smoothing)? })
    }

    /// The temperature T.
    pub fn temperature(&self) -> f64 {
        self.temperature
    }

    /// The predicted distribution softmax(x/T) of one row of logits.
    pub fn probabilities(&self, logits: &[f64]) -> Vec<f64> {
        let scaled: Vec<f64> = logits.iter().map(|&v| v / self.temperature).collect();
        super::num::softmax(&scaled)
    }

    /// The smoothing ε.
    pub fn label_smoothing(&self) -> f64 {
        self.label_smoothing
    }

    /// The smoothed target q of class `y` among `classes`.
    pub fn smoothed_target(&self, classes: usize, y: usize) -> Vec<f64> {
        let e = self.label_smoothing;
        let c = classes as f64;
        (0..classes).map(|k| if k == y { 1.0 - e + e / c } else { e / c }).collect()
    }

    /// Mean cross-entropy over the rows.
    pub fn value(&self, logits: &[f64], classes: usize, target: &[usize]) -> Result<f64, LossError> {
        let rows = check_batch(logits, classes, target)?;
        let sum: f64 = logits
            .chunks_exact(classes)
            .zip(target)
            .map(|(x, &y)| self.row(x, y, None))
            .sum();
        Ok(sum / rows as f64)
    }

    /// Gradient of the mean with respect to the logits: (softmax(x) − q)/N, flat like `logits`.
    pub fn grad(&self, logits: &[f64], classes: usize, target: &[usize]) -> Result<Vec<f64>, LossError> {
        Ok(self.value_and_grad(logits, classes, target)?.1)
    }

    /// Value and gradient in one pass (one exp per logit).
    pub fn value_and_grad(&self, logits: &[f64], classes: usize, target: &[usize]) -> Result<(f64, Vec<f64>), LossError> {
        let rows = check_batch(logits, classes, target)?;
        let mut grad = vec![0.0; logits.len()];
        let mut sum = 0.0;
        for ((x, g), &y) in logits.chunks_exact(classes).zip(grad.chunks_exact_mut(classes)).zip(target) {
            sum += self.row(x, y, Some(g));
        }
        let inv = 1.0 / rows as f64 / self.temperature;
        for g in grad.iter_mut() {
            *g *= inv;
        }
        Ok((sum / rows as f64, grad))
    }

    /// The mean loss with its gradient written into `grad` (as long as `logits`), without allocating:
    /// what a training loop calls every step with a buffer it keeps. Per row one pass for the
    /// maximum, one for e^{x_k − max} (the core's own [`exp`](super::exp_log::exp), inlined), the sum and
    /// Σ_k (max − x_k), and one to scale; ℓ = ln S + ε/C·Σ_k (max − x_k) + (1−ε)(max − x_y), the same
    /// terms as [`CrossEntropy::value_and_grad`]. Finiteness is checked by the total (a non-finite logit
    /// makes it non-finite; then the checked path reports it). With a temperature ≠ 1 it gives
    /// [`CrossEntropy::value_and_grad`]'s result.
    pub fn value_and_grad_into(&self, logits: &[f64], classes: usize, target: &[usize], grad: &mut [f64]) -> Result<f64, LossError> {
        check_same_len("logits", logits.len(), "gradient buffer", grad.len())?;
        // A malformed batch goes to the checked path too, which reports it as `value_and_grad` does.
        if self.temperature == 1.0 && check_batch_shape(logits, classes, target).is_ok() {
            let total = self.rows_into(logits, classes, target, grad);
            if total.is_finite() {
                return Ok(total);
            }
        }
        let (value, checked) = self.value_and_grad(logits, classes, target)?;
        grad.copy_from_slice(&checked);
        Ok(value)
    }

    /// [`CrossEntropy::value_and_grad_into`]'s loop at T = 1, on a batch whose shape is checked; two
    /// classes at a time on [`F64x2`] lanes (SIMD128 in the browser), in plain index loops (iterator
    /// adapters are not inlined at opt-level "z").
    fn rows_into(&self, logits: &[f64], classes: usize, target: &[usize], grad: &mut [f64]) -> f64 {
        let inv_rows = 1.0 / target.len() as f64;
        let off = self.label_smoothing / classes as f64;
        let on_extra = 1.0 - self.label_smoothing;
        let shift = off * inv_rows;
        let mut total = 0.0;
        for (row, &y) in target.iter().enumerate() {
            let start = row * classes;
            let (x, g) = (&logits[start..start + classes], &mut grad[start..start + classes]);
            let (m, s, below_max) = exponentials_of_row(x, g);
            total += exp_log::ln(s) + off * below_max + on_extra * (m - x[y]);
            let scale = inv_rows / s;
            let (scale2, shift2) = (F64x2::splat(scale), F64x2::splat(shift));
            let mut k = 0;
            while k + 2 <= classes {
                F64x2::load_at(g, k).mul(scale2).sub(shift2).store_at(g, k);
                k += 2;
            }
            if k < classes {
                g[k] = g[k] * scale - shift;
            }
            g[y] -= on_extra * inv_rows;
        }
        total * inv_rows
    }

    /// One row's loss; if `grad` is given, writes softmax(x) − q into it.
    fn row(&self, x: &[f64], y: usize, grad: Option<&mut [f64]>) -> f64 {
        if self.temperature != 1.0 {
            let scaled: Vec<f64> = x.iter().map(|&v| v / self.temperature).collect();
            return CrossEntropy { temperature: 1.0, ..*self }.row(&scaled, y, grad);
        }
        let m = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let c = x.len() as f64;
        let e = self.label_smoothing;
        let off = e / c;
        let on = 1.0 - e + off;
        let mut s = 0.0;
        let mut lin = 0.0;
        match grad {
            Some(g) => {
                for (k, (&v, gk)) in x.iter().zip(g.iter_mut()).enumerate() {
                    let ex = (v - m).exp();
                    *gk = ex;
                    s += ex;
                    let q = if k == y { on } else { off };
                    lin += q * (m - v);
                }
                let inv = 1.0 / s;
                for (k, gk) in g.iter_mut().enumerate() {
                    let q = if k == y { on } else { off };
                    *gk = *gk * inv - q;
                }
            }
            None => {
                for (k, &v) in x.iter().enumerate() {
                    s += (v - m).exp();
                    let q = if k == y { on } else { off };
                    lin += q * (m - v);
                }
            }
        }
        s.ln() + lin
    }
}

/// One row's m = max x_k, then e^{x_k − m} into `e` (as long as `x`), returning (m, Σ e^{x_k − m},
/// Σ (m − x_k)): two classes at a time. A comparison, not f64::max (a call in WebAssembly); a NaN is
/// caught by the caller's total.
#[inline(always)]
fn exponentials_of_row(x: &[f64], e: &mut [f64]) -> (f64, f64, f64) {
    let n = x.len();
    assert!(e.len() == n);
    let pairs = n - n % 2;
    let mut highest = F64x2::splat(f64::NEG_INFINITY);
    let mut k = 0;
    while k < pairs {
        let v = F64x2::load_at(x, k);
        highest = v.gt(highest).select(v, highest);
        k += 2;
    }
    let [a, b] = highest.lanes();
    let mut m = if b > a { b } else { a };
    if pairs < n && x[pairs] > m {
        m = x[pairs];
    }
    let m2 = F64x2::splat(m);
    let (mut sum, mut below) = (F64x2::splat(0.0), F64x2::splat(0.0));
    k = 0;
    // Four pairs per turn: their exponentials are independent, so their latencies overlap.
    while k + 8 <= pairs {
        let (v, w) = (F64x2::load_at(x, k), F64x2::load_at(x, k + 2));
        let (a, b) = (F64x2::load_at(x, k + 4), F64x2::load_at(x, k + 6));
        let (ev, ew) = (exp_log::exp_x2(v.sub(m2)), exp_log::exp_x2(w.sub(m2)));
        let (ea, eb) = (exp_log::exp_x2(a.sub(m2)), exp_log::exp_x2(b.sub(m2)));
        ev.store_at(e, k);
        ew.store_at(e, k + 2);
        ea.store_at(e, k + 4);
        eb.store_at(e, k + 6);
        sum = sum.add(ev.add(ew)).add(ea.add(eb));
        below = below.add(m2.sub(v).add(m2.sub(w))).add(m2.sub(a).add(m2.sub(b)));
        k += 8;
    }
    while k < pairs {
        let v = F64x2::load_at(x, k);
        let ex = exp_log::exp_x2(v.sub(m2));
        ex.store_at(e, k);
        sum = sum.add(ex);
        below = below.add(m2.sub(v));
        k += 2;
    }
    let (mut s, mut below_max) = (sum.sum(), below.sum());
    if pairs < n {
        let ex = exp_log::exp(x[pairs] - m);
        e[pairs] = ex;
        s += ex;
        below_max += m - x[pairs];
    }
    (m, s, below_max)
}

/// Multi-class hinge, PyTorch's `MultiMarginLoss(p, margin)` without class weights:
/// per row ℓ = (1/C) Σ_{j≠y} max(0, margin − x_y + x_j)^p with p ∈ {1, 2}.
///
/// Gradient: each active term (z = margin − x_y + x_j > 0, strictly) contributes d = p·z^{p−1}/C,
/// +d to x_j and −d to x_y; at z = 0 the term is inactive (flat side). Mean over rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MultiMargin {
    p: u8,
    margin: f64,
}

impl MultiMargin {
    /// p must be 1 or 2; the margin finite and ≥ 0 (PyTorch's default: p = 1, margin = 1).
    pub fn new(p: u8, margin: f64) -> Result<Self, LossError> {
        check_param("p", p as f64, p == 1 || p == 2, "must be 1 or 2")?;
        check_param("margin", margin, margin.is_finite() && margin >= 0.0, "must be finite and at least 0")?;
        Ok(MultiMargin { p, margin })
    }

    /// Mean over rows.
    pub fn value(&self, logits: &[f64], classes: usize, target: &[usize]) -> Result<f64, LossError> {
        Ok(self.value_and_grad(logits, classes, target)?.0)
    }

    /// Gradient of the mean with respect to the logits.
    pub fn grad(&self, logits: &[f64], classes: usize, target: &[usize]) -> Result<Vec<f64>, LossError> {
        Ok(self.value_and_grad(logits, classes, target)?.1)
    }

    /// Value and gradient together.
    pub fn value_and_grad(&self, logits: &[f64], classes: usize, target: &[usize]) -> Result<(f64, Vec<f64>), LossError> {
        let rows = check_batch(logits, classes, target)?;
        let c = classes as f64;
        let n = rows as f64;
        let mut grad = vec![0.0; logits.len()];
        let mut sum = 0.0;
        for ((x, g), &y) in logits.chunks_exact(classes).zip(grad.chunks_exact_mut(classes)).zip(target) {
            let xy = x.get(y).copied().unwrap_or(0.0);
            let mut gy = 0.0;
            let mut row = 0.0;
            for (j, (&xj, gj)) in x.iter().zip(g.iter_mut()).enumerate() {
                if j == y {
                    continue;
                }
                let z = self.margin - xy + xj;
                if z > 0.0 {
                    let (v, d) = if self.p == 1 { (z, 1.0) } else { (z * z, 2.0 * z) };
                    row += v;
                    let d = d / (c * n);
                    *gj += d;
                    gy -= d;
                }
            }
            if let Some(g) = g.get_mut(y) {
                *g += gy;
            }
            sum += row / c;
        }
        Ok((sum / n, grad))
    }
}
