//! The fast path against the plain loops, output by output, bit by bit.

use ch05_binary_cross_entropy::{bce_with_logits, bce_with_logits_grad};
use ch06_categorical_cross_entropy::{cross_entropy_with_logits, cross_entropy_with_logits_grad};
use ch08_layers::fast::{self, Kernel, fused};
use ch08_layers::{Network, matmul, relu};
use ndarray::{Array1, Array2, ArrayView2};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How many outputs were compared, and how many of them differ in any bit with any of the
/// kernels this CPU can run.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Agreement {
    pub cases: usize,
    pub outputs: usize,
    pub differing: usize,
}

impl Agreement {
    fn add(&mut self, want: &[f64], got: &[&[f64]]) {
        self.cases += 1;
        self.outputs += want.len();
        for (i, w) in want.iter().enumerate() {
            if got.iter().any(|g| g[i].to_bits() != w.to_bits()) {
                self.differing += 1;
            }
        }
    }
}

/// A matrix of random numbers of every size and sign, some of them zeros of either sign.
fn random(rng: &mut ChaCha8Rng, shape: (usize, usize)) -> Array2<f64> {
    Array2::from_shape_fn(shape, |_| match rng.random_range(0..16) {
        0 => 0.0,
        1 => -0.0,
        _ => rng.random_range(-1.0..1.0) * 10f64.powi(rng.random_range(-6..6)),
    })
}

// ANCHOR: products
/// The trainers' products (churn 6 → 16 → 1, Iris 4 → 10 → 3, forward and backward, at
/// batches of 32 and 1,024), then `count` products of random shapes: each computed by the
/// plain `matmul` and by `fast::matmul_with` on every kernel this CPU has.
pub fn products(count: usize, seed: u64) -> Agreement {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut shapes = Vec::new();
    for n in [32, 1024] {
        for (d, h, k) in [(6, 16, 1), (4, 10, 3)] {
            shapes.extend([(n, d, h), (n, h, k), (d, n, h), (h, n, k), (n, k, h)]);
        }
    }
    for _ in 0..count {
        let mut dim = || rng.random_range(1..80);
        shapes.push((dim(), dim(), dim()));
    }
    let mut agreement = Agreement::default();
    for (n, m, q) in shapes {
        let (a, b) = (random(&mut rng, (n, m)), random(&mut rng, (m, q)));
        let want = matmul(a.view(), b.view());
        let got: Vec<Array2<f64>> = Kernel::available()
            .into_iter()
            .map(|kernel| fast::matmul_with(kernel, a.view(), b.view()))
            .collect();
        let got: Vec<&[f64]> = got.iter().map(|g| g.as_slice().unwrap()).collect();
        agreement.add(want.as_slice().unwrap(), &got);
    }
    agreement
}
// ANCHOR_END: products

/// `count` arguments for `exp` (of every size and sign) and for `log1p` (above -1, among them
/// the `e^(-|z|)` that the binary loss gives it), against `libm`'s own.
pub fn exp_and_log1p(count: usize, seed: u64) -> (Agreement, Agreement) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let x: Vec<f64> = (0..count)
        .map(|_| rng.random_range(-40.0..40.0) * 10f64.powi(rng.random_range(-10..2)))
        .collect();
    let above_minus_one: Vec<f64> = (x.iter().enumerate())
        .map(|(i, &v)| match i % 3 {
            0 => libm::exp(-v.abs()),
            1 => v.abs(),
            _ => -libm::exp(-v.abs()),
        })
        .collect();
    let mut results = [Agreement::default(), Agreement::default()];
    type Lanes = fn(Kernel, &[f64], &mut [f64]);
    type Function<'a> = (Lanes, fn(f64) -> f64, &'a [f64]);
    let functions: [Function; 2] = [
        (fast::exp_with, libm::exp, &x),
        (fast::log1p_with, libm::log1p, &above_minus_one),
    ];
    for ((lanes, scalar, x), result) in functions.into_iter().zip(&mut results) {
        let want: Vec<f64> = x.iter().map(|&v| scalar(v)).collect();
        let got: Vec<Vec<f64>> = Kernel::available()
            .into_iter()
            .map(|kernel| {
                let mut out = vec![0.0; x.len()];
                lanes(kernel, x, &mut out);
                out
            })
            .collect();
        let got: Vec<&[f64]> = got.iter().map(Vec::as_slice).collect();
        result.add(&want, &got);
    }
    (results[0], results[1])
}

