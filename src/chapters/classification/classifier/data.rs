//! The classifier lab's training state and what it reads from `crate::loss::linear`: the objective of
//! the current line on the points, one gradient-descent step, and the summary the readouts show.

use super::params::ClassifierParams;
use crate::figure::points::Selection;
use crate::loss::linear::{descend, objective, Linear, LinearLoss, Objective};
use crate::loss::LossError;

/// Where training starts (and Reset returns): a line through the origin at 45°, wrong for both
/// presets, so the first steps visibly turn it.
pub const INITIAL: Linear = Linear { w: [-0.5, 0.5], b: 0.0 };

/// What the lab keeps besides its parameters: the line being trained, its step count, the selection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Training {
    pub model: Linear,
    pub steps: u64,
    pub selection: Selection,
}

impl Default for Training {
    fn default() -> Self {
        Training { model: INITIAL, steps: 0, selection: Selection::default() }
    }
}

/// The points as the loss core takes them (rebuilt only when the parameters change).
#[derive(Debug, Clone, PartialEq)]
pub struct ClassifierData {
    pub positions: Vec<(f64, f64)>,
    pub labels: Vec<f64>,
    pub loss: LinearLoss,
    pub rate: f64,
}

pub fn build(params: &ClassifierParams) -> ClassifierData {
    ClassifierData { positions: params.positions(), labels: params.labels(), loss: params.loss.loss(), rate: params.rate }
}

impl ClassifierData {
    /// The objective of `model` on the points, with each point's loss and slope.
    pub fn evaluate(&self, model: &Linear) -> Result<Objective, LossError> {
        objective(&self.loss, model, &self.positions, &self.labels, ClassifierParams::LAMBDA)
    }

    /// One gradient-descent step from `model`.
    pub fn step(&self, model: &Linear) -> Result<Linear, LossError> {
        Ok(descend(model, &self.evaluate(model)?, self.rate))
    }
}

/// What the status line and the table show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub mean_loss: f64,
    pub objective: f64,
    /// Points on the wrong side of the line, or on it (y·f ≤ 0).
    pub errors: usize,
    /// Points whose gradient ∂ℓ/∂f is exactly 0.
    pub zero: usize,
    pub n: usize,
}

pub fn summary(data: &ClassifierData, model: &Linear) -> Result<Summary, LossError> {
    let at = data.evaluate(model)?;
    let errors = at.scores.iter().zip(&data.labels).filter(|(f, y)| *f * *y <= 0.0).count();
    let zero = at.slopes.iter().filter(|s| **s == 0.0).count();
    Ok(Summary { mean_loss: at.mean_loss, objective: at.value, errors, zero, n: data.positions.len() })
}

/// One point's numbers under the current line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointReading {
    pub label: f64,
    pub score: f64,
    /// y·f.
    pub margin: f64,
    pub loss: f64,
    /// ∂ℓ/∂f.
    pub slope: f64,
}

pub fn point_reading(data: &ClassifierData, model: &Linear, index: usize) -> Option<PointReading> {
    let at = data.evaluate(model).ok()?;
    let label = *data.labels.get(index)?;
    let score = *at.scores.get(index)?;
    Some(PointReading { label, score, margin: label * score, loss: *at.losses.get(index)?, slope: *at.slopes.get(index)? })
}
