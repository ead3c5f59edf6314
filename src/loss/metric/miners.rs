//! Miners on a labelled batch (MATHS.md §8–9), as pytorch-metric-learning splits them: a miner only
//! returns index triplets; the losses that score them are in [`super::batch_triplet`].
//!
//! A valid triplet (a, p, n): a ≠ p with the same label, n with a different label. Miners read a
//! distance matrix ([`PairMatrix::euclidean`], optionally on L2-normalised embeddings).
//!
//! * [`Miner::AllValid`]: every valid triplet.
//! * [`Miner::TripletMargin`]: pytorch-metric-learning's `TripletMarginMiner`, by category
//!   (t = D_an − D_ap: easy t > margin, semi-hard 0 < t ≤ margin, hard t ≤ 0; "all" is t ≤ margin).
//! * [`Miner::BatchHard`]: per anchor the farthest positive and the closest negative (ties: lowest
//!   index); anchors without a positive or a negative are skipped.
//! * [`Miner::SemiHard`] (FaceNet): per (a, p) the closest negative with D_an > D_ap; if there is none,
//!   the farthest negative (TensorFlow Addons' fallback). Ties pick the lowest index.
//!
//! Offline mining is a miner run on the distances of an earlier step.

use super::distance::PairMatrix;
use super::triplet::Category;
use crate::loss::num::{argsort, check_param, check_same_len};
use crate::loss::LossError;

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
pub(crate) struct Groups {
    pub(crate) positives: Vec<Vec<usize>>,
    pub(crate) negatives: Vec<Vec<usize>>,
}

impl Groups {
    /// Two scans per index, both in index order (so each list is sorted, with no sort: a batch has at
    /// most a few hundred points, and this keeps sorting code out of the wasm).
    pub(crate) fn new(labels: &[usize]) -> Groups {
        let n = labels.len();
        let mut positives = Vec::with_capacity(n);
        let mut negatives = Vec::with_capacity(n);
        for a in 0..n {
            positives.push((0..n).filter(|&j| j != a && labels[j] == labels[a]).collect());
            negatives.push((0..n).filter(|&j| labels[j] != labels[a]).collect());
        }
        Groups { positives, negatives }
    }
}

