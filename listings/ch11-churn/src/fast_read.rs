//! The CSV file read fast, to exactly the dataset that [`Table::read`] and
//! [`Dataset::from_table`] make of it.
//!
//! The plain reader keeps every field of the file as a `String` before it looks at one, and the
//! whole file in memory besides: a million rows of six fields are six million allocations and
//! several times the memory of the numbers they hold. This reader streams the file twice in
//! blocks. The first pass checks the text and counts the rows, and learns the levels of every
//! column of categories and of the label; the second parses the numbers straight into the rows
//! of `x`, now that its width and its length are known, so `x` is allocated once, at its size.
//!
//! It reads only the ordinary file: ASCII text of printable characters and `\n` line breaks,
//! no quote, every row with a field for every column, no empty field, every number finite and
//! within the limits, labels that make good classes. On anything else (a quote, a byte-order
//! mark, a `\r`, a tab, a ragged row, a missing value, a value out of range, a header repeated,
//! a limit passed, a category of more than [`MAX_LEVELS`] levels, a file that changed between
//! the passes, a pipe or a device rather than a file) it gives up and the plain reader reads
//! the file, which then gives its own result or its own error. Errors are the plain reader's by
//! construction; the tests check that the results are the same too.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use ndarray::Array2;

use crate::dataset::{Category, Dataset};
use crate::error::TrainError;
use crate::limits::{
    MAX_ABS_VALUE, MAX_CLASS_NAME, MAX_CLASSES, MAX_FIELDS, MAX_FILE_BYTES, MAX_LINE_BYTES,
    MAX_VALUES, MIN_CLASS_ROWS,
};
use crate::table::Table;

/// The most levels a column of categories may have here; a column with more goes to the plain
/// reader (levels are looked up one by one, which is fastest for the few levels columns have).
pub const MAX_LEVELS: usize = 256;

/// How many bytes of the file are read at a time.
const BLOCK: usize = 1 << 20;

// ANCHOR: read_dataset
/// Reads the CSV file at `path` into a dataset with `target` as the label:
/// `Dataset::from_table(&Table::read(path)?, target, categorical)`, in one pass of parsing and
/// one allocation of `x` for the ordinary file.
pub fn read_dataset(
    path: &Path,
    target: &str,
    categorical: &[&str],
) -> Result<Dataset, TrainError> {
    match read_ordinary(path, target, categorical) {
        Ok(data) => Ok(data),
        Err(Unusual) => Dataset::from_table(&Table::read(path)?, target, categorical),
    }
}

/// Something this reader leaves to the plain one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unusual;
// ANCHOR_END: read_dataset

/// What a column of the file is.
enum Column {
    Label(Levels),
    Numbers,
    Categories {
        levels: Levels,
        named: bool,
    },
    /// A column not named categorical, before its first value says which it is.
    Undecided,
}

/// The distinct values of a column in the order they were met, and how many rows hold each.
#[derive(Default)]
struct Levels {
    names: Vec<Vec<u8>>,
    rows: Vec<usize>,
    /// The place of each level, in the order met, among the levels sorted.
    rank: Vec<usize>,
}

impl Levels {
    /// The number of `value` in the order met, and whether it is new.
    fn find_or_add(&mut self, value: &[u8]) -> Result<(usize, bool), Unusual> {
        if let Some(k) = self.find(value) {
            self.rows[k] += 1;
            return Ok((k, false));
        }
        if self.names.len() == MAX_LEVELS {
            return Err(Unusual);
        }
        self.names.push(value.to_vec());
        self.rows.push(1);
        Ok((self.names.len() - 1, true))
    }

    fn find(&self, value: &[u8]) -> Option<usize> {
        self.names.iter().position(|name| name.as_slice() == value)
    }

    /// Sorts the levels as the plain reader does (`String`s in byte order) and returns them.
    fn sorted(&mut self) -> Vec<String> {
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by(|&a, &b| self.names[a].cmp(&self.names[b]));
        self.rank = vec![0; order.len()];
        for (place, &k) in order.iter().enumerate() {
            self.rank[k] = place;
        }
        order
            .iter()
            .map(|&k| String::from_utf8_lossy(&self.names[k]).into_owned())
            .collect()
    }

    /// The place among the sorted levels of `value`, which the first pass met.
    fn rank_of(&self, value: &[u8]) -> Result<usize, Unusual> {
        self.find(value).map(|k| self.rank[k]).ok_or(Unusual)
    }
}

/// The number in `field`, if the plain reader reads one there and accepts it.
fn number(field: &[u8]) -> Result<f64, Unusual> {
    let text = std::str::from_utf8(field).map_err(|_| Unusual)?;
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= MAX_ABS_VALUE => Ok(v),
        _ => Err(Unusual),
    }
}

fn parses(field: &[u8]) -> bool {
    std::str::from_utf8(field).is_ok_and(|text| text.parse::<f64>().is_ok())
}

