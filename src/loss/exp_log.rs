//! e^x, ln x and ln(1+x) for f64, written out so they inline into the loss loops.
//!
//! In WebAssembly, `f64::exp` and `f64::ln` are calls into a software libm: 16–21 ms per million `exp`
//! there against 6–8 ms natively. Here each function is straight-line code that inlines into the
//! loops: a range reduction with bit manipulation, a polynomial and selects for the special cases.
//! e^x reduces by ln 2/32 with a 32-entry table of 2^(i/32) (512 bytes), so its polynomial is short
//! and needs no division; only arguments beyond ±708 (results near overflow or subnormal, ±∞, NaN)
//! branch to fdlibm's method, out of line. The two-lane kernels (`*_x2`) do the same operations on
//! [`F64x2`] lanes and give the same bits.
//!
//! Accuracy: the tests compare with the standard library over the whole range (exp on [−746, 710],
//! ln on every binade including subnormals, ln_1p on (−1, 10³⁰⁸]). The largest error is stated in
//! each function's doc comment. Special values follow IEEE 754 / the standard library: exp(−∞) = 0,
//! exp(+∞) = +∞, ln 0 = −∞, ln of a negative number is NaN, NaN gives NaN.

use super::lanes::{F64x2, I64x2};

/// ln 2 split so that k·LN2_HI is exact for |k| ≤ 2¹¹ (Cody–Waite).
const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
const INV_LN2: f64 = std::f64::consts::LOG2_E;
/// 1.5·2⁵²: adding it rounds a number of magnitude < 2⁵¹ to an integer held in the low mantissa bits.
const ROUND_SHIFT: f64 = 6_755_399_441_055_744.0;

/// e^x, within 1 ulp of the correctly rounded result (measured maximum in the tests; subnormal results
/// within 1 unit of the smallest subnormal).
///
/// For |x| ≤ 708 (every finite result that is a normal number): x = (32k + i)·ln 2/32 + r with
/// |r| ≤ ln 2/64, e^x = 2^k · 2^(i/32) · e^r with 2^(i/32) from a 32-entry table (its double and the
/// relative rounding error of that double, so the product keeps 2⁻⁶⁰ precision) and e^r − 1 by
/// Taylor to r⁶ (truncation below 2⁻⁵⁸): no division, and the one rounding at the end. Elsewhere
/// (results near overflow, subnormal, infinite or NaN) [`exp_wide`].
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    if !(x.abs() <= TABLE_RANGE) {
        return exp_wide(x);
    }
    let shifted = x * INV_LN2_32 + ROUND_SHIFT;
    let kd = shifted - ROUND_SHIFT;
    let ki = shifted.to_bits();
    let r = x - kd * LN2_32_HI - kd * LN2_32_LO;
    let (tail, base) = EXP_TABLE[(ki & 31) as usize];
    let scale = f64::from_bits(base.wrapping_add(ki << 47));
    let r2 = r * r;
    let tmp = f64::from_bits(tail) + r + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5 + r2 * C6);
    scale + scale * tmp
}

/// |x| up to which [`exp`] uses its table: e^±708 are normal numbers with room to spare.
const TABLE_RANGE: f64 = 708.0;
/// 32/ln 2, and ln 2/32 in two parts (the first with 16 trailing zero bits, so k·LN2_32_HI is
/// exact for |k| < 2¹⁶).
const INV_LN2_32: f64 = 46.166_241_308_446_83;
const LN2_32_HI: f64 = 0.021_660_849_392_446_835;
const LN2_32_LO: f64 = 5.145_609_244_655_338e-14;
/// e^r − 1 − r = r²/2 + r³/6 + … + r⁶/720.
const C2: f64 = 0.5;
const C3: f64 = 1.0 / 6.0;
const C4: f64 = 1.0 / 24.0;
const C5: f64 = 1.0 / 120.0;
const C6: f64 = 1.0 / 720.0;

