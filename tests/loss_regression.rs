//! Regression family (MATHS.md §1): values, gradients against central differences, kinks,
//! extremes and errors.

use loss_lab::loss::Elementwise;
use loss_lab::loss::regression::Regression;
use loss_lab::loss::LossError;
use proptest::prelude::*;

const TOL_ABS: f64 = 1e-9;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()) + TOL_ABS * rel
}

/// One data-driven case: the element loss and derivative of `loss` at residual `r`.
fn check(loss: Regression, r: f64, value: f64, derivative: f64) {
    let v = loss.element(r);
    let d = loss.element_derivative(r);
    assert!(close(v, value, 1e-15), "{loss:?} ℓ({r}) = {v}, expected {value}");
    assert!(close(d, derivative, 1e-15), "{loss:?} ℓ'({r}) = {d}, expected {derivative}");
}

fn params() -> Vec<Regression> {
    vec![
        Regression::Me,
        Regression::Mse,
        Regression::Mae,
        Regression::Rmse,
        Regression::huber(1.0).unwrap(),
        Regression::huber(0.3).unwrap(),
        Regression::smooth_l1(1.0).unwrap(),
        Regression::smooth_l1(2.5).unwrap(),
        Regression::smooth_l1(0.0).unwrap(),
        Regression::LogCosh,
        Regression::quantile(0.9).unwrap(),
        Regression::quantile(0.25).unwrap(),
    ]
}

#[test]
fn element_values() {
    check(Regression::Me, -2.0, -2.0, 1.0);
    check(Regression::Mse, -3.0, 9.0, -6.0);
    check(Regression::Mae, -3.0, 3.0, -1.0);
    check(Regression::Rmse, 2.0, 2.0, 1.0);
    check(Regression::huber(1.0).unwrap(), 0.5, 0.125, 0.5);
    check(Regression::huber(1.0).unwrap(), 3.0, 2.5, 1.0);
    check(Regression::huber(2.0).unwrap(), -3.0, 4.0, -2.0);
    check(Regression::smooth_l1(2.0).unwrap(), 1.0, 0.25, 0.5);
    check(Regression::smooth_l1(2.0).unwrap(), -5.0, 4.0, -1.0);
    check(Regression::smooth_l1(0.0).unwrap(), -5.0, 5.0, -1.0);
    check(Regression::LogCosh, 0.5, 0.5f64.cosh().ln(), 0.5f64.tanh());
    check(Regression::LogCosh, 3.0, 3.0f64.cosh().ln(), 3.0f64.tanh());
    // τ = 0.9, r = pred − target = −2 (under-prediction): r′ = 2, loss τ·r′ = 1.8, slope −τ.
    check(Regression::quantile(0.9).unwrap(), -2.0, 1.8, -0.9);
    check(Regression::quantile(0.9).unwrap(), 2.0, 0.2, 0.1);
}

#[test]
fn kinks_take_the_flat_side() {
    // MAE, RMSE, quantile at 0: derivative 0; smooth L1 with β = 0 at 0: 0.
    for loss in [Regression::Mae, Regression::Rmse, Regression::quantile(0.9).unwrap(), Regression::smooth_l1(0.0).unwrap()] {
        assert_eq!(loss.kinks(), vec![0.0]);
        check(loss, 0.0, 0.0, 0.0);
    }
    // Huber at |r| = δ: the linear branch, value δ(δ − δ/2) = δ²/2, slope δ·sign r.
    let h = Regression::huber(0.7).unwrap();
    assert_eq!(h.kinks(), vec![-0.7, 0.7]);
    check(h, 0.7, 0.7 * 0.35, 0.7);
    check(h, -0.7, 0.7 * 0.35, -0.7);
    // Strict branch: just inside is quadratic (slope r), at δ linear (slope δ): equal, so continuous.
    let inside = 0.7f64.next_down();
    assert_eq!(h.element_derivative(inside), inside);
    // Smooth L1 at |r| = β: linear branch, |r| − β/2 and sign r.
    let s = Regression::smooth_l1(2.0).unwrap();
    assert_eq!(s.kinks(), vec![-2.0, 2.0]);
    check(s, 2.0, 1.0, 1.0);
    check(s, -2.0, 1.0, -1.0);
    // No kinks where the loss is smooth.
    for loss in [Regression::Me, Regression::Mse, Regression::LogCosh] {
        assert!(loss.kinks().is_empty());
    }
}

#[test]
fn huber_is_delta_times_smooth_l1() {
    for delta in [0.1, 1.0, 3.0] {
        let h = Regression::huber(delta).unwrap();
        let s = Regression::smooth_l1(delta).unwrap();
        for r in [-5.0, -delta, -0.05, 0.0, 0.3, delta, 7.0] {
            assert!(close(h.element(r), delta * s.element(r), 1e-15));
            assert!(close(h.element_derivative(r), delta * s.element_derivative(r), 1e-15));
        }
    }
}

