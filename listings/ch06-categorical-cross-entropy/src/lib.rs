//! Chapter 6: categorical cross-entropy.
//!
//! Three fruit containers give the loss by hand; then the loss of a batch of logits against
//! class indices, its gradient, and the options that PyTorch and Keras put around it:
//! reductions, class weights, label smoothing, soft targets and ignored targets, and the weights
//! of the binary losses.

pub mod binary_options;
pub mod cross_entropy;
pub mod exercises;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod frameworks;
pub mod fruit;
pub mod hinge;
pub mod options;

pub use ch05_binary_cross_entropy::LossError;
pub use cross_entropy::{
    categorical_cross_entropy, cross_entropy_terms_with_logits, cross_entropy_with_logits,
    cross_entropy_with_logits_grad, one_hot,
};
