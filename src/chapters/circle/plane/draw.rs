//! The plane figure's canvas: s_n across, s_p up, over the similarity square [−1, 1]²; the loss as
//! a heat map, the current form's decision boundary (and the linear one for comparison), the
//! gradient field, the paper's points A, B, C with their descent arrows, and the draggable point
//! with its arrow and its path under gradient descent.

use super::super::texts;
use super::data::{descent_arrow, FieldArrow, Heat, PlaneData, HEAT_SIDE};
use super::params::PlaneParams;
use crate::loss::metric::circle::{Boundary, Circle, Form};
use crate::plot::heatmap::draw_heatmap;
use crate::plot::panel::{draw_axes_and_title, map_of, AxesStyle, DrawResult};
use crate::plot::plane::{circle as circle_polygon, equal_panel};
use crate::plot::series::draw_marker;
use crate::plot::shapes::{arrow, dashed, dot, label, line};
use crate::plot::{Ctx, Frame2, Marker, SeriesColor};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The similarity square.
pub const SQUARE: (f64, f64) = (-1.0, 1.0);

/// Points like the paper's Fig. 1 (a) A, B, C (s_n, s_p): A has s_n near 0 already but a small s_p,
/// C is far from every optimum — the linear form still gives all three the same gradient. All three
/// are outside the boundary of every step at the start's m = 0.25, so their arrows can be compared.
pub const PAPER_POINTS: [(&str, (f64, f64)); 3] = [("A", (0.1, -0.3)), ("B", (0.45, 0.1)), ("C", (0.85, 0.55))];

const BOUNDARY: SeriesColor = SeriesColor::Vermillion;
const LINEAR: SeriesColor = SeriesColor::Sky;
const PATH: SeriesColor = SeriesColor::Orange;

/// The base layer: the axes, s_n's name under them (s_p's is drawn over the heat map, see
/// [`draw_scene`]).
pub fn draw_base<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx) -> DrawResult<Frame2, DB> {
    let (mut chart, x, y) = equal_panel(area, ctx, SQUARE, SQUARE)?;
    let style = AxesStyle { x_ticks: 9, y_ticks: 9, tick_size: 12.0, title_size: 13.0, x_desc: Some(ctx.t(texts::PLANE_X_AXIS)) };
    draw_axes_and_title(&mut chart, &style, "", ctx)?;
    let (x, y) = map_of(&chart, x, y);
    Ok(Frame2 { x, y })
}

/// A boundary's polylines inside the square: a line, or the arc where s_n > −m (a circle is cut
/// where it leaves the square) and the flat line where s_n ≤ −m.
fn boundary_lines(boundary: Boundary, m: f64) -> Vec<Vec<(f64, f64)>> {
    let inside = |p: &(f64, f64)| (-m..=1.0).contains(&p.0) && (-1.0..=1.0).contains(&p.1);
    match boundary {
        Boundary::Line(l) => {
            let lo = (-1.0f64).max(-1.0 - l.offset);
            let hi = 1.0f64.min(1.0 - l.offset);
            if lo > hi {
                Vec::new()
            } else {
                vec![vec![(lo, lo + l.offset), (hi, hi + l.offset)]]
            }
        }
        Boundary::Arc { circle: c, flat_s_p } => {
            let mut ring = circle_polygon((c.center_s_n, c.center_s_p), c.radius);
            if let Some(&first) = ring.first() {
                ring.push(first);
            }
            // Start the walk outside the kept part, so no run is split at the polygon's seam.
            let start = ring.iter().position(|p| !inside(p)).unwrap_or(0);
            let mut runs: Vec<Vec<(f64, f64)>> = vec![vec![(-1.0, flat_s_p), (-m, flat_s_p)]];
            let mut run = Vec::new();
            for p in ring[start..].iter().chain(&ring[..start]) {
                if inside(p) {
                    run.push(*p);
                } else if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
            if !run.is_empty() {
                runs.push(run);
            }
            runs
        }
    }
}

/// What the plane shows under the point: everything the parameters other than the point decide (the
/// heat map, the gradient field, the boundaries, the paper's points A, B, C and their arrows). On a
/// canvas it is drawn once per γ, m, step or arrow choice and copied on every pointer move, drag of
/// the point or step of descent (`plot::canvas::cached_layer`).
pub struct Scene<'a> {
    pub circle: Option<Circle>,
    pub heat: Option<&'a Heat>,
    pub arrows: &'a [FieldArrow],
    pub form: Form,
    pub m: f64,
    pub alpha_differentiated: bool,
}

