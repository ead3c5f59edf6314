//! A linear classifier of points in the plane, f(x) = w·x + b, trained by gradient descent on one of
//! the margin losses (MATHS.md §3, §11) — the classification twin of the line fits in [`super::fit`].
//!
//! Labels are y ∈ {−1, +1}. The objective is the mean loss plus an L2 term on w:
//!
//! L(w, b) = (1/n) Σ ℓ(f_i, y_i) + (λ/2)‖w‖², with f_i = w·x_i + b;
//! ∂L/∂w = (1/n) Σ ℓ'(f_i)·x_i + λw, ∂L/∂b = (1/n) Σ ℓ'(f_i), where ℓ' = ∂ℓ/∂f.
//!
//! A point beyond the hinge's margin (y f > 1) has ℓ' = 0 exactly: it does not move the line (it is
//! not a support vector). Under the logistic loss ℓ' = −y σ(−y f) is never 0: every point pulls.

use super::classification::Margin;
use super::extras::Focal;
use super::num::{check_each, check_nonempty, check_param, check_same_len};
use super::LossError;

/// The loss a linear classifier is trained with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LinearLoss {
    /// softplus(−y f) — binary cross-entropy on the logit f.
    Logistic,
    /// max(0, 1 − y f) — the SVM's loss.
    Hinge,
    /// max(0, 1 − y f)².
    SquaredHinge,
    /// The sigmoid focal loss of the logit f with the 0/1 label (y + 1)/2.
    Focal(Focal),
    /// (f − y)²: regression on the ±1 labels.
    LeastSquares,
}

impl LinearLoss {
    /// ℓ(f, y) for a score f and label y ∈ {−1, +1}.
    pub fn element(&self, f: f64, y: f64) -> f64 {
        match self {
            LinearLoss::Logistic => Margin::Logistic.element(f, y),
            LinearLoss::Hinge => Margin::Hinge.element(f, y),
            LinearLoss::SquaredHinge => Margin::SquaredHinge.element(f, y),
            LinearLoss::Focal(focal) => focal.element(f, (y + 1.0) / 2.0),
            LinearLoss::LeastSquares => (f - y) * (f - y),
        }
    }

    /// ∂ℓ/∂f (the hinges take the flat side at y f = 1).
    pub fn element_derivative(&self, f: f64, y: f64) -> f64 {
        match self {
            LinearLoss::Logistic => Margin::Logistic.element_derivative(f, y),
            LinearLoss::Hinge => Margin::Hinge.element_derivative(f, y),
            LinearLoss::SquaredHinge => Margin::SquaredHinge.element_derivative(f, y),
            LinearLoss::Focal(focal) => focal.element_derivative(f, (y + 1.0) / 2.0),
            LinearLoss::LeastSquares => 2.0 * (f - y),
        }
    }
}

/// The classifier's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Linear {
    pub w: [f64; 2],
    pub b: f64,
}

impl Linear {
    /// The score f(x) = w·x + b.
    pub fn score(&self, (x, y): (f64, f64)) -> f64 {
        self.w[0] * x + self.w[1] * y + self.b
    }
}

/// The objective at one (w, b), with what each point contributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Objective {
    /// L = mean loss + (λ/2)‖w‖².
    pub value: f64,
    /// The mean loss alone.
    pub mean_loss: f64,
    pub grad_w: [f64; 2],
    pub grad_b: f64,
    /// Per point: f_i, ℓ(f_i, y_i) and ℓ'(f_i) = ∂ℓ/∂f_i.
    pub scores: Vec<f64>,
    pub losses: Vec<f64>,
    pub slopes: Vec<f64>,
}

/// The objective L(w, b) of `model` on `points` with labels ±1, its gradient and the per-point terms.
/// Errors: no points, a label that is not ±1, a non-finite coordinate or parameter, λ < 0.
pub fn objective(loss: &LinearLoss, model: &Linear, points: &[(f64, f64)], labels: &[f64], lambda: f64) -> Result<Objective, LossError> {
    check_nonempty("points", points.len())?;
    check_same_len("points", points.len(), "labels", labels.len())?;
    check_each("labels", labels, |v| v == 1.0 || v == -1.0, "must be a label −1 or +1")?;
    let coordinates: Vec<f64> = points.iter().flat_map(|&(x, y)| [x, y]).collect();
    check_each("points", &coordinates, f64::is_finite, "must be a finite number")?;
    check_param("λ (lambda)", lambda, lambda.is_finite() && lambda >= 0.0, "must be finite and at least 0")?;
    let parameters = [model.w[0], model.w[1], model.b];
    check_each("w, b", &parameters, f64::is_finite, "must be a finite number")?;
    let n = points.len() as f64;
    let (mut sum, mut grad_w, mut grad_b) = (0.0, [0.0; 2], 0.0);
    let mut scores = Vec::with_capacity(points.len());
    let mut losses = Vec::with_capacity(points.len());
    let mut slopes = Vec::with_capacity(points.len());
    for (&point, &y) in points.iter().zip(labels) {
        let f = model.score(point);
        let (value, slope) = (loss.element(f, y), loss.element_derivative(f, y));
        sum += value;
        grad_w[0] += slope * point.0;
        grad_w[1] += slope * point.1;
        grad_b += slope;
        scores.push(f);
        losses.push(value);
        slopes.push(slope);
    }
    let mean_loss = sum / n;
    let penalty = 0.5 * lambda * (model.w[0] * model.w[0] + model.w[1] * model.w[1]);
    Ok(Objective {
        value: mean_loss + penalty,
        mean_loss,
        grad_w: [grad_w[0] / n + lambda * model.w[0], grad_w[1] / n + lambda * model.w[1]],
        grad_b: grad_b / n,
        scores,
        losses,
        slopes,
    })
}

/// One gradient-descent step with learning rate η: w ← w − η ∂L/∂w, b ← b − η ∂L/∂b. A step that would
/// leave f64's range keeps the model as it was.
pub fn descend(model: &Linear, objective: &Objective, rate: f64) -> Linear {
    let next = Linear {
        w: [model.w[0] - rate * objective.grad_w[0], model.w[1] - rate * objective.grad_w[1]],
        b: model.b - rate * objective.grad_b,
    };
    if next.w.iter().chain([&next.b]).all(|v| v.is_finite()) {
        next
    } else {
        *model
    }
}
