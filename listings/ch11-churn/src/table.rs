//! A CSV file as text: its header and its rows, every field kept as written, with the line each
//! row came from. Nothing here knows what the columns mean; [`crate::dataset`] decides that.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use ch10_data_pipeline::error::wrong_field_count;
use ch10_data_pipeline::text::{self, TextError, check_text, line_of, too_many_fields};

use crate::error::{TrainError, quote};
use crate::limits::MAX_FIELDS;

/// A CSV file read into memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// How messages name the file: its path, or any name for text from elsewhere.
    pub name: String,
    pub header: Vec<String>,
    /// The data rows, each with as many fields as the header, spaces around them trimmed.
    pub rows: Vec<Vec<String>>,
    /// The line of the file each row is on (the header is line 1).
    pub lines: Vec<u64>,
}

// ANCHOR: read
impl Table {
    /// Reads the CSV file at `path`; messages name the path as it was given. Chapter 10's
    /// `text::open` stops the reading at the first line longer than 64 KiB, NUL byte or byte
    /// past 256 MiB, so that no file can fill the memory before it is refused.
    pub fn read(path: &Path) -> Result<Table, TrainError> {
        let name = path.display().to_string();
        let mut bytes = Vec::new();
        text::open(path)
            .and_then(|mut file| file.read_to_end(&mut bytes))
            .map_err(|e| read_error(&name, e))?;
        Table::from_bytes(&name, &bytes)
    }

    /// Reads CSV text whose first line is the header. `name` is how messages name the text.
    pub fn parse(name: &str, text: &str) -> Result<Table, TrainError> {
        Table::from_bytes(name, text.as_bytes())
    }

    /// Every check of the text, in the order the reader meets it: the limits of Chapter 10
    /// (line length, size, no NUL byte), UTF-8, then the CSV itself (`parse_fields`).
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Table, TrainError> {
        check_text(bytes).map_err(|e| text_error(name, e))?;
        match std::str::from_utf8(bytes) {
            Ok(text) => Table::parse_fields(name, text, MAX_FIELDS),
            Err(e) => Err(TrainError::Row {
                file: name.to_string(),
                line: line_of(bytes, e.valid_up_to()),
                message: "the text is not UTF-8: save the file as UTF-8 (is it in Latin-1, or \
                          Windows-1252?)"
                    .to_string(),
            }),
        }
    }
    // ANCHOR_END: read

    // ANCHOR: fields
    /// The header and the rows of `text`, with the line of each. Blank lines and lines of
    /// spaces are skipped; a byte-order mark is not part of the first name. The header must
    /// name every column once; every row must have a field for each, and not be the header
    /// again; no field may hold a line break (a quote left open would swallow the rows after
    /// it); the rows may hold at most `max_fields` fields, and there must be at least one.
    fn parse_fields(name: &str, text: &str, max_fields: usize) -> Result<Table, TrainError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let problem = |line: u64, message: String| TrainError::Row {
            file: name.to_string(),
            line,
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut header: Vec<String> = Vec::new();
        let (mut rows, mut lines) = (Vec::new(), Vec::new());
        let mut counted = LineCount::default();
        for record in reader.records() {
            // Text in memory and valid UTF-8: the `csv` crate has nothing left to fail on.
            let record = record.map_err(|e| problem(0, e.to_string()))?;
            let byte = record.position().map_or(0, |p| p.byte() as usize);
            let line = counted.line_at(text, byte);
            let fields: Vec<String> = record.iter().map(str::to_string).collect();
            if let [only] = fields.as_slice()
                && only.is_empty()
            {
                continue; // a line of spaces
            }
            if let Some(j) = fields.iter().position(|f| f.contains(['\n', '\r'])) {
                return Err(problem(
                    line,
                    format!(
                        "field {} opens a quote (\") that does not close on its line",
                        j + 1
                    ),
                ));
            }
            if header.is_empty() {
                check_header(name, line, &fields)?;
                header = fields;
            } else if fields == header {
                return Err(problem(
                    line,
                    "the row repeats the header (two files joined into one?)".to_string(),
                ));
            } else if fields.len() != header.len() {
                let (fields, names) = (fields.len() as u64, header.len() as u64);
                return Err(problem(line, wrong_field_count(fields, names)));
            } else if (rows.len() + 1) * header.len() > max_fields {
                return Err(problem(line, too_many_fields(max_fields)));
            } else {
                rows.push(fields);
                lines.push(line);
            }
        }
        if rows.is_empty() {
            return Err(TrainError::File {
                file: name.to_string(),
                message: "no data rows: the file is empty or holds only its header".to_string(),
            });
        }
        Ok(Table {
            name: name.to_string(),
            header,
            rows,
            lines,
        })
    }
    // ANCHOR_END: fields

