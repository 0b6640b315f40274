//! A prediction that gives each of K classes probability 1/K costs ln K on every sample.

use ch05_binary_cross_entropy::bce_with_logits;
use ch06_categorical_cross_entropy::cross_entropy_with_logits;
use ch07_why_cross_entropy::examples::{CORRECT, PASSED};
use ndarray::{Array1, Array2, aview1};

// ANCHOR: main
fn main() {
    // Logits of 0: σ(0) = ½ for each student, softmax(0, 0, 0) = (⅓, ⅓, ⅓) for each container.
    let students = bce_with_logits(Array1::zeros(4).view(), aview1(&PASSED)).expect("valid");
    let fruit = cross_entropy_with_logits(Array2::zeros((3, 3)).view(), &CORRECT).expect("valid");
    println!(
        "K = 2: ln 2 = {:.6}, BCE of logits 0 for the four students {students:.6}",
        libm::log(2.0)
    );
    println!(
        "K = 3: ln 3 = {:.6}, CE of logits 0 for the three containers {fruit:.6}",
        libm::log(3.0)
    );
}
// ANCHOR_END: main
