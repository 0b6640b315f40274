//! `libm`'s `exp` and `log1p`, many arguments at a time, with `libm`'s bits.
//!
//! Both functions of the `libm` crate (FreeBSD's algorithms, by way of musl) are straight-line
//! arithmetic once their special cases are set aside: a reduction of the argument, a
//! polynomial, a reconstruction. Written for one lane, with every `if` of the ordinary range
//! turned into a choice between two values that are both computed, the same operations run in
//! every lane of a vector register, and each lane gets exactly the bits `libm` returns.
//! Arguments outside the ordinary range (huge, infinite, NaN, at or below -1 for
//! `log1p`) are rare, and are handed to `libm` itself.
//!
//! The constants and the order of every operation are those of `libm` 0.2 (`src/math/exp.rs`,
//! `src/math/log1p.rs`); the tests compare against `libm` bit for bit.

// libm's constants, by their bits (the decimal literals of its source round to these).
const LN2HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
const INVLN2: f64 = f64::from_bits(0x3ff7_1547_652b_82fe);
const P1: f64 = f64::from_bits(0x3fc5_5555_5555_553e);
const P2: f64 = f64::from_bits(0xbf66_c16c_16be_bd93);
const P3: f64 = f64::from_bits(0x3f11_566a_af25_de2c);
const P4: f64 = f64::from_bits(0xbebb_bd41_c5d2_6bf1);
const P5: f64 = f64::from_bits(0x3e66_3769_72be_a4d0);

const LG1: f64 = f64::from_bits(0x3fe5_5555_5555_5593);
const LG2: f64 = f64::from_bits(0x3fd9_9999_9997_fa04);
const LG3: f64 = f64::from_bits(0x3fd2_4924_9422_9359);
const LG4: f64 = f64::from_bits(0x3fcc_71c5_1d8e_78af);
const LG5: f64 = f64::from_bits(0x3fc7_4664_96cb_03de);
const LG6: f64 = f64::from_bits(0x3fc3_9a09_d078_c69f);
const LG7: f64 = f64::from_bits(0x3fc2_f112_df3e_5244);

/// The high 32 bits of `x`, as `libm` reads them.
#[inline(always)]
fn high_word(x: f64) -> u64 {
    x.to_bits() >> 32
}

/// Whether `exp(x)` is in the range [`exp_lane`] computes: |x| < 708.39.
#[inline(always)]
fn exp_ordinary(x: f64) -> bool {
    let hx = high_word(x) & 0x7fff_ffff;
    hx < 0x4086_232b
}

// ANCHOR: exp_lane
/// `libm::exp(x)` for an `x` in the ordinary range, with no branch: both reductions are
/// computed and the right one chosen.
#[inline(always)]
fn exp_lane(x: f64) -> f64 {
    let hx = high_word(x) & 0x7fff_ffff;
    let negative = x.is_sign_negative();
    // |x| > ln2 / 2: x = k·ln2 + r. From 1.5 ln2 on, k is x / ln2 rounded (towards zero
    // after adding ±1/2); between ln2 / 2 and 1.5 ln2 it is ±1.
    let half = if negative { -0.5 } else { 0.5 };
    let k_far = (INVLN2 * x + half).trunc();
    let k_near = if negative { -1.0 } else { 1.0 };
    let reduce = hx > 0x3fd6_2e42;
    let k = if !reduce {
        0.0
    } else if hx >= 0x3ff0_a2b2 {
        k_far
    } else {
        k_near
    };
    let (hi, lo, r) = if reduce {
        let hi = x - k * LN2HI;
        let lo = k * LN2LO;
        (hi, lo, hi - lo)
    } else {
        (x, 0.0, x)
    };
    let rr = r * r;
    let c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
    let y = 1.0 + (r * c / (2.0 - c) - lo + hi);
    // y · 2^k, exact for the k of the ordinary range (-1022 ≤ k ≤ 1023): the bits of 2^k
    // are k + 1023 in the exponent field. k + 1023 + 2^52 holds that integer in its low bits.
    let biased = k + (1023.0 + 4_503_599_627_370_496.0);
    let scaled = y * f64::from_bits(biased.to_bits() << 52);
    // |x| ≤ 2⁻²⁸ (a zero, say: the largest logit less itself): libm returns 1 + x.
    if hx <= 0x3e30_0000 { 1.0 + x } else { scaled }
}
// ANCHOR_END: exp_lane

/// Whether `log1p(x)` is in the range [`log1p_lane`] computes: -1 < x < 2^53, not NaN.
#[inline(always)]
fn log1p_ordinary(x: f64) -> bool {
    let hx = high_word(x);
    let below_sqrt2 = hx < 0x3fda_827a || hx >> 31 != 0;
    if below_sqrt2 {
        hx < 0xbff0_0000
    } else {
        hx < 0x4340_0000
    }
}

