//! Drawing with plotters, generic over the backend: the browser draws on a canvas, tests draw to SVG.
//! No Leptos import. Each figure draws in two layers:
//! * the **base** layer (axes, grid, tick labels, titles) — drawn only when the size, the pixel
//!   ratio or the axis ranges change, and cached on its own canvas;
//! * the **overlay** (curves, bands, the pointer) — redrawn on every parameter change, on a
//!   transparent canvas stacked above the base.
//!
//! Both layers lay out their charts with the same [`Layout`], so their coordinates agree exactly.

pub mod clip;
pub(crate) mod panel;
pub mod impurity;
pub mod lab;
pub mod regression;
#[cfg(target_arch = "wasm32")]
pub mod canvas;

use crate::state::CurveId;
use plotters::style::RGBColor;

/// Colours of one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub text: RGBColor,
    pub axis: RGBColor,
    pub grid: RGBColor,
    pub band: RGBColor,
    pub pointer: RGBColor,
}

impl Palette {
    pub const LIGHT: Palette = Palette {
        text: RGBColor(0x22, 0x22, 0x22),
        axis: RGBColor(0x55, 0x55, 0x55),
        grid: RGBColor(0xe4, 0xe4, 0xe4),
        band: RGBColor(0x00, 0x9e, 0x73),
        pointer: RGBColor(0x44, 0x44, 0x44),
    };

    /// A curve's colour (Okabe–Ito, distinguishable with colour-vision deficiencies).
    pub fn curve(id: CurveId) -> RGBColor {
        match id {
            CurveId::Me => RGBColor(0x6b, 0x6b, 0x6b),
            CurveId::Mse => RGBColor(0x00, 0x72, 0xb2),
            CurveId::Mae => RGBColor(0xd5, 0x5e, 0x00),
            CurveId::Rmse => RGBColor(0xcc, 0x79, 0xa7),
            CurveId::Huber => RGBColor(0x00, 0x9e, 0x73),
            CurveId::SmoothL1 => RGBColor(0xe6, 0x9f, 0x00),
            CurveId::LogCosh => RGBColor(0x56, 0xb4, 0xe9),
        }
    }

    /// The same colour as a CSS string, for legends drawn in HTML.
    pub fn css(color: RGBColor) -> String {
        format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
    }
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
#[derive(Debug, Clone, Copy, PartialEq)]
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
}

impl AxisMap {
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
