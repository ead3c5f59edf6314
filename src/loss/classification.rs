//! Binary classification (MATHS.md §2–3): cross-entropy on probabilities and on logits, and the
//! margin losses of a score f with label y ∈ {−1, +1}. The sigmoid focal loss is in
//! [`super::extras::Focal`]; multi-class losses are in [`super::multiclass`].
//!
//! Each is an [`Elementwise`] loss: reduced values are means over the n examples (or another
//! [`super::Reduction`]); gradients are with respect to the model output (p, x or f).

use super::num::{check_each, check_pair, sigmoid, softplus};
use super::{Elementwise, LossError};

// ------------------------------------------------------------------------------------------------
// BCE on probabilities

/// Binary cross-entropy of one probability p ∈ [0, 1] against a label y ∈ [0, 1]:
/// ℓ = −[y ln p + (1−y) ln(1−p)], the second log as log1p(−p), with 0·ln 0 = 0.
///
/// Domain: +∞ at p = 0 with y > 0 and at p = 1 with y < 1 (the exact value).
/// PyTorch (`BCELoss`) clamps each log at −100, so it reports 100 there instead of ∞.
pub fn bce_element(p: f64, y: f64) -> f64 {
    let a = if y == 0.0 { 0.0 } else { -y * p.ln() };
    let b = if y == 1.0 { 0.0 } else { -(1.0 - y) * (-p).ln_1p() };
    a + b
}

/// ∂ℓ/∂p = (p − y)/(p(1−p)). At p = y ∈ {0, 1} (0/0) the derivative of the one remaining term:
/// +1 at p = y = 0, −1 at p = y = 1. −∞ at p = 0 < y, +∞ at p = 1 > y.
pub fn bce_element_derivative(p: f64, y: f64) -> f64 {
    if p > 0.0 && p < 1.0 {
        (p - y) / (p * (1.0 - p))
    } else if y == 0.0 {
        // Only −ln(1−p) is left: derivative 1/(1−p) (+1 at p = 0, +∞ at p = 1).
        1.0 / (1.0 - p)
    } else if y == 1.0 {
        // Only −ln p is left: −1/p (−1 at p = 1, −∞ at p = 0).
        -1.0 / p
    } else if p == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    }
}

/// The binary cross-entropy PyTorch reports (`torch.nn.functional.binary_cross_entropy`): each log
/// clamped at −100 before it is weighted, ℓ = −[y·max(ln p, −100) + (1−y)·max(ln(1−p), −100)].
/// Equal to [`bce_element`] while both logs are above −100 (p and 1−p above e^{−100} ≈ 3.7e−44);
/// beyond, it stops at 100 where the exact loss grows without bound (+∞ at p = 0 < y).
pub fn bce_element_clamped_like_torch(p: f64, y: f64) -> f64 {
    const FLOOR: f64 = -100.0;
    let log_p = p.ln().max(FLOOR);
    let log_q = (-p).ln_1p().max(FLOOR);
    // A weight of 0 times the clamped log is 0, as in PyTorch.
    let a = if y == 0.0 { 0.0 } else { -y * log_p };
    let b = if y == 1.0 { 0.0 } else { -(1.0 - y) * log_q };
    a + b
}

/// Binary cross-entropy on probabilities p ∈ [0, 1] against labels y ∈ [0, 1], as an
/// [`Elementwise`] loss (`torch.nn.BCELoss` without its −100 clamp). The reduced value may be +∞
/// (see [`bce_element`]); gradient entries may be ±∞.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bce;

impl Elementwise for Bce {
    fn check(&self, p: &[f64], y: &[f64]) -> Result<(), LossError> {
        check_pair("p", p, "y", y)?;
        check_each("p", p, |v| (0.0..=1.0).contains(&v), "must be a probability between 0 and 1")?;
        check_each("y", y, |v| (0.0..=1.0).contains(&v), "must be a label between 0 and 1")
    }

    #[inline]
    fn term(&self, p: f64, y: f64) -> f64 {
        bce_element(p, y)
    }

    #[inline]
    fn term_derivative(&self, p: f64, y: f64) -> f64 {
        bce_element_derivative(p, y)
    }
}

/// Mean binary cross-entropy on probabilities: [`Bce`]'s value.
pub fn bce(p: &[f64], y: &[f64]) -> Result<f64, LossError> {
    Bce.value(p, y)
}

