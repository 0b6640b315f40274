//! Two tries at turning the scores Blue 2, Green 1, Red -1 into probabilities.

use ch03_softmax::attempts::{CLASSES, SCORES, naive_softmax, score_over_sum};

/// `[a, b, c]`, each value with `decimals` decimals.
fn list(values: &[f64], decimals: usize) -> String {
    let shown: Vec<String> = values.iter().map(|v| format!("{v:.decimals$}")).collect();
    format!("[{}]", shown.join(", "))
}

// ANCHOR: main
fn main() {
    println!("attempt 1: score / sum of scores");
    for scores in [SCORES, [2.0, -1.0, -1.0]] {
        let sum: f64 = scores.iter().sum();
        println!(
            "  scores {}  sum {sum}  probabilities {}",
            list(&scores, 0),
            list(&score_over_sum(&scores), 4)
        );
    }

    println!();
    println!("attempt 2: e^score / sum of e^score (the softmax)");
    let sum: f64 = SCORES.iter().map(|&s| libm::exp(s)).sum();
    println!("  class  score   e^score        p");
    for ((name, s), p) in CLASSES.iter().zip(SCORES).zip(naive_softmax(&SCORES)) {
        println!("  {name:5}  {s:5}  {:7.4}  {p:7.4}", libm::exp(s));
    }
    let total: f64 = naive_softmax(&SCORES).iter().sum();
    println!("  sum           {sum:7.4}  {total:7.4}");
}
// ANCHOR_END: main
