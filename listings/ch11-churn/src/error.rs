//! Everything that can stop a run, from reading the file to a run that diverges: one type for
//! both trainers and the `train` program, each message saying what is wrong and where.

use ch05_binary_cross_entropy::LossError;
use ch08_layers::ShapeError;
use ch10_data_pipeline::DataError;

// ANCHOR: error
/// Why a run could not go on.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("{file}: cannot read the file: {message}")]
    Read { file: String, message: String },
    #[error("{file}: no data rows: the file is empty or holds only its header")]
    Empty { file: String },
    #[error("{file}, line {line}: {message}")]
    Row {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}, line {line}, column `{column}`: {message}")]
    Field {
        file: String,
        line: u64,
        column: String,
        message: String,
    },
    #[error("{file}: there is no column `{column}`; the header names {header}")]
    NoColumn {
        file: String,
        column: String,
        header: String,
    },
    #[error("{file}: the label column `{column}` holds the one value {value:?}: nothing to learn")]
    OneClass {
        file: String,
        column: String,
        value: String,
    },
    #[error(
        "{file}: no features: the table has no column but the label `{target}`, or only \
         columns of a single category"
    )]
    NoFeatures { file: String, target: String },
    #[error("{rows} rows are too few: the {split} split would be empty")]
    TooFewRows { rows: usize, split: &'static str },
    #[error("invalid setting: {0}")]
    Setting(String),
    #[error("the head {head} cannot predict {classes} classes")]
    WrongHead { head: &'static str, classes: usize },
    #[error("training diverged in epoch {epoch}: a logit became infinite or NaN")]
    Diverged { epoch: usize },
    #[error(transparent)]
    Data(#[from] DataError),
    #[error(transparent)]
    Loss(#[from] LossError),
    #[error(transparent)]
    Shape(#[from] ShapeError),
}
// ANCHOR_END: error
