//! The head of a classifier: what turns the network's logits into probabilities, a loss and
//! the loss's gradient. The training loop and the evaluation go through this trait for all
//! three, so a new kind of output is a new head, and the loop does not change.

use ch02_sigmoid::sigmoid;
use ch05_binary_cross_entropy::{LossError, bce_with_logits, bce_with_logits_grad};
use ch07_why_cross_entropy::squared_error::{squared_error, squared_error_grad};
use ch08_layers::fast;
use ndarray::{Array1, Array2, ArrayView2, Axis};

// ANCHOR: head
/// How a classifier's logits become probabilities and a loss. Logits have one row per sample;
/// targets are class indices.
pub trait Head {
    /// The head's name for the log, such as "sigmoid + binary cross-entropy".
    fn name(&self) -> &'static str;
    /// How many logits the network must output to tell `classes` classes apart, or `None`
    /// if this head cannot.
    fn outputs(&self, classes: usize) -> Option<usize>;
    /// The mean loss of a batch.
    fn loss(&self, logits: ArrayView2<f64>, targets: &[usize]) -> Result<f64, LossError>;
    /// The gradient of [`Head::loss`] with respect to every logit, already divided by the
    /// batch size, as [`ch08_layers::Network::backward`] wants it.
    fn loss_grad(
        &self,
        logits: ArrayView2<f64>,
        targets: &[usize],
    ) -> Result<Array2<f64>, LossError>;
    /// The probability of every class: one row per sample, one column per class.
    fn probs(&self, logits: ArrayView2<f64>) -> Array2<f64>;
    /// [`Head::loss`] and [`Head::loss_grad`] at once, as a training step wants them. A head
    /// may compute both in one pass, provided the numbers are the same to the last bit.
    fn loss_and_grad(
        &self,
        logits: ArrayView2<f64>,
        targets: &[usize],
    ) -> Result<(f64, Array2<f64>), LossError> {
        Ok((
            self.loss(logits, targets)?,
            self.loss_grad(logits, targets)?,
        ))
    }
}
// ANCHOR_END: head

// ANCHOR: binary
/// Two classes from one logit `z`: class 1 has probability σ(z), class 0 has 1 − σ(z) = σ(−z),
/// and the loss is Chapter 5's binary cross-entropy, computed from the logit.
pub struct BinaryHead;

impl Head for BinaryHead {
    fn name(&self) -> &'static str {
        "sigmoid + binary cross-entropy"
    }

    fn outputs(&self, classes: usize) -> Option<usize> {
        if classes == 2 { Some(1) } else { None }
    }

    fn loss(&self, logits: ArrayView2<f64>, targets: &[usize]) -> Result<f64, LossError> {
        // Appendix B's one pass gives the same bits without an array of targets or terms,
        // which matters for a whole validation set; a batch it refuses goes to Chapter 5.
        match fast::binary_cross_entropy_of_classes(logits.column(0), targets) {
            Some(loss) => Ok(loss),
            None => bce_with_logits(logits.column(0), zeros_and_ones(targets).view()),
        }
    }

    fn loss_grad(
        &self,
        logits: ArrayView2<f64>,
        targets: &[usize],
    ) -> Result<Array2<f64>, LossError> {
        let grad = bce_with_logits_grad(logits.column(0), zeros_and_ones(targets).view())?;
        Ok(grad.insert_axis(Axis(1)))
    }

    fn probs(&self, logits: ArrayView2<f64>) -> Array2<f64> {
        let z = logits.column(0);
        Array2::from_shape_fn((z.len(), 2), |(i, class)| match class {
            0 => sigmoid(-z[i]),
            _ => sigmoid(z[i]),
        })
    }

    fn loss_and_grad(
        &self,
        logits: ArrayView2<f64>,
        targets: &[usize],
    ) -> Result<(f64, Array2<f64>), LossError> {
        // The loss and the gradient both need e^(-|z|): appendix B computes it once, for
        // many samples at a time, with the bits of the two functions above.
        let y = zeros_and_ones(targets);
        match fast::binary_cross_entropy(logits.column(0), y.view()) {
            Some((loss, grad)) => Ok((loss, grad.insert_axis(Axis(1)))),
            // A batch they refuse: their own error says why.
            None => Ok((
                self.loss(logits, targets)?,
                self.loss_grad(logits, targets)?,
            )),
        }
    }
}

