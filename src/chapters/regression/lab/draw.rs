//! The lab's two canvases: the points with the three fitted lines above and the MSE line's residuals
//! below; and the influence chart (each point's share of each loss, and of each fit's pull).

use super::data::{FitId, LabData, RESIDUAL_RANGE};
use super::params::LabParams;
use super::texts;
use crate::chapters::regression::curves::CurveId;
use crate::plot::bars::slots;
use crate::plot::panel::{draw_axes_and_title, draw_zero_lines, map_of, panel, split, AxesStyle, DrawResult};
use crate::plot::series::draw_curve;
use crate::plot::shapes::{dot, horizontal, line, rect};
use crate::plot::{AxisMap, Ctx, Frame2, Marker, Series};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Share of the height given to the data panel (the residual panel has the rest).
const DATA_PANEL_PERCENT: u32 = 68;

/// The lab canvas's base layer: axes, grid, tick labels and titles of both panels; returns the data
/// panel's frame.
pub fn draw_lab_base<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ctx: &Ctx) -> DrawResult<Frame2, DB> {
    let (upper, lower) = split(root, DATA_PANEL_PERCENT);
    let mut frame = Frame2 { x: AxisMap { pixels: (0, 1), data: LabParams::X_RANGE }, y: AxisMap { pixels: (0, 1), data: LabParams::Y_RANGE } };
    for (area, y, title, bottom) in
        [(&upper, LabParams::Y_RANGE, texts::LAB_DATA_PANEL, false), (&lower, RESIDUAL_RANGE, texts::LAB_RESIDUAL_PANEL, true)]
    {
        let mut chart = panel(area, ctx, LabParams::X_RANGE, y, bottom)?;
        let style = AxesStyle {
            x_ticks: 11,
            y_ticks: if bottom { 5 } else { 8 },
            tick_size: 12.0,
            title_size: 13.0,
            x_desc: bottom.then(|| ctx.t(texts::LAB_X_AXIS)),
        };
        draw_axes_and_title(&mut chart, &style, ctx.t(title), ctx)?;
        draw_zero_lines(&mut chart, LabParams::X_RANGE, y, false, ctx)?;
        if !bottom {
            let (x, y) = map_of(&chart, LabParams::X_RANGE, y);
            frame = Frame2 { x, y };
        }
    }
    Ok(frame)
}

/// The lab canvas's overlay: the three lines (when there are fits), the points (the selected one
/// ringed), and the MSE line's residuals as stems, with the mean residual (ME) and ±RMSE.
pub fn draw_lab_overlay<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ctx: &Ctx, data: &LabData, selected: Option<usize>) -> DrawResult<(), DB> {
    let palette = ctx.palette();
    let (upper, lower) = split(root, DATA_PANEL_PERCENT);
    let (x0, x1) = LabParams::X_RANGE;
    let y = LabParams::Y_RANGE;
    let mut chart = panel(&upper, ctx, LabParams::X_RANGE, y, false)?;
    if let Ok(fits) = &data.fits {
        // MSE drawn first and widest, Huber last and thinnest, so lines that agree stay visible.
        for (fit, width) in fits.iter().zip([4.0, 3.0, 2.0]) {
            let line = [(x0, fit.line.at(x0)), (x1, fit.line.at(x1))];
            let mut series = fit.id.curve().series();
            series.marker = Marker::None;
            draw_curve(&mut chart, &line, y, &series, width, ctx)?;
        }
    }
    let radius = ctx.line(6.0) as i32;
    let outline = palette.point_outline.stroke_width(ctx.line(1.5));
    for (i, &p) in data.points.iter().enumerate() {
        let color = if Some(i) == selected { palette.selected } else { palette.point };
        dot(&mut chart, p, radius, color.filled())?;
        dot(&mut chart, p, radius, outline)?;
    }
    if let Some(&p) = selected.and_then(|i| data.points.get(i)) {
        dot(&mut chart, p, ctx.line(11.0) as i32, palette.selected.stroke_width(ctx.line(2.0)))?;
    }

    let mut chart = panel(&lower, ctx, LabParams::X_RANGE, RESIDUAL_RANGE, true)?;
    let (lo, hi) = RESIDUAL_RANGE;
    if let Some(mse) = data.fit(FitId::Mse) {
        let color = ctx.series(CurveId::Mse.series().color);
        let stem = color.stroke_width(ctx.line(2.0));
        for (&(x, _), &r) in data.points.iter().zip(&data.mse_residuals) {
            let end = r.clamp(lo, hi);
            line(&mut chart, vec![(x, 0.0), (x, end)], stem)?;
            dot(&mut chart, (x, end), ctx.line(3.5) as i32, color.filled())?;
        }
        let rmse = CurveId::Rmse.series();
        for level in [mse.stats.rmse, -mse.stats.rmse] {
            if (lo..=hi).contains(&level) {
                draw_curve(&mut chart, &[(x0, level), (x1, level)], RESIDUAL_RANGE, &Series { marker: Marker::None, ..rmse }, 2.0, ctx)?;
            }
        }
        let me = ctx.series(CurveId::Me.series().color).stroke_width(ctx.line(2.5));
        let level = mse.stats.me.clamp(lo, hi);
        horizontal(&mut chart, level, LabParams::X_RANGE, me)?;
    }
    Ok(())
}