    /// The position of the column called `column`.
    pub fn column(&self, column: &str) -> Result<usize, TrainError> {
        self.header
            .iter()
            .position(|h| h == column)
            .ok_or_else(|| TrainError::File {
                file: self.name.clone(),
                message: format!(
                    "there is no column `{column}`; the header names {}",
                    self.header.join(", ")
                ),
            })
    }
}

/// Every column needs a name, and no name may stand for two columns. A header of one name
/// that holds a semicolon, a tab or a bar is a file whose fields are separated by something
/// else.
fn check_header(name: &str, line: u64, header: &[String]) -> Result<(), TrainError> {
    let problem = |message: String| TrainError::Row {
        file: name.to_string(),
        line,
        message,
    };
    if let [only] = header
        && let Some(separator) = [';', '\t', '|'].into_iter().find(|&c| only.contains(c))
    {
        return Err(problem(format!(
            "the header is one column, {}: this program reads fields separated by commas, and \
             this file seems to separate them by {separator:?}",
            quote(only)
        )));
    }
    let mut seen = BTreeMap::new();
    for (j, column) in header.iter().enumerate() {
        if column.is_empty() && header.len() > 1 {
            return Err(problem(format!(
                "column {} of the header has no name",
                j + 1
            )));
        }
        if let Some(first) = seen.insert(column.as_str(), j) {
            return Err(problem(format!(
                "the header names `{column}` twice, as columns {} and {}",
                first + 1,
                j + 1
            )));
        }
    }
    Ok(())
}

/// Counts lines as the rows go by, so that every row knows its line without a count from the
/// start of the text each time.
#[derive(Default)]
struct LineCount {
    byte: usize,
    line: u64,
}

impl LineCount {
    /// The line of the row that the `csv` crate says starts at `byte`. The crate counts from
    /// the end of the previous row, so the line breaks before this one are skipped first. A
    /// line ends at `\n`, `\r\n` or a lone `\r`, as Chapter 10's `line_of` counts them.
    fn line_at(&mut self, text: &str, byte: usize) -> u64 {
        let rest = &text[byte..];
        let start = byte + rest.len() - rest.trim_start_matches(['\n', '\r']).len();
        let passed = &text.as_bytes()[self.byte..start];
        self.line += line_of(passed, passed.len()) - 1;
        self.byte = start;
        self.line + 1
    }
}

/// A file that could not be read: a limit it broke, or what the system said.
fn read_error(name: &str, e: std::io::Error) -> TrainError {
    match TextError::from_io(&e) {
        Some(limit) => text_error(name, limit),
        None => TrainError::File {
            file: name.to_string(),
            message: format!("cannot read the file: {e}"),
        },
    }
}

