//! Hinge loss and cross-entropy over a range of margins.

use ch06_categorical_cross_entropy::hinge::{hinge, logistic, zero_one};

// ANCHOR: main
fn main() {
    println!("margin  0-1  hinge  cross-entropy (nats)  (bits)");
    for i in -4..=8 {
        let m = f64::from(i) * 0.5;
        let ce = logistic(m);
        println!(
            "{m:6.1}  {:3}  {:5.2}  {ce:20.4}  {:6.4}",
            zero_one(m),
            hinge(m),
            ce / std::f64::consts::LN_2
        );
    }
}
// ANCHOR_END: main
