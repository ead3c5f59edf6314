//! Divergences between discrete distributions (MATHS.md §6): KL in both directions on probabilities
//! and on logits, entropy and cross-entropy, so that CE(P, Q) = H(P) + KL(P‖Q) can be shown.
//!
//! P is the fixed (data) distribution `p`, Q the model's `q` (or q = softmax(z)); gradients are with
//! respect to q (or z). Sum reduction over the K outcomes. 0·ln 0 = 0 throughout.
//!
//! Inputs must be distributions: finite, non-negative, summing to 1 within 1e−9
//! ([`LossError::NotADistribution`] otherwise). Logits must be finite.
//!
//! Differences from PyTorch (`F.kl_div(log q, p, reduction="sum")`): where q_k = 0 = p_k PyTorch gives
//! NaN, we give 0; on logits, ∂KL(Q‖P)/∂z is finite here even where q_j underflows (PyTorch: NaN).

use super::num::{check_each, check_finite, check_nonempty, check_same_len, logsumexp};
use super::LossError;

/// Tolerance on Σp = 1.
pub const SUM_TOLERANCE: f64 = 1e-9;

/// Checks that `p` is a probability distribution.
pub fn check_distribution(name: &'static str, p: &[f64]) -> Result<(), LossError> {
    check_nonempty(name, p.len())?;
    check_finite(name, p)?;
    check_each(name, p, |v| v >= 0.0, "must be a probability, at least 0")?;
    let sum: f64 = p.iter().sum();
    if (sum - 1.0).abs() > SUM_TOLERANCE {
        return Err(LossError::NotADistribution { name, sum });
    }
    Ok(())
}

fn check_two(p: &[f64], q_name: &'static str, q: &[f64]) -> Result<(), LossError> {
    check_distribution("p", p)?;
    check_same_len("p", p.len(), q_name, q.len())
}

/// p·ln(p/q) with 0·ln(0/q) = 0 and +∞ for p > 0 = q; ln(p/q) when the ratio is a normal number
/// (accurate when p ≈ q), ln p − ln q otherwise (no overflow of the ratio).
fn xlogy_ratio(p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return 0.0;
    }
    if q == 0.0 {
        return f64::INFINITY;
    }
    let r = p / q;
    if r.is_normal() {
        p * r.ln()
    } else {
        p * (p.ln() - q.ln())
    }
}

/// The direction of a Kullback–Leibler divergence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kl {
    /// KL(P‖Q) = Σ p_k (ln p_k − ln q_k) ("forward", mass-covering; what CE training minimises).
    /// +∞ when p_k > 0 = q_k. ∂/∂q_k = −p_k/q_k (0 where p_k = 0, −∞ at q_k = 0 < p_k).
    /// On logits q = softmax(z): ∂/∂z = q·Σp − p (= q − p).
    Forward,
    /// KL(Q‖P) = Σ q_k (ln q_k − ln p_k) ("reverse", mode-seeking). +∞ when q_k > 0 = p_k.
    /// ∂/∂q_k = ln q_k − ln p_k + 1 (−∞ at q_k = 0 < p_k; +∞ at q_k = p_k = 0 and at q_k > 0 = p_k).
    /// On logits: ∂/∂z_j = q_j (ln q_j − ln p_j − KL(Q‖P)), finite where q_j underflows.
    Reverse,
}

impl Kl {
    /// The term of outcome k as a function of (p_k, q_k).
    pub fn element(&self, p: f64, q: f64) -> f64 {
        match self {
            Kl::Forward => xlogy_ratio(p, q),
            Kl::Reverse => xlogy_ratio(q, p),
        }
    }

    /// ∂(term)/∂q_k with the conventions above.
    pub fn element_derivative(&self, p: f64, q: f64) -> f64 {
        match self {
            Kl::Forward => {
                if p == 0.0 {
                    0.0
                } else if q == 0.0 {
                    f64::NEG_INFINITY
                } else {
                    -p / q
                }
            }
            Kl::Reverse => {
                if p == 0.0 {
                    f64::INFINITY
                } else if q == 0.0 {
                    f64::NEG_INFINITY
                } else {
                    let r = q / p;
                    if r.is_normal() {
                        r.ln() + 1.0
                    } else {
                        q.ln() - p.ln() + 1.0
                    }
                }
            }
        }
    }

