//! Bars over categories (classes, outcomes): one or more panels stacked over the same categories,
//! each with groups of bars side by side per category — filled (a prediction) or outlined (a
//! target) — and the category names under the bottom panel. What the softmax, multi-label and KL
//! figures draw; values outside a panel are cut at its edge, an infinite one ends in an arrow.

use super::panel::{draw_axes_and_title, draw_zero_lines, map_of, panel, AxesStyle, Chart, DrawResult};
use super::shapes::{glyph, rect};
use super::{Ctx, Frame2, Series};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Share of the width of a category's slot its bars take (the rest is the gap between categories).
pub const FILL: f64 = 0.8;

/// One group of bars: a value per category, in a series' colour.
#[derive(Debug, Clone, Copy)]
pub struct BarGroup<'a> {
    pub series: Series,
    pub values: &'a [f64],
    /// Drawn as an outline (a target) instead of filled.
    pub outline: bool,
    /// Its place among the bars of a category (groups at the same place overlap: a target outline
    /// over its prediction, or a stacked bar).
    pub position: usize,
    /// Stacked: each bar starts at this value instead of 0.
    pub from: Option<&'a [f64]>,
}

impl<'a> BarGroup<'a> {
    /// Filled bars at `position`, from 0.
    pub fn filled(series: Series, values: &'a [f64], position: usize) -> BarGroup<'a> {
        BarGroup { series, values, outline: false, position, from: None }
    }

    /// Outlined bars at `position`, from 0.
    pub fn outlined(series: Series, values: &'a [f64], position: usize) -> BarGroup<'a> {
        BarGroup { series, values, outline: true, position, from: None }
    }
}

/// One panel's y range and title.
#[derive(Debug, Clone, Copy)]
pub struct BarAxes<'a> {
    pub y: (f64, f64),
    pub title: &'a str,
}

/// The x range of `n` categories: slot k is [k, k + 1].
pub fn slots(n: usize) -> (f64, f64) {
    (0.0, n.max(1) as f64)
}

/// The x extent of bar `group` of `groups` in category `k`.
pub fn bar_span(k: usize, group: usize, groups: usize) -> (f64, f64) {
    let width = FILL / groups.max(1) as f64;
    let left = k as f64 + (1.0 - FILL) / 2.0 + width * group as f64;
    (left + width * 0.06, left + width * 0.94)
}

/// Which (category, group) an x in data units falls on, if any.
pub fn bar_at(x: f64, n: usize, groups: usize) -> Option<(usize, usize)> {
    if !(0.0..n as f64).contains(&x) {
        return None;
    }
    let k = x.floor() as usize;
    let inside = x - k as f64 - (1.0 - FILL) / 2.0;
    let group = (inside / (FILL / groups.max(1) as f64)).floor();
    (0.0..groups as f64).contains(&group).then_some((k, group as usize))
}

fn areas<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, panels: usize) -> Vec<DrawingArea<DB, Shift>> {
    root.split_evenly((panels.max(1), 1))
}

/// The base layer: each panel's axes, grid and title, the zero line, and the category names under
/// the bottom panel. Returns each panel's frame.
pub fn draw_bars_base<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ctx: &Ctx, names: &[String], panels: &[BarAxes<'_>]) -> DrawResult<Vec<Frame2>, DB> {
    let n = names.len();
    let x = slots(n);
    let mut frames = Vec::with_capacity(panels.len());
    let areas = areas(root, panels.len());
    for (i, (area, axes)) in areas.iter().zip(panels).enumerate() {
        let bottom = i + 1 == panels.len();
        let mut chart = panel(area, ctx, x, axes.y, bottom)?;
        let style = AxesStyle { x_ticks: 0, y_ticks: 5, tick_size: 12.0, title_size: 13.0, x_desc: None };
        draw_axes_and_title(&mut chart, &style, axes.title, ctx)?;
        draw_zero_lines(&mut chart, x, axes.y, false, ctx)?;
        let font = crate::plot::font(ctx.font(12.0)).color(&ctx.palette().text).pos(Pos::new(HPos::Center, VPos::Top));
        for (k, name) in names.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(k as f64 + 0.5, axes.y.0));
            let base = chart.plotting_area().get_base_pixel();
            chart.plotting_area().strip_coord_spec().draw_text(name, &font, (px - base.0, py - base.1 + ctx.px(4.0) as i32))?;
        }
        let (fx, fy) = map_of(&chart, x, axes.y);
        frames.push(Frame2 { x: fx, y: fy });
    }
    Ok(frames)
}

/// One panel's bars.
fn draw_groups<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, ctx: &Ctx, y: (f64, f64), groups: &[BarGroup<'_>]) -> DrawResult<(), DB> {
    let count = groups.iter().map(|g| g.position + 1).max().unwrap_or(1);
    for group in groups {
        let color = ctx.series(group.series.color);
        for (k, &value) in group.values.iter().enumerate() {
            let start = group.from.and_then(|from| from.get(k).copied()).unwrap_or(0.0);
            if value.is_nan() || start.is_nan() {
                continue;
            }
            let (left, right) = bar_span(k, group.position, count);
            let value = start + value;
            let top = value.clamp(y.0, y.1);
            let from = start.clamp(y.0, y.1);
            if group.outline {
                rect(chart, (left, from), (right, top), color.stroke_width(ctx.line(2.0)))?;
            } else {
                rect(chart, (left, from), (right, top), color.filled())?;
            }
            if value.is_infinite() || value > y.1 || value < y.0 {
                // Cut at the edge: an arrow says the bar goes on.
                let s = ctx.line(5.0) as i32;
                let up = value > 0.0;
                let tip = if up { -s } else { s };
                glyph(chart, ((left + right) / 2.0, top), vec![(-s, 0), (s, 0), (0, tip)], color.filled())?;
            }
        }
    }
    Ok(())
}

/// The overlay: each panel's groups of bars, and the highlighted category's slot tinted.
pub fn draw_bars_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    n: usize,
    panels: &[(BarAxes<'_>, &[BarGroup<'_>])],
    highlight: Option<usize>,
) -> DrawResult<(), DB> {
    let x = slots(n);
    let areas = areas(root, panels.len());
    for (i, (area, (axes, groups))) in areas.iter().zip(panels).enumerate() {
        let mut chart = panel(area, ctx, x, axes.y, i + 1 == panels.len())?;
        if let Some(k) = highlight.filter(|k| *k < n) {
            rect(&mut chart, (k as f64, axes.y.0), (k as f64 + 1.0, axes.y.1), ctx.palette().selected.mix(0.1).filled())?;
        }
        draw_groups(&mut chart, ctx, axes.y, groups)?;
    }
    Ok(())
}
