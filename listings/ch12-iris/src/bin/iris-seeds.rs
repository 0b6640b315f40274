//! The article's setup from ten seeds, with the article's budget and with time enough to
//! finish learning: how much of a result is luck, and how much is the budget.

use std::process::ExitCode;

use ch11_churn::TrainError;
use ch11_churn::report::exit_code;
use ch11_churn::run::over_seeds;
use ch12_iris::head::SoftmaxHead;
use ch12_iris::seeds::seed_table;
use ch12_iris::setup::{ARTICLE_IRIS, IRIS_TO_CONVERGENCE, iris_dataset};

fn main() -> ExitCode {
    exit_code(seeds())
}

// ANCHOR: main
fn seeds() -> Result<(), TrainError> {
    let data = iris_dataset()?;
    for (budget, config) in [
        ("15 epochs", &ARTICLE_IRIS),
        ("up to 100 epochs", &IRIS_TO_CONVERGENCE),
    ] {
        let runs = over_seeds(&data, &SoftmaxHead, config, 0..10)?;
        print!("{}", seed_table(budget, 0..10, &runs));
    }
    Ok(())
}
// ANCHOR_END: main
