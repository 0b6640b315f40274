//! The likelihood of a model: products of probabilities, and their logarithms.

use ch03_softmax::sum_carefully;

// ANCHOR: students
/// The probability that models A and B give to what actually happened to each of four
/// students (the source article's numbers).
pub const MODEL_A: [f64; 4] = [0.1, 0.7, 0.6, 0.2];
pub const MODEL_B: [f64; 4] = [0.8, 0.6, 0.7, 0.9];
// ANCHOR_END: students

// ANCHOR: likelihood
/// The likelihood: the probability of all the outcomes together, if the students are
/// independent, is the product of the probabilities of each. Its domain: probabilities in
/// [0, 1].
pub fn likelihood(probs: &[f64]) -> f64 {
    probs.iter().product()
}

/// The log-likelihood in a given base: `Σ log_b p_i`. The logarithm of a product is the sum of
/// the logarithms, so this is `log_b` of [`likelihood`], without ever forming the product.
/// Its domain: probabilities in (0, 1] (a 0 gives `-inf`) and a base above 0 other than 1.
pub fn log_likelihood(probs: &[f64], base: f64) -> f64 {
    sum_carefully(probs.iter().map(|&p| libm::log(p))) / libm::log(base)
}

/// The negative log-likelihood: the same sum with its sign flipped, so that a better model
/// has a *smaller* number, as a loss should. Same domain as [`log_likelihood`].
pub fn negative_log_likelihood(probs: &[f64], base: f64) -> f64 {
    -log_likelihood(probs, base)
}
// ANCHOR_END: likelihood

// ANCHOR: class
/// A class of `n` students: the model's four probabilities repeated in turn.
pub fn class_of(model: &[f64; 4], n: usize) -> Vec<f64> {
    model.iter().copied().cycle().take(n).collect()
}

/// The likelihood computed in single precision, as a framework's default `float32` would.
/// Same domain as [`likelihood`].
pub fn likelihood_f32(probs: &[f64]) -> f32 {
    probs.iter().map(|&p| p as f32).product()
}
// ANCHOR_END: class

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    // Reference values from an independent python3 computation (math.prod, math.log10, math.log).
    #[test]
    fn the_four_students() {
        assert_relative_eq!(likelihood(&MODEL_A), 0.0084, max_relative = 1e-14);
        assert_relative_eq!(likelihood(&MODEL_B), 0.3024, max_relative = 1e-14);
        assert_relative_eq!(
            negative_log_likelihood(&MODEL_A, 10.0),
            2.075720713938118,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            negative_log_likelihood(&MODEL_B, 10.0),
            0.519418213170831,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            negative_log_likelihood(&MODEL_A, std::f64::consts::E),
            4.779523573132869,
            max_relative = 1e-14
        );
        assert_relative_eq!(
            negative_log_likelihood(&MODEL_B, std::f64::consts::E),
            1.1960046346767592,
            max_relative = 1e-14
        );
    }

    #[test]
    fn the_log_of_the_product_is_the_sum_of_the_logs() {
        let class = class_of(&MODEL_B, 40);
        assert_relative_eq!(
            libm::log(likelihood(&class)),
            log_likelihood(&class, std::f64::consts::E),
            max_relative = 1e-12
        );
    }

    #[test]
    fn large_classes_underflow_but_their_logs_do_not() {
        assert_eq!(likelihood(&class_of(&MODEL_A, 1000)), 0.0);
        assert_eq!(likelihood_f32(&class_of(&MODEL_A, 1000)), 0.0);
        // Every probability of B is above 1/2, so rounding to nearest never reaches 0: the
        // product sticks at the smallest positive number, just as meaningless.
        let class = class_of(&MODEL_B, 4000);
        assert_eq!(likelihood(&class), 5e-324);
        assert_eq!(likelihood_f32(&class_of(&MODEL_B, 1000)), f32::from_bits(1));
        assert!(log_likelihood(&class, std::f64::consts::E).is_finite());
    }
}
