//! The churn network's two layers (a hidden layer of ReLU units, an output layer of one unit),
//! each way, in one pass over the batch.
//!
//! Separately, the way back is five products (the output layer's weight and bias gradients,
//! the gradient passed down with the ReLU's mask, the hidden layer's weight and bias
//! gradients), each a pass over the whole batch, and the gradient passed down is written out
//! and read back twice. Here one pass over the rows does all five: row `i`'s gradient at the
//! hidden layer is made in registers and used at once, and every gradient has its own
//! accumulators, which receive row `i`'s terms after row `i - 1`'s, from `0.0`. Each gradient
//! is thus the same sum, in the same order, as its product computes: the bits do not move.
//!
//! The way forward computes each block of rows' activations and, while they are in registers,
//! the block's logits. Those sums run along a row (over the hidden units), so the block is
//! turned over to put rows in lanes. The compiler does not find that on its own (it loads
//! the numbers one at a time, or gathers them), so this one function is written with AVX-512's
//! instructions, and only the AVX-512 kernel has it; elsewhere the products do the work.

use ndarray::ArrayView2;

use super::Kernel;

/// How many hidden units the one-pass functions take (the churn network's): one row of them
/// is two vectors of AVX-512, and the accumulators of a hidden layer of up to [`MAX_INPUTS`]
/// inputs stay in its 32 registers. With fewer registers some wait in the cache, and the one
/// pass is still the faster way back: on a batch of 1,024 rows of six inputs, 12 against
/// 26–27 ns a row with AVX2, 18–19 against 26–28 with the baseline build.
pub const HIDDEN: usize = 16;

/// The most inputs of the hidden layer that the one-pass functions take.
pub const MAX_INPUTS: usize = 8;

/// The gradients of the two layers, each stored row by row.
pub struct Grads<'a> {
    /// The hidden layer's weights: `inputs × HIDDEN`.
    pub w1: &'a mut [f64],
    /// The hidden layer's biases: `HIDDEN`.
    pub b1: &'a mut [f64],
    /// The output layer's weights: `HIDDEN × 1`.
    pub w2: &'a mut [f64],
    /// The output layer's bias.
    pub b2: &'a mut [f64],
}

/// The gradients of a hidden layer of [`HIDDEN`] ReLU units, whose input is `x` and whose
/// activations are `a` (`x.nrows() × HIDDEN`, row by row), and of an output layer of one unit,
/// whose weights are `w2` and whose gradient at the output is `grad_logits`: what
/// [`crate::Network::backward`] returns for such a network, bit for bit. Returns `false`, and
/// writes nothing, for any other shape.
///
/// # Panics
/// If this CPU cannot run `kernel`.
pub fn backward_with(
    kernel: Kernel,
    x: ArrayView2<f64>,
    a: &[f64],
    grad_logits: &[f64],
    w2: &[f64],
    grads: Grads,
) -> bool {
    let (n, inputs) = x.dim();
    let fits = (1..=MAX_INPUTS).contains(&inputs)
        && a.len() == n * HIDDEN
        && grad_logits.len() == n
        && w2.len() == HIDDEN
        && grads.w1.len() == inputs * HIDDEN
        && grads.b1.len() == HIDDEN
        && grads.w2.len() == HIDDEN
        && grads.b2.len() == 1;
    if fits {
        let w2: &[f64; HIDDEN] = w2.try_into().expect("HIDDEN weights");
        pass_with(kernel, x, a, grad_logits, w2, grads);
    }
    fits
}

builds! {
    /// [`backward_with`] once its shapes are checked.
    fn pass_with(
        x: ArrayView2<f64>,
        a: &[f64],
        grad_logits: &[f64],
        w2: &[f64; HIDDEN],
        grads: Grads
    ) = pass_generic;
}

