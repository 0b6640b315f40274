//! Categorical cross-entropy of a batch: from probabilities with one-hot (or soft) targets, and
//! from logits with class indices.

use ch03_softmax::sum_carefully;
use ch03_softmax::{log_softmax_rows, softmax_rows};
use ndarray::{Array1, Array2, ArrayView2, Axis};

use crate::LossError;
use ch05_binary_cross_entropy::bce::sum_of_losses;

/// Checks a batch of logits against class indices: not empty, at least one class, one target
/// per row, every target a column. (The logits themselves are checked by the softmax.)
pub(crate) fn check_logits(logits: ArrayView2<f64>, targets: &[usize]) -> Result<(), LossError> {
    let (rows, classes) = logits.dim();
    if rows == 0 {
        return Err(LossError::EmptyBatch);
    }
    if classes == 0 {
        return Err(LossError::NoClasses);
    }
    if targets.len() != rows {
        return Err(LossError::LengthMismatch {
            what: "targets",
            expected: rows,
            actual: targets.len(),
        });
    }
    if let Some((index, &class)) = targets.iter().enumerate().find(|(_, c)| **c >= classes) {
        return Err(LossError::ClassOutOfRange {
            index,
            class,
            classes,
        });
    }
    Ok(())
}

// ANCHOR: one_hot
/// One row per target, with a 1 in the target's column and 0 elsewhere.
pub fn one_hot(targets: &[usize], classes: usize) -> Result<Array2<f64>, LossError> {
    let mut out = Array2::zeros((targets.len(), classes));
    for (index, &class) in targets.iter().enumerate() {
        if class >= classes {
            return Err(LossError::ClassOutOfRange {
                index,
                class,
                classes,
            });
        }
        out[[index, class]] = 1.0;
    }
    Ok(out)
}
// ANCHOR_END: one_hot

// ANCHOR: from_probs
/// Categorical cross-entropy from probabilities: `-(1/N) Σ_i Σ_j y_ij ln p_ij`, in nats.
///
/// `targets` has one row per sample; a one-hot row picks one class, a row of probabilities
/// (a soft target) weighs several. Terms with `y_ij = 0` are skipped, so a class the model
/// gives probability 0 costs nothing unless it is a target. Each row of `probs` must hold
/// probabilities; this function does not check that rows sum to 1.
pub fn categorical_cross_entropy(
    probs: ArrayView2<f64>,
    targets: ArrayView2<f64>,
) -> Result<f64, LossError> {
    let (rows, classes) = probs.dim();
    if rows == 0 {
        return Err(LossError::EmptyBatch);
    }
    if classes == 0 {
        return Err(LossError::NoClasses);
    }
    if targets.dim() != probs.dim() {
        let what = if targets.nrows() != rows {
            "target rows"
        } else {
            "target columns"
        };
        let (expected, actual) = if targets.nrows() != rows {
            (rows, targets.nrows())
        } else {
            (classes, targets.ncols())
        };
        return Err(LossError::LengthMismatch {
            what,
            expected,
            actual,
        });
    }
    let flat = |(r, c): (usize, usize)| r * classes + c;
    if let Some((at, &value)) = probs
        .indexed_iter()
        .find(|(_, p)| !(0.0..=1.0).contains(*p))
    {
        return Err(LossError::ProbabilityOutOfRange {
            index: flat(at),
            value,
        });
    }
    if let Some((at, &value)) = targets
        .indexed_iter()
        .find(|(_, y)| !(0.0..=1.0).contains(*y))
    {
        return Err(LossError::TargetOutOfRange {
            index: flat(at),
            value,
        });
    }
    let total = sum_carefully(
        probs
            .iter()
            .zip(targets.iter())
            .filter(|(_, y)| **y > 0.0)
            .map(|(&p, &y)| -y * libm::log(p)),
    );
    Ok(total / rows as f64)
}
// ANCHOR_END: from_probs

