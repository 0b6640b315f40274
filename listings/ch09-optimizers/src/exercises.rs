//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ndarray::array;

use crate::optimizer::{Adam, Optimizer, Sgd};
use crate::problems::parabola_path;

// ANCHOR: exercise_1
/// Exercise 1: Adam's first step on `f(w) = scale · (w − 3)²` from `w = 0`, for each scale.
pub fn adam_first_step(scales: &[f64], lr: f64) -> Vec<f64> {
    scales
        .iter()
        .map(|&scale| {
            let mut w = array![[0.0]];
            let grad = w.mapv(|w| scale * 2.0 * (w - 3.0));
            Adam::new(lr).step(&mut [&mut w], &[grad]);
            w[[0, 0]]
        })
        .collect()
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: `w` after `steps` steps of plain gradient descent on `(w − 3)²`, for each
/// learning rate. One step maps `w − 3` to `(1 − 2·lr)(w − 3)`.
pub fn sgd_after(rates: &[f64], steps: usize) -> Vec<f64> {
    rates
        .iter()
        .map(|&lr| {
            *parabola_path(&mut Sgd { lr }, steps)
                .last()
                .expect("steps > 0")
        })
        .collect()
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the first step of Adam with the bias correction left out, for a gradient `g`:
/// `m = (1 − beta1)·g` and `v = (1 − beta2)·g²`, so the step is `lr · m / (√v + eps)`.
pub fn uncorrected_first_step(lr: f64, g: f64) -> f64 {
    let (beta1, beta2, eps) = (0.9, 0.999, 1e-8);
    let m = (1.0 - beta1) * g;
    let v = (1.0 - beta2) * g * g;
    lr * m / (v.sqrt() + eps)
}
// ANCHOR_END: exercise_3

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercise_1_the_first_step_ignores_the_scale() {
        for w in adam_first_step(&[0.001, 1.0, 1000.0], 0.1) {
            approx::assert_relative_eq!(w, 0.1, max_relative = 1e-5);
        }
    }

    #[test]
    fn exercise_2_a_rate_above_one_diverges() {
        let w = sgd_after(&[0.5, 0.9, 1.1], 50);
        approx::assert_abs_diff_eq!(w[0], 3.0, epsilon = 1e-12);
        approx::assert_abs_diff_eq!(w[1], 3.0, epsilon = 1e-4);
        assert!((w[2] - 3.0).abs() > 3.0 * 1.2_f64.powi(49), "{}", w[2]);
    }

    #[test]
    fn exercise_3_without_correction_the_first_step_is_three_times_too_long() {
        let step = uncorrected_first_step(0.1, 6.0);
        approx::assert_relative_eq!(step, 0.1 * 0.1 / 0.001_f64.sqrt(), max_relative = 1e-6);
        assert!(step > 3.0 * 0.1);
    }
}
