//! Trains the Iris classifier and reports what it learned.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use ch12_iris::data::{IRIS_CSV, Iris, shown};
use ch12_iris::report;
use ch12_iris::species::Species;
use ch12_iris::train::{Config, Scaling, run};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

// ANCHOR: cli
/// Train a 4 -> hidden ReLU -> 3 network on Fisher's Iris data and score it on a held-out
/// fifth of the flowers. The defaults are the source article's setup.
#[derive(Parser)]
#[command(name = "iris-train")]
struct Cli {
    /// CSV with sepal_length, sepal_width, petal_length, petal_width and species columns
    /// [default: the chapter's data/iris.csv]
    #[arg(long)]
    data: Option<PathBuf>,
    /// Passes over the training rows
    #[arg(long, default_value_t = Config::ARTICLE.epochs, value_parser = at_least_one)]
    epochs: usize,
    /// Adam's learning rate
    #[arg(long, default_value_t = Config::ARTICLE.lr, value_parser = positive)]
    lr: f64,
    /// Rows per mini-batch
    #[arg(long, default_value_t = Config::ARTICLE.batch_size, value_parser = at_least_one)]
    batch_size: usize,
    /// Units in the hidden layer
    #[arg(long, default_value_t = Config::ARTICLE.hidden, value_parser = at_least_one)]
    hidden: usize,
    /// Seed for the split, the initial weights and the batch order
    #[arg(long, default_value_t = Config::ARTICLE.seed)]
    seed: u64,
}

fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(v) if v >= 1 => Ok(v),
        _ => Err(format!("{text:?} is not a whole number of at least 1")),
    }
}

fn positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("{text:?} is not a positive number")),
    }
}
// ANCHOR_END: cli

// ANCHOR: main
fn main() -> ExitCode {
    // A bad option makes clap print the usage and exit with code 2, the convention for a
    // command used wrongly; a bad file is reported below with code 1.
    let cli = Cli::parse();
    match train(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn train(cli: &Cli) -> Result<(), String> {
    let path = cli.data.clone().unwrap_or_else(|| PathBuf::from(IRIS_CSV));
    // Messages name the file as the reader typed it, or relative to the crate for the default.
    let iris = Iris::load(&path).map_err(|e| shown(&e.to_string()))?;
    let config = Config {
        epochs: cli.epochs,
        lr: cli.lr,
        batch_size: cli.batch_size,
        hidden: cli.hidden,
        seed: cli.seed,
        ..Config::ARTICLE
    };
    println!(
        "data: {}, {} flowers",
        shown(&path.display().to_string()),
        iris.len()
    );

    // A progress bar only for a person watching: never in a pipe, a log or a snapshot.
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(config.epochs as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} epoch {pos}/{len}")
                .map_err(|e| e.to_string())?,
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    println!("epoch  train loss  test loss");
    let result = run(&iris, &config, Scaling::TrainOnly, |e| {
        bar.suspend(|| println!("{:5}  {:10.4}  {:9.4}", e.epoch, e.train, e.test));
        bar.inc(1);
    });
    bar.finish_and_clear();
    let result = result.map_err(|e| shown(&e.to_string()))?;
    let eval = result.evaluate_test().map_err(|e| e.to_string())?;

    println!();
    println!(
        "split: {} training, {} test flowers (seed {}); network {} -> {} ReLU -> {}",
        result.data.y_train.len(),
        result.data.y_test.len(),
        config.seed,
        iris.features.ncols(),
        config.hidden,
        Species::ALL.len()
    );
    report::print_evaluation(&eval, &result.data.test_rows, 5);
    Ok(())
}
// ANCHOR_END: main
