//! The matrix product, as the plain loop of its definition.
//!
//! `ndarray`'s two-dimensional `dot` picks a kernel by CPU at run time, and the kernels round
//! differently in the last bits. This loop always adds the same products in the same order
//! (`r = 0, 1, 2, ...`), with one rounding per multiply and one per add, so its result is
//! fixed by the inputs alone.

use ndarray::{Array2, ArrayView2};

// ANCHOR: matmul
/// The product `a · b` of an `(n, m)` and an `(m, q)` matrix: entry `(i, j)` is the sum over
/// `r` of `a[i, r] · b[r, j]`, added up in the order `r = 0, 1, 2, ...`.
///
/// # Panics
/// If the inner dimensions differ: callers check shapes first and report them as errors.
pub fn matmul(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    let ((n, m), (m_b, q)) = (a.dim(), b.dim());
    assert_eq!(
        m, m_b,
        "matmul: ({n}, {m}) · ({m_b}, {q}): inner dimensions differ"
    );
    // `a` row after row and `b` column after column (`bᵀ` row after row), each as one slice,
    // so that row `i` of `a` and column `j` of `b` are runs of `m` numbers side by side.
    let a = a.as_standard_layout();
    let b_t = b.t().as_standard_layout().into_owned();
    let (a, b_t) = (a.as_slice().unwrap(), b_t.as_slice().unwrap());
    let mut c = Vec::with_capacity(n * q);
    for i in 0..n {
        let a_row = &a[i * m..(i + 1) * m];
        for j in 0..q {
            let b_col = &b_t[j * m..(j + 1) * m];
            let mut sum = 0.0;
            for r in 0..m {
                sum += a_row[r] * b_col[r];
            }
            c.push(sum);
        }
    }
    Array2::from_shape_vec((n, q), c).unwrap()
}
// ANCHOR_END: matmul

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;
    use proptest::prelude::*;

    /// The textbook definition, one element at a time.
    fn naive(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
        Array2::from_shape_fn((a.nrows(), b.ncols()), |(i, j)| {
            (0..a.ncols()).fold(0.0, |acc, r| acc + a[[i, r]] * b[[r, j]])
        })
    }

    #[test]
    fn a_small_product() {
        let a = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
        let b = array![[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]];
        assert_eq!(
            matmul(a.view(), b.view()),
            array![[58.0, 64.0], [139.0, 154.0]]
        );
    }

    #[test]
    fn transposed_views_give_the_same_product() {
        let a = array![[1.0, -2.0], [0.5, 4.0], [3.0, 1.0]];
        let b = array![[2.0, 1.0, 0.0], [-1.0, 3.0, 2.0]];
        let at = a.t().to_owned();
        let bt = b.t().to_owned();
        assert_eq!(matmul(at.t(), bt.t()), matmul(a.view(), b.view()));
        assert_eq!(matmul(a.t(), b.t()), naive(a.t(), b.t()));
    }

    #[test]
    fn empty_dimensions_give_empty_or_zero_products() {
        let a = Array2::<f64>::zeros((0, 3));
        let b = Array2::<f64>::ones((3, 2));
        assert_eq!(matmul(a.view(), b.view()).dim(), (0, 2));
        let a = Array2::<f64>::ones((2, 0));
        let b = Array2::<f64>::ones((0, 4));
        assert_eq!(matmul(a.view(), b.view()), Array2::<f64>::zeros((2, 4)));
        let b = Array2::<f64>::ones((0, 0));
        assert_eq!(matmul(a.view(), b.view()).dim(), (2, 0));
    }

    #[test]
    #[should_panic(expected = "inner dimensions differ")]
    fn mismatched_inner_dimensions_panic() {
        let _ = matmul(
            Array2::<f64>::zeros((2, 3)).view(),
            Array2::<f64>::zeros((2, 3)).view(),
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn agrees_bit_for_bit_with_the_definition(
            n in 1usize..6, m in 1usize..6, q in 1usize..6,
            seed in proptest::collection::vec(-10.0f64..10.0, 72),
        ) {
            let a = Array2::from_shape_fn((n, m), |(i, r)| seed[i * 6 + r]);
            let b = Array2::from_shape_fn((m, q), |(r, j)| seed[36 + r * 6 + j]);
            prop_assert_eq!(matmul(a.view(), b.view()), naive(a.view(), b.view()));
        }
    }
}
