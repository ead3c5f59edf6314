//! The weights figure's canvases: two number lines over [−1, 1] — the positive similarities above,
//! the negative ones below, each with its margin (Δ_p = 1 − m, Δ_n = m) and every similarity with its
//! descent arrow; and bars of each similarity's weight in its log-sum-exp and its gradient ÷ γ.

use super::super::texts;
use super::params::{WeightsParams, NEGATIVE_ROW, POSITIVE_ROW};
use crate::loss::metric::circle::CircleBreakdown;
use crate::plot::bars::{draw_bars_base, draw_bars_overlay, BarAxes, BarGroup};
use crate::plot::panel::{draw_axes_and_title, map_of, panel, AxesStyle, DrawResult};
use crate::plot::series::draw_marker;
use crate::plot::shapes::{arrow, dashed, dot, horizontal, label, vertical};
use crate::plot::{Ctx, Dash, Frame2, Marker, Series, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

pub const POSITIVE_SERIES: Series = Series::new(SeriesColor::Blue, Dash::Solid, Marker::Circle);
pub const NEGATIVE_SERIES: Series = Series::new(SeriesColor::Vermillion, Dash::Solid, Marker::Triangle);
/// The lines' panel: similarities across, the two rows up.
const X: (f64, f64) = (-1.05, 1.05);
const Y: (f64, f64) = (-0.6, 1.7);
/// An arrow's length per unit of |∂L/∂s|/γ, and its longest.
const ARROW_PER_GRADIENT: f64 = 0.25;
const ARROW_MAX: f64 = 0.6;
/// The bar panels' ranges: weights in [0, 1]; the gradient ÷ γ (at most σ(Z)·α ≤ 2.5: a longer bar ends in an arrow).
const WEIGHT_Y: (f64, f64) = (0.0, 1.05);
const GRAD_Y: (f64, f64) = (-1.5, 1.5);

/// The names of the similarities: p₁ … p_K, then n₁ … n_L.
pub fn names(k: usize, l: usize) -> Vec<String> {
    (1..=k).map(|i| format!("p{i}")).chain((1..=l).map(|j| format!("n{j}"))).collect()
}

/// The lines' base layer: the similarity axis, the two lines and their names.
pub fn draw_lines_base<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx) -> DrawResult<Frame2, DB> {
    let mut chart = panel(area, ctx, X, Y, true)?;
    let style = AxesStyle { x_ticks: 9, y_ticks: 0, tick_size: 12.0, title_size: 13.0, x_desc: Some(ctx.t(texts::WEIGHTS_AXIS)) };
    draw_axes_and_title(&mut chart, &style, ctx.t(texts::WEIGHTS_LINES_PANEL), ctx)?;
    let palette = ctx.palette();
    for (row, name) in [(POSITIVE_ROW, texts::WEIGHTS_POSITIVES), (NEGATIVE_ROW, texts::WEIGHTS_NEGATIVES)] {
        horizontal(&mut chart, row, (-1.0, 1.0), palette.axis.stroke_width(ctx.line(1.5)))?;
        label(&mut chart, (-1.0, row), (0, ctx.px(8.0) as i32), ctx.t(name), ctx.font(12.5), palette.text)?;
    }
    let (x, y) = map_of(&chart, X, Y);
    Ok(Frame2 { x, y })
}

