//! Triplet losses on a labelled batch (MATHS.md §8–9): [`TripletLoss`] scores the index triplets a
//! miner ([`super::miners`]) gave it; [`BatchTriplet`] is a mining strategy plus that loss
//! (batch-all is fused so that it needs no list of the ~N³ triplets).
//!
//! * Batch-all: mean of max(0, margin + D_ap − D_an) over all valid triplets, or over the non-zero
//!   ones (Hermans et al. 2017 "BA≠0" = pytorch-metric-learning's `TripletMarginLoss` default reducer).
//! * Batch-hard: per anchor max(0, margin + max_p D_ap − min_n D_an); mean over anchors (or non-zero).
//! * Semi-hard (FaceNet, with TensorFlow Addons' fallback).
//! * Offline mining: [`super::miners::mine`] on the distances of an earlier step, then [`TripletLoss`]
//!   on the current embeddings with those triplets.
//!
//! Distances are Euclidean on the embeddings, optionally L2-normalised first (pytorch-metric-learning's
//! `LpDistance(normalize_embeddings=True)` default). An empty set of triplets (e.g. every label
//! distinct) gives loss 0 and a zero gradient, as pytorch-metric-learning does. The gradient is that of
//! the reduced value with the selection (mined triplets, the non-zero set) held fixed — as autograd.

use super::distance::{distance_grad_to_embeddings, Embeddings, PairMatrix};
use super::miners::{check_margin, mine, Groups, Miner, Triplet};
use super::BatchLoss;
use crate::loss::{LossError, Reduction};

/// The triplet margin loss over a given list of index triplets, with a reduction; distances on the
/// (optionally L2-normalised) embeddings. pytorch-metric-learning's `TripletMarginLoss(margin)` with
/// `indices_tuple` = these triplets is `TripletLoss::new(margin, MeanNonZero, true)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TripletLoss {
    margin: f64,
    reduction: Reduction,
    normalize: bool,
}

impl TripletLoss {
    /// margin finite and ≥ 0.
    pub fn new(margin: f64, reduction: Reduction, normalize: bool) -> Result<Self, LossError> {
        Ok(TripletLoss { margin: check_margin(margin)?, reduction, normalize })
    }

    fn check(emb: &Embeddings, triplets: &[Triplet]) -> Result<(), LossError> {
        let n = emb.len();
        for (index, t) in triplets.iter().enumerate() {
            let worst = t.anchor.max(t.positive).max(t.negative);
            if worst >= n {
                return Err(LossError::InvalidValue {
                    name: "triplets",
                    index,
                    value: worst as f64,
                    requirement: "must index an embedding of the batch",
                });
            }
        }
        Ok(())
    }
}

/// Divides by the denominator (0 for an empty set) and back-propagates G = ∂(sum)/∂D.
#[allow(clippy::too_many_arguments)]
fn finish(
    emb: &Embeddings,
    x: &Embeddings,
    d: &PairMatrix,
    sum: f64,
    denom: usize,
    mut g: Vec<f64>,
    want_grad: bool,
    normalize: bool,
) -> Result<(f64, Vec<f64>), LossError> {
    if denom == 0 {
        return Ok((0.0, if want_grad { vec![0.0; emb.as_slice().len()] } else { Vec::new() }));
    }
    let inv = 1.0 / denom as f64;
    if !want_grad {
        return Ok((sum / denom as f64, Vec::new()));
    }
    for v in g.iter_mut() {
        *v *= inv;
    }
    Ok((sum / denom as f64, distance_grad_to_embeddings(emb, x, d, &g, normalize)))
}

/// Which triplets a batch strategy scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mining {
    /// Batch-all: every valid triplet.
    All,
    /// Batch-hard: per anchor the farthest positive and the closest negative.
    Hard,
    /// FaceNet semi-hard with the farthest-negative fallback.
    SemiHard,
}

/// A batch triplet loss: a mining strategy plus [`TripletLoss`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchTriplet {
    loss: TripletLoss,
    mining: Mining,
}

impl BatchTriplet {
    /// margin finite and ≥ 0.
    pub fn new(margin: f64, reduction: Reduction, normalize: bool, mining: Mining) -> Result<Self, LossError> {
        Ok(BatchTriplet { loss: TripletLoss::new(margin, reduction, normalize)?, mining })
    }

