//! From a table of text to what a network reads: a matrix of numbers with one row per sample,
//! and the class of every row.

use std::collections::BTreeMap;

use ch10_data_pipeline::one_hot_drop_first;
use ndarray::{Array2, Axis, concatenate};

use crate::error::{TrainError, quote};
use crate::limits::{MAX_ABS_VALUE, MAX_CLASS_NAME, MAX_CLASSES, MAX_VALUES, MIN_CLASS_ROWS};
use crate::table::Table;

/// A column of categories, one-hot encoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub column: String,
    /// Its values, sorted. The first is the reference level: it gets no column of its own.
    pub levels: Vec<String>,
    /// True when no one named the column categorical and its text was read as categories
    /// because none of its values is a number.
    pub detected: bool,
}

// ANCHOR: dataset
/// A table as numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// One row per sample, one column per feature.
    pub x: Array2<f64>,
    /// The label of every row, as a class index: row `i` is of class `classes[y[i]]`.
    pub y: Vec<usize>,
    /// The names of the columns of `x`; a one-hot column is named `COLUMN_LEVEL`.
    pub features: Vec<String>,
    /// The label column's name, and its values, sorted: class `k` is `classes[k]`.
    pub target: String,
    pub classes: Vec<String>,
    pub categories: Vec<Category>,
    /// Where the rows came from, for messages: the file, and the line of every row.
    pub file: String,
    pub lines: Vec<u64>,
}
// ANCHOR_END: dataset

/// What a feature column is: numbers as they are, or categories to one-hot encode.
enum Kind {
    Numbers,
    Category(Category),
}

impl Dataset {
    /// Reads `table` with `target` as the label. Every other column is a feature: numbers as
    /// they are, and categories (the columns named in `categorical`, and any column none of
    /// whose values is a number) one-hot encoded with their first level dropped, as pandas'
    /// `get_dummies(drop_first=True)` does. Each refusal names the file, and the line and the
    /// column where it can: a missing value, a label of one class or of too many, a class of
    /// too few rows, a value that is not a number or is beyond ±10^15, features that would
    /// not fit in memory.
    pub fn from_table(
        table: &Table,
        target: &str,
        categorical: &[&str],
    ) -> Result<Dataset, TrainError> {
        let label = table.column(target)?;
        for &column in categorical {
            if table.column(column)? == label {
                return Err(file_error(
                    table,
                    format!("`{target}` is the label; it cannot also be named categorical"),
                ));
            }
        }
        let (classes, y) = classes(table, label)?;

        // ANCHOR: columns
        // First what each column is; then, once the matrix is known to fit, its numbers.
        let mut kinds = Vec::new();
        for (j, name) in table.header.iter().enumerate() {
            if j == label {
                continue;
            }
            let named = categorical.contains(&name.as_str());
            let kind = if named || !any_number(table, j) {
                Kind::Category(Category {
                    column: name.clone(),
                    levels: levels(table, j)?,
                    detected: !named,
                })
            } else {
                Kind::Numbers
            };
            kinds.push((j, kind));
        }
        let features = feature_names(table, &kinds)?;
        check_size(table, &kinds, features.len())?;
        let mut blocks = Vec::new();
        for (j, kind) in &kinds {
            blocks.push(match kind {
                Kind::Numbers => numbers(table, *j)?,
                Kind::Category(c) => one_hot(table, *j, &c.levels)?,
            });
        }
        // ANCHOR_END: columns
        if features.is_empty() {
            return Err(file_error(
                table,
                format!(
                    "no features: the table has no column but the label `{target}`, or only \
                     columns of a single category"
                ),
            ));
        }
        let views: Vec<_> = blocks.iter().map(|b| b.view()).collect();
        let categories = kinds
            .into_iter()
            .filter_map(|(_, kind)| match kind {
                Kind::Category(c) => Some(c),
                Kind::Numbers => None,
            })
            .collect();
        Ok(Dataset {
            x: concatenate(Axis(1), &views).expect("every block has one row per table row"),
            y,
            features,
            target: target.to_string(),
            classes,
            categories,
            file: table.name.clone(),
            lines: table.lines.clone(),
        })
    }
}