pub(crate) fn check_margin(margin: f64) -> Result<f64, LossError> {
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
    let mut out = Vec::new();
    match miner {
        Miner::AllValid => return Ok(all_valid_triplets(labels)),
        Miner::TripletMargin { margin, kind } => {
            let margin = check_param("margin", margin, margin.is_finite(), "must be finite")?;
            let g = Groups::new(labels);
            let n = labels.len();
            let dm = d.as_slice();
            let at = |i: usize, j: usize| dm[i * n + j];
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
        Miner::BatchHard => out = pass(d, labels, 0.0, Wanted { stats: false, batch_hard: true, semi_hard: false }).batch_hard,
        Miner::SemiHard => out = pass(d, labels, 0.0, Wanted { stats: false, batch_hard: false, semi_hard: true }).semi_hard,
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


/// What one pass over every valid triplet of a batch finds, with t = D_an − D_ap and
/// z = margin − t: how many are hard (t ≤ 0), semi-hard (0 < t ≤ margin) and easy (t > margin);
/// the sum of max(0, z); and how many have z > 0 (a positive loss).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TripletStats {
    pub hard: usize,
    pub semi_hard: usize,
    pub easy: usize,
    /// Σ max(0, margin + D_ap − D_an) over every valid triplet.
    pub sum: f64,
    /// How many triplets have a positive loss (z > 0; a semi-hard triplet at t = margin has none).
    pub active: usize,
}

impl TripletStats {
    /// Every valid triplet.
    pub fn total(&self) -> usize {
        self.hard + self.semi_hard + self.easy
    }

    /// The batch-all loss under `reduction` (0 without a triplet, or without an active one for
    /// [`crate::loss::Reduction::MeanNonZero`]).
    pub fn batch_all(&self, reduction: crate::loss::Reduction) -> f64 {
        match reduction.denominator(self.total(), self.active) {
            0 => 0.0,
            denominator => self.sum / denominator as f64,
        }
    }
}

/// Counts every valid triplet by category and sums the batch-all loss in one pass, without listing
/// the triplets (a 16 × 16 batch has 921,600): the numbers [`categorize`] and the batch-all loss
/// give, at the cost of one loop.
pub fn triplet_stats(d: &PairMatrix, labels: &[usize], margin: f64) -> Result<TripletStats, LossError> {
    let margin = check_margin(margin)?;
    check_same_len("distance matrix rows", d.n(), "labels", labels.len())?;
    Ok(pass(d, labels, margin, Wanted { stats: true, batch_hard: false, semi_hard: false }).stats)
}

/// What a mining figure reads of a batch, in one pass per anchor: [`triplet_stats`] and the
/// triplets `mine` lists for [`Miner::BatchHard`] and [`Miner::SemiHard`] (the same, in the same
/// order). Every valid triplet is visited once for both the counts and the semi-hard search.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MiningPass {
    pub stats: TripletStats,
    pub batch_hard: Vec<Triplet>,
    pub semi_hard: Vec<Triplet>,
}

/// [`MiningPass`] of a distance matrix.
pub fn mining_pass(d: &PairMatrix, labels: &[usize], margin: f64) -> Result<MiningPass, LossError> {
    let margin = check_margin(margin)?;
    check_same_len("distance matrix rows", d.n(), "labels", labels.len())?;
    Ok(pass(d, labels, margin, Wanted { stats: true, batch_hard: true, semi_hard: true }))
}

/// Each anchor's positive distances and its negative distances in ascending order with their
/// prefix sums, so that [`TripletStats`] for another margin costs three binary searches per
/// (anchor, positive) instead of a visit to every triplet: the hard ones are the negatives with
/// D_an − D_ap ≤ 0, the hard and semi-hard ones those with D_an − D_ap ≤ margin, the active ones
/// those with margin − (D_an − D_ap) > 0 — each a prefix of the sorted negatives, found with the
/// same comparison [`triplet_stats`] makes (so the counts are the same), and the active ones'
/// Σ (margin + D_ap − D_an) is (margin + D_ap)·count − (their prefix sum), equal to the pass's sum
/// up to rounding. Built once per distance matrix (one sort per anchor), for a margin that moves.
#[derive(Debug, Clone, PartialEq)]
pub struct SortedNegatives {
    /// Per anchor with a negative: its positives' distances, its negatives' distances ascending, and
    /// their prefix sums (one longer: 0 first).
    anchors: Vec<(Vec<f64>, Vec<f64>, Vec<f64>)>,
}

impl SortedNegatives {
    pub fn new(d: &PairMatrix, labels: &[usize]) -> Result<SortedNegatives, LossError> {
        check_same_len("distance matrix rows", d.n(), "labels", labels.len())?;
        let n = labels.len();
        let dm = d.as_slice();
        let mut anchors = Vec::with_capacity(n);
        let (mut positives, mut negatives) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for a in 0..n {
            split_row(&dm[a * n..(a + 1) * n], labels, a, &mut positives, &mut negatives);
            if negatives.is_empty() {
                continue;
            }
            let distances: Vec<f64> = negatives.iter().map(|&(_, d)| d).collect();
            let sorted: Vec<f64> = argsort(&distances).into_iter().map(|i| distances[i]).collect();
            let mut prefix = Vec::with_capacity(sorted.len() + 1);
            let mut sum = 0.0;
            prefix.push(sum);
            for &v in &sorted {
                sum += v;
                prefix.push(sum);
            }
            anchors.push((positives.iter().map(|&(_, d)| d).collect(), sorted, prefix));
        }
        Ok(SortedNegatives { anchors })
    }

    /// [`triplet_stats`] at `margin`: the same counts, the same sum up to rounding.
    pub fn stats(&self, margin: f64) -> Result<TripletStats, LossError> {
        let margin = check_margin(margin)?;
        let mut stats = TripletStats::default();
        let mut total = 0;
        for (positives, negatives, prefix) in &self.anchors {
            for &dap in positives {
                let hard = negatives.partition_point(|&dan| dan - dap <= 0.0);
                let within = negatives.partition_point(|&dan| dan - dap <= margin);
                let active = negatives.partition_point(|&dan| margin - (dan - dap) > 0.0);
                stats.hard += hard;
                stats.semi_hard += within - hard;
                stats.active += active;
                let sum = (margin + dap) * active as f64 - prefix[active];
                stats.sum += if sum > 0.0 { sum } else { 0.0 };
                total += negatives.len();
            }
        }
        stats.easy = total - stats.hard - stats.semi_hard;
        Ok(stats)
    }
}

/// Anchor `a`'s row of distances split into its positives and its negatives, as (index, distance)
/// in index order (the buffers are cleared first).
fn split_row(row: &[f64], labels: &[usize], a: usize, positives: &mut Vec<(usize, f64)>, negatives: &mut Vec<(usize, f64)>) {
    positives.clear();
    negatives.clear();
    for (j, (&label, &dist)) in labels.iter().zip(row).enumerate() {
        if label != labels[a] {
            negatives.push((j, dist));
        } else if j != a {
            positives.push((j, dist));
        }
    }
}

/// Which parts of a [`MiningPass`] to compute.
#[derive(Clone, Copy)]
struct Wanted {
    stats: bool,
    batch_hard: bool,
    semi_hard: bool,
}

/// The one loop behind [`triplet_stats`], batch-hard and semi-hard mining (checked arguments).
/// Per anchor: its positives' and negatives' distances once. Batch-hard: the farthest positive and
/// the closest negative (the first of equals). Semi-hard: per positive, the closest negative beyond
/// d(a, p) (the first of equals), else the farthest negative. Stats: branch-free counts (a loss of
/// max(0, z) adds exactly 0 to the sum when z ≤ 0; easy is the rest).
fn pass(d: &PairMatrix, labels: &[usize], margin: f64, wanted: Wanted) -> MiningPass {
    let n = labels.len().min(d.n());
    let dm = d.as_slice();
    let mut out = MiningPass::default();
    let (mut pos, mut neg): (Vec<(usize, f64)>, Vec<(usize, f64)>) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut total = 0usize;
    for a in 0..n {
        split_row(&dm[a * n..(a + 1) * n], labels, a, &mut pos, &mut neg);
        let Some(&first_negative) = neg.first() else { continue };
        let farthest = neg.iter().fold(first_negative, |best, &q| if q.1 > best.1 { q } else { best });
        if wanted.batch_hard {
            if let Some(&first) = pos.first() {
                let hardest = pos.iter().fold(first, |best, &p| if p.1 > best.1 { p } else { best });
                let closest = neg.iter().fold(first_negative, |best, &q| if q.1 < best.1 { q } else { best });
                out.batch_hard.push(Triplet { anchor: a, positive: hardest.0, negative: closest.0 });
            }
        }
        if !(wanted.stats || wanted.semi_hard) {
            continue;
        }
        let stats = &mut out.stats;
        for &(p, dap) in &pos {
            // Distances are finite: the first one beyond d(a, p) is below the infinite start.
            let mut closest = (f64::INFINITY, farthest.0);
            if wanted.stats {
                for &(q, dan) in &neg {
                    let t = dan - dap;
                    stats.hard += usize::from(t <= 0.0);
                    stats.semi_hard += usize::from((t > 0.0) & (t <= margin));
                    let z = margin - t;
                    // A comparison, not f64::max (a call in WebAssembly); z is finite.
                    stats.sum += if z > 0.0 { z } else { 0.0 };
                    stats.active += usize::from(z > 0.0);
                    if (dan > dap) & (dan < closest.0) {
                        closest = (dan, q);
                    }
                }
                total += neg.len();
            } else {
                for &(q, dan) in &neg {
                    if (dan > dap) & (dan < closest.0) {
                        closest = (dan, q);
                    }
                }
            }
            if wanted.semi_hard {
                out.semi_hard.push(Triplet { anchor: a, positive: p, negative: closest.1 });
            }
        }
    }
    // Every triplet was counted as easy; the hard and semi-hard ones are not.
    out.stats.easy = total - out.stats.hard - out.stats.semi_hard;
    out
}
