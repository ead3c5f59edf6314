//! The contrastive figure's parameters and their URL form: `contrastive.m` (the margin),
//! `contrastive.form` (`article` or `squared`) and, once they differ from the start, the eight points
//! `contrastive.pts=x:y:s,x:y,…` (pairs in order; the first point of a pair carries `s` similar or `d`
//! dissimilar).

use super::super::embedding::field;
use crate::figure::points::{read_list, write_list, Field, PointList};
use crate::figure::query::{FigureQuery, LinearRange, QueryWriter, Scale, UrlState};
use crate::loss::metric::contrastive::ContrastiveForm;

/// The number of pairs.
pub const PAIRS: usize = 4;

/// Parameters of the contrastive figure.
#[derive(Debug, Clone, PartialEq)]
pub struct ContrastiveParams {
    /// The margin m.
    pub margin: f64,
    pub form: ContrastiveForm,
    /// Pair k is points 2k and 2k + 1.
    pub points: Vec<(f64, f64)>,
    pub similar: [bool; PAIRS],
}

impl ContrastiveParams {
    pub const MARGIN: LinearRange = LinearRange { min: 0.0, max: 3.0, step: 0.05 };
    pub const FIELD: Field = field(2 * PAIRS);
    /// A similar pair apart, a dissimilar pair inside the margin, one outside it, a similar pair close.
    pub const START: [(f64, f64); 2 * PAIRS] = [(-2.2, 1.2), (-1.2, 0.6), (0.3, 1.2), (0.9, 0.7), (-1.8, -1.2), (0.2, -1.5), (1.4, -0.3), (2.0, -1.0)];
    pub const START_SIMILAR: [bool; PAIRS] = [true, false, false, true];

    /// The two points of pair `k`.
    pub fn pair(&self, k: usize) -> ((f64, f64), (f64, f64)) {
        let at = |i: usize| self.points.get(i).copied().unwrap_or_default();
        (at(2 * k), at(2 * k + 1))
    }

    fn form_key(&self) -> &'static str {
        match self.form {
            ContrastiveForm::Article => "article",
            ContrastiveForm::Squared => "squared",
        }
    }
}

impl Default for ContrastiveParams {
    fn default() -> Self {
        ContrastiveParams { margin: 1.0, form: ContrastiveForm::Article, points: Self::START.to_vec(), similar: Self::START_SIMILAR }
    }
}

impl UrlState for ContrastiveParams {
    fn read(query: &FigureQuery<'_>) -> ContrastiveParams {
        let mut params = ContrastiveParams::default();
        params.margin = query.scaled("m", &Scale::Linear(Self::MARGIN), params.margin);
        if query.raw("form") == Some("squared") {
            params.form = ContrastiveForm::Squared;
        }
        if let Some(list) = query.raw("pts") {
            // Points the list gives replace the starting ones in order; the rest stay.
            for (i, (at, tag)) in read_list(list, &Self::FIELD).enumerate() {
                params.points[i] = at;
                if i % 2 == 0 {
                    match tag {
                        Some("s") => params.similar[i / 2] = true,
                        Some("d") => params.similar[i / 2] = false,
                        _ => {}
                    }
                }
            }
        }
        params
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.number("m", self.margin);
        out.text("form", self.form_key());
        if self.points != Self::START || self.similar != Self::START_SIMILAR {
            let tag = |i: usize| (i % 2 == 0).then(|| if self.similar[i / 2] { "s" } else { "d" });
            out.text("pts", &write_list(self.points.iter().enumerate().map(|(i, p)| (*p, tag(i)))));
        }
    }
}

impl PointList for ContrastiveParams {
    type New = ();
    const FIELD: Field = ContrastiveParams::FIELD;
    const FIXED_COUNT: bool = true;

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

    fn push(&mut self, _: (f64, f64), _: ()) {}

    fn remove(&mut self, _: usize) {}
}
