//! One bowl or many valleys: the curvature of logistic regression's loss on the churn rows, and
//! the article's network trained from two seeds on the same split.

use ch07_why_cross_entropy::logistic::{Data, hessian};
use ch08_layers::Network;
use ndarray::{Array1, Array2, Axis, concatenate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::eigen::symmetric_eigen;
use crate::error::TrainError;
use crate::head::{BinaryHead, Head};
use crate::prepare::{Prepared, Samples};
use crate::train::{Config, Trained, mean_loss, train};

// ANCHOR: curvature
/// Some rows as Chapter 7's logistic regression takes them: every input with a last entry 1,
/// the input of the bias, and every target 0.0 or 1.0.
pub fn logistic_data(samples: &Samples) -> Data {
    let ones = Array2::ones((samples.x.nrows(), 1));
    Data {
        inputs: concatenate![Axis(1), samples.x, ones],
        targets: samples.y.iter().map(|&c| c as f64).collect(),
    }
}

/// The weights of a network with no hidden layer as Chapter 7's vector `w`: the weight of
/// every input, then the bias.
pub fn logistic_weights(net: &Network) -> Array1<f64> {
    let layer = &net.layers[0];
    layer
        .w
        .column(0)
        .iter()
        .chain(layer.b.iter())
        .copied()
        .collect()
}

/// The smallest and the largest eigenvalue of the Hessian of logistic regression's mean loss
/// on `data`, at the weights `w`: the least and the most the loss curves in any direction.
pub fn curvature(data: &Data, w: &Array1<f64>) -> (f64, f64) {
    let (values, _) = symmetric_eigen(&hessian(data, w));
    (values[0], values[values.len() - 1])
}
// ANCHOR_END: curvature

// ANCHOR: two_seeds
/// Trains `config`'s model on the rows of `prepared`, with the initial weights and the order
/// of the batches drawn from `seed`: runs that share `prepared` share the split.
pub fn train_from_seed(
    prepared: &Prepared,
    config: &Config,
    seed: u64,
) -> Result<Trained, TrainError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let net = Network::new(&config.sizes(prepared.train.x.ncols(), 1), &mut rng);
    train(&BinaryHead, net, prepared, config, &mut rng, &mut |_| {})
}

/// The network `(1 − t) a + t b`: every weight and bias on the straight line from `a` to `b`.
pub fn between(a: &Network, b: &Network, t: f64) -> Network {
    let mut net = a.clone();
    for (p, q) in net.params_mut().into_iter().zip(b.params()) {
        p.zip_mut_with(q, |x, &y| *x = (1.0 - t) * *x + t * y);
    }
    net
}

/// The mean loss on `samples` at `steps + 1` evenly spaced points of the line from `a`
/// (t = 0) to `b` (t = 1), as pairs (t, loss).
pub fn loss_along(
    a: &Network,
    b: &Network,
    samples: &Samples,
    steps: usize,
) -> Result<Vec<(f64, f64)>, TrainError> {
    (0..=steps)
        .map(|i| {
            let t = i as f64 / steps as f64;
            Ok((t, mean_loss(&BinaryHead, &between(a, b, t), samples, 0)?))
        })
        .collect()
}
// ANCHOR_END: two_seeds

/// The length of the gradient of the mean loss on `samples`, over every weight and bias of
/// `net`: zero at a minimum.
pub fn gradient_norm(net: &Network, samples: &Samples) -> Result<f64, TrainError> {
    let trace = net.forward(samples.x.view())?;
    let grad_logits = BinaryHead.loss_grad(trace.logits(), &samples.y)?;
    let grads = net.backward(&trace, grad_logits.view())?;
    let squares: f64 = grads.iter().flat_map(|g| g.iter()).map(|g| g * g).sum();
    Ok(libm::sqrt(squares))
}

/// The same network with its hidden units in order of their outgoing weight. Reordering the
/// units changes no output, so two networks are compared fairly only once both are sorted.
///
/// # Panics
/// If `net` does not have exactly one hidden layer and one output.
pub fn sorted_units(net: &Network) -> Network {
    assert!(
        net.layers.len() == 2 && net.n_outputs() == 1,
        "one hidden layer, one output"
    );
    let (hidden, out) = (&net.layers[0], &net.layers[1]);
    let mut order: Vec<usize> = (0..hidden.fan_out()).collect();
    order.sort_by(|&i, &j| out.w[[i, 0]].total_cmp(&out.w[[j, 0]]));
    let mut sorted = net.clone();
    sorted.layers[0].w = hidden.w.select(Axis(1), &order);
    sorted.layers[0].b = hidden.b.select(Axis(1), &order);
    sorted.layers[1].w = out.w.select(Axis(0), &order);
    sorted
}

/// The distance between two networks of the same shape, over all their weights and biases.
pub fn distance(a: &Network, b: &Network) -> f64 {
    let squares: f64 = (a.params().into_iter().zip(b.params()))
        .flat_map(|(p, q)| p.iter().zip(q.iter()).map(|(x, y)| (x - y) * (x - y)))
        .sum();
    libm::sqrt(squares)
}

