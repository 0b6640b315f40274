//! Binary cross-entropy, from probabilities and from logits, and its gradient.

use ch02_sigmoid::{log_sigmoid, sigmoid};
use ch03_softmax::sum_carefully;
use ndarray::{Array1, ArrayView1, Zip};

use crate::error::LossError;

/// Checks what every binary loss needs: a non-empty batch, one target per prediction, and
/// targets in [0, 1] (soft targets such as 0.9 are allowed).
fn check_batch(predictions: ArrayView1<f64>, targets: ArrayView1<f64>) -> Result<(), LossError> {
    if predictions.is_empty() {
        return Err(LossError::EmptyBatch);
    }
    if targets.len() != predictions.len() {
        return Err(LossError::LengthMismatch {
            what: "targets",
            expected: predictions.len(),
            actual: targets.len(),
        });
    }
    if let Some((index, &value)) = targets
        .iter()
        .enumerate()
        .find(|(_, y)| !(0.0..=1.0).contains(*y))
    {
        return Err(LossError::TargetOutOfRange { index, value });
    }
    Ok(())
}

/// Checks that every probability lies in [0, 1] (NaN does not).
fn check_probs(probs: ArrayView1<f64>) -> Result<(), LossError> {
    match probs
        .iter()
        .enumerate()
        .find(|(_, p)| !(0.0..=1.0).contains(*p))
    {
        Some((index, &value)) => Err(LossError::ProbabilityOutOfRange { index, value }),
        None => Ok(()),
    }
}

/// Checks a batch of probabilities and their targets (used by the framework versions too).
pub(crate) fn check_batch_and_probs(
    probs: ArrayView1<f64>,
    targets: ArrayView1<f64>,
) -> Result<(), LossError> {
    check_batch(probs, targets)?;
    check_probs(probs)
}

/// Checks that every logit is a finite number.
fn check_logits(logits: ArrayView1<f64>) -> Result<(), LossError> {
    match logits.iter().position(|z| !z.is_finite()) {
        Some(index) => Err(LossError::NonFinite { index }),
        None => Ok(()),
    }
}

// ANCHOR: term
/// The loss of one sample: `-(y ln p + (1 - y) ln(1 - p))`, in nats.
///
/// A term whose weight is zero is skipped rather than multiplied, because `0 · ln 0` would
/// be NaN; its limit, and its meaning (that outcome did not happen), is 0. `ln(1 - p)` is
/// computed as `ln_1p(-p)`, which keeps every digit when `p` is tiny. Its domain is `p` and
/// `y` in [0, 1]: [`bce_terms`] checks them before calling it.
pub fn bce_term(p: f64, y: f64) -> f64 {
    let positive = if y > 0.0 { y * libm::log(p) } else { 0.0 };
    let negative = if y < 1.0 {
        (1.0 - y) * libm::log1p(-p)
    } else {
        0.0
    };
    -(positive + negative)
}
// ANCHOR_END: term

/// The sum of per-sample losses, added carefully (Chapter 3) so that a batch of any size
/// keeps the last digits of its mean. A sum of finite losses that overflows is an error:
/// returning `inf` would claim that some sample cost infinitely much.
pub fn sum_of_losses(terms: ArrayView1<f64>) -> Result<f64, LossError> {
    let sum = sum_carefully(terms.iter().copied());
    if sum.is_infinite() && terms.iter().all(|t| t.is_finite()) {
        return Err(LossError::Overflow {
            what: "the sum of the per-sample losses",
        });
    }
    Ok(sum)
}

// ANCHOR: bce
/// The loss of every sample, from probabilities: `-(y_i ln p_i + (1 - y_i) ln(1 - p_i))`.
pub fn bce_terms(
    probs: ArrayView1<f64>,
    targets: ArrayView1<f64>,
) -> Result<Array1<f64>, LossError> {
    check_batch_and_probs(probs, targets)?;
    Ok(Zip::from(probs)
        .and(targets)
        .map_collect(|&p, &y| bce_term(p, y)))
}

/// Binary cross-entropy from probabilities: the mean of [`bce_terms`] over the batch, in nats.
///
/// A probability of exactly 0 for something that happened costs `+inf`, which is the true
/// value: this function does not clamp. (Chapter 5 shows what PyTorch and Keras do instead.)
pub fn bce(probs: ArrayView1<f64>, targets: ArrayView1<f64>) -> Result<f64, LossError> {
    let terms = bce_terms(probs, targets)?;
    Ok(sum_of_losses(terms.view())? / terms.len() as f64)
}
// ANCHOR_END: bce