    /// The divergence (sum over outcomes); may be +∞.
    pub fn value(&self, p: &[f64], q: &[f64]) -> Result<f64, LossError> {
        check_two(p, "q", q)?;
        check_distribution("q", q)?;
        Ok(p.iter().zip(q).map(|(&p, &q)| self.element(p, q)).sum())
    }

    /// Gradient with respect to q (entries may be ±∞, see the variants).
    pub fn grad(&self, p: &[f64], q: &[f64]) -> Result<Vec<f64>, LossError> {
        Ok(self.value_and_grad(p, q)?.1)
    }

    /// Value and gradient with respect to q.
    pub fn value_and_grad(&self, p: &[f64], q: &[f64]) -> Result<(f64, Vec<f64>), LossError> {
        let v = self.value(p, q)?;
        Ok((v, p.iter().zip(q).map(|(&p, &q)| self.element_derivative(p, q)).collect()))
    }

    /// The divergence with q = softmax(z), computed through log-softmax (finite where q underflows).
    /// Forward: always finite. Reverse: +∞ when some p_k = 0 (softmax is never exactly 0).
    pub fn value_logits(&self, p: &[f64], z: &[f64]) -> Result<f64, LossError> {
        check_two(p, "z", z)?;
        check_finite("z", z)?;
        let lse = logsumexp(z);
        Ok(match self {
            Kl::Forward => p
                .iter()
                .zip(z)
                .map(|(&p, &z)| if p == 0.0 { 0.0 } else { p * (p.ln() - (z - lse)) })
                .sum(),
            Kl::Reverse => {
                if p.contains(&0.0) {
                    f64::INFINITY
                } else {
                    p.iter()
                        .zip(z)
                        .map(|(&p, &z)| {
                            let lq = z - lse;
                            lq.exp() * (lq - p.ln())
                        })
                        .sum()
                }
            }
        })
    }

    /// Gradient with respect to the logits z.
    ///
    /// Convention (MATHS.md is silent): for the reverse direction with some p_k = 0 the divergence is
    /// +∞ for every z, so its gradient is undefined: [`LossError::Undefined`].
    pub fn grad_logits(&self, p: &[f64], z: &[f64]) -> Result<Vec<f64>, LossError> {
        Ok(self.value_and_grad_logits(p, z)?.1)
    }

    /// Value and gradient with respect to the logits.
    pub fn value_and_grad_logits(&self, p: &[f64], z: &[f64]) -> Result<(f64, Vec<f64>), LossError> {
        let v = self.value_logits(p, z)?;
        let lse = logsumexp(z);
        let grad = match self {
            Kl::Forward => {
                let sp: f64 = p.iter().sum();
                p.iter().zip(z).map(|(&p, &z)| (z - lse).exp() * sp - p).collect()
            }
            Kl::Reverse => {
                if !v.is_finite() {
                    return Err(LossError::Undefined {
                        what: "the gradient of KL(Q‖P) on logits when P has a zero entry (the divergence is +∞ for every z)",
                    });
                }
                p.iter()
                    .zip(z)
                    .map(|(&p, &z)| {
                        let lq = z - lse;
                        lq.exp() * (lq - p.ln() - v)
                    })
                    .collect()
            }
        };
        Ok((v, grad))
    }
}

/// A bell-shaped Q over K ordered outcomes: q = softmax(z) with the quadratic logits
/// z_k = −(k − μ)²/(2σ²), σ = e^s (a discretised Gaussian: one peak, however it is fitted).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaussianQ {
    pub mu: f64,
    /// s = ln σ.
    pub log_sigma: f64,
}

impl GaussianQ {
    /// The logits over `k` outcomes.
    pub fn logits(&self, k: usize) -> Vec<f64> {
        let inv = (-2.0 * self.log_sigma).exp();
        (0..k).map(|i| -0.5 * (i as f64 - self.mu).powi(2) * inv).collect()
    }

    /// KL in direction `kl` from P to this Q and its gradient with respect to (μ, s), by the chain
    /// rule through the logits: ∂z_k/∂μ = (k − μ)/σ², ∂z_k/∂s = (k − μ)²/σ².
    pub fn value_and_grad(&self, kl: Kl, p: &[f64]) -> Result<(f64, f64, f64), LossError> {
        let z = self.logits(p.len());
        let (value, grad) = kl.value_and_grad_logits(p, &z)?;
        let inv = (-2.0 * self.log_sigma).exp();
        let (mut d_mu, mut d_s) = (0.0, 0.0);
        for (i, g) in grad.iter().enumerate() {
            let d = i as f64 - self.mu;
            d_mu += g * d * inv;
            d_s += g * d * d * inv;
        }
        Ok((value, d_mu, d_s))
    }

