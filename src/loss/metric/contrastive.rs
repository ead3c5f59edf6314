//! Pairwise contrastive loss (MATHS.md §7) and its batch form (§9).
//!
//! Pair: similar (y = 1) or dissimilar (y = 0), margin m, d = ‖x1 − x2‖₂ with no epsilon.
//! * Article form: L = y·d + (1−y)·max(0, m − d).
//! * Squared form: L = y·d² + (1−y)·max(0, m − d)². (Hadsell et al. 2006 is ½ × this with their
//!   Y = 1 − y.)
//!
//! With u = (x1 − x2)/d (0 when d = 0): ∂L/∂x1 = (dL/dd)·u, ∂L/∂x2 = −∂L/∂x1, where dL/dd is
//! y − (1−y)·[m − d > 0] (article) or 2y·d − 2(1−y)·max(0, m − d) (squared). At d = m the dissimilar
//! term is inactive (flat side, 0).
//!
//! PyTorch has no pairwise contrastive loss (`CosineEmbeddingLoss`/`HingeEmbeddingLoss` differ);
//! the batch form is pytorch-metric-learning's `ContrastiveLoss`.

use super::distance::{dist_unchecked, distance_grad_to_embeddings, unit_diff, Embeddings, PairMatrix};
use crate::loss::num::{check_pair, check_param};
use crate::loss::LossError;
use super::BatchLoss;

/// Which form of the contrastive loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContrastiveForm {
    /// y·d + (1−y)·max(0, m − d).
    Article,
    /// y·d² + (1−y)·max(0, m − d)².
    Squared,
}

/// Gradients of a pair loss with respect to both points.
#[derive(Debug, Clone, PartialEq)]
pub struct PairGrad {
    pub x1: Vec<f64>,
    pub x2: Vec<f64>,
}

/// The pairwise contrastive loss with a validated margin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contrastive {
    margin: f64,
    form: ContrastiveForm,
}

impl Contrastive {
    /// margin finite and ≥ 0.
    pub fn new(margin: f64, form: ContrastiveForm) -> Result<Self, LossError> {
        check_param("margin", margin, margin.is_finite() && margin >= 0.0, "must be finite and at least 0")?;
        Ok(Contrastive { margin, form })
    }

    /// L as a function of the distance d ≥ 0.
    pub fn element(&self, d: f64, similar: bool) -> f64 {
        match (self.form, similar) {
            (ContrastiveForm::Article, true) => d,
            (ContrastiveForm::Squared, true) => d * d,
            (ContrastiveForm::Article, false) => (self.margin - d).max(0.0),
            (ContrastiveForm::Squared, false) => {
                let h = (self.margin - d).max(0.0);
                h * h
            }
        }
    }

    /// dL/dd (flat side at d = m: 0).
    pub fn element_derivative(&self, d: f64, similar: bool) -> f64 {
        match (self.form, similar) {
            (ContrastiveForm::Article, true) => 1.0,
            (ContrastiveForm::Squared, true) => 2.0 * d,
            (ContrastiveForm::Article, false) => {
                if self.margin - d > 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            (ContrastiveForm::Squared, false) => -2.0 * (self.margin - d).max(0.0),
        }
    }

    /// Kinks in d: the margin for a dissimilar pair; none for a similar one (d ≥ 0; the norm's kink at
    /// x1 = x2 is handled by u = 0).
    pub fn kinks(&self, similar: bool) -> Vec<f64> {
        if similar {
            Vec::new()
        } else {
            vec![self.margin]
        }
    }

    /// The loss of one pair of points.
    pub fn value(&self, x1: &[f64], x2: &[f64], similar: bool) -> Result<f64, LossError> {
        check_pair("x1", x1, "x2", x2)?;
        Ok(self.element(dist_unchecked(x1, x2), similar))
    }

    /// Gradient with respect to both points.
    pub fn grad(&self, x1: &[f64], x2: &[f64], similar: bool) -> Result<PairGrad, LossError> {
        Ok(self.value_and_grad(x1, x2, similar)?.1)
    }

    /// Value and gradient.
    pub fn value_and_grad(&self, x1: &[f64], x2: &[f64], similar: bool) -> Result<(f64, PairGrad), LossError> {
        check_pair("x1", x1, "x2", x2)?;
        let d = dist_unchecked(x1, x2);
        let k = self.element_derivative(d, similar);
        let u = unit_diff(x1, x2, d);
        let g1: Vec<f64> = u.iter().map(|v| k * v).collect();
        let g2 = g1.iter().map(|v| -v).collect();
        Ok((self.element(d, similar), PairGrad { x1: g1, x2: g2 }))
    }
}

/// pytorch-metric-learning's `ContrastiveLoss(pos_margin, neg_margin)` with its default
/// `AvgNonZeroReducer`: over ordered pairs i ≠ j, positives max(0, D_ij − pos_margin), negatives
/// max(0, neg_margin − D_ij); each averaged over its non-zero terms (0 if none); the two averages
/// summed. Distances on L2-normalised embeddings when `normalize` (the library default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchContrastive {
    pos_margin: f64,
    neg_margin: f64,
    normalize: bool,
}

