//! Chapter 2: the sigmoid.
//!
//! A linear score becomes a probability through the sigmoid. The chapter builds it twice, once
//! straight from the formula and once so that it never overflows, does the same for its
//! logarithm (what a loss will need), gives Chapter 1's students a probability of passing, and
//! checks the sigmoid values printed in the source article.

pub mod article;
pub mod exercises;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod pass;
pub mod sigmoid;

pub use sigmoid::{log_sigmoid, sigmoid, softplus};
