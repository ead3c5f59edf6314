//! URL state: parsing, clamping, round trips, and odd input.

use loss_lab::chapters::regression::curves::{CurveId, Curves, CurvesParams as RegressionParams};
use loss_lab::chapters::regression::lab::{Lab, LabParams};
use loss_lab::chapters::{Location, Route};
use loss_lab::figure::params_from;
use loss_lab::figure::query::{round_significant, LogRange};
use proptest::prelude::*;

/// The route of a hash, and the parameters of both Regression figures in it.
fn parse(hash: &str) -> (Route, RegressionParams, LabParams) {
    let location = Location::parse(hash);
    (location.route.clone(), params_from::<Curves>(&location.query), params_from::<Lab>(&location.query))
}

fn check_route(hash: &str, expected: Route) {
    assert_eq!(Location::parse(hash).route, expected, "parsing {hash:?}");
}

#[test]
fn routes() {
    check_route("", Route::Home);
    check_route("#/", Route::Home);
    check_route("#", Route::Home);
    assert_eq!(parse("#/regression"), (Route::Chapter("regression"), RegressionParams::default(), LabParams::default()));
    assert_eq!(parse("#regression/"), (Route::Chapter("regression"), RegressionParams::default(), LabParams::default()));
    check_route("#/debug/panic", Route::CrashTest);
    check_route("#/nope?x=1", Route::NotFound("/nope".into()));
}

#[test]
fn regression_params_clamp_and_default() {
    let check = |query: &str, delta: f64, curves: &[CurveId]| {
        let params = RegressionParams::from_query(query);
        assert_eq!(params.delta, delta, "δ from {query:?}");
        assert_eq!(params.curves, curves, "curves from {query:?}");
    };
    let default = RegressionParams::DEFAULT_CURVES;
    check("", 1.0, &default);
    check("delta=2.5", 2.5, &default);
    check("delta=0", 0.05, &default);
    check("delta=-3", 0.05, &default);
    check("delta=1e9", 5.0, &default);
    check("delta=NaN", 1.0, &default);
    check("delta=inf", 1.0, &default);
    check("delta=", 1.0, &default);
    check("curves=huber,mse,bogus", 1.0, &[CurveId::Mse, CurveId::Huber]);
    check("curves=", 1.0, &[]);
}

#[test]
fn log_range_positions() {
    let range = RegressionParams::DELTA;
    assert_eq!(range.value_at(0), 0.05);
    assert_eq!(range.value_at(range.steps), 5.0);
    assert_eq!(range.position_of(range.min), 0);
    assert_eq!(range.position_of(range.max), range.steps);
    // Finer steps near small values: the first step is much smaller than the last.
    let first = range.value_at(1) - range.value_at(0);
    let last = range.value_at(range.steps) - range.value_at(range.steps - 1);
    assert!(first * 50.0 < last, "first step {first}, last step {last}");
    assert_eq!(round_significant(0.123456, 3), 0.123);
    assert_eq!(round_significant(1234.5, 3), 1230.0);
}

proptest! {
    /// Any text after `#` gives a route without panicking, and regression parameters always in range.
    #[test]
    fn any_hash_parses_to_a_valid_route(hash in ".{0,80}") {
        if let (Route::Chapter("regression"), params, lab) = parse(&hash) {
            prop_assert!(lab.delta.is_finite() && lab.delta >= LabParams::DELTA.min && lab.delta <= LabParams::DELTA.max);
            prop_assert!(lab.points.len() <= LabParams::MAX_POINTS);
            prop_assert!(params.delta.is_finite() && params.delta >= 0.05 && params.delta <= 5.0);
            prop_assert!(params.beta.is_finite() && params.beta >= 0.05 && params.beta <= 5.0);
        }
    }

    /// Parameters survive the URL round trip.
    #[test]
    fn params_round_trip(position in 0u32..=200, beta_position in 0u32..=200, mask in 0u8..128) {
        let curves: Vec<CurveId> = CurveId::ALL.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, c)| c).collect();
        let params = RegressionParams {
            delta: RegressionParams::DELTA.value_at(position),
            beta: RegressionParams::BETA.value_at(beta_position),
            curves,
        };
        prop_assert_eq!(RegressionParams::from_query(&params.to_query()), params);
    }

    /// Slider positions and values invert each other.
    #[test]
    fn slider_positions_invert(position in 0u32..=200) {
        let range = LogRange { min: 0.05, max: 5.0, steps: 200 };
        prop_assert_eq!(range.position_of(range.value_at(position)), position);
    }
}

#[test]
fn snap_rounds_to_exact_decimal_steps_and_clamps() {
    use loss_lab::figure::query::snap;
    assert_eq!(snap(0.0712, 100.0, (-3.0, 3.0)), 0.07);
    assert_eq!(snap(-1.005_1, 100.0, (-3.0, 3.0)), -1.01);
    assert_eq!(snap(7.0, 100.0, (-3.0, 3.0)), 3.0);
    assert_eq!(snap(0.2004, 1000.0, (0.0, 1.0)), 0.2);
    assert_eq!(snap(f64::NAN, 100.0, (-3.0, 3.0)), -3.0);
    assert_eq!(snap(1.0, 0.0, (-3.0, 3.0)), -3.0);
}
