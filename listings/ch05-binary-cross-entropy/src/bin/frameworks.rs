//! The source article's PyTorch and Keras examples, with the numbers those calls compute.

use ch02_sigmoid::sigmoid;
use ch05_binary_cross_entropy::frameworks::{
    LIST_PROBS, LIST_TARGETS, X, Y, keras_binary_crossentropy, torch_bce_loss,
};
use ch05_binary_cross_entropy::{bce, bce_with_logits};
use ndarray::Array1;

// ANCHOR: main
fn main() {
    let x = Array1::from(X.to_vec());
    let y = Array1::from(Y.to_vec());
    let probs = x.mapv(sigmoid);
    println!("sigmoid(X) = {probs:.4}");
    println!(
        "BCELoss()(sigmoid(X), y)          {:.4}",
        torch_bce_loss(probs.view(), y.view()).expect("valid")
    );
    println!(
        "BCEWithLogitsLoss()(X, y)         {:.4}",
        bce_with_logits(x.view(), y.view()).expect("valid")
    );
    println!(
        "bce(sigmoid(X), y), no clamp      {:.4}",
        bce(probs.view(), y.view()).expect("valid")
    );

    let targets = Array1::from(LIST_TARGETS.to_vec());
    let predictions = Array1::from(LIST_PROBS.to_vec());
    println!();
    println!(
        "BinaryCrossentropy()(y, p)        {:.4}",
        keras_binary_crossentropy(predictions.view(), targets.view()).expect("valid")
    );
    println!(
        "bce(p, y), no clip                {:.4}",
        bce(predictions.view(), targets.view()).expect("valid")
    );
}
// ANCHOR_END: main