/// Chooses the build for the number of inputs, so that their accumulators are registers.
#[inline(always)]
fn pass_generic(
    x: ArrayView2<f64>,
    a: &[f64],
    grad_logits: &[f64],
    w2: &[f64; HIDDEN],
    grads: Grads,
) {
    macro_rules! inputs {
        ($($m:literal)*) => {
            match x.ncols() {
                $($m => pass::<$m>(x, a, grad_logits, w2, grads),)*
                _ => unreachable!("checked by backward_with"),
            }
        };
    }
    inputs!(1 2 3 4 5 6 7 8);
}

// ANCHOR: pass
/// The one pass, for a hidden layer of `M` inputs.
#[inline(always)]
fn pass<const M: usize>(
    x: ArrayView2<f64>,
    a: &[f64],
    grad_logits: &[f64],
    w2: &[f64; HIDDEN],
    grads: Grads,
) {
    let (mut grad_w1, mut grad_b1) = ([[0.0; HIDDEN]; M], [0.0; HIDDEN]);
    let (mut grad_w2, mut grad_b2) = ([0.0; HIDDEN], 0.0);
    let (activations, _) = a.as_chunks::<HIDDEN>();
    for (i, (a_i, &g)) in activations.iter().zip(grad_logits).enumerate() {
        // The output layer: its input is a_i, the gradient at its output g.
        for (s, &a_ij) in grad_w2.iter_mut().zip(a_i) {
            *s += a_ij * g;
        }
        grad_b2 += g;
        // The gradient passed down, g times each weight, through the ReLU's mask. (Chapter
        // 8's product makes each entry 0.0 + g·w, a sum of one product: it differs from g·w
        // only in the sign of a zero, and a zero of either sign added to a sum that starts
        // from 0.0, as the hidden layer's sums below do, leaves it as it is.)
        let delta: [f64; HIDDEN] =
            std::array::from_fn(|j| super::relu_backward_lane(g * w2[j], a_i[j]));
        // The hidden layer: its input is row i of x. (Read one number at a time, through
        // the view's strides: the compiler would otherwise turn the loop inside out, with
        // vectors along r that must be gathered and scattered.)
        for (r, row) in grad_w1.iter_mut().enumerate() {
            let x_ir = x[[i, r]];
            for (s, &d) in row.iter_mut().zip(&delta) {
                *s += x_ir * d;
            }
        }
        for (s, &d) in grad_b1.iter_mut().zip(&delta) {
            *s += d;
        }
    }
    grads.w1.copy_from_slice(grad_w1.as_flattened());
    grads.b1.copy_from_slice(&grad_b1);
    grads.w2.copy_from_slice(&grad_w2);
    grads.b2[0] = grad_b2;
}
// ANCHOR_END: pass

