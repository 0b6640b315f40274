//! The softmax of a batch, row by row, and the log-sum-exp it is built on.

use ndarray::{Array2, ArrayView1, ArrayView2, Axis};

// ANCHOR: error
/// What can be wrong with the logits handed to the softmax.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum SoftmaxError {
    /// A row with no classes has no distribution over them.
    #[error("row {row} is empty: the softmax needs at least one logit")]
    EmptyRow { row: usize },
    /// NaN or an infinity among the logits; the result would be NaN or meaningless.
    #[error("logit at row {row}, column {column} is {value}, not a finite number")]
    NonFinite {
        row: usize,
        column: usize,
        value: f64,
    },
    /// A softmax temperature that is not a finite, positive number.
    #[error("temperature {t} is not a finite number above 0")]
    BadTemperature { t: f64 },
}
// ANCHOR_END: error

/// Checks one row: not empty, every logit finite. `row` is only used to name it in the error.
fn check_row(row: usize, logits: ArrayView1<f64>) -> Result<(), SoftmaxError> {
    if logits.is_empty() {
        return Err(SoftmaxError::EmptyRow { row });
    }
    match logits.iter().position(|z| !z.is_finite()) {
        Some(column) => Err(SoftmaxError::NonFinite {
            row,
            column,
            value: logits[column],
        }),
        None => Ok(()),
    }
}

// ANCHOR: logsumexp
/// `ln Σ_j e^(z_j)`, computed as `m + ln Σ_j e^(z_j - m)` with `m = max_j z_j`.
///
/// Every exponent is at most 0, so nothing overflows, and the largest term is exactly 1, so
/// the sum is at least 1 and its logarithm cannot be `-inf`. An error for an empty row or a
/// non-finite logit (reported as row 0).
pub fn logsumexp(row: ArrayView1<f64>) -> Result<f64, SoftmaxError> {
    check_row(0, row)?;
    Ok(logsumexp_unchecked(row))
}

fn logsumexp_unchecked(row: ArrayView1<f64>) -> f64 {
    let m = row.fold(f64::NEG_INFINITY, |m, &z| m.max(z));
    m + libm::log(row.iter().map(|&z| libm::exp(z - m)).sum::<f64>())
}
// ANCHOR_END: logsumexp

// ANCHOR: softmax_rows
/// The softmax of every row: `p_j = e^(z_j - m) / Σ_k e^(z_k - m)` with `m` the row's maximum.
///
/// Subtracting `m` changes nothing in exact arithmetic (it cancels between numerator and
/// denominator) but keeps every exponent at or below 0. Each output row sums to 1.
/// An error names the first empty row or non-finite logit.
pub fn softmax_rows(logits: ArrayView2<f64>) -> Result<Array2<f64>, SoftmaxError> {
    let mut probs = logits.to_owned();
    for (i, mut row) in probs.axis_iter_mut(Axis(0)).enumerate() {
        check_row(i, row.view())?;
        let m = row.fold(f64::NEG_INFINITY, |m, &z| m.max(z));
        row.mapv_inplace(|z| libm::exp(z - m));
        let sum = row.sum();
        row /= sum;
    }
    Ok(probs)
}
// ANCHOR_END: softmax_rows

