//! Binary cross-entropy of the four students, sample by sample, and what one term costs.

use ch05_binary_cross_entropy::{bce, bce_terms};
use ndarray::array;

// ANCHOR: main
fn main() {
    // Labels: 1 = passed. The models' probabilities of a pass, p_i = P(y_i = 1).
    let targets = array![0.0, 0.0, 1.0, 1.0];
    let models = [
        ("A", array![0.9, 0.3, 0.6, 0.2]),
        ("B", array![0.2, 0.4, 0.7, 0.9]),
    ];
    for (name, probs) in &models {
        let terms = bce_terms(probs.view(), targets.view()).expect("valid probabilities");
        let mean = bce(probs.view(), targets.view()).expect("valid probabilities");
        println!("model {name}: terms {:.4}  mean {mean:.4}", terms);
    }

    println!();
    println!("    p   cost if y = 1: -ln p   cost if y = 0: -ln(1 - p)");
    for p in [0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999] {
        let cost_1 = bce(array![p].view(), array![1.0].view()).expect("p is a probability");
        let cost_0 = bce(array![p].view(), array![0.0].view()).expect("p is a probability");
        println!("{p:5}  {cost_1:20.4}  {cost_0:25.4}");
    }
}
// ANCHOR_END: main
