//! How much a result depends on the seed: the same setup, trained from ten seeds.

use crate::data::Iris;
use crate::train::{Config, Run, Scaling, TrainError, run};

/// One seed's outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeedResult {
    pub seed: u64,
    pub final_train_loss: f64,
    pub test_loss: f64,
    pub test_accuracy: f64,
}

impl SeedResult {
    /// What the seed table reports of one run: its last training loss and its test scores.
    pub fn of(seed: u64, run: &Run) -> Result<SeedResult, TrainError> {
        let eval = run.evaluate_test()?;
        Ok(SeedResult {
            seed,
            final_train_loss: run
                .history
                .last()
                .ok_or_else(|| TrainError::Setting("the run trained no epoch".to_string()))?
                .train,
            test_loss: eval.loss,
            test_accuracy: eval.confusion.accuracy(),
        })
    }
}

// ANCHOR: over_seeds
/// Runs `config` once per seed (everything else equal) and scores each run on its own test
/// split. A different seed means a different split, different initial weights and a
/// different batch order.
pub fn over_seeds(
    iris: &Iris,
    config: &Config,
    seeds: impl IntoIterator<Item = u64>,
) -> Result<Vec<SeedResult>, TrainError> {
    seeds
        .into_iter()
        .map(|seed| {
            let result = run(
                iris,
                &Config { seed, ..*config },
                Scaling::TrainOnly,
                |_| {},
            )?;
            SeedResult::of(seed, &result)
        })
        .collect()
}

/// The mean, the smallest and the largest of `values`; `None` for no values.
pub fn mean_min_max(values: &[f64]) -> Option<(f64, f64, f64)> {
    if values.is_empty() {
        return None;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((mean, min, max))
}
// ANCHOR_END: over_seeds

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_min_max_of_a_few_values() {
        assert_eq!(mean_min_max(&[0.5, 1.0, 0.75]), Some((0.75, 0.5, 1.0)));
        assert_eq!(mean_min_max(&[]), None);
    }
}
