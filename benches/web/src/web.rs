//! The page's view of a [`Workload`](crate::Workload), through wasm-bindgen.

use wasm_bindgen::prelude::*;

/// A workload for the page: inputs to copy into TensorFlow.js, one call to time, its output to compare.
#[wasm_bindgen]
pub struct Bench(crate::Workload);

#[wasm_bindgen]
impl Bench {
    /// The named workload (see [`crate::WORKLOADS`]).
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str) -> Result<Bench, JsError> {
        crate::Workload::new(name).map(Bench).ok_or_else(|| JsError::new(&format!("no workload named {name}")))
    }

    /// The names of every workload, in table order.
    pub fn names() -> Vec<String> {
        crate::WORKLOADS.iter().map(|s| s.to_string()).collect()
    }

    /// Predictions, logits or embeddings (row-major).
    pub fn x(&self) -> Vec<f64> {
        self.0.x.clone()
    }

    /// Targets of the elementwise workloads.
    pub fn t(&self) -> Vec<f64> {
        self.0.t.clone()
    }

    /// Class labels.
    pub fn labels(&self) -> Vec<u32> {
        self.0.labels.iter().map(|&l| l as u32).collect()
    }

    /// Embedding dimension or classes.
    pub fn width(&self) -> usize {
        self.0.width
    }

    /// One call of the core; returns the loss.
    pub fn run(&mut self) -> f64 {
        self.0.run()
    }

    /// The gradient (or grid) of the last call.
    pub fn out(&self) -> Vec<f64> {
        self.0.out.clone()
    }
}