/// Class indices as the 0.0 and 1.0 that binary cross-entropy takes.
fn zeros_and_ones(targets: &[usize]) -> Array1<f64> {
    targets.iter().map(|&class| class as f64).collect()
}
// ANCHOR_END: binary

// ANCHOR: squared_error
/// Two classes from one logit, like [`BinaryHead`], trained by Chapter 7's squared error on
/// the probability, ½(σ(z) − y)², instead of cross-entropy. Its slope in the logit,
/// (σ(z) − y) σ(z)(1 − σ(z)), carries the sigmoid's slope, which the logarithm of
/// cross-entropy cancels.
pub struct SquaredErrorHead;

impl Head for SquaredErrorHead {
    fn name(&self) -> &'static str {
        "sigmoid + squared error"
    }

    fn outputs(&self, classes: usize) -> Option<usize> {
        BinaryHead.outputs(classes)
    }

    fn loss(&self, logits: ArrayView2<f64>, targets: &[usize]) -> Result<f64, LossError> {
        let (z, y) = one_logit(logits, targets)?;
        let sum: f64 = z.iter().zip(&y).map(|(&z, &y)| squared_error(z, y)).sum();
        Ok(sum / y.len() as f64)
    }

    fn loss_grad(
        &self,
        logits: ArrayView2<f64>,
        targets: &[usize],
    ) -> Result<Array2<f64>, LossError> {
        let (z, y) = one_logit(logits, targets)?;
        let n = y.len() as f64;
        Ok(Array2::from_shape_fn((y.len(), 1), |(i, _)| {
            squared_error_grad(z[i], y[i]) / n
        }))
    }

    fn probs(&self, logits: ArrayView2<f64>) -> Array2<f64> {
        BinaryHead.probs(logits)
    }
}
// ANCHOR_END: squared_error

// ANCHOR: smoothed
/// [`BinaryHead`] with label smoothing: each target y becomes y(1 − ε) + ε/2, so a leaver
/// is taught 1 − ε/2 and a stayer ε/2 instead of 1 and 0. Chapter 5's loss and gradient take
/// such soft targets as they are.
pub struct SmoothedHead {
    pub epsilon: f64,
}

impl SmoothedHead {
    fn smoothed(&self, targets: &[usize]) -> Array1<f64> {
        zeros_and_ones(targets).mapv(|y| y * (1.0 - self.epsilon) + self.epsilon / 2.0)
    }
}
// ANCHOR_END: smoothed

impl Head for SmoothedHead {
    fn name(&self) -> &'static str {
        "sigmoid + binary cross-entropy, smoothed labels"
    }

    fn outputs(&self, classes: usize) -> Option<usize> {
        BinaryHead.outputs(classes)
    }

    fn loss(&self, logits: ArrayView2<f64>, targets: &[usize]) -> Result<f64, LossError> {
        bce_with_logits(logits.column(0), self.smoothed(targets).view())
    }

    fn loss_grad(
        &self,
        logits: ArrayView2<f64>,
        targets: &[usize],
    ) -> Result<Array2<f64>, LossError> {
        let grad = bce_with_logits_grad(logits.column(0), self.smoothed(targets).view())?;
        Ok(grad.insert_axis(Axis(1)))
    }

    fn probs(&self, logits: ArrayView2<f64>) -> Array2<f64> {
        BinaryHead.probs(logits)
    }
}

// ANCHOR: judged_by
/// A head that trains by one loss and is judged by another. The gradient, and so every step,
/// comes from `trains`; the loss that the log, early stopping and the test score report comes
/// from `judge`, and so do the probabilities. Two models trained by different losses and
/// judged by the same one are measured in the same unit.
pub struct JudgedBy<'a> {
    pub trains: &'a dyn Head,
    pub judge: &'a dyn Head,
}

