//! One workload: its seeded inputs and one timed call. Plain Rust, so the same code runs in the page
//! and in a native test that checks every workload computes a finite loss.

use loss_lab::chapters::circle::grid::loss_grid_into;
use loss_lab::loss::metric::batch_triplet::{BatchTriplet, Mining};
use loss_lab::loss::metric::circle::Circle;
use loss_lab::loss::metric::distance::Embeddings;
use loss_lab::loss::metric::{BatchLoss, Reduction};
use loss_lab::loss::multiclass::CrossEntropy;
use loss_lab::loss::regression::Regression;

pub use crate::noise::noise;

/// Every workload's name, in the order the table lists them.
pub const WORKLOADS: [&str; 7] = ["huber", "mse", "memory", "cross_entropy", "batch_all_2d", "batch_all_128d", "circle_grid"];

/// Elements of the elementwise workloads.
pub const ELEMENTS: usize = 1_000_000;
/// Rows and classes of the cross-entropy workload.
pub const ROWS: usize = 10_000;
pub const CLASSES: usize = 100;
/// Points of the batch-all workloads: P = 16 classes × K = 16 points each.
pub const POINTS: usize = 256;
pub const PER_CLASS: usize = 16;
/// Cells per side of the circle grid.
pub const GRID_SIDE: usize = 400;

/// The parameters the page gives TensorFlow.js as well.
pub const HUBER_DELTA: f64 = 1.0;
pub const LABEL_SMOOTHING: f64 = 0.1;
pub const TRIPLET_MARGIN: f64 = 0.2;
pub const CIRCLE_GAMMA: f64 = 256.0;
pub const CIRCLE_M: f64 = 0.25;

enum Kind {
    Elementwise(Regression),
    Memory,
    CrossEntropy(CrossEntropy),
    BatchAll(BatchTriplet, Embeddings),
    CircleGrid(Circle),
}

/// Prepared inputs and the output of the last call.
pub struct Workload {
    kind: Kind,
    /// Predictions, logits, embeddings (row-major) or, for the grid, nothing.
    pub x: Vec<f64>,
    /// Targets (elementwise), or nothing.
    pub t: Vec<f64>,
    /// Class labels (cross-entropy rows, batch points).
    pub labels: Vec<usize>,
    /// Embedding dimension (batch-all), classes (cross-entropy), 1 otherwise.
    pub width: usize,
    /// The gradient (or the grid) of the last call.
    pub out: Vec<f64>,
}

impl Workload {
    /// The named workload with its seeded inputs; `None` for an unknown name.
    pub fn new(name: &str) -> Option<Workload> {
        let (kind, x, t, labels, width) = match name {
            "huber" | "mse" | "memory" => {
                let x: Vec<f64> = noise(ELEMENTS, 1).iter().map(|v| 3.0 * v).collect();
                let kind = match name {
                    "huber" => Kind::Elementwise(Regression::huber(HUBER_DELTA).ok()?),
                    "mse" => Kind::Elementwise(Regression::Mse),
                    _ => Kind::Memory,
                };
                (kind, x, noise(ELEMENTS, 2), Vec::new(), 1)
            }
            "cross_entropy" => {
                let x = noise(ROWS * CLASSES, 4).iter().map(|v| 5.0 * v).collect();
                let labels = (0..ROWS).map(|i| (i * 7919) % CLASSES).collect();
                (Kind::CrossEntropy(CrossEntropy::new(LABEL_SMOOTHING).ok()?), x, Vec::new(), labels, CLASSES)
            }
            "batch_all_2d" | "batch_all_128d" => {
                let dim = if name == "batch_all_2d" { 2 } else { 128 };
                let x = noise(POINTS * dim, 5 + dim as u64);
                let emb = Embeddings::new(x.clone(), dim).ok()?;
                let loss = BatchTriplet::new(TRIPLET_MARGIN, Reduction::MeanNonZero, true, Mining::All).ok()?;
                let labels = (0..POINTS).map(|i| i / PER_CLASS).collect();
                (Kind::BatchAll(loss, emb), x, Vec::new(), labels, dim)
            }
            "circle_grid" => (Kind::CircleGrid(Circle::new(CIRCLE_GAMMA, CIRCLE_M).ok()?), Vec::new(), Vec::new(), Vec::new(), 1),
            _ => return None,
        };
        let out = match kind {
            // The callers' buffers, kept across calls (as a training loop or a figure keeps them).
            Kind::CircleGrid(_) => vec![0.0; GRID_SIDE * GRID_SIDE],
            Kind::Elementwise(_) | Kind::Memory => vec![0.0; ELEMENTS],
            Kind::CrossEntropy(_) => vec![0.0; ROWS * CLASSES],
            Kind::BatchAll(..) => Vec::new(),
        };
        Some(Workload { kind, x, t, labels, width, out })
    }

    /// One timed call: the loss (or the memory pass's sum); the gradient or grid lands in `out`.
    /// NaN if the core refused the input (which a test rules out for every workload).
    pub fn run(&mut self) -> f64 {
        let result = match &self.kind {
            Kind::Elementwise(loss) => loss.value_and_grad_into(&self.x, &self.t, &mut self.out).map(|v| (v, None)),
            Kind::Memory => {
                let mut sum = 0.0;
                for ((o, &a), &b) in self.out.iter_mut().zip(&self.x).zip(&self.t) {
                    *o = a - b;
                    sum += *o;
                }
                Ok((sum, None))
            }
            Kind::CrossEntropy(loss) => loss.value_and_grad_into(&self.x, self.width, &self.labels, &mut self.out).map(|v| (v, None)),
            Kind::BatchAll(loss, emb) => loss.value_and_grad(emb, &self.labels).map(|(v, g)| (v, Some(g))),
            Kind::CircleGrid(circle) => {
                loss_grid_into(circle, (-1.0, 1.0), (-1.0, 1.0), GRID_SIDE, GRID_SIDE, &mut self.out).map(|()| {
                    let corner = self.out[0];
                    (corner, None)
                })
            }
        };
        match result {
            Ok((value, grad)) => {
                if let Some(grad) = grad {
                    self.out = grad;
                }
                value
            }
            Err(_) => f64::NAN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workload_computes_a_finite_loss_and_output() {
        for name in WORKLOADS {
            let mut w = Workload::new(name).expect(name);
            let value = w.run();
            assert!(value.is_finite(), "{name}: {value}");
            assert!(!w.out.is_empty() && w.out.iter().all(|v| v.is_finite()), "{name}");
        }
        assert!(Workload::new("nothing").is_none());
    }
}
