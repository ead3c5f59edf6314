//! The linear classifier's objective (src/loss/linear.rs), PyTorch's clamped BCE, and cross-entropy
//! with a temperature: values, gradients against central differences, zero gradients beyond the
//! hinge's margin, errors.

use loss_lab::loss::classification::{bce_element, bce_element_clamped_like_torch, bce_with_logits_element};
use loss_lab::loss::extras::Focal;
use loss_lab::loss::linear::{descend, objective, Linear, LinearLoss};
use loss_lab::loss::multiclass::CrossEntropy;
use loss_lab::loss::num::sigmoid;
use loss_lab::loss::LossError;
use proptest::prelude::*;

fn losses() -> Vec<LinearLoss> {
    vec![LinearLoss::Logistic, LinearLoss::Hinge, LinearLoss::SquaredHinge, LinearLoss::Focal(Focal::new(-1.0, 2.0).unwrap()), LinearLoss::LeastSquares]
}

#[test]
fn torch_clamp_only_beyond_e_to_the_minus_100() {
    for &(p, y) in &[(0.25, 1.0), (0.25, 0.0), (0.5, 0.3), (1e-40, 1.0), (1.0 - 1e-12, 0.0)] {
        assert_eq!(bce_element_clamped_like_torch(p, y), bce_element(p, y), "p = {p}, y = {y}");
    }
    assert_eq!(bce_element_clamped_like_torch(0.0, 1.0), 100.0);
    assert_eq!(bce_element(0.0, 1.0), f64::INFINITY);
    assert_eq!(bce_element_clamped_like_torch(1.0, 0.0), 100.0);
    assert_eq!(bce_element_clamped_like_torch(0.0, 0.0), 0.0, "0 · clamped log is 0, not NaN");
    let p = 1e-50;
    assert!((bce_element(p, 1.0) - 50.0 * std::f64::consts::LN_10).abs() < 1e-12);
    assert_eq!(bce_element_clamped_like_torch(p, 1.0), 100.0);
    // On a logit: BCE of σ(−500) as PyTorch computes it stops at 100; the exact loss is 500.
    assert_eq!(bce_element_clamped_like_torch(sigmoid(-500.0), 1.0), 100.0);
    assert_eq!(bce_with_logits_element(-500.0, 1.0), 500.0);
    // Soft label: each term clamped alone.
    assert_eq!(bce_element_clamped_like_torch(0.0, 0.25), 25.0);
}

#[test]
fn hinge_points_beyond_the_margin_have_exactly_zero_slope() {
    let model = Linear { w: [1.0, 0.0], b: 0.0 };
    let points = [(3.0, 0.0), (0.5, 1.0), (-0.2, 0.0), (-4.0, 2.0)];
    let labels = [1.0, 1.0, 1.0, -1.0];
    let hinge = objective(&LinearLoss::Hinge, &model, &points, &labels, 0.0).unwrap();
    assert_eq!(hinge.slopes, vec![0.0, -1.0, -1.0, 0.0]);
    assert_eq!(hinge.losses, vec![0.0, 0.5, 1.2, 0.0]);
    let logistic = objective(&LinearLoss::Logistic, &model, &points, &labels, 0.0).unwrap();
    assert!(logistic.slopes.iter().all(|&s| s != 0.0), "every point pulls under the logistic loss");
    // Least squares pulls back a point that is right by too much: f = 3 > y = 1.
    let squares = objective(&LinearLoss::LeastSquares, &model, &points, &labels, 0.0).unwrap();
    assert_eq!(squares.slopes[0], 4.0);
    assert_eq!(squares.slopes[3], -6.0);
}

