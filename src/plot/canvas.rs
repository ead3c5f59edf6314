//! Canvas plumbing for the browser (wasm only): sizing for the device pixel ratio, clearing, the backend.

use super::Layout;
use plotters::prelude::*;
use plotters::coord::Shift;
use plotters_canvas::CanvasBackend;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use wasm_bindgen::JsCast;

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

fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()
}

/// Makes the whole canvas transparent again.
pub fn clear(canvas: &HtmlCanvasElement) {
    if let Some(context) = context_2d(canvas) {
        context.clear_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    }
}

/// A plotters drawing area covering the canvas.
pub fn area(canvas: &HtmlCanvasElement) -> Option<DrawingArea<CanvasBackend, Shift>> {
    CanvasBackend::with_canvas_object(canvas.clone()).map(IntoDrawingArea::into_drawing_area)
}

/// Sizes every canvas to its CSS box; `false` while any of them is not laid out yet.
pub fn fit_all(canvases: &[&HtmlCanvasElement], layout: &Layout) -> bool {
    canvases.iter().all(|canvas| fit_to_css_box(canvas, layout).is_some())
}

/// Clears `canvas` and draws a fresh layer on it; a drawing error (or a missing 2D context) as text.
pub fn redraw<T, E: std::fmt::Display>(
    canvas: &HtmlCanvasElement,
    draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>) -> Result<T, E>,
) -> Result<T, String> {
    clear(canvas);
    let root = area(canvas).ok_or_else(|| "no 2D canvas context".to_string())?;
    draw(&root).map_err(|e| e.to_string())
}
