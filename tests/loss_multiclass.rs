//! Multi-class (§3–4) and multi-label (§5) losses: values, stability, errors, and gradients against
//! central differences.

use loss_lab::loss::multiclass::{CrossEntropy, MultiMargin};
use loss_lab::loss::multilabel::MultiLabel;
use loss_lab::loss::LossError;
use proptest::prelude::*;

mod common;
use common::numeric_grad;

#[test]
fn cross_entropy_values() {
    let ce = CrossEntropy::new(0.0).unwrap();
    // Uniform logits: ln C.
    assert!((ce.value(&[0.0; 4], 4, &[2]).unwrap() - 4f64.ln()).abs() < 1e-15);
    // Logits of 1e3: exact, finite; the right class far ahead gives ~e^{-1000}.
    let (v, g) = ce.value_and_grad(&[1000.0, -1000.0, 0.0], 3, &[0]).unwrap();
    assert_eq!(v, 0.0);
    assert_eq!(g, vec![0.0, 0.0, 0.0]);
    let (v, g) = ce.value_and_grad(&[1000.0, -1000.0, 0.0], 3, &[1]).unwrap();
    assert_eq!(v, 2000.0);
    assert_eq!(g, vec![1.0, -1.0, 0.0]);
    // Label smoothing: q = (1−ε)onehot + ε/C; at uniform logits the gradient is 1/C − q.
    let s = CrossEntropy::new(0.3).unwrap();
    let q = s.smoothed_target(3, 1);
    assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-15);
    let g = s.grad(&[0.0; 3], 3, &[1]).unwrap();
    for k in 0..3 {
        assert!((g[k] - (1.0 / 3.0 - q[k])).abs() < 1e-15);
    }
}

#[test]
fn multi_margin_kink_is_inactive() {
    let mm = MultiMargin::new(1, 1.0).unwrap();
    // x_y − x_j = margin exactly: z = 0, inactive; loss 0, gradient 0.
    let (v, g) = mm.value_and_grad(&[2.0, 1.0], 2, &[0]).unwrap();
    assert_eq!((v, g), (0.0, vec![0.0, 0.0]));
    // Active: z = 1 − 1 + 1.5 = 1.5 → ℓ = 1.5/2.
    let (v, g) = mm.value_and_grad(&[1.0, 1.5], 2, &[0]).unwrap();
    assert_eq!(v, 0.75);
    assert_eq!(g, vec![-0.5, 0.5]);
    let sq = MultiMargin::new(2, 1.0).unwrap();
    let (v, g) = sq.value_and_grad(&[1.0, 1.5], 2, &[0]).unwrap();
    assert_eq!(v, 1.125);
    assert_eq!(g, vec![-1.5, 1.5]);
}

#[test]
fn multilabel_softmax_cannot_reach_zero() {
    // Two true classes: the best softmax is ½ each, so the loss cannot go below ln 2.
    let y = [1.0, 1.0, 0.0];
    let min = MultiLabel::SoftmaxNormalised.minimum(3, &y).unwrap();
    assert!((min - std::f64::consts::LN_2).abs() < 1e-15);
    let at_opt = MultiLabel::SoftmaxNormalised.value(&[30.0, 30.0, -30.0], 3, &y).unwrap();
    assert!((at_opt - std::f64::consts::LN_2).abs() < 1e-12);
    let g = MultiLabel::SoftmaxNormalised.grad(&[30.0, 30.0, -30.0], 3, &y).unwrap();
    assert!(g.iter().all(|v| v.abs() < 1e-12), "stationary at the optimum: {g:?}");
    // The sigmoid loss goes to 0 with both true classes confident.
    let v = MultiLabel::SigmoidBce.value(&[40.0, 40.0, -40.0], 3, &y).unwrap();
    assert!(v < 1e-16);
    assert_eq!(MultiLabel::SigmoidBce.minimum(3, &y).unwrap(), 0.0);
}

