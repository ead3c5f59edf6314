//! The one place where figure parameters live, and how they round-trip through the URL.
//!
//! A route is the hash of the page URL: `#/regression?delta=1.5&beta=1&curves=mse,mae,huber`.
//! Parsing never fails: an unknown chapter is [`Route::NotFound`], an unreadable or out-of-range
//! parameter falls back to its default or is clamped into range, so any link opens a sensible figure.

use std::fmt::Write as _;

/// Which page the hash names.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// `#/` or no hash: the landing page.
    Home,
    /// `#/regression`: the regression-loss curves and the fit-a-line lab (one query string for both).
    Regression(RegressionParams, LabParams),
    /// `#/debug/panic`: deliberately panics, to show (and test) the crash message.
    CrashTest,
    /// Anything else; carries the path that was asked for.
    NotFound(String),
}

impl Route {
    /// Reads a location hash such as `#/regression?delta=2`.
    pub fn parse(hash: &str) -> Route {
        let (path, query) = split_hash(hash);
        match path.as_str() {
            "" | "/" => Route::Home,
            "/regression" => Route::Regression(RegressionParams::from_query(&query), LabParams::from_query(&query)),
            "/debug/panic" => Route::CrashTest,
            other => Route::NotFound(other.to_string()),
        }
    }

    /// The path part only, e.g. `/regression`; a page is re-created only when this changes.
    pub fn path_of(hash: &str) -> String {
        split_hash(hash).0
    }
}

/// Splits `#/path?query` into (`/path`, `query`), tolerating a missing `#` or `/`.
fn split_hash(hash: &str) -> (String, String) {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let path = path.trim_end_matches('/');
    let path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
    (path, query.to_string())
}

/// Iterates `key=value` pairs of a query string (no percent-decoding is needed for our values).
fn query_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

/// A finite number from a query value, or `None`.
fn parse_finite(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// A bounded real parameter with a logarithmic slider (finer steps near small values).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogRange {
    pub min: f64,
    pub max: f64,
    /// Number of slider steps from `min` to `max`.
    pub steps: u32,
}

impl LogRange {
    /// Clamps into `[min, max]`; a non-finite value becomes `fallback`.
    pub fn clamp(&self, value: f64, fallback: f64) -> f64 {
        if value.is_nan() {
            return fallback;
        }
        value.clamp(self.min, self.max)
    }

    /// Slider position (0..=steps) of a value: position = steps · ln(v/min) / ln(max/min).
    pub fn position_of(&self, value: f64) -> u32 {
        let value = self.clamp(value, self.min);
        let fraction = (value / self.min).ln() / (self.max / self.min).ln();
        (fraction * f64::from(self.steps)).round().clamp(0.0, f64::from(self.steps)) as u32
    }

    /// Value at a slider position, rounded to 3 significant digits so URLs stay short.
    pub fn value_at(&self, position: u32) -> f64 {
        let fraction = f64::from(position.min(self.steps)) / f64::from(self.steps);
        let value = self.min * (self.max / self.min).powf(fraction);
        round_significant(value, 3).clamp(self.min, self.max)
    }
}

/// Rounds to `digits` significant digits (finite, non-zero input; others are returned unchanged).
pub fn round_significant(value: f64, digits: i32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let factor = 10f64.powi(digits - 1 - magnitude);
    (value * factor).round() / factor
}

/// The curves the regression figure can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CurveId {
    Me,
    Mse,
    Mae,
    Rmse,
    Huber,
    SmoothL1,
    LogCosh,
}

impl CurveId {
    pub const ALL: [CurveId; 7] = [
        CurveId::Me,
        CurveId::Mse,
        CurveId::Mae,
        CurveId::Rmse,
        CurveId::Huber,
        CurveId::SmoothL1,
        CurveId::LogCosh,
    ];

    /// The short name used in URLs and `data-testid`s.
    pub fn key(self) -> &'static str {
        match self {
            CurveId::Me => "me",
            CurveId::Mse => "mse",
            CurveId::Mae => "mae",
            CurveId::Rmse => "rmse",
            CurveId::Huber => "huber",
            CurveId::SmoothL1 => "smoothl1",
            CurveId::LogCosh => "logcosh",
        }
    }

    pub fn from_key(key: &str) -> Option<CurveId> {
        CurveId::ALL.into_iter().find(|id| id.key() == key)
    }
}

/// Parameters of the regression figure.
#[derive(Debug, Clone, PartialEq)]
pub struct RegressionParams {
    /// Huber's δ.
    pub delta: f64,
    /// Smooth L1's β.
    pub beta: f64,
    /// Curves drawn, in [`CurveId::ALL`] order.
    pub curves: Vec<CurveId>,
}

