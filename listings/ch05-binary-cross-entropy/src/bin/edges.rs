//! One sample with label 0 and a growing logit: the exact loss against what the frameworks do.

use ch02_sigmoid::sigmoid;
use ch05_binary_cross_entropy::frameworks::{keras_binary_crossentropy, torch_bce_loss};
use ch05_binary_cross_entropy::{bce, bce_with_logits, bce_with_logits_grad};
use ndarray::array;

// ANCHOR: main
fn main() {
    let y = array![0.0];
    // The three ways to score sigmoid(z) when only the probability is handed over.
    let from_probs = |z: f64| bce(array![sigmoid(z)].view(), y.view()).expect("a probability");
    let torch =
        |z: f64| torch_bce_loss(array![sigmoid(z)].view(), y.view()).expect("a probability");
    let keras = |z: f64| {
        keras_binary_crossentropy(array![sigmoid(z)].view(), y.view()).expect("a probability")
    };
    let slope = |f: &dyn Fn(f64) -> f64, z: f64| (f(z + 1e-3) - f(z - 1e-3)) / 2e-3;

    println!(
        "      z    exact (logits)  bce(sigmoid z)  PyTorch BCELoss  Keras clip   slope: exact  Keras"
    );
    for z in [0.0, 5.0, 10.0, 16.0, 20.0, 36.0, 37.0, 40.0, 100.0, 1000.0] {
        let exact = bce_with_logits(array![z].view(), y.view()).expect("a finite logit");
        let grad = bce_with_logits_grad(array![z].view(), y.view()).expect("a finite logit")[0];
        println!(
            "{z:7}  {exact:16.4}  {:14.4}  {:15.4}  {:10.4}  {grad:13.4}  {:5.3}",
            from_probs(z),
            torch(z),
            keras(z),
            slope(&keras, z),
        );
    }
}
// ANCHOR_END: main
