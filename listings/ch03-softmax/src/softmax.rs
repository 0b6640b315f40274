//! The softmax of a batch, row by row, and the log-sum-exp it is built on.

use ndarray::{Array2, ArrayView1, ArrayView2, Axis};

// ANCHOR: error
/// What can be wrong with the logits handed to the softmax.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum SoftmaxError {
    /// A row with no classes has no distribution over them.
    #[error("row {row} is empty: the softmax needs at least one logit")]
    EmptyRow { row: usize },
    /// NaN or `+inf` among the logits: no probability follows from it. (`-inf` is allowed: it
    /// masks its class.)
    #[error(
        "logit at row {row}, column {column} is {value}: a logit must be a finite number, or -inf \
         to mask its class"
    )]
    NonFinite {
        row: usize,
        column: usize,
        value: f64,
    },
    /// Every logit of the row is `-inf`: no class is left to take the probability.
    #[error("every class of row {row} is masked (all its logits are -inf)")]
    AllMasked { row: usize },
    /// A log-probability below `-f64::MAX`: two logits of the row are further apart than `f64`
    /// can hold.
    #[error(
        "the log-probability at row {row}, column {column} overflows: the row's logits are more \
         than f64::MAX apart"
    )]
    Overflow { row: usize, column: usize },
    /// A softmax temperature that is not a finite, positive number.
    #[error("temperature {t} is not a finite number above 0")]
    BadTemperature { t: f64 },
    /// A temperature so close to 0 that a logit divided by it overflows.
    #[error(
        "temperature {t:?} is too small: the logit {logit} at row {row}, column {column} divided by \
         it overflows f64"
    )]
    TemperatureOverflow {
        t: f64,
        row: usize,
        column: usize,
        logit: f64,
    },
}
// ANCHOR_END: error

/// Checks one row: not empty, no NaN or `+inf`, and not every class masked. `row` is only used
/// to name it in the error.
fn check_row(row: usize, logits: ArrayView1<f64>) -> Result<(), SoftmaxError> {
    if logits.is_empty() {
        return Err(SoftmaxError::EmptyRow { row });
    }
    if let Some(column) = logits
        .iter()
        .position(|z| z.is_nan() || *z == f64::INFINITY)
    {
        return Err(SoftmaxError::NonFinite {
            row,
            column,
            value: logits[column],
        });
    }
    if logits.iter().all(|&z| z == f64::NEG_INFINITY) {
        return Err(SoftmaxError::AllMasked { row });
    }
    Ok(())
}

// ANCHOR: shift
/// The largest logit `m` of a row, and `rest = Σ_{j≠k} e^(z_j - m)`, the sum over every other
/// logit (`k` being the column of `m`; of tied maxima, only the first is left out).
///
/// The largest logit's own term is `e^0 = 1`, so the row's sum of exponentials is
/// `e^m (1 + rest)`. Keeping the 1 apart lets `ln(1 + rest)` be computed as `ln_1p(rest)`, which
/// keeps the digits of a small `rest` that `1 + rest` would round away.
fn shift(row: ArrayView1<f64>) -> (f64, f64) {
    let mut k = 0;
    for (j, &z) in row.iter().enumerate() {
        if z > row[k] {
            k = j;
        }
    }
    let m = row[k];
    let rest = sum_carefully(
        row.iter()
            .enumerate()
            .filter(|&(j, _)| j != k)
            .map(|(_, &z)| exp_shifted(z, m)),
    );
    (m, rest)
}

/// `e^(z - m)` for a logit `z` at most `m`.
///
/// `z - m` is rounded to the nearest `f64`, and `e^x` turns an error δ in `x` into a relative
/// error δ in its result: for `z - m` near -30 that is up to 8 ulps. [`difference`] returns
/// what the rounding lost as well, and `e^(d + lost)` is `e^d (1 + lost)` to the last bit.
fn exp_shifted(z: f64, m: f64) -> f64 {
    let (d, lost) = difference(z, m);
    let e = libm::exp(d);
    e + e * lost
}

/// `z - m` as the rounded difference `d` and what the rounding lost: `d + lost` is exactly
/// `z - m` (Knuth's two-sum; every operation after the first is exact). A masked logit, or a
/// gap wider than `f64` can hold, gives `d = -inf`, with nothing lost.
fn difference(z: f64, m: f64) -> (f64, f64) {
    let d = z - m;
    if d == f64::NEG_INFINITY {
        return (d, 0.0);
    }
    let from_z = d + m;
    let from_m = d - from_z;
    let lost = (z - from_z) + (-m - from_m);
    (d, lost)
}

/// The sum of `values`, with what each addition rounds away kept and added back at the end
/// (Neumaier's version of Kahan's summation, the same idea as [`difference`]): as accurate as
/// if the additions were exact and only the result rounded, for any number of terms the book
/// adds. A plain sum loses up to half an ulp of the running total at every step, which over a
/// thousand classes, or a batch, adds up.
pub fn sum_carefully(values: impl IntoIterator<Item = f64>) -> f64 {
    let (mut sum, mut lost) = (0.0, 0.0);
    for v in values {
        let next = sum + v;
        lost += if sum.abs() >= v.abs() {
            (sum - next) + v
        } else {
            (v - next) + sum
        };
        sum = next;
    }
    // Once the sum is infinite (a term of inf, say), what was lost means nothing.
    if sum.is_finite() { sum + lost } else { sum }
}
// ANCHOR_END: shift

