//! The binary cross-entropy figure's parameters and their URL form: `bce.axis=p|z`, `bce.y`,
//! `bce.zmax`.

use crate::figure::query::{FigureQuery, LinearRange, LogRange, QueryWriter, Scale, UrlState};

/// What the horizontal axis shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BceAxis {
    /// The predicted probability p ∈ [0, 1].
    P,
    /// The logit z (p = σ(z)).
    Logit,
}

impl BceAxis {
    pub const ALL: [BceAxis; 2] = [BceAxis::P, BceAxis::Logit];

    pub fn key(self) -> &'static str {
        match self {
            BceAxis::P => "p",
            BceAxis::Logit => "z",
        }
    }
}

/// Parameters of the binary cross-entropy figure.
#[derive(Debug, Clone, PartialEq)]
pub struct BceParams {
    pub axis: BceAxis,
    /// The label y ∈ [0, 1] (between 0 and 1: a soft label).
    pub y: f64,
    /// The logit axis runs over [−zmax, zmax].
    pub zmax: f64,
}

impl BceParams {
    pub const Y: LinearRange = LinearRange { min: 0.0, max: 1.0, step: 0.01 };
    /// Up to ±500: far beyond where σ(z) rounds to 0 in float32 (z ≈ −104) and where PyTorch's clamp
    /// of ln p at −100 starts (z ≈ −100).
    pub const ZMAX: LogRange = LogRange { min: 2.0, max: 500.0, steps: 240 };
    pub const DEFAULT_Y: f64 = 1.0;
    pub const DEFAULT_ZMAX: f64 = 8.0;
}

impl Default for BceParams {
    fn default() -> Self {
        BceParams { axis: BceAxis::P, y: Self::DEFAULT_Y, zmax: Self::DEFAULT_ZMAX }
    }
}

impl UrlState for BceParams {
    fn read(query: &FigureQuery<'_>) -> BceParams {
        let axis = query.raw("axis").and_then(|key| BceAxis::ALL.into_iter().find(|a| a.key() == key)).unwrap_or(BceAxis::P);
        BceParams {
            axis,
            y: query.scaled("y", &Scale::Linear(Self::Y), Self::DEFAULT_Y),
            zmax: query.scaled("zmax", &Scale::Log(Self::ZMAX), Self::DEFAULT_ZMAX),
        }
    }

    fn write(&self, out: &mut QueryWriter<'_>) {
        out.text("axis", self.axis.key());
        out.number("y", self.y);
        out.number("zmax", self.zmax);
    }
}
