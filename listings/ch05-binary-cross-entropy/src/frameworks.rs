//! What PyTorch and Keras compute for binary cross-entropy, written from their documented rules.
//!
//! Both frameworks take probabilities that may be exactly 0 or 1, where a logarithm is
//! `-inf`. PyTorch's `BCELoss` clamps each logarithm at -100; Keras's `BinaryCrossentropy`
//! clips each probability into `[1e-7, 1 - 1e-7]`. The first functions apply those rules in
//! `f64`; the `_f32` ones compute in single precision, the frameworks' default, as they do
//! (checked against the libraries' own output in `tools/reference-checks/bce_edges.out`).

use ndarray::{ArrayView1, Zip};

use crate::bce::check_batch_and_probs;
use crate::error::LossError;

// ANCHOR: torch
/// PyTorch's `nn.BCELoss()` with its default `reduction="mean"`, its rule applied in `f64`
/// (as PyTorch does for a `float64` tensor): the mean of
/// `-(y max(ln p, -100) + (1 - y) max(ln(1 - p), -100))`.
pub fn torch_bce_loss(probs: ArrayView1<f64>, targets: ArrayView1<f64>) -> Result<f64, LossError> {
    check_batch_and_probs(probs, targets)?;
    let total: f64 = Zip::from(probs).and(targets).fold(0.0, |acc, &p, &y| {
        acc - (y * libm::log(p).max(-100.0) + (1.0 - y) * libm::log(1.0 - p).max(-100.0))
    });
    Ok(total / probs.len() as f64)
}
// ANCHOR_END: torch

// ANCHOR: keras
/// The clipping bound of Keras (its `backend.epsilon()`).
pub const KERAS_EPSILON: f64 = 1e-7;

/// Keras's `BinaryCrossentropy()` with its defaults (`from_logits=False`, no label
/// smoothing) on one row of predictions, its rule applied in `f64`: each probability clipped
/// into `[1e-7, 1 - 1e-7]`, then the mean over the row of `-(y ln p + (1 - y) ln(1 - p))`.
pub fn keras_binary_crossentropy(
    probs: ArrayView1<f64>,
    targets: ArrayView1<f64>,
) -> Result<f64, LossError> {
    check_batch_and_probs(probs, targets)?;
    let total: f64 = Zip::from(probs).and(targets).fold(0.0, |acc, &p, &y| {
        let p = p.clamp(KERAS_EPSILON, 1.0 - KERAS_EPSILON);
        acc - (y * libm::log(p) + (1.0 - y) * libm::log(1.0 - p))
    });
    Ok(total / probs.len() as f64)
}
// ANCHOR_END: keras

// ANCHOR: float32
/// The sigmoid in single precision, `1 / (1 + e^(-z))` in `f32`, as a `float32` tensor gets
/// it. Above about 16.6, `e^(-z)` is less than half the gap between 1 and the next `f32`, and
/// the result is exactly 1.
pub fn sigmoid_f32(z: f32) -> f32 {
    1.0 / (1.0 + libm::expf(-z))
}

/// PyTorch's `BCELoss` on one sample of `float32`, as PyTorch writes it:
/// `(y - 1) max(ln(1 - p), -100) - y max(ln p, -100)`, with `ln(1 - p)` as `log1p(-p)`.
/// Its domain is `p` and `y` in [0, 1].
pub fn torch_bce_loss_f32(p: f32, y: f32) -> f32 {
    (y - 1.0) * libm::log1pf(-p).max(-100.0) - y * libm::logf(p).max(-100.0)
}

/// The gradient PyTorch's autograd gives for `BCELoss(sigmoid(z), y)` with respect to `z`, in
/// `float32`: `BCELoss`'s backward, `(p - y) / max((1 - p) p, 1e-12)`, times the sigmoid's,
/// `(1 - p) p`. Once `p` is exactly 1, the sigmoid's factor is 0, and so is the gradient.
pub fn torch_bce_grad_f32(z: f32, y: f32) -> f32 {
    let p = sigmoid_f32(z);
    let slope = (1.0 - p) * p;
    (p - y) / slope.max(1e-12) * slope
}

/// Keras 3's `BinaryCrossentropy` on one sample of `float32`: `p` clipped into
/// `[ε, 1 - ε]` with `ε = 1e-7`, both bounds rounded to `f32` (so the upper one is
/// 0.99999988), then `-(y ln p + (1 - y) ln(1 - p))`. Its domain is `p` and `y` in [0, 1].
pub fn keras_binary_crossentropy_f32(p: f32, y: f32) -> f32 {
    let eps = KERAS_EPSILON as f32;
    let p = p.clamp(eps, 1.0 - eps);
    -(y * libm::logf(p) + (1.0 - y) * libm::logf(1.0 - p))
}

