//! A CSV of the reader's own kind: Chapter 1's class of students, grown to a few hundred, with
//! other columns than the churn file and in another order, written by this generator.

use std::fmt::Write;

use ch02_sigmoid::sigmoid;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The committed `data/students.csv`: how many students, and the seed that drew them.
pub const STUDENTS: usize = 400;
pub const STUDENTS_SEED: u64 = 1;

/// The courses, and how much each moves the log-odds of passing.
const COURSES: [(&str, f64); 3] = [("evening", -0.5), ("morning", 0.0), ("online", -1.0)];

// ANCHOR: students
/// `n` students as CSV text: the result first (`pass` or `fail`), then the hours studied, the
/// course, and the practice exam's score out of 10. The log-odds of passing follow Chapter 1's
/// line, `0.5 · hours + practice − 8`, plus a term for the course.
pub fn students_csv(n: usize, seed: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut csv = String::from("result,hours,course,practice\n");
    for _ in 0..n {
        let hours = (rng.random::<f64>() * 120.0).round() / 10.0; // 0.0 to 12.0
        let practice = (rng.random::<f64>() * 100.0).round() / 10.0; // 0.0 to 10.0
        let (course, effect) = COURSES[rng.random_range(0..COURSES.len())];
        let z = 0.5 * hours + practice - 8.0 + effect;
        let result = if rng.random::<f64>() < sigmoid(z) {
            "pass"
        } else {
            "fail"
        };
        let _ = writeln!(csv, "{result},{hours:.1},{course},{practice:.1}");
    }
    csv
}
// ANCHOR_END: students

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_class() {
        assert_eq!(students_csv(20, 3), students_csv(20, 3));
        assert_ne!(students_csv(20, 3), students_csv(20, 4));
        assert_eq!(students_csv(5, 1).lines().count(), 6);
    }
}
