//! What the binary cross-entropy figure shows, from `crate::loss::classification`: the loss and its
//! gradient against the probability p or the logit z, for y = 1, y = 0 and the label as set, with
//! PyTorch's clamped value beside the exact one; and the exact numbers at the pointer.

use super::params::{BceAxis, BceParams};
use crate::loss::classification::{
    bce_element, bce_element_clamped_like_torch, bce_element_derivative, bce_with_logits_element, bce_with_logits_element_derivative,
};
use crate::loss::num::{logit, sigmoid};
use crate::loss::sample::sample_curve;
use crate::plot::curves::{CurveAxes, OwnedCurve};
use crate::plot::{Dash, Marker, Series, SeriesColor};

/// Points sampled per curve.
pub const SAMPLES: usize = 241;

/// The curves, each with its look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BceCurve {
    /// y = 1: −ln p.
    One,
    /// y = 0: −ln(1 − p).
    Zero,
    /// The label as set, exact.
    Label,
    /// The label as set, as PyTorch's `binary_cross_entropy` reports it.
    Torch,
}

impl BceCurve {
    pub const ALL: [BceCurve; 4] = [BceCurve::One, BceCurve::Zero, BceCurve::Label, BceCurve::Torch];

    pub fn key(self) -> &'static str {
        match self {
            BceCurve::One => "one",
            BceCurve::Zero => "zero",
            BceCurve::Label => "label",
            BceCurve::Torch => "torch",
        }
    }

    pub fn series(self) -> Series {
        match self {
            BceCurve::One => Series::new(SeriesColor::Blue, Dash::Solid, Marker::None),
            BceCurve::Zero => Series::new(SeriesColor::Vermillion, Dash::Dashed, Marker::None),
            BceCurve::Label => Series::new(SeriesColor::Green, Dash::Solid, Marker::Circle),
            BceCurve::Torch => Series::new(SeriesColor::Orange, Dash::Dotted, Marker::Square),
        }
    }

    /// The label of the curve (`None`: the label as set).
    fn label(self) -> Option<f64> {
        match self {
            BceCurve::One => Some(1.0),
            BceCurve::Zero => Some(0.0),
            BceCurve::Label | BceCurve::Torch => None,
        }
    }
}

/// The loss and its derivative at x (a probability or a logit, per `axis`) for label y: exact, or
/// as PyTorch reports it (value only; its gradient is not drawn).
pub fn loss_at(axis: BceAxis, curve: BceCurve, x: f64, y: f64) -> (f64, f64) {
    let y = curve.label().unwrap_or(y);
    match (axis, curve) {
        (BceAxis::P, BceCurve::Torch) => (bce_element_clamped_like_torch(x, y), f64::NAN),
        (BceAxis::Logit, BceCurve::Torch) => (bce_element_clamped_like_torch(sigmoid(x), y), f64::NAN),
        (BceAxis::P, _) => (bce_element(x, y), bce_element_derivative(x, y)),
        (BceAxis::Logit, _) => (bce_with_logits_element(x, y), bce_with_logits_element_derivative(x, y)),
    }
}

/// The axes of the parameters' plot.
pub fn axes(params: &BceParams) -> CurveAxes {
    match params.axis {
        BceAxis::P => CurveAxes { x: (0.0, 1.0), loss: (-0.25, 5.0), grad: (-10.0, 10.0) },
        BceAxis::Logit => {
            let top = params.zmax + 1.0;
            CurveAxes { x: (-params.zmax, params.zmax), loss: (-0.05 * top, top), grad: (-1.15, 1.15) }
        }
    }
}

fn sampled(params: &BceParams, axes: &CurveAxes, curve: BceCurve) -> OwnedCurve {
    let (axis, y) = (params.axis, params.y);
    let loss = sample_curve(|x| loss_at(axis, curve, x, y).0, axes.x.0, axes.x.1, SAMPLES, &[]);
    let grad = if curve == BceCurve::Torch { Vec::new() } else { sample_curve(|x| loss_at(axis, curve, x, y).1, axes.x.0, axes.x.1, SAMPLES, &[]) };
    OwnedCurve { series: curve.series(), loss, grad }
}

/// What the base layer draws: the axes and the y = 1 and y = 0 curves (no slider moves them).
#[derive(Debug, Clone, PartialEq)]
pub struct BceBase {
    pub axis: BceAxis,
    pub axes: CurveAxes,
    pub fixed: Vec<OwnedCurve>,
}

/// Everything the figure draws (a function of the parameters only).
#[derive(Debug, Clone, PartialEq)]
pub struct BceData {
    pub base: BceBase,
    /// The label as set: exact, and as PyTorch reports it.
    pub label: Vec<OwnedCurve>,
}

pub fn build(params: &BceParams) -> BceData {
    let axes = axes(params);
    let fixed = [BceCurve::One, BceCurve::Zero].into_iter().map(|c| sampled(params, &axes, c)).collect();
    let label = [BceCurve::Label, BceCurve::Torch].into_iter().map(|c| sampled(params, &axes, c)).collect();
    BceData { base: BceBase { axis: params.axis, axes, fixed }, label }
}

/// The exact numbers at the pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BceReading {
    pub p: f64,
    pub z: f64,
    /// The exact loss.
    pub exact: f64,
    /// What PyTorch's `binary_cross_entropy` reports.
    pub torch: f64,
    pub grad_p: f64,
    pub grad_z: f64,
}

/// The readings at `x` (a probability or a logit, per the axis) for the label as set.
pub fn reading(params: &BceParams, x: f64) -> BceReading {
    let y = params.y;
    let (p, z) = match params.axis {
        BceAxis::P => (x, logit(x)),
        BceAxis::Logit => (sigmoid(x), x),
    };
    // On the logit axis the exact loss is computed from z (stable); on the p axis from p.
    let exact = match params.axis {
        BceAxis::P => bce_element(p, y),
        BceAxis::Logit => bce_with_logits_element(z, y),
    };
    BceReading {
        p,
        z,
        exact,
        torch: bce_element_clamped_like_torch(p, y),
        grad_p: bce_element_derivative(p, y),
        grad_z: bce_with_logits_element_derivative(z, y),
    }
}
