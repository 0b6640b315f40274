//! What fitting the scaler before the split lets the test rows leak into training.

use std::path::Path;
use std::process::ExitCode;

use ch10_data_pipeline::customers::{CUSTOMERS_CSV, FEATURES, features, load};
use ch10_data_pipeline::{DataError, StandardScaler, select_rows, train_test_split};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

// ANCHOR: main
fn run() -> Result<(), DataError> {
    let (x, _churn) = features(&load(Path::new(CUSTOMERS_CSV))?)?;
    let split = train_test_split(x.nrows(), 0.2, &mut ChaCha8Rng::seed_from_u64(42));
    let x_train = select_rows(x.view(), &split.train);

    let honest = StandardScaler::fit(x_train.view())?;
    let leaky = StandardScaler::fit(x.view())?;
    println!(
        "{:15} {:>11} {:>11} {:>11} {:>11}",
        "column", "mean train", "mean all", "std train", "std all"
    );
    for (j, name) in FEATURES.iter().enumerate() {
        println!(
            "{name:15} {:11.4} {:11.4} {:11.4} {:11.4}",
            honest.mean[j], leaky.mean[j], honest.std[j], leaky.std[j]
        );
    }
    // What the model trains on differs, though not one training row changed.
    let shift = (honest.transform(x_train.view()) - leaky.transform(x_train.view())).mapv(f64::abs);
    let worst = shift.iter().fold(0.0_f64, |a, &b| a.max(b));
    println!("largest change in a scaled training value: {worst:.4}");
    Ok(())
}
// ANCHOR_END: main

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