/// `count` batches of 1 to 2,000 logits: Chapter 5's loss and gradient against the fast
/// one-pass version. Each batch's loss and each sample's gradient is an output.
pub fn binary_losses(count: usize, seed: u64) -> Agreement {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut agreement = Agreement::default();
    for _ in 0..count {
        let n = rng.random_range(1..2000);
        let z = Array1::from_shape_fn(n, |_| rng.random_range(-30.0..30.0));
        let y = Array1::from_shape_fn(n, |_| f64::from(rng.random_range(0..2u8)));
        let mut want = vec![bce_with_logits(z.view(), y.view()).unwrap()];
        want.extend(bce_with_logits_grad(z.view(), y.view()).unwrap());
        let got: Vec<Vec<f64>> = Kernel::available()
            .into_iter()
            .map(|kernel| {
                let mut grad = vec![0.0; n];
                let (z, y) = (z.as_slice().unwrap(), y.as_slice().unwrap());
                let loss = fast::binary_cross_entropy_with(kernel, z, y, &mut grad);
                std::iter::once(loss).chain(grad).collect()
            })
            .collect();
        let got: Vec<&[f64]> = got.iter().map(Vec::as_slice).collect();
        agreement.add(&want, &got);
    }
    agreement
}

/// `count` batches of 1 to 300 rows of 2 to 10 logits: Chapter 6's loss and gradient against
/// the fast one-pass version. Each batch's loss and each logit's gradient is an output.
pub fn categorical_losses(count: usize, seed: u64) -> Agreement {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut agreement = Agreement::default();
    for _ in 0..count {
        let (n, k) = (rng.random_range(1..300), rng.random_range(2..11));
        let z = Array2::from_shape_fn((n, k), |_| rng.random_range(-30.0..30.0));
        let targets: Vec<usize> = (0..n).map(|_| rng.random_range(0..k)).collect();
        let mut want = vec![cross_entropy_with_logits(z.view(), &targets).unwrap()];
        want.extend(cross_entropy_with_logits_grad(z.view(), &targets).unwrap());
        let got: Vec<Vec<f64>> = Kernel::available()
            .into_iter()
            .map(|kernel| {
                let (loss, grad) = fast::categorical_cross_entropy_with(kernel, z.view(), &targets)
                    .expect("ordinary logits");
                std::iter::once(loss).chain(grad).collect()
            })
            .collect();
        let got: Vec<&[f64]> = got.iter().map(Vec::as_slice).collect();
        agreement.add(&want, &got);
    }
    agreement
}

/// The element-wise passes of a layer, on the trainers' shapes (1,024 and 32 rows of 16, 10,
/// 3 and 1 numbers) and `count` random ones: the bias added to every row, the ReLU, and the
/// way back through the ReLU, each computed as Chapter 8 writes it and by every
/// kernel. The pre-activations include zeros of both signs and NaN, which the ReLU treats
/// apart.
pub fn element_wise(count: usize, seed: u64) -> Agreement {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut shapes: Vec<(usize, usize)> = [1024, 32]
        .into_iter()
        .flat_map(|n| [16, 10, 3, 1].map(|q| (n, q)))
        .collect();
    for _ in 0..count {
        shapes.push((rng.random_range(1..300), rng.random_range(1..40)));
    }
    let mut agreement = Agreement::default();
    for (n, q) in shapes {
        let mut z = random(&mut rng, (n, q));
        z.iter_mut().step_by(13).for_each(|z| *z = f64::NAN);
        let (b, grad) = (random(&mut rng, (1, q)), random(&mut rng, (n, q)));
        // Chapter 8: `Linear::forward` adds the bias row to every row, `relu` maps each
        // number, and the backward pass keeps the gradient where the pre-activation was
        // positive.
        let biased = &z + &b;
        let mut want: Vec<f64> = biased.iter().copied().collect();
        want.extend(ch08_layers::relu(biased.view()));
        want.extend(ch08_layers::relu(z.view()));
        want.extend((grad.iter().zip(&z)).map(|(&g, &z)| if z <= 0.0 { 0.0 } else { g }));
        let got: Vec<Vec<f64>> = Kernel::available()
            .into_iter()
            .map(|kernel| {
                let (mut biased, mut a) = (z.clone(), vec![0.0; n * q]);
                let (mut relu, mut back) = (vec![0.0; n * q], grad.clone());
                let (z, b) = (z.as_slice().unwrap(), b.as_slice().unwrap());
                fast::bias_relu_with(kernel, b, biased.as_slice_mut().unwrap(), Some(&mut a));
                fast::relu_with(kernel, z, &mut relu);
                fast::relu_backward_with(kernel, back.as_slice_mut().unwrap(), z);
                (biased.into_iter())
                    .chain(a)
                    .chain(relu)
                    .chain(back)
                    .collect()
            })
            .collect();
        let got: Vec<&[f64]> = got.iter().map(Vec::as_slice).collect();
        agreement.add(&want, &got);
    }
    agreement
}

