//! Everything the mining figures read from a batch's embedding, computed once per embedding with
//! `crate::loss::metric`: the distance matrix (and its heatmap), every valid triplet counted by
//! category, the triplets a strategy mines with a checksum, and each strategy's loss.

use crate::loss::metric::batch_triplet::{BatchTriplet, Mining, TripletLoss};
use crate::loss::metric::distance::{Embeddings, PairMatrix};
use crate::figure::shared::Shared;
use crate::loss::metric::miners::{mine, mining_pass, Miner, MiningPass, SortedNegatives, Triplet, TripletStats};
use std::sync::OnceLock;
use crate::loss::metric::BatchLoss;
use crate::loss::{LossError, Reduction};
use crate::plot::heatmap::ramp;

/// The three strategies, in the order of the figure's choice.
pub const STRATEGIES: [Mining; 3] = [Mining::All, Mining::Hard, Mining::SemiHard];

/// The embedding as the loss core takes it.
pub fn embeddings(points: &[(f64, f64)]) -> Result<Embeddings, LossError> {
    Embeddings::new(points.iter().flat_map(|p| [p.0, p.1]).collect(), 2)
}

/// A 32-bit FNV-1a checksum of a list of triplets (each as three little-endian u32 indices), so a
/// reader and a test can compare a mined list with the core's at a glance.
pub fn checksum(triplets: &[Triplet]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for t in triplets {
        for index in [t.anchor, t.positive, t.negative] {
            for byte in (index as u32).to_le_bytes() {
                hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
            }
        }
    }
    hash
}

/// The triplets a strategy mines (batch-all: none listed — it takes every valid triplet).
pub fn mined(d: &PairMatrix, labels: &[usize], mining: Mining) -> Result<Vec<Triplet>, LossError> {
    match mining {
        Mining::All => Ok(Vec::new()),
        Mining::Hard => mine(d, labels, Miner::BatchHard),
        Mining::SemiHard => mine(d, labels, Miner::SemiHard),
    }
}

/// Index of a strategy in [`STRATEGIES`].
pub fn strategy_index(mining: Mining) -> usize {
    STRATEGIES.iter().position(|m| *m == mining).unwrap_or(0)
}

/// What an embedding of the batch gives whatever the margin: the distances and their heatmap, both
/// miners' lists, and the counts and batch-all sum at the margin it was first read with (one pass
/// over every triplet); for any other margin the negatives sorted per anchor, built on first need.
#[derive(Debug)]
pub struct Embedded {
    pub points: Vec<(f64, f64)>,
    pub distances: PairMatrix,
    /// Each strategy's triplets, in [`STRATEGIES`] order (batch-all's are not listed: every valid one).
    pub lists: [Vec<Triplet>; 3],
    /// The checksum of each listed strategy's triplets ([`checksum`]).
    pub checksums: [Option<u32>; 3],
    /// The distance matrix as RGBA pixels (n × n, row-major), 0 dark … the largest distance bright.
    pub heat: Vec<u8>,
    /// The mean distance between two different points.
    pub mean_distance: f64,
    emb: Embeddings,
    labels: Vec<usize>,
    /// The margin of the pass, and its counts.
    first: (f64, TripletStats),
    sorted: OnceLock<Result<SortedNegatives, LossError>>,
}

impl Embedded {
    /// Reads the embedding `points` with labels `labels`, counting triplets at `margin`.
    pub fn of(points: Vec<(f64, f64)>, labels: &[usize], margin: f64) -> Result<Embedded, LossError> {
        let emb = embeddings(&points)?;
        let distances = PairMatrix::euclidean(&emb, false);
        // One pass over every valid triplet: the counts, batch-all's loss, both miners' lists.
        let MiningPass { stats, batch_hard, semi_hard } = mining_pass(&distances, labels, margin)?;
        let lists: [Vec<Triplet>; 3] = [Vec::new(), batch_hard, semi_hard];
        let checksums = [None, Some(checksum(&lists[1])), Some(checksum(&lists[2]))];
        let n = points.len();
        let values = distances.as_slice();
        let largest = values.iter().copied().fold(0.0, f64::max);
        // 256 colours of the ramp, looked up per cell (a training frame recolours every cell).
        let colours: Vec<[u8; 4]> = (0..256).map(|k| {
            let [r, g, b] = ramp(f64::from(k) / 255.0);
            [r, g, b, 255]
        }).collect();
        let scale = if largest > 0.0 { 255.0 / largest } else { 0.0 };
        let mut heat = Vec::with_capacity(n * n * 4);
        for &v in values {
            heat.extend_from_slice(&colours[((v * scale).round() as usize).min(255)]);
        }
        let pairs = n * n.saturating_sub(1);
        let mean_distance = if pairs > 0 { values.iter().sum::<f64>() / pairs as f64 } else { 0.0 };
        let first = (margin, stats);
        Ok(Embedded { points, distances, lists, checksums, heat, mean_distance, emb, labels: labels.to_vec(), first, sorted: OnceLock::new() })
    }