#[test]
fn errors() {
    let ce = CrossEntropy::new(0.1).unwrap();
    assert!(matches!(CrossEntropy::new(1.5), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(ce.value(&[0.0; 5], 2, &[0, 1]), Err(LossError::RaggedRows { .. })));
    assert!(matches!(ce.value(&[0.0; 4], 2, &[0]), Err(LossError::LengthMismatch { .. })));
    assert!(matches!(ce.value(&[0.0; 4], 2, &[0, 2]), Err(LossError::InvalidValue { name: "target", index: 1, .. })));
    assert!(matches!(ce.value(&[0.0; 4], 0, &[0]), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(ce.value(&[], 2, &[]), Err(LossError::Empty { .. })));
    assert!(matches!(MultiMargin::new(3, 1.0), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(MultiMargin::new(1, -1.0), Err(LossError::InvalidParameter { .. })));
    assert_eq!(MultiLabel::SoftmaxNormalised.value(&[0.0; 4], 2, &[1.0, 0.0, 0.0, 0.0]), Err(LossError::NoPositiveLabel { row: 1 }));
    let msg = LossError::NoPositiveLabel { row: 1 }.to_string();
    assert!(msg.contains("no positive label"), "{msg}");
    assert!(MultiLabel::SigmoidBce.value(&[0.0; 4], 2, &[1.0, 0.0, 0.0, 0.0]).is_ok(), "sigmoid BCE is fine without positives");
    assert!(matches!(MultiLabel::SigmoidBce.value(&[0.0; 2], 2, &[2.0, 0.0]), Err(LossError::InvalidValue { .. })));
}

fn batch() -> impl Strategy<Value = (usize, Vec<f64>, Vec<usize>)> {
    (2usize..5, 1usize..4).prop_flat_map(|(c, n)| {
        (Just(c), prop::collection::vec(-6.0f64..6.0, c * n), prop::collection::vec(0..c, n))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Cross-entropy: smooth, tolerance 1e−6·(1 + |g|).
    #[test]
    fn cross_entropy_grad((c, x, y) in batch(), eps in 0.0f64..=1.0) {
        let ce = CrossEntropy::new(eps).unwrap();
        let (v, g) = ce.value_and_grad(&x, c, &y).unwrap();
        prop_assert!((v - ce.value(&x, c, &y).unwrap()).abs() <= 1e-14 * (1.0 + v));
        let n = numeric_grad(|x| ce.value(x, c, &y).unwrap(), &x);
        for (a, b) in g.iter().zip(&n) {
            prop_assert!((a - b).abs() <= 1e-6 * (1.0 + a.abs()), "{} vs {}", a, b);
        }
    }

    /// Multi-class hinge, margins at least 1e−4 from z = 0: tolerance 1e−6·(1 + |g|).
    #[test]
    fn multi_margin_grad((c, x, y) in batch(), p in 1u8..=2, margin in 0.0f64..2.0) {
        let mm = MultiMargin::new(p, margin).unwrap();
        for (row, &t) in x.chunks(c).zip(&y) {
            for (j, &xj) in row.iter().enumerate() {
                if j != t { prop_assume!((margin - row[t] + xj).abs() > 1e-4); }
            }
        }
        let g = mm.grad(&x, c, &y).unwrap();
        let n = numeric_grad(|x| mm.value(x, c, &y).unwrap(), &x);
        for (a, b) in g.iter().zip(&n) {
            prop_assert!((a - b).abs() <= 1e-6 * (1.0 + a.abs()), "{} vs {}", a, b);
        }
    }

    /// Multi-label, both losses: tolerance 1e−6·(1 + |g|).
    #[test]
    fn multilabel_grad((c, x, _y) in batch(), bits in prop::collection::vec(any::<bool>(), 16), soft in any::<bool>()) {
        let mut y: Vec<f64> = x.iter().enumerate().map(|(i, _)| if bits[i % 16] { 1.0 } else { 0.0 }).collect();
        for row in y.chunks_mut(c) { row[0] = 1.0; }
        if soft { for v in y.iter_mut() { *v *= 0.7; } }
        for loss in [MultiLabel::SigmoidBce, MultiLabel::SoftmaxNormalised] {
            let g = loss.grad(&x, c, &y).unwrap();
            let n = numeric_grad(|x| loss.value(x, c, &y).unwrap(), &x);
            for (a, b) in g.iter().zip(&n) {
                prop_assert!((a - b).abs() <= 1e-6 * (1.0 + a.abs()), "{:?}: {} vs {}", loss, a, b);
            }
        }
    }

    /// Extreme logits stay finite (softmax underflow, ±1e3).
    #[test]
    fn extreme_logits_are_finite((c, x, y) in batch(), scale in prop_oneof![Just(1e3), Just(1e2), Just(745.0)]) {
        let x: Vec<f64> = x.iter().map(|v| v * scale).collect();
        let (v, g) = CrossEntropy::new(0.1).unwrap().value_and_grad(&x, c, &y).unwrap();
        prop_assert!(v.is_finite() && g.iter().all(|g| g.is_finite()));
        let t: Vec<f64> = x.iter().map(|_| 1.0).collect();
        for loss in [MultiLabel::SigmoidBce, MultiLabel::SoftmaxNormalised] {
            let (v, g) = loss.value_and_grad(&x, c, &t).unwrap();
            prop_assert!(v.is_finite() && g.iter().all(|g| g.is_finite()));
        }
    }
}
