//! The blocked product, written once as plain Rust and compiled for each instruction set.
//!
//! A block of `R` rows by `W` columns of the output lives in an array of accumulators that the
//! compiler keeps in vector registers: lane `l` of a register is output column `j0 + l`. For
//! every `r`, row `r` of `b` is loaded once (`W` numbers side by side) and each of the `R`
//! numbers `a[i, r]` is broadcast and multiplied into it, then added to its row of
//! accumulators. Each output thus receives `a[i, r] · b[r, j]` for `r = 0, 1, 2, ...` in order,
//! starting from `0.0`: the plain loop's operations, many outputs per instruction.
//!
//! When the output has few columns (a layer with one logit), the lanes go across rows
//! instead: the product is computed as its transpose `cᵀ = bᵀ · aᵀ`, whose every output is
//! the same sum in the same order.

use ndarray::{ArrayView2, ShapeBuilder};

/// A matrix the products read.
type View<'a> = ArrayView2<'a, f64>;

use super::Kernel;

/// Room for an operand laid out anew, kept from product to product.
#[derive(Debug, Default)]
pub struct Scratch {
    packed: Vec<f64>,
    tail: Vec<f64>,
}

/// The left operand, read one number at a time: `(i, r)` at `ptr + i·row + r·col`.
#[derive(Clone, Copy)]
struct Lhs {
    ptr: *const f64,
    row: isize,
    col: isize,
}

impl Lhs {
    fn of(a: &ArrayView2<f64>) -> Lhs {
        let strides = a.strides();
        Lhs {
            ptr: a.as_ptr(),
            row: strides[0],
            col: strides[1],
        }
    }

    /// # Safety
    /// `(i, r)` must lie inside the view this came from.
    #[inline(always)]
    unsafe fn get(self, i: usize, r: usize) -> f64 {
        unsafe {
            *self
                .ptr
                .offset(i as isize * self.row + r as isize * self.col)
        }
    }
}

/// Where the outputs go: `(i, j)` at `ptr + i·row + j·col`; with `then`, what else happens
/// to them on the way.
#[derive(Clone, Copy)]
struct Out {
    ptr: *mut f64,
    row: usize,
    col: usize,
    then: Then,
}

/// What a dense layer does to a product before anything reads it: on the way forward, its
/// bias added to every row (`bias[j]` to column `j`), then, for a hidden layer, the ReLU; on
/// the way back, the ReLU's mask. Done to a block of sums while it is still in registers, it
/// saves passes over the whole output, and it is the same operations: each output is the
/// finished sum plus its bias, or the ReLU of that; or the finished sum, kept or zeroed.
#[derive(Clone, Copy)]
pub(super) struct Then {
    /// `q` biases, or null for none.
    pub bias: *const f64,
    /// Whether the ReLU of each sum plus its bias is written, in its place (a hidden layer,
    /// whose pre-activations are not kept).
    pub relu: bool,
    /// Pre-activations laid out as the output: each output is kept where its pre-activation
    /// is above 0, zeroed elsewhere (the ReLU's way back); or null for none.
    pub mask: *const f64,
}

impl Then {
    pub(super) const NOTHING: Then = Then {
        bias: std::ptr::null(),
        relu: false,
        mask: std::ptr::null(),
    };
}

