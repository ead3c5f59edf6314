//! The classifier lab's two canvases: the points with the line's two sides, the decision line f = 0
//! and the margin lines f = ±1; and each point's loss as a bar.

use super::data::ClassifierData;
use super::params::{Class, ClassifierParams};
use super::texts;
use crate::loss::linear::{Linear, Objective};
use crate::plot::bars::slots;
use crate::plot::geometry::{half_plane, line_in_box};
use crate::plot::panel::{draw_axes_and_title, map_of, panel, AxesStyle, DrawResult};
use crate::plot::series::draw_marker;
use crate::plot::shapes::{dashed, dot, line, polygon, rect};
use crate::plot::{Ctx, Frame2, Marker, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The bars' loss axis: losses above are drawn to the top, with a cap.
pub const BAR_MAX: f64 = 4.0;

pub fn class_color(class: Class) -> SeriesColor {
    match class {
        Class::A => SeriesColor::Blue,
        Class::B => SeriesColor::Vermillion,
    }
}

pub fn class_marker(class: Class) -> Marker {
    match class {
        Class::A => Marker::Circle,
        Class::B => Marker::Triangle,
    }
}

fn class_of(label: f64) -> Class {
    if label > 0.0 {
        Class::A
    } else {
        Class::B
    }
}

/// The points panel's base layer: axes, grid, title; returns its frame.
pub fn draw_points_base<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ctx: &Ctx) -> DrawResult<Frame2, DB> {
    let field = ClassifierParams::FIELD;
    let mut chart = panel(root, ctx, field.x, field.y, true)?;
    let style = AxesStyle { x_ticks: 13, y_ticks: 9, tick_size: 12.0, title_size: 13.0, x_desc: Some(ctx.t(texts::CLASSIFIER_X_AXIS)) };
    draw_axes_and_title(&mut chart, &style, ctx.t(texts::CLASSIFIER_DATA_PANEL), ctx)?;
    let (x, y) = map_of(&chart, field.x, field.y);
    Ok(Frame2 { x, y })
}

/// The points panel's overlay: each side of the line tinted in its class's colour, the margin lines
/// f = ±1 (dashed) and the decision line f = 0, the points (rings: exactly zero gradient), the
/// selected point.
pub fn draw_points_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    data: &ClassifierData,
    model: &Linear,
    at: Option<&Objective>,
    selected: Option<usize>,
) -> DrawResult<(), DB> {
    let (field, palette) = (ClassifierParams::FIELD, ctx.palette());
    let mut chart = panel(root, ctx, field.x, field.y, true)?;
    let [a, b] = model.w;
    for (class, sign) in [(Class::A, 1.0), (Class::B, -1.0)] {
        let side = half_plane(sign * a, sign * b, sign * model.b, field.x, field.y);
        if side.len() >= 3 {
            polygon(&mut chart, side, ctx.series(class_color(class)).mix(0.08).filled())?;
        }
    }
    let ink = palette.text;
    for (offset, solid) in [(0.0, true), (-1.0, false), (1.0, false)] {
        if let Some((p, q)) = line_in_box(a, b, model.b + offset, field.x, field.y) {
            let style = ink.mix(if solid { 0.9 } else { 0.55 }).stroke_width(ctx.line(if solid { 2.5 } else { 1.5 }));
            if solid {
                line(&mut chart, vec![p, q], style)?;
            } else {
                dashed(&mut chart, vec![p, q], ctx.line(8.0) as i32, ctx.line(5.0) as i32, style)?;
            }
        }
    }
    let size = ctx.line(6.0) as i32;
    let outline = palette.point_outline.stroke_width(ctx.line(1.5));
    for (i, (&p, &label)) in data.positions.iter().zip(&data.labels).enumerate() {
        let class = class_of(label);
        if at.and_then(|o| o.slopes.get(i)).is_some_and(|s| *s == 0.0) {
            dot(&mut chart, p, ctx.line(11.0) as i32, palette.axis.stroke_width(ctx.line(1.5)))?;
        }
        draw_marker(&mut chart, p, class_marker(class), size, ctx.series(class_color(class)), ctx)?;
        if class == Class::A {
            dot(&mut chart, p, size, outline)?;
        }
    }
    if let Some(&p) = selected.and_then(|i| data.positions.get(i)) {
        dot(&mut chart, p, ctx.line(14.0) as i32, palette.selected.stroke_width(ctx.line(2.5)))?;
    }
    Ok(())
}

/// The bars' base layer: the y axis and titles. The x axis has no ticks or grid, so the base is
/// the same for any number of points (a point added or removed redraws only the bars).
pub fn draw_bars_base<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ctx: &Ctx) -> DrawResult<Frame2, DB> {
    let mut chart = panel(root, ctx, slots(0), (0.0, BAR_MAX), true)?;
    let style = AxesStyle { x_ticks: 0, y_ticks: 5, tick_size: 12.0, title_size: 13.0, x_desc: Some(ctx.t(texts::CLASSIFIER_BARS_AXIS)) };
    draw_axes_and_title(&mut chart, &style, ctx.t(texts::CLASSIFIER_BARS_PANEL), ctx)?;
    Ok(Frame2::default())
}

/// Each point's loss as a bar in its class's colour; a ring under the bar where the gradient is
/// exactly zero; the selected point's slot highlighted.
pub fn draw_bars_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    data: &ClassifierData,
    at: Option<&Objective>,
    selected: Option<usize>,
) -> DrawResult<(), DB> {
    let palette = ctx.palette();
    let n = data.labels.len();
    let mut chart = panel(root, ctx, slots(n), (0.0, BAR_MAX), true)?;
    let Some(at) = at else { return Ok(()) };
    for (i, ((&loss, &slope), &label)) in at.losses.iter().zip(&at.slopes).zip(&data.labels).enumerate() {
        let left = i as f64;
        if Some(i) == selected {
            rect(&mut chart, (left, 0.0), (left + 1.0, BAR_MAX), palette.selected.mix(0.12).filled())?;
        }
        let top = if loss.is_finite() { loss.clamp(0.0, BAR_MAX) } else { BAR_MAX };
        rect(&mut chart, (left + 0.15, 0.0), (left + 0.85, top), ctx.series(class_color(class_of(label))).filled())?;
        if slope == 0.0 {
            dot(&mut chart, (left + 0.5, BAR_MAX * 0.04), ctx.line(5.0) as i32, palette.axis.stroke_width(ctx.line(1.5)))?;
        }
    }
    Ok(())
}
