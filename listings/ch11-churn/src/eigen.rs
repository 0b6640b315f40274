//! The eigenvalues of a small symmetric matrix, by Jacobi's method: machinery for the chapter's
//! convexity check, not part of the trainer.
//!
//! Each step picks the largest entry off the diagonal and turns the matrix by the plane rotation
//! that makes that entry zero. The sum of the squares off the diagonal falls at every step, and
//! when it is negligible the diagonal holds the eigenvalues. For the 7 × 7 Hessians of the
//! chapter this takes a few dozen rotations.

use ndarray::{Array1, Array2};

/// The eigenvalues of the symmetric matrix `a`, smallest first, and the eigenvectors as the
/// columns of the second matrix, in the same order. Only the upper triangle of `a` is read.
///
/// # Panics
/// If `a` is not square.
pub fn symmetric_eigen(a: &Array2<f64>) -> (Array1<f64>, Array2<f64>) {
    let n = a.nrows();
    assert_eq!(a.ncols(), n, "a symmetric matrix is square");
    let mut m = Array2::from_shape_fn((n, n), |(i, j)| a[[i.min(j), i.max(j)]]);
    let mut v = Array2::<f64>::eye(n);
    let scale = m.iter().map(|x| x * x).sum::<f64>().sqrt();
    for _ in 0..100 * n * n {
        // The largest entry above the diagonal.
        let (mut p, mut q, mut largest) = (0, 0, 0.0);
        for i in 0..n {
            for j in i + 1..n {
                if m[[i, j]].abs() > largest {
                    (p, q, largest) = (i, j, m[[i, j]].abs());
                }
            }
        }
        if largest <= 1e-15 * scale {
            break;
        }
        // The angle θ with tan 2θ = 2 m_pq / (m_qq − m_pp), as t = tan θ, the smaller root.
        let theta = (m[[q, q]] - m[[p, p]]) / (2.0 * m[[p, q]]);
        let t = theta.signum() / (theta.abs() + libm::sqrt(theta * theta + 1.0));
        let t = if theta == 0.0 { 1.0 } else { t };
        let c = 1.0 / libm::sqrt(t * t + 1.0);
        let s = t * c;
        // m ← Jᵀ m J and v ← v J, for the rotation J in the plane (p, q).
        for k in 0..n {
            let (mkp, mkq) = (m[[k, p]], m[[k, q]]);
            m[[k, p]] = c * mkp - s * mkq;
            m[[k, q]] = s * mkp + c * mkq;
        }
        for k in 0..n {
            let (mpk, mqk) = (m[[p, k]], m[[q, k]]);
            m[[p, k]] = c * mpk - s * mqk;
            m[[q, k]] = s * mpk + c * mqk;
        }
        for k in 0..n {
            let (vkp, vkq) = (v[[k, p]], v[[k, q]]);
            v[[k, p]] = c * vkp - s * vkq;
            v[[k, q]] = s * vkp + c * vkq;
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| m[[i, i]].total_cmp(&m[[j, j]]));
    let values = order.iter().map(|&i| m[[i, i]]).collect();
    let vectors = Array2::from_shape_fn((n, n), |(k, col)| v[[k, order[col]]]);
    (values, vectors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ch08_layers::matmul::matmul;
    use ndarray::array;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn a_two_by_two_by_hand() {
        // [[2, 1], [1, 2]] has the eigenvalues 1 and 3, along (1, -1) and (1, 1).
        let (values, vectors) = symmetric_eigen(&array![[2.0, 1.0], [1.0, 2.0]]);
        assert_relative_eq!(values[0], 1.0, max_relative = 1e-14);
        assert_relative_eq!(values[1], 3.0, max_relative = 1e-14);
        assert_relative_eq!(vectors[[0, 0]].abs(), 0.5_f64.sqrt(), max_relative = 1e-14);
        assert_relative_eq!(vectors[[0, 0]], -vectors[[1, 0]], max_relative = 1e-14);
    }

    #[test]
    fn a_diagonal_matrix_is_its_own_answer() {
        let (values, vectors) =
            symmetric_eigen(&array![[3.0, 0.0, 0.0], [0.0, -1.0, 0.0], [0.0, 0.0, 2.0]]);
        assert_eq!(values.to_vec(), [-1.0, 2.0, 3.0]);
        assert_eq!(vectors[[1, 0]].abs(), 1.0);
    }

    #[test]
    fn random_symmetric_matrices_are_rebuilt_from_their_eigenvectors() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for n in [1, 2, 5, 8] {
            let b = Array2::from_shape_fn((n, n), |_| rng.random_range(-1.0..1.0));
            let a = &b + &b.t();
            let (values, v) = symmetric_eigen(&a);
            // A = V diag(λ) Vᵀ, and V is orthonormal.
            let rebuilt = matmul(
                matmul(v.view(), Array2::from_diag(&values).view()).view(),
                v.t(),
            );
            for (x, y) in rebuilt.iter().zip(&a) {
                assert!((x - y).abs() < 1e-12, "{x} vs {y}");
            }
            let identity = matmul(v.t(), v.view());
            for ((i, j), x) in identity.indexed_iter() {
                assert!((x - if i == j { 1.0 } else { 0.0 }).abs() < 1e-12);
            }
            assert!(values.windows(2).into_iter().all(|w| w[0] <= w[1]));
        }
    }
}
