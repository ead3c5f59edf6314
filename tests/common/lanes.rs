//! The two-lane kernels (`exp_x2`, `ln_x2`, `ln_1p_x2`, `ln_1p_unit_x2`) against the scalar ones, bit for bit: run
//! natively (on the portable pair of scalars) by `tests/exp_log.rs` and in headless Chromium (on
//! WebAssembly SIMD128, as the site is built) by `tests/browser.rs`.

use loss_lab::loss::exp_log::{exp, exp_x2, ln, ln_1p, ln_1p_unit_x2, ln_1p_x2, ln_x2};
use loss_lab::loss::lanes::F64x2;

/// Arguments for a kernel: `n` spread over `range` (xorshift64, seeded), then every special value.
fn arguments(n: usize, seed: u64, range: (f64, f64)) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut xs: Vec<f64> = (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            range.0 + (s >> 11) as f64 / (1u64 << 53) as f64 * (range.1 - range.0)
        })
        .collect();
    xs.extend([0.0, -0.0, 1.0, -1.0, 1e-310, 5e-324, f64::MIN_POSITIVE, f64::MAX, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 709.9, 710.0, -745.2, -746.0, -0.999_999_999, 1e300]);
    xs
}

/// Positive arguments over every binade (subnormals included): 2^e · m.
fn binades(n: usize, seed: u64) -> Vec<f64> {
    let exponents = arguments(n, seed, (-1074.0, 1023.0));
    let mantissas = arguments(n, seed + 1, (1.0, 2.0));
    exponents.iter().zip(&mantissas).map(|(e, m)| m * 2f64.powi(e.floor() as i32)).chain(arguments(0, 0, (0.0, 0.0))).collect()
}

/// The first argument where `lanes` differs from `scalar` (both lanes checked, in both positions).
fn first_difference(xs: &[f64], scalar: fn(f64) -> f64, lanes: fn(F64x2) -> F64x2) -> Option<(f64, f64, f64)> {
    let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
    xs.windows(2).find_map(|pair| {
        let [a, b] = lanes(F64x2::new(pair[0], pair[1])).lanes();
        if !same(a, scalar(pair[0])) {
            Some((pair[0], a, scalar(pair[0])))
        } else if !same(b, scalar(pair[1])) {
            Some((pair[1], b, scalar(pair[1])))
        } else {
            None
        }
    })
}

/// Checks the three kernels on `n` arguments each (plus special values); an error names the first
/// argument whose lane differs.
pub fn lanes_equal_scalar_kernels(n: usize) -> Result<(), String> {
    // ln_1p_unit_x2's range, (0, 2√2 − 1): spread, and every binade of its small end.
    let unit: Vec<f64> = arguments(n, 16, (0.0, 1.828)).into_iter().chain(binades(n / 2, 17)).filter(|&x| x > 0.0 && x < 1.828).collect();
    let cases: [(&str, Vec<f64>, fn(f64) -> f64, fn(F64x2) -> F64x2); 5] = [
        ("exp", arguments(n, 11, (-746.0, 710.0)), exp, exp_x2),
        ("ln", binades(n, 12), ln, ln_x2),
        ("ln of negatives", arguments(n / 10, 13, (-1e3, 0.0)), ln, ln_x2),
        ("ln_1p", arguments(n, 14, (-1.0, 40.0)).into_iter().chain(binades(n / 2, 15)).collect(), ln_1p, ln_1p_x2),
        ("ln_1p on (0, 2√2 − 1)", unit, ln_1p, ln_1p_unit_x2),
    ];
    for (name, xs, scalar, lanes) in cases {
        if let Some((x, got, want)) = first_difference(&xs, scalar, lanes) {
            return Err(format!("{name}({x:e}): lanes give {got:e}, the scalar kernel {want:e}"));
        }
    }
    Ok(())
}
