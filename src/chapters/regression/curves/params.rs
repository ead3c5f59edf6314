//! The curves figure's parameters and their URL form: `curves.delta`, `curves.beta`, `curves.show`
//! (links made before prefixes: `delta`, `beta`, `curves`).

use crate::figure::query::{FigureQuery, LogRange, QueryWriter, Scale, UrlState};
use crate::figure::{params_from, query_of, Query};
use crate::plot::{Dash, Marker, Series, SeriesColor};

/// The curves the figure can draw.
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

    /// The short name used in URLs, test ids and formula keys.
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

    /// Whether the curve depends on a slider (δ or β): such curves are redrawn when it moves, the
    /// others stay in the cached base layer.
    pub fn has_parameter(self) -> bool {
        matches!(self, CurveId::Huber | CurveId::SmoothL1)
    }

    /// Its colour, dash and marker: no two curves look alike even without colour.
    pub fn series(self) -> Series {
        match self {
            CurveId::Me => Series::new(SeriesColor::Grey, Dash::Dotted, Marker::None),
            CurveId::Mse => Series::new(SeriesColor::Blue, Dash::Solid, Marker::None),
            CurveId::Mae => Series::new(SeriesColor::Vermillion, Dash::Dashed, Marker::None),
            CurveId::Rmse => Series::new(SeriesColor::Purple, Dash::Solid, Marker::Triangle),
            CurveId::Huber => Series::new(SeriesColor::Green, Dash::Solid, Marker::Circle),
            CurveId::SmoothL1 => Series::new(SeriesColor::Orange, Dash::Dashed, Marker::Square),
            CurveId::LogCosh => Series::new(SeriesColor::Sky, Dash::Dotted, Marker::Diamond),
        }
    }
}

/// Parameters of the curves figure.
#[derive(Debug, Clone, PartialEq)]
pub struct CurvesParams {
    /// Huber's δ.
    pub delta: f64,
    /// Smooth L1's β.
    pub beta: f64,
    /// Curves drawn, in [`CurveId::ALL`] order.
    pub curves: Vec<CurveId>,
}

impl CurvesParams {
    pub const DELTA: LogRange = LogRange { min: 0.05, max: 5.0, steps: 200 };
    pub const BETA: LogRange = LogRange { min: 0.05, max: 5.0, steps: 200 };
    pub const DEFAULT_DELTA: f64 = 1.0;
    pub const DEFAULT_BETA: f64 = 1.0;
    pub const DEFAULT_CURVES: [CurveId; 3] = [CurveId::Mse, CurveId::Mae, CurveId::Huber];

    /// Reads a query string: anything unreadable takes its default, anything out of range is clamped.
    pub fn from_query(query: &str) -> CurvesParams {
        params_from::<super::Curves>(&Query::parse(query))
    }

    /// The query string that reproduces these parameters.
    pub fn to_query(&self) -> String {
        query_of::<super::Curves>(self)
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

impl Default for CurvesParams {
    fn default() -> Self {
        CurvesParams { delta: Self::DEFAULT_DELTA, beta: Self::DEFAULT_BETA, curves: Self::DEFAULT_CURVES.to_vec() }
    }
}

impl UrlState for CurvesParams {
    fn read(query: &FigureQuery<'_>) -> CurvesParams {
        let mut params = CurvesParams {
            delta: query.scaled("delta", &Scale::Log(Self::DELTA), Self::DEFAULT_DELTA),
            beta: query.scaled("beta", &Scale::Log(Self::BETA), Self::DEFAULT_BETA),
            ..CurvesParams::default()
        };
        if let Some(wanted) = query.list("show") {
            let wanted: Vec<CurveId> = wanted.into_iter().filter_map(CurveId::from_key).collect();
            params.curves = CurveId::ALL.into_iter().filter(|id| wanted.contains(id)).collect();
        }
        params
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.number("delta", self.delta);
        out.number("beta", self.beta);
        out.list("show", self.curves.iter().map(|id| id.key()));
    }
}