    /// The triplets this strategy scores on the current embeddings.
    pub fn triplets(&self, emb: &Embeddings, labels: &[usize]) -> Result<Vec<Triplet>, LossError> {
        emb.check_labels(labels)?;
        let d = PairMatrix::euclidean(emb, self.loss.normalize);
        let miner = match self.mining {
            Mining::All => Miner::AllValid,
            Mining::Hard => Miner::BatchHard,
            Mining::SemiHard => Miner::SemiHard,
        };
        mine(&d, labels, miner)
    }

    /// Fused batch-all: no triplet list; per anchor the negative distances are gathered once into a
    /// contiguous buffer and every positive sweeps it.
    fn batch_all(&self, emb: &Embeddings, labels: &[usize], want_grad: bool) -> Result<(f64, Vec<f64>), LossError> {
        let normalize = self.loss.normalize;
        let margin = self.loss.margin;
        let x = emb.maybe_normalized(normalize);
        let d = PairMatrix::euclidean_of(&x);
        let n = emb.len();
        let dm = d.as_slice();
        let groups = Groups::new(labels);
        let mut g = if want_grad { vec![0.0; n * n] } else { Vec::new() };
        let mut neg_d: Vec<f64> = Vec::with_capacity(n);
        let mut neg_count: Vec<u32> = Vec::with_capacity(n);
        let mut sum = 0.0;
        let mut active = 0usize;
        let mut total = 0usize;
        for a in 0..n {
            let negs = &groups.negatives[a];
            let poss = &groups.positives[a];
            if negs.is_empty() || poss.is_empty() {
                continue;
            }
            total += negs.len() * poss.len();
            let row = &dm[a * n..(a + 1) * n];
            neg_d.clear();
            neg_d.extend(negs.iter().map(|&q| row[q]));
            neg_count.clear();
            neg_count.resize(negs.len(), 0);
            for &p in poss {
                let base = margin + row[p];
                let mut s = 0.0;
                let mut c = 0u32;
                if want_grad {
                    for (dn, k) in neg_d.iter().zip(neg_count.iter_mut()) {
                        let z = base - dn;
                        let on = z > 0.0;
                        s += if on { z } else { 0.0 };
                        c += on as u32;
                        *k += on as u32;
                    }
                    g[a * n + p] += c as f64;
                } else {
                    for dn in neg_d.iter() {
                        let z = base - dn;
                        let on = z > 0.0;
                        s += if on { z } else { 0.0 };
                        c += on as u32;
                    }
                }
                sum += s;
                active += c as usize;
            }
            if want_grad {
                for (&q, &k) in negs.iter().zip(&neg_count) {
                    g[a * n + q] -= k as f64;
                }
            }
        }
        let denom = self.loss.reduction.denominator(total, active);
        finish(emb, &x, &d, sum, denom, g, want_grad, normalize)
    }
}

impl BatchLoss for TripletLoss {
    type Targets = [Triplet];

    fn evaluate(&self, emb: &Embeddings, triplets: &[Triplet], want_grad: bool) -> Result<(f64, Vec<f64>), LossError> {
        TripletLoss::check(emb, triplets)?;
        let x = emb.maybe_normalized(self.normalize);
        let d = PairMatrix::euclidean_of(&x);
        let n = emb.len();
        let dm = d.as_slice();
        let mut sum = 0.0;
        let mut active = 0usize;
        let mut g = if want_grad { vec![0.0; n * n] } else { Vec::new() };
        for t in triplets {
            let z = self.margin + dm[t.anchor * n + t.positive] - dm[t.anchor * n + t.negative];
            if z > 0.0 {
                sum += z;
                active += 1;
                if want_grad {
                    g[t.anchor * n + t.positive] += 1.0;
                    g[t.anchor * n + t.negative] -= 1.0;
                }
            }
        }
        let denom = self.reduction.denominator(triplets.len(), active);
        finish(emb, &x, &d, sum, denom, g, want_grad, self.normalize)
    }
}

impl BatchLoss for BatchTriplet {
    type Targets = [usize];

    fn evaluate(&self, emb: &Embeddings, labels: &[usize], want_grad: bool) -> Result<(f64, Vec<f64>), LossError> {
        emb.check_labels(labels)?;
        match self.mining {
            Mining::All => self.batch_all(emb, labels, want_grad),
            _ => {
                let t = self.triplets(emb, labels)?;
                self.loss.evaluate(emb, &t, want_grad)
            }
        }
    }
}
