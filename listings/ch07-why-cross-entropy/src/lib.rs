//! Chapter 7: why cross-entropy.
//!
//! Binary cross-entropy is not one loss among many: it is the negative mean log-likelihood of
//! a Bernoulli model of the labels. This crate checks that identity, and the ones that follow
//! from it, on concrete numbers.

pub mod bernoulli;
pub mod exercises;
