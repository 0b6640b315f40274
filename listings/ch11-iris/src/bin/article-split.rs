//! The article's setup on the article's own test split, from ten seeds.

use std::path::Path;
use std::process::ExitCode;

use ch11_iris::article_split::over_seeds_on_article_split;
use ch11_iris::data::{IRIS_CSV, Iris};
use ch11_iris::seeds::mean_min_max;

fn main() -> ExitCode {
    match article_split() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: main
fn article_split() -> Result<(), Box<dyn std::error::Error>> {
    let iris = Iris::load(Path::new(IRIS_CSV))?;
    let results = over_seeds_on_article_split(&iris, 0..10)?;
    println!("scikit-learn's random_state=42 split: 120 training, 30 test flowers");
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
