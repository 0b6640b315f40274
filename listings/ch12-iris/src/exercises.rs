//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use crate::data::Iris;
use crate::metrics::ConfusionMatrix;
use crate::seeds::{mean_min_max, over_seeds};
use crate::train::{Config, Scaling, TrainError, run};

// ANCHOR: exercise_1
/// Exercise 1: the macro-averaged F1 score, the mean over classes of the harmonic mean of
/// precision and recall. `None` when a class has no precision or no recall, or both are 0.
pub fn macro_f1(m: &ConfusionMatrix) -> Option<f64> {
    let mut sum = 0.0;
    for c in 0..m.classes() {
        let (p, r) = (m.precision(c)?, m.recall(c)?);
        if p + r == 0.0 {
            return None;
        }
        sum += 2.0 * p * r / (p + r);
    }
    Some(sum / m.classes() as f64)
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: the test flower the trained model is least sure about, as its file row
/// (0-based) and the entropy of its predicted distribution in nats.
pub fn least_certain_test_flower(iris: &Iris) -> Result<(usize, f64), TrainError> {
    let result = run(iris, &Config::ARTICLE, Scaling::TrainOnly, |_| {})?;
    let eval = result.evaluate_test()?;
    let entropy = |i: usize| -> f64 {
        eval.probs
            .row(i)
            .iter()
            .filter(|&&p| p > 0.0)
            .map(|&p| -p * libm::log(p))
            .sum()
    };
    let best = (0..eval.probs.nrows())
        .max_by(|&a, &b| entropy(a).total_cmp(&entropy(b)))
        .ok_or(TrainError::TooFewRows { rows: 0 })?;
    Ok((result.data.test_rows[best], entropy(best)))
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the mean test accuracy over seeds 0 to 9 of the article's setup trained on some
/// of the columns only.
pub fn mean_accuracy_with_columns(iris: &Iris, columns: &[usize]) -> Result<f64, TrainError> {
    let results = over_seeds(&iris.with_columns(columns), &Config::ARTICLE, 0..10)?;
    let accuracies: Vec<f64> = results.iter().map(|r| r.test_accuracy).collect();
    Ok(mean_min_max(&accuracies).map_or(f64::NAN, |(mean, _, _)| mean))
}
// ANCHOR_END: exercise_3

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::IRIS_CSV;
    use std::path::Path;

    fn iris() -> Iris {
        Iris::load(Path::new(IRIS_CSV)).unwrap()
    }

    #[test]
    fn exercise_1_macro_f1_by_hand() {
        // Per class: (p, r) = (1, 2/3), (2/3, 2/3), (2/3, 1): F1 = 0.8, 2/3, 0.8.
        let m =
            ConfusionMatrix::new(&[0, 0, 1, 1, 1, 2, 2, 2], &[0, 0, 0, 1, 1, 1, 2, 2], 3).unwrap();
        approx::assert_relative_eq!(
            macro_f1(&m).unwrap(),
            (0.8 + 2.0 / 3.0 + 0.8) / 3.0,
            max_relative = 1e-12
        );
        let perfect = ConfusionMatrix::new(&[0, 1, 2], &[0, 1, 2], 3).unwrap();
        assert_eq!(macro_f1(&perfect), Some(1.0));
        let never_two = ConfusionMatrix::new(&[0, 1, 1], &[0, 1, 2], 3).unwrap();
        assert_eq!(macro_f1(&never_two), None);
    }

    #[test]
    fn exercise_2_the_least_certain_flower_is_not_a_setosa() {
        let iris = iris();
        let (row, entropy) = least_certain_test_flower(&iris).unwrap();
        assert!(
            entropy > 0.0 && entropy <= libm::log(3.0_f64) + 1e-12,
            "{entropy}"
        );
        // Setosa stands apart; the doubt lies between versicolor and virginica.
        assert_ne!(iris.targets[row], 0, "row {row}");
    }

    #[test]
    fn exercise_3_sepals_alone_do_worse_than_petals_alone() {
        let iris = iris();
        let sepals = mean_accuracy_with_columns(&iris, &[0, 1]).unwrap();
        let petals = mean_accuracy_with_columns(&iris, &[2, 3]).unwrap();
        assert!(sepals < petals, "sepals {sepals}, petals {petals}");
        assert!(sepals > 0.5, "{sepals}");
    }
}
