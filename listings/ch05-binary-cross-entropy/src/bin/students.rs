//! The four students: the likelihood of each model, and its logarithm in two bases.

use ch05_binary_cross_entropy::likelihood::{
    MODEL_A, MODEL_B, likelihood, negative_log_likelihood,
};
use std::f64::consts::E;

// ANCHOR: main
fn main() {
    for (name, probs) in [("A", MODEL_A), ("B", MODEL_B)] {
        println!("model {name}: probabilities {probs:?}");
        println!("  likelihood (the product): {:.4}", likelihood(&probs));
        println!("     p  -log10 p   -ln p");
        for p in probs {
            println!("  {p:4.1}  {:8.4}  {:6.4}", -libm::log10(p), -libm::log(p));
        }
        println!(
            "   sum  {:8.4}  {:6.4}",
            negative_log_likelihood(&probs, 10.0),
            negative_log_likelihood(&probs, E)
        );
        println!();
    }
}
// ANCHOR_END: main
