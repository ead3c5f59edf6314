//! The loss core's own e^x, ln x and ln(1+x) (`loss::exp_log`) against the standard library over
//! their whole range: the largest difference in units in the last place (ulp), with every special value.

use loss_lab::loss::exp_log::{exp, ln, ln_1p, EXP_TABLE};

/// Distance in ulp between two finite floats of the same sign (or both zero); 0 for equal values.
fn ulps(a: f64, b: f64) -> u64 {
    if a == b || (a.is_nan() && b.is_nan()) {
        return 0;
    }
    let key = |v: f64| {
        let bits = v.to_bits() as i64;
        if bits < 0 { i64::MIN - bits } else { bits }
    };
    key(a).abs_diff(key(b))
}

/// A deterministic stream of uniform numbers in [0, 1) (xorshift64).
fn uniform(n: usize, seed: u64) -> impl Iterator<Item = f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n).map(move |_| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    })
}

/// The largest ulp difference of `ours` from `std` over `xs`, with the worst argument.
fn worst(xs: impl Iterator<Item = f64>, ours: fn(f64) -> f64, std: fn(f64) -> f64) -> (u64, f64) {
    let (max, at) = xs.map(|x| (ulps(ours(x), std(x)), x)).fold((0, 0.0), |a, b| if b.0 > a.0 { b } else { a });
    eprintln!("largest difference from std: {max} ulp at {at:e}");
    (max, at)
}

#[test]
fn exp_is_within_one_ulp_of_std_from_underflow_to_overflow() {
    let xs = uniform(2_000_000, 1).map(|u| -745.2 + u * (709.9 + 745.2));
    let (max, at) = worst(xs, exp, f64::exp);
    assert!(max <= 1, "exp: {max} ulp at {at}");
    // Near 0, where e^x ≈ 1 + x, and the subnormal range.
    let (max, at) = worst(uniform(1_000_000, 2).map(|u| (u - 0.5) * 1e-3), exp, f64::exp);
    assert!(max <= 1, "exp near 0: {max} ulp at {at}");
    let (max, at) = worst(uniform(200_000, 3).map(|u| -745.1 + u * 37.0), exp, f64::exp);
    assert!(max <= 1, "exp, subnormal results: {max} ulp at {at}");
    // Where the table's range ends, and the softmax range (x − max ≤ 0).
    let (max, at) = worst(uniform(200_000, 4).map(|u| 707.0 + u * 2.0).flat_map(|x| [x, -x]), exp, f64::exp);
    assert!(max <= 1, "exp near ±708: {max} ulp at {at}");
    let (max, at) = worst(uniform(1_000_000, 5).map(|u| -40.0 * u), exp, f64::exp);
    assert!(max <= 1, "exp on [−40, 0]: {max} ulp at {at}");
}

/// Each entry of exp's table, d_i·(1 + t_i) = 2^(i/32), checked to about 2⁻¹⁰⁰ through squaring:
/// (d_i(1 + t_i))² must be d_{2i}(1 + t_{2i}) (times 2 past 32), with the square's rounding error
/// taken exactly by a fused multiply-add; entry 0 is exactly 1, and d_i is 2^(i/32) to half an ulp.
#[test]
fn exp_table_holds_two_to_the_i_over_32() {
    let entry = |i: usize| {
        let (tail, base) = EXP_TABLE[i];
        (f64::from_bits(base + ((i as u64) << 47)), f64::from_bits(tail))
    };
    assert_eq!(entry(0), (1.0, 0.0));
    for i in 0..32 {
        let (d, t) = entry(i);
        assert!(ulps(d, (i as f64 / 32.0).exp2()) <= 1 && t.abs() <= f64::EPSILON / 2.0, "entry {i}");
        let (d2, t2) = entry(2 * i % 32);
        let d2 = if 2 * i >= 32 { 2.0 * d2 } else { d2 };
        let square = d * d;
        let rounding = d.mul_add(d, -square);
        // (square + rounding)(1 + 2t + t²) − d2(1 + t2), the exact parts first.
        let difference = (square - d2) + rounding + square * (2.0 * t + t * t) - d2 * t2;
        assert!(difference.abs() <= 1e-30 * d2, "entry {i}: {difference:e}");
    }
}

