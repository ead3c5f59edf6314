//! Host tests for `loss::impurity`: known values, binary forms vs the general ones, derivatives vs
//! central differences, information-gain examples, errors. Tolerances are stated at each assertion.

use loss_lab::loss::LossError;
use loss_lab::loss::impurity::{
    entropy_binary_bits, entropy_binary_bits_derivative, entropy_bits, gini, gini_binary,
    gini_binary_derivative, information_gain, Impurity, 
};
use proptest::prelude::*;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn known_values() {
    // (input, gini, entropy bits); 1e−15 absolute.
    let cases: [(&[f64], f64, f64); 6] = [
        (&[0.5, 0.5], 0.5, 1.0),
        (&[1.0], 0.0, 0.0),
        (&[1.0, 0.0, 0.0], 0.0, 0.0),
        (&[0.25, 0.25, 0.25, 0.25], 0.75, 2.0),
        // 1 − (1/4 + 1/16 + 1/16) = 5/8; ½·1 + ¼·2 + ¼·2 = 1.5 bits.
        (&[0.5, 0.25, 0.25], 0.625, 1.5),
        // 1 − (0.81 + 0.01) = 0.18; −0.9 log2 0.9 − 0.1 log2 0.1 = 0.4689955935892812.
        (&[0.9, 0.1], 0.18, 0.468_995_593_589_281_2),
    ];
    for (p, g, h) in cases {
        assert!(
            close(gini(p).unwrap(), g, 1e-15),
            "gini {p:?} = {}",
            gini(p).unwrap()
        );
        assert!(
            close(entropy_bits(p).unwrap(), h, 1e-15),
            "entropy {p:?} = {}",
            entropy_bits(p).unwrap()
        );
    }
    // Uniform over K classes: gini 1 − 1/K, entropy log2 K.
    for k in 1..=10usize {
        let p = vec![1.0 / k as f64; k];
        assert!(close(gini(&p).unwrap(), 1.0 - 1.0 / k as f64, 1e-15));
        assert!(close(entropy_bits(&p).unwrap(), (k as f64).log2(), 1e-14));
    }
}

#[test]
fn binary_forms_match_general_forms() {
    for i in 0..=1000 {
        let p = i as f64 / 1000.0;
        let d = [p, 1.0 - p];
        assert!(close(gini_binary(p), gini(&d).unwrap(), 1e-15), "p {p}");
        assert!(
            close(entropy_binary_bits(p), entropy_bits(&d).unwrap(), 1e-15),
            "p {p}"
        );
        assert!(gini_binary(p) <= 0.5 && entropy_binary_bits(p) <= 1.0);
        // For two classes entropy (bits) ≥ 2·Gini = 4p(1 − p), equal at p ∈ {0, ½, 1}.
        assert!(
            entropy_binary_bits(p) >= 2.0 * gini_binary(p) - 1e-15,
            "p {p}"
        );
    }
    assert_eq!(gini_binary(0.5), 0.5);
    assert_eq!(entropy_binary_bits(0.5), 1.0);
    assert_eq!((gini_binary(0.0), gini_binary(1.0)), (0.0, 0.0));
    assert_eq!(
        (entropy_binary_bits(0.0), entropy_binary_bits(1.0)),
        (0.0, 0.0)
    );
    // Small p: H ≈ p log2(e/p); relative accuracy kept (1e−14 relative).
    let p: f64 = 1e-12;
    let want = -p * p.log2() + p / std::f64::consts::LN_2 * (1.0 - p / 2.0);
    assert!(
        close(entropy_binary_bits(p) / want, 1.0, 1e-14),
        "{}",
        entropy_binary_bits(p)
    );
}

