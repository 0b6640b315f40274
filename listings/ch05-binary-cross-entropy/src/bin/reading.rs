//! Binary cross-entropy of the four students, sample by sample, and what one term costs.

use ch05_binary_cross_entropy::likelihood::{MODEL_A, MODEL_B};
use ch05_binary_cross_entropy::{bce, bce_terms};
use ndarray::{Array1, array};

// ANCHOR: main
fn main() {
    // Labels: 1 = passed. Students 1 and 2 failed, 3 and 4 passed.
    let targets = array![0.0, 0.0, 1.0, 1.0];
    for (name, happened) in [("A", MODEL_A), ("B", MODEL_B)] {
        // The loss takes the probability of a pass: the probability of what happened for a
        // student who passed, one minus it for a student who failed.
        let probs = Array1::from_shape_fn(4, |i| {
            if targets[i] == 1.0 {
                happened[i]
            } else {
                1.0 - happened[i]
            }
        });
        let terms = bce_terms(probs.view(), targets.view()).expect("valid probabilities");
        let mean = bce(probs.view(), targets.view()).expect("valid probabilities");
        println!("model {name}: P(pass) {probs:.1}");
        println!("model {name}: terms {terms:.4}");
        println!("model {name}: mean {mean:.4}");
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
