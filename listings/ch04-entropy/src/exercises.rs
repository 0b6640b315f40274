//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use crate::entropy::{Base, DistributionError, entropy, kl_divergence};

// ANCHOR: exercise_1
/// Exercise 1: the entropy of a fair die, in bits.
pub fn fair_die_bits() -> Result<f64, DistributionError> {
    entropy(&[1.0 / 6.0; 6], Base::Bits)
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: the entropy of a coin with bias 0.1, in bits converted to nats, and computed
/// directly in nats.
pub fn coin_in_two_units() -> Result<(f64, f64), DistributionError> {
    let coin = [0.1, 0.9];
    let converted = Base::Bits.convert(entropy(&coin, Base::Bits)?, Base::Nats);
    Ok((converted, entropy(&coin, Base::Nats)?))
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: KL divergence in both directions between the chapter's truth and a uniform guess.
pub fn kl_both_ways() -> Result<(f64, f64), DistributionError> {
    let p = [0.7, 0.2, 0.1];
    let q = [1.0 / 3.0; 3];
    Ok((
        kl_divergence(&p, &q, Base::Bits)?,
        kl_divergence(&q, &p, Base::Bits)?,
    ))
}
// ANCHOR_END: exercise_3

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn exercise_1_a_die_is_log2_6_bits() {
        assert_relative_eq!(
            fair_die_bits().unwrap(),
            libm::log2(6f64),
            max_relative = 1e-14
        );
    }

    #[test]
    fn exercise_2_units_only_rescale() {
        let (converted, direct) = coin_in_two_units().unwrap();
        assert_relative_eq!(converted, direct, max_relative = 1e-14);
    }

    #[test]
    fn exercise_3_kl_is_not_symmetric() {
        let (forward, backward) = kl_both_ways().unwrap();
        // python3: sum(p*log2(p/q)) = 0.42818285127411676, sum(q*log2(q/p)) = 0.4678472868136713
        assert_relative_eq!(forward, 0.42818285127411676, max_relative = 1e-12);
        assert!(backward > forward + 0.03, "{forward} {backward}");
    }
}
