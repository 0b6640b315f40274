//! Checking the backward pass against finite differences of the loss.

use ch05_binary_cross_entropy::{LossError, bce_with_logits, bce_with_logits_grad};
use ch06_categorical_cross_entropy::{cross_entropy_with_logits, cross_entropy_with_logits_grad};
use ndarray::{Array1, Array2, ArrayView2, Axis};

use crate::network::{Network, ShapeError};

/// Something that stopped a gradient check: a shape, or the loss's own input checks.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CheckError {
    #[error(transparent)]
    Shape(#[from] ShapeError),
    #[error(transparent)]
    Loss(#[from] LossError),
    #[error("binary targets need one logit per sample, but the network has {outputs} outputs")]
    NotBinary { outputs: usize },
}

// ANCHOR: targets
/// The targets of a batch, which also choose the loss: 0/1 labels for binary cross-entropy
/// on a single logit, class indices for categorical cross-entropy on one logit per class.
#[derive(Debug, Clone, PartialEq)]
pub enum Targets {
    Binary(Array1<f64>),
    Classes(Vec<usize>),
}

impl Targets {
    /// The mean loss of the batch, from the logits.
    pub fn loss(&self, logits: ArrayView2<f64>) -> Result<f64, CheckError> {
        match self {
            Targets::Binary(y) => Ok(bce_with_logits(single_column(logits)?, y.view())?),
            Targets::Classes(y) => Ok(cross_entropy_with_logits(logits, y)?),
        }
    }

    /// The gradient of [`Targets::loss`] with respect to the logits: `(p - y) / N` for both.
    pub fn grad_logits(&self, logits: ArrayView2<f64>) -> Result<Array2<f64>, CheckError> {
        match self {
            Targets::Binary(y) => {
                let grad = bce_with_logits_grad(single_column(logits)?, y.view())?;
                Ok(grad.insert_axis(Axis(1)))
            }
            Targets::Classes(y) => Ok(cross_entropy_with_logits_grad(logits, y)?),
        }
    }
}
// ANCHOR_END: targets

fn single_column(logits: ArrayView2<'_, f64>) -> Result<ndarray::ArrayView1<'_, f64>, CheckError> {
    match logits.ncols() {
        1 => Ok(logits.index_axis_move(Axis(1), 0)),
        outputs => Err(CheckError::NotBinary { outputs }),
    }
}

// ANCHOR: loss_and_grads
/// The loss of a batch and the gradient of every parameter, by the backward pass.
pub fn loss_and_grads(
    network: &Network,
    x: ArrayView2<f64>,
    targets: &Targets,
) -> Result<(f64, Vec<Array2<f64>>), CheckError> {
    let trace = network.forward(x)?;
    let loss = targets.loss(trace.logits())?;
    let grad_logits = targets.grad_logits(trace.logits())?;
    let grads = network.backward(&trace, grad_logits.view())?;
    Ok((loss, grads))
}
// ANCHOR_END: loss_and_grads

// ANCHOR: relative_error
/// How far apart two estimates of one derivative are, relative to their size. The floor of
/// 1e-8 keeps two derivatives that are both nearly zero from counting as far apart.
pub fn relative_error(backprop: f64, numeric: f64) -> f64 {
    (backprop - numeric).abs() / backprop.abs().max(numeric.abs()).max(1e-8)
}
// ANCHOR_END: relative_error

// ANCHOR: numeric_grads
/// The gradient of every parameter by central differences: each number in turn is moved by
/// `+h` and `-h`, and the change in the loss is divided by `2h`. Slow (two forward passes per
/// parameter) but independent of the backward pass, which is the point.
pub fn numeric_grads(
    network: &Network,
    x: ArrayView2<f64>,
    targets: &Targets,
    h: f64,
) -> Result<Vec<Array2<f64>>, CheckError> {
    let mut probe = network.clone();
    let mut loss_at =
        |which: usize, index: (usize, usize), value: f64| -> Result<f64, CheckError> {
            let saved = std::mem::replace(&mut probe.params_mut()[which][index], value);
            let loss = targets.loss(probe.logits(x)?.view());
            probe.params_mut()[which][index] = saved;
            loss
        };
    let mut grads = Vec::new();
    for (which, param) in network.params().into_iter().enumerate() {
        let mut grad = Array2::zeros(param.raw_dim());
        for (index, &value) in param.indexed_iter() {
            let up = loss_at(which, index, value + h)?;
            let down = loss_at(which, index, value - h)?;
            grad[index] = (up - down) / (2.0 * h);
        }
        grads.push(grad);
    }
    Ok(grads)
}
// ANCHOR_END: numeric_grads

/// The step of the central differences: large enough that rounding in the loss (about 1e-16
/// of it) stays far below the truncation error, which shrinks like `h²`.
pub const H: f64 = 1e-4;

/// The largest relative error in each parameter, backprop against central differences.
pub fn gradient_check(
    network: &Network,
    x: ArrayView2<f64>,
    targets: &Targets,
) -> Result<Vec<f64>, CheckError> {
    let (_, backprop) = loss_and_grads(network, x, targets)?;
    let numeric = numeric_grads(network, x, targets, H)?;
    Ok(backprop
        .iter()
        .zip(&numeric)
        .map(|(b, n)| {
            b.iter()
                .zip(n)
                .map(|(&b, &n)| relative_error(b, n))
                .fold(0.0, f64::max)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn batch(rows: usize, cols: usize, rng: &mut ChaCha8Rng) -> Array2<f64> {
        Array2::from_shape_fn((rows, cols), |_| rng.random_range(-2.0..2.0))
    }

    #[test]
    fn backprop_agrees_with_finite_differences_for_both_losses() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let network = Network::new(&[3, 5, 1], &mut rng);
        let x = batch(6, 3, &mut rng);
        let y = Targets::Binary(array![1.0, 0.0, 0.0, 1.0, 1.0, 0.0]);
        for err in gradient_check(&network, x.view(), &y).unwrap() {
            assert!(err < 1e-6, "{err}");
        }
        let network = Network::new(&[3, 5, 4, 3], &mut rng);
        let y = Targets::Classes(vec![0, 2, 1, 1, 0, 2]);
        for err in gradient_check(&network, x.view(), &y).unwrap() {
            assert!(err < 1e-6, "{err}");
        }
    }

    #[test]
    fn a_wrong_backward_pass_is_caught() {
        // Forget the ReLU's mask, as a buggy backward pass might: the check must fail.
        let mut rng = ChaCha8Rng::seed_from_u64(12);
        let network = Network::new(&[2, 8, 1], &mut rng);
        let x = batch(10, 2, &mut rng);
        let y = Targets::Binary(Array1::from_shape_fn(10, |i| (i % 2) as f64));
        let trace = network.forward(x.view()).unwrap();
        let delta = y.grad_logits(trace.logits()).unwrap();
        let no_mask = crate::matmul(
            x.t(),
            crate::matmul(delta.view(), network.layers[1].w.t()).view(),
        );
        let numeric = numeric_grads(&network, x.view(), &y, H).unwrap();
        let worst = no_mask
            .iter()
            .zip(&numeric[0])
            .map(|(&b, &n)| relative_error(b, n))
            .fold(0.0, f64::max);
        assert!(worst > 1e-2, "{worst}");
    }

    #[test]
    fn binary_targets_need_a_single_logit() {
        let network = Network::new(&[2, 3], &mut ChaCha8Rng::seed_from_u64(0));
        let err = gradient_check(
            &network,
            array![[0.0, 1.0]].view(),
            &Targets::Binary(array![1.0]),
        )
        .unwrap_err();
        assert_eq!(err, CheckError::NotBinary { outputs: 3 });
    }

    #[test]
    fn loss_errors_pass_through() {
        let network = Network::new(&[2, 3], &mut ChaCha8Rng::seed_from_u64(0));
        let err = gradient_check(
            &network,
            array![[0.0, 1.0]].view(),
            &Targets::Classes(vec![3]),
        )
        .unwrap_err();
        assert!(
            matches!(err, CheckError::Loss(LossError::ClassOutOfRange { .. })),
            "{err}"
        );
    }

    #[test]
    fn relative_error_floors_tiny_derivatives() {
        assert_eq!(relative_error(1.0, 1.0), 0.0);
        approx::assert_relative_eq!(relative_error(2.0, 1.0), 0.5);
        assert!(relative_error(1e-12, -1e-12) < 1e-3);
    }
}
