//! A CSV file as text: its header and its rows, every field kept as written, with the line each
//! row came from. Nothing here knows what the columns mean; [`crate::dataset`] decides that.

use std::path::Path;

use crate::error::TrainError;

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
    /// Reads the CSV file at `path`; messages name the path as it was given.
    pub fn read(path: &Path) -> Result<Table, TrainError> {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => Table::parse(&name, &text),
            Err(e) => Err(TrainError::Read {
                file: name,
                message: e.to_string(),
            }),
        }
    }

    /// Reads CSV text whose first line is the header. `name` is how messages name the text.
    /// A row with more or fewer fields than the header, a header with an empty or repeated
    /// name, and a file with no data rows are errors.
    pub fn parse(name: &str, text: &str) -> Result<Table, TrainError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(fields) => fields.iter().map(str::to_string).collect(),
            Err(e) => return Err(row_error(name, text, e)),
        };
        check_header(name, &header)?;
        let (mut rows, mut lines) = (Vec::new(), Vec::new());
        let mut counted = LineCount::default();
        for record in reader.records() {
            let record = record.map_err(|e| row_error(name, text, e))?;
            let byte = record.position().map_or(0, |p| p.byte() as usize);
            lines.push(counted.line_at(text, byte));
            rows.push(record.iter().map(str::to_string).collect());
        }
        if rows.is_empty() {
            return Err(TrainError::Empty {
                file: name.to_string(),
            });
        }
        Ok(Table {
            name: name.to_string(),
            header,
            rows,
            lines,
        })
    }
    // ANCHOR_END: read

    /// The position of the column called `column`.
    pub fn column(&self, column: &str) -> Result<usize, TrainError> {
        self.header
            .iter()
            .position(|h| h == column)
            .ok_or_else(|| TrainError::NoColumn {
                file: self.name.clone(),
                column: column.to_string(),
                header: self.header.join(", "),
            })
    }
}

/// Every column needs a name, and no name may stand for two columns.
fn check_header(name: &str, header: &[String]) -> Result<(), TrainError> {
    let problem = |message: String| TrainError::Row {
        file: name.to_string(),
        line: 1,
        message,
    };
    for (j, column) in header.iter().enumerate() {
        if column.is_empty() && header.len() > 1 {
            return Err(problem(format!(
                "column {} of the header has no name",
                j + 1
            )));
        }
        if header[..j].contains(column) {
            return Err(problem(format!("the header names `{column}` twice")));
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
    /// the end of the previous row, so blank lines before this one are skipped first.
    fn line_at(&mut self, text: &str, byte: usize) -> u64 {
        let rest = &text[byte..];
        let start = byte + rest.len() - rest.trim_start_matches(['\n', '\r']).len();
        self.line += text[self.byte..start].matches('\n').count() as u64;
        self.byte = start;
        self.line + 1
    }
}

/// A row the `csv` crate could not read: the line and what is wrong with it. A row with the
/// wrong number of fields names no column, since any of its fields may be the extra or the
/// missing one.
fn row_error(name: &str, text: &str, e: csv::Error) -> TrainError {
    let byte = e.position().map_or(0, |p| p.byte() as usize);
    let line = LineCount::default().line_at(text, byte);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            let fields = if *len == 1 { "field" } else { "fields" };
            format!("the row has {len} {fields}, but the header names {expected_len}")
        }
        _ => e.to_string(),
    };
    TrainError::Row {
        file: name.to_string(),
        line,
        message,
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
            "t.csv, line 6: the row has 1 field, but the header names 2"
        );
    }

    #[test]
    fn a_ragged_row_names_its_line_but_no_column() {
        assert_eq!(
            message("a,b,c\n1,2,3\n4,5\n"),
            "t.csv, line 3: the row has 2 fields, but the header names 3"
        );
        assert_eq!(
            message("a,b\n1,2,3\n"),
            "t.csv, line 2: the row has 3 fields, but the header names 2"
        );
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
            message("a,b,a\n1,2,3\n"),
            "t.csv, line 1: the header names `a` twice"
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