/// A limit of Chapter 10 that the text broke, on its line if it is on one.
fn text_error(name: &str, e: TextError) -> TrainError {
    let (file, message) = (name.to_string(), e.to_string());
    match e.line() {
        Some(line) => TrainError::Row {
            file,
            line,
            message,
        },
        None => TrainError::File { file, message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> String {
        Table::parse("t.csv", text).unwrap_err().to_string()
    }

    #[test]
    fn fields_are_kept_as_text_with_their_lines() {
        let t = Table::parse("t.csv", "a, b\n1 ,x\n\n2,y\n").unwrap();
        assert_eq!(t.header, ["a", "b"]);
        assert_eq!(t.rows, [["1", "x"], ["2", "y"]]);
        // The blank line 3 is skipped; the row after it is still on line 4.
        assert_eq!(t.lines, [2, 4]);
        assert_eq!(t.column("b").unwrap(), 1);
        let t = Table::parse("t.csv", "a,b\r\n1,2\r\n\r\n\r\n3,4\r\n").unwrap();
        assert_eq!(t.lines, [2, 5]);
        assert_eq!(
            message("a,b\n1,2\n\n\n3,4\n5\n"),
            "t.csv, line 6: the row has 1 field, but the header names 2: a comma too few \
             somewhere in the row"
        );
    }

    #[test]
    fn lines_end_as_the_csv_crate_ends_them() {
        // Old Macintosh files end lines with a lone \r; lines of spaces are blank.
        let t = Table::parse("t.csv", "a,b\r1,2\r  \r3,4").unwrap();
        assert_eq!(t.lines, [2, 4]);
        // Blank lines before the header move it, and every line after it.
        let t = Table::parse("t.csv", "\n\na,b\n1,2\n").unwrap();
        assert_eq!(t.lines, [4]);
        assert_eq!(
            message("\n\na,b,a\n1,2,3\n"),
            "t.csv, line 3: the header names `a` twice, as columns 1 and 3"
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_name() {
        let t = Table::parse("t.csv", "\u{feff}a,b\n1,2\n").unwrap();
        assert_eq!(t.header, ["a", "b"]);
        assert_eq!(t.lines, [2]);
    }

    #[test]
    fn a_ragged_row_names_its_line_but_no_column() {
        assert_eq!(
            message("a,b,c\n1,2,3\n4,5\n"),
            "t.csv, line 3: the row has 2 fields, but the header names 3: a comma too few \
             somewhere in the row"
        );
        assert_eq!(
            message("a,b\n1,2,3\n"),
            "t.csv, line 2: the row has 3 fields, but the header names 2: a comma too many \
             somewhere in the row"
        );
    }

    #[test]
    fn a_quote_left_open_is_caught_on_its_line() {
        assert_eq!(
            message("a,b\n1,\"2\n3,4\n5,6\n"),
            "t.csv, line 2: field 2 opens a quote (\") that does not close on its line"
        );
        assert_eq!(
            message("a,\"b\n1,2\n"),
            "t.csv, line 1: field 2 opens a quote (\") that does not close on its line"
        );
        // A quote that closes is fine, commas inside it too.
        let t = Table::parse("t.csv", "a,b\n\"1,5\",\"x\"\"y\"\n").unwrap();
        assert_eq!(t.rows, [["1,5", "x\"y"]]);
    }

    #[test]
    fn a_header_with_no_rows_or_a_bad_name_is_refused() {
        assert_eq!(
            message("a,b\n"),
            "t.csv: no data rows: the file is empty or holds only its header"
        );
        assert_eq!(
            message(""),
            "t.csv: no data rows: the file is empty or holds only its header"
        );
        assert_eq!(
            message("a,,c\n1,2,3\n"),
            "t.csv, line 1: column 2 of the header has no name"
        );
        assert_eq!(
            message("a,b, a\n1,2,3\n"),
            "t.csv, line 1: the header names `a` twice, as columns 1 and 3"
        );
        assert_eq!(
            message("a;b;c\n1;2;3\n"),
            "t.csv, line 1: the header is one column, \"a;b;c\": this program reads fields \
             separated by commas, and this file seems to separate them by ';'"
        );
    }

    #[test]
    fn text_beyond_the_limits_is_refused_at_its_line() {
        let long = format!("a,b\n1,2\n3,{}\n", "4".repeat(70_000));
        assert_eq!(
            message(&long),
            "t.csv, line 3: the line is longer than 65536 bytes, the longest this program reads"
        );
        assert!(message("a,b\n1,\x002\n").starts_with("t.csv, line 2: a NUL byte"));
        let latin1 = b"a,b\n1,2\ncaf\xe9,3\n";
        assert_eq!(
            Table::from_bytes("t.csv", latin1).unwrap_err().to_string(),
            "t.csv, line 3: the text is not UTF-8: save the file as UTF-8 (is it in Latin-1, or \
             Windows-1252?)"
        );
    }

    #[test]
    fn the_rows_may_hold_a_stated_number_of_fields() {
        let text = "a,b\n1,2\n3,4\n5,6\n";
        assert!(Table::parse_fields("t.csv", text, 6).is_ok());
        assert_eq!(
            Table::parse_fields("t.csv", text, 5)
                .unwrap_err()
                .to_string(),
            "t.csv, line 4: the rows pass 5 fields here (rows times columns), the most this \
             program reads"
        );
    }

    #[test]
    fn a_second_header_in_the_rows_is_refused() {
        assert_eq!(
            message("a,b\n1,2\na, b\n3,4\n"),
            "t.csv, line 3: the row repeats the header (two files joined into one?)"
        );
    }

    #[test]
    fn a_missing_column_lists_the_ones_there_are() {
        let t = Table::parse("t.csv", "Tenure,Churn\n1,0\n").unwrap();
        assert_eq!(
            t.column("churn").unwrap_err().to_string(),
            "t.csv: there is no column `churn`; the header names Tenure, Churn"
        );
    }

    #[test]
    fn a_missing_file_is_named() {
        let e = Table::read(Path::new("no/such/file.csv")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("no/such/file.csv: cannot read the file: "),
            "{e}"
        );
    }
}
