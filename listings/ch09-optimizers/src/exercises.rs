//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ndarray::array;

use crate::optimizer::{Adam, Momentum, Optimizer, Sgd};
use crate::problems::{VALLEY_START, valley_grad};

// ANCHOR: exercise_1
/// Exercise 1: the first step of Adam and of gradient descent on `f(w) = scale · (w − 3)²`
/// from `w = 0`, for one scale: `(adam, sgd)`.
pub fn first_steps(scale: f64, lr: f64) -> (f64, f64) {
    let grad = array![[scale * 2.0 * (0.0 - 3.0)]];
    let step = |opt: &mut dyn Optimizer| {
        let mut w = array![[0.0]];
        opt.step(&mut [&mut w], std::slice::from_ref(&grad));
        w[[0, 0]]
    };
    (step(&mut Adam::new(lr)), step(&mut Sgd { lr }))
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: `|y|` after `steps` steps from `y = 1` on `f(y) = (curvature / 2) · y²`, with
/// momentum `beta` (0 is plain gradient descent) at learning rate `lr`.
pub fn distance_after(lr: f64, beta: f64, curvature: f64, steps: usize) -> f64 {
    let mut opt = Momentum::new(lr, beta);
    let mut y = array![[1.0]];
    for _ in 0..steps {
        let grad = y.mapv(|y| curvature * y);
        opt.step(&mut [&mut y], &[grad]);
    }
    y[[0, 0]].abs()
}

/// The largest stable learning rate of momentum on that parabola, `2 (1 + beta) / curvature`.
pub fn largest_stable_rate(beta: f64, curvature: f64) -> f64 {
    2.0 * (1.0 + beta) / curvature
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the first step of Adam with the bias correction left out, for a gradient `g`:
/// `m = (1 − beta1)·g` and `s = (1 − beta2)·g²`, so the step is `lr · m / (√s + eps)`.
pub fn uncorrected_first_step(lr: f64, g: f64) -> f64 {
    let (beta1, beta2, eps) = (0.9, 0.999, 1e-8);
    let m = (1.0 - beta1) * g;
    let s = (1.0 - beta2) * g * g;
    lr * m / (s.sqrt() + eps)
}
// ANCHOR_END: exercise_3

// ANCHOR: exercise_4
/// Exercise 4: the points visited in `steps` steps on the valley when every gradient is
/// multiplied by `scale`, as a backward pass that forgot to divide by the batch size would.
pub fn walk_with_scaled_gradients(
    opt: &mut dyn Optimizer,
    scale: f64,
    steps: usize,
) -> Vec<(f64, f64)> {
    let mut xy = array![[VALLEY_START.0, VALLEY_START.1]];
    let mut path = vec![VALLEY_START];
    for _ in 0..steps {
        let (gx, gy) = valley_grad(xy[[0, 0]], xy[[0, 1]]);
        opt.step(&mut [&mut xy], &[array![[scale * gx, scale * gy]]]);
        path.push((xy[[0, 0]], xy[[0, 1]]));
    }
    path
}

/// The largest distance between corresponding points of two walks.
pub fn largest_gap(a: &[(f64, f64)], b: &[(f64, f64)]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(a, b)| libm::hypot(a.0 - b.0, a.1 - b.1))
        .fold(0.0, f64::max)
}
// ANCHOR_END: exercise_4

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problems::valley_path;

    #[test]
    fn exercise_1_adams_first_step_ignores_the_scale() {
        for scale in [0.001, 1.0, 1000.0] {
            let (adam, sgd) = first_steps(scale, 0.1);
            approx::assert_relative_eq!(adam, 0.1, max_relative = 1e-5);
            approx::assert_relative_eq!(sgd, 0.1 * 6.0 * scale, max_relative = 1e-12);
        }
    }

    #[test]
    fn exercise_2_momentum_is_stable_up_to_twice_one_plus_beta_over_the_curvature() {
        let limit = largest_stable_rate(0.9, 10.0);
        approx::assert_relative_eq!(limit, 0.38, max_relative = 1e-12);
        assert!(distance_after(limit - 0.01, 0.9, 10.0, 500) < 1e-6);
        assert!(distance_after(limit + 0.01, 0.9, 10.0, 500) > 1e6);
        // Without momentum the limit is 2 / curvature.
        assert!(distance_after(0.19, 0.0, 10.0, 500) < 1e-6);
        assert!(distance_after(0.21, 0.0, 10.0, 500) > 1e6);
    }

    #[test]
    fn exercise_3_without_correction_the_first_step_is_sqrt_10_times_too_long() {
        let step = uncorrected_first_step(0.1, 6.0);
        approx::assert_relative_eq!(step, 0.1 * 10f64.sqrt(), max_relative = 1e-6);
    }

    #[test]
    fn exercise_4_adam_does_not_see_a_constant_factor_but_sgd_does() {
        let reference = valley_path(&mut Adam::new(0.5), VALLEY_START, 60);
        assert_eq!(
            walk_with_scaled_gradients(&mut Adam::new(0.5), 1.0, 60),
            reference
        );
        let scaled = walk_with_scaled_gradients(&mut Adam::new(0.5), 32.0, 60);
        assert!(largest_gap(&reference, &scaled) < 1e-6);
        let sgd = walk_with_scaled_gradients(&mut Sgd { lr: 0.18 }, 4.0, 60);
        assert!(sgd.last().unwrap().1.abs() > 1e6, "{:?}", sgd.last());
    }
}
