//! A seeded shuffle, and the train/test split built on it.

use ndarray::{Array2, ArrayView2};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

// ANCHOR: shuffle
/// Shuffles `items` in place (Fisher–Yates): every order is equally likely, and the same
/// generator state always gives the same order.
pub fn shuffle(items: &mut [usize], rng: &mut ChaCha8Rng) {
    for i in (1..items.len()).rev() {
        let j = rng.random_range(0..=i);
        items.swap(i, j);
    }
}
// ANCHOR_END: shuffle

// ANCHOR: split
/// Row indices of the training and the test split.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub train: Vec<usize>,
    pub test: Vec<usize>,
}

/// Shuffles the row indices `0..n` with `rng`; the first `round(n · test_fraction)` of them
/// are the test split and the rest the training split.
///
/// # Panics
/// If `test_fraction` is not within `[0, 1]`: it is a constant of the program, not data.
pub fn train_test_split(n: usize, test_fraction: f64, rng: &mut ChaCha8Rng) -> Split {
    assert!(
        (0.0..=1.0).contains(&test_fraction),
        "test_fraction must be within [0, 1], got {test_fraction}"
    );
    let mut order: Vec<usize> = (0..n).collect();
    shuffle(&mut order, rng);
    let n_test = (n as f64 * test_fraction).round() as usize;
    let train = order.split_off(n_test);
    Split { train, test: order }
}
// ANCHOR_END: split

/// The rows of `x` at `rows`, in that order, as a new matrix.
///
/// # Panics
/// If an index is out of range: indices come from [`train_test_split`] or a loader.
pub fn select_rows(x: ArrayView2<f64>, rows: &[usize]) -> Array2<f64> {
    // One allocation, then a row copy per index: `ndarray`'s general `select` builds the
    // result by appending, which costs more than the copying itself on small batches.
    let mut out = Array2::zeros((rows.len(), x.ncols()));
    for (mut dst, &i) in out.rows_mut().into_iter().zip(rows) {
        dst.assign(&x.row(i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;
    use proptest::prelude::*;
    use rand::SeedableRng;

    #[test]
    fn an_80_20_split_of_twelve_rows() {
        let split = train_test_split(12, 0.2, &mut ChaCha8Rng::seed_from_u64(42));
        assert_eq!((split.train.len(), split.test.len()), (10, 2));
        let again = train_test_split(12, 0.2, &mut ChaCha8Rng::seed_from_u64(42));
        assert_eq!(split, again);
        let other = train_test_split(12, 0.2, &mut ChaCha8Rng::seed_from_u64(43));
        assert_ne!(split, other);
    }

    #[test]
    fn split_sizes_round_to_nearest() {
        let sizes = |n, f| {
            let s = train_test_split(n, f, &mut ChaCha8Rng::seed_from_u64(0));
            (s.train.len(), s.test.len())
        };
        assert_eq!(sizes(150, 0.2), (120, 30));
        assert_eq!(sizes(1000, 0.2), (800, 200));
        assert_eq!(sizes(13, 0.2), (10, 3));
        assert_eq!(sizes(0, 0.2), (0, 0));
        assert_eq!(sizes(5, 0.0), (5, 0));
        assert_eq!(sizes(5, 1.0), (0, 5));
    }

    #[test]
    #[should_panic(expected = "test_fraction must be within [0, 1]")]
    fn a_fraction_above_one_is_a_bug() {
        let _ = train_test_split(10, 1.5, &mut ChaCha8Rng::seed_from_u64(0));
    }

    #[test]
    fn select_rows_picks_in_order() {
        let x = array![[0.0, 0.5], [1.0, 1.5], [2.0, 2.5]];
        assert_eq!(
            select_rows(x.view(), &[2, 0]),
            array![[2.0, 2.5], [0.0, 0.5]]
        );
        assert_eq!(select_rows(x.view(), &[]).dim(), (0, 2));
    }

    #[test]
    fn every_position_is_reached_by_the_shuffle() {
        // Over many shuffles of 0..4, item 0 lands in every position about equally often.
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let mut counts = [0usize; 4];
        for _ in 0..4000 {
            let mut items = [0, 1, 2, 3];
            shuffle(&mut items, &mut rng);
            counts[items.iter().position(|&v| v == 0).unwrap()] += 1;
        }
        assert!(
            counts.iter().all(|&c| (900..1100).contains(&c)),
            "{counts:?}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn the_split_is_a_partition(n in 0usize..200, f in 0.0f64..=1.0, seed in 0u64..1000) {
            let split = train_test_split(n, f, &mut ChaCha8Rng::seed_from_u64(seed));
            let mut all: Vec<usize> = split.train.iter().chain(&split.test).copied().collect();
            all.sort_unstable();
            prop_assert_eq!(all, (0..n).collect::<Vec<_>>());
            prop_assert_eq!(split.test.len(), (n as f64 * f).round() as usize);
        }
    }
}
