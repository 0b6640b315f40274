//! What can go wrong between a file on disk and a matrix of numbers, and where.

use std::path::PathBuf;

use crate::text::{MAX_ABS_VALUE, MAX_FIELDS, TextError, too_many_fields};

// ANCHOR: error
/// An error of the data pipeline. Errors that come from a file name it, with the 1-based line
/// of the file and, where it is known, the column's header name; errors about a matrix name
/// the row and column.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}{}: {error}", path.display(), at_line(error.line()))]
    Text { path: PathBuf, error: TextError },
    #[error("{}, line {line}, column `{column}`: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: u64,
        column: String,
        message: String,
    },
    #[error(
        "{}, line {line}: {}",
        path.display(),
        wrong_field_count(*fields, *expected)
    )]
    FieldCount {
        path: PathBuf,
        line: u64,
        fields: u64,
        expected: u64,
    },
    #[error("{}: the header has no column `{column}`", path.display())]
    MissingColumn { path: PathBuf, column: String },
    #[error("{}, line {line}, column `{column}`: {value:?} is not a finite number", path.display())]
    NonFinite {
        path: PathBuf,
        line: u64,
        column: String,
        value: String,
    },
    #[error(
        "{}, line {line}, column `{column}`: {value:?} is beyond ±{MAX_ABS_VALUE:e}, the largest \
         number this program reads",
        path.display()
    )]
    OutOfRange {
        path: PathBuf,
        line: u64,
        column: String,
        value: String,
    },
    #[error("{}: no data rows: the file is empty or holds only its header", path.display())]
    Empty { path: PathBuf },
    #[error("{}, line {line}: {}", path.display(), too_many_fields(MAX_FIELDS))]
    TooManyFields { path: PathBuf, line: u64 },
    #[error("row {index}: {value:?} is not one of the levels {levels:?}")]
    UnknownLevel {
        index: usize,
        value: String,
        levels: Vec<String>,
    },
    #[error("one-hot encoding needs at least one level")]
    NoLevels,
    #[error("the level {level:?} is listed twice")]
    DuplicateLevel { level: String },
    #[error("cannot fit on a matrix with no rows")]
    NoRows,
    #[error("row {row}, column {column}: {value} is not a finite number")]
    NonFiniteValue {
        row: usize,
        column: usize,
        value: f64,
    },
    #[error("column {column}: the values are too large to scale (their mean or spread overflows)")]
    Overflow { column: usize },
}
// ANCHOR_END: error

/// What is wrong with a row of `fields` fields under a header of `expected` names: "the row has
/// 6 fields, but the header names 5: a comma too many somewhere in the row". Both readers of the
/// book say it this way.
pub fn wrong_field_count(fields: u64, expected: u64) -> String {
    let n = fields.abs_diff(expected);
    let commas = if n == 1 {
        "a comma".to_string()
    } else {
        format!("{n} commas")
    };
    let which = if fields > expected { "many" } else { "few" };
    let noun = if fields == 1 { "field" } else { "fields" };
    format!(
        "the row has {fields} {noun}, but the header names {expected}: {commas} too {which} \
         somewhere in the row"
    )
}

/// ", line 3" for a problem on a line, nothing for one with the whole file.
fn at_line(line: Option<u64>) -> String {
    line.map_or(String::new(), |line| format!(", line {line}"))
}
