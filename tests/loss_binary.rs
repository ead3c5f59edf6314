//! Binary classification (MATHS.md §2–3, §11 focal): values, kinks, extremes, errors, and
//! gradients against central differences.

use loss_lab::loss::Elementwise;
use loss_lab::loss::classification::*;
use loss_lab::loss::extras::Focal;
use loss_lab::loss::LossError;
use proptest::prelude::*;

fn rel_close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

/// One data-driven case: (value, derivative) of a per-element function.
fn check(what: &str, got: (f64, f64), want: (f64, f64)) {
    assert!(rel_close(got.0, want.0, 1e-14), "{what}: value {} vs {}", got.0, want.0);
    assert!(rel_close(got.1, want.1, 1e-14), "{what}: derivative {} vs {}", got.1, want.1);
}

#[test]
fn bce_on_probabilities() {
    let b = |p, y| (bce_element(p, y), bce_element_derivative(p, y));
    check("p=0.25,y=1", b(0.25, 1.0), (-(0.25f64).ln(), -4.0));
    check("p=0.25,y=0", b(0.25, 0.0), (-(0.75f64).ln(), 1.0 / 0.75));
    check("p=0.5,y=0.5", b(0.5, 0.5), (std::f64::consts::LN_2, 0.0));
    // Exact infinities where PyTorch clamps at 100.
    check("p=0,y=1", b(0.0, 1.0), (f64::INFINITY, f64::NEG_INFINITY));
    check("p=1,y=0", b(1.0, 0.0), (f64::INFINITY, f64::INFINITY));
    check("p=0,y=0.3", b(0.0, 0.3), (f64::INFINITY, f64::NEG_INFINITY));
    check("p=1,y=0.3", b(1.0, 0.3), (f64::INFINITY, f64::INFINITY));
    // 0·ln 0 = 0 and the one-term derivative at p = y ∈ {0, 1}.
    check("p=0,y=0", b(0.0, 0.0), (0.0, 1.0));
    check("p=1,y=1", b(1.0, 1.0), (0.0, -1.0));
    // log1p for the (1−y) term: tiny p keeps relative precision.
    check("p=1e-20,y=0", b(1e-20, 0.0), (1e-20, 1.0));
    assert_eq!(bce(&[0.0, 0.5], &[1.0, 0.5]).unwrap(), f64::INFINITY);
}

#[test]
fn bce_with_logits_tails() {
    let b = |x, y| (bce_with_logits_element(x, y), bce_with_logits_element_derivative(x, y));
    // x = −50, y = 0: softplus(−50) = 1.9287e−22 and σ(−50) likewise, not 0.
    let s50 = 1.928749847963918e-22;
    check("x=-50,y=0", b(-50.0, 0.0), (s50, s50));
    check("x=50,y=1", b(50.0, 1.0), (s50, -s50));
    check("x=1000,y=0", b(1000.0, 0.0), (1000.0, 1.0));
    check("x=-1000,y=1", b(-1000.0, 1.0), (1000.0, -1.0));
    check("x=1000,y=1", b(1000.0, 1.0), (0.0, -0.0));
    check("x=0,y=1", b(0.0, 1.0), (std::f64::consts::LN_2, -0.5));
    check("x=2,y=0.25", b(2.0, 0.25), (0.25 * (1.0 + (-2.0f64).exp()).ln() + 0.75 * (1.0 + 2.0f64.exp()).ln(), 1.0 / (1.0 + (-2.0f64).exp()) - 0.25));
    for x in [-1e3, -745.0, -37.0, 0.0, 37.0, 745.0, 1e3] {
        for y in [0.0, 0.3, 1.0] {
            let (v, d) = b(x, y);
            assert!(v.is_finite() && d.is_finite(), "x={x} y={y}: {v} {d}");
        }
    }
}