impl RegressionParams {
    pub const DELTA: LogRange = LogRange { min: 0.05, max: 5.0, steps: 200 };
    pub const BETA: LogRange = LogRange { min: 0.05, max: 5.0, steps: 200 };
    pub const DEFAULT_DELTA: f64 = 1.0;
    pub const DEFAULT_BETA: f64 = 1.0;
    pub const DEFAULT_CURVES: [CurveId; 3] = [CurveId::Mse, CurveId::Mae, CurveId::Huber];

    /// Reads `delta=…&beta=…&curves=a,b,c`; anything unreadable takes its default, anything out of range is clamped.
    pub fn from_query(query: &str) -> RegressionParams {
        let mut params = RegressionParams::default();
        for (key, value) in query_pairs(query) {
            match key {
                "delta" => {
                    if let Some(delta) = parse_finite(value) {
                        params.delta = Self::DELTA.clamp(delta, Self::DEFAULT_DELTA);
                    }
                }
                "beta" => {
                    if let Some(beta) = parse_finite(value) {
                        params.beta = Self::BETA.clamp(beta, Self::DEFAULT_BETA);
                    }
                }
                "curves" => {
                    let wanted: Vec<CurveId> = value.split(',').filter_map(CurveId::from_key).collect();
                    params.curves = CurveId::ALL.into_iter().filter(|id| wanted.contains(id)).collect();
                }
                _ => {}
            }
        }
        params
    }

    /// The query string that reproduces these parameters.
    pub fn to_query(&self) -> String {
        let mut query = format!("delta={}&beta={}&curves=", self.delta, self.beta);
        for (i, id) in self.curves.iter().enumerate() {
            if i > 0 {
                query.push(',');
            }
            let _ = write!(query, "{}", id.key());
        }
        query
    }

    pub fn shows(&self, id: CurveId) -> bool {
        self.curves.contains(&id)
    }

    /// Shows or hides one curve, keeping [`CurveId::ALL`] order.
    pub fn set_shown(&mut self, id: CurveId, shown: bool) {
        let mut wanted: Vec<CurveId> = self.curves.iter().copied().filter(|c| *c != id).collect();
        if shown {
            wanted.push(id);
        }
        self.curves = CurveId::ALL.into_iter().filter(|c| wanted.contains(c)).collect();
    }
}

impl Default for RegressionParams {
    fn default() -> Self {
        RegressionParams {
            delta: Self::DEFAULT_DELTA,
            beta: Self::DEFAULT_BETA,
            curves: Self::DEFAULT_CURVES.to_vec(),
        }
    }
}

/// The data sets the fit-a-line lab can start from.
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
                LabParams::clamp_point((x, y))
            })
            .collect();
        if self == LabPreset::Outlier {
            if let Some(last) = points.last_mut() {
                *last = LabParams::clamp_point((last.0, -1.5));
            }
        }
        points
    }
}

/// Parameters of the fit-a-line lab: its own Huber δ (in the data's units), the preset it started
/// from, and its points. In the URL: `lab_delta=…&lab=line|outlier`, plus `pts=x:y,x:y,…` only when
/// the points differ from the preset's.
#[derive(Debug, Clone, PartialEq)]
pub struct LabParams {
    /// Huber's δ for the lab's Huber line, in the units of y.
    pub delta: f64,
    /// The data set that Reset and the URL start from.
    pub preset: LabPreset,
    /// The points (x, y), each inside [`LabParams::X_RANGE`] × [`LabParams::Y_RANGE`].
    pub points: Vec<(f64, f64)>,
}

impl LabParams {
    /// δ from 0.01 (Huber's slope within 0.004 of MAE's on the presets) to 50 (Huber = MSE: every
    /// residual of the presets' MSE lines is far below it), log-scaled.
    pub const DELTA: LogRange = LogRange { min: 0.01, max: 50.0, steps: 300 };
    pub const DEFAULT_DELTA: f64 = 1.0;
    /// The x range of the canvas, in data units.
    pub const X_RANGE: (f64, f64) = (0.0, 10.0);
    /// The y range of the canvas, in data units.
    pub const Y_RANGE: (f64, f64) = (-2.0, 12.0);
    /// Points snap to a grid of 1/100 of a unit (so URLs stay short).
    pub const GRID_PER_UNIT: f64 = 100.0;
    /// At most this many points (adding more does nothing; longer URL lists are cut).
    pub const MAX_POINTS: usize = 40;

    /// The preset's points with the default δ.
    pub fn with_preset(preset: LabPreset) -> LabParams {
        LabParams { delta: Self::DEFAULT_DELTA, preset, points: preset.points() }
    }

