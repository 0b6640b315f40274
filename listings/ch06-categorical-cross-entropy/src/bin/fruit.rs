//! The three fruit containers: product, sum of negative logs in two bases, and the mean.

use ch06_categorical_cross_entropy::categorical_cross_entropy;
use ch06_categorical_cross_entropy::fruit::{CORRECT, FRUITS, PREDICTED};
use ch06_categorical_cross_entropy::one_hot;
use ndarray::Array2;

// ANCHOR: main
fn main() {
    let mut product = 1.0;
    let (mut sum_10, mut sum_e, mut sum_cut) = (0.0, 0.0, 0.0);
    println!("container  correct  p(correct)  -log10 p   -ln p  -log10 p cut to 3 places");
    for (name, (probs, &class)) in ["A", "B", "C"].iter().zip(PREDICTED.iter().zip(&CORRECT)) {
        let p = probs[class];
        // The source article's way: the base-10 term with its digits after the third cut off.
        let cut = libm::floor(-libm::log10(p) * 1000.0) / 1000.0;
        product *= p;
        sum_10 -= libm::log10(p);
        sum_e -= libm::log(p);
        sum_cut += cut;
        println!(
            "{name:>9}  {:>7}  {p:10.1}  {:8.4}  {:6.4}  {cut:24.3}",
            FRUITS[class],
            -libm::log10(p),
            -libm::log(p)
        );
    }
    println!("product {product:.4}");
    println!("sum of -log10 p {sum_10:.4}, of the cut terms {sum_cut:.3}");
    println!("sum of -ln p {sum_e:.4}");

    let probs = Array2::from_shape_fn((3, 3), |(i, j)| PREDICTED[i][j]);
    let targets = one_hot(&CORRECT, 3).expect("classes in range");
    let mean = categorical_cross_entropy(probs.view(), targets.view()).expect("valid");
    println!("categorical cross-entropy, mean over the containers: {mean:.4} nats");
}
// ANCHOR_END: main
