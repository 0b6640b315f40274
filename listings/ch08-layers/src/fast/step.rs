//! One training step's forward and backward passes, in buffers kept from batch to batch.

use ndarray::{Array2, ArrayView2};

use super::{Kernel, fused};
use crate::layer::Linear;
use crate::network::{Network, ShapeError};

/// What [`Network::forward`] and [`Network::backward`] compute, bit for bit, in buffers that
/// the next batch reuses: a trainer that calls them thousands of times per epoch allocates
/// nothing after the first batch (and once more for a last, shorter batch).
#[derive(Debug, Default)]
pub struct Step {
    /// The input of every layer: the batch, then each hidden layer's activations.
    inputs: Vec<Array2<f64>>,
    /// The last layer's pre-activations. A hidden layer's are not kept: the way back needs
    /// only where they are above 0, and its activations, `relu(z)`, are above 0 in the same
    /// places (a zero of either sign, or below, gives a zero; NaN stays NaN).
    logits: Array2<f64>,
    /// The gradients, in the order of [`Network::params_mut`].
    grads: Vec<Array2<f64>>,
    /// The gradient at every layer's output; the last is the gradient of the logits.
    deltas: Vec<Array2<f64>>,
    /// An operand laid out anew for the product.
    scratch: super::Scratch,
}

/// Makes `buffer` an array of `shape`, keeping its memory when the shape is already right.
fn fit(buffer: &mut Array2<f64>, shape: (usize, usize)) {
    if buffer.dim() != shape || !buffer.is_standard_layout() {
        *buffer = Array2::zeros(shape);
    }
}

/// The two layers of `net` where [`fused`] takes them: a hidden layer of [`fused::HIDDEN`]
/// units with at most [`fused::MAX_INPUTS`] inputs, and an output layer of one unit. Checked
/// before any buffer is touched, so that other networks lose no time here.
fn one_pass_layers(net: &Network) -> Option<&[Linear; 2]> {
    let layers: &[Linear; 2] = net.layers.as_slice().try_into().ok()?;
    let fits = layers[0].fan_in() <= fused::MAX_INPUTS
        && layers[0].fan_out() == fused::HIDDEN
        && layers[1].fan_out() == 1;
    fits.then_some(layers)
}

/// The numbers of an array that [`fit`] made, in order.
fn row_by_row(array: &mut Array2<f64>) -> &mut [f64] {
    array
        .as_slice_mut()
        .expect("fit lays an array out row by row")
}

/// `to.assign(&from)`, as one `memcpy` when both are stored row by row.
fn copy(from: ArrayView2<f64>, to: &mut Array2<f64>) {
    match (from.as_slice(), to.as_slice_mut()) {
        (Some(from), Some(to)) => to.copy_from_slice(from),
        _ => to.assign(&from),
    }
}

