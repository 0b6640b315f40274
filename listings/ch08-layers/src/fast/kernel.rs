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

/// Where the outputs go: `(i, j)` at `ptr + i·row + j·col`.
#[derive(Clone, Copy)]
struct Out {
    ptr: *mut f64,
    row: usize,
    col: usize,
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

/// Writes the first `width` columns of a block to `ptr` (laid out as `out`).
///
/// # Safety
/// Every written position must lie inside the array at `ptr`.
#[inline(always)]
unsafe fn write<const R: usize, const W: usize>(
    block: &[[f64; W]; R],
    ptr: *mut f64,
    out: Out,
    i0: usize,
    j0: usize,
    width: usize,
) {
    for (ii, row) in block.iter().enumerate() {
        let start = unsafe { ptr.add((i0 + ii) * out.row + j0 * out.col) };
        if out.col == 1 && width == W {
            // A whole row of the block side by side: whole vectors at once.
            unsafe { start.cast::<[f64; W]>().write_unaligned(*row) };
        } else {
            for (l, &v) in row[..width].iter().enumerate() {
                unsafe { start.add(l * out.col).write(v) };
            }
        }
    }
}

/// Writes a block of sums.
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
    unsafe { write(acc, out.ptr, out, i0, j0, width) }
}

/// Columns `j0 .. j0 + width` of `c = a · b`, from the panel of `b` that starts at column
/// `jb` (`W` columns, `m` rows of `ld`): `R` rows at a time, the rows left over in blocks of
/// 4, 2 and 1.
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
    scratch: &mut Scratch,
) {
    let ((n, m), q) = (a.dim(), b.ncols());
    if n == 0 || q == 0 {
        return;
    }
    if m == 0 {
        // An empty sum is 0.0.
        for k in 0..n * q {
            unsafe { c.add(k).write(0.0) };
        }
        return;
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
    } else if 2 * q >= W || q >= n {
        let b = pack(b, packed);
        let out = Out {
            ptr: c,
            row: q,
            col: 1,
        };
        panels::<R, W, W1>(Lhs::of(&a), n, m, b, q, q, out, tail);
    } else {
        // cᵀ = bᵀ · aᵀ: output (j, i) of the transpose is output (i, j) of c.
        let a_t = pack(a.t(), packed);
        let out = Out {
            ptr: c,
            row: 1,
            col: q,
        };
        let b_t = b.t();
        panels::<R, W, W1>(Lhs::of(&b_t), q, m, a_t, n, n, out, tail);
    }
}

// ANCHOR: builds
unsafe fn baseline(a: ArrayView2<f64>, b: ArrayView2<f64>, c: *mut f64, scratch: &mut Scratch) {
    unsafe { product_generic::<4, 4, 8>(a, b, c, scratch) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn avx2(a: ArrayView2<f64>, b: ArrayView2<f64>, c: *mut f64, scratch: &mut Scratch) {
    unsafe { product_generic::<4, 8, 16>(a, b, c, scratch) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn avx512(a: ArrayView2<f64>, b: ArrayView2<f64>, c: *mut f64, scratch: &mut Scratch) {
    unsafe { product_generic::<8, 16, 32>(a, b, c, scratch) }
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
    assert!(
        kernel.runs_here(),
        "this CPU cannot run the {kernel:?} kernel"
    );
    assert_eq!(a.ncols(), b.nrows(), "inner dimensions");
    assert_eq!(c.len(), a.nrows() * b.ncols(), "room for the product");
    let ptr = c.as_mut_ptr();
    match kernel {
        // SAFETY (all three): `c` has room for every output, and the CPU has the
        // instructions, both checked above.
        Kernel::Baseline => unsafe { baseline(a, b, ptr, scratch) },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => unsafe { avx2(a, b, ptr, scratch) },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => unsafe { avx512(a, b, ptr, scratch) },
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
