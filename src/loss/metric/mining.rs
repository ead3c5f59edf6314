//! Mining on a labelled batch (LOSSES.md §8–9). As in pytorch-metric-learning, a *miner* only returns
//! index triplets ([`mine`]) and a *loss* scores the triplets it is given ([`TripletLoss`]); the batch
//! strategies ([`BatchTriplet`]) combine the two (batch-all is fused so that it needs no list of the
//! ~N³ triplets).
//!
//! A valid triplet (a, p, n): a ≠ p with the same label, n with a different label. Distances are
//! Euclidean on the embeddings, optionally L2-normalised first (pytorch-metric-learning's
//! `LpDistance(normalize_embeddings=True)` default).
//!
//! * Batch-all: mean of max(0, margin + D_ap − D_an) over all valid triplets, or over the non-zero
//!   ones (Hermans et al. 2017 "BA≠0" = pytorch-metric-learning's `TripletMarginLoss` default reducer).
//! * Batch-hard: per anchor max(0, margin + max_p D_ap − min_n D_an); mean over anchors (or non-zero).
//!   Ties in the max/min pick the lowest index. Anchors without a positive or a negative are skipped.
//! * Semi-hard (FaceNet): per (a, p) the closest negative with D_an > D_ap; if there is none, the
//!   farthest negative (TensorFlow Addons' fallback). Ties pick the lowest index.
//! * Offline mining: `mine` on the distances of an earlier step, then [`TripletLoss`] on the current
//!   embeddings with those triplets.
//!
//! Conventions: an empty set of triplets (e.g. every label distinct) gives loss 0 and a zero
//! gradient, as pytorch-metric-learning does. The gradient is that of the reduced value with the
//! selection (mined triplets, the non-zero set) held fixed — the same as autograd.

use super::distance::{distance_grad_to_embeddings, Embeddings, PairMatrix};
use super::triplet::Category;
use super::Reduction;
use crate::loss::num::{check_param, check_same_len};
use crate::loss::LossError;
use super::BatchLoss;

/// Indices (into the batch) of an anchor, a positive and a negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Triplet {
    pub anchor: usize,
    pub positive: usize,
    pub negative: usize,
}

/// pytorch-metric-learning's `TripletMarginMiner(type_of_triplets=…)`, with t = D_an − D_ap:
/// `All` keeps t ≤ margin, `Hard` t ≤ 0, `SemiHard` 0 < t ≤ margin, `Easy` t > margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinerKind {
    All,
    Hard,
    SemiHard,
    Easy,
}

/// A miner: which index triplets to return from a labelled batch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Miner {
    /// Every valid triplet, in (anchor, positive, negative) lexicographic order.
    AllValid,
    /// pytorch-metric-learning's `TripletMarginMiner(margin, type_of_triplets)`.
    TripletMargin { margin: f64, kind: MinerKind },
    /// One triplet per anchor: its farthest positive and closest negative.
    BatchHard,
    /// FaceNet semi-hard with TensorFlow Addons' fallback, one triplet per (a, p).
    SemiHard,
}

/// Labels grouped: for each index, the indices of its positives and of its negatives.
struct Groups {
    positives: Vec<Vec<usize>>,
    negatives: Vec<Vec<usize>>,
}

impl Groups {
    fn new(labels: &[usize]) -> Groups {
        let n = labels.len();
        // Sort indices by label once; then each label's members are one run.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| (labels[i], i));
        let mut members: Vec<(usize, Vec<usize>)> = Vec::new();
        for &i in &order {
            match members.last_mut() {
                Some((l, v)) if *l == labels[i] => v.push(i),
                _ => members.push((labels[i], vec![i])),
            }
        }
        let mut positives = vec![Vec::new(); n];
        let mut negatives = vec![Vec::new(); n];
        for (gi, (_, group)) in members.iter().enumerate() {
            let neg: Vec<usize> = {
                let mut v: Vec<usize> = members
                    .iter()
                    .enumerate()
                    .filter(|(gj, _)| *gj != gi)
                    .flat_map(|(_, (_, g))| g.iter().copied())
                    .collect();
                v.sort_unstable();
                v
            };
            for &a in group {
                positives[a] = group.iter().copied().filter(|&p| p != a).collect();
                negatives[a] = neg.clone();
            }
        }
        Groups { positives, negatives }
    }
}

