//! One sample with label 0 and a growing logit: the exact loss against what the frameworks
//! compute from the probability, in their default single precision.

use ch02_sigmoid::sigmoid;
use ch05_binary_cross_entropy::frameworks::{
    keras_binary_crossentropy_f32, sigmoid_f32, tf_keras2_binary_crossentropy_f32,
    torch_bce_grad_f32, torch_bce_loss_f32,
};
use ch05_binary_cross_entropy::{bce, bce_with_logits, bce_with_logits_grad};
use ndarray::array;

/// The logits of the table, from a mild mistake to an absurd one.
const LOGITS: [f64; 12] = [
    0.0, 5.0, 10.0, 16.0, 16.5, 17.0, 20.0, 36.0, 37.0, 40.0, 100.0, 1000.0,
];

// ANCHOR: main
fn main() {
    let y = array![0.0];
    let exact = |z: f64| bce_with_logits(array![z].view(), y.view()).expect("a finite logit");
    let from_probs = |z: f64| bce(array![sigmoid(z)].view(), y.view()).expect("a probability");

    println!("loss of one sample with label 0, in nats");
    println!("      z     exact  bce(sigmoid z)  PyTorch f32  Keras 3 f32  tf.keras 2 f32");
    for z in LOGITS {
        // What a float32 network hands to the loss: its sigmoid, in float32.
        let p = sigmoid_f32(z as f32);
        println!(
            "{z:7}  {:9.4}  {:14.4}  {:11.4}  {:11.4}  {:14.4}",
            exact(z),
            from_probs(z),
            torch_bce_loss_f32(p, 0.0),
            keras_binary_crossentropy_f32(p, 0.0),
            tf_keras2_binary_crossentropy_f32(p, 0.0),
        );
    }

    println!();
    println!("slope of the loss with respect to z");
    println!("      z   exact  PyTorch f32");
    for z in LOGITS {
        let grad = bce_with_logits_grad(array![z].view(), y.view()).expect("a finite logit");
        println!(
            "{z:7}  {:6.4}  {:11.4}",
            grad[0],
            torch_bce_grad_f32(z as f32, 0.0)
        );
    }
}
// ANCHOR_END: main
