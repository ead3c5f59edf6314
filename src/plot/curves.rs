//! The loss-and-gradient plot every curve figure shares: ℓ(x) in the upper panel, dℓ/dx in the lower
//! one over the same x axis, shaded bands, and a pointer with each curve's exact value and slope as
//! dots. The base layer draws the axes and the curves no control moves; the overlay draws the rest.

use super::panel::{draw_axes_and_title, draw_zero_lines, map_of, panel, split, AxesStyle, DrawResult};
use super::series::draw_curve;
use super::shapes::{dot, rect, vertical};
use super::{AxisMap, Ctx, Series};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Share of the height given to the loss panel (the gradient panel has the rest).
const LOSS_PANEL_PERCENT: u32 = 55;

/// The x range both panels share and the y range of each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurveAxes {
    pub x: (f64, f64),
    pub loss: (f64, f64),
    pub grad: (f64, f64),
}

/// The panels' titles and the x axis's name, in the page language.
#[derive(Debug, Clone, Copy)]
pub struct CurveTitles<'a> {
    pub loss: &'a str,
    pub grad: &'a str,
    pub x: &'a str,
}

/// One sampled curve: the loss and its derivative, in a series' style.
#[derive(Debug, Clone, Copy)]
pub struct Sampled<'a> {
    pub series: Series,
    pub loss: &'a [(f64, f64)],
    pub grad: &'a [(f64, f64)],
}

/// A sampled curve that owns its points (what a figure's data keeps).
#[derive(Debug, Clone, PartialEq)]
pub struct OwnedCurve {
    pub series: Series,
    pub loss: Vec<(f64, f64)>,
    pub grad: Vec<(f64, f64)>,
}

impl OwnedCurve {
    pub fn sampled(&self) -> Sampled<'_> {
        Sampled { series: self.series, loss: &self.loss, grad: &self.grad }
    }
}

/// A shaded x interval across both panels, with an optional label at its top.
#[derive(Debug, Clone, Copy)]
pub struct Band<'a> {
    pub from: f64,
    pub to: f64,
    pub label: Option<&'a str>,
    /// How strongly it is shaded: 1 is the theme's band shade, 0 only its label.
    pub tint: f64,
}

/// A curve's exact value and derivative at the pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    pub series: Series,
    pub value: f64,
    pub derivative: f64,
}

/// Where the two panels ended up, for mapping the pointer back to x.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CurvesFrame {
    pub x: AxisMap,
    pub loss_y: AxisMap,
    pub grad_y: AxisMap,
}

fn panels<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>) -> [(DrawingArea<DB, Shift>, bool); 2] {
    let (upper, lower) = split(root, LOSS_PANEL_PERCENT);
    [(upper, true), (lower, false)]
}

fn y_of(axes: &CurveAxes, is_loss: bool) -> (f64, f64) {
    if is_loss {
        axes.loss
    } else {
        axes.grad
    }
}

fn draw_bands<DB: DrawingBackend>(chart: &mut super::panel::Chart<'_, DB>, ctx: &Ctx, axes: &CurveAxes, y: (f64, f64), bands: &[Band<'_>], labels: bool) -> DrawResult<(), DB> {
    let palette = ctx.palette();
    // The previous label's line and where it ends (device px): a label that would run into it goes
    // a line lower (narrow bands, a phone's width).
    let (mut line, mut taken) = (0, i32::MIN);
    for band in bands {
        let (from, to) = (band.from.max(axes.x.0), band.to.min(axes.x.1));
        if from >= to {
            continue;
        }
        if band.tint > 0.0 {
            rect(chart, (from, y.0), (to, y.1), palette.band.mix((palette.band_alpha * band.tint).min(1.0)).filled())?;
        }
        if let Some(label) = band.label.filter(|_| labels) {
            let font = crate::plot::font(ctx.font(11.5)).color(&palette.text);
            let area = chart.plotting_area();
            // Text goes in the plotting area's own pixels, a line below the panel's title.
            let left = area.map_coordinate(&(from, y.1)).0 - area.get_base_pixel().0;
            let area = area.strip_coord_spec();
            let gap = ctx.px(4.0) as i32;
            let width = area.estimate_text_size(label, &font).map_or(0, |(w, _)| w as i32);
            // Inside the panel: a label that would pass its right edge starts further left.
            let x = (left + gap).min(area.dim_in_pixel().0 as i32 - width - gap).max(gap);
            line = if x < taken { line + 1 } else { 0 };
            taken = x + width + gap;
            area.draw_text(label, &font, (x, ctx.px(22.0) as i32 + line * ctx.font(14.0) as i32))?;
        }
    }
    Ok(())
}

