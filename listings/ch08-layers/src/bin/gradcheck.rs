//! Checks the backward pass of both trainers' networks against central finite differences.

use std::process::ExitCode;

use ch08_layers::Network;
use ch08_layers::gradcheck::{CheckError, Targets, gradient_check};
use ch08_layers::worked::{CHURN_SIZES, IRIS_SIZES};
use ndarray::{Array1, Array2};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const BATCH: usize = 8;
const NAMES: [&str; 4] = ["w1", "b1", "w2", "b2"];

// ANCHOR: main
fn check(
    name: &str,
    network: &Network,
    x: &Array2<f64>,
    targets: &Targets,
) -> Result<f64, CheckError> {
    let errors = gradient_check(network, x.view(), targets)?;
    println!("{name}");
    for ((param, err), shape) in NAMES.iter().zip(&errors).zip(network.params()) {
        println!(
            "  {param}  {:10}  largest relative error {err:.1e}",
            format!("{:?}", shape.dim())
        );
    }
    Ok(errors.into_iter().fold(0.0, f64::max))
}

fn run() -> Result<f64, CheckError> {
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let mut batch = |cols| Array2::from_shape_fn((BATCH, cols), |_| rng.random_range(-2.0..2.0));
    let (x_churn, x_iris) = (batch(CHURN_SIZES[0]), batch(IRIS_SIZES[0]));
    let labels = Targets::Binary(Array1::from_shape_fn(BATCH, |i| (i % 3 == 0) as u8 as f64));
    let classes = Targets::Classes((0..BATCH).map(|i| i % 3).collect());

    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let churn = Network::new(&CHURN_SIZES, &mut rng);
    let iris = Network::new(&IRIS_SIZES, &mut rng);
    let worst_binary = check(
        "binary cross-entropy, network 6-16-1",
        &churn,
        &x_churn,
        &labels,
    )?;
    let worst_classes = check(
        "categorical cross-entropy, network 4-10-3",
        &iris,
        &x_iris,
        &classes,
    )?;
    Ok(worst_binary.max(worst_classes))
}

fn main() -> ExitCode {
    match run() {
        Ok(worst) => {
            println!(
                "largest relative error overall: {worst:.1e} (below 1e-6: {})",
                worst < 1e-6
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: main
