//! A page's query string (`#/chapter?curves.delta=0.5&lab.delta=2&v=1`) read and written per figure:
//! each figure owns the keys under its prefix, so two figures never collide. Reading never fails —
//! an unknown key is ignored, an unreadable value leaves the default, an out-of-range one is clamped —
//! so any link opens a sensible figure. Links made before prefixes existed (`delta=0.5`) still work:
//! a figure names its old unprefixed keys, read when its prefixed key is absent.

use std::fmt::Write as _;

/// The version written into every URL (`v=1`), so a later format can tell old links apart.
pub const URL_VERSION: u32 = 1;

/// The `key=value` pairs of a query string, percent-decoded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Reads `a=1&b=2`; a pair without `=` has an empty value; `%XX` escapes and `+` are decoded.
    pub fn parse(query: &str) -> Query {
        let pairs = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (percent_decode(key), percent_decode(value))
            })
            .collect();
        Query { pairs }
    }

    /// The value of `key` (the last one, if it appears more than once).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The keys of one figure: `{prefix}.{name}`, or an old unprefixed key named in `legacy`
    /// (`(old key, name)`) when the prefixed one is absent.
    pub fn figure<'a>(&'a self, prefix: &'static str, legacy: &'static [(&'static str, &'static str)]) -> FigureQuery<'a> {
        FigureQuery { query: self, prefix, legacy }
    }
}

/// Decodes `%XX` (into bytes, then UTF-8, lossily) and `+` (a space). A malformed escape is kept as text.
fn percent_decode(text: &str) -> String {
    if !text.contains(['%', '+']) {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let hex = |b: u8| (b as char).to_digit(16);
        match byte {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(byte),
            },
            b'+' => out.push(b' '),
            _ => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One figure's view of the query.
#[derive(Debug, Clone, Copy)]
pub struct FigureQuery<'a> {
    query: &'a Query,
    prefix: &'static str,
    legacy: &'static [(&'static str, &'static str)],
}

impl FigureQuery<'_> {
    /// The raw value of parameter `name`.
    pub fn raw(&self, name: &str) -> Option<&str> {
        let mut key = String::with_capacity(self.prefix.len() + 1 + name.len());
        key.push_str(self.prefix);
        key.push('.');
        key.push_str(name);
        self.query.get(&key).or_else(|| {
            self.legacy.iter().filter(|(_, n)| *n == name).find_map(|(old, _)| self.query.get(old))
        })
    }

    /// A finite number, or `None` (absent, unreadable, NaN or infinite).
    pub fn number(&self, name: &str) -> Option<f64> {
        self.raw(name).and_then(parse_finite)
    }

    /// The value of a slider parameter: read, clamped into the scale's range; `default` when absent
    /// or unreadable.
    pub fn scaled(&self, name: &str, scale: &Scale, default: f64) -> f64 {
        self.number(name).map_or(default, |v| scale.clamp(v))
    }

    /// A comma-separated list (empty items dropped).
    pub fn list(&self, name: &str) -> Option<Vec<&str>> {
        self.raw(name).map(|v| v.split(',').filter(|s| !s.is_empty()).collect())
    }
}

/// Parameters that live in the URL: read from a figure's query keys (never failing: unreadable values
/// take their defaults, out-of-range ones are clamped) and written back so that reading gives them
/// again.
pub trait UrlState: Sized {
    fn read(query: &FigureQuery<'_>) -> Self;
    fn write(&self, out: &mut QueryWriter<'_>);
}

/// A figure with nothing in the URL.
impl UrlState for () {
    fn read(_: &FigureQuery<'_>) {}
    fn write(&self, _: &mut QueryWriter<'_>) {}
}

/// A finite number from a query value, or `None`.
pub fn parse_finite(text: &str) -> Option<f64> {
    crate::format::parse_number(text)
}

/// Writes one figure's parameters as `{prefix}.{name}=value` pairs.
#[derive(Debug)]
pub struct QueryWriter<'a> {
    prefix: &'static str,
    out: &'a mut String,
}

impl<'a> QueryWriter<'a> {
    /// Appends to `out` (with `&` separators) under `prefix`.
    pub fn new(prefix: &'static str, out: &'a mut String) -> QueryWriter<'a> {
        QueryWriter { prefix, out }
    }

    fn key(&mut self, name: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        self.out.push_str(self.prefix);
        self.out.push('.');
        self.out.push_str(name);
        self.out.push('=');
    }

    /// `name=value` with the shortest text that reads back as the same number.
    pub fn number(&mut self, name: &str, value: f64) {
        self.key(name);
        let _ = write!(self.out, "{value}");
    }

    /// `name=text` (the text must need no escaping: keys, lists of keys, numbers).
    pub fn text(&mut self, name: &str, text: &str) {
        self.key(name);
        self.out.push_str(text);
    }

    /// `name=a,b,c`.
    pub fn list<'s>(&mut self, name: &str, items: impl IntoIterator<Item = &'s str>) {
        self.key(name);
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(item);
        }
    }
}

/// A slider's scale: its range and how slider positions map to values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Logarithmic (finer steps near small values).
    Log(LogRange),
    /// Evenly spaced values min, min + step, …, max.
    Linear(LinearRange),
}

impl Scale {
    pub fn min(&self) -> f64 {
        match self {
            Scale::Log(r) => r.min,
            Scale::Linear(r) => r.min,
        }
    }

    pub fn max(&self) -> f64 {
        match self {
            Scale::Log(r) => r.max,
            Scale::Linear(r) => r.max,
        }
    }

    /// The number of slider steps from min to max.
    pub fn steps(&self) -> u32 {
        match self {
            Scale::Log(r) => r.steps,
            Scale::Linear(r) => r.steps(),
        }
    }

    /// Clamps into [min, max]; NaN becomes min.
    pub fn clamp(&self, value: f64) -> f64 {
        if value.is_nan() {
            self.min()
        } else {
            value.clamp(self.min(), self.max())
        }
    }

    pub fn position_of(&self, value: f64) -> u32 {
        match self {
            Scale::Log(r) => r.position_of(value),
            Scale::Linear(r) => r.position_of(value),
        }
    }

    pub fn value_at(&self, position: u32) -> f64 {
        match self {
            Scale::Log(r) => r.value_at(position),
            Scale::Linear(r) => r.value_at(position),
        }
    }
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
    /// Clamps into `[min, max]`; a NaN becomes `fallback`.
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

/// A bounded real parameter with evenly spaced slider steps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearRange {
    pub min: f64,
    pub max: f64,
    /// The step; `max − min` should be a whole number of steps.
    pub step: f64,
}

impl LinearRange {
    fn steps(&self) -> u32 {
        ((self.max - self.min) / self.step).round().max(1.0) as u32
    }

    pub fn position_of(&self, value: f64) -> u32 {
        let value = if value.is_nan() { self.min } else { value.clamp(self.min, self.max) };
        ((value - self.min) / self.step).round().clamp(0.0, f64::from(self.steps())) as u32
    }

    /// min + position·step, rounded to the step's decimals (0.1·3 is 0.3, not 0.30000000000000004).
    pub fn value_at(&self, position: u32) -> f64 {
        let raw = self.min + f64::from(position.min(self.steps())) * self.step;
        let decimals = (-self.step.abs().log10().floor()).clamp(0.0, 12.0) as i32 + 1;
        let factor = 10f64.powi(decimals);
        ((raw * factor).round() / factor).clamp(self.min, self.max)
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
