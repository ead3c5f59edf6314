//! Multi-label losses (MATHS.md §5): logits x (N rows × C classes, flat row-major) against a
//! multi-hot target y of the same shape, entries in [0, 1].
//!
//! * [`MultiLabel::SigmoidBce`] — the standard: per class BCE-with-logits, mean over classes (and rows).
//!   Equals `torch.nn.MultiLabelSoftMarginLoss` (and `BCEWithLogitsLoss` with mean reduction).
//!   Gradient (σ(x) − y)/(C·N).
//! * [`MultiLabel::SoftmaxNormalised`] — softmax against the normalised target t = y/Σy:
//!   ℓ = LSE(x) − Σ t_c x_c, gradient (softmax(x) − t)/N. With two true classes the best softmax can do
//!   is ½ each, so the minimum is H(t) = ln 2 > 0 (see [`MultiLabel::minimum`]). A row with no positive
//!   (Σy = 0) is an error ([`LossError::NoPositiveLabel`]), not NaN. PyTorch's `CrossEntropyLoss` with
//!   probability targets computes the same when given t.

use super::classification::bce_with_logits_fused;
use super::num::{check_each, check_rows, check_same_len, softmax_into};
use super::LossError;

/// Which multi-label loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultiLabel {
    SigmoidBce,
    SoftmaxNormalised,
}

impl MultiLabel {
    fn check(&self, logits: &[f64], classes: usize, y: &[f64]) -> Result<usize, LossError> {
        let rows = check_rows("logits", logits, classes)?;
        check_same_len("logits", logits.len(), "y", y.len())?;
        check_each("y", y, |v| (0.0..=1.0).contains(&v), "must be a target between 0 and 1")?;
        if *self == MultiLabel::SoftmaxNormalised {
            if let Some(row) = y.chunks_exact(classes).position(|r| r.iter().sum::<f64>() <= 0.0) {
                return Err(LossError::NoPositiveLabel { row });
            }
        }
        Ok(rows)
    }

    /// Mean loss over rows.
    pub fn value(&self, logits: &[f64], classes: usize, y: &[f64]) -> Result<f64, LossError> {
        Ok(self.value_and_grad(logits, classes, y)?.0)
    }

    /// Gradient of [`MultiLabel::value`] with respect to the logits (same shape).
    pub fn grad(&self, logits: &[f64], classes: usize, y: &[f64]) -> Result<Vec<f64>, LossError> {
        Ok(self.value_and_grad(logits, classes, y)?.1)
    }

    /// Value and gradient together.
    pub fn value_and_grad(&self, logits: &[f64], classes: usize, y: &[f64]) -> Result<(f64, Vec<f64>), LossError> {
        let rows = self.check(logits, classes, y)?;
        let n = rows as f64;
        match self {
            MultiLabel::SigmoidBce => {
                let total = logits.len() as f64;
                let mut sum = 0.0;
                let grad = logits
                    .iter()
                    .zip(y)
                    .map(|(&x, &y)| {
                        let (v, d) = bce_with_logits_fused(x, y);
                        sum += v;
                        d / total
                    })
                    .collect();
                Ok((sum / total, grad))
            }
            MultiLabel::SoftmaxNormalised => {
                let mut grad = vec![0.0; logits.len()];
                let mut sum = 0.0;
                for ((x, yr), g) in logits.chunks_exact(classes).zip(y.chunks_exact(classes)).zip(grad.chunks_exact_mut(classes)) {
                    let total: f64 = yr.iter().sum();
                    let (m, ln_s) = softmax_into(x, g);
                    // ℓ = ln S + Σ t_c (max − x_c), every term ≥ 0.
                    let lin: f64 = x.iter().zip(yr).map(|(&xc, &yc)| yc / total * (m - xc)).sum();
                    sum += ln_s + lin;
                    for (gc, &yc) in g.iter_mut().zip(yr) {
                        *gc = (*gc - yc / total) / n;
                    }
                }
                Ok((sum / n, grad))
            }
        }
    }

    /// The smallest value the loss can reach for this target (infimum over logits), mean over rows:
    /// 0 for the sigmoid BCE with 0/1 targets (approached as logits → ±∞), and H(t) = −Σ t ln t for
    /// the softmax against t = y/Σy (ln 2 with two true classes). Soft sigmoid targets give the mean
    /// binary entropy.
    pub fn minimum(&self, classes: usize, y: &[f64]) -> Result<f64, LossError> {
        let zeros = vec![0.0; y.len()];
        let rows = self.check(&zeros, classes, y)?;
        let ent = |t: f64| if t > 0.0 { -t * t.ln() } else { 0.0 };
        Ok(match self {
            MultiLabel::SigmoidBce => y.iter().map(|&t| ent(t) + ent(1.0 - t)).sum::<f64>() / y.len() as f64,
            MultiLabel::SoftmaxNormalised => {
                y.chunks_exact(classes)
                    .map(|r| {
                        let total: f64 = r.iter().sum();
                        r.iter().map(|&v| ent(v / total)).sum::<f64>()
                    })
                    .sum::<f64>()
                    / rows as f64
            }
        })
    }
}
