//! Binary cross-entropy is the negative mean log-likelihood: both sides, for the four students.

use ch05_binary_cross_entropy::bce;
use ch07_why_cross_entropy::bernoulli::log_likelihood;
use ndarray::ArrayView1;

// ANCHOR: main
fn main() {
    // Chapter 5's four students: labels (1 = passed) and each model's probability of a pass.
    let targets = [0.0, 0.0, 1.0, 1.0];
    let models = [("A", [0.9, 0.3, 0.6, 0.2]), ("B", [0.2, 0.4, 0.7, 0.9])];
    println!("model  log-likelihood  -(log-likelihood)/N      BCE");
    for (name, probs) in &models {
        let ll = log_likelihood(probs, &targets);
        let n = targets.len() as f64;
        let loss = bce(ArrayView1::from(probs), ArrayView1::from(&targets))
            .expect("probabilities and 0/1 labels");
        println!("{name:>5}  {ll:14.10}  {:19.10}  {loss:.10}", -ll / n);
    }
}
// ANCHOR_END: main