/// The forward pass of the same two layers, eight rows at a time: for each row, the hidden
/// layer's activations (written to `a`, for the way back) and the products of the output
/// layer's sum; then the eight sums, each in the order of the hidden units, from `0.0`, in the
/// eight lanes of one vector, and the bias. Returns `false`, and writes nothing, for any other
/// shape, or where this CPU has no AVX-512.
pub fn forward(
    x: ArrayView2<f64>,
    w1: &[f64],
    b1: &[f64],
    w2: &[f64],
    b2: &[f64],
    a: &mut [f64],
    logits: &mut [f64],
) -> bool {
    let (n, inputs) = x.dim();
    let fits = (1..=MAX_INPUTS).contains(&inputs)
        && w1.len() == inputs * HIDDEN
        && b1.len() == HIDDEN
        && w2.len() == HIDDEN
        && b2.len() == 1
        && a.len() == n * HIDDEN
        && logits.len() == n;
    if !fits || !Kernel::Avx512.runs_here() {
        return false;
    }
    #[cfg(target_arch = "x86_64")]
    {
        let (w1, _) = w1.as_chunks::<HIDDEN>();
        let b1: &[f64; HIDDEN] = b1.try_into().expect("HIDDEN biases");
        let w2: &[f64; HIDDEN] = w2.try_into().expect("HIDDEN weights");
        // SAFETY: the CPU has AVX-512, checked above.
        unsafe { avx512::forward(x, w1, b1, w2, b2[0], a, logits) };
        true
    }
    #[cfg(not(target_arch = "x86_64"))]
    unreachable!("no AVX-512 here")
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;

    use ndarray::ArrayView2;

    use super::HIDDEN;

    /// Rows of the block whose output sums go into the lanes of one vector.
    const ROWS: usize = 8;

    #[target_feature(enable = "avx512f")]
    pub(super) fn forward(
        x: ArrayView2<f64>,
        w1: &[[f64; HIDDEN]],
        b1: &[f64; HIDDEN],
        w2: &[f64; HIDDEN],
        b2: f64,
        a: &mut [f64],
        logits: &mut [f64],
    ) {
        macro_rules! inputs {
            ($($m:literal)*) => {
                match (w1.len(), x.is_standard_layout()) {
                    $(
                        ($m, true) => {
                            let w1 = w1.try_into().expect("M rows");
                            forward_of::<$m, true>(x, w1, b1, w2, b2, a, logits)
                        }
                        ($m, false) => {
                            let w1 = w1.try_into().expect("M rows");
                            forward_of::<$m, false>(x, w1, b1, w2, b2, a, logits)
                        }
                    )*
                    _ => unreachable!("checked by fused::forward"),
                }
            };
        }
        inputs!(1 2 3 4 5 6 7 8);
    }

    /// [`forward`] for a hidden layer of `M` inputs, with `x` stored row by row if `ROW_BY_ROW`
    /// (then each input is at a fixed distance from its block's first, and no address is
    /// computed from the strides).
    #[target_feature(enable = "avx512f")]
    fn forward_of<const M: usize, const ROW_BY_ROW: bool>(
        x: ArrayView2<f64>,
        w1: &[[f64; HIDDEN]; M],
        b1: &[f64; HIDDEN],
        w2: &[f64; HIDDEN],
        b2: f64,
        a: &mut [f64],
        logits: &mut [f64],
    ) {
        // The weights and biases as vectors of eight: [0] for units 0..8, [1] for 8..16.
        // SAFETY (every load and store below): eight numbers inside the array named.
        let halves = |v: &[f64; HIDDEN]| unsafe {
            [
                _mm512_loadu_pd(v.as_ptr()),
                _mm512_loadu_pd(v.as_ptr().add(8)),
            ]
        };
        let w1_v: [[__m512d; 2]; M] = std::array::from_fn(|r| halves(&w1[r]));
        let zero = _mm512_setzero_pd();
        // Each sum below starts from its first product, not from 0.0 plus it. The two differ
        // only where that product is -0.0 (0.0 + -0.0 is 0.0), and stay apart only while every
        // product after it is -0.0 too: the sum is then -0.0 where the plain one is 0.0. Plus
        // a bias other than -0.0, both give the same number. So each bias is made b + 0.0,
        // which is b, except that -0.0 becomes 0.0; and a plain sum, which is never -0.0, plus
        // -0.0 is that sum plus 0.0. Every z and logit keeps its bits.
        let (b1_v, w2_v) = (halves(b1).map(|b| _mm512_add_pd(b, zero)), halves(w2));
        let b2_v = _mm512_set1_pd(b2 + 0.0);
        let (rows, _) = a.as_chunks_mut::<HIDDEN>();
        let (blocks, rest) = rows.as_chunks_mut::<ROWS>();
        let (z_blocks, z_rest) = logits.as_chunks_mut::<ROWS>();
        for (block, (a_block, z_block)) in blocks.iter_mut().zip(z_blocks).enumerate() {
            // The hidden layer's sums for the block's rows, input by input.
            let mut sums = [[zero; 2]; ROWS];
            for (r, w_r) in w1_v.iter().enumerate() {
                for (k, s_k) in sums.iter_mut().enumerate() {
                    // SAFETY: row i = block·ROWS + k < n and column r < M = inputs.
                    let i = block * ROWS + k;
                    let x_kr = _mm512_set1_pd(unsafe {
                        if ROW_BY_ROW {
                            *x.as_ptr().add(i * M + r)
                        } else {
                            *x.uget((i, r))
                        }
                    });
                    for (s, &w) in s_k.iter_mut().zip(w_r) {
                        let product = _mm512_mul_pd(x_kr, w);
                        *s = if r == 0 {
                            product
                        } else {
                            _mm512_add_pd(*s, product)
                        };
                    }
                }
            }
            // Plus the bias, through the ReLU, stored for the way back; and times the output
            // layer's weights. The ReLU is `max(0, z)`, which gives its second operand, z,
            // unless 0 > z: so -0.0 and NaN stay, as in `relu_lane`.
            let mut products = [[zero; 2]; ROWS];
            for ((a_k, p_k), s_k) in a_block.iter_mut().zip(&mut products).zip(&sums) {
                for h in 0..2 {
                    let z = _mm512_add_pd(s_k[h], b1_v[h]);
                    let relu = _mm512_max_pd(zero, z);
                    unsafe { _mm512_storeu_pd(a_k.as_mut_ptr().add(8 * h), relu) };
                    p_k[h] = _mm512_mul_pd(relu, w2_v[h]);
                }
            }
            // The output layer's sums: the products turned over, column j in one vector.
            let columns = |h: usize| transpose(std::array::from_fn(|k| products[k][h]));
            let (first, second) = (columns(0), columns(1));
            let mut logit = first[0];
            for &column in &first[1..] {
                logit = _mm512_add_pd(logit, column);
            }
            for column in second {
                logit = _mm512_add_pd(logit, column);
            }
            let logit = _mm512_add_pd(logit, b2_v);
            unsafe { _mm512_storeu_pd(z_block.as_mut_ptr(), logit) };
        }
        // The rows after the last whole block, one at a time.
        let first = blocks.len() * ROWS;
        for (k, (a_i, z)) in rest.iter_mut().zip(z_rest).enumerate() {
            let mut sums = [0.0; HIDDEN];
            for (r, w_r) in w1.iter().enumerate() {
                let x_ir = x[[first + k, r]];
                for (s, &w) in sums.iter_mut().zip(w_r) {
                    *s += x_ir * w;
                }
            }
            *a_i = std::array::from_fn(|j| super::super::relu_lane(sums[j] + b1[j]));
            let mut sum = 0.0;
            for (&a_ij, &w) in a_i.iter().zip(w2) {
                sum += a_ij * w;
            }
            *z = sum + b2;
        }
    }

    /// The 8 × 8 block whose rows are `x`, turned over: row `j` of the result is column `j`.
    /// Three rounds of exchanges: the numbers of pairs of rows interleaved, then twice whole
    /// pairs of numbers (128 bits) moved between vectors, which the processor does with
    /// immediate operands and no table of positions.
    #[target_feature(enable = "avx512f")]
    fn transpose(x: [__m512d; 8]) -> [__m512d; 8] {
        // Pairs (x_a[j], x_b[j]): for even j in `low`, odd j in `high`.
        let low = |a: usize, b: usize| _mm512_unpacklo_pd(x[a], x[b]);
        let high = |a: usize, b: usize| _mm512_unpackhi_pd(x[a], x[b]);
        let (t0, t1, t2, t3) = (low(0, 1), high(0, 1), low(2, 3), high(2, 3));
        let (t4, t5, t6, t7) = (low(4, 5), high(4, 5), low(6, 7), high(6, 7));
        // Pairs 0 and 2 of a and b, then pairs 1 and 3; then of those, pairs 0 and 2, 1 and 3.
        const EVEN: i32 = 0b10_00_10_00;
        const ODD: i32 = 0b11_01_11_01;
        let even = |a, b| _mm512_shuffle_f64x2::<EVEN>(a, b);
        let odd = |a, b| _mm512_shuffle_f64x2::<ODD>(a, b);
        let (u0, u1) = (even(t0, t2), even(t4, t6));
        let (u2, u3) = (odd(t0, t2), odd(t4, t6));
        let (v0, v1) = (even(t1, t3), even(t5, t7));
        let (v2, v3) = (odd(t1, t3), odd(t5, t7));
        [
            even(u0, u1),
            even(v0, v1),
            even(u2, u3),
            even(v2, v3),
            odd(u0, u1),
            odd(v0, v1),
            odd(u2, u3),
            odd(v2, v3),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Network, relu};
    use ndarray::Array2;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn same_bits<'a>(a: impl IntoIterator<Item = &'a f64>, b: &[f64]) -> bool {
        let a: Vec<f64> = a.into_iter().copied().collect();
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
    }

    /// A batch with zeros of both signs, huge numbers and a NaN among its numbers, so that
    /// some activations are -0.0, 0.0 or NaN.
    fn batch(rng: &mut ChaCha8Rng, n: usize, inputs: usize) -> Array2<f64> {
        Array2::from_shape_fn((n, inputs), |_| match rng.random_range(0..40) {
            0 => 0.0,
            1 => -0.0,
            2 => 1e300,
            3 if n > 100 => f64::NAN,
            _ => rng.random_range(-3.0..3.0),
        })
    }

    /// Both passes against the network's, on `x` in place and transposed (forward) and with
    /// every kernel (backward).
    fn agrees(net: &Network, x: &Array2<f64>, g: &Array2<f64>, case: &str) {
        let (hidden, output) = (&net.layers[0], &net.layers[1]);
        let (n, inputs) = x.dim();
        let trace = net.forward(x.view()).unwrap();
        let activations = relu(hidden.forward(x.view()).view());
        let want = net.backward(&trace, g.view()).unwrap();

        // Forward, from x in place and from a transposed copy.
        let columns = x.t().to_owned();
        for x in [x.view(), columns.t()] {
            let (mut a, mut logits) = (vec![0.0; n * HIDDEN], vec![0.0; n]);
            let (w1, b1) = (hidden.w.as_slice().unwrap(), hidden.b.as_slice().unwrap());
            let (w2, b2) = (output.w.as_slice().unwrap(), output.b.as_slice().unwrap());
            let done = forward(x, w1, b1, w2, b2, &mut a, &mut logits);
            assert_eq!(done, Kernel::Avx512.runs_here());
            if done {
                assert!(same_bits(&activations, &a), "{case}");
                assert!(same_bits(trace.logits(), &logits), "{case}");
            }
        }

        // Backward, with every kernel.
        for kernel in Kernel::available() {
            let (mut w1, mut b1) = (vec![0.0; inputs * HIDDEN], vec![0.0; HIDDEN]);
            let (mut w2, mut b2) = (vec![0.0; HIDDEN], vec![0.0]);
            let grads = Grads {
                w1: &mut w1,
                b1: &mut b1,
                w2: &mut w2,
                b2: &mut b2,
            };
            let a = activations.as_slice().unwrap();
            let (g, w) = (g.as_slice().unwrap(), output.w.as_slice().unwrap());
            assert!(backward_with(kernel, x.view(), a, g, w, grads));
            for (want, got) in want.iter().zip([&w1, &b1, &w2, &b2]) {
                assert!(same_bits(want, got), "{kernel:?}, {case}");
            }
        }
    }

    /// Gradients at the output with zeros of both signs among them: 0.0 + (-0.0) is 0.0.
    fn gradients(rng: &mut ChaCha8Rng, n: usize) -> Array2<f64> {
        Array2::from_shape_fn((n, 1), |_| match rng.random_range(0..10) {
            0 => -0.0,
            1 => 0.0,
            _ => rng.random_range(-1.0..1.0),
        })
    }

    #[test]
    fn one_pass_each_way_gives_the_networks_bits() {
        let mut rng = ChaCha8Rng::seed_from_u64(16);
        for inputs in 1..=MAX_INPUTS {
            let net = Network::new(&[inputs, HIDDEN, 1], &mut rng);
            for n in [1, 7, 8, 9, 300, 1031] {
                let x = batch(&mut rng, n, inputs);
                let g = gradients(&mut rng, n);
                agrees(&net, &x, &g, &format!("{inputs} inputs, {n} rows"));
            }
        }
    }

    /// Where the one pass starts a sum from its first product rather than from 0.0 plus it,
    /// the two differ if every product is -0.0. Rows of zeros of one sign, weights of one sign
    /// per unit and biases of -0.0 make such sums, in the hidden layer and in the logit.
    #[test]
    fn sums_of_negative_zeros_keep_their_bits() {
        let mut rng = ChaCha8Rng::seed_from_u64(18);
        for inputs in [1, 2, 6] {
            for output_sign in [1.0, -1.0] {
                let mut net = Network::new(&[inputs, HIDDEN, 1], &mut rng);
                // Units 0..8 with positive weights, 8..16 with negative ones; biases -0.0
                // and 0.0 in turn.
                for ((_, j), w) in net.layers[0].w.indexed_iter_mut() {
                    *w = w.abs() * if j < 8 { 1.0 } else { -1.0 };
                }
                for ((_, j), b) in net.layers[0].b.indexed_iter_mut() {
                    *b = if j % 2 == 0 { -0.0 } else { 0.0 };
                }
                net.layers[1].w.mapv_inplace(|w| output_sign * w.abs());
                net.layers[1].b.fill(-0.0);
                let n = 40;
                let x = Array2::from_shape_fn((n, inputs), |(i, _)| match i % 4 {
                    0 => -0.0,
                    1 => 0.0,
                    _ => rng.random_range(-1.0..1.0),
                });
                let g = gradients(&mut rng, n);
                agrees(
                    &net,
                    &x,
                    &g,
                    &format!("{inputs} inputs, sign {output_sign}"),
                );
            }
        }
    }

    #[test]
    fn other_shapes_are_left_to_the_products() {
        let mut rng = ChaCha8Rng::seed_from_u64(17);
        let n = 5;
        for (inputs, hidden, outputs) in [(9, 16, 1), (4, 15, 1), (4, 17, 1), (4, 16, 2)] {
            let net = Network::new(&[inputs, hidden, outputs], &mut rng);
            let x = batch(&mut rng, n, inputs);
            let (w1, b1) = (
                net.layers[0].w.as_slice().unwrap(),
                net.layers[0].b.as_slice(),
            );
            let (w2, b2) = (
                net.layers[1].w.as_slice().unwrap(),
                net.layers[1].b.as_slice(),
            );
            let (mut a, mut logits) = (vec![7.0; n * hidden], vec![7.0; n * outputs]);
            let b1 = b1.unwrap();
            assert!(!forward(
                x.view(),
                w1,
                b1,
                w2,
                b2.unwrap(),
                &mut a,
                &mut logits
            ));
            let g = vec![0.5; n * outputs];
            let mut grad = [
                vec![7.0; inputs * hidden],
                vec![7.0; hidden],
                vec![7.0; hidden],
            ];
            let mut b2_grad = vec![7.0];
            let [w1_grad, b1_grad, w2_grad] = &mut grad;
            let grads = Grads {
                w1: w1_grad,
                b1: b1_grad,
                w2: w2_grad,
                b2: &mut b2_grad,
            };
            assert!(!backward_with(
                Kernel::Baseline,
                x.view(),
                &a,
                &g,
                w2,
                grads
            ));
            // Nothing written.
            let written = a
                .iter()
                .chain(&logits)
                .chain(grad.iter().flatten())
                .chain(&b2_grad);
            assert!(written.into_iter().all(|&v| v == 7.0));
        }
    }
}
