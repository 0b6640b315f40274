//! Two models of a label, and the likelihood of a data set under each.

use ch05_binary_cross_entropy::LossError;

/// Checks that there is one target per sample and that every probability lies in [0, 1].
fn check_probs(
    probs: impl Iterator<Item = f64>,
    samples: usize,
    targets: usize,
) -> Result<(), LossError> {
    if targets != samples {
        return Err(LossError::LengthMismatch {
            what: "targets",
            expected: samples,
            actual: targets,
        });
    }
    for (index, value) in probs.enumerate() {
        if !(0.0..=1.0).contains(&value) {
            return Err(LossError::ProbabilityOutOfRange { index, value });
        }
    }
    Ok(())
}

// ANCHOR: bernoulli
/// The probability that a Bernoulli model with `P(y = 1) = p` gives to the label `y` (0 or 1):
/// `p^y (1 - p)^(1 - y)`, which is `p` when `y = 1` and `1 - p` when `y = 0`.
pub fn bernoulli(p: f64, y: f64) -> f64 {
    libm::pow(p, y) * libm::pow(1.0 - p, 1.0 - y)
}

/// The log-likelihood of the labels `targets` under the probabilities `probs`: the logarithm
/// of the product of the per-sample probabilities, written as a sum of logarithms.
pub fn bernoulli_log_likelihood(probs: &[f64], targets: &[f64]) -> Result<f64, LossError> {
    check_bernoulli(probs, targets)?;
    Ok(probs
        .iter()
        .zip(targets)
        .map(|(&p, &y)| libm::log(bernoulli(p, y)))
        .sum())
}
// ANCHOR_END: bernoulli

// ANCHOR: categorical
/// The probability that a categorical model with class probabilities `probs` gives to the
/// class `y`: `Π_k p_k^[k = y]`. Every factor but one is `p_k^0 = 1`, so this is `p_y`.
pub fn categorical(probs: &[f64], y: usize) -> f64 {
    probs
        .iter()
        .enumerate()
        .map(|(k, &p)| libm::pow(p, if k == y { 1.0 } else { 0.0 }))
        .product()
}

/// The log-likelihood of the classes `targets`, one row of `K` class probabilities per sample.
pub fn categorical_log_likelihood<const K: usize>(
    probs: &[[f64; K]],
    targets: &[usize],
) -> Result<f64, LossError> {
    check_categorical(probs, targets)?;
    Ok(probs
        .iter()
        .zip(targets)
        .map(|(row, &y)| libm::log(categorical(row, y)))
        .sum())
}
// ANCHOR_END: categorical

/// The labels of a Bernoulli model are 0 and 1 (or a soft target between them).
fn check_bernoulli(probs: &[f64], targets: &[f64]) -> Result<(), LossError> {
    check_probs(probs.iter().copied(), probs.len(), targets.len())?;
    match targets.iter().position(|y| !(0.0..=1.0).contains(y)) {
        Some(index) => Err(LossError::TargetOutOfRange {
            index,
            value: targets[index],
        }),
        None => Ok(()),
    }
}

/// Every class must be one of the `K` columns.
fn check_categorical<const K: usize>(
    probs: &[[f64; K]],
    targets: &[usize],
) -> Result<(), LossError> {
    check_probs(probs.iter().flatten().copied(), probs.len(), targets.len())?;
    match targets.iter().position(|&y| y >= K) {
        Some(index) => Err(LossError::ClassOutOfRange {
            index,
            class: targets[index],
            classes: K,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bernoulli_model_gives_p_to_a_one_and_one_minus_p_to_a_zero() {
        assert_eq!(bernoulli(0.3, 1.0), 0.3);
        assert_eq!(bernoulli(0.3, 0.0), 0.7);
    }

    #[test]
    fn the_categorical_model_gives_each_class_its_probability() {
        let probs = [0.7, 0.2, 0.1];
        for (y, &p) in probs.iter().enumerate() {
            assert_eq!(categorical(&probs, y), p);
        }
    }

    #[test]
    fn a_log_likelihood_is_the_log_of_the_product() {
        let probs = [0.9, 0.3, 0.6, 0.2];
        let targets = [0.0, 0.0, 1.0, 1.0];
        let product: f64 = probs
            .iter()
            .zip(&targets)
            .map(|(&p, &y)| bernoulli(p, y))
            .product();
        approx::assert_relative_eq!(
            bernoulli_log_likelihood(&probs, &targets).unwrap(),
            libm::log(product),
            max_relative = 1e-14
        );
        let rows = [[0.7, 0.2, 0.1], [0.3, 0.4, 0.3]];
        approx::assert_relative_eq!(
            categorical_log_likelihood(&rows, &[0, 2]).unwrap(),
            libm::log(0.7 * 0.3),
            max_relative = 1e-14
        );
    }

    #[test]
    fn bad_input_is_an_error_that_says_where() {
        assert_eq!(
            bernoulli_log_likelihood(&[0.5, 0.5], &[1.0]),
            Err(LossError::LengthMismatch {
                what: "targets",
                expected: 2,
                actual: 1
            })
        );
        assert_eq!(
            bernoulli_log_likelihood(&[0.5, 1.5], &[1.0, 0.0]),
            Err(LossError::ProbabilityOutOfRange {
                index: 1,
                value: 1.5
            })
        );
        assert_eq!(
            bernoulli_log_likelihood(&[0.5, 0.5], &[1.0, 2.0]),
            Err(LossError::TargetOutOfRange {
                index: 1,
                value: 2.0
            })
        );
        assert_eq!(
            categorical_log_likelihood(&[[0.5, 0.5]], &[2]),
            Err(LossError::ClassOutOfRange {
                index: 0,
                class: 2,
                classes: 2
            })
        );
        assert!(matches!(
            categorical_log_likelihood(&[[0.5, f64::NAN]], &[0]),
            Err(LossError::ProbabilityOutOfRange { index: 1, .. })
        ));
    }
}
