//! The three fruit containers: product, sum of negative logs in two bases, and the mean.

use ch06_categorical_cross_entropy::categorical_cross_entropy;
use ch06_categorical_cross_entropy::fruit::{CORRECT, FRUITS, PREDICTED};
use ch06_categorical_cross_entropy::one_hot;
use ndarray::Array2;

// ANCHOR: main
fn main() {
    let mut product = 1.0;
    let (mut sum_10, mut sum_e) = (0.0, 0.0);
    println!("container  correct  p(correct)  -log10 p   -ln p");
    for (name, (probs, &class)) in ["A", "B", "C"].iter().zip(PREDICTED.iter().zip(&CORRECT)) {
        let p = probs[class];
        product *= p;
        sum_10 -= libm::log10(p);
        sum_e -= libm::log(p);
        println!(
            "{name:>9}  {:>7}  {p:10.1}  {:8.4}  {:6.4}",
            FRUITS[class],
            -libm::log10(p),
            -libm::log(p)
        );
    }
    println!("product {product:.4}, sums {sum_10:.4} (base 10) and {sum_e:.4} (natural log)");

    let probs = Array2::from_shape_fn((3, 3), |(i, j)| PREDICTED[i][j]);
    let targets = one_hot(&CORRECT, 3).expect("classes in range");
    let mean = categorical_cross_entropy(probs.view(), targets.view()).expect("valid");
    println!("categorical cross-entropy, mean over the containers: {mean:.4} nats");
}
// ANCHOR_END: main
