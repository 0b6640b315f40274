//! Prints the answer to one of the chapter's exercises: `layers-exercises N`.

use std::process::ExitCode;

use ch08_layers::Network;
use ch08_layers::exercises::{
    check_with_steps, count_params, forgot_the_mean, logistic_grad_w, worst_entry,
};
use ch08_layers::gradcheck::{CheckError, Targets, loss_and_grads, numeric_grads};
use ch08_layers::worked::{CHURN_SIZES, IRIS_SIZES};
use ndarray::{Array1, Array2};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const NAMES: [&str; 4] = ["w1", "b1", "w2", "b2"];

/// A batch of `rows` samples with `cols` features, uniform in (-2, 2).
fn batch(rows: usize, cols: usize, seed: u64) -> Array2<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Array2::from_shape_fn((rows, cols), |_| rng.random_range(-2.0..2.0))
}

// ANCHOR: exercise_1
fn exercise_1() -> Result<(), CheckError> {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for (name, sizes) in [("churn", CHURN_SIZES), ("iris", IRIS_SIZES)] {
        let network = Network::new(&sizes, &mut rng);
        println!(
            "{name} {sizes:?}: count_params {}, n_params {}",
            count_params(&sizes),
            network.n_params()
        );
    }
    Ok(())
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
fn exercise_2() -> Result<(), CheckError> {
    let network = Network::new(&[6, 1], &mut ChaCha8Rng::seed_from_u64(1));
    let x = batch(8, 6, 2024);
    let y = Targets::Binary(Array1::from_shape_fn(8, |i| (i % 3 == 0) as u8 as f64));
    let (_, grads) = loss_and_grads(&network, x.view(), &y)?;
    let direct = logistic_grad_w(&network, x.view(), &y)?;
    let largest = (&grads[0] - &direct)
        .iter()
        .fold(0.0_f64, |m, d| m.max(d.abs()));
    println!("grad_w from backward:      {:.6}", grads[0].t());
    println!("x^T (p - y) / N, directly: {:.6}", direct.t());
    println!("largest difference: {largest:.1e}");
    Ok(())
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
fn exercise_3() -> Result<(), CheckError> {
    let network = Network::new(&IRIS_SIZES, &mut ChaCha8Rng::seed_from_u64(7));
    for n in [1, 2, 4, 10] {
        let x = batch(n, 4, 2024);
        let classes = Targets::Classes((0..n).map(|i| i % 3).collect());
        let worst = forgot_the_mean(&network, x.view(), &classes)?;
        println!("batch of {n:2}: largest relative error {worst:.4}");
    }
    Ok(())
}
// ANCHOR_END: exercise_3

// ANCHOR: exercise_4
fn exercise_4() -> Result<(), CheckError> {
    // The churn network and batch of the `gradcheck` program.
    let network = Network::new(&CHURN_SIZES, &mut ChaCha8Rng::seed_from_u64(7));
    let x = batch(8, 6, 2024);
    let y = Targets::Binary(Array1::from_shape_fn(8, |i| (i % 3 == 0) as u8 as f64));
    let steps: Vec<f64> = (1..=12).map(|k| libm::pow(10.0, -f64::from(k))).collect();
    let errors = check_with_steps(&network, x.view(), &y, &steps)?;
    for (h, err) in steps.iter().zip(errors) {
        println!(
            "h = {:<6} largest relative error {err:.1e}",
            format!("{h:.0e}")
        );
    }
    // Where the check fails at h = 1e-3, and the hidden pre-activation closest to the kink.
    let (_, backprop) = loss_and_grads(&network, x.view(), &y)?;
    let numeric = numeric_grads(&network, x.view(), &y, 1e-3)?;
    let (param, (row, col), err) = worst_entry(&backprop, &numeric);
    println!(
        "worst at h = 1e-3: {}[{row}, {col}], error {err:.1e}",
        NAMES[param]
    );
    let z1 = network.layers[0].forward(x.view());
    let ((sample, unit), z) = z1
        .indexed_iter()
        .min_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
        .expect("a batch has rows");
    println!("closest to the kink: sample {sample}, hidden unit {unit}, z = {z:.1e}");
    Ok(())
}
// ANCHOR_END: exercise_4

fn main() -> ExitCode {
    let exercises = [exercise_1, exercise_2, exercise_3, exercise_4];
    let chosen = std::env::args()
        .nth(1)
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|n| exercises.get(n.wrapping_sub(1)));
    let Some(exercise) = chosen else {
        eprintln!(
            "usage: layers-exercises N, with N from 1 to {}",
            exercises.len()
        );
        return ExitCode::from(2);
    };
    match exercise() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
