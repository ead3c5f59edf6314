//! The browser's canvas (wasm only): a plotters backend drawing on a 2D context, and the plumbing
//! around it (sizing for the device pixel ratio, clearing, composing the cached base layer).
//!
//! The backend is ours rather than plotters-canvas's so that a frame asks the canvas for little:
//! colours, widths, fonts and alignments are set only when they change (each set parses a CSS
//! string in the browser), and dashed lines are one stroke with the canvas's own line dash instead
//! of one stroke per dash.

use super::{Backend, Layout};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform};
use std::cell::Cell;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

thread_local! {
    /// The dash pattern (on, off, in device pixels) of the lines being drawn, if any.
    static DASH: Cell<Option<(f64, f64)>> = const { Cell::new(None) };
    /// Whether the drawing in progress is on a canvas (which draws dashes natively).
    static ON_CANVAS: Cell<bool> = const { Cell::new(false) };
    /// The 2D context of the drawing in progress (pixel buffers are put straight on it).
    static CONTEXT: std::cell::RefCell<Option<CanvasRenderingContext2d>> = const { std::cell::RefCell::new(None) };
    /// A canvas off the page that holds a pixel buffer before it is scaled onto the figure.
    static SCRATCH: std::cell::RefCell<Option<HtmlCanvasElement>> = const { std::cell::RefCell::new(None) };
    /// A layer drawn once on a canvas of its own and copied while its key stays ([`cached_layer`]).
    static LAYER: std::cell::RefCell<Option<(u64, HtmlCanvasElement)>> = const { std::cell::RefCell::new(None) };
}

/// Draws `draw` once on a canvas of its own, the size of the canvas being drawn, and copies it onto
/// that canvas — and only copies it while `key` (and the size) stay the same. For what an overlay
/// shows under what moves but a pointer move does not change (the circle plane's heat map and
/// gradient field): one copy per frame instead of rasterising it again. Returns whether it could
/// (off a canvas, or when the canvas refuses, the caller draws the layer itself).
/// One layer is kept: its one user is the plane; a second figure using it would make the two
/// redraw each other's layer on every frame, and would need a slot per figure canvas.
pub fn cached_layer(key: u64, draw: impl FnOnce(&DrawingArea<Backend<'static>, Shift>) -> bool) -> bool {
    let Some(context) = CONTEXT.with(|c| c.borrow().clone()) else { return false };
    let Some(target) = context.canvas() else { return false };
    let size = (target.width(), target.height());
    let kept = LAYER.with(|l| l.borrow_mut().take());
    let layer = match kept {
        Some((k, layer)) if k == key && (layer.width(), layer.height()) == size => layer,
        kept => {
            let Some(layer) = kept.map(|(_, layer)| layer).or_else(|| web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()) else {
                return false;
            };
            // A new size reallocates the canvas (and clears it); the same size is only cleared.
            let same = (layer.width(), layer.height()) == size;
            if !same {
                layer.set_width(size.0);
                layer.set_height(size.1);
            }
            let (Some(root), Some(layer_context)) = (area(&layer), context_2d(&layer)) else { return false };
            if same {
                layer_context.clear_rect(0.0, 0.0, f64::from(size.0), f64::from(size.1));
            }
            // What draws on the layer puts its pixel buffers on the layer, not on the figure.
            CONTEXT.with(|c| *c.borrow_mut() = Some(layer_context));
            let drawn = draw(&root);
            CONTEXT.with(|c| *c.borrow_mut() = Some(context.clone()));
            if !drawn {
                return false;
            }
            layer
        }
    };
    LAYER.with(|l| *l.borrow_mut() = Some((key, layer.clone())));
    context.draw_image_with_html_canvas_element(&layer, 0.0, 0.0).is_ok()
}

/// Puts an RGBA pixel buffer of `size` pixels on the canvas being drawn, scaled (without smoothing:
/// each pixel a sharp block) into the rectangle `to` = (left, top, width, height) in device pixels:
/// one image for a whole heatmap, however many cells it has. Returns whether it could.
pub fn put_pixels(rgba: &[u8], size: (u32, u32), to: (f64, f64, f64, f64)) -> bool {
    let Some(context) = CONTEXT.with(|c| c.borrow().clone()) else { return false };
    let Some(scratch) = SCRATCH.with(|s| {
        let mut slot = s.borrow_mut();
        if slot.is_none() {
            *slot = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok());
        }
        slot.clone()
    }) else {
        return false;
    };
    // The scratch canvas only grows (a resize reallocates it, and one figure may put buffers of
    // several sizes each frame): the buffer goes in its top left corner, and that corner is drawn.
    if scratch.width() < size.0 {
        scratch.set_width(size.0);
    }
    if scratch.height() < size.1 {
        scratch.set_height(size.1);
    }
    let Some(scratch_context) = context_2d(&scratch) else { return false };
    let Ok(image) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(rgba), size.0, size.1) else { return false };
    if scratch_context.put_image_data(&image, 0.0, 0.0).is_err() {
        return false;
    }
    context.set_image_smoothing_enabled(false);
    let (w, h) = (f64::from(size.0), f64::from(size.1));
    let done = context.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(&scratch, 0.0, 0.0, w, h, to.0, to.1, to.2, to.3).is_ok();
    context.set_image_smoothing_enabled(true);
    done
}