#[test]
fn exp_special_values() {
    assert_eq!(exp(0.0), 1.0);
    assert_eq!(exp(f64::NEG_INFINITY), 0.0);
    assert_eq!(exp(f64::INFINITY), f64::INFINITY);
    assert_eq!(exp(709.79), f64::INFINITY);
    assert_eq!(exp(-745.2), 0.0);
    assert!(exp(f64::NAN).is_nan());
    assert_eq!(exp(709.78), 709.78f64.exp());
    assert_eq!(exp(-745.0), (-745.0f64).exp());
    assert_eq!(exp(1e-300), 1.0);
    assert_eq!(exp(-1e-300), 1.0);
}

#[test]
fn ln_is_within_one_ulp_of_std_on_every_binade() {
    // Mantissa and exponent both random: every binade from the smallest subnormal to the largest float.
    let xs = uniform(2_000_000, 4).zip(uniform(2_000_000, 5)).map(|(e, m)| {
        let exponent = (e * 2098.0) as i32 - 1074;
        (1.0 + m) * 2f64.powi(exponent.max(-1022)) * if exponent < -1022 { 2f64.powi(exponent + 1022) } else { 1.0 }
    });
    let (max, at) = worst(xs.filter(|x| *x > 0.0 && x.is_finite()), ln, f64::ln);
    assert!(max <= 1, "ln: {max} ulp at {at:e}");
    // Around 1, where ln x ≈ x − 1 is small.
    let (max, at) = worst(uniform(1_000_000, 6).map(|u| 0.5 + u * 1.5), ln, f64::ln);
    assert!(max <= 1, "ln near 1: {max} ulp at {at}");
}

#[test]
fn ln_special_values() {
    assert_eq!(ln(1.0), 0.0);
    assert_eq!(ln(0.0), f64::NEG_INFINITY);
    assert_eq!(ln(-0.0), f64::NEG_INFINITY);
    assert_eq!(ln(f64::INFINITY), f64::INFINITY);
    assert!(ln(-1.0).is_nan() && ln(f64::NAN).is_nan() && ln(f64::NEG_INFINITY).is_nan());
    assert_eq!(ln(f64::MIN_POSITIVE), f64::MIN_POSITIVE.ln());
    assert_eq!(ln(5e-324), 5e-324f64.ln());
    assert_eq!(ln(f64::MAX), f64::MAX.ln());
    assert_eq!(ln(std::f64::consts::E), 1.0);
}

#[test]
fn ln_1p_is_within_two_ulp_of_std_from_minus_one_to_the_largest_float() {
    let (max, at) = worst(uniform(1_000_000, 7).map(|u| -1.0 + u * 2.0), ln_1p, f64::ln_1p);
    assert!(max <= 2, "ln_1p on (−1, 1): {max} ulp at {at}");
    let (max, at) = worst(uniform(1_000_000, 8).map(|u| 10f64.powf(-300.0 + u * 608.0)), ln_1p, f64::ln_1p);
    assert!(max <= 2, "ln_1p on (1e−300, 1e308): {max} ulp at {at:e}");
    let (max, at) = worst(uniform(1_000_000, 9).map(|u| -(10f64.powf(-300.0 + u * 300.0)) * 0.999_999), ln_1p, f64::ln_1p);
    assert!(max <= 2, "ln_1p on (−1, −1e−300): {max} ulp at {at:e}");
}

#[test]
fn ln_1p_special_values() {
    assert_eq!(ln_1p(0.0), 0.0);
    assert_eq!(ln_1p(-1.0), f64::NEG_INFINITY);
    assert_eq!(ln_1p(f64::INFINITY), f64::INFINITY);
    assert!(ln_1p(-2.0).is_nan() && ln_1p(f64::NAN).is_nan());
    assert_eq!(ln_1p(1e-20), 1e-20);
    assert_eq!(ln_1p(-1e-20), -1e-20);
    assert_eq!(ln_1p(f64::MAX), f64::MAX.ln_1p());
}

#[path = "common/lanes.rs"]
mod lanes;

#[test]
fn two_lane_kernels_give_the_scalar_kernels_bits() {
    lanes::lanes_equal_scalar_kernels(1_000_000).unwrap();
}
