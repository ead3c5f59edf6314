//! The triplet figure's numbers, from `crate::loss::metric::triplet`: d(a, p); for each negative
//! d(a, n), t = d(a, n) − d(a, p), its category (exactly the core's, ties included), its loss
//! max(0, m − t) and slope; the gradient of the mean loss on every point; one descent step.

use super::super::embedding::{coords, on_unit_circle};
use super::params::{TripletParams, ANCHOR, FIRST_NEGATIVE, POSITIVE};
use crate::figure::points::PointList;
use crate::loss::metric::distance::euclidean;
use crate::loss::metric::triplet::{Category, TripletMargin};

/// One triplet (a, p, n).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NegativeReading {
    pub d_an: f64,
    /// d(a, n) − d(a, p).
    pub t: f64,
    pub category: Category,
    pub loss: f64,
    /// dL/dt: −1 while the triplet is active, else 0.
    pub slope: f64,
}

/// All triplets of the figure.
#[derive(Debug, Clone, PartialEq)]
pub struct TripletReading {
    pub d_ap: f64,
    pub negatives: Vec<NegativeReading>,
    /// The mean loss over the triplets.
    pub mean: f64,
    /// How many triplets have a positive loss.
    pub active: usize,
    /// ∂(mean loss)/∂point, for every point (anchor, positive, negatives).
    pub grads: Vec<(f64, f64)>,
}

fn pair(v: &[f64]) -> (f64, f64) {
    (v.first().copied().unwrap_or(0.0), v.get(1).copied().unwrap_or(0.0))
}

/// The triplets of `points` (anchor, positive, negatives) under `margin`; `None` if the core
/// refuses them (a margin or point out of range, which the clamped parameters never give).
pub fn evaluate(points: &[(f64, f64)], margin: f64) -> Option<TripletReading> {
    let loss = TripletMargin::new(margin).ok()?;
    let (a, p) = (coords(*points.get(ANCHOR)?), coords(*points.get(POSITIVE)?));
    let d_ap = euclidean(&a, &p).ok()?;
    let negatives_at = points.get(FIRST_NEGATIVE..)?;
    let share = 1.0 / negatives_at.len().max(1) as f64;
    let mut grads = vec![(0.0, 0.0); points.len()];
    let mut negatives = Vec::with_capacity(negatives_at.len());
    for (i, n) in negatives_at.iter().enumerate() {
        let n = coords(*n);
        let d_an = euclidean(&a, &n).ok()?;
        let (value, grad) = loss.value_and_grad(&a, &p, &n).ok()?;
        for (index, g) in [(ANCHOR, &grad.anchor), (POSITIVE, &grad.positive), (FIRST_NEGATIVE + i, &grad.negative)] {
            let (gx, gy) = pair(g);
            grads[index].0 += share * gx;
            grads[index].1 += share * gy;
        }
        let slope = loss.element_derivative(d_ap, d_an).1;
        negatives.push(NegativeReading { d_an, t: d_an - d_ap, category: loss.category(d_ap, d_an), loss: value, slope });
    }
    let mean = negatives.iter().map(|n| n.loss).sum::<f64>() * share;
    let active = negatives.iter().filter(|n| n.loss > 0.0).count();
    Some(TripletReading { d_ap, negatives, mean, active, grads })
}

/// One step of gradient descent on the points (clamped to the plane, back onto the unit circle when
/// normalised); `None` when no triplet is active (nothing would move).
pub fn descend(points: &[(f64, f64)], params: &TripletParams) -> Option<Vec<(f64, f64)>> {
    let reading = evaluate(points, params.margin)?;
    if reading.active == 0 {
        return None;
    }
    let moved = points.iter().zip(&reading.grads).map(|(p, g)| {
        // Kept in the plane but not snapped to its grid: small steps must still move.
        let field = TripletParams::FIELD;
        let at = ((p.0 - params.rate * g.0).clamp(field.x.0, field.x.1), (p.1 - params.rate * g.1).clamp(field.y.0, field.y.1));
        if params.normalize {
            on_unit_circle(at)
        } else {
            at
        }
    });
    Some(moved.collect())
}

/// The points the figure shows: those trained so far, else the parameters' own.
pub fn current<'a>(params: &'a TripletParams, trained: &'a Option<Vec<(f64, f64)>>) -> &'a [(f64, f64)] {
    match trained {
        Some(points) if points.len() == params.len() => points,
        _ => &params.points,
    }
}
