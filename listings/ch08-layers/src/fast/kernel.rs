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

use std::borrow::Cow;

use ndarray::ArrayView2;

use super::Kernel;

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

/// Where the outputs go: `(i, j)` at `i·row + j·col` of the output slice.
#[derive(Clone, Copy)]
struct Out {
    row: usize,
    col: usize,
}

/// The right operand as rows of `ld` numbers, `ld` a multiple of the block width; the columns
/// past the real ones are zeros whose products are computed and thrown away.
fn pack(b: ArrayView2<'_, f64>, width: usize) -> (Cow<'_, [f64]>, usize) {
    let (m, q) = b.dim();
    if q % width == 0
        && let Some(slice) = b.to_slice()
    {
        return (Cow::Borrowed(slice), q);
    }
    let ld = q.div_ceil(width) * width;
    let mut packed = vec![0.0; m * ld];
    for (row, packed_row) in b.rows().into_iter().zip(packed.chunks_exact_mut(ld)) {
        for (p, &v) in packed_row.iter_mut().zip(row.iter()) {
            *p = v;
        }
    }
    (Cow::Owned(packed), ld)
}

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

/// Writes the first `width` columns of a block to the output.
#[inline(always)]
fn store<const R: usize, const W: usize>(
    acc: &[[f64; W]; R],
    c: &mut [f64],
    out: Out,
    i0: usize,
    j0: usize,
    width: usize,
) {
    for (ii, acc_row) in acc.iter().enumerate() {
        if out.col == 1 {
            let start = (i0 + ii) * out.row + j0;
            c[start..start + width].copy_from_slice(&acc_row[..width]);
        } else {
            for (l, &v) in acc_row[..width].iter().enumerate() {
                c[(i0 + ii) * out.row + (j0 + l) * out.col] = v;
            }
        }
    }
}

/// `c = a · b` for an `a` of `n` rows read through `a`, and `b` packed as `m` rows of `ld`
/// numbers of which the first `q` are real. `R` rows by `W` columns at a time; the rows left
/// over in blocks of 4, 2 and 1; a product with fewer than 4 rows uses panels `W1` wide.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn panels<const R: usize, const W: usize, const W1: usize>(
    a: Lhs,
    n: usize,
    m: usize,
    b: &[f64],
    ld: usize,
    q: usize,
    c: &mut [f64],
    out: Out,
) {
    if n < 4 {
        for j0 in (0..q).step_by(W1) {
            let width = W1.min(q - j0);
            for i in 0..n {
                // SAFETY: row i < n, and every r < m.
                let acc = unsafe { block::<1, W1>(a, i, b, ld, j0, m) };
                store(&acc, c, out, i, j0, width);
            }
        }
        return;
    }
    for j0 in (0..q).step_by(W) {
        let width = W.min(q - j0);
        let mut i0 = 0;
        // SAFETY (every block below): the rows i0..i0 + its height are below n.
        while i0 + R <= n {
            let acc = unsafe { block::<R, W>(a, i0, b, ld, j0, m) };
            store(&acc, c, out, i0, j0, width);
            i0 += R;
        }
        if i0 + 4 <= n && R > 4 {
            let acc = unsafe { block::<4, W>(a, i0, b, ld, j0, m) };
            store(&acc, c, out, i0, j0, width);
            i0 += 4;
        }
        if i0 + 2 <= n {
            let acc = unsafe { block::<2, W>(a, i0, b, ld, j0, m) };
            store(&acc, c, out, i0, j0, width);
            i0 += 2;
        }
        if i0 < n {
            let acc = unsafe { block::<1, W>(a, i0, b, ld, j0, m) };
            store(&acc, c, out, i0, j0, width);
        }
    }
}

/// `c = a · b` (`c` row-major, zeroed), lanes across columns when the output is wide enough
/// to fill half a panel, across rows (as the transpose) otherwise.
#[inline(always)]
fn product_generic<const R: usize, const W: usize, const W1: usize>(
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    c: &mut [f64],
) {
    let ((n, m), q) = (a.dim(), b.ncols());
    if n == 0 || q == 0 || m == 0 {
        // An empty sum is 0.0, which `c` already holds.
        return;
    }
    let width = |rows: usize| if rows < 4 { W1 } else { W };
    if 2 * q >= W || q >= n {
        let (packed, ld) = pack(b, width(n));
        let out = Out { row: q, col: 1 };
        panels::<R, W, W1>(Lhs::of(&a), n, m, &packed, ld, q, c, out);
    } else {
        // cᵀ = bᵀ · aᵀ: output (j, i) of the transpose is output (i, j) of c.
        let (packed, ld) = pack(a.t(), width(q));
        let out = Out { row: 1, col: q };
        panels::<R, W, W1>(Lhs::of(&b.t()), q, m, &packed, ld, n, c, out);
    }
}

fn baseline(a: ArrayView2<f64>, b: ArrayView2<f64>, c: &mut [f64]) {
    product_generic::<4, 4, 8>(a, b, c)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn avx2(a: ArrayView2<f64>, b: ArrayView2<f64>, c: &mut [f64]) {
    product_generic::<4, 8, 16>(a, b, c)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn avx512(a: ArrayView2<f64>, b: ArrayView2<f64>, c: &mut [f64]) {
    product_generic::<8, 16, 32>(a, b, c)
}

/// `c = a · b` with `kernel`; `c` holds `a.nrows() · b.ncols()` zeros.
///
/// # Panics
/// If this CPU cannot run `kernel`.
pub(super) fn product(kernel: Kernel, a: ArrayView2<f64>, b: ArrayView2<f64>, c: &mut [f64]) {
    assert!(
        Kernel::available().contains(&kernel),
        "this CPU cannot run the {kernel:?} kernel"
    );
    match kernel {
        Kernel::Baseline => baseline(a, b, c),
        // SAFETY: the CPU has the feature, checked above.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => unsafe { avx2(a, b, c) },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512 => unsafe { avx512(a, b, c) },
        #[cfg(not(target_arch = "x86_64"))]
        _ => unreachable!("only the baseline is available here"),
    }
}
