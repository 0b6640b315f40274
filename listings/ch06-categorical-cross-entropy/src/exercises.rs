//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ch01_loss_functions::line::Line;
use ch01_loss_functions::loss::wrong_side;
use ch01_loss_functions::students::CLASS;
use ndarray::array;

use crate::LossError;
use crate::cross_entropy::cross_entropy_with_logits;
use crate::hinge::hinge;
use crate::options::{CrossEntropyOptions, Reduced, cross_entropy_with_options};

// ANCHOR: exercise_1
/// Exercise 1: the margin of each of Chapter 1's students under `line`: the label, +1 for a
/// pass and -1 for a fail, times the line's score.
pub fn margins(line: &Line) -> Vec<f64> {
    CLASS
        .iter()
        .map(|s| if s.passed { 1.0 } else { -1.0 } * line.score(s))
        .collect()
}

/// The class's hinge loss and its wrong-side loss (the hinge with margin 0) under `line`,
/// each summed over the students, and how many students sit on the right side but closer to
/// the line than a margin of 1.
pub fn hinge_against_wrong_side(line: &Line) -> (f64, f64, usize) {
    let margins = margins(line);
    let hinge_total = margins.iter().map(|&m| hinge(m)).sum();
    let inside = margins.iter().filter(|&&m| m > 0.0 && m < 1.0).count();
    (hinge_total, wrong_side(line, &CLASS), inside)
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: a confident, correct prediction without and with label smoothing 0.1.
pub fn smoothing_keeps_a_floor() -> Result<(f64, f64), LossError> {
    let logits = array![[10.0, 0.0, 0.0]];
    let plain = cross_entropy_with_logits(logits.view(), &[0])?;
    Ok((plain, smoothed_loss(10.0, 0.1)?))
}

/// The loss, with label smoothing `epsilon`, of the logits `[gap, 0, 0]` for the target class 0.
pub fn smoothed_loss(gap: f64, epsilon: f64) -> Result<f64, LossError> {
    let options = CrossEntropyOptions {
        label_smoothing: epsilon,
        ..Default::default()
    };
    match cross_entropy_with_options(array![[gap, 0.0, 0.0]].view(), &[0], &options)? {
        Reduced::Total(loss) => Ok(loss),
        Reduced::PerSample(_) => unreachable!("the default reduction is the mean"),
    }
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the gap between the target's logit and the others' that minimizes the smoothed
/// loss of `[gap, 0, 0]`, found by ternary search on [0, 20] (the loss is convex in the
/// logits), and the loss there.
pub fn best_smoothed_gap(epsilon: f64) -> Result<(f64, f64), LossError> {
    let (mut lo, mut hi) = (0.0, 20.0);
    for _ in 0..200 {
        let (a, b) = (lo + (hi - lo) / 3.0, hi - (hi - lo) / 3.0);
        if smoothed_loss(a, epsilon)? < smoothed_loss(b, epsilon)? {
            hi = b;
        } else {
            lo = a;
        }
    }
    let gap = 0.5 * (lo + hi);
    Ok((gap, smoothed_loss(gap, epsilon)?))
}
// ANCHOR_END: exercise_3

// ANCHOR: answers
/// The number each exercise asks for, one labelled line each (the program `ch06-answers`).
pub fn print_answers() -> Result<(), LossError> {
    let start = ch01_loss_functions::line::START;
    let zero = Line {
        w_hours: 0.0,
        w_practice: 0.0,
        b: 0.0,
    };
    for (name, line) in [("starting line", start), ("zero line", zero)] {
        let (hinge_total, wrong, inside) = hinge_against_wrong_side(&line);
        println!("exercise 1: {name}: hinge {hinge_total:.2}, wrong-side {wrong:.2}");
        println!("exercise 1: {name}: {inside} students on the right side inside the margin");
    }
    let inside: Vec<String> = margins(&start)
        .into_iter()
        .filter(|&m| m > 0.0 && m < 1.0)
        .map(|m| format!("{m:.1}"))
        .collect();
    println!("exercise 1: their margins: {}", inside.join(" "));

    let (plain, smoothed) = smoothing_keeps_a_floor()?;
    println!("exercise 2: logits [10, 0, 0]: loss {plain:.4e} without smoothing");
    println!("exercise 2: logits [10, 0, 0]: loss {smoothed:.4} with smoothing 0.1");

    let (gap, loss) = best_smoothed_gap(0.1)?;
    let target = [1.0 - 0.1 + 0.1 / 3.0, 0.1 / 3.0, 0.1 / 3.0];
    let entropy: f64 = target.iter().map(|t| -t * libm::log(*t)).sum();
    let ratio = 2.0 * target[0] / (1.0 - target[0]);
    println!("exercise 3: smoothed target {target:.6?}");
    println!(
        "exercise 3: 2 t0 / (1 - t0) = {ratio:.4}, its logarithm {:.4}",
        libm::log(ratio)
    );
    println!("exercise 3: the search's gap {gap:.4}");
    println!("exercise 3: loss at that gap {loss:.4}");
    println!("exercise 3: entropy of the smoothed target {entropy:.4}");
    Ok(())
}
// ANCHOR_END: answers

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn exercise_1_the_margin_charges_the_line_that_decides_nothing() {
        let start = ch01_loss_functions::line::START;
        // By hand: margins 2, 0.5, 2, 2.5, 0.5, 1.5, -1 (passed) and 4, 1.5, 1.5, 2, 3.5, 2,
        // -0.5 (failed); the hinge adds 0.5 + 0.5 + 2 + 1.5.
        let (hinge_total, wrong, inside) = hinge_against_wrong_side(&start);
        assert_relative_eq!(hinge_total, 4.5, max_relative = 1e-12);
        assert_relative_eq!(wrong, 1.5, max_relative = 1e-12);
        assert_eq!(inside, 2);
        let zero = Line {
            w_hours: 0.0,
            w_practice: 0.0,
            b: 0.0,
        };
        assert_eq!(hinge_against_wrong_side(&zero), (14.0, 0.0, 0));
    }

    #[test]
    fn exercise_2_smoothing_never_lets_the_loss_reach_zero() {
        let (plain, smoothed) = smoothing_keeps_a_floor().unwrap();
        // python3: log(1 + 2 exp(-10)) = 9.079573746239527e-05
        assert_relative_eq!(plain, 9.079573746239527e-05, max_relative = 1e-10);
        assert!(smoothed > 0.6, "{smoothed}");
    }

    #[test]
    fn exercise_3_the_smoothed_minimum_is_at_ln_28() {
        // By hand: L(g) = ln(e^g + 2) - t g with t = 1 - ε + ε/3, whose slope
        // e^g / (e^g + 2) - t vanishes at e^g = 2t / (1 - t) = 28 for ε = 0.1.
        // Near its minimum the loss is flat to within rounding over about 1e-8 of the gap,
        // which bounds what the search can resolve.
        let (gap, loss) = best_smoothed_gap(0.1).unwrap();
        assert_relative_eq!(gap, libm::log(28.0), max_relative = 1e-7);
        // The loss there is the entropy of the smoothed target, its lowest possible value.
        let t = [1.0 - 0.1 + 0.1 / 3.0, 0.1 / 3.0, 0.1 / 3.0];
        let entropy: f64 = t.iter().map(|x: &f64| -x * libm::log(*x)).sum();
        assert_relative_eq!(loss, entropy, max_relative = 1e-12);
        // A more confident model pays more, a less confident one too.
        assert!(smoothed_loss(10.0, 0.1).unwrap() > loss + 0.3);
        assert!(smoothed_loss(1.0, 0.1).unwrap() > loss);
    }
}
