//! How a loss turns its terms (one per element, triplet, anchor, …) into one number: burn's and
//! PyTorch's `reduction`, shared by the elementwise families ([`super::Elementwise`]) and the batch
//! metric losses ([`super::metric::BatchLoss`]).

/// The reduction of a loss's terms ℓ_1 … ℓ_n.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reduction {
    /// (1/n) Σ ℓ_i, PyTorch's `reduction="mean"` (the default). An empty set gives 0.
    #[default]
    Mean,
    /// Σ ℓ_i, PyTorch's `reduction="sum"`.
    Sum,
    /// The mean over the terms that are > 0 (Hermans et al.'s "BA≠0"; pytorch-metric-learning's
    /// default `AvgNonZeroReducer`). No term > 0 gives 0.
    MeanNonZero,
}

impl Reduction {
    /// What the sum of the terms is divided by: n for [`Reduction::Mean`], the number of terms > 0
    /// for [`Reduction::MeanNonZero`], 1 for [`Reduction::Sum`]; 0 means "no term: the loss is 0".
    pub fn denominator(self, terms: usize, non_zero: usize) -> usize {
        match self {
            Reduction::Mean => terms,
            Reduction::Sum => usize::from(terms > 0),
            Reduction::MeanNonZero => non_zero,
        }
    }
}
