//! The triplet figure's canvases: the plane with the hard disc, the semi-hard band and the easy
//! outside around the anchor (coloured and labelled), every point with its descent arrow; and the
//! loss and its slope against t = d(a, n) − d(a, p) with the three regions as bands.

use super::super::contrastive::draw::descent_arrow;
use super::data::TripletReading;
use super::params::{TripletParams, ANCHOR, FIRST_NEGATIVE, POSITIVE};
use super::{category_text, texts};
use crate::loss::metric::triplet::TripletMargin;
use crate::loss::sample::sample_curve;
use crate::plot::curves::{draw_curve_marks, draw_curves_base, draw_curves_overlay, Band, CurveAxes, CurveTitles, Mark, OwnedCurve};
use crate::plot::panel::DrawResult;
use crate::plot::plane::{circle, equal_panel, ring};
use crate::plot::series::draw_marker;
use crate::plot::shapes::{arrow, dashed, dot, label, line, polygon};
use crate::plot::{Ctx, Dash, Frame2, Marker, Series, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

pub const ANCHOR_SERIES: Series = Series::new(SeriesColor::Grey, Dash::Solid, Marker::Diamond);
pub const POSITIVE_SERIES: Series = Series::new(SeriesColor::Blue, Dash::Solid, Marker::Circle);
pub const NEGATIVE_SERIES: Series = Series::new(SeriesColor::Vermillion, Dash::Solid, Marker::Triangle);
/// The regions' colours: the hard disc and the semi-hard band.
const HARD: SeriesColor = SeriesColor::Vermillion;
const SEMI_HARD: SeriesColor = SeriesColor::Orange;
/// The loss against t.
const LOSS_SERIES: Series = Series::new(SeriesColor::Purple, Dash::Solid, Marker::None);
/// t from −2 to 3; the loss max(0, m − t) up to 4.
pub const AXES: CurveAxes = CurveAxes { x: (-2.0, 3.0), loss: (-0.1, 4.2), grad: (-1.5, 0.5) };

const ARROW_PER_GRADIENT: f64 = 1.2;
const ARROW_MAX: f64 = 1.5;

/// The plane's overlay.
pub fn draw_plane_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    params: &TripletParams,
    points: &[(f64, f64)],
    reading: Option<&TripletReading>,
    selected: Option<usize>,
) -> DrawResult<(), DB> {
    let field = TripletParams::FIELD;
    let palette = ctx.palette();
    let (mut chart, _, _) = equal_panel(area, ctx, field.x, field.y)?;
    let (Some(&a), Some(&p)) = (points.get(ANCHOR), points.get(POSITIVE)) else { return Ok(()) };
    if params.normalize {
        let mut unit = circle((0.0, 0.0), 1.0);
        unit.push((1.0, 0.0));
        dashed(&mut chart, unit, ctx.line(2.0) as i32, ctx.line(4.0) as i32, palette.axis.mix(0.7).stroke_width(ctx.line(1.2)))?;
    }
    if let Some(r) = reading {
        let (inner, outer) = (r.d_ap, r.d_ap + params.margin);
        let (hard, semi) = (ctx.series(HARD), ctx.series(SEMI_HARD));
        polygon(&mut chart, ring(a, inner, outer), semi.mix(0.16).filled())?;
        polygon(&mut chart, circle(a, inner), hard.mix(0.13).filled())?;
        let mut edge = circle(a, inner);
        edge.push((a.0 + inner, a.1));
        line(&mut chart, edge, hard.stroke_width(ctx.line(1.5)))?;
        let mut edge = circle(a, outer);
        edge.push((a.0 + outer, a.1));
        dashed(&mut chart, edge, ctx.line(7.0) as i32, ctx.line(4.0) as i32, semi.stroke_width(ctx.line(1.5)))?;
        // Each region named where it is, so colour is not needed to tell them apart.
        let size = ctx.font(12.0);
        let below = ctx.px(4.0) as i32;
        let left = -(ctx.px(14.0) as i32);
        label(&mut chart, (a.0, a.1 + inner), (left, below), ctx.t(texts::TRIPLET_HARD), size, palette.text)?;
        label(&mut chart, (a.0, a.1 + outer), (left, below), ctx.t(texts::TRIPLET_SEMI_HARD), size, palette.text)?;
        label(&mut chart, (a.0, a.1 + outer), (left, -(ctx.px(18.0) as i32)), ctx.t(texts::TRIPLET_EASY), size, palette.text)?;
    }
    line(&mut chart, vec![a, p], ctx.series(POSITIVE_SERIES.color).stroke_width(ctx.line(2.0)))?;
    for n in points.iter().skip(FIRST_NEGATIVE) {
        dashed(&mut chart, vec![a, *n], ctx.line(4.0) as i32, ctx.line(4.0) as i32, palette.axis.mix(0.6).stroke_width(ctx.line(1.2)))?;
    }
    if let Some(r) = reading {
        for (at, g) in points.iter().zip(&r.grads) {
            let to = descent_arrow(*at, *g, ARROW_PER_GRADIENT, ARROW_MAX);
            arrow(&mut chart, *at, to, f64::from(ctx.px(9.0)), palette.text.mix(0.85).stroke_width(ctx.line(2.0)))?;
        }
    }
    let size = ctx.line(7.0) as i32;
    let offset = (ctx.px(9.0) as i32, ctx.px(2.0) as i32);
    for (i, at) in points.iter().enumerate() {
        let (series, name) = match i {
            ANCHOR => (ANCHOR_SERIES, "a".to_string()),
            POSITIVE => (POSITIVE_SERIES, "p".to_string()),
            _ => {
                let k = i - FIRST_NEGATIVE;
                let category = reading.and_then(|r| r.negatives.get(k)).map(|n| ctx.t(category_text(n.category))).unwrap_or_default();
                (NEGATIVE_SERIES, format!("n{} · {category}", k + 1))
            }
        };
        draw_marker(&mut chart, *at, series.marker, size, ctx.series(series.color), ctx)?;
        label(&mut chart, *at, offset, &name, ctx.font(12.5), palette.text)?;
    }
    if let Some(at) = selected.and_then(|i| points.get(i)) {
        dot(&mut chart, *at, ctx.line(15.0) as i32, palette.selected.stroke_width(ctx.line(2.5)))?;
    }
    Ok(())
}