// ANCHOR: with_logits
/// The loss of every row: `-ln softmax(z_i)[y_i] = logsumexp(z_i) - z_i[y_i]`.
///
/// Log-softmax followed by picking the target's entry: the negative log-likelihood of the
/// target. No probability is formed, so no logarithm of 0 can occur. A logit of `-inf` masks
/// its class; a masked target costs `inf`, which is the true value.
pub fn cross_entropy_terms_with_logits(
    logits: ArrayView2<f64>,
    targets: &[usize],
) -> Result<Array1<f64>, LossError> {
    check_logits(logits, targets)?;
    let log_probs = log_softmax_rows(logits)?;
    Ok(targets
        .iter()
        .enumerate()
        .map(|(i, &class)| -log_probs[[i, class]])
        .collect())
}

/// Categorical cross-entropy from logits and class indices: the mean of
/// [`cross_entropy_terms_with_logits`], in nats. PyTorch's `CrossEntropyLoss()` with its
/// defaults computes the same.
pub fn cross_entropy_with_logits(
    logits: ArrayView2<f64>,
    targets: &[usize],
) -> Result<f64, LossError> {
    let terms = cross_entropy_terms_with_logits(logits, targets)?;
    Ok(sum_of_losses(terms.view())? / terms.len() as f64)
}
// ANCHOR_END: with_logits

// ANCHOR: grad
/// The gradient of [`cross_entropy_with_logits`] with respect to every logit:
/// `(softmax(z_i) - onehot(y_i)) / N`.
///
/// The target's entry `p_y - 1` is computed as minus the probability of all the other classes,
/// the same number, because when the model is sure and right `p_y` rounds to 1 and `p_y - 1`
/// would round to 0.
pub fn cross_entropy_with_logits_grad(
    logits: ArrayView2<f64>,
    targets: &[usize],
) -> Result<Array2<f64>, LossError> {
    check_logits(logits, targets)?;
    let mut grad = softmax_rows(logits)?;
    for (mut row, &class) in grad.rows_mut().into_iter().zip(targets) {
        let others = sum_carefully(
            row.iter()
                .enumerate()
                .filter(|&(j, _)| j != class)
                .map(|(_, &p)| p),
        );
        row[class] = -others;
    }
    let n = logits.nrows() as f64;
    grad.map_inplace(|g| *g /= n);
    Ok(grad)
}
// ANCHOR_END: grad

