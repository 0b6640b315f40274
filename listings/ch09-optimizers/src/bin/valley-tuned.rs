//! Each optimizer at its best learning rate, on the valley as it is and turned by 45 degrees.

use ch09_optimizers::problems::VALLEY_STEPS;
use ch09_optimizers::tuning::{OPTIMIZERS, TurnedValley, best_rate};

// ANCHOR: main
fn main() {
    let rates: Vec<f64> = (1..=100).map(|k| f64::from(k) / 100.0).collect();
    let from = 50;
    println!("learning rates tried: 0.01, 0.02, ..., 1.00");
    println!("score: the highest point of steps {from} to {VALLEY_STEPS}, lower is better");
    println!("turned  optimizer  best lr   score");
    for degrees in [0.0, 45.0] {
        let valley = TurnedValley::new(degrees);
        for (name, make) in OPTIMIZERS {
            let (lr, score) = best_rate(make, &valley, &rates, VALLEY_STEPS, from);
            println!("{degrees:4.0}°  {name:9}  {lr:7.2}  {score:6.4}");
        }
    }
}
// ANCHOR_END: main
