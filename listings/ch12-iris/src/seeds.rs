//! How much a result depends on the seed: one line per seed, then the spread.

use std::fmt::Write;
use std::ops::Range;

use ch11_churn::run::{Run, mean_min_max};

// ANCHOR: seed_table
/// One line per seed (the epoch kept, the test loss and accuracy), then the mean, the smallest
/// and the largest test accuracy, under `name`.
pub fn seed_table(name: &str, seeds: Range<u64>, runs: &[Run]) -> String {
    let mut out = String::from("seed  kept epoch  test loss  test accuracy\n");
    for (seed, run) in seeds.zip(runs) {
        let _ = writeln!(
            out,
            "{seed:4}  {:10}  {:9.4}  {:13.4}",
            run.trained.best_epoch,
            run.test.loss,
            run.test.confusion.accuracy()
        );
    }
    let accuracies: Vec<f64> = runs.iter().map(|r| r.test.confusion.accuracy()).collect();
    let (mean, min, max) = mean_min_max(&accuracies);
    let _ = writeln!(
        out,
        "{name}: mean test accuracy {mean:.4} (min {min:.4}, max {max:.4}) over {} seeds",
        runs.len()
    );
    out
}
// ANCHOR_END: seed_table
