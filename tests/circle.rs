//! The Circle loss chapter: the three forms of the core (values, gradients against central
//! differences, boundaries in closed form), the heat map against the core cell by cell, gradient
//! descent moving the point inside, the weights figure's breakdown and saturations, and the URL.

use loss_lab::chapters::circle::plane::data::{self, cell_centre, heat, level, HEAT_SIDE};
use loss_lab::chapters::circle::plane::{descend, PlaneParams, STEPS};
use loss_lab::chapters::circle::weights::{breakdown, saturations, Saturation, WeightsParams};
use loss_lab::figure::query::Query;
use loss_lab::figure::{params_from, query_of};
use loss_lab::chapters::circle::plane::PlaneFigure;
use loss_lab::chapters::circle::weights::WeightsFigure;
use loss_lab::loss::metric::circle::{Boundary, Circle, Form};
use loss_lab::loss::num::sigmoid;

const FORMS: [Form; 3] = [Form::Unified, Form::SelfPaced, Form::Circle];

fn z(c: &Circle, form: Form, s_p: f64, s_n: f64) -> f64 {
    c.form_logit_n(form, s_n) + c.form_logit_p(form, s_p)
}

#[test]
fn the_circle_form_is_the_cores_circle_loss() {
    let c = Circle::new(64.0, 0.25).unwrap();
    for (s_p, s_n) in [(0.9, 0.1), (-1.0, 1.0), (0.3, -0.5), (1.0, -1.0)] {
        assert_eq!(c.form_value(Form::Circle, s_p, s_n), c.element(s_p, s_n));
        assert_eq!(c.form_derivative(Form::Circle, s_p, s_n, false), c.element_derivative(s_p, s_n));
        let list = c.value(&[s_p], &[s_n]).unwrap();
        assert!((list - c.element(s_p, s_n)).abs() <= 1e-12 * list.max(1.0));
        let alpha = c.grad_alpha_differentiated(&[s_p], &[s_n]).unwrap();
        let (dp, dn) = c.form_derivative(Form::Circle, s_p, s_n, true);
        assert!((alpha.s_p[0] - dp).abs() <= 1e-9 * dp.abs().max(1.0) && (alpha.s_n[0] - dn).abs() <= 1e-9 * dn.abs().max(1.0));
    }
}

#[test]
fn each_forms_gradient_matches_central_differences() {
    let c = Circle::new(3.0, 0.3).unwrap();
    let h = 1e-6;
    for form in FORMS {
        for alpha in [false, true] {
            for i in 0..9 {
                for j in 0..9 {
                    // Away from the kink at s_n = −m.
                    let (s_p, s_n) = (-0.95 + 0.23 * i as f64, -0.93 + 0.229 * j as f64);
                    let (dp, dn) = c.form_derivative(form, s_p, s_n, alpha);
                    if alpha || form == Form::Unified {
                        let num_p = (c.form_value(form, s_p + h, s_n) - c.form_value(form, s_p - h, s_n)) / (2.0 * h);
                        let num_n = (c.form_value(form, s_p, s_n + h) - c.form_value(form, s_p, s_n - h)) / (2.0 * h);
                        assert!((dp - num_p).abs() < 1e-6 * (1.0 + num_p.abs()), "{form:?} ∂s_p at ({s_n}, {s_p}): {dp} vs {num_p}");
                        assert!((dn - num_n).abs() < 1e-6 * (1.0 + num_n.abs()), "{form:?} ∂s_n at ({s_n}, {s_p}): {dn} vs {num_n}");
                    } else {
                        // Detached: σ(z)·γ·(−α_p, α_n).
                        let sz = sigmoid(z(&c, form, s_p, s_n));
                        assert!((dp + sz * 3.0 * (1.3 - s_p)).abs() < 1e-12);
                        assert!((dn - sz * 3.0 * (s_n + 0.3).max(0.0)).abs() < 1e-12);
                    }
                }
            }
        }
    }
}

#[test]
fn each_boundary_in_closed_form_is_where_z_is_zero() {
    for m in [0.0, 0.1, 0.25, 0.4, 0.5] {
        let c = Circle::new(10.0, m).unwrap();
        for form in FORMS {
            let on: Vec<(f64, f64)> = match c.form_boundary(form) {
                Boundary::Line(l) => (0..21).map(|i| -1.0 + 0.1 * i as f64).map(|x| (x, x + l.offset)).collect(),
                Boundary::Arc { circle, flat_s_p } => {
                    let mut points: Vec<(f64, f64)> = (0..64)
                        .map(|k| k as f64 * std::f64::consts::TAU / 64.0)
                        .map(|t| (circle.center_s_n + circle.radius * t.cos(), circle.center_s_p + circle.radius * t.sin()))
                        .filter(|p| p.0 > -m && p.1 <= 1.0)
                        .collect();
                    points.extend([(-1.0, flat_s_p), (-0.5 - m, flat_s_p), (-m - 1e-9, flat_s_p)]);
                    points
                }
            };
            for (s_n, s_p) in on {
                let z = z(&c, form, s_p, s_n);
                assert!(z.abs() < 1e-9, "{form:?} m = {m}: z({s_n}, {s_p}) = {z}");
            }
        }
        if let Boundary::Arc { circle, .. } = c.form_boundary(Form::Circle) {
            assert!((circle.radius - std::f64::consts::SQRT_2 * m).abs() < 1e-15, "radius √2·m");
        }
    }
}