// ANCHOR: log_softmax_rows
/// The logarithm of the softmax of every row: `z_j - logsumexp(z)`.
///
/// Never takes the logarithm of a probability, so a class whose probability underflows to 0
/// still gets its true, finite log-probability.
pub fn log_softmax_rows(logits: ArrayView2<f64>) -> Result<Array2<f64>, SoftmaxError> {
    let mut out = logits.to_owned();
    for (i, mut row) in out.axis_iter_mut(Axis(0)).enumerate() {
        check_row(i, row.view())?;
        let lse = logsumexp_unchecked(row.view());
        row -= lse;
    }
    Ok(out)
}
// ANCHOR_END: log_softmax_rows

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ndarray::{Array2, array};
    use proptest::prelude::*;

    #[test]
    fn blue_green_red() {
        // Reference (mpmath, mp.dps = 40): softmax([2, 1, -1]) =
        // 0.70538451269824115833, 0.25949646034241911748, 0.035119026959339724188.
        let p = softmax_rows(array![[2.0, 1.0, -1.0]].view()).unwrap();
        let expected = [
            0.705_384_512_698_241_2,
            0.259_496_460_342_419_1,
            0.035_119_026_959_339_7,
        ];
        for (got, want) in p.iter().zip(expected) {
            assert_relative_eq!(*got, want, max_relative = 1e-13);
        }
    }

    #[test]
    fn large_logits_stay_finite() {
        let z = array![[1000.0, 999.0], [-1000.0, -1001.0]];
        let p = softmax_rows(z.view()).unwrap();
        // σ(1) = 0.731058578630004879 (mpmath): the difference of the logits is all that counts.
        for row in p.rows() {
            assert_relative_eq!(row[0], 0.731_058_578_630_004_9, max_relative = 1e-15);
        }
        let lse = logsumexp(z.row(0)).unwrap();
        // 1000 + ln(1 + e^-1) = 1000.31326168751822 (mpmath).
        assert_relative_eq!(lse, 1_000.313_261_687_518_2, max_relative = 1e-15);
    }

    #[test]
    fn log_softmax_is_finite_where_the_probability_underflows() {
        let z = array![[0.0, -1000.0]];
        let p = softmax_rows(z.view()).unwrap();
        assert_eq!(p[[0, 1]], 0.0);
        let lp = log_softmax_rows(z.view()).unwrap();
        assert_eq!(lp[[0, 0]], 0.0);
        assert_eq!(lp[[0, 1]], -1000.0);
    }

    #[test]
    fn errors_name_the_row_and_column() {
        let empty = Array2::<f64>::zeros((2, 0));
        assert_eq!(
            softmax_rows(empty.view()),
            Err(SoftmaxError::EmptyRow { row: 0 })
        );
        assert_eq!(
            log_softmax_rows(empty.view()),
            Err(SoftmaxError::EmptyRow { row: 0 })
        );
        let bad = array![[1.0, 2.0], [3.0, f64::INFINITY]];
        let err = SoftmaxError::NonFinite {
            row: 1,
            column: 1,
            value: f64::INFINITY,
        };
        assert_eq!(softmax_rows(bad.view()), Err(err.clone()));
        assert_eq!(log_softmax_rows(bad.view()), Err(err));
        assert_eq!(
            logsumexp(ndarray::Array1::<f64>::zeros(0).view()),
            Err(SoftmaxError::EmptyRow { row: 0 })
        );
        let nan = logsumexp(array![1.0, f64::NAN].view()).unwrap_err();
        assert!(matches!(
            nan,
            SoftmaxError::NonFinite {
                row: 0,
                column: 1,
                ..
            }
        ));
        assert_eq!(
            SoftmaxError::NonFinite {
                row: 1,
                column: 1,
                value: f64::INFINITY
            }
            .to_string(),
            "logit at row 1, column 1 is inf, not a finite number"
        );
    }

    #[test]
    fn a_batch_with_no_rows_is_an_empty_batch() {
        let none = Array2::<f64>::zeros((0, 3));
        assert_eq!(softmax_rows(none.view()).unwrap().dim(), (0, 3));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn rows_sum_to_one_and_shift_invariant(
            z in proptest::collection::vec(-500.0..500.0_f64, 1..6),
            c in -300.0..300.0_f64,
        ) {
            let n = z.len();
            let a = Array2::from_shape_vec((1, n), z).unwrap();
            let p = softmax_rows(a.view()).unwrap();
            prop_assert!((p.sum() - 1.0).abs() <= 1e-12);
            let shifted = softmax_rows((&a + c).view()).unwrap();
            for (x, y) in p.iter().zip(shifted.iter()) {
                prop_assert!((x - y).abs() <= 1e-9);
            }
            let lp = log_softmax_rows(a.view()).unwrap();
            for (l, q) in lp.iter().zip(p.iter()) {
                prop_assert!(l.is_finite());
                if *q > 1e-300 {
                    prop_assert!((l - libm::log(*q)).abs() <= 1e-9 * (1.0 + l.abs()));
                }
            }
        }
    }
}
