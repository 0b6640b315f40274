//! One fully connected layer, and the ReLU that goes between layers.

use ndarray::{Array2, ArrayView2};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use crate::matmul::matmul;

// ANCHOR: linear
/// A fully connected layer: every output is a weighted sum of every input, plus a bias.
///
/// `w` has one row per input and one column per output, so a batch `x` of shape
/// `(n, fan_in)` maps to `x · w + b` of shape `(n, fan_out)`. The bias is a single row, added
/// to every row of the batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    pub w: Array2<f64>,
    pub b: Array2<f64>,
}
// ANCHOR_END: linear

impl Linear {
    // ANCHOR: new
    /// A layer whose weights and biases are drawn uniformly from `(-1/√fan_in, 1/√fan_in)`,
    /// the range PyTorch's `nn.Linear` uses by default.
    ///
    /// The bound shrinks as a layer gets more inputs, so that a sum of `fan_in` products stays
    /// of order one whatever the width, and the first logits are neither huge nor all zero.
    /// The weights are drawn first, row by row, then the biases.
    pub fn new(fan_in: usize, fan_out: usize, rng: &mut ChaCha8Rng) -> Linear {
        let bound = 1.0 / (fan_in as f64).sqrt();
        let mut draw = |_| rng.random_range(-bound..bound);
        let w = Array2::from_shape_fn((fan_in, fan_out), &mut draw);
        let b = Array2::from_shape_fn((1, fan_out), &mut draw);
        Linear { w, b }
    }
    // ANCHOR_END: new

    pub fn fan_in(&self) -> usize {
        self.w.nrows()
    }

    pub fn fan_out(&self) -> usize {
        self.w.ncols()
    }

    // ANCHOR: forward
    /// The pre-activations `z = x · w + b` of a batch, one row per sample.
    ///
    /// # Panics
    /// If `x` does not have `fan_in` columns; [`crate::Network`] checks that first.
    pub fn forward(&self, x: ArrayView2<f64>) -> Array2<f64> {
        let mut z = matmul(x, self.w.view());
        // `b` is one row; ndarray broadcasts it over every row of the batch.
        z += &self.b;
        z
    }
    // ANCHOR_END: forward
}

// ANCHOR: relu
/// The rectified linear unit, elementwise: negative values become zero, the rest pass as they
/// are. A NaN passes through, so that a broken input is not hidden.
pub fn relu(z: ArrayView2<f64>) -> Array2<f64> {
    z.mapv(|v| if v < 0.0 { 0.0 } else { v })
}
// ANCHOR_END: relu

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;
    use rand::SeedableRng;

    #[test]
    fn new_has_the_right_shapes_and_stays_within_the_bound() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let layer = Linear::new(16, 3, &mut rng);
        assert_eq!(layer.w.dim(), (16, 3));
        assert_eq!(layer.b.dim(), (1, 3));
        assert_eq!((layer.fan_in(), layer.fan_out()), (16, 3));
        assert!(layer.w.iter().chain(layer.b.iter()).all(|v| v.abs() < 0.25));
        // Not all equal: the draws really are random.
        assert!(layer.w.iter().any(|&v| v != layer.w[[0, 0]]));
    }

    #[test]
    fn new_is_deterministic_for_a_seed() {
        let a = Linear::new(4, 10, &mut ChaCha8Rng::seed_from_u64(42));
        let b = Linear::new(4, 10, &mut ChaCha8Rng::seed_from_u64(42));
        let c = Linear::new(4, 10, &mut ChaCha8Rng::seed_from_u64(43));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn the_draws_fill_the_range_evenly() {
        // 40,000 draws of U(-0.5, 0.5): mean near 0, variance near 1/12 of the width squared.
        let layer = Linear::new(4, 10_000, &mut ChaCha8Rng::seed_from_u64(1));
        let n = layer.w.len() as f64;
        let mean = layer.w.sum() / n;
        let var = layer.w.mapv(|v| (v - mean).powi(2)).sum() / n;
        assert!(mean.abs() < 0.01, "{mean}");
        approx::assert_relative_eq!(var, 1.0 / 12.0, max_relative = 0.02);
    }

    #[test]
    fn forward_adds_the_bias_to_every_row() {
        let layer = Linear {
            w: array![[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]],
            b: array![[0.5, -1.0]],
        };
        let x = array![[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]];
        assert_eq!(layer.forward(x.view()), array![[4.5, 6.0], [0.5, -1.0]]);
    }

    #[test]
    fn relu_zeroes_negatives_and_keeps_nan() {
        let z = array![[-2.0, 0.0, 3.5], [f64::NAN, -0.1, 1.0]];
        let a = relu(z.view());
        assert_eq!(a.row(0), array![0.0, 0.0, 3.5]);
        assert!(a[[1, 0]].is_nan());
        assert_eq!((a[[1, 1]], a[[1, 2]]), (0.0, 1.0));
    }
}