impl Head for JudgedBy<'_> {
    fn name(&self) -> &'static str {
        self.trains.name()
    }

    fn outputs(&self, classes: usize) -> Option<usize> {
        self.trains.outputs(classes)
    }

    fn loss(&self, logits: ArrayView2<f64>, targets: &[usize]) -> Result<f64, LossError> {
        self.judge.loss(logits, targets)
    }

    fn loss_grad(
        &self,
        logits: ArrayView2<f64>,
        targets: &[usize],
    ) -> Result<Array2<f64>, LossError> {
        self.trains.loss_grad(logits, targets)
    }

    fn probs(&self, logits: ArrayView2<f64>) -> Array2<f64> {
        self.judge.probs(logits)
    }
}
// ANCHOR_END: judged_by

/// The one logit of every row and its target as 0.0 or 1.0, after the checks Chapter 5's
/// losses make: a batch that is not empty, one target per row, finite logits, two classes.
fn one_logit(
    logits: ArrayView2<f64>,
    targets: &[usize],
) -> Result<(Array1<f64>, Array1<f64>), LossError> {
    let z = logits.column(0).to_owned();
    if z.is_empty() {
        return Err(LossError::EmptyBatch);
    }
    if targets.len() != z.len() {
        return Err(LossError::LengthMismatch {
            what: "targets",
            expected: z.len(),
            actual: targets.len(),
        });
    }
    if let Some(index) = z.iter().position(|z| !z.is_finite()) {
        return Err(LossError::NonFinite { index });
    }
    if let Some(index) = targets.iter().position(|&c| c > 1) {
        let value = targets[index] as f64;
        return Err(LossError::TargetOutOfRange { index, value });
    }
    Ok((z, zeros_and_ones(targets)))
}