impl Default for BatchContrastive {
    /// pos_margin 0, neg_margin 1, normalised (the library defaults, MATHS.md §9).
    fn default() -> Self {
        BatchContrastive { pos_margin: 0.0, neg_margin: 1.0, normalize: true }
    }
}

impl BatchContrastive {
    /// Margins finite and ≥ 0.
    pub fn new(pos_margin: f64, neg_margin: f64, normalize: bool) -> Result<Self, LossError> {
        check_param("positive margin", pos_margin, pos_margin.is_finite() && pos_margin >= 0.0, "must be finite and at least 0")?;
        check_param("negative margin", neg_margin, neg_margin.is_finite() && neg_margin >= 0.0, "must be finite and at least 0")?;
        Ok(BatchContrastive { pos_margin, neg_margin, normalize })
    }
}

impl BatchLoss for BatchContrastive {
    type Targets = [usize];

    fn evaluate(&self, emb: &Embeddings, labels: &[usize], want_grad: bool) -> Result<(f64, Vec<f64>), LossError> {
        emb.check_labels(labels)?;
        let x = emb.maybe_normalized(self.normalize);
        let d = PairMatrix::euclidean_of(&x);
        let n = emb.len();
        let dm = d.as_slice();
        let (mut pos_sum, mut pos_n, mut neg_sum, mut neg_n) = (0.0, 0usize, 0.0, 0usize);
        for i in 0..n {
            for j in 0..n {
                if i == j {
                    continue;
                }
                let dij = dm[i * n + j];
                if labels[i] == labels[j] {
                    let v = dij - self.pos_margin;
                    if v > 0.0 {
                        pos_sum += v;
                        pos_n += 1;
                    }
                } else {
                    let v = self.neg_margin - dij;
                    if v > 0.0 {
                        neg_sum += v;
                        neg_n += 1;
                    }
                }
            }
        }
        let pos = if pos_n > 0 { pos_sum / pos_n as f64 } else { 0.0 };
        let neg = if neg_n > 0 { neg_sum / neg_n as f64 } else { 0.0 };
        if !want_grad {
            return Ok((pos + neg, Vec::new()));
        }
        let (wp, wn) = (
            if pos_n > 0 { 1.0 / pos_n as f64 } else { 0.0 },
            if neg_n > 0 { 1.0 / neg_n as f64 } else { 0.0 },
        );
        let mut g = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                if i == j {
                    continue;
                }
                let dij = dm[i * n + j];
                g[i * n + j] = if labels[i] == labels[j] {
                    if dij - self.pos_margin > 0.0 { wp } else { 0.0 }
                } else if self.neg_margin - dij > 0.0 {
                    -wn
                } else {
                    0.0
                };
            }
        }
        Ok((pos + neg, distance_grad_to_embeddings(emb, &x, &d, &g, self.normalize)))
    }
}