/// The sums of the columns of `m`, each added up in the order of the rows, from 0.0.
fn column_sums(m: ArrayView2<f64>) -> Vec<f64> {
    (m.columns().into_iter())
        .map(|column| column.iter().fold(0.0, |sum, &v| sum + v))
        .collect()
}

/// The churn network's two layers, each way in one pass (`fast::fused`), against Chapter 8's
/// plain steps (`Linear::forward`, `relu`, and the way back's products, column sums and
/// mask), on the trainer's shape (6 inputs, batches of 32 and 1,024) and `count` random
/// ones (1 to 8 inputs, 1 to 1,100 rows): the logits and gradients of a training step, and
/// the one-pass way back on every kernel.
pub fn one_pass(count: usize, seed: u64) -> Agreement {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut shapes = vec![(32, 6), (1024, 6)];
    for _ in 0..count {
        shapes.push((
            rng.random_range(1..1100),
            rng.random_range(1..=fused::MAX_INPUTS),
        ));
    }
    let mut agreement = Agreement::default();
    for (n, inputs) in shapes {
        let net = Network::new(&[inputs, fused::HIDDEN, 1], &mut rng);
        let (hidden, output) = (&net.layers[0], &net.layers[1]);
        let (x, g) = (random(&mut rng, (n, inputs)), random(&mut rng, (n, 1)));
        let z = hidden.forward(x.view());
        let a = relu(z.view());
        let logits = output.forward(a.view());
        let mut delta = matmul(g.view(), output.w.t());
        delta.zip_mut_with(&z, |d, &z| *d = if z <= 0.0 { 0.0 } else { *d });
        let want: Vec<f64> = (matmul(x.t(), delta.view()).into_iter())
            .chain(column_sums(delta.view()))
            .chain(matmul(a.t(), g.view()))
            .chain(column_sums(g.view()))
            .collect();
        // The trainer's step (the one-pass way back with the best kernel, and the one-pass way
        // forward where the CPU has AVX-512), and the one-pass way back on every kernel.
        let mut step = fast::Step::default();
        let step_logits = step.forward(&net, x.view()).unwrap().to_owned();
        let step_grads = step.backward(&net, g.view()).unwrap();
        let mut got: Vec<Vec<f64>> = vec![step_grads.iter().flatten().copied().collect()];
        let (a, g, w) = (a.as_slice(), g.as_slice(), output.w.as_slice());
        let (a, g, w) = (a.unwrap(), g.unwrap(), w.unwrap());
        for kernel in Kernel::available() {
            let lengths = [inputs * fused::HIDDEN, fused::HIDDEN, fused::HIDDEN, 1];
            let mut grads = lengths.map(|len| vec![0.0; len]);
            let [w1, b1, w2, b2] = &mut grads;
            let into = fused::Grads { w1, b1, w2, b2 };
            assert!(fused::backward_with(kernel, x.view(), a, g, w, into));
            got.push(grads.concat());
        }
        let got: Vec<&[f64]> = got.iter().map(Vec::as_slice).collect();
        agreement.add(&want, &got);
        agreement.add(
            logits.as_slice().unwrap(),
            &[step_logits.as_slice().unwrap()],
        );
    }
    agreement
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_different_bit_is_counted() {
        let mut a = Agreement::default();
        a.add(
            &[1.0, 2.0, 0.0],
            &[&[1.0, 2.0, 0.0], &[1.0, 2.0000000000000004, -0.0]],
        );
        assert_eq!(
            a,
            Agreement {
                cases: 1,
                outputs: 3,
                differing: 2
            }
        );
    }

    #[test]
    fn the_fast_path_agrees_on_a_small_run() {
        assert_eq!(products(20, 1).differing, 0);
        let (exp, log1p) = exp_and_log1p(10_000, 2);
        assert_eq!((exp.differing, log1p.differing), (0, 0));
        assert_eq!(binary_losses(10, 3).differing, 0);
        assert_eq!(one_pass(10, 4).differing, 0);
    }
}
