//! Sampling a loss (or its derivative) over a range for plotting, with extra points at kinks so a
//! kink is drawn as a kink and a jump (0-1 loss, a derivative at a kink) as a near-vertical step.
//! No plotting imports: this returns points; `src/plot` draws them.

/// The most evenly spaced points [`sample_curve`] takes (a larger `n` is clamped to it).
pub const MAX_POINTS: usize = 1_000_000;

/// Samples `f` over `[x_min, x_max]` with `n` evenly spaced points (at least the two end points, at
/// most [`MAX_POINTS`]),
/// plus, for each kink inside the range, the kink itself and one point just either side of it
/// (at a distance of 1e−6 of the range). The result is sorted by x with no repeated x.
///
/// Points whose y is NaN are dropped; ±∞ values are kept (e.g. BCE at p = 0) — clamping to the
/// visible window is the plot's job, not this function's.
/// A reversed range is swapped; a non-finite bound or an empty range (x_min = x_max) gives at most
/// the single point x_min.
pub fn sample_curve(f: impl Fn(f64) -> f64, x_min: f64, x_max: f64, n: usize, kinks: &[f64]) -> Vec<(f64, f64)> {
    let xs = sample_xs(x_min, x_max, n, kinks);
    xs.into_iter()
        .map(|x| (x, f(x)))
        .filter(|(_, y)| !y.is_nan())
        .collect()
}

/// Samples a function and its derivative on the same abscissae (see [`sample_curve`]):
/// `(x, f(x), df(x))`, dropping points where either is NaN.
pub fn sample_curve_and_derivative(
    f: impl Fn(f64) -> f64,
    df: impl Fn(f64) -> f64,
    x_min: f64,
    x_max: f64,
    n: usize,
    kinks: &[f64],
) -> Vec<(f64, f64, f64)> {
    sample_xs(x_min, x_max, n, kinks)
        .into_iter()
        .map(|x| (x, f(x), df(x)))
        .filter(|(_, y, d)| !y.is_nan() && !d.is_nan())
        .collect()
}

/// The sorted, de-duplicated abscissae used by [`sample_curve`].
pub fn sample_xs(x_min: f64, x_max: f64, n: usize, kinks: &[f64]) -> Vec<f64> {
    if !x_min.is_finite() || !x_max.is_finite() {
        return Vec::new();
    }
    let (lo, hi) = if x_min <= x_max { (x_min, x_max) } else { (x_max, x_min) };
    let span = hi - lo;
    if span == 0.0 || !span.is_finite() {
        return vec![lo];
    }
    let n = n.clamp(2, MAX_POINTS);
    let mut xs = Vec::with_capacity(n + 3 * kinks.len());
    let step = span / (n - 1) as f64;
    for i in 0..n {
        xs.push(if i + 1 == n { hi } else { lo + step * i as f64 });
    }
    let h = span * 1e-6;
    for &k in kinks {
        if k.is_finite() && k >= lo && k <= hi {
            for x in [k - h, k, k + h] {
                if x >= lo && x <= hi {
                    xs.push(x);
                }
            }
        }
    }
    crate::loss::num::sort_floats(&mut xs);
    xs.dedup();
    xs
}
