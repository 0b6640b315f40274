//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ndarray::Array2;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::batches::BatchLoader;
use crate::customers::Customer;
use crate::error::DataError;
use crate::one_hot::one_hot_drop_first;
use crate::split::train_test_split;

// ANCHOR: exercise_1
/// Exercise 1: one-hot encoding that keeps every level, built from the drop-first encoding by
/// putting the reference column back: it is 1 exactly where the other columns are all 0.
pub fn one_hot_all_levels(values: &[&str], levels: &[&str]) -> Result<Array2<f64>, DataError> {
    let rest = one_hot_drop_first(values, levels)?;
    let mut full = Array2::zeros((values.len(), levels.len()));
    for (i, row) in rest.rows().into_iter().enumerate() {
        full[[i, 0]] = 1.0 - row.sum();
        for (k, &v) in row.iter().enumerate() {
            full[[i, k + 1]] = v;
        }
    }
    Ok(full)
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: the sizes of the batches of one epoch.
pub fn batch_sizes(n: usize, batch_size: usize) -> Vec<usize> {
    let mut loader = BatchLoader::new(n, batch_size);
    loader
        .epoch(&mut ChaCha8Rng::seed_from_u64(0))
        .map(<[usize]>::len)
        .collect()
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: how many churners land in the test split, for each seed.
pub fn churners_in_test(customers: &[Customer], seeds: std::ops::Range<u64>) -> Vec<usize> {
    seeds
        .map(|seed| {
            let split =
                train_test_split(customers.len(), 0.2, &mut ChaCha8Rng::seed_from_u64(seed));
            split
                .test
                .iter()
                .filter(|&&i| customers[i].churn == 1)
                .count()
        })
        .collect()
}
// ANCHOR_END: exercise_3

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::{CONTRACT_LEVELS, load};
    use std::path::Path;

    #[test]
    fn exercise_1_the_full_encoding_always_sums_to_one() {
        let values = ["Two year", "Month-to-month", "One year", "Month-to-month"];
        let full = one_hot_all_levels(&values, &CONTRACT_LEVELS).unwrap();
        assert_eq!(full.dim(), (4, 3));
        // Every row sums to 1: the three columns add up to the intercept's column of ones,
        // so one of them carries no information the others do not.
        assert!(full.rows().into_iter().all(|r| r.sum() == 1.0));
        assert_eq!(full.row(1).to_vec(), vec![1.0, 0.0, 0.0]);
    }

    #[test]
    fn exercise_2_only_the_last_batch_is_short() {
        assert_eq!(batch_sizes(10, 4), vec![4, 4, 2]);
        let churn = batch_sizes(4000, 32);
        assert_eq!((churn.len(), *churn.last().unwrap()), (125, 32));
        let iris = batch_sizes(120, 16);
        assert_eq!((iris.len(), *iris.last().unwrap()), (8, 8));
    }

    #[test]
    fn exercise_3_a_plain_split_can_miss_a_class() {
        let customers = load(Path::new("data/customers.csv")).unwrap();
        let counts = churners_in_test(&customers, 0..20);
        assert!(counts.iter().all(|&c| c <= 2));
        assert!(
            counts.contains(&0),
            "some seed leaves no churner to test on: {counts:?}"
        );
        assert!(counts.iter().any(|&c| c > 0));
    }
}