/// The length of a network's weights and biases together: the scale for [`distance`].
pub fn size(net: &Network) -> f64 {
    let squares: f64 = net
        .params()
        .iter()
        .flat_map(|p| p.iter())
        .map(|x| x * x)
        .sum();
    libm::sqrt(squares)
}

/// The smallest curvature `vᵀ H v` over `n` random directions `v` of length 1: never below the
/// smallest eigenvalue, and close to it when `n` is large. A check on [`curvature`] that needs
/// no eigenvalues.
pub fn smallest_rayleigh(h: &Array2<f64>, n: usize, seed: u64) -> f64 {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let d = h.nrows();
    (0..n)
        .map(|_| {
            let v: Array1<f64> = (0..d).map(|_| rng.random_range(-1.0..1.0)).collect();
            let v = &v / libm::sqrt(v.iter().map(|x| x * x).sum::<f64>());
            let hv: Array1<f64> = h
                .rows()
                .into_iter()
                .map(|row| row.iter().zip(&v).map(|(a, b)| a * b).sum())
                .collect();
            hv.iter().zip(&v).map(|(a, b)| a * b).sum::<f64>()
        })
        .fold(f64::INFINITY, f64::min)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::CHURN_TO_CONVERGENCE;
    use crate::prepare::prepare;
    use crate::synth::churn_dataset;
    use ch07_why_cross_entropy::logistic::loss;

    fn split() -> Prepared {
        let mut rng = ChaCha8Rng::seed_from_u64(42);
        prepare(&churn_dataset().unwrap(), &CHURN_TO_CONVERGENCE, &mut rng).unwrap()
    }

    #[test]
    fn chapter_7s_logistic_loss_is_the_trainers_loss() {
        let prepared = split();
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let net = Network::new(&[6, 1], &mut rng);
        let theirs = loss(&logistic_data(&prepared.train), &logistic_weights(&net)).unwrap();
        let ours = mean_loss(&BinaryHead, &net, &prepared.train, 0).unwrap();
        assert!((theirs - ours).abs() < 1e-14, "{theirs} vs {ours}");
    }

    #[test]
    fn the_curvature_is_positive_and_random_directions_never_beat_the_eigenvalue() {
        let rows = logistic_data(&split().train);
        let w = Array1::from_elem(7, 0.3);
        let (smallest, largest) = curvature(&rows, &w);
        assert!(smallest > 0.0 && smallest < largest);
        let rayleigh = smallest_rayleigh(&hessian(&rows, &w), 2000, 1);
        assert!(rayleigh >= smallest - 1e-12 && rayleigh < largest);
    }

    #[test]
    fn the_line_runs_from_one_network_to_the_other() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let (a, b) = (
            Network::new(&[6, 16, 1], &mut rng),
            Network::new(&[6, 16, 1], &mut rng),
        );
        assert_eq!(between(&a, &b, 0.0), a);
        assert!(distance(&between(&a, &b, 1.0), &b) < 1e-15);
        let half = distance(&a, &between(&a, &b, 0.5));
        assert!((half - distance(&a, &b) / 2.0).abs() < 1e-12);
        assert_eq!(distance(&a, &a), 0.0);
    }

    #[test]
    fn sorting_the_hidden_units_changes_no_logit() {
        let prepared = split();
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let net = Network::new(&[6, 16, 1], &mut rng);
        let sorted = sorted_units(&net);
        let x = prepared.test.x.view();
        let (before, after) = (net.logits(x).unwrap(), sorted.logits(x).unwrap());
        for (p, q) in before.iter().zip(&after) {
            assert!((p - q).abs() < 1e-12);
        }
        let out = sorted.layers[1].w.column(0).to_vec();
        assert!(out.windows(2).all(|w| w[0] <= w[1]));
        assert!((size(&net) - size(&sorted)).abs() < 1e-12);
    }

    #[test]
    fn the_gradients_length_agrees_with_finite_differences() {
        let prepared = split();
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let net = Network::new(&[6, 3, 1], &mut rng);
        let h = 1e-6;
        let mut squares = 0.0;
        for layer in 0..2 {
            for which in 0..2 {
                let n = net.params()[2 * layer + which].len();
                for k in 0..n {
                    let nudged = |d: f64| {
                        let mut m = net.clone();
                        let p = &mut m.params_mut()[2 * layer + which];
                        p.as_slice_mut().unwrap()[k] += d;
                        mean_loss(&BinaryHead, &m, &prepared.train, 0).unwrap()
                    };
                    let slope = (nudged(h) - nudged(-h)) / (2.0 * h);
                    squares += slope * slope;
                }
            }
        }
        let numeric = libm::sqrt(squares);
        let exact = gradient_norm(&net, &prepared.train).unwrap();
        assert!(
            (numeric - exact).abs() < 1e-6 * exact,
            "{numeric} vs {exact}"
        );
    }
}
