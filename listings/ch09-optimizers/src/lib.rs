//! Chapter 9: optimizers.
//!
//! Three rules for turning a gradient into a step: plain gradient descent, momentum, and Adam,
//! each written to follow PyTorch's documented update exactly, behind one trait so that a
//! trainer can swap them.

pub mod exercises;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod optimizer;
pub mod problems;
pub mod tuning;

pub use optimizer::{Adam, Momentum, Optimizer, Sgd};
