//! The source article's own test split, to compare with its framework on equal terms.

use ch10_data_pipeline::Split;

use crate::data::Iris;
use crate::seeds::SeedResult;
use crate::train::{Config, Scaling, TrainError, run_on_split};

// ANCHOR: article_test_rows
/// The 30 test rows (0-based row numbers of the file, listed in the order the permutation
/// draws them) that scikit-learn's `train_test_split`
/// holds out of the 150 flowers when asked for a fifth with `random_state=42`: the first 30
/// entries of NumPy's `RandomState(42).permutation(150)`. The other 120 rows train.
pub const ARTICLE_TEST_ROWS: [usize; 30] = [
    73, 18, 118, 78, 76, 31, 64, 141, 68, 82, 110, 12, 36, 9, 19, 56, 104, 69, 55, 132, 29, 127,
    26, 128, 131, 145, 108, 143, 45, 30,
];

pub fn article_split(n: usize) -> Split {
    let test = ARTICLE_TEST_ROWS.to_vec();
    let train = (0..n).filter(|i| !test.contains(i)).collect();
    Split { train, test }
}
// ANCHOR_END: article_test_rows

// ANCHOR: over_seeds_on_article_split
/// The article's setup on the article's split, once per seed: only the initial weights and the
/// batch order change from seed to seed.
pub fn over_seeds_on_article_split(
    iris: &Iris,
    seeds: impl IntoIterator<Item = u64>,
) -> Result<Vec<SeedResult>, TrainError> {
    seeds
        .into_iter()
        .map(|seed| {
            let config = Config {
                seed,
                ..Config::ARTICLE
            };
            let result = run_on_split(
                iris,
                article_split(iris.len()),
                &config,
                Scaling::TrainOnly,
                |_| {},
            )?;
            SeedResult::of(seed, &result)
        })
        .collect()
}
// ANCHOR_END: over_seeds_on_article_split

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_split_is_30_distinct_test_rows_and_120_training_rows() {
        let split = article_split(150);
        let mut test = split.test.clone();
        test.sort_unstable();
        test.dedup();
        assert_eq!(test.len(), 30);
        assert_eq!(split.train.len(), 120);
        assert!(split.train.iter().all(|i| !split.test.contains(i)));
    }
}