/// The right operand as rows of numbers side by side: a matrix stored row by row is used where
/// it is; one stored column by column (a transposed view) is transposed in tiles that stay in
/// the cache, into `scratch`.
#[inline(always)]
fn pack<'a>(b: ArrayView2<'a, f64>, scratch: &'a mut Vec<f64>) -> &'a [f64] {
    if let Some(slice) = b.to_slice() {
        return slice;
    }
    let (m, q) = b.dim();
    // Every number is written below: old contents need no clearing.
    scratch.resize(m * q, 0.0);
    if let Some(columns) = b.t().to_slice() {
        // Column j of b is the run columns[j·m .. (j + 1)·m]. Squares of 8 columns by 8 rows
        // are read as 8 runs, turned over in registers, and written as 8 runs of the packed
        // rows; the edges that do not fill a square go one number at a time.
        const T: usize = 8;
        let (q8, m8) = (q - q % T, m - m % T);
        for j0 in (0..q8).step_by(T) {
            for r0 in (0..m8).step_by(T) {
                let square: [[f64; T]; T] = std::array::from_fn(|jj| {
                    let start = (j0 + jj) * m + r0;
                    columns[start..start + T].try_into().expect("T numbers")
                });
                let packed_rows = scratch[r0 * q..].chunks_exact_mut(q).take(T);
                for (rr, packed_row) in packed_rows.enumerate() {
                    let row: [f64; T] = std::array::from_fn(|jj| square[jj][rr]);
                    packed_row[j0..j0 + T].copy_from_slice(&row);
                }
            }
            for r in m8..m {
                for j in j0..j0 + T {
                    scratch[r * q + j] = columns[j * m + r];
                }
            }
        }
        for j in q8..q {
            for r in 0..m {
                scratch[r * q + j] = columns[j * m + r];
            }
        }
    } else {
        for (row, packed_row) in b.rows().into_iter().zip(scratch.chunks_exact_mut(q)) {
            for (p, &v) in packed_row.iter_mut().zip(row.iter()) {
                *p = v;
            }
        }
    }
    scratch
}

// ANCHOR: block
/// `R` rows by `W` columns of `a · b`, from column `j0` of the packed `b` (`m` rows of `ld`).
///
/// # Safety
/// Rows `i0..i0 + R` and columns `0..m` must lie inside `a`.
#[inline(always)]
unsafe fn block<const R: usize, const W: usize>(
    a: Lhs,
    i0: usize,
    b: &[f64],
    ld: usize,
    j0: usize,
    m: usize,
) -> [[f64; W]; R] {
    let mut acc = [[0.0; W]; R];
    for (r, b_row) in b.chunks_exact(ld).take(m).enumerate() {
        let b_row: &[f64; W] = b_row[j0..j0 + W].try_into().expect("W numbers");
        for (ii, acc_row) in acc.iter_mut().enumerate() {
            let a_ir = unsafe { a.get(i0 + ii, r) };
            for (s, &b_rj) in acc_row.iter_mut().zip(b_row) {
                *s += a_ir * b_rj;
            }
        }
    }
    acc
}
// ANCHOR_END: block

/// Writes the first `width` columns of row `i` of a block to `ptr` (laid out as `out`).
///
/// # Safety
/// Every written position must lie inside the array at `ptr`.
#[inline(always)]
unsafe fn write<const W: usize>(
    row: &[f64; W],
    ptr: *mut f64,
    out: Out,
    i: usize,
    j0: usize,
    width: usize,
) {
    let start = unsafe { ptr.add(i * out.row + j0 * out.col) };
    if out.col == 1 && width == W {
        // A whole row of the block side by side: whole vectors at once.
        unsafe { start.cast::<[f64; W]>().write_unaligned(*row) };
    } else {
        for (l, &v) in row[..width].iter().enumerate() {
            unsafe { start.add(l * out.col).write(v) };
        }
    }
}

/// Writes a block of sums, and whatever [`Then`] asks for.
///
/// # Safety
/// Every written position must lie inside the output.
#[inline(always)]
unsafe fn store<const R: usize, const W: usize>(
    acc: &[[f64; W]; R],
    out: Out,
    i0: usize,
    j0: usize,
    width: usize,
) {
    if !out.then.mask.is_null() {
        for (ii, row) in acc.iter().enumerate() {
            let at = (i0 + ii) * out.row + j0 * out.col;
            let (z, g) = unsafe { (out.then.mask.add(at), out.ptr.add(at)) };
            if out.col == 1 && width == W {
                // A whole row of the block side by side: whole vectors at once.
                let z = unsafe { z.cast::<[f64; W]>().read_unaligned() };
                let kept: [f64; W] =
                    std::array::from_fn(|l| super::relu_backward_lane(row[l], z[l]));
                unsafe { g.cast::<[f64; W]>().write_unaligned(kept) };
            } else {
                for (l, &sum) in row[..width].iter().enumerate() {
                    let at = l * out.col;
                    unsafe {
                        g.add(at)
                            .write(super::relu_backward_lane(sum, z.add(at).read()))
                    };
                }
            }
        }
        return;
    }
    if out.then.bias.is_null() {
        for (ii, row) in acc.iter().enumerate() {
            unsafe { write(row, out.ptr, out, i0 + ii, j0, width) };
        }
        return;
    }
    // Only the columns that exist have a bias; the padding lanes are thrown away.
    let mut bias = [0.0; W];
    bias[..width]
        .copy_from_slice(unsafe { std::slice::from_raw_parts(out.then.bias.add(j0), width) });
    for (ii, row) in acc.iter().enumerate() {
        let mut z = *row;
        for (s, &b) in z.iter_mut().zip(&bias) {
            *s += b;
        }
        if out.then.relu {
            z = z.map(super::relu_lane);
        }
        unsafe { write(&z, out.ptr, out, i0 + ii, j0, width) };
    }
}

