//! Cross-entropy is the negative mean log-likelihood: both sides, for a Bernoulli model (the four
//! students) and for a categorical model (the three fruit containers).

use ch05_binary_cross_entropy::bce;
use ch06_categorical_cross_entropy::{categorical_cross_entropy, one_hot};
use ch07_why_cross_entropy::examples::{CORRECT, PASS_PROBS, PASSED, PREDICTED};
use ch07_why_cross_entropy::likelihood::{bernoulli_log_likelihood, categorical_log_likelihood};
use ndarray::{Array2, ArrayView1};

// ANCHOR: main
fn main() {
    println!("Bernoulli model: the four students of Chapter 5");
    println!("model  log-likelihood  -(log-likelihood)/N           BCE");
    for (name, probs) in &PASS_PROBS {
        let ll = bernoulli_log_likelihood(probs, &PASSED).expect("probabilities and 0/1 labels");
        let n = PASSED.len() as f64;
        let loss = bce(ArrayView1::from(probs), ArrayView1::from(&PASSED))
            .expect("probabilities and 0/1 labels");
        println!("{name:>5}  {ll:14.10}  {:19.10}  {loss:12.10}", -ll / n);
    }

    println!();
    println!("categorical model: the three containers of Chapter 6");
    println!("model  log-likelihood  -(log-likelihood)/N            CE");
    let ll = categorical_log_likelihood(&PREDICTED, &CORRECT).expect("classes in range");
    let n = CORRECT.len() as f64;
    let probs = Array2::from_shape_fn((3, 3), |(i, k)| PREDICTED[i][k]);
    let targets = one_hot(&CORRECT, 3).expect("classes in range");
    let loss = categorical_cross_entropy(probs.view(), targets.view()).expect("valid");
    println!("fruit  {ll:14.10}  {:19.10}  {loss:12.10}", -ll / n);
}
// ANCHOR_END: main
