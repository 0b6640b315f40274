//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use crate::sigmoid::{log_sigmoid, sigmoid};

// ANCHOR: exercise_1
/// Exercise 1: the score that the sigmoid turns into the probability `p`, the inverse of the
/// sigmoid (the *logit*, or log-odds). Defined for `p` strictly between 0 and 1.
pub fn logit(p: f64) -> f64 {
    libm::log(p / (1.0 - p))
}

/// How many `f64` values apart two positive numbers are: 0 when they are the same `f64`, 1 when
/// they are neighbours (one unit in the last place, an *ulp*).
pub fn ulps_apart(a: f64, b: f64) -> u64 {
    a.to_bits().abs_diff(b.to_bits())
}

/// The round trip `σ(logit(p))` for `p` = 0.001, 0.002, ..., 0.999: how many of the 999 come
/// back as exactly the same `f64`, and the most ulps any of them is off by.
pub fn round_trip_from_p() -> (usize, u64) {
    let misses: Vec<u64> = (1..1000)
        .map(|i| f64::from(i) / 1000.0)
        .map(|p| ulps_apart(sigmoid(logit(p)), p))
        .collect();
    let exact = misses.iter().filter(|&&m| m == 0).count();
    (exact, misses.into_iter().max().unwrap_or(0))
}

/// The other way round: how far `logit(σ(z))` lands from the score `z` it started from.
pub fn round_trip_from_z(z: f64) -> f64 {
    logit(sigmoid(z)) - z
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: `ln(1 - σ(z))`, the log-probability of failing, finite for every finite `z`.
/// By the symmetry `1 - σ(z) = σ(-z)`, it is the log-sigmoid of `-z`.
pub fn log_one_minus_sigmoid(z: f64) -> f64 {
    log_sigmoid(-z)
}

/// The same quantity computed the obvious way, for comparison.
pub fn naive_log_one_minus_sigmoid(z: f64) -> f64 {
    libm::log(1.0 - sigmoid(z))
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the largest gap between `σ(z)` and `(1 + tanh(z / 2)) / 2` over a grid of `z`
/// from -20 to 20 in steps of 0.01.
pub fn largest_gap_to_tanh_form() -> f64 {
    (-2000..=2000)
        .map(|i| f64::from(i) / 100.0)
        .map(|z| (sigmoid(z) - (1.0 + libm::tanh(z / 2.0)) / 2.0).abs())
        .fold(0.0, f64::max)
}
// ANCHOR_END: exercise_3

// ANCHOR: answers
/// The number each exercise asks for, one labelled line each (the program `ch02-answers`).
pub fn print_answers() {
    println!("exercise 1: score for a 90% chance {:.4}", logit(0.9));
    let (exact, worst) = round_trip_from_p();
    println!("exercise 1: sigmoid(logit(p)) is p exactly for {exact} of 999 p");
    println!("exercise 1: sigmoid(logit(p)) is at most {worst} ulps from p");
    if let Some(z) = (0..100).find(|&z| sigmoid(f64::from(z)) == 1.0) {
        println!("exercise 1: sigmoid(z) is exactly 1 from z = {z}");
    }
    for z in [-20.0, 10.0, 20.0, 30.0, 36.0, 37.0] {
        println!(
            "exercise 1: logit(sigmoid(z)) - z at z = {z}: {:.3e}",
            round_trip_from_z(z)
        );
    }
    println!(
        "exercise 2: ln(1 - sigmoid(40)): obvious {}, stable {}",
        naive_log_one_minus_sigmoid(40.0),
        log_one_minus_sigmoid(40.0)
    );
    println!(
        "exercise 3: largest gap to the tanh form {:.4e}",
        largest_gap_to_tanh_form()
    );
}
// ANCHOR_END: answers

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn exercise_1_the_logit_undoes_the_sigmoid() {
        // A 90% chance of passing needs a score of ln 9.
        assert_relative_eq!(logit(0.9), libm::log(9.0_f64), max_relative = 1e-14);
        assert_eq!(logit(0.5), 0.0);
        // From p and back: within a few ulps, most of the way exactly.
        let (exact, worst) = round_trip_from_p();
        assert!(
            exact > 500 && worst <= 4,
            "{exact} exact, worst {worst} ulps"
        );
        // From z and back: exact for negative scores, where σ(z) keeps its digits; for large
        // positive scores σ(z) crowds against 1 and the difference 1 - σ(z) keeps fewer and
        // fewer of them, until σ(37) is 1 and the logit infinite.
        assert_eq!(round_trip_from_z(-20.0), 0.0);
        assert!(round_trip_from_z(10.0).abs() < 1e-11);
        assert!(round_trip_from_z(30.0).abs() > 1e-4);
        assert_eq!(round_trip_from_z(37.0), f64::INFINITY);
    }

    #[test]
    fn exercise_2_the_stable_form_stays_finite() {
        // 1 - σ(40) rounds to 0 in f64, so the obvious form gives -inf; the true value is
        // -40 - ln(1 + e^-40) = -40.000000000000000004 (mpmath), which is -40 in f64.
        assert_eq!(naive_log_one_minus_sigmoid(40.0), f64::NEG_INFINITY);
        assert_eq!(log_one_minus_sigmoid(40.0), -40.0);
        for z in [-5.0, -0.3, 0.0, 2.0, 9.0] {
            assert_relative_eq!(
                log_one_minus_sigmoid(z),
                naive_log_one_minus_sigmoid(z),
                max_relative = 1e-12
            );
        }
    }

    #[test]
    fn exercise_3_the_tanh_form_is_the_same_function() {
        // A few units of rounding of numbers below 1: 2^-52 here.
        assert!(
            largest_gap_to_tanh_form() <= f64::EPSILON,
            "{}",
            largest_gap_to_tanh_form()
        );
    }
}