fn check_margin(margin: f64) -> Result<f64, LossError> {
    check_param("margin", margin, margin.is_finite() && margin >= 0.0, "must be finite and at least 0")
}

/// Every valid triplet of a labelled batch, in lexicographic order.
pub fn all_valid_triplets(labels: &[usize]) -> Vec<Triplet> {
    let g = Groups::new(labels);
    let mut out = Vec::new();
    for a in 0..labels.len() {
        for &p in &g.positives[a] {
            for &n in &g.negatives[a] {
                out.push(Triplet { anchor: a, positive: p, negative: n });
            }
        }
    }
    out
}

/// Runs a miner on a distance matrix (from [`PairMatrix::euclidean`]) and labels; returns index
/// triplets, sorted lexicographically.
pub fn mine(d: &PairMatrix, labels: &[usize], miner: Miner) -> Result<Vec<Triplet>, LossError> {
    check_same_len("distance matrix rows", d.n(), "labels", labels.len())?;
    let g = Groups::new(labels);
    let n = labels.len();
    let dm = d.as_slice();
    let at = |i: usize, j: usize| dm[i * n + j];
    let mut out = Vec::new();
    match miner {
        Miner::AllValid => return Ok(all_valid_triplets(labels)),
        Miner::TripletMargin { margin, kind } => {
            let margin = check_param("margin", margin, margin.is_finite(), "must be finite")?;
            for a in 0..n {
                for &p in &g.positives[a] {
                    for &ng in &g.negatives[a] {
                        let t = at(a, ng) - at(a, p);
                        let keep = match kind {
                            MinerKind::Easy => t > margin,
                            MinerKind::All => t <= margin,
                            MinerKind::Hard => t <= margin && t <= 0.0,
                            MinerKind::SemiHard => t <= margin && t > 0.0,
                        };
                        if keep {
                            out.push(Triplet { anchor: a, positive: p, negative: ng });
                        }
                    }
                }
            }
        }
        Miner::BatchHard => {
            for a in 0..n {
                let (pos, neg) = (&g.positives[a], &g.negatives[a]);
                let hp = pos.iter().copied().fold(None, |best: Option<usize>, p| match best {
                    Some(b) if at(a, b) >= at(a, p) => Some(b),
                    _ => Some(p),
                });
                let hn = neg.iter().copied().fold(None, |best: Option<usize>, q| match best {
                    Some(b) if at(a, b) <= at(a, q) => Some(b),
                    _ => Some(q),
                });
                if let (Some(p), Some(q)) = (hp, hn) {
                    out.push(Triplet { anchor: a, positive: p, negative: q });
                }
            }
        }
        Miner::SemiHard => {
            for a in 0..n {
                let neg = &g.negatives[a];
                if neg.is_empty() {
                    continue;
                }
                for &p in &g.positives[a] {
                    let dap = at(a, p);
                    let mut closest_outside: Option<usize> = None;
                    let mut farthest: Option<usize> = None;
                    for &q in neg {
                        let dq = at(a, q);
                        if dq > dap && closest_outside.is_none_or(|b| dq < at(a, b)) {
                            closest_outside = Some(q);
                        }
                        if farthest.is_none_or(|b| dq > at(a, b)) {
                            farthest = Some(q);
                        }
                    }
                    if let Some(q) = closest_outside.or(farthest) {
                        out.push(Triplet { anchor: a, positive: p, negative: q });
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Every valid triplet with its category under `margin` (for the figure that colours them).
pub fn categorize(d: &PairMatrix, labels: &[usize], margin: f64) -> Result<Vec<(Triplet, Category)>, LossError> {
    let margin = check_margin(margin)?;
    check_same_len("distance matrix rows", d.n(), "labels", labels.len())?;
    Ok(all_valid_triplets(labels)
        .into_iter()
        .filter_map(|t| {
            let dap = d.get(t.anchor, t.positive)?;
            let dan = d.get(t.anchor, t.negative)?;
            Some((t, Category::of(dap, dan, margin)))
        })
        .collect())
}

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
        let denom = match self.loss.reduction {
            Reduction::Mean => total,
            Reduction::MeanNonZero => active,
        };
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
        let denom = match self.reduction {
            Reduction::Mean => triplets.len(),
            Reduction::MeanNonZero => active,
        };
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