/// Gradient of [`bce`] with respect to p: [`bce_element_derivative`]/n (entries may be ±∞).
pub fn bce_grad(p: &[f64], y: &[f64]) -> Result<Vec<f64>, LossError> {
    Bce.grad(p, y)
}

/// [`bce`] and [`bce_grad`] together.
pub fn bce_value_and_grad(p: &[f64], y: &[f64]) -> Result<(f64, Vec<f64>), LossError> {
    Bce.value_and_grad(p, y)
}

// ------------------------------------------------------------------------------------------------
// BCE on logits

/// Binary cross-entropy of a logit x against y ∈ [0, 1]: ℓ = max(x,0) − x·y + log1p(e^{−|x|}),
/// evaluated as y·softplus(−x) + (1−y)·softplus(x) (the same number, without cancellation), so
/// x = 50, y = 1 gives 1.9e−22 and x = ±1e3 is finite. Equals `torch.nn.BCEWithLogitsLoss`.
pub fn bce_with_logits_element(x: f64, y: f64) -> f64 {
    let a = if y == 0.0 { 0.0 } else { y * softplus(-x) };
    let b = if y == 1.0 { 0.0 } else { (1.0 - y) * softplus(x) };
    a + b
}

/// ∂ℓ/∂x = σ(x) − y formed without cancellation: σ(x) for y = 0, −σ(−x) for y = 1,
/// (1−y)σ(x) − yσ(−x) otherwise. x = −50, y = 0 gives 1.9e−22, not 0.
pub fn bce_with_logits_element_derivative(x: f64, y: f64) -> f64 {
    if y == 0.0 {
        sigmoid(x)
    } else if y == 1.0 {
        -sigmoid(-x)
    } else {
        (1.0 - y) * sigmoid(x) - y * sigmoid(-x)
    }
}

/// Binary cross-entropy on logits against labels y ∈ [0, 1], as an [`Elementwise`] loss
/// (`torch.nn.BCEWithLogitsLoss`). Finite for finite input; value and gradient share one e^{−|x|}.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BceWithLogits;

impl Elementwise for BceWithLogits {
    fn check(&self, x: &[f64], y: &[f64]) -> Result<(), LossError> {
        check_pair("logits", x, "y", y)?;
        check_each("y", y, |v| (0.0..=1.0).contains(&v), "must be a label between 0 and 1")
    }

    #[inline]
    fn term(&self, x: f64, y: f64) -> f64 {
        bce_with_logits_element(x, y)
    }

    #[inline]
    fn term_derivative(&self, x: f64, y: f64) -> f64 {
        bce_with_logits_element_derivative(x, y)
    }

    #[inline]
    fn term_and_derivative(&self, x: f64, y: f64) -> (f64, f64) {
        bce_with_logits_fused(x, y)
    }
}

/// Mean binary cross-entropy on logits: [`BceWithLogits`]'s value.
pub fn bce_with_logits(x: &[f64], y: &[f64]) -> Result<f64, LossError> {
    BceWithLogits.value(x, y)
}

/// Gradient of [`bce_with_logits`] with respect to the logits: (σ(x_i) − y_i)/n.
pub fn bce_with_logits_grad(x: &[f64], y: &[f64]) -> Result<Vec<f64>, LossError> {
    BceWithLogits.grad(x, y)
}

/// [`bce_with_logits`] and [`bce_with_logits_grad`] in one pass.
pub fn bce_with_logits_value_and_grad(x: &[f64], y: &[f64]) -> Result<(f64, Vec<f64>), LossError> {
    BceWithLogits.value_and_grad(x, y)
}

/// (ℓ, ∂ℓ/∂x) sharing one e^{−|x|}: the same numbers as [`bce_with_logits_element`] and
/// [`bce_with_logits_element_derivative`] with one exp and one log1p instead of two of each.
#[inline]
pub(crate) fn bce_with_logits_fused(x: f64, y: f64) -> (f64, f64) {
    let e = (-x.abs()).exp();
    let tail = if x.abs() > super::num::SOFTPLUS_TAIL_NEGLIGIBLE { e } else { e.ln_1p() };
    let sp_pos = x.max(0.0) + tail; // softplus(x)
    let sp_neg = (-x).max(0.0) + tail; // softplus(−x)
    let inv = 1.0 / (1.0 + e);
    let odd = e / (1.0 + e); // computed as `sigmoid` does, so the numbers agree to the bit
    let (sig_pos, sig_neg) = if x >= 0.0 { (inv, odd) } else { (odd, inv) }; // σ(x), σ(−x)
    if y == 0.0 {
        (sp_pos, sig_pos)
    } else if y == 1.0 {
        (sp_neg, -sig_neg)
    } else {
        (y * sp_neg + (1.0 - y) * sp_pos, (1.0 - y) * sig_pos - y * sig_neg)
    }
}

