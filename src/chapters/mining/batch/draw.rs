//! The batch figure's canvases: the points by class with the chosen anchor's mined triplets as lines;
//! and the distance matrix as a heatmap (rows and columns in class order, classes outlined) under a
//! strip giving each cell of the anchor's row its category.

use super::super::analysis::{Analysis, Embedded};
use crate::figure::shared::Shared;
use super::super::texts;
use crate::loss::metric::batch_triplet::Mining;
use crate::loss::metric::triplet::Category;
use crate::plot::heatmap::draw_heatmap;
use crate::plot::panel::{draw_axes_and_title, map_of, AxesStyle, DrawResult};
use crate::plot::plane::{self, equal_panel};
use crate::plot::series::draw_marker;
use crate::plot::shapes::{dashed, dot, line, rect};
use crate::plot::{Ctx, Dash, Frame2, Marker, Series, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The plane the points live in.
pub const PLANE: ((f64, f64), (f64, f64)) = ((-3.0, 3.0), (-2.0, 2.0));

pub const POSITIVE_LINE: Series = Series::new(SeriesColor::Blue, Dash::Solid, Marker::None);
pub const HARD_LINE: Series = Series::new(SeriesColor::Vermillion, Dash::Solid, Marker::None);
pub const SEMI_HARD_LINE: Series = Series::new(SeriesColor::Orange, Dash::Dashed, Marker::None);

/// Class `c`'s colour and marker (seven colours, then the next marker).
pub fn class_style(c: usize) -> (SeriesColor, Marker) {
    const MARKERS: [Marker; 3] = [Marker::Circle, Marker::Square, Marker::Triangle];
    (SeriesColor::ALL[1 + c % 7], MARKERS[(c / 7) % MARKERS.len()])
}

/// The plane's base layer.
pub fn draw_plane_base<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx) -> DrawResult<Frame2, DB> {
    plane::draw_plane_base(area, ctx, PLANE.0, PLANE.1, ctx.t(texts::BATCH_PLANE_PANEL))
}

/// For the anchor's row: each negative's category against the anchor's farthest positive (the
/// hardest of its triplets), `None` for the anchor and its positives.
pub fn row_categories(analysis: &Analysis, labels: &[usize], anchor: usize, margin: f64) -> Vec<Option<Category>> {
    let n = labels.len();
    let Some(row) = analysis.distances.row(anchor) else { return vec![None; n] };
    let label = labels.get(anchor).copied();
    let farthest = (0..n).filter(|&j| j != anchor && Some(labels[j]) == label).map(|j| row[j]).fold(f64::NEG_INFINITY, f64::max);
    (0..n)
        .map(|j| (Some(labels[j]) != label && farthest.is_finite()).then(|| Category::of(farthest, row[j], margin)))
        .collect()
}

/// The plane's overlay: the anchor's triplets as lines, every point, the anchor ringed.
pub fn draw_plane_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    analysis: &Analysis,
    labels: &[usize],
    anchor: usize,
    mining: Mining,
    margin: f64,
) -> DrawResult<(), DB> {
    let (mut chart, _, _) = equal_panel(area, ctx, PLANE.0, PLANE.1)?;
    let palette = ctx.palette();
    let points = &analysis.points;
    let Some(&a) = points.get(anchor) else { return Ok(()) };
    // A layer can carry points off the plane: those are not drawn.
    let inside = |p: &(f64, f64)| (PLANE.0 .0..=PLANE.0 .1).contains(&p.0) && (PLANE.1 .0..=PLANE.1 .1).contains(&p.1);
    // One CSS pixel: at a pixel ratio of 1 the browser draws these as hairlines, which for a fan of
    // up to 255 lines (dashed ones especially) costs a third of what 2-pixel lines cost to rasterise.
    let width = ctx.line(1.0);
    let positive = ctx.series(POSITIVE_LINE.color).stroke_width(width);
    let negative_style = |category: Category| match category {
        Category::Hard => Some(ctx.series(HARD_LINE.color).stroke_width(width)),
        Category::SemiHard => Some(ctx.series(SEMI_HARD_LINE.color).stroke_width(width)),
        Category::Easy => None,
    };
    let negative = |chart: &mut crate::plot::panel::Chart<'_, DB>, to: (f64, f64), category: Category| -> DrawResult<(), DB> {
        match (negative_style(category), category) {
            (Some(style), Category::SemiHard) => dashed(chart, vec![a, to], ctx.line(5.0) as i32, ctx.line(3.0) as i32, style),
            (Some(style), _) => line(chart, vec![a, to], style),
            // An easy triplet a strategy still picked (the semi-hard fallback): thin and grey.
            (None, _) => dashed(chart, vec![a, to], ctx.line(2.0) as i32, ctx.line(4.0) as i32, palette.axis.stroke_width(ctx.line(1.0))),
        }
    };
    match mining {
        _ if !inside(&a) => {}
        Mining::All => {
            for (j, category) in row_categories(analysis, labels, anchor, margin).into_iter().enumerate() {
                match category {
                    _ if !inside(&points[j]) => {}
                    Some(Category::Easy) => {}
                    Some(category) => negative(&mut chart, points[j], category)?,
                    None if j != anchor => line(&mut chart, vec![a, points[j]], positive)?,
                    None => {}
                }
            }
        }
        Mining::Hard | Mining::SemiHard => {
            let row = analysis.distances.row(anchor).unwrap_or_default();
            for t in analysis.mined(mining).iter().filter(|t| t.anchor == anchor && inside(&points[t.positive]) && inside(&points[t.negative])) {
                line(&mut chart, vec![a, points[t.positive]], positive)?;
                negative(&mut chart, points[t.negative], Category::of(row[t.positive], row[t.negative], margin))?;
            }
        }
    }
    let size = ctx.line(4.5) as i32;
    for (p, &label) in points.iter().zip(labels).filter(|(p, _)| inside(p)) {
        let (color, marker) = class_style(label);
        draw_marker(&mut chart, *p, marker, size, ctx.series(color), ctx)?;
    }
    if inside(&a) {
        dot(&mut chart, a, ctx.line(11.0) as i32, palette.selected.stroke_width(ctx.line(2.5)))?;
    }
    Ok(())
}