#[test]
fn margin_losses_and_kinks() {
    let m = |l: Margin, f, y| (l.element(f, y), l.element_derivative(f, y));
    check("0-1 at y f = 0", m(Margin::ZeroOne, 0.0, 1.0), (1.0, 0.0));
    check("0-1 at y f > 0", m(Margin::ZeroOne, 0.1, 1.0), (0.0, 0.0));
    check("0-1 y=-1", m(Margin::ZeroOne, 0.1, -1.0), (1.0, 0.0));
    // Hinge kink at y f = 1: flat side, derivative 0 (for either label).
    check("hinge at kink y=+1", m(Margin::Hinge, 1.0, 1.0), (0.0, 0.0));
    check("hinge at kink y=-1", m(Margin::Hinge, -1.0, -1.0), (0.0, 0.0));
    check("hinge active", m(Margin::Hinge, 0.25, 1.0), (0.75, -1.0));
    check("hinge active y=-1", m(Margin::Hinge, 0.25, -1.0), (1.25, 1.0));
    check("sq hinge at kink", m(Margin::SquaredHinge, 1.0, 1.0), (0.0, 0.0));
    check("sq hinge", m(Margin::SquaredHinge, -0.5, 1.0), (2.25, -3.0));
    check("logistic at 0", m(Margin::Logistic, 0.0, 1.0), (std::f64::consts::LN_2, -0.5));
    check("logistic y=-1", m(Margin::Logistic, 2.0, -1.0), ((1.0 + 2.0f64.exp()).ln(), 1.0 / (1.0 + (-2.0f64).exp())));
    // Strict branch: just below the kink the hinge is active.
    assert_eq!(Margin::Hinge.element_derivative(1.0f64.next_down(), 1.0), -1.0);
    assert_eq!(Margin::Hinge.kinks(), vec![1.0]);
    assert_eq!(Margin::ZeroOne.kinks(), vec![0.0]);
    assert!(Margin::Logistic.kinks().is_empty());
    // Extremes.
    assert_eq!(Margin::Logistic.element(-1e3, 1.0), 1e3);
    assert!(Margin::Logistic.element(1e3, 1.0) == 0.0 && Margin::Logistic.element_derivative(50.0, 1.0) < 0.0);
    let (v, g) = Margin::Hinge.value_and_grad(&[0.0, 2.0], &[1.0, -1.0]).unwrap();
    assert_eq!(v, (1.0 + 3.0) / 2.0);
    assert_eq!(g, vec![-0.5, 0.5]);
}

#[test]
fn focal_reduces_to_bce_and_is_stable() {
    let plain = Focal::new(-1.0, 0.0).unwrap();
    for (x, y) in [(-3.0, 0.0), (0.5, 1.0), (2.0, 0.3)] {
        check("γ=0, no α", (plain.element(x, y), plain.element_derivative(x, y)), (bce_with_logits_element(x, y), bce_with_logits_element_derivative(x, y)));
    }
    // γ = 2, α = 0.25, y = 1, x = 0: p_t = ½, ℓ = 0.25·ln2·¼.
    let f = Focal::new(0.25, 2.0).unwrap();
    assert!(rel_close(f.element(0.0, 1.0), 0.25 * std::f64::consts::LN_2 * 0.25, 1e-15));
    // Confident and right: 1 − p_t = σ(−40) ≈ 4.25e−18 is kept (torchvision's 1 − p rounds it to 0).
    let v = f.element(40.0, 1.0);
    let s = 1.0 / (1.0 + 40.0f64.exp());
    assert!(rel_close(v, 0.25 * s * s * s, 1e-12), "{v}");
    // γ = 512 and |x| = 1e3: finite.
    let big = Focal::new(0.25, 512.0).unwrap();
    for x in [-1e3, -5.0, 0.0, 5.0, 1e3] {
        for y in [0.0, 0.5, 1.0] {
            let (v, d) = (big.element(x, y), big.element_derivative(x, y));
            assert!(v.is_finite() && d.is_finite(), "x={x} y={y}: {v} {d}");
        }
    }
    // The largest γ and absurd logits: no ∞·0 = NaN.
    let huge = Focal::new(0.25, 1e6).unwrap();
    for x in [-1e300, -40.0, 0.0, 40.0, 1e300] {
        for y in [0.0, 0.5, 1.0] {
            let (v, d) = (huge.element(x, y), huge.element_derivative(x, y));
            assert!(!v.is_nan() && !d.is_nan(), "x={x} y={y}: {v} {d}");
        }
    }
    assert!(matches!(Focal::new(0.25, 2e6), Err(LossError::InvalidParameter { .. })));
    let small_gamma = Focal::new(0.5, 0.5).unwrap();
    for x in [-1e3, 1e3] {
        assert!(small_gamma.element_derivative(x, 1.0).is_finite());
        assert!(small_gamma.element_derivative(x, 0.5).is_finite());
    }
}

#[test]
fn errors() {
    assert!(matches!(bce(&[1.2], &[1.0]), Err(LossError::InvalidValue { name: "p", index: 0, .. })));
    assert!(matches!(bce(&[0.5], &[-0.1]), Err(LossError::InvalidValue { name: "y", .. })));
    assert!(matches!(bce(&[], &[]), Err(LossError::Empty { .. })));
    assert!(matches!(bce_with_logits(&[0.0, 1.0], &[1.0]), Err(LossError::LengthMismatch { .. })));
    assert!(matches!(bce_with_logits(&[f64::INFINITY], &[1.0]), Err(LossError::InvalidValue { .. })));
    assert!(matches!(Margin::Hinge.value(&[0.0], &[0.0]), Err(LossError::InvalidValue { name: "y", .. })));
    assert!(matches!(Focal::new(1.5, 2.0), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Focal::new(0.25, -1.0), Err(LossError::InvalidParameter { .. })));
    assert!(matches!(Focal::new(f64::NAN, 1.0), Err(LossError::InvalidParameter { .. })));
    let msg = Margin::Hinge.value(&[0.0], &[0.5]).unwrap_err().to_string();
    assert!(msg.contains("−1 or +1"), "{msg}");
}

