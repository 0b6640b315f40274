//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ch04_entropy::{Base, entropy};
use ch06_categorical_cross_entropy::LossError;
use ch11_churn::TrainError;
use ch11_churn::calibration::{expected_calibration_error, reliability};
use ch11_churn::dataset::Dataset;
use ch11_churn::head::{BinaryHead, Head};
use ch11_churn::metrics::{ConfusionMatrix, predict};
use ch11_churn::prepare::Samples;
use ch11_churn::run::{Run, fit, mean_min_max, over_seeds};
use ch11_churn::synth::churn_dataset;
use ch11_churn::train::ARTICLE_CHURN;
use ndarray::{Array2, ArrayView2};

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

// ANCHOR: exercise_5
/// Exercise 5: the mean loss of `logits` divided by the temperature `t`.
pub fn loss_at(logits: ArrayView2<f64>, targets: &[usize], t: f64) -> Result<f64, LossError> {
    SoftmaxHead.loss((&logits / t).view(), targets)
}

/// The temperature that minimizes the loss of `logits` on `targets`. The loss of `β z` is
/// convex in `β = 1/T` (a log-sum-exp of `β z`, less `β z_y`), so a golden-section search on
/// `β` in [0.01, 100] narrows down its one minimum.
pub fn best_temperature(logits: ArrayView2<f64>, targets: &[usize]) -> Result<f64, LossError> {
    let loss = |beta: f64| loss_at(logits, targets, 1.0 / beta);
    let golden = (libm::sqrt(5.0) - 1.0) / 2.0;
    let (mut a, mut b) = (0.01, 100.0);
    while b - a > 1e-9 {
        let (c, d) = (b - golden * (b - a), a + golden * (b - a));
        if loss(c)? < loss(d)? {
            b = d;
        } else {
            a = c;
        }
    }
    Ok(2.0 / (a + b))
}

/// The expected calibration error of the most probable class: over ten bins of the top
/// probability, the gap between it and how often the top class was right.
pub fn top_label_ece(probs: ArrayView2<f64>, targets: &[usize]) -> f64 {
    let predicted = predict(probs);
    let top: Vec<f64> = (0..targets.len())
        .map(|i| probs[[i, predicted[i]]])
        .collect();
    let right: Vec<bool> = predicted.iter().zip(targets).map(|(p, y)| p == y).collect();
    expected_calibration_error(&reliability(&top, &right, 10))
}

/// The loss and the top-label ECE of some rows before and after temperature scaling, and how
/// many of the rows the model gets right (the same before and after).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scaled {
    pub loss: [f64; 2],
    pub ece: [f64; 2],
    pub right: usize,
    pub rows: usize,
}

/// Temperature scaling of a trained run: the temperature fitted on the validation rows, and
/// what it does on the validation rows and on the test rows.
pub fn temperature_scaling(run: &Run) -> Result<(f64, [Scaled; 2]), TrainError> {
    let net = &run.trained.net;
    let validation = net.logits(run.prepared.validation.x.view())?;
    let t = best_temperature(validation.view(), &run.prepared.validation.y)?;
    let measured = |samples: &Samples| -> Result<Scaled, TrainError> {
        let logits = net.logits(samples.x.view())?;
        let scaled: Array2<f64> = &logits / t;
        let ece = |z: &Array2<f64>| top_label_ece(SoftmaxHead.probs(z.view()).view(), &samples.y);
        Ok(Scaled {
            loss: [
                loss_at(logits.view(), &samples.y, 1.0)?,
                loss_at(logits.view(), &samples.y, t)?,
            ],
            ece: [ece(&logits), ece(&scaled)],
            right: (predict(SoftmaxHead.probs(logits.view()).view()).iter())
                .zip(&samples.y)
                .filter(|(p, y)| p == y)
                .count(),
            rows: samples.y.len(),
        })
    };
    Ok((
        t,
        [
            measured(&run.prepared.validation)?,
            measured(&run.prepared.test)?,
        ],
    ))
}
// ANCHOR_END: exercise_5

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::{IRIS_TO_CONVERGENCE, iris_dataset};
    use ch11_churn::train::Config;

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
    fn exercise_5_temperature_keeps_the_decisions_and_fits_the_validation_loss() {
        let iris = iris_dataset().unwrap();
        let run = fit(&iris, &SoftmaxHead, &ARTICLE_IRIS).unwrap();
        let (t, [validation, _test]) = temperature_scaling(&run).unwrap();
        assert!(
            t > 0.1 && t < 1.0,
            "an underconfident model is sharpened: {t}"
        );
        assert!(validation.loss[1] < validation.loss[0]);
        // The fitted temperature is a minimum: a little warmer or colder is worse.
        let logits = run
            .trained
            .net
            .logits(run.prepared.validation.x.view())
            .unwrap();
        let y = &run.prepared.validation.y;
        let at = |t: f64| loss_at(logits.view(), y, t).unwrap();
        assert!(at(t) < at(t * 1.01) && at(t) < at(t / 1.01));
        // Dividing the logits by any T > 0 keeps the predicted class of every row.
        for t in [0.01, 0.5, 3.0] {
            let scaled = &logits / t;
            assert_eq!(
                predict(SoftmaxHead.probs(scaled.view()).view()),
                predict(SoftmaxHead.probs(logits.view()).view())
            );
        }
    }

    #[test]
    fn exercise_5_a_validation_set_without_a_mistake_sends_the_temperature_to_its_bound() {
        let iris = iris_dataset().unwrap();
        let run = fit(
            &iris,
            &SoftmaxHead,
            &Config {
                seed: 0,
                ..IRIS_TO_CONVERGENCE
            },
        )
        .unwrap();
        assert_eq!(run.trained.best_epoch, 64);
        let (t, [validation, test]) = temperature_scaling(&run).unwrap();
        assert!((t - 0.01).abs() < 1e-6, "{t}");
        assert!(validation.loss[1] < 1e-12);
        assert!(test.loss[1] > 10.0 * test.loss[0], "{test:?}");
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
