//! Checking an identity by numbers: both sides at many random points, and finite differences
//! for the derivatives. Every derivation of the chapter is checked with these few functions.

use ndarray::{Array, Array1, Array2, Dimension};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

// ANCHOR: disagreement
/// How far apart two numbers that should be equal are: their difference, measured relative to
/// their size once that is above 1. A NaN on either side counts as an infinite disagreement, so
/// that it cannot hide (`f64::max` would skip it).
pub fn disagreement(a: f64, b: f64) -> f64 {
    let d = (a - b).abs() / a.abs().max(b.abs()).max(1.0);
    if d.is_nan() { f64::INFINITY } else { d }
}

/// The largest disagreement between the two sides of an identity over `points` random points.
/// `draw` makes one point from a generator seeded with `seed`; `sides` gives the pairs of
/// values that must agree there (one pair for a number, one per entry for a vector).
pub fn worst_disagreement<P>(
    seed: u64,
    points: usize,
    mut draw: impl FnMut(&mut ChaCha8Rng) -> P,
    sides: impl Fn(&P) -> Vec<(f64, f64)>,
) -> f64 {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut worst: f64 = 0.0;
    for _ in 0..points {
        let point = draw(&mut rng);
        for (a, b) in sides(&point) {
            worst = worst.max(disagreement(a, b));
        }
    }
    worst
}

/// The entries of two arrays of one shape, paired for [`worst_disagreement`].
pub fn side_by_side<D: Dimension>(a: &Array<f64, D>, b: &Array<f64, D>) -> Vec<(f64, f64)> {
    a.iter().copied().zip(b.iter().copied()).collect()
}
// ANCHOR_END: disagreement

// ANCHOR: differences
/// The step `h` of the central differences. Their error is about `h²` times a third
/// derivative, from the formula, plus about `1e-16 / h` times the size of the function, from
/// rounding.
pub const STEP: f64 = 1e-5;

/// The slope of `f` at `x`: `(f(x + h) - f(x - h)) / 2h`.
pub fn slope(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    (f(x + STEP) - f(x - STEP)) / (2.0 * STEP)
}

/// The second derivative of `f` at `x`: `(f(x + h) - 2 f(x) + f(x - h)) / h²`, with the larger
/// step `h = 1e-4`, because rounding now enters divided by `h²`.
pub fn second_slope(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    let h = 1e-4;
    (f(x + h) - 2.0 * f(x) + f(x - h)) / (h * h)
}

/// The rate of change of `f` at `z` along the direction `v`:
/// `(f(z + h v) - f(z - h v)) / 2h`. With `v` the `j`-th unit vector, the partial derivative
/// along `z_j`. `f` may return a number or a vector (then every entry is differentiated).
pub fn along<T>(f: impl Fn(&Array1<f64>) -> T, z: &Array1<f64>, v: &Array1<f64>) -> T
where
    T: std::ops::Sub<Output = T> + std::ops::Div<f64, Output = T>,
{
    let up = z + &(v * STEP);
    let down = z - &(v * STEP);
    (f(&up) - f(&down)) / (2.0 * STEP)
}

/// The `j`-th of `k` unit vectors: 1 at `j`, 0 elsewhere.
pub fn unit(k: usize, j: usize) -> Array1<f64> {
    Array1::from_shape_fn(k, |i| if i == j { 1.0 } else { 0.0 })
}

/// The gradient of `f` at `z`, one partial derivative at a time.
pub fn gradient_by_differences(f: impl Fn(&Array1<f64>) -> f64, z: &Array1<f64>) -> Array1<f64> {
    Array1::from_shape_fn(z.len(), |j| along(&f, z, &unit(z.len(), j)))
}

/// The Jacobian of `f` at `z`: entry `(i, j)` is the rate of change of `f_i` along `z_j`.
pub fn jacobian_by_differences(
    f: impl Fn(&Array1<f64>) -> Array1<f64>,
    z: &Array1<f64>,
) -> Array2<f64> {
    let k = z.len();
    let columns: Vec<Array1<f64>> = (0..k).map(|j| along(&f, z, &unit(k, j))).collect();
    let rows = columns.first().map_or(0, Array1::len);
    Array2::from_shape_fn((rows, k), |(i, j)| columns[j][i])
}
// ANCHOR_END: differences

// ANCHOR: draws
/// `k` numbers drawn uniformly from `[-scale, scale]`: logits, or a direction.
pub fn uniform_vector(rng: &mut ChaCha8Rng, k: usize, scale: f64) -> Array1<f64> {
    Array1::from_shape_fn(k, |_| rng.random_range(-scale..=scale))
}

/// A distribution over `k` outcomes, uniformly distributed over all of them: `k` exponential
/// draws `-ln(1 - u)`, divided by their sum.
pub fn random_distribution(rng: &mut ChaCha8Rng, k: usize) -> Vec<f64> {
    let draws: Vec<f64> = (0..k)
        .map(|_| -libm::log(1.0 - rng.random_range(0.0..1.0)))
        .collect();
    let sum: f64 = draws.iter().sum();
    draws.iter().map(|d| d / sum).collect()
}
// ANCHOR_END: draws

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_true_identity_agrees_and_a_false_one_does_not() {
        let sigmoid = ch02_sigmoid::sigmoid;
        let draw = |rng: &mut ChaCha8Rng| rng.random_range(-20.0..=20.0);
        let right = worst_disagreement(1, 1000, draw, |&z: &f64| {
            let s = sigmoid(z);
            vec![(slope(sigmoid, z), s * (1.0 - s))]
        });
        assert!(right < 1e-9, "{right}");
        // A plausible slip, σ' = σ(1 + σ), is caught.
        let wrong = worst_disagreement(1, 1000, draw, |&z: &f64| {
            let s = sigmoid(z);
            vec![(slope(sigmoid, z), s * (1.0 + s))]
        });
        assert!(wrong > 0.5, "{wrong}");
    }

    #[test]
    fn nan_is_never_agreement() {
        assert_eq!(disagreement(f64::NAN, 1.0), f64::INFINITY);
        assert_eq!(disagreement(f64::INFINITY, f64::INFINITY), f64::INFINITY);
        assert_eq!(disagreement(1e6, 1e6 + 1.0), 1.0 / (1e6 + 1.0));
        assert_eq!(disagreement(0.25, 0.5), 0.25);
    }

    #[test]
    fn along_a_unit_vector_is_a_partial_derivative() {
        let z = ndarray::array![1.0, 2.0, 3.0];
        let f = |z: &Array1<f64>| z[0] * z[1] * z[1];
        // ∂f/∂z₁ = 2 z₀ z₁ = 4.
        approx::assert_relative_eq!(along(f, &z, &unit(3, 1)), 4.0, max_relative = 1e-9);
        let g = |z: &Array1<f64>| z.mapv(|x| x * x);
        let d = along(g, &z, &unit(3, 2));
        approx::assert_abs_diff_eq!(d[2], 6.0, epsilon = 1e-9);
        approx::assert_abs_diff_eq!(d[0], 0.0, epsilon = 1e-12);
    }

    #[test]
    fn random_distributions_are_distributions() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for k in 1..8 {
            let p = random_distribution(&mut rng, k);
            assert_eq!(p.len(), k);
            assert!(p.iter().all(|&x| (0.0..=1.0).contains(&x)));
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }
}
