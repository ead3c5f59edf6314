//! Reusable pieces of a figure: sliders, toggles, readouts, formulas, layered canvases.

pub mod curve_toggles;
pub mod formula;
pub mod impurity_figure;
pub mod lab_figure;
pub mod layers;
pub mod log_slider;
pub mod readout;
pub mod regression_figure;
pub mod timing;