impl Step {
    /// [`Network::forward`] on `x`: returns the logits, and keeps what the backward pass needs.
    pub fn forward(
        &mut self,
        net: &Network,
        x: ArrayView2<f64>,
    ) -> Result<ArrayView2<'_, f64>, ShapeError> {
        net.check_input(x)?;
        self.inputs.resize_with(net.layers.len(), Default::default);
        fit(&mut self.inputs[0], x.dim());
        copy(x, &mut self.inputs[0]);
        self.layers(net, None);
        Ok(self.logits.view())
    }

    /// The logits of `x`, as [`Step::forward`] computes them, with `x` read where it is rather
    /// than copied: nothing is kept for a backward pass, which is an error after this one.
    pub fn logits(
        &mut self,
        net: &Network,
        x: ArrayView2<f64>,
    ) -> Result<ArrayView2<'_, f64>, ShapeError> {
        net.check_input(x)?;
        self.inputs.resize_with(net.layers.len(), Default::default);
        self.inputs[0] = Array2::zeros((0, 0));
        self.layers(net, Some(x));
        Ok(self.logits.view())
    }

    /// Every layer's forward pass, from `x` if given, else from the kept batch.
    fn layers(&mut self, net: &Network, x: Option<ArrayView2<f64>>) {
        if self.layers_in_one_pass(net, x) {
            return;
        }
        for (l, layer) in net.layers.iter().enumerate() {
            let (w, b) = (layer.w.view(), layer.b.view());
            let (input, next) = self.inputs.split_at_mut(l + 1);
            let input = match (l, x) {
                (0, Some(x)) => x,
                _ => input[l].view(),
            };
            let out = (input.nrows(), layer.fan_out());
            match next.first_mut() {
                // A hidden layer: its activations, the next layer's input.
                Some(a) => {
                    fit(a, out);
                    super::activations_into(input, w, b, a, &mut self.scratch);
                }
                None => {
                    fit(&mut self.logits, out);
                    super::affine_into(input, w, b, &mut self.logits, &mut self.scratch);
                }
            }
        }
    }

    /// [`Network::backward`] after this step's [`Step::forward`]: the gradient of every
    /// parameter, given the gradient with respect to the logits.
    pub fn backward(
        &mut self,
        net: &Network,
        grad_logits: ArrayView2<f64>,
    ) -> Result<&[Array2<f64>], ShapeError> {
        // A hidden layer's pre-activations have the shape of its activations.
        let columns = |a: &Array2<f64>| a.ncols();
        let outputs = self.inputs.iter().skip(1).chain([&self.logits]);
        net.check_widths(
            self.inputs.iter().map(columns).collect(),
            outputs.map(columns).collect(),
        )?;
        let logits = self.logits.dim();
        if grad_logits.dim() != logits {
            return Err(ShapeError::GradShape {
                expected: logits,
                actual: grad_logits.dim(),
            });
        }
        let layers = net.layers.len();
        self.grads.resize_with(2 * layers, Default::default);
        if self.backward_in_one_pass(net, grad_logits) {
            return Ok(&self.grads);
        }
        // One buffer per layer, each of its layer's shape: reused by the next batch as it is.
        self.deltas.resize_with(layers, Default::default);
        fit(&mut self.deltas[layers - 1], grad_logits.dim());
        copy(grad_logits, &mut self.deltas[layers - 1]);
        for (l, layer) in net.layers.iter().enumerate().rev() {
            let (grad_w, grad_b) = self.grads[2 * l..].split_at_mut(1);
            fit(&mut grad_w[0], layer.w.dim());
            fit(&mut grad_b[0], layer.b.dim());
            let (below, from_l) = self.deltas.split_at_mut(l);
            let (input, delta) = (self.inputs[l].t(), from_l[0].view());
            super::matmul_into(input, delta, &mut grad_w[0], &mut self.scratch);
            super::column_sums_into(delta, &mut grad_b[0], &mut self.scratch);
            if let Some(upstream) = below.last_mut() {
                fit(upstream, (delta.nrows(), layer.fan_in()));
                // The mask of layer l - 1's ReLU, from its activations (see `logits`).
                let (w_t, a) = (layer.w.t(), self.inputs[l].view());
                super::matmul_relu_backward_into(delta, w_t, upstream, a, &mut self.scratch);
            }
        }
        Ok(&self.grads)
    }
}

impl Step {
    /// Both layers of a network of a hidden layer of [`fused::HIDDEN`] ReLU units and an output
    /// layer of one unit, in one pass (see [`fused::forward`]), where the CPU has AVX-512.
    /// Returns `false`, having computed nothing, where it does not apply.
    fn layers_in_one_pass(&mut self, net: &Network, x: Option<ArrayView2<f64>>) -> bool {
        let (Some([hidden, output]), Kernel::Avx512) = (one_pass_layers(net), Kernel::best())
        else {
            return false;
        };
        let (batch, rest) = self.inputs.split_at_mut(1);
        let x = x.unwrap_or(batch[0].view());
        let (w1, b1) = (hidden.w.as_slice(), hidden.b.as_slice());
        let (w2, b2) = (output.w.as_slice(), output.b.as_slice());
        let (Some(w1), Some(b1), Some(w2), Some(b2)) = (w1, b1, w2, b2) else {
            return false;
        };
        let a = &mut rest[0];
        fit(a, (x.nrows(), hidden.fan_out()));
        fit(&mut self.logits, (x.nrows(), output.fan_out()));
        fused::forward(
            x,
            w1,
            b1,
            w2,
            b2,
            row_by_row(a),
            row_by_row(&mut self.logits),
        )
    }

