//! The whole data set as a feature matrix and a list of class indices.

use std::path::Path;

use ch10_data_pipeline::{DataError, read_csv};
use ndarray::Array2;

use crate::species::{FEATURES, Flower};

// ANCHOR: iris
/// Flowers as the network sees them: one row of four measurements (cm) per flower, in the
/// order of [`FEATURES`], and the class index of each flower's species.
#[derive(Debug, Clone, PartialEq)]
pub struct Iris {
    pub features: Array2<f64>,
    pub targets: Vec<usize>,
}

impl Iris {
    pub fn from_flowers(flowers: &[Flower]) -> Iris {
        let features = Array2::from_shape_fn((flowers.len(), FEATURES.len()), |(i, j)| {
            flowers[i].features()[j]
        });
        let targets = flowers.iter().map(|f| f.species.index()).collect();
        Iris { features, targets }
    }

    /// Reads a CSV with the columns of [`FEATURES`] and a `species` column. Every problem (a
    /// missing column, a field that is not a number, an unknown species, a row with too few or
    /// too many fields) is an error naming the file, the line and the column.
    pub fn load(path: &Path) -> Result<Iris, DataError> {
        let flowers: Vec<Flower> = read_csv(path).map_err(|e| match e {
            // The csv crate does not record which field an error raised by our own code came
            // from, and the only such error that reaches here is an unknown species.
            DataError::Parse {
                path,
                line,
                column,
                message,
            } if column == "?" && message.starts_with("unknown species") => DataError::Parse {
                path,
                line,
                column: "species".to_string(),
                message,
            },
            e => e,
        })?;
        Ok(Iris::from_flowers(&flowers))
    }
    // ANCHOR_END: iris

    pub fn len(&self) -> usize {
        self.targets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// The same flowers with only some of the measurements, in the order given.
    ///
    /// # Panics
    /// If a column index is not below 4.
    pub fn with_columns(&self, columns: &[usize]) -> Iris {
        let features = Array2::from_shape_fn((self.len(), columns.len()), |(i, j)| {
            self.features[[i, columns[j]]]
        });
        Iris {
            features,
            targets: self.targets.clone(),
        }
    }
}

/// The chapter's copy of Fisher's data, found from the crate's folder whatever the working
/// directory.
pub const IRIS_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/iris.csv");

/// How to show a path to the reader: relative to the crate folder when it lies inside it, so
/// that no program prints where the book happens to be checked out.
pub fn shown(text: &str) -> String {
    text.replace(concat!(env!("CARGO_MANIFEST_DIR"), "/"), "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::species::Species;

    #[test]
    fn the_shipped_file_has_fifty_flowers_of_each_species() {
        let iris = Iris::load(Path::new(IRIS_CSV)).unwrap();
        assert_eq!(iris.features.dim(), (150, 4));
        for s in Species::ALL {
            assert_eq!(iris.targets.iter().filter(|&&t| t == s.index()).count(), 50);
        }
        // Fisher's rows 35 and 38, where the UCI copy differs.
        assert_eq!(iris.features.row(34).to_vec(), vec![4.9, 3.1, 1.5, 0.2]);
        assert_eq!(iris.features.row(37).to_vec(), vec![4.9, 3.6, 1.4, 0.1]);
    }

    #[test]
    fn with_columns_keeps_the_targets() {
        let iris = Iris::load(Path::new(IRIS_CSV)).unwrap();
        let petals = iris.with_columns(&[2, 3]);
        assert_eq!(petals.features.dim(), (150, 2));
        assert_eq!(petals.features.row(0).to_vec(), vec![1.4, 0.2]);
        assert_eq!(petals.targets, iris.targets);
    }

    #[test]
    fn every_broken_file_is_an_error_naming_line_and_column() {
        let cases = [
            (
                "unknown-species",
                "line 5, column `species`: unknown species \"tulip\"",
            ),
            ("missing-field", "line 3: the row has 4 fields"),
            ("extra-field", "line 4: the row has 6 fields"),
            (
                "not-a-number",
                "line 4, column `petal_length`: cannot read \"6.O\"",
            ),
        ];
        for (name, expected) in cases {
            let path = format!("{}/data/bad/{name}.csv", env!("CARGO_MANIFEST_DIR"));
            let message = shown(&Iris::load(Path::new(&path)).unwrap_err().to_string());
            assert!(
                message.starts_with(&format!("data/bad/{name}.csv, {expected}")),
                "{message}"
            );
        }
    }

    #[test]
    fn shown_paths_are_relative_to_the_crate() {
        assert_eq!(shown(IRIS_CSV), "data/iris.csv");
        assert_eq!(shown("elsewhere/x.csv"), "elsewhere/x.csv");
    }
}
