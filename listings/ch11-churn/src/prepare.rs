//! Three splits of the rows, and the scaling the network sees them with.
//!
//! The test rows are set aside first and touched once, at the very end. The validation rows
//! are carved out of the rest: they pick the epoch to keep. The scaler learns its means and
//! spreads from the training rows alone.

use ch10_data_pipeline::{DataError, StandardScaler, select_rows, train_test_split};
use ndarray::Array2;
use rand_chacha::ChaCha8Rng;

use crate::dataset::Dataset;
use crate::error::TrainError;
use crate::limits::MAX_SPREADS;
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
    pub(crate) fn none_empty(self) -> Result<Rows, TrainError> {
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
/// training rows alone. Fails if a split would be empty, or if a validation or test value lies
/// further from the training rows than any training value can.
pub fn prepare(
    data: &Dataset,
    config: &Config,
    rng: &mut ChaCha8Rng,
) -> Result<Prepared, TrainError> {
    let rows = Rows::draw(data.y.len(), config, rng).map_err(|e| too_few(data, config, e))?;
    let scaler = StandardScaler::fit(select_rows(data.x.view(), &rows.train).view())
        .map_err(|e| scaler_error(data, &rows, e))?;
    let prepared = scale(data, rows, scaler);
    check_spread(data, &prepared)?;
    Ok(prepared)
}
// ANCHOR_END: prepare

/// Fails if a value of a validation or test row lies more than [`MAX_SPREADS`] training
/// standard deviations from the training mean, naming the first such value in the file.
fn check_spread(data: &Dataset, prepared: &Prepared) -> Result<(), TrainError> {
    let splits = [
        (&prepared.rows.validation, &prepared.validation),
        (&prepared.rows.test, &prepared.test),
    ];
    let far = splits.into_iter().flat_map(|(rows, samples)| {
        (samples.x.indexed_iter())
            .filter(|(_, z)| z.abs() > MAX_SPREADS)
            .map(|((i, j), z)| (rows[i], j, z.abs()))
    });
    match far.min_by_key(|&(row, j, _)| (row, j)) {
        None => Ok(()),
        Some((row, j, spreads)) => Err(TrainError::Field {
            file: data.file.clone(),
            line: data.lines[row],
            column: data.features[j].clone(),
            message: format!(
                "{} lies {spreads:.1e} standard deviations from the training rows' mean, \
                 further than any training value can: the network never saw anything like it \
                 (a typing mistake?)",
                data.x[[row, j]]
            ),
        }),
    }
}

/// An empty split, with the file named and the arithmetic that emptied it.
pub(crate) fn too_few(data: &Dataset, config: &Config, e: TrainError) -> TrainError {
    let TrainError::TooFewRows { rows, split } = e else {
        return e;
    };
    let test = (rows as f64 * config.test_fraction).round() as usize;
    let why = match split {
        "test" => format!(
            "a test fraction of {} of the {rows} rows rounds to 0; a larger fraction",
            config.test_fraction
        ),
        "validation" => format!(
            "a validation fraction of {} of the {} rows left after the test rows rounds to 0; \
             a larger fraction",
            config.validation_fraction,
            rows - test
        ),
        _ => format!(
            "test and validation fractions of {} and {} leave none of the {rows} rows for \
             training; smaller fractions",
            config.test_fraction, config.validation_fraction
        ),
    };
    TrainError::File {
        file: data.file.clone(),
        message: format!("the {split} split would be empty: {why}, or more rows"),
    }
}

/// An error of the scaler, which knows rows and columns by number, with the file, the line
/// and the feature named.
pub(crate) fn scaler_error(data: &Dataset, rows: &Rows, e: DataError) -> TrainError {
    match e {
        DataError::Overflow { column } => TrainError::File {
            file: data.file.clone(),
            message: format!(
                "the values of `{}` are too large to scale: their mean or spread overflows",
                data.features[column]
            ),
        },
        DataError::NonFiniteValue { row, column, value } => TrainError::Field {
            file: data.file.clone(),
            line: data.lines[rows.train[row]],
            column: data.features[column].clone(),
            message: format!("{value} is not a finite number"),
        },
        other => other.into(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Table;
    use crate::train::ARTICLE_CHURN;
    use rand::SeedableRng;

    fn six_rows(practice_on_line_6: &str) -> Dataset {
        let text = format!(
            "result,hours,practice\nfail,4.8,0.8\npass,10.0,9.1\npass,1.8,8.7\npass,11.3,8.4\n\
             fail,5.4,{practice_on_line_6}\nfail,9.4,2.6\n"
        );
        Dataset::from_table(&Table::parse("t.csv", &text).unwrap(), "result", &[]).unwrap()
    }

    fn prepared(data: &Dataset, config: &Config) -> Result<Prepared, TrainError> {
        prepare(data, config, &mut ChaCha8Rng::seed_from_u64(config.seed))
    }

    #[test]
    fn an_empty_split_is_named_with_its_file_and_arithmetic() {
        let config = Config {
            test_fraction: 0.01,
            ..ARTICLE_CHURN
        };
        assert_eq!(
            prepared(&six_rows("2.8"), &config).unwrap_err().to_string(),
            "t.csv: the test split would be empty: a test fraction of 0.01 of the 6 rows rounds \
             to 0; a larger fraction, or more rows"
        );
    }

    #[test]
    fn a_test_value_far_beyond_the_training_rows_is_refused_at_its_line() {
        // Line 6 is the test row of seed 42; every training value of `practice` is below 10.
        assert!(prepared(&six_rows("2.8"), &ARTICLE_CHURN).is_ok());
        assert!(prepared(&six_rows("2800"), &ARTICLE_CHURN).is_ok());
        let e = prepared(&six_rows("2.8e12"), &ARTICLE_CHURN).unwrap_err();
        assert!(
            e.to_string().starts_with(
                "t.csv, line 6, column `practice`: 2800000000000 lies 8.1e11 standard deviations"
            ),
            "{e}"
        );
    }

    #[test]
    fn the_scalers_errors_name_the_file_and_the_column() {
        // Values the reader refuses, put in by hand: the scaler's errors still say where.
        let mut data = six_rows("2.8");
        data.x.column_mut(1).fill(1e308);
        data.x[[1, 1]] = -1e308;
        let e = prepared(&data, &ARTICLE_CHURN).unwrap_err().to_string();
        assert_eq!(
            e,
            "t.csv: the values of `practice` are too large to scale: their mean or spread \
             overflows"
        );
        let mut data = six_rows("2.8");
        data.x.column_mut(0).fill(f64::NAN);
        let e = prepared(&data, &ARTICLE_CHURN).unwrap_err().to_string();
        assert!(e.starts_with("t.csv, line "), "{e}");
        assert!(
            e.ends_with(", column `hours`: NaN is not a finite number"),
            "{e}"
        );
    }
}
