//! The options of real APIs, each on the same small batch.

use ch05_binary_cross_entropy::bce_with_logits;
use ch06_categorical_cross_entropy::options::{
    CrossEntropyOptions, Reduced, Reduction, cross_entropy_soft_targets,
    cross_entropy_soft_targets_with_options, cross_entropy_with_options,
};
use ch06_categorical_cross_entropy::{cross_entropy_with_logits, one_hot};
use ndarray::{Array2, array};

fn show(name: &str, result: Reduced) {
    match result {
        Reduced::PerSample(v) => println!("{name:34} {v:.4}"),
        Reduced::Total(v) => println!("{name:34} {v:.4}"),
    }
}

// ANCHOR: main
fn main() {
    let logits = array![
        [2.0, 1.0, -1.0],
        [0.5, -0.5, 3.0],
        [0.2, 0.4, 0.1],
        [-1.0, 2.0, 0.5]
    ];
    let targets = [0, 2, 1, 0];
    let run = |options: CrossEntropyOptions| {
        cross_entropy_with_options(logits.view(), &targets, &options).expect("valid")
    };
    let base = CrossEntropyOptions::default();

    show(
        "reduction none",
        run(CrossEntropyOptions {
            reduction: Reduction::None,
            ..base.clone()
        }),
    );
    show(
        "reduction sum",
        run(CrossEntropyOptions {
            reduction: Reduction::Sum,
            ..base.clone()
        }),
    );
    show("reduction mean (the default)", run(base.clone()));
    let weight = Some(vec![3.0, 1.0, 1.0]);
    show(
        "weights [3, 1, 1], none",
        run(CrossEntropyOptions {
            weight: weight.clone(),
            reduction: Reduction::None,
            ..base.clone()
        }),
    );
    show(
        "weights [3, 1, 1], mean",
        run(CrossEntropyOptions {
            weight,
            ..base.clone()
        }),
    );
    show(
        "label smoothing 0.1",
        run(CrossEntropyOptions {
            label_smoothing: 0.1,
            ..base.clone()
        }),
    );
    let soft = one_hot(&targets, 3)
        .expect("in range")
        .mapv(|y| 0.9 * y + 0.1 / 3.0);
    println!(
        "{:34} {:.4}",
        "soft targets 0.9 onehot + 0.1/3",
        cross_entropy_soft_targets(logits.view(), soft.view()).expect("valid")
    );
    show(
        "soft targets, weights [3, 1, 1]",
        cross_entropy_soft_targets_with_options(
            logits.view(),
            soft.view(),
            &CrossEntropyOptions {
                weight: Some(vec![3.0, 1.0, 1.0]),
                ..base.clone()
            },
        )
        .expect("valid"),
    );
    let ignoring = [0, 2, 9, 0];
    let options = CrossEntropyOptions {
        ignore_index: Some(9),
        ..base.clone()
    };
    show(
        "third target ignored (index 9)",
        cross_entropy_with_options(logits.view(), &ignoring, &options).expect("valid"),
    );
    // The last sample may not be class 2: its logit is -inf, a masked class.
    let mut masked = logits.clone();
    masked[[3, 2]] = f64::NEG_INFINITY;
    show(
        "class 2 of the last sample masked",
        cross_entropy_with_options(masked.view(), &targets, &base).expect("valid"),
    );

    // Two classes: logits [0, z] under softmax are binary cross-entropy with logit z.
    let z = array![-2.0, 0.3, 4.0];
    let y = array![1.0, 0.0, 1.0];
    let pairs = Array2::from_shape_fn((3, 2), |(i, j)| if j == 0 { 0.0 } else { z[i] });
    let classes = [1, 0, 1];
    println!();
    println!(
        "two classes, softmax over [0, z]:   {:.4}",
        cross_entropy_with_logits(pairs.view(), &classes).expect("valid")
    );
    println!(
        "binary cross-entropy with logit z:  {:.4}",
        bce_with_logits(z.view(), y.view()).expect("valid")
    );

    // Multi-label: every label its own sigmoid; several can be 1 at once.
    let label_logits = array![1.5, -0.5, 2.0];
    let labels = array![1.0, 0.0, 1.0];
    println!(
        "multi-label, 3 sigmoids, labels [1, 0, 1]: {:.4}",
        bce_with_logits(label_logits.view(), labels.view()).expect("valid")
    );
}
// ANCHOR_END: main
