//! Prints the answer to one of the chapter's exercises: `optimizers-exercises N`.

use std::process::ExitCode;

use ch09_optimizers::exercises::{
    distance_after, first_steps, largest_gap, largest_stable_rate, uncorrected_first_step,
    walk_with_scaled_gradients,
};
use ch09_optimizers::problems::{VALLEY_START, VALLEY_STEPS, valley, valley_path};
use ch09_optimizers::{Adam, Sgd};

// ANCHOR: exercise_1
fn exercise_1() {
    println!("scale    adam's first step  sgd's first step");
    for scale in [0.001, 1.0, 1000.0] {
        let (adam, sgd) = first_steps(scale, 0.1);
        println!("{scale:<8} {adam:17.8}  {sgd:16.4}");
    }
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
fn exercise_2() {
    let curvature = 10.0;
    for (name, beta) in [("sgd", 0.0), ("momentum", 0.9)] {
        let limit = largest_stable_rate(beta, curvature);
        println!("{name}: largest stable rate 2 (1 + {beta}) / {curvature} = {limit:.2}");
        for lr in [limit - 0.01, limit + 0.01] {
            let y = distance_after(lr, beta, curvature, 500);
            println!("  {name} lr {lr:.2}: |y| after 500 steps {y:.1e}");
        }
    }
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
fn exercise_3() {
    let (lr, g) = (0.1, -6.0);
    let corrected = first_steps(1.0, lr).0;
    let uncorrected = -uncorrected_first_step(lr, g);
    println!("first step with the bias correction:    {corrected:.6}");
    println!("first step without the bias correction: {uncorrected:.6}");
    println!("ratio: {:.4}", uncorrected / corrected);
}
// ANCHOR_END: exercise_3

// ANCHOR: exercise_4
fn exercise_4() {
    let adam = valley_path(&mut Adam::new(0.5), VALLEY_START, VALLEY_STEPS);
    let sgd = valley_path(&mut Sgd { lr: 0.18 }, VALLEY_START, VALLEY_STEPS);
    println!("{VALLEY_STEPS} steps with every gradient multiplied by a factor:");
    for factor in [4.0, 32.0] {
        let adam_off = walk_with_scaled_gradients(&mut Adam::new(0.5), factor, VALLEY_STEPS);
        let sgd_off = walk_with_scaled_gradients(&mut Sgd { lr: 0.18 }, factor, VALLEY_STEPS);
        let (x, y) = sgd_off[VALLEY_STEPS];
        let (adam_gap, sgd_gap) = (largest_gap(&adam, &adam_off), largest_gap(&sgd, &sgd_off));
        println!("factor {factor:2}  adam  largest gap {adam_gap:.1e}");
        println!(
            "factor {factor:2}  sgd   largest gap {sgd_gap:.1e}  final height {:.1e}",
            valley(x, y)
        );
    }
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
            "usage: optimizers-exercises N, with N from 1 to {}",
            exercises.len()
        );
        return ExitCode::from(2);
    };
    exercise();
    ExitCode::SUCCESS
}
