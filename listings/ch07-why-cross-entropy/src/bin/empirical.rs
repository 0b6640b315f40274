//! The mean loss is a cross-entropy under the empirical distribution, and cross-entropy is
//! entropy plus KL divergence.

use ch04_entropy::{Base, cross_entropy, entropy, kl_divergence};
use ch05_binary_cross_entropy::bce;
use ch06_categorical_cross_entropy::{categorical_cross_entropy, one_hot};
use ch07_why_cross_entropy::empirical::label_shares;
use ch07_why_cross_entropy::examples::{CORRECT, PASS_PROBS, PASSED, PREDICTED};
use ndarray::{Array2, ArrayView1};

// ANCHOR: per_sample
/// The mean over the samples of Chapter 4's cross-entropy `H(onehot(y_i), q_i)`, where `q_i`
/// is the distribution the model gives sample `i`: the expectation of `-ln q(y | x)` when each
/// sample has probability `1/N`.
fn expected_surprise(rows: &[Vec<f64>], targets: &[usize]) -> f64 {
    let n = rows.len() as f64;
    rows.iter()
        .zip(targets)
        .map(|(q, &y)| {
            let onehot: Vec<f64> = (0..q.len()).map(|k| f64::from(k == y)).collect();
            cross_entropy(&onehot, q, Base::Nats).expect("distributions") / n
        })
        .sum()
}
// ANCHOR_END: per_sample

// ANCHOR: main
fn main() {
    println!("the mean loss, and the cross-entropy under the empirical distribution");
    println!("data          mean loss  mean of H(onehot(y_i), q_i)");
    for (name, probs) in &PASS_PROBS {
        let loss = bce(ArrayView1::from(probs), ArrayView1::from(&PASSED)).expect("valid");
        // A Bernoulli model's distribution over the labels (0, 1) of each student.
        let rows: Vec<Vec<f64>> = probs.iter().map(|&p| vec![1.0 - p, p]).collect();
        let labels: Vec<usize> = PASSED.iter().map(|&y| y as usize).collect();
        let h = expected_surprise(&rows, &labels);
        println!("students {name}  {loss:10.6}  {h:27.6}");
    }
    let probs = Array2::from_shape_fn((3, 3), |(i, k)| PREDICTED[i][k]);
    let targets = one_hot(&CORRECT, 3).expect("classes in range");
    let loss = categorical_cross_entropy(probs.view(), targets.view()).expect("valid");
    let rows: Vec<Vec<f64>> = PREDICTED.iter().map(|r| r.to_vec()).collect();
    println!(
        "fruit       {loss:10.6}  {:27.6}",
        expected_surprise(&rows, &CORRECT)
    );

    // A model that ignores its input gives every container the same distribution q.
    let shares = label_shares(&CORRECT, 3).expect("classes in range");
    let h = entropy(&shares, Base::Nats).expect("a distribution");
    println!();
    println!(
        "the labels alone: p̂ = ({:.4}, {:.4}, {:.4}), H(p̂) = {h:.6}",
        shares[0], shares[1], shares[2]
    );
    println!("one q for every container:");
    println!("mean loss     H(p̂)  KL(p̂||q)  H(p̂) + KL  q");
    let constant_models = [
        ("container A's", PREDICTED[0].to_vec()),
        ("container B's", PREDICTED[1].to_vec()),
        ("container C's", PREDICTED[2].to_vec()),
        ("p̂ itself", shares.clone()),
    ];
    for (name, q) in constant_models {
        let rows = Array2::from_shape_fn((3, 3), |(_, k)| q[k]);
        let loss = categorical_cross_entropy(rows.view(), targets.view()).expect("valid");
        let kl = kl_divergence(&shares, &q, Base::Nats).expect("distributions");
        println!("{loss:9.6}  {h:8.6}  {kl:8.6}  {:9.6}  {name}", h + kl);
    }
}
// ANCHOR_END: main
