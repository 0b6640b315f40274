//! The softmax of one sample's logits, and its Jacobian.

use ch03_softmax::{SoftmaxError, softmax_rows};
use ndarray::{Array1, Array2, Axis};

/// The softmax of one sample's logits: Chapter 3's `softmax_rows` on a batch of one row.
pub fn softmax(logits: &Array1<f64>) -> Result<Array1<f64>, SoftmaxError> {
    let probs = softmax_rows(logits.view().insert_axis(Axis(0)))?;
    Ok(probs.row(0).to_owned())
}

// ANCHOR: jacobian
/// The Jacobian of the softmax, given its output `probs`:
/// `J[i][j] = ∂p_i/∂z_j = p_i ([i = j] - p_j)`, that is, `diag(p) - p pᵀ`.
pub fn softmax_jacobian(probs: &Array1<f64>) -> Array2<f64> {
    let k = probs.len();
    Array2::from_shape_fn((k, k), |(i, j)| {
        let same = if i == j { 1.0 } else { 0.0 };
        probs[i] * (same - probs[j])
    })
}
// ANCHOR_END: jacobian

// ANCHOR: curvature
/// `H v`, a matrix times a vector, as a plain loop.
pub fn times(h: &Array2<f64>, v: &Array1<f64>) -> Array1<f64> {
    h.rows()
        .into_iter()
        .map(|row| row.iter().zip(v).map(|(a, b)| a * b).sum())
        .collect()
}

/// `vᵀ H v`: the second derivative of a function with Hessian `H` along the direction `v`.
/// A function is convex when this is never negative.
pub fn curvature(h: &Array2<f64>, v: &Array1<f64>) -> f64 {
    v.iter().zip(&times(h, v)).map(|(a, b)| a * b).sum()
}
// ANCHOR_END: curvature

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn the_jacobian_of_blue_green_red() {
        let p = softmax(&array![2.0, 1.0, -1.0]).unwrap();
        let j = softmax_jacobian(&p);
        // Symmetric, p(1 - p) on the diagonal, -p_i p_j off it, rows summing to zero.
        assert_eq!(j[[0, 0]], p[0] * (1.0 - p[0]));
        assert_eq!(j[[0, 2]], -p[0] * p[2]);
        assert_eq!(j[[0, 2]], j[[2, 0]]);
        for row in j.rows() {
            assert!(row.sum().abs() < 1e-16, "{row}");
        }
    }

    #[test]
    fn curvature_is_the_quadratic_form() {
        let h = array![[2.0, 1.0], [1.0, 3.0]];
        let v = array![1.0, -2.0];
        assert_eq!(times(&h, &v), array![0.0, -5.0]);
        // 2·1 + 2·1·(1·-2) + 3·4 = 10.
        assert_eq!(curvature(&h, &v), 10.0);
    }

    #[test]
    fn bad_logits_are_an_error_not_a_panic() {
        assert!(softmax(&array![1.0, f64::NAN]).is_err());
    }
}
