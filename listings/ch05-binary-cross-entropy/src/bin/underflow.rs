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
    let mut first_zero = (None, None);
    for n in [4, 40, 100, 400, 1000, 4000] {
        let a = class_of(&MODEL_A, n);
        let b = class_of(&MODEL_B, n);
        if likelihood_f32(&a) == 0.0 && first_zero.0.is_none() {
            first_zero.0 = Some(n);
        }
        if likelihood(&a) == 0.0 && first_zero.1.is_none() {
            first_zero.1 = Some(n);
        }
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
    if let (Some(single), Some(double)) = first_zero {
        println!("model A's product is 0 from {single} students in f32, from {double} in f64");
    }
}
// ANCHOR_END: main
