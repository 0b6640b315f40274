//! Chapter 4: information and entropy.
//!
//! The surprise of one outcome, the entropy of a distribution (its average surprise), and what
//! it costs to describe one distribution with the code of another: cross-entropy, and the
//! excess over the entropy, the KL divergence.

pub mod entropy;
pub mod exercises;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;

pub use entropy::{Base, DistributionError, cross_entropy, entropy, kl_divergence, surprise};
