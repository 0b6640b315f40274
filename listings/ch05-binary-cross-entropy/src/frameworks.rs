//! What PyTorch and Keras compute for binary cross-entropy, written from their documented rules.
//!
//! Both frameworks take probabilities that may be exactly 0 or 1, where a logarithm is
//! `-inf`. PyTorch's `BCELoss` clamps each logarithm at -100; Keras's `BinaryCrossentropy`
//! clips each probability into `[1e-7, 1 - 1e-7]`. These functions do the same in `f64`.

use ndarray::{ArrayView1, Zip};

use crate::bce::check_batch_and_probs;
use crate::error::LossError;

// ANCHOR: torch
/// PyTorch's `nn.BCELoss()` with its default `reduction="mean"`:
/// the mean of `-(y max(ln p, -100) + (1 - y) max(ln(1 - p), -100))`.
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
/// smoothing) on one row of predictions: each probability clipped into
/// `[1e-7, 1 - 1e-7]`, then the mean over the row of `-(y ln p + (1 - y) ln(1 - p))`.
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