/// Columns `j0 .. j0 + width` of `c = a · b`, from the panel of `b` that starts at column
/// `jb` (`W` columns, `m` rows of `ld`): `R` rows at a time, the rows left over in blocks of
/// 6, 4, 2 and 1.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn column_panel<const R: usize, const W: usize>(
    a: Lhs,
    n: usize,
    m: usize,
    b: &[f64],
    ld: usize,
    jb: usize,
    out: Out,
    j0: usize,
    width: usize,
) {
    let mut i0 = 0;
    // SAFETY (every block and store below): the rows i0..i0 + its height are below n, the
    // columns j0..j0 + width inside the output.
    while i0 + R <= n {
        let acc = unsafe { block::<R, W>(a, i0, b, ld, jb, m) };
        unsafe { store(&acc, out, i0, j0, width) };
        i0 += R;
    }
    if i0 + 6 <= n && R > 6 {
        // Six rows (a layer of six inputs, as the churn network's first): `b` is read once,
        // not once for four rows and again for two.
        let acc = unsafe { block::<6, W>(a, i0, b, ld, jb, m) };
        unsafe { store(&acc, out, i0, j0, width) };
        i0 += 6;
    }
    if i0 + 4 <= n && R > 4 {
        let acc = unsafe { block::<4, W>(a, i0, b, ld, jb, m) };
        unsafe { store(&acc, out, i0, j0, width) };
        i0 += 4;
    }
    if i0 + 2 <= n && R > 2 {
        let acc = unsafe { block::<2, W>(a, i0, b, ld, jb, m) };
        unsafe { store(&acc, out, i0, j0, width) };
        i0 += 2;
    }
    while i0 < n {
        let acc = unsafe { block::<1, W>(a, i0, b, ld, jb, m) };
        unsafe { store(&acc, out, i0, j0, width) };
        i0 += 1;
    }
}

/// `c = a · b` for an `a` of `n` rows read through `a`, and `b` as `m` rows of `ld` numbers
/// of which the first `q` are columns. A product with fewer than 4 rows goes `W1` columns at
/// a time while they last; then `W` at a time; the last few columns are copied into a panel
/// padded with zeros, whose extra products are computed and thrown away.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn panels<const R: usize, const W: usize, const W1: usize>(
    a: Lhs,
    n: usize,
    m: usize,
    b: &[f64],
    ld: usize,
    q: usize,
    out: Out,
    tail: &mut Vec<f64>,
) {
    let mut j0 = 0;
    if n < 4 {
        while j0 + W1 <= q {
            for i in 0..n {
                // SAFETY: row i < n, columns j0..j0 + W1 ≤ q.
                let acc = unsafe { block::<1, W1>(a, i, b, ld, j0, m) };
                unsafe { store(&acc, out, i, j0, W1) };
            }
            j0 += W1;
        }
    }
    while j0 + W <= q {
        column_panel::<R, W>(a, n, m, b, ld, j0, out, j0, W);
        j0 += W;
    }
    if j0 < q {
        let width = q - j0;
        tail.clear();
        tail.resize(m * W, 0.0);
        for (t, row) in tail.chunks_exact_mut(W).zip(b.chunks(ld)) {
            for (t, &v) in t.iter_mut().zip(&row[j0..j0 + width]) {
                *t = v;
            }
        }
        column_panel::<R, W>(a, n, m, tail, W, 0, out, j0, width);
    }
}

