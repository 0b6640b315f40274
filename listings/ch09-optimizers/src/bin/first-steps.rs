//! The first five steps of each optimizer on f(w) = (w - 3)², from w = 0, learning rate 0.1.

use ch09_optimizers::problems::parabola_path;
use ch09_optimizers::{Adam, Momentum, Sgd};

// ANCHOR: main
fn main() {
    let lr = 0.1;
    let sgd = parabola_path(&mut Sgd { lr }, 5);
    let momentum = parabola_path(&mut Momentum::new(lr, 0.9), 5);
    let adam = parabola_path(&mut Adam::new(lr), 5);
    println!("f(w) = (w - 3)^2, w = 0 at the start, learning rate {lr}");
    println!("step        sgd   momentum       adam   adam's step");
    let mut w = 0.0;
    for step in 0..5 {
        println!(
            "{:4}  {:9.6}  {:9.6}  {:9.6}  {:12.6}",
            step + 1,
            sgd[step],
            momentum[step],
            adam[step],
            adam[step] - w
        );
        w = adam[step];
    }
    println!(
        "sgd's factor on w - 3 per step: {:.6}",
        (sgd[1] - 3.0) / (sgd[0] - 3.0)
    );
}
// ANCHOR_END: main
