//! The curves plot: ℓ(r) in the upper panel, dℓ/dr in the lower one, sharing the r axis (drawn by
//! `plot::curves`; the curves that depend on δ or β and the Huber band are the overlay).

use super::data::{CurvesBase, CurvesData, Reading};
use super::texts;
use crate::plot::curves::{draw_curves_base, draw_curves_overlay, Band, CurveAxes, CurveTitles, Dot, Sampled};
pub use crate::plot::curves::CurvesFrame;
use crate::plot::panel::DrawResult;
use crate::plot::Ctx;
use plotters::coord::Shift;
use plotters::prelude::*;

fn axes_of(axes: &super::data::Axes) -> CurveAxes {
    CurveAxes { x: axes.r, loss: axes.loss, grad: axes.grad }
}

fn sampled(curve: &super::data::Curve) -> Sampled<'_> {
    Sampled { series: curve.id.series(), loss: &curve.loss, grad: &curve.grad }
}

/// The base layer: axes, grid, tick labels, panel titles, and the curves no slider moves.
pub fn draw_base<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &CurvesBase) -> DrawResult<CurvesFrame, DB> {
    let titles = CurveTitles { loss: ctx.t(texts::CURVES_LOSS_PANEL), grad: ctx.t(texts::CURVES_GRAD_PANEL), x: ctx.t(texts::CURVES_AXIS) };
    let still: Vec<Sampled<'_>> = base.still.iter().map(sampled).collect();
    draw_curves_base(root, ctx, &axes_of(&base.axes), &titles, &[], &still)
}

/// The overlay: the Huber band, the curves that depend on δ or β and the pointer with its dots.
pub fn draw_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    data: &CurvesData,
    pointer: Option<(f64, &[Reading])>,
) -> DrawResult<(), DB> {
    let curves = data.curves.as_deref().unwrap_or_default();
    let moving: Vec<Sampled<'_>> = curves.iter().filter(|c| c.id.has_parameter()).map(sampled).collect();
    let bands: Vec<Band<'_>> = data.band.iter().map(|&(from, to)| Band { from, to, label: None, tint: 1.0 }).collect();
    let dots: Vec<Dot> = pointer.map(|(_, readings)| readings.iter().map(|r| Dot { series: r.id.series(), value: r.value, derivative: r.derivative }).collect()).unwrap_or_default();
    draw_curves_overlay(root, ctx, &axes_of(&data.axes), &bands, &moving, pointer.map(|(r, _)| (r, dots.as_slice())))
}