/// The lines' overlay: the margins, each similarity with its descent arrow.
pub fn draw_lines_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    params: &WeightsParams,
    breakdown: Option<&CircleBreakdown>,
    selected: Option<usize>,
) -> DrawResult<(), DB> {
    let mut chart = panel(area, ctx, X, Y, true)?;
    let palette = ctx.palette();
    let tick = 0.22;
    for (x, row, name) in [(1.0 - params.m, POSITIVE_ROW, "Δp"), (params.m, NEGATIVE_ROW, "Δn")] {
        dashed(&mut chart, vec![(x, row - tick), (x, row + tick)], ctx.line(4.0) as i32, ctx.line(3.0) as i32, palette.text.stroke_width(ctx.line(1.5)))?;
        label(&mut chart, (x, row + tick), (-(ctx.px(8.0) as i32), -(ctx.px(16.0) as i32)), name, ctx.font(12.0), palette.text)?;
    }
    let head = f64::from(ctx.px(8.0));
    let size = ctx.line(7.0) as i32;
    let gamma = params.gamma;
    let lists = [(&params.s_p, POSITIVE_ROW, POSITIVE_SERIES, 'p'), (&params.s_n, NEGATIVE_ROW, NEGATIVE_SERIES, 'n')];
    let mut index = 0;
    for (list, row, series, letter) in lists {
        for (i, &s) in list.iter().enumerate() {
            let grad = breakdown.and_then(|b| if letter == 'p' { b.grad.s_p.get(i) } else { b.grad.s_n.get(i) }).copied().unwrap_or(0.0);
            let shift = (-grad / gamma * ARROW_PER_GRADIENT).clamp(-ARROW_MAX, ARROW_MAX);
            arrow(&mut chart, (s, row), (s + shift, row), head, ctx.series(series.color).stroke_width(ctx.line(2.5)))?;
            draw_marker(&mut chart, (s, row), series.marker, size, ctx.series(series.color), ctx)?;
            // Labels alternate above and below the line, so neighbours do not cover each other.
            let up = if i % 2 == 0 { -(ctx.px(24.0) as i32) } else { ctx.px(10.0) as i32 };
            label(&mut chart, (s, row), (-(ctx.px(6.0) as i32), up), &format!("{letter}{}", i + 1), ctx.font(12.5), palette.text)?;
            if selected == Some(index) {
                dot(&mut chart, (s, row), ctx.line(15.0) as i32, palette.selected.stroke_width(ctx.line(2.5)))?;
            }
            index += 1;
        }
    }
    vertical(&mut chart, 0.0, (NEGATIVE_ROW - 0.1, POSITIVE_ROW + 0.1), palette.axis.mix(0.4).stroke_width(ctx.line(1.0)))?;
    Ok(())
}

fn bar_axes(ctx: &Ctx) -> [BarAxes<'static>; 2] {
    [BarAxes { y: WEIGHT_Y, title: ctx.t(texts::WEIGHTS_WEIGHT_PANEL) }, BarAxes { y: GRAD_Y, title: ctx.t(texts::WEIGHTS_GRAD_PANEL) }]
}

/// The bars' base layer (it depends on K and L only).
pub fn draw_bars_base_layer<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, (k, l): (usize, usize)) -> DrawResult<Frame2, DB> {
    Ok(draw_bars_base(area, ctx, &names(k, l), &bar_axes(ctx))?.into_iter().next().unwrap_or_default())
}

/// The bars: each similarity's weight (positives blue, negatives red) and its gradient ÷ γ.
pub fn draw_bars_overlay_layer<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, params: &WeightsParams, breakdown: Option<&CircleBreakdown>) -> DrawResult<(), DB> {
    let (k, l) = (params.s_p.len(), params.s_n.len());
    let n = k + l;
    let Some(b) = breakdown else { return Ok(()) };
    let gamma = params.gamma;
    let pad = |values: &mut Vec<f64>, before: usize, after: usize| {
        values.splice(0..0, std::iter::repeat_n(f64::NAN, before));
        values.extend(std::iter::repeat_n(f64::NAN, after));
    };
    let mut weight_p = b.weight_p.clone();
    pad(&mut weight_p, 0, l);
    let mut weight_n = b.weight_n.clone();
    pad(&mut weight_n, k, 0);
    let mut grad_p: Vec<f64> = b.grad.s_p.iter().map(|g| g / gamma).collect();
    pad(&mut grad_p, 0, l);
    let mut grad_n: Vec<f64> = b.grad.s_n.iter().map(|g| g / gamma).collect();
    pad(&mut grad_n, k, 0);
    let [weights, grads] = bar_axes(ctx);
    let top = [BarGroup::filled(POSITIVE_SERIES, &weight_p, 0), BarGroup::filled(NEGATIVE_SERIES, &weight_n, 0)];
    let bottom = [BarGroup::filled(POSITIVE_SERIES, &grad_p, 0), BarGroup::filled(NEGATIVE_SERIES, &grad_n, 0)];
    draw_bars_overlay(area, ctx, n, &[(weights, &top), (grads, &bottom)], None)
}
