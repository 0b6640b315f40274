//! Chapter 7: why cross-entropy.
//!
//! Cross-entropy is not one loss among many: it is the negative mean log-likelihood of a
//! Bernoulli or categorical model of the labels, and a cross-entropy in Chapter 4's sense
//! under the data's empirical distribution. This crate checks those identities on the worked
//! examples of Chapters 5 and 6, derives the two gradients and checks every line of the
//! derivations at random points, compares squared error, checks convexity, and tests KL ≥ 0.

pub mod empirical;
pub mod examples;
pub mod exercises;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod identity;
pub mod jacobian;
pub mod likelihood;
pub mod logistic;
pub mod squared_error;