// ANCHOR: classes
/// The label's values, sorted, which are the classes, and the class of every row. A missing
/// label, a label of one value or of more than [`MAX_CLASSES`], a class name longer than
/// [`MAX_CLASS_NAME`] characters and a class of fewer than [`MIN_CLASS_ROWS`] rows are errors.
fn classes(table: &Table, label: usize) -> Result<(Vec<String>, Vec<usize>), TrainError> {
    let column = &table.header[label];
    let classes = levels(table, label)?;
    if classes.len() > MAX_CLASSES {
        return Err(file_error(
            table,
            format!(
                "the label column `{column}` holds {} different values, more than the \
                 {MAX_CLASSES} classes this program trains: is it a measurement rather than a \
                 class?",
                classes.len()
            ),
        ));
    }
    if let [only] = classes.as_slice() {
        return Err(file_error(
            table,
            format!(
                "the label column `{column}` holds the one value {}: nothing to learn",
                quote(only)
            ),
        ));
    }
    // Every label is found: the classes are the labels' own values.
    let y: Vec<usize> = (table.rows.iter())
        .map(|row| {
            classes
                .binary_search(&row[label])
                .expect("a label is a class")
        })
        .collect();
    let mut rows_of = vec![0; classes.len()];
    for &k in &y {
        rows_of[k] += 1;
    }
    let long = |i: usize| classes[y[i]].chars().count() > MAX_CLASS_NAME;
    if let Some(i) = (0..y.len()).find(|&i| long(i)) {
        let message = format!(
            "the label {} is too long for a class name: a class heads a column of the report, \
             and may have at most {MAX_CLASS_NAME} characters",
            quote(&classes[y[i]])
        );
        return Err(field_error(table, i, label, message));
    }
    if let Some(i) = (0..y.len()).find(|&i| rows_of[y[i]] < MIN_CLASS_ROWS) {
        let n = rows_of[y[i]];
        let message = format!(
            "the label {} is on {n} {} only: a class needs at least {MIN_CLASS_ROWS}, one for \
             each split (a typing mistake, or a measurement rather than a class?)",
            quote(&classes[y[i]]),
            if n == 1 { "row" } else { "rows" }
        );
        return Err(field_error(table, i, label, message));
    }
    Ok((classes, y))
}
// ANCHOR_END: classes

/// The distinct values of column `j`, sorted. An empty field is a missing value: an error.
fn levels(table: &Table, j: usize) -> Result<Vec<String>, TrainError> {
    if let Some(i) = table.rows.iter().position(|row| row[j].is_empty()) {
        return Err(field_error(table, i, j, MISSING.to_string()));
    }
    let mut values: Vec<String> = table.rows.iter().map(|row| row[j].clone()).collect();
    values.sort();
    values.dedup();
    Ok(values)
}

const MISSING: &str =
    "the value is missing, and this program has no rule for that (fill it in, or remove the row)";

/// Text that files commonly hold for a missing value.
fn marks_missing(text: &str) -> bool {
    let markers = [
        "na", "n/a", "#n/a", "null", "none", "nil", "missing", "?", "-", "--", ".",
    ];
    markers.contains(&text.to_lowercase().as_str())
}

/// Whether any value of column `j` reads as a number.
fn any_number(table: &Table, j: usize) -> bool {
    table.rows.iter().any(|row| row[j].parse::<f64>().is_ok())
}

/// The names of the columns of `x`, which must differ: a one-hot column `COLUMN_LEVEL` may
/// meet a column of the file of that name.
fn feature_names(table: &Table, kinds: &[(usize, Kind)]) -> Result<Vec<String>, TrainError> {
    let mut named: Vec<(String, String)> = Vec::new();
    for (j, kind) in kinds {
        let column = &table.header[*j];
        match kind {
            Kind::Numbers => named.push((column.clone(), format!("the column `{column}`"))),
            Kind::Category(c) => {
                for level in &c.levels[1..] {
                    let from = format!("level {} of `{column}`", quote(level));
                    named.push((format!("{column}_{level}"), from));
                }
            }
        }
    }
    let mut seen = BTreeMap::new();
    for (name, from) in &named {
        if let Some(other) = seen.insert(name, from) {
            return Err(file_error(
                table,
                format!("two features would be named `{name}`: {other} and {from}; rename one"),
            ));
        }
    }
    Ok(named.into_iter().map(|(name, _)| name).collect())
}

/// Fails, before any matrix is made, unless the features of every row fit in [`MAX_VALUES`]
/// numbers. A category with very many levels (an identifier, free text) is what passes it.
fn check_size(table: &Table, kinds: &[(usize, Kind)], width: usize) -> Result<(), TrainError> {
    let rows = table.rows.len();
    let numbers = rows.saturating_mul(width);
    if numbers <= MAX_VALUES {
        return Ok(());
    }
    let widest = kinds
        .iter()
        .filter_map(|(_, kind)| match kind {
            Kind::Category(c) => Some(c),
            Kind::Numbers => None,
        })
        .max_by_key(|c| c.levels.len());
    let why = match widest {
        Some(c) if c.levels.len() > width / 2 => format!(
            "; the category `{}` alone makes {} of them (an identifier, or free text?)",
            c.column,
            c.levels.len() - 1
        ),
        _ => String::new(),
    };
    Err(file_error(
        table,
        format!(
            "the features would fill a matrix of {rows} rows and {width} columns, {numbers} \
             numbers, more than the {MAX_VALUES} this program allocates{why}"
        ),
    ))
}

