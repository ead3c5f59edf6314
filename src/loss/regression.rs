//! Regression losses of a residual r = pred − target (MATHS.md §1, and the quantile loss of §11).
//!
//! | loss | ℓ(r) per element | dℓ/dr | kinks |
//! |---|---|---|---|
//! | ME | r | 1 | — |
//! | MSE | r² | 2r | — |
//! | MAE | \|r\| | sign r (0 at 0) | 0 |
//! | RMSE | √(mean r²); one element: \|r\| | r/(n·RMSE), 0 when RMSE = 0 | 0 |
//! | Huber(δ>0) | ½r² if \|r\|<δ else δ(\|r\|−½δ) | r or δ·sign r | ±δ |
//! | Smooth L1(β≥0) | ½r²/β if \|r\|<β else \|r\|−½β (β=0: \|r\|) | r/β or sign r | ±β (0 if β=0) |
//! | log-cosh | ln cosh r | tanh r | — |
//! | Quantile(0 ≤ τ ≤ 1) | max(τ r′, (τ−1) r′), r′ = target − pred = −r | 1−τ for r>0, −τ for r<0, 0 at 0 | 0 |
//!
//! The reduced loss is the mean of ℓ over the n elements (RMSE: the square root of the MSE); `grad` is
//! its gradient with respect to `pred` (∂r/∂pred = 1), i.e. dℓ/dr / n.
//!
//! Differences from PyTorch: RMSE's gradient at RMSE = 0 is 0 here (`torch.sqrt(mse)` backward gives NaN);
//! RMSE is scaled before squaring so r = 1e±200 neither overflows nor underflows. PyTorch has no ME,
//! RMSE, log-cosh or quantile loss; `HuberLoss(delta)` and `SmoothL1Loss(beta)` match ours exactly.

use super::elementwise::{reduced_value, reduced_value_and_grad, Elementwise};
use super::num::{check_pair, check_pair_shape, check_param, check_same_len, sign};
use super::lanes::F64x2;
use super::{LossError, Reduction};

/// A regression loss with its validated parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Regression {
    /// Mean error (1/n) Σ r: signed, so errors cancel; the "loss" a beginner first writes.
    Me,
    /// Mean squared error (1/n) Σ r²; `torch.nn.MSELoss`.
    Mse,
    /// Mean absolute error (1/n) Σ |r|; `torch.nn.L1Loss`.
    Mae,
    /// Root mean squared error √MSE.
    Rmse,
    /// Huber(δ) with δ > 0: quadratic iff |r| < δ, linear with slope δ beyond; `torch.nn.HuberLoss(delta=δ)`.
    /// Huber(δ) = δ · SmoothL1(β = δ).
    Huber { delta: f64 },
    /// Smooth L1(β) with β ≥ 0: quadratic ½r²/β iff |r| < β, |r| − ½β beyond; β = 0 is MAE;
    /// `torch.nn.SmoothL1Loss(beta=β)`.
    SmoothL1 { beta: f64 },
    /// log cosh r, evaluated as log1p(2 sinh²(r/2)) for |r| < 1 and |r| + log1p(e^{−2|r|}) − ln 2
    /// beyond, so it is finite for every finite r.
    LogCosh,
    /// Pinball loss of quantile τ ∈ [0, 1]: max(τ r′, (τ−1) r′) with r′ = target − pred.
    /// τ = ½ is half the MAE. τ = 0 or 1 are allowed (one side is flat).
    Quantile { tau: f64 },
}

impl Regression {
    /// Every variant, with the default parameters the figures start from (δ = β = 1, τ = 0.9).
    pub const ALL: [Regression; 8] = [
        Regression::Me,
        Regression::Mse,
        Regression::Mae,
        Regression::Rmse,
        Regression::Huber { delta: 1.0 },
        Regression::SmoothL1 { beta: 1.0 },
        Regression::LogCosh,
        Regression::Quantile { tau: 0.9 },
    ];

    /// Huber loss with threshold δ; δ must be finite and > 0.
    pub fn huber(delta: f64) -> Result<Self, LossError> {
        check_param("δ (delta)", delta, delta.is_finite() && delta > 0.0, "must be finite and greater than 0")?;
        Ok(Regression::Huber { delta })
    }

