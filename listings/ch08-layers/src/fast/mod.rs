//! The matrix product of [`crate::matmul()`], many outputs at a time, with the same bits.
//!
//! Not shown in Chapter 8; Appendix B ("Fast, and the same bits") teaches it. Every output of a
//! product is still the sum `0 + a[i,0]·b[0,j] + a[i,1]·b[1,j] + ...`, one rounding per
//! multiply and one per add, in the order `r = 0, 1, 2, ...`: exactly the operations of the
//! plain loop. What changes is how many outputs are computed at once. The lanes of a vector
//! register hold different outputs (neighbouring columns `j`, or neighbouring rows `i` when the
//! product is computed as its transpose), so no output's sum is split or reordered, and no
//! multiply and add are fused into one rounding (no FMA). A block of several rows by several
//! vectors of columns stays in registers while `r` runs, so each number loaded from memory is
//! used many times.
//!
//! The same generic code is compiled three times on x86-64: for AVX-512, for AVX2 and for the
//! baseline (SSE2), and [`Kernel::best`] picks one at run time. Since every kernel performs the
//! same operations on every output, the choice changes the speed, never the result. On other
//! targets (WebAssembly, ARM) only the portable build exists. For the churn network's shape,
//! [`fused`] does each way through both layers in one pass, with the same operations again.

mod categorical;
mod kernel;
mod lanes;
mod pages;
mod step;

pub use categorical::{categorical_cross_entropy, categorical_cross_entropy_with};
pub use kernel::Scratch;
pub use pages::HugePages;
pub use step::Step;

use ch03_softmax::sum_carefully;
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use rand::{Rng, RngExt};
use rand_chacha::ChaCha8Rng;

/// Defines `fn NAME(kernel, ARGS) -> RET`, with the visibility given, which runs the
/// `#[inline(always)]` function `GENERIC(ARGS)` compiled for the chosen kernel's instruction
/// set.
macro_rules! builds {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) $(-> $ret:ty)? = $generic:path;) => {
        $(#[$doc])*
        ///
        /// # Panics
        /// If this CPU cannot run `kernel`.
        $vis fn $name(kernel: Kernel, $($arg: $ty),*) $(-> $ret)? {
            fn baseline($($arg: $ty),*) $(-> $ret)? {
                $generic($($arg),*)
            }
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2")]
            fn avx2($($arg: $ty),*) $(-> $ret)? {
                $generic($($arg),*)
            }
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx512f")]
            fn avx512($($arg: $ty),*) $(-> $ret)? {
                $generic($($arg),*)
            }
            assert!(kernel.runs_here(), "this CPU cannot run the {kernel:?} kernel");
            match kernel {
                Kernel::Baseline => baseline($($arg),*),
                // SAFETY: the CPU has the instructions, checked above.
                #[cfg(target_arch = "x86_64")]
                Kernel::Avx2 => unsafe { avx2($($arg),*) },
                #[cfg(target_arch = "x86_64")]
                Kernel::Avx512 => unsafe { avx512($($arg),*) },
                #[cfg(not(target_arch = "x86_64"))]
                _ => unreachable!("only the baseline runs here"),
            }
        }
    };
}

// After `builds!`, which it uses.
pub mod fused;

builds! {
    /// `out[i] = libm::exp(x[i])`, bit for bit, many lanes at a time.
    pub fn exp_with(x: &[f64], out: &mut [f64]) = lanes::exp_into;
}

builds! {
    /// `out[i] = libm::log1p(x[i])`, bit for bit, many lanes at a time.
    pub fn log1p_with(x: &[f64], out: &mut [f64]) = lanes::log1p_into;
}

/// Chapter 5's binary cross-entropy from logits and its gradient, in one pass: the mean of
/// `bce_with_logits_terms` and every entry of `bce_with_logits_grad`, bit for bit, for finite
/// logits and targets in [0, 1].
///
/// # Panics
/// If this CPU cannot run `kernel`, or the slices' lengths differ.
pub fn binary_cross_entropy_with(
    kernel: Kernel,
    logits: &[f64],
    targets: &[f64],
    grad: &mut [f64],
) -> f64 {
    assert_eq!(logits.len(), grad.len(), "one gradient entry per logit");
    binary_cross_entropy_in(kernel, logits, Targets::Numbers(targets), Some(grad))
}

/// Chapter 5's binary cross-entropy from logits, of targets given as classes 0 and 1.
///
/// # Panics
/// If this CPU cannot run `kernel`, or the slices' lengths differ.
pub fn binary_cross_entropy_of_classes_with(
    kernel: Kernel,
    logits: &[f64],
    classes: &[usize],
) -> f64 {
    binary_cross_entropy_in(kernel, logits, Targets::Classes(classes), None)
}

/// The targets of the binary loss: numbers in [0, 1], or classes 0 and 1.
#[derive(Clone, Copy)]
enum Targets<'a> {
    Numbers(&'a [f64]),
    Classes(&'a [usize]),
}

impl<'a> Targets<'a> {
    fn len(self) -> usize {
        match self {
            Targets::Numbers(y) => y.len(),
            Targets::Classes(c) => c.len(),
        }
    }

    /// The targets from `start` on.
    fn from(self, start: usize) -> Targets<'a> {
        match self {
            Targets::Numbers(y) => Targets::Numbers(&y[start..]),
            Targets::Classes(c) => Targets::Classes(&c[start..]),
        }
    }
}

/// How many samples the binary loss takes at a time: its temporaries stay in the L1 cache.
const LOSS_CHUNK: usize = 256;

