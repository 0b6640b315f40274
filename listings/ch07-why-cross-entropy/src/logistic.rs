//! Logistic regression on a small data set: its loss, gradient and Hessian in the weights.

use ch02_sigmoid::sigmoid;
use ch02_sigmoid::sigmoid::sigmoid_derivative;
use ch05_binary_cross_entropy::{LossError, bce_with_logits, bce_with_logits_grad};
use ndarray::{Array1, Array2};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A data set for a linear model: one row of `inputs` per sample, whose last entry is 1 (the
/// input of the bias), and a label of 0 or 1 per sample.
#[derive(Debug, Clone)]
pub struct Data {
    pub inputs: Array2<f64>,
    pub targets: Array1<f64>,
}

/// `n` samples with two features drawn uniformly from [-2, 2] and a label drawn with
/// probability `σ(2 x₁ - x₂ + 0.5)` of being 1: labels that no line separates exactly, from a
/// generator seeded with `seed`.
pub fn small_data(n: usize, seed: u64) -> Data {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut inputs = Array2::ones((n, 3));
    let mut targets = Array1::zeros(n);
    for i in 0..n {
        let (x1, x2) = (rng.random_range(-2.0..=2.0), rng.random_range(-2.0..=2.0));
        inputs[[i, 0]] = x1;
        inputs[[i, 1]] = x2;
        let u: f64 = rng.random_range(0.0..1.0);
        targets[i] = if u < sigmoid(2.0 * x1 - x2 + 0.5) {
            1.0
        } else {
            0.0
        };
    }
    Data { inputs, targets }
}

// ANCHOR: logistic
/// The logits `z_i = w · x_i`, one per sample.
pub fn logits(data: &Data, w: &Array1<f64>) -> Array1<f64> {
    data.inputs
        .rows()
        .into_iter()
        .map(|x| x.iter().zip(w).map(|(a, b)| a * b).sum())
        .collect()
}

/// The loss of the weights `w`: Chapter 5's binary cross-entropy of the logits.
pub fn loss(data: &Data, w: &Array1<f64>) -> Result<f64, LossError> {
    bce_with_logits(logits(data, w).view(), data.targets.view())
}

/// Its gradient: `(1/N) Σ_i (σ(z_i) - y_i) x_i`. Chapter 5 gives the slope in each logit,
/// `(σ(z_i) - y_i)/N`, and `∂z_i/∂w = x_i` carries it to the weights.
pub fn gradient(data: &Data, w: &Array1<f64>) -> Result<Array1<f64>, LossError> {
    let per_logit = bce_with_logits_grad(logits(data, w).view(), data.targets.view())?;
    let mut grad = Array1::zeros(w.len());
    for (x, g) in data.inputs.rows().into_iter().zip(&per_logit) {
        grad.scaled_add(*g, &x);
    }
    Ok(grad)
}

/// Its Hessian: `(1/N) Σ_i σ(z_i)(1 - σ(z_i)) x_i x_iᵀ`, that is `Xᵀ diag(σ(1 - σ)) X / N`.
/// Each term is a non-negative number times `x_i x_iᵀ`, whose curvature along `v` is
/// `(x_i · v)² ≥ 0`.
pub fn hessian(data: &Data, w: &Array1<f64>) -> Array2<f64> {
    let n = data.inputs.nrows() as f64;
    let mut h = Array2::zeros((w.len(), w.len()));
    for (x, z) in data.inputs.rows().into_iter().zip(&logits(data, w)) {
        let s = sigmoid_derivative(*z);
        for ((j, k), entry) in h.indexed_iter_mut() {
            *entry += s * x[j] * x[k] / n;
        }
    }
    h
}
// ANCHOR_END: logistic

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn the_data_are_seeded_and_mixed() {
        let a = small_data(20, 7);
        let b = small_data(20, 7);
        assert_eq!(a.inputs, b.inputs);
        assert_eq!(a.targets, b.targets);
        let ones = a.targets.sum();
        assert!(ones > 0.0 && ones < 20.0, "both labels occur");
        assert!(a.inputs.column(2).iter().all(|&x| x == 1.0));
    }

    #[test]
    fn at_zero_weights_the_loss_is_ln_2_and_the_hessian_a_quarter_of_the_inputs_square() {
        let data = small_data(20, 7);
        let w = array![0.0, 0.0, 0.0];
        approx::assert_relative_eq!(
            loss(&data, &w).unwrap(),
            std::f64::consts::LN_2,
            max_relative = 1e-15
        );
        let h = hessian(&data, &w);
        // σ(0)(1 - σ(0)) = ¼ and the bias input is 1: H[2][2] = ¼.
        approx::assert_relative_eq!(h[[2, 2]], 0.25, max_relative = 1e-15);
        assert_eq!(h, h.t());
    }
}