// ANCHOR: logsumexp
/// `ln Σ_j e^(z_j)`, computed as `m + ln_1p(rest)` with `m = max_j z_j` (see [`shift`]).
///
/// Every exponent is at most 0, so nothing overflows, and the largest term is exactly 1, so
/// the sum is at least 1 and its logarithm cannot be `-inf`. A `-inf` logit adds nothing. An
/// error for an empty row, a NaN or `+inf` logit, or a row of `-inf` (reported as row 0).
/// Where `m` and `ln_1p(rest)` nearly cancel (logits that are themselves log-probabilities,
/// whose log-sum-exp is close to 0) the result is accurate to an ulp of `m`, not of itself.
pub fn logsumexp(row: ArrayView1<f64>) -> Result<f64, SoftmaxError> {
    check_row(0, row)?;
    let (m, rest) = shift(row);
    Ok(m + libm::log1p(rest))
}
// ANCHOR_END: logsumexp

// ANCHOR: softmax_rows
/// The softmax of every row: `p_j = e^(z_j - m) / Σ_k e^(z_k - m)` with `m` the row's maximum.
///
/// Subtracting `m` changes nothing in exact arithmetic (it cancels between numerator and
/// denominator) but keeps every exponent at or below 0. Each output row sums to 1. A logit of
/// `-inf` masks its class: its probability is 0 and the others share all of it.
/// An error names the first empty row, NaN or `+inf` logit, or row with every class masked.
pub fn softmax_rows(logits: ArrayView2<f64>) -> Result<Array2<f64>, SoftmaxError> {
    let mut probs = logits.to_owned();
    for (i, mut row) in probs.axis_iter_mut(Axis(0)).enumerate() {
        check_row(i, row.view())?;
        let m = row.fold(f64::NEG_INFINITY, |m, &z| m.max(z));
        row.mapv_inplace(|z| exp_shifted(z, m));
        let sum = sum_carefully(row.iter().copied());
        row /= sum;
    }
    Ok(probs)
}
// ANCHOR_END: softmax_rows

// ANCHOR: log_softmax_rows
/// The logarithm of the softmax of every row: `z_j - logsumexp(z)`, computed as
/// `(z_j - m) - ln_1p(rest)`.
///
/// Never takes the logarithm of a probability, so a class whose probability underflows to 0
/// still gets its true, finite log-probability; a masked class gets `-inf`. Subtracting `m`
/// first keeps the digits of small results (the chapter's section "Exact to the last bit").
pub fn log_softmax_rows(logits: ArrayView2<f64>) -> Result<Array2<f64>, SoftmaxError> {
    let mut out = logits.to_owned();
    for (i, mut row) in out.axis_iter_mut(Axis(0)).enumerate() {
        check_row(i, row.view())?;
        let (m, rest) = shift(row.view());
        let log_sum = libm::log1p(rest);
        for (j, z) in row.iter_mut().enumerate() {
            let (d, lost) = difference(*z, m);
            if d == f64::NEG_INFINITY && z.is_finite() {
                return Err(SoftmaxError::Overflow { row: i, column: j });
            }
            *z = d + (lost - log_sum);
        }
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
            "logit at row 1, column 1 is inf: a logit must be a finite number, or -inf to mask \
             its class"
        );
        let all_masked = array![[0.0, 1.0], [f64::NEG_INFINITY, f64::NEG_INFINITY]];
        assert_eq!(
            softmax_rows(all_masked.view()),
            Err(SoftmaxError::AllMasked { row: 1 })
        );
        let too_far = array![[f64::MAX, -f64::MAX]];
        assert_eq!(
            log_softmax_rows(too_far.view()),
            Err(SoftmaxError::Overflow { row: 0, column: 1 })
        );
        // The softmax itself has no trouble: e^(-3.6e308) is 0.
        assert_eq!(softmax_rows(too_far.view()).unwrap(), array![[1.0, 0.0]]);
    }

    #[test]
    fn minus_infinity_masks_a_class() {
        let z = array![[2.0, f64::NEG_INFINITY, 1.0]];
        let p = softmax_rows(z.view()).unwrap();
        let without = softmax_rows(array![[2.0, 1.0]].view()).unwrap();
        assert_eq!(
            p.row(0).to_vec(),
            vec![without[[0, 0]], 0.0, without[[0, 1]]]
        );
        let lp = log_softmax_rows(z.view()).unwrap();
        assert_eq!(lp[[0, 1]], f64::NEG_INFINITY);
        assert_eq!(
            logsumexp(z.row(0)).unwrap(),
            logsumexp(array![2.0, 1.0].view()).unwrap()
        );
    }

    #[test]
    fn ties_and_large_logits_are_exact() {
        // -ln 3 is -1.0986122886681098 correctly rounded (mpmath); libm's ln 3 is the double
        // next to it, one ulp (2.2e-16) away. z - logsumexp(z) was 245 ulps away.
        let lp = log_softmax_rows(array![[1000.0, 1000.0, 1000.0]].view()).unwrap();
        assert!(
            lp.iter()
                .all(|&v| (v + 1.098_612_288_668_109_8).abs() < 2.3e-16)
        );
        let lp = log_softmax_rows(array![[1e300, 1e300]].view()).unwrap();
        assert!(lp.iter().all(|&v| v == -std::f64::consts::LN_2));
        // 0.2 - 30.1 is rounded, and e^x would turn that into 6 ulps of error; the repaired
        // result is the correctly rounded one (tools/reference-checks/exact/reference.tsv).
        let p = softmax_rows(array![[30.1, 0.2]].view()).unwrap();
        assert_eq!(p[[0, 1]], 1.034_177_276_747_777_9e-13);
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
