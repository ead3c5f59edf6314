//! The drawing context every draw function receives: sizes (device pixels), the theme's colours and
//! weights, and the page language for labels. One value, so a figure never wires theme or language
//! itself.

use super::theme::{Palette, SeriesColor, Theme};
use super::Layout;
use crate::i18n::{text, Locale, Text};
use plotters::style::RGBColor;

/// Layout, theme and language of one drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ctx {
    pub layout: Layout,
    pub theme: Theme,
    pub locale: Locale,
}

impl Ctx {
    pub fn new(device_pixel_ratio: f64, theme: Theme, locale: Locale) -> Ctx {
        Ctx { layout: Layout::new(device_pixel_ratio), theme, locale }
    }

    /// The theme's colours.
    pub fn palette(&self) -> &'static Palette {
        self.theme.palette()
    }

    /// A series colour in this theme.
    pub fn series(&self, color: SeriesColor) -> RGBColor {
        self.palette().series(color)
    }

    /// A label in the page language.
    pub fn t(&self, key: Text) -> &'static str {
        text(self.locale, key)
    }

    /// A CSS length in device pixels (for margins, radii, hit targets).
    pub fn px(&self, css: f64) -> u32 {
        self.layout.px(css)
    }

    /// A line width: CSS px × pixel ratio × the theme's line factor.
    pub fn line(&self, css: f64) -> u32 {
        self.layout.px(css * self.theme.line_factor())
    }

    /// A font size in device pixels: CSS px × pixel ratio × the theme's font factor.
    pub fn font(&self, css: f64) -> f64 {
        self.layout.font(css * self.theme.font_factor())
    }

    /// A number as labels show it.
    pub fn number(&self, value: f64, digits: usize) -> String {
        crate::format::number_in(self.locale.numbers(), value, digits)
    }
}
