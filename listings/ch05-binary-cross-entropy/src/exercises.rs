//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ch02_sigmoid::sigmoid;
use ndarray::{Array1, array};

use crate::bce::bce;
use crate::error::LossError;
use crate::likelihood::{MODEL_B, class_of};

// ANCHOR: exercise_1
/// Exercise 1: the probability of a label-1 sample whose loss is exactly 1 nat, found by
/// bisection on the loss (it falls as `p` grows).
pub fn one_nat_probability() -> Result<f64, LossError> {
    let (mut lo, mut hi) = (1e-9, 1.0);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if bce(array![mid].view(), array![1.0].view())? > 1.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(0.5 * (lo + hi))
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: the mean binary cross-entropy of model B over a class of 1000 students, every
/// probability being that of what happened (so every label is 1).
pub fn model_b_class_loss() -> Result<f64, LossError> {
    let probs = Array1::from(class_of(&MODEL_B, 1000));
    let targets = Array1::ones(1000);
    bce(probs.view(), targets.view())
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the smallest whole logit `z` at which `bce(σ(z), 0)` is infinite, because
/// `σ(z)` has rounded to exactly 1.
pub fn first_infinite_logit() -> Option<u32> {
    (0..100).find(|&z| {
        bce(array![sigmoid(f64::from(z))].view(), array![0.0].view())
            .is_ok_and(|loss| loss.is_infinite())
    })
}
// ANCHOR_END: exercise_3

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn exercise_1_one_nat_is_one_over_e() {
        assert_relative_eq!(
            one_nat_probability().unwrap(),
            libm::exp(-1.0_f64),
            max_relative = 1e-12
        );
    }

    #[test]
    fn exercise_2_the_mean_does_not_depend_on_the_class_size() {
        // python3: the sum of -math.log(p) over model B, divided by 4, is 0.2990011586691898
        assert_relative_eq!(
            model_b_class_loss().unwrap(),
            0.2990011586691898,
            max_relative = 1e-12
        );
    }

    #[test]
    fn exercise_3_sigmoid_reaches_one_at_37() {
        assert_eq!(first_infinite_logit(), Some(37));
    }
}
