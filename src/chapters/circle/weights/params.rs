//! The weights figure's parameters and their URL form: `weights.g` (γ), `weights.m`, and the
//! similarities `weights.sp=0.9,0.6,0.3` (K positives) and `weights.sn=0.4,0.1,-0.2` (L negatives).

use crate::figure::points::{Field, PointList};
use crate::figure::query::{parse_finite, FigureQuery, LinearRange, LogRange, QueryWriter, Scale, UrlState};

/// At most this many positives, and as many negatives.
pub const MAX_PER_LIST: usize = 6;
/// The rows of the number lines: positives above, negatives below.
pub const POSITIVE_ROW: f64 = 1.0;
pub const NEGATIVE_ROW: f64 = 0.0;

/// Parameters of the weights figure.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightsParams {
    pub gamma: f64,
    pub m: f64,
    /// The positive similarities s_p (1 to [`MAX_PER_LIST`]).
    pub s_p: Vec<f64>,
    /// The negative similarities s_n (1 to [`MAX_PER_LIST`]).
    pub s_n: Vec<f64>,
}

impl WeightsParams {
    pub const GAMMA: LogRange = LogRange { min: 1.0, max: 512.0, steps: 180 };
    pub const M: LinearRange = LinearRange { min: 0.0, max: 0.5, step: 0.01 };
    pub const COUNT: LinearRange = LinearRange { min: 1.0, max: MAX_PER_LIST as f64, step: 1.0 };
    pub const FIELD: Field = Field { x: (-1.0, 1.0), y: (-0.5, 1.5), grid_per_unit: 100.0, max_points: 2 * MAX_PER_LIST };
    pub const START_P: [f64; 3] = [0.9, 0.6, 0.3];
    pub const START_N: [f64; 3] = [0.4, 0.1, -0.2];

    /// Sets how many similarities `list` holds: new ones are spread over the line, not stacked.
    pub fn resize(list: &mut Vec<f64>, count: usize, first: f64) {
        let count = count.clamp(1, MAX_PER_LIST);
        while list.len() < count {
            let k = list.len() as f64;
            list.push(Self::similarity(first - 0.27 * k));
        }
        list.truncate(count);
    }

    /// A similarity kept in [−1, 1] on the grid of hundredths (a NaN goes to 0).
    pub fn similarity(s: f64) -> f64 {
        Self::FIELD.clamp((s, 0.0)).0
    }
}

impl Default for WeightsParams {
    fn default() -> Self {
        WeightsParams { gamma: 4.0, m: 0.25, s_p: Self::START_P.to_vec(), s_n: Self::START_N.to_vec() }
    }
}

fn read_similarities(query: &FigureQuery<'_>, name: &str, default: &[f64]) -> Vec<f64> {
    let list: Vec<f64> = query
        .list(name)
        .unwrap_or_default()
        .into_iter()
        .filter_map(parse_finite)
        .map(WeightsParams::similarity)
        .take(MAX_PER_LIST)
        .collect();
    if list.is_empty() {
        default.to_vec()
    } else {
        list
    }
}

impl UrlState for WeightsParams {
    fn read(query: &FigureQuery<'_>) -> WeightsParams {
        let mut params = WeightsParams::default();
        params.gamma = query.scaled("g", &Scale::Log(Self::GAMMA), params.gamma);
        params.m = query.scaled("m", &Scale::Linear(Self::M), params.m);
        params.s_p = read_similarities(query, "sp", &Self::START_P);
        params.s_n = read_similarities(query, "sn", &Self::START_N);
        params
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.number("g", self.gamma);
        out.number("m", self.m);
        for (name, list) in [("sp", &self.s_p), ("sn", &self.s_n)] {
            let items: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            out.list(name, items.iter().map(String::as_str));
        }
    }
}

/// The similarities as points on two number lines: the positives first (on the upper line), then
/// the negatives; a drag moves a point along its line only.
impl PointList for WeightsParams {
    type New = ();
    const FIELD: Field = WeightsParams::FIELD;
    const FIXED_COUNT: bool = true;

    fn len(&self) -> usize {
        self.s_p.len() + self.s_n.len()
    }

    fn position(&self, index: usize) -> Option<(f64, f64)> {
        match index.checked_sub(self.s_p.len()) {
            None => self.s_p.get(index).map(|&s| (s, POSITIVE_ROW)),
            Some(j) => self.s_n.get(j).map(|&s| (s, NEGATIVE_ROW)),
        }
    }

    fn set_position(&mut self, index: usize, at: (f64, f64)) {
        let k = self.s_p.len();
        let slot = if index < k { self.s_p.get_mut(index) } else { self.s_n.get_mut(index - k) };
        if let Some(s) = slot {
            *s = at.0;
        }
    }

    fn push(&mut self, _: (f64, f64), _: ()) {}

    fn remove(&mut self, _: usize) {}
}
