//! The optimizers. Each one updates a list of parameter matrices in place, given their
//! gradients in the same order.

use ndarray::{Array2, Zip};

// ANCHOR: trait
/// A rule that moves parameters against their gradients.
pub trait Optimizer {
    /// One update of every parameter. `grads[i]` is the gradient of the loss with respect to
    /// `params[i]`, as `ch08_layers::Network::backward` returns them.
    ///
    /// # Panics
    /// If the two lists differ in length, or a gradient's shape differs from its parameter's,
    /// or (for the stateful optimizers) the shapes change between steps: all are bugs in the
    /// calling program, not bad data.
    fn step(&mut self, params: &mut [&mut Array2<f64>], grads: &[Array2<f64>]);
}
// ANCHOR_END: trait

/// Checks that `params` and `grads` line up, naming the first that does not.
fn check_shapes(params: &[&mut Array2<f64>], grads: &[Array2<f64>]) {
    assert_eq!(
        params.len(),
        grads.len(),
        "{} parameters but {} gradients",
        params.len(),
        grads.len()
    );
    for (i, (p, g)) in params.iter().zip(grads).enumerate() {
        assert_eq!(
            p.dim(),
            g.dim(),
            "parameter {i} has shape {:?} but its gradient has shape {:?}",
            p.dim(),
            g.dim()
        );
    }
}

/// Optimizer state: one matrix per parameter, all zero, created on the first step.
fn zeros_like(grads: &[Array2<f64>]) -> Vec<Array2<f64>> {
    grads.iter().map(|g| Array2::zeros(g.raw_dim())).collect()
}

fn check_state(state: &[Array2<f64>], grads: &[Array2<f64>]) {
    let same =
        state.len() == grads.len() && state.iter().zip(grads).all(|(s, g)| s.dim() == g.dim());
    assert!(
        same,
        "the parameters changed shape since this optimizer's first step"
    );
}

// ANCHOR: sgd
/// Plain gradient descent: `θ ← θ − lr · g`, PyTorch's `torch.optim.SGD` without momentum.
#[derive(Debug, Clone, PartialEq)]
pub struct Sgd {
    pub lr: f64,
}

impl Optimizer for Sgd {
    fn step(&mut self, params: &mut [&mut Array2<f64>], grads: &[Array2<f64>]) {
        check_shapes(params, grads);
        for (theta, g) in params.iter_mut().zip(grads) {
            theta.zip_mut_with(g, |theta, &g| *theta -= self.lr * g);
        }
    }
}
// ANCHOR_END: sgd

// ANCHOR: momentum
/// Gradient descent with momentum, as `torch.optim.SGD(momentum=beta)` defines it (no
/// dampening, no Nesterov): a velocity `v ← beta · v + g`, then `θ ← θ − lr · v`.
///
/// The velocity starts at zero, so the first step is a plain gradient step, as in PyTorch,
/// which sets the velocity to the first gradient.
#[derive(Debug, Clone, PartialEq)]
pub struct Momentum {
    pub lr: f64,
    pub beta: f64,
    velocity: Vec<Array2<f64>>,
}

impl Momentum {
    pub fn new(lr: f64, beta: f64) -> Self {
        Momentum {
            lr,
            beta,
            velocity: Vec::new(),
        }
    }
}

impl Optimizer for Momentum {
    fn step(&mut self, params: &mut [&mut Array2<f64>], grads: &[Array2<f64>]) {
        check_shapes(params, grads);
        if self.velocity.is_empty() {
            self.velocity = zeros_like(grads);
        }
        check_state(&self.velocity, grads);
        for ((theta, g), v) in params.iter_mut().zip(grads).zip(&mut self.velocity) {
            Zip::from(&mut **theta)
                .and(g)
                .and(v)
                .for_each(|theta, &g, v| {
                    *v = self.beta * *v + g;
                    *theta -= self.lr * *v;
                });
        }
    }
}
// ANCHOR_END: momentum

// ANCHOR: adam
/// Adam, exactly as `torch.optim.Adam` computes it with its defaults (no weight decay, no
/// AMSGrad). At step `t`, for every parameter:
///
/// - `m ← beta1 · m + (1 − beta1) · g`, the running mean of the gradient;
/// - `s ← beta2 · s + (1 − beta2) · g²`, the running mean of its square (PyTorch's
///   documentation and the paper call it `v`; here `v` is momentum's velocity);
/// - both started at zero and so biased towards zero early on, which dividing by
///   `1 − beta1ᵗ` and `1 − beta2ᵗ` corrects;
/// - `θ ← θ − (lr / (1 − beta1ᵗ)) · m / (√s / √(1 − beta2ᵗ) + eps)`: epsilon is added after
///   the square root.
#[derive(Debug, Clone, PartialEq)]
pub struct Adam {
    pub lr: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    t: i32,
    m: Vec<Array2<f64>>,
    s: Vec<Array2<f64>>,
}

impl Adam {
    /// Adam with PyTorch's defaults: betas 0.9 and 0.999, eps 1e-8.
    pub fn new(lr: f64) -> Self {
        Adam::with_betas(lr, 0.9, 0.999, 1e-8)
    }

    pub fn with_betas(lr: f64, beta1: f64, beta2: f64, eps: f64) -> Self {
        Adam {
            lr,
            beta1,
            beta2,
            eps,
            t: 0,
            m: Vec::new(),
            s: Vec::new(),
        }
    }

    /// How many steps have been taken.
    pub fn steps_taken(&self) -> i32 {
        self.t
    }
}

