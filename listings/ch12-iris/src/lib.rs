//! Chapter 12: the Iris classifier.
//!
//! Fisher's 150 flowers, three species, four measurements each. The chapter trains a small
//! network (4 inputs, 10 ReLU units, 3 logits) with cross-entropy and Adam, using only the
//! pieces built in Parts I and II, and then looks at what it learned: accuracy, a confusion
//! matrix, per-class precision and recall, and how much all of that depends on the seed.

pub mod article_split;
pub mod data;
pub mod exercises;
pub mod figures;
pub mod leak;
pub mod metrics;
pub mod petals;
pub mod report;
pub mod seeds;
pub mod species;
pub mod train;
