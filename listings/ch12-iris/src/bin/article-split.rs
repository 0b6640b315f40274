//! The article's setup on the article's own test split, from ten seeds.

use std::process::ExitCode;

use ch11_churn::TrainError;
use ch11_churn::report::exit_code;
use ch11_churn::train::Config;
use ch12_iris::article_split::run_on_article_split;
use ch12_iris::seeds::seed_table;
use ch12_iris::setup::{IRIS_TO_CONVERGENCE, iris_dataset};

fn main() -> ExitCode {
    exit_code(article_split())
}

// ANCHOR: main
fn article_split() -> Result<(), TrainError> {
    let data = iris_dataset()?;
    let runs = (0..10)
        .map(|seed| {
            run_on_article_split(
                &data,
                &Config {
                    seed,
                    ..IRIS_TO_CONVERGENCE
                },
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let rows = &runs[0].prepared;
    println!(
        "scikit-learn's random_state=42 test rows, at most 100 epochs: \
         {} training, {} validation, {} test flowers",
        rows.train.y.len(),
        rows.validation.y.len(),
        rows.test.y.len()
    );
    print!("{}", seed_table("article split", 0..10, &runs));
    Ok(())
}
// ANCHOR_END: main
