//! Squared error against cross-entropy, for one sample with label 1: the losses and their
//! slopes in the logit.

use ch02_sigmoid::sigmoid;
use ch02_sigmoid::sigmoid::sigmoid_derivative;
use ch05_binary_cross_entropy::{bce_with_logits, bce_with_logits_grad};
use ch07_why_cross_entropy::identity::{slope, worst_disagreement};
use ch07_why_cross_entropy::squared_error::{squared_error, squared_error_grad};
use ndarray::aview1;
use rand::RngExt;

// ANCHOR: main
fn main() {
    let y = 1.0;
    println!("one sample with label y = 1");
    println!(
        "    z        σ(z)         BCE          SE     dBCE/dz      dSE/dz      σ(1-σ)  dBCE/dSE"
    );
    for z in [-10.0, -5.0, -2.0, 0.0, 2.0] {
        let bce = bce_with_logits(aview1(&[z]), aview1(&[y])).expect("a finite logit");
        let bce_grad = bce_with_logits_grad(aview1(&[z]), aview1(&[y])).expect("a finite logit");
        let (se, se_grad) = (squared_error(z, y), squared_error_grad(z, y));
        println!(
            "{z:5.0}  {:10.7}  {bce:10.7}  {se:10.7}  {:10.7}  {se_grad:10.7}  {:10.7}  {:8.1}",
            sigmoid(z),
            bce_grad[0],
            sigmoid_derivative(z),
            bce_grad[0] / se_grad
        );
    }

    // The slope of the squared error, against a finite difference, at random logits and targets.
    let worst = worst_disagreement(
        7,
        10_000,
        |rng| (rng.random_range(-20.0..=20.0), rng.random_range(0.0..=1.0)),
        |&(z, y)| vec![(squared_error_grad(z, y), slope(|z| squared_error(z, y), z))],
    );
    println!("dSE/dz against a finite difference, worst of 10000 random points: {worst:.1e}");
}
// ANCHOR_END: main
