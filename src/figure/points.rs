//! Draggable points, edited the same way in every lab: press on a point to select and drag it, press
//! on empty space to add one there, double-click a point to remove it; on the focused canvas `n`/`p`
//! (or `]`/`[`) walk through the points, the arrow keys move the selected one (Shift: ten times
//! further), Delete removes it. Points stay inside their [`Field`], on its grid.

use super::input::{hit, next_index, KeyInput, Pointer, PointerPhase, Response};
use crate::plot::Frame2;

/// Half the side of a point's hit target, in CSS px (a 44 px target).
pub const HIT_RADIUS_CSS: f64 = 22.0;
/// Arrow-key step of the selected point, in data units (Shift: ten times larger).
pub const KEY_STEP: f64 = 0.1;

/// Where points may be: the panel's ranges, the grid they snap to, and how many there may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    pub x: (f64, f64),
    pub y: (f64, f64),
    /// Points snap to a grid of 1/`grid_per_unit` of a unit (so URLs stay short).
    pub grid_per_unit: f64,
    pub max_points: usize,
}

impl Field {
    /// A point moved into the ranges and onto the grid; a NaN coordinate goes to the middle of its
    /// range.
    pub fn clamp(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let fix = |v: f64, (lo, hi): (f64, f64)| {
            let v = if v.is_nan() { (lo + hi) / 2.0 } else { v.clamp(lo, hi) };
            // Divide by the grid (not multiply by its step): the nearest double to k/100 prints as "k/100".
            ((v * self.grid_per_unit).round() / self.grid_per_unit).clamp(lo, hi)
        };
        (fix(x, self.x), fix(y, self.y))
    }

    /// Where an "add a point" button puts the point after `count` others: mid-height, at an x that
    /// shifts with the count so repeated presses do not stack points on each other.
    pub fn next_new_point(&self, count: usize) -> (f64, f64) {
        let slot = (count % 11) as f64;
        self.clamp((self.x.0 + (self.x.1 - self.x.0) * (0.3 + 0.037 * slot), self.y.0 + (self.y.1 - self.y.0) * 0.5))
    }
}

/// The selected point and the one being dragged.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Selection {
    pub selected: Option<usize>,
    pub dragging: Option<usize>,
}

/// A figure's points as the shared editing sees them.
pub trait PointList {
    /// What a new point needs besides its position (its class, in a classifier).
    type New: Copy;
    const FIELD: Field;
    /// The points are a fixed set (an anchor, a positive, negatives): pressing on empty space adds
    /// none and nothing removes one; they are only dragged and moved with the keys.
    const FIXED_COUNT: bool = false;
    fn len(&self) -> usize;
    fn position(&self, index: usize) -> Option<(f64, f64)>;
    /// Sets a point's position (already clamped to the field).
    fn set_position(&mut self, index: usize, at: (f64, f64));
    /// Appends a point (already clamped; there is room).
    fn push(&mut self, at: (f64, f64), new: Self::New);
    fn remove(&mut self, index: usize);

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves point `index` to `to` (clamped); an index out of range changes nothing.
    fn move_point(&mut self, index: usize, to: (f64, f64)) {
        if index < self.len() {
            self.set_position(index, Self::FIELD.clamp(to));
        }
    }

    /// Adds a point (clamped) unless the field is full; returns its index.
    fn add_point(&mut self, at: (f64, f64), new: Self::New) -> Option<usize> {
        if self.len() >= Self::FIELD.max_points {
            return None;
        }
        self.push(Self::FIELD.clamp(at), new);
        Some(self.len() - 1)
    }
}

/// Removes the selected point, if any.
pub fn remove_selected(points: &mut impl PointList, selection: &mut Selection) {
    if let Some(index) = selection.selected.take() {
        if index < points.len() {
            points.remove(index);
        }
    }
}

/// Adds a point where the "add" button puts it, and selects it.
pub fn add_next<P: PointList>(points: &mut P, selection: &mut Selection, new: P::New) {
    let at = P::FIELD.next_new_point(points.len());
    if let Some(added) = points.add_point(at, new) {
        selection.selected = Some(added);
    }
}

