//! Circle loss (Sun et al., CVPR 2020; MATHS.md §10) on lists of similarities, its gradients, its
//! decision boundaries in closed form, and the batch form of pytorch-metric-learning's `CircleLoss` (§9).
//!
//! O_p = 1+m, O_n = −m, Δ_p = 1−m, Δ_n = m; α_p = max(0, O_p − s_p), α_n = max(0, s_n − O_n);
//! ℓp_i = −γ α_p,i (s_p,i − Δ_p), ℓn_j = γ α_n,j (s_n,j − Δ_n);
//! L = log(1 + Σ_j e^{ℓn_j} Σ_i e^{ℓp_i}), evaluated only as softplus(LSE(ℓn) + LSE(ℓp)) (the literal
//! form overflows at γ = 256). Empty lists give L = 0 (the empty sum). Domain: 0 < γ ≤ 1e6,
//! 0 ≤ m ≤ 1, similarities in [−1, 1] (cosines; 1e−9 of slack) — so L and both gradients are finite.
//!
//! Gradient with α detached (as the reference code and pytorch-metric-learning do), Z = LSE(ℓn) + LSE(ℓp):
//! ∂L/∂s_p,i = σ(Z)·softmax(ℓp)_i·(−γ α_p,i), ∂L/∂s_n,j = σ(Z)·softmax(ℓn)_j·(γ α_n,j).
//! For comparison, the gradient with α differentiated too (flat side at the α kinks):
//! ∂ℓp_i/∂s = −γ(α_p,i − (s_p,i − Δ_p)·[O_p − s_p,i > 0]) = −2γ(1 − s_p,i) where active,
//! ∂ℓn_j/∂s = γ(α_n,j + (s_n,j − Δ_n)·[s_n,j − O_n > 0]) = 2γ s_n,j where active.
//!
//! Decision boundary (K = L = 1, γ → ∞): s_n² + (s_p − 1)² = 2m², a circle centred (0, 1) of radius
//! √2·m; the "linear" boundary it is compared with: s_n − s_p + m = 0.

use super::distance::{mean_over_cosine_terms, Embeddings, PairMatrix};
use crate::loss::num::{check_each, check_param, sigmoid, softplus};
use crate::loss::LossError;
use super::BatchLoss;

/// Gradients of the circle loss with respect to the two similarity lists.
#[derive(Debug, Clone, PartialEq)]
pub struct CircleGrad {
    pub s_p: Vec<f64>,
    pub s_n: Vec<f64>,
}

/// Circle loss with validated scale γ > 0 and relaxation m ≥ 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    gamma: f64,
    m: f64,
}

/// The paper's face-recognition setting γ = 256, m = 0.25.
pub const PAPER_FACE: (f64, f64) = (256.0, 0.25);
/// pytorch-metric-learning's defaults γ = 80, m = 0.4.
pub const PML_DEFAULT: (f64, f64) = (80.0, 0.4);

/// The largest γ accepted.
pub const MAX_GAMMA: f64 = 1e6;

const SIMILARITY_REQUIREMENT: &str = "must be a cosine similarity between −1 and 1";

/// Similarities are cosines: [−1, 1], with 1e−9 of slack for the rounding of a normalised dot product.
pub fn is_similarity(s: f64) -> bool {
    (-1.0 - 1e-9..=1.0 + 1e-9).contains(&s)
}

fn lse_of(v: &[f64]) -> f64 {
    crate::loss::num::logsumexp(v)
}

impl Circle {
    /// γ must be > 0 and at most 1e6 (the paper uses up to 256; 512 in the stability figure);
    /// m must lie in [0, 1] (pytorch-metric-learning does not check; outside it Δ_p, O_n change sign
    /// and the boundary is no longer the circle of radius √2·m).
    pub fn new(gamma: f64, m: f64) -> Result<Self, LossError> {
        check_param("γ (gamma)", gamma, gamma > 0.0 && gamma <= MAX_GAMMA, "must be greater than 0 and at most 1e6")?;
        check_param("m (relaxation)", m, (0.0..=1.0).contains(&m), "must lie between 0 and 1")?;
        Ok(Circle { gamma, m })
    }

    /// γ.
    pub fn gamma(&self) -> f64 {
        self.gamma
    }

    /// m.
    pub fn m(&self) -> f64 {
        self.m
    }

    /// ℓp of one positive similarity.
    #[inline]
    pub fn logit_p(&self, s: f64) -> f64 {
        -self.gamma * (1.0 + self.m - s).max(0.0) * (s - (1.0 - self.m))
    }

