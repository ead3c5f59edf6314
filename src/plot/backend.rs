//! One drawing backend for every target a figure is drawn on — the browser's canvas and SVG (the
//! export, and the native tests) — so each figure's draw functions, generic over `DrawingBackend`, are
//! compiled once for the page instead of once per backend (a smaller wasm). Every call is handed to
//! the backend inside, unchanged.

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// A canvas (in the browser) or an SVG document.
pub enum Backend<'a> {
    Svg(SVGBackend<'a>),
    #[cfg(target_arch = "wasm32")]
    Canvas(super::canvas::CanvasDraw),
}

/// A backend's error, as text.
#[derive(Debug)]
pub struct BackendError(pub String);

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BackendError {}

/// A backend's own error as one fixed sentence: its wording (the canvas's JS exception, or SVG's
/// `std::io::Error`, whose messages would pull every I/O error text into the wasm) tells a reader
/// nothing more.
fn convert<E: std::error::Error + Send + Sync + 'static>(error: DrawingErrorKind<E>) -> DrawingErrorKind<BackendError> {
    match error {
        DrawingErrorKind::DrawingError(_) => DrawingErrorKind::DrawingError(BackendError("the drawing backend failed".to_string())),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Runs the same call on whichever backend is inside.
macro_rules! each {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Backend::Svg($b) => $call.map_err(convert),
            #[cfg(target_arch = "wasm32")]
            Backend::Canvas($b) => $call.map_err(convert),
        }
    };
}

impl DrawingBackend for Backend<'_> {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Backend::Svg(b) => b.get_size(),
            #[cfg(target_arch = "wasm32")]
            Backend::Canvas(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<BackendError>> {
        each!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<BackendError>> {
        each!(self, b => b.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<BackendError>> {
        each!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<BackendError>> {
        each!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        each!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<BackendError>> {
        each!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        each!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<BackendError>> {
        each!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<(), DrawingErrorKind<BackendError>> {
        each!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<BackendError>> {
        match self {
            // An SVG has no text metrics: a Latin character is taken as 0.55 em, any other as 1 em
            // (plotters' own estimate would lay out a DOM element per call in the browser).
            Backend::Svg(_) => {
                let ems: f64 = text.chars().map(|c| if c.is_ascii() { 0.55 } else { 1.0 }).sum();
                Ok(((ems * style.size()).ceil() as u32, style.size().ceil() as u32))
            }
            #[cfg(target_arch = "wasm32")]
            Backend::Canvas(b) => b.estimate_text_size(text, style).map_err(convert),
        }
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), DrawingErrorKind<BackendError>> {
        each!(self, b => b.blit_bitmap(pos, size, src))
    }
}
