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

// ANCHOR: log_softmax_by_subtraction
/// The log-softmax straight from `ln p_j = z_j - logsumexp(z)`, with the stable log-sum-exp of
/// this chapter: right in exact arithmetic, and safe from overflow. Its order of operations
/// costs digits: the log-sum-exp is rounded near the largest logit before `z_j` is taken away.
pub fn log_softmax_by_subtraction(logits: &[f64]) -> Vec<f64> {
    let m = logits.iter().fold(f64::NEG_INFINITY, |m, &z| m.max(z));
    let sum: f64 = logits.iter().map(|&z| libm::exp(z - m)).sum();
    let lse = m + libm::log(sum);
    logits.iter().map(|&z| z - lse).collect()
}
// ANCHOR_END: log_softmax_by_subtraction

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
        // -ln 3 = -1.0986122886681098 (mpmath); by subtraction the last five digits are wrong.
        let by_subtraction = log_softmax_by_subtraction(&[1000.0; 3]);
        assert!((by_subtraction[0] + 1.098_612_288_668_109_8).abs() > 1e-14);
    }
}