/// Column `j` as a column of numbers. A value that is missing, not a number, not a finite one
/// or beyond ±[`MAX_ABS_VALUE`] is an error naming its line: in a column of numbers it is a
/// typing mistake or a missing value.
fn numbers(table: &Table, j: usize) -> Result<Array2<f64>, TrainError> {
    let mut column = Array2::zeros((table.rows.len(), 1));
    for (i, row) in table.rows.iter().enumerate() {
        let text = &row[j];
        let problem = match text.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= MAX_ABS_VALUE => {
                column[[i, 0]] = v;
                continue;
            }
            Ok(v) if v.is_finite() => format!(
                "{} is beyond ±{MAX_ABS_VALUE:e}, the largest number this program reads",
                quote(text)
            ),
            Ok(_) => format!("{} is not a finite number", quote(text)),
            Err(_) if text.is_empty() => MISSING.to_string(),
            Err(_) if marks_missing(text) => format!(
                "{} marks a missing value, and this program has no rule for that (fill it in, \
                 or remove the row)",
                quote(text)
            ),
            Err(_) => format!(
                "{} is not a number, but other values of the column are \
                 (a column of categories must be named categorical)",
                quote(text)
            ),
        };
        return Err(field_error(table, i, j, problem));
    }
    Ok(column)
}

/// Column `j` one-hot encoded against `levels` by Chapter 10's encoder.
fn one_hot(table: &Table, j: usize, levels: &[String]) -> Result<Array2<f64>, TrainError> {
    let values: Vec<&str> = table.rows.iter().map(|row| row[j].as_str()).collect();
    let levels: Vec<&str> = levels.iter().map(String::as_str).collect();
    Ok(one_hot_drop_first(&values, &levels)?)
}

/// A problem with the table as a whole.
fn file_error(table: &Table, message: String) -> TrainError {
    TrainError::File {
        file: table.name.clone(),
        message,
    }
}

