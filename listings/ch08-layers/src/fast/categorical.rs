//! Chapter 6's categorical cross-entropy from logits and its gradient, in one pass, with the
//! bits of the two functions the Iris head calls.
//!
//! `cross_entropy_with_logits` takes each row's log-softmax (Chapter 3's `shift`: the first
//! largest logit `m`, then `e^(z_j - m)` of every other class, summed carefully, then
//! `ln_1p` of that sum), and `cross_entropy_with_logits_grad` takes each row's softmax (the
//! same exponentials, and `e^0 = 1` for the largest). Both compute every `e^(z_j - m)` the same
//! way, so here it is computed once, many lanes at a time, and both results are assembled from
//! it with the plain functions' remaining operations, in their order.

use ch03_softmax::sum_carefully;
use ch05_binary_cross_entropy::bce::sum_of_losses;
use ndarray::{Array2, ArrayView1, ArrayView2};

use super::Kernel;

/// `z - m` and what its rounding lost: Chapter 3's `difference` (Knuth's two-sum), which
/// this module must reproduce operation for operation.
#[inline(always)]
fn difference(z: f64, m: f64) -> (f64, f64) {
    let d = z - m;
    let from_z = d + m;
    let from_m = d - from_z;
    (d, (z - from_z) + (-m - from_m))
}

/// Chapter 6's `cross_entropy_with_logits` and `cross_entropy_with_logits_grad` together,
/// bit for bit, with the best kernel; `None` for a batch they would refuse or treat apart (an
/// empty batch, a class out of range, a logit that is not finite, logits so far apart that
/// their difference overflows, a sum of losses that overflows), whose result or error they
/// should give.
pub fn categorical_cross_entropy(
    logits: ArrayView2<f64>,
    targets: &[usize],
) -> Option<(f64, Array2<f64>)> {
    categorical_cross_entropy_with(Kernel::best(), logits, targets)
}

/// [`categorical_cross_entropy`] with a chosen kernel.
///
/// # Panics
/// If this CPU cannot run `kernel`.
pub fn categorical_cross_entropy_with(
    kernel: Kernel,
    logits: ArrayView2<f64>,
    targets: &[usize],
) -> Option<(f64, Array2<f64>)> {
    let (n, k) = logits.dim();
    let ordinary = n > 0
        && k > 0
        && targets.len() == n
        && targets.iter().all(|&c| c < k)
        && logits.iter().all(|z| z.is_finite());
    if !ordinary {
        return None;
    }
    // Per row: the largest logit (the first, as `shift` takes it), and every difference.
    let mut largest = Vec::with_capacity(n);
    let (mut d, mut lost) = (Vec::with_capacity(n * k), Vec::with_capacity(n * k));
    for row in logits.rows() {
        let first = first_largest(row);
        let m = row[first];
        // `softmax_rows` takes the largest by `f64::max`; a row where that is the other
        // zero's sign goes to the plain functions.
        let by_max = row.fold(f64::NEG_INFINITY, |m, &z| m.max(z));
        if by_max.to_bits() != m.to_bits() {
            return None;
        }
        for &z in row {
            let (d_j, lost_j) = difference(z, m);
            if !d_j.is_finite() {
                return None;
            }
            d.push(d_j);
            lost.push(lost_j);
        }
        largest.push(first);
    }
    let mut e = vec![0.0; n * k];
    super::exp_with(kernel, &d, &mut e);
    // `exp_shifted`: e^(d + lost) = e^d (1 + lost) to the last bit.
    for (e, &lost) in e.iter_mut().zip(&lost) {
        *e += *e * lost;
    }
    let rest: Vec<f64> = (e.chunks_exact(k).zip(&largest))
        .map(|(e, &first)| sum_except(e, first))
        .collect();
    let mut log_sum = vec![0.0; n];
    super::log1p_with(kernel, &rest, &mut log_sum);

    let count = n as f64;
    let mut terms = Vec::with_capacity(n);
    let mut grad = Array2::zeros((n, k));
    let rows = (e
        .chunks_exact(k)
        .zip(d.chunks_exact(k))
        .zip(lost.chunks_exact(k)))
    .zip(grad.rows_mut())
    .zip(targets.iter().zip(&log_sum));
    for ((((e, d), lost), mut grad), (&class, &log_sum)) in rows {
        // `log_softmax_rows`, then the target's entry, negated.
        terms.push(-(d[class] + (lost[class] - log_sum)));
        // `softmax_rows`, then the target's entry as minus the others, then `/ N`.
        let sum = sum_carefully(e.iter().copied());
        for (g, &e) in grad.iter_mut().zip(e) {
            *g = e / sum;
        }
        let others = sum_except(grad.as_slice().expect("a row of a new array"), class);
        grad[class] = -others;
        grad.map_inplace(|g| *g /= count);
    }
    let loss = sum_of_losses(ArrayView1::from(&terms)).ok()? / count;
    Some((loss, grad))
}

