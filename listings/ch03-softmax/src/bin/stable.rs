//! Shifting the logits changes nothing; subtracting the maximum is what keeps the softmax finite.

use ch03_softmax::attempts::{naive_logsumexp, naive_softmax};
use ch03_softmax::{SoftmaxError, log_softmax_rows, logsumexp, softmax_rows};
use ndarray::{Array2, array};
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
    // One batch, one row per sample: the same scores shifted by +10 and by -100.
    let shifted: Array2<f64> = array![[2.0, 1.0, -1.0], [12.0, 11.0, 9.0], [-98.0, -99.0, -101.0]];
    println!("softmax of shifted scores (one row each)");
    for (z, p) in shifted
        .rows()
        .into_iter()
        .zip(softmax_rows(shifted.view())?.rows())
    {
        println!(
            "  {:20}  {:.6}  {:.6}  {:.6}",
            format!("{z}"),
            p[0],
            p[1],
            p[2]
        );
    }

    println!();
    println!("logits            naive softmax         stable softmax");
    let big: Array2<f64> = array![[1000.0, 999.0], [-1000.0, -1001.0]];
    for (z, p) in big.rows().into_iter().zip(softmax_rows(big.view())?.rows()) {
        let naive = naive_softmax(z.as_slice().expect("a row of a standard-layout array"));
        println!(
            "  {:14}  {:8.6}  {:8.6}    {:.6}  {:.6}",
            format!("{z}"),
            naive[0],
            naive[1],
            p[0],
            p[1]
        );
    }

    println!();
    println!("logits            naive ln(sum e^z)    logsumexp");
    for z in [
        array![2.0, 1.0, -1.0],
        array![1000.0, 999.0],
        array![-1000.0, -1001.0],
    ] {
        let naive = naive_logsumexp(z.as_slice().expect("a standard-layout array"));
        println!(
            "  {:14}  {naive:17.4}    {:.4}",
            format!("{z}"),
            logsumexp(z.view())?
        );
    }

    println!();
    println!("logits            ln(softmax)           log_softmax");
    let z: Array2<f64> = array![[0.0, -1000.0]];
    let (p, lp) = (softmax_rows(z.view())?, log_softmax_rows(z.view())?);
    println!(
        "  {:14}  {:8.4}  {:8.4}    {:.4}  {:.4}",
        format!("{}", z.row(0)),
        libm::log(p[[0, 0]]),
        libm::log(p[[0, 1]]),
        lp[[0, 0]],
        lp[[0, 1]]
    );
    Ok(())
}
// ANCHOR_END: main
