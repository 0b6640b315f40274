//! Fits the scaler on the training rows and on all rows, and compares both the scalers and the
//! models trained with them.

use std::path::Path;
use std::process::ExitCode;

use ch12_iris::data::{IRIS_CSV, Iris};
use ch12_iris::leak::{compare_scalers, difference};
use ch12_iris::seeds::mean_min_max;
use ch12_iris::species::FEATURES;
use ch12_iris::train::{Config, Scaling, run};

fn main() -> ExitCode {
    match leak() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: main
fn leak() -> Result<(), Box<dyn std::error::Error>> {
    let iris = Iris::load(Path::new(IRIS_CSV))?;
    let pair = compare_scalers(&iris, Config::ARTICLE.test_fraction, Config::ARTICLE.seed)?;
    let (honest, leaky) = (&pair.train_only, &pair.all_rows);
    let d_mean = difference(&leaky.mean, &honest.mean);
    let d_std = difference(&leaky.std, &honest.std);
    println!(
        "split of seed {}: scaler fitted on the training rows vs on all rows (cm)",
        Config::ARTICLE.seed
    );
    println!("feature       mean train  mean all  difference   std train  std all  difference");
    for (j, feature) in FEATURES.iter().enumerate() {
        println!(
            "{feature:12}  {:10.4}  {:8.4}  {:10.4}   {:9.4}  {:7.4}  {:10.4}",
            honest.mean[j], leaky.mean[j], d_mean[j], honest.std[j], leaky.std[j], d_std[j]
        );
    }
    println!(
        "largest shift of a standardized test value: {:.4}",
        pair.max_test_shift
    );
    println!();

    println!("scaler fitted on  seed 42 test loss  seed 42 accuracy  mean accuracy over seeds 0-9");
    for (label, scaling) in [
        ("training rows", Scaling::TrainOnly),
        ("all rows", Scaling::AllRows),
    ] {
        let one = run(&iris, &Config::ARTICLE, scaling, |_| {})?.evaluate_test()?;
        let mut accuracies = Vec::new();
        for seed in 0..10 {
            let eval = run(
                &iris,
                &Config {
                    seed,
                    ..Config::ARTICLE
                },
                scaling,
                |_| {},
            )?
            .evaluate_test()?;
            accuracies.push(eval.confusion.accuracy());
        }
        let (mean, _, _) = mean_min_max(&accuracies).ok_or("no seeds")?;
        println!(
            "{label:16}  {:17.4}  {:16.4}  {mean:27.4}",
            one.loss,
            one.confusion.accuracy()
        );
    }
    Ok(())
}
// ANCHOR_END: main
