//! The chapter's example: a dozen customers of a telephone company, some of whom left.

use std::path::Path;

use ndarray::{Array1, Array2, Axis, concatenate};
use serde::Deserialize;

use crate::error::DataError;
use crate::one_hot::one_hot_drop_first;
use crate::read::read_csv;

// ANCHOR: customer
/// The chapter's file, found from the crate's folder so that the programs run from anywhere.
pub const CUSTOMERS_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/customers.csv");

/// One row of `data/customers.csv`. The field names follow the header through serde.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Customer {
    #[serde(rename = "CustomerID")]
    pub customer_id: String,
    pub tenure: f64,
    pub monthly_charges: f64,
    pub contract_type: String,
    pub churn: u8,
}
// ANCHOR_END: customer

/// The contract types, the first one being the reference level that one-hot encoding drops.
pub const CONTRACT_LEVELS: [&str; 3] = ["Month-to-month", "One year", "Two year"];

/// The columns of the feature matrix built by [`features`].
pub const FEATURES: [&str; 4] = ["Tenure", "MonthlyCharges", "One year", "Two year"];

/// Reads the customers file.
pub fn load(path: &Path) -> Result<Vec<Customer>, DataError> {
    read_csv(path)
}

// ANCHOR: features
/// The feature matrix (tenure, monthly charges, and the contract type one-hot encoded without
/// its first level) and the churn labels.
pub fn features(customers: &[Customer]) -> Result<(Array2<f64>, Array1<f64>), DataError> {
    let numeric = Array2::from_shape_fn((customers.len(), 2), |(i, j)| match j {
        0 => customers[i].tenure,
        _ => customers[i].monthly_charges,
    });
    let contracts: Vec<&str> = customers.iter().map(|c| c.contract_type.as_str()).collect();
    let contract = one_hot_drop_first(&contracts, &CONTRACT_LEVELS)?;
    let x = concatenate(Axis(1), &[numeric.view(), contract.view()])
        .expect("both have one row per customer");
    let y = customers.iter().map(|c| f64::from(c.churn)).collect();
    Ok((x, y))
}
// ANCHOR_END: features

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_reads_into_twelve_customers() {
        let customers = load(Path::new("data/customers.csv")).unwrap();
        assert_eq!(customers.len(), 12);
        assert_eq!(customers[1].contract_type, "One year");
        let (x, y) = features(&customers).unwrap();
        assert_eq!(x.dim(), (12, 4));
        assert_eq!(x.row(1).to_vec(), vec![34.0, 56.95, 1.0, 0.0]);
        assert_eq!(x.row(0).to_vec(), vec![2.0, 79.9, 0.0, 0.0]);
        assert_eq!(y.sum(), 5.0);
    }

    #[test]
    fn the_broken_files_give_errors_that_point_at_the_problem() {
        let err = |name: &str| {
            load(Path::new(&format!("data/{name}.csv")))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("bad_number"),
            "data/bad_number.csv, line 3: the row has 6 fields, but the header names 5: a comma too \
             many somewhere in the row"
        );
        assert_eq!(
            err("bad_value"),
            "data/bad_value.csv, line 4, column `Tenure`: cannot read \"forty-five\": invalid float literal"
        );
        assert_eq!(
            err("missing_column"),
            "data/missing_column.csv: the header has no column `MonthlyCharges`"
        );
        assert_eq!(
            err("nan"),
            "data/nan.csv, line 3, column `MonthlyCharges`: \"NaN\" is not a finite number"
        );
    }

    #[test]
    fn an_unknown_contract_type_is_named() {
        let mut customers = load(Path::new("data/customers.csv")).unwrap();
        customers[3].contract_type = "Three year".into();
        let err = features(&customers).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("row 3: \"Three year\" is not one of the levels"),
            "{err}"
        );
    }
}
