//! What each figure shows, computed from its parameters with `src/loss`: sampled curves, readouts,
//! axis ranges. No web, UI or plotting imports: components ask here, plots draw what they are given.

pub mod impurity;
pub mod lab;
pub mod regression;
