//! The plane figure's numbers, all from `crate::loss::metric::circle`: the loss of the current form
//! over the similarity square as a heat map (an RGBA buffer, blitted), the gradient field as arrows,
//! the readings at the point and at the pointer, and one step of gradient descent on the point.
//!
//! The heat map's colour is a level of ln(1 + L) / ln(1 + L_max), L_max the largest loss on the grid,
//! in 256 steps. Since L = softplus(z) is increasing in z and z = a(s_n) + b(s_p) separates, each cell
//! costs one addition and a search among the 255 values of z where the level changes — no exp or log
//! per cell, so a 400 × 400 map is cheap enough to rebuild while a slider moves.

use super::params::{Arrows, PlaneParams};
use crate::figure::shared::{Recent, Shared};
use crate::loss::metric::circle::{Circle, Form};
use crate::loss::metric::distance::norm;
use crate::loss::num::{argsort, softplus};
use crate::plot::heatmap::ramp;

/// Cells per side of the heat map.
pub const HEAT_SIDE: usize = 400;
/// Colour levels of the heat map.
pub const LEVELS: usize = 256;
/// Arrows per side of the gradient field.
pub const FIELD_SIDE: usize = 11;
/// An arrow's length per unit of |∇L|/γ, in similarity units, and its longest.
const ARROW_PER_GRADIENT: f64 = 0.07;
const ARROW_MAX: f64 = 0.17;
/// Gradient descent: s ← s − (η/γ)·∇L (the gradient scales with γ; dividing keeps steps comparable).
pub const RATE: f64 = 0.02;
/// Training stops after this many steps, when the loss is below [`DONE_LOSS`] (σ(z) < 0.01: the
/// gradient is under 1 % of its full size), or when a step moves the point less than this.
pub const MAX_STEPS: u32 = 1500;
pub const DONE_LOSS: f64 = 0.01;
/// (A step this short means the gradient, after the square's edge stops it, is under 1 % of its unit.)
const SETTLED: f64 = RATE * 0.01;

/// The heat map of one form at one γ and m.
#[derive(Debug)]
pub struct Heat {
    /// `HEAT_SIDE`² cells, row 0 at the top (s_p = 1), 4 bytes a cell.
    pub rgba: Vec<u8>,
    /// The largest loss on the grid (the top of the colour scale).
    pub max: f64,
}

/// One arrow of the field: the descent direction −∇L at a point, scaled; `light` when drawn over a
/// dark cell (so it is drawn light).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldArrow {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub light: bool,
}

/// What the parameters give.
#[derive(Debug, PartialEq)]
pub struct PlaneData {
    pub circle: Option<Circle>,
    pub heat: Option<Shared<Heat>>,
    pub arrows: Vec<FieldArrow>,
}

/// The loss, its gradient and the weights at one point of the plane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub s_n: f64,
    pub s_p: f64,
    pub value: f64,
    /// ∂L/∂s_n, ∂L/∂s_p (α detached or differentiated, as the parameters say).
    pub d_n: f64,
    pub d_p: f64,
    pub alpha_n: f64,
    pub alpha_p: f64,
}

/// The centre of cell `i` of `n` across [−1, 1].
pub fn cell_centre(i: usize, n: usize) -> f64 {
    -1.0 + (i as f64 + 0.5) * 2.0 / n as f64
}

/// The colour level (0..LEVELS) of a loss value on a scale whose top is `max`.
pub fn level(value: f64, max: f64) -> usize {
    let top = max.ln_1p();
    if !(top > 0.0) || !(value > 0.0) {
        return 0;
    }
    ((value.ln_1p() / top * LEVELS as f64) as usize).min(LEVELS - 1)
}

/// The colour of level `k`.
pub fn level_colour(k: usize) -> [u8; 3] {
    ramp((k as f64 + 0.5) / LEVELS as f64)
}

/// The colour a loss value gets on a scale whose top is `max` (what a test compares a pixel with).
pub fn heat_colour(value: f64, max: f64) -> [u8; 3] {
    level_colour(level(value, max))
}

/// The heat map of `form`.
pub fn heat(circle: &Circle, form: Form) -> Heat {
    let n = HEAT_SIDE;
    let a: Vec<f64> = (0..n).map(|ix| circle.form_logit_n(form, cell_centre(ix, n))).collect();
    // Row 0 is the top: s_p = 1.
    let b: Vec<f64> = (0..n).map(|iy| circle.form_logit_p(form, -cell_centre(iy, n))).collect();
    let most = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let max = softplus(most(&a) + most(&b));
    let top = max.ln_1p();
    // z_k: where level k starts. L_k = e^{k·top/LEVELS} − 1, z_k = softplus⁻¹(L_k) = L_k + ln(1 − e^{−L_k}).
    let thresholds: Vec<f64> = (1..LEVELS)
        .map(|k| {
            let l = (k as f64 * top / LEVELS as f64).exp() - 1.0;
            if top > 0.0 {
                l + (-(-l).exp()).ln_1p()
            } else {
                f64::INFINITY
            }
        })
        .collect();
    let colours: Vec<[u8; 4]> = (0..LEVELS).map(|k| {
        let [r, g, b] = level_colour(k);
        [r, g, b, 255]
    }).collect();
    // Levels by a merge per row: with the columns in ascending order of a, z = a + b (rounded, so
    // still ascending) walks the thresholds forward once per row — each level is the number of
    // thresholds ≤ z, with no search per cell.
    let order = argsort(&a);
    let mut rgba = vec![0u8; n * n * 4];
    for (row, &bp) in rgba.chunks_exact_mut(n * 4).zip(&b) {
        let mut k = 0;
        for &ix in &order {
            let z = a[ix] + bp;
            while k < thresholds.len() && thresholds[k] <= z {
                k += 1;
            }
            let (cell, colour) = (&mut row[4 * ix..4 * ix + 4], colours[k]);
            // Four stores, not a copy: the size-optimised build calls memcpy for a slice copy.
            (cell[0], cell[1], cell[2], cell[3]) = (colour[0], colour[1], colour[2], colour[3]);
        }
    }
    Heat { rgba, max }
}