/// Whether the drawing in progress is on a canvas (which draws dashes natively, see [`with_dash`]).
pub fn on_canvas() -> bool {
    ON_CANVAS.with(Cell::get)
}

/// Runs `draw` with the canvas's lines dashed `on`/`off` (device pixels).
pub fn with_dash<R>(on: f64, off: f64, draw: impl FnOnce() -> R) -> R {
    DASH.with(|d| d.set(Some((on, off))));
    let result = draw();
    DASH.with(|d| d.set(None));
    result
}

/// A canvas's error, as text.
#[derive(Debug)]
pub struct CanvasError(pub String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasError {}

/// What the 2D context is set to, so nothing is set twice.
#[derive(Default)]
struct Current {
    stroke: Option<(BackendColor, u32)>,
    fill: Option<BackendColor>,
    font: String,
    align: &'static str,
    baseline: &'static str,
    dashed: bool,
}

/// A plotters backend on a canvas's 2D context.
pub struct CanvasDraw {
    context: CanvasRenderingContext2d,
    size: (u32, u32),
    current: Current,
    /// A path's vertices and which of them to keep (reused from path to path).
    vertices: Vec<(f64, f64)>,
    kept: Vec<bool>,
}

fn css(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    if color.alpha >= 1.0 {
        format!("rgb({r},{g},{b})")
    } else {
        format!("rgba({r},{g},{b},{})", color.alpha)
    }
}

/// A text style as a CSS font.
fn css_font<T: BackendTextStyle>(style: &T) -> String {
    format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str())
}

fn same(a: BackendColor, b: BackendColor) -> bool {
    a.rgb == b.rgb && a.alpha == b.alpha
}

impl CanvasDraw {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<CanvasDraw> {
        let context = context_2d(canvas)?;
        // The context keeps its line dash from the last drawing: start solid, as `current` says.
        let _ = context.set_line_dash(&js_sys::Array::new());
        Some(CanvasDraw { context, size: (canvas.width(), canvas.height()), current: Current::default(), vertices: Vec::new(), kept: Vec::new() })
    }

    fn stroke_style(&mut self, color: BackendColor, width: u32) {
        if !self.current.stroke.is_some_and(|(c, w)| same(c, color) && w == width) {
            self.context.set_stroke_style_str(&css(color));
            self.context.set_line_width(f64::from(width));
            self.current.stroke = Some((color, width));
        }
        let dash = DASH.with(Cell::get);
        if dash.is_some() || self.current.dashed {
            let pattern = js_sys::Array::new();
            if let Some((on, off)) = dash {
                pattern.push(&on.into());
                pattern.push(&off.into());
            }
            let _ = self.context.set_line_dash(&pattern);
            self.current.dashed = dash.is_some();
        }
    }

    /// Begins a path through `points` (shifted by `nudge`), without the vertices that would not
    /// show (see [`simplify`](super::simplify)). Returns whether there was any point.
    fn trace<I: IntoIterator<Item = BackendCoord>>(&mut self, points: I, nudge: f64) -> bool {
        self.vertices.clear();
        self.vertices.extend(points.into_iter().map(|(x, y)| (f64::from(x) + nudge, f64::from(y) + nudge)));
        if self.vertices.is_empty() {
            return false;
        }
        super::simplify::keep(&self.vertices, super::simplify::TOLERANCE_PX, &mut self.kept);
        self.context.begin_path();
        let (x, y) = self.vertices[0];
        self.context.move_to(x, y);
        for i in 1..self.vertices.len() {
            if self.kept[i] {
                let (x, y) = self.vertices[i];
                self.context.line_to(x, y);
            }
        }
        true
    }

    fn fill_style(&mut self, color: BackendColor) {
        if !self.current.fill.is_some_and(|c| same(c, color)) {
            self.context.set_fill_style_str(&css(color));
            self.current.fill = Some(color);
        }
    }
}

type Result2<T = ()> = Result<T, DrawingErrorKind<CanvasError>>;

