//! Divergences (§6): the identity CE = H + KL, the infinities and zero conventions, logits with
//! softmax underflow, errors, and gradients against central differences.

use loss_lab::loss::divergence::*;
use loss_lab::loss::LossError;
use proptest::prelude::*;

#[test]
fn cross_entropy_is_entropy_plus_kl() {
    let p = [0.1, 0.2, 0.3, 0.4];
    let q = [0.25, 0.25, 0.4, 0.1];
    let ce = cross_entropy(&p, &q).unwrap();
    let h = entropy(&p).unwrap();
    let kl = Kl::Forward.value(&p, &q).unwrap();
    assert!((ce - (h + kl)).abs() < 1e-15);
    assert_eq!(Kl::Forward.value(&p, &p).unwrap(), 0.0);
    assert_eq!(Kl::Reverse.value(&q, &q).unwrap(), 0.0);
    assert!((entropy(&[0.5, 0.5, 0.0]).unwrap() - std::f64::consts::LN_2).abs() < 1e-16);
}

#[test]
fn zeros_and_infinities() {
    // 0·ln 0 = 0 also where q = 0 (PyTorch: NaN).
    assert_eq!(Kl::Forward.value(&[0.0, 1.0], &[0.0, 1.0]).unwrap(), 0.0);
    assert_eq!(Kl::Forward.grad(&[0.0, 1.0], &[0.0, 1.0]).unwrap(), vec![0.0, -1.0]);
    // +∞ where p > 0 = q, gradient −∞ there.
    assert_eq!(Kl::Forward.value(&[0.5, 0.5], &[1.0, 0.0]).unwrap(), f64::INFINITY);
    assert_eq!(Kl::Forward.grad(&[0.5, 0.5], &[1.0, 0.0]).unwrap()[1], f64::NEG_INFINITY);
    assert_eq!(cross_entropy(&[0.5, 0.5], &[1.0, 0.0]).unwrap(), f64::INFINITY);
    // Reverse: +∞ when q > 0 = p; ∂/∂q_k: −∞ at q_k = 0 < p_k, +∞ at q_k = p_k = 0.
    assert_eq!(Kl::Reverse.value(&[1.0, 0.0], &[0.5, 0.5]).unwrap(), f64::INFINITY);
    let g = Kl::Reverse.grad(&[0.5, 0.5, 0.0], &[1.0, 0.0, 0.0]).unwrap();
    assert_eq!(g, vec![(2.0f64).ln() + 1.0, f64::NEG_INFINITY, f64::INFINITY]);
    // Entropy gradient +∞ at p_k = 0.
    assert_eq!(entropy_grad(&[1.0, 0.0]).unwrap(), vec![-1.0, f64::INFINITY]);
}

#[test]
fn logits_with_softmax_underflow() {
    let p = [0.25, 0.25, 0.25, 0.25];
    let z = [1000.0, -1000.0, 0.0, 999.0];
    for kl in [Kl::Forward, Kl::Reverse] {
        let (v, g) = kl.value_and_grad_logits(&p, &z).unwrap();
        assert!(v.is_finite() && g.iter().all(|g| g.is_finite()), "{kl:?}: {v} {g:?}");
    }
    // Forward: ¼ Σ (ln ¼ − log q_k), log q exact through log-softmax (q_1 = e^{−2000} underflows).
    let lse = 1000.0 + (1.0 + (-1.0f64).exp()).ln();
    let want: f64 = z.iter().map(|zk| 0.25 * (0.25f64.ln() - (zk - lse))).sum();
    assert!((Kl::Forward.value_logits(&p, &z).unwrap() - want).abs() < 1e-12 * want);
    // Reverse gradient where q_j underflows to 0 is 0, not NaN.
    let g = Kl::Reverse.grad_logits(&p, &z).unwrap();
    assert_eq!(g[1], 0.0);
    // Reverse with a zero in P: +∞ value, undefined gradient (a typed error).
    let p0 = [0.5, 0.5, 0.0, 0.0];
    assert_eq!(Kl::Reverse.value_logits(&p0, &z).unwrap(), f64::INFINITY);
    assert!(matches!(Kl::Reverse.grad_logits(&p0, &z), Err(LossError::Undefined { .. })));
    // Forward with zeros in P is fine.
    assert!(Kl::Forward.value_and_grad_logits(&p0, &z).unwrap().0.is_finite());
}