/// Share of the loss: [0, 1]; share of the pull: [−1, 1].
const SHARE_RANGE: (f64, f64) = (0.0, 1.0);
const PULL_RANGE: (f64, f64) = (-1.0, 1.0);

/// The influence chart's base layer: the y axes and titles. The x axis has no ticks or grid, so
/// the base is the same for any number of points (adding one redraws only the bars).
pub fn draw_influence_base<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ctx: &Ctx) -> DrawResult<Frame2, DB> {
    let (upper, lower) = split(root, 50);
    for (area, y, title, bottom) in
        [(&upper, SHARE_RANGE, texts::INFLUENCE_SHARE_PANEL, false), (&lower, PULL_RANGE, texts::INFLUENCE_PULL_PANEL, true)]
    {
        let mut chart = panel(area, ctx, slots(0), y, bottom)?;
        let style =
            AxesStyle { x_ticks: 0, y_ticks: 5, tick_size: 12.0, title_size: 13.0, x_desc: bottom.then(|| ctx.t(texts::INFLUENCE_AXIS)) };
        draw_axes_and_title(&mut chart, &style, ctx.t(title), ctx)?;
    }
    Ok(Frame2::default())
}

/// The influence bars: per point (left to right as on the canvas) one bar per fit, in the fit's colour.
pub fn draw_influence_overlay<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ctx: &Ctx, data: &LabData, selected: Option<usize>) -> DrawResult<(), DB> {
    let palette = ctx.palette();
    let (upper, lower) = split(root, 50);
    let n = data.points.len();
    for (area, y, is_share) in [(&upper, SHARE_RANGE, true), (&lower, PULL_RANGE, false)] {
        let mut chart = panel(area, ctx, slots(n), y, !is_share)?;
        if let Some(slot) = data.bars.iter().position(|bars| Some(bars.point) == selected) {
            let left = slot as f64;
            rect(&mut chart, (left, y.0), (left + 1.0, y.1), palette.selected.mix(0.12).filled())?;
        }
        // One fit's bars after another: the canvas's fill colour is set three times, not per bar.
        for (k, id) in FitId::ALL.into_iter().enumerate() {
            let color = ctx.series(id.curve().series().color);
            for (slot, bars) in data.bars.iter().enumerate() {
                let value = if is_share { bars.share[k] } else { bars.pull[k] };
                let value = value.clamp(y.0, y.1);
                let from = slot as f64 + 0.1 + 0.27 * k as f64;
                rect(&mut chart, (from, 0.0), (from + 0.25, value), color.filled())?;
            }
        }
        if !is_share {
            let zero = palette.axis.stroke_width(ctx.line(1.0));
            horizontal(&mut chart, 0.0, slots(n), zero)?;
        }
    }
    Ok(())
}
