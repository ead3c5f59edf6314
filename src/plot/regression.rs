//! The regression-loss plot: ℓ(r) in the upper panel, dℓ/dr in the lower one, sharing the r axis.

use super::clip::clip_to_y;
use super::{AxisMap, Layout, Palette};
use crate::figures::regression::{Axes, Reading, RegressionFigure};
use plotters::coord::types::RangedCoordf64;
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

pub(crate) type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;
pub(crate) type DrawResult<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Lays out one panel: the same call for the base and the overlay, so both agree to the pixel.
pub(crate) fn panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    layout: &Layout,
    r: (f64, f64),
    y: (f64, f64),
    with_x_labels: bool,
) -> DrawResult<Chart<'a, DB>, DB> {
    let mut builder = ChartBuilder::on(area);
    builder
        .margin_top(layout.px(8.0))
        .margin_right(layout.px(12.0))
        .margin_left(layout.px(4.0))
        .y_label_area_size(layout.px(44.0))
        .x_label_area_size(if with_x_labels { layout.px(40.0) } else { layout.px(22.0) });
    builder.build_cartesian_2d(r.0..r.1, y.0..y.1)
}

/// Splits the drawing into the loss panel (55 %) and the gradient panel.
pub(crate) fn split<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let height = root.dim_in_pixel().1;
    root.split_vertically(height * 55 / 100)
}

pub(crate) fn map_of<DB: DrawingBackend>(chart: &Chart<'_, DB>, axes_r: (f64, f64), y: (f64, f64)) -> (AxisMap, AxisMap) {
    let (x_px, y_px) = chart.plotting_area().get_pixel_range();
    (
        AxisMap { pixels: (x_px.start, x_px.end), data: axes_r },
        // Pixel rows grow downwards: the top row is the largest value.
        AxisMap { pixels: (y_px.start, y_px.end), data: (y.1, y.0) },
    )
}

/// The base layer: background-free axes, grid, tick labels and panel titles.
pub fn draw_base<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    axes: &Axes,
    labels: &Labels,
    layout: &Layout,
    palette: &Palette,
) -> DrawResult<Frame, DB> {
    let (upper, lower) = split(root);
    let tick_font = ("sans-serif", layout.font(12.0)).into_font().color(&palette.text);
    let title_font = ("sans-serif", layout.font(13.0)).into_font().color(&palette.text);
    let mut maps = Vec::with_capacity(2);
    for (area, y, title, bottom) in [
        (&upper, axes.loss, &labels.loss_panel, false),
        (&lower, axes.grad, &labels.grad_panel, true),
    ] {
        let mut chart = panel(area, layout, axes.r, y, bottom)?;
        let mut mesh = chart.configure_mesh();
        mesh.x_labels(7)
            .y_labels(6)
            .label_style(tick_font.clone())
            .axis_style(palette.axis.stroke_width(layout.px(1.0)))
            .bold_line_style(palette.grid.stroke_width(layout.px(1.0)))
            .light_line_style(TRANSPARENT)
            .x_label_formatter(&|v| tick(*v))
            .y_label_formatter(&|v| tick(*v));
        if bottom {
            mesh.x_desc(labels.x_axis.as_str()).axis_desc_style(title_font.clone());
        }
        mesh.draw()?;
        // The zero lines, a little stronger than the grid.
        let zero = palette.axis.mix(0.55).stroke_width(layout.px(1.0));
        chart.draw_series([
            PathElement::new(vec![(axes.r.0, 0.0), (axes.r.1, 0.0)], zero),
            PathElement::new(vec![(0.0, y.0), (0.0, y.1)], zero),
        ])?;
        // Relative to the plotting area, top left.
        chart
            .plotting_area()
            .strip_coord_spec()
            .draw_text(title, &title_font, (layout.px(6.0) as i32, layout.px(4.0) as i32))?;
        maps.push(map_of(&chart, axes.r, y));
    }
    let (r, loss_y) = maps[0];
    let grad_y = maps[1].1;
    Ok(Frame { r, loss_y, grad_y })
}

/// Tick labels: short, with a real minus sign.
pub(crate) fn tick(value: f64) -> String {
    crate::format::number(value, 2)
}

/// The overlay: the Huber band, every curve (clipped to its panel) and the pointer.
pub fn draw_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &RegressionFigure,
    pointer: Option<(f64, &[Reading])>,
    layout: &Layout,
    palette: &Palette,
) -> DrawResult<(), DB> {
    let (upper, lower) = split(root);
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