/// `libm::log1p(x)` for an `x` in the ordinary range, with no branch.
#[inline(always)]
fn log1p_lane(x: f64) -> f64 {
    let hx = high_word(x);
    // Near zero (√2/2 ≤ 1 + x < √2) f = x exactly and k = 0; elsewhere 1 + x = 2^k · (1 + f).
    let near_zero = (hx < 0x3fda_827a || hx >> 31 != 0) && hx <= 0xbfd2_bec4;
    let u = 1.0 + x;
    let u_bits = u.to_bits();
    let hu = (u_bits >> 32) + (0x3ff0_0000 - 0x3fe6_a09e);
    let k_far = ((hu >> 20) as i64 - 0x3ff) as f64;
    // The correction for the rounding of 1 + x, divided by u.
    let c_far = if k_far >= 2.0 {
        1.0 - (u - x)
    } else {
        x - (u - 1.0)
    } / u;
    let reduced = (((hu & 0x000f_ffff) + 0x3fe6_a09e) << 32) | (u_bits & 0xffff_ffff);
    let f_far = f64::from_bits(reduced) - 1.0;
    let (f, c, dk) = if near_zero {
        (x, 0.0, 0.0)
    } else {
        (f_far, c_far, k_far)
    };
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let r = t2 + t1;
    let result = s * (hfsq + r) + (dk * LN2LO + c) - hfsq + f + dk * LN2HI;
    // |x| < 2⁻⁵³: libm returns x itself.
    let tiny = (hx << 1) & 0xffff_ffff < 0x3ca0_0000 << 1;
    if tiny { x } else { result }
}

/// `out[i] = libm::exp(x[i])` for every `i`, bit for bit.
#[inline(always)]
pub(crate) fn exp_into(x: &[f64], out: &mut [f64]) {
    let mut ordinary = true;
    for (o, &v) in out.iter_mut().zip(x) {
        *o = exp_lane(v);
        ordinary &= exp_ordinary(v);
    }
    if !ordinary {
        for (o, &v) in out.iter_mut().zip(x) {
            if !exp_ordinary(v) {
                *o = libm::exp(v);
            }
        }
    }
}

/// `out[i] = libm::log1p(x[i])` for every `i`, bit for bit.
#[inline(always)]
pub(crate) fn log1p_into(x: &[f64], out: &mut [f64]) {
    let mut ordinary = true;
    for (o, &v) in out.iter_mut().zip(x) {
        *o = log1p_lane(v);
        ordinary &= log1p_ordinary(v);
    }
    if !ordinary {
        for (o, &v) in out.iter_mut().zip(x) {
            if !log1p_ordinary(v) {
                *o = libm::log1p(v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::fast::{Kernel, exp_with, log1p_with};
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Arguments of every magnitude, both signs, the edges of every branch of `libm`'s code
    /// and their neighbours, and the special values.
    fn arguments(seed: u64, n: usize) -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut xs = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            -0.5,
            2.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::MIN,
            708.39,
            -708.39,
            709.78,
            -745.13,
            -745.14,
            1e-300,
            f64::EPSILON,
            -0.9999999999999999,
        ];
        for high in [
            0x3e30_0000u64,
            0x3fd6_2e42,
            0x3ff0_a2b2,
            0x4086_232b,
            0x3fda_827a,
            0x3ca0_0000,
            0x3fd2_bec4,
            0x3ff0_0000,
            0x4340_0000,
            0x7fef_ffff,
        ] {
            for sign in [0, 1u64 << 63] {
                for low in [0u64, 1, 0xffff_ffff] {
                    let x = f64::from_bits(sign | high << 32 | low);
                    xs.extend([
                        x,
                        f64::from_bits(x.to_bits() - 1),
                        f64::from_bits(x.to_bits() + 1),
                    ]);
                }
            }
        }
        for _ in 0..n {
            let x = match rng.random_range(0..4) {
                0 => rng.random_range(-1.0..1.0),
                1 => rng.random_range(-40.0..40.0),
                2 => rng.random_range(-750.0..750.0),
                _ => f64::from_bits(rng.random::<u64>()),
            };
            xs.push(x);
        }
        xs
    }

    fn every_kernel(f: fn(Kernel, &[f64], &mut [f64]), reference: fn(f64) -> f64, xs: &[f64]) {
        for kernel in Kernel::available() {
            let mut out = vec![0.0; xs.len()];
            f(kernel, xs, &mut out);
            for (&x, &y) in xs.iter().zip(&out) {
                let want = reference(x);
                assert!(
                    y.to_bits() == want.to_bits() || (y.is_nan() && want.is_nan()),
                    "{kernel:?} at {x:e} ({:#x}): {y:e} instead of {want:e}",
                    x.to_bits()
                );
            }
        }
    }

    #[test]
    fn exp_gives_libms_bits() {
        every_kernel(exp_with, libm::exp, &arguments(1, 200_000));
    }

    #[test]
    fn log1p_gives_libms_bits() {
        let mut xs = arguments(2, 200_000);
        // The arguments the binary loss gives it: e^(-|z|), in (0, 1].
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        xs.extend((0..100_000).map(|_| libm::exp(-rng.random_range(0.0..40.0))));
        every_kernel(log1p_with, libm::log1p, &xs);
    }
}