    /// ℓn of one negative similarity.
    #[inline]
    pub fn logit_n(&self, s: f64) -> f64 {
        self.gamma * (s + self.m).max(0.0) * (s - self.m)
    }

    /// L for one positive and one negative similarity (K = L = 1): softplus(ℓn + ℓp). No checks.
    #[inline]
    pub fn element(&self, s_p: f64, s_n: f64) -> f64 {
        softplus(self.logit_n(s_n) + self.logit_p(s_p))
    }

    /// (∂L/∂s_p, ∂L/∂s_n) for K = L = 1, α detached.
    pub fn element_derivative(&self, s_p: f64, s_n: f64) -> (f64, f64) {
        let sz = sigmoid(self.logit_n(s_n) + self.logit_p(s_p));
        (
            sz * -self.gamma * (1.0 + self.m - s_p).max(0.0),
            sz * self.gamma * (s_n + self.m).max(0.0),
        )
    }

    fn check(s_p: &[f64], s_n: &[f64]) -> Result<(), LossError> {
        check_each("s_p", s_p, is_similarity, SIMILARITY_REQUIREMENT)?;
        check_each("s_n", s_n, is_similarity, SIMILARITY_REQUIREMENT)
    }

    /// L over lists of positive and negative similarities (either may be empty: L = 0).
    pub fn value(&self, s_p: &[f64], s_n: &[f64]) -> Result<f64, LossError> {
        Circle::check(s_p, s_n)?;
        let lp: Vec<f64> = s_p.iter().map(|&s| self.logit_p(s)).collect();
        let ln: Vec<f64> = s_n.iter().map(|&s| self.logit_n(s)).collect();
        Ok(softplus(lse_of(&ln) + lse_of(&lp)))
    }

    /// Gradient with α detached.
    pub fn grad(&self, s_p: &[f64], s_n: &[f64]) -> Result<CircleGrad, LossError> {
        Ok(self.value_and_grad(s_p, s_n)?.1)
    }

    /// Value and gradient with α detached.
    pub fn value_and_grad(&self, s_p: &[f64], s_n: &[f64]) -> Result<(f64, CircleGrad), LossError> {
        self.run(s_p, s_n, false)
    }

    /// Gradient with α differentiated as well (for comparison with the detached one).
    pub fn grad_alpha_differentiated(&self, s_p: &[f64], s_n: &[f64]) -> Result<CircleGrad, LossError> {
        Ok(self.run(s_p, s_n, true)?.1)
    }

    fn run(&self, s_p: &[f64], s_n: &[f64], alpha_grad: bool) -> Result<(f64, CircleGrad), LossError> {
        Circle::check(s_p, s_n)?;
        let (g, m) = (self.gamma, self.m);
        let lp: Vec<f64> = s_p.iter().map(|&s| self.logit_p(s)).collect();
        let ln: Vec<f64> = s_n.iter().map(|&s| self.logit_n(s)).collect();
        let (lse_p, lse_n) = (lse_of(&lp), lse_of(&ln));
        let z = lse_n + lse_p;
        let value = softplus(z);
        let sz = if z.is_finite() { sigmoid(z) } else { 0.0 };
        let gp = s_p
            .iter()
            .zip(&lp)
            .map(|(&s, &l)| {
                let a = (1.0 + m - s).max(0.0);
                let dl = if alpha_grad && a > 0.0 { -g * (a - (s - (1.0 - m))) } else { -g * a };
                sz * (l - lse_p).exp() * dl
            })
            .collect();
        let gn = s_n
            .iter()
            .zip(&ln)
            .map(|(&s, &l)| {
                let a = (s + m).max(0.0);
                let dl = if alpha_grad && a > 0.0 { g * (a + (s - m)) } else { g * a };
                sz * (l - lse_n).exp() * dl
            })
            .collect();
        Ok((value, CircleGrad { s_p: gp, s_n: gn }))
    }

    /// The circular decision boundary (closed form): centre (s_n, s_p) = (0, 1), radius √2·m.
    pub fn circle_boundary(&self) -> CircleBoundary {
        CircleBoundary { center_s_n: 0.0, center_s_p: 1.0, radius: std::f64::consts::SQRT_2 * self.m }
    }

    /// The linear boundary s_p = s_n + m (closed form).
    pub fn linear_boundary(&self) -> LinearBoundary {
        LinearBoundary { offset: self.m }
    }
}

