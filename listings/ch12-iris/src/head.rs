//! The one new piece of the Iris classifier: a head for K classes.

use ch03_softmax::softmax_rows;
use ch06_categorical_cross_entropy::{
    LossError, cross_entropy_with_logits, cross_entropy_with_logits_grad,
};
use ch08_layers::fast;
use ch11_churn::head::{BinaryHead, Head};
use ndarray::{Array2, ArrayView2};

// ANCHOR: softmax_head
/// K classes from K logits: the probabilities are the softmax of Chapter 3, and the loss is
/// Chapter 6's cross-entropy, computed from the logits.
pub struct SoftmaxHead;

impl Head for SoftmaxHead {
    fn name(&self) -> &'static str {
        "softmax + cross-entropy"
    }

    fn outputs(&self, classes: usize) -> Option<usize> {
        if classes >= 2 { Some(classes) } else { None }
    }

    fn loss(&self, logits: ArrayView2<f64>, targets: &[usize]) -> Result<f64, LossError> {
        cross_entropy_with_logits(logits, targets)
    }

    fn loss_grad(
        &self,
        logits: ArrayView2<f64>,
        targets: &[usize],
    ) -> Result<Array2<f64>, LossError> {
        cross_entropy_with_logits_grad(logits, targets)
    }

    fn probs(&self, logits: ArrayView2<f64>) -> Array2<f64> {
        // Only a logit that is not finite has no softmax; the loss refuses those first.
        softmax_rows(logits).unwrap_or_else(|_| Array2::from_elem(logits.dim(), f64::NAN))
    }

    fn loss_and_grad(
        &self,
        logits: ArrayView2<f64>,
        targets: &[usize],
    ) -> Result<(f64, Array2<f64>), LossError> {
        // The loss and the gradient both need every e^(z_j - m): appendix B computes them
        // once, many at a time, with the bits of the two functions above.
        match fast::categorical_cross_entropy(logits, targets) {
            Some(both) => Ok(both),
            // A batch they refuse or treat apart: they say what happens.
            None => Ok((
                self.loss(logits, targets)?,
                self.loss_grad(logits, targets)?,
            )),
        }
    }
}
// ANCHOR_END: softmax_head

// ANCHOR: head_for
/// The head for a label with `classes` values: Chapter 11's sigmoid for two, softmax for more.
pub fn head_for(classes: usize) -> &'static dyn Head {
    match classes {
        2 => &BinaryHead,
        _ => &SoftmaxHead,
    }
}
// ANCHOR_END: head_for

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ch11_churn::head::chance_loss;
    use ndarray::array;

    #[test]
    fn knowing_nothing_about_three_classes_costs_ln_3() {
        assert_relative_eq!(
            chance_loss(&SoftmaxHead, 3).unwrap(),
            libm::log(3.0_f64),
            max_relative = 1e-15
        );
        assert_eq!(SoftmaxHead.outputs(3), Some(3));
        assert_eq!(SoftmaxHead.outputs(1), None);
        assert_eq!(head_for(2).name(), BinaryHead.name());
        assert_eq!(head_for(3).name(), SoftmaxHead.name());
    }

    #[test]
    fn each_row_of_the_gradient_is_the_probabilities_minus_the_one_hot_target() {
        let logits = array![[1.0, 0.0, -1.0], [0.5, 0.5, 2.0]];
        let grad = SoftmaxHead.loss_grad(logits.view(), &[0, 2]).unwrap();
        let probs = SoftmaxHead.probs(logits.view());
        for (i, target) in [0, 2].into_iter().enumerate() {
            for k in 0..3 {
                let onehot = if k == target { 1.0 } else { 0.0 };
                assert_relative_eq!(grad[[i, k]], (probs[[i, k]] - onehot) / 2.0);
            }
        }
    }
}