#[test]
fn the_heat_map_is_the_cores_loss_cell_by_cell() {
    for (gamma, m) in [(1.0, 0.0), (32.0, 0.25), (256.0, 0.25), (512.0, 0.5)] {
        let c = Circle::new(gamma, m).unwrap();
        for form in FORMS {
            let h = heat(&c, form);
            assert_eq!(h.rgba.len(), HEAT_SIDE * HEAT_SIDE * 4);
            assert!(h.max.is_finite() && h.max > 0.0);
            for iy in (0..HEAT_SIDE).step_by(7) {
                for ix in (0..HEAT_SIDE).step_by(11) {
                    let (s_n, s_p) = (cell_centre(ix, HEAT_SIDE), -cell_centre(iy, HEAT_SIDE));
                    let want = level(c.form_value(form, s_p, s_n), h.max);
                    let at = (iy * HEAT_SIDE + ix) * 4;
                    let got = (0..data::LEVELS).filter(|&k| data::level_colour(k) == [h.rgba[at], h.rgba[at + 1], h.rgba[at + 2]]).collect::<Vec<_>>();
                    assert!(got.iter().any(|&k| k.abs_diff(want) <= 1), "γ {gamma} m {m} {form:?} cell ({ix}, {iy}): levels {got:?}, the core's {want}");
                }
            }
        }
    }
}

#[test]
fn extreme_settings_stay_finite() {
    let c = Circle::new(512.0, 0.5).unwrap();
    for form in FORMS {
        for alpha in [false, true] {
            let v = c.form_value(form, -1.0, 1.0);
            let (dp, dn) = c.form_derivative(form, -1.0, 1.0, alpha);
            assert!(v.is_finite() && dp.is_finite() && dn.is_finite(), "{form:?}: {v} {dp} {dn}");
        }
    }
    let b = Circle::new(512.0, 0.0).unwrap().breakdown(&[-1.0, 1.0], &[1.0, -1.0]).unwrap();
    assert!(b.value.is_finite() && b.z.is_finite());
}

#[test]
fn gradient_descent_moves_the_point_inside_the_boundary() {
    for step in 0..3 {
        for alpha in [false, true] {
            let params = PlaneParams { step, alpha_differentiated: alpha, ..PlaneParams::default() };
            let c = Circle::new(params.gamma, params.m).unwrap();
            let form = params.form();
            let mut at = params.at;
            let start = z(&c, form, at.1, at.0);
            assert!(start > 0.0, "the start is outside");
            let mut steps = 0;
            while let Some(next) = descend(&params, &c, at) {
                at = next;
                steps += 1;
                if steps > 5000 {
                    break;
                }
            }
            let end = z(&c, form, at.1, at.0);
            assert!(end < 0.0, "step {} α {alpha}: z {start} → {end} after {steps} steps", step + 1);
            assert!(steps < 600, "step {} α {alpha}: done in {steps} steps (10 s at 60 fps)", step + 1);
            eprintln!("step {} α {alpha}: {steps} steps, z {end}", step + 1);
        }
    }
    assert_eq!(STEPS.len(), 3);
}

#[test]
fn weights_add_up_to_one_and_saturate_as_gamma_grows() {
    let params = WeightsParams::default();
    let b = breakdown(&params).unwrap();
    for w in [&b.weight_p, &b.weight_n] {
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
    assert!(saturations(&b).is_empty(), "the start is not saturated: {:?}", saturations(&b));
    let (value, grad) = Circle::new(params.gamma, params.m).unwrap().value_and_grad(&params.s_p, &params.s_n).unwrap();
    assert_eq!(value, b.value);
    assert_eq!(grad, b.grad);
    let sharp = breakdown(&WeightsParams { gamma: 256.0, ..WeightsParams::default() }).unwrap();
    let found = saturations(&sharp);
    assert!(found.contains(&Saturation::OnePair) && found.contains(&Saturation::Linear), "{found:?}");
    let done = WeightsParams { gamma: 256.0, s_p: vec![0.95, 0.9], s_n: vec![0.0, -0.1], ..WeightsParams::default() };
    assert!(saturations(&breakdown(&done).unwrap()).contains(&Saturation::Flat));
}

#[test]
fn links_reproduce_both_figures() {
    let plane = PlaneParams { step: 2, gamma: 256.0, m: 0.4, alpha_differentiated: true, at: (-0.3, 0.55), ..PlaneParams::default() };
    let query = Query::parse(&query_of::<PlaneFigure>(&plane));
    assert_eq!(params_from::<PlaneFigure>(&query), plane);
    let weights = WeightsParams { gamma: 80.0, s_p: vec![0.5, -0.25], s_n: vec![0.75, 0.1, -1.0, 0.2], ..WeightsParams::default() };
    let query = Query::parse(&query_of::<WeightsFigure>(&weights));
    assert_eq!(params_from::<WeightsFigure>(&query), weights);
    // Garbage gives a sensible figure.
    let odd = params_from::<WeightsFigure>(&Query::parse("weights.sp=NaN,,x&weights.sn=9,-9&weights.g=-4&plane.step=7"));
    assert_eq!(odd.s_p, WeightsParams::START_P.to_vec());
    assert_eq!(odd.s_n, vec![1.0, -1.0]);
    assert_eq!(odd.gamma, 1.0);
}

#[test]
fn the_papers_points_are_outside_every_boundary_at_the_start() {
    use loss_lab::chapters::circle::plane::draw::PAPER_POINTS;
    let start = PlaneParams::default();
    let c = Circle::new(start.gamma, start.m).unwrap();
    for form in FORMS {
        for (name, (s_n, s_p)) in PAPER_POINTS {
            assert!(z(&c, form, s_p, s_n) > 1.0, "{name} is outside the {form:?} boundary");
        }
    }
}