// ANCHOR: with_logits
/// The loss of every sample, from logits: `-(y ln σ(z) + (1 - y) ln σ(-z))`.
///
/// `1 - σ(z)` is `σ(-z)`, so both logarithms are `log_sigmoid`, which is finite for every
/// finite `z`: nothing is rounded to 0 or 1 before its logarithm is taken.
pub fn bce_with_logits_terms(
    logits: ArrayView1<f64>,
    targets: ArrayView1<f64>,
) -> Result<Array1<f64>, LossError> {
    check_batch(logits, targets)?;
    check_logits(logits)?;
    Ok(Zip::from(logits).and(targets).map_collect(|&z, &y| {
        let positive = if y > 0.0 { y * log_sigmoid(z) } else { 0.0 };
        let negative = if y < 1.0 {
            (1.0 - y) * log_sigmoid(-z)
        } else {
            0.0
        };
        -(positive + negative)
    }))
}

/// Binary cross-entropy from logits: the mean of [`bce_with_logits_terms`], in nats.
/// Equal to `bce(σ(z), y)` wherever that is computable, and finite for every finite logit
/// (a sum of losses too large for `f64` is an error).
pub fn bce_with_logits(
    logits: ArrayView1<f64>,
    targets: ArrayView1<f64>,
) -> Result<f64, LossError> {
    let terms = bce_with_logits_terms(logits, targets)?;
    Ok(sum_of_losses(terms.view())? / terms.len() as f64)
}
// ANCHOR_END: with_logits