/// The sum of each row, used by tests and programs to show that a gradient row sums to 0.
pub fn row_sums(a: ArrayView2<f64>) -> Array1<f64> {
    a.sum_axis(Axis(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ch03_softmax::SoftmaxError;
    use ndarray::array;
    use proptest::prelude::*;

    #[test]
    fn from_logits_agrees_with_from_probabilities() {
        let logits = array![[2.0, 1.0, -1.0], [0.5, -0.5, 3.0]];
        let targets = [0, 1];
        let probs = softmax_rows(logits.view()).unwrap();
        let onehot = one_hot(&targets, 3).unwrap();
        assert_relative_eq!(
            cross_entropy_with_logits(logits.view(), &targets).unwrap(),
            categorical_cross_entropy(probs.view(), onehot.view()).unwrap(),
            max_relative = 1e-14
        );
    }

    #[test]
    fn extreme_logits_stay_finite_and_right() {
        let logits = array![[1000.0, -1000.0, 0.0], [1000.0, -1000.0, 0.0]];
        let terms = cross_entropy_terms_with_logits(logits.view(), &[0, 1]).unwrap();
        assert_eq!(terms.to_vec(), vec![0.0, 2000.0]);
        let grad = cross_entropy_with_logits_grad(logits.view(), &[0, 1]).unwrap();
        assert_eq!(grad.row(1).to_vec(), vec![0.5, -0.5, 0.0]);
    }

    #[test]
    fn two_classes_are_binary_cross_entropy() {
        // softmax([0, z]) = [1 - σ(z), σ(z)], so class 1 plays the part of y = 1.
        let z = [-2.0, 0.3, 4.0];
        let y = [1.0, 0.0, 1.0];
        let logits = Array2::from_shape_fn((3, 2), |(i, j)| if j == 0 { 0.0 } else { z[i] });
        let classes: Vec<usize> = y.iter().map(|&t| t as usize).collect();
        assert_relative_eq!(
            cross_entropy_with_logits(logits.view(), &classes).unwrap(),
            ch05_binary_cross_entropy::bce_with_logits(
                array![-2.0, 0.3, 4.0].view(),
                array![1.0, 0.0, 1.0].view()
            )
            .unwrap(),
            max_relative = 1e-14
        );
    }

    #[test]
    fn errors_name_what_and_where() {
        let logits = array![[0.0, 1.0], [2.0, 3.0]];
        assert_eq!(
            cross_entropy_with_logits(logits.view(), &[0, 2]),
            Err(LossError::ClassOutOfRange {
                index: 1,
                class: 2,
                classes: 2
            })
        );
        assert_eq!(
            cross_entropy_with_logits(logits.view(), &[0]),
            Err(LossError::LengthMismatch {
                what: "targets",
                expected: 2,
                actual: 1
            })
        );
        let empty = Array2::<f64>::zeros((0, 3));
        assert_eq!(
            cross_entropy_with_logits_grad(empty.view(), &[]),
            Err(LossError::EmptyBatch)
        );
        let bad = array![[0.0, f64::INFINITY]];
        assert_eq!(
            cross_entropy_with_logits(bad.view(), &[0]),
            Err(LossError::Softmax(SoftmaxError::NonFinite {
                row: 0,
                column: 1,
                value: f64::INFINITY
            }))
        );
        let masked = array![[0.0, 1.0], [f64::NEG_INFINITY, f64::NEG_INFINITY]];
        assert_eq!(
            cross_entropy_with_logits_grad(masked.view(), &[0, 1]),
            Err(LossError::Softmax(SoftmaxError::AllMasked { row: 1 }))
        );
        let no_classes = Array2::<f64>::zeros((2, 0));
        assert_eq!(
            cross_entropy_with_logits(no_classes.view(), &[0, 0]),
            Err(LossError::NoClasses)
        );
        assert_eq!(
            categorical_cross_entropy(array![[0.5, 1.5]].view(), array![[0.0, 1.0]].view()),
            Err(LossError::ProbabilityOutOfRange {
                index: 1,
                value: 1.5
            })
        );
        assert_eq!(
            categorical_cross_entropy(array![[0.5, 0.5]].view(), array![[0.0, 1.0, 0.0]].view()),
            Err(LossError::LengthMismatch {
                what: "target columns",
                expected: 2,
                actual: 3
            })
        );
        assert_eq!(
            one_hot(&[3], 3),
            Err(LossError::ClassOutOfRange {
                index: 0,
                class: 3,
                classes: 3
            })
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_gradient_matches_finite_differences(
            values in proptest::collection::vec(-6.0..6.0_f64, 12),
            targets in proptest::collection::vec(0..4_usize, 3),
        ) {
            let logits = Array2::from_shape_vec((3, 4), values).unwrap();
            let grad = cross_entropy_with_logits_grad(logits.view(), &targets).unwrap();
            let h = 1e-6;
            for ((i, j), g) in grad.indexed_iter() {
                let mut up = logits.clone();
                up[[i, j]] += h;
                let mut down = logits.clone();
                down[[i, j]] -= h;
                let fd = (cross_entropy_with_logits(up.view(), &targets).unwrap()
                    - cross_entropy_with_logits(down.view(), &targets).unwrap())
                    / (2.0 * h);
                prop_assert!((g - fd).abs() < 1e-7, "({i}, {j}): {g} vs {fd}");
            }
            for s in row_sums(grad.view()) {
                prop_assert!(s.abs() < 1e-15);
            }
        }
    }
}
