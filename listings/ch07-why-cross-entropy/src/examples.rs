//! The worked examples of Chapters 5 and 6, in the form this chapter needs them.

pub use ch06_categorical_cross_entropy::fruit::{CORRECT, FRUITS, PREDICTED};

// ANCHOR: students
/// Chapter 5's four students: 1 if the student passed, 0 if not.
pub const PASSED: [f64; 4] = [0.0, 0.0, 1.0, 1.0];

/// The probability of a pass that models A and B give each student. (Chapter 5 lists the
/// probability of what happened, which for the two students who failed is one minus this.)
pub const PASS_PROBS: [(&str, [f64; 4]); 2] =
    [("A", [0.9, 0.3, 0.6, 0.2]), ("B", [0.2, 0.4, 0.7, 0.9])];
// ANCHOR_END: students

#[cfg(test)]
mod tests {
    use super::*;
    use ch05_binary_cross_entropy::likelihood::{MODEL_A, MODEL_B};

    #[test]
    fn the_students_are_chapter_5s() {
        for ((_, pass), what_happened) in PASS_PROBS.iter().zip([MODEL_A, MODEL_B]) {
            for ((&p, &y), &q) in pass.iter().zip(&PASSED).zip(&what_happened) {
                let p_of_outcome = if y == 1.0 { p } else { 1.0 - p };
                approx::assert_abs_diff_eq!(p_of_outcome, q, epsilon = 1e-15);
            }
        }
    }
}