impl Scene<'_> {
    pub fn of<'a>(params: &PlaneParams, data: &'a PlaneData) -> Scene<'a> {
        Scene {
            circle: data.circle,
            heat: data.heat.as_deref(),
            arrows: &data.arrows,
            form: params.form(),
            m: params.m,
            alpha_differentiated: params.alpha_differentiated,
        }
    }

    /// A number that differs between scenes that look different, in a theme, language and pixel
    /// ratio (FNV-1a over what draws them; the heat map by its address: one map per γ, m and step).
    pub fn key(&self, ctx: &Ctx) -> u64 {
        let heat = self.heat.map_or(0, |h| h as *const Heat as usize as u64);
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        let mut add = |w: u64| h = (h ^ w).wrapping_mul(0x0100_0000_01b3);
        for w in [heat, self.form as u64, self.m.to_bits(), u64::from(self.alpha_differentiated), ctx.theme as u64, ctx.locale as u64, ctx.layout.scale.to_bits()] {
            add(w);
        }
        for a in self.arrows {
            add(a.from.0.to_bits() ^ a.to.1.to_bits().rotate_left(17));
            add(a.from.1.to_bits() ^ a.to.0.to_bits().rotate_left(31) ^ u64::from(a.light));
        }
        h
    }
}

/// The scene, over the axes [`draw_base`] drew.
pub fn draw_scene<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, scene: &Scene<'_>) -> DrawResult<(), DB> {
    let (mut chart, _, _) = equal_panel(area, ctx, SQUARE, SQUARE)?;
    if let Some(heat) = scene.heat {
        let side = HEAT_SIDE as u32;
        draw_heatmap(&mut chart, &heat.rgba, (side, side), SQUARE, SQUARE)?;
    }
    // s_p's name, over the top left of the map (the loss is low there in every form: a dark ground).
    label(&mut chart, (SQUARE.0, SQUARE.1), (ctx.px(6.0) as i32, ctx.px(4.0) as i32), ctx.t(texts::PLANE_Y_AXIS), ctx.font(13.0), RGBColor(255, 255, 255))?;
    let Some(circle) = &scene.circle else { return Ok(()) };
    let form = scene.form;
    let field_head = f64::from(ctx.px(5.0));
    let (light, dark) = (RGBColor(255, 255, 255).mix(0.8), RGBColor(0, 0, 0).mix(0.7));
    for a in scene.arrows {
        arrow(&mut chart, a.from, a.to, field_head, (if a.light { light } else { dark }).stroke_width(ctx.line(1.2)))?;
    }
    // The linear boundary for comparison (dashed), then the current form's (solid, on a dark casing).
    if form != Form::Unified {
        for run in boundary_lines(circle.form_boundary(Form::Unified), scene.m) {
            dashed(&mut chart, run, ctx.line(7.0) as i32, ctx.line(5.0) as i32, ctx.series(LINEAR).stroke_width(ctx.line(2.5)))?;
        }
    }
    for run in boundary_lines(circle.form_boundary(form), scene.m) {
        line(&mut chart, run.clone(), RGBColor(0, 0, 0).mix(0.6).stroke_width(ctx.line(5.0)))?;
        line(&mut chart, run, ctx.series(BOUNDARY).stroke_width(ctx.line(2.5)))?;
    }
    let text = RGBColor(255, 255, 255);
    let head = f64::from(ctx.px(9.0));
    for (name, at) in PAPER_POINTS {
        let to = descent_arrow(circle, form, scene.alpha_differentiated, at);
        arrow(&mut chart, at, to, head, text.stroke_width(ctx.line(2.5)))?;
        dot(&mut chart, at, ctx.line(4.0) as i32, text.filled())?;
        label(&mut chart, at, (ctx.px(6.0) as i32, ctx.px(2.0) as i32), name, ctx.font(14.0), text)?;
    }
    Ok(())
}

/// The scene, then what moves: the path of gradient descent, the point `at` with its arrow (under
/// the scene's form), the selection ring and the pointer's probe.
pub fn draw_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    scene: &Scene<'_>,
    at: (f64, f64),
    path: &[(f64, f64)],
    selected: bool,
    probe: Option<(f64, f64)>,
) -> DrawResult<(), DB> {
    #[cfg(target_arch = "wasm32")]
    let copied = crate::plot::canvas::on_canvas() && crate::plot::canvas::cached_layer(scene.key(ctx), |root| draw_scene(root, ctx, scene).is_ok());
    #[cfg(not(target_arch = "wasm32"))]
    let copied = false;
    if !copied {
        draw_scene(area, ctx, scene)?;
    }
    let (mut chart, _, _) = equal_panel(area, ctx, SQUARE, SQUARE)?;
    let palette = ctx.palette();
    let Some(circle) = scene.circle.as_ref() else { return Ok(()) };
    let head = f64::from(ctx.px(9.0));
    let text = RGBColor(255, 255, 255);
    if path.len() > 1 {
        line(&mut chart, path.to_vec(), ctx.series(PATH).stroke_width(ctx.line(2.5)))?;
    }
    let to = descent_arrow(circle, scene.form, scene.alpha_differentiated, at);
    arrow(&mut chart, at, to, head, palette.text.stroke_width(ctx.line(3.0)))?;
    draw_marker(&mut chart, at, Marker::Circle, ctx.line(8.0) as i32, ctx.series(PATH), ctx)?;
    if selected {
        dot(&mut chart, at, ctx.line(15.0) as i32, palette.selected.stroke_width(ctx.line(2.5)))?;
    }
    if let Some(p) = probe {
        // A ring around the probed cell, leaving the cell itself visible.
        dot(&mut chart, p, ctx.px(7.0) as i32, text.stroke_width(ctx.line(1.5)))?;
    }
    Ok(())
}
