//! The article's 10×5 logits (PyTorch `CrossEntropyLoss`) and its dog (Keras).

use ch06_categorical_cross_entropy::frameworks::{
    DOG_PROBS, DOG_TARGET, TARGETS, keras_categorical_crossentropy, logits,
};
use ch06_categorical_cross_entropy::{
    categorical_cross_entropy, cross_entropy_terms_with_logits, cross_entropy_with_logits,
};
use ndarray::Array2;

// ANCHOR: main
fn main() {
    let logits = logits();
    let terms = cross_entropy_terms_with_logits(logits.view(), &TARGETS).expect("valid batch");
    println!("row  target  loss");
    for (i, (t, loss)) in TARGETS.iter().zip(&terms).enumerate() {
        println!("{i:3}  {t:6}  {loss:.4}");
    }
    let mean = cross_entropy_with_logits(logits.view(), &TARGETS).expect("valid batch");
    println!("mean (CrossEntropyLoss()(X, y)): {mean:.4}");

    let probs = Array2::from_shape_vec((1, 3), DOG_PROBS.to_vec()).expect("1 x 3");
    let target = Array2::from_shape_vec((1, 3), DOG_TARGET.to_vec()).expect("1 x 3");
    println!();
    println!(
        "CategoricalCrossentropy()(y, p): {:.4}",
        keras_categorical_crossentropy(probs.view(), target.view()).expect("valid")
    );
    println!(
        "categorical_cross_entropy:       {:.4}",
        categorical_cross_entropy(probs.view(), target.view()).expect("valid")
    );
}
// ANCHOR_END: main