/// For i = 0..32: the bits of t_i = (2^(i/32) − d_i)/d_i, where d_i is 2^(i/32) rounded to a double,
/// and the bits of d_i minus i·2⁴⁷ (so that adding (32k + i)·2⁴⁷ gives the bits of 2^k·d_i).
/// Computed with 60-digit decimal arithmetic; `tests/exp_log.rs` checks every entry.
pub const EXP_TABLE: [(u64, u64); 32] = [
    (0x0000000000000000, 0x3FF0000000000000),
    (0x3C8CD2523567F613, 0x3FEFD9B0D3158574),
    (0x3C979AA65D837B6D, 0x3FEFB5586CF9890F),
    (0xBC9556522A2FBD0E, 0x3FEF9301D0125B51),
    (0xBC801B15EAA59348, 0x3FEF72B83C7D517B),
    (0x3C9AECF73E3A2F60, 0x3FEF54873168B9AA),
    (0x3C968EFDE3A8A894, 0x3FEF387A6E756238),
    (0x3C82F7E16D09AB31, 0x3FEF1E9DF51FDEE1),
    (0x3C834D754DB0ABB6, 0x3FEF06FE0A31B715),
    (0xBC924AEDCC4B5068, 0x3FEEF1A7373AA9CB),
    (0x3C859F48A72A4C6D, 0x3FEEDEA64C123422),
    (0x3C4363ED60C2AC11, 0x3FEECE086061892D),
    (0x3C7690CEBB7AAFB0, 0x3FEEBFDAD5362A27),
    (0xBC78DEC6BD0F385F, 0x3FEEB42B569D4F82),
    (0x3C9063E1E21C5409, 0x3FEEAB07DD485429),
    (0xBC8C33C53BEF4DA8, 0x3FEEA47EB03A5585),
    (0xBC93B3EFBF5E2228, 0x3FEEA09E667F3BCD),
    (0xBC781F647E5A3ECF, 0x3FEE9F75E8EC5F74),
    (0xBC7B32DCB94DA51D, 0x3FEEA11473EB0187),
    (0xBC9369B6F13B3734, 0x3FEEA589994CCE13),
    (0x3C8DB72FC1F0EAB4, 0x3FEEACE5422AA0DB),
    (0xBC5DA9B88B6C1E29, 0x3FEEB737B0CDC5E5),
    (0x3C71AFFC2B91CE27, 0x3FEEC49182A3F090),
    (0xBC91BBD1D3BCBB15, 0x3FEED503B23E255D),
    (0x3C8C1A7792CB3387, 0x3FEEE89F995AD3AD),
    (0xBC68D6F438AD9334, 0x3FEEFF76F2FB5E47),
    (0x3C736EAE30AF0CB3, 0x3FEF199BDD85529C),
    (0x3C676B2C6C921968, 0x3FEF3720DCEF9069),
    (0x3C74A385A63D07A7, 0x3FEF5818DCFBA487),
    (0xBC82D52107B43E1F, 0x3FEF7C97337B9B5F),
    (0xBC8FF7128FD391F0, 0x3FEFA4AFA2A490DA),
    (0x3C8A64A931D185EE, 0x3FEFD0765B6E4540),
];

