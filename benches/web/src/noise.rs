//! Seeded inputs for the benchmarks, shared by the page's workloads and the native criterion benches
//! (`benches/loss.rs` includes this file), so both measure the same numbers.

/// A deterministic stream in [−1, 1) (xorshift64), so the benchmarks need no RNG crate.
pub fn noise(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}
