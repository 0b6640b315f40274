//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ndarray::{Array2, ArrayView2};

use crate::gradcheck::{CheckError, H, Targets, loss_and_grads, numeric_grads, relative_error};
use crate::matmul::matmul;
use crate::network::Network;

// ANCHOR: exercise_1
/// Exercise 1: the number of parameters of a network, from its sizes alone. Each layer has a
/// weight for every (input, output) pair and a bias for every output.
pub fn count_params(sizes: &[usize]) -> usize {
    sizes
        .windows(2)
        .map(|pair| pair[0] * pair[1] + pair[1])
        .sum()
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: for a network with no hidden layer (logistic regression), the weight gradient
/// written directly: `xᵀ (p − y) / N`, where `p − y` over `N` is the loss's logit gradient.
pub fn logistic_grad_w(
    network: &Network,
    x: ArrayView2<f64>,
    targets: &Targets,
) -> Result<Array2<f64>, CheckError> {
    let logits = network.logits(x)?;
    let grad_logits = targets.grad_logits(logits.view())?;
    Ok(matmul(x.t(), grad_logits.view()))
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: a backward pass that forgets to divide by the batch size, checked against
/// finite differences. Returns the largest relative error over all parameters.
pub fn forgot_the_mean(
    network: &Network,
    x: ArrayView2<f64>,
    targets: &Targets,
) -> Result<f64, CheckError> {
    let trace = network.forward(x)?;
    let n = x.nrows() as f64;
    let grad_logits = targets.grad_logits(trace.logits())? * n;
    let wrong = network.backward(&trace, grad_logits.view())?;
    let numeric = numeric_grads(network, x, targets, H)?;
    Ok(largest_relative_error(&wrong, &numeric))
}
// ANCHOR_END: exercise_3

/// The largest relative error between two lists of gradients, over every number in them.
pub fn largest_relative_error(a: &[Array2<f64>], b: &[Array2<f64>]) -> f64 {
    a.iter()
        .zip(b)
        .flat_map(|(a, b)| a.iter().zip(b).map(|(&a, &b)| relative_error(a, b)))
        .fold(0.0, f64::max)
}

/// Where two lists of gradients differ most: the parameter's position in the list, the entry
/// within it, and the relative error there.
pub fn worst_entry(a: &[Array2<f64>], b: &[Array2<f64>]) -> (usize, (usize, usize), f64) {
    let mut worst = (0, (0, 0), 0.0);
    for (param, (a, b)) in a.iter().zip(b).enumerate() {
        for ((at, &a), &b) in a.indexed_iter().zip(b) {
            let err = relative_error(a, b);
            if err > worst.2 {
                worst = (param, at, err);
            }
        }
    }
    worst
}

// ANCHOR: exercise_4
/// Exercise 4: the gradient check with each step `h` of `steps` in turn. Returns, for each
/// step, the largest relative error between backprop and central differences.
pub fn check_with_steps(
    network: &Network,
    x: ArrayView2<f64>,
    targets: &Targets,
    steps: &[f64],
) -> Result<Vec<f64>, CheckError> {
    let (_, backprop) = loss_and_grads(network, x, targets)?;
    steps
        .iter()
        .map(|&h| {
            let numeric = numeric_grads(network, x, targets, h)?;
            Ok(largest_relative_error(&backprop, &numeric))
        })
        .collect()
}
// ANCHOR_END: exercise_4

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn exercise_1_the_count_matches_the_network() {
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        for sizes in [vec![6, 16, 1], vec![4, 10, 3], vec![3, 1], vec![5, 8, 8, 2]] {
            assert_eq!(
                count_params(&sizes),
                Network::new(&sizes, &mut rng).n_params()
            );
        }
        assert_eq!(count_params(&[6, 16, 1]), 129);
        assert_eq!(count_params(&[4, 10, 3]), 83);
    }

    #[test]
    fn exercise_2_backprop_reduces_to_the_logistic_regression_gradient() {
        let network = Network::new(&[3, 1], &mut ChaCha8Rng::seed_from_u64(1));
        let x = array![
            [0.5, -1.0, 2.0],
            [1.0, 0.0, -0.5],
            [-2.0, 1.5, 0.0],
            [0.0, 0.3, 0.7]
        ];
        let y = Targets::Binary(array![1.0, 0.0, 1.0, 0.0]);
        let (_, grads) = loss_and_grads(&network, x.view(), &y).unwrap();
        let direct = logistic_grad_w(&network, x.view(), &y).unwrap();
        for (a, b) in grads[0].iter().zip(&direct) {
            approx::assert_relative_eq!(a, b, max_relative = 1e-15);
        }
    }

    #[test]
    fn exercise_3_the_check_catches_a_missing_mean() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let network = Network::new(&[2, 4, 3], &mut rng);
        let x = array![[0.1, 0.2], [1.0, -1.0], [0.5, 0.5], [-0.3, 0.9]];
        let y = Targets::Classes(vec![0, 1, 2, 1]);
        // Every gradient comes out N = 4 times too large: relative error (4 - 1) / 4.
        approx::assert_abs_diff_eq!(
            forgot_the_mean(&network, x.view(), &y).unwrap(),
            0.75,
            epsilon = 1e-6
        );
        // With a batch of one there is nothing to divide by: the check cannot see the bug.
        let one = Targets::Classes(vec![2]);
        let worst = forgot_the_mean(&network, x.slice(ndarray::s![..1, ..]), &one).unwrap();
        assert!(worst < 1e-6, "{worst}");
    }

    #[test]
    fn exercise_4_too_large_and_too_small_steps_both_fail() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let network = Network::new(&[3, 6, 1], &mut rng);
        let x = array![[0.5, -1.0, 2.0], [1.0, 0.0, -0.5], [-2.0, 1.5, 0.0]];
        let y = Targets::Binary(array![1.0, 0.0, 1.0]);
        let errors = check_with_steps(&network, x.view(), &y, &[1e-4, 1e-12]).unwrap();
        assert!(errors[0] < 1e-6, "{errors:?}");
        assert!(
            errors[1] > 1e-3,
            "rounding swamps a step of 1e-12: {errors:?}"
        );
    }
}
