//! The loss core's benchmark workloads, for `cargo xtask bench`. The page (`index.html`, `bench.js`)
//! builds a [`Workload`] from its name, copies its seeded inputs into TensorFlow.js, times both on the
//! same computation and checks that they agree. Inputs are made here, once, outside the timed calls.
//!
//! | name | computes (value and gradient unless said) |
//! |---|---|
//! | `mse` | MSE of 1M predictions, mean (1/n) Σ (x − t)² |
//! | `huber` | Huber δ = 1 of 1M predictions |
//! | `memory` | not a loss: out_i = x_i − t_i and Σ out_i over the same 1M pairs, the plain memory pass |
//! | `cross_entropy` | softmax cross-entropy with label smoothing 0.1, 10,000 rows × 100 classes |
//! | `batch_all_2d` | batch-all triplet loss (margin 0.2, L2-normalised, mean over non-zero), 256 points, 16 × 16 |
//! | `batch_all_128d` | the same in 128 dimensions |
//! | `circle_grid` | the circle loss (γ = 256, m = 0.25) on a 400 × 400 (s_n, s_p) grid over [−1, 1]², value only |

pub mod noise;
pub mod workload;

pub use workload::{Workload, WORKLOADS};

#[cfg(target_arch = "wasm32")]
mod web;