#[test]
fn reduced_values() {
    let pred = [1.0, 2.0, 3.0, 4.0];
    let target = [1.5, 1.0, 3.0, 7.0];
    // r = [-0.5, 1, 0, -3]
    let cases: [(Regression, f64); 6] = [
        (Regression::Me, (-0.5 + 1.0 + 0.0 - 3.0) / 4.0),
        (Regression::Mse, (0.25 + 1.0 + 0.0 + 9.0) / 4.0),
        (Regression::Mae, (0.5 + 1.0 + 0.0 + 3.0) / 4.0),
        (Regression::Rmse, ((0.25 + 1.0 + 0.0 + 9.0) / 4.0f64).sqrt()),
        (Regression::huber(1.0).unwrap(), (0.125 + 0.5 + 0.0 + 2.5) / 4.0),
        (Regression::quantile(0.5).unwrap(), (0.25 + 0.5 + 0.0 + 1.5) / 4.0),
    ];
    for (loss, expected) in cases {
        let v = loss.value(&pred, &target).unwrap();
        assert!(close(v, expected, 1e-15), "{loss:?}: {v} vs {expected}");
        let (v2, g) = loss.value_and_grad(&pred, &target).unwrap();
        assert_eq!(v, v2);
        assert_eq!(g, loss.grad(&pred, &target).unwrap());
    }
}

#[test]
fn rmse_gradient_is_zero_at_zero_and_scaled_elsewhere() {
    let (v, g) = Regression::Rmse.value_and_grad(&[1.0, 2.0], &[1.0, 2.0]).unwrap();
    assert_eq!(v, 0.0);
    assert_eq!(g, vec![0.0, 0.0]);
    let (v, g) = Regression::Rmse.value_and_grad(&[3.0, 0.0], &[0.0, 4.0]).unwrap();
    // r = [3, −4]: RMSE = √12.5, grad r_i/(n·RMSE).
    let rmse = 12.5f64.sqrt();
    assert!(close(v, rmse, 1e-15));
    assert!(close(g[0], 3.0 / (2.0 * rmse), 1e-15));
    assert!(close(g[1], -4.0 / (2.0 * rmse), 1e-15));
}

#[test]
fn extremes_stay_finite() {
    for r in [1e200, -1e200, 1e-200, -1e-200, 1e-310] {
        for loss in params() {
            let v = loss.element(r);
            let d = loss.element_derivative(r);
            // MSE of 1e200 is 1e400: beyond f64, so +∞ is the correctly rounded value.
            let mse_overflow = matches!(loss, Regression::Mse) && r.abs() > 1e154;
            assert!(v.is_finite() || mse_overflow, "{loss:?} ℓ({r}) = {v}");
            assert!(d.is_finite() || mse_overflow, "{loss:?} ℓ'({r}) = {d}");
        }
    }
    assert!(close(Regression::LogCosh.element(1e200), 1e200 - std::f64::consts::LN_2, 1e-15));
    // log cosh r ≈ r²/2 for tiny r: relative precision kept (no 1 − cosh cancellation).
    assert!(close(Regression::LogCosh.element(1e-100), 0.5e-200, 1e-15));
    assert!(close(Regression::LogCosh.element(1e-5), 0.5e-10 - 1e-20 / 12.0, 1e-15));
    // RMSE scales before squaring: exact at 1e±200 where r² would overflow or underflow.
    for s in [1e200, 1e-200, 1e-310] {
        let (v, g) = Regression::Rmse.value_and_grad(&[3.0 * s, 0.0], &[0.0, 4.0 * s]).unwrap();
        assert!(close(v, 12.5f64.sqrt() * s, 1e-14), "RMSE at scale {s}: {v}");
        assert!(close(g[0], 3.0 / (2.0 * 12.5f64.sqrt()), 1e-14), "{g:?}");
    }
    // Mean of many huge elements: the sum would overflow, the mean does not.
    let pred = vec![1e308; 4];
    let target = vec![-0.5e308; 4];
    let v = Regression::Mae.value(&pred, &target).unwrap();
    assert!(v.is_finite() && close(v, 1.5e308, 1e-15), "{v}");
}

