//! Beyond the article (MATHS.md §11): the sigmoid focal loss. (Quantile is
//! [`super::regression::Regression::Quantile`], label smoothing [`super::multiclass::CrossEntropy`],
//! NT-Xent [`super::metric::ntxent`].)

use super::classification::{bce_with_logits_element, bce_with_logits_element_derivative};
use super::num::{check_each, check_pair, check_param, sigmoid};
use super::{Elementwise, LossError};

/// The largest focal γ accepted (the paper uses γ ≤ 5; figures go to 512).
pub const MAX_GAMMA: f64 = 1e6;

/// Sigmoid focal loss (Lin et al. 2017; `torchvision.ops.sigmoid_focal_loss`, here with mean reduction).
///
/// p = σ(x), p_t = p·y + (1−p)(1−y), α_t = α y + (1−α)(1−y) (no weighting when α < 0),
/// ℓ = α_t · BCE-with-logits(x, y) · (1 − p_t)^γ, with 1 − p_t = y·σ(−x) + (1−y)·σ(x) formed
/// stably (not as 1 minus a rounded probability).
///
/// Gradient: ∂ℓ/∂x = α_t [ (σ(x) − y)(1−p_t)^γ + γ·CE·(1−p_t)^{γ−1}·(1−2y)·σ(x)σ(−x) ].
/// Domain: x finite, y ∈ [0, 1], 0 ≤ γ ≤ 1e6, α ∈ [0, 1] or α < 0. Finite for γ = 512 and |x| = 1e3.
/// Difference from torchvision: it computes 1 − p_t as 1 − p·y − …, which rounds to 0 for confident
/// predictions (|x| ≳ 37) and so loses the tiny loss that remains.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Focal {
    alpha: f64,
    gamma: f64,
}

impl Focal {
    /// α ∈ [0, 1], or any α < 0 for "no α weighting" (torchvision's convention); 0 ≤ γ ≤ 1e6.
    /// torchvision's defaults are α = 0.25, γ = 2.
    pub fn new(alpha: f64, gamma: f64) -> Result<Self, LossError> {
        check_param("α (alpha)", alpha, alpha <= 1.0 && alpha.is_finite() || alpha < 0.0, "must lie between 0 and 1, or be negative to switch the weighting off")?;
        check_param("γ (gamma)", gamma, (0.0..=MAX_GAMMA).contains(&gamma), "must lie between 0 and 1e6")?;
        Ok(Focal { alpha, gamma })
    }

    fn alpha_t(&self, y: f64) -> f64 {
        if self.alpha < 0.0 {
            1.0
        } else {
            self.alpha * y + (1.0 - self.alpha) * (1.0 - y)
        }
    }

    /// 1 − p_t formed without cancellation.
    fn one_minus_pt(x: f64, y: f64) -> f64 {
        if y == 1.0 {
            sigmoid(-x)
        } else if y == 0.0 {
            sigmoid(x)
        } else {
            y * sigmoid(-x) + (1.0 - y) * sigmoid(x)
        }
    }

    /// ℓ(x, y) for one logit.
    pub fn element(&self, x: f64, y: f64) -> f64 {
        let q = Focal::one_minus_pt(x, y);
        let w = if self.gamma == 0.0 { 1.0 } else { q.powf(self.gamma) };
        self.alpha_t(y) * bce_with_logits_element(x, y) * w
    }

    /// ∂ℓ/∂x for one logit.
    pub fn element_derivative(&self, x: f64, y: f64) -> f64 {
        let g = self.gamma;
        let q = Focal::one_minus_pt(x, y);
        let ce = bce_with_logits_element(x, y);
        let dce = bce_with_logits_element_derivative(x, y);
        let w = if g == 0.0 { 1.0 } else { q.powf(g) };
        // γ·CE·q^{γ−1}·(1−2y)·σ(x)σ(−x), written as γ·(q^γ·r)·CE·(1−2y) with r = σ(x)σ(−x)/q ≤ 1/(4·min(y, 1−y)):
        // for y ∈ {0, 1}, r = p_t exactly (the other sigmoid). The bracketed product is ≤ 1, so
        // nothing overflows to ∞·0 even for γ = 1e6 and |x| = 1e300.
        let second = if g == 0.0 {
            0.0
        } else if y == 1.0 {
            -g * (w * sigmoid(x)) * ce
        } else if y == 0.0 {
            g * (w * sigmoid(-x)) * ce
        } else if q > 0.0 {
            g * (w * (sigmoid(x) * sigmoid(-x) / q)) * ce * (1.0 - 2.0 * y)
        } else {
            0.0
        };
        self.alpha_t(y) * (dce * w + second)
    }
}

/// The mean focal loss over logits and labels; gradient with respect to the logits.
impl Elementwise for Focal {
    fn check(&self, x: &[f64], y: &[f64]) -> Result<(), LossError> {
        check_pair("logits", x, "y", y)?;
        check_each("y", y, |v| (0.0..=1.0).contains(&v), "must be a label between 0 and 1")
    }

    #[inline]
    fn term(&self, x: f64, y: f64) -> f64 {
        self.element(x, y)
    }

    #[inline]
    fn term_derivative(&self, x: f64, y: f64) -> f64 {
        self.element_derivative(x, y)
    }
}