/// A pointer event on the points' panel, whose pixel ↔ data map is `frame`.
pub fn on_pointer<P: PointList>(pointer: &Pointer, frame: &Frame2, points: &mut P, selection: &mut Selection, new: P::New) -> Response {
    let point_under = |points: &P| {
        let pixels = (0..points.len()).filter_map(|i| points.position(i)).map(|p| frame.to_pixels(p));
        hit(pixels, pointer.at, HIT_RADIUS_CSS * pointer.scale)
    };
    match pointer.phase {
        PointerPhase::Down => {
            if !pointer.primary {
                return Response::Ignored;
            }
            let index = match point_under(points) {
                Some(index) => index,
                None if P::FIXED_COUNT => return Response::Ignored,
                // Empty space inside the panel: a new point there.
                None => match frame.to_data(pointer.at).and_then(|at| points.add_point(at, new)) {
                    Some(added) => added,
                    None => return Response::Ignored,
                },
            };
            selection.selected = Some(index);
            selection.dragging = Some(index);
            Response::StartDrag
        }
        PointerPhase::Move => {
            let Some(index) = selection.dragging else { return Response::Ignored };
            match frame.to_data_clamped(pointer.at) {
                Some(to) => {
                    points.move_point(index, to);
                    Response::Handled
                }
                None => Response::Ignored,
            }
        }
        PointerPhase::Up => match selection.dragging.take() {
            Some(_) => Response::Handled,
            None => Response::Ignored,
        },
        PointerPhase::DoubleClick => match point_under(points).filter(|_| !P::FIXED_COUNT) {
            Some(index) => {
                selection.selected = Some(index);
                remove_selected(points, selection);
                Response::Handled
            }
            None => Response::Ignored,
        },
    }
}

/// A key on the focused canvas of the points.
pub fn on_key<P: PointList>(key: &KeyInput, points: &mut P, selection: &mut Selection) -> Response {
    let walk = match key.key.as_str() {
        "n" | "]" => Some(1),
        "p" | "[" => Some(-1),
        _ => None,
    };
    if let Some(direction) = walk {
        selection.selected = next_index(selection.selected, direction, points.len());
        return Response::Handled;
    }
    let Some(index) = selection.selected else { return Response::Ignored };
    if matches!(key.key.as_str(), "Delete" | "Backspace") && !P::FIXED_COUNT {
        remove_selected(points, selection);
        return Response::Handled;
    }
    match key.arrow_step_2d(KEY_STEP) {
        Some((dx, dy)) => {
            if let Some((x, y)) = points.position(index) {
                points.move_point(index, (x + dx, y + dy));
            }
            Response::Handled
        }
        None => Response::Ignored,
    }
}

/// Points as a URL value: `x:y` pairs (with `:tag` after each when `tag` gives one), comma-separated.
pub fn write_list(points: impl IntoIterator<Item = ((f64, f64), Option<&'static str>)>) -> String {
    use std::fmt::Write as _;
    let mut list = String::new();
    for (i, ((x, y), tag)) in points.into_iter().enumerate() {
        if i > 0 {
            list.push(',');
        }
        let _ = write!(list, "{x}:{y}");
        if let Some(tag) = tag {
            let _ = write!(list, ":{tag}");
        }
    }
    list
}

/// The points of a URL value written by [`write_list`]: (position clamped to `field`, tag if any),
/// unreadable items skipped, at most `field.max_points`.
pub fn read_list<'a>(list: &'a str, field: &'a Field) -> impl Iterator<Item = ((f64, f64), Option<&'a str>)> + 'a {
    list.split(',')
        .filter_map(move |item| {
            let mut parts = item.split(':');
            let x = super::query::parse_finite(parts.next()?)?;
            let y = super::query::parse_finite(parts.next()?)?;
            let tag = parts.next();
            if parts.next().is_some() {
                return None;
            }
            Some((field.clamp((x, y)), tag))
        })
        .take(field.max_points)
}
