//! A stack of dense layers with ReLU between them, its forward pass, and its backward pass.

use ndarray::{Array2, ArrayView2, Axis};
use rand_chacha::ChaCha8Rng;

use crate::fast;
use crate::layer::{Linear, relu};

/// A batch or a gradient whose shape does not fit the network.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ShapeError {
    #[error("empty batch: the input has no rows")]
    EmptyBatch,
    #[error("input has {actual} columns, but the network takes {expected} inputs")]
    InputColumns { expected: usize, actual: usize },
    #[error("grad_logits has shape {actual:?}, but the logits have shape {expected:?}")]
    GradShape {
        expected: (usize, usize),
        actual: (usize, usize),
    },
    #[error(
        "the trace does not come from this network: layer {layer} maps {} inputs to {} outputs, \
         the trace holds {} inputs and {} outputs there",
        expected.0, expected.1, actual.0, actual.1
    )]
    TraceMismatch {
        layer: usize,
        expected: (usize, usize),
        actual: (usize, usize),
    },
}

// ANCHOR: network
/// Dense layers with a ReLU between consecutive layers and none after the last, so the last
/// layer's outputs are logits. `Network::new(&[4, 10, 3], &mut rng)` is the Iris network;
/// `Network::new(&[n, 1], &mut rng)` has no hidden layer and is logistic regression.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub layers: Vec<Linear>,
}

/// What the forward pass keeps for the backward pass: the input of every layer and its
/// pre-activations `z`. The last `z` is the logits.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    inputs: Vec<Array2<f64>>,
    pre_activations: Vec<Array2<f64>>,
}
// ANCHOR_END: network

impl Trace {
    /// The logits of the batch, one row per sample.
    pub fn logits(&self) -> ArrayView2<'_, f64> {
        self.pre_activations
            .last()
            .expect("a network has at least one layer")
            .view()
    }
}

impl Network {
    /// A network with `sizes[0]` inputs, `sizes[last]` outputs and a layer between each pair
    /// of consecutive sizes, initialized layer by layer from `rng` (see [`Linear::new`]).
    ///
    /// # Panics
    /// If `sizes` has fewer than two entries or holds a zero: a network's shape is fixed by
    /// the program, not read from data.
    pub fn new(sizes: &[usize], rng: &mut ChaCha8Rng) -> Network {
        assert!(
            sizes.len() >= 2,
            "a network needs at least an input and an output size: {sizes:?}"
        );
        assert!(
            sizes.iter().all(|&s| s > 0),
            "every layer needs at least one unit: {sizes:?}"
        );
        let layers = sizes
            .windows(2)
            .map(|pair| Linear::new(pair[0], pair[1], rng))
            .collect();
        Network { layers }
    }

    pub fn n_inputs(&self) -> usize {
        self.layers[0].fan_in()
    }

    pub fn n_outputs(&self) -> usize {
        self.layers[self.layers.len() - 1].fan_out()
    }

    pub(crate) fn check_input(&self, x: ArrayView2<f64>) -> Result<(), ShapeError> {
        if x.nrows() == 0 {
            return Err(ShapeError::EmptyBatch);
        }
        if x.ncols() != self.n_inputs() {
            return Err(ShapeError::InputColumns {
                expected: self.n_inputs(),
                actual: x.ncols(),
            });
        }
        Ok(())
    }

    // ANCHOR: logits
    /// The logits of a batch, without keeping anything for a backward pass. The rows go
    /// through a few hundred at a time (no row's logits depend on another row's), each block
    /// through a [`fast::Step`] whose buffers the next block reuses, so that a large batch
    /// needs no hidden layer's worth of memory for all its rows at once.
    pub fn logits(&self, x: ArrayView2<f64>) -> Result<Array2<f64>, ShapeError> {
        self.check_input(x)?;
        let mut logits = Array2::zeros((x.nrows(), self.n_outputs()));
        let mut step = fast::Step::default();
        let blocks = logits.axis_chunks_iter_mut(Axis(0), LOGIT_ROWS);
        for (rows, mut block) in x.axis_chunks_iter(Axis(0), LOGIT_ROWS).zip(blocks) {
            block.assign(&step.logits(self, rows)?);
        }
        Ok(logits)
    }
    // ANCHOR_END: logits

