//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use crate::hill::{descend, height};
use crate::line::{Line, START};
use crate::loss::{misclassified, wrong_side};
use crate::students::CLASS;

// ANCHOR: exercise_1
/// Exercise 1: the rate at which the wrong-side loss changes when only `w_practice` moves,
/// measured by a small step either way.
pub fn wrong_side_slope_in_w_practice() -> f64 {
    let h = 1e-3;
    let at = |w_practice| {
        wrong_side(
            &Line {
                w_practice,
                ..START
            },
            &CLASS,
        )
    };
    (at(START.w_practice + h) - at(START.w_practice - h)) / (2.0 * h)
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: the height after ten steps of each learning rate, from the chapter's start.
pub fn heights_after_ten_steps(rates: &[f64]) -> Vec<f64> {
    rates
        .iter()
        .map(|&lr| {
            let &(x, y) = descend((-4.0, 2.5), lr, 10)
                .last()
                .expect("the path holds the start");
            height(x, y)
        })
        .collect()
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: a line that gets no student wrong, found by lowering `b` in steps of 0.05
/// from the line `hours + practice - 8 = 0`. Returns the line and its two scores.
pub fn a_line_with_no_mistakes() -> (Line, usize, f64) {
    let mut line = Line {
        w_hours: 1.0,
        w_practice: 1.0,
        b: -8.0,
    };
    while misclassified(&line, &CLASS) > 0 {
        line.b -= 0.05;
        assert!(line.b > -20.0, "no such line along b");
    }
    (
        line,
        misclassified(&line, &CLASS),
        wrong_side(&line, &CLASS),
    )
}
// ANCHOR_END: exercise_3

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercise_1_the_loss_grows_with_w_practice() {
        // Two students count: the passed one at practice 3 and the failed one at 7.5.
        approx::assert_relative_eq!(
            wrong_side_slope_in_w_practice(),
            7.5 - 3.0,
            max_relative = 1e-9
        );
    }

    #[test]
    fn exercise_2_too_long_a_step_climbs_instead() {
        let h = heights_after_ten_steps(&[0.4, 0.9, 1.1]);
        assert!(h[0] < 0.05 && h[1] < h[0] * 10.0, "{h:?}");
        assert!(
            h[2] > 10.25,
            "a learning rate of 1.1 should overshoot along y: {h:?}"
        );
    }

    #[test]
    fn exercise_3_a_separating_line_has_zero_loss() {
        let (line, mistakes, loss) = a_line_with_no_mistakes();
        assert_eq!(mistakes, 0);
        assert_eq!(loss, 0.0, "no mistakes, no loss: {line:?}");
        assert!(line.b < -9.5 && line.b > -11.0, "{line:?}");
    }
}
