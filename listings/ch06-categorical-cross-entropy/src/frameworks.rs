//! Keras's categorical cross-entropy from probabilities, written from its documented rule, and
//! the source article's examples.

use ndarray::ArrayView2;

use crate::LossError;
use crate::cross_entropy::categorical_cross_entropy;

// ANCHOR: keras
/// Keras's `CategoricalCrossentropy()` with its defaults: each row of predictions is divided
/// by its sum, clipped into `[1e-7, 1 - 1e-7]`, and the loss `-Σ_j y_j ln p_j` is averaged over
/// the rows.
pub fn keras_categorical_crossentropy(
    probs: ArrayView2<f64>,
    targets: ArrayView2<f64>,
) -> Result<f64, LossError> {
    // The checks of the book's own function: shapes, ranges, an empty batch.
    categorical_cross_entropy(probs, targets)?;
    let eps = 1e-7;
    let total: f64 = probs
        .rows()
        .into_iter()
        .zip(targets.rows())
        .map(|(p, y)| {
            let sum = p.sum();
            p.iter()
                .zip(y)
                .map(|(pj, yj)| -yj * libm::log((pj / sum).clamp(eps, 1.0 - eps)))
                .sum::<f64>()
        })
        .sum();
    Ok(total / probs.nrows() as f64)
}
// ANCHOR_END: keras

// ANCHOR: data
/// The article's 10×5 logits, as PyTorch printed them (to four decimals)...
pub const LOGITS: [[f64; 5]; 10] = [
    [-0.5698, -0.0558, -0.2550, 1.6812, 0.0238],  // row 0
    [-2.1786, 1.3923, -0.2363, -0.4601, -1.4949], // row 1
    [1.3679, 1.2853, 0.4087, -0.5743, -0.2752],   // row 2
    [2.1995, 0.1469, -0.1661, 0.4617, -0.4395],   // row 3
    [-0.5686, -0.7453, -0.1455, -0.5304, 0.3020], // row 4
    [-0.1489, -0.9143, -1.5282, -0.5023, 1.2751], // row 5
    [-1.3830, -0.6535, 0.5392, -2.2050, -1.4138], // row 6
    [-0.5592, 1.5028, 0.0442, -1.5487, -0.1522],  // row 7
    [0.7436, -1.8956, 1.0145, -0.2974, -2.0576],  // row 8
    [0.1003, 0.6604, -1.3535, -0.3053, -0.4034],  // row 9
];
/// ... and the class of each row.
pub const TARGETS: [usize; 10] = [
    3, 0, 1, 1, 2, // rows 0 to 4
    4, 0, 2, 1, 3, // rows 5 to 9
];

/// The article's Keras example: a dog among (cat, dog, bear), predicted 5%, 85%, 10%.
pub const DOG_TARGET: [f64; 3] = [0.0, 1.0, 0.0];
pub const DOG_PROBS: [f64; 3] = [0.05, 0.85, 0.10];
// ANCHOR_END: data

/// The article's logits as an array.
pub fn logits() -> ndarray::Array2<f64> {
    ndarray::Array2::from_shape_fn((10, 5), |(i, j)| LOGITS[i][j])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cross_entropy::{cross_entropy_terms_with_logits, cross_entropy_with_logits};
    use approx::assert_relative_eq;
    use ndarray::Array2;

    // Independent python3 computations (math.log, math.exp, a max-subtracted logsumexp).
    const PY_MEAN: f64 = 1.973161988474153;
    const PY_FIRST_TERMS: [f64; 3] = [0.480094, 3.933407, 1.053639];
    const PY_DOG: f64 = 0.16251892949777494;

    #[test]
    fn the_tensor_example_agrees_with_python() {
        let logits = logits();
        assert_relative_eq!(
            cross_entropy_with_logits(logits.view(), &TARGETS).unwrap(),
            PY_MEAN,
            max_relative = 1e-14
        );
        let terms = cross_entropy_terms_with_logits(logits.view(), &TARGETS).unwrap();
        for (t, py) in terms.iter().zip(PY_FIRST_TERMS) {
            assert!((t - py).abs() < 5e-7, "{t} vs {py}");
        }
    }

    #[test]
    fn the_dog_agrees_with_python() {
        let p = Array2::from_shape_vec((1, 3), DOG_PROBS.to_vec()).unwrap();
        let y = Array2::from_shape_vec((1, 3), DOG_TARGET.to_vec()).unwrap();
        assert_relative_eq!(
            keras_categorical_crossentropy(p.view(), y.view()).unwrap(),
            PY_DOG,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            categorical_cross_entropy(p.view(), y.view()).unwrap(),
            PY_DOG,
            max_relative = 1e-14
        );
    }
}