/// The dataset of an ordinary file, or [`Unusual`] for any other (the tests use it to check
/// that an ordinary file does not go to the plain reader).
pub fn read_ordinary(path: &Path, target: &str, categorical: &[&str]) -> Result<Dataset, Unusual> {
    // The first pass: the header, the kind and the levels of every column, the number of rows.
    let mut rows = Rows::open(path)?;
    let header = rows.header.clone();
    let label = header.iter().position(|h| h == target).ok_or(Unusual)?;
    for &name in categorical {
        match header.iter().position(|h| h == name) {
            Some(j) if j != label => {}
            _ => return Err(Unusual),
        }
    }
    let mut columns: Vec<Column> = (0..header.len())
        .map(|j| match j {
            _ if j == label => Column::Label(Levels::default()),
            _ if categorical.contains(&header[j].as_str()) => Column::Categories {
                levels: Levels::default(),
                named: true,
            },
            _ => Column::Undecided,
        })
        .collect();
    let mut n: usize = 0;
    while rows.next_row()?.is_some() {
        for (j, column) in columns.iter_mut().enumerate() {
            let field = rows.field(j);
            match column {
                Column::Numbers => {} // parsed in the second pass
                Column::Label(levels) => {
                    levels.find_or_add(field)?;
                }
                Column::Categories { levels, named } => {
                    let (_, new) = levels.find_or_add(field)?;
                    // A column of categories found by detection holds no number at all.
                    if new && !*named && parses(field) {
                        return Err(Unusual);
                    }
                }
                Column::Undecided if parses(field) => *column = Column::Numbers,
                Column::Undecided => {
                    let mut levels = Levels::default();
                    levels.find_or_add(field)?;
                    *column = Column::Categories {
                        levels,
                        named: false,
                    };
                }
            }
        }
        n += 1;
    }
    if n == 0 {
        return Err(Unusual);
    }

    // The classes and the features, as `Dataset::from_table` names and orders them.
    let Column::Label(class_levels) = &mut columns[label] else {
        unreachable!("the label column is made a label above")
    };
    let classes = class_levels.sorted();
    let good_class = |k: usize| {
        class_levels.rows[k] >= MIN_CLASS_ROWS && class_levels.names[k].len() <= MAX_CLASS_NAME
    };
    if classes.len() < 2 || classes.len() > MAX_CLASSES || !(0..classes.len()).all(good_class) {
        return Err(Unusual);
    }
    let mut features = Vec::new();
    let mut categories = Vec::new();
    let mut offsets = vec![0; header.len()];
    for (j, column) in columns.iter_mut().enumerate() {
        offsets[j] = features.len();
        match column {
            Column::Label(_) => {}
            Column::Numbers => features.push(header[j].clone()),
            Column::Categories { levels, named } => {
                let levels = levels.sorted();
                for level in &levels[1..] {
                    features.push(format!("{}_{level}", header[j]));
                }
                categories.push(Category {
                    column: header[j].clone(),
                    levels,
                    detected: !*named,
                });
            }
            Column::Undecided => unreachable!("every column is decided on the first row"),
        }
    }
    let mut names: Vec<&String> = features.iter().collect();
    names.sort();
    names.dedup();
    let width = features.len();
    if names.len() != width || width == 0 || n.saturating_mul(width) > MAX_VALUES {
        return Err(Unusual);
    }

    // The second pass: the numbers, the one-hot columns and the labels, into their places.
    let mut rows = Rows::open(path)?;
    if rows.header != header {
        return Err(Unusual);
    }
    let mut x = vec![0.0; n * width];
    let mut y = Vec::with_capacity(n);
    let mut lines = Vec::with_capacity(n);
    while let Some(line) = rows.next_row()? {
        let i = lines.len();
        if i == n {
            return Err(Unusual);
        }
        let row = &mut x[i * width..(i + 1) * width];
        for (j, column) in columns.iter().enumerate() {
            let field = rows.field(j);
            match column {
                Column::Numbers => row[offsets[j]] = number(field)?,
                Column::Categories { levels, .. } => match levels.rank_of(field)? {
                    0 => {}
                    k => row[offsets[j] + k - 1] = 1.0,
                },
                Column::Label(levels) => y.push(levels.rank_of(field)?),
                Column::Undecided => unreachable!("every column is decided on the first row"),
            }
        }
        lines.push(line);
    }
    if lines.len() != n {
        return Err(Unusual);
    }
    Ok(Dataset {
        x: Array2::from_shape_vec((n, width), x).map_err(|_| Unusual)?,
        y,
        features,
        target: target.to_string(),
        classes,
        categories,
        file: path.display().to_string(),
        lines,
    })
}

/// The data rows of an ordinary CSV file, one at a time, read in blocks.
struct Rows {
    file: File,
    /// The bytes read and not yet used are `buffer[start..end]`.
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    read: u64,
    done: bool,
    /// The line the next line of the buffer is on.
    line: u64,
    header: Vec<String>,
    /// The fields of the current row, as ranges of `buffer`, spaces around them left out.
    fields: Vec<(usize, usize)>,
    rows: usize,
}

