//! Chapter 1: error versus loss.
//!
//! Fourteen students, a line that sorts them into pass and fail, two ways to score the line
//! (a count of mistakes, and a loss that measures how far the mistakes are), and gradient
//! descent as a walk down a hill.

pub mod exercises;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod hill;
pub mod line;
pub mod loss;
pub mod students;
