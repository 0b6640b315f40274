//! One bowl: how logistic regression's loss curves on the churn training rows, at the weights a
//! run starts from, at a start far too wide, and at the weights it ends with.

use std::process::ExitCode;

use ch07_why_cross_entropy::logistic::hessian;
use ch11_churn::TrainError;
use ch11_churn::compare::CHURN_TO_CONVERGENCE;
use ch11_churn::convexity::{curvature, logistic_data, logistic_weights, smallest_rayleigh};
use ch11_churn::head::BinaryHead;
use ch11_churn::report::exit_code;
use ch11_churn::run::fit;
use ch11_churn::squared_error::start;
use ch11_churn::synth::churn_dataset;
use ch11_churn::train::Config;
use ndarray::Array1;

fn main() -> ExitCode {
    exit_code(bowl())
}

// ANCHOR: main
fn bowl() -> Result<(), TrainError> {
    let data = churn_dataset()?;
    let logistic = Config {
        hidden: 0,
        ..CHURN_TO_CONVERGENCE
    };
    let run = fit(&data, &BinaryHead, &logistic)?;
    let rows = logistic_data(&run.prepared.train);
    let d = rows.inputs.ncols();
    let n = rows.inputs.nrows();
    println!(
        "logistic regression, seed 42: the Hessian of the mean loss on the {n} training rows, \
              {d} x {d}"
    );
    println!("weights            smallest eigenvalue  largest eigenvalue");
    for (name, w) in [
        ("all zero", Array1::zeros(d)),
        (
            "as drawn",
            logistic_weights(&start(&data, &logistic, 1.0)?.net),
        ),
        (
            "as drawn, x30",
            logistic_weights(&start(&data, &logistic, 30.0)?.net),
        ),
        ("trained", logistic_weights(&run.trained.net)),
    ] {
        let (smallest, largest) = curvature(&rows, &w);
        println!("{name:<17}  {smallest:19.6}  {largest:18.6}");
    }
    let h = hessian(&rows, &logistic_weights(&run.trained.net));
    println!(
        "trained: smallest vᵀHv over 100000 random directions of length 1: {:.6}",
        smallest_rayleigh(&h, 100_000, 7)
    );
    Ok(())
}
// ANCHOR_END: main