/// The mean of the terms, and the gradient if there is one. The terms go into the careful
/// sum as each chunk makes them, so no array of them is kept. The chunks are computed by
/// `kernel`'s build, called once a chunk: the careful sum is plain code, and a chunk's
/// arithmetic inlined into it would be compiled for the baseline, one number at a time.
fn binary_cross_entropy_in(
    kernel: Kernel,
    logits: &[f64],
    targets: Targets,
    grad: Option<&mut [f64]>,
) -> f64 {
    assert_eq!(logits.len(), targets.len(), "one target per logit");
    let (mut chunk, mut temporaries) = ([0.0; LOSS_CHUNK], Temporaries::default());
    let terms = Terms {
        kernel,
        logits,
        targets,
        grad,
        chunk: &mut chunk,
        temporaries: &mut temporaries,
        made: 0,
        read: 0,
        done: 0,
    };
    // The same sum as `bce_with_logits` (Chapter 3's careful sum); a sum that overflows is
    // infinite here, and the callers leave its error to Chapter 5.
    sum_carefully(terms) / logits.len() as f64
}

/// The binary loss's terms in order, made a chunk at a time into one buffer that every chunk
/// reuses in place (an iterator of a new array per chunk would copy each into place). The
/// buffers are borrowed, not held: a call that writes into a part of this struct would make
/// the compiler keep its counters in memory, and go there and back for every term.
struct Terms<'a> {
    kernel: Kernel,
    logits: &'a [f64],
    targets: Targets<'a>,
    grad: Option<&'a mut [f64]>,
    chunk: &'a mut [f64; LOSS_CHUNK],
    temporaries: &'a mut Temporaries,
    /// How many terms `chunk` holds, how many of them the sum has taken, and how many
    /// samples the chunks before it covered.
    made: usize,
    read: usize,
    done: usize,
}

impl Iterator for Terms<'_> {
    type Item = f64;

    #[inline(always)]
    fn next(&mut self) -> Option<f64> {
        if self.read == self.made {
            self.done += self.made;
            let z = &self.logits[self.done..];
            let k = z.len().min(LOSS_CHUNK);
            if k == 0 {
                return None;
            }
            let (start, n) = (self.done, self.logits.len() as f64);
            let grad = self.grad.as_deref_mut().map(|g| &mut g[start..start + k]);
            let targets = self.targets.from(start);
            let (terms, temporaries) = (&mut self.chunk[..k], &mut *self.temporaries);
            terms_with(self.kernel, &z[..k], targets, n, grad, terms, temporaries);
            (self.made, self.read) = (k, 0);
        }
        self.read += 1;
        Some(self.chunk[self.read - 1])
    }
}

builds! {
    /// One chunk of the binary loss: its terms, and its entries of the gradient if asked.
    fn terms_with(
        logits: &[f64],
        targets: Targets,
        n: f64,
        grad: Option<&mut [f64]>,
        terms: &mut [f64],
        temporaries: &mut Temporaries
    ) = terms_generic;
}

/// A chunk's numbers on the way to its terms, kept from chunk to chunk.
struct Temporaries {
    minus_abs: [f64; LOSS_CHUNK],
    e: [f64; LOSS_CHUNK],
    log1p_e: [f64; LOSS_CHUNK],
    y: [f64; LOSS_CHUNK],
}

impl Default for Temporaries {
    fn default() -> Temporaries {
        let zeros = [0.0; LOSS_CHUNK];
        Temporaries {
            minus_abs: zeros,
            e: zeros,
            log1p_e: zeros,
            y: zeros,
        }
    }
}

/// Chapter 5's `bce_with_logits_terms` and, if there is a `grad`, its `bce_with_logits_grad`
/// (with `n` samples in the whole batch) for one chunk: the same operations in the same order,
/// except that `e^(-|z|)`, which the loss's `log_sigmoid` and the gradient's `sigmoid` both
/// compute, is computed once.
#[inline(always)]
fn terms_generic(
    z: &[f64],
    targets: Targets,
    n: f64,
    grad: Option<&mut [f64]>,
    terms: &mut [f64],
    temporaries: &mut Temporaries,
) {
    let k = z.len();
    let Temporaries {
        minus_abs,
        e,
        log1p_e,
        y,
    } = temporaries;
    let (z, y) = (&z[..k], &mut y[..k]);
    match targets {
        Targets::Numbers(numbers) => y.copy_from_slice(&numbers[..k]),
        Targets::Classes(classes) => {
            for (y, &c) in y.iter_mut().zip(classes) {
                *y = c as f64;
            }
        }
    }
    for (m, &z) in minus_abs.iter_mut().zip(z) {
        *m = -z.abs();
    }
    lanes::exp_into(&minus_abs[..k], &mut e[..k]);
    lanes::log1p_into(&e[..k], &mut log1p_e[..k]);
    // Each `if` below chooses between two numbers that are both computed, with no jump, so
    // that every lane of a vector register can take its own side.
    for (((t, &z), &y), &l) in terms.iter_mut().zip(z).zip(&*y).zip(log1p_e.iter()) {
        // log_sigmoid(z) = -softplus(-z) and log_sigmoid(-z) = -softplus(z), with
        // softplus(w) = max(w, 0) + ln(1 + e^(-|w|)).
        let positive = y * -((-z).max(0.0) + l);
        let negative = (1.0 - y) * -(z.max(0.0) + l);
        let positive = if y > 0.0 { positive } else { 0.0 };
        let negative = if y < 1.0 { negative } else { 0.0 };
        *t = -(positive + negative);
    }
    if let Some(grad) = grad {
        // Dividing by a power of two, such as a batch of 1,024, is multiplying by its
        // reciprocal, which is then exact: both round the same quotient once. (`n` is a count
        // of samples, a whole number.)
        let reciprocal = (n as usize).is_power_of_two().then(|| 1.0 / n);
        for (((g, &z), &y), &e) in grad.iter_mut().zip(z).zip(&*y).zip(e.iter()) {
            // σ(z) - y below 0, and (1 - y) - σ(-z) from 0 up; σ of a number below 0 is
            // e^(-|z|) / (1 + e^(-|z|)), and σ(-0) = 1 / (1 + 1) is that too.
            let q = e / (1.0 + e);
            let difference = if z >= 0.0 { (1.0 - y) - q } else { q - y };
            *g = match reciprocal {
                Some(r) => difference * r,
                None => difference / n,
            };
        }
    }
}