    /// Smooth L1 loss with threshold β; β must be finite and ≥ 0 (β = 0 is the MAE).
    pub fn smooth_l1(beta: f64) -> Result<Self, LossError> {
        check_param("β (beta)", beta, beta.is_finite() && beta >= 0.0, "must be finite and at least 0")?;
        Ok(Regression::SmoothL1 { beta })
    }

    /// Quantile (pinball) loss; τ must lie in the closed interval [0, 1].
    pub fn quantile(tau: f64) -> Result<Self, LossError> {
        check_param("τ (tau)", tau, (0.0..=1.0).contains(&tau), "must lie between 0 and 1")?;
        Ok(Regression::Quantile { tau })
    }

    /// Re-validates the parameter of a variant built directly (the enum's fields are public).
    pub fn validated(self) -> Result<Self, LossError> {
        match self {
            Regression::Huber { delta } => Regression::huber(delta),
            Regression::SmoothL1 { beta } => Regression::smooth_l1(beta),
            Regression::Quantile { tau } => Regression::quantile(tau),
            other => Ok(other),
        }
    }

    /// A short English name for labels.
    pub fn name(&self) -> &'static str {
        match self {
            Regression::Me => "mean error",
            Regression::Mse => "mean squared error",
            Regression::Mae => "mean absolute error",
            Regression::Rmse => "root mean squared error",
            Regression::Huber { .. } => "Huber",
            Regression::SmoothL1 { .. } => "smooth L1",
            Regression::LogCosh => "log-cosh",
            Regression::Quantile { .. } => "quantile (pinball)",
        }
    }

    /// Per-element loss ℓ(r) of one residual r = pred − target (the reduced loss is the mean of these;
    /// for RMSE the one-element curve is |r|). Finite for every finite r (incl. 1e±200), except the
    /// MSE beyond |r| ≈ 1.3e154 whose true value exceeds f64's range and rounds to +∞.
    pub fn element(&self, r: f64) -> f64 {
        match *self {
            Regression::Me => r,
            Regression::Mse => r * r,
            Regression::Mae | Regression::Rmse => r.abs(),
            Regression::Huber { delta } => {
                let a = r.abs();
                if a < delta {
                    0.5 * r * r
                } else {
                    delta * (a - 0.5 * delta)
                }
            }
            Regression::SmoothL1 { beta } => {
                let a = r.abs();
                if a < beta {
                    0.5 * r * r / beta
                } else {
                    a - 0.5 * beta
                }
            }
            Regression::LogCosh => log_cosh(r),
            Regression::Quantile { tau } => {
                // r′ = −r: max(τ r′, (τ−1) r′) = max(−τ r, (1−τ) r).
                if r > 0.0 {
                    (1.0 - tau) * r
                } else {
                    -tau * r
                }
            }
        }
    }

    /// dℓ/dr with the flat-side convention at kinks (MAE/RMSE/quantile at 0 → 0; Huber at |r| = δ
    /// and smooth L1 at |r| = β → the linear branch).
    pub fn element_derivative(&self, r: f64) -> f64 {
        match *self {
            Regression::Me => 1.0,
            Regression::Mse => 2.0 * r,
            Regression::Mae | Regression::Rmse => sign(r),
            Regression::Huber { delta } => {
                if r.abs() < delta {
                    r
                } else {
                    delta * sign(r)
                }
            }
            Regression::SmoothL1 { beta } => {
                if r.abs() < beta {
                    r / beta
                } else {
                    sign(r)
                }
            }
            Regression::LogCosh => r.tanh(),
            Regression::Quantile { tau } => {
                if r > 0.0 {
                    1.0 - tau
                } else if r < 0.0 {
                    -tau
                } else {
                    0.0
                }
            }
        }
    }

    /// Residuals where ℓ is not differentiable or changes branch, sorted: MAE/RMSE/quantile `[0]`,
    /// Huber `[−δ, δ]`, smooth L1 `[−β, β]` (`[0]` when β = 0); none for ME, MSE, log-cosh.
    pub fn kinks(&self) -> Vec<f64> {
        match *self {
            Regression::Me | Regression::Mse | Regression::LogCosh => Vec::new(),
            Regression::Mae | Regression::Rmse | Regression::Quantile { .. } => vec![0.0],
            Regression::Huber { delta } => vec![-delta, delta],
            Regression::SmoothL1 { beta } => {
                if beta == 0.0 {
                    vec![0.0]
                } else {
                    vec![-beta, beta]
                }
            }
        }
    }

}

