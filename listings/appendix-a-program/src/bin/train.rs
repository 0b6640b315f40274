//! Trains a classifier on any CSV file: the trainer of Chapters 11 and 12 as a program.

use std::error::Error;
use std::io::IsTerminal;
use std::process::ExitCode;

use appendix_a_program::cli::Args;
use appendix_a_program::files::{check_figures, write_figures};
use ch11_churn::TrainError;
use ch11_churn::fast_read::read_dataset;
use ch11_churn::report::exit_code;
use ch11_churn::run::run_owned;
use ch12_iris::head::head_for;
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

// The training rows are read in a random order: pages of two megabytes for large arrays
// make that faster (appendix B).
#[global_allocator]
static MEMORY: ch08_layers::fast::HugePages = ch08_layers::fast::HugePages;

// ANCHOR: main
fn main() -> ExitCode {
    exit_code(train(&Args::parse()))
}

fn train(args: &Args) -> Result<(), Box<dyn Error>> {
    if let Some(dir) = &args.figures {
        check_figures(dir, args.force)?;
    }
    let categorical: Vec<&str> = args.categorical.iter().map(String::as_str).collect();
    let data = read_dataset(&args.data, &args.target, &categorical)?;
    let head = head_for(data.classes.len());
    let config = args.config();

    let bar = progress_bar(config.epochs);
    let print = &mut |text: &str| bar.suspend(|| print!("{text}"));
    let result = run_owned(data, head, &config, print, &mut |_| bar.inc(1));
    bar.finish_and_clear();
    let run = result.map_err(|e| with_hint(e, config.lr))?;

    if let Some(dir) = &args.figures {
        write_figures(dir, &run)?;
    }
    Ok(())
}
// ANCHOR_END: main

// ANCHOR: helpers
/// A run that diverged is mended by a smaller step: say so, with one to try.
fn with_hint(e: TrainError, lr: f64) -> Box<dyn Error> {
    match e {
        TrainError::Diverged { .. } => {
            format!("{e}; try a smaller --lr, such as {:?}", lr / 10.0).into()
        }
        other => other.into(),
    }
}

/// A bar on standard error, one tick per epoch, for a person watching. When the output is
/// captured (a pipe, a file, the book's snapshots) the bar is hidden, so logs stay clean.
fn progress_bar(epochs: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(epochs as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} epoch {pos}/{len}") {
        bar.set_style(style);
    }
    bar
}
// ANCHOR_END: helpers
