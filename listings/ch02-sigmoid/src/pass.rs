//! Chapter 1's line, speaking in probabilities.

use ch01_loss_functions::line::Line;
use ch01_loss_functions::students::Student;

use crate::sigmoid::sigmoid;

// ANCHOR: pass_probability
/// The probability that `student` passes, according to `line`: the sigmoid of the line's score.
///
/// A score of 0 (on the line) is a coin toss, 0.5; the further a student sits on the pass
/// side, the closer to 1, and on the fail side, the closer to 0.
pub fn pass_probability(line: &Line, student: &Student) -> f64 {
    sigmoid(line.score(student))
}
// ANCHOR_END: pass_probability

#[cfg(test)]
mod tests {
    use super::*;
    use ch01_loss_functions::line::START;
    use ch01_loss_functions::students::CLASS;

    #[test]
    fn the_prediction_agrees_with_chapter_1_on_every_student() {
        for s in &CLASS {
            assert_eq!(
                pass_probability(&START, s) > 0.5,
                START.predicts_pass(s),
                "{s:?}"
            );
        }
    }
}
