//! PyTorch's options of binary cross-entropy, each on the same small batch.

use ch02_sigmoid::sigmoid;
use ch06_categorical_cross_entropy::binary_options::{
    BinaryOptions, bce_with_logits_options, bce_with_options,
};
use ch06_categorical_cross_entropy::options::{Reduced, Reduction};
use ndarray::array;

fn show(name: &str, result: Reduced) {
    match result {
        Reduced::PerSample(v) => println!("{name:34} {v:.4}"),
        Reduced::Total(v) => println!("{name:34} {v:.4}"),
    }
}

// ANCHOR: main
fn main() {
    let logits = array![1.5, -0.5, 2.0, -3.0];
    let targets = array![1.0, 0.0, 0.0, 1.0];
    let run = |options: BinaryOptions| {
        bce_with_logits_options(logits.view(), targets.view(), &options).expect("valid")
    };
    let base = BinaryOptions::default();

    show(
        "reduction none",
        run(BinaryOptions {
            reduction: Reduction::None,
            ..base.clone()
        }),
    );
    show("reduction mean (the default)", run(base.clone()));
    show(
        "weight [1, 1, 2, 0.5]",
        run(BinaryOptions {
            weight: Some(vec![1.0, 1.0, 2.0, 0.5]),
            ..base.clone()
        }),
    );
    show(
        "pos_weight 3",
        run(BinaryOptions {
            pos_weight: 3.0,
            ..base.clone()
        }),
    );

    // From probabilities: a certain mistake costs inf, unless its sample weighs nothing.
    let probs = array![sigmoid(1.5), 0.0, 0.9];
    let labels = array![1.0, 1.0, 0.0];
    let weighted = BinaryOptions {
        weight: Some(vec![1.0, 0.0, 1.0]),
        ..base.clone()
    };
    show(
        "probabilities, p = 0 for a 1",
        bce_with_options(probs.view(), labels.view(), &base).expect("valid"),
    );
    show(
        "the same, that sample weight 0",
        bce_with_options(probs.view(), labels.view(), &weighted).expect("valid"),
    );
}
// ANCHOR_END: main
