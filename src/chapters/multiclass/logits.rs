//! What the softmax and multi-label figures share: a list of 2–8 logits, each on a slider from −10 to
//! 10 in steps of 0.1, their URL form (`z=2,1,0.1`), and the class names under the bars.

use super::texts;
use crate::figure::layout::{Button, Item, SliderList};
use crate::figure::query::{FigureQuery, LinearRange, QueryWriter, Scale};
use crate::figure::Figure;

/// Each logit's slider.
pub const LOGIT: LinearRange = LinearRange { min: -10.0, max: 10.0, step: 0.1 };
pub const MIN_CLASSES: usize = 2;
pub const MAX_CLASSES: usize = 8;

/// A logit on the slider's grid and inside its range (NaN: 0).
pub fn snap_logit(value: f64) -> f64 {
    LOGIT.value_at(LOGIT.position_of(if value.is_nan() { 0.0 } else { value }))
}

/// The logits in `query`'s `name` (unreadable entries skipped, at most 8); fewer than 2: `default`.
pub fn read_logits(query: &FigureQuery<'_>, name: &str, default: &[f64]) -> Vec<f64> {
    let read: Vec<f64> = query
        .list(name)
        .unwrap_or_default()
        .into_iter()
        .filter_map(crate::figure::query::parse_finite)
        .map(snap_logit)
        .take(MAX_CLASSES)
        .collect();
    if read.len() < MIN_CLASSES {
        default.to_vec()
    } else {
        read
    }
}

/// Writes the logits as one list.
pub fn write_logits(out: &mut QueryWriter<'_>, name: &str, logits: &[f64]) {
    let shown: Vec<String> = logits.iter().map(|v| v.to_string()).collect();
    out.list(name, shown.iter().map(String::as_str));
}

/// The class names under the bars: 1, 2, ….
pub fn class_names(n: usize) -> Vec<String> {
    (1..=n).map(|k| k.to_string()).collect()
}

/// Parameters holding a list of logits (and whatever follows each class).
pub trait ClassLogits {
    fn logits(&self) -> &[f64];
    fn logits_mut(&mut self) -> &mut Vec<f64>;
    /// Appends a class with logit 0 (and its other per-class values).
    fn push_class(&mut self);
    /// Removes the last class (and its other per-class values).
    fn pop_class(&mut self);
}

/// A slider per logit, labelled z₁, z₂, … (test ids `{testid}-{i}-slider`).
pub fn logit_sliders<F: Figure>(testid: &'static str) -> Item<F>
where
    F::Params: ClassLogits,
{
    Item::Sliders(SliderList {
        testid,
        label: texts::SOFTMAX_LOGIT,
        scale: Scale::Linear(LOGIT),
        count: |p| p.logits().len(),
        get: |p, i| p.logits().get(i).copied().unwrap_or(0.0),
        set: |p, i, v| {
            if let Some(z) = p.logits_mut().get_mut(i) {
                *z = snap_logit(v);
            }
        },
    })
}

/// "Add a class" and "Remove the last class" (2 to 8 classes).
pub fn class_buttons<F: Figure>(add: &'static str, remove: &'static str) -> Item<F>
where
    F::Params: ClassLogits,
{
    Item::Buttons(vec![
        Button {
            testid: add,
            label: texts::SOFTMAX_ADD_CLASS,
            act: |e| {
                if e.params.logits().len() < MAX_CLASSES {
                    e.params.push_class();
                }
            },
            enabled: Some(|v| v.params.logits().len() < MAX_CLASSES),
        },
        Button {
            testid: remove,
            label: texts::SOFTMAX_REMOVE_CLASS,
            act: |e| {
                if e.params.logits().len() > MIN_CLASSES {
                    e.params.pop_class();
                }
            },
            enabled: Some(|v| v.params.logits().len() > MIN_CLASSES),
        },
    ])
}
