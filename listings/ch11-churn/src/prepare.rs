//! Three splits of the rows, and the scaling the network sees them with.
//!
//! The test rows are set aside first and touched once, at the very end. The validation rows
//! are carved out of the rest: they pick the epoch to keep. The scaler learns its means and
//! spreads from the training rows alone.

use ch10_data_pipeline::{StandardScaler, select_rows, train_test_split};
use ndarray::Array2;
use rand_chacha::ChaCha8Rng;

use crate::dataset::Dataset;
use crate::error::TrainError;
use crate::train::Config;

// ANCHOR: rows
/// Which rows of the dataset each split holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    pub train: Vec<usize>,
    pub validation: Vec<usize>,
    pub test: Vec<usize>,
}

impl Rows {
    /// Draws the test rows with Chapter 10's split, then the validation rows out of the rest.
    pub fn draw(n: usize, config: &Config, rng: &mut ChaCha8Rng) -> Result<Rows, TrainError> {
        let split = train_test_split(n, config.test_fraction, rng);
        Rows::around(split.test, split.train, config.validation_fraction, rng)
    }

    /// Keeps `test` as it is and splits `rest` into training and validation rows.
    pub fn around(
        test: Vec<usize>,
        rest: Vec<usize>,
        validation_fraction: f64,
        rng: &mut ChaCha8Rng,
    ) -> Result<Rows, TrainError> {
        let inner = train_test_split(rest.len(), validation_fraction, rng);
        let rows = Rows {
            train: inner.train.iter().map(|&i| rest[i]).collect(),
            validation: inner.test.iter().map(|&i| rest[i]).collect(),
            test,
        };
        rows.none_empty()
    }
    // ANCHOR_END: rows

    /// The rows themselves, unless a split is empty.
    fn none_empty(self) -> Result<Rows, TrainError> {
        let n = self.train.len() + self.validation.len() + self.test.len();
        for (split, rows) in [
            ("training", &self.train),
            ("validation", &self.validation),
            ("test", &self.test),
        ] {
            if rows.is_empty() {
                return Err(TrainError::TooFewRows { rows: n, split });
            }
        }
        Ok(self)
    }
}

/// Some rows as the network sees them: scaled features and class indices.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    pub x: Array2<f64>,
    pub y: Vec<usize>,
}

/// The three splits, scaled, with what scaled them and the names of the classes.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub train: Samples,
    pub validation: Samples,
    pub test: Samples,
    pub rows: Rows,
    pub scaler: StandardScaler,
    pub classes: Vec<String>,
}

// ANCHOR: prepare
/// Splits `data` with `rng` and standardizes every split with a scaler fitted on the
/// training rows alone. Fails if a split would be empty.
pub fn prepare(
    data: &Dataset,
    config: &Config,
    rng: &mut ChaCha8Rng,
) -> Result<Prepared, TrainError> {
    let rows = Rows::draw(data.y.len(), config, rng)?;
    let scaler = StandardScaler::fit(select_rows(data.x.view(), &rows.train).view())?;
    Ok(scale(data, rows, scaler))
}
// ANCHOR_END: prepare

/// The three splits of `data` standardized by `scaler`, whatever rows it was fitted on.
pub fn scale(data: &Dataset, rows: Rows, scaler: StandardScaler) -> Prepared {
    let samples = |r: &[usize]| Samples {
        x: scaler.transform(select_rows(data.x.view(), r).view()),
        y: r.iter().map(|&i| data.y[i]).collect(),
    };
    Prepared {
        train: samples(&rows.train),
        validation: samples(&rows.validation),
        test: samples(&rows.test),
        rows,
        scaler,
        classes: data.classes.clone(),
    }
}
