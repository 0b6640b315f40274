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
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// The product as the book computed it until December 2026: four code paths tuned for
    /// cache order. Kept here only to prove that the plain loop gives the same bits.
    fn tuned(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
        let (n, k) = a.dim();
        let (k_b, m) = b.dim();
        assert_eq!(
            k, k_b,
            "matmul: ({n}, {k}) · ({k_b}, {m}): inner dimensions differ"
        );
        let mut out = Array2::<f64>::zeros((n, m));
        if n == 0 || k == 0 || m == 0 {
            return out;
        }
        // Rows of `b` must be contiguous slices; a transposed view such as `w.t()` is copied once.
        let b = b.as_standard_layout();
        let b_rows = b.as_slice().expect("standard layout is contiguous");
        let out_rows = out.as_slice_mut().expect("a new array is contiguous");

        if let Some(a_cols) = a.t().to_slice() {
            // `a` is a transposed matrix, such as the `x.t()` of a weight gradient `xᵀ · δ`: column
            // `p` of `a` is a contiguous slice. Taking `p` in the outer loop adds the same products
            // in the same order as the loop below, without copying `a`.
            if m == 1 {
                // One column of `b` (the gradient of a single logit): scale a whole column of `a`.
                for (a_col, &b_p) in a_cols.chunks_exact(n).zip(b_rows) {
                    for (o, &a_ip) in out_rows.iter_mut().zip(a_col) {
                        *o += a_ip * b_p;
                    }
                }
                return out;
            }
            for (a_col, b_row) in a_cols.chunks_exact(n).zip(b_rows.chunks_exact(m)) {
                for (&a_ip, out_row) in a_col.iter().zip(out_rows.chunks_exact_mut(m)) {
                    for (o, &b_pj) in out_row.iter_mut().zip(b_row) {
                        *o += a_ip * b_pj;
                    }
                }
            }
            return out;
        }

        let a = a.as_standard_layout();
        let a_rows = a.as_slice().expect("standard layout is contiguous");
        if m == 1 {
            // One output column (a binary classifier's logit): a dot product per row, summed in
            // the same order as the general loop below, so the result is the same to the bit.
            for (a_row, o) in a_rows.chunks_exact(k).zip(out_rows.iter_mut()) {
                *o = a_row
                    .iter()
                    .zip(b_rows)
                    .fold(0.0, |acc, (&a_ip, &b_p)| acc + a_ip * b_p);
            }
            return out;
        }
        for (a_row, out_row) in a_rows.chunks_exact(k).zip(out_rows.chunks_exact_mut(m)) {
            for (&a_ip, b_row) in a_row.iter().zip(b_rows.chunks_exact(m)) {
                for (o, &b_pj) in out_row.iter_mut().zip(b_row) {
                    *o += a_ip * b_pj;
                }
            }
        }
        out
    }

    /// A random matrix of the given shape, stored either row by row or as the transpose of a
    /// column-major array (the layout of `x.t()`), with some exact and negative zeros.
    fn random(rows: usize, cols: usize, transposed: bool, rng: &mut ChaCha8Rng) -> Array2<f64> {
        let mut draw = |_| match rng.random_range(0..10) {
            0 => 0.0,
            1 => -0.0,
            _ => rng.random_range(-10.0..10.0),
        };
        if transposed {
            Array2::from_shape_fn((cols, rows), &mut draw).reversed_axes()
        } else {
            Array2::from_shape_fn((rows, cols), &mut draw)
        }
    }

    #[test]
    fn the_plain_loop_gives_the_bits_of_the_tuned_product() {
        let mut rng = ChaCha8Rng::seed_from_u64(2026);
        for case in 0..2000 {
            let (n, m, q) = (
                rng.random_range(0..12),
                rng.random_range(0..12),
                // One output column is a path of its own in the tuned product.
                if case % 4 == 0 {
                    1
                } else {
                    rng.random_range(0..12)
                },
            );
            let a = random(n, m, rng.random_range(0..2) == 1, &mut rng);
            let b = random(m, q, rng.random_range(0..2) == 1, &mut rng);
            let (plain, fast) = (matmul(a.view(), b.view()), tuned(a.view(), b.view()));
            assert_eq!(plain.dim(), fast.dim());
            for (p, f) in plain.iter().zip(&fast) {
                assert_eq!(p.to_bits(), f.to_bits(), "({n}, {m}) · ({m}, {q})");
            }
        }
    }

    /// The textbook definition, one element at a time.
    fn naive(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
        Array2::from_shape_fn((a.nrows(), b.ncols()), |(i, j)| {
            (0..a.ncols()).fold(0.0, |acc, p| acc + a[[i, p]] * b[[p, j]])
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
            n in 1usize..6, k in 1usize..6, m in 1usize..6,
            seed in proptest::collection::vec(-10.0f64..10.0, 72),
        ) {
            let a = Array2::from_shape_fn((n, k), |(i, p)| seed[i * 6 + p]);
            let b = Array2::from_shape_fn((k, m), |(p, j)| seed[36 + p * 6 + j]);
            prop_assert_eq!(matmul(a.view(), b.view()), naive(a.view(), b.view()));
        }
    }
}
