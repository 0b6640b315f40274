//! Chapter 3: the softmax.
//!
//! Scores for several classes become a probability distribution through the softmax. The
//! chapter starts from the naive attempts that fail, makes the softmax stable by subtracting
//! the maximum, and gives the log-sum-exp and the log-softmax that a loss needs, on batches with
//! one row per sample. Temperature, the sigmoid as the two-class softmax, and what the order of
//! operations costs in the last bits close it.

pub mod attempts;
pub mod exercises;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod softmax;
pub mod temperature;
pub mod ulps;

pub use softmax::{SoftmaxError, log_softmax_rows, logsumexp, softmax_rows, sum_carefully};
