//! The first tries at turning scores into probabilities, kept to show why they fail.

// ANCHOR: colours
/// The three classes of the chapter's example and the scores a model gave them.
pub const CLASSES: [&str; 3] = ["Blue", "Green", "Red"];
pub const SCORES: [f64; 3] = [2.0, 1.0, -1.0];
// ANCHOR_END: colours

// ANCHOR: score_over_sum
/// Attempt 1: each score divided by the sum of the scores.
///
/// Sums to 1 whenever the sum is not 0, but a negative score gives a negative "probability",
/// and scores that add up to 0 divide by zero.
pub fn score_over_sum(scores: &[f64]) -> Vec<f64> {
    let sum: f64 = scores.iter().sum();
    scores.iter().map(|s| s / sum).collect()
}
// ANCHOR_END: score_over_sum

// ANCHOR: naive_softmax
/// Attempt 2: the exponential of each score over the sum of the exponentials, straight from
/// the formula. Right in exact arithmetic; `e^z` overflows for `z` above about 709.
pub fn naive_softmax(logits: &[f64]) -> Vec<f64> {
    let exps: Vec<f64> = logits.iter().map(|&z| libm::exp(z)).collect();
    let sum: f64 = exps.iter().sum();
    exps.iter().map(|e| e / sum).collect()
}

/// The log-sum-exp straight from the formula, `ln Σ e^(z_j)`: `inf` once one `e^z` overflows.
pub fn naive_logsumexp(logits: &[f64]) -> f64 {
    libm::log(logits.iter().map(|&z| libm::exp(z)).sum::<f64>())
}
// ANCHOR_END: naive_softmax

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attempts_fail_as_the_chapter_says() {
        assert_eq!(score_over_sum(&SCORES), [1.0, 0.5, -0.5]);
        let zero_sum = score_over_sum(&[2.0, -1.0, -1.0]);
        assert_eq!(
            zero_sum,
            [f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY]
        );
        assert!(naive_softmax(&[1000.0, 999.0]).iter().all(|p| p.is_nan()));
        assert_eq!(naive_logsumexp(&[1000.0, 999.0]), f64::INFINITY);
    }
}