    /// One gradient-descent step with rate η on (μ, s); returns the divergence before the step. A
    /// step that would leave f64's range keeps Q.
    pub fn descend(&self, kl: Kl, p: &[f64], rate: f64) -> Result<(f64, GaussianQ), LossError> {
        let (value, d_mu, d_s) = self.value_and_grad(kl, p)?;
        let next = GaussianQ { mu: self.mu - rate * d_mu, log_sigma: self.log_sigma - rate * d_s };
        Ok((value, if next.mu.is_finite() && next.log_sigma.is_finite() { next } else { *self }))
    }
}

/// Shannon entropy H(P) = −Σ p_k ln p_k (nats), 0·ln 0 = 0.
pub fn entropy(p: &[f64]) -> Result<f64, LossError> {
    check_distribution("p", p)?;
    Ok(p.iter().map(|&p| if p == 0.0 { 0.0 } else { -p * p.ln() }).sum())
}

/// ∂H/∂p_k = −(ln p_k + 1) (+∞ at p_k = 0), treating the p_k as free coordinates.
pub fn entropy_grad(p: &[f64]) -> Result<Vec<f64>, LossError> {
    check_distribution("p", p)?;
    Ok(p.iter().map(|&p| if p == 0.0 { f64::INFINITY } else { -(p.ln() + 1.0) }).collect())
}

/// [`entropy`] and [`entropy_grad`] together.
pub fn entropy_value_and_grad(p: &[f64]) -> Result<(f64, Vec<f64>), LossError> {
    Ok((entropy(p)?, entropy_grad(p)?))
}

/// Cross-entropy CE(P, Q) = −Σ p_k ln q_k = H(P) + KL(P‖Q); +∞ when p_k > 0 = q_k.
pub fn cross_entropy(p: &[f64], q: &[f64]) -> Result<f64, LossError> {
    check_two(p, "q", q)?;
    check_distribution("q", q)?;
    Ok(p.iter()
        .zip(q)
        .map(|(&p, &q)| if p == 0.0 { 0.0 } else if q == 0.0 { f64::INFINITY } else { -p * q.ln() })
        .sum())
}

/// ∂CE/∂q_k = −p_k/q_k (0 where p_k = 0, −∞ at q_k = 0 < p_k) — the same as ∂KL(P‖Q)/∂q_k.
pub fn cross_entropy_grad(p: &[f64], q: &[f64]) -> Result<Vec<f64>, LossError> {
    Kl::Forward.grad(p, q)
}

/// [`cross_entropy`] and [`cross_entropy_grad`] together.
pub fn cross_entropy_value_and_grad(p: &[f64], q: &[f64]) -> Result<(f64, Vec<f64>), LossError> {
    Ok((cross_entropy(p, q)?, cross_entropy_grad(p, q)?))
}

/// Cross-entropy with q = softmax(z): LSE(z) − Σ p_k z_k (`torch.nn.CrossEntropyLoss` with a
/// probability target). Finite for finite z.
pub fn cross_entropy_logits(p: &[f64], z: &[f64]) -> Result<f64, LossError> {
    check_two(p, "z", z)?;
    check_finite("z", z)?;
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let s: f64 = z.iter().map(|&v| (v - m).exp()).sum();
    Ok(s.ln() + p.iter().zip(z).map(|(&p, &z)| p * (m - z)).sum::<f64>())
}

/// ∂/∂z of [`cross_entropy_logits`]: softmax(z)·Σp − p.
pub fn cross_entropy_logits_grad(p: &[f64], z: &[f64]) -> Result<Vec<f64>, LossError> {
    Kl::Forward.grad_logits(p, z)
}

/// [`cross_entropy_logits`] and its gradient together.
pub fn cross_entropy_logits_value_and_grad(p: &[f64], z: &[f64]) -> Result<(f64, Vec<f64>), LossError> {
    Ok((cross_entropy_logits(p, z)?, cross_entropy_logits_grad(p, z)?))
}
