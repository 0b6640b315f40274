//! A network small enough to run backpropagation by hand: two inputs, two hidden units, one
//! logit, and one sample.

use ndarray::{Array2, array};

use crate::layer::Linear;
use crate::network::Network;

// ANCHOR: tiny
/// Weights chosen so that the first hidden unit is active and the second is not.
pub fn tiny_network() -> Network {
    Network {
        layers: vec![
            Linear {
                w: array![[0.5, -0.3], [0.2, 0.4]],
                b: array![[0.1, -0.8]],
            },
            Linear {
                w: array![[0.7], [-0.5]],
                b: array![[0.05]],
            },
        ],
    }
}

/// One sample, and its label.
pub fn tiny_sample() -> (Array2<f64>, f64) {
    (array![[1.0, 2.0]], 1.0)
}
// ANCHOR_END: tiny

/// The two networks of the trainers: churn (six features, 16 hidden units, one logit) and
/// Iris (four measurements, 10 hidden units, three classes).
pub const CHURN_SIZES: [usize; 3] = [6, 16, 1];
pub const IRIS_SIZES: [usize; 3] = [4, 10, 3];
