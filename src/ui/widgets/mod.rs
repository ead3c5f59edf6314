//! The widgets the generic figure view composes: a slider with its number field, a readout table,
//! live formulas.

pub mod formula;
pub mod slider;
pub mod table;
