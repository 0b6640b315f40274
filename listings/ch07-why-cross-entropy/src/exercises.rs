//! Reference solutions to the chapter's exercises. Each is checked by the tests below, and the
//! program `solution` prints the numbers each one finds.

use std::error::Error;

use ch02_sigmoid::{log_sigmoid, sigmoid};
use ch04_entropy::{Base, DistributionError, entropy, kl_divergence};
use ch05_binary_cross_entropy::LossError;
use ch06_categorical_cross_entropy::{cross_entropy_with_logits, cross_entropy_with_logits_grad};
use ndarray::{Array2, ArrayView1, Axis};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::identity::{random_distribution, slope, worst_disagreement};
use crate::likelihood::bernoulli_log_likelihood;
use crate::squared_error::squared_error_grad;

// ANCHOR: exercise_1
/// Exercise 1: the constant probability `p` that maximizes the likelihood of `targets`, found
/// on a grid of step 0.001; the mean loss there; and the entropy of the share of ones.
pub fn best_constant(targets: &[f64]) -> Result<(f64, f64, f64), Box<dyn Error>> {
    let n = targets.len() as f64;
    let mean_loss = |p: f64| -> Result<f64, LossError> {
        Ok(-bernoulli_log_likelihood(&vec![p; targets.len()], targets)? / n)
    };
    let (mut best, mut lowest) = (0.5, mean_loss(0.5)?);
    for p in (1..1000).map(|i| f64::from(i) / 1000.0) {
        let loss = mean_loss(p)?;
        if loss < lowest {
            (best, lowest) = (p, loss);
        }
    }
    let share = targets.iter().sum::<f64>() / n;
    let h = entropy(&[share, 1.0 - share], Base::Nats)?;
    Ok((best, lowest, h))
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: binary cross-entropy of one logit with the term of the positive class weighted
/// by `w`, as PyTorch's `pos_weight` does: `-(w y ln σ(z) + (1 - y) ln σ(-z))`.
pub fn bce_pos_weight(z: f64, y: f64, w: f64) -> f64 {
    -(w * y * log_sigmoid(z) + (1.0 - y) * log_sigmoid(-z))
}

/// Its slope in the logit, as derived: `(1 - y + w y) σ(z) - w y`.
pub fn bce_pos_weight_grad(z: f64, y: f64, w: f64) -> f64 {
    (1.0 - y + w * y) * sigmoid(z) - w * y
}

/// The slope against a finite difference: the worst disagreement over 10000 random logits in
/// [-20, 20], targets in [0, 1] and weights in [0, 10].
pub fn check_pos_weight_grad() -> f64 {
    worst_disagreement(
        2,
        10_000,
        |rng| {
            let z = rng.random_range(-20.0..=20.0);
            (z, rng.random_range(0.0..=1.0), rng.random_range(0.0..=10.0))
        },
        |&(z, y, w)| {
            vec![(
                bce_pos_weight_grad(z, y, w),
                slope(|z| bce_pos_weight(z, y, w), z),
            )]
        },
    )
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the focal loss of one logit with label `y` (0 or 1), `-(1 - p_t)^γ ln p_t`,
/// where `p_t` is the probability given to the label: `σ(z)` for 1, `σ(-z)` for 0.
pub fn focal(z: f64, y: f64, gamma: f64) -> f64 {
    let u = if y == 1.0 { z } else { -z };
    -libm::pow(sigmoid(-u), gamma) * log_sigmoid(u)
}

/// Its slope in the logit, as derived: with `u = ±z` (the sign of the label) and
/// `p_t = σ(u)`, `±(1 - p_t)^γ (γ p_t ln p_t - (1 - p_t))`.
pub fn focal_grad(z: f64, y: f64, gamma: f64) -> f64 {
    let sign = if y == 1.0 { 1.0 } else { -1.0 };
    let u = sign * z;
    let (p_t, rest) = (sigmoid(u), sigmoid(-u));
    sign * libm::pow(rest, gamma) * (gamma * p_t * log_sigmoid(u) - rest)
}

/// The slope against a finite difference: the worst disagreement over 10000 random logits in
/// [-20, 20], labels 0 or 1, and γ in [0, 5].
pub fn check_focal_grad() -> f64 {
    worst_disagreement(
        3,
        10_000,
        |rng| {
            let z = rng.random_range(-20.0..=20.0);
            let y = f64::from(rng.random_range(0..=1_u8));
            (z, y, rng.random_range(0.0..=5.0))
        },
        |&(z, y, gamma)| vec![(focal_grad(z, y, gamma), slope(|z| focal(z, y, gamma), z))],
    )
}
// ANCHOR_END: exercise_3

// ANCHOR: exercise_4
/// Exercise 4: the loss of `logits` for class `y`, by hand after subtracting the largest logit
/// (`ln Σ_j e^(z_j - m) - (z_y - m)`), beside Chapter 6's function; and the sum of the entries
/// of the gradient.
pub fn shifted_by_hand(logits: &[f64], y: usize) -> Result<(f64, f64, f64), LossError> {
    let row = ArrayView1::from(logits).insert_axis(Axis(0));
    let library = cross_entropy_with_logits(row, &[y])?;
    let gradient_sum = cross_entropy_with_logits_grad(row, &[y])?.sum();
    let m = logits.iter().fold(f64::NEG_INFINITY, |m, &z| m.max(z));
    let sum: f64 = logits.iter().map(|&z| libm::exp(z - m)).sum();
    let by_hand = libm::log(sum) - (logits[y] - m);
    Ok((by_hand, library, gradient_sum))
}
// ANCHOR_END: exercise_4

// ANCHOR: exercise_5
/// Exercise 5: over 10000 random distributions `p` and `q` of 2 to 6 outcomes, the smallest
/// Jensen gap `ln Σ_i p_i (q_i / p_i) - Σ_i p_i ln(q_i / p_i)`, the largest `H(p) - ln K`, and
/// the worst disagreement of `H(p) + KL(p || uniform) = ln K`.
pub fn jensen_and_entropy() -> Result<(f64, f64, f64), DistributionError> {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let (mut smallest_gap, mut largest_excess, mut worst) = (f64::INFINITY, f64::MIN, 0.0_f64);
    for _ in 0..10_000 {
        let k = rng.random_range(2..=6);
        let (p, q) = (
            random_distribution(&mut rng, k),
            random_distribution(&mut rng, k),
        );
        let mean_ratio: f64 = p.iter().zip(&q).map(|(pi, qi)| pi * (qi / pi)).sum();
        let mean_log: f64 = p
            .iter()
            .zip(&q)
            .map(|(pi, qi)| pi * libm::log(qi / pi))
            .sum();
        smallest_gap = smallest_gap.min(libm::log(mean_ratio) - mean_log);

        let ln_k = libm::log(k as f64);
        let h = entropy(&p, Base::Nats)?;
        largest_excess = largest_excess.max(h - ln_k);
        let kl_uniform = kl_divergence(&p, &vec![1.0 / k as f64; k], Base::Nats)?;
        worst = worst.max((h + kl_uniform - ln_k).abs());
    }
    Ok((smallest_gap, largest_excess, worst))
}
// ANCHOR_END: exercise_5

// ANCHOR: exercise_6
/// Exercise 6: for a sample with label 1, the logit where the squared error's slope is
/// steepest, searched on a grid of step 0.001 over [-10, 10], and the slope there.
pub fn steepest_squared_error() -> (f64, f64) {
    let grid = (-10_000..=10_000).map(|i| f64::from(i) / 1000.0);
    let steepest = grid.fold(0.0, |best, z| {
        if squared_error_grad(z, 1.0) < squared_error_grad(best, 1.0) {
            z
        } else {
            best
        }
    });
    (steepest, squared_error_grad(steepest, 1.0))
}
// ANCHOR_END: exercise_6

// ANCHOR: exercise_7
/// Exercise 7: the mean cross-entropy of a linear model with K = 3 classes, whose 4 × 3
/// weights are drawn from [-scale, scale], on 1000 random inputs in [-1, 1]⁴ with random
/// classes: what a trainer sees before its first step.
pub fn initial_loss(scale: f64, seed: u64) -> Result<f64, LossError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let weights = Array2::from_shape_fn((4, 3), |_| rng.random_range(-scale..=scale));
    let inputs = Array2::from_shape_fn((1000, 4), |_| rng.random_range(-1.0..=1.0));
    let targets: Vec<usize> = (0..1000).map(|_| rng.random_range(0..3)).collect();
    // The logits x W, as a plain loop.
    let logits = Array2::from_shape_fn((1000, 3), |(i, k)| {
        (0..4).map(|j| inputs[[i, j]] * weights[[j, k]]).sum()
    });
    cross_entropy_with_logits(logits.view(), &targets)
}
// ANCHOR_END: exercise_7

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn exercise_1_the_best_constant_is_the_share_of_ones_and_its_loss_the_entropy() {
        let (best, loss, h) = best_constant(&[1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0]).unwrap();
        assert_eq!(best, 0.625);
        assert_relative_eq!(loss, h, max_relative = 1e-14);
        // python3: -(0.625*log(0.625) + 0.375*log(0.375)) = 0.6615632381579821
        assert_relative_eq!(h, 0.661_563_238_157_982_1, max_relative = 1e-14);
        assert!(best_constant(&[]).is_err());
    }

    #[test]
    fn exercise_2_the_pos_weight_slope_is_right_and_reduces_to_sigma_minus_y() {
        assert!(check_pos_weight_grad() < 1e-8);
        assert_eq!(bce_pos_weight_grad(0.0, 1.0, 3.0), -1.5);
        for (z, y) in [(-3.0, 0.0), (0.5, 1.0), (2.0, 0.3)] {
            assert_relative_eq!(
                bce_pos_weight_grad(z, y, 1.0),
                sigmoid(z) - y,
                max_relative = 1e-15
            );
        }
        // A wrong derivation, w (σ(z) - y), is caught by the same check.
        let wrong = (0.7_f64, 0.0, 3.0);
        let fd = slope(|z| bce_pos_weight(z, wrong.1, wrong.2), wrong.0);
        assert!((wrong.2 * (sigmoid(wrong.0) - wrong.1) - fd).abs() > 0.1);
    }

    #[test]
    fn exercise_3_the_focal_slope_is_right_and_gamma_zero_is_cross_entropy() {
        assert!(check_focal_grad() < 1e-8);
        // (½)² (2 · ½ · ln ½ - ½) = -(ln 2 + ½) / 4
        assert_relative_eq!(
            focal_grad(0.0, 1.0, 2.0),
            -(std::f64::consts::LN_2 + 0.5) / 4.0,
            max_relative = 1e-15
        );
        for (z, y) in [(-3.0, 0.0), (0.5, 1.0), (4.0, 0.0)] {
            assert_relative_eq!(focal_grad(z, y, 0.0), sigmoid(z) - y, max_relative = 1e-14);
        }
        // Easy samples are turned down: at z = 3, label 1, far less slope than cross-entropy's.
        assert!(focal_grad(3.0, 1.0, 2.0).abs() < (sigmoid(3.0) - 1.0).abs() / 100.0);
    }

    #[test]
    fn exercise_4_shifting_gives_the_library_value_and_the_gradient_sums_to_zero() {
        let (by_hand, library, sum) = shifted_by_hand(&[1000.0, 1002.0, 999.0], 0).unwrap();
        // python3: 2 + log(1 + exp(-2) + exp(-3)) = 2.169846...
        let expected = 2.0 + libm::log(1.0 + libm::exp(-2.0) + libm::exp(-3.0));
        assert_relative_eq!(by_hand, expected, max_relative = 1e-15);
        // The library subtracts 1002.17 from 1000 and keeps about 13 digits of the difference.
        assert_relative_eq!(library, expected, max_relative = 1e-12);
        assert!(sum.abs() < 1e-15, "{sum}");
        assert!(shifted_by_hand(&[1.0, 2.0], 2).is_err());
    }

    #[test]
    fn exercise_5_jensen_holds_and_entropy_is_at_most_ln_k() {
        let (gap, excess, worst) = jensen_and_entropy().unwrap();
        assert!(gap >= 0.0, "{gap}");
        assert!(excess < 0.0, "{excess}");
        assert!(worst < 1e-14, "{worst}");
    }

    #[test]
    fn exercise_6_the_steepest_point_is_minus_ln_2() {
        let (z, g) = steepest_squared_error();
        assert!((z + std::f64::consts::LN_2).abs() < 1e-3, "{z}");
        // At σ = 1/3 the slope is -(1/3)(2/3)² = -4/27.
        assert!((g + 4.0 / 27.0).abs() < 1e-6, "{g}");
        assert!(g >= -4.0 / 27.0);
    }

    #[test]
    fn exercise_7_small_weights_start_near_ln_3_and_large_ones_do_not() {
        let small = initial_loss(0.01, 7).unwrap();
        assert!((small - libm::log(3.0)).abs() < 1e-3, "{small}");
        let large = initial_loss(3.0, 7).unwrap();
        assert!(large > libm::log(3.0) + 0.5, "{large}");
    }
}