/// A problem with the field of row `i` in column `j`.
fn field_error(table: &Table, i: usize, j: usize, message: String) -> TrainError {
    TrainError::Field {
        file: table.name.clone(),
        line: table.lines[i],
        column: table.header[j].clone(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        Table::parse("t.csv", text).unwrap()
    }

    fn message(text: &str, target: &str, categorical: &[&str]) -> String {
        Dataset::from_table(&table(text), target, categorical)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn numbers_stay_and_categories_become_columns_of_zeros_and_ones() {
        let t = table(
            "plan,age,left\nbasic,30,no\npro,41,yes\nteam,25,no\nbasic,52,yes\n\
             pro,33,no\nteam,60,yes\n",
        );
        let d = Dataset::from_table(&t, "left", &[]).unwrap();
        assert_eq!(d.classes, ["no", "yes"]);
        assert_eq!(d.y, [0, 1, 0, 1, 0, 1]);
        assert_eq!(d.features, ["plan_pro", "plan_team", "age"]);
        assert_eq!(
            d.x,
            ndarray::array![
                [0.0, 0.0, 30.0],
                [1.0, 0.0, 41.0],
                [0.0, 1.0, 25.0],
                [0.0, 0.0, 52.0],
                [1.0, 0.0, 33.0],
                [0.0, 1.0, 60.0]
            ]
        );
        assert_eq!(d.categories.len(), 1);
        assert!(d.categories[0].detected);
        assert_eq!(d.categories[0].levels, ["basic", "pro", "team"]);
        assert_eq!((d.file.as_str(), d.lines[5]), ("t.csv", 7));
    }

    #[test]
    fn a_column_of_numbers_can_be_named_categorical() {
        let t = table("zone,y\n1,a\n2,b\n1,a\n2,b\n1,a\n2,b\n");
        let d = Dataset::from_table(&t, "y", &["zone"]).unwrap();
        assert_eq!(d.features, ["zone_2"]);
        assert!(!d.categories[0].detected);
        assert_eq!(
            message("zone,y\n1,a\n2,b\n", "y", &["y"]),
            "t.csv: `y` is the label; it cannot also be named categorical"
        );
    }

    #[test]
    fn three_labels_are_three_classes() {
        let t = table("x,species\n1,b\n2,c\n3,a\n4,b\n5,c\n6,a\n7,b\n8,c\n9,a\n");
        let d = Dataset::from_table(&t, "species", &[]).unwrap();
        assert_eq!(d.classes, ["a", "b", "c"]);
        assert_eq!(d.y, [1, 2, 0, 1, 2, 0, 1, 2, 0]);
    }

    #[test]
    fn bad_values_are_errors_that_say_where() {
        let rows = "1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n";
        let with = |bad: &str| format!("x,y\n{rows}{bad},a\n");
        for (bad, problem) in [
            (
                "2O",
                "\"2O\" is not a number, but other values of the column are (a column of \
                 categories must be named categorical)",
            ),
            ("NaN", "\"NaN\" is not a finite number"),
            ("-inf", "\"-inf\" is not a finite number"),
            (
                "1e300",
                "\"1e300\" is beyond ±1e15, the largest number this program reads",
            ),
            (
                "",
                "the value is missing, and this program has no rule for that (fill it in, or \
                 remove the row)",
            ),
            (
                "N/A",
                "\"N/A\" marks a missing value, and this program has no rule for that (fill it \
                 in, or remove the row)",
            ),
        ] {
            assert_eq!(
                message(&with(bad), "y", &[]),
                format!("t.csv, line 8, column `x`: {problem}"),
                "{bad}"
            );
        }
        assert!(Dataset::from_table(&table(&with("-1e15")), "y", &[]).is_ok());
        assert_eq!(
            message("c,y\nu,a\nv,b\nu,a\nv,b\n,a\nu,b\n", "y", &[]),
            "t.csv, line 6, column `c`: the value is missing, and this program has no rule for \
             that (fill it in, or remove the row)"
        );
    }

    #[test]
    fn labels_that_cannot_be_classes_are_errors() {
        assert_eq!(
            message("x,y\n1,a\n2,a\n", "y", &[]),
            "t.csv: the label column `y` holds the one value \"a\": nothing to learn"
        );
        assert!(matches!(
            Dataset::from_table(&table("x,y\n1,a\n"), "Y", &[]),
            Err(TrainError::File { .. })
        ));
        assert!(matches!(
            Dataset::from_table(&table("x,y\n1,a\n"), "y", &["z"]),
            Err(TrainError::File { .. })
        ));
        // A typing mistake makes a class of one row.
        let iris = "x,species\n1,setosa\n2,setosa\n3,setosa\n4,setsoa\n5,virginica\n\
                    6,virginica\n7,virginica\n";
        assert_eq!(
            message(iris, "species", &[]),
            "t.csv, line 5, column `species`: the label \"setsoa\" is on 1 row only: a class \
             needs at least 3, one for each split (a typing mistake, or a measurement rather \
             than a class?)"
        );
        assert_eq!(
            message("x,y\n1,a\n2,\n3,b\n", "y", &[]),
            "t.csv, line 3, column `y`: the value is missing, and this program has no rule for \
             that (fill it in, or remove the row)"
        );
        // A measurement given as the label: every row its own class.
        let mut many = String::from("x,y\n");
        for i in 0..300 {
            many += &format!("{i},{}\n", i as f64 / 7.0);
        }
        assert_eq!(
            message(&many, "y", &[]),
            "t.csv: the label column `y` holds 300 different values, more than the 100 classes \
             this program trains: is it a measurement rather than a class?"
        );
        let long = "L".repeat(101);
        let text = format!("x,y\n1,{long}\n2,{long}\n3,{long}\n4,b\n5,b\n6,b\n");
        assert!(
            message(&text, "y", &[]).starts_with("t.csv, line 2, column `y`: the label \"LLL"),
            "{}",
            message(&text, "y", &[])
        );
    }

    #[test]
    fn features_need_a_column_a_name_each_and_memory() {
        let t = "c,y\nu,a\nu,b\nu,a\nu,b\nu,a\nu,b\n";
        assert_eq!(
            message(t, "y", &[]),
            "t.csv: no features: the table has no column but the label `y`, or only columns of \
             a single category"
        );
        let clash = "c,c_v,y\nu,1,a\nv,2,b\nu,3,a\nv,4,b\nu,5,a\nv,6,b\n";
        assert_eq!(
            message(clash, "y", &[]),
            "t.csv: two features would be named `c_v`: level \"v\" of `c` and the column `c_v`; \
             rename one"
        );
        // An identifier one-hot encoded: 5,000 rows and 4,999 columns.
        let mut ids = String::from("id,y\n");
        for i in 0..5000 {
            ids += &format!("c{i},{}\n", i % 2);
        }
        assert_eq!(
            message(&ids, "y", &[]),
            "t.csv: the features would fill a matrix of 5000 rows and 4999 columns, 24995000 \
             numbers, more than the 16777216 this program allocates; the category `id` alone \
             makes 4999 of them (an identifier, or free text?)"
        );
    }
}
