//! The loss core's fast paths (issue 11) give what the checked, allocating paths give: MSE and Huber
//! `value_and_grad_into`, cross-entropy `value_and_grad_into`, and the circle grid built from row and
//! column exponentials against one softplus per cell. Non-finite input is reported the same way.

use loss_lab::chapters::circle::grid::loss_grid_into;
use loss_lab::loss::metric::circle::Circle;
use loss_lab::loss::multiclass::CrossEntropy;
use loss_lab::loss::regression::Regression;
use loss_lab::loss::Elementwise;
use proptest::prelude::*;

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1e-300)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mse_and_huber_into_a_buffer_equal_value_and_grad(
        pairs in prop::collection::vec((-1e3f64..1e3, -1e3f64..1e3), 1..40),
        delta in 1e-3f64..10.0,
    ) {
        let (pred, target): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        for loss in [Regression::Mse, Regression::huber(delta).unwrap(), Regression::Mae] {
            let (value, grad) = loss.value_and_grad(&pred, &target).unwrap();
            let mut into = vec![f64::NAN; pred.len()];
            let fast = loss.value_and_grad_into(&pred, &target, &mut into).unwrap();
            prop_assert!(close(fast, value, 1e-13), "{loss:?}: {fast} vs {value}");
            for (a, b) in into.iter().zip(&grad) {
                prop_assert!(close(*a, *b, 1e-15), "{loss:?}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn cross_entropy_into_a_buffer_equals_value_and_grad(
        logits in prop::collection::vec(-1e3f64..1e3, 12),
        classes in prop::sample::select(vec![1usize, 2, 3, 4, 6, 12]),
        seed in 0usize..1000,
        smoothing in 0.0f64..=1.0,
    ) {
        let rows = 12 / classes;
        let target: Vec<usize> = (0..rows).map(|r| (seed + 7 * r) % classes).collect();
        let ce = CrossEntropy::new(smoothing).unwrap();
        let (value, grad) = ce.value_and_grad(&logits, classes, &target).unwrap();
        let mut into = vec![f64::NAN; logits.len()];
        let fast = ce.value_and_grad_into(&logits, classes, &target, &mut into).unwrap();
        prop_assert!((fast - value).abs() <= 1e-12 * value.abs().max(1.0), "{fast} vs {value}");
        for (a, b) in into.iter().zip(&grad) {
            prop_assert!((a - b).abs() <= 1e-14, "{a} vs {b}");
        }
    }
}

#[test]
fn non_finite_input_and_bad_shapes_are_reported_as_by_the_checked_paths() {
    let mut grad = vec![0.0; 3];
    for loss in [Regression::Mse, Regression::huber(1.0).unwrap()] {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let pred = [1.0, bad, 2.0];
            let expected = loss.value_and_grad(&pred, &[0.0; 3]).unwrap_err();
            // Compared as text: the error carries the NaN, and NaN ≠ NaN.
            assert_eq!(format!("{:?}", loss.value_and_grad_into(&pred, &[0.0; 3], &mut grad).unwrap_err()), format!("{expected:?}"));
        }
        assert!(loss.value_and_grad_into(&[1.0; 3], &[0.0; 2], &mut grad).is_err());
        assert!(loss.value_and_grad_into(&[1.0; 2], &[0.0; 2], &mut grad).is_err());
        assert!(loss.value_and_grad_into(&[], &[], &mut []).is_err());
        // Finite input whose squares overflow: the checked path's answer (+∞ for the MSE).
        let huge = [1e200, -1e200, 1e200];
        let expected = loss.value_and_grad(&huge, &[0.0; 3]).unwrap();
        assert_eq!(loss.value_and_grad_into(&huge, &[0.0; 3], &mut grad).unwrap(), expected.0);
        assert_eq!(grad, expected.1);
    }
    let ce = CrossEntropy::new(0.1).unwrap();
    let mut grad = vec![0.0; 4];
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let logits = [0.5, bad, 1.0, 2.0];
        let expected = ce.value_and_grad(&logits, 2, &[0, 1]).unwrap_err();
        assert_eq!(format!("{:?}", ce.value_and_grad_into(&logits, 2, &[0, 1], &mut grad).unwrap_err()), format!("{expected:?}"));
    }
    assert!(ce.value_and_grad_into(&[0.0; 4], 2, &[0, 2], &mut grad).is_err());
    assert!(ce.value_and_grad_into(&[0.0; 4], 3, &[0], &mut grad).is_err());
    assert!(ce.value_and_grad_into(&[0.0; 4], 2, &[0, 1], &mut [0.0; 3]).is_err());
    // A temperature takes the checked path.
    let tempered = CrossEntropy::tempered(0.0, 2.0).unwrap();
    let (value, expected) = tempered.value_and_grad(&[1.0, 2.0, 3.0, 4.0], 2, &[0, 1]).unwrap();
    assert_eq!(tempered.value_and_grad_into(&[1.0, 2.0, 3.0, 4.0], 2, &[0, 1], &mut grad).unwrap(), value);
    assert_eq!(grad, expected);
}

#[test]
fn the_circle_grid_equals_one_softplus_per_cell_for_every_gamma() {
    for (gamma, m) in [(1.0, 0.25), (32.0, 0.0), (256.0, 0.25), (1024.0, 0.5), (1e6, 1.0), (1e6, 0.0)] {
        let circle = Circle::new(gamma, m).unwrap();
        let side = 101;
        let mut grid = vec![0.0; side * side];
        loss_grid_into(&circle, (-1.0, 1.0), (-1.0, 1.0), side, side, &mut grid).unwrap();
        for iy in 0..side {
            for ix in 0..side {
                let s_p = -1.0 + 2.0 * iy as f64 / (side - 1) as f64;
                let s_n = -1.0 + 2.0 * ix as f64 / (side - 1) as f64;
                let expected = circle.element(s_p, s_n);
                let got = grid[iy * side + ix];
                // Relative to the logits' scale: ℓn + ℓp rounds to within ~ulp(|ℓn| + |ℓp|).
                let scale = circle.logit_n(s_n).abs() + circle.logit_p(s_p).abs();
                assert!((got - expected).abs() <= 1e-13 * expected.abs().max(1.0) + 4.0 * f64::EPSILON * scale * expected.abs().min(1.0),
                    "γ={gamma} m={m} at ({s_n}, {s_p}): {got} vs {expected}");
                assert!(got.is_finite() && got >= 0.0);
            }
        }
    }
}
