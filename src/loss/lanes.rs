//! Two f64 lanes, [`F64x2`], for the core's hot loops: WebAssembly SIMD128 (`f64x2`, `i64x2`) where
//! the build enables it (`-C target-feature=+simd128`, set for wasm32 in `.cargo/config.toml`), and a
//! pair of scalars everywhere else.
//!
//! Every operation is the IEEE operation of the scalar code on each lane — add, sub, mul and div are
//! correctly rounded, comparisons and selects are exact, integer operations wrap — so a kernel written
//! on lanes gives, lane by lane, **the same bits** as the same kernel written on `f64` (no fused
//! multiply-add: neither side contracts). The native tests check the kernels against the scalar ones
//! bit for bit through the portable pair; the browser tests do the same on the SIMD128 build.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::*;

    /// Two f64 lanes.
    #[derive(Clone, Copy)]
    pub struct F64x2(v128);
    /// Two 64-bit integer lanes (an f64's bits).
    #[derive(Clone, Copy)]
    pub struct I64x2(v128);
    /// Two lane masks (all ones where true).
    #[derive(Clone, Copy)]
    pub struct Mask2(v128);

    impl F64x2 {
        #[inline(always)]
        pub fn splat(x: f64) -> F64x2 {
            F64x2(f64x2_splat(x))
        }
        #[inline(always)]
        pub fn new(a: f64, b: f64) -> F64x2 {
            F64x2(f64x2(a, b))
        }
        /// Lanes `s[i]`, `s[i + 1]` (panics if they are not in the slice).
        #[inline(always)]
        pub fn load_at(s: &[f64], i: usize) -> F64x2 {
            assert!(s.len() >= 2 && i <= s.len() - 2);
            // SAFETY: s[i], s[i + 1] are 16 readable bytes (checked); v128.load needs no alignment.
            F64x2(unsafe { v128_load(s.as_ptr().add(i).cast::<v128>()) })
        }
        /// Writes the lanes to `s[i]`, `s[i + 1]` (panics if they are not in the slice).
        #[inline(always)]
        pub fn store_at(self, s: &mut [f64], i: usize) {
            assert!(s.len() >= 2 && i <= s.len() - 2);
            // SAFETY: s[i], s[i + 1] are 16 writable bytes (checked); v128.store needs no alignment.
            unsafe { v128_store(s.as_mut_ptr().add(i).cast::<v128>(), self.0) }
        }
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            [f64x2_extract_lane::<0>(self.0), f64x2_extract_lane::<1>(self.0)]
        }
        #[inline(always)]
        pub fn add(self, o: F64x2) -> F64x2 {
            F64x2(f64x2_add(self.0, o.0))
        }
        #[inline(always)]
        pub fn sub(self, o: F64x2) -> F64x2 {
            F64x2(f64x2_sub(self.0, o.0))
        }
        #[inline(always)]
        pub fn mul(self, o: F64x2) -> F64x2 {
            F64x2(f64x2_mul(self.0, o.0))
        }
        #[inline(always)]
        pub fn div(self, o: F64x2) -> F64x2 {
            F64x2(f64x2_div(self.0, o.0))
        }
        #[inline(always)]
        pub fn abs(self) -> F64x2 {
            F64x2(f64x2_abs(self.0))
        }
        #[inline(always)]
        pub fn lt(self, o: F64x2) -> Mask2 {
            Mask2(f64x2_lt(self.0, o.0))
        }
        #[inline(always)]
        pub fn gt(self, o: F64x2) -> Mask2 {
            Mask2(f64x2_gt(self.0, o.0))
        }
        #[inline(always)]
        pub fn ge(self, o: F64x2) -> Mask2 {
            Mask2(f64x2_ge(self.0, o.0))
        }
        #[inline(always)]
        pub fn le(self, o: F64x2) -> Mask2 {
            Mask2(f64x2_le(self.0, o.0))
        }
        #[inline(always)]
        pub fn eq(self, o: F64x2) -> Mask2 {
            Mask2(f64x2_eq(self.0, o.0))
        }
        #[inline(always)]
        pub fn to_bits(self) -> I64x2 {
            I64x2(self.0)
        }
        /// The sign of `sign` on the magnitude of `self` (`f64::copysign`).
        #[inline(always)]
        pub fn copysign(self, sign: F64x2) -> F64x2 {
            F64x2(v128_bitselect(sign.0, self.0, u64x2_splat(1 << 63)))
        }
        #[inline(always)]
        pub fn floor(self) -> F64x2 {
            F64x2(f64x2_floor(self.0))
        }
    }

    impl I64x2 {
        #[inline(always)]
        pub fn splat(x: i64) -> I64x2 {
            I64x2(i64x2_splat(x))
        }
        #[inline(always)]
        pub fn new(a: i64, b: i64) -> I64x2 {
            I64x2(i64x2(a, b))
        }
        #[inline(always)]
        pub fn lanes(self) -> [i64; 2] {
            [i64x2_extract_lane::<0>(self.0), i64x2_extract_lane::<1>(self.0)]
        }
        #[inline(always)]
        pub fn to_f64_bits(self) -> F64x2 {
            F64x2(self.0)
        }
        #[inline(always)]
        pub fn add(self, o: I64x2) -> I64x2 {
            I64x2(i64x2_add(self.0, o.0))
        }
        #[inline(always)]
        pub fn sub(self, o: I64x2) -> I64x2 {
            I64x2(i64x2_sub(self.0, o.0))
        }
        #[inline(always)]
        pub fn and(self, o: I64x2) -> I64x2 {
            I64x2(v128_and(self.0, o.0))
        }
        #[inline(always)]
        pub fn shl(self, n: u32) -> I64x2 {
            I64x2(i64x2_shl(self.0, n))
        }
        /// Arithmetic shift right by `n` (32 ≤ n < 64), as f64: the high words shifted on 32-bit
        /// lanes and converted (SIMD128's i64x2 shift right is emulated and it has no i64 → f64).
        #[inline(always)]
        pub fn shr_to_f64(self, n: u32) -> F64x2 {
            debug_assert!((32..64).contains(&n));
            let high = i32x4_shr(self.0, n - 32);
            F64x2(f64x2_convert_low_i32x4(i32x4_shuffle::<1, 3, 1, 3>(high, high)))
        }
    }

    impl Mask2 {
        /// `yes` in the lanes where the mask is set, `no` elsewhere.
        #[inline(always)]
        pub fn select(self, yes: F64x2, no: F64x2) -> F64x2 {
            F64x2(v128_bitselect(yes.0, no.0, self.0))
        }
        #[inline(always)]
        pub fn or(self, o: Mask2) -> Mask2 {
            Mask2(v128_or(self.0, o.0))
        }
        #[inline(always)]
        pub fn not(self) -> Mask2 {
            Mask2(v128_not(self.0))
        }
        #[inline(always)]
        pub fn and(self, o: Mask2) -> Mask2 {
            Mask2(v128_and(self.0, o.0))
        }
        #[inline(always)]
        pub fn any(self) -> bool {
            v128_any_true(self.0)
        }
        #[inline(always)]
        pub fn all(self) -> bool {
            i64x2_all_true(self.0)
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    /// Two f64 lanes.
    #[derive(Clone, Copy)]
    pub struct F64x2([f64; 2]);
    /// Two 64-bit integer lanes (an f64's bits).
    #[derive(Clone, Copy)]
    pub struct I64x2([i64; 2]);
    /// Two lane masks.
    #[derive(Clone, Copy)]
    pub struct Mask2([bool; 2]);

    #[inline(always)]
    fn each(a: [f64; 2], f: impl Fn(f64) -> f64) -> F64x2 {
        F64x2([f(a[0]), f(a[1])])
    }
    #[inline(always)]
    fn both(a: [f64; 2], b: [f64; 2], f: impl Fn(f64, f64) -> f64) -> F64x2 {
        F64x2([f(a[0], b[0]), f(a[1], b[1])])
    }
    #[inline(always)]
    fn test(a: [f64; 2], b: [f64; 2], f: impl Fn(f64, f64) -> bool) -> Mask2 {
        Mask2([f(a[0], b[0]), f(a[1], b[1])])
    }
    #[inline(always)]
    fn ints(a: [i64; 2], b: [i64; 2], f: impl Fn(i64, i64) -> i64) -> I64x2 {
        I64x2([f(a[0], b[0]), f(a[1], b[1])])
    }

    impl F64x2 {
        #[inline(always)]
        pub fn splat(x: f64) -> F64x2 {
            F64x2([x, x])
        }
        #[inline(always)]
        pub fn new(a: f64, b: f64) -> F64x2 {
            F64x2([a, b])
        }
        /// Lanes `s[i]`, `s[i + 1]` (panics if they are not in the slice).
        #[inline(always)]
        pub fn load_at(s: &[f64], i: usize) -> F64x2 {
            F64x2([s[i], s[i + 1]])
        }
        /// Writes the lanes to `s[i]`, `s[i + 1]` (panics if they are not in the slice).
        #[inline(always)]
        pub fn store_at(self, s: &mut [f64], i: usize) {
            s[i] = self.0[0];
            s[i + 1] = self.0[1];
        }
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            self.0
        }
        #[inline(always)]
        pub fn add(self, o: F64x2) -> F64x2 {
            both(self.0, o.0, |a, b| a + b)
        }
        #[inline(always)]
        pub fn sub(self, o: F64x2) -> F64x2 {
            both(self.0, o.0, |a, b| a - b)
        }
        #[inline(always)]
        pub fn mul(self, o: F64x2) -> F64x2 {
            both(self.0, o.0, |a, b| a * b)
        }
        #[inline(always)]
        pub fn div(self, o: F64x2) -> F64x2 {
            both(self.0, o.0, |a, b| a / b)
        }
        #[inline(always)]
        pub fn abs(self) -> F64x2 {
            each(self.0, f64::abs)
        }
        #[inline(always)]
        pub fn lt(self, o: F64x2) -> Mask2 {
            test(self.0, o.0, |a, b| a < b)
        }
        #[inline(always)]
        pub fn gt(self, o: F64x2) -> Mask2 {
            test(self.0, o.0, |a, b| a > b)
        }
        #[inline(always)]
        pub fn ge(self, o: F64x2) -> Mask2 {
            test(self.0, o.0, |a, b| a >= b)
        }
        #[inline(always)]
        pub fn le(self, o: F64x2) -> Mask2 {
            test(self.0, o.0, |a, b| a <= b)
        }
        #[inline(always)]
        pub fn eq(self, o: F64x2) -> Mask2 {
            test(self.0, o.0, |a, b| a == b)
        }
        #[inline(always)]
        pub fn to_bits(self) -> I64x2 {
            I64x2([self.0[0].to_bits() as i64, self.0[1].to_bits() as i64])
        }
        /// The sign of `sign` on the magnitude of `self` (`f64::copysign`).
        #[inline(always)]
        pub fn copysign(self, sign: F64x2) -> F64x2 {
            both(self.0, sign.0, f64::copysign)
        }
        #[inline(always)]
        pub fn floor(self) -> F64x2 {
            each(self.0, f64::floor)
        }
    }

    impl I64x2 {
        #[inline(always)]
        pub fn splat(x: i64) -> I64x2 {
            I64x2([x, x])
        }
        #[inline(always)]
        pub fn new(a: i64, b: i64) -> I64x2 {
            I64x2([a, b])
        }
        #[inline(always)]
        pub fn lanes(self) -> [i64; 2] {
            self.0
        }
        #[inline(always)]
        pub fn to_f64_bits(self) -> F64x2 {
            F64x2([f64::from_bits(self.0[0] as u64), f64::from_bits(self.0[1] as u64)])
        }
        #[inline(always)]
        pub fn add(self, o: I64x2) -> I64x2 {
            ints(self.0, o.0, i64::wrapping_add)
        }
        #[inline(always)]
        pub fn sub(self, o: I64x2) -> I64x2 {
            ints(self.0, o.0, i64::wrapping_sub)
        }
        #[inline(always)]
        pub fn and(self, o: I64x2) -> I64x2 {
            ints(self.0, o.0, |a, b| a & b)
        }
        #[inline(always)]
        pub fn shl(self, n: u32) -> I64x2 {
            I64x2([self.0[0].wrapping_shl(n), self.0[1].wrapping_shl(n)])
        }
        /// Arithmetic shift right by `n` (32 ≤ n < 64), as f64.
        #[inline(always)]
        pub fn shr_to_f64(self, n: u32) -> F64x2 {
            debug_assert!((32..64).contains(&n));
            F64x2([(self.0[0] >> n) as f64, (self.0[1] >> n) as f64])
        }
    }

    impl Mask2 {
        /// `yes` in the lanes where the mask is set, `no` elsewhere.
        #[inline(always)]
        pub fn select(self, yes: F64x2, no: F64x2) -> F64x2 {
            F64x2([if self.0[0] { yes.0[0] } else { no.0[0] }, if self.0[1] { yes.0[1] } else { no.0[1] }])
        }
        #[inline(always)]
        pub fn or(self, o: Mask2) -> Mask2 {
            Mask2([self.0[0] || o.0[0], self.0[1] || o.0[1]])
        }
        #[inline(always)]
        pub fn not(self) -> Mask2 {
            Mask2([!self.0[0], !self.0[1]])
        }
        #[inline(always)]
        pub fn and(self, o: Mask2) -> Mask2 {
            Mask2([self.0[0] && o.0[0], self.0[1] && o.0[1]])
        }
        #[inline(always)]
        pub fn any(self) -> bool {
            self.0[0] || self.0[1]
        }
        #[inline(always)]
        pub fn all(self) -> bool {
            self.0[0] && self.0[1]
        }
    }
}

pub use imp::{F64x2, I64x2, Mask2};

impl F64x2 {
    /// Lane sum, lane 0 first.
    #[inline(always)]
    pub fn sum(self) -> f64 {
        let [a, b] = self.lanes();
        a + b
    }
}

/// Whether this build computes on SIMD128 lanes.
pub const SIMD: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));
