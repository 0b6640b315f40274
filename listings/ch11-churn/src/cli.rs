//! Checks for the programs' options. Given to clap as `value_parser`s, they turn a bad value
//! into clap's usage error (exit code 2) before the program starts.

// ANCHOR: parsers
/// A count that must be at least 1: epochs, rows per batch, customers to draw.
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(v) if v >= 1 => Ok(v),
        _ => Err(format!("{text:?} is not a whole number of at least 1")),
    }
}

/// A learning rate: a finite number above 0.
pub fn positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("{text:?} is not a positive number")),
    }
}
// ANCHOR_END: parsers

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_start_at_one() {
        assert_eq!(at_least_one("1"), Ok(1));
        assert_eq!(at_least_one("32"), Ok(32));
        for bad in ["0", "-1", "2.5", "", "ten"] {
            assert!(at_least_one(bad).is_err(), "{bad}");
        }
        assert_eq!(
            at_least_one("0"),
            Err("\"0\" is not a whole number of at least 1".to_string())
        );
    }

    #[test]
    fn a_learning_rate_is_finite_and_above_zero() {
        assert_eq!(positive("0.001"), Ok(0.001));
        assert_eq!(positive("1e300"), Ok(1e300));
        for bad in ["0", "-0.1", "NaN", "inf", "1e400", "fast"] {
            assert!(positive(bad).is_err(), "{bad}");
        }
    }
}