/// The three forms the paper builds circle loss through, for one positive and one negative
/// similarity (K = L = 1). Each is L = softplus(z) with z = a(s_n) + b(s_p):
/// * [`Form::Unified`] (the paper's Eq. 1, triplet-like): z = γ(s_n − s_p + m); every point gets the
///   same gradient direction, γσ(z)·(−1, 1) in (s_p, s_n); boundary s_n − s_p + m = 0.
/// * [`Form::SelfPaced`] (Eq. 4, the weights alone): z = γ(α_n s_n − α_p s_p); boundary α_n s_n = α_p s_p,
///   the circle centred (O_n/2, O_p/2) = (−m/2, (1+m)/2) of radius² (m² + (1+m)²)/4 where α_n > 0,
///   the line s_p = 0 where s_n ≤ −m (α_n = 0).
/// * [`Form::Circle`] (Eq. 6, weights and margins Δ_p = 1 − m, Δ_n = m): z = ℓn + ℓp, as
///   [`Circle::element`]; boundary the circle centred (0, 1) of radius √2·m where α_n > 0, the line
///   s_p = 1 − m where s_n ≤ −m.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Unified,
    SelfPaced,
    Circle,
}

/// A form's decision boundary z = 0 in the (s_n, s_p) plane (the limit γ → ∞).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Boundary {
    Line(LinearBoundary),
    /// The circle where α_n > 0 (s_n > −m); where s_n ≤ −m, α_n = 0, z does not depend on s_n and
    /// the boundary is the flat line s_p = `flat_s_p` (which meets the circle at s_n = −m).
    Arc { circle: CircleBoundary, flat_s_p: f64 },
}

impl Circle {
    /// The part of `form`'s z that depends on s_n.
    #[inline]
    pub fn form_logit_n(&self, form: Form, s_n: f64) -> f64 {
        match form {
            Form::Unified => self.gamma * (s_n + self.m),
            Form::SelfPaced => self.gamma * (s_n + self.m).max(0.0) * s_n,
            Form::Circle => self.logit_n(s_n),
        }
    }

    /// The part of `form`'s z that depends on s_p.
    #[inline]
    pub fn form_logit_p(&self, form: Form, s_p: f64) -> f64 {
        match form {
            Form::Unified => -self.gamma * s_p,
            Form::SelfPaced => -self.gamma * (1.0 + self.m - s_p).max(0.0) * s_p,
            Form::Circle => self.logit_p(s_p),
        }
    }

    /// `form`'s L = softplus(z) at (s_p, s_n). No checks.
    #[inline]
    pub fn form_value(&self, form: Form, s_p: f64, s_n: f64) -> f64 {
        softplus(self.form_logit_n(form, s_n) + self.form_logit_p(form, s_p))
    }

    /// `form`'s (∂L/∂s_p, ∂L/∂s_n) = σ(z)·(∂z/∂s_p, ∂z/∂s_n). With α detached (the reference code):
    /// Unified γ(−1, 1), SelfPaced and Circle γ(−α_p, α_n). With α differentiated (0 where α is 0):
    /// SelfPaced γ(2s_p − 1 − m, 2s_n + m), Circle γ(−2(1 − s_p), 2s_n); Unified has no α.
    pub fn form_derivative(&self, form: Form, s_p: f64, s_n: f64, alpha_differentiated: bool) -> (f64, f64) {
        let (g, m) = (self.gamma, self.m);
        let sz = sigmoid(self.form_logit_n(form, s_n) + self.form_logit_p(form, s_p));
        let (a_p, a_n) = ((1.0 + m - s_p).max(0.0), (s_n + m).max(0.0));
        let on = |a: f64, v: f64| if a > 0.0 { v } else { 0.0 };
        let (dp, dn) = match (form, alpha_differentiated) {
            (Form::Unified, _) => (-1.0, 1.0),
            (_, false) => (-a_p, a_n),
            (Form::SelfPaced, true) => (on(a_p, 2.0 * s_p - 1.0 - m), on(a_n, 2.0 * s_n + m)),
            (Form::Circle, true) => (on(a_p, -2.0 * (1.0 - s_p)), on(a_n, 2.0 * s_n)),
        };
        (sz * g * dp, sz * g * dn)
    }

    /// `form`'s decision boundary z = 0 (closed form).
    pub fn form_boundary(&self, form: Form) -> Boundary {
        let m = self.m;
        match form {
            Form::Unified => Boundary::Line(self.linear_boundary()),
            Form::SelfPaced => Boundary::Arc {
                circle: CircleBoundary { center_s_n: -m / 2.0, center_s_p: (1.0 + m) / 2.0, radius: (m * m + (1.0 + m) * (1.0 + m)).sqrt() / 2.0 },
                flat_s_p: 0.0,
            },
            Form::Circle => Boundary::Arc { circle: self.circle_boundary(), flat_s_p: 1.0 - m },
        }
    }

