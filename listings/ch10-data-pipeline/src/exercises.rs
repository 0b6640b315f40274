//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ndarray::Array2;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::DataError;
use crate::scaler::StandardScaler;
use crate::split::{Split, select_rows, shuffle, train_test_split};

// ANCHOR: exercise_1
/// Exercise 1: the classic slip, swapping every position with one drawn from *all* positions
/// instead of from those not yet placed.
pub fn wrong_shuffle(items: &mut [usize], rng: &mut ChaCha8Rng) {
    for i in 0..items.len() {
        let j = rng.random_range(0..items.len());
        items.swap(i, j);
    }
}

/// How often each of the six orders of `[0, 1, 2]` comes out of `shuffle` in `trials` runs,
/// as fractions, orders sorted.
pub fn order_frequencies(
    shuffle: fn(&mut [usize], &mut ChaCha8Rng),
    trials: usize,
    seed: u64,
) -> Vec<([usize; 3], f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut counts = std::collections::BTreeMap::new();
    for _ in 0..trials {
        let mut items = [0, 1, 2];
        shuffle(&mut items, &mut rng);
        *counts.entry(items).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .map(|(order, count)| (order, count as f64 / trials as f64))
        .collect()
}

/// Every sequence of draws the slipped shuffle of `[0, 1, 2]` can make (3 draws of 3
/// positions, 27 in all, each as likely as the others), and the order each one produces:
/// how many sequences lead to each order.
pub fn wrong_shuffle_exactly() -> Vec<([usize; 3], usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for draws in 0..27 {
        let mut items = [0, 1, 2];
        let js = [draws / 9, draws / 3 % 3, draws % 3];
        for (i, &j) in js.iter().enumerate() {
            items.swap(i, j);
        }
        *counts.entry(items).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: the share of seeds whose test split holds 0, 1, 2, ... churners.
pub fn churners_in_test(churn: &[u8], test_fraction: f64, seeds: u64) -> Vec<f64> {
    let mut counts = vec![0usize; churn.len() + 1];
    for seed in 0..seeds {
        let split = train_test_split(
            churn.len(),
            test_fraction,
            &mut ChaCha8Rng::seed_from_u64(seed),
        );
        let churners = split.test.iter().filter(|&&i| churn[i] == 1).count();
        counts[churners] += 1;
    }
    counts.iter().map(|&c| c as f64 / seeds as f64).collect()
}

/// The number of ways to choose `k` of `n` rows.
pub fn choose(n: u64, k: u64) -> u64 {
    if k > n {
        return 0;
    }
    (0..k).fold(1, |c, i| c * (n - i) / (i + 1))
}

/// The chance that `k` rows drawn at random from `n`, of which `positives` are positive, hold
/// exactly `hits` positives: the hypergeometric probability C(p, h) C(n - p, k - h) / C(n, k).
pub fn draw_probability(n: u64, positives: u64, k: u64, hits: u64) -> f64 {
    let ways = choose(positives, hits) * choose(n - positives, k - hits);
    ways as f64 / choose(n, k) as f64
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: a stratified split. Each class is shuffled and split on its own, so the test
/// rows hold every class in about its share of the data.
pub fn stratified_split(labels: &[u8], test_fraction: f64, rng: &mut ChaCha8Rng) -> Split {
    let mut split = Split {
        train: Vec::new(),
        test: Vec::new(),
    };
    let mut classes: Vec<u8> = labels.to_vec();
    classes.sort_unstable();
    classes.dedup();
    for class in classes {
        let mut rows: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == class).collect();
        shuffle(&mut rows, rng);
        let n_test = (rows.len() as f64 * test_fraction).round() as usize;
        split.train.extend_from_slice(&rows[n_test..]);
        split.test.extend_from_slice(&rows[..n_test]);
    }
    split
}
// ANCHOR_END: exercise_3

// ANCHOR: exercise_4
/// Exercise 4: the scaler's leak for a column of `n` random values, uniform in (0, 1): split
/// 80/20, fit once on the training rows and once on all rows, and return the largest change
/// of a scaled training value.
pub fn leak(n: usize, seed: u64) -> Result<f64, DataError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let x = Array2::from_shape_fn((n, 1), |_| rng.random_range(0.0..1.0));
    let split = train_test_split(n, 0.2, &mut rng);
    let x_train = select_rows(x.view(), &split.train);
    let honest = StandardScaler::fit(x_train.view())?.transform(x_train.view());
    let leaky = StandardScaler::fit(x.view())?.transform(x_train.view());
    Ok((honest - leaky)
        .iter()
        .fold(0.0, |worst: f64, d| worst.max(d.abs())))
}
// ANCHOR_END: exercise_4

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::{CUSTOMERS_CSV, load};
    use std::path::Path;

    #[test]
    fn exercise_1_the_wrong_shuffle_is_not_uniform() {
        let right = order_frequencies(shuffle, 60_000, 1);
        let wrong = order_frequencies(wrong_shuffle, 60_000, 1);
        assert_eq!((right.len(), wrong.len()), (6, 6));
        for (_, f) in &right {
            assert!((f - 1.0 / 6.0).abs() < 0.01, "{right:?}");
        }
        // 27 equally likely draws cannot fall evenly on 6 orders: some get 4/27, some 5/27.
        let exactly = wrong_shuffle_exactly();
        assert_eq!(exactly.iter().map(|(_, n)| n).sum::<usize>(), 27);
        for ((order, f), (same, n)) in wrong.iter().zip(&exactly) {
            assert_eq!(order, same);
            assert!([4, 5].contains(n), "{exactly:?}");
            assert!((f - *n as f64 / 27.0).abs() < 0.01, "{wrong:?}");
        }
    }

    #[test]
    fn exercise_2_the_frequencies_follow_the_hypergeometric_law() {
        let customers = load(Path::new(CUSTOMERS_CSV)).unwrap();
        let churn: Vec<u8> = customers.iter().map(|c| c.churn).collect();
        let shares = churners_in_test(&churn, 0.2, 10_000);
        approx::assert_relative_eq!(
            draw_probability(12, 5, 2, 0),
            21.0 / 66.0,
            max_relative = 1e-12
        );
        for hits in 0..=2 {
            let exact = draw_probability(12, 5, 2, hits);
            assert!((shares[hits as usize] - exact).abs() < 0.02, "{shares:?}");
        }
        assert_eq!(shares[3..].iter().sum::<f64>(), 0.0);
    }

    #[test]
    fn exercise_3_a_stratified_split_always_tests_both_classes() {
        let customers = load(Path::new(CUSTOMERS_CSV)).unwrap();
        let churn: Vec<u8> = customers.iter().map(|c| c.churn).collect();
        for seed in 0..100 {
            let split = stratified_split(&churn, 0.2, &mut ChaCha8Rng::seed_from_u64(seed));
            let mut all: Vec<usize> = split.train.iter().chain(&split.test).copied().collect();
            all.sort_unstable();
            assert_eq!(all, (0..12).collect::<Vec<_>>());
            let churners = split.test.iter().filter(|&&i| churn[i] == 1).count();
            assert_eq!((split.test.len(), churners), (2, 1));
        }
    }

    #[test]
    fn exercise_4_the_leak_shrinks_as_the_data_grows() {
        let small = leak(12, 0).unwrap();
        let large = leak(12_000, 0).unwrap();
        assert!(small > 10.0 * large, "{small} {large}");
    }
}