    /// Every valid triplet counted at `margin`, with batch-all's sum.
    fn stats(&self, margin: f64) -> Result<TripletStats, LossError> {
        if margin.to_bits() == self.first.0.to_bits() {
            return Ok(self.first.1);
        }
        self.sorted.get_or_init(|| SortedNegatives::new(&self.distances, &self.labels)).as_ref().map_err(Clone::clone)?.stats(margin)
    }
}

/// One embedding of the batch read at a margin and reduction: what [`Embedded`] gives (its fields
/// read through this one), every valid triplet counted by category, and each strategy's loss.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub embedded: Shared<Embedded>,
    pub stats: TripletStats,
    /// How many triplets each strategy scores.
    pub counts: [usize; 3],
    /// Each strategy's loss under the chosen reduction.
    pub losses: [f64; 3],
}

impl std::ops::Deref for Analysis {
    type Target = Embedded;

    fn deref(&self) -> &Embedded {
        &self.embedded
    }
}

impl Analysis {
    /// Reads the embedding `points` with labels `labels`.
    pub fn of(points: Vec<(f64, f64)>, labels: &[usize], margin: f64, reduction: Reduction) -> Result<Analysis, LossError> {
        Analysis::at(Shared::new(Embedded::of(points, labels, margin)?), margin, reduction)
    }

    /// Reads an embedding already read (at another margin, perhaps): the counts and losses only.
    pub fn at(embedded: Shared<Embedded>, margin: f64, reduction: Reduction) -> Result<Analysis, LossError> {
        let stats = embedded.stats(margin)?;
        let scorer = TripletLoss::new(margin, reduction, false)?;
        let mut counts = [0; 3];
        let mut losses = [0.0; 3];
        for (i, strategy) in STRATEGIES.into_iter().enumerate() {
            if strategy == Mining::All {
                counts[i] = stats.total();
                losses[i] = stats.batch_all(reduction);
            } else {
                let list = &embedded.lists[i];
                counts[i] = list.len();
                losses[i] = scorer.value(&embedded.emb, list)?;
            }
        }
        Ok(Analysis { embedded, stats, counts, losses })
    }

    /// The triplets `mining` picked (empty for batch-all).
    pub fn mined(&self, mining: Mining) -> &[Triplet] {
        &self.lists[strategy_index(mining)]
    }
}

/// One step of gradient descent on the points under a strategy and reduction: the moved points
/// (kept inside `bounds`) and the loss before the step.
pub fn descend(
    points: &[(f64, f64)],
    labels: &[usize],
    loss: BatchTriplet,
    rate: f64,
    bounds: ((f64, f64), (f64, f64)),
) -> Result<(Vec<(f64, f64)>, f64), LossError> {
    let (value, grad) = loss.value_and_grad(&embeddings(points)?, labels)?;
    Ok((moved(points, &grad, rate, bounds), value))
}

/// `points` moved by −`rate` times their gradient (flat, x and y per point), kept inside `bounds`.
pub fn moved(points: &[(f64, f64)], grad: &[f64], rate: f64, bounds: ((f64, f64), (f64, f64))) -> Vec<(f64, f64)> {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (gx, gy) = (grad.get(2 * i).copied().unwrap_or(0.0), grad.get(2 * i + 1).copied().unwrap_or(0.0));
            ((p.0 - rate * gx).clamp(bounds.0 .0, bounds.0 .1), (p.1 - rate * gy).clamp(bounds.1 .0, bounds.1 .1))
        })
        .collect()
}

/// An embedding made by one linear layer shared by every input u: x = W·u + b — the smallest
/// "network", enough to show what a shared model does that free points do not (collapse).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layer {
    pub w: [[f64; 2]; 2],
    pub b: [f64; 2],
}

impl Layer {
    /// x = u: the embedding starts as the inputs.
    pub const IDENTITY: Layer = Layer { w: [[1.0, 0.0], [0.0, 1.0]], b: [0.0, 0.0] };

    /// The embedding of `inputs`.
    pub fn embed(&self, inputs: &[(f64, f64)]) -> Vec<(f64, f64)> {
        let [[a, b], [c, d]] = self.w;
        inputs.iter().map(|u| (a * u.0 + b * u.1 + self.b[0], c * u.0 + d * u.1 + self.b[1])).collect()
    }
}

/// One step of gradient descent on the layer: ∂L/∂W = Σᵢ gᵢ uᵢᵀ and ∂L/∂b = Σᵢ gᵢ, with gᵢ = ∂L/∂xᵢ
/// from the loss core. Returns the new layer and the loss before the step.
pub fn descend_layer(inputs: &[(f64, f64)], labels: &[usize], loss: BatchTriplet, rate: f64, layer: Layer) -> Result<(Layer, f64), LossError> {
    let (value, grad) = loss.value_and_grad(&embeddings(&layer.embed(inputs))?, labels)?;
    let mut next = layer;
    for (i, u) in inputs.iter().enumerate() {
        for row in 0..2 {
            let g = grad.get(2 * i + row).copied().unwrap_or(0.0);
            next.w[row][0] -= rate * g * u.0;
            next.w[row][1] -= rate * g * u.1;
            next.b[row] -= rate * g;
        }
    }
    Ok((next, value))
}
