//! The elementwise families: a loss L = reduce_i ℓ(x_i, t_i) of one model output x_i and one target
//! t_i per element (regression, binary cross-entropy, the margin losses, focal). Each family states its
//! term ℓ and dℓ/dx once; this trait gives every one of them `value`, `grad` and `value_and_grad`
//! for any [`Reduction`].
//!
//! With n terms and the reduction's denominator D (n for the mean, 1 for the sum, the number of
//! positive terms for the mean over non-zero terms): L = (1/D) Σ ℓ_i and ∂L/∂x_i = ℓ'(x_i, t_i)/D
//! (the non-zero set held fixed, as autograd does).

use super::{LossError, Reduction};

/// A loss made of one term per element. Implementors give the input check and the term; the reduced
/// value and its gradient come from the provided methods (bring the trait into scope to call them).
pub trait Elementwise {
    /// Checks the parameters and the inputs (non-empty, equally long, finite, in the domain).
    fn check(&self, x: &[f64], t: &[f64]) -> Result<(), LossError>;

    /// ℓ(x, t) of one element.
    fn term(&self, x: f64, t: f64) -> f64;

    /// ∂ℓ/∂x of one element.
    fn term_derivative(&self, x: f64, t: f64) -> f64;

    /// (ℓ, ∂ℓ/∂x) together; a family overrides it where the two share work.
    #[inline]
    fn term_and_derivative(&self, x: f64, t: f64) -> (f64, f64) {
        (self.term(x, t), self.term_derivative(x, t))
    }

    /// The reduced loss.
    fn value_with(&self, x: &[f64], t: &[f64], reduction: Reduction) -> Result<f64, LossError> {
        reduced_value(self, x, t, reduction)
    }

    /// The reduced loss and its gradient with respect to `x`, in one pass.
    fn value_and_grad_with(&self, x: &[f64], t: &[f64], reduction: Reduction) -> Result<(f64, Vec<f64>), LossError> {
        reduced_value_and_grad(self, x, t, reduction)
    }

    /// The mean loss (the naming rule's `value`).
    fn value(&self, x: &[f64], t: &[f64]) -> Result<f64, LossError> {
        self.value_with(x, t, Reduction::Mean)
    }

    /// Gradient of the mean loss with respect to `x`.
    fn grad(&self, x: &[f64], t: &[f64]) -> Result<Vec<f64>, LossError> {
        Ok(self.value_and_grad_with(x, t, Reduction::Mean)?.1)
    }

    /// The mean loss and its gradient.
    fn value_and_grad(&self, x: &[f64], t: &[f64]) -> Result<(f64, Vec<f64>), LossError> {
        self.value_and_grad_with(x, t, Reduction::Mean)
    }
}

/// [`Elementwise::value_with`]'s work, callable from a family that overrides it for one variant.
pub(crate) fn reduced_value<L: Elementwise + ?Sized>(loss: &L, x: &[f64], t: &[f64], reduction: Reduction) -> Result<f64, LossError> {
    loss.check(x, t)?;
    let mut sum = 0.0;
    let mut non_zero = 0usize;
    for (&xi, &ti) in x.iter().zip(t) {
        let term = loss.term(xi, ti);
        sum += term;
        non_zero += usize::from(term > 0.0);
    }
    Ok(reduce(sum, reduction.denominator(x.len(), non_zero), || {
        x.iter().zip(t).map(|(&xi, &ti)| loss.term(xi, ti))
    }))
}

/// [`Elementwise::value_and_grad_with`]'s work, callable from a family that overrides it.
pub(crate) fn reduced_value_and_grad<L: Elementwise + ?Sized>(
    loss: &L,
    x: &[f64],
    t: &[f64],
    reduction: Reduction,
) -> Result<(f64, Vec<f64>), LossError> {
    loss.check(x, t)?;
    let mut sum = 0.0;
    let mut non_zero = 0usize;
    let mut grad: Vec<f64> = x
        .iter()
        .zip(t)
        .map(|(&xi, &ti)| {
            let (term, derivative) = loss.term_and_derivative(xi, ti);
            sum += term;
            non_zero += usize::from(term > 0.0);
            derivative
        })
        .collect();
    let denominator = reduction.denominator(x.len(), non_zero);
    let value = reduce(sum, denominator, || x.iter().zip(t).map(|(&xi, &ti)| loss.term(xi, ti)));
    scale_grad(&mut grad, x, t, denominator, reduction, |xi, ti| loss.term(xi, ti));
    Ok((value, grad))
}

/// sum / denominator (0 without terms). When the sum overflowed although the mean need not, the mean
/// is formed again from the terms divided first.
pub(crate) fn reduce<I: Iterator<Item = f64>>(sum: f64, denominator: usize, terms: impl FnOnce() -> I) -> f64 {
    if denominator == 0 {
        return 0.0;
    }
    let d = denominator as f64;
    if sum.is_finite() || denominator == 1 {
        sum / d
    } else {
        terms().map(|term| term / d).sum()
    }
}

/// Divides each derivative by the denominator; under [`Reduction::MeanNonZero`] a term that is 0 has
/// no gradient (it is not in the set averaged over).
fn scale_grad(
    grad: &mut [f64],
    x: &[f64],
    t: &[f64],
    denominator: usize,
    reduction: Reduction,
    term: impl Fn(f64, f64) -> f64,
) {
    if denominator == 0 {
        grad.iter_mut().for_each(|g| *g = 0.0);
        return;
    }
    let d = denominator as f64;
    if reduction == Reduction::MeanNonZero {
        for ((g, &xi), &ti) in grad.iter_mut().zip(x).zip(t) {
            *g = if term(xi, ti) > 0.0 { *g / d } else { 0.0 };
        }
    } else {
        grad.iter_mut().for_each(|g| *g /= d);
    }
}