/// e^x on the whole range by fdlibm's method, within 1 ulp: [`exp`] where its table does not reach.
///
/// x = k·ln 2 + r with |r| ≤ ½ln 2 (r = hi − lo kept in two parts), e^r by fdlibm's rational form
/// (c = r − r²·P(r²) with a degree-5 P, e^r = 1 − ((lo − r·c/(2 − c)) − hi); error < 2⁻⁵⁹ before
/// rounding), then e^x = e^r · 2^⌊k/2⌋ · 2^(k−⌊k/2⌋) (two exact power-of-two factors, so results near
/// overflow or in the subnormal range are rounded once).
#[inline(never)]
fn exp_wide(x: f64) -> f64 {
    // Clamp (keeping NaN): beyond these e^x is +∞ or 0 after the final rounding anyway.
    let x = if x > 709.9 { 709.9 } else { x };
    let x = if x < -745.2 { -745.2 } else { x };
    let shifted = x * INV_LN2 + ROUND_SHIFT;
    let k_float = shifted - ROUND_SHIFT;
    let k = (shifted.to_bits() as i64).wrapping_sub(ROUND_SHIFT.to_bits() as i64);
    // fdlibm's e^r: c = r − r²·P(r²), e^r = 1 − ((lo − r·c/(2 − c)) − hi), with r = hi − lo kept in
    // two parts; P by Estrin's scheme (short dependency chains, so consecutive calls overlap).
    let hi = x - k_float * LN2_HI;
    let lo = k_float * LN2_LO;
    let r = hi - lo;
    let t = r * r;
    let t2 = t * t;
    let poly = (P1 + P2 * t) + t2 * ((P3 + P4 * t) + t2 * P5);
    let c = r - t * poly;
    let p = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    let half = k >> 1;
    p * power_of_two(half) * power_of_two(k - half)
}

const P1: f64 = 1.666_666_666_666_660_190_37e-1;
const P2: f64 = -2.777_777_777_701_559_338_42e-3;
const P3: f64 = 6.613_756_321_437_934_361_17e-5;
const P4: f64 = -1.653_390_220_546_525_153_90e-6;
const P5: f64 = 4.138_136_797_057_238_460_39e-8;

/// 2^k for −1022 ≤ k ≤ 1023 built from its bits (wrapping, so garbage k from a NaN never panics).
#[inline]
fn power_of_two(k: i64) -> f64 {
    f64::from_bits((k.wrapping_add(1023) as u64) << 52)
}

/// √2/2 as bits: mantissas are normalised into [√2/2, √2).
const SQRT_HALF_BITS: u64 = 0x3FE6_A09E_667F_3BCD;

