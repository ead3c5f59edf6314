//! What the softmax and multi-label figures share: a list of 2–8 logits, each on a slider from −10 to
//! 10 in steps of 0.1, their URL form (`z=2,1,0.1`), and the class names under the bars.

use crate::figure::query::{FigureQuery, LinearRange, QueryWriter};

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