/// The position of the first largest number of `row`, as Chapter 3's `shift` finds it.
fn first_largest(row: ArrayView1<f64>) -> usize {
    let mut first = 0;
    for (j, &z) in row.iter().enumerate() {
        if z > row[first] {
            first = j;
        }
    }
    first
}

/// The careful sum of every number of `values` but the one at `skip`, in order.
fn sum_except(values: &[f64], skip: usize) -> f64 {
    sum_carefully(
        (values.iter().enumerate())
            .filter(|&(j, _)| j != skip)
            .map(|(_, &v)| v),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ch06_categorical_cross_entropy::{
        cross_entropy_with_logits, cross_entropy_with_logits_grad,
    };
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn the_loss_and_its_gradient_are_chapter_6s_with_every_kernel() {
        let mut rng = ChaCha8Rng::seed_from_u64(19);
        let mut batches = 0;
        for _ in 0..400 {
            let (n, k) = (rng.random_range(1..40), rng.random_range(1..8));
            let spread = [1.0, 10.0, 100.0, 800.0, 1e15][rng.random_range(0..5)];
            let logits = Array2::from_shape_fn((n, k), |_| match rng.random_range(0..12) {
                0 => 0.0,
                1 => -0.0,
                // Ties for the largest logit.
                2 => 1.5,
                _ => rng.random_range(-1.0..1.0) * spread,
            });
            let targets: Vec<usize> = (0..n).map(|_| rng.random_range(0..k)).collect();
            let want_loss = cross_entropy_with_logits(logits.view(), &targets).unwrap();
            let want_grad = cross_entropy_with_logits_grad(logits.view(), &targets).unwrap();
            for kernel in Kernel::available() {
                let Some((loss, grad)) =
                    categorical_cross_entropy_with(kernel, logits.view(), &targets)
                else {
                    continue;
                };
                batches += 1;
                assert_eq!(loss.to_bits(), want_loss.to_bits(), "{kernel:?} {logits}");
                for (g, w) in grad.iter().zip(&want_grad) {
                    assert_eq!(g.to_bits(), w.to_bits(), "{kernel:?} {logits}");
                }
            }
        }
        // Nearly every batch is ordinary; only rows whose largest logit is a zero of the
        // other sign are left to the plain functions.
        assert!(batches > 350 * Kernel::available().len(), "{batches}");
    }

    #[test]
    fn batches_out_of_the_ordinary_are_left_to_chapter_6() {
        let z = ndarray::array![[1.0, 2.0], [0.5, f64::NEG_INFINITY]];
        assert!(categorical_cross_entropy(z.view(), &[0, 1]).is_none());
        let z = ndarray::array![[1.0, 2.0]];
        assert!(categorical_cross_entropy(z.view(), &[2]).is_none());
        assert!(categorical_cross_entropy(z.view(), &[0, 1]).is_none());
        let far = ndarray::array![[-f64::MAX, f64::MAX]];
        assert!(categorical_cross_entropy(far.view(), &[0]).is_none());
        assert!(categorical_cross_entropy(Array2::zeros((0, 3)).view(), &[]).is_none());
    }
}
