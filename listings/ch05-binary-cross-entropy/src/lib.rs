//! Chapter 5: binary cross-entropy.
//!
//! Four students and two models give a likelihood; its logarithm turns a product that
//! underflows into a sum that does not; the negative mean of that sum is binary cross-entropy.
//! The loss is built twice, from probabilities and from logits, and compared with what
//! PyTorch and Keras compute at the edges.

pub mod bce;
pub mod error;
pub mod exercises;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod frameworks;
pub mod likelihood;

pub use bce::{bce, bce_terms, bce_with_logits, bce_with_logits_grad};
pub use error::LossError;