/// Whether no number of `values` is `bad`: a count, where `all` would make a loop that stops
/// at the first bad one, and a loop that may stop early runs one number at a time.
fn none<T: Copy>(values: &[T], bad: impl Fn(T) -> bool) -> bool {
    values.iter().filter(|&&v| bad(v)).count() == 0
}

/// Chapter 5's `bce_with_logits` and `bce_with_logits_grad` together, bit for bit, with the
/// best kernel; `None` for a batch those functions would refuse (empty, lengths that differ,
/// a logit that is not finite, a target outside [0, 1]), whose error they should report.
pub fn binary_cross_entropy(
    logits: ArrayView1<f64>,
    targets: ArrayView1<f64>,
) -> Option<(f64, Array1<f64>)> {
    let (z, y) = (logits.as_slice()?, targets.as_slice()?);
    let ordinary = !z.is_empty()
        && z.len() == y.len()
        && none(z, |z| !z.is_finite())
        && none(y, |y| !(0.0..=1.0).contains(&y));
    if !ordinary {
        return None;
    }
    let mut grad = Array1::zeros(z.len());
    let slice = grad.as_slice_mut().expect("a new array is contiguous");
    let loss = binary_cross_entropy_with(Kernel::best(), z, y, slice);
    loss.is_finite().then_some((loss, grad))
}

/// Chapter 5's `bce_with_logits` of the targets `classes` (each 0 or 1, as `0.0` and `1.0`),
/// bit for bit, with the best kernel, and in no more memory than the logits: no array of
/// targets, terms or gradient. `None` where that function would refuse the batch, or where
/// the sum overflows.
pub fn binary_cross_entropy_of_classes(logits: ArrayView1<f64>, classes: &[usize]) -> Option<f64> {
    let z = logits.as_slice()?;
    let ordinary = !z.is_empty()
        && z.len() == classes.len()
        && none(z, |z| !z.is_finite())
        && none(classes, |c| c > 1);
    if !ordinary {
        return None;
    }
    let loss = binary_cross_entropy_of_classes_with(Kernel::best(), z, classes);
    loss.is_finite().then_some(loss)
}

// ANCHOR: best
/// A build of the product for one instruction set. All of them give the same bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    /// The generic code as the target compiles it by default: SSE2 on x86-64, or whatever
    /// the target has (WebAssembly, ARM).
    Baseline,
    /// AVX2: vectors of four numbers, sixteen registers.
    Avx2,
    /// AVX-512: vectors of eight numbers, thirty-two registers.
    Avx512,
}

impl Kernel {
    /// The widest kernel this CPU can run.
    pub fn best() -> Kernel {
        [Kernel::Avx512, Kernel::Avx2]
            .into_iter()
            .find(|k| k.runs_here())
            .unwrap_or(Kernel::Baseline)
    }

    /// Whether this CPU has the instructions the kernel needs.
    pub fn runs_here(self) -> bool {
        match self {
            Kernel::Baseline => true,
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => std::arch::is_x86_feature_detected!("avx2"),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx512 => std::arch::is_x86_feature_detected!("avx512f"),
            #[cfg(not(target_arch = "x86_64"))]
            _ => false,
        }
    }
}
// ANCHOR_END: best

impl Kernel {
    /// Every kernel this CPU can run, the baseline first.
    pub fn available() -> Vec<Kernel> {
        [Kernel::Baseline, Kernel::Avx2, Kernel::Avx512]
            .into_iter()
            .filter(|k| k.runs_here())
            .collect()
    }

    /// The kernel's name, as the benchmark prints it.
    pub fn name(self) -> &'static str {
        match self {
            Kernel::Baseline => "baseline",
            Kernel::Avx2 => "avx2",
            Kernel::Avx512 => "avx512f",
        }
    }
}

/// The product `a · b`, bit for bit what [`crate::matmul()`] returns, with the best kernel.
///
/// # Panics
/// If the inner dimensions differ, as [`crate::matmul()`] does.
pub fn matmul(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    matmul_with(Kernel::best(), a, b)
}

/// The product `a · b` with a chosen kernel.
///
/// # Panics
/// If the inner dimensions differ, or if this CPU cannot run `kernel` (see
/// [`Kernel::available`]).
pub fn matmul_with(kernel: Kernel, a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    let ((n, m), (m_b, q)) = (a.dim(), b.dim());
    assert_eq!(
        m, m_b,
        "matmul: ({n}, {m}) · ({m_b}, {q}): inner dimensions differ"
    );
    let mut c = vec![0.0; n * q];
    kernel::product_into(kernel, a, b, &mut c, &mut Scratch::default());
    Array2::from_shape_vec((n, q), c).expect("n · q numbers")
}

/// Writes `a · b` into `c`, which must have its shape and be laid out row by row, with the
/// best kernel; `scratch` keeps room for an operand laid out anew, from call to call.
///
/// # Panics
/// If the shapes do not fit, or `c` is not stored row by row.
pub fn matmul_into(
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    c: &mut Array2<f64>,
    scratch: &mut Scratch,
) {
    assert_eq!(c.dim(), (a.nrows(), b.ncols()), "the product's shape");
    let c = c.as_slice_mut().expect("an output stored row by row");
    kernel::product_into(Kernel::best(), a, b, c, scratch);
}

/// The sums of the columns of `delta`, as a `(1, m)` row, rows added in order: what Chapter
/// 8's `column_sums` returns (the gradient of a bias), bit for bit.
pub fn column_sums(delta: ArrayView2<f64>) -> Array2<f64> {
    let mut sums = Array2::zeros((1, delta.ncols()));
    column_sums_into(delta, &mut sums, &mut Scratch::default());
    sums
}

