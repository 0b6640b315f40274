//! Moves the line in small steps and prints both ways of scoring it.

use ch01_loss_functions::line::{Line, START};
use ch01_loss_functions::loss::{misclassified, wrong_side};
use ch01_loss_functions::students::CLASS;

// ANCHOR: main
fn main() {
    println!("w_hours  misclassified  wrong-side loss");
    let mut lowest = (f64::INFINITY, START.w_hours);
    for step in 0..=8 {
        let line = Line {
            w_hours: START.w_hours + 0.025 * step as f64,
            ..START
        };
        let loss = wrong_side(&line, &CLASS);
        if loss < lowest.0 {
            lowest = (loss, line.w_hours);
        }
        println!(
            "{:7.3}  {:13}  {loss:15.3}",
            line.w_hours,
            misclassified(&line, &CLASS),
        );
    }
    println!();
    println!(
        "lowest wrong-side loss {:.3}, at w_hours {:.3}",
        lowest.0, lowest.1
    );
}
// ANCHOR_END: main
