//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::entropy::{Base, DistributionError, entropy, kl_divergence};

// ANCHOR: exercise_1
/// Exercise 1: a random distribution over `k` outcomes, every distribution equally likely
/// (exponential draws, normalized).
pub fn random_distribution(k: usize, rng: &mut ChaCha8Rng) -> Vec<f64> {
    let draws: Vec<f64> = (0..k)
        .map(|_| -libm::log(1.0 - rng.random::<f64>()))
        .collect();
    let total: f64 = draws.iter().sum();
    draws.iter().map(|d| d / total).collect()
}

/// The largest entropy, in bits, of `n` random distributions over `k` outcomes, and the
/// bound `log2 k` it can never pass.
pub fn largest_entropy_found(k: usize, n: usize) -> Result<(f64, f64), DistributionError> {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let mut largest = 0.0_f64;
    for _ in 0..n {
        largest = largest.max(entropy(&random_distribution(k, &mut rng), Base::Bits)?);
    }
    Ok((largest, libm::log2(k as f64)))
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: the entropy, in bits, of the two faces of a pair of fair dice, and of their sum.
pub fn two_dice() -> Result<(f64, f64), DistributionError> {
    let faces = [1.0 / 36.0; 36];
    // The totals 2 to 12: how many of the 36 pairs give each.
    let mut totals = [0.0; 11];
    for a in 1..=6 {
        for b in 1..=6 {
            totals[a + b - 2] += 1.0 / 36.0;
        }
    }
    Ok((entropy(&faces, Base::Bits)?, entropy(&totals, Base::Bits)?))
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the terms `a_i log2(a_i / b_i)` of `KL(a ‖ b)`, outcome by outcome.
pub fn kl_terms(a: &[f64], b: &[f64]) -> Vec<f64> {
    a.iter()
        .zip(b)
        .map(|(&ai, &bi)| ai * libm::log2(ai / bi))
        .collect()
}

/// KL divergence in both directions between the fruit stall's mix and a uniform guess.
pub fn kl_both_ways() -> Result<(f64, f64), DistributionError> {
    let p = [0.7, 0.2, 0.1];
    let q = [1.0 / 3.0; 3];
    Ok((
        kl_divergence(&p, &q, Base::Bits)?,
        kl_divergence(&q, &p, Base::Bits)?,
    ))
}
// ANCHOR_END: exercise_3

// ANCHOR: answers
/// The number each exercise asks for, one labelled line each (the program `ch04-answers`).
pub fn print_answers() -> Result<(), DistributionError> {
    for k in [2, 3, 5] {
        let (largest, bound) = largest_entropy_found(k, 10_000)?;
        println!("exercise 1: K = {k}: largest H found {largest:.4} bits");
        println!("exercise 1: K = {k}: log2 K = {bound:.4} bits");
        println!(
            "exercise 1: K = {k}: shortfall {:.1e} bits",
            bound - largest
        );
    }
    let uniform = entropy(&[0.2; 5], Base::Bits)?;
    println!("exercise 1: K = 5: H of the uniform distribution {uniform:.4} bits");

    let (faces, total) = two_dice()?;
    println!("exercise 2: H(two faces) = {faces:.4} bits");
    println!("exercise 2: H(their sum) = {total:.4} bits");
    println!("exercise 2: the sum hides {:.4} bits", faces - total);

    let (p, q) = ([0.7, 0.2, 0.1], [1.0 / 3.0; 3]);
    let (forward, backward) = kl_both_ways()?;
    let show = |terms: Vec<f64>| {
        let shown: Vec<String> = terms.iter().map(|t| format!("{t:.4}")).collect();
        shown.join(" ")
    };
    println!(
        "exercise 3: KL(p||q) = {forward:.4} bits, terms {}",
        show(kl_terms(&p, &q))
    );
    println!(
        "exercise 3: KL(q||p) = {backward:.4} bits, terms {}",
        show(kl_terms(&q, &p))
    );
    Ok(())
}
// ANCHOR_END: answers

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn exercise_1_no_distribution_passes_log_k() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for k in 1..=8 {
            let bound = libm::log2(k as f64);
            let uniform = vec![1.0 / k as f64; k];
            for _ in 0..500 {
                let p = random_distribution(k, &mut rng);
                let h = entropy(&p, Base::Bits).unwrap();
                assert!(h <= bound + 1e-12, "H = {h} > log2 {k} for {p:?}");
                // log K - H(p) is the divergence from the uniform distribution.
                let kl = kl_divergence(&p, &uniform, Base::Bits).unwrap();
                assert!((bound - h - kl).abs() < 1e-12, "{p:?}");
            }
            // The uniform distribution reaches the bound.
            assert_relative_eq!(
                entropy(&uniform, Base::Bits).unwrap(),
                bound,
                max_relative = 1e-14,
                epsilon = 1e-15
            );
        }
        let (largest, bound) = largest_entropy_found(5, 10_000).unwrap();
        assert!(
            largest < bound && largest > bound - 0.1,
            "{largest} {bound}"
        );
    }

    #[test]
    fn exercise_2_the_sum_of_two_dice() {
        let (faces, total) = two_dice().unwrap();
        // Independent faces add their entropies: 2 log2 6.
        assert_relative_eq!(faces, 2.0 * libm::log2(6.0), max_relative = 1e-14);
        // By hand: log2 36 - (1/36) Σ c log2 c over the counts c = 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1.
        let counts = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0_f64];
        let by_hand =
            libm::log2(36.0) - counts.iter().map(|c| c * libm::log2(*c)).sum::<f64>() / 36.0;
        assert_relative_eq!(total, by_hand, max_relative = 1e-14);
        assert!((total - 3.2744).abs() < 5e-5, "{total}");
    }

    #[test]
    fn exercise_3_kl_is_not_symmetric() {
        let (forward, backward) = kl_both_ways().unwrap();
        // python3: sum(p*log2(p/q)) = 0.42818285127411676, sum(q*log2(q/p)) = 0.4678472868136713
        assert_relative_eq!(forward, 0.42818285127411676, max_relative = 1e-12);
        assert_relative_eq!(backward, 0.4678472868136713, max_relative = 1e-12);
        let terms = kl_terms(&[0.7, 0.2, 0.1], &[1.0 / 3.0; 3]);
        assert_relative_eq!(terms.iter().sum::<f64>(), forward, max_relative = 1e-12);
    }
}