#[test]
fn errors_are_typed() {
    assert!(matches!(Regression::huber(0.0), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Regression::huber(-1.0), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Regression::huber(f64::NAN), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Regression::huber(f64::INFINITY), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Regression::smooth_l1(-0.1), Err(LossError::InvalidParameter { .. })));
    assert!(Regression::smooth_l1(0.0).is_ok());
    assert!(matches!(Regression::quantile(1.1), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Regression::quantile(-0.1), Err(LossError::InvalidParameter { .. })));
    assert!(Regression::quantile(0.0).is_ok() && Regression::quantile(1.0).is_ok());
    let mse = Regression::Mse;
    assert_eq!(mse.value(&[], &[]), Err(LossError::Empty { name: "pred" }));
    assert!(matches!(mse.value(&[1.0], &[1.0, 2.0]), Err(LossError::LengthMismatch { left: 1, right: 2, .. })));
    assert!(matches!(mse.grad(&[f64::NAN], &[1.0]), Err(LossError::InvalidValue { index: 0, .. })));
    // A variant built by hand with a bad parameter is caught at use.
    assert!(matches!(Regression::Huber { delta: -1.0 }.value(&[1.0], &[0.0]), Err(LossError::InvalidParameter { .. })));
    let msg = Regression::huber(-1.0).unwrap_err().to_string();
    assert!(msg.contains("delta") && msg.contains("greater than 0"), "{msg}");
    let msg = mse.value(&[1.0], &[1.0, 2.0]).unwrap_err().to_string();
    assert!(msg.contains("same length"), "{msg}");
}

fn loss_strategy() -> impl Strategy<Value = Regression> {
    prop_oneof![
        Just(Regression::Me),
        Just(Regression::Mse),
        Just(Regression::Mae),
        Just(Regression::Rmse),
        (0.05f64..5.0).prop_map(|d| Regression::huber(d).unwrap()),
        (0.0f64..5.0).prop_map(|b| Regression::smooth_l1(b).unwrap()),
        Just(Regression::LogCosh),
        (0.0f64..=1.0).prop_map(|t| Regression::quantile(t).unwrap()),
    ]
}

/// Distance from r to the nearest kink.
fn kink_distance(loss: &Regression, r: f64) -> f64 {
    loss.kinks().iter().map(|k| (r - k).abs()).fold(f64::INFINITY, f64::min)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Element derivative vs central difference with h = 1e-6: tolerance 1e-6·(1 + |ℓ'|)
    /// (truncation O(h²·ℓ''') plus rounding O(ε·ℓ/h)), at least 1e-5 away from kinks.
    #[test]
    fn element_derivative_matches_central_difference(loss in loss_strategy(), r in -10.0f64..10.0) {
        prop_assume!(kink_distance(&loss, r) > 1e-5);
        let h = 1e-6;
        let fd = (loss.element(r + h) - loss.element(r - h)) / (2.0 * h);
        let d = loss.element_derivative(r);
        prop_assert!((fd - d).abs() <= 1e-6 * (1.0 + d.abs()) + 1e-6 * loss.element(r).abs(), "{loss:?} at {r}: fd {fd} vs {d}");
    }

    /// Gradient of the reduced loss vs central differences on each coordinate (h = 1e-6,
    /// tolerance 1e-6·(1 + |g_i|) + 1e-6·|L|), residuals at least 1e-5 from kinks.
    #[test]
    fn grad_matches_central_difference(
        loss in loss_strategy(),
        data in prop::collection::vec((-10.0f64..10.0, -10.0f64..10.0), 1..8),
    ) {
        let pred: Vec<f64> = data.iter().map(|d| d.0).collect();
        let target: Vec<f64> = data.iter().map(|d| d.1).collect();
        for (p, t) in pred.iter().zip(&target) {
            prop_assume!(kink_distance(&loss, p - t) > 1e-5);
        }
        // RMSE is not differentiable where all residuals vanish.
        if loss == Regression::Rmse {
            prop_assume!(pred.iter().zip(&target).any(|(p, t)| (p - t).abs() > 1e-3));
        }
        let (v, g) = loss.value_and_grad(&pred, &target).unwrap();
        prop_assert_eq!(v, loss.value(&pred, &target).unwrap());
        let h = 1e-6;
        for i in 0..pred.len() {
            let mut up = pred.clone();
            up[i] += h;
            let mut down = pred.clone();
            down[i] -= h;
            let fd = (loss.value(&up, &target).unwrap() - loss.value(&down, &target).unwrap()) / (2.0 * h);
            prop_assert!((fd - g[i]).abs() <= 1e-6 * (1.0 + g[i].abs()) + 1e-6 * v.abs(), "{:?} i={} fd {} vs {}", loss, i, fd, g[i]);
        }
    }

    /// The reduced loss of one element equals the element loss (RMSE: |r|).
    #[test]
    fn one_element_reduces_to_element(loss in loss_strategy(), p in -10.0f64..10.0, t in -10.0f64..10.0) {
        let v = loss.value(&[p], &[t]).unwrap();
        prop_assert!(close(v, loss.element(p - t), 1e-15));
    }
}