/// `c = a · b` for a `b` of one column, `a` stored row by row (`m` numbers a row): eight rows
/// at a time, lane `l` holding row `l`'s sum, which adds `a[i, r] · b[r]` for `r` in order from
/// `0.0`. The eight numbers of a step lie `m` apart, and the compiler's vector builds would
/// fetch them with gather instructions, slower on today's processors than eight plain loads;
/// so this one loop is always the baseline build, whichever kernel called it.
#[inline(never)]
fn one_column(a: &[f64], m: usize, b: &[f64], c: &mut [f64]) {
    let mut blocks = a.chunks_exact(8 * m);
    let mut outputs = c.chunks_exact_mut(8);
    let b = &b[..m];
    for (block, out) in (&mut blocks).zip(&mut outputs) {
        let rows: [&[f64]; 8] = std::array::from_fn(|l| &block[l * m..(l + 1) * m]);
        let mut acc = [0.0; 8];
        for (r, &b_r) in b.iter().enumerate() {
            for (s, row) in acc.iter_mut().zip(rows) {
                *s += row[r] * b_r;
            }
        }
        out.copy_from_slice(&acc);
    }
    for (row, out) in blocks
        .remainder()
        .chunks_exact(m)
        .zip(outputs.into_remainder())
    {
        let mut sum = 0.0;
        for (&a_ir, &b_r) in row.iter().zip(b) {
            sum += a_ir * b_r;
        }
        *out = sum;
    }
}

/// Writes every entry of `c = a · b` (row-major, `n · q` numbers from `c`): lanes across
/// columns when the output is wide enough to fill half a panel, across rows (as the
/// transpose) otherwise.
///
/// # Safety
/// `c` must have room for `a.nrows() · b.ncols()` numbers.
#[inline(always)]
unsafe fn product_generic<const R: usize, const W: usize, const W1: usize>(
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    c: *mut f64,
    then: Then,
    scratch: &mut Scratch,
) -> bool {
    let ((n, m), q) = (a.dim(), b.ncols());
    if n == 0 || q == 0 {
        return false;
    }
    if m == 0 {
        // An empty sum is 0.0.
        for k in 0..n * q {
            unsafe { c.add(k).write(0.0) };
        }
        return false;
    }
    let Scratch { packed, tail } = scratch;
    if n < 4 && q < 4 {
        // A few sums (a column sum of a one-column gradient): one at a time, in order.
        let (a, b) = (Lhs::of(&a), Lhs::of(&b));
        for i in 0..n {
            for j in 0..q {
                let mut sum = 0.0;
                for r in 0..m {
                    sum += unsafe { a.get(i, r) * b.get(r, j) };
                }
                unsafe { c.add(i * q + j).write(sum) };
            }
        }
    } else if let (1, Some(a), Some(b)) = (q, a.to_slice(), b.to_slice()) {
        // One output per row (the churn network's logit): rows in lanes, read in place.
        unsafe { one_column(a, m, b, std::slice::from_raw_parts_mut(c, n)) };
    } else if 2 * q >= W || q >= n {
        let b = pack(b, packed);
        let out = Out {
            ptr: c,
            row: q,
            col: 1,
            then,
        };
        panels::<R, W, W1>(Lhs::of(&a), n, m, b, q, q, out, tail);
        return true;
    } else {
        // cᵀ = bᵀ · aᵀ: output (j, i) of the transpose is output (i, j) of c.
        let a_t = pack(a.t(), packed);
        let out = Out {
            ptr: c,
            row: 1,
            col: q,
            then: Then::NOTHING,
        };
        let b_t = b.t();
        panels::<R, W, W1>(Lhs::of(&b_t), q, m, a_t, n, n, out, tail);
    }
    false
}

