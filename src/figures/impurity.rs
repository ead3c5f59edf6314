//! The home page's CART figure: two-class Gini impurity and entropy (bits) against the class
//! proportion p, with their derivatives, from `src/loss/impurity`.

use crate::loss::impurity::{entropy_binary_bits, entropy_binary_bits_derivative, gini_binary, gini_binary_derivative};
use crate::loss::sample::sample_curve;

/// The two impurities drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpurityId {
    Gini,
    Entropy,
}

impl ImpurityId {
    pub const ALL: [ImpurityId; 2] = [ImpurityId::Gini, ImpurityId::Entropy];

    pub fn key(self) -> &'static str {
        match self {
            ImpurityId::Gini => "gini",
            ImpurityId::Entropy => "entropy",
        }
    }

    pub fn value(self, p: f64) -> f64 {
        match self {
            ImpurityId::Gini => gini_binary(p),
            ImpurityId::Entropy => entropy_binary_bits(p),
        }
    }

    pub fn derivative(self, p: f64) -> f64 {
        match self {
            ImpurityId::Gini => gini_binary_derivative(p),
            ImpurityId::Entropy => entropy_binary_bits_derivative(p),
        }
    }
}

/// Axis ranges: p on x; the value panel and the derivative panel (the entropy's derivative is
/// infinite at p = 0 and 1 and is cut at the border).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImpurityAxes {
    pub p: (f64, f64),
    pub value: (f64, f64),
    pub derivative: (f64, f64),
}

pub const AXES: ImpurityAxes = ImpurityAxes { p: (0.0, 1.0), value: (0.0, 1.1), derivative: (-5.0, 5.0) };

/// Samples per curve.
pub const SAMPLES: usize = 201;

/// One sampled impurity: value and derivative against p.
#[derive(Debug, Clone, PartialEq)]
pub struct ImpurityCurve {
    pub id: ImpurityId,
    pub value: Vec<(f64, f64)>,
    pub derivative: Vec<(f64, f64)>,
}

/// Both curves (they never change: the figure's only input is the pointer).
pub fn curves() -> Vec<ImpurityCurve> {
    ImpurityId::ALL
        .into_iter()
        .map(|id| ImpurityCurve {
            id,
            value: sample_curve(|p| id.value(p), AXES.p.0, AXES.p.1, SAMPLES, &[]),
            derivative: sample_curve(|p| id.derivative(p), AXES.p.0, AXES.p.1, SAMPLES, &[]),
        })
        .collect()
}

/// Exact values at one p.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImpurityReading {
    pub id: ImpurityId,
    pub value: f64,
    pub derivative: f64,
}

/// Value and derivative of both impurities at `p` (clamped into [0, 1]; NaN reads as ½).
pub fn readout(p: f64) -> Vec<ImpurityReading> {
    let p = if p.is_nan() { 0.5 } else { p.clamp(0.0, 1.0) };
    ImpurityId::ALL
        .into_iter()
        .map(|id| ImpurityReading { id, value: id.value(p), derivative: id.derivative(p) })
        .collect()
}
