//! Surprise, entropy, cross-entropy and KL divergence of discrete distributions.

// ANCHOR: base
/// The unit of information is set by the base of the logarithm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Base {
    /// Base 2: bits (shannons).
    Bits,
    /// Base e: nats.
    Nats,
    /// Base 10: bans (hartleys).
    Bans,
}

impl Base {
    /// `ln b`: a logarithm in base `b` is the natural logarithm divided by this.
    pub fn ln_base(self) -> f64 {
        match self {
            Base::Bits => std::f64::consts::LN_2,
            Base::Nats => 1.0,
            Base::Bans => std::f64::consts::LN_10,
        }
    }

    /// Converts an amount of information from this unit to `to`.
    pub fn convert(self, amount: f64, to: Base) -> f64 {
        amount * self.ln_base() / to.ln_base()
    }
}
// ANCHOR_END: base

/// What can be wrong with a distribution.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DistributionError {
    #[error("empty distribution: there are no outcomes")]
    Empty,
    #[error("length mismatch: p has {p} outcomes, q has {q}")]
    LengthMismatch { p: usize, q: usize },
    #[error("probability out of range in {which} at index {index}: {value} is not in [0, 1]")]
    ProbabilityOutOfRange {
        which: &'static str,
        index: usize,
        value: f64,
    },
    #[error("{which} does not sum to 1: its sum is {sum}")]
    NotNormalised { which: &'static str, sum: f64 },
}

/// Checks that `p` is a distribution: not empty, entries in [0, 1], summing to 1 (to 1e-9).
fn check(which: &'static str, p: &[f64]) -> Result<(), DistributionError> {
    if p.is_empty() {
        return Err(DistributionError::Empty);
    }
    if let Some((index, &value)) = p
        .iter()
        .enumerate()
        .find(|(_, v)| !(0.0..=1.0).contains(*v))
    {
        return Err(DistributionError::ProbabilityOutOfRange {
            which,
            index,
            value,
        });
    }
    let sum: f64 = p.iter().sum();
    if (sum - 1.0).abs() > 1e-9 {
        return Err(DistributionError::NotNormalised { which, sum });
    }
    Ok(())
}

// ANCHOR: surprise
/// The surprise (self-information) of an outcome of probability `p`: `-log_b p`.
/// A certain outcome surprises nobody (0); an impossible one is infinitely surprising.
pub fn surprise(p: f64, base: Base) -> f64 {
    // Adding 0.0 turns the -0.0 of a certain outcome into a plain 0.
    -libm::log(p) / base.ln_base() + 0.0
}
// ANCHOR_END: surprise

// ANCHOR: entropy
/// Shannon's entropy `H(p) = -Σ p_i log_b p_i`: the surprise of each outcome, weighted by how
/// often it happens. Outcomes with `p_i = 0` never happen and add nothing (`0 · log 0` is
/// taken as its limit, 0).
pub fn entropy(p: &[f64], base: Base) -> Result<f64, DistributionError> {
    check("p", p)?;
    Ok(p.iter()
        .filter(|&&pi| pi > 0.0)
        .map(|&pi| pi * surprise(pi, base))
        .sum())
}
// ANCHOR_END: entropy

// ANCHOR: cross_entropy
/// The cross-entropy `H(p, q) = -Σ p_i log_b q_i`: the average surprise of outcomes that
/// happen with probabilities `p`, measured by a model that believes `q`. Infinite when `q`
/// gives 0 to something that `p` says can happen.
pub fn cross_entropy(p: &[f64], q: &[f64], base: Base) -> Result<f64, DistributionError> {
    check("p", p)?;
    check("q", q)?;
    if p.len() != q.len() {
        return Err(DistributionError::LengthMismatch {
            p: p.len(),
            q: q.len(),
        });
    }
    Ok(p.iter()
        .zip(q)
        .filter(|(pi, _)| **pi > 0.0)
        .map(|(&pi, &qi)| pi * surprise(qi, base))
        .sum())
}

