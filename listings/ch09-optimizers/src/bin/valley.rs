//! Three optimizers walk down a long, narrow valley; prints the height every ten steps.

use ch09_optimizers::Sgd;
use ch09_optimizers::problems::{VALLEY_START, VALLEY_STEPS, valley, valley_path};
use ch09_optimizers::{Adam, Momentum, Optimizer};

// ANCHOR: main
fn main() {
    let optimizers: [(&str, &str, Box<dyn Optimizer>); 3] = [
        ("sgd", "lr 0.18", Box::new(Sgd { lr: 0.18 })),
        (
            "momentum",
            "lr 0.05, beta 0.9",
            Box::new(Momentum::new(0.05, 0.9)),
        ),
        ("adam", "lr 0.5", Box::new(Adam::new(0.5))),
    ];
    println!("f(x, y) = x^2/10 + 5 y^2 from {VALLEY_START:?}");
    let mut paths = Vec::new();
    for (name, settings, mut opt) in optimizers {
        println!("  {name:9} {settings}");
        paths.push((name, valley_path(opt.as_mut(), VALLEY_START, VALLEY_STEPS)));
    }
    print!("step");
    for (name, _) in &paths {
        print!("  {name:>9}");
    }
    println!();
    for step in (0..=VALLEY_STEPS).step_by(10) {
        print!("{step:4}");
        for (_, path) in &paths {
            let (x, y) = path[step];
            print!("  {:9.4}", valley(x, y));
        }
        println!();
    }
}
// ANCHOR_END: main