    // ANCHOR: forward
    /// The forward pass, keeping the input and the pre-activations of every layer.
    pub fn forward(&self, x: ArrayView2<f64>) -> Result<Trace, ShapeError> {
        self.check_input(x)?;
        let (last, hidden) = self
            .layers
            .split_last()
            .expect("a network has at least one layer");
        let mut inputs = Vec::new();
        let mut pre_activations = Vec::new();
        let mut a = x.to_owned();
        for layer in hidden {
            let z = fast::affine(a.view(), layer.w.view(), layer.b.view());
            let next = relu(z.view());
            inputs.push(a);
            pre_activations.push(z);
            a = next;
        }
        let logits = fast::affine(a.view(), last.w.view(), last.b.view());
        inputs.push(a);
        pre_activations.push(logits);
        Ok(Trace {
            inputs,
            pre_activations,
        })
    }
    // ANCHOR_END: forward

    // ANCHOR: backward
    /// The gradient of the loss with respect to every parameter, given `grad_logits`, the
    /// gradient with respect to the logits (already divided by the batch size, as the loss
    /// gradients of Chapters 5 and 6 are). Returned in the order of [`Network::params_mut`]:
    /// `[grad_w0, grad_b0, grad_w1, grad_b1, ...]`.
    ///
    /// Walking back through layer `l`, with `delta` the gradient at its output `z`:
    /// - `grad_w = inputᵀ · delta` (each weight's gradient sums input × delta over the batch),
    /// - `grad_b = the column sums of delta` (a bias touches every sample with weight 1),
    /// - the gradient at the layer's input is `delta · wᵀ`, and going back through the ReLU
    ///   keeps it where the previous `z` was positive and zeroes it elsewhere.
    pub fn backward(
        &self,
        trace: &Trace,
        grad_logits: ArrayView2<f64>,
    ) -> Result<Vec<Array2<f64>>, ShapeError> {
        self.check_trace(trace)?;
        let logits = trace.logits();
        if grad_logits.dim() != logits.dim() {
            return Err(ShapeError::GradShape {
                expected: logits.dim(),
                actual: grad_logits.dim(),
            });
        }
        let mut grads = Vec::with_capacity(2 * self.layers.len());
        let mut delta = grad_logits.to_owned();
        for (l, layer) in self.layers.iter().enumerate().rev() {
            let grad_w = fast::matmul(trace.inputs[l].t(), delta.view());
            let grad_b = fast::column_sums(delta.view());
            if l > 0 {
                let mut upstream = fast::matmul(delta.view(), layer.w.t());
                // The ReLU's slope: 1 where its input was positive, 0 elsewhere.
                fast::relu_backward(&mut upstream, trace.pre_activations[l - 1].view());
                delta = upstream;
            }
            grads.push(grad_b);
            grads.push(grad_w);
        }
        grads.reverse();
        Ok(grads)
    }
    // ANCHOR_END: backward

    fn check_trace(&self, trace: &Trace) -> Result<(), ShapeError> {
        self.check_layers(&trace.inputs, &trace.pre_activations)
    }

    /// Whether saved inputs and pre-activations fit this network's layers.
    pub(crate) fn check_layers(
        &self,
        inputs: &[Array2<f64>],
        pre_activations: &[Array2<f64>],
    ) -> Result<(), ShapeError> {
        let columns = |arrays: &[Array2<f64>]| arrays.iter().map(|a| a.ncols()).collect();
        self.check_widths(columns(inputs), columns(pre_activations))
    }

    /// Whether layer `l` of this network takes `inputs[l]` numbers and gives `outputs[l]`.
    pub(crate) fn check_widths(
        &self,
        inputs: Vec<usize>,
        outputs: Vec<usize>,
    ) -> Result<(), ShapeError> {
        let n = self.layers.len().max(inputs.len()).max(outputs.len());
        for layer in 0..n {
            let expected = self
                .layers
                .get(layer)
                .map_or((0, 0), |l| (l.fan_in(), l.fan_out()));
            let actual = (
                inputs.get(layer).copied().unwrap_or(0),
                outputs.get(layer).copied().unwrap_or(0),
            );
            if expected != actual {
                return Err(ShapeError::TraceMismatch {
                    layer,
                    expected,
                    actual,
                });
            }
        }
        Ok(())
    }

    /// Every parameter, in the order `backward` returns their gradients: `[w0, b0, w1, b1, ...]`.
    pub fn params_mut(&mut self) -> Vec<&mut Array2<f64>> {
        self.layers
            .iter_mut()
            .flat_map(|layer| [&mut layer.w, &mut layer.b])
            .collect()
    }

