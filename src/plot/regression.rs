//! The regression-loss plot: ℓ(r) in the upper panel, dℓ/dr in the lower one, sharing the r axis.

use super::clip::clip_to_y;
use super::panel::{draw_axes_and_title, draw_zero_lines, map_of, panel, split, AxesStyle, DrawResult};
use super::{AxisMap, Layout, Palette};
use crate::figures::regression::{Axes, Reading, RegressionFigure};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Texts the base layer writes (from the message table, so they follow the page language).
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    pub loss_panel: String,
    pub grad_panel: String,
    pub x_axis: String,
}

/// Where the two panels ended up, for mapping the pointer back to data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub r: AxisMap,
    pub loss_y: AxisMap,
    pub grad_y: AxisMap,
}

/// Share of the height given to the loss panel (the gradient panel has the rest).
const LOSS_PANEL_PERCENT: u32 = 55;

/// The base layer: background-free axes, grid, tick labels and panel titles.
pub fn draw_base<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    axes: &Axes,
    labels: &Labels,
    layout: &Layout,
    palette: &Palette,
) -> DrawResult<Frame, DB> {
    let (upper, lower) = split(root, LOSS_PANEL_PERCENT);
    let mut maps = Vec::with_capacity(2);
    for (area, y, title, bottom) in [
        (&upper, axes.loss, &labels.loss_panel, false),
        (&lower, axes.grad, &labels.grad_panel, true),
    ] {
        let mut chart = panel(area, layout, axes.r, y, bottom)?;
        let style = AxesStyle {
            x_ticks: 7,
            y_ticks: 6,
            tick_size: 12.0,
            title_size: 13.0,
            x_desc: bottom.then_some(labels.x_axis.as_str()),
        };
        draw_axes_and_title(&mut chart, &style, title, layout, palette)?;
        draw_zero_lines(&mut chart, axes.r, y, true, layout, palette)?;
        maps.push(map_of(&chart, axes.r, y));
    }
    let (r, loss_y) = maps[0];
    let grad_y = maps[1].1;
    Ok(Frame { r, loss_y, grad_y })
}

/// The overlay: the Huber band, every curve (clipped to its panel) and the pointer.
pub fn draw_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &RegressionFigure,
    pointer: Option<(f64, &[Reading])>,
    layout: &Layout,
    palette: &Palette,
) -> DrawResult<(), DB> {
    let (upper, lower) = split(root, LOSS_PANEL_PERCENT);
    let axes = &figure.axes;
    let line_width = layout.px(2.5);
    for (area, y, is_loss) in [(&upper, axes.loss, true), (&lower, axes.grad, false)] {
        let mut chart = panel(area, layout, axes.r, y, !is_loss)?;
        if let Some((from, to)) = figure.band {
            let (from, to) = (from.max(axes.r.0), to.min(axes.r.1));
            chart.draw_series([Rectangle::new([(from, y.0), (to, y.1)], palette.band.mix(0.10).filled())])?;
        }
        for curve in &figure.curves {
            let color = Palette::curve(curve.id);
            let points = if is_loss { &curve.loss } else { &curve.grad };
            let style = color.stroke_width(line_width);
            chart.draw_series(clip_to_y(points, y.0, y.1).into_iter().map(|run| PathElement::new(run, style)))?;
        }
        if let Some((r, readings)) = pointer.filter(|(r, _)| (axes.r.0..=axes.r.1).contains(r)) {
            let guide = palette.pointer.mix(0.6).stroke_width(layout.px(1.0));
            chart.draw_series([PathElement::new(vec![(r, y.0), (r, y.1)], guide)])?;
            let dots = readings.iter().filter_map(|reading| {
                let v = if is_loss { reading.value } else { reading.derivative };
                (y.0..=y.1)
                    .contains(&v)
                    .then(|| Circle::new((r, v), layout.px(4.5), Palette::curve(reading.id).filled()))
            });
            chart.draw_series(dots)?;
        }
    }
    Ok(())
}