fn titles(ctx: &Ctx) -> CurveTitles<'static> {
    CurveTitles { loss: ctx.t(texts::TRIPLET_LOSS_PANEL), grad: ctx.t(texts::TRIPLET_GRAD_PANEL), x: ctx.t(texts::TRIPLET_T_AXIS) }
}

/// The curves' base layer: axes and titles (the curve and the bands move with the margin).
pub fn draw_curves_base_layer<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx) -> DrawResult<Frame2, DB> {
    draw_curves_base(area, ctx, &AXES, &titles(ctx), &[], &[])?;
    Ok(Frame2::default())
}

/// L = max(0, m − t) and dL/dt, sampled.
pub fn loss_curve(margin: f64) -> OwnedCurve {
    let Ok(loss) = TripletMargin::new(margin) else { return OwnedCurve { series: LOSS_SERIES, loss: Vec::new(), grad: Vec::new() } };
    let (lo, hi) = AXES.x;
    OwnedCurve {
        series: LOSS_SERIES,
        loss: sample_curve(|t| loss.element(0.0, t), lo, hi, 2, &[margin]),
        grad: sample_curve(|t| loss.element_derivative(0.0, t).1, lo, hi, 2, &[margin]),
    }
}

/// The curves' overlay: the three regions, the loss, each negative as a mark.
pub fn draw_curves_overlay_layer<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, params: &TripletParams, reading: Option<&TripletReading>) -> DrawResult<(), DB> {
    let m = params.margin;
    let bands = [
        Band { from: AXES.x.0, to: 0.0, label: Some(ctx.t(texts::TRIPLET_HARD)), tint: 1.6 },
        Band { from: 0.0, to: m, label: Some(ctx.t(texts::TRIPLET_SEMI_HARD)), tint: 0.7 },
        Band { from: m, to: AXES.x.1, label: Some(ctx.t(texts::TRIPLET_EASY)), tint: 0.0 },
    ];
    draw_curves_overlay(area, ctx, &AXES, &bands, &[loss_curve(m).sampled()], None)?;
    let Some(r) = reading else { return Ok(()) };
    let marks: Vec<Mark> = r
        .negatives
        .iter()
        .enumerate()
        .map(|(k, n)| Mark { x: n.t, value: n.loss, derivative: n.slope, series: NEGATIVE_SERIES, label: format!("n{}", k + 1) })
        .collect();
    draw_curve_marks(area, ctx, &AXES, &marks)
}
