//! Fewer vertices for a polyline that looks the same: Douglas–Peucker with a tolerance in device
//! pixels. A canvas strokes a path in time proportional to its vertices (each is a join to compute
//! and edges to rasterise), and a curve sampled at about one point per pixel has far more vertices
//! than its shape needs: four 800-point curves took 1.1 ms to rasterise, the same curves with 200
//! points 0.6 ms (headless Chromium, software raster). Vertices closer than the tolerance to the
//! simplified line are dropped, so the stroke moves by at most that much.

/// How far (device pixels) a dropped vertex may lie from the simplified line: below what
/// antialiasing shows.
pub const TOLERANCE_PX: f64 = 0.3;

/// Fewer vertices than this are kept as they are.
const SHORT: usize = 8;

/// Which vertices of `points` (pixel coordinates) to keep (`keep[i]`), so that every dropped vertex
/// is within `tolerance` of the segment between the kept vertices around it; the first and last are
/// always kept. (A vertex that is not a number is never farther than the tolerance: it may be
/// dropped, never drawn wrong.)
pub fn keep(points: &[(f64, f64)], tolerance: f64, keep: &mut Vec<bool>) {
    let n = points.len();
    keep.clear();
    keep.resize(n, n < SHORT);
    if n < SHORT {
        return;
    }
    keep[0] = true;
    keep[n - 1] = true;
    // Runs (a, b) still to check, as pairs of indices: split at the farthest vertex while that is
    // beyond the tolerance.
    let mut runs = vec![0, n - 1];
    let limit = tolerance * tolerance;
    while runs.len() >= 2 {
        let b = runs.pop().unwrap_or(0);
        let a = runs.pop().unwrap_or(0);
        let (pa, pb) = (points[a], points[b]);
        let d = (pb.0 - pa.0, pb.1 - pa.1);
        let length2 = d.0 * d.0 + d.1 * d.1;
        let (mut farthest, mut at) = (limit, 0);
        let mut i = a + 1;
        while i < b {
            let d2 = distance2(points[i], pa, d, length2);
            if d2 > farthest {
                (farthest, at) = (d2, i);
            }
            i += 1;
        }
        if at > 0 {
            keep[at] = true;
            runs.extend_from_slice(&[a, at, at, b]);
        }
    }
}

/// The squared distance from `p` to the segment from `a` along `d` (squared length `length2`).
fn distance2(p: (f64, f64), a: (f64, f64), d: (f64, f64), length2: f64) -> f64 {
    let (px, py) = (p.0 - a.0, p.1 - a.1);
    let t = if length2 > 0.0 {
        ((px * d.0 + py * d.1) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (px - t * d.0, py - t * d.1);
    ex * ex + ey * ey
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(points: &[(f64, f64)], tolerance: f64) -> Vec<bool> {
        let mut out = Vec::new();
        keep(points, tolerance, &mut out);
        out
    }

    /// Every dropped vertex is within the tolerance of the kept segment spanning it.
    fn check(points: &[(f64, f64)], tolerance: f64) -> usize {
        let k = kept(points, tolerance);
        assert!(k[0] && k[points.len() - 1]);
        let indices: Vec<usize> = (0..points.len()).filter(|&i| k[i]).collect();
        for w in indices.windows(2) {
            let (a, b) = (points[w[0]], points[w[1]]);
            let d = (b.0 - a.0, b.1 - a.1);
            for p in &points[w[0] + 1..w[1]] {
                assert!(
                    distance2(*p, a, d, d.0 * d.0 + d.1 * d.1).sqrt() <= tolerance + 1e-12,
                    "{p:?} off {a:?}–{b:?}"
                );
            }
        }
        indices.len()
    }

    #[test]
    fn a_straight_line_keeps_its_ends() {
        let line: Vec<(f64, f64)> = (0..100)
            .map(|i| (f64::from(i), 2.0 * f64::from(i) + 1.0))
            .collect();
        assert_eq!(check(&line, TOLERANCE_PX), 2);
    }

    #[test]
    fn a_smooth_curve_keeps_a_fraction_and_stays_within_tolerance() {
        let parabola: Vec<(f64, f64)> = (0..800)
            .map(|i| {
                let x = f64::from(i) * 0.875;
                (x, 500.0 - ((x - 350.0) / 100.0).powi(2) * 40.0)
            })
            .collect();
        let n = check(&parabola, TOLERANCE_PX);
        assert!(n < 200, "{n} of 800 kept");
    }

    #[test]
    fn a_kink_is_kept() {
        // |x| sampled across 0: the vertex at the kink stays.
        let v: Vec<(f64, f64)> = (-50..=50)
            .map(|i| (f64::from(i), f64::from(i).abs() * 3.0))
            .collect();
        let k = kept(&v, TOLERANCE_PX);
        assert!(k[50], "the kink at x = 0");
        assert_eq!(check(&v, TOLERANCE_PX), 3);
    }

    #[test]
    fn short_paths_are_kept_whole() {
        let v = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0)];
        assert_eq!(kept(&v, TOLERANCE_PX), vec![true; 3]);
    }

    #[test]
    fn a_zigzag_finer_than_the_tolerance_is_flattened_and_a_coarser_one_kept() {
        let fine: Vec<(f64, f64)> = (0..50)
            .map(|i| (f64::from(i), if i % 2 == 0 { 0.0 } else { 0.2 }))
            .collect();
        assert_eq!(check(&fine, TOLERANCE_PX), 2);
        let coarse: Vec<(f64, f64)> = (0..50)
            .map(|i| (f64::from(i), if i % 2 == 0 { 0.0 } else { 2.0 }))
            .collect();
        assert_eq!(check(&coarse, TOLERANCE_PX), 50);
    }
}
