//! Squared error on a sigmoid output: the loss that cross-entropy replaces.

use ch02_sigmoid::sigmoid;
use ch02_sigmoid::sigmoid::sigmoid_derivative;

// ANCHOR: squared_error
/// The squared error of one sample, measured on the probability: `½ (σ(z) - y)²`.
/// (The ½ only makes the slope tidier; it does not change where the minimum is.)
pub fn squared_error(z: f64, y: f64) -> f64 {
    let p = sigmoid(z);
    0.5 * (p - y) * (p - y)
}

/// Its slope in the logit, by the chain rule: `(σ(z) - y) · σ'(z)`, and `σ' = σ(1 - σ)`.
pub fn squared_error_grad(z: f64, y: f64) -> f64 {
    (sigmoid(z) - y) * sigmoid_derivative(z)
}
// ANCHOR_END: squared_error

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confident_mistake_gets_almost_no_slope() {
        // Label 1, logit -10: the loss is almost its largest, ½, and almost flat.
        assert!(squared_error(-10.0, 1.0) > 0.4999);
        assert!(squared_error_grad(-10.0, 1.0).abs() < 1e-4);
        // Right and confident: no loss, no slope; undecided: slope -⅛.
        assert!(squared_error(10.0, 1.0) < 1e-8);
        assert_eq!(squared_error_grad(0.0, 1.0), -0.125);
    }
}
