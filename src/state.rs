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
    /// `#/regression`: the regression-loss curves.
    Regression(RegressionParams),
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
            "/regression" => Route::Regression(RegressionParams::from_query(&query)),
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