/// Central difference of a scalar function.
fn fd(f: impl Fn(f64) -> f64, x: f64, h: f64) -> f64 {
    (f(x + h) - f(x - h)) / (2.0 * h)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// BCE on probabilities, p in (0.01, 0.99): h = 1e−7, tolerance 1e−5·(1 + |ℓ'|).
    #[test]
    fn bce_derivative(p in 0.01f64..0.99, y in 0.0f64..=1.0) {
        let d = bce_element_derivative(p, y);
        let n = fd(|p| bce_element(p, y), p, 1e-7);
        prop_assert!((d - n).abs() <= 1e-5 * (1.0 + d.abs()), "{} vs {}", d, n);
    }

    /// BCE with logits: h = 1e−6, tolerance 1e−7·(1 + |ℓ|).
    #[test]
    fn bce_logits_derivative(x in -30.0f64..30.0, y in 0.0f64..=1.0) {
        let d = bce_with_logits_element_derivative(x, y);
        let n = fd(|x| bce_with_logits_element(x, y), x, 1e-6);
        prop_assert!((d - n).abs() <= 1e-7 * (1.0 + bce_with_logits_element(x, y)), "{} vs {}", d, n);
    }

    /// Margin losses, at least 1e−4 from the kinks: h = 1e−6, tolerance 1e−6·(1 + |ℓ|).
    #[test]
    fn margin_derivative(f in -5.0f64..5.0, pos in any::<bool>(), which in 0usize..4) {
        let l = Margin::ALL[which];
        let y = if pos { 1.0 } else { -1.0 };
        prop_assume!(l.kinks().iter().all(|k| (y * f - k).abs() > 1e-4));
        let d = l.element_derivative(f, y);
        let n = fd(|f| l.element(f, y), f, 1e-6);
        prop_assert!((d - n).abs() <= 1e-6 * (1.0 + l.element(f, y)), "{:?} {} vs {}", l, d, n);
    }

    /// Focal loss: h = 1e−6, tolerance 1e−6·(1 + |ℓ'|) (γ up to 6 makes ℓ''' larger).
    #[test]
    fn focal_derivative(x in -15.0f64..15.0, y in 0.0f64..=1.0, alpha in -0.5f64..1.0, gamma in 0.0f64..6.0) {
        let f = Focal::new(alpha, gamma).unwrap();
        let d = f.element_derivative(x, y);
        let n = fd(|x| f.element(x, y), x, 1e-6);
        prop_assert!((d - n).abs() <= 1e-6 * (1.0 + d.abs()), "{} vs {}", d, n);
    }

    /// Reduced gradients are the element derivatives divided by n.
    #[test]
    fn reduced_gradients(data in prop::collection::vec((-8.0f64..8.0, any::<bool>()), 1..6)) {
        let x: Vec<f64> = data.iter().map(|d| d.0).collect();
        let y01: Vec<f64> = data.iter().map(|d| if d.1 { 1.0 } else { 0.0 }).collect();
        let ypm: Vec<f64> = data.iter().map(|d| if d.1 { 1.0 } else { -1.0 }).collect();
        let n = x.len() as f64;
        let (v, g) = bce_with_logits_value_and_grad(&x, &y01).unwrap();
        prop_assert_eq!(v, bce_with_logits(&x, &y01).unwrap());
        for i in 0..x.len() {
            prop_assert_eq!(g[i], bce_with_logits_element_derivative(x[i], y01[i]) / n);
        }
        let soft: Vec<f64> = y01.iter().map(|v| 0.2 + 0.6 * v).collect();
        let (v, g) = bce_with_logits_value_and_grad(&x, &soft).unwrap();
        prop_assert_eq!(v, bce_with_logits(&x, &soft).unwrap());
        for i in 0..x.len() {
            prop_assert_eq!(g[i], bce_with_logits_element_derivative(x[i], soft[i]) / n);
        }
        let g = Margin::SquaredHinge.grad(&x, &ypm).unwrap();
        for i in 0..x.len() {
            prop_assert_eq!(g[i], Margin::SquaredHinge.element_derivative(x[i], ypm[i]) / n);
        }
    }
}
