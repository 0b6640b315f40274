//! The sigmoid is the softmax of two classes: softmax([a, b]) gives class 0 the value sigmoid(a - b).

use ch02_sigmoid::sigmoid;
use ch03_softmax::{SoftmaxError, softmax_rows};
use ndarray::array;
use std::process::ExitCode;

// ANCHOR: main
fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), SoftmaxError> {
    // One row per sample: two logits, the second fixed at 0 except in the last two rows.
    let logits = array![
        [-4.0, 0.0],
        [-1.0, 0.0],
        [0.0, 0.0],
        [0.5, 0.0],
        [3.0, 0.0],
        [2.5, 0.5],
        [-7.0, -9.0]
    ];
    let probs = softmax_rows(logits.view())?;
    println!("   a     b  softmax class 0  sigmoid(a - b)  same bits");
    for (z, p) in logits.rows().into_iter().zip(probs.rows()) {
        let s = sigmoid(z[0] - z[1]);
        let same = if p[0].to_bits() == s.to_bits() {
            "yes"
        } else {
            "no"
        };
        println!(
            "{:4.1}  {:4.1}  {:15.6}  {s:14.6}  {same:>9}",
            z[0], z[1], p[0]
        );
    }
    Ok(())
}
// ANCHOR_END: main
