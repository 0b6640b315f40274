//! What the library says about logits it cannot turn into probabilities.

use ch03_softmax::{log_softmax_rows, logsumexp, softmax_rows};
use ndarray::{Array1, Array2, array};

// ANCHOR: main
fn main() {
    let with_nan = array![[1.0, 2.0, 3.0], [0.5, f64::NAN, 0.0]];
    let with_inf = array![[f64::INFINITY, 0.0]];
    let no_classes = Array2::<f64>::zeros((4, 0));

    // Each call is expected to fail; the program shows the message a caller would get.
    for (what, result) in [
        (
            "softmax_rows, a NaN in the second sample",
            softmax_rows(with_nan.view()).map(|_| ()),
        ),
        (
            "log_softmax_rows, an infinite logit",
            log_softmax_rows(with_inf.view()).map(|_| ()),
        ),
        (
            "softmax_rows, four samples of no class",
            softmax_rows(no_classes.view()).map(|_| ()),
        ),
        (
            "logsumexp of an empty row",
            logsumexp(Array1::<f64>::zeros(0).view()).map(|_| ()),
        ),
    ] {
        match result {
            Ok(()) => println!("{what}: unexpectedly fine"),
            Err(e) => println!("{what}:\n  {e}"),
        }
    }
}
// ANCHOR_END: main
