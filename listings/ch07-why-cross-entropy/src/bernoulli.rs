//! The Bernoulli model of one label, and the likelihood of a data set under it.

// ANCHOR: bernoulli
/// The probability that a Bernoulli model with `P(y = 1) = p` gives to the label `y` (0 or 1):
/// `p^y (1 - p)^(1 - y)`, which is `p` when `y = 1` and `1 - p` when `y = 0`.
pub fn bernoulli(p: f64, y: f64) -> f64 {
    libm::pow(p, y) * libm::pow(1.0 - p, 1.0 - y)
}

/// The log-likelihood of the labels `targets` under the probabilities `probs`: the logarithm
/// of the product of the per-sample probabilities, written as a sum of logarithms.
pub fn log_likelihood(probs: &[f64], targets: &[f64]) -> f64 {
    probs
        .iter()
        .zip(targets)
        .map(|(&p, &y)| libm::log(bernoulli(p, y)))
        .sum()
}
// ANCHOR_END: bernoulli

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_gives_p_to_a_one_and_one_minus_p_to_a_zero() {
        assert_eq!(bernoulli(0.3, 1.0), 0.3);
        assert_eq!(bernoulli(0.3, 0.0), 0.7);
    }

    #[test]
    fn the_log_likelihood_is_the_log_of_the_product() {
        let probs = [0.9, 0.3, 0.6, 0.2];
        let targets = [0.0, 0.0, 1.0, 1.0];
        let product: f64 = probs
            .iter()
            .zip(&targets)
            .map(|(&p, &y)| bernoulli(p, y))
            .product();
        approx::assert_relative_eq!(
            log_likelihood(&probs, &targets),
            libm::log(product),
            max_relative = 1e-14
        );
    }
}