    /// A point moved into the canvas ranges and onto the 0.01 grid; a NaN coordinate goes to the
    /// middle of its range.
    pub fn clamp_point((x, y): (f64, f64)) -> (f64, f64) {
        let fix = |v: f64, (lo, hi): (f64, f64)| {
            let v = if v.is_nan() { (lo + hi) / 2.0 } else { v.clamp(lo, hi) };
            // Divide by 100 (not multiply by 0.01): the nearest double to k/100 prints as "k/100".
            ((v * Self::GRID_PER_UNIT).round() / Self::GRID_PER_UNIT).clamp(lo, hi)
        };
        (fix(x, Self::X_RANGE), fix(y, Self::Y_RANGE))
    }

    /// Reads `lab_delta=…&lab=…&pts=…` (other keys are ignored); unreadable values take their
    /// defaults, out-of-range ones are clamped, unreadable points are skipped.
    pub fn from_query(query: &str) -> LabParams {
        let mut params = LabParams::with_preset(LabPreset::Line);
        let mut delta = Self::DEFAULT_DELTA;
        let mut points = None;
        for (key, value) in query_pairs(query) {
            match key {
                "lab_delta" => {
                    if let Some(d) = parse_finite(value) {
                        delta = Self::DELTA.clamp(d, Self::DEFAULT_DELTA);
                    }
                }
                "lab" => {
                    if let Some(preset) = LabPreset::from_key(value) {
                        params = LabParams::with_preset(preset);
                    }
                }
                "pts" => {
                    let read: Vec<(f64, f64)> = value
                        .split(',')
                        .filter_map(|pair| {
                            let (x, y) = pair.split_once(':')?;
                            Some(Self::clamp_point((parse_finite(x)?, parse_finite(y)?)))
                        })
                        .take(Self::MAX_POINTS)
                        .collect();
                    points = Some(read);
                }
                _ => {}
            }
        }
        params.delta = delta;
        if let Some(points) = points {
            params.points = points;
        }
        params
    }

    /// The query string that reproduces these parameters (`pts` only when the points were edited).
    pub fn to_query(&self) -> String {
        let mut query = format!("lab_delta={}&lab={}", self.delta, self.preset.key());
        if self.points != self.preset.points() {
            query.push_str("&pts=");
            for (i, (x, y)) in self.points.iter().enumerate() {
                if i > 0 {
                    query.push(',');
                }
                let _ = write!(query, "{x}:{y}");
            }
        }
        query
    }

    /// Moves point `index` to `to` (clamped); an index out of range changes nothing.
    pub fn move_point(&mut self, index: usize, to: (f64, f64)) {
        if let Some(point) = self.points.get_mut(index) {
            *point = Self::clamp_point(to);
        }
    }

    /// Adds a point (clamped) unless there are already [`LabParams::MAX_POINTS`]; returns its index.
    pub fn add_point(&mut self, at: (f64, f64)) -> Option<usize> {
        if self.points.len() >= Self::MAX_POINTS {
            return None;
        }
        self.points.push(Self::clamp_point(at));
        Some(self.points.len() - 1)
    }

    /// Where the "add a point" button puts a new point: mid-height, at an x that shifts with the
    /// number of points so repeated presses do not stack points on each other.
    pub fn next_new_point(&self) -> (f64, f64) {
        let (x0, x1) = Self::X_RANGE;
        let (y0, y1) = Self::Y_RANGE;
        let slot = (self.points.len() % 11) as f64;
        Self::clamp_point((x0 + (x1 - x0) * (0.3 + 0.037 * slot), y0 + (y1 - y0) * 0.5))
    }

    /// Removes point `index`, if there is one.
    pub fn remove_point(&mut self, index: usize) {
        if index < self.points.len() {
            self.points.remove(index);
        }
    }
}

impl Default for LabParams {
    fn default() -> Self {
        LabParams::with_preset(LabPreset::Line)
    }
}

/// Rounds `value` to the nearest 1/`per_unit` (e.g. 100: hundredths) and clamps it into `range`: the
/// readout pointers move on a grid, so their numbers stay short. Dividing by the whole number
/// `per_unit` keeps decimal steps exact (0.07, not 0.07000000000000001). A non-finite value gives
/// the range's start.
pub fn snap(value: f64, per_unit: f64, range: (f64, f64)) -> f64 {
    if !value.is_finite() || per_unit.is_nan() || per_unit <= 0.0 {
        return range.0;
    }
    ((value * per_unit).round() / per_unit).clamp(range.0, range.1)
}
