//! The weights figure's numbers, from [`Circle::breakdown`]: the loss, Z, each similarity's weight in
//! its log-sum-exp and its gradient; and whether γ and m saturate the loss.

use super::params::WeightsParams;
use crate::loss::metric::circle::{Circle, CircleBreakdown};
use crate::loss::num::sigmoid;

/// A share beyond which a weight counts as "everything on one pair", and σ(Z) as "linear".
pub const SATURATED: f64 = 0.99;

/// The breakdown of the parameters' similarities, `None` if the core refuses them (the clamped
/// parameters never give that).
pub fn breakdown(params: &WeightsParams) -> Option<CircleBreakdown> {
    Circle::new(params.gamma, params.m).ok()?.breakdown(&params.s_p, &params.s_n).ok()
}

/// How γ and m saturate the loss, if they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saturation {
    /// σ(Z) ≥ 0.99: the softplus is a straight line, L ≈ Z, every gradient at its full γα.
    Linear,
    /// A list of several similarities gives ≥ 99 % of its weight to one: a hard maximum.
    OnePair,
    /// σ(Z) ≤ 0.01: L is flat at 0, nothing is pushed any more.
    Flat,
}

/// Every saturation that holds (a hard maximum can come with a linear softplus).
pub fn saturations(b: &CircleBreakdown) -> Vec<Saturation> {
    let mut found = Vec::new();
    let sz = sigmoid(b.z);
    if sz >= SATURATED {
        found.push(Saturation::Linear);
    }
    if sz <= 1.0 - SATURATED {
        found.push(Saturation::Flat);
    }
    let hard = |w: &[f64]| w.len() > 1 && w.iter().any(|&x| x >= SATURATED);
    if hard(&b.weight_p) || hard(&b.weight_n) {
        found.push(Saturation::OnePair);
    }
    found
}
