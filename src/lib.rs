//! Loss Lab: machine-learning loss functions as live figures.
//!
//! See `ARCHITECTURE.md` for the code map and the invariants.

pub mod loss;
pub mod figures;
pub mod format;
pub mod formula;
pub mod i18n;
pub mod plot;
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod ui;