/// The base layer: axes, grid, titles, the fixed bands and the curves no control moves.
pub fn draw_curves_base<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    axes: &CurveAxes,
    titles: &CurveTitles<'_>,
    bands: &[Band<'_>],
    still: &[Sampled<'_>],
) -> DrawResult<CurvesFrame, DB> {
    let mut maps = [(AxisMap::default(), AxisMap::default()); 2];
    for (i, (area, is_loss)) in panels(root).iter().enumerate() {
        let y = y_of(axes, *is_loss);
        let mut chart = panel(area, ctx, axes.x, y, !is_loss)?;
        draw_bands(&mut chart, ctx, axes, y, bands, *is_loss)?;
        let style = AxesStyle { x_ticks: 7, y_ticks: 6, tick_size: 12.0, title_size: 13.0, x_desc: (!is_loss).then_some(titles.x) };
        draw_axes_and_title(&mut chart, &style, if *is_loss { titles.loss } else { titles.grad }, ctx)?;
        draw_zero_lines(&mut chart, axes.x, y, axes.x.0 < 0.0 && axes.x.1 > 0.0, ctx)?;
        for curve in still {
            draw_curve(&mut chart, if *is_loss { curve.loss } else { curve.grad }, y, &curve.series, 2.5, ctx)?;
        }
        maps[i] = map_of(&chart, axes.x, y);
    }
    Ok(CurvesFrame { x: maps[0].0, loss_y: maps[0].1, grad_y: maps[1].1 })
}

/// The overlay: the bands and curves that controls move, and the pointer's guide with a dot per
/// curve at its exact value and slope.
pub fn draw_curves_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    axes: &CurveAxes,
    bands: &[Band<'_>],
    moving: &[Sampled<'_>],
    pointer: Option<(f64, &[Dot])>,
) -> DrawResult<(), DB> {
    let palette = ctx.palette();
    for (area, is_loss) in panels(root).iter() {
        let y = y_of(axes, *is_loss);
        let mut chart = panel(area, ctx, axes.x, y, !is_loss)?;
        draw_bands(&mut chart, ctx, axes, y, bands, *is_loss)?;
        for curve in moving {
            draw_curve(&mut chart, if *is_loss { curve.loss } else { curve.grad }, y, &curve.series, 2.5, ctx)?;
        }
        if let Some((x, dots)) = pointer.filter(|(x, _)| (axes.x.0..=axes.x.1).contains(x)) {
            vertical(&mut chart, x, y, palette.pointer.mix(0.6).stroke_width(ctx.line(1.0)))?;
            for d in dots {
                let v = if *is_loss { d.value } else { d.derivative };
                if (y.0..=y.1).contains(&v) {
                    dot(&mut chart, (x, v), ctx.line(4.5) as i32, ctx.series(d.series.color).filled())?;
                }
            }
        }
    }
    Ok(())
}

/// A point marked on both panels at its own x — its value on the loss panel, its slope on the
/// gradient panel — with a short label (a pair's or a negative's name).
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub value: f64,
    pub derivative: f64,
    pub series: Series,
    pub label: String,
}

/// The marks, over an overlay drawn by [`draw_curves_overlay`]; a mark outside a panel's ranges is
/// left out of that panel.
pub fn draw_curve_marks<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, ctx: &Ctx, axes: &CurveAxes, marks: &[Mark]) -> DrawResult<(), DB> {
    let palette = ctx.palette();
    for (area, is_loss) in panels(root).iter() {
        let y = y_of(axes, *is_loss);
        let mut chart = panel(area, ctx, axes.x, y, !is_loss)?;
        for mark in marks {
            let v = if *is_loss { mark.value } else { mark.derivative };
            if !(axes.x.0..=axes.x.1).contains(&mark.x) || !(y.0..=y.1).contains(&v) {
                continue;
            }
            dot(&mut chart, (mark.x, v), ctx.line(5.0) as i32, ctx.series(mark.series.color).filled())?;
            dot(&mut chart, (mark.x, v), ctx.line(5.0) as i32, palette.point_outline.stroke_width(ctx.line(1.0)))?;
            super::shapes::label(&mut chart, (mark.x, v), (ctx.px(6.0) as i32, -(ctx.px(16.0) as i32)), &mark.label, ctx.font(11.5), palette.text)?;
        }
    }
    Ok(())
}
