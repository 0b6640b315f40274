//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ndarray::{Array1, ArrayView1, aview2};

use crate::softmax::{SoftmaxError, logsumexp};
use crate::temperature::softmax_with_temperature;

// ANCHOR: exercise_1
/// Exercise 1: the slope of the log-sum-exp along each logit, by central finite differences.
/// (The answer to compare with: the softmax of the same logits.)
pub fn logsumexp_slopes(logits: ArrayView1<f64>) -> Result<Array1<f64>, SoftmaxError> {
    let h = 1e-6;
    let mut slopes = Array1::zeros(logits.len());
    for j in 0..logits.len() {
        let (mut up, mut down) = (logits.to_owned(), logits.to_owned());
        up[j] += h;
        down[j] -= h;
        slopes[j] = (logsumexp(up.view())? - logsumexp(down.view())?) / (2.0 * h);
    }
    Ok(slopes)
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: where the log-sum-exp of `logits` sits between its bounds, as
/// `(max, logsumexp, max + ln n)`.
pub fn logsumexp_bounds(logits: ArrayView1<f64>) -> Result<(f64, f64, f64), SoftmaxError> {
    let lse = logsumexp(logits)?;
    let max = logits.fold(f64::NEG_INFINITY, |m, &z| m.max(z));
    Ok((max, lse, max + libm::log(logits.len() as f64)))
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the probabilities of `scores` at a very low and a very high temperature.
pub fn cold_and_hot(scores: &[f64; 3]) -> Result<(Array1<f64>, Array1<f64>), SoftmaxError> {
    let row = aview2(std::slice::from_ref(scores));
    let cold = softmax_with_temperature(row, 0.01)?.row(0).to_owned();
    let hot = softmax_with_temperature(row, 1000.0)?.row(0).to_owned();
    Ok((cold, hot))
}
// ANCHOR_END: exercise_3

// ANCHOR: answers
/// The number each exercise asks for, one labelled line each (the program `ch03-answers`).
pub fn print_answers() -> Result<(), SoftmaxError> {
    let z = ndarray::array![2.0, 1.0, -1.0, 0.5];
    let slopes = logsumexp_slopes(z.view())?;
    let probs = crate::softmax::softmax_rows(z.view().insert_axis(ndarray::Axis(0)))?;
    let gap = slopes
        .iter()
        .zip(probs.iter())
        .map(|(s, p)| (s - p).abs())
        .fold(0.0, f64::max);
    println!("exercise 1: slopes of logsumexp at {z}: {slopes:.6}");
    println!(
        "exercise 1: softmax of the same logits:   {:.6}",
        probs.row(0)
    );
    println!(
        "exercise 1: the slopes add up to {:.6}; largest gap to the softmax {gap:.1e}",
        slopes.sum()
    );
    for z in [
        ndarray::array![2.0, 1.0, -1.0],
        ndarray::array![1000.0, 1000.0, 1000.0],
        ndarray::array![50.0, 0.0, -10.0],
    ] {
        let (max, lse, _) = logsumexp_bounds(z.view())?;
        println!(
            "exercise 2: {z}: logsumexp - max = {:.4} (the same f64: {})",
            lse - max,
            lse == max,
        );
    }
    println!("exercise 2: ln K for K = 3: {:.4}", libm::log(3.0));
    let (cold, hot) = cold_and_hot(&[2.0, 1.0, -1.0])?;
    println!("exercise 3: T = 0.01: {cold:.3e}");
    let off = hot
        .iter()
        .map(|p| (p - 1.0 / 3.0).abs())
        .fold(0.0, f64::max);
    println!("exercise 3: T = 1000: {hot:.6}, at most {off:.1e} from a third");
    Ok(())
}
// ANCHOR_END: answers

#[cfg(test)]
mod tests {
    use super::*;
    use crate::softmax::softmax_rows;
    use ndarray::array;

    #[test]
    fn exercise_1_the_slopes_of_logsumexp_are_the_softmax() {
        let z = array![2.0, 1.0, -1.0, 0.5];
        let slopes = logsumexp_slopes(z.view()).unwrap();
        let probs = softmax_rows(z.view().insert_axis(ndarray::Axis(0))).unwrap();
        for (s, p) in slopes.iter().zip(probs.iter()) {
            approx::assert_abs_diff_eq!(s, p, epsilon = 1e-8);
        }
        approx::assert_abs_diff_eq!(slopes.sum(), 1.0, epsilon = 1e-8);
    }

    #[test]
    fn exercise_2_the_logsumexp_is_a_soft_maximum() {
        let (max, lse, top) = logsumexp_bounds(array![2.0, 1.0, -1.0].view()).unwrap();
        assert!(max < lse && lse < top, "{max} {lse} {top}");
        // Equal logits reach the upper bound: 1000 + ln 3.
        let (max, lse, top) = logsumexp_bounds(array![1000.0, 1000.0, 1000.0].view()).unwrap();
        assert_eq!(max, 1000.0);
        approx::assert_relative_eq!(lse, top, max_relative = 1e-15);
        // One logit far above the others: the log-sum-exp is the maximum.
        let (max, lse, _) = logsumexp_bounds(array![50.0, 0.0, -10.0].view()).unwrap();
        approx::assert_relative_eq!(lse, max, max_relative = 1e-15);
    }

    #[test]
    fn exercise_3_cold_picks_the_top_class_and_hot_is_nearly_uniform() {
        let (cold, hot) = cold_and_hot(&[2.0, 1.0, -1.0]).unwrap();
        assert_eq!(cold[0], 1.0);
        assert!(cold[1] < 1e-40 && cold[2] < 1e-40, "{cold}");
        for p in &hot {
            assert!((p - 1.0 / 3.0).abs() < 1e-3, "{hot}");
        }
    }
}