// ANCHOR: grad
/// The gradient of [`bce_with_logits`] with respect to each logit: `(σ(z_i) - y_i) / N`.
///
/// The sigmoid's slope `σ(1 - σ)` cancels against the `1 / (σ(1 - σ))` of the logarithms,
/// which leaves the plain difference between prediction and target. For `z ≥ 0` it is
/// computed as `(1 - y) - σ(-z)`, the same number since `1 - σ(z) = σ(-z)`: `σ(z)` is close
/// to 1 there and has lost the digits that `σ(-z)` keeps. For a confident right answer
/// (`y = 1`, `z = 40`) that gives `-σ(-40)`, not the 0 that `σ(40) - 1` rounds to. For a soft
/// target the difference itself cancels where `σ(z)` is close to `y`: there it is accurate to
/// a few ulps of `y`, not of the small result.
pub fn bce_with_logits_grad(
    logits: ArrayView1<f64>,
    targets: ArrayView1<f64>,
) -> Result<Array1<f64>, LossError> {
    check_batch(logits, targets)?;
    check_logits(logits)?;
    let n = logits.len() as f64;
    Ok(Zip::from(logits).and(targets).map_collect(|&z, &y| {
        let difference = if z >= 0.0 {
            (1.0 - y) - sigmoid(-z)
        } else {
            sigmoid(z) - y
        };
        difference / n
    }))
}
// ANCHOR_END: grad

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ndarray::array;
    use proptest::prelude::*;

    #[test]
    fn one_sample_by_hand() {
        let loss = bce(array![0.8].view(), array![1.0].view()).unwrap();
        assert_relative_eq!(loss, -(libm::log(0.8_f64)), max_relative = 1e-15);
        let loss = bce(array![0.8].view(), array![0.0].view()).unwrap();
        assert_relative_eq!(loss, -(libm::log(0.2_f64)), max_relative = 1e-15);
    }

    #[test]
    fn certain_and_right_costs_nothing_certain_and_wrong_costs_everything() {
        assert_eq!(
            bce(array![1.0, 0.0].view(), array![1.0, 0.0].view()).unwrap(),
            0.0
        );
        assert_eq!(
            bce(array![0.0].view(), array![1.0].view()).unwrap(),
            f64::INFINITY
        );
    }

    #[test]
    fn from_logits_agrees_with_from_probabilities() {
        let logits = array![-3.0, -0.5, 0.0, 0.7, 2.5];
        let targets = array![0.0, 1.0, 1.0, 0.0, 1.0];
        let probs = logits.mapv(sigmoid);
        assert_relative_eq!(
            bce_with_logits(logits.view(), targets.view()).unwrap(),
            bce(probs.view(), targets.view()).unwrap(),
            max_relative = 1e-14
        );
    }

    #[test]
    fn extreme_logits_stay_finite_and_right() {
        let logits = array![1000.0, -1000.0, 1000.0, -1000.0];
        let terms =
            bce_with_logits_terms(logits.view(), array![1.0, 0.0, 0.0, 1.0].view()).unwrap();
        assert_eq!(terms.to_vec(), vec![0.0, 0.0, 1000.0, 1000.0]);
        let grad = bce_with_logits_grad(logits.view(), array![1.0, 0.0, 0.0, 1.0].view()).unwrap();
        assert_eq!(grad.to_vec(), vec![0.0, 0.0, 0.25, -0.25]);
    }

    #[test]
    fn a_confident_right_answer_still_has_a_gradient() {
        // -σ(-40) = -4.248354255291589e-18 (mpmath); σ(40) - 1 would round to 0.
        let grad = bce_with_logits_grad(array![40.0].view(), array![1.0].view()).unwrap();
        assert_relative_eq!(grad[0], -4.248_354_255_291_589e-18, max_relative = 1e-15);
    }

    #[test]
    fn a_sum_too_large_for_f64_is_reported() {
        let huge = array![f64::MAX, f64::MAX];
        assert_eq!(
            bce_with_logits(huge.view(), array![0.0, 0.0].view()),
            Err(LossError::Overflow {
                what: "the sum of the per-sample losses"
            })
        );
        // One such sample is a finite loss, and the true value.
        assert_eq!(
            bce_with_logits(array![f64::MAX].view(), array![0.0].view()),
            Ok(f64::MAX)
        );
    }

    #[test]
    fn tiny_probabilities_keep_their_digits() {
        // -ln(1 - 1e-17) = 1e-17 to 16 digits; ln(1.0 - 1e-17) would give exactly 0.
        let loss = bce(array![1e-17].view(), array![0.0].view()).unwrap();
        assert_relative_eq!(loss, 1e-17, max_relative = 1e-15);
    }

    #[test]
    fn errors_name_what_and_where() {
        let empty = ndarray::Array1::<f64>::zeros(0);
        assert_eq!(bce(empty.view(), empty.view()), Err(LossError::EmptyBatch));
        assert_eq!(
            bce(array![0.5, 0.5].view(), array![1.0].view()),
            Err(LossError::LengthMismatch {
                what: "targets",
                expected: 2,
                actual: 1
            })
        );
        assert_eq!(
            bce(array![0.5, 1.2].view(), array![1.0, 0.0].view()),
            Err(LossError::ProbabilityOutOfRange {
                index: 1,
                value: 1.2
            })
        );
        assert_eq!(
            bce_with_logits(array![0.5, 1.0].view(), array![1.0, 2.0].view()),
            Err(LossError::TargetOutOfRange {
                index: 1,
                value: 2.0
            })
        );
        assert_eq!(
            bce_with_logits_grad(array![0.5, f64::NAN].view(), array![1.0, 0.0].view()),
            Err(LossError::NonFinite { index: 1 })
        );
        assert!(matches!(
            bce(array![f64::NAN].view(), array![1.0].view()),
            Err(LossError::ProbabilityOutOfRange { index: 0, .. })
        ));
        let message = LossError::ProbabilityOutOfRange {
            index: 1,
            value: 1.2,
        }
        .to_string();
        assert_eq!(
            message,
            "probability out of range at index 1: 1.2 is not in [0, 1]"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_gradient_matches_finite_differences(
            logits in proptest::collection::vec(-8.0..8.0_f64, 1..6),
            seed in 0..64_u32,
        ) {
            let n = logits.len();
            let targets: Array1<f64> = (0..n).map(|i| f64::from((seed >> (i % 6)) & 1)).collect();
            let logits = Array1::from(logits);
            let grad = bce_with_logits_grad(logits.view(), targets.view()).unwrap();
            let h = 1e-6;
            for i in 0..n {
                let mut up = logits.clone();
                up[i] += h;
                let mut down = logits.clone();
                down[i] -= h;
                let fd = (bce_with_logits(up.view(), targets.view()).unwrap()
                    - bce_with_logits(down.view(), targets.view()).unwrap())
                    / (2.0 * h);
                prop_assert!((grad[i] - fd).abs() < 1e-7, "i {i}: {} vs {fd}", grad[i]);
            }
        }

        #[test]
        fn the_loss_is_never_negative(
            pairs in proptest::collection::vec((0.0..=1.0_f64, 0.0..=1.0_f64), 1..8),
        ) {
            let probs: Array1<f64> = pairs.iter().map(|p| p.0).collect();
            let targets: Array1<f64> = pairs.iter().map(|p| p.1).collect();
            prop_assert!(bce(probs.view(), targets.view()).unwrap() >= 0.0);
        }
    }
}
