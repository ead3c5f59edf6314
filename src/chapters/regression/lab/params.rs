//! The lab's parameters and their URL form: `lab.delta`, `lab.preset`, and `lab.pts=x:y,…` once the
//! points differ from the preset's (links made before prefixes: `lab_delta`, `lab`, `pts`).

use crate::figure::points::{read_list, write_list, Field, PointList};
use crate::figure::query::{FigureQuery, LogRange, QueryWriter, Scale, UrlState};
use crate::figure::{params_from, query_of, Query};

/// The data sets the lab can start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabPreset {
    /// Twelve points scattered around a line (deterministic pseudo-random noise).
    Line,
    /// The same twelve points, but the right-most one moved far below the others.
    Outlier,
}

impl LabPreset {
    pub const ALL: [LabPreset; 2] = [LabPreset::Line, LabPreset::Outlier];

    /// The short name used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            LabPreset::Line => "line",
            LabPreset::Outlier => "outlier",
        }
    }

    pub fn from_key(key: &str) -> Option<LabPreset> {
        LabPreset::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The preset's points, in data units, already on the lab's 0.01 grid and inside its ranges.
    ///
    /// Twelve x positions spread over the canvas, y = 0.6·x + 1.5 plus noise in [−0.8, 0.8] from a
    /// fixed linear congruential generator (Knuth's MMIX constants), so every page load and every
    /// test sees the same points.
    pub fn points(self) -> Vec<(f64, f64)> {
        let mut state: u64 = 0x4c05_51ab;
        let mut uniform = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            // The top 53 bits as a fraction in [0, 1).
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut points: Vec<(f64, f64)> = (0..12)
            .map(|i| {
                let x = 0.6 + 0.8 * f64::from(i) + 0.3 * uniform();
                let y = 0.6 * x + 1.5 + (uniform() * 1.6 - 0.8);
                LabParams::FIELD.clamp((x, y))
            })
            .collect();
        if self == LabPreset::Outlier {
            if let Some(last) = points.last_mut() {
                *last = LabParams::FIELD.clamp((last.0, -1.5));
            }
        }
        points
    }
}

/// Parameters of the fit-a-line lab: its own Huber δ (in the data's units), the preset it started
/// from, and its points.
#[derive(Debug, Clone, PartialEq)]
pub struct LabParams {
    /// Huber's δ for the lab's Huber line, in the units of y.
    pub delta: f64,
    /// The data set the points came from.
    pub preset: LabPreset,
    /// The points (x, y), each inside [`LabParams::X_RANGE`] × [`LabParams::Y_RANGE`].
    pub points: Vec<(f64, f64)>,
}

impl LabParams {
    /// δ from 0.01 (Huber's slope within 0.004 of MAE's on the presets) to 50 (Huber = MSE: every
    /// residual of the presets' MSE lines is far below it), log-scaled.
    pub const DELTA: LogRange = LogRange { min: 0.01, max: 50.0, steps: 300 };
    pub const DEFAULT_DELTA: f64 = 1.0;
    /// The lab opens with the outlier: three lines that disagree tell its story at once.
    pub const DEFAULT_PRESET: LabPreset = LabPreset::Outlier;
    /// The x range of the canvas, in data units.
    pub const X_RANGE: (f64, f64) = (0.0, 10.0);
    /// The y range of the canvas, in data units.
    pub const Y_RANGE: (f64, f64) = (-2.0, 12.0);
    /// Points snap to a grid of 1/100 of a unit (so URLs stay short).
    pub const GRID_PER_UNIT: f64 = 100.0;
    /// At most this many points (adding more does nothing; longer URL lists are cut).
    pub const MAX_POINTS: usize = 40;

    /// Where the points may be.
    pub const FIELD: Field = Field { x: Self::X_RANGE, y: Self::Y_RANGE, grid_per_unit: Self::GRID_PER_UNIT, max_points: Self::MAX_POINTS };

    /// The preset's points with the default δ.
    pub fn with_preset(preset: LabPreset) -> LabParams {
        LabParams { delta: Self::DEFAULT_DELTA, preset, points: preset.points() }
    }

    /// Reads a query string (see the module doc); unreadable values take their defaults,
    /// out-of-range ones are clamped, unreadable points are skipped.
    pub fn from_query(query: &str) -> LabParams {
        params_from::<super::Lab>(&Query::parse(query))
    }

    /// The query string that reproduces these parameters.
    pub fn to_query(&self) -> String {
        query_of::<super::Lab>(self)
    }
}

impl Default for LabParams {
    fn default() -> Self {
        LabParams::with_preset(Self::DEFAULT_PRESET)
    }
}

impl UrlState for LabParams {
    fn read(query: &FigureQuery<'_>) -> LabParams {
        let preset = query.raw("preset").and_then(LabPreset::from_key).unwrap_or(Self::DEFAULT_PRESET);
        let mut params = LabParams::with_preset(preset);
        params.delta = query.scaled("delta", &Scale::Log(Self::DELTA), Self::DEFAULT_DELTA);
        if let Some(points) = query.raw("pts") {
            params.points = read_list(points, &Self::FIELD).filter(|(_, tag)| tag.is_none()).map(|(at, _)| at).collect();
        }
        params
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.number("delta", self.delta);
        out.text("preset", self.preset.key());
        if self.points != self.preset.points() {
            out.text("pts", &write_list(self.points.iter().map(|&at| (at, None))));
        }
    }
}

impl PointList for LabParams {
    type New = ();
    const FIELD: Field = LabParams::FIELD;

    fn len(&self) -> usize {
        self.points.len()
    }

    fn position(&self, index: usize) -> Option<(f64, f64)> {
        self.points.get(index).copied()
    }

    fn set_position(&mut self, index: usize, at: (f64, f64)) {
        if let Some(point) = self.points.get_mut(index) {
            *point = at;
        }
    }

    fn push(&mut self, at: (f64, f64), (): ()) {
        self.points.push(at);
    }

    fn remove(&mut self, index: usize) {
        if index < self.points.len() {
            self.points.remove(index);
        }
    }
}
