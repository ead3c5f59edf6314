//! NT-Xent / InfoNCE (MATHS.md §11) on a labelled batch, as pytorch-metric-learning's
//! `NTXentLoss(temperature)`: cosine similarities s of the L2-normalised embeddings; for each ordered
//! positive pair (a, p) (a ≠ p, same label)
//! ℓ = −log(e^{s_ap/τ} / (e^{s_ap/τ} + Σ_{n: label(n) ≠ label(a)} e^{s_an/τ}))
//!   = LSE(s_ap/τ, s_an/τ …) − s_ap/τ  (evaluated in this stable form);
//! the loss is the mean over positive pairs (0 if there are none).
//!
//! Gradient with respect to the similarities: ∂ℓ/∂s_ap = (π_0 − 1)/τ, ∂ℓ/∂s_an = π_n/τ with π the
//! softmax of the logits above; then through the cosine similarity to the embeddings.
//!
//! Difference from pytorch-metric-learning: it adds the smallest normal float inside the log
//! (`log(num/den + tiny)`), which caps ℓ at ≈ 708 for extreme similarities/τ; we do not.

use super::distance::{mean_over_cosine_terms, Embeddings, PairMatrix};
use crate::loss::num::check_param;
use crate::loss::LossError;
use super::BatchLoss;

/// NT-Xent with a validated temperature τ > 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NtXent {
    temperature: f64,
}

impl NtXent {
    /// τ must be finite and at least 1e−6 (so s/τ stays far from overflow; pytorch-metric-learning's
    /// default is 0.07, SimCLR uses 0.5).
    pub fn new(temperature: f64) -> Result<Self, LossError> {
        check_param("τ (temperature)", temperature, temperature.is_finite() && temperature >= 1e-6, "must be finite and at least 1e-6")?;
        Ok(NtXent { temperature })
    }

    /// ℓ of one positive pair from its similarity and the anchor's negative similarities (no checks).
    pub fn element(&self, s_ap: f64, s_an: &[f64]) -> f64 {
        let t = self.temperature;
        let m = s_an.iter().fold(s_ap, |a, &b| a.max(b)) / t;
        let s: f64 = (s_ap / t - m).exp() + s_an.iter().map(|&v| (v / t - m).exp()).sum::<f64>();
        m + s.ln() - s_ap / t
    }
}

impl BatchLoss for NtXent {
    type Targets = [usize];

    fn evaluate(&self, emb: &Embeddings, labels: &[usize], want_grad: bool) -> Result<(f64, Vec<f64>), LossError> {
        emb.check_labels(labels)?;
        let t = self.temperature;
        let xhat = emb.normalized();
        let s = PairMatrix::dot_of(&xhat);
        let n = emb.len();
        let sm = s.as_slice();
        let mut g = if want_grad { vec![0.0; n * n] } else { Vec::new() };
        let (mut sum, mut pairs) = (0.0, 0usize);
        let mut negs: Vec<usize> = Vec::new();
        let mut neg_logits: Vec<f64> = Vec::new();
        for a in 0..n {
            negs.clear();
            negs.extend((0..n).filter(|&j| labels[j] != labels[a]));
            neg_logits.clear();
            neg_logits.extend(negs.iter().map(|&j| sm[a * n + j] / t));
            let neg_max = neg_logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            for p in 0..n {
                if p == a || labels[p] != labels[a] {
                    continue;
                }
                let lp = sm[a * n + p] / t;
                let m = lp.max(neg_max);
                let e0 = (lp - m).exp();
                let total: f64 = e0 + neg_logits.iter().map(|&l| (l - m).exp()).sum::<f64>();
                sum += m + total.ln() - lp;
                pairs += 1;
                if want_grad {
                    g[a * n + p] += (e0 / total - 1.0) / t;
                    for (&j, &l) in negs.iter().zip(&neg_logits) {
                        g[a * n + j] += (l - m).exp() / total / t;
                    }
                }
            }
        }
        Ok(mean_over_cosine_terms(emb, &xhat, sum, pairs, g, want_grad))
    }
}
