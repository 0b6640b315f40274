//! Why the trainer computes the loss from logits.
//!
//! The article applies `torch.sigmoid` to the network's output and hands the probabilities to
//! `nn.BCELoss`. In exact arithmetic that is the same loss as binary cross-entropy from the
//! logits. In floating point it is not: PyTorch works in single precision, where σ(z) rounds
//! to exactly 1 once z passes about 17, and from there on the loss is stuck at its clamp and the
//! gradient is zero, however wrong the prediction.

use ch05_binary_cross_entropy::frameworks::torch_bce_loss;
use ch05_binary_cross_entropy::{LossError, bce_with_logits, bce_with_logits_grad};
use ndarray::array;

/// PyTorch's floor under `(1 - p) p` in the backward pass of `BCELoss`.
const TORCH_BCE_EPSILON: f64 = 1e-12;

// ANCHOR: two_steps
/// The sigmoid as PyTorch computes it by default: in single precision.
pub fn sigmoid_f32(z: f32) -> f32 {
    1.0 / (1.0 + libm::expf(-z))
}

/// The article's route for one sample: σ in `f32`, then `BCELoss` (whose logarithms are
/// clamped at -100). Returns the loss and its gradient with respect to the logit, the product
/// of `BCELoss`'s backward, `(p - y) / max((1 - p) p, 1e-12)`, and the sigmoid's, `p (1 - p)`.
pub fn two_step_loss_and_grad(z: f64, y: f64) -> Result<(f64, f64), LossError> {
    let p = f64::from(sigmoid_f32(z as f32));
    let loss = torch_bce_loss(array![p].view(), array![y].view())?;
    let slope = p * (1.0 - p);
    let grad = (p - y) / slope.max(TORCH_BCE_EPSILON) * slope;
    Ok((loss, grad))
}
// ANCHOR_END: two_steps

// ANCHOR: one_step
/// The book's route for one sample: binary cross-entropy straight from the logit (Chapter 5),
/// and its gradient `σ(z) - y`.
pub fn from_logits_loss_and_grad(z: f64, y: f64) -> Result<(f64, f64), LossError> {
    let (logits, targets) = (array![z], array![y]);
    let loss = bce_with_logits(logits.view(), targets.view())?;
    let grad = bce_with_logits_grad(logits.view(), targets.view())?[0];
    Ok((loss, grad))
}
// ANCHOR_END: one_step

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn the_two_routes_agree_for_moderate_logits() {
        for z in [-4.0, -1.0, 0.0, 0.5, 3.0] {
            for y in [0.0, 1.0] {
                let (a, ga) = two_step_loss_and_grad(z, y).unwrap();
                let (b, gb) = from_logits_loss_and_grad(z, y).unwrap();
                // Single precision in the first route: agreement to about 1e-6.
                assert_relative_eq!(a, b, max_relative = 1e-5);
                assert_relative_eq!(ga, gb, epsilon = 1e-6);
            }
        }
    }

    #[test]
    fn a_confident_wrong_answer_stops_teaching_the_two_step_route() {
        let (loss, grad) = two_step_loss_and_grad(40.0, 0.0).unwrap();
        assert_eq!(loss, 100.0);
        assert_eq!(grad, 0.0);
        let (loss, grad) = from_logits_loss_and_grad(40.0, 0.0).unwrap();
        assert_relative_eq!(loss, 40.0, max_relative = 1e-12);
        assert_relative_eq!(grad, 1.0);
    }
}
