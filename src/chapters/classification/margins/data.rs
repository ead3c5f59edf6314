//! The margin losses against the margin m = y·f (`crate::loss::classification::Margin`) and the focal
//! loss of the logit f for a positive example (`crate::loss::extras::Focal`), sampled; the readings
//! at the pointer; the parameters and their URL form (`margin.show`, `margin.gamma`, `margin.alpha`).

use crate::figure::query::{FigureQuery, LinearRange, QueryWriter, Scale, UrlState};
use crate::loss::classification::Margin;
use crate::loss::extras::Focal;
use crate::loss::sample::sample_curve;
use crate::plot::curves::{CurveAxes, OwnedCurve};
use crate::plot::{Dash, Marker, Series, SeriesColor};

/// The margin axis, the loss and gradient panels.
pub const AXES: CurveAxes = CurveAxes { x: (-3.0, 3.0), loss: (-0.15, 4.0), grad: (-3.2, 0.6) };
/// Points sampled per curve (kinks add a few).
pub const SAMPLES: usize = 241;

/// The curves of the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarginCurve {
    ZeroOne,
    Hinge,
    SquaredHinge,
    Logistic,
    /// The focal loss with γ and α as set.
    Focal,
    /// The focal loss with γ = 0 (the α-weighted logistic loss), as a reference.
    FocalFlat,
}

impl MarginCurve {
    /// The curves a reader can show or hide.
    pub const SHOWABLE: [MarginCurve; 5] = [MarginCurve::ZeroOne, MarginCurve::Hinge, MarginCurve::SquaredHinge, MarginCurve::Logistic, MarginCurve::Focal];

    pub fn key(self) -> &'static str {
        match self {
            MarginCurve::ZeroOne => "zeroone",
            MarginCurve::Hinge => "hinge",
            MarginCurve::SquaredHinge => "sqhinge",
            MarginCurve::Logistic => "logistic",
            MarginCurve::Focal => "focal",
            MarginCurve::FocalFlat => "focal0",
        }
    }

    pub fn series(self) -> Series {
        match self {
            MarginCurve::ZeroOne => Series::new(SeriesColor::Grey, Dash::Solid, Marker::None),
            MarginCurve::Hinge => Series::new(SeriesColor::Blue, Dash::Solid, Marker::None),
            MarginCurve::SquaredHinge => Series::new(SeriesColor::Purple, Dash::Dashed, Marker::Triangle),
            MarginCurve::Logistic => Series::new(SeriesColor::Vermillion, Dash::Solid, Marker::Circle),
            MarginCurve::Focal => Series::new(SeriesColor::Green, Dash::Solid, Marker::Diamond),
            MarginCurve::FocalFlat => Series::new(SeriesColor::Green, Dash::Dotted, Marker::None),
        }
    }

    /// Whether γ or α move it (it is then redrawn with the sliders, not cached).
    pub fn moves(self) -> bool {
        matches!(self, MarginCurve::Focal | MarginCurve::FocalFlat)
    }

    fn margin(self) -> Option<Margin> {
        match self {
            MarginCurve::ZeroOne => Some(Margin::ZeroOne),
            MarginCurve::Hinge => Some(Margin::Hinge),
            MarginCurve::SquaredHinge => Some(Margin::SquaredHinge),
            MarginCurve::Logistic => Some(Margin::Logistic),
            MarginCurve::Focal | MarginCurve::FocalFlat => None,
        }
    }
}

/// Parameters of the margin figure.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginParams {
    /// Shown curves, in [`MarginCurve::SHOWABLE`] order.
    pub show: Vec<MarginCurve>,
    /// The focal loss's γ.
    pub gamma: f64,
    /// The focal loss's α (the weight of positive examples).
    pub alpha: f64,
}

impl MarginParams {
    pub const GAMMA: LinearRange = LinearRange { min: 0.0, max: 5.0, step: 0.1 };
    pub const ALPHA: LinearRange = LinearRange { min: 0.05, max: 1.0, step: 0.05 };
    pub const DEFAULT_GAMMA: f64 = 2.0;
    /// torchvision's default.
    pub const DEFAULT_ALPHA: f64 = 0.25;
    pub const DEFAULT_SHOW: [MarginCurve; 4] = [MarginCurve::ZeroOne, MarginCurve::Hinge, MarginCurve::SquaredHinge, MarginCurve::Logistic];

    pub fn shows(&self, curve: MarginCurve) -> bool {
        self.show.contains(&curve) || (curve == MarginCurve::FocalFlat && self.show.contains(&MarginCurve::Focal))
    }