/// ln x, within 1 ulp (measured maximum in the tests).
///
/// x = 2^k·m with m ∈ [√2/2, √2), f = m − 1 (exact), s = f/(2+f), ln m = 2 atanh s = f − f²/2 +
/// s(f²/2 + R(s²)) with fdlibm's degree-14 polynomial R (error < 2⁻⁵⁸·⁴⁵), plus k·ln 2 in two parts.
#[inline(always)]
pub fn ln(x: f64) -> f64 {
    // Subnormals: scale by 2⁵⁴ first.
    let subnormal = x < f64::MIN_POSITIVE;
    let scaled = if subnormal { x * 18_014_398_509_481_984.0 } else { x };
    let bits = scaled.to_bits();
    let offset = bits.wrapping_sub(SQRT_HALF_BITS);
    let k = ((offset as i64) >> 52) - if subnormal { 54 } else { 0 };
    let m = f64::from_bits(bits.wrapping_sub(offset & 0xFFF0_0000_0000_0000));
    let f = m - 1.0;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let r = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
    let half_f2 = 0.5 * f * f;
    let k = k as f64;
    let y = k * LN2_HI - ((half_f2 - (s * (half_f2 + r) + k * LN2_LO)) - f);
    // Special values: NaN and negatives give NaN, 0 gives −∞, +∞ gives +∞.
    if x > 0.0 && x < f64::INFINITY {
        y
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else if x == f64::INFINITY {
        x
    } else {
        f64::NAN
    }
}

const LG1: f64 = 6.666_666_666_666_735_130e-1;
const LG2: f64 = 3.999_999_999_940_941_908e-1;
const LG3: f64 = 2.857_142_874_366_239_149e-1;
const LG4: f64 = 2.222_219_843_214_978_396e-1;
const LG5: f64 = 1.818_357_216_161_805_012e-1;
const LG6: f64 = 1.531_383_769_920_937_332e-1;
const LG7: f64 = 1.479_819_860_511_658_591e-1;

/// ln(1 + x), within 2 ulp (measured maximum in the tests); exact (x) where 1 + x rounds to 1.
///
/// With u = 1 + x rounded, ln(1+x) = ln u + (x − (u − 1))/u to first order in the rounding error of u
/// (the correction restores what the rounding of u lost).
#[inline(always)]
pub fn ln_1p(x: f64) -> f64 {
    let u = 1.0 + x;
    let lost = x - (u - 1.0);
    // At u = 0 (x = −1) the correction would be 0/0: ln 0 = −∞ alone is the answer.
    let correction = if u > 0.0 { lost / u } else { 0.0 };
    let y = ln(u) + correction;
    // 1 + x == 1: ln(1+x) = x to within x²/2 (< ½ ulp of x); at +∞ the correction would be NaN.
    if u == 1.0 || x == f64::INFINITY {
        x
    } else {
        y
    }
}

/// [`exp`] on two lanes: the same operations in the same order, so each lane is bit for bit what
/// [`exp`] gives (tested).
#[inline(always)]
pub fn exp_x2(x: F64x2) -> F64x2 {
    let c = F64x2::splat;
    let shifted = x.mul(c(INV_LN2_32)).add(c(ROUND_SHIFT));
    let kd = shifted.sub(c(ROUND_SHIFT));
    let ki = shifted.to_bits();
    let r = x.sub(kd.mul(c(LN2_32_HI))).sub(kd.mul(c(LN2_32_LO)));
    // The table, one lane at a time (SIMD128 has no gather); a NaN's garbage index is masked too.
    let [k0, k1] = ki.lanes();
    let ((t0, b0), (t1, b1)) = (EXP_TABLE[(k0 & 31) as usize], EXP_TABLE[(k1 & 31) as usize]);
    let tail = I64x2::new(t0 as i64, t1 as i64).to_f64_bits();
    let scale = I64x2::new(b0 as i64, b1 as i64).add(ki.shl(47)).to_f64_bits();
    let r2 = r.mul(r);
    let low = c(C2).add(r.mul(c(C3)));
    let high = c(C4).add(r.mul(c(C5))).add(r2.mul(c(C6)));
    let tmp = tail.add(r).add(r2.mul(low)).add(r2.mul(r2).mul(high));
    let y = scale.add(scale.mul(tmp));
    let wide = x.abs().le(c(TABLE_RANGE)).not();
    if wide.any() {
        wide.select(exp_wide_x2(x), y)
    } else {
        y
    }
}

/// [`exp_wide`] on two lanes, bit for bit.
#[inline(never)]
fn exp_wide_x2(x: F64x2) -> F64x2 {
    let x = x.gt(F64x2::splat(709.9)).select(F64x2::splat(709.9), x);
    let x = x.lt(F64x2::splat(-745.2)).select(F64x2::splat(-745.2), x);
    let shifted = x.mul(F64x2::splat(INV_LN2)).add(F64x2::splat(ROUND_SHIFT));
    let k_float = shifted.sub(F64x2::splat(ROUND_SHIFT));
    let c = F64x2::splat;
    let hi = x.sub(k_float.mul(c(LN2_HI)));
    let lo = k_float.mul(c(LN2_LO));
    let r = hi.sub(lo);
    let t = r.mul(r);
    let t2 = t.mul(t);
    let poly = affine(P1, P2, t).add(t2.mul(affine(P3, P4, t).add(t2.mul(c(P5)))));
    let cc = r.sub(t.mul(poly));
    let p = c(1.0).sub(lo.sub(r.mul(cc).div(c(2.0).sub(cc))).sub(hi));
    // ⌊k/2⌋ and k − ⌊k/2⌋ on floats (exact: k is a small integer), as `exp`'s integer shift gives them.
    let half = k_float.mul(c(0.5)).floor();
    p.mul(power_of_two_x2(half)).mul(power_of_two_x2(k_float.sub(half)))
}

/// a + b·x.
#[inline(always)]
fn affine(a: f64, b: f64, x: F64x2) -> F64x2 {
    F64x2::splat(a).add(F64x2::splat(b).mul(x))
}

/// 2^k for an integer −1022 ≤ k ≤ 1023 held as f64: k + 1023 lands in the low mantissa bits of
/// 1.5·2⁵² + k + 1023, and a shift left by 52 moves exactly those bits into the exponent field.
#[inline(always)]
fn power_of_two_x2(k: F64x2) -> F64x2 {
    k.add(F64x2::splat(ROUND_SHIFT + 1023.0)).to_bits().shl(52).to_f64_bits()
}

/// [`ln`] on two lanes, bit for bit (tested).
#[inline(always)]
pub fn ln_x2(x: F64x2) -> F64x2 {
    let c = F64x2::splat;
    let subnormal = x.lt(c(f64::MIN_POSITIVE));
    let scaled = subnormal.select(x.mul(c(18_014_398_509_481_984.0)), x);
    let bits = scaled.to_bits();
    let offset = bits.sub(I64x2::splat(SQRT_HALF_BITS as i64));
    let k = offset.shr_to_f64(52).sub(subnormal.select(c(54.0), c(0.0)));
    let m = bits.sub(offset.and(I64x2::splat(0xFFF0_0000_0000_0000_u64 as i64))).to_f64_bits();
    let y = ln_of_mantissa_x2(m, k);
    let nan = c(f64::NAN);
    let special = x.eq(c(0.0)).select(c(f64::NEG_INFINITY), x.eq(c(f64::INFINITY)).select(x, nan));
    x.gt(c(0.0)).and(x.lt(c(f64::INFINITY))).select(y, special)
}

/// ln(2^k·m) for m ∈ [√2/2, √2) and a small integer k (as f64): [`ln`]'s polynomial and sum.
#[inline(always)]
fn ln_of_mantissa_x2(m: F64x2, k: F64x2) -> F64x2 {
    let c = F64x2::splat;
    let f = m.sub(c(1.0));
    let s = f.div(c(2.0).add(f));
    let z = s.mul(s);
    let w = z.mul(z);
    let odd = z.mul(c(LG1).add(w.mul(c(LG3).add(w.mul(c(LG5).add(w.mul(c(LG7))))))));
    let even = w.mul(c(LG2).add(w.mul(c(LG4).add(w.mul(c(LG6))))));
    let r = odd.add(even);
    let half_f2 = c(0.5).mul(f).mul(f);
    k.mul(c(LN2_HI)).sub(half_f2.sub(s.mul(half_f2.add(r)).add(k.mul(c(LN2_LO)))).sub(f))
}

/// [`ln_1p_x2`] for 0 < x < 2√2 − 1 (so u = 1 + x ∈ (1, 2√2), whose exponent k is 0 or 1), bit for
/// bit (tested): the same operations on the same values, without the exponent extraction and the
/// special cases that range does not need. For ln(1 + e^{−|z|}), where e^{−|z|} ≤ 1.
#[inline(always)]
pub fn ln_1p_unit_x2(x: F64x2) -> F64x2 {
    let c = F64x2::splat;
    let u = c(1.0).add(x);
    let lost = x.sub(u.sub(c(1.0)));
    // ln's reduction: m = u, k = 0 below √2 (the double whose bits are √2/2's plus one exponent),
    // m = u/2 (exact), k = 1 from it.
    let upper = u.ge(c(f64::from_bits(SQRT_HALF_BITS + (1 << 52))));
    let y = ln_of_mantissa_x2(upper.select(u.mul(c(0.5)), u), upper.select(c(1.0), c(0.0)));
    u.eq(c(1.0)).select(x, y.add(lost.div(u)))
}

/// [`ln_1p`] on two lanes, bit for bit (tested).
#[inline(always)]
pub fn ln_1p_x2(x: F64x2) -> F64x2 {
    let c = F64x2::splat;
    let u = c(1.0).add(x);
    let lost = x.sub(u.sub(c(1.0)));
    let correction = u.gt(c(0.0)).select(lost.div(u), c(0.0));
    let y = ln_x2(u).add(correction);
    u.eq(c(1.0)).or(x.eq(c(f64::INFINITY))).select(x, y)
}