impl DrawingBackend for CanvasDraw {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    /// Measured by the context (plotters' own estimate would lay out a DOM element).
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        // save/restore: the context's font stays what `current` says.
        self.context.save();
        self.context.set_font(&css_font(style));
        let width = self.context.measure_text(text).map_or(0.0, |m| m.width());
        self.context.restore();
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }

    fn ensure_prepared(&mut self) -> Result2 {
        Ok(())
    }

    fn present(&mut self) -> Result2 {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result2 {
        if color.alpha > 0.0 {
            self.fill_style(color);
            self.context.fill_rect(f64::from(point.0), f64::from(point.1), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result2 {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Result2 {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let (w, h) = (f64::from(bottom_right.0 - upper_left.0), f64::from(bottom_right.1 - upper_left.1));
        if fill {
            self.fill_style(color);
            self.context.fill_rect(x, y, w, h);
        } else {
            self.stroke_style(color, style.stroke_width());
            self.context.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result2 {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        // A horizontal or vertical 1-pixel line on a half pixel is crisp instead of blurred.
        let nudge = if style.stroke_width() % 2 == 1 { 0.5 } else { 0.0 };
        if !self.trace(path, nudge) {
            return Ok(());
        }
        self.stroke_style(color, style.stroke_width());
        self.context.stroke();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result2 {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.context.begin_path();
        let _ = self.context.arc(f64::from(center.0), f64::from(center.1), f64::from(radius), 0.0, std::f64::consts::TAU);
        if fill {
            self.fill_style(color);
            self.context.fill();
        } else {
            self.stroke_style(color, style.stroke_width());
            self.context.stroke();
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result2 {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        if !self.trace(vert, 0.0) {
            return Ok(());
        }
        self.fill_style(color);
        self.context.close_path();
        self.context.fill();
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result2 {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let angle = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.25,
            FontTransform::Rotate180 => 0.5,
            FontTransform::Rotate270 => 0.75,
        } * std::f64::consts::TAU;
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        if angle != 0.0 {
            self.context.save();
            let _ = self.context.translate(x, y);
            let _ = self.context.rotate(angle);
            (x, y) = (0.0, 0.0);
        }
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        let font = css_font(style);
        // save/restore around a rotation resets the context: forget what was set.
        if angle != 0.0 || self.current.baseline != baseline {
            self.context.set_text_baseline(baseline);
            self.current.baseline = baseline;
        }
        if angle != 0.0 || self.current.align != align {
            self.context.set_text_align(align);
            self.current.align = align;
        }
        if angle != 0.0 || self.current.font != font {
            self.context.set_font(&font);
            self.current.font = font;
        }
        if angle != 0.0 {
            self.current.fill = None;
        }
        self.fill_style(color);
        let _ = self.context.fill_text(text, x, y);
        if angle != 0.0 {
            self.context.restore();
            self.current = Current::default();
        }
        Ok(())
    }
}

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

/// A plotters drawing area covering the canvas.
pub fn area(canvas: &HtmlCanvasElement) -> Option<DrawingArea<Backend<'static>, Shift>> {
    CanvasDraw::new(canvas).map(|backend| Backend::Canvas(backend).into_drawing_area())
}

/// Draws on a fresh canvas area, with native dashes available.
fn draw_on<T, E: std::fmt::Display>(
    canvas: &HtmlCanvasElement,
    draw: impl FnOnce(&DrawingArea<Backend<'static>, Shift>) -> Result<T, E>,
) -> Result<T, String> {
    let root = area(canvas).ok_or_else(|| "no 2D canvas context".to_string())?;
    ON_CANVAS.with(|c| c.set(true));
    CONTEXT.with(|c| *c.borrow_mut() = context_2d(canvas));
    let result = draw(&root).map_err(|e| e.to_string());
    CONTEXT.with(|c| *c.borrow_mut() = None);
    ON_CANVAS.with(|c| c.set(false));
    result
}

/// Clears `canvas` and draws a fresh layer on it; a drawing error (or a missing 2D context) as text.
pub fn redraw<T, E: std::fmt::Display>(
    canvas: &HtmlCanvasElement,
    draw: impl FnOnce(&DrawingArea<Backend<'static>, Shift>) -> Result<T, E>,
) -> Result<T, String> {
    let context = context_2d(canvas).ok_or_else(|| "no 2D canvas context".to_string())?;
    context.clear_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    draw_on(canvas, draw)
}

/// Clears `canvas`, copies `under` onto it (the cached base layer) and draws the overlay on top: the
/// page shows one composited canvas per figure canvas (the base canvas stays out of compositing),
/// which halves what the browser uploads per frame.
pub fn redraw_over<T, E: std::fmt::Display>(
    canvas: &HtmlCanvasElement,
    under: &HtmlCanvasElement,
    draw: impl FnOnce(&DrawingArea<Backend<'static>, Shift>) -> Result<T, E>,
) -> Result<T, String> {
    let context = context_2d(canvas).ok_or_else(|| "no 2D canvas context".to_string())?;
    context.clear_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    if under.width() == canvas.width() && under.height() == canvas.height() {
        let _ = context.draw_image_with_html_canvas_element(under, 0.0, 0.0);
    }
    draw_on(canvas, draw)
}
