//! The plotting sampler: sorted, no NaN, kinks present and bracketed.

use loss_lab::loss::regression::Regression;
use loss_lab::loss::sample::{sample_curve, sample_curve_and_derivative, sample_xs};

#[test]
fn kinks_are_sampled_exactly_and_bracketed() {
    let h = Regression::huber(0.37).unwrap();
    let pts = sample_curve(|r| h.element(r), -2.0, 2.0, 11, &h.kinks());
    let xs: Vec<f64> = pts.iter().map(|p| p.0).collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "sorted and unique: {xs:?}");
    for k in [-0.37, 0.37] {
        let i = xs.iter().position(|&x| x == k).expect("kink sampled exactly");
        assert!(xs[i - 1] < k && k - xs[i - 1] <= 4e-6 * 1.0001);
        assert!(xs[i + 1] > k && xs[i + 1] - k <= 4e-6 * 1.0001);
    }
    assert_eq!(xs.first(), Some(&-2.0));
    assert_eq!(xs.last(), Some(&2.0));
    assert_eq!(pts.len(), 11 + 6);
}

#[test]
fn mae_kink_is_a_vertex() {
    let mae = Regression::Mae;
    // An even number of points would step over 0; the kink is added.
    let pts = sample_curve(|r| mae.element(r), -1.0, 1.0, 4, &mae.kinks());
    assert!(pts.contains(&(0.0, 0.0)), "{pts:?}");
}

#[test]
fn kinks_outside_the_range_are_ignored_and_nan_dropped() {
    let pts = sample_curve(|x| if x > 0.5 { f64::NAN } else { x }, 0.0, 1.0, 5, &[2.0, -1.0, f64::NAN]);
    assert_eq!(pts, vec![(0.0, 0.0), (0.25, 0.25), (0.5, 0.5)]);
}

#[test]
fn infinities_are_kept() {
    let pts = sample_curve(|x| if x == 0.0 { f64::INFINITY } else { -x.ln() }, 0.0, 1.0, 3, &[]);
    assert_eq!(pts[0], (0.0, f64::INFINITY));
}

#[test]
fn degenerate_ranges() {
    assert_eq!(sample_xs(1.0, 0.0, 3, &[]), vec![0.0, 0.5, 1.0], "reversed range is swapped");
    assert_eq!(sample_xs(1.0, 1.0, 10, &[1.0]), vec![1.0]);
    assert!(sample_xs(f64::NAN, 1.0, 10, &[]).is_empty());
    assert!(sample_xs(0.0, f64::INFINITY, 10, &[]).is_empty());
    assert_eq!(sample_xs(0.0, 1.0, 0, &[]), vec![0.0, 1.0], "at least the two end points");
}

#[test]
fn curve_and_derivative_share_abscissae() {
    let mae = Regression::Mae;
    let pts = sample_curve_and_derivative(|r| mae.element(r), |r| mae.element_derivative(r), -1.0, 1.0, 3, &mae.kinks());
    let at0 = pts.iter().find(|p| p.0 == 0.0).unwrap();
    assert_eq!(at0.2, 0.0, "derivative at the kink follows the flat-side convention");
    let left = pts.iter().rev().find(|p| p.0 < 0.0).unwrap();
    assert_eq!(left.2, -1.0);
}