/// [`column_sums`] into `sums`, a `(1, m)` row.
pub fn column_sums_into(delta: ArrayView2<f64>, sums: &mut Array2<f64>, scratch: &mut Scratch) {
    let one = [1.0];
    matmul_into(kernel::ones(&one, delta.nrows()), delta, sums, scratch);
}

/// Going back through a ReLU: the gradient `grad` is kept where the pre-activation `z` was
/// positive and set to 0 elsewhere, as Chapter 8's backward pass does.
///
/// # Panics
/// If the shapes differ.
pub fn relu_backward(grad: &mut Array2<f64>, z: ArrayView2<f64>) {
    assert_eq!(grad.dim(), z.dim(), "a gradient and its pre-activations");
    match (grad.as_slice_mut(), z.as_slice()) {
        (Some(grad), Some(z)) => relu_backward_with(Kernel::best(), grad, z),
        _ => grad.zip_mut_with(&z, |g, &z| {
            if z <= 0.0 {
                *g = 0.0;
            }
        }),
    }
}

/// `grad = delta · w_t`, then [`relu_backward`] of it by `z`: the gradient passed down to a
/// hidden layer's pre-activations, bit for bit, with the mask applied as the product writes
/// each block where the layout allows.
///
/// # Panics
/// If the shapes do not fit, as the two functions would.
pub fn matmul_relu_backward_into(
    delta: ArrayView2<f64>,
    w_t: ArrayView2<f64>,
    grad: &mut Array2<f64>,
    z: ArrayView2<f64>,
    scratch: &mut Scratch,
) {
    assert_eq!(
        grad.dim(),
        (delta.nrows(), w_t.ncols()),
        "the product's shape"
    );
    assert_eq!(grad.dim(), z.dim(), "a gradient and its pre-activations");
    let kernel = Kernel::best();
    let masked = match (grad.as_slice_mut(), z.as_slice()) {
        (Some(out), Some(z)) => kernel::product_masked(kernel, delta, w_t, out, z, scratch),
        (Some(out), None) => {
            kernel::product_into(kernel, delta, w_t, out, scratch);
            false
        }
        (None, _) => panic!("an output stored row by row"),
    };
    if !masked {
        relu_backward(grad, z);
    }
}

builds! {
    /// [`relu_backward`] on slices of the same length, many lanes at a time.
    pub fn relu_backward_with(grad: &mut [f64], z: &[f64]) = relu_backward_generic;
}

// ANCHOR: mask
/// `g` where `z` is above 0 (or NaN), `+0.0` where `z <= 0`: an AND with a mask of all
/// ones or all zeros, so the compiler makes a vector comparison and an AND of each lane,
/// with no jump that half the pre-activations would send the wrong way.
#[inline(always)]
pub(super) fn relu_backward_lane(g: f64, z: f64) -> f64 {
    let keep = if z <= 0.0 { 0 } else { u64::MAX };
    f64::from_bits(g.to_bits() & keep)
}

#[inline(always)]
fn relu_backward_generic(grad: &mut [f64], z: &[f64]) {
    for (g, &z) in grad.iter_mut().zip(z) {
        *g = relu_backward_lane(*g, z);
    }
}
// ANCHOR_END: mask

/// `relu(z)` as Chapter 8 computes it, `if z < 0 { 0 } else { z }` (so `-0.0` and NaN stay as
/// they are), without a jump.
#[inline(always)]
pub(super) fn relu_lane(z: f64) -> f64 {
    let keep = if z < 0.0 { 0 } else { u64::MAX };
    f64::from_bits(z.to_bits() & keep)
}

/// What a dense layer computes: `x · w + b` (the bias row added to every row after the sum,
/// as [`crate::Linear::forward`] adds it), bit for bit.
pub fn affine(x: ArrayView2<f64>, w: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    let mut z = Array2::zeros((x.nrows(), w.ncols()));
    affine_into(x, w, b, &mut z, &mut Scratch::default());
    z
}

/// [`affine`] into `z`, which must have its shape and be stored row by row.
pub fn affine_into(
    x: ArrayView2<f64>,
    w: ArrayView2<f64>,
    b: ArrayView2<f64>,
    z: &mut Array2<f64>,
    scratch: &mut Scratch,
) {
    affine_then(x, w, b, z, false, scratch);
}

/// `a = relu(x · w + b)`, bit for bit, keeping only the activations: a hidden layer's forward
/// pass, when its pre-activations are not needed (their signs are the activations' own).
pub fn activations_into(
    x: ArrayView2<f64>,
    w: ArrayView2<f64>,
    b: ArrayView2<f64>,
    a: &mut Array2<f64>,
    scratch: &mut Scratch,
) {
    affine_then(x, w, b, a, true, scratch);
}

/// `x · w + b` into `out`, or with `relu` its ReLU. The bias after the sum, as
/// `Linear::forward` adds it, then the ReLU: on the way out of the product where its layout
/// allows, in passes over the output otherwise.
fn affine_then(
    x: ArrayView2<f64>,
    w: ArrayView2<f64>,
    b: ArrayView2<f64>,
    out: &mut Array2<f64>,
    relu: bool,
    scratch: &mut Scratch,
) {
    assert_eq!(b.len(), w.ncols(), "one bias per output");
    assert_eq!(out.dim(), (x.nrows(), w.ncols()), "the product's shape");
    let bias: Vec<f64> = b.iter().copied().collect();
    let out = out.as_slice_mut().expect("an output stored row by row");
    let kernel = Kernel::best();
    if !kernel::product_then(kernel, x, w, out, &bias, relu, scratch) {
        bias_relu_with(kernel, &bias, out, None);
        if relu {
            for v in out.iter_mut() {
                *v = relu_lane(*v);
            }
        }
    }
}

builds! {
    /// `z += bias` on every row, and `a = relu(z)` if there is an `a`.
    pub fn bias_relu_with(bias: &[f64], z: &mut [f64], a: Option<&mut [f64]>) = bias_relu_generic;
}

