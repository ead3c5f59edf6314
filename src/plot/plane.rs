//! A 2-D embedding plane, as the metric-learning figures draw it: discs and rings around a point
//! (a margin, the hard / semi-hard / easy regions of a triplet) as polygons in data coordinates, so a
//! circle of radius r contains exactly the points at distance < r whatever the panel's aspect.

use super::panel::{draw_axes_and_title, map_of, panel, AxesStyle, Chart, DrawResult};
use super::{Ctx, Frame2};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Vertices of a circle polygon (enough for a smooth edge at any canvas size).
const VERTICES: usize = 96;

/// cos and sin of 2π/96, the angle between two vertices.
const STEP: (f64, f64) = (0.997_858_923_238_603_5, 0.065_403_129_230_143_06);

/// The circle of radius `r` around `centre`, as a closed polygon (counter-clockwise). The vertices
/// come from rotating by a fixed angle (no sine or cosine at run time: the wasm carries none).
pub fn circle(centre: (f64, f64), r: f64) -> Vec<(f64, f64)> {
    let r = if r.is_finite() { r.max(0.0) } else { 0.0 };
    let (mut c, mut s) = (1.0f64, 0.0f64);
    let mut points = Vec::with_capacity(VERTICES);
    for _ in 0..VERTICES {
        points.push((centre.0 + r * c, centre.1 + r * s));
        (c, s) = (c * STEP.0 - s * STEP.1, c * STEP.1 + s * STEP.0);
    }
    points
}

/// The ring between radii `inner` and `outer` around `centre`, as one polygon (the outer circle, then
/// the inner one the other way round): filled, its hole stays empty.
pub fn ring(centre: (f64, f64), inner: f64, outer: f64) -> Vec<(f64, f64)> {
    let mut points = circle(centre, outer);
    if let Some(&first) = points.first() {
        points.push(first);
    }
    let mut hole = circle(centre, inner.min(outer));
    if let Some(&first) = hole.first() {
        hole.push(first);
    }
    hole.reverse();
    points.extend(hole);
    points
}

/// Ranges covering `x` × `y` with the same number of pixels per unit on both axes in a plotting area
/// of `w` × `h` pixels: the axis that would be squeezed is widened about its centre (so circles look
/// round and distances are true on screen).
pub fn equal_aspect(x: (f64, f64), y: (f64, f64), w: f64, h: f64) -> ((f64, f64), (f64, f64)) {
    let (wide, tall) = (x.1 - x.0, y.1 - y.0);
    if !(w > 0.0 && h > 0.0 && wide > 0.0 && tall > 0.0) {
        return (x, y);
    }
    let widen = |(lo, hi): (f64, f64), span: f64| {
        let centre = (lo + hi) / 2.0;
        (centre - span / 2.0, centre + span / 2.0)
    };
    if w / wide > h / tall {
        (widen(x, w * tall / h), y)
    } else {
        (x, widen(y, h * wide / w))
    }
}

/// A panel over at least `x` × `y` with equal scales (see [`equal_aspect`]), and the ranges it shows.
/// The base layer and the overlay both lay out their plane with it, so they agree to the pixel.
pub fn equal_panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    ctx: &Ctx,
    x: (f64, f64),
    y: (f64, f64),
) -> DrawResult<(Chart<'a, DB>, (f64, f64), (f64, f64)), DB> {
    let (w, h) = {
        let probe = panel(area, ctx, x, y, true)?;
        let (xs, ys) = probe.plotting_area().get_pixel_range();
        (f64::from(xs.end - xs.start), f64::from(ys.end - ys.start))
    };
    let (x, y) = equal_aspect(x, y, w, h);
    Ok((panel(area, ctx, x, y, true)?, x, y))
}

/// A plane's base layer: an [`equal_panel`] over `x` × `y` with its axes and `title`; returns the
/// frame that maps pointer positions to data.
pub fn draw_plane_base<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, x: (f64, f64), y: (f64, f64), title: &str) -> DrawResult<Frame2, DB> {
    let (mut chart, x, y) = equal_panel(area, ctx, x, y)?;
    let style = AxesStyle { x_ticks: 7, y_ticks: 5, tick_size: 12.0, title_size: 13.0, x_desc: None };
    draw_axes_and_title(&mut chart, &style, title, ctx)?;
    let (x, y) = map_of(&chart, x, y);
    Ok(Frame2 { x, y })
}
