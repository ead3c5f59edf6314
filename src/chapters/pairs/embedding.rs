//! The 2-D embedding plane both figures of the chapter draw points in: its ranges and grid, and the
//! projection onto the unit circle (L2-normalised embeddings, as FaceNet uses).

use crate::figure::points::Field;
use crate::loss::metric::distance::norm;

/// The plane: x in [−3, 3], y in [−2, 2], points on a 1/100 grid.
pub const fn field(max_points: usize) -> Field {
    Field { x: (-3.0, 3.0), y: (-2.0, 2.0), grid_per_unit: 100.0, max_points }
}

/// `p` scaled to length 1; a point at the origin (no direction) goes to (1, 0).
pub fn on_unit_circle(p: (f64, f64)) -> (f64, f64) {
    let length = norm(&[p.0, p.1]);
    if length > 0.0 && length.is_finite() {
        (p.0 / length, p.1 / length)
    } else {
        (1.0, 0.0)
    }
}

/// A point as a slice for the loss core.
pub fn coords(p: (f64, f64)) -> [f64; 2] {
    [p.0, p.1]
}
