//! Chapter 10: the data pipeline.
//!
//! Everything between a CSV file and the mini-batches a trainer learns from: typed records
//! with errors that say where, one-hot encoding, a seeded train/test split, a standard scaler
//! fitted on the training rows only, and a loader that reshuffles every epoch.

pub mod batches;
pub mod customers;
pub mod error;
pub mod exercises;
#[cfg(not(target_arch = "wasm32"))]
pub mod figures;
pub mod one_hot;
pub mod read;
pub mod scaler;
pub mod split;
pub mod text;

pub use batches::BatchLoader;
pub use error::DataError;
pub use one_hot::one_hot_drop_first;
pub use read::read_csv;
pub use scaler::StandardScaler;
pub use split::{Split, select_rows, shuffle, train_test_split};
