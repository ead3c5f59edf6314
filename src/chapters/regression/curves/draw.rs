//! The curves plot: ℓ(r) in the upper panel, dℓ/dr in the lower one, sharing the r axis.

use super::data::{CurvesBase, CurvesData, Reading};
use super::texts;
use crate::plot::panel::{draw_axes_and_title, draw_zero_lines, map_of, panel, split, AxesStyle, DrawResult};
use crate::plot::series::draw_curve;
use crate::plot::shapes::{dot, rect, vertical};
use crate::plot::{AxisMap, Ctx};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Where the two panels ended up, for mapping the pointer back to data.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CurvesFrame {
    pub r: AxisMap,
    pub loss_y: AxisMap,
    pub grad_y: AxisMap,
}

/// Share of the height given to the loss panel (the gradient panel has the rest).
const LOSS_PANEL_PERCENT: u32 = 55;

/// The base layer: axes, grid, tick labels, panel titles, and the curves no slider moves.
pub fn draw_base<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &CurvesBase) -> DrawResult<CurvesFrame, DB> {
    let axes = &base.axes;
    let (upper, lower) = split(root, LOSS_PANEL_PERCENT);
    let mut maps = [(AxisMap::default(), AxisMap::default()); 2];
    for (i, (area, y, title, bottom)) in
        [(&upper, axes.loss, texts::CURVES_LOSS_PANEL, false), (&lower, axes.grad, texts::CURVES_GRAD_PANEL, true)].into_iter().enumerate()
    {
        let mut chart = panel(area, ctx, axes.r, y, bottom)?;
        let style = AxesStyle { x_ticks: 7, y_ticks: 6, tick_size: 12.0, title_size: 13.0, x_desc: bottom.then(|| ctx.t(texts::CURVES_AXIS)) };
        draw_axes_and_title(&mut chart, &style, ctx.t(title), ctx)?;
        draw_zero_lines(&mut chart, axes.r, y, true, ctx)?;
        for curve in &base.still {
            draw_curve(&mut chart, if bottom { &curve.grad } else { &curve.loss }, y, &curve.id.series(), 2.5, ctx)?;
        }
        maps[i] = map_of(&chart, axes.r, y);
    }
    Ok(CurvesFrame { r: maps[0].0, loss_y: maps[0].1, grad_y: maps[1].1 })
}

/// The overlay: the Huber band, the curves that depend on δ or β (clipped to their panel) and the
/// pointer with its dots.
pub fn draw_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    data: &CurvesData,
    pointer: Option<(f64, &[Reading])>,
) -> DrawResult<(), DB> {
    let (upper, lower) = split(root, LOSS_PANEL_PERCENT);
    let axes = &data.axes;
    let palette = ctx.palette();
    let curves = data.curves.as_deref().unwrap_or_default();
    for (area, y, is_loss) in [(&upper, axes.loss, true), (&lower, axes.grad, false)] {
        let mut chart = panel(area, ctx, axes.r, y, !is_loss)?;
        if let Some((from, to)) = data.band {
            let (from, to) = (from.max(axes.r.0), to.min(axes.r.1));
            rect(&mut chart, (from, y.0), (to, y.1), palette.band.mix(palette.band_alpha).filled())?;
        }
        for curve in curves.iter().filter(|c| c.id.has_parameter()) {
            let points = if is_loss { &curve.loss } else { &curve.grad };
            draw_curve(&mut chart, points, y, &curve.id.series(), 2.5, ctx)?;
        }
        if let Some((r, readings)) = pointer.filter(|(r, _)| (axes.r.0..=axes.r.1).contains(r)) {
            let guide = palette.pointer.mix(0.6).stroke_width(ctx.line(1.0));
            vertical(&mut chart, r, y, guide)?;
            for reading in readings {
                let v = if is_loss { reading.value } else { reading.derivative };
                if (y.0..=y.1).contains(&v) {
                    dot(&mut chart, (r, v), ctx.line(4.5) as i32, ctx.series(reading.id.series().color).filled())?;
                }
            }
        }
    }
    Ok(())
}
