//! What the library says about logits it cannot turn into probabilities.

use ch03_softmax::temperature::softmax_with_temperature;
use ch03_softmax::{log_softmax_rows, logsumexp, softmax_rows};
use ndarray::{Array1, Array2, array};

// ANCHOR: main
fn main() {
    let inf = f64::INFINITY;
    let with_nan = array![[1.0, 2.0, 3.0], [0.5, f64::NAN, 0.0]];
    let with_inf = array![[inf, 0.0]];
    let all_masked = array![[0.0, 1.0], [-inf, -inf]];
    let no_classes = Array2::<f64>::zeros((4, 0));

    // Each call is expected to fail; the program shows the message a caller would get.
    for (what, result) in [
        (
            "softmax_rows, a NaN in the second sample",
            softmax_rows(with_nan.view()).map(|_| ()),
        ),
        (
            "log_softmax_rows, a logit of +inf",
            log_softmax_rows(with_inf.view()).map(|_| ()),
        ),
        (
            "softmax_rows, every class of the second sample masked",
            softmax_rows(all_masked.view()).map(|_| ()),
        ),
        (
            "softmax_rows, four samples of no class",
            softmax_rows(no_classes.view()).map(|_| ()),
        ),
        (
            "logsumexp of an empty row",
            logsumexp(Array1::<f64>::zeros(0).view()).map(|_| ()),
        ),
        (
            "softmax_with_temperature, t = 1e-308",
            softmax_with_temperature(array![[2.0, 1.0, -1.0]].view(), 1e-308).map(|_| ()),
        ),
    ] {
        match result {
            Ok(()) => println!("{what}: unexpectedly fine"),
            Err(e) => println!("{what}:\n  {e}"),
        }
    }
}
// ANCHOR_END: main
