//! Where a straight line a·x + b·y + c = 0 crosses a rectangle: its visible segment, and the polygon
//! of the half-plane a·x + b·y + c ≥ 0 inside it (a classifier's decision line and its positive side).

/// The rectangle's corners, counter-clockwise from (x0, y0).
fn corners(x: (f64, f64), y: (f64, f64)) -> [(f64, f64); 4] {
    [(x.0, y.0), (x.1, y.0), (x.1, y.1), (x.0, y.1)]
}

/// The part of the rectangle `x` × `y` where a·x + b·y + c ≥ 0, as a convex polygon (empty when none).
/// Clips the rectangle against the half-plane (one Sutherland–Hodgman step).
pub fn half_plane(a: f64, b: f64, c: f64, x: (f64, f64), y: (f64, f64)) -> Vec<(f64, f64)> {
    let side = |p: (f64, f64)| a * p.0 + b * p.1 + c;
    let corners = corners(x, y);
    let mut out = Vec::with_capacity(5);
    for i in 0..4 {
        let (p, q) = (corners[i], corners[(i + 1) % 4]);
        let (sp, sq) = (side(p), side(q));
        if !(sp.is_finite() && sq.is_finite()) {
            return Vec::new();
        }
        if sp >= 0.0 {
            out.push(p);
        }
        if (sp >= 0.0) != (sq >= 0.0) {
            let t = sp / (sp - sq);
            out.push((p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1)));
        }
    }
    out
}

/// The segment of the line a·x + b·y + c = 0 inside the rectangle, or `None` (no line when a = b = 0,
/// or it misses the rectangle).
pub fn line_in_box(a: f64, b: f64, c: f64, x: (f64, f64), y: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
    if a == 0.0 && b == 0.0 {
        return None;
    }
    let side = |p: (f64, f64)| a * p.0 + b * p.1 + c;
    let corners = corners(x, y);
    let mut ends: Vec<(f64, f64)> = Vec::with_capacity(2);
    for i in 0..4 {
        let (p, q) = (corners[i], corners[(i + 1) % 4]);
        let (sp, sq) = (side(p), side(q));
        if !(sp.is_finite() && sq.is_finite()) {
            return None;
        }
        if sp == 0.0 {
            ends.push(p);
        } else if sp * sq < 0.0 {
            let t = sp / (sp - sq);
            ends.push((p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1)));
        }
    }
    ends.dedup();
    match ends.as_slice() {
        [first, .., last] if first != last => Some((*first, *last)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagonal_cuts_the_square_in_halves() {
        let (x, y) = ((-1.0, 1.0), (-1.0, 1.0));
        assert_eq!(line_in_box(1.0, -1.0, 0.0, x, y), Some(((-1.0, -1.0), (1.0, 1.0))));
        let positive = half_plane(1.0, -1.0, 0.0, x, y);
        assert!(positive.contains(&(1.0, -1.0)) && !positive.contains(&(-1.0, 1.0)));
        assert_eq!(line_in_box(0.0, 0.0, 1.0, x, y), None);
        assert_eq!(line_in_box(1.0, 0.0, 5.0, x, y), None, "x = −5 misses the square");
        assert!(half_plane(1.0, 0.0, 5.0, x, y).len() == 4, "all of the square is on the positive side");
        assert!(half_plane(-1.0, 0.0, -5.0, x, y).is_empty());
    }
}
