//! The softmax of Blue 2, Green 1, Red -1 at several temperatures.

use ch03_softmax::SoftmaxError;
use ch03_softmax::attempts::{CLASSES, SCORES};
use ch03_softmax::temperature::{TEMPERATURES, softmax_with_temperature};
use ndarray::aview2;
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
    let logits = aview2(&[SCORES]);
    println!(
        "    T    {:>6}  {:>6}  {:>6}",
        CLASSES[0], CLASSES[1], CLASSES[2]
    );
    for t in TEMPERATURES {
        let probs = softmax_with_temperature(logits, t)?;
        println!(
            "{t:5.2}    {:.4}  {:.4}  {:.4}",
            probs[[0, 0]],
            probs[[0, 1]],
            probs[[0, 2]]
        );
    }
    Ok(())
}
// ANCHOR_END: main
