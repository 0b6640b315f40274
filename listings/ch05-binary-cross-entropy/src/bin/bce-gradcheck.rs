//! The gradient (σ(z) - y) / N against a finite difference of the loss, on the article's tensor.

use ch05_binary_cross_entropy::frameworks::{X, Y};
use ch05_binary_cross_entropy::{bce_with_logits, bce_with_logits_grad};
use ndarray::Array1;

// ANCHOR: main
fn main() {
    let logits = Array1::from(X.to_vec());
    let targets = Array1::from(Y.to_vec());
    let grad = bce_with_logits_grad(logits.view(), targets.view()).expect("valid batch");
    let loss = |z: &Array1<f64>| bce_with_logits(z.view(), targets.view()).expect("valid batch");

    let h = 1e-5;
    let mut largest: f64 = 0.0;
    println!("      z  y   (σ(z) - y)/N   finite difference");
    for i in 0..logits.len() {
        let (mut up, mut down) = (logits.clone(), logits.clone());
        up[i] += h;
        down[i] -= h;
        let fd = (loss(&up) - loss(&down)) / (2.0 * h);
        largest = largest.max((grad[i] - fd).abs());
        println!(
            "{:7.4}  {}  {:13.8}  {:18.8}",
            logits[i], targets[i], grad[i], fd
        );
    }
    println!("largest difference below 1e-9: {}", largest < 1e-9);
}
// ANCHOR_END: main
