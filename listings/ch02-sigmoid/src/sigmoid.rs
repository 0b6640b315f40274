//! The sigmoid, its logarithm and the softplus, each computed so that no finite input overflows.

// ANCHOR: naive
/// The sigmoid straight from the formula `1 / (1 + e^(-z))`.
///
/// Correct in exact arithmetic, but `e^(-z)` overflows to infinity for `z` below about -709.
/// (Kept to show that; the book computes with [`sigmoid`].)
/// The quotient then still comes out as 0, but its logarithm (see [`naive_log_sigmoid`]) does not.
pub fn naive_sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-z))
}
// ANCHOR_END: naive

// ANCHOR: sigmoid
/// The sigmoid `σ(z) = 1 / (1 + e^(-z))`, stable for every `z`.
///
/// Only ever exponentiates a number that is not positive, so `e^(..)` lies in (0, 1] and
/// cannot overflow. For `z < 0` it uses the equal form `e^z / (1 + e^z)`.
/// `+inf` gives 1, `-inf` gives 0, and NaN gives NaN (there is no sensible probability for it).
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + libm::exp(-z))
    } else {
        let e = libm::exp(z);
        e / (1.0 + e)
    }
}
// ANCHOR_END: sigmoid

// ANCHOR: derivative
/// The slope of the sigmoid, `σ'(z) = σ(z) (1 - σ(z))`.
///
/// Computed as `σ(z) σ(-z)`, the same number since `1 - σ(z) = σ(-z)`: for large `z`, `σ(z)`
/// rounds to 1 and `1 - σ(z)` to 0, while `σ(-z)` keeps every digit. Defined for every `z`:
/// `±inf` give 0, NaN gives NaN.
pub fn sigmoid_derivative(z: f64) -> f64 {
    sigmoid(z) * sigmoid(-z)
}
// ANCHOR_END: derivative

// ANCHOR: naive_log
/// `ln σ(z)` computed as the logarithm of the naive sigmoid. For `z` below about -709.78,
/// `e^(-z)` overflows, the quotient is 0 and its logarithm `-inf`, although the true value is
/// close to `z` itself.
pub fn naive_log_sigmoid(z: f64) -> f64 {
    libm::log(naive_sigmoid(z))
}
// ANCHOR_END: naive_log

// ANCHOR: softplus
/// The softplus `ln(1 + e^z)`, stable for every `z`.
///
/// Written as `max(z, 0) + ln(1 + e^(-|z|))`: the exponent is never positive, so nothing
/// overflows, and `ln_1p` keeps the digits of a tiny `e^(-|z|)` that `ln(1 + ..)` would lose.
/// `+inf` gives `+inf`, `-inf` gives 0, NaN gives NaN.
pub fn softplus(z: f64) -> f64 {
    if z == f64::INFINITY {
        return f64::INFINITY;
    }
    z.max(0.0) + libm::log1p(libm::exp(-z.abs()))
}

/// `ln σ(z)`, finite for every finite `z`: since `σ(z) = 1 / (1 + e^(-z))`,
/// `ln σ(z) = -ln(1 + e^(-z)) = -softplus(-z)`.
/// `+inf` gives 0, `-inf` gives `-inf`, NaN gives NaN.
pub fn log_sigmoid(z: f64) -> f64 {
    -softplus(-z)
}
// ANCHOR_END: softplus

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(f64::INFINITY), 1.0);
        assert_eq!(sigmoid(f64::NEG_INFINITY), 0.0);
        assert!(sigmoid(f64::NAN).is_nan());
        // σ(1) = 0.7310585786300049 (mpmath, 30 digits: 0.731058578630004879251159261327).
        assert_relative_eq!(sigmoid(1.0), 0.731_058_578_630_004_9, max_relative = 1e-15);
    }

    #[test]
    fn extremes_are_finite_and_right() {
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(log_sigmoid(1000.0), 0.0);
        assert_eq!(log_sigmoid(-1000.0), -1000.0);
        assert_eq!(naive_log_sigmoid(-1000.0), f64::NEG_INFINITY);
        assert_eq!(softplus(1000.0), 1000.0);
        assert_eq!(softplus(-1000.0), 0.0);
        assert_eq!(softplus(f64::INFINITY), f64::INFINITY);
        assert_eq!(softplus(f64::NEG_INFINITY), 0.0);
        assert_eq!(log_sigmoid(f64::INFINITY), 0.0);
        assert_eq!(log_sigmoid(f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert!(softplus(f64::NAN).is_nan() && log_sigmoid(f64::NAN).is_nan());
        // ln 2, and a tiny softplus: softplus(-40) = 4.248354255291589e-18 (mpmath).
        assert_relative_eq!(softplus(0.0), std::f64::consts::LN_2, max_relative = 1e-15);
        assert_relative_eq!(
            softplus(-40.0),
            4.248_354_255_291_589e-18,
            max_relative = 1e-14
        );
    }

    #[test]
    fn the_derivative_matches_a_finite_difference() {
        let h = 1e-6;
        for z in [-6.0, -1.5, -0.2, 0.0, 0.7, 3.0] {
            let fd = (sigmoid(z + h) - sigmoid(z - h)) / (2.0 * h);
            assert_relative_eq!(sigmoid_derivative(z), fd, max_relative = 1e-8);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn symmetric_and_in_range(z in -800.0..800.0_f64) {
            let s = sigmoid(z);
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert!((sigmoid(-z) - (1.0 - s)).abs() <= 1e-15);
        }

        #[test]
        fn log_sigmoid_is_finite_and_agrees(z in -1e6..1e6_f64) {
            let l = log_sigmoid(z);
            prop_assert!(l.is_finite() && l <= 0.0);
            if z > -30.0 {
                prop_assert!((l - libm::log(sigmoid(z))).abs() <= 1e-12 * (1.0 + l.abs()));
            }
            // softplus(z) - softplus(-z) = z.
            prop_assert!((softplus(z) - softplus(-z) - z).abs() <= 1e-9 * (1.0 + z.abs()));
        }
    }
}
