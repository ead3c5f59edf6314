//! What the curves figure shows, computed from its parameters with `crate::loss::regression`:
//! ℓ(r) and dℓ/dr of each shown loss, sampled, and the exact readings at the pointer.

use super::params::{CurveId, CurvesParams};
use crate::loss::regression::Regression;
use crate::loss::sample::sample_curve;
use crate::loss::LossError;

/// Residuals shown on the x axis.
pub const R_RANGE: (f64, f64) = (-3.0, 3.0);
/// Points sampled per curve (kinks add a few more): a segment every ~5 CSS px at 900 px, smooth to
/// the eye; the readout is exact whatever the sampling.
pub const SAMPLES: usize = 161;

/// The loss behind one curve.
pub fn loss_of(id: CurveId, params: &CurvesParams) -> Result<Regression, LossError> {
    Ok(match id {
        CurveId::Me => Regression::Me,
        CurveId::Mse => Regression::Mse,
        CurveId::Mae => Regression::Mae,
        CurveId::Rmse => Regression::Rmse,
        CurveId::Huber => Regression::huber(params.delta)?,
        CurveId::SmoothL1 => Regression::smooth_l1(params.beta)?,
        CurveId::LogCosh => Regression::LogCosh,
    })
}

/// The y ranges of the two panels, and the x range they share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axes {
    pub r: (f64, f64),
    pub loss: (f64, f64),
    pub grad: (f64, f64),
}

impl Axes {
    /// The loss panel reaches below zero only when ME (which is r itself) is shown.
    pub fn for_params(params: &CurvesParams) -> Axes {
        let loss_min = if params.shows(CurveId::Me) { -3.2 } else { -0.25 };
        Axes { r: R_RANGE, loss: (loss_min, 4.5), grad: (-3.2, 3.2) }
    }
}

/// One sampled curve: the loss and its derivative.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    pub id: CurveId,
    pub loss: Vec<(f64, f64)>,
    pub grad: Vec<(f64, f64)>,
}

/// Everything the curves plot draws (a function of the parameters only: the pointer moving
/// rebuilds nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct CurvesData {
    pub axes: Axes,
    /// The Huber band |r| < δ, when Huber is shown.
    pub band: Option<(f64, f64)>,
    /// The shown curves, or why they cannot be computed (parameters are clamped where they
    /// enter, so this stays `Ok`).
    pub curves: Result<Vec<Curve>, LossError>,
}

/// Samples every shown curve.
pub fn build(params: &CurvesParams) -> CurvesData {
    let axes = Axes::for_params(params);
    let curves = params
        .curves
        .iter()
        .map(|&id| {
            let loss = loss_of(id, params)?;
            let kinks = loss.kinks();
            Ok(Curve {
                id,
                loss: sample_curve(|r| loss.element(r), axes.r.0, axes.r.1, SAMPLES, &kinks),
                grad: sample_curve(|r| loss.element_derivative(r), axes.r.0, axes.r.1, SAMPLES, &kinks),
            })
        })
        .collect();
    let band = params.shows(CurveId::Huber).then_some((-params.delta, params.delta));
    CurvesData { axes, band, curves }
}

/// What the base layer draws: the axes and the curves no slider moves (cached: a δ step or a pointer
/// move redraws only the curves that depend on δ or β).
#[derive(Debug, Clone, PartialEq)]
pub struct CurvesBase {
    pub axes: Axes,
    pub still: Vec<Curve>,
}

impl CurvesBase {
    pub fn of(data: &CurvesData) -> CurvesBase {
        let still = data.curves.as_deref().unwrap_or_default().iter().filter(|c| !c.id.has_parameter()).cloned().collect();
        CurvesBase { axes: data.axes, still }
    }
}

/// One row of the pointer readout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub id: CurveId,
    pub value: f64,
    pub derivative: f64,
}

/// The exact value and derivative of each shown curve at residual `r`.
pub fn readout(params: &CurvesParams, r: f64) -> Result<Vec<Reading>, LossError> {
    params
        .curves
        .iter()
        .map(|&id| {
            let loss = loss_of(id, params)?;
            Ok(Reading { id, value: loss.element(r), derivative: loss.element_derivative(r) })
        })
        .collect()
}