static HEAT: Recent<(Form, u64, u64), Heat> = Recent::new();

/// The parameters' data: the heat map (rebuilt only when the form, γ or m change) and the field.
pub fn build(params: &PlaneParams) -> PlaneData {
    let Ok(circle) = Circle::new(params.gamma, params.m) else { return PlaneData { circle: None, heat: None, arrows: Vec::new() } };
    let form = params.form();
    let heat = HEAT.get_or((form, params.gamma.to_bits(), params.m.to_bits()), || heat(&circle, form));
    let arrows = match params.arrows {
        Arrows::Off => Vec::new(),
        Arrows::Step => field(&circle, form, params.alpha_differentiated, &heat),
        Arrows::Linear => field(&circle, Form::Unified, false, &heat),
    };
    PlaneData { circle: Some(circle), heat: Some(heat), arrows }
}

/// The descent arrow at (s_n, s_p): −∇L scaled by [`ARROW_PER_GRADIENT`]/γ, at most [`ARROW_MAX`] long.
pub fn descent_arrow(circle: &Circle, form: Form, alpha_differentiated: bool, at: (f64, f64)) -> (f64, f64) {
    let (d_p, d_n) = circle.form_derivative(form, at.1, at.0, alpha_differentiated);
    let scale = ARROW_PER_GRADIENT / circle.gamma();
    let (dx, dy) = (-d_n * scale, -d_p * scale);
    let length = norm(&[dx, dy]);
    let shrink = if length > ARROW_MAX { ARROW_MAX / length } else { 1.0 };
    (at.0 + dx * shrink, at.1 + dy * shrink)
}

fn field(circle: &Circle, form: Form, alpha_differentiated: bool, heat: &Heat) -> Vec<FieldArrow> {
    let mut arrows = Vec::with_capacity(FIELD_SIDE * FIELD_SIDE);
    for iy in 0..FIELD_SIDE {
        for ix in 0..FIELD_SIDE {
            let from = (cell_centre(ix, FIELD_SIDE), cell_centre(iy, FIELD_SIDE));
            let to = descent_arrow(circle, form, alpha_differentiated, from);
            // The heat map's cell under the arrow's start (row 0 at the top).
            let (cx, cy) = (((from.0 + 1.0) / 2.0 * HEAT_SIDE as f64) as usize, ((1.0 - from.1) / 2.0 * HEAT_SIDE as f64) as usize);
            let at = (cy.min(HEAT_SIDE - 1) * HEAT_SIDE + cx.min(HEAT_SIDE - 1)) * 4;
            let light = heat.rgba.get(at..at + 3).is_some_and(|c| u32::from(c[0]) * 3 + u32::from(c[1]) * 6 + u32::from(c[2]) < 1280);
            arrows.push(FieldArrow { from, to, light });
        }
    }
    arrows
}

/// The reading of the parameters' form at (s_n, s_p).
pub fn reading(params: &PlaneParams, circle: &Circle, (s_n, s_p): (f64, f64)) -> Reading {
    let form = params.form();
    let (d_p, d_n) = circle.form_derivative(form, s_p, s_n, params.alpha_differentiated);
    let weighted = form != Form::Unified;
    Reading {
        s_n,
        s_p,
        value: circle.form_value(form, s_p, s_n),
        d_n,
        d_p,
        alpha_n: if weighted { (s_n + params.m).max(0.0) } else { 1.0 },
        alpha_p: if weighted { (1.0 + params.m - s_p).max(0.0) } else { 1.0 },
    }
}

/// One step of gradient descent from `at`, kept in the square; `None` when the loss there is below
/// [`DONE_LOSS`] or the step would not move it.
pub fn descend(params: &PlaneParams, circle: &Circle, at: (f64, f64)) -> Option<(f64, f64)> {
    if circle.form_value(params.form(), at.1, at.0) < DONE_LOSS {
        return None;
    }
    let (d_p, d_n) = circle.form_derivative(params.form(), at.1, at.0, params.alpha_differentiated);
    let step = RATE / circle.gamma();
    let to = ((at.0 - step * d_n).clamp(-1.0, 1.0), (at.1 - step * d_p).clamp(-1.0, 1.0));
    (norm(&[to.0 - at.0, to.1 - at.1]) >= SETTLED).then_some(to)
}