/// The reduced loss over `pred`/`target` slices is the mean of ℓ(pred_i − target_i) (or the sum, or the
/// mean over non-zero terms); `grad` is its gradient with respect to `pred`. RMSE is the square root
/// of the reduced squares, √(reduce r_i²), with gradient r_i/(D·RMSE) (0 when RMSE = 0), computed on
/// residuals scaled by their maximum so that r = 1e±200 neither overflows nor underflows.
/// Errors on empty input, length mismatch, a non-finite entry or an invalid parameter.
impl Elementwise for Regression {
    fn check(&self, pred: &[f64], target: &[f64]) -> Result<(), LossError> {
        self.validated()?;
        check_pair("pred", pred, "target", target)
    }

    #[inline]
    fn term(&self, pred: f64, target: f64) -> f64 {
        self.element(pred - target)
    }

    #[inline]
    fn term_derivative(&self, pred: f64, target: f64) -> f64 {
        self.element_derivative(pred - target)
    }

    fn value_with(&self, pred: &[f64], target: &[f64], reduction: Reduction) -> Result<f64, LossError> {
        if let Regression::Rmse = self {
            self.check(pred, target)?;
            return Ok(rmse_parts(pred, target, reduction).0);
        }
        reduced_value(self, pred, target, reduction)
    }

    fn value_and_grad_with(&self, pred: &[f64], target: &[f64], reduction: Reduction) -> Result<(f64, Vec<f64>), LossError> {
        if let Regression::Rmse = self {
            self.check(pred, target)?;
            let (rmse, scale, s, denominator) = rmse_parts(pred, target, reduction);
            let grad = if rmse == 0.0 {
                vec![0.0; pred.len()]
            } else {
                // r_i/(D·RMSE) = (r_i/scale)/(D·s) with RMSE = scale·s: no overflow, no underflow.
                let k = 1.0 / (denominator * s);
                pred.iter().zip(target).map(|(&p, &t)| (p - t) / scale * k).collect()
            };
            return Ok((rmse, grad));
        }
        reduced_value_and_grad(self, pred, target, reduction)
    }
}

/// log cosh r, finite for every finite r: log1p(2 sinh²(r/2)) for |r| < 1, else
/// |r| + log1p(e^{−2|r|}) − ln 2.
pub fn log_cosh(r: f64) -> f64 {
    let a = r.abs();
    if a < 1.0 {
        let s = (0.5 * r).sinh();
        (2.0 * s * s).ln_1p()
    } else {
        a + (-2.0 * a).exp().ln_1p() - std::f64::consts::LN_2
    }
}

/// (RMSE, scale, s, D) with RMSE = scale·s, scale = max |r_i|, s = √((1/D) Σ (r_i/scale)²) and D the
/// reduction's denominator (at least 1).
fn rmse_parts(pred: &[f64], target: &[f64], reduction: Reduction) -> (f64, f64, f64, f64) {
    let scale = pred.iter().zip(target).map(|(&p, &t)| (p - t).abs()).fold(0.0, f64::max);
    let non_zero = pred.iter().zip(target).filter(|(&p, &t)| p != t).count();
    let denominator = reduction.denominator(pred.len(), non_zero) as f64;
    if scale == 0.0 || !scale.is_finite() || denominator == 0.0 {
        let rmse = if denominator == 0.0 { 0.0 } else { scale };
        return (rmse, scale, if rmse == 0.0 { 0.0 } else { 1.0 }, denominator.max(1.0));
    }
    let ms: f64 = pred
        .iter()
        .zip(target)
        .map(|(&p, &t)| {
            // Divide (not multiply by 1/scale): 1/scale overflows for a subnormal scale.
            let x = (p - t) / scale;
            x * x
        })
        .sum::<f64>()
        / denominator;
    let s = ms.sqrt();
    (scale * s, scale, s, denominator)
}