// ANCHOR: chance
/// The loss of a network that knows nothing yet: all its `outputs` logits 0, so that every
/// class is equally likely. For cross-entropy that is ln 2 with two classes, ln K with K.
pub fn chance_loss(head: &dyn Head, outputs: usize) -> Result<f64, LossError> {
    head.loss(Array2::zeros((1, outputs)).view(), &[0])
}
// ANCHOR_END: chance

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ndarray::array;

    #[test]
    fn the_two_probabilities_add_up_and_follow_the_logit() {
        let p = BinaryHead.probs(array![[-3.0], [0.0], [2.0]].view());
        for row in p.rows() {
            assert_relative_eq!(row.sum(), 1.0, max_relative = 1e-15);
        }
        assert_eq!(p[[1, 1]], 0.5);
        assert!(p[[0, 1]] < 0.5 && p[[2, 1]] > 0.5);
    }

    #[test]
    fn the_gradient_is_the_probability_minus_the_target_over_n() {
        let logits = array![[0.5], [-1.0]];
        let g = BinaryHead.loss_grad(logits.view(), &[1, 0]).unwrap();
        assert_relative_eq!(g[[0, 0]], (sigmoid(0.5) - 1.0) / 2.0, max_relative = 1e-15);
        assert_relative_eq!(g[[1, 0]], sigmoid(-1.0) / 2.0, max_relative = 1e-15);
    }

    #[test]
    fn the_loss_and_gradient_at_once_are_the_two_apart() {
        let logits = array![[0.5], [-1.0], [0.0], [30.0], [-800.0]];
        let targets = [1, 0, 1, 0, 1];
        let (loss, grad) = BinaryHead.loss_and_grad(logits.view(), &targets).unwrap();
        let apart = BinaryHead.loss(logits.view(), &targets).unwrap();
        assert_eq!(loss.to_bits(), apart.to_bits());
        assert_eq!(grad, BinaryHead.loss_grad(logits.view(), &targets).unwrap());
        // A batch the loss refuses is refused with the loss's own error.
        let bad = array![[f64::NAN]];
        assert_eq!(
            BinaryHead.loss_and_grad(bad.view(), &[1]).unwrap_err(),
            BinaryHead.loss(bad.view(), &[1]).unwrap_err()
        );
        assert!(BinaryHead.loss_and_grad(logits.view(), &[2; 5]).is_err());
    }

    #[test]
    fn squared_error_is_half_the_square_and_its_gradient_carries_the_sigmoids_slope() {
        let logits = array![[0.0], [-10.0], [3.0]];
        let targets = [1, 1, 0];
        let loss = SquaredErrorHead.loss(logits.view(), &targets).unwrap();
        let by_hand = [(0.5_f64 - 1.0), sigmoid(-10.0) - 1.0, sigmoid(3.0)]
            .iter()
            .map(|d| 0.5 * d * d)
            .sum::<f64>()
            / 3.0;
        assert_relative_eq!(loss, by_hand, max_relative = 1e-15);
        let g = SquaredErrorHead.loss_grad(logits.view(), &targets).unwrap();
        // At z = 0, y = 1: (½ − 1)·¼/3. At z = −10 the push has all but vanished.
        assert_relative_eq!(g[[0, 0]], -0.125 / 3.0, max_relative = 1e-15);
        assert!(g[[1, 0]].abs() < 1e-4 / 3.0);
        let ce = BinaryHead.loss_grad(logits.view(), &targets).unwrap();
        assert!(
            ce[[1, 0]] < -0.33,
            "cross-entropy still pulls: {}",
            ce[[1, 0]]
        );
    }

    #[test]
    fn squared_error_refuses_what_cross_entropy_refuses() {
        let z = array![[0.0], [f64::NAN]];
        assert_eq!(
            SquaredErrorHead.loss(z.view(), &[0, 1]),
            Err(LossError::NonFinite { index: 1 })
        );
        let z = array![[0.0], [1.0]];
        assert!(matches!(
            SquaredErrorHead.loss_grad(z.view(), &[0]),
            Err(LossError::LengthMismatch { .. })
        ));
        assert!(matches!(
            SquaredErrorHead.loss(z.view(), &[0, 2]),
            Err(LossError::TargetOutOfRange { index: 1, .. })
        ));
        let empty = Array2::<f64>::zeros((0, 1));
        assert_eq!(
            SquaredErrorHead.loss(empty.view(), &[]),
            Err(LossError::EmptyBatch)
        );
    }

    #[test]
    fn smoothing_moves_the_targets_towards_one_half() {
        let head = SmoothedHead { epsilon: 0.2 };
        let logits = array![[0.0], [0.0]];
        let g = head.loss_grad(logits.view(), &[1, 0]).unwrap();
        // σ(0) = ½; the targets are 0.9 and 0.1.
        assert_relative_eq!(g[[0, 0]], (0.5 - 0.9) / 2.0, max_relative = 1e-15);
        assert_relative_eq!(g[[1, 0]], (0.5 - 0.1) / 2.0, max_relative = 1e-15);
        // Without smoothing it is the plain head.
        let plain = SmoothedHead { epsilon: 0.0 };
        let z = array![[1.5], [-0.5]];
        assert_eq!(
            plain.loss(z.view(), &[1, 0]),
            BinaryHead.loss(z.view(), &[1, 0])
        );
    }

    #[test]
    fn a_judged_head_steps_by_one_loss_and_reports_the_other() {
        let head = JudgedBy {
            trains: &SquaredErrorHead,
            judge: &BinaryHead,
        };
        let z = array![[-2.0], [0.5]];
        let y = [1, 0];
        assert_eq!(head.loss(z.view(), &y), BinaryHead.loss(z.view(), &y));
        assert_eq!(
            head.loss_grad(z.view(), &y),
            SquaredErrorHead.loss_grad(z.view(), &y)
        );
        assert_eq!(head.name(), SquaredErrorHead.name());
    }

    #[test]
    fn knowing_nothing_costs_ln_2() {
        assert_eq!(
            chance_loss(&BinaryHead, 1).unwrap(),
            libm::log(2.0_f64),
            "σ(0) = 1/2 exactly"
        );
        assert_eq!(BinaryHead.outputs(2), Some(1));
        assert_eq!(BinaryHead.outputs(3), None);
    }
}
