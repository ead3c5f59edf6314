//! Drawing with plotters, generic over the backend: the browser draws on a canvas, exports and tests
//! draw to SVG. No Leptos import, no figure or chapter import: a draw function gets a drawing area,
//! a [`Ctx`] (sizes, theme, language) and plain data. Each figure draws in two layers:
//! * the **base** layer (axes, grid, tick labels, titles) — drawn only when the size, the pixel
//!   ratio, the theme, the language or the axis ranges change, and cached on its own canvas;
//! * the **overlay** (curves, bands, points, the pointer) — redrawn on every change, on a transparent
//!   canvas stacked above the base.
//!
//! Both layers lay out their charts with the same [`panel::panel`], so their coordinates agree exactly.

pub mod backend;
pub mod bars;
pub mod clip;
pub mod ctx;
pub mod curves;
pub mod geometry;
pub mod heatmap;
pub mod plane;
pub mod panel;
pub mod series;
pub mod shapes;
pub mod simplify;
pub mod theme;
#[cfg(target_arch = "wasm32")]
pub mod canvas;

pub use backend::Backend;
pub use ctx::Ctx;
pub use series::{Dash, Marker, Series};
pub use theme::{Palette, SeriesColor, Theme};

/// The sans-serif font at `size` device pixels. Named by its family, not by the string
/// "sans-serif": plotters reads a family string through `str::to_lowercase`, whose Unicode tables
/// would otherwise weigh about 5 KB gzip in the wasm.
pub fn font(size: f64) -> plotters::style::FontDesc<'static> {
    plotters::style::FontDesc::new(plotters::style::FontFamily::SansSerif, size, plotters::style::FontStyle::Normal)
}

/// Sizes in device pixels: CSS sizes times the device pixel ratio, so canvases stay sharp.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// Device pixels per CSS pixel (window.devicePixelRatio), at least 1.
    pub scale: f64,
}

impl Layout {
    pub fn new(device_pixel_ratio: f64) -> Layout {
        let scale = if device_pixel_ratio.is_finite() { device_pixel_ratio.clamp(1.0, 4.0) } else { 1.0 };
        Layout { scale }
    }

    /// A CSS length in device pixels.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }

    pub fn font(&self, css: f64) -> f64 {
        css * self.scale
    }
}

/// Maps between device pixels and data coordinates along one axis of a drawn chart.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AxisMap {
    pub pixels: (i32, i32),
    pub data: (f64, f64),
}

impl AxisMap {
    /// The data coordinate at pixel `px`, or `None` outside the plotting area.
    pub fn data_at(&self, px: f64) -> Option<f64> {
        let (p0, p1) = (f64::from(self.pixels.0), f64::from(self.pixels.1));
        if !px.is_finite() || p1 <= p0 || px < p0 || px > p1 {
            return None;
        }
        Some(self.data.0 + (px - p0) / (p1 - p0) * (self.data.1 - self.data.0))
    }

    /// The data coordinate at pixel `px`, clamped to the axis ends (for drags that leave the plot);
    /// `None` only for a non-finite `px` or a degenerate axis.
    pub fn data_at_clamped(&self, px: f64) -> Option<f64> {
        let (p0, p1) = (f64::from(self.pixels.0), f64::from(self.pixels.1));
        if !px.is_finite() || p1 <= p0 {
            return None;
        }
        self.data_at(px.clamp(p0, p1))
    }

    /// The pixel of data coordinate `value` (outside the axis, a pixel outside the plotting area).
    pub fn pixel_of(&self, value: f64) -> f64 {
        let (p0, p1) = (f64::from(self.pixels.0), f64::from(self.pixels.1));
        let span = self.data.1 - self.data.0;
        if span == 0.0 {
            return p0;
        }
        p0 + (value - self.data.0) / span * (p1 - p0)
    }
}

/// A 2-D frame: the x and y maps of one panel, for mapping pointer positions to data and back.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Frame2 {
    pub x: AxisMap,
    pub y: AxisMap,
}

impl Frame2 {
    /// A data point's pixel position.
    pub fn to_pixels(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (self.x.pixel_of(x), self.y.pixel_of(y))
    }

    /// The data point at a pixel position inside the plotting area, or `None`.
    pub fn to_data(&self, (px, py): (f64, f64)) -> Option<(f64, f64)> {
        Some((self.x.data_at(px)?, self.y.data_at(py)?))
    }

    /// The data point at a pixel position, clamped into the plot (so a drag past the edge pins the
    /// point to the edge).
    pub fn to_data_clamped(&self, (px, py): (f64, f64)) -> Option<(f64, f64)> {
        Some((self.x.data_at_clamped(px)?, self.y.data_at_clamped(py)?))
    }
}

/// An SVG document of `size` device pixels drawn by `draw` (the export, and the native tests).
pub fn to_svg<E: std::fmt::Display>(
    size: (u32, u32),
    draw: impl FnOnce(&plotters::drawing::DrawingArea<Backend<'_>, plotters::coord::Shift>) -> Result<(), E>,
) -> Result<String, String> {
    use plotters::prelude::IntoDrawingArea;
    let mut svg = String::new();
    {
        let root = Backend::Svg(plotters::prelude::SVGBackend::with_string(&mut svg, size)).into_drawing_area();
        draw(&root).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}
