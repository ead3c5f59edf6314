//! What the contrastive figure shows, from `crate::loss::metric::contrastive`: each pair's distance,
//! loss, slope dL/dd and the gradient on both points; the loss-against-distance curves.

use super::params::{ContrastiveParams, PAIRS};
use crate::loss::metric::contrastive::{Contrastive, ContrastiveForm};
use crate::loss::sample::sample_curve;
use crate::plot::curves::{CurveAxes, OwnedCurve};
use crate::plot::{Dash, Marker, Series, SeriesColor};
use super::super::embedding::coords;

/// Similar pairs are drawn in blue with solid lines, dissimilar pairs in vermillion, dashed.
pub const SIMILAR: Series = Series::new(SeriesColor::Blue, Dash::Solid, Marker::Circle);
pub const DISSIMILAR: Series = Series::new(SeriesColor::Vermillion, Dash::Dashed, Marker::Square);

/// Points sampled per curve.
const SAMPLES: usize = 201;

/// The curves' axes in each form (the squared form grows faster).
pub fn axes(form: ContrastiveForm) -> CurveAxes {
    match form {
        ContrastiveForm::Article => CurveAxes { x: (0.0, 3.5), loss: (-0.1, 3.5), grad: (-1.6, 1.6) },
        ContrastiveForm::Squared => CurveAxes { x: (0.0, 3.5), loss: (-0.25, 9.0), grad: (-6.5, 7.5) },
    }
}

pub fn series(similar: bool) -> Series {
    if similar {
        SIMILAR
    } else {
        DISSIMILAR
    }
}

/// What the loss does to a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// A similar pair: pulled together.
    Pull,
    /// A dissimilar pair inside the margin: pushed apart.
    Push,
    /// Loss 0 and no gradient: the network does not update.
    Nothing,
}

/// One pair as the loss core sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairReading {
    pub similar: bool,
    pub d: f64,
    pub loss: f64,
    /// dL/dd.
    pub slope: f64,
    /// ∂L/∂x₁ and ∂L/∂x₂.
    pub grads: [(f64, f64); 2],
}

impl PairReading {
    pub fn effect(&self) -> Effect {
        if self.slope > 0.0 {
            Effect::Pull
        } else if self.slope < 0.0 {
            Effect::Push
        } else {
            Effect::Nothing
        }
    }
}

/// Everything the figure draws and reads out.
#[derive(Debug, Clone, PartialEq)]
pub struct ContrastiveData {
    /// Each pair (`None`: the core refused it, which the clamped parameters never give).
    pub pairs: Vec<Option<PairReading>>,
    /// The mean loss over the pairs.
    pub mean: Option<f64>,
    pub similar_curve: OwnedCurve,
    pub dissimilar_curve: OwnedCurve,
}

fn reading(loss: &Contrastive, params: &ContrastiveParams, k: usize) -> Option<PairReading> {
    let (a, b) = params.pair(k);
    let similar = params.similar[k];
    let (value, grad) = loss.value_and_grad(&coords(a), &coords(b), similar).ok()?;
    let d = crate::loss::metric::distance::euclidean(&coords(a), &coords(b)).ok()?;
    let g = |v: &[f64]| (v.first().copied().unwrap_or(0.0), v.get(1).copied().unwrap_or(0.0));
    Some(PairReading { similar, d, loss: value, slope: loss.element_derivative(d, similar), grads: [g(&grad.x1), g(&grad.x2)] })
}

fn curve(loss: &Contrastive, form: ContrastiveForm, similar: bool) -> OwnedCurve {
    let x = axes(form).x;
    let kinks = loss.kinks(similar);
    // The curves carry no markers: the marks on them are the pairs.
    OwnedCurve {
        series: Series { marker: Marker::None, ..series(similar) },
        loss: sample_curve(|d| loss.element(d, similar), x.0, x.1, SAMPLES, &kinks),
        grad: sample_curve(|d| loss.element_derivative(d, similar), x.0, x.1, SAMPLES, &kinks),
    }
}

pub fn build(params: &ContrastiveParams) -> ContrastiveData {
    let Ok(loss) = Contrastive::new(params.margin, params.form) else {
        let empty = OwnedCurve { series: SIMILAR, loss: Vec::new(), grad: Vec::new() };
        return ContrastiveData { pairs: vec![None; PAIRS], mean: None, similar_curve: empty.clone(), dissimilar_curve: empty };
    };
    let pairs: Vec<Option<PairReading>> = (0..PAIRS).map(|k| reading(&loss, params, k)).collect();
    let mean = pairs.iter().map(|r| r.map(|r| r.loss)).sum::<Option<f64>>().map(|sum| sum / PAIRS as f64);
    ContrastiveData { pairs, mean, similar_curve: curve(&loss, params.form, true), dissimilar_curve: curve(&loss, params.form, false) }
}
