//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use crate::sigmoid::{log_sigmoid, sigmoid};

// ANCHOR: exercise_1
/// Exercise 1: the score that the sigmoid turns into the probability `p`, the inverse of the
/// sigmoid (the *logit*, or log-odds). Defined for `p` strictly between 0 and 1.
pub fn logit(p: f64) -> f64 {
    libm::log(p / (1.0 - p))
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: `ln(1 - σ(z))`, the log-probability of failing, finite for every finite `z`.
/// By the symmetry `1 - σ(z) = σ(-z)`, it is the log-sigmoid of `-z`.
pub fn log_one_minus_sigmoid(z: f64) -> f64 {
    log_sigmoid(-z)
}

/// The same quantity computed the obvious way, for comparison.
pub fn naive_log_one_minus_sigmoid(z: f64) -> f64 {
    libm::log(1.0 - sigmoid(z))
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the largest gap between `σ(z)` and `(1 + tanh(z / 2)) / 2` over a grid of `z`
/// from -20 to 20 in steps of 0.01.
pub fn largest_gap_to_tanh_form() -> f64 {
    (-2000..=2000)
        .map(|i| f64::from(i) / 100.0)
        .map(|z| (sigmoid(z) - (1.0 + libm::tanh(z / 2.0)) / 2.0).abs())
        .fold(0.0, f64::max)
}
// ANCHOR_END: exercise_3

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn exercise_1_the_logit_undoes_the_sigmoid() {
        // A 90% chance of passing needs a score of ln 9.
        assert_relative_eq!(logit(0.9), libm::log(9.0_f64), max_relative = 1e-14);
        assert_eq!(logit(0.5), 0.0);
        for p in [0.01, 0.2, 0.5, 0.73, 0.999] {
            assert_relative_eq!(sigmoid(logit(p)), p, max_relative = 1e-13);
        }
    }

    #[test]
    fn exercise_2_the_stable_form_stays_finite() {
        // 1 - σ(40) rounds to 0 in f64, so the obvious form gives -inf; the true value is
        // -40 - ln(1 + e^-40) = -40.000000000000000004 (mpmath), which is -40 in f64.
        assert_eq!(naive_log_one_minus_sigmoid(40.0), f64::NEG_INFINITY);
        assert_eq!(log_one_minus_sigmoid(40.0), -40.0);
        for z in [-5.0, -0.3, 0.0, 2.0, 9.0] {
            assert_relative_eq!(
                log_one_minus_sigmoid(z),
                naive_log_one_minus_sigmoid(z),
                max_relative = 1e-12
            );
        }
    }

    #[test]
    fn exercise_3_the_tanh_form_is_the_same_function() {
        assert!(
            largest_gap_to_tanh_form() < 1e-15,
            "{}",
            largest_gap_to_tanh_form()
        );
    }
}
