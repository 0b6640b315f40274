//! Moves the line in small steps and prints both ways of scoring it.

use ch01_loss_functions::line::{Line, START};
use ch01_loss_functions::loss::{misclassified, wrong_side};
use ch01_loss_functions::students::CLASS;

// ANCHOR: main
fn main() {
    println!("w_hours  misclassified  wrong-side loss");
    for step in 0..=8 {
        let line = Line {
            w_hours: START.w_hours + 0.025 * step as f64,
            ..START
        };
        println!(
            "{:7.3}  {:13}  {:15.3}",
            line.w_hours,
            misclassified(&line, &CLASS),
            wrong_side(&line, &CLASS)
        );
    }
}
// ANCHOR_END: main
