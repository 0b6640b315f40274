//! Reading a CSV file into typed records, with errors that point at the line and the column.

use std::path::Path;

use csv::{ErrorKind, StringRecord};
use serde::de::DeserializeOwned;

use crate::error::DataError;
use crate::text::{self, MAX_ABS_VALUE, MAX_FIELDS, TextError};

// ANCHOR: read_csv
/// Reads a CSV file with a header row into records of type `T`, one per row.
///
/// The header names map to the fields of `T` (use `#[serde(rename = "...")]` where they
/// differ), and surrounding spaces are trimmed. Any error names the file and the 1-based line
/// of the file (the header is line 1), and the column by its header name whenever the column
/// is known: not for a row with the wrong number of fields. A field that reads as a
/// number but is NaN, infinite or beyond ±10^15 is rejected in every column: no data set of
/// this book holds such a value, and one that slipped through would poison every gradient it
/// touched. The file is read within the limits of [`text`]: no line longer than 64 KiB, no
/// file larger than 256 MiB, no more than 2^23 fields in its rows.
pub fn read_csv<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, DataError> {
    let file = text::open(path).map_err(|e| io_error(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(file);
    let headers = reader
        .headers()
        .map_err(|e| csv_error(path, &StringRecord::new(), None, e))?
        .clone();
    let mut records = Vec::new();
    let mut row = StringRecord::new();
    loop {
        match reader.read_record(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(path, &headers, None, e)),
        }
        let line = row.position().map_or(0, |p| p.line());
        if (records.len() + 1) * headers.len() > MAX_FIELDS {
            let path = path.to_owned();
            return Err(DataError::TooManyFields { path, line });
        }
        if let Some((column, value)) = headers
            .iter()
            .zip(row.iter())
            .find(|(_, v)| absurd_number(v))
        {
            let (path, column, value) = (path.to_owned(), column.to_owned(), value.to_owned());
            return Err(if value.parse::<f64>().is_ok_and(f64::is_finite) {
                DataError::OutOfRange {
                    path,
                    line,
                    column,
                    value,
                }
            } else {
                DataError::NonFinite {
                    path,
                    line,
                    column,
                    value,
                }
            });
        }
        let record = row
            .deserialize(Some(&headers))
            .map_err(|e| csv_error(path, &headers, Some(&row), e))?;
        records.push(record);
    }
    if records.is_empty() {
        return Err(DataError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(records)
}
// ANCHOR_END: read_csv

/// True for text that Rust reads as a number no file should hold: a NaN or an infinity ("NaN",
/// "inf", "-Infinity", ...), or a finite number beyond ±[`MAX_ABS_VALUE`].
fn absurd_number(field: &str) -> bool {
    field
        .parse::<f64>()
        .is_ok_and(|v| !v.is_finite() || v.abs() > MAX_ABS_VALUE)
}

/// An error of reading the file: a limit it broke, or what the system said.
fn io_error(path: &Path, source: std::io::Error) -> DataError {
    let path = path.to_owned();
    match TextError::from_io(&source) {
        Some(error) => DataError::Text { path, error },
        None => DataError::Io { path, source },
    }
}

/// Turns an error of the `csv` crate into a [`DataError`] that names the column.
fn csv_error(
    path: &Path,
    headers: &StringRecord,
    row: Option<&StringRecord>,
    e: csv::Error,
) -> DataError {
    let path = path.to_owned();
    let line = e.position().map_or(0, |p| p.line());
    let column_name = |i: Option<u64>| match i.and_then(|i| headers.get(i as usize)) {
        Some(name) => name.to_owned(),
        None => "?".to_owned(),
    };
    match e.into_kind() {
        ErrorKind::Io(source) => io_error(&path, source),
        // A row with too many or too few fields: a decimal comma splits one field in two, a
        // forgotten comma merges two. Which field it was, the count alone cannot say.
        ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => DataError::FieldCount {
            path,
            line,
            fields: len,
            expected: expected_len,
        },
        ErrorKind::Utf8 { err, .. } => {
            let message = format!("the text is not valid UTF-8 ({err})");
            DataError::Parse {
                path,
                line,
                column: column_name(Some(err.field() as u64)),
                message,
            }
        }
        ErrorKind::Deserialize { err, .. } => {
            let message = err.kind().to_string();
            if err.field().is_none()
                && let Some(column) = message
                    .strip_prefix("missing field `")
                    .and_then(|m| m.strip_suffix('`'))
            {
                return DataError::MissingColumn {
                    path,
                    column: column.to_owned(),
                };
            }
            let value = err
                .field()
                .and_then(|i| row.and_then(|r| r.get(i as usize)));
            let message = match value {
                Some(value) => format!("cannot read {value:?}: {message}"),
                None => message,
            };
            DataError::Parse {
                path,
                line,
                column: column_name(err.field()),
                message,
            }
        }
        other => DataError::Parse {
            path,
            line,
            column: "?".to_owned(),
            message: format!("{other:?}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Row {
        name: String,
        age: u32,
        score: f64,
    }

    fn read(text: &str) -> (tempfile::TempDir, Result<Vec<Row>, DataError>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::File::create(&path)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let result = read_csv(&path);
        (dir, result)
    }

    fn message(text: &str) -> String {
        let (dir, result) = read(text);
        let message = result.unwrap_err().to_string();
        message.replace(&dir.path().join("t.csv").display().to_string(), "t.csv")
    }

    #[test]
    fn reads_typed_records_and_trims_spaces() {
        let (_dir, rows) = read("name,age,score\nAda, 36 ,1.5\nBob,7,-2\n");
        let rows = rows.unwrap();
        assert_eq!(
            rows[0],
            Row {
                name: "Ada".into(),
                age: 36,
                score: 1.5
            }
        );
        assert_eq!(
            rows[1],
            Row {
                name: "Bob".into(),
                age: 7,
                score: -2.0
            }
        );
    }

    #[test]
    fn text_that_spells_nan_is_rejected_in_any_column() {
        // The price of checking every field without knowing its type.
        assert_eq!(
            message("name,age,score\nNan,7,-2\n"),
            "t.csv, line 2, column `name`: \"Nan\" is not a finite number"
        );
    }

    #[test]
    fn a_value_that_does_not_parse_names_line_and_column() {
        assert_eq!(
            message("name,age,score\nAda,36,1.5\nBob,x,2\n"),
            "t.csv, line 3, column `age`: cannot read \"x\": invalid digit found in string"
        );
    }

    #[test]
    fn a_missing_column_is_named() {
        assert_eq!(
            message("name,score\nAda,1.5\n"),
            "t.csv: the header has no column `age`"
        );
    }

    #[test]
    fn a_short_or_long_row_is_an_error_that_blames_no_column() {
        assert_eq!(
            message("name,age,score\nAda,3,6,1,9\n"),
            "t.csv, line 2: the row has 5 fields, but the header names 3: 2 commas too many \
             somewhere in the row"
        );
        assert_eq!(
            message("name,age,score\nAda,36\n"),
            "t.csv, line 2: the row has 2 fields, but the header names 3: a comma too \
             few somewhere in the row"
        );
        // A decimal comma in the last column.
        assert_eq!(
            message("name,age,score\nAda,36,1,9\n"),
            "t.csv, line 2: the row has 4 fields, but the header names 3: a comma too \
             many somewhere in the row"
        );
    }

    #[test]
    fn nan_and_infinity_are_rejected() {
        assert_eq!(
            message("name,age,score\nAda,36,NaN\n"),
            "t.csv, line 2, column `score`: \"NaN\" is not a finite number"
        );
        assert!(message("name,age,score\nAda,36,-inf\n").contains("line 2, column `score`"));
    }

    #[test]
    fn a_number_beyond_the_largest_is_rejected() {
        assert_eq!(
            message("name,age,score\nAda,36,1e300\n"),
            "t.csv, line 2, column `score`: \"1e300\" is beyond ±1e15, the largest number this \
             program reads"
        );
        assert!(read("name,age,score\nAda,36,-1e15\n").1.is_ok());
    }

    #[test]
    fn a_line_too_long_or_a_nul_byte_stops_the_reading_at_its_line() {
        let long = format!("name,age,score\nAda,36,1\nBob,7,{}\n", "9".repeat(70_000));
        assert_eq!(
            message(&long),
            "t.csv, line 3: the line is longer than 65536 bytes, the longest this program reads"
        );
        assert_eq!(
            message("name,age,score\nAda,3\x006,1\n"),
            "t.csv, line 2: a NUL byte, which no text file holds: is this a binary file, or \
             text saved as UTF-16?"
        );
    }

    #[test]
    fn a_header_without_rows_and_a_missing_file_are_errors() {
        assert_eq!(
            message("name,age,score\n"),
            "t.csv: no data rows: the file is empty or holds only its header"
        );
        assert_eq!(
            message(""),
            "t.csv: no data rows: the file is empty or holds only its header"
        );
        let err = read_csv::<Row>(Path::new("no/such/file.csv")).unwrap_err();
        assert!(matches!(err, DataError::Io { .. }));
        assert!(
            err.to_string()
                .starts_with("no/such/file.csv: cannot read the file: "),
            "{err}"
        );
    }
}
