//! Reference solutions to the chapter's exercises.

use crate::bernoulli::log_likelihood;

// ANCHOR: exercise_1
/// The constant probability `p` that maximizes the log-likelihood of `targets`, found by
/// trying every `p` on a grid of step 0.001: it lands on the share of ones.
pub fn best_constant_probability(targets: &[f64]) -> f64 {
    let grid = (1..1000).map(|i| f64::from(i) / 1000.0);
    let score = |p: f64| log_likelihood(&vec![p; targets.len()], targets);
    grid.fold(0.5, |best, p| if score(p) > score(best) { p } else { best })
}
// ANCHOR_END: exercise_1

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercise_1_the_best_constant_is_the_share_of_ones() {
        let targets = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0];
        assert_eq!(best_constant_probability(&targets), 0.625);
    }
}