// ------------------------------------------------------------------------------------------------
// Margin losses, y ∈ {−1, +1}

/// A loss of the margin y·f of a score f with label y ∈ {−1, +1} (MATHS.md §3).
///
/// | loss | ℓ(y, f) | ∂ℓ/∂f | kink (in y·f) |
/// |---|---|---|---|
/// | 0-1 | [y f ≤ 0] | 0 | 0 (a jump) |
/// | hinge | max(0, 1 − y f) | −y·[1 − y f > 0] | 1 |
/// | squared hinge | max(0, 1 − y f)² | −2y·max(0, 1 − y f) | 1 (second derivative jumps) |
/// | logistic | softplus(−y f) = ln(1 + e^{−y f}) | −y·σ(−y f) | — |
///
/// Kinks take the flat side: hinge at y f = 1 → 0. PyTorch: `HingeEmbeddingLoss` is a different
/// loss (of a distance); `SoftMarginLoss` is the logistic loss here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Margin {
    ZeroOne,
    Hinge,
    SquaredHinge,
    Logistic,
}

impl Margin {
    /// All four, in the order of the figure.
    pub const ALL: [Margin; 4] = [Margin::ZeroOne, Margin::Hinge, Margin::SquaredHinge, Margin::Logistic];

    /// ℓ as a function of the margin m = y·f.
    pub fn of_margin(&self, m: f64) -> f64 {
        match self {
            Margin::ZeroOne => {
                if m <= 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Margin::Hinge => (1.0 - m).max(0.0),
            Margin::SquaredHinge => {
                let z = (1.0 - m).max(0.0);
                z * z
            }
            Margin::Logistic => softplus(-m),
        }
    }

    /// dℓ/dm as a function of the margin m = y·f (flat side at kinks: 0 for the hinge at m = 1 and for
    /// the 0-1 jump at m = 0).
    pub fn of_margin_derivative(&self, m: f64) -> f64 {
        match self {
            Margin::ZeroOne => 0.0,
            Margin::Hinge => {
                if 1.0 - m > 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            Margin::SquaredHinge => -2.0 * (1.0 - m).max(0.0),
            Margin::Logistic => -sigmoid(-m),
        }
    }

    /// ℓ(f) for label y (y is taken as its sign: any y > 0 is +1, anything else −1).
    pub fn element(&self, f: f64, y: f64) -> f64 {
        self.of_margin(label_sign(y) * f)
    }

    /// ∂ℓ/∂f = y · dℓ/dm.
    pub fn element_derivative(&self, f: f64, y: f64) -> f64 {
        let s = label_sign(y);
        let d = self.of_margin_derivative(s * f);
        if d == 0.0 {
            0.0
        } else {
            s * d
        }
    }

    /// Kinks in the margin y·f: 0-1 `[0]`, hinge and squared hinge `[1]`, logistic none.
    pub fn kinks(&self) -> Vec<f64> {
        match self {
            Margin::ZeroOne => vec![0.0],
            Margin::Hinge | Margin::SquaredHinge => vec![1.0],
            Margin::Logistic => Vec::new(),
        }
    }
}

/// The mean margin loss over scores f and labels y ∈ {−1, +1}; gradient with respect to f.
impl Elementwise for Margin {
    fn check(&self, f: &[f64], y: &[f64]) -> Result<(), LossError> {
        check_pair("scores", f, "y", y)?;
        check_each("y", y, |v| v == 1.0 || v == -1.0, "must be a label −1 or +1")
    }

    #[inline]
    fn term(&self, f: f64, y: f64) -> f64 {
        self.element(f, y)
    }

    #[inline]
    fn term_derivative(&self, f: f64, y: f64) -> f64 {
        self.element_derivative(f, y)
    }
}

fn label_sign(y: f64) -> f64 {
    if y > 0.0 {
        1.0
    } else {
        -1.0
    }
}
