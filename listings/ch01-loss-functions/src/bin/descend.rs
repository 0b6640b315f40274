//! Walks down the hill and prints every step.

use ch01_loss_functions::hill::{LR, START, STEPS, descend, height};

// ANCHOR: main
fn main() {
    println!("step        x        y   height");
    for (step, (x, y)) in descend(START, LR, STEPS).into_iter().enumerate() {
        println!("{step:4}  {x:7.4}  {y:7.4}  {:7.4}", height(x, y));
    }
}
// ANCHOR_END: main
