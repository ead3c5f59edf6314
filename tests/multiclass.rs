//! The "Many classes" chapter's figures, natively: what their texts promise, extremes that must
//! show ∞ or a message (never NaN), distributions that stay normalised under any edit, and the two
//! KL fits' behaviour.

use loss_lab::chapters::multiclass::kl::{apportion, build as build_kl, set_share, KlParams, K, UNITS};
use loss_lab::chapters::multiclass::klfit::{fitted, target, Fits, BINS, MAX_STEPS, RATE};
use loss_lab::chapters::multiclass::multilabel::{build as build_multilabel, MultiLabelParams};
use loss_lab::chapters::multiclass::softmax::{build as build_softmax, SoftmaxParams};
use loss_lab::loss::divergence::Kl;
use proptest::prelude::*;

#[test]
fn two_true_classes_cap_softmax_at_one_half_while_sigmoids_pass_nine_tenths() {
    let params = MultiLabelParams { logits: vec![10.0, 10.0, -10.0, -10.0], present: vec![true, true, false, false] };
    let data = build_multilabel(&params);
    assert!(data.softmax.probabilities[..2].iter().all(|&p| p <= 0.5 && p > 0.49), "{:?}", data.softmax.probabilities);
    assert!(data.sigmoid.probabilities[..2].iter().all(|&p| p > 0.9));
    let (softmax_loss, _) = data.softmax.loss.clone().unwrap();
    let (sigmoid_loss, _) = data.sigmoid.loss.clone().unwrap();
    assert!(softmax_loss >= std::f64::consts::LN_2 - 1e-12 && sigmoid_loss < 1e-3, "{softmax_loss} vs {sigmoid_loss}");
    assert!((data.softmax.minimum.clone().unwrap() - std::f64::consts::LN_2).abs() < 1e-12);
    // No class present: softmax has no target (an error, shown as —), the sigmoids are fine.
    let none = build_multilabel(&MultiLabelParams { present: vec![false; 4], ..params });
    assert!(none.softmax.loss.is_err() && none.sigmoid.loss.is_ok());
}

#[test]
fn softmax_gradients_sum_to_zero_and_temperature_scales_them() {
    let mut params = SoftmaxParams::default();
    let c = build_softmax(&params).computed.unwrap();
    assert!(c.ce_grad.iter().sum::<f64>().abs() < 1e-12);
    assert!((c.p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    params.temperature = 0.1;
    let cold = build_softmax(&params);
    assert_eq!(cold.grad_range, 10.0);
    assert!(cold.computed.unwrap().ce_grad.iter().all(|g| g.abs() <= 10.0));
    // The multi-class hinge is exactly 0 once every other logit is at least 1 below the true one.
    let clear = SoftmaxParams { logits: vec![5.0, 3.9, 0.0], target: 0, ..SoftmaxParams::default() };
    let c = build_softmax(&clear).computed.unwrap();
    assert_eq!(c.hinge, 0.0);
    assert!(c.ce > 0.0);
}

#[test]
fn kl_is_infinite_where_q_misses_an_outcome_and_finite_the_other_way() {
    let params = KlParams { p: KlParams::DEFAULT_P.to_vec(), q: KlParams::MISSING_Q.to_vec() };
    let data = build_kl(&params);
    assert_eq!(data.forward, Ok(f64::INFINITY));
    assert!(data.reverse.clone().unwrap().is_finite());
    assert_eq!(data.cross_pq, Ok(f64::INFINITY));
    let same = build_kl(&KlParams { q: KlParams::DEFAULT_P.to_vec(), ..params.clone() });
    assert_eq!((same.forward.clone().unwrap(), same.reverse.clone().unwrap()), (0.0, 0.0));
    let swapped = build_kl(&KlParams { p: params.q.clone(), q: params.p.clone() });
    assert_eq!(swapped.reverse, data.forward);
}

proptest! {
    /// Any drag of any bar keeps both distributions at exactly 1000 thousandths.
    #[test]
    fn dragging_keeps_distributions_normalised(edits in prop::collection::vec((0usize..K, 0u32..=1200, any::<bool>()), 1..40)) {
        let mut params = KlParams::default();
        for (k, value, p) in edits {
            let dist = if p { &mut params.p } else { &mut params.q };
            set_share(dist, k, value);
            prop_assert_eq!(dist.iter().sum::<u32>(), UNITS);
            prop_assert_eq!(dist[k], value.min(UNITS));
        }
        let data = build_kl(&params);
        prop_assert!((data.p.iter().sum::<f64>() - 1.0).abs() < 1e-9 && (data.q.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        prop_assert!(data.forward.is_ok() && data.reverse.is_ok());
    }

    #[test]
    fn apportion_sums_exactly(weights in prop::collection::vec(0.0f64..10.0, 1..9), total in 0u32..2000) {
        prop_assert_eq!(apportion(&weights, total).iter().sum::<u32>(), total);
    }
}

#[test]
fn forward_kl_covers_both_peaks_and_reverse_kl_settles_on_one() {
    let p = target(12.0);
    assert_eq!(p.len(), BINS);
    let mut fits = Fits::default();
    for _ in 0..MAX_STEPS {
        fits.forward = fits.forward.descend(Kl::Forward, &p, RATE).unwrap().1;
        fits.reverse = fits.reverse.descend(Kl::Reverse, &p, RATE).unwrap().1;
    }
    let forward = fitted(Kl::Forward, &p, &fits.forward);
    let reverse = fitted(Kl::Reverse, &p, &fits.reverse);
    let p_left: f64 = p[..BINS / 2].iter().sum();
    eprintln!("forward left {} σ {} KL {}; reverse left {} σ {} KL {}", forward.left, forward.sigma, forward.divergence, reverse.left, reverse.sigma, reverse.divergence);
    assert!((forward.left - p_left).abs() < 0.1, "forward Q covers the left peak: {}", forward.left);
    assert!(reverse.left < 0.1, "reverse Q stays on the right peak: {}", reverse.left);
    assert!(forward.sigma > 3.0 * reverse.sigma, "forward Q is wide, reverse Q narrow");
}
