//! The loss core: exact mathematics in f64, no web, UI or plotting imports.
//!
//! The definitions, conventions and the places where we are exact where PyTorch is not are in
//! [the maths reference](#the-maths-of-loss-lab) below (`src/loss/MATHS.md`); each family's module
//! repeats the formula, gradient and domain in its doc.
//!
//! # One naming rule for value and gradient
//!
//! Every loss comes as *value + analytic gradient*, named the same way everywhere:
//!
//! * A loss **with parameters** is a small `Copy` type (struct or enum) whose constructor validates the
//!   parameters and returns `Result<Self, LossError>` (e.g. [`regression::Regression::huber`]). Its methods:
//!   - `value(..) -> Result<f64, LossError>`: the reduced loss (the scalar a trainer would minimise);
//!   - `grad(..) -> Result<_, LossError>`: the gradient of that same scalar with respect to the *model
//!     output* (the first argument: `pred`, logits, `q`, embeddings, similarities);
//!   - `value_and_grad(..)`: both, sharing the work;
//!   - for losses drawn as a one-variable curve, `element(x) -> f64` and `element_derivative(x) -> f64`
//!     (no validation, no `Result`: the per-element function ℓ and dℓ/dx), and `kinks() -> Vec<f64>`.
//! * A loss **without parameters** is a free function `foo(..)` (the value) with `foo_grad(..)`,
//!   `foo_value_and_grad(..)`, and where it has a curve `foo_element(..)` / `foo_element_derivative(..)`.
//!   So `foo` ≡ `value`, `foo_grad` ≡ `grad`: one rule, two spellings.
//! * A second input form or gradient variant keeps the rule and adds a suffix: `value_logits` /
//!   `grad_logits` / `value_and_grad_logits` (KL on logits), `grad_alpha_differentiated` (circle loss).
//! * The elementwise families (regression, BCE, the margin losses, focal) implement [`Elementwise`]:
//!   each states its term ℓ(x, t) and dℓ/dx once and gets `value`, `grad`, `value_and_grad` (the
//!   mean) and `value_with` / `value_and_grad_with` (any [`Reduction`]) from it (bring the trait into
//!   scope to call them).
//! * Gradients of pair/triplet/list losses come as small structs (`PairGrad`, `TripletGrad`,
//!   `CircleGrad`); batch losses over [`metric::Embeddings`] return ∂L/∂embeddings flat, row-major,
//!   and get `value` / `grad` / `value_and_grad` from the [`metric::BatchLoss`] trait (bring it into
//!   scope to call them).
//!
//! Inputs from users are checked where they enter: a typed [`LossError`] with an English sentence,
//! never a panic (a panic kills the page in WebAssembly). Slices must be non-empty, equally long and
//! finite unless the function says otherwise.
//!
//! # The kink convention (the same as PyTorch's relu/clamp)
//!
//! At a point where the loss is not differentiable the derivative takes the **flat side**: hinge at
//! y·f = 1 → 0; MAE at r = 0 → 0; triplet at z = 0 → 0; contrastive at d = m → 0; a norm at 0 → 0;
//! Huber at |r| = δ → the linear branch (value and slope agree there). Branch tests are strict:
//! quadratic iff |r| < δ; a hinge/triplet term is active iff its argument is > 0.
//!
//! # Infinities
//!
//! Where the mathematics is infinite the value is `+∞` (BCE at p = 0 with y = 1, KL(P‖Q) with
//! q_k = 0 < p_k, …) and the doc says so. Every other finite input gives a finite output, including
//! logits of ±1e3, γ = 512, residuals of 1e±200 and softmax underflow. The one exception is a true
//! value beyond f64's range (≈ 1.8e308), e.g. the MSE of r = 1e200 (= 1e400): it rounds to `+∞` as
//! IEEE arithmetic does.

#![doc = include_str!("MATHS.md")]

pub mod classification;
pub mod divergence;
pub mod elementwise;
pub mod exp_log;
pub mod lanes;
pub mod extras;
pub mod fit;
pub mod impurity;
pub mod linear;
pub mod metric;
pub mod multiclass;
pub mod multilabel;
pub mod num;
pub mod reduction;
pub mod regression;
pub mod sample;

pub use elementwise::Elementwise;
pub use reduction::Reduction;

use std::fmt;

/// A typed, user-readable error; `Display` gives a clear English sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum LossError {
    /// A loss parameter (δ, β, τ, γ, margin, …) outside its domain.
    InvalidParameter { name: &'static str, value: f64, requirement: &'static str },
    /// One entry of an input slice outside its domain (a label that is not ±1, a negative probability,
    /// a NaN, …).
    InvalidValue { name: &'static str, index: usize, value: f64, requirement: &'static str },
    /// Two inputs that must have the same length do not.
    LengthMismatch { left_name: &'static str, left: usize, right_name: &'static str, right: usize },
    /// An input that must not be empty is.
    Empty { name: &'static str },
    /// A flat batch whose length is not a multiple of its row width.
    RaggedRows { name: &'static str, len: usize, width: usize },
    /// A probability vector that does not sum to 1 (within 1e−9).
    NotADistribution { name: &'static str, sum: f64 },
    /// A multi-label target row with no positive class (softmax against y/Σy is undefined).
    NoPositiveLabel { row: usize },
    /// A quantity that is mathematically undefined for this input.
    Undefined { what: &'static str },
    /// A line fit was given fewer than 2 points (`have` is how many).
    TooFewPoints { have: usize },
    /// Every point of a line fit has the same x (within 1e−12 relative): no y = slope·x + intercept
    /// describes the vertical line x = `x`.
    AllOnOneVertical { x: f64 },
    /// A coordinate is NaN or infinite, or a result (a fitted coefficient, a residual, a loss) is too
    /// large to be represented in f64.
    NonFinite,
}

impl fmt::Display for LossError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LossError::InvalidParameter { name, value, requirement } => {
                write!(f, "The parameter {name} = {value} is not allowed: it {requirement}.")
            }
            LossError::InvalidValue { name, index, value, requirement } => {
                write!(f, "Entry {index} of {name} is {value}, but it {requirement}.")
            }
            LossError::LengthMismatch { left_name, left, right_name, right } => write!(
                f,
                "{left_name} has {left} entries but {right_name} has {right}; they must have the same length."
            ),
            LossError::Empty { name } => write!(f, "{name} is empty; at least one entry is needed."),
            LossError::RaggedRows { name, len, width } => write!(
                f,
                "{name} has {len} numbers, which do not split into rows of {width}."
            ),
            LossError::NotADistribution { name, sum } => write!(
                f,
                "{name} is not a probability distribution: its entries sum to {sum}, not 1."
            ),
            LossError::NoPositiveLabel { row } => write!(
                f,
                "Target row {row} has no positive label, so the normalised target y/Σy is undefined."
            ),
            LossError::Undefined { what } => write!(f, "Undefined: {what}."),
            LossError::TooFewPoints { have } => write!(
                f,
                "A line needs at least 2 points, but {have} {} given.",
                if *have == 1 { "was" } else { "were" }
            ),
            LossError::AllOnOneVertical { x } => write!(
                f,
                "All points lie on the vertical line x = {x}, which no line y = slope·x + intercept can fit."
            ),
            LossError::NonFinite => write!(f, "A coordinate is not a finite number, or the result is too large to represent."),
        }
    }
}

impl std::error::Error for LossError {}
