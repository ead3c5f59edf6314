//! The fit-a-line lab: the points and the three fitted lines above, the MSE line's residuals below;
//! and the influence chart (each point's share of each loss, and of each fit's pull).

use super::clip::clip_to_y;
use super::panel::{draw_axes_and_title, draw_zero_lines, map_of, panel, split, AxesStyle, DrawResult};
use super::{AxisMap, Layout, Palette};
use crate::figures::lab::{FitId, LabFigure, RESIDUAL_RANGE};
use crate::state::LabParams;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;

/// Texts of the lab's base layer.
#[derive(Debug, Clone, PartialEq)]
pub struct LabLabels {
    pub data_panel: String,
    pub residual_panel: String,
    pub x_axis: String,
}

/// Where the data panel ended up, for mapping the pointer to data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabFrame {
    pub x: AxisMap,
    pub y: AxisMap,
}

impl LabFrame {
    /// A data point's pixel position.
    pub fn to_pixels(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (self.x.pixel_of(x), self.y.pixel_of(y))
    }

    /// The data point at a pixel position, clamped into the plot (so a drag past the edge pins the
    /// point to the edge).
    pub fn to_data_clamped(&self, (px, py): (f64, f64)) -> Option<(f64, f64)> {
        Some((self.x.data_at_clamped(px)?, self.y.data_at_clamped(py)?))
    }
}

/// The highlight of the selected point.
const SELECTED: RGBColor = RGBColor(0xc0, 0x1c, 0x28);

/// Share of the height given to the data panel (the residual panel has the rest).
const DATA_PANEL_PERCENT: u32 = 68;

/// The base layer: axes, grid, tick labels and titles of both panels.
pub fn draw_lab_base<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &LabLabels,
    layout: &Layout,
    palette: &Palette,
) -> DrawResult<LabFrame, DB> {
    let (upper, lower) = split(root, DATA_PANEL_PERCENT);
    let mut frame = None;
    for (area, y, title, bottom) in [
        (&upper, LabParams::Y_RANGE, &labels.data_panel, false),
        (&lower, RESIDUAL_RANGE, &labels.residual_panel, true),
    ] {
        let mut chart = panel(area, layout, LabParams::X_RANGE, y, bottom)?;
        let style = AxesStyle {
            x_ticks: 11,
            y_ticks: if bottom { 5 } else { 8 },
            tick_size: 12.0,
            title_size: 13.0,
            x_desc: bottom.then_some(labels.x_axis.as_str()),
        };
        draw_axes_and_title(&mut chart, &style, title, layout, palette)?;
        draw_zero_lines(&mut chart, LabParams::X_RANGE, y, false, layout, palette)?;
        if !bottom {
            let (x, y) = map_of(&chart, LabParams::X_RANGE, y);
            frame = Some(LabFrame { x, y });
        }
    }
    Ok(frame.unwrap_or(LabFrame {
        x: AxisMap { pixels: (0, 1), data: LabParams::X_RANGE },
        y: AxisMap { pixels: (0, 1), data: LabParams::Y_RANGE },
    }))
}

