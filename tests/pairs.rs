//! The "Pairs and triplets" chapter's figures, natively: every reading is the loss core's, the
//! gradient arrows are the true gradient of the mean loss (central differences), training stops
//! exactly when every triplet is easy, points on each other stay finite, and the plane keeps equal
//! scales on both axes.

use loss_lab::chapters::pairs::contrastive::{build as build_contrastive, ContrastiveParams, Effect, PAIRS};
use loss_lab::chapters::pairs::triplet::{descend, evaluate, TripletParams};
use loss_lab::loss::metric::contrastive::{Contrastive, ContrastiveForm};
use loss_lab::loss::metric::triplet::{Category, TripletMargin};
use loss_lab::plot::plane::equal_aspect;
use proptest::prelude::*;

fn mean_loss(points: &[(f64, f64)], margin: f64) -> f64 {
    evaluate(points, margin).unwrap().mean
}

#[test]
fn the_start_has_one_easy_one_semi_hard_and_one_hard_negative() {
    let params = TripletParams::default();
    let r = evaluate(&params.points, params.margin).unwrap();
    let categories: Vec<Category> = r.negatives.iter().map(|n| n.category).collect();
    assert_eq!(categories, [Category::Easy, Category::SemiHard, Category::Hard]);
    assert_eq!(r.active, 2);
    let loss = TripletMargin::new(params.margin).unwrap();
    let a = [params.points[0].0, params.points[0].1];
    let p = [params.points[1].0, params.points[1].1];
    for (k, n) in params.points[2..].iter().enumerate() {
        assert_eq!(r.negatives[k].loss, loss.value(&a, &p, &[n.0, n.1]).unwrap());
    }
}

#[test]
fn ties_are_categorised_as_the_core_does() {
    // d(a, p) = 1; a negative at exactly d(a, n) = 1 is hard, at exactly 1.5 = 1 + m semi-hard.
    let points = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (0.0, -1.5), (2.0, 0.0)];
    let r = evaluate(&points, 0.5).unwrap();
    assert_eq!(r.negatives[0].category, Category::Hard);
    assert_eq!(r.negatives[1].category, Category::SemiHard);
    assert_eq!(r.negatives[1].loss, 0.0, "on the outer ring: semi-hard with loss 0");
    assert_eq!(r.negatives[2].category, Category::Easy);
}

#[test]
fn training_moves_no_point_once_every_triplet_is_easy() {
    let mut params = TripletParams::default();
    let mut points = params.points.clone();
    let start = mean_loss(&points, params.margin);
    let mut steps = 0;
    while let Some(next) = descend(&points, &params) {
        points = next;
        steps += 1;
        assert!(steps < 5000, "training ends");
    }
    assert_eq!(mean_loss(&points, params.margin), 0.0, "it stops at loss 0 (from {start})");
    assert!(steps > 5, "it took {steps} steps");
    // Normalised: the points stay on the unit circle.
    params.normalize = true;
    let mut points = params.placed(&params.points);
    for _ in 0..50 {
        match descend(&points, &params) {
            Some(next) => points = next,
            None => break,
        }
        assert!(points.iter().all(|p| (p.0.hypot(p.1) - 1.0).abs() < 1e-12), "{points:?}");
    }
}

#[test]
fn points_on_each_other_give_finite_readings() {
    let same = [(0.5, 0.5); 5];
    let r = evaluate(&same, 0.5).unwrap();
    assert!(r.negatives.iter().all(|n| n.category == Category::Hard && n.loss == 0.5));
    assert!(r.grads.iter().all(|g| g.0 == 0.0 && g.1 == 0.0), "no direction, no gradient: {:?}", r.grads);
    let params = ContrastiveParams { points: vec![(0.0, 0.0); 2 * PAIRS], similar: [true, false, true, false], ..ContrastiveParams::default() };
    let data = build_contrastive(&params);
    for r in data.pairs.iter().map(|r| r.unwrap()) {
        assert_eq!(r.d, 0.0);
        assert_eq!(r.loss, if r.similar { 0.0 } else { params.margin });
        assert_eq!(r.grads, [(0.0, 0.0); 2]);
    }
}

#[test]
fn contrastive_readings_are_the_cores_and_say_what_the_gradient_does() {
    for form in [ContrastiveForm::Article, ContrastiveForm::Squared] {
        let params = ContrastiveParams { form, ..ContrastiveParams::default() };
        let data = build_contrastive(&params);
        let loss = Contrastive::new(params.margin, form).unwrap();
        for k in 0..PAIRS {
            let (a, b) = params.pair(k);
            let r = data.pairs[k].unwrap();
            assert_eq!(r.loss, loss.value(&[a.0, a.1], &[b.0, b.1], params.similar[k]).unwrap());
            let effect = match (params.similar[k], r.d < params.margin) {
                (true, _) => Effect::Pull,
                (false, true) => Effect::Push,
                (false, false) => Effect::Nothing,
            };
            assert_eq!(r.effect(), effect, "pair {k} in {form:?}");
        }
    }
}

#[test]
fn equal_aspect_gives_both_axes_the_same_scale_and_keeps_the_field() {
    for (w, h) in [(700.0, 460.0), (300.0, 600.0), (400.0, 266.0)] {
        let (x, y) = equal_aspect((-3.0, 3.0), (-2.0, 2.0), w, h);
        assert!(((w / (x.1 - x.0)) - (h / (y.1 - y.0))).abs() < 1e-9, "{w}×{h}: {x:?} {y:?}");
        assert!(x.0 <= -3.0 && x.1 >= 3.0 && y.0 <= -2.0 && y.1 >= 2.0);
    }
}

proptest! {
    /// The arrows are the gradient of the mean loss: central differences agree wherever no triplet
    /// sits on a kink.
    #[test]
    fn triplet_gradients_match_central_differences(coords in prop::collection::vec(-2.5f64..2.5, 10), margin in 0.0f64..2.0) {
        let points: Vec<(f64, f64)> = coords.chunks(2).map(|c| (c[0], c[1])).collect();
        let r = evaluate(&points, margin).unwrap();
        let kink = r.negatives.iter().any(|n| (margin - n.t).abs() < 1e-3) || r.d_ap < 1e-3 || r.negatives.iter().any(|n| n.d_an < 1e-3);
        prop_assume!(!kink);
        let h = 1e-6;
        for i in 0..points.len() {
            for axis in 0..2 {
                let shifted = |by: f64| {
                    let mut moved = points.clone();
                    if axis == 0 { moved[i].0 += by } else { moved[i].1 += by }
                    mean_loss(&moved, margin)
                };
                let numeric = (shifted(h) - shifted(-h)) / (2.0 * h);
                let analytic = if axis == 0 { r.grads[i].0 } else { r.grads[i].1 };
                prop_assert!((numeric - analytic).abs() < 1e-5, "point {i} axis {axis}: {numeric} vs {analytic}");
            }
        }
    }
}