#[test]
fn derivatives_match_central_differences() {
    // h = 1e−6; tolerance 1e−8 relative + 1e−8 absolute (O(h²) truncation plus rounding ~1e−10).
    let h = 1e-6;
    for i in 1..1000 {
        let p = i as f64 / 1000.0;
        let fd_g = (gini_binary(p + h) - gini_binary(p - h)) / (2.0 * h);
        let fd_h = (entropy_binary_bits(p + h) - entropy_binary_bits(p - h)) / (2.0 * h);
        let (dg, dh) = (gini_binary_derivative(p), entropy_binary_bits_derivative(p));
        assert!(
            close(dg, fd_g, 1e-8 * (1.0 + dg.abs())),
            "gini' at {p}: {dg} vs {fd_g}"
        );
        assert!(
            close(dh, fd_h, 1e-6 * (1.0 + dh.abs())),
            "entropy' at {p}: {dh} vs {fd_h}"
        );
    }
    // The closed forms.
    assert_eq!(gini_binary_derivative(0.25), 1.0);
    assert_eq!(entropy_binary_bits_derivative(0.5), 0.0);
    assert!(close(entropy_binary_bits_derivative(0.2), 2.0, 1e-15)); // log2(0.8/0.2) = 2
                                                                     // Documented: ±∞ at the ends (the one-sided limits), finite and huge just inside.
    assert_eq!(entropy_binary_bits_derivative(0.0), f64::INFINITY);
    assert_eq!(entropy_binary_bits_derivative(1.0), f64::NEG_INFINITY);
    assert!(entropy_binary_bits_derivative(1e-300).is_finite());
    assert!(close(
        entropy_binary_bits_derivative(1e-300),
        -(1e-300f64).log2(),
        1e-12
    ));
    assert!(entropy_binary_bits_derivative(1.0 - f64::EPSILON / 2.0).is_finite());
    assert_eq!(gini_binary_derivative(0.0), 2.0);
    assert_eq!(gini_binary_derivative(1.0), -2.0);
}

#[test]
fn binary_forms_outside_0_1_are_nan() {
    for p in [-0.1, 1.1, f64::NAN, f64::INFINITY] {
        assert!(gini_binary(p).is_nan() && gini_binary_derivative(p).is_nan());
        assert!(entropy_binary_bits(p).is_nan() && entropy_binary_bits_derivative(p).is_nan());
    }
}

#[test]
fn information_gain_examples() {
    // Parent 5/5; a perfect split into 5/0 and 0/5 gains the full impurity: 0.5 Gini, 1 bit.
    let parent = [5u64, 5];
    let perfect: [&[u64]; 2] = [&[5, 0], &[0, 5]];
    assert!(close(
        information_gain(&parent, &perfect, Impurity::Gini).unwrap(),
        0.5,
        1e-15
    ));
    assert!(close(
        information_gain(&parent, &perfect, Impurity::Entropy).unwrap(),
        1.0,
        1e-15
    ));
    // A useless split (same proportions in both children) gains 0 (exactly, no −1e−17).
    let useless: [&[u64]; 2] = [&[2, 2], &[3, 3]];
    assert_eq!(
        information_gain(&parent, &useless, Impurity::Gini).unwrap(),
        0.0
    );
    assert_eq!(
        information_gain(&parent, &useless, Impurity::Entropy).unwrap(),
        0.0
    );
    // Textbook "play tennis" outlook split: parent 9 yes / 5 no; sunny 2/3, overcast 4/0, rain 3/2.
    // Entropy gain 0.246749819774439 bits (Quinlan 1986, "0.246").
    let parent = [9u64, 5];
    let outlook: [&[u64]; 3] = [&[2, 3], &[4, 0], &[3, 2]];
    let ig = information_gain(&parent, &outlook, Impurity::Entropy).unwrap();
    assert!(close(ig, 0.246_749_819_774_439, 1e-14), "{ig}");
    // Gini: 1 − (81+25)/196 = 45/98; children 12/25, 0, 12/25 weighted 5/14 each ⇒ 45/98 − 24/70.
    let ig = information_gain(&parent, &outlook, Impurity::Gini).unwrap();
    assert!(close(ig, 45.0 / 98.0 - 24.0 / 70.0, 1e-15), "{ig}");
    // An empty child has weight 0; a single child equal to the parent gains 0.
    let with_empty: [&[u64]; 3] = [&[5, 0], &[0, 0], &[0, 5]];
    assert!(close(
        information_gain(&[5, 5], &with_empty, Impurity::Gini).unwrap(),
        0.5,
        1e-15
    ));
    assert_eq!(
        information_gain(&[3, 7], &[&[3, 7]], Impurity::Entropy).unwrap(),
        0.0
    );
    // Huge counts do not overflow.
    let big = [u64::MAX, u64::MAX];
    let halves: [&[u64]; 2] = [&[u64::MAX, 0], &[0, u64::MAX]];
    assert!(close(
        information_gain(&big, &halves, Impurity::Entropy).unwrap(),
        1.0,
        1e-15
    ));
}

