//! The plane figure's parameters and their URL form: `plane.step=1|2|3` (the form of the loss),
//! `plane.g` (γ), `plane.m`, `plane.field=step|linear|off` (which gradient field the arrows show),
//! `plane.alpha=1` (α differentiated instead of detached) and `plane.at=s_n:s_p` (the point).

use crate::figure::points::{Field, PointList};
use crate::figure::query::{FigureQuery, LinearRange, LogRange, QueryWriter, Scale, UrlState};
use crate::loss::metric::circle::Form;

/// The three steps, in order: the unified (linear) form, the self-paced weights, the margins.
pub const STEPS: [Form; 3] = [Form::Unified, Form::SelfPaced, Form::Circle];

/// Which gradient field the arrows show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrows {
    /// The current step's loss.
    Step,
    /// The linear (unified, triplet-like) loss, for comparison.
    Linear,
    Off,
}

impl Arrows {
    pub const ALL: [Arrows; 3] = [Arrows::Step, Arrows::Linear, Arrows::Off];

    fn key(self) -> &'static str {
        match self {
            Arrows::Step => "step",
            Arrows::Linear => "linear",
            Arrows::Off => "off",
        }
    }
}

/// Parameters of the plane figure.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaneParams {
    /// 0, 1, 2: an index of [`STEPS`].
    pub step: usize,
    /// The scale γ.
    pub gamma: f64,
    /// The relaxation m.
    pub m: f64,
    pub arrows: Arrows,
    /// Gradient descent differentiates α too (the reference code detaches it).
    pub alpha_differentiated: bool,
    /// The draggable point (s_n, s_p).
    pub at: (f64, f64),
}

impl PlaneParams {
    pub const GAMMA: LogRange = LogRange { min: 1.0, max: 512.0, steps: 180 };
    pub const M: LinearRange = LinearRange { min: 0.0, max: 0.5, step: 0.01 };
    /// The similarity square.
    pub const FIELD: Field = Field { x: (-1.0, 1.0), y: (-1.0, 1.0), grid_per_unit: 100.0, max_points: 1 };
    pub const START: (f64, f64) = (0.6, 0.3);

    /// The loss's form at this step.
    pub fn form(&self) -> Form {
        STEPS[self.step.min(STEPS.len() - 1)]
    }
}

impl Default for PlaneParams {
    fn default() -> Self {
        PlaneParams { step: 0, gamma: 32.0, m: 0.25, arrows: Arrows::Step, alpha_differentiated: false, at: Self::START }
    }
}

impl UrlState for PlaneParams {
    fn read(query: &FigureQuery<'_>) -> PlaneParams {
        let mut params = PlaneParams::default();
        params.step = match query.raw("step") {
            Some("2") => 1,
            Some("3") => 2,
            _ => 0,
        };
        params.gamma = query.scaled("g", &Scale::Log(Self::GAMMA), params.gamma);
        params.m = query.scaled("m", &Scale::Linear(Self::M), params.m);
        params.arrows = Arrows::ALL.into_iter().find(|a| query.raw("field") == Some(a.key())).unwrap_or(Arrows::Step);
        params.alpha_differentiated = matches!(query.raw("alpha"), Some("1" | "true"));
        if let Some((x, y)) = query.raw("at").and_then(|at| at.split_once(':')) {
            if let (Some(x), Some(y)) = (crate::figure::query::parse_finite(x), crate::figure::query::parse_finite(y)) {
                params.at = Self::FIELD.clamp((x, y));
            }
        }
        params
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.text("step", ["1", "2", "3"][self.step.min(2)]);
        out.number("g", self.gamma);
        out.number("m", self.m);
        if self.arrows != Arrows::Step {
            out.text("field", self.arrows.key());
        }
        if self.alpha_differentiated {
            out.text("alpha", "1");
        }
        if self.at != Self::START {
            out.text("at", &format!("{}:{}", self.at.0, self.at.1));
        }
    }
}

/// The one draggable point, edited like every lab's points.
impl PointList for PlaneParams {
    type New = ();
    const FIELD: Field = PlaneParams::FIELD;
    const FIXED_COUNT: bool = true;

    fn len(&self) -> usize {
        1
    }

    fn position(&self, index: usize) -> Option<(f64, f64)> {
        (index == 0).then_some(self.at)
    }

    fn set_position(&mut self, index: usize, at: (f64, f64)) {
        if index == 0 {
            self.at = at;
        }
    }

    fn push(&mut self, _: (f64, f64), _: ()) {}

    fn remove(&mut self, _: usize) {}
}