/// tf.keras 2.x, the API of the source article (its documented rule; TensorFlow is not run
/// here): the same clip, and `ε` added inside each logarithm as well.
pub fn tf_keras2_binary_crossentropy_f32(p: f32, y: f32) -> f32 {
    let eps = KERAS_EPSILON as f32;
    let p = p.clamp(eps, 1.0 - eps);
    -(y * libm::logf(p + eps) + (1.0 - y) * libm::logf(1.0 - p + eps))
}
// ANCHOR_END: float32

// ANCHOR: data
/// The source article's ten inputs, as PyTorch printed them (to four decimals)...
pub const X: [f64; 10] = [
    0.0421, -0.6606, 0.6276, 1.2491, -1.1535, // first five
    -1.4137, 0.8967, -1.1786, -1.3214, 0.2828, // last five
];
/// ... and their labels.
pub const Y: [f64; 10] = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0];

/// The article's Keras example: six labels and six predicted probabilities.
pub const LIST_TARGETS: [f64; 6] = [0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
pub const LIST_PROBS: [f64; 6] = [0.5, 0.7, 0.2, 0.3, 0.5, 0.6];
// ANCHOR_END: data

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bce::{bce, bce_with_logits};
    use approx::assert_relative_eq;
    use ch02_sigmoid::sigmoid;
    use ndarray::{Array1, array};

    // Independent python3 computations (math.log, math.exp, plain loops), kept as constants.
    const PY_X_BCE: f64 = 0.45795982414420183;
    const PY_LIST_BCE: f64 = 0.5398464220309535;

    #[test]
    fn the_tensor_example_agrees_with_python() {
        let x = Array1::from(X.to_vec());
        let y = Array1::from(Y.to_vec());
        let probs = x.mapv(sigmoid);
        assert_relative_eq!(
            torch_bce_loss(probs.view(), y.view()).unwrap(),
            PY_X_BCE,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            bce(probs.view(), y.view()).unwrap(),
            PY_X_BCE,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            bce_with_logits(x.view(), y.view()).unwrap(),
            PY_X_BCE,
            max_relative = 1e-14
        );
    }

    #[test]
    fn the_list_example_agrees_with_python() {
        let p = Array1::from(LIST_PROBS.to_vec());
        let y = Array1::from(LIST_TARGETS.to_vec());
        assert_relative_eq!(
            keras_binary_crossentropy(p.view(), y.view()).unwrap(),
            PY_LIST_BCE,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            bce(p.view(), y.view()).unwrap(),
            PY_LIST_BCE,
            max_relative = 1e-14
        );
    }

    #[test]
    fn the_edges_are_capped() {
        // -ln(1e-7) = 16.11809565095832 (python3: -math.log(1e-7)).
        let capped = keras_binary_crossentropy(array![0.0].view(), array![1.0].view()).unwrap();
        assert_relative_eq!(capped, 16.11809565095832, max_relative = 1e-12);
        assert_eq!(
            torch_bce_loss(array![0.0].view(), array![1.0].view()).unwrap(),
            100.0
        );
        assert_eq!(
            torch_bce_loss(array![1.0].view(), array![1.0].view()).unwrap(),
            0.0
        );
    }

    #[test]
    fn in_single_precision_the_caps_come_sooner() {
        // σ(17) is exactly 1.0f, and 1 - 1e-7 rounds to 0.99999988 in f32.
        assert_eq!(sigmoid_f32(17.0), 1.0);
        assert_eq!(torch_bce_loss_f32(sigmoid_f32(17.0), 0.0), 100.0);
        assert_eq!(torch_bce_grad_f32(17.0, 0.0), 0.0);
        let keras_cap = keras_binary_crossentropy_f32(1.0, 0.0);
        assert_relative_eq!(
            f64::from(keras_cap),
            -libm::log(1.192_092_9e-7),
            max_relative = 1e-6
        );
        // tf.keras 2 adds ε inside the log: -ln(1.19e-7 + 1e-7).
        let tf_cap = tf_keras2_binary_crossentropy_f32(1.0, 0.0);
        assert_relative_eq!(
            f64::from(tf_cap),
            -libm::log(2.192_093e-7),
            max_relative = 1e-6
        );
    }

    #[test]
    fn bad_input_is_an_error() {
        assert_eq!(
            torch_bce_loss(array![-0.1].view(), array![1.0].view()),
            Err(LossError::ProbabilityOutOfRange {
                index: 0,
                value: -0.1
            })
        );
        let empty = Array1::<f64>::zeros(0);
        assert_eq!(
            keras_binary_crossentropy(empty.view(), empty.view()),
            Err(LossError::EmptyBatch)
        );
    }
}
