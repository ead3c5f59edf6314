//! The three themes — light, dark and projector — as the colours and weights every draw function
//! reads from its [`super::Ctx`]. Series colours are the Okabe–Ito palette (distinguishable with
//! colour-vision deficiencies); every series also differs by dash or marker ([`super::series`]), so
//! no figure relies on colour alone. The page's CSS defines the same colours (`--c-blue`, …) for
//! legends and swatches.

use plotters::style::RGBColor;

/// A theme of the figures (the page's "auto" setting resolves to light or dark).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// High contrast, thick lines and large type, for a classroom projector.
    Projector,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Projector];

    /// The name used in `data-theme`, the URL and local storage.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Projector => "projector",
        }
    }

    pub fn from_key(key: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.key() == key)
    }

    /// The theme's colours.
    pub fn palette(self) -> &'static Palette {
        match self {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
            Theme::Projector => &PROJECTOR,
        }
    }

    /// Line widths are multiplied by this.
    pub fn line_factor(self) -> f64 {
        match self {
            Theme::Projector => 1.8,
            _ => 1.0,
        }
    }

    /// Font sizes are multiplied by this.
    pub fn font_factor(self) -> f64 {
        match self {
            Theme::Projector => 1.35,
            _ => 1.0,
        }
    }
}

/// The colour of a data series, named by its Okabe–Ito hue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeriesColor {
    Grey,
    Blue,
    Vermillion,
    Purple,
    Green,
    Orange,
    Sky,
    Yellow,
}

impl SeriesColor {
    pub const ALL: [SeriesColor; 8] = [
        SeriesColor::Grey,
        SeriesColor::Blue,
        SeriesColor::Vermillion,
        SeriesColor::Purple,
        SeriesColor::Green,
        SeriesColor::Orange,
        SeriesColor::Sky,
        SeriesColor::Yellow,
    ];

    /// The CSS custom property the page defines for it in every theme (`var(--c-blue)`).
    pub fn css_var(self) -> &'static str {
        match self {
            SeriesColor::Grey => "var(--c-grey)",
            SeriesColor::Blue => "var(--c-blue)",
            SeriesColor::Vermillion => "var(--c-vermillion)",
            SeriesColor::Purple => "var(--c-purple)",
            SeriesColor::Green => "var(--c-green)",
            SeriesColor::Orange => "var(--c-orange)",
            SeriesColor::Sky => "var(--c-sky)",
            SeriesColor::Yellow => "var(--c-yellow)",
        }
    }

    fn index(self) -> usize {
        SeriesColor::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

/// Colours of one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// The figure's background (exports are painted on it; on screen the page shows through).
    pub background: RGBColor,
    pub text: RGBColor,
    pub axis: RGBColor,
    pub grid: RGBColor,
    /// Shaded regions (the Huber band).
    pub band: RGBColor,
    /// Pointer guides.
    pub pointer: RGBColor,
    /// The selected item's highlight.
    pub selected: RGBColor,
    /// Data points' fill and their outline.
    pub point: RGBColor,
    pub point_outline: RGBColor,
    /// How strongly shaded regions are tinted (0–1).
    pub band_alpha: f64,
    series: [RGBColor; 8],
}

impl Palette {
    /// A series colour in this theme.
    pub fn series(&self, color: SeriesColor) -> RGBColor {
        self.series[color.index()]
    }
}

/// Okabe–Ito on white; the grey stands in for its black.
pub const LIGHT: Palette = Palette {
    background: RGBColor(0xff, 0xff, 0xff),
    text: RGBColor(0x22, 0x22, 0x22),
    axis: RGBColor(0x55, 0x55, 0x55),
    grid: RGBColor(0xe4, 0xe4, 0xe4),
    band: RGBColor(0x00, 0x9e, 0x73),
    pointer: RGBColor(0x44, 0x44, 0x44),
    selected: RGBColor(0xc0, 0x1c, 0x28),
    point: RGBColor(0x22, 0x22, 0x22),
    point_outline: RGBColor(0xff, 0xff, 0xff),
    band_alpha: 0.10,
    series: [
        RGBColor(0x6b, 0x6b, 0x6b),
        RGBColor(0x00, 0x72, 0xb2),
        RGBColor(0xd5, 0x5e, 0x00),
        RGBColor(0xcc, 0x79, 0xa7),
        RGBColor(0x00, 0x9e, 0x73),
        RGBColor(0xe6, 0x9f, 0x00),
        RGBColor(0x56, 0xb4, 0xe9),
        RGBColor(0xf0, 0xe4, 0x42),
    ],
};

/// The same hues on a dark background; the blue and the grey are lifted so they stay visible.
pub const DARK: Palette = Palette {
    background: RGBColor(0x16, 0x18, 0x1d),
    text: RGBColor(0xe6, 0xe6, 0xe6),
    axis: RGBColor(0xa8, 0xa8, 0xa8),
    grid: RGBColor(0x33, 0x36, 0x3d),
    band: RGBColor(0x2b, 0xc4, 0x97),
    pointer: RGBColor(0xc8, 0xc8, 0xc8),
    selected: RGBColor(0xff, 0x6b, 0x6b),
    point: RGBColor(0xee, 0xee, 0xee),
    point_outline: RGBColor(0x16, 0x18, 0x1d),
    band_alpha: 0.16,
    series: [
        RGBColor(0xb0, 0xb0, 0xb0),
        RGBColor(0x4d, 0xa6, 0xe8),
        RGBColor(0xf0, 0x7a, 0x2a),
        RGBColor(0xe0, 0x9a, 0xc6),
        RGBColor(0x2b, 0xc4, 0x97),
        RGBColor(0xf2, 0xb8, 0x2e),
        RGBColor(0x7c, 0xc8, 0xf0),
        RGBColor(0xf0, 0xe4, 0x42),
    ],
};

/// Black on white at full contrast: pure Okabe–Ito hues, a darker grid, black text.
pub const PROJECTOR: Palette = Palette {
    background: RGBColor(0xff, 0xff, 0xff),
    text: RGBColor(0x00, 0x00, 0x00),
    axis: RGBColor(0x00, 0x00, 0x00),
    grid: RGBColor(0xc8, 0xc8, 0xc8),
    band: RGBColor(0x00, 0x9e, 0x73),
    pointer: RGBColor(0x00, 0x00, 0x00),
    selected: RGBColor(0xc0, 0x00, 0x00),
    point: RGBColor(0x00, 0x00, 0x00),
    point_outline: RGBColor(0xff, 0xff, 0xff),
    band_alpha: 0.16,
    series: [
        RGBColor(0x40, 0x40, 0x40),
        RGBColor(0x00, 0x60, 0xa0),
        RGBColor(0xc8, 0x4a, 0x00),
        RGBColor(0xb8, 0x4f, 0x90),
        RGBColor(0x00, 0x86, 0x60),
        RGBColor(0xd0, 0x88, 0x00),
        RGBColor(0x2f, 0x9a, 0xd8),
        RGBColor(0xc8, 0xb8, 0x00),
    ],
};

/// A colour as CSS (`#rrggbb`).
pub fn css(color: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}