/// The overlay: the three lines (when there are fits), the points (the selected one ringed), and the
/// MSE line's residuals as stems, with the mean residual (ME) and ±RMSE.
pub fn draw_lab_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &LabFigure,
    selected: Option<usize>,
    layout: &Layout,
    palette: &Palette,
) -> DrawResult<(), DB> {
    let (upper, lower) = split(root, DATA_PANEL_PERCENT);
    let (x0, x1) = LabParams::X_RANGE;
    let y = LabParams::Y_RANGE;
    let mut chart = panel(&upper, layout, LabParams::X_RANGE, y, false)?;
    if let Ok(fits) = &figure.fits {
        // MSE last would hide the others where they agree: draw Huber last, thinnest on top.
        for (fit, width) in fits.iter().zip([4.0, 3.0, 2.0]) {
            let line = [(x0, fit.line.at(x0)), (x1, fit.line.at(x1))];
            let style = Palette::curve(fit.id.curve()).stroke_width(layout.px(width));
            chart.draw_series(clip_to_y(&line, y.0, y.1).into_iter().map(|run| PathElement::new(run, style)))?;
        }
    }
    let radius = layout.px(6.0) as i32;
    chart.draw_series(figure.points.iter().enumerate().map(|(i, &p)| {
        let color = if Some(i) == selected { SELECTED } else { palette.text };
        Circle::new(p, radius, color.filled())
    }))?;
    chart.draw_series(figure.points.iter().map(|&p| Circle::new(p, radius, WHITE.stroke_width(layout.px(1.5)))))?;
    if let Some(&p) = selected.and_then(|i| figure.points.get(i)) {
        chart.draw_series([Circle::new(p, layout.px(11.0) as i32, SELECTED.stroke_width(layout.px(2.0)))])?;
    }

    let mut chart = panel(&lower, layout, LabParams::X_RANGE, RESIDUAL_RANGE, true)?;
    let (lo, hi) = RESIDUAL_RANGE;
    if let Some(mse) = figure.fit(FitId::Mse) {
        let stem = Palette::curve(FitId::Mse.curve()).stroke_width(layout.px(2.0));
        for (&(x, _), &r) in figure.points.iter().zip(&figure.mse_residuals) {
            let end = r.clamp(lo, hi);
            chart.draw_series([PathElement::new(vec![(x, 0.0), (x, end)], stem)])?;
            chart.draw_series([Circle::new((x, end), layout.px(3.5) as i32, Palette::curve(FitId::Mse.curve()).filled())])?;
        }
        let rmse = Palette::curve(crate::state::CurveId::Rmse).stroke_width(layout.px(2.0));
        for level in [mse.stats.rmse, -mse.stats.rmse] {
            if (lo..=hi).contains(&level) {
                chart.draw_series([PathElement::new(vec![(x0, level), (x1, level)], rmse)])?;
            }
        }
        let me = Palette::curve(crate::state::CurveId::Me).stroke_width(layout.px(2.5));
        let level = mse.stats.me.clamp(lo, hi);
        chart.draw_series([PathElement::new(vec![(x0, level), (x1, level)], me)])?;
    }
    Ok(())
}

/// Texts of the influence chart's base layer.
#[derive(Debug, Clone, PartialEq)]
pub struct InfluenceLabels {
    pub share_panel: String,
    pub pull_panel: String,
    pub x_axis: String,
}

/// Share of the loss: [0, 1]; share of the pull: [−1, 1].
const SHARE_RANGE: (f64, f64) = (0.0, 1.0);
const PULL_RANGE: (f64, f64) = (-1.0, 1.0);

fn slots(n: usize) -> (f64, f64) {
    (0.0, n.max(1) as f64)
}

/// The influence chart's base layer (depends only on the number of points).
pub fn draw_influence_base<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    n_points: usize,
    labels: &InfluenceLabels,
    layout: &Layout,
    palette: &Palette,
) -> DrawResult<(), DB> {
    let (upper, lower) = split(root, 50);
    for (area, y, title, bottom) in [
        (&upper, SHARE_RANGE, &labels.share_panel, false),
        (&lower, PULL_RANGE, &labels.pull_panel, true),
    ] {
        let mut chart = panel(area, layout, slots(n_points), y, bottom)?;
        let style = AxesStyle {
            x_ticks: 0,
            y_ticks: 5,
            tick_size: 12.0,
            title_size: 13.0,
            x_desc: bottom.then_some(labels.x_axis.as_str()),
        };
        draw_axes_and_title(&mut chart, &style, title, layout, palette)?;
    }
    Ok(())
}

/// The influence bars: per point (left to right as on the canvas) one bar per fit, in the fit's colour.
pub fn draw_influence_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &LabFigure,
    selected: Option<usize>,
    layout: &Layout,
    palette: &Palette,
) -> DrawResult<(), DB> {
    let (upper, lower) = split(root, 50);
    let n = figure.points.len();
    for (area, y, is_share) in [(&upper, SHARE_RANGE, true), (&lower, PULL_RANGE, false)] {
        let mut chart = panel(area, layout, slots(n), y, !is_share)?;
        for (slot, bars) in figure.bars.iter().enumerate() {
            let left = slot as f64;
            if Some(bars.point) == selected {
                chart.draw_series([Rectangle::new([(left, y.0), (left + 1.0, y.1)], SELECTED.mix(0.12).filled())])?;
            }
            for (k, id) in FitId::ALL.into_iter().enumerate() {
                let value = if is_share { bars.share[k] } else { bars.pull[k] };
                let value = value.clamp(y.0, y.1);
                let from = left + 0.1 + 0.27 * k as f64;
                let color = Palette::curve(id.curve());
                chart.draw_series([Rectangle::new([(from, 0.0), (from + 0.25, value)], color.filled())])?;
            }
        }
        if !is_share {
            let zero = palette.axis.stroke_width(layout.px(1.0));
            chart.draw_series([PathElement::new(vec![(0.0, 0.0), (slots(n).1, 0.0)], zero)])?;
        }
    }
    Ok(())
}
