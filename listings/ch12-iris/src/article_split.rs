//! The source article's own test split, to compare with PyTorch on equal terms.

use ch10_data_pipeline::{StandardScaler, select_rows};
use ch11_churn::TrainError;
use ch11_churn::dataset::Dataset;
use ch11_churn::prepare::{Rows, scale};
use ch11_churn::run::{Run, run_prepared};
use ch11_churn::train::Config;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::head::SoftmaxHead;

// ANCHOR: article_test_rows
/// The 30 test rows (0-based rows of the file, in the order the permutation draws them) that
/// scikit-learn's `train_test_split(test_size=0.2, random_state=42)` holds out of the 150
/// flowers: the first 30 entries of NumPy's `RandomState(42).permutation(150)`. The recorded
/// PyTorch run in `tools/reference-checks/torch_iris_seeds.out` prints the same list.
pub const ARTICLE_TEST_ROWS: [usize; 30] = [
    73, 18, 118, 78, 76, 31, 64, 141, 68, 82, 110, 12, 36, 9, 19, 56, 104, 69, 55, 132, 29, 127,
    26, 128, 131, 145, 108, 143, 45, 30,
];
// ANCHOR_END: article_test_rows

// ANCHOR: run_on_article_split
/// Chapter 11's run with the article's test rows: the seed draws the validation rows out of
/// the other 120, then the initial weights and the order of the batches.
pub fn run_on_article_split(data: &Dataset, config: &Config) -> Result<Run, TrainError> {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let test = ARTICLE_TEST_ROWS.to_vec();
    let rest = (0..data.y.len()).filter(|i| !test.contains(i)).collect();
    let rows = Rows::around(test, rest, config.validation_fraction, &mut rng)?;
    let scaler = StandardScaler::fit(select_rows(data.x.view(), &rows.train).view())?;
    let prepared = scale(data, rows, scaler);
    run_prepared(
        prepared,
        &SoftmaxHead,
        config,
        &mut rng,
        &mut |_| {},
        &mut |_| {},
    )
}
// ANCHOR_END: run_on_article_split

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_split_is_the_one_scikit_learn_drew_in_the_recorded_run() {
        let recorded = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tools/reference-checks/torch_iris_seeds.out"
        ))
        .unwrap();
        let line = recorded
            .lines()
            .find_map(|l| l.strip_prefix("test rows (0-based, in split order): "))
            .unwrap();
        let rows: Vec<usize> = line.split(' ').map(|r| r.parse().unwrap()).collect();
        assert_eq!(rows, ARTICLE_TEST_ROWS);
        let mut distinct = rows.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 30);
    }
}