/// The KL divergence `KL(p ‖ q) = Σ p_i log_b (p_i / q_i)`: how much more surprise the
/// model `q` meets than the truth `p` itself would. Never negative; 0 only when `q = p`.
pub fn kl_divergence(p: &[f64], q: &[f64], base: Base) -> Result<f64, DistributionError> {
    cross_entropy(p, q, base)?;
    Ok(p.iter()
        .zip(q)
        .filter(|(pi, _)| **pi > 0.0)
        .map(|(&pi, &qi)| pi * libm::log(pi / qi) / base.ln_base())
        .sum())
}
// ANCHOR_END: cross_entropy

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(entropy(&[0.5, 0.5], Base::Bits).unwrap(), 1.0);
        assert_relative_eq!(
            entropy(&[0.25; 4], Base::Bits).unwrap(),
            2.0,
            max_relative = 1e-15
        );
        assert_eq!(entropy(&[1.0, 0.0], Base::Bits).unwrap(), 0.0);
        assert_relative_eq!(
            entropy(&[0.5, 0.5], Base::Nats).unwrap(),
            std::f64::consts::LN_2,
            max_relative = 1e-15
        );
        // python3: -(0.7*log2(0.7) + 0.2*log2(0.2) + 0.1*log2(0.1)) = 1.1567796494470395
        assert_relative_eq!(
            entropy(&[0.7, 0.2, 0.1], Base::Bits).unwrap(),
            1.1567796494470395,
            max_relative = 1e-14
        );
    }

    #[test]
    fn units_convert() {
        assert_relative_eq!(
            Base::Bits.convert(1.0, Base::Nats),
            std::f64::consts::LN_2,
            max_relative = 1e-15
        );
        assert_relative_eq!(
            Base::Bans.convert(1.0, Base::Bits),
            libm::log2(10f64),
            max_relative = 1e-15
        );
    }

    #[test]
    fn a_model_that_rules_out_what_happens_is_infinitely_wrong() {
        assert_eq!(
            cross_entropy(&[0.5, 0.5], &[1.0, 0.0], Base::Bits).unwrap(),
            f64::INFINITY
        );
    }

    #[test]
    fn errors_name_what_and_where() {
        assert_eq!(entropy(&[], Base::Bits), Err(DistributionError::Empty));
        assert_eq!(
            entropy(&[0.5, 1.5], Base::Bits),
            Err(DistributionError::ProbabilityOutOfRange {
                which: "p",
                index: 1,
                value: 1.5
            })
        );
        assert!(matches!(
            entropy(&[0.5, 0.4], Base::Bits),
            Err(DistributionError::NotNormalised { which: "p", .. })
        ));
        assert_eq!(
            cross_entropy(&[0.5, 0.5], &[1.0], Base::Bits),
            Err(DistributionError::LengthMismatch { p: 2, q: 1 })
        );
        assert!(matches!(
            kl_divergence(&[1.0], &[f64::NAN], Base::Bits),
            Err(DistributionError::ProbabilityOutOfRange { which: "q", .. })
        ));
    }

    fn distribution(raw: Vec<f64>) -> Vec<f64> {
        let sum: f64 = raw.iter().sum();
        raw.iter().map(|v| v / sum).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn cross_entropy_is_entropy_plus_kl(
            raw in proptest::collection::vec((0.01..1.0_f64, 0.01..1.0_f64), 1..6),
        ) {
            let p = distribution(raw.iter().map(|r| r.0).collect());
            let q = distribution(raw.iter().map(|r| r.1).collect());
            let h = entropy(&p, Base::Nats).unwrap();
            let kl = kl_divergence(&p, &q, Base::Nats).unwrap();
            let ce = cross_entropy(&p, &q, Base::Nats).unwrap();
            prop_assert!((ce - (h + kl)).abs() < 1e-12);
            prop_assert!(kl >= -1e-15);
            prop_assert!(h <= libm::log(p.len() as f64) + 1e-12);
        }
    }
}
