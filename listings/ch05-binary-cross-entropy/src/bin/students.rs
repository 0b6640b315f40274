//! The four students: the likelihood of each model, and its logarithm in two bases.

use ch05_binary_cross_entropy::likelihood::{
    MODEL_A, MODEL_B, likelihood, negative_log_likelihood,
};
use std::f64::consts::E;

// ANCHOR: main
fn main() {
    for (name, probs) in [("A", MODEL_A), ("B", MODEL_B)] {
        println!("model {name}: probabilities of what happened {probs:?}");
        println!(
            "model {name}: likelihood (the product) {:.4}",
            likelihood(&probs)
        );
        println!("       p  -log10 p   -ln p");
        for p in probs {
            println!(
                "  {name}  {p:.1}  {:8.4}  {:6.4}",
                -libm::log10(p),
                -libm::log(p)
            );
        }
        println!(
            "model {name}: sum of -log10 p {:.4}",
            negative_log_likelihood(&probs, 10.0)
        );
        println!(
            "model {name}: sum of -ln p {:.4}",
            negative_log_likelihood(&probs, E)
        );
        println!();
    }
}
// ANCHOR_END: main
