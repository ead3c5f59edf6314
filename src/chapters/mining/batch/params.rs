//! The batch figure's parameters and their URL form: `batch.p` classes, `batch.k` points per class,
//! `batch.seed`, `batch.spread`, `batch.mine` (`all`, `hard`, `semihard`), `batch.reduce` (`mean`,
//! `nonzero`), `batch.m` (the margin) and `batch.rate` (the learning rate).

use crate::figure::query::{FigureQuery, LinearRange, LogRange, QueryWriter, Scale, UrlState};
use crate::loss::metric::batch_triplet::Mining;
use crate::loss::Reduction;

/// Parameters of the batch figure.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchParams {
    /// P.
    pub classes: usize,
    /// K.
    pub per_class: usize,
    pub seed: u32,
    /// The standard deviation of each class's points around its centre.
    pub spread: f64,
    pub mining: Mining,
    /// Mean over all mined triplets, or over those with a positive loss.
    pub reduction: Reduction,
    pub margin: f64,
    pub rate: f64,
    /// What training moves.
    pub model: Model,
}

/// What training moves: the points themselves, or one linear layer that makes them from the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    Points,
    Layer,
}

/// What identifies a training run's start (not the loss): classes, points per class, seed, spread, model.
pub type BatchKey = (usize, usize, u32, u64, Model);

impl BatchParams {
    pub const COUNT: LinearRange = LinearRange { min: 2.0, max: 16.0, step: 1.0 };
    pub const SPREAD: LinearRange = LinearRange { min: 0.05, max: 1.5, step: 0.05 };
    pub const MARGIN: LinearRange = LinearRange { min: 0.05, max: 1.0, step: 0.05 };
    pub const RATE: LogRange = LogRange { min: 0.01, max: 10.0, steps: 300 };
    pub const DEFAULT_RATE: f64 = 0.05;
    pub const MAX_SEED: u32 = 99_999;

    pub fn key(&self) -> BatchKey {
        (self.classes, self.per_class, self.seed, self.spread.to_bits(), self.model)
    }

    pub fn mining_key(&self) -> &'static str {
        match self.mining {
            Mining::All => "all",
            Mining::Hard => "hard",
            Mining::SemiHard => "semihard",
        }
    }

    /// The seed after `seed` (a new batch for the "new batch" button).
    pub fn next_seed(seed: u32) -> u32 {
        (seed.wrapping_mul(48_271) % Self::MAX_SEED) + 1
    }
}

impl Default for BatchParams {
    fn default() -> Self {
        BatchParams {
            classes: 4,
            per_class: 4,
            seed: 1,
            spread: 0.35,
            mining: Mining::All,
            reduction: Reduction::MeanNonZero,
            margin: 0.2,
            rate: Self::DEFAULT_RATE,
            model: Model::Points,
        }
    }
}

fn count(query: &FigureQuery<'_>, name: &str, default: usize) -> usize {
    query.scaled(name, &Scale::Linear(BatchParams::COUNT), default as f64).round() as usize
}

impl UrlState for BatchParams {
    fn read(query: &FigureQuery<'_>) -> BatchParams {
        let mut params = BatchParams::default();
        params.classes = count(query, "p", params.classes);
        params.per_class = count(query, "k", params.per_class);
        params.seed = query.number("seed").map_or(params.seed, |s| s.round().clamp(1.0, f64::from(Self::MAX_SEED)) as u32);
        params.spread = query.scaled("spread", &Scale::Linear(Self::SPREAD), params.spread);
        params.mining = match query.raw("mine") {
            Some("hard") => Mining::Hard,
            Some("semihard") => Mining::SemiHard,
            _ => Mining::All,
        };
        if query.raw("reduce") == Some("mean") {
            params.reduction = Reduction::Mean;
        }
        params.margin = query.scaled("m", &Scale::Linear(Self::MARGIN), params.margin);
        params.rate = query.scaled("rate", &Scale::Log(Self::RATE), params.rate);
        if query.raw("model") == Some("layer") {
            params.model = Model::Layer;
        }
        params
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.number("p", self.classes as f64);
        out.number("k", self.per_class as f64);
        out.number("seed", f64::from(self.seed));
        out.number("spread", self.spread);
        out.text("mine", self.mining_key());
        out.text("reduce", if self.reduction == Reduction::Mean { "mean" } else { "nonzero" });
        out.number("m", self.margin);
        out.number("rate", self.rate);
        if self.model == Model::Layer {
            out.text("model", "layer");
        }
    }
}
