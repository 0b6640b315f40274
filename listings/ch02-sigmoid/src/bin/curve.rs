//! The sigmoid at a few points: its symmetry, and its slope against a finite difference.

use ch02_sigmoid::sigmoid;
use ch02_sigmoid::sigmoid::sigmoid_derivative;

// ANCHOR: main
fn main() {
    let h = 1e-5;
    println!("   z  sigmoid(z)  1-sigmoid(-z)     slope  finite difference");
    for z in [-6.0, -4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0, 6.0_f64] {
        let fd = (sigmoid(z + h) - sigmoid(z - h)) / (2.0 * h);
        println!(
            "{z:4.0}  {:10.6}  {:13.6}  {:8.6}  {fd:17.6}",
            sigmoid(z),
            1.0 - sigmoid(-z),
            sigmoid_derivative(z)
        );
    }
}
// ANCHOR_END: main