#[test]
fn error_cases() {
    const P: &str = "class proportions";
    assert_eq!(gini(&[]), Err(LossError::Empty { name: P }));
    assert_eq!(entropy_bits(&[]), Err(LossError::Empty { name: P }));
    assert!(matches!(
        gini(&[0.5, f64::NAN]),
        Err(LossError::InvalidValue { name: P, index: 1, requirement: "must be a finite number", .. })
    ));
    assert_eq!(
        entropy_bits(&[f64::INFINITY]),
        Err(LossError::InvalidValue { name: P, index: 0, value: f64::INFINITY, requirement: "must be a finite number" })
    );
    assert_eq!(
        gini(&[1.5, -0.5]),
        Err(LossError::InvalidValue { name: P, index: 1, value: -0.5, requirement: "must be a probability, at least 0" })
    );
    assert_eq!(
        entropy_bits(&[0.5, 0.4]),
        Err(LossError::NotADistribution { name: P, sum: 0.9 })
    );
    // Within the 1e−9 tolerance is accepted.
    assert!(gini(&[0.5, 0.5 + 5e-10]).is_ok());
    assert!(matches!(
        gini(&[0.5, 0.5 + 2e-9]),
        Err(LossError::NotADistribution { .. })
    ));

    let g = Impurity::Gini;
    assert_eq!(information_gain(&[], &[&[]], g), Err(LossError::Empty { name: "parent class counts" }));
    assert!(matches!(
        information_gain(&[0, 0], &[&[0, 0]], g),
        Err(LossError::Undefined { .. })
    ));
    assert_eq!(
        information_gain(&[1, 1], &[], g),
        Err(LossError::Empty { name: "children" })
    );
    assert!(matches!(
        information_gain(&[1, 1], &[&[1, 1, 0]], g),
        Err(LossError::LengthMismatch { left: 3, right: 2, .. })
    ));
    assert!(matches!(
        information_gain(&[2, 1], &[&[1, 0], &[0, 1]], g),
        Err(LossError::InvalidValue { index: 0, value, .. }) if value == 1.0
    ));
    for e in [
        gini(&[]),
        gini(&[f64::NAN]),
        gini(&[-1.0, 2.0]),
        gini(&[0.9]),
        information_gain(&[0, 0], &[&[0, 0]], g),
        information_gain(&[1, 1], &[], g),
        information_gain(&[1, 1], &[&[1, 1, 0]], g),
        information_gain(&[2, 1], &[&[1, 0], &[0, 1]], g),
    ] {
        let e = e.expect_err("an error case");
        let s = e.to_string();
        assert!(s.len() > 20 && s.ends_with('.'), "{s}");
        let _: &dyn std::error::Error = &e;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]
    /// For random counts and a random 2- or 3-way split: gain in [0, parent impurity] (1e−12),
    /// Gini in [0, 1 − 1/K], entropy in [0, log2 K].
    #[test]
    fn prop_gain_bounded(counts in prop::collection::vec(0u64..50, 2..5), cut in prop::collection::vec(0.0f64..1.0, 5)) {
        prop_assume!(counts.iter().sum::<u64>() > 0);
        let left: Vec<u64> = counts.iter().zip(&cut).map(|(&c, &f)| (c as f64 * f).floor() as u64).collect();
        let right: Vec<u64> = counts.iter().zip(&left).map(|(&c, &l)| c - l).collect();
        let n: u64 = counts.iter().sum();
        let p: Vec<f64> = counts.iter().map(|&c| c as f64 / n as f64).collect();
        let k = counts.len() as f64;
        let (g, h) = (gini(&p).unwrap(), entropy_bits(&p).unwrap());
        prop_assert!((0.0..=1.0 - 1.0 / k + 1e-15).contains(&g));
        prop_assert!((0.0..=k.log2() + 1e-12).contains(&h));
        for (m, parent) in [(Impurity::Gini, g), (Impurity::Entropy, h)] {
            let ig = information_gain(&counts, &[&left, &right], m).unwrap();
            prop_assert!(ig >= 0.0 && ig <= parent + 1e-12, "{ig} vs {parent}");
        }
    }
}