#[test]
fn errors_are_sentences_not_nan() {
    let model = Linear::default();
    assert!(matches!(objective(&LinearLoss::Hinge, &model, &[], &[], 0.0), Err(LossError::Empty { .. })));
    assert!(matches!(objective(&LinearLoss::Hinge, &model, &[(0.0, 0.0)], &[0.0], 0.0), Err(LossError::InvalidValue { .. })));
    assert!(matches!(objective(&LinearLoss::Hinge, &model, &[(f64::NAN, 0.0)], &[1.0], 0.0), Err(LossError::InvalidValue { .. })));
    assert!(matches!(objective(&LinearLoss::Hinge, &model, &[(0.0, 0.0)], &[1.0], -1.0), Err(LossError::InvalidParameter { .. })));
    assert!(CrossEntropy::tempered(0.0, 0.0).is_err());
    assert!(CrossEntropy::tempered(0.0, f64::NAN).is_err());
}

#[test]
fn temperature_one_is_plain_cross_entropy_to_the_bit() {
    let logits = [1.5, -0.25, 3.0, 0.0];
    let plain = CrossEntropy::new(0.1).unwrap().value_and_grad(&logits, 4, &[2]).unwrap();
    let tempered = CrossEntropy::tempered(0.1, 1.0).unwrap().value_and_grad(&logits, 4, &[2]).unwrap();
    assert_eq!(plain, tempered);
    // T = 2 is the cross-entropy of the halved logits; its gradient is half of theirs.
    let halved: Vec<f64> = logits.iter().map(|v| v / 2.0).collect();
    let (v2, g2) = CrossEntropy::tempered(0.1, 2.0).unwrap().value_and_grad(&logits, 4, &[2]).unwrap();
    let (vh, gh) = CrossEntropy::new(0.1).unwrap().value_and_grad(&halved, 4, &[2]).unwrap();
    assert_eq!(v2, vh);
    for (a, b) in g2.iter().zip(&gh) {
        assert!((a - b / 2.0).abs() < 1e-15);
    }
    let p = CrossEntropy::tempered(0.0, 2.0).unwrap().probabilities(&logits);
    assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-15);
}

proptest! {
    /// ∂L/∂w and ∂L/∂b against central differences, for every loss, away from the hinges' kinks.
    #[test]
    fn objective_gradient(w0 in -2.0f64..2.0, w1 in -2.0f64..2.0, b in -1.0f64..1.0, lambda in 0.0f64..0.1,
                          data in prop::collection::vec(((-3.0f64..3.0, -3.0f64..3.0), any::<bool>()), 1..8), which in 0usize..5) {
        let loss = losses()[which];
        let points: Vec<(f64, f64)> = data.iter().map(|d| d.0).collect();
        let labels: Vec<f64> = data.iter().map(|d| if d.1 { 1.0 } else { -1.0 }).collect();
        let model = Linear { w: [w0, w1], b };
        let at = objective(&loss, &model, &points, &labels, lambda).unwrap();
        let near_kink = at.scores.iter().zip(&labels).any(|(f, y)| (f * y - 1.0).abs() < 1e-3);
        prop_assume!(!near_kink);
        let h = 1e-6;
        let value = |m: Linear| objective(&loss, &m, &points, &labels, lambda).unwrap().value;
        let fd = |shift: fn(&mut Linear, f64)| {
            let (mut plus, mut minus) = (model, model);
            shift(&mut plus, h);
            shift(&mut minus, -h);
            (value(plus) - value(minus)) / (2.0 * h)
        };
        let numeric = [fd(|m, h| m.w[0] += h), fd(|m, h| m.w[1] += h), fd(|m, h| m.b += h)];
        let analytic = [at.grad_w[0], at.grad_w[1], at.grad_b];
        for (a, n) in analytic.iter().zip(numeric) {
            prop_assert!((a - n).abs() <= 1e-5 * (1.0 + n.abs()), "{:?}: {} vs {}", loss, a, n);
        }
        // A small step downhill lowers the objective (or it was already flat).
        let next = descend(&model, &at, 1e-3);
        prop_assert!(value(next) <= at.value + 1e-12);
    }
}
