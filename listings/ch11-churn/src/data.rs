//! From the churn CSV to standardized training and test matrices, with the pieces of
//! Chapter 10.

use std::path::Path;

use ch10_data_pipeline::{
    DataError, Split, StandardScaler, one_hot_drop_first, read_csv, select_rows, train_test_split,
};
use ndarray::{Array1, Array2, s};
use rand_chacha::ChaCha8Rng;

use crate::synth::{CONTRACT_LEVELS, Customer, HEADER};

/// The share of customers held out for testing.
pub const TEST_FRACTION: f64 = 0.2;

/// The columns of the feature matrix, in order.
pub const FEATURES: [&str; 6] = [
    "Tenure",
    "MonthlyCharges",
    "SupportCalls",
    "Age",
    "ContractType_One year",
    "ContractType_Two year",
];

/// Reads the churn CSV. Every error names the file, and where it can the line and the column:
/// a missing column, a value that does not parse, an unknown contract type, a label that is
/// not 0 or 1, NaN or an infinity, a file with no rows.
pub fn load(path: &Path) -> Result<Vec<Customer>, DataError> {
    read_csv(path).map_err(name_the_column)
}

/// Errors raised by the checks of [`Customer`]'s own fields reach the reader of Chapter 10
/// without a column (it shows `?`); their messages start with the column's name, so move it
/// where it belongs.
fn name_the_column(e: DataError) -> DataError {
    match e {
        DataError::Parse {
            path,
            line,
            column,
            message,
        } if column == "?" => {
            let named = HEADER.iter().find_map(|&h| {
                let rest = message.strip_prefix(h)?.strip_prefix(": ")?;
                Some((h.to_string(), rest.to_string()))
            });
            match named {
                Some((column, message)) => DataError::Parse {
                    path,
                    line,
                    column,
                    message,
                },
                None => DataError::Parse {
                    path,
                    line,
                    column,
                    message,
                },
            }
        }
        other => other,
    }
}

// ANCHOR: features
/// The feature matrix (one row per customer, columns as in [`FEATURES`]) and the targets.
/// `ContractType` is one-hot encoded with its first level, month-to-month, dropped.
pub fn features(customers: &[Customer]) -> Result<(Array2<f64>, Array1<f64>), DataError> {
    let contracts: Vec<&str> = customers.iter().map(|c| c.contract_type.as_str()).collect();
    let one_hot = one_hot_drop_first(&contracts, &CONTRACT_LEVELS)?;
    let mut x = Array2::zeros((customers.len(), FEATURES.len()));
    for (mut row, c) in x.rows_mut().into_iter().zip(customers) {
        row[0] = c.tenure;
        row[1] = c.monthly_charges;
        row[2] = c.support_calls;
        row[3] = c.age;
    }
    x.slice_mut(s![.., 4..]).assign(&one_hot);
    let y = customers.iter().map(|c| c.churn).collect();
    Ok((x, y))
}
// ANCHOR_END: features

/// The two splits, standardized with a scaler fitted on the training rows alone.
pub struct Prepared {
    pub split: Split,
    pub scaler: StandardScaler,
    pub x_train: Array2<f64>,
    pub y_train: Array1<f64>,
    pub x_test: Array2<f64>,
    pub y_test: Array1<f64>,
}

// ANCHOR: prepare
/// Why the customers cannot become a training and a test split.
#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    #[error(transparent)]
    Data(#[from] DataError),
    #[error(
        "{rows} customers are too few to train and test on: the {which} split would be empty \
         (the test split is {percent}% of the rows, rounded)",
        percent = TEST_FRACTION * 100.0
    )]
    TooFewRows { rows: usize, which: &'static str },
}

