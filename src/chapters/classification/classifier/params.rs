//! The classifier lab's parameters and their URL form: `classify.loss`, `classify.rate`,
//! `classify.preset`, `classify.new` (the class of added points) and `classify.pts=x:y:a,…` (a: class
//! +1, b: class −1) once the points differ from the preset's.

use crate::figure::points::{read_list, write_list, Field, PointList};
use crate::figure::query::{FigureQuery, LogRange, QueryWriter, Scale, UrlState};
use crate::loss::extras::Focal;
use crate::loss::linear::LinearLoss;

/// A point's class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// y = +1, drawn as circles.
    A,
    /// y = −1, drawn as triangles.
    B,
}

impl Class {
    pub const ALL: [Class; 2] = [Class::A, Class::B];

    pub fn label(self) -> f64 {
        match self {
            Class::A => 1.0,
            Class::B => -1.0,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Class::A => "a",
            Class::B => "b",
        }
    }

    pub fn other(self) -> Class {
        match self {
            Class::A => Class::B,
            Class::B => Class::A,
        }
    }
}

/// The loss the lab trains with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LossChoice {
    Logistic,
    Hinge,
    SquaredHinge,
    Focal,
    Squares,
}

impl LossChoice {
    pub const ALL: [LossChoice; 5] = [LossChoice::Logistic, LossChoice::Hinge, LossChoice::SquaredHinge, LossChoice::Focal, LossChoice::Squares];
    /// The focal loss's γ in the lab (no α weighting).
    pub const FOCAL_GAMMA: f64 = 2.0;

    pub fn key(self) -> &'static str {
        match self {
            LossChoice::Logistic => "logistic",
            LossChoice::Hinge => "hinge",
            LossChoice::SquaredHinge => "sqhinge",
            LossChoice::Focal => "focal",
            LossChoice::Squares => "squares",
        }
    }

    /// The loss core's loss.
    pub fn loss(self) -> LinearLoss {
        match self {
            LossChoice::Logistic => LinearLoss::Logistic,
            LossChoice::Hinge => LinearLoss::Hinge,
            LossChoice::SquaredHinge => LinearLoss::SquaredHinge,
            LossChoice::Focal => Focal::new(-1.0, Self::FOCAL_GAMMA).map_or(LinearLoss::Logistic, LinearLoss::Focal),
            LossChoice::Squares => LinearLoss::LeastSquares,
        }
    }
}

/// The data sets the lab can start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Two clusters, one per class.
    Blobs,
    /// The same clusters and one circle far out on its own (correct) side.
    Outlier,
}

impl Preset {
    pub const ALL: [Preset; 2] = [Preset::Blobs, Preset::Outlier];

    pub fn key(self) -> &'static str {
        match self {
            Preset::Blobs => "blobs",
            Preset::Outlier => "outlier",
        }
    }

    /// Where the far point of [`Preset::Outlier`] is.
    pub const FAR: (f64, f64) = (5.5, 3.5);

    /// Seven points per class around (1.6, 1.1) and (−1.6, −1.1), with noise in ±1.1 from a fixed
    /// linear congruential generator (the same points on every load and in every test).
    pub fn points(self) -> Vec<LabeledPoint> {
        let mut state: u64 = 0x2545_f491;
        let mut uniform = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut points = Vec::new();
        for i in 0..14 {
            let class = if i % 2 == 0 { Class::A } else { Class::B };
            let centre = match class {
                Class::A => (1.6, 1.1),
                Class::B => (-1.6, -1.1),
            };
            let at = (centre.0 + 2.2 * uniform() - 1.1, centre.1 + 2.2 * uniform() - 1.1);
            points.push(LabeledPoint { at: ClassifierParams::FIELD.clamp(at), class });
        }
        if self == Preset::Outlier {
            points.push(LabeledPoint { at: ClassifierParams::FIELD.clamp(Self::FAR), class: Class::A });
        }
        points
    }
}

/// A point with its class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabeledPoint {
    pub at: (f64, f64),
    pub class: Class,
}

/// Parameters of the classifier lab.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassifierParams {
    pub loss: LossChoice,
    /// The learning rate η.
    pub rate: f64,
    pub preset: Preset,
    /// The class of points added by a click or the button.
    pub new_class: Class,
    pub points: Vec<LabeledPoint>,
}

impl ClassifierParams {
    pub const RATE: LogRange = LogRange { min: 0.001, max: 2.0, steps: 300 };
    pub const DEFAULT_RATE: f64 = 0.1;
    pub const FIELD: Field = Field { x: (-6.0, 6.0), y: (-4.0, 4.0), grid_per_unit: 100.0, max_points: 40 };
    /// The L2 weight λ of every loss.
    pub const LAMBDA: f64 = 0.01;

    pub fn with_preset(preset: Preset) -> ClassifierParams {
        ClassifierParams { loss: LossChoice::Hinge, rate: Self::DEFAULT_RATE, preset, new_class: Class::A, points: preset.points() }
    }

    pub fn labels(&self) -> Vec<f64> {
        self.points.iter().map(|p| p.class.label()).collect()
    }

    pub fn positions(&self) -> Vec<(f64, f64)> {
        self.points.iter().map(|p| p.at).collect()
    }
}

impl Default for ClassifierParams {
    fn default() -> Self {
        ClassifierParams::with_preset(Preset::Outlier)
    }
}

impl UrlState for ClassifierParams {
    fn read(query: &FigureQuery<'_>) -> ClassifierParams {
        let preset = query.raw("preset").and_then(|k| Preset::ALL.into_iter().find(|p| p.key() == k)).unwrap_or(Preset::Outlier);
        let mut params = ClassifierParams::with_preset(preset);
        params.loss = query.raw("loss").and_then(|k| LossChoice::ALL.into_iter().find(|l| l.key() == k)).unwrap_or(LossChoice::Hinge);
        params.rate = query.scaled("rate", &Scale::Log(Self::RATE), Self::DEFAULT_RATE);
        params.new_class = if query.raw("new") == Some(Class::B.key()) { Class::B } else { Class::A };
        if let Some(list) = query.raw("pts") {
            params.points = read_list(list, &Self::FIELD)
                .filter_map(|(at, tag)| Class::ALL.into_iter().find(|c| Some(c.key()) == tag).map(|class| LabeledPoint { at, class }))
                .collect();
        }
        params
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.text("loss", self.loss.key());
        out.number("rate", self.rate);
        out.text("preset", self.preset.key());
        if self.new_class != Class::A {
            out.text("new", self.new_class.key());
        }
        if self.points != self.preset.points() {
            out.text("pts", &write_list(self.points.iter().map(|p| (p.at, Some(p.class.key())))));
        }
    }
}

impl PointList for ClassifierParams {
    type New = Class;
    const FIELD: Field = ClassifierParams::FIELD;

    fn len(&self) -> usize {
        self.points.len()
    }

    fn position(&self, index: usize) -> Option<(f64, f64)> {
        self.points.get(index).map(|p| p.at)
    }

    fn set_position(&mut self, index: usize, at: (f64, f64)) {
        if let Some(point) = self.points.get_mut(index) {
            point.at = at;
        }
    }

    fn push(&mut self, at: (f64, f64), class: Class) {
        self.points.push(LabeledPoint { at, class });
    }

    fn remove(&mut self, index: usize) {
        if index < self.points.len() {
            self.points.remove(index);
        }
    }
}