    /// The parameters, read-only, in the same order as [`Network::params_mut`].
    pub fn params(&self) -> Vec<&Array2<f64>> {
        self.layers
            .iter()
            .flat_map(|layer| [&layer.w, &layer.b])
            .collect()
    }

    /// How many numbers the network learns.
    pub fn n_params(&self) -> usize {
        self.layers
            .iter()
            .map(|layer| layer.w.len() + layer.b.len())
            .sum()
    }
}

/// How many rows [`Network::logits`] takes at a time.
const LOGIT_ROWS: usize = 256;

/// The sums of the columns of `delta`, as a `(1, m)` row, added up row by row in order: the
/// definition that [`fast::column_sums`] is tested against.
#[cfg(test)]
fn column_sums(delta: &Array2<f64>) -> Array2<f64> {
    let m = delta.ncols();
    let mut sums = Array2::<f64>::zeros((1, m));
    let sums_row = sums.as_slice_mut().expect("a new array is contiguous");
    for row in delta.rows() {
        for (s, &d) in sums_row.iter_mut().zip(row) {
            *s += d;
        }
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;
    use rand::SeedableRng;

    fn net(sizes: &[usize]) -> Network {
        Network::new(sizes, &mut ChaCha8Rng::seed_from_u64(3))
    }

    #[test]
    fn shapes_follow_the_sizes() {
        let network = net(&[4, 10, 3]);
        assert_eq!((network.n_inputs(), network.n_outputs()), (4, 3));
        assert_eq!(network.layers.len(), 2);
        assert_eq!(network.n_params(), 4 * 10 + 10 + 10 * 3 + 3);
        let x = Array2::<f64>::ones((5, 4));
        let trace = network.forward(x.view()).unwrap();
        assert_eq!(trace.logits().dim(), (5, 3));
        let grads = network
            .backward(&trace, Array2::<f64>::ones((5, 3)).view())
            .unwrap();
        let shapes: Vec<_> = grads.iter().map(|g| g.dim()).collect();
        assert_eq!(shapes, vec![(4, 10), (1, 10), (10, 3), (1, 3)]);
        let mut network = network;
        let params: Vec<_> = network.params_mut().iter().map(|p| p.dim()).collect();
        assert_eq!(params, shapes);
    }

    #[test]
    fn logits_and_forward_agree_bit_for_bit() {
        let network = net(&[3, 16, 2]);
        let x = array![[0.5, -1.0, 2.0], [0.0, 0.3, -0.7], [1.5, 1.5, 1.5]];
        assert_eq!(
            network.logits(x.view()).unwrap().view(),
            network.forward(x.view()).unwrap().logits()
        );
    }

    #[test]
    fn a_network_without_hidden_layers_is_an_affine_map() {
        let mut network = net(&[2, 1]);
        *network.params_mut()[0] = array![[2.0], [-1.0]];
        *network.params_mut()[1] = array![[0.5]];
        let logits = network
            .logits(array![[1.0, 1.0], [-3.0, 0.0]].view())
            .unwrap();
        assert_eq!(logits, array![[1.5], [-5.5]]);
    }

    #[test]
    fn bad_shapes_are_errors_that_name_them() {
        let network = net(&[4, 10, 3]);
        let err = network
            .logits(Array2::<f64>::zeros((2, 5)).view())
            .unwrap_err();
        assert_eq!(
            err,
            ShapeError::InputColumns {
                expected: 4,
                actual: 5
            }
        );
        assert_eq!(
            err.to_string(),
            "input has 5 columns, but the network takes 4 inputs"
        );
        assert_eq!(
            network
                .forward(Array2::<f64>::zeros((0, 4)).view())
                .unwrap_err(),
            ShapeError::EmptyBatch
        );
        let trace = network
            .forward(Array2::<f64>::zeros((2, 4)).view())
            .unwrap();
        let err = network
            .backward(&trace, Array2::<f64>::zeros((2, 1)).view())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "grad_logits has shape (2, 1), but the logits have shape (2, 3)"
        );
        let other = net(&[4, 8, 3]);
        let err = other
            .backward(&trace, Array2::<f64>::zeros((2, 3)).view())
            .unwrap_err();
        assert_eq!(
            err,
            ShapeError::TraceMismatch {
                layer: 0,
                expected: (4, 8),
                actual: (4, 10)
            }
        );
        assert_eq!(
            err.to_string(),
            "the trace does not come from this network: layer 0 maps 4 inputs to 8 outputs, \
             the trace holds 4 inputs and 10 outputs there"
        );
        let deeper = net(&[4, 10, 3, 3]);
        assert!(matches!(
            deeper.backward(&trace, Array2::<f64>::zeros((2, 3)).view()),
            Err(ShapeError::TraceMismatch { .. })
        ));
    }

    /// The chapter's forward and backward passes written with the plain `matmul` and
    /// `Linear::forward`: what the network computed before it used the fast product.
    fn plain_logits_and_grads(
        network: &Network,
        x: ArrayView2<f64>,
        grad_logits: ArrayView2<f64>,
    ) -> (Array2<f64>, Vec<Array2<f64>>) {
        use crate::matmul::matmul;
        let (mut inputs, mut zs) = (vec![x.to_owned()], Vec::new());
        for (l, layer) in network.layers.iter().enumerate() {
            let z = layer.forward(inputs[l].view());
            inputs.push(relu(z.view()));
            zs.push(z);
        }
        let mut grads = Vec::new();
        let mut delta = grad_logits.to_owned();
        for (l, layer) in network.layers.iter().enumerate().rev() {
            grads.push(column_sums(&delta));
            grads.push(matmul(inputs[l].t(), delta.view()));
            if l > 0 {
                let mut upstream = matmul(delta.view(), layer.w.t());
                upstream.zip_mut_with(&zs[l - 1], |g, &z| {
                    if z <= 0.0 {
                        *g = 0.0;
                    }
                });
                delta = upstream;
            }
        }
        grads.reverse();
        (zs.pop().unwrap(), grads)
    }

    fn same_bits(x: &Array2<f64>, y: &Array2<f64>) -> bool {
        x.dim() == y.dim() && x.iter().zip(y).all(|(a, b)| a.to_bits() == b.to_bits())
    }

    #[test]
    fn the_fast_passes_give_the_plain_passes_bits() {
        use rand::RngExt;
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        for sizes in [
            &[6, 16, 1][..],
            &[4, 10, 3],
            &[6, 1],
            &[3, 7, 5, 2],
            &[20, 33, 9],
        ] {
            for n in [1, 2, 5, 32, 300, 1024] {
                let network = Network::new(sizes, &mut rng);
                let x = Array2::from_shape_fn((n, sizes[0]), |_| rng.random_range(-3.0..3.0));
                let outputs = sizes[sizes.len() - 1];
                let g = Array2::from_shape_fn((n, outputs), |_| rng.random_range(-1.0..1.0));
                let (logits, grads) = plain_logits_and_grads(&network, x.view(), g.view());
                let trace = network.forward(x.view()).unwrap();
                assert!(same_bits(&trace.logits().to_owned(), &logits));
                assert!(same_bits(&network.logits(x.view()).unwrap(), &logits));
                let fast_grads = network.backward(&trace, g.view()).unwrap();
                for (fast, plain) in fast_grads.iter().zip(&grads) {
                    assert!(same_bits(fast, plain), "{sizes:?}, batch {n}");
                }
            }
        }
    }

    #[test]
    #[should_panic(expected = "at least an input and an output")]
    fn a_single_size_is_not_a_network() {
        let _ = net(&[4]);
    }

    #[test]
    fn dead_relu_units_pass_no_gradient() {
        // Hidden unit 0 gets z = -1 for every sample, so nothing flows into its weights.
        let network = Network {
            layers: vec![
                Linear {
                    w: array![[0.0, 1.0]],
                    b: array![[-1.0, 0.0]],
                },
                Linear {
                    w: array![[1.0], [1.0]],
                    b: array![[0.0]],
                },
            ],
        };
        let x = array![[0.5], [2.0]];
        let trace = network.forward(x.view()).unwrap();
        let grads = network
            .backward(&trace, array![[1.0], [1.0]].view())
            .unwrap();
        assert_eq!(grads[0], array![[0.0, 2.5]]);
        assert_eq!(grads[1], array![[0.0, 2.0]]);
        assert_eq!(grads[2], array![[0.0], [2.5]]);
        assert_eq!(grads[3], array![[2.0]]);
    }
}
