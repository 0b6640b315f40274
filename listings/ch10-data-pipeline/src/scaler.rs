//! The standard scaler: every column shifted to mean 0 and scaled to standard deviation 1.

use ndarray::{Array1, Array2, ArrayView2};

use crate::error::DataError;

// ANCHOR: scaler
/// The mean and the population standard deviation (dividing by `n`, as scikit-learn's
/// `StandardScaler` does) of every column of the rows it was fitted on.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardScaler {
    pub mean: Array1<f64>,
    pub std: Array1<f64>,
}

impl StandardScaler {
    /// Learns each column's mean and standard deviation from `x`, which should be the
    /// training rows only. Errors on a matrix with no rows, a value that is not finite, or
    /// values so large that their mean or spread overflows.
    pub fn fit(x: ArrayView2<f64>) -> Result<StandardScaler, DataError> {
        if x.nrows() == 0 {
            return Err(DataError::NoRows);
        }
        if let Some(((row, column), &value)) = x.indexed_iter().find(|(_, v)| !v.is_finite()) {
            return Err(DataError::NonFiniteValue { row, column, value });
        }
        let n = x.nrows() as f64;
        let mean: Array1<f64> = x
            .columns()
            .into_iter()
            .map(|c| c.iter().sum::<f64>() / n)
            .collect();
        let std = x
            .columns()
            .into_iter()
            .zip(&mean)
            .map(|(c, &m)| {
                let constant = c.iter().all(|&v| v == c[0]);
                if constant {
                    0.0
                } else {
                    (c.iter().map(|&v| (v - m) * (v - m)).sum::<f64>() / n).sqrt()
                }
            })
            .collect::<Array1<f64>>();
        // Finite values can still sum past f64::MAX; such a column would scale to NaN or to 0.
        if let Some(column) = (0..x.ncols()).find(|&j| !(mean[j] + std[j]).is_finite()) {
            return Err(DataError::Overflow { column });
        }
        Ok(StandardScaler { mean, std })
    }

    /// `(x - mean) / std`, column by column, with the statistics learned by `fit`. A column
    /// that was constant in the training rows is only centred (divided by 1, not by 0).
    ///
    /// # Panics
    /// If `x` has a different number of columns than the matrix the scaler was fitted on.
    pub fn transform(&self, x: ArrayView2<f64>) -> Array2<f64> {
        assert_eq!(
            x.ncols(),
            self.mean.len(),
            "the scaler was fitted on {} columns, but this matrix has {}",
            self.mean.len(),
            x.ncols()
        );
        let mut scaled = x.to_owned();
        for mut row in scaled.rows_mut() {
            for ((v, &m), &s) in row.iter_mut().zip(&self.mean).zip(&self.std) {
                *v = (*v - m) / if s == 0.0 { 1.0 } else { s };
            }
        }
        scaled
    }
}
// ANCHOR_END: scaler

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn fitted_columns_come_out_with_mean_zero_and_std_one() {
        let x = array![[1.0, 10.0], [2.0, 30.0], [3.0, 20.0], [6.0, 40.0]];
        let scaler = StandardScaler::fit(x.view()).unwrap();
        assert_eq!(scaler.mean, array![3.0, 25.0]);
        approx::assert_relative_eq!(scaler.std[0], 3.5f64.sqrt(), max_relative = 1e-15);
        approx::assert_relative_eq!(scaler.std[1], 125.0f64.sqrt(), max_relative = 1e-15);
        let z = scaler.transform(x.view());
        let again = StandardScaler::fit(z.view()).unwrap();
        for j in 0..2 {
            approx::assert_abs_diff_eq!(again.mean[j], 0.0, epsilon = 1e-15);
            approx::assert_relative_eq!(again.std[j], 1.0, max_relative = 1e-14);
        }
    }

    #[test]
    fn a_constant_column_is_centred_but_not_divided_by_zero() {
        let x = array![[0.1, 1.0], [0.1, 2.0], [0.1, 3.0]];
        let scaler = StandardScaler::fit(x.view()).unwrap();
        assert_eq!(scaler.std[0], 0.0);
        let z = scaler.transform(array![[0.1, 2.0], [0.6, 2.0]].view());
        assert!(z.iter().all(|v| v.is_finite()));
        approx::assert_abs_diff_eq!(z[[1, 0]], 0.5, epsilon = 1e-12);
    }

    #[test]
    fn the_test_rows_use_the_training_statistics() {
        let train = array![[0.0], [2.0]];
        let scaler = StandardScaler::fit(train.view()).unwrap();
        assert_eq!(scaler.transform(array![[5.0]].view()), array![[4.0]]);
    }

    #[test]
    fn no_rows_and_nan_are_errors() {
        assert!(matches!(
            StandardScaler::fit(Array2::<f64>::zeros((0, 3)).view()),
            Err(DataError::NoRows)
        ));
        let err = StandardScaler::fit(array![[1.0, 2.0], [3.0, f64::NAN]].view()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "row 1, column 1: NaN is not a finite number"
        );
    }

    #[test]
    #[should_panic(expected = "fitted on 2 columns, but this matrix has 3")]
    fn transforming_the_wrong_width_is_a_bug() {
        let scaler = StandardScaler::fit(array![[1.0, 2.0]].view()).unwrap();
        let _ = scaler.transform(Array2::<f64>::zeros((1, 3)).view());
    }

    #[test]
    fn values_whose_mean_or_spread_overflows_are_an_error() {
        let x = ndarray::array![[1.0, 1e308], [2.0, 1e308]];
        let err = StandardScaler::fit(x.view()).unwrap_err();
        assert!(matches!(err, DataError::Overflow { column: 1 }), "{err}");
        let x = ndarray::array![[1e200], [-1e200]];
        let err = StandardScaler::fit(x.view()).unwrap_err();
        assert!(matches!(err, DataError::Overflow { column: 0 }), "{err}");
    }
}
