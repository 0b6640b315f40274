//! A logit of -inf masks its class: probability 0, and the other classes as if it were absent.

use ch03_softmax::{SoftmaxError, log_softmax_rows, softmax_rows};
use ndarray::array;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: main
fn run() -> Result<(), SoftmaxError> {
    let inf = f64::INFINITY;
    // Blue, Green, Red for three samples: the second may not be Red, the third may only be Green.
    let logits = array![[2.0, 1.0, -1.0], [2.0, 1.0, -inf], [-inf, 1.0, -inf]];
    let probs = softmax_rows(logits.view())?;
    let log_probs = log_softmax_rows(logits.view())?;
    println!("logits              softmax                     log_softmax");
    for i in 0..logits.nrows() {
        let (p, lp) = (probs.row(i), log_probs.row(i));
        println!(
            "  {:16}  {:.6}  {:.6}  {:.6}    {:7.4}  {:7.4}  {:7.4}",
            format!("{}", logits.row(i)),
            p[0],
            p[1],
            p[2],
            lp[0],
            lp[1],
            lp[2]
        );
    }
    // The second sample without its masked class: the same two probabilities, to the bit.
    let two = softmax_rows(array![[2.0, 1.0]].view())?;
    println!("  {:16}  {:.6}  {:.6}", "[2, 1]", two[[0, 0]], two[[0, 1]]);
    println!(
        "  same bits: {}",
        two.row(0) == probs.row(1).slice(ndarray::s![..2])
    );
    Ok(())
}
// ANCHOR_END: main
