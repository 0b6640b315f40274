//! Larger and larger classes: the product of probabilities collapses, the sum of logs does not.

use ch05_binary_cross_entropy::likelihood::{
    MODEL_A, MODEL_B, class_of, likelihood, likelihood_f32, negative_log_likelihood,
};
use std::f64::consts::E;

// ANCHOR: main
fn main() {
    println!(
        "students  A: f32 product  A: f64 product  B: f32 product  B: f64 product  A: -ln L  B: -ln L"
    );
    for n in [4, 40, 100, 400, 1000, 4000] {
        let a = class_of(&MODEL_A, n);
        let b = class_of(&MODEL_B, n);
        println!(
            "{n:8}  {:14.3e}  {:14.3e}  {:14.3e}  {:14.3e}  {:8.2}  {:8.2}",
            likelihood_f32(&a),
            likelihood(&a),
            likelihood_f32(&b),
            likelihood(&b),
            negative_log_likelihood(&a, E),
            negative_log_likelihood(&b, E),
        );
    }
}
// ANCHOR_END: main
