//! The gradient (softmax(z) - onehot(y)) / N against finite differences, on two rows.

use ch06_categorical_cross_entropy::{cross_entropy_with_logits, cross_entropy_with_logits_grad};
use ndarray::array;

// ANCHOR: main
fn main() {
    let logits = array![[2.0, 1.0, -1.0], [0.5, -0.5, 3.0]];
    let targets = [0, 1];
    let grad = cross_entropy_with_logits_grad(logits.view(), &targets).expect("valid batch");
    let h = 1e-5;
    let mut largest: f64 = 0.0;
    println!("row  class  analytic     finite difference");
    for ((i, j), g) in grad.indexed_iter() {
        let (mut up, mut down) = (logits.clone(), logits.clone());
        up[[i, j]] += h;
        down[[i, j]] -= h;
        let loss = |z: &ndarray::Array2<f64>| {
            cross_entropy_with_logits(z.view(), &targets).expect("valid")
        };
        let fd = (loss(&up) - loss(&down)) / (2.0 * h);
        largest = largest.max((g - fd).abs());
        println!("{i:3}  {j:5}  {g:11.8}  {fd:11.8}");
    }
    println!("largest difference below 1e-9: {}", largest < 1e-9);
    let row_sum = grad
        .rows()
        .into_iter()
        .map(|row| row.sum().abs())
        .fold(0.0, f64::max);
    println!("largest row sum of the gradient, in size: {row_sum:.1e}");
}
// ANCHOR_END: main
