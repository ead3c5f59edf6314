//! Loss Lab: machine-learning loss functions as live figures.
//!
//! See `ARCHITECTURE.md` for the code map and the invariants.

pub mod chapters;
pub mod figure;
pub mod format;
pub mod formula;
pub mod i18n;
pub mod loss;
pub mod plot;
#[cfg(target_arch = "wasm32")]
pub mod ui;
