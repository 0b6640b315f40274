//! The same arithmetic in another order, or with one rounding fewer, is another result.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

// ANCHOR: three
/// `0.1 + 0.2 + 0.3`, added left to right and right to left.
pub fn three_ways() -> (f64, f64) {
    ((0.1 + 0.2) + 0.3, 0.1 + (0.2 + 0.3))
}
// ANCHOR_END: three

// ANCHOR: by_lanes
/// A dot product added in order, `r = 0, 1, 2, ...`, as the plain `matmul` adds it.
pub fn in_order(a: &[f64], b: &[f64]) -> f64 {
    let mut sum = 0.0;
    for (x, y) in a.iter().zip(b) {
        sum += x * y;
    }
    sum
}

/// The same dot product split across the `LANES` lanes of a vector register: lane `l` adds
/// the products `l, l + LANES, l + 2·LANES, ...`, and the lanes are added at the end. This is
/// how a product is usually vectorized (and how BLAS libraries do it); it is not how the
/// book's fast path does it.
pub fn by_lanes<const LANES: usize>(a: &[f64], b: &[f64]) -> f64 {
    let mut lanes = [0.0; LANES];
    for (r, (x, y)) in a.iter().zip(b).enumerate() {
        lanes[r % LANES] += x * y;
    }
    lanes.iter().sum()
}
// ANCHOR_END: by_lanes

// ANCHOR: fused
/// `a · b + c` rounded twice (after the multiply and after the add), and rounded once, as a
/// fused multiply-add (FMA) instruction computes it (`libm::fma` does the same in software).
pub fn twice_and_once(a: f64, b: f64, c: f64) -> (f64, f64) {
    (a * b + c, libm::fma(a, b, c))
}
// ANCHOR_END: fused

/// How many of `trials` random dot products of length `m` come out with other bits when
/// added by lanes (8 of them) instead of in order, and how many `a · b + c` differ when
/// rounded once instead of twice.
pub fn how_often(trials: usize, m: usize, seed: u64) -> (usize, usize) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut lanes, mut fused) = (0, 0);
    for _ in 0..trials {
        let a: Vec<f64> = (0..m).map(|_| rng.random_range(-1.0..1.0)).collect();
        let b: Vec<f64> = (0..m).map(|_| rng.random_range(-1.0..1.0)).collect();
        if in_order(&a, &b).to_bits() != by_lanes::<8>(&a, &b).to_bits() {
            lanes += 1;
        }
        let (twice, once) = twice_and_once(a[0], b[0], a[1]);
        if twice.to_bits() != once.to_bits() {
            fused += 1;
        }
    }
    (lanes, fused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_orders_agree_on_exact_numbers_and_differ_on_rounded_ones() {
        let (left, right) = three_ways();
        assert_ne!(left, right);
        // Small integers are exact in binary, so every order gives the same sum.
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0];
        assert_eq!(in_order(&a, &a), by_lanes::<8>(&a, &a));
        assert_eq!(in_order(&a, &a), 285.0);
        let (lanes, fused) = how_often(1000, 16, 1);
        assert!(lanes > 100 && fused > 100, "{lanes} {fused}");
    }

    #[test]
    fn one_rounding_keeps_what_two_lose() {
        // (1 + 2^-30)^2 - 1 = 2^-29 + 2^-60: the square's last term is lost when the product
        // is rounded on its own, and kept by a single rounding.
        let x = 1.0 + 2f64.powi(-30);
        let (twice, once) = twice_and_once(x, x, -1.0);
        assert_eq!(twice, 2f64.powi(-29));
        assert_eq!(once, 2f64.powi(-29) + 2f64.powi(-60));
    }
}