/// The bias is added to eight rows at a time: repeated eight times, it lines up with eight
/// rows of `z`, so every add is between two runs of numbers side by side in memory, whatever
/// the width of a row. (A loop over rows of one or three numbers, left to the compiler,
/// becomes scattered loads and stores across rows, many times slower.)
#[inline(always)]
fn bias_relu_generic(bias: &[f64], z: &mut [f64], a: Option<&mut [f64]>) {
    const ROWS: usize = 8;
    if bias.is_empty() {
        return;
    }
    let tiled: Vec<f64> = bias
        .iter()
        .copied()
        .cycle()
        .take(ROWS * bias.len())
        .collect();
    for rows in z.chunks_mut(tiled.len()) {
        for (z, &b) in rows.iter_mut().zip(&tiled) {
            *z += b;
        }
    }
    if let Some(a) = a {
        relu_generic(z, a);
    }
}

builds! {
    /// Chapter 8's `relu` from `z` into `a`, slices of the same length, many lanes at a time.
    pub fn relu_with(z: &[f64], a: &mut [f64]) = relu_generic;
}

#[inline(always)]
fn relu_generic(z: &[f64], a: &mut [f64]) {
    for (a, &z) in a.iter_mut().zip(z) {
        *a = relu_lane(z);
    }
}

/// Copies rows `rows` of `all` (rows of `width` numbers, one after the other) into `out`, in
/// that order: a batch gathered from the shuffled rows of a data set. The rows lie anywhere in
/// a matrix far larger than the caches, so each is a trip to memory, which the trainer starts
/// with [`prefetch_rows`] while the batch before computes; a second request just before each
/// copy, to the nearest cache, only added work (8 % of the batch-1,024 loop). Rows as
/// narrow as the trainers' (one label, six features) are copied as arrays of a width known to
/// the compiler, a few moves each, rather than by a call to `memcpy` per row.
pub fn gather<T: Copy>(all: &[T], width: usize, rows: &[usize], out: &mut Vec<T>) {
    out.clear();
    if width == 0 {
        return;
    }
    macro_rules! widths {
        ($($w:literal)*) => {
            match width {
                $($w => gather_rows::<T, $w>(all.as_chunks::<$w>().0, rows, out),)*
                _ => {
                    for &i in rows {
                        out.extend_from_slice(&all[i * width..(i + 1) * width]);
                    }
                }
            }
        };
    }
    widths!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
}

fn gather_rows<T: Copy, const W: usize>(all: &[[T; W]], rows: &[usize], out: &mut Vec<T>) {
    out.reserve(rows.len() * W);
    for &i in rows {
        out.extend_from_slice(&all[i]);
    }
}

/// Chapter 10's Fisher–Yates `shuffle`, to the same order: the same draws from `rng`, in the
/// same order, and the same swaps. The position each swap reaches (anywhere in an array larger
/// than the caches) is drawn dozens of swaps early and asked of memory then. Drawing early
/// changes nothing, because a draw depends on the generator and the position alone, never on
/// the numbers being shuffled.
pub fn shuffle(items: &mut [usize], rng: &mut ChaCha8Rng) {
    // How many swaps early a position is drawn: enough for a trip to main memory.
    const AHEAD: usize = 64;
    // Swap i takes position `drawn[i % AHEAD]`, drawn AHEAD swaps before; its slot is then
    // refilled for swap i - AHEAD. The draws are made for i = n - 1, n - 2, ... in order.
    let mut drawn = [0; AHEAD];
    for i in (1..items.len()).rev().take(AHEAD) {
        drawn[i % AHEAD] = draw_and_prefetch(rng, i, items);
    }
    for i in (1..items.len()).rev() {
        let j = drawn[i % AHEAD];
        if i > AHEAD {
            drawn[i % AHEAD] = draw_and_prefetch(rng, i - AHEAD, items);
        }
        items.swap(i, j);
    }
}

/// A position up to `i`, drawn, and asked of memory. Inlined, so that the generator's place in
/// its buffer of numbers stays in a register from draw to draw: as a call, it went to memory
/// and back at every draw.
#[inline(always)]
fn draw_and_prefetch(rng: &mut ChaCha8Rng, i: usize, items: &[usize]) -> usize {
    let j = draw_up_to(rng, i);
    prefetch(&items[j]);
    j
}

/// `rng.random_range(0..=i)`: the same number, from the same draws. For an `i` below 2³²,
/// `rand` (0.10, whose version `Cargo.lock` fixes) multiplies one 32-bit draw by the size of
/// the range and keeps the high half, and it draws a second time only when the low half lands
/// in the last `size` of its 2³² values (with probability `size / 2³²`), adding the carry of
/// that second product. Written out, that is a few instructions; `random_range`, a general
/// function called through several layers, took about four times as long as the draw itself.
/// A test compares the two, draw for draw, where second draws are common.
#[inline(always)]
fn draw_up_to(rng: &mut ChaCha8Rng, i: usize) -> usize {
    let Ok(high) = u32::try_from(i) else {
        return rng.random_range(0..=i);
    };
    let size = high.wrapping_add(1);
    if size == 0 {
        // 0..=u32::MAX: every 32-bit draw is in range.
        return rng.next_u32() as usize;
    }
    let product = |draw: u32| u64::from(draw) * u64::from(size);
    let first = product(rng.next_u32());
    let (mut j, low) = ((first >> 32) as u32, first as u32);
    if low > size.wrapping_neg() {
        let second = (product(rng.next_u32()) >> 32) as u32;
        j += u32::from(low.checked_add(second).is_none());
    }
    j as usize
}

