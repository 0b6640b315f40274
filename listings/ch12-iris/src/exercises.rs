//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ch04_entropy::{Base, entropy};
use ch11_churn::TrainError;
use ch11_churn::dataset::Dataset;
use ch11_churn::head::{BinaryHead, Head};
use ch11_churn::metrics::ConfusionMatrix;
use ch11_churn::run::{fit, mean_min_max, over_seeds};
use ch11_churn::synth::churn_dataset;
use ch11_churn::train::ARTICLE_CHURN;

use crate::head::SoftmaxHead;
use crate::setup::{ARTICLE_IRIS, with_features};

// ANCHOR: exercise_1
/// Exercise 1: the macro-averaged F1 score, the mean over the classes of each class's F1.
/// `None` when some class has no F1 (it is neither present nor predicted).
pub fn macro_f1(m: &ConfusionMatrix) -> Option<f64> {
    let mut sum = 0.0;
    for k in 0..m.classes() {
        sum += m.f1(k)?;
    }
    Some(sum / m.classes() as f64)
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: the test flower the seed-42 model is least sure about, by the entropy of its
/// predicted probabilities (Chapter 4): its row of the file (counting from 1 after the
/// header), its species, and the entropy in nats.
pub fn least_certain_flower(iris: &Dataset) -> Result<(usize, String, f64), TrainError> {
    let run = fit(iris, &SoftmaxHead, &ARTICLE_IRIS)?;
    let doubt = |i: usize| entropy(&run.test.probs.row(i).to_vec(), Base::Nats).unwrap_or(0.0);
    let n = run.test.predicted.len();
    let most = (0..n).fold(0, |best, i| if doubt(i) > doubt(best) { i } else { best });
    let species = run.prepared.classes[run.prepared.test.y[most]].clone();
    Ok((run.prepared.rows.test[most] + 1, species, doubt(most)))
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the mean test accuracy over seeds 0 to 9 of the article's setup trained on
/// some of the measurements only.
pub fn mean_accuracy_with(iris: &Dataset, features: &[&str]) -> Result<f64, TrainError> {
    let some = with_features(iris, features);
    let runs = over_seeds(&some, &SoftmaxHead, &ARTICLE_IRIS, 0..10)?;
    let accuracies: Vec<f64> = runs.iter().map(|r| r.test.confusion.accuracy()).collect();
    Ok(mean_min_max(&accuracies).0)
}
// ANCHOR_END: exercise_3

// ANCHOR: exercise_4
/// Exercise 4: the churn data trained with two heads from the same seed, the sigmoid head of
/// Chapter 11 (one logit) and the softmax head (two logits). Returns both test losses.
pub fn two_heads_on_churn() -> Result<(f64, f64), TrainError> {
    let churn = churn_dataset()?;
    let sigmoid = fit(&churn, &BinaryHead, &ARTICLE_CHURN)?;
    let softmax = fit(&churn, &SoftmaxHead, &ARTICLE_CHURN)?;
    Ok((sigmoid.test.loss, softmax.test.loss))
}

/// The identity behind it: the softmax of two logits `(a, b)` gives class 1 the probability
/// σ(b − a), so two logits carry no more than their difference.
pub fn softmax_of_two_is_a_sigmoid(a: f64, b: f64) -> (f64, f64) {
    let two = ndarray::array![[a, b]];
    let one = ndarray::array![[b - a]];
    (
        SoftmaxHead.probs(two.view())[[0, 1]],
        BinaryHead.probs(one.view())[[0, 1]],
    )
}
// ANCHOR_END: exercise_4

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::iris_dataset;

    #[test]
    fn exercise_1_macro_f1_by_hand() {
        // Per class: (precision, recall) = (1, 2/3), (2/3, 2/3), (2/3, 1): F1 = 0.8, 2/3, 0.8.
        let m = ConfusionMatrix::new(&[0, 0, 0, 1, 1, 1, 2, 2], &[0, 0, 1, 1, 1, 2, 2, 2], 3);
        approx::assert_relative_eq!(
            macro_f1(&m).unwrap(),
            (0.8 + 2.0 / 3.0 + 0.8) / 3.0,
            max_relative = 1e-12
        );
        let perfect = ConfusionMatrix::new(&[0, 1, 2], &[0, 1, 2], 3);
        assert_eq!(macro_f1(&perfect), Some(1.0));
        let no_two = ConfusionMatrix::new(&[0, 1, 1], &[0, 1, 1], 3);
        assert_eq!(macro_f1(&no_two), None);
    }

    #[test]
    fn exercise_2_the_least_certain_flower_heads_iris_trains_table() {
        let iris = iris_dataset().unwrap();
        let (row, species, doubt) = least_certain_flower(&iris).unwrap();
        assert!(
            doubt > 0.0 && doubt <= libm::log(3.0_f64) + 1e-12,
            "{doubt}"
        );
        assert_ne!(species, "setosa");
        // The same flower opens the table of least certain test rows that iris-train prints.
        let mut printed = String::new();
        let config = &ARTICLE_IRIS;
        ch11_churn::run::run(
            &iris,
            &SoftmaxHead,
            config,
            &mut |t| printed += t,
            &mut |_| {},
        )
        .unwrap();
        let table = printed.split("least sure about").nth(1).unwrap();
        let first = table.lines().nth(2).unwrap();
        let expected = format!("{row:>5}  {species:9}");
        assert!(first.starts_with(&expected), "{first:?} vs {expected:?}");
        assert!(first.ends_with(&format!("{doubt:.4}")), "{first}");
    }

    #[test]
    fn exercise_3_sepals_alone_do_worse_than_petals_alone() {
        let iris = iris_dataset().unwrap();
        let sepals = mean_accuracy_with(&iris, &["sepal_length", "sepal_width"]).unwrap();
        let petals = mean_accuracy_with(&iris, &["petal_length", "petal_width"]).unwrap();
        assert!(sepals < petals, "sepals {sepals}, petals {petals}");
        assert!(sepals > 0.5, "{sepals}");
    }

    #[test]
    fn exercise_4_two_logits_carry_no_more_than_one() {
        for (a, b) in [(0.0, 0.0), (1.5, -2.0), (-30.0, 4.0), (700.0, 690.0)] {
            let (softmax, sigmoid) = softmax_of_two_is_a_sigmoid(a, b);
            approx::assert_relative_eq!(softmax, sigmoid, max_relative = 1e-12);
        }
        let (one_logit, two_logits) = two_heads_on_churn().unwrap();
        assert!(
            (one_logit - two_logits).abs() < 0.02,
            "{one_logit} {two_logits}"
        );
    }
}
