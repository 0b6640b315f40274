//! Trains the article's setup from ten seeds and prints the spread of the test accuracy.

use std::path::Path;
use std::process::ExitCode;

use ch11_iris::data::{IRIS_CSV, Iris};
use ch11_iris::seeds::{mean_min_max, over_seeds};
use ch11_iris::train::ARTICLE;

// ANCHOR: main
fn main() -> ExitCode {
    match seeds() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn seeds() -> Result<(), Box<dyn std::error::Error>> {
    let iris = Iris::load(Path::new(IRIS_CSV))?;
    let results = over_seeds(&iris, &ARTICLE, 0..10)?;
    println!("seed  final train loss  test loss  test accuracy");
    for r in &results {
        println!(
            "{:4}  {:16.4}  {:9.4}  {:13.4}",
            r.seed, r.final_train_loss, r.test_loss, r.test_accuracy
        );
    }
    let accuracies: Vec<f64> = results.iter().map(|r| r.test_accuracy).collect();
    let (mean, min, max) = mean_min_max(&accuracies).ok_or("no seeds")?;
    println!(
        "test accuracy over {} seeds: mean {mean:.4}, min {min:.4}, max {max:.4}",
        results.len()
    );
    Ok(())
}
// ANCHOR_END: main