    /// Everything about lists of similarities at once (α detached): Z, L, each similarity's weight
    /// softmax(ℓp)_i, softmax(ℓn)_j — its share of its log-sum-exp, which γ sharpens from an average
    /// into a maximum — and the gradient.
    pub fn breakdown(&self, s_p: &[f64], s_n: &[f64]) -> Result<CircleBreakdown, LossError> {
        Circle::check(s_p, s_n)?;
        let lp: Vec<f64> = s_p.iter().map(|&s| self.logit_p(s)).collect();
        let ln: Vec<f64> = s_n.iter().map(|&s| self.logit_n(s)).collect();
        let (lse_p, lse_n) = (lse_of(&lp), lse_of(&ln));
        let weight_p: Vec<f64> = lp.iter().map(|&l| (l - lse_p).exp()).collect();
        let weight_n: Vec<f64> = ln.iter().map(|&l| (l - lse_n).exp()).collect();
        let (value, grad) = self.value_and_grad(s_p, s_n)?;
        Ok(CircleBreakdown { z: lse_n + lse_p, value, weight_p, weight_n, grad })
    }
}

/// [`Circle::breakdown`]: Z = LSE(ℓn) + LSE(ℓp), L = softplus(Z), the weights and the gradient.
#[derive(Debug, Clone, PartialEq)]
pub struct CircleBreakdown {
    pub z: f64,
    pub value: f64,
    pub weight_p: Vec<f64>,
    pub weight_n: Vec<f64>,
    pub grad: CircleGrad,
}

/// s_n² + (s_p − 1)² = radius², centre (s_n, s_p) = (0, 1), radius √2·m.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CircleBoundary {
    pub center_s_n: f64,
    pub center_s_p: f64,
    pub radius: f64,
}

/// s_p = s_n + offset (s_n − s_p + m = 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearBoundary {
    pub offset: f64,
}

/// pytorch-metric-learning's `CircleLoss(m, gamma)` on a labelled batch: cosine similarities of the
/// L2-normalised embeddings; per anchor i, s_p = similarities to the other same-label points, s_n to
/// the other-label points; L_i as [`Circle::value`]; the batch loss is the mean of L_i over anchors
/// with both lists non-empty and L_i > 0 (0 if none). Gradient with α detached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchCircle {
    circle: Circle,
}

impl BatchCircle {
    /// γ > 0, m ≥ 0 (library defaults: γ = 80, m = 0.4).
    pub fn new(gamma: f64, m: f64) -> Result<Self, LossError> {
        Ok(BatchCircle { circle: Circle::new(gamma, m)? })
    }
}

impl BatchLoss for BatchCircle {
    type Targets = [usize];

    fn evaluate(&self, emb: &Embeddings, labels: &[usize], want_grad: bool) -> Result<(f64, Vec<f64>), LossError> {
        emb.check_labels(labels)?;
        let xhat = emb.normalized();
        let s = PairMatrix::dot_of(&xhat);
        let n = emb.len();
        let sm = s.as_slice();
        let mut g = if want_grad { vec![0.0; n * n] } else { Vec::new() };
        let (mut sum, mut count) = (0.0, 0usize);
        let (mut sp, mut sn, mut ip, mut jn) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in 0..n {
            sp.clear();
            sn.clear();
            ip.clear();
            jn.clear();
            for j in 0..n {
                if j == i {
                    continue;
                }
                if labels[i] == labels[j] {
                    sp.push(sm[i * n + j]);
                    ip.push(j);
                } else {
                    sn.push(sm[i * n + j]);
                    jn.push(j);
                }
            }
            if sp.is_empty() || sn.is_empty() {
                continue;
            }
            let (li, gi) = self.circle.value_and_grad(&sp, &sn)?;
            if li > 0.0 {
                sum += li;
                count += 1;
                if want_grad {
                    for (&j, &v) in ip.iter().zip(&gi.s_p) {
                        g[i * n + j] += v;
                    }
                    for (&j, &v) in jn.iter().zip(&gi.s_n) {
                        g[i * n + j] += v;
                    }
                }
            }
        }
        Ok(mean_over_cosine_terms(emb, &xhat, sum, count, g, want_grad))
    }
}