impl Regression {
    /// The mean loss, its gradient written into `grad` (as long as `pred`), in one pass without
    /// allocating: what a training loop calls every step with a buffer it keeps.
    ///
    /// MSE and Huber run a loop of their own with four partial sums; Huber without a branch,
    /// ℓ = c·(|r| − ½c) and ℓ′ = clamp(r, −δ, δ) = c·sign r with c = min(|r|, δ). Their inputs are checked for
    /// finiteness by the sum itself (a non-finite entry makes it non-finite; then the checked path
    /// reports it). Every other variant gives the same result as [`Elementwise::value_and_grad`].
    pub fn value_and_grad_into(&self, pred: &[f64], target: &[f64], grad: &mut [f64]) -> Result<f64, LossError> {
        self.validated()?;
        check_pair_shape("pred", pred.len(), "target", target.len())?;
        check_same_len("pred", pred.len(), "gradient buffer", grad.len())?;
        let n = pred.len() as f64;
        let sum = match *self {
            Regression::Mse => Some(fused_mean_pass(pred, target, grad, 2.0 / n, SquaredTerm)),
            Regression::Huber { delta } => Some(fused_mean_pass(pred, target, grad, 1.0 / n, HuberTerm(F64x2::splat(delta)))),
            _ => None,
        };
        if let Some(sum) = sum.filter(|s| s.is_finite()) {
            return Ok(sum / n);
        }
        let (value, checked) = self.value_and_grad(pred, target)?;
        grad.copy_from_slice(&checked);
        Ok(value)
    }
}

/// One elementwise term on two lanes of residuals: (ℓ(r), dℓ/dr up to the mean's scale). A trait
/// with an always-inlined method rather than a closure, so that the size-optimised build inlines it.
trait LaneTerm {
    fn term(&self, r: F64x2) -> (F64x2, F64x2);
}

/// MSE: (r², r) (the factor 2 is in the scale).
struct SquaredTerm;

impl LaneTerm for SquaredTerm {
    #[inline(always)]
    fn term(&self, r: F64x2) -> (F64x2, F64x2) {
        (r.mul(r), r)
    }
}

/// Huber with δ in both lanes: ℓ = c·(|r| − ½c) and slope c·sign r with c = min(|r|, δ), without a
/// branch on the data (a select; f64::min is a call in WebAssembly, for its NaN rules).
struct HuberTerm(F64x2);

impl LaneTerm for HuberTerm {
    #[inline(always)]
    fn term(&self, r: F64x2) -> (F64x2, F64x2) {
        let a = r.abs();
        let c = a.lt(self.0).select(a, self.0);
        (c.mul(a.sub(F64x2::splat(0.5).mul(c))), c.copysign(r))
    }
}

/// Σ ℓ(r_i) over r_i = pred_i − target_i, writing `scale`·d(r_i) into `grad`: two lanes at a time
/// (SIMD128 in the browser), four independent partial sums (i mod 4) so that the additions do not
/// wait on each other. Plain index loops: iterator adapters are not inlined at opt-level "z".
#[inline(always)]
fn fused_mean_pass(pred: &[f64], target: &[f64], grad: &mut [f64], scale: f64, lanes: impl LaneTerm) -> f64 {
    let n = pred.len();
    assert!(target.len() == n && grad.len() == n);
    let (mut low, mut high) = (F64x2::splat(0.0), F64x2::splat(0.0));
    let scale2 = F64x2::splat(scale);
    let mut i = 0;
    while i + 4 <= n {
        let (value, derivative) = lanes.term(F64x2::load_at(pred, i).sub(F64x2::load_at(target, i)));
        low = low.add(value);
        scale2.mul(derivative).store_at(grad, i);
        let (value, derivative) = lanes.term(F64x2::load_at(pred, i + 2).sub(F64x2::load_at(target, i + 2)));
        high = high.add(value);
        scale2.mul(derivative).store_at(grad, i + 2);
        i += 4;
    }
    let ([mut s0, s1], [s2, s3]) = (low.lanes(), high.lanes());
    while i < n {
        let (value, derivative) = lanes.term(F64x2::splat(pred[i] - target[i]));
        s0 += value.lanes()[0];
        grad[i] = scale * derivative.lanes()[0];
        i += 1;
    }
    (s0 + s1) + (s2 + s3)
}