impl Rows {
    /// Opens the file and reads its header: the first line that is not blank. It must name
    /// two columns or more, each once, none empty. Only a regular file is read here: a pipe
    /// or a device could not be read twice, nor read again by the plain reader.
    fn open(path: &Path) -> Result<Rows, Unusual> {
        // Asked before opening: even opening a named pipe and closing it loses its text.
        let metadata = std::fs::metadata(path).map_err(|_| Unusual)?;
        if !metadata.is_file() || metadata.len() > MAX_FILE_BYTES {
            return Err(Unusual);
        }
        let file = File::open(path).map_err(|_| Unusual)?;
        let mut rows = Rows {
            file,
            buffer: vec![0; BLOCK + MAX_LINE_BYTES + 1],
            start: 0,
            end: 0,
            read: 0,
            done: false,
            line: 1,
            header: Vec::new(),
            fields: Vec::new(),
            rows: 0,
        };
        rows.next_fields()?.ok_or(Unusual)?;
        let header: Vec<String> = (0..rows.fields.len())
            .map(|j| String::from_utf8_lossy(rows.field(j)).into_owned())
            .collect();
        let mut sorted: Vec<&String> = header.iter().collect();
        sorted.sort();
        sorted.dedup();
        if header.len() < 2 || sorted.len() != header.len() || sorted[0].is_empty() {
            return Err(Unusual);
        }
        rows.header = header;
        Ok(rows)
    }

    /// Moves to the next data row and returns its line, or `None` at the end of the file.
    fn next_row(&mut self) -> Result<Option<u64>, Unusual> {
        let Some(line) = self.next_fields()? else {
            return Ok(None);
        };
        self.rows += 1;
        let repeats_header =
            (0..self.fields.len()).all(|j| self.field(j) == self.header[j].as_bytes());
        if self.fields.len() != self.header.len()
            || repeats_header
            || self.rows.saturating_mul(self.header.len()) > MAX_FIELDS
        {
            return Err(Unusual);
        }
        Ok(Some(line))
    }

    /// The field of column `j` of the current row.
    fn field(&self, j: usize) -> &[u8] {
        let (from, to) = self.fields[j];
        &self.buffer[from..to]
    }

    /// Splits the next line that is not blank into its fields, and returns its line. Every
    /// byte must be a printable ASCII character other than a quote, and no field may be empty.
    fn next_fields(&mut self) -> Result<Option<u64>, Unusual> {
        loop {
            let Some((from, to)) = self.next_line()? else {
                return Ok(None);
            };
            let line = self.line - 1;
            let text = &self.buffer[from..to];
            if text
                .iter()
                .any(|&b| !(b' '..=b'~').contains(&b) || b == b'"')
            {
                return Err(Unusual);
            }
            if text.iter().all(|&b| b == b' ') {
                continue; // a blank line, or one of spaces
            }
            self.fields.clear();
            let mut start = from;
            for (k, &b) in text.iter().enumerate() {
                if b == b',' {
                    self.fields.push(trim(text, start - from, k, from));
                    start = from + k + 1;
                }
            }
            self.fields.push(trim(text, start - from, to - from, from));
            if self.fields.iter().any(|&(a, b)| a == b) {
                return Err(Unusual);
            }
            return Ok(Some(line));
        }
    }

    /// The next line of the file, without its `\n`, as a range of the buffer.
    fn next_line(&mut self) -> Result<Option<(usize, usize)>, Unusual> {
        loop {
            let rest = &self.buffer[self.start..self.end];
            if let Some(k) = rest.iter().position(|&b| b == b'\n') {
                let line = (self.start, self.start + k);
                self.start += k + 1;
                self.line += 1;
                return self.short(line).map(Some);
            }
            if self.done {
                if rest.is_empty() {
                    return Ok(None);
                }
                let line = (self.start, self.end);
                self.start = self.end;
                self.line += 1;
                return self.short(line).map(Some);
            }
            if rest.len() > MAX_LINE_BYTES {
                return Err(Unusual);
            }
            // Keep the start of the line, and read the next block after it.
            self.buffer.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            let n = self
                .file
                .read(&mut self.buffer[self.end..])
                .map_err(|_| Unusual)?;
            self.read += n as u64;
            if self.read > MAX_FILE_BYTES {
                return Err(Unusual);
            }
            self.end += n;
            self.done = n == 0;
        }
    }

    fn short(&self, (from, to): (usize, usize)) -> Result<(usize, usize), Unusual> {
        if to - from > MAX_LINE_BYTES {
            return Err(Unusual);
        }
        Ok((from, to))
    }
}

/// `text[a..b]` without the spaces around it, as a range of the buffer, where `text` starts at
/// `offset`.
fn trim(text: &[u8], a: usize, b: usize, offset: usize) -> (usize, usize) {
    let field = &text[a..b];
    let left = field.len() - field.trim_ascii_start().len();
    let right = field.len() - field.trim_ascii_end().len();
    if left == field.len() {
        return (offset + a, offset + a);
    }
    (offset + a + left, offset + b - right)
}
