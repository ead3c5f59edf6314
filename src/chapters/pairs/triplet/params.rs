//! The triplet figure's parameters and their URL form: `triplet.m` (the margin), `triplet.rate` (the
//! learning rate), `triplet.norm=1` (L2-normalised embeddings) and, once they differ from the start,
//! the points `triplet.pts=x:y,…` (anchor, positive, then the negatives).

use super::super::embedding::{field, on_unit_circle};
use crate::figure::points::{read_list, write_list, Field, PointList};
use crate::figure::query::{FigureQuery, LinearRange, LogRange, QueryWriter, Scale, UrlState};

/// The number of negatives.
pub const NEGATIVES: usize = 3;
/// Index of the anchor, the positive and the first negative among the points.
pub const ANCHOR: usize = 0;
pub const POSITIVE: usize = 1;
pub const FIRST_NEGATIVE: usize = 2;

/// Parameters of the triplet figure.
#[derive(Debug, Clone, PartialEq)]
pub struct TripletParams {
    /// The margin m.
    pub margin: f64,
    /// The learning rate η of gradient descent on the points.
    pub rate: f64,
    /// Points live on the unit circle.
    pub normalize: bool,
    /// Anchor, positive, negatives.
    pub points: Vec<(f64, f64)>,
}

impl TripletParams {
    pub const MARGIN: LinearRange = LinearRange { min: 0.0, max: 2.0, step: 0.05 };
    pub const RATE: LogRange = LogRange { min: 0.005, max: 1.0, steps: 200 };
    pub const DEFAULT_RATE: f64 = 0.05;
    pub const FIELD: Field = field(FIRST_NEGATIVE + NEGATIVES);
    /// With m = 0.5: d(a, p) = 1, and one easy, one semi-hard and one hard negative.
    pub const START: [(f64, f64); FIRST_NEGATIVE + NEGATIVES] = [(-1.0, 0.0), (-0.2, 0.6), (1.6, -0.2), (-1.0, -1.25), (-1.6, 0.5)];

    /// The points as the loss sees them (on the unit circle when normalised).
    pub fn placed(&self, points: &[(f64, f64)]) -> Vec<(f64, f64)> {
        points.iter().map(|p| if self.normalize { on_unit_circle(*p) } else { *p }).collect()
    }
}

impl Default for TripletParams {
    fn default() -> Self {
        TripletParams { margin: 0.5, rate: Self::DEFAULT_RATE, normalize: false, points: Self::START.to_vec() }
    }
}

impl UrlState for TripletParams {
    fn read(query: &FigureQuery<'_>) -> TripletParams {
        let mut params = TripletParams::default();
        params.margin = query.scaled("m", &Scale::Linear(Self::MARGIN), params.margin);
        params.rate = query.scaled("rate", &Scale::Log(Self::RATE), params.rate);
        params.normalize = matches!(query.raw("norm"), Some("1" | "true"));
        if let Some(list) = query.raw("pts") {
            for (i, (at, _)) in read_list(list, &Self::FIELD).enumerate() {
                params.points[i] = at;
            }
        }
        params.points = params.placed(&params.points);
        params
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.number("m", self.margin);
        out.number("rate", self.rate);
        if self.normalize {
            out.text("norm", "1");
        }
        if self.points != Self::START {
            out.text("pts", &write_list(self.points.iter().map(|p| (*p, None))));
        }
    }
}

impl PointList for TripletParams {
    type New = ();
    const FIELD: Field = TripletParams::FIELD;
    const FIXED_COUNT: bool = true;

    fn len(&self) -> usize {
        self.points.len()
    }

    fn position(&self, index: usize) -> Option<(f64, f64)> {
        self.points.get(index).copied()
    }

    /// A point dragged while the embeddings are normalised goes to the unit circle, in the
    /// direction of the pointer.
    fn set_position(&mut self, index: usize, at: (f64, f64)) {
        let at = if self.normalize { on_unit_circle(at) } else { at };
        if let Some(point) = self.points.get_mut(index) {
            *point = at;
        }
    }

    fn push(&mut self, _: (f64, f64), _: ()) {}

    fn remove(&mut self, _: usize) {}
}