#[test]
fn errors() {
    assert!(matches!(Kl::Forward.value(&[0.5, 0.6], &[0.5, 0.5]), Err(LossError::NotADistribution { name: "p", .. })));
    assert!(matches!(Kl::Forward.value(&[0.5, 0.5], &[1.5, -0.5]), Err(LossError::InvalidValue { name: "q", index: 1, .. })));
    assert!(matches!(Kl::Forward.value(&[0.5, 0.5], &[1.0]), Err(LossError::LengthMismatch { .. })));
    assert!(matches!(entropy(&[]), Err(LossError::Empty { .. })));
    assert!(matches!(entropy(&[f64::NAN, 1.0]), Err(LossError::InvalidValue { .. })));
    assert!(matches!(Kl::Forward.value_logits(&[1.0], &[f64::INFINITY]), Err(LossError::InvalidValue { .. })));
    // Within the 1e−9 tolerance is accepted.
    assert!(entropy(&[0.5, 0.5 + 5e-10]).is_ok());
    let msg = entropy(&[0.5, 0.6]).unwrap_err().to_string();
    assert!(msg.contains("not a probability distribution"), "{msg}");
}

fn distribution(k: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.05f64..1.0, k).prop_map(|v| {
        let s: f64 = v.iter().sum();
        v.iter().map(|x| x / s).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// ∂KL/∂q and ∂CE/∂q per coordinate (q is treated as free coordinates; h = 1e−7,
    /// tolerance 1e−5·(1 + |g|)).
    #[test]
    fn probability_gradients((p, q) in (2usize..6).prop_flat_map(|k| (distribution(k), distribution(k)))) {
        for kl in [Kl::Forward, Kl::Reverse] {
            let g = kl.grad(&p, &q).unwrap();
            for k in 0..q.len() {
                let h = 1e-7;
                let n = (kl.element(p[k], q[k] + h) - kl.element(p[k], q[k] - h)) / (2.0 * h);
                prop_assert!((g[k] - n).abs() <= 1e-5 * (1.0 + g[k].abs()), "{:?}: {} vs {}", kl, g[k], n);
            }
        }
        let ce = cross_entropy(&p, &q).unwrap();
        prop_assert!((ce - entropy(&p).unwrap() - Kl::Forward.value(&p, &q).unwrap()).abs() < 1e-12);
    }

    /// Gradients on logits (softmax is differentiated, so the simplex constraint is built in):
    /// h = 1e−6, tolerance 1e−6·(1 + |g|).
    #[test]
    fn logit_gradients((p, z) in (2usize..6).prop_flat_map(|k| (distribution(k), prop::collection::vec(-8.0f64..8.0, k)))) {
        for kl in [Kl::Forward, Kl::Reverse] {
            let g = kl.grad_logits(&p, &z).unwrap();
            for k in 0..z.len() {
                let h = 1e-6;
                let mut a = z.clone();
                let mut b = z.clone();
                a[k] += h;
                b[k] -= h;
                let n = (kl.value_logits(&p, &a).unwrap() - kl.value_logits(&p, &b).unwrap()) / (2.0 * h);
                prop_assert!((g[k] - n).abs() <= 1e-6 * (1.0 + g[k].abs()), "{:?}: {} vs {}", kl, g[k], n);
            }
        }
        let (v, g) = cross_entropy_logits_value_and_grad(&p, &z).unwrap();
        let q: Vec<f64> = { let m = z.iter().cloned().fold(f64::MIN, f64::max); let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect(); let s: f64 = e.iter().sum(); e.iter().map(|x| x / s).collect() };
        prop_assert!((v - cross_entropy(&p, &q).unwrap()).abs() < 1e-12 * (1.0 + v));
        for k in 0..z.len() { prop_assert!((g[k] - (q[k] - p[k])).abs() < 1e-14); }
    }
}
