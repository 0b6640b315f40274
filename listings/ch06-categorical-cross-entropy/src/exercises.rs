//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ndarray::{Array2, array};

use crate::LossError;
use crate::cross_entropy::cross_entropy_with_logits;
use crate::fruit::{CORRECT, PREDICTED};
use crate::hinge::{hinge, logistic};
use crate::options::{CrossEntropyOptions, Reduced, cross_entropy_with_options};

// ANCHOR: exercise_1
/// Exercise 1: the fruit containers through the logits path, with `ln p` as the logits
/// (softmax of `ln p` is `p` again, since the probabilities already sum to 1).
pub fn fruit_from_logits() -> Result<f64, LossError> {
    let logits = Array2::from_shape_fn((3, 3), |(i, j)| libm::log(PREDICTED[i][j]));
    cross_entropy_with_logits(logits.view(), &CORRECT)
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: a confident, correct prediction without and with label smoothing 0.1.
pub fn smoothing_keeps_a_floor() -> Result<(f64, f64), LossError> {
    let logits = array![[10.0, 0.0, 0.0]];
    let plain = cross_entropy_with_logits(logits.view(), &[0])?;
    let options = CrossEntropyOptions {
        label_smoothing: 0.1,
        ..Default::default()
    };
    match cross_entropy_with_options(logits.view(), &[0], &options)? {
        Reduced::Total(smoothed) => Ok((plain, smoothed)),
        Reduced::PerSample(_) => unreachable!("the default reduction is the mean"),
    }
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: hinge loss and cross-entropy (nats) at a margin of 5.
pub fn at_margin_five() -> (f64, f64) {
    (hinge(5.0), logistic(5.0))
}
// ANCHOR_END: exercise_3

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn exercise_1_same_as_from_probabilities() {
        // python3: (-log(0.7) - log(0.3) - log(0.4)) / 3 = 0.8256461600462744
        assert_relative_eq!(
            fruit_from_logits().unwrap(),
            0.8256461600462744,
            max_relative = 1e-14
        );
    }

    #[test]
    fn exercise_2_smoothing_never_lets_the_loss_reach_zero() {
        let (plain, smoothed) = smoothing_keeps_a_floor().unwrap();
        assert!(plain < 1e-4);
        assert!(smoothed > 0.6, "{smoothed}");
    }

    #[test]
    fn exercise_3_hinge_is_done_cross_entropy_is_not() {
        let (h, ce) = at_margin_five();
        assert_eq!(h, 0.0);
        // python3: log1p(exp(-5)) = 0.006715348489117967
        assert_relative_eq!(ce, 0.006715348489117967, max_relative = 1e-14);
    }
}