    pub fn set_shown(&mut self, curve: MarginCurve, shown: bool) {
        let keep: Vec<MarginCurve> = self.show.iter().copied().filter(|c| *c != curve).chain(shown.then_some(curve)).collect();
        self.show = MarginCurve::SHOWABLE.into_iter().filter(|c| keep.contains(c)).collect();
    }

    /// The focal loss of these parameters (they are clamped into its domain where they are read).
    pub fn focal(&self) -> Option<Focal> {
        Focal::new(self.alpha, self.gamma).ok()
    }
}

impl Default for MarginParams {
    fn default() -> Self {
        MarginParams { show: Self::DEFAULT_SHOW.to_vec(), gamma: Self::DEFAULT_GAMMA, alpha: Self::DEFAULT_ALPHA }
    }
}

impl UrlState for MarginParams {
    fn read(query: &FigureQuery<'_>) -> MarginParams {
        let mut params = MarginParams {
            show: Self::DEFAULT_SHOW.to_vec(),
            gamma: query.scaled("gamma", &Scale::Linear(Self::GAMMA), Self::DEFAULT_GAMMA),
            alpha: query.scaled("alpha", &Scale::Linear(Self::ALPHA), Self::DEFAULT_ALPHA),
        };
        if let Some(wanted) = query.list("show") {
            params.show = MarginCurve::SHOWABLE.into_iter().filter(|c| wanted.contains(&c.key())).collect();
        }
        params
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.list("show", self.show.iter().map(|c| c.key()));
        out.number("gamma", self.gamma);
        out.number("alpha", self.alpha);
    }
}

/// ℓ(m) and dℓ/dm of a curve (for the focal loss: the logit f = m of a positive example, y = 1).
pub fn loss_at(params: &MarginParams, curve: MarginCurve, m: f64) -> Option<(f64, f64)> {
    match curve.margin() {
        Some(margin) => Some((margin.of_margin(m), margin.of_margin_derivative(m))),
        None => {
            let focal = match curve {
                MarginCurve::FocalFlat => Focal::new(params.alpha, 0.0).ok()?,
                _ => params.focal()?,
            };
            Some((focal.element(m, 1.0), focal.element_derivative(m, 1.0)))
        }
    }
}

fn kinks(curve: MarginCurve) -> Vec<f64> {
    curve.margin().map(|m| m.kinks()).unwrap_or_default()
}

fn sampled(params: &MarginParams, curve: MarginCurve) -> OwnedCurve {
    let value = |m: f64| loss_at(params, curve, m).map_or(f64::NAN, |v| v.0);
    let slope = |m: f64| loss_at(params, curve, m).map_or(f64::NAN, |v| v.1);
    let kinks = kinks(curve);
    OwnedCurve {
        series: curve.series(),
        loss: sample_curve(value, AXES.x.0, AXES.x.1, SAMPLES, &kinks),
        grad: sample_curve(slope, AXES.x.0, AXES.x.1, SAMPLES, &kinks),
    }
}

/// The shown curves that no slider moves (the base layer's key).
#[derive(Debug, Clone, PartialEq)]
pub struct MarginBase {
    pub still: Vec<OwnedCurve>,
}

/// Everything the figure draws.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginData {
    pub base: MarginBase,
    /// The focal curves (γ as set, and γ = 0), when shown.
    pub moving: Vec<OwnedCurve>,
}

pub fn build(params: &MarginParams) -> MarginData {
    let shown = |moves: bool| {
        [MarginCurve::SHOWABLE.as_slice(), &[MarginCurve::FocalFlat]]
            .concat()
            .into_iter()
            .filter(|c| params.shows(*c) && c.moves() == moves)
            .map(|c| sampled(params, c))
            .collect()
    };
    MarginData { base: MarginBase { still: shown(false) }, moving: shown(true) }
}

/// One curve's exact value and slope at the pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarginReading {
    pub curve: MarginCurve,
    pub value: f64,
    pub slope: f64,
}

/// The shown curves at margin m.
pub fn readings(params: &MarginParams, m: f64) -> Vec<MarginReading> {
    MarginCurve::SHOWABLE
        .into_iter()
        .filter(|c| params.shows(*c))
        .filter_map(|curve| loss_at(params, curve, m).map(|(value, slope)| MarginReading { curve, value, slope }))
        .collect()
}

/// How much of the α-weighted logistic loss the focal loss keeps at margin m: (1 − p_t)^γ.
pub fn focal_share(params: &MarginParams, m: f64) -> Option<f64> {
    let focal = loss_at(params, MarginCurve::Focal, m)?.0;
    let flat = loss_at(params, MarginCurve::FocalFlat, m)?.0;
    (flat > 0.0).then(|| focal / flat)
}