    /// The way back through a hidden layer of [`fused::HIDDEN`] ReLU units and an output layer
    /// of one unit, in one pass (see [`fused`]), with the best kernel. Returns `false`, having
    /// changed no gradient, where it does not apply.
    fn backward_in_one_pass(&mut self, net: &Network, grad_logits: ArrayView2<f64>) -> bool {
        let Some([hidden, output]) = one_pass_layers(net) else {
            return false;
        };
        let (x, a) = (self.inputs[0].view(), &self.inputs[1]);
        let (Some(a), Some(g), Some(w2)) =
            (a.as_slice(), grad_logits.as_slice(), output.w.as_slice())
        else {
            return false;
        };
        let [w1_grad, b1_grad, w2_grad, b2_grad] = &mut self.grads[..] else {
            return false;
        };
        fit(w1_grad, hidden.w.dim());
        fit(b1_grad, hidden.b.dim());
        fit(w2_grad, output.w.dim());
        fit(b2_grad, output.b.dim());
        let grads = fused::Grads {
            w1: row_by_row(w1_grad),
            b1: row_by_row(b1_grad),
            w2: row_by_row(w2_grad),
            b2: row_by_row(b2_grad),
        };
        fused::backward_with(Kernel::best(), x, a, g, w2, grads)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn same_bits(x: &Array2<f64>, y: ArrayView2<f64>) -> bool {
        x.dim() == y.dim() && x.iter().zip(y).all(|(a, b)| a.to_bits() == b.to_bits())
    }

    #[test]
    fn a_step_computes_the_networks_passes_bit_for_bit() {
        let mut rng = ChaCha8Rng::seed_from_u64(14);
        for sizes in [&[6, 16, 1][..], &[4, 10, 3], &[6, 1], &[3, 7, 5, 2]] {
            let network = Network::new(sizes, &mut rng);
            let mut step = Step::default();
            // Batches of changing sizes through one step, as an epoch's last batch is.
            for n in [32, 32, 5, 1024, 1, 32] {
                let x = Array2::from_shape_fn((n, sizes[0]), |_| rng.random_range(-3.0..3.0));
                let outputs = sizes[sizes.len() - 1];
                let g = Array2::from_shape_fn((n, outputs), |_| rng.random_range(-1.0..1.0));
                let trace = network.forward(x.view()).unwrap();
                let want_logits = trace.logits().to_owned();
                // In place, and from a transposed copy (strides other than a row's).
                let columns = x.t().to_owned();
                for x in [x.view(), columns.t()] {
                    assert!(same_bits(&want_logits, step.logits(&network, x).unwrap()));
                }
                let logits = step.forward(&network, x.view()).unwrap();
                assert!(same_bits(&want_logits, logits));
                let want = network.backward(&trace, g.view()).unwrap();
                let got = step.backward(&network, g.view()).unwrap();
                assert_eq!(want.len(), got.len());
                for (w, g) in want.iter().zip(got) {
                    assert!(same_bits(w, g.view()), "{sizes:?}, batch {n}");
                }
            }
        }
    }

    #[test]
    fn shapes_that_do_not_fit_are_the_networks_errors() {
        let mut rng = ChaCha8Rng::seed_from_u64(15);
        let network = Network::new(&[4, 10, 3], &mut rng);
        let mut step = Step::default();
        let wide = Array2::<f64>::zeros((2, 5));
        assert_eq!(
            step.forward(&network, wide.view()).unwrap_err(),
            network.forward(wide.view()).unwrap_err()
        );
        let x = Array2::<f64>::zeros((2, 4));
        step.forward(&network, x.view()).unwrap();
        let g = Array2::<f64>::zeros((2, 1));
        let trace = network.forward(x.view()).unwrap();
        assert_eq!(
            step.backward(&network, g.view()).unwrap_err(),
            network.backward(&trace, g.view()).unwrap_err()
        );
        // `logits` keeps nothing to go back through.
        step.logits(&network, x.view()).unwrap();
        assert!(matches!(
            step.backward(&network, g.view()),
            Err(ShapeError::TraceMismatch { layer: 0, .. })
        ));
        step.forward(&network, x.view()).unwrap();
        let other = Network::new(&[4, 8, 3], &mut rng);
        assert!(matches!(
            step.backward(&other, Array2::<f64>::zeros((2, 3)).view()),
            Err(ShapeError::TraceMismatch { layer: 0, .. })
        ));
    }
}