// ANCHOR: builds
unsafe fn baseline(a: View, b: View, c: *mut f64, then: Then, scratch: &mut Scratch) -> bool {
    unsafe { product_generic::<4, 4, 8>(a, b, c, then, scratch) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn avx2(a: View, b: View, c: *mut f64, then: Then, scratch: &mut Scratch) -> bool {
    unsafe { product_generic::<4, 8, 16>(a, b, c, then, scratch) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn avx512(a: View, b: View, c: *mut f64, then: Then, scratch: &mut Scratch) -> bool {
    unsafe { product_generic::<8, 16, 32>(a, b, c, then, scratch) }
}
// ANCHOR_END: builds

/// Writes `a · b` with `kernel` into `c` (row-major, `a.nrows() · b.ncols()` numbers), using
/// `scratch` for an operand that must be laid out anew.
///
/// # Panics
/// If this CPU cannot run `kernel`, or `c` has the wrong length.
pub(super) fn product_into(
    kernel: Kernel,
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    c: &mut [f64],
    scratch: &mut Scratch,
) {
    let _ = product_with(kernel, a, b, c, Then::NOTHING, scratch);
}

/// [`product_into`], and on the way out, if the product's layout allows, `bias` added to every
/// row, and with `relu` the ReLU taken, written in place of the sum. Returns whether it did; if
/// not, `c` holds the bare product, and the caller does the rest itself.
///
/// # Panics
/// As [`product_into`], or if `bias` does not fit `b`.
pub(super) fn product_then(
    kernel: Kernel,
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    c: &mut [f64],
    bias: &[f64],
    relu: bool,
    scratch: &mut Scratch,
) -> bool {
    assert_eq!(bias.len(), b.ncols(), "one bias per column");
    let then = Then {
        bias: bias.as_ptr(),
        relu,
        ..Then::NOTHING
    };
    product_with(kernel, a, b, c, then, scratch)
}

/// [`product_into`], and on the way out, if the product's layout allows, each output zeroed
/// where the pre-activation at its place in `z` is 0 or below (the ReLU's way back). Returns
/// whether it did; if not, `c` holds the bare product, and the caller applies the mask itself.
///
/// # Panics
/// As [`product_into`], or if `z` does not fit `c`.
pub(super) fn product_masked(
    kernel: Kernel,
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    c: &mut [f64],
    z: &[f64],
    scratch: &mut Scratch,
) -> bool {
    assert_eq!(z.len(), c.len(), "a pre-activation per output");
    let then = Then {
        mask: z.as_ptr(),
        ..Then::NOTHING
    };
    product_with(kernel, a, b, c, then, scratch)
}

/// The product, with `then` applied on the way out where the layout allows.
///
/// # Panics
/// As [`product_into`].
fn product_with(
    kernel: Kernel,
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    c: &mut [f64],
    then: Then,
    scratch: &mut Scratch,
) -> bool {
    assert!(
        kernel.runs_here(),
        "this CPU cannot run the {kernel:?} kernel"
    );
    assert_eq!(a.ncols(), b.nrows(), "inner dimensions");
    assert_eq!(c.len(), a.nrows() * b.ncols(), "room for the product");
    let ptr = c.as_mut_ptr();
    match kernel {
        // SAFETY (all three): `c` (and `relu`) has room for every output, `bias` one number
        // per column, and the CPU has the instructions, all checked above.
        Kernel::Baseline => unsafe { baseline(a, b, ptr, then, scratch) },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => unsafe { avx2(a, b, ptr, then, scratch) },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => unsafe { avx512(a, b, ptr, then, scratch) },
        #[cfg(not(target_arch = "x86_64"))]
        _ => unreachable!("only the baseline is available here"),
    }
}

/// A row of `n` ones: `ones · b` sums the rows of `b`, each column in row order from 0.0,
/// since `1 · x` is `x` exactly.
pub(super) fn ones(one: &[f64; 1], n: usize) -> ArrayView2<'_, f64> {
    // SAFETY: with strides of 0 every entry is `one[0]`.
    unsafe { ArrayView2::from_shape_ptr((1, n).strides((0, 0)), one.as_ptr()) }
}