/// Splits 80/20 with `rng`, then fits the scaler on the training split and applies it to both.
/// (The article fits its scaler on all rows before splitting, which lets the test rows leak
/// into the training data's mean and spread.) Fails if either split would be empty.
pub fn prepare(customers: &[Customer], rng: &mut ChaCha8Rng) -> Result<Prepared, PrepareError> {
    let (x, y) = features(customers)?;
    let split = train_test_split(customers.len(), TEST_FRACTION, rng);
    let too_few = |which| PrepareError::TooFewRows {
        rows: customers.len(),
        which,
    };
    if split.train.is_empty() {
        return Err(too_few("training"));
    }
    if split.test.is_empty() {
        return Err(too_few("test"));
    }
    let x_train = select_rows(x.view(), &split.train);
    let scaler = StandardScaler::fit(x_train.view())?;
    let x_train = scaler.transform(x_train.view());
    let x_test = scaler.transform(select_rows(x.view(), &split.test).view());
    let y_train = split.train.iter().map(|&i| y[i]).collect();
    let y_test = split.test.iter().map(|&i| y[i]).collect();
    Ok(Prepared {
        split,
        scaler,
        x_train,
        y_train,
        x_test,
        y_test,
    })
}
// ANCHOR_END: prepare

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{Contract, generate};
    use rand::SeedableRng;

    #[test]
    fn features_put_each_value_in_its_column() {
        let mut c = generate(2, 1);
        c[0].contract_type = Contract::TwoYear;
        c[1].contract_type = Contract::MonthToMonth;
        let (x, y) = features(&c).unwrap();
        assert_eq!(x.dim(), (2, FEATURES.len()));
        assert_eq!(x[[0, 0]], c[0].tenure);
        assert_eq!(x[[1, 3]], c[1].age);
        assert_eq!(x.row(0).slice(s![4..]).to_vec(), [0.0, 1.0]);
        assert_eq!(x.row(1).slice(s![4..]).to_vec(), [0.0, 0.0]);
        assert_eq!(y.to_vec(), [c[0].churn, c[1].churn]);
    }

    #[test]
    fn the_training_split_is_standardized_and_the_test_split_is_not_refitted() {
        let customers = generate(500, 3);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let p = prepare(&customers, &mut rng).unwrap();
        assert_eq!((p.x_train.nrows(), p.x_test.nrows()), (400, 100));
        for column in p.x_train.columns() {
            approx::assert_abs_diff_eq!(column.mean().unwrap(), 0.0, epsilon = 1e-12);
            approx::assert_abs_diff_eq!(column.std(0.0), 1.0, epsilon = 1e-12);
        }
        // The test split went through the training split's scaler, so its mean is not exactly 0.
        assert!(
            p.x_test
                .columns()
                .into_iter()
                .any(|c| c.mean().unwrap().abs() > 1e-6)
        );
    }

    #[test]
    fn too_few_customers_for_a_test_split_is_an_error_that_names_the_count() {
        for rows in [1, 2] {
            let customers = generate(rows, 3);
            let mut rng = ChaCha8Rng::seed_from_u64(1);
            let e = prepare(&customers, &mut rng).err().unwrap();
            assert!(
                matches!(e, PrepareError::TooFewRows { rows: r, which: "test" } if r == rows),
                "{e}"
            );
            assert_eq!(
                e.to_string(),
                format!(
                    "{rows} customers are too few to train and test on: the test split would be \
                     empty (the test split is 20% of the rows, rounded)"
                )
            );
        }
        // Three rows are the fewest that split: 1 for testing, 2 for training.
        let p = prepare(&generate(3, 3), &mut ChaCha8Rng::seed_from_u64(1)).unwrap();
        assert_eq!((p.x_train.nrows(), p.x_test.nrows()), (2, 1));
    }

    #[test]
    fn no_customers_is_an_error_too() {
        let e = prepare(&[], &mut ChaCha8Rng::seed_from_u64(1))
            .err()
            .unwrap();
        assert!(matches!(e, PrepareError::TooFewRows { rows: 0, .. }), "{e}");
    }
}