/// The heatmap's data ranges: n columns, n rows and, above them, the strip and the title's room.
pub fn heat_ranges(n: usize) -> ((f64, f64), (f64, f64)) {
    let n = n.max(1) as f64;
    ((0.0, n), (0.0, 1.2 * n))
}

/// What the heatmap's base layer shows: the distances of one embedding (the batch as generated or
/// as training left it), n × n, with its class blocks. The margin and the anchor do not change it,
/// so a margin step or a new anchor redraws only the anchor's row and its strip.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatBase {
    pub n: usize,
    pub per_class: usize,
    pub embedded: Option<Shared<Embedded>>,
}

/// The heatmap's base layer: its title and axis description, the distances and the class blocks.
pub fn draw_heat_base<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, base: &HeatBase) -> DrawResult<Frame2, DB> {
    let n = base.n;
    let (x, y) = heat_ranges(n);
    let (mut chart, x, y) = equal_panel(area, ctx, x, y)?;
    let style = AxesStyle { x_ticks: 0, y_ticks: 0, tick_size: 12.0, title_size: 13.0, x_desc: Some(ctx.t(texts::BATCH_HEAT_AXIS)) };
    draw_axes_and_title(&mut chart, &style, ctx.t(texts::BATCH_HEAT_PANEL), ctx)?;
    let (xm, ym) = map_of(&chart, x, y);
    if let Some(embedded) = base.embedded.as_deref().filter(|e| e.points.len() == n) {
        let nf = n as f64;
        draw_heatmap(&mut chart, &embedded.heat, (n as u32, n as u32), (0.0, nf), (0.0, nf))?;
        let edge = ctx.palette().background.mix(0.8).stroke_width(ctx.line(1.0));
        for k in (base.per_class..n).step_by(base.per_class.max(1)) {
            let at = k as f64;
            line(&mut chart, vec![(at, 0.0), (at, nf)], edge)?;
            line(&mut chart, vec![(0.0, nf - at), (nf, nf - at)], edge)?;
        }
    }
    Ok(Frame2 { x: xm, y: ym })
}

/// The heatmap's overlay (over the distances of [`draw_heat_base`]): the anchor's row outlined, and
/// above the map the strip of that row's categories.
pub fn draw_heat_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    analysis: &Analysis,
    labels: &[usize],
    anchor: usize,
    margin: f64,
) -> DrawResult<(), DB> {
    let n = labels.len();
    let (x, y) = heat_ranges(n);
    let (mut chart, _, _) = equal_panel(area, ctx, x, y)?;
    let nf = n as f64;
    let palette = ctx.palette();
    let row_top = nf - anchor as f64;
    rect(&mut chart, (0.0, row_top), (nf, row_top - 1.0), palette.selected.stroke_width(ctx.line(2.0)))?;
    let strip: Vec<u8> = row_categories(analysis, labels, anchor, margin)
        .into_iter()
        .enumerate()
        .flat_map(|(j, category)| {
            let color = match category {
                Some(Category::Hard) => ctx.series(HARD_LINE.color),
                Some(Category::SemiHard) => ctx.series(SEMI_HARD_LINE.color),
                Some(Category::Easy) => palette.grid,
                None if j == anchor => palette.text,
                None => ctx.series(POSITIVE_LINE.color),
            };
            [color.0, color.1, color.2, 255]
        })
        .collect();
    draw_heatmap(&mut chart, &strip, (n as u32, 1), (0.0, nf), (1.03 * nf, 1.1 * nf))?;
    Ok(())
}
