//! The contrastive figure's canvases: the embedding plane (pairs, margins around each dissimilar
//! pair's first point, descent arrows) and the loss and its slope against the distance.

use super::data::{axes, series, ContrastiveData, DISSIMILAR};
use super::params::{ContrastiveParams, PAIRS};
use super::texts;
use crate::loss::metric::contrastive::ContrastiveForm;
use crate::loss::metric::distance::norm;
use crate::plot::curves::{draw_curve_marks, draw_curves_base, draw_curves_overlay, Band, CurveTitles, Mark, OwnedCurve};
use crate::plot::panel::DrawResult;
use crate::plot::plane::{self, circle, equal_panel};
use crate::plot::series::draw_marker;
use crate::plot::shapes::{arrow, dashed, dot, label, line, polygon};
use crate::plot::{Ctx, Frame2};
use plotters::coord::Shift;
use plotters::prelude::*;

/// An arrow's length per unit of gradient (data units), and the longest arrow.
const ARROW_PER_GRADIENT: f64 = 0.4;
const ARROW_MAX: f64 = 1.2;

/// The descent step −g drawn from `at`, scaled and capped.
pub fn descent_arrow(at: (f64, f64), g: (f64, f64), per_gradient: f64, max: f64) -> (f64, f64) {
    let (dx, dy) = (-g.0 * per_gradient, -g.1 * per_gradient);
    let length = norm(&[dx, dy]);
    let k = if length > max { max / length } else { 1.0 };
    (at.0 + dx * k, at.1 + dy * k)
}

/// The plane's base layer: axes and title; returns its frame.
pub fn draw_plane_base<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, title: &str) -> DrawResult<Frame2, DB> {
    let field = ContrastiveParams::FIELD;
    plane::draw_plane_base(area, ctx, field.x, field.y, title)
}

/// The plane's overlay.
pub fn draw_plane_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    params: &ContrastiveParams,
    data: &ContrastiveData,
    selected: Option<usize>,
) -> DrawResult<(), DB> {
    let field = ContrastiveParams::FIELD;
    let palette = ctx.palette();
    let (mut chart, _, _) = equal_panel(area, ctx, field.x, field.y)?;
    let red = ctx.series(DISSIMILAR.color);
    for k in (0..PAIRS).filter(|k| !params.similar[*k]) {
        let (first, _) = params.pair(k);
        let mut edge = circle(first, params.margin);
        polygon(&mut chart, edge.clone(), red.mix(0.07).filled())?;
        if let Some(&start) = edge.first() {
            edge.push(start);
        }
        dashed(&mut chart, edge, ctx.line(6.0) as i32, ctx.line(4.0) as i32, red.mix(0.8).stroke_width(ctx.line(1.5)))?;
    }
    for k in 0..PAIRS {
        let (a, b) = params.pair(k);
        let s = series(params.similar[k]);
        let color = ctx.series(s.color);
        let style = color.stroke_width(ctx.line(2.5));
        if params.similar[k] {
            line(&mut chart, vec![a, b], style)?;
        } else {
            dashed(&mut chart, vec![a, b], ctx.line(8.0) as i32, ctx.line(5.0) as i32, style)?;
        }
        let middle = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        let symbol = if params.similar[k] { "=" } else { "≠" };
        dot(&mut chart, middle, ctx.line(9.0) as i32, palette.background.filled())?;
        dot(&mut chart, middle, ctx.line(9.0) as i32, color.stroke_width(ctx.line(1.5)))?;
        label(&mut chart, middle, (-(ctx.px(4.0) as i32), -(ctx.px(8.5) as i32)), symbol, ctx.font(14.0), color)?;
        if let Some(reading) = data.pairs.get(k).copied().flatten() {
            for (at, g) in [(a, reading.grads[0]), (b, reading.grads[1])] {
                let to = descent_arrow(at, g, ARROW_PER_GRADIENT, ARROW_MAX);
                arrow(&mut chart, at, to, f64::from(ctx.px(9.0)), palette.text.mix(0.85).stroke_width(ctx.line(2.0)))?;
            }
        }
        for at in [a, b] {
            draw_marker(&mut chart, at, s.marker, ctx.line(6.0) as i32, color, ctx)?;
            label(&mut chart, at, (ctx.px(8.0) as i32, ctx.px(2.0) as i32), &(k + 1).to_string(), ctx.font(12.0), palette.text)?;
        }
    }
    if let Some(at) = selected.and_then(|i| params.points.get(i)) {
        dot(&mut chart, *at, ctx.line(14.0) as i32, palette.selected.stroke_width(ctx.line(2.5)))?;
    }
    Ok(())
}

fn titles(ctx: &Ctx) -> CurveTitles<'static> {
    CurveTitles { loss: ctx.t(texts::CONTRASTIVE_LOSS_PANEL), grad: ctx.t(texts::CONTRASTIVE_GRAD_PANEL), x: ctx.t(texts::CONTRASTIVE_DISTANCE_AXIS) }
}

/// The curves' base layer: axes and the similar pairs' curve (no margin moves it).
pub fn draw_curves_base_layer<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, form: ContrastiveForm, similar: &OwnedCurve) -> DrawResult<Frame2, DB> {
    draw_curves_base(area, ctx, &axes(form), &titles(ctx), &[], &[similar.sampled()])?;
    Ok(Frame2::default())
}

/// The curves' overlay: the band inside the margin, the dissimilar pairs' curve, each pair as a mark.
pub fn draw_curves_overlay_layer<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, params: &ContrastiveParams, data: &ContrastiveData) -> DrawResult<(), DB> {
    let axes = axes(params.form);
    let band = Band { from: 0.0, to: params.margin, label: Some(ctx.t(texts::CONTRASTIVE_INSIDE_MARGIN)), tint: 1.0 };
    draw_curves_overlay(area, ctx, &axes, &[band], &[data.dissimilar_curve.sampled()], None)?;
    let marks: Vec<Mark> = data
        .pairs
        .iter()
        .enumerate()
        .filter_map(|(k, r)| r.map(|r| Mark { x: r.d, value: r.loss, derivative: r.slope, series: series(r.similar), label: (k + 1).to_string() }))
        .collect();
    draw_curve_marks(area, ctx, &axes, &marks)
}