impl Optimizer for Adam {
    fn step(&mut self, params: &mut [&mut Array2<f64>], grads: &[Array2<f64>]) {
        check_shapes(params, grads);
        if self.m.is_empty() {
            self.m = zeros_like(grads);
            self.s = zeros_like(grads);
        }
        check_state(&self.m, grads);
        self.t += 1;
        let (beta1, beta2, eps) = (self.beta1, self.beta2, self.eps);
        let step_size = self.lr / (1.0 - beta1.powi(self.t));
        let sqrt_bias_correction2 = (1.0 - beta2.powi(self.t)).sqrt();
        for (((theta, g), m), s) in params
            .iter_mut()
            .zip(grads)
            .zip(&mut self.m)
            .zip(&mut self.s)
        {
            Zip::from(&mut **theta)
                .and(g)
                .and(m)
                .and(s)
                .for_each(|theta, &g, m, s| {
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *s = beta2 * *s + (1.0 - beta2) * g * g;
                    let denom = s.sqrt() / sqrt_bias_correction2 + eps;
                    *theta -= step_size * (*m / denom);
                });
        }
    }
}
// ANCHOR_END: adam

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// Minimizes (w - 3)² from w = 0 and returns w after each of `steps` steps.
    fn path(opt: &mut dyn Optimizer, steps: usize) -> Vec<f64> {
        let mut w = array![[0.0]];
        (0..steps)
            .map(|_| {
                let grad = w.mapv(|w| 2.0 * (w - 3.0));
                opt.step(&mut [&mut w], &[grad]);
                w[[0, 0]]
            })
            .collect()
    }

    // What PyTorch 2.15's own `torch.optim.SGD` and `torch.optim.Adam` print for this walk in
    // double precision: tools/reference-checks/torch_optimizers.out.
    const SGD_PATH: [f64; 5] = [0.6000000000000001, 1.08, 1.464, 1.7711999999999999, 2.01696];
    const MOMENTUM_PATH: [f64; 5] = [0.6000000000000001, 1.62, 2.814, 3.9258, 4.7412600000000005];
    const ADAM_PATH: [f64; 5] = [
        0.09999999983333333,
        0.199897292585211,
        0.29961847654925267,
        0.3990864689442145,
        0.4982205437727129,
    ];

    #[test]
    fn sgd_matches_the_reference() {
        for (got, want) in path(&mut Sgd { lr: 0.1 }, 5).into_iter().zip(SGD_PATH) {
            approx::assert_relative_eq!(got, want, max_relative = 1e-12);
        }
    }

    #[test]
    fn adam_matches_the_reference() {
        for (got, want) in path(&mut Adam::new(0.1), 5).into_iter().zip(ADAM_PATH) {
            approx::assert_relative_eq!(got, want, max_relative = 1e-12);
        }
    }

    #[test]
    fn momentum_matches_the_reference() {
        for (got, want) in path(&mut Momentum::new(0.1, 0.9), 5)
            .into_iter()
            .zip(MOMENTUM_PATH)
        {
            approx::assert_relative_eq!(got, want, max_relative = 1e-12);
        }
    }

    #[test]
    fn adams_first_step_moves_every_parameter_by_about_lr() {
        // m̂ = g and v̂ = g² after one step, so the step is lr · g / (|g| + eps).
        let mut p = array![[1.0, -2.0], [1e3, 5.0]];
        let start = p.clone();
        let g = array![[0.5, -1e-3,], [40.0, -7.0]];
        let mut adam = Adam::new(0.01);
        adam.step(&mut [&mut p], std::slice::from_ref(&g));
        for ((&p1, &p0), &g) in p.iter().zip(&start).zip(&g) {
            approx::assert_relative_eq!(p0 - p1, 0.01 * g.signum(), max_relative = 1e-4);
        }
        assert_eq!(adam.steps_taken(), 1);
    }

    #[test]
    fn a_zero_gradient_leaves_fresh_parameters_alone() {
        let mut p = array![[1.0, 2.0]];
        for opt in [
            &mut Sgd { lr: 0.5 } as &mut dyn Optimizer,
            &mut Momentum::new(0.5, 0.9),
            &mut Adam::new(0.5),
        ] {
            opt.step(&mut [&mut p], &[Array2::zeros((1, 2))]);
            assert_eq!(p, array![[1.0, 2.0]]);
        }
    }

    #[test]
    fn every_optimizer_reaches_the_minimum() {
        let last = |opt: &mut dyn Optimizer| *path(opt, 2000).last().unwrap();
        approx::assert_abs_diff_eq!(last(&mut Sgd { lr: 0.1 }), 3.0, epsilon = 1e-9);
        approx::assert_abs_diff_eq!(last(&mut Momentum::new(0.1, 0.9)), 3.0, epsilon = 1e-9);
        approx::assert_abs_diff_eq!(last(&mut Adam::new(0.1)), 3.0, epsilon = 1e-3);
    }

    #[test]
    #[should_panic(expected = "parameter 1 has shape (1, 2) but its gradient has shape (2, 1)")]
    fn a_misshaped_gradient_is_named() {
        let (mut a, mut b) = (array![[1.0]], array![[1.0, 2.0]]);
        Sgd { lr: 0.1 }.step(
            &mut [&mut a, &mut b],
            &[array![[0.0]], array![[0.0], [0.0]]],
        );
    }

    #[test]
    #[should_panic(expected = "changed shape")]
    fn stateful_optimizers_notice_a_change_of_shape() {
        let mut adam = Adam::new(0.1);
        adam.step(&mut [&mut array![[1.0]]], &[array![[1.0]]]);
        adam.step(&mut [&mut array![[1.0, 2.0]]], &[array![[1.0, 1.0]]]);
    }
}
