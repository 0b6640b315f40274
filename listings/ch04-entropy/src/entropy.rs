//! Surprise, entropy, cross-entropy and KL divergence of discrete distributions.

use ch03_softmax::sum_carefully;

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

/// Checks that `p` and `q` are distributions over the same outcomes.
fn check_pair(p: &[f64], q: &[f64]) -> Result<(), DistributionError> {
    check("p", p)?;
    check("q", q)?;
    if p.len() != q.len() {
        return Err(DistributionError::LengthMismatch {
            p: p.len(),
            q: q.len(),
        });
    }
    Ok(())
}

// ANCHOR: surprise
/// The surprise (self-information) of an outcome of probability `p`: `-log_b p`.
/// A certain outcome surprises nobody (0); an impossible one is infinitely surprising.
///
/// Its domain is `p` in [0, 1]; the functions below check their distributions before calling
/// it.
pub fn surprise(p: f64, base: Base) -> f64 {
    if p == 1.0 {
        // Negating ln 1 = 0 would give -0.0, which prints as "-0".
        return 0.0;
    }
    -libm::log(p) / base.ln_base()
}
// ANCHOR_END: surprise

// ANCHOR: entropy
/// Shannon's entropy `H(p) = -Σ p_i log_b p_i`: the surprise of each outcome, weighted by how
/// often it happens. Outcomes with `p_i = 0` never happen and add nothing (`0 · log 0` is
/// taken as its limit, 0).
pub fn entropy(p: &[f64], base: Base) -> Result<f64, DistributionError> {
    check("p", p)?;
    let nats = sum_carefully(
        p.iter()
            .filter(|&&pi| pi > 0.0)
            .map(|&pi| pi * surprise(pi, Base::Nats)),
    );
    Ok(Base::Nats.convert(nats, base))
}
// ANCHOR_END: entropy

// ANCHOR: cross_entropy
/// The cross-entropy `H(p, q) = -Σ p_i log_b q_i`: the average surprise of outcomes that
/// happen with probabilities `p`, measured by a model that believes `q`. Infinite when `q`
/// gives 0 to something that `p` says can happen.
pub fn cross_entropy(p: &[f64], q: &[f64], base: Base) -> Result<f64, DistributionError> {
    check_pair(p, q)?;
    let nats = sum_carefully(
        p.iter()
            .zip(q)
            .filter(|(pi, _)| **pi > 0.0)
            .map(|(&pi, &qi)| pi * surprise(qi, Base::Nats)),
    );
    Ok(Base::Nats.convert(nats, base))
}

/// The KL divergence `KL(p ‖ q) = Σ p_i log_b (p_i / q_i)`: how much more surprise the
/// model `q` meets than the truth `p` itself would. Never negative; 0 only when `q = p`.
///
/// Summed as `Σ [p_i ln(p_i/q_i) - p_i + q_i] + Σ (p_i - q_i)`. Each bracket is at least 0,
/// because `ln x ≥ 1 - 1/x`, so no term cancels another, even when `q` is close to `p` and
/// the plain terms `p_i ln(p_i/q_i)` are large, of both signs, and add up to almost nothing.
/// The second sum is 0 for exact distributions. Rounded ones can sum to 1 ± 1e-16; where
/// that gap is larger than the divergence itself, it dominates the result (which can then
/// even be slightly negative).
pub fn kl_divergence(p: &[f64], q: &[f64], base: Base) -> Result<f64, DistributionError> {
    check_pair(p, q)?;
    let gaps = sum_carefully(p.iter().zip(q).map(|(pi, qi)| pi - qi));
    let excesses = sum_carefully(p.iter().zip(q).map(|(&pi, &qi)| kl_excess(pi, qi)));
    Ok(Base::Nats.convert(excesses + gaps, base))
}
// ANCHOR_END: cross_entropy

// ANCHOR: kl_excess
/// `p ln(p/q) - p + q`, never negative, for probabilities `p` and `q`, in nats.
///
/// Near `q = p` the two parts nearly cancel, so there it is summed from a series instead:
/// with `w = (p - q) / (p + q)`, `ln(p/q) = 2 atanh w = 2 (w + w³/3 + w⁵/5 + ...)`, which gives
/// `(p - q) w Σ_k w^2k (1/(2k+1) + w/(2k+3))`, a sum of terms that are all at least 0.
/// Far from `q = p`, `ln(p/q)` is taken as `ln p - ln q` when `p/q` would overflow or lose
/// digits below the smallest normal `f64`.
fn kl_excess(p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return q;
    }
    if q == 0.0 {
        return f64::INFINITY;
    }
    let w = (p - q) / (p + q);
    if w.abs() > 0.5 {
        let ratio = p / q;
        let log_ratio = if ratio.is_normal() {
            libm::log(ratio)
        } else {
            libm::log(p) - libm::log(q)
        };
        return p * log_ratio - (p - q);
    }
    let w2 = w * w;
    let (mut sum, mut power, mut k) = (0.0, 1.0, 0.0);
    loop {
        let term = power * (1.0 / (2.0 * k + 1.0) + w / (2.0 * k + 3.0));
        if term <= sum * 1e-17 {
            break;
        }
        sum += term;
        power *= w2;
        k += 1.0;
    }
    (p - q) * w * sum
}
// ANCHOR_END: kl_excess

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
