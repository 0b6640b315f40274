//! From a table of text to what a network reads: a matrix of numbers with one row per sample,
//! and the class of every row.

use ch10_data_pipeline::one_hot_drop_first;
use ndarray::{Array2, Axis, concatenate};

use crate::error::TrainError;
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
}
// ANCHOR_END: dataset

impl Dataset {
    /// Reads `table` with `target` as the label. Every other column is a feature: numbers as
    /// they are, and categories (the columns named in `categorical`, and any column none of
    /// whose values is a number) one-hot encoded with their first level dropped, as pandas'
    /// `get_dummies(drop_first=True)` does.
    pub fn from_table(
        table: &Table,
        target: &str,
        categorical: &[&str],
    ) -> Result<Dataset, TrainError> {
        let label = table.column(target)?;
        for &column in categorical {
            table.column(column)?;
        }
        let classes = sorted_values(table, label);
        if classes.len() < 2 {
            return Err(TrainError::OneClass {
                file: table.name.clone(),
                column: target.to_string(),
                value: classes[0].clone(),
            });
        }
        // Every label is found: the classes are the labels' own values.
        let y = (table.rows.iter())
            .map(|row| {
                classes
                    .binary_search(&row[label])
                    .expect("a label is a class")
            })
            .collect();

        // ANCHOR: columns
        let (mut blocks, mut features, mut categories) = (Vec::new(), Vec::new(), Vec::new());
        for (j, name) in table.header.iter().enumerate() {
            if j == label {
                continue;
            }
            let named = categorical.contains(&name.as_str());
            if named || !any_number(table, j) {
                let category = Category {
                    column: name.clone(),
                    levels: sorted_values(table, j),
                    detected: !named,
                };
                blocks.push(one_hot(table, j, &category.levels)?);
                for level in &category.levels[1..] {
                    features.push(format!("{name}_{level}"));
                }
                categories.push(category);
            } else {
                blocks.push(numbers(table, j)?);
                features.push(name.clone());
            }
        }
        // ANCHOR_END: columns
        if features.is_empty() {
            return Err(TrainError::NoFeatures {
                file: table.name.clone(),
                target: target.to_string(),
            });
        }
        let views: Vec<_> = blocks.iter().map(|b| b.view()).collect();
        Ok(Dataset {
            x: concatenate(Axis(1), &views).expect("every block has one row per table row"),
            y,
            features,
            target: target.to_string(),
            classes,
            categories,
        })
    }
}

/// The distinct values of column `j`, sorted.
fn sorted_values(table: &Table, j: usize) -> Vec<String> {
    let mut values: Vec<String> = table.rows.iter().map(|row| row[j].clone()).collect();
    values.sort();
    values.dedup();
    values
}

/// Whether any value of column `j` reads as a number.
fn any_number(table: &Table, j: usize) -> bool {
    table.rows.iter().any(|row| row[j].parse::<f64>().is_ok())
}

/// Column `j` as a column of numbers. A value that is not a number, or not a finite one, is an
/// error naming its line: in a column of numbers it is a typing mistake or a missing value.
fn numbers(table: &Table, j: usize) -> Result<Array2<f64>, TrainError> {
    let mut column = Array2::zeros((table.rows.len(), 1));
    for (i, row) in table.rows.iter().enumerate() {
        let problem = match row[j].parse::<f64>() {
            Ok(v) if v.is_finite() => {
                column[[i, 0]] = v;
                continue;
            }
            Ok(_) => format!("{:?} is not a finite number", row[j]),
            Err(_) => format!(
                "{:?} is not a number, but other values of the column are \
                 (a column of categories must be named categorical)",
                row[j]
            ),
        };
        return Err(TrainError::Field {
            file: table.name.clone(),
            line: table.lines[i],
            column: table.header[j].clone(),
            message: problem,
        });
    }
    Ok(column)
}

/// Column `j` one-hot encoded against `levels` by Chapter 10's encoder.
fn one_hot(table: &Table, j: usize, levels: &[String]) -> Result<Array2<f64>, TrainError> {
    let values: Vec<&str> = table.rows.iter().map(|row| row[j].as_str()).collect();
    let levels: Vec<&str> = levels.iter().map(String::as_str).collect();
    Ok(one_hot_drop_first(&values, &levels)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        Table::parse("t.csv", text).unwrap()
    }

    #[test]
    fn numbers_stay_and_categories_become_columns_of_zeros_and_ones() {
        let t = table("plan,age,left\nbasic,30,no\npro,41,yes\nteam,25,no\nbasic,52,yes\n");
        let d = Dataset::from_table(&t, "left", &[]).unwrap();
        assert_eq!(d.classes, ["no", "yes"]);
        assert_eq!(d.y, [0, 1, 0, 1]);
        assert_eq!(d.features, ["plan_pro", "plan_team", "age"]);
        assert_eq!(
            d.x,
            ndarray::array![
                [0.0, 0.0, 30.0],
                [1.0, 0.0, 41.0],
                [0.0, 1.0, 25.0],
                [0.0, 0.0, 52.0]
            ]
        );
        assert_eq!(d.categories.len(), 1);
        assert!(d.categories[0].detected);
        assert_eq!(d.categories[0].levels, ["basic", "pro", "team"]);
    }

    #[test]
    fn a_column_of_numbers_can_be_named_categorical() {
        let t = table("zone,y\n1,a\n2,b\n1,a\n");
        let d = Dataset::from_table(&t, "y", &["zone"]).unwrap();
        assert_eq!(d.features, ["zone_2"]);
        assert!(!d.categories[0].detected);
    }

    #[test]
    fn three_labels_are_three_classes() {
        let t = table("x,species\n1,b\n2,c\n3,a\n4,b\n");
        let d = Dataset::from_table(&t, "species", &[]).unwrap();
        assert_eq!(d.classes, ["a", "b", "c"]);
        assert_eq!(d.y, [1, 2, 0, 1]);
    }

    #[test]
    fn bad_columns_are_errors_that_say_where() {
        let t = table("x,y\n1,a\n2O,b\n3,a\n");
        assert_eq!(
            Dataset::from_table(&t, "y", &[]).unwrap_err().to_string(),
            "t.csv, line 3, column `x`: \"2O\" is not a number, but other values of the column \
             are (a column of categories must be named categorical)"
        );
        let t = table("x,y\n1,a\nNaN,b\n");
        assert_eq!(
            Dataset::from_table(&t, "y", &[]).unwrap_err().to_string(),
            "t.csv, line 3, column `x`: \"NaN\" is not a finite number"
        );
        let t = table("x,y\n1,a\n2,a\n");
        assert_eq!(
            Dataset::from_table(&t, "y", &[]).unwrap_err().to_string(),
            "t.csv: the label column `y` holds the one value \"a\": nothing to learn"
        );
        assert!(matches!(
            Dataset::from_table(&t, "Y", &[]),
            Err(TrainError::NoColumn { .. })
        ));
        assert!(matches!(
            Dataset::from_table(&t, "y", &["z"]),
            Err(TrainError::NoColumn { .. })
        ));
        let t = table("c,y\nu,a\nu,b\n");
        assert_eq!(
            Dataset::from_table(&t, "y", &[]).unwrap_err().to_string(),
            "t.csv: no features: the table has no column but the label `y`, or only columns of \
             a single category"
        );
    }
}
