//! How far apart two `f64` values are, counted in ulps, and the exact values of the book's
//! reference set to count against.

// ANCHOR: ulps
/// The number of steps from `a` to `b` on the ladder of `f64` values: 0 when they are equal,
/// 1 when they are neighbours. One step is one *ulp* (unit in the last place), the gap between
/// a number and the next; it grows with the size of the number.
pub fn ulps_between(a: f64, b: f64) -> u64 {
    if a == b {
        return 0;
    }
    if !(a.is_finite() && b.is_finite()) {
        return u64::MAX;
    }
    // The bits of a positive f64, read as an integer, count the values below it; a negative
    // one is counted down from 0.
    let rank = |x: f64| {
        let bits = x.abs().to_bits() as i64;
        if x < 0.0 { -bits } else { bits }
    };
    (rank(a) - rank(b)).unsigned_abs()
}

/// The gap between `x` and the next `f64` away from 0: one ulp of `x`. For finite `x`.
pub fn ulp(x: f64) -> f64 {
    let x = x.abs();
    f64::from_bits(x.to_bits() + 1) - x
}
// ANCHOR_END: ulps

/// The book's reference set: inputs of every loss and activation function with the exact
/// result, correctly rounded to `f64`, computed with mpmath (`tools/reference-checks/exact`).
const REFERENCE: &str = include_str!("../../../tools/reference-checks/exact/reference.tsv");

/// The cases of `function` in the reference set with a single list argument: each as the
/// list and the exact result.
pub fn reference_cases(function: &str) -> Vec<(Vec<f64>, Vec<f64>)> {
    let numbers = |s: &str| -> Vec<f64> {
        s.split(',')
            .map(|v| v.parse().expect("the reference set holds numbers"))
            .collect()
    };
    REFERENCE
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                [f, _tag, args, "=>", result] if *f == function => {
                    Some((numbers(args), numbers(result)))
                }
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_are_one_ulp_apart() {
        assert_eq!(ulps_between(1.0, 1.0), 0);
        assert_eq!(ulps_between(1.0, 1.0 + f64::EPSILON), 1);
        assert_eq!(ulps_between(-0.0, 0.0), 0);
        assert_eq!(ulps_between(-5e-324, 5e-324), 2);
        assert_eq!(ulps_between(1.0, 2.0), 1 << 52);
        assert_eq!(ulps_between(f64::INFINITY, f64::MAX), u64::MAX);
        assert_eq!(ulp(1.0), f64::EPSILON);
        assert_eq!(ulp(-1000.0), 1.0 / (1u64 << 43) as f64);
    }

    #[test]
    fn the_reference_set_has_the_chapters_example() {
        let cases = reference_cases("log_softmax_rows");
        assert!(cases.len() >= 300);
        let (_, exact) = cases
            .iter()
            .find(|(z, _)| z == &[1000.0, 1000.0, 1000.0])
            .expect("the example row");
        assert_eq!(exact, &vec![-1.098_612_288_668_109_8; 3]);
    }
}
