//! Everything that can stop a run, from reading the file to a run that diverges: one type for
//! both trainers and the `train` program, each message saying what is wrong and where.

use ch05_binary_cross_entropy::LossError;
use ch08_layers::ShapeError;
use ch10_data_pipeline::DataError;

// ANCHOR: error
/// Why a run could not go on. The first three say where in the file: the file as a whole, a
/// line, or a field of a line.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("{file}: {message}")]
    File { file: String, message: String },
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
    #[error("{rows} rows are too few: the {split} split would be empty")]
    TooFewRows { rows: usize, split: &'static str },
    #[error("invalid setting: {0}")]
    Setting(String),
    #[error("the head {head} cannot predict {classes} classes")]
    WrongHead { head: &'static str, classes: usize },
    #[error("training diverged in epoch {epoch}: {reason}")]
    Diverged { epoch: usize, reason: String },
    #[error(transparent)]
    Data(#[from] DataError),
    #[error(transparent)]
    Loss(#[from] LossError),
    #[error(transparent)]
    Shape(#[from] ShapeError),
}
// ANCHOR_END: error

/// A value as a message quotes it: in double quotes, with control characters escaped, and cut
/// after 40 characters, so that no message repeats a whole line of the file.
pub fn quote(value: &str) -> String {
    const SHOWN: usize = 40;
    let length = value.chars().count();
    if length <= SHOWN {
        format!("{value:?}")
    } else {
        let start: String = value.chars().take(SHOWN).collect();
        format!("{:?} ({length} characters)", start + "…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_and_control_characters_escaped() {
        assert_eq!(quote("1O.5"), "\"1O.5\"");
        assert_eq!(quote("a\tb"), "\"a\\tb\"");
        assert_eq!(
            quote(&"9".repeat(400)),
            format!("\"{}…\" (400 characters)", "9".repeat(40))
        );
    }
}
