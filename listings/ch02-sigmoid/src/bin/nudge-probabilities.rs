//! Chapter 1's nudges again, now with the probability the line gives its two mistakes.

use ch01_loss_functions::line::{Line, START};
use ch01_loss_functions::loss::misclassified;
use ch01_loss_functions::students::CLASS;
use ch02_sigmoid::pass::pass_probability;

// ANCHOR: main
fn main() {
    // The two students the starting line gets wrong: one passed, one failed.
    let passed = CLASS
        .iter()
        .find(|s| s.hours == 8.0 && s.practice == 3.0)
        .expect("in the class");
    let failed = CLASS
        .iter()
        .find(|s| s.hours == 2.0 && s.practice == 7.5)
        .expect("in the class");
    println!("w_hours  misclassified  P(pass) of (8, 3), passed  P(pass) of (2, 7.5), failed");
    for step in 0..=8 {
        let line = Line {
            w_hours: START.w_hours + 0.025 * step as f64,
            ..START
        };
        println!(
            "{:7.3}  {:13}  {:25.4}  {:27.4}",
            line.w_hours,
            misclassified(&line, &CLASS),
            pass_probability(&line, passed),
            pass_probability(&line, failed)
        );
    }
}
// ANCHOR_END: main
