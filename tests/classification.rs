//! The Classification chapter's figures, natively: the numbers their texts promise, extremes that
//! must show ∞ (never NaN), and the classifier lab's training behaviour on its presets.

use loss_lab::chapters::classification::bce::{reading, BceAxis, BceParams};
use loss_lab::chapters::classification::classifier::{build as build_lab, point_reading, summary, Class, ClassifierParams, LossChoice, Preset, INITIAL};
use loss_lab::chapters::classification::margins::{focal_share, readings, MarginCurve, MarginParams};
use loss_lab::figure::{params_from, query_of, Query};
use loss_lab::loss::linear::Linear;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn bce_extremes_are_infinite_or_clamped_never_nan() {
    let p_axis = BceParams { axis: BceAxis::P, y: 1.0, zmax: 8.0 };
    let at_zero = reading(&p_axis, 0.0);
    assert_eq!(at_zero.exact, f64::INFINITY);
    assert_eq!(at_zero.torch, 100.0);
    assert_eq!(at_zero.grad_p, f64::NEG_INFINITY);
    assert_eq!(at_zero.grad_z, -1.0);
    let at_one = reading(&p_axis, 1.0);
    assert_eq!((at_one.exact, at_one.torch), (0.0, 0.0));
    let z_axis = BceParams { axis: BceAxis::Logit, y: 1.0, zmax: 500.0 };
    let far = reading(&z_axis, -500.0);
    assert_eq!(far.exact, 500.0);
    assert_eq!(far.torch, 100.0);
    for y in [0.0, 0.3, 1.0] {
        for axis in [BceAxis::P, BceAxis::Logit] {
            let params = BceParams { axis, y, zmax: 500.0 };
            let (lo, hi) = if axis == BceAxis::P { (0.0, 1.0) } else { (-500.0, 500.0) };
            for i in 0..=1000 {
                let r = reading(&params, lo + (hi - lo) * f64::from(i) / 1000.0);
                for v in [r.p, r.z, r.exact, r.torch, r.grad_p, r.grad_z] {
                    assert!(!v.is_nan(), "{axis:?} y = {y}: {r:?}");
                }
            }
        }
    }
}

#[test]
fn bce_try_this_numbers_hold() {
    let r = reading(&BceParams { axis: BceAxis::P, y: 1.0, zmax: 8.0 }, 0.01);
    assert!(close(r.exact, 4.605, 1e-3) && close(r.grad_p, -100.0, 1e-9) && close(r.grad_z, -0.99, 1e-12), "{r:?}");
    // A soft label's minimum is at p = y, where the gradient is 0 and the loss is y's entropy.
    let soft = BceParams { axis: BceAxis::P, y: 0.3, zmax: 8.0 };
    let at = reading(&soft, 0.3);
    assert!(at.grad_p.abs() < 1e-12 && at.exact > 0.6);
    assert!(reading(&soft, 0.29).exact > at.exact && reading(&soft, 0.31).exact > at.exact);
    // The clamp starts near z = −100 on the logit axis.
    let z = BceParams { axis: BceAxis::Logit, y: 1.0, zmax: 500.0 };
    assert_eq!(reading(&z, -99.0).torch, reading(&z, -99.0).exact);
    assert_eq!(reading(&z, -101.0).torch, 100.0);
}

#[test]
fn margin_try_this_numbers_hold() {
    let mut params = MarginParams::default();
    let slope = |params: &MarginParams, curve: MarginCurve, m: f64| readings(params, m).into_iter().find(|r| r.curve == curve).map(|r| r.slope);
    assert_eq!(slope(&params, MarginCurve::Hinge, -2.0), Some(-1.0));
    assert_eq!(slope(&params, MarginCurve::SquaredHinge, -2.0), Some(-6.0));
    assert!(close(slope(&params, MarginCurve::Logistic, -2.0).unwrap(), -0.8808, 1e-4));
    for m in [1.0, 1.5, 2.0, 3.0] {
        assert_eq!(slope(&params, MarginCurve::Hinge, m), Some(0.0));
        assert!(slope(&params, MarginCurve::Logistic, m).unwrap() < 0.0, "the logistic slope is never 0");
    }
    params.set_shown(MarginCurve::Focal, true);
    params.gamma = 5.0;
    assert!(focal_share(&params, 2.0).unwrap() < 0.01, "γ = 5 keeps under 1 % at m = 2");
    assert!(focal_share(&params, -2.0).unwrap() > 0.5, "a hard example keeps most of its loss");
    params.gamma = 0.0;
    assert_eq!(focal_share(&params, 0.7), Some(1.0));
}

fn train(params: &ClassifierParams, steps: usize) -> Linear {
    let data = build_lab(params);
    (0..steps).fold(INITIAL, |model, _| data.step(&model).unwrap())
}

#[test]
fn hinge_silences_the_far_point_and_least_squares_is_pulled_by_it() {
    let mut params = ClassifierParams::with_preset(Preset::Outlier);
    let far = params.points.iter().position(|p| p.at == Preset::FAR).unwrap();
    assert_eq!(params.points[far].class, Class::A);
    params.loss = LossChoice::Hinge;
    let data = build_lab(&params);
    let before = summary(&data, &INITIAL).unwrap();
    let hinge = train(&params, 600);
    let after = summary(&data, &hinge).unwrap();
    assert!(after.mean_loss < before.mean_loss / 4.0, "training lowers the loss: {before:?} → {after:?}");
    assert_eq!(after.errors, 0, "the clusters are separable");
    let far_reading = point_reading(&data, &hinge, far).unwrap();
    assert!(far_reading.margin > 1.0 && far_reading.slope == 0.0, "beyond the margin: exactly zero gradient, {far_reading:?}");
    assert!(after.zero >= 5, "most points end beyond the margin: {after:?}");

    params.loss = LossChoice::Squares;
    let squares_data = build_lab(&params);
    let squares = train(&params, 600);
    let far_squares = point_reading(&squares_data, &squares, far).unwrap();
    assert!(far_squares.slope > 0.0, "least squares pulls the far, correct point's score down towards +1: {far_squares:?}");
    // Without the far point, least squares puts the line elsewhere: the point moved it.
    let mut without = params.clone();
    without.points.remove(far);
    let alone = train(&without, 600);
    let moved = (squares.w[0] - alone.w[0]).abs() + (squares.w[1] - alone.w[1]).abs() + (squares.b - alone.b).abs();
    assert!(moved > 0.05, "the far point moves the least-squares line by {moved}");
    params.loss = LossChoice::Logistic;
    let logistic_data = build_lab(&params);
    let logistic = train(&params, 600);
    assert_eq!(summary(&logistic_data, &logistic).unwrap().zero, 0, "under the logistic loss every point pulls");
}

#[test]
fn classifier_urls_round_trip_with_classes() {
    let mut params = ClassifierParams::with_preset(Preset::Blobs);
    params.points[0].class = Class::B;
    params.new_class = Class::B;
    params.loss = LossChoice::Focal;
    let query = query_of::<loss_lab::chapters::classification::classifier::Classifier>(&params);
    assert!(query.contains("pts=") && query.contains(":b"), "{query}");
    let back = params_from::<loss_lab::chapters::classification::classifier::Classifier>(&Query::parse(&query));
    assert_eq!(back, params);
}
