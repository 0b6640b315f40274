//! Chapter 8: layers and backpropagation.
//!
//! A matrix product written as a plain loop, a fully connected layer, ReLU, a network made of
//! both, and the backward pass that turns the gradient of the loss with respect to the logits
//! into a gradient for every weight and bias.

pub mod exercises;
pub mod fast;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod gradcheck;
pub mod layer;
pub mod matmul;
pub mod network;
pub mod worked;

pub use layer::{Linear, relu};
pub use matmul::matmul;
pub use network::{Network, ShapeError, Trace};
