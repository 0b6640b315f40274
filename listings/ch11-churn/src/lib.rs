//! Chapter 11: the churn classifier, and the trainer that both classifiers of Part III share.
//!
//! In the order of the chapter: the data (`synth`, then `table`, `dataset` and `prepare`, which
//! read any CSV), the head that turns logits into a loss (`head`), the loop (`train`), the scores
//! (`metrics`, `evaluate`) and a whole run (`run`, `report`). `logits` and `compare` are the
//! chapter's two experiments; `error` is the one error type of the trainer, and `limits` states
//! what it accepts. Then the theory, each part trained: `squared_error` (the same start, two
//! losses), `convexity` (one bowl or many valleys, with `eigen` for the eigenvalues) and
//! `calibration`.

pub mod calibration;
pub mod compare;
pub mod convexity;
pub mod dataset;
pub mod eigen;
pub mod error;
pub mod evaluate;
pub mod exercises;
pub mod fast_prepare;
pub mod fast_read;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod head;
pub mod limits;
pub mod logits;
pub mod metrics;
pub mod prepare;
pub mod report;
pub mod run;
pub mod squared_error;
pub mod synth;
pub mod table;
pub mod train;

pub use error::TrainError;
