//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use crate::hill::{descend, height};
use crate::line::{Line, START};
use crate::loss::wrong_side;
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
/// Exercise 3, by hand: the slope of the wrong-side loss in the bias `b`. Raising `b` by a
/// little raises every score by as much, so each failed student on the pass side costs that
/// much more and each passed student on the fail side that much less. (A student exactly on
/// the line is where the slope jumps.)
pub fn slope_in_b(line: &Line) -> f64 {
    let failed_on_pass_side = CLASS
        .iter()
        .filter(|s| !s.passed && line.score(s) > 0.0)
        .count();
    let passed_on_fail_side = CLASS
        .iter()
        .filter(|s| s.passed && line.score(s) < 0.0)
        .count();
    failed_on_pass_side as f64 - passed_on_fail_side as f64
}

/// Exercise 3, checked: the wrong-side loss with the starting line's weights, on a grid of `b`
/// from -12 to -4 in steps of 0.01. Returns the smallest loss on the grid and the first and
/// last `b` where the loss is that small.
pub fn lowest_loss_along_b() -> (f64, f64, f64) {
    let loss_at = |b: f64| wrong_side(&Line { b, ..START }, &CLASS);
    let grid: Vec<f64> = (-1200..=-400).map(|i| f64::from(i) / 100.0).collect();
    let lowest = grid
        .iter()
        .map(|&b| loss_at(b))
        .fold(f64::INFINITY, f64::min);
    // Sums of scores round differently at different b; "as small" allows for that.
    let at_lowest: Vec<f64> = grid
        .into_iter()
        .filter(|&b| loss_at(b) <= lowest + 1e-9)
        .collect();
    (lowest, at_lowest[0], at_lowest[at_lowest.len() - 1])
}
// ANCHOR_END: exercise_3

// ANCHOR: answers
/// The number each exercise asks for, one labelled line each (the program `ch01-answers`).
pub fn print_answers() {
    println!(
        "exercise 1: slope in w_practice {:.4}",
        wrong_side_slope_in_w_practice()
    );
    let rates = [0.4, 0.9, 1.1];
    for (lr, h) in rates.iter().zip(heights_after_ten_steps(&rates)) {
        println!(
            "exercise 2: rate {lr}: y multiplied by {:.1} each step",
            1.0 - 2.0 * lr
        );
        println!("exercise 2: rate {lr}: height after 10 steps {h:.4}");
    }
    let without_b = |passed: bool| {
        let mut scores: Vec<f64> = CLASS
            .iter()
            .filter(|s| s.passed == passed)
            .map(|s| START.w_hours * s.hours + START.w_practice * s.practice)
            .collect();
        scores.sort_by(f64::total_cmp);
        scores
    };
    let show = |scores: Vec<f64>| scores.iter().map(|s| format!("{s:.1}")).collect::<Vec<_>>();
    println!(
        "exercise 3: passed students' scores without b, lowest first: {}",
        show(without_b(true)).join(" ")
    );
    let mut failed = without_b(false);
    failed.reverse();
    println!(
        "exercise 3: failed students' scores without b, highest first: {}",
        show(failed).join(" ")
    );
    for b in [-9.0, -8.0, -6.0] {
        println!(
            "exercise 3: slope in b at b = {b}: {}",
            slope_in_b(&Line { b, ..START })
        );
    }
    let (lowest, from, to) = lowest_loss_along_b();
    println!("exercise 3: lowest loss {lowest:.4}, for b from {from:.2} to {to:.2}");
}
// ANCHOR_END: answers

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
        // By hand: after ten steps x = -4 (1 - lr/2)^10 and y = 2.5 (1 - 2 lr)^10.
        for (lr, &got) in [0.4, 0.9, 1.1].into_iter().zip(&h) {
            let x = -4.0 * libm::pow(1.0 - lr / 2.0, 10.0);
            let y = 2.5 * libm::pow(1.0 - 2.0 * lr, 10.0);
            approx::assert_relative_eq!(got, x * x / 4.0 + y * y, max_relative = 1e-12);
        }
        assert!(h[2] > 10.25, "a learning rate of 1.1 climbs: {h:?}");
    }

    #[test]
    fn exercise_3_the_counting_slope_is_the_slope() {
        let loss_at = |b: f64| wrong_side(&Line { b, ..START }, &CLASS);
        let h = 1e-4;
        // Points where no student sits on the line.
        for b in [-11.3, -9.2, -8.7, -8.2, -7.6, -7.2, -6.7, -5.1] {
            let line = Line { b, ..START };
            let fd = (loss_at(b + h) - loss_at(b - h)) / (2.0 * h);
            approx::assert_abs_diff_eq!(slope_in_b(&line), fd, epsilon = 1e-6);
        }
    }

    #[test]
    fn exercise_3_the_minimum_is_flat_from_minus_8_5_to_minus_7() {
        // By hand: the slope is 0 between the passed student scoring 7 + b and the failed one
        // scoring 8.5 + b, and the loss there is (-(7 + b)) + (8.5 + b) = 1.5.
        let (lowest, from, to) = lowest_loss_along_b();
        approx::assert_abs_diff_eq!(lowest, 1.5, epsilon = 1e-12);
        assert_eq!((from, to), (-8.5, -7.0));
        assert_eq!(slope_in_b(&Line { b: -7.8, ..START }), 0.0);
    }
}
