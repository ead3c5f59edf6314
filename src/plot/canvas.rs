//! Canvas plumbing for the browser (wasm only): sizing for the device pixel ratio, clearing, the
//! backend.

use super::{Backend, Layout};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Gives the canvas as many device pixels as it has CSS pixels times the pixel ratio.
/// Returns the new size, or `None` when the canvas is not laid out yet (zero width).
pub fn fit_to_css_box(canvas: &HtmlCanvasElement, layout: &Layout) -> Option<(u32, u32)> {
    let css_width = f64::from(canvas.client_width());
    let css_height = f64::from(canvas.client_height());
    if css_width < 1.0 || css_height < 1.0 {
        return None;
    }
    let (width, height) = (layout.px(css_width), layout.px(css_height));
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    Some((width, height))
}

/// The canvas's 2D context.
pub fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()
}

/// Makes the whole canvas transparent again.
pub fn clear(canvas: &HtmlCanvasElement) {
    if let Some(context) = context_2d(canvas) {
        context.clear_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    }
}

/// A plotters drawing area covering the canvas.
pub fn area(canvas: &HtmlCanvasElement) -> Option<DrawingArea<Backend<'static>, Shift>> {
    CanvasBackend::with_canvas_object(canvas.clone()).map(|backend| Backend::Canvas(backend).into_drawing_area())
}

/// Clears `canvas` and draws a fresh layer on it; a drawing error (or a missing 2D context) as text.
pub fn redraw<T, E: std::fmt::Display>(
    canvas: &HtmlCanvasElement,
    draw: impl FnOnce(&DrawingArea<Backend<'static>, Shift>) -> Result<T, E>,
) -> Result<T, String> {
    clear(canvas);
    let root = area(canvas).ok_or_else(|| "no 2D canvas context".to_string())?;
    draw(&root).map_err(|e| e.to_string())
}
