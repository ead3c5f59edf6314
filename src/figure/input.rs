//! Pointer and key events as a figure sees them — positions in the canvas's device pixels, so the
//! same numbers the base layer's frame uses — and the hit testing draggable points share.

/// Which part of a pointer gesture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerPhase {
    /// The primary button (or a finger) went down.
    Down,
    /// The pointer moved (hovering, or dragging after a [`Response::StartDrag`]).
    Move,
    /// The button or finger was released (or the gesture was cancelled).
    Up,
    /// A double click.
    DoubleClick,
}

/// One pointer event on a figure's canvas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pointer {
    pub phase: PointerPhase,
    /// Which canvas of the figure.
    pub canvas: usize,
    /// Position in the canvas's device pixels.
    pub at: (f64, f64),
    /// Device pixels per CSS pixel (hit radii are given in CSS pixels).
    pub scale: f64,
    /// The primary button (or a touch): only it starts drags.
    pub primary: bool,
    /// A drag this figure started is in progress.
    pub dragging: bool,
}

/// One key press on a focused canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyInput {
    /// The `KeyboardEvent.key` value (`ArrowLeft`, `n`, `Delete`, …).
    pub key: String,
    pub shift: bool,
}

impl KeyInput {
    /// The arrow keys as a step of ±`step` (Shift: ten times more): left/down negative.
    pub fn arrow_step(&self, step: f64) -> Option<f64> {
        let step = if self.shift { step * 10.0 } else { step };
        match self.key.as_str() {
            "ArrowLeft" | "ArrowDown" => Some(-step),
            "ArrowRight" | "ArrowUp" => Some(step),
            _ => None,
        }
    }

    /// The arrow keys as a 2-D step (x right, y up), ±`step` (Shift: ten times more).
    pub fn arrow_step_2d(&self, step: f64) -> Option<(f64, f64)> {
        let step = if self.shift { step * 10.0 } else { step };
        match self.key.as_str() {
            "ArrowLeft" => Some((-step, 0.0)),
            "ArrowRight" => Some((step, 0.0)),
            "ArrowUp" => Some((0.0, step)),
            "ArrowDown" => Some((0.0, -step)),
            _ => None,
        }
    }
}

/// What a figure made of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// Not for this figure: the browser's default happens (scrolling, focus moves).
    Ignored,
    /// Used (the default action is prevented).
    Handled,
    /// Used, and a drag starts: the canvas captures the pointer until it is released.
    StartDrag,
}

/// The point under a pointer: the nearest point whose centre is within `radius` of `at` (all in the
/// same pixel units), or `None`. Compares squared distances (no square root needed).
pub fn hit(points_px: impl IntoIterator<Item = (f64, f64)>, at: (f64, f64), radius: f64) -> Option<usize> {
    let limit = radius * radius;
    points_px
        .into_iter()
        .enumerate()
        .map(|(i, (x, y))| (i, (x - at.0) * (x - at.0) + (y - at.1) * (y - at.1)))
        .filter(|(_, d2)| d2.is_finite() && *d2 <= limit)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// The item selected after stepping `direction` (+1 next, −1 previous) from `current` among `count`
/// items, wrapping around; with nothing selected, the first (or last) item. `None` without items.
pub fn next_index(current: Option<usize>, direction: isize, count: usize) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let count = count as isize;
    let next = match current {
        Some(index) => (index as isize + direction).rem_euclid(count),
        None if direction < 0 => count - 1,
        None => 0,
    };
    Some(next as usize)
}

/// The x a hovering or pressing pointer points at on a panel whose x axis is `map`, snapped to
/// 1/`per_unit` and kept in `range` (`None` for other phases and outside the panel): how the curve
/// figures move their readout pointer.
pub fn pointer_x(pointer: &Pointer, map: &crate::plot::AxisMap, per_unit: f64, range: (f64, f64)) -> Option<f64> {
    if !matches!(pointer.phase, PointerPhase::Move | PointerPhase::Down) {
        return None;
    }
    map.data_at(pointer.at.0).map(|x| super::query::snap(x, per_unit, range))
}
