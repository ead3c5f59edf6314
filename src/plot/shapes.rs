//! The few shapes every figure draws, each through one non-generic call of plotters' `draw_series`.
//! plotters instantiates its whole drawing pipeline for every distinct element and iterator type a
//! caller passes; figures that draw only through these helpers share one copy of it, which keeps
//! each new figure's code (and the wasm) small.

use super::panel::{Chart, DrawResult};
use plotters::element::DashedPathElement;
use plotters::prelude::*;

/// A polyline through `points` (data coordinates).
pub fn line<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, points: Vec<(f64, f64)>, style: ShapeStyle) -> DrawResult<(), DB> {
    chart.draw_series(std::iter::once(PathElement::new(points, style)))?;
    Ok(())
}

/// A dashed polyline: dashes of `on` pixels, gaps of `off` pixels. On a canvas, one stroke with the
/// canvas's line dash; elsewhere (SVG), one segment per dash.
pub fn dashed<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, points: Vec<(f64, f64)>, on: i32, off: i32, style: ShapeStyle) -> DrawResult<(), DB> {
    #[cfg(target_arch = "wasm32")]
    if super::canvas::on_canvas() {
        return super::canvas::with_dash(f64::from(on), f64::from(off), || line(chart, points, style));
    }
    chart.draw_series(std::iter::once(DashedPathElement::new(points, on, off, style)))?;
    Ok(())
}

/// A circle of `radius` pixels at `at` (filled or outlined, as `style` says).
pub fn dot<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, at: (f64, f64), radius: i32, style: ShapeStyle) -> DrawResult<(), DB> {
    chart.draw_series(std::iter::once(Circle::new(at, radius, style)))?;
    Ok(())
}

/// A rectangle between two corners (data coordinates).
pub fn rect<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, from: (f64, f64), to: (f64, f64), style: ShapeStyle) -> DrawResult<(), DB> {
    chart.draw_series(std::iter::once(Rectangle::new([from, to], style)))?;
    Ok(())
}

/// A polygon through `points` (data coordinates), filled or outlined as `style` says.
pub fn polygon<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, points: Vec<(f64, f64)>, style: ShapeStyle) -> DrawResult<(), DB> {
    chart.draw_series(std::iter::once(Polygon::new(points, style)))?;
    Ok(())
}

/// A polygon around `at` with vertices given as pixel offsets from it (markers, arrow heads).
pub fn glyph<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, at: (f64, f64), offsets: Vec<(i32, i32)>, style: ShapeStyle) -> DrawResult<(), DB> {
    chart.draw_series(std::iter::once(EmptyElement::at(at) + Polygon::new(offsets, style)))?;
    Ok(())
}

/// A line segment between two pixel offsets from `at` (crosses, arrow shafts of a fixed length).
pub fn stroke<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, at: (f64, f64), from: (i32, i32), to: (i32, i32), style: ShapeStyle) -> DrawResult<(), DB> {
    chart.draw_series(std::iter::once(EmptyElement::at(at) + PathElement::new(vec![from, to], style)))?;
    Ok(())
}

/// A vertical line across the panel at x.
pub fn vertical<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, x: f64, y: (f64, f64), style: ShapeStyle) -> DrawResult<(), DB> {
    line(chart, vec![(x, y.0), (x, y.1)], style)
}

/// A horizontal line across the panel at y.
pub fn horizontal<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, y: f64, x: (f64, f64), style: ShapeStyle) -> DrawResult<(), DB> {
    line(chart, vec![(x.0, y), (x.1, y)], style)
}

/// An arrow from `from` to `to` (data coordinates) with a head of `head` pixels; nothing when the
/// two ends are less than a pixel apart.
pub fn arrow<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, from: (f64, f64), to: (f64, f64), head: f64, style: ShapeStyle) -> DrawResult<(), DB> {
    let (a, b) = (chart.as_coord_spec().translate(&from), chart.as_coord_spec().translate(&to));
    let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
    let length = (dx * dx + dy * dy).sqrt();
    if !(length >= 1.0) {
        return Ok(());
    }
    line(chart, vec![from, to], style)?;
    let (ux, uy) = (dx / length, dy / length);
    let h = head.min(length * 0.6);
    let corner = |side: f64| ((-ux * h - side * uy * h * 0.5).round() as i32, (-uy * h + side * ux * h * 0.5).round() as i32);
    glyph(chart, to, vec![(0, 0), corner(1.0), corner(-1.0)], style.color.filled())
}

/// A text at `at` (data coordinates), its top-left corner `offset` pixels away, `size` CSS px high.
pub fn label<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, at: (f64, f64), offset: (i32, i32), text: &str, size: f64, color: RGBColor) -> DrawResult<(), DB> {
    let font = crate::plot::font(size).color(&color);
    chart.draw_series(std::iter::once(EmptyElement::at(at) + Text::new(text.to_string(), offset, font)))?;
    Ok(())
}
