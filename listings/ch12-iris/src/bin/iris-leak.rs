//! Fits the scaler on the training rows and on all rows, and compares both the scalers and the
//! models trained with them.

use std::process::ExitCode;

use ch11_churn::TrainError;
use ch11_churn::report::exit_code;
use ch11_churn::run::mean_min_max;
use ch11_churn::train::Config;
use ch12_iris::leak::{Scaling, compare_scalers, run_scaled};
use ch12_iris::setup::{ARTICLE_IRIS, iris_dataset};

fn main() -> ExitCode {
    exit_code(leak())
}

fn leak() -> Result<(), TrainError> {
    let data = iris_dataset()?;
    let pair = compare_scalers(&data, &ARTICLE_IRIS)?;
    let (honest, leaky) = (&pair.train_only, &pair.all_rows);
    println!("split of seed 42: the scaler fitted on the training rows, and on all rows (cm)");
    println!("feature       mean train  mean all  difference   std train  std all  difference");
    for (j, feature) in data.features.iter().enumerate() {
        let (m, s) = (
            (honest.mean[j], leaky.mean[j]),
            (honest.std[j], leaky.std[j]),
        );
        println!(
            "{feature:12}  {:10.4}  {:8.4}  {:10.4}   {:9.4}  {:7.4}  {:10.4}",
            m.0,
            m.1,
            m.1 - m.0,
            s.0,
            s.1,
            s.1 - s.0
        );
    }
    let largest = (0..data.features.len())
        .map(|j| (leaky.mean[j] - honest.mean[j]).abs())
        .fold(0.0, f64::max);
    println!("largest change of a mean: {largest:.4} cm");
    println!(
        "largest shift of a standardized test value: {:.4}",
        pair.max_test_shift
    );
    println!();
    println!("scaler fitted on  seed 42 test loss  seed 42 accuracy  mean accuracy over seeds 0-9");
    // ANCHOR: both_ways
    for (label, scaling) in [
        ("training rows", Scaling::TrainOnly),
        ("all rows", Scaling::AllRows),
    ] {
        let one = run_scaled(&data, &ARTICLE_IRIS, scaling)?.test;
        let mut accuracies = Vec::new();
        for seed in 0..10 {
            let run = run_scaled(
                &data,
                &Config {
                    seed,
                    ..ARTICLE_IRIS
                },
                scaling,
            )?;
            accuracies.push(run.test.confusion.accuracy());
        }
        let (mean, _, _) = mean_min_max(&accuracies);
        let accuracy = one.confusion.accuracy();
        println!(
            "{label:16}  {:17.4}  {accuracy:16.4}  {mean:27.4}",
            one.loss
        );
    }
    // ANCHOR_END: both_ways
    Ok(())
}
