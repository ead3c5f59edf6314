//! How one data series looks: an Okabe–Ito colour plus a dash pattern and a marker, so that curves
//! stay apart in grey print, on a washed-out projector and for colour-blind readers. The legend
//! swatches in the page draw the same pattern ([`Series::swatch_svg`]).

use super::clip::clip_to_y;
use super::ctx::Ctx;
use super::panel::{Chart, DrawResult};
use super::shapes::{dashed, dot, glyph, line, stroke};
use super::theme::SeriesColor;
use plotters::prelude::*;

/// A line's dash pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dash {
    Solid,
    /// Long dashes.
    Dashed,
    /// Short dashes.
    Dotted,
}

/// A marker drawn along a line at even intervals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    None,
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
}

/// Colour, dash and marker of one series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Series {
    pub color: SeriesColor,
    pub dash: Dash,
    pub marker: Marker,
}

impl Series {
    pub const fn new(color: SeriesColor, dash: Dash, marker: Marker) -> Series {
        Series { color, dash, marker }
    }

    /// A small inline SVG of the series' line for HTML legends (colour from the page's CSS
    /// variables, so it follows the theme).
    pub fn swatch_svg(&self) -> String {
        let dash = match self.dash {
            Dash::Solid => "",
            Dash::Dashed => " stroke-dasharray=\"6 3\"",
            Dash::Dotted => " stroke-dasharray=\"2 2\"",
        };
        let color = self.color.css_var();
        let marker = match self.marker {
            Marker::None => String::new(),
            Marker::Circle => format!("<circle cx=\"12\" cy=\"5\" r=\"3\" fill=\"{color}\"/>"),
            Marker::Square => format!("<rect x=\"9.5\" y=\"2.5\" width=\"5\" height=\"5\" fill=\"{color}\"/>"),
            Marker::Triangle => format!("<path d=\"M12 1.5 L15.5 8 L8.5 8 Z\" fill=\"{color}\"/>"),
            Marker::Diamond => format!("<path d=\"M12 1 L16 5 L12 9 L8 5 Z\" fill=\"{color}\"/>"),
            Marker::Cross => format!("<path d=\"M9 2 L15 8 M15 2 L9 8\" stroke=\"{color}\" stroke-width=\"1.6\"/>"),
        };
        format!(
            "<svg class=\"swatch-line\" viewBox=\"0 0 24 10\" width=\"24\" height=\"10\" aria-hidden=\"true\">\
             <line x1=\"1\" y1=\"5\" x2=\"23\" y2=\"5\" stroke=\"{color}\" stroke-width=\"2.5\"{dash}/>{marker}</svg>"
        )
    }
}

/// Draws a sampled curve in its series style, cut where it leaves the panel's y range, with its
/// markers every `marker_every` samples (offset per series so markers of overlapping curves do not
/// hide each other).
pub fn draw_curve<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    points: &[(f64, f64)],
    y: (f64, f64),
    series: &Series,
    width_css: f64,
    ctx: &Ctx,
) -> DrawResult<(), DB> {
    let color = ctx.series(series.color);
    let style = color.stroke_width(ctx.line(width_css));
    for run in clip_to_y(points, y.0, y.1) {
        match series.dash {
            Dash::Solid => line(chart, run, style)?,
            Dash::Dashed | Dash::Dotted => {
                let (on, off) = if series.dash == Dash::Dashed { (9.0, 5.0) } else { (3.0, 4.0) };
                dashed(chart, run, ctx.line(on) as i32, ctx.line(off) as i32, style)?;
            }
        }
    }
    if series.marker != Marker::None {
        let every = (points.len() / 8).max(1);
        let offset = (series.color as usize * every / 8) % every;
        let inside = points.iter().skip(offset).step_by(every).filter(|(_, v)| v.is_finite() && (y.0..=y.1).contains(v));
        let size = ctx.line(4.0) as i32;
        for &at in inside {
            draw_marker(chart, at, series.marker, size, color, ctx)?;
        }
    }
    Ok(())
}

/// One marker at a data point.
pub fn draw_marker<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    at: (f64, f64),
    marker: Marker,
    size: i32,
    color: RGBColor,
    ctx: &Ctx,
) -> DrawResult<(), DB> {
    let fill = color.filled();
    let s = size;
    match marker {
        Marker::None => Ok(()),
        Marker::Circle => dot(chart, at, s, fill),
        Marker::Square => glyph(chart, at, vec![(-s, -s), (s, -s), (s, s), (-s, s)], fill),
        Marker::Triangle => glyph(chart, at, vec![(0, -s - 1), (s + 1, s), (-s - 1, s)], fill),
        Marker::Diamond => glyph(chart, at, vec![(0, -s - 1), (s + 1, 0), (0, s + 1), (-s - 1, 0)], fill),
        Marker::Cross => {
            let width = color.stroke_width(ctx.line(2.0));
            stroke(chart, at, (-s, -s), (s, s), width)?;
            stroke(chart, at, (-s, s), (s, -s), width)
        }
    }
}