/// Asks memory for rows `rows` of `all` (rows of `width` numbers), to be gathered soon: the
/// next batch's rows, asked for while this batch finishes, are in the cache when its turn
/// comes. It changes no result.
pub fn prefetch_rows<T>(all: &[T], width: usize, rows: &[usize]) {
    for &i in rows {
        let row = i * width..(i + 1) * width;
        if let (Some(first), Some(last)) = (
            all.get(row.start),
            row.end.checked_sub(1).and_then(|e| all.get(e)),
        ) {
            prefetch_to(first, Cache::L2);
            if !same_line(first, last) {
                prefetch_to(last, Cache::L2);
            }
        }
    }
}

/// Whether `a` and `b` lie in one 64-byte line of memory, which one prefetch brings whole.
#[inline(always)]
fn same_line<T>(a: *const T, b: *const T) -> bool {
    (a as usize) / 64 == (b as usize) / 64
}

/// A hint that `p` will soon be read; it changes no result.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    prefetch_to(p, Cache::L1);
}

/// Which cache a prefetch fills: the first level for what is read next, the second (larger)
/// for a whole batch read a little later.
#[derive(Clone, Copy)]
enum Cache {
    L1,
    L2,
}

#[inline(always)]
fn prefetch_to<T>(p: *const T, cache: Cache) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing and cannot fault, whatever the address; SSE, which
    // has the instruction, is part of every x86-64 CPU.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _MM_HINT_T1, _mm_prefetch};
        match cache {
            Cache::L1 => _mm_prefetch::<_MM_HINT_T0>(p.cast()),
            Cache::L2 => _mm_prefetch::<_MM_HINT_T1>(p.cast()),
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (p, cache);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matmul::matmul as plain;
    use ndarray::{Array1, Array2, ShapeBuilder};
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn a_written_out_draw_is_random_ranges() {
        let mut rng = ChaCha8Rng::seed_from_u64(18);
        let mut ranges: Vec<usize> = vec![0, 1, 2, 3, 63, 64, 1000, 600_000];
        // Near 2^32 about half the draws, or more, need a second: each path many times.
        let top = u32::MAX as usize;
        ranges.extend([1 << 31, 3 << 30, top - 1, top, top + 1, 1 << 40, usize::MAX]);
        ranges.extend((0..200).map(|_| rng.random_range(0..=top)));
        for i in ranges {
            let mut fast = rng.clone();
            for _ in 0..2000 {
                assert_eq!(draw_up_to(&mut fast, i), rng.random_range(0..=i), "0..={i}");
            }
            // The generator is left where `random_range` leaves it.
            assert_eq!(fast.next_u32(), rng.next_u32(), "0..={i}");
        }
    }

    /// Random numbers of every size and sign, some exact zeros and negative zeros, so that
    /// roundings and the sign of a zero sum are exercised.
    fn random(rng: &mut ChaCha8Rng, shape: (usize, usize), column_major: bool) -> Array2<f64> {
        let mut draw = |_| match rng.random_range(0..20) {
            0 => 0.0,
            1 => -0.0,
            _ => {
                let scale = 10f64.powi(rng.random_range(-8..8));
                rng.random_range(-1.0..1.0) * scale
            }
        };
        if column_major {
            Array2::from_shape_fn(shape.f(), &mut draw)
        } else {
            Array2::from_shape_fn(shape, &mut draw)
        }
    }

    fn same_bits(x: &Array2<f64>, y: &Array2<f64>) -> bool {
        x.dim() == y.dim() && x.iter().zip(y).all(|(a, b)| a.to_bits() == b.to_bits())
    }

    /// The trainers' shapes (churn 6 → 16 → 1 and Iris 4 → 10 → 3, forward and backward,
    /// at batches of 1, 16, 32, 33 and 1,024), then many random shapes, in every layout, with
    /// every kernel this CPU has.
    #[test]
    fn every_kernel_gives_the_plain_loops_bits() {
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        let mut shapes = Vec::new();
        for n in [1, 16, 32, 33, 1024] {
            for (d, h, k) in [(6, 16, 1), (4, 10, 3)] {
                shapes.extend([(n, d, h), (n, h, k), (d, n, h), (h, n, k), (n, k, h)]);
            }
        }
        for _ in 0..300 {
            let mut dim = || match rng.random_range(0..4) {
                0 => rng.random_range(0..3),
                1 => rng.random_range(1..20),
                _ => rng.random_range(1..70),
            };
            shapes.push((dim(), dim(), dim()));
        }
        for (n, m, q) in shapes {
            for layout in 0..4 {
                let a = random(&mut rng, (n, m), layout & 1 == 1);
                let b = random(&mut rng, (m, q), layout & 2 == 2);
                let want = plain(a.view(), b.view());
                for kernel in Kernel::available() {
                    let got = matmul_with(kernel, a.view(), b.view());
                    assert!(
                        same_bits(&got, &want),
                        "{kernel:?}: ({n}, {m}) · ({m}, {q}), layout {layout}"
                    );
                }
            }
        }
    }

    #[test]
    fn transposed_views_and_the_trainers_backward_shapes() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        for n in [1, 7, 32, 100] {
            let x = random(&mut rng, (n, 6), false);
            let delta = random(&mut rng, (n, 16), false);
            let a = random(&mut rng, (n, 16), false);
            let d2 = random(&mut rng, (n, 1), false);
            let w = random(&mut rng, (16, 1), false);
            for kernel in Kernel::available() {
                let pairs = [
                    (x.t(), delta.view()),
                    (a.t(), d2.view()),
                    (d2.view(), w.t()),
                ];
                for (l, r) in pairs {
                    assert!(same_bits(&matmul_with(kernel, l, r), &plain(l, r)));
                }
            }
        }
    }

    #[test]
    fn column_sums_add_each_column_in_row_order() {
        let mut rng = ChaCha8Rng::seed_from_u64(13);
        for (n, m) in [
            (1, 1),
            (5, 1),
            (1024, 1),
            (1024, 16),
            (33, 10),
            (7, 3),
            (0, 4),
            (3, 0),
        ] {
            for layout in [false, true] {
                let delta = random(&mut rng, (n, m), layout);
                let mut want = Array2::<f64>::zeros((1, m));
                for row in delta.rows() {
                    for (s, &d) in want.iter_mut().zip(row) {
                        *s += d;
                    }
                }
                assert!(same_bits(&column_sums(delta.view()), &want), "({n}, {m})");
            }
        }
    }

    #[test]
    fn the_affine_map_is_the_layers_forward() {
        let mut rng = ChaCha8Rng::seed_from_u64(10);
        let layer = crate::Linear::new(6, 16, &mut rng);
        let x = random(&mut rng, (45, 6), false);
        assert!(same_bits(
            &affine(x.view(), layer.w.view(), layer.b.view()),
            &layer.forward(x.view())
        ));
    }

    #[test]
    fn the_binary_loss_and_its_gradient_are_chapter_5s() {
        use ch05_binary_cross_entropy::{bce_with_logits, bce_with_logits_grad};
        let mut rng = ChaCha8Rng::seed_from_u64(12);
        for n in [1, 2, 7, 32, 255, 256, 257, 1024, 3000] {
            let z = Array1::from_shape_fn(n, |_| match rng.random_range(0..7) {
                0 => 0.0,
                1 => -0.0,
                2 => rng.random_range(-800.0..800.0),
                // A diverging run's logits: the careful sum keeps digits a plain one loses.
                6 => rng.random_range(-1e13..1e13),
                3 => rng.random_range(-40.0..40.0),
                _ => rng.random_range(-3.0..3.0),
            });
            let y = Array1::from_shape_fn(n, |_| match rng.random_range(0..5) {
                0 => rng.random_range(0.0..1.0),
                1 | 2 => 0.0,
                _ => 1.0,
            });
            let want_loss = bce_with_logits(z.view(), y.view()).unwrap();
            let want_grad = bce_with_logits_grad(z.view(), y.view()).unwrap();
            for kernel in Kernel::available() {
                let mut grad = vec![0.0; n];
                let loss = binary_cross_entropy_with(
                    kernel,
                    z.as_slice().unwrap(),
                    y.as_slice().unwrap(),
                    &mut grad,
                );
                assert_eq!(loss.to_bits(), want_loss.to_bits(), "{kernel:?}, {n}");
                for (g, w) in grad.iter().zip(&want_grad) {
                    assert_eq!(g.to_bits(), w.to_bits(), "{kernel:?}, {n}");
                }
            }
        }
        // The loss alone, of classes: the same bits as the loss of the same 0.0s and 1.0s.
        for n in [1, 255, 256, 257, 5000] {
            let z = Array1::from_shape_fn(n, |_| rng.random_range(-40.0..40.0));
            let classes: Vec<usize> = (0..n).map(|_| rng.random_range(0..2)).collect();
            let y: Array1<f64> = classes.iter().map(|&c| c as f64).collect();
            let want = bce_with_logits(z.view(), y.view()).unwrap();
            for kernel in Kernel::available() {
                let z = z.as_slice().unwrap();
                let loss = binary_cross_entropy_of_classes_with(kernel, z, &classes);
                assert_eq!(loss.to_bits(), want.to_bits(), "{kernel:?}, {n}");
            }
        }
        let z = ndarray::array![0.5, -1.0];
        assert!(binary_cross_entropy_of_classes(z.view(), &[0, 2]).is_none());
        assert!(binary_cross_entropy_of_classes(z.view(), &[0]).is_none());
        let bad = [f64::NAN, 1.0];
        let some = Array1::from_vec(bad.to_vec());
        assert!(binary_cross_entropy(some.view(), ndarray::array![0.0, 1.0].view()).is_none());
        let z = ndarray::array![0.5];
        assert!(binary_cross_entropy(z.view(), ndarray::array![2.0].view()).is_none());
        assert!(binary_cross_entropy(z.view(), ndarray::array![0.0, 1.0].view()).is_none());
        // A sum of losses too large for f64 is Chapter 5's error to report.
        let huge = ndarray::array![f64::MAX, f64::MAX];
        assert!(binary_cross_entropy(huge.view(), ndarray::array![0.0, 0.0].view()).is_none());
    }

    /// Pre-activations with every case a ReLU treats apart: signs, zeros of both signs, NaN.
    fn pre_activations(rng: &mut ChaCha8Rng, shape: (usize, usize)) -> Array2<f64> {
        let mut z = random(rng, shape, false);
        for (k, z) in z.iter_mut().enumerate() {
            if k % 17 == 5 {
                *z = f64::NAN;
            }
        }
        z
    }

    #[test]
    fn the_element_wise_passes_give_chapter_8s_bits_with_every_kernel() {
        let mut rng = ChaCha8Rng::seed_from_u64(16);
        for (n, q) in [
            (1024, 16),
            (1024, 1),
            (33, 10),
            (7, 3),
            (5, 5),
            (0, 4),
            (9, 0),
        ] {
            let z = pre_activations(&mut rng, (n, q));
            let grad = random(&mut rng, (n, q), false);
            let bias = random(&mut rng, (1, q), false);
            let want_relu = crate::relu(z.view());
            let want_back = Array2::from_shape_fn((n, q), |(i, j)| match z[[i, j]] <= 0.0 {
                true => 0.0,
                false => grad[[i, j]],
            });
            let want_z = Array2::from_shape_fn((n, q), |(i, j)| z[[i, j]] + bias[[0, j]]);
            let want_a = crate::relu(want_z.view());
            for kernel in Kernel::available() {
                let mut a = Array2::zeros((n, q));
                relu_with(kernel, z.as_slice().unwrap(), a.as_slice_mut().unwrap());
                assert!(same_bits(&a, &want_relu), "{kernel:?} relu ({n}, {q})");
                let mut back = grad.clone();
                relu_backward_with(kernel, back.as_slice_mut().unwrap(), z.as_slice().unwrap());
                assert!(same_bits(&back, &want_back), "{kernel:?} back ({n}, {q})");
                let (mut biased, mut a) = (z.clone(), Array2::zeros((n, q)));
                let b = bias.as_slice().unwrap();
                bias_relu_with(kernel, b, biased.as_slice_mut().unwrap(), None);
                assert!(same_bits(&biased, &want_z), "{kernel:?} bias ({n}, {q})");
                let mut biased = z.clone();
                let (zs, as_) = (biased.as_slice_mut().unwrap(), a.as_slice_mut().unwrap());
                bias_relu_with(kernel, b, zs, Some(as_));
                assert!(
                    same_bits(&biased, &want_z) && same_bits(&a, &want_a),
                    "{kernel:?}"
                );
            }
        }
    }

    /// `fixed` (rows, inner, columns) shapes of a product, then 200 random ones.
    fn and_random_shapes(
        rng: &mut ChaCha8Rng,
        fixed: &[(usize, usize, usize)],
    ) -> Vec<(usize, usize, usize)> {
        let mut shapes = fixed.to_vec();
        for _ in 0..200 {
            let mut dim = || rng.random_range(1..50);
            shapes.push((dim(), dim(), dim()));
        }
        shapes
    }

    #[test]
    fn a_bias_and_relu_on_the_way_out_are_the_layers_forward_with_every_kernel() {
        let mut rng = ChaCha8Rng::seed_from_u64(18);
        let fixed = [
            (1024, 6, 16),
            (32, 4, 10),
            (16, 10, 3),
            (3, 6, 16),
            (1, 5, 40),
        ];
        let shapes = and_random_shapes(&mut rng, &fixed);
        let mut fused = 0;
        for (n, m, q) in shapes {
            let x = random(&mut rng, (n, m), false);
            let layer = crate::Linear {
                w: random(&mut rng, (m, q), false),
                b: random(&mut rng, (1, q), false),
            };
            let want_z = layer.forward(x.view());
            let want_a = crate::relu(want_z.view());
            let bias = layer.b.as_slice().unwrap();
            for kernel in Kernel::available() {
                let (mut z, mut a) = (vec![0.0; n * q], vec![0.0; n * q]);
                let (w, s) = (layer.w.view(), &mut Scratch::default());
                let biased = kernel::product_then(kernel, x.view(), w, &mut z, bias, false, s);
                if kernel::product_then(kernel, x.view(), w, &mut a, bias, true, s) {
                    assert!(biased, "({n}, {m}, {q})");
                    let z = Array2::from_shape_vec((n, q), z).unwrap();
                    let a = Array2::from_shape_vec((n, q), a).unwrap();
                    assert!(
                        same_bits(&z, &want_z) && same_bits(&a, &want_a),
                        "({n}, {m}, {q})"
                    );
                    fused += 1;
                }
            }
            let mut a = Array2::zeros((n, q));
            let (w, b) = (layer.w.view(), layer.b.view());
            activations_into(x.view(), w, b, &mut a, &mut Scratch::default());
            assert!(same_bits(&a, &want_a), "({n}, {m}, {q})");
        }
        // Most layouts take the bias on the way out; the others are checked by the affine
        // map's test.
        assert!(fused > 300, "{fused}");
    }

    #[test]
    fn the_relus_mask_on_the_way_out_is_the_layers_backward_with_every_kernel() {
        let mut rng = ChaCha8Rng::seed_from_u64(19);
        let fixed = [
            (1024, 1, 16),
            (32, 3, 10),
            (16, 10, 3),
            (3, 1, 16),
            (1, 5, 40),
        ];
        let shapes = and_random_shapes(&mut rng, &fixed);
        let mut fused = 0;
        for (n, m, q) in shapes {
            let (delta, w) = (
                random(&mut rng, (n, m), false),
                random(&mut rng, (q, m), false),
            );
            let z = pre_activations(&mut rng, (n, q));
            // Chapter 8's way back through the ReLU: zero where `z <= 0`.
            let mut want = plain(delta.view(), w.t());
            want.zip_mut_with(&z, |g, &z| {
                if z <= 0.0 {
                    *g = 0.0;
                }
            });
            for kernel in Kernel::available() {
                let mut got = vec![0.0; n * q];
                let (z, s) = (z.as_slice().unwrap(), &mut Scratch::default());
                if kernel::product_masked(kernel, delta.view(), w.t(), &mut got, z, s) {
                    let got = Array2::from_shape_vec((n, q), got).unwrap();
                    assert!(same_bits(&got, &want), "{kernel:?}: ({n}, {m}, {q})");
                    fused += 1;
                }
            }
            let mut got = Array2::zeros((n, q));
            matmul_relu_backward_into(
                delta.view(),
                w.t(),
                &mut got,
                z.view(),
                &mut Scratch::default(),
            );
            assert!(same_bits(&got, &want), "({n}, {m}, {q})");
        }
        assert!(fused > 300, "{fused}");
    }

    #[test]
    fn a_gathered_batch_is_its_rows_in_order() {
        let mut rng = ChaCha8Rng::seed_from_u64(17);
        for width in 0..20 {
            let n = 50;
            let all: Vec<f64> = (0..n * width).map(|k| k as f64).collect();
            let rows: Vec<usize> = (0..70).map(|_| rng.random_range(0..n)).collect();
            let mut out = vec![1.5; 3];
            gather(&all, width, &rows, &mut out);
            let want: Vec<f64> = (rows.iter())
                .flat_map(|&i| all[i * width..(i + 1) * width].iter().copied())
                .collect();
            assert_eq!(out, want, "width {width}");
            prefetch_rows(&all, width, &rows);
        }
    }

    #[test]
    #[should_panic(expected = "inner dimensions differ")]
    fn mismatched_inner_dimensions_panic() {
        let _ = matmul(
            Array2::<f64>::zeros((2, 3)).view(),
            Array2::<f64>::zeros((2, 3)).view(),
        );
    }
}
