//! Chapter 11: the churn trainer.
//!
//! A binary classifier that predicts whether a customer leaves, built from the crates of
//! Parts I and II: the loss from Chapter 5, the network from Chapter 8, Adam from Chapter 9 and
//! the data pipeline from Chapter 10.

pub mod cli;
pub mod compare;
pub mod data;
pub mod exercises;
pub mod figures;
pub mod logits;
pub mod metrics;
pub mod synth;
pub mod train;
