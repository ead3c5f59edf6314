//! Metric learning (MATHS.md §7–11), split as pytorch-metric-learning splits it:
//!
//! * [`distance`] — embeddings, Euclidean distance (optionally after L2 normalisation), cosine
//!   similarity, the pairwise matrices, and the back-propagation of a gradient on a matrix to the
//!   embeddings;
//! * [`triplet`] — the triplet margin loss of one triplet and the easy / semi-hard / hard categories;
//! * [`miners`] — miners that only return index triplets (all valid, by category, batch-hard,
//!   semi-hard);
//! * [`batch_triplet`] — the losses that score the triplets they are given, and the batch strategies
//!   (batch-all, batch-hard, semi-hard, offline), with every [`Reduction`];
//! * [`contrastive`] — the pairwise contrastive loss (article and squared forms) and its batch form;
//! * [`circle`] — circle loss on lists of similarities, its gradients, decision boundaries and the
//!   batch form;
//! * [`ntxent`] — NT-Xent / InfoNCE.
//!
//! Distances are exact Euclidean norms with no epsilon: PyTorch's `TripletMarginLoss` and
//! `PairwiseDistance` add 1e−6 to every coordinate difference, we do not (so d(x, x) = 0 here).

pub mod batch_triplet;
pub mod circle;
pub mod contrastive;
pub mod distance;
pub mod miners;
pub mod ntxent;
pub mod triplet;

pub use distance::Embeddings;

use super::LossError;

/// A loss on a batch of embeddings and what they are scored against (labels, or the triplets a miner
/// chose). One evaluation gives the value and, when asked, ∂L/∂embeddings (flat, row-major, like the
/// embeddings); the naming rule's three methods are provided on top of it. Batch losses hold the
/// mined set and the non-zero set fixed when differentiating, as autograd does.
pub trait BatchLoss {
    /// `[usize]` labels, or `[Triplet]`s to score.
    type Targets: ?Sized;

    /// The value and, with `want_grad`, the gradient (empty without it).
    fn evaluate(&self, emb: &Embeddings, targets: &Self::Targets, want_grad: bool) -> Result<(f64, Vec<f64>), LossError>;

    /// The reduced loss.
    fn value(&self, emb: &Embeddings, targets: &Self::Targets) -> Result<f64, LossError> {
        Ok(self.evaluate(emb, targets, false)?.0)
    }

    /// ∂L/∂embeddings.
    fn grad(&self, emb: &Embeddings, targets: &Self::Targets) -> Result<Vec<f64>, LossError> {
        Ok(self.evaluate(emb, targets, true)?.1)
    }

    /// Value and gradient, sharing the work.
    fn value_and_grad(&self, emb: &Embeddings, targets: &Self::Targets) -> Result<(f64, Vec<f64>), LossError> {
        self.evaluate(emb, targets, true)
    }
}

/// How a batch loss averages its terms: the one [`crate::loss::Reduction`] of every loss.
pub use crate::loss::Reduction;
