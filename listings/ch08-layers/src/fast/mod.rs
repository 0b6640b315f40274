//! The matrix product of [`crate::matmul`], many outputs at a time, with the same bits.
//!
//! Not shown in Chapter 8; Appendix B ("Fast, and the same bits") teaches it. Every output of a
//! product is still the sum `0 + a[i,0]·b[0,j] + a[i,1]·b[1,j] + ...`, one rounding per
//! multiply and one per add, in the order `r = 0, 1, 2, ...`: exactly the operations of the
//! plain loop. What changes is how many outputs are computed at once. The lanes of a vector
//! register hold different outputs (neighbouring columns `j`, or neighbouring rows `i` when the
//! product is computed as its transpose), so no output's sum is split or reordered, and no
//! multiply and add are fused into one rounding (no FMA). A block of several rows by several
//! vectors of columns stays in registers while `r` runs, so each number loaded from memory is
//! used many times.
//!
//! The same generic code is compiled three times on x86-64: for AVX-512, for AVX2 and for the
//! baseline (SSE2), and [`Kernel::best`] picks one at run time. Since every kernel performs the
//! same operations on every output, the choice changes the speed, never the result. On other
//! targets (WebAssembly, ARM) only the portable build exists.

mod kernel;
pub mod lanes;

use ndarray::{Array2, ArrayView2};

/// A build of the product for one instruction set. All of them give the same bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// The generic code as the target compiles it by default: SSE2 on x86-64, or whatever
    /// the target has (WebAssembly, ARM).
    Baseline,
    /// AVX2: vectors of four numbers, sixteen registers.
    Avx2,
    /// AVX-512: vectors of eight numbers, thirty-two registers.
    Avx512,
}

impl Kernel {
    /// Every kernel this CPU can run, the baseline first.
    pub fn available() -> Vec<Kernel> {
        let mut kernels = vec![Kernel::Baseline];
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                kernels.push(Kernel::Avx2);
            }
            if std::arch::is_x86_feature_detected!("avx512f") {
                kernels.push(Kernel::Avx512);
            }
        }
        kernels
    }

    /// The widest kernel this CPU can run.
    pub fn best() -> Kernel {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                return Kernel::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                return Kernel::Avx2;
            }
        }
        Kernel::Baseline
    }

    /// The kernel's name, as the benchmark prints it.
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Baseline => "baseline",
            Kernel::Avx2 => "avx2",
            Kernel::Avx512 => "avx512f",
        }
    }
}

/// The product `a · b`, bit for bit what [`crate::matmul`] returns, with the best kernel.
///
/// # Panics
/// If the inner dimensions differ, as [`crate::matmul`] does.
pub fn matmul(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    matmul_with(Kernel::best(), a, b)
}

/// The product `a · b` with a chosen kernel.
///
/// # Panics
/// If the inner dimensions differ, or if this CPU cannot run `kernel` (see
/// [`Kernel::available`]).
pub fn matmul_with(kernel: Kernel, a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    let ((n, m), (m_b, q)) = (a.dim(), b.dim());
    assert_eq!(
        m, m_b,
        "matmul: ({n}, {m}) · ({m_b}, {q}): inner dimensions differ"
    );
    let mut c = vec![0.0; n * q];
    kernel::product(kernel, a, b, &mut c);
    Array2::from_shape_vec((n, q), c).expect("n · q numbers")
}

/// What a dense layer computes: `x · w + b` (the bias row added to every row after the sum,
/// as [`crate::Linear::forward`] adds it), bit for bit.
pub fn affine(x: ArrayView2<f64>, w: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    let mut z = matmul(x, w);
    for mut row in z.rows_mut() {
        for (z, &b) in row.iter_mut().zip(b.iter()) {
            *z += b;
        }
    }
    z
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matmul::matmul as plain;
    use ndarray::{Array2, ShapeBuilder};
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Random numbers of every size and sign, some exact zeros and negative zeros, so that
    /// roundings and the sign of a zero sum are exercised.
    fn random(rng: &mut ChaCha8Rng, shape: (usize, usize), column_major: bool) -> Array2<f64> {
        let mut draw = |_| match rng.random_range(0..20) {
            0 => 0.0,
            1 => -0.0,
            _ => {
                let scale = 10f64.powi(rng.random_range(-8..8));
                rng.random_range(-1.0..1.0) * scale
            }
        };
        if column_major {
            Array2::from_shape_fn(shape.f(), &mut draw)
        } else {
            Array2::from_shape_fn(shape, &mut draw)
        }
    }

    fn same_bits(x: &Array2<f64>, y: &Array2<f64>) -> bool {
        x.dim() == y.dim() && x.iter().zip(y).all(|(a, b)| a.to_bits() == b.to_bits())
    }

    /// The trainers' shapes (churn 6 → 16 → 1 and Iris 4 → 10 → 3, forward and backward,
    /// at batches of 1, 16, 32, 33 and 1,024), then many random shapes, in every layout, with
    /// every kernel this CPU has.
    #[test]
    fn every_kernel_gives_the_plain_loops_bits() {
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        let mut shapes = Vec::new();
        for n in [1, 16, 32, 33, 1024] {
            for (d, h, k) in [(6, 16, 1), (4, 10, 3)] {
                shapes.extend([(n, d, h), (n, h, k), (d, n, h), (h, n, k), (n, k, h)]);
            }
        }
        for _ in 0..300 {
            let mut dim = || match rng.random_range(0..4) {
                0 => rng.random_range(0..3),
                1 => rng.random_range(1..20),
                _ => rng.random_range(1..70),
            };
            shapes.push((dim(), dim(), dim()));
        }
        for (n, m, q) in shapes {
            for layout in 0..4 {
                let a = random(&mut rng, (n, m), layout & 1 == 1);
                let b = random(&mut rng, (m, q), layout & 2 == 2);
                let want = plain(a.view(), b.view());
                for kernel in Kernel::available() {
                    let got = matmul_with(kernel, a.view(), b.view());
                    assert!(
                        same_bits(&got, &want),
                        "{kernel:?}: ({n}, {m}) · ({m}, {q}), layout {layout}"
                    );
                }
            }
        }
    }

    #[test]
    fn transposed_views_and_the_trainers_backward_shapes() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        for n in [1, 7, 32, 100] {
            let x = random(&mut rng, (n, 6), false);
            let delta = random(&mut rng, (n, 16), false);
            let a = random(&mut rng, (n, 16), false);
            let d2 = random(&mut rng, (n, 1), false);
            let w = random(&mut rng, (16, 1), false);
            for kernel in Kernel::available() {
                let pairs = [
                    (x.t(), delta.view()),
                    (a.t(), d2.view()),
                    (d2.view(), w.t()),
                ];
                for (l, r) in pairs {
                    assert!(same_bits(&matmul_with(kernel, l, r), &plain(l, r)));
                }
            }
        }
    }

    #[test]
    fn the_affine_map_is_the_layers_forward() {
        let mut rng = ChaCha8Rng::seed_from_u64(10);
        let layer = crate::Linear::new(6, 16, &mut rng);
        let x = random(&mut rng, (45, 6), false);
        assert!(same_bits(
            &affine(x.view(), layer.w.view(), layer.b.view()),
            &layer.forward(x.view())
        ));
    }

    #[test]
    #[should_panic(expected = "inner dimensions differ")]
    fn mismatched_inner_dimensions_panic() {
        let _ = matmul(
            Array2::<f64>::zeros((2, 3)).view(),
            Array2::<f64>::zeros((2, 3)).view(),
        );
    }
}
