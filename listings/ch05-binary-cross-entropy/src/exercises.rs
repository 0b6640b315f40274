//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ch02_sigmoid::sigmoid;
use ndarray::{Array1, ArrayView1, array};

use crate::bce::bce;
use crate::error::LossError;
use crate::likelihood::{MODEL_A, class_of, likelihood, likelihood_f32};

// ANCHOR: exercise_1
/// Exercise 1: the mean binary cross-entropy of a model that ignores its input and gives every
/// sample the same probability `p` of the label 1.
pub fn constant_model_loss(p: f64, targets: ArrayView1<f64>) -> Result<f64, LossError> {
    bce(Array1::from_elem(targets.len(), p).view(), targets)
}

/// The best such constant on the grid p = 0.001, 0.002, ..., 0.999, and its loss.
pub fn best_constant(targets: ArrayView1<f64>) -> Result<(f64, f64), LossError> {
    let mut best = (0.0, f64::INFINITY);
    for i in 1..1000 {
        let p = f64::from(i) / 1000.0;
        let loss = constant_model_loss(p, targets)?;
        if loss < best.1 {
            best = (p, loss);
        }
    }
    Ok(best)
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: the smallest class of model A's students (its four probabilities repeated) whose
/// likelihood, computed as a product, is exactly 0: in `f64`, and in `f32`.
pub fn first_zero_product() -> (Option<usize>, Option<usize>) {
    let double = (1..2000).find(|&n| likelihood(&class_of(&MODEL_A, n)) == 0.0);
    let single = (1..2000).find(|&n| likelihood_f32(&class_of(&MODEL_A, n)) == 0.0);
    (double, single)
}

/// The prediction: the product is about `e^(-n m)`, with `m` the mean of `-ln p` over the four
/// students, and it rounds to 0 once that falls below half the smallest positive number.
pub fn predicted_first_zero(smallest_positive: f64) -> f64 {
    let m = MODEL_A.iter().map(|&p| -libm::log(p)).sum::<f64>() / 4.0;
    // ln(smallest / 2), written so that halving the smallest f64 does not round to 0.
    (libm::log(2.0) - libm::log(smallest_positive)) / m
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the smallest whole logit `z` at which `bce(σ(z), 0)` is infinite, because
/// `σ(z)` has rounded to exactly 1.
pub fn first_infinite_logit() -> Option<u32> {
    (0..100).find(|&z| {
        bce(array![sigmoid(f64::from(z))].view(), array![0.0].view())
            .is_ok_and(|loss| loss.is_infinite())
    })
}

/// The same in single precision, the frameworks' default: the smallest whole `z` at which
/// `1 / (1 + e^(-z))`, computed in `f32`, is exactly 1.
pub fn first_f32_sigmoid_of_one() -> Option<u32> {
    (0..100).find(|&z| 1.0_f32 / (1.0 + libm::expf(-(z as f32))) == 1.0)
}
// ANCHOR_END: exercise_3

// ANCHOR: answers
/// The number each exercise asks for, one labelled line each (the program `ch05-answers`).
pub fn print_answers() -> Result<(), LossError> {
    // The labels of the article's ten-sample PyTorch example (see `frameworks`).
    let targets = Array1::from(crate::frameworks::Y.to_vec());
    let share = targets.sum() / targets.len() as f64;
    let (p, loss) = best_constant(targets.view())?;
    println!("exercise 1: share of label 1: {share:.4}");
    println!("exercise 1: best constant p = {p:.4}");
    println!("exercise 1: its loss {loss:.4} nats");

    println!(
        "exercise 2: ln of the smallest positive f32 {:.4}",
        libm::log(f64::from(f32::from_bits(1)))
    );
    let (double, single) = first_zero_product();
    if let (Some(double), Some(single)) = (double, single) {
        println!(
            "exercise 2: f64: predicted first zero at {:.2} students",
            predicted_first_zero(f64::from_bits(1))
        );
        println!("exercise 2: f64: first zero product at {double} students");
        println!(
            "exercise 2: f32: predicted first zero at {:.2} students",
            predicted_first_zero(f64::from(f32::from_bits(1)))
        );
        println!("exercise 2: f32: first zero product at {single} students");
    }

    if let (Some(double), Some(single)) = (first_infinite_logit(), first_f32_sigmoid_of_one()) {
        println!("exercise 3: f64: bce(sigmoid(z), 0) is infinite from z = {double}");
        println!("exercise 3: f32: sigmoid(z) is exactly 1 from z = {single}");
    }
    Ok(())
}
// ANCHOR_END: answers

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn exercise_1_the_best_constant_is_the_share_of_ones() {
        // By calculus: dL/dp = -(r / p) + (1 - r) / (1 - p) = 0 at p = r, the share of ones,
        // and the loss there is the entropy of a coin with bias r, in nats.
        let targets = Array1::from(crate::frameworks::Y.to_vec());
        let r = targets.sum() / targets.len() as f64;
        let (p, loss) = best_constant(targets.view()).unwrap();
        assert_eq!(p, r);
        let entropy = -(r * libm::log(r) + (1.0 - r) * libm::log(1.0 - r));
        assert_relative_eq!(loss, entropy, max_relative = 1e-14);
        // Any other constant does worse, and so does nothing but the data's own mix.
        for q in [0.1, 0.25, 0.35, 0.5] {
            assert!(constant_model_loss(q, targets.view()).unwrap() > loss);
        }
    }

    #[test]
    fn exercise_2_the_prediction_is_close() {
        let (double, single) = first_zero_product();
        let (double, single) = (double.unwrap() as f64, single.unwrap() as f64);
        // The prediction ignores the order of the factors and the rounding of each product
        // among the subnormal numbers; rounded up, it is right for this model.
        assert_eq!(double, libm::ceil(predicted_first_zero(f64::from_bits(1))));
        assert_eq!(
            single,
            libm::ceil(predicted_first_zero(f64::from(f32::from_bits(1))))
        );
        // Consistent with the chapter's table: 0 at 100 students in f32, at 1000 in f64.
        assert!(single <= 100.0 && double > 400.0 && double <= 1000.0);
    }

    #[test]
    fn exercise_3_sigmoid_reaches_one_at_37_in_f64_and_17_in_f32() {
        assert_eq!(first_infinite_logit(), Some(37));
        // e^-17 = 4.1e-8 is below half the gap between 1 and the next f32 (1.2e-7), e^-16 is not.
        assert_eq!(first_f32_sigmoid_of_one(), Some(17));
    }
}
