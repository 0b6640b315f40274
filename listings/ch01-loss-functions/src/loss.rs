//! Two ways to say how bad a line is.

use crate::line::Line;
use crate::students::Student;

// ANCHOR: misclassified
/// The discrete error: how many students the line puts on the wrong side.
pub fn misclassified(line: &Line, students: &[Student]) -> usize {
    students
        .iter()
        .filter(|s| line.predicts_pass(s) != s.passed)
        .count()
}
// ANCHOR_END: misclassified

// ANCHOR: wrong_side
/// A continuous loss: the total score by which students sit on the wrong side.
///
/// A student who passed should score above zero, so a negative score costs its size; a
/// student who failed should score below zero, so a positive score costs its size. Students on
/// the right side cost nothing.
pub fn wrong_side(line: &Line, students: &[Student]) -> f64 {
    students
        .iter()
        .map(|s| {
            let sign = if s.passed { 1.0 } else { -1.0 };
            (-sign * line.score(s)).max(0.0)
        })
        .sum()
}
// ANCHOR_END: wrong_side

#[cfg(test)]
mod tests {
    use super::*;
    use crate::line::START;
    use crate::students::CLASS;

    #[test]
    fn the_starting_line_gets_two_students_wrong() {
        assert_eq!(misclassified(&START, &CLASS), 2);
        approx::assert_abs_diff_eq!(wrong_side(&START, &CLASS), 1.5, epsilon = 1e-12);
    }

    #[test]
    fn a_line_that_separates_the_class_has_zero_loss() {
        let line = Line {
            w_hours: 1.0,
            w_practice: 1.0,
            b: -10.0,
        };
        assert_eq!(misclassified(&line, &CLASS), 0);
        assert_eq!(wrong_side(&line, &CLASS), 0.0);
    }
}
