//! Scoring a classifier: accuracy, the confusion matrix, precision and recall.

use ndarray::ArrayView2;

/// Bad input to a metric: the message says what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetricsError {
    #[error("no predictions to score")]
    Empty,
    #[error("{predicted} predictions but {targets} targets")]
    LengthMismatch { predicted: usize, targets: usize },
    #[error("{what} {class} at index {index} is out of range for {classes} classes")]
    ClassOutOfRange {
        what: &'static str,
        index: usize,
        class: usize,
        classes: usize,
    },
}

// ANCHOR: argmax
/// The predicted class of each row: the column of its largest score. Ties go to the lower
/// class index. Logits and probabilities give the same answer, since softmax keeps the order.
pub fn argmax_rows(scores: ArrayView2<f64>) -> Vec<usize> {
    scores
        .rows()
        .into_iter()
        .map(|row| {
            let mut best = 0;
            for (j, &s) in row.iter().enumerate() {
                if s > row[best] {
                    best = j;
                }
            }
            best
        })
        .collect()
}
// ANCHOR_END: argmax

// ANCHOR: accuracy
/// The fraction of predictions that equal their target.
pub fn accuracy(predicted: &[usize], targets: &[usize]) -> Result<f64, MetricsError> {
    check_lengths(predicted, targets)?;
    let correct = predicted
        .iter()
        .zip(targets)
        .filter(|(p, t)| p == t)
        .count();
    Ok(correct as f64 / targets.len() as f64)
}
// ANCHOR_END: accuracy

fn check_lengths(predicted: &[usize], targets: &[usize]) -> Result<(), MetricsError> {
    if predicted.len() != targets.len() {
        return Err(MetricsError::LengthMismatch {
            predicted: predicted.len(),
            targets: targets.len(),
        });
    }
    if targets.is_empty() {
        return Err(MetricsError::Empty);
    }
    Ok(())
}

// ANCHOR: confusion
/// Counts of (true class, predicted class) pairs: row `i`, column `j` is how many flowers of
/// class `i` the model called class `j`. The diagonal holds the correct answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfusionMatrix {
    classes: usize,
    counts: Vec<usize>,
}

impl ConfusionMatrix {
    pub fn new(
        predicted: &[usize],
        targets: &[usize],
        classes: usize,
    ) -> Result<Self, MetricsError> {
        check_lengths(predicted, targets)?;
        let mut counts = vec![0; classes * classes];
        for (index, (&p, &t)) in predicted.iter().zip(targets).enumerate() {
            for (what, class) in [("target", t), ("prediction", p)] {
                if class >= classes {
                    return Err(MetricsError::ClassOutOfRange {
                        what,
                        index,
                        class,
                        classes,
                    });
                }
            }
            counts[t * classes + p] += 1;
        }
        Ok(ConfusionMatrix { classes, counts })
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// How many flowers of class `actual` were predicted as `predicted`.
    pub fn count(&self, actual: usize, predicted: usize) -> usize {
        self.counts[actual * self.classes + predicted]
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    pub fn accuracy(&self) -> f64 {
        let correct: usize = (0..self.classes).map(|c| self.count(c, c)).sum();
        correct as f64 / self.total() as f64
    }
    // ANCHOR_END: confusion

    // ANCHOR: precision_recall
    /// Of the flowers predicted as `class`, the fraction that are. `None` when the model never
    /// predicted `class`: the fraction is 0/0, and no number would be honest.
    pub fn precision(&self, class: usize) -> Option<f64> {
        let predicted: usize = (0..self.classes).map(|a| self.count(a, class)).sum();
        (predicted > 0).then(|| self.count(class, class) as f64 / predicted as f64)
    }

    /// Of the flowers that are `class`, the fraction predicted as `class`. `None` when no
    /// flower of `class` was scored.
    pub fn recall(&self, class: usize) -> Option<f64> {
        let actual: usize = (0..self.classes).map(|p| self.count(class, p)).sum();
        (actual > 0).then(|| self.count(class, class) as f64 / actual as f64)
    }
    // ANCHOR_END: precision_recall
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;
    use proptest::prelude::*;

    #[test]
    fn argmax_picks_the_largest_and_breaks_ties_low() {
        let scores = array![[0.1, 2.0, -1.0], [3.0, 3.0, 0.0], [-5.0, -4.0, -3.0]];
        assert_eq!(argmax_rows(scores.view()), vec![1, 0, 2]);
    }

    #[test]
    fn a_small_confusion_matrix_by_hand() {
        // true:      0 0 0 1 1 1 2 2
        // predicted: 0 0 1 1 1 2 2 2
        let targets = [0, 0, 0, 1, 1, 1, 2, 2];
        let predicted = [0, 0, 1, 1, 1, 2, 2, 2];
        let m = ConfusionMatrix::new(&predicted, &targets, 3).unwrap();
        assert_eq!(
            (m.count(0, 0), m.count(0, 1), m.count(1, 2), m.count(2, 2)),
            (2, 1, 1, 2)
        );
        assert_eq!(m.total(), 8);
        assert_eq!(m.accuracy(), 6.0 / 8.0);
        assert_eq!(accuracy(&predicted, &targets), Ok(6.0 / 8.0));
        assert_eq!(m.precision(0), Some(1.0));
        assert_eq!(m.recall(0), Some(2.0 / 3.0));
        assert_eq!(m.precision(1), Some(2.0 / 3.0));
        assert_eq!(m.recall(1), Some(2.0 / 3.0));
        assert_eq!(m.precision(2), Some(2.0 / 3.0));
        assert_eq!(m.recall(2), Some(1.0));
    }

    #[test]
    fn a_class_never_predicted_has_no_precision() {
        let m = ConfusionMatrix::new(&[0, 0, 0], &[0, 1, 0], 3).unwrap();
        assert_eq!(m.precision(1), None);
        assert_eq!(m.recall(1), Some(0.0));
        assert_eq!(m.recall(2), None);
        assert_eq!(m.precision(2), None);
    }

    #[test]
    fn bad_input_is_an_error_naming_where() {
        assert_eq!(accuracy(&[], &[]), Err(MetricsError::Empty));
        assert_eq!(
            accuracy(&[0, 1], &[0]),
            Err(MetricsError::LengthMismatch {
                predicted: 2,
                targets: 1
            })
        );
        let err = ConfusionMatrix::new(&[0, 1, 0], &[0, 3, 0], 3).unwrap_err();
        assert_eq!(
            err,
            MetricsError::ClassOutOfRange {
                what: "target",
                index: 1,
                class: 3,
                classes: 3
            }
        );
        let err = ConfusionMatrix::new(&[0, 1, 5], &[0, 1, 0], 3).unwrap_err();
        assert_eq!(
            err.to_string(),
            "prediction 5 at index 2 is out of range for 3 classes"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn counts_add_up_and_accuracies_agree(
            pairs in proptest::collection::vec((0usize..3, 0usize..3), 1..60)
        ) {
            let (predicted, targets): (Vec<usize>, Vec<usize>) = pairs.into_iter().unzip();
            let m = ConfusionMatrix::new(&predicted, &targets, 3).unwrap();
            prop_assert_eq!(m.total(), targets.len());
            prop_assert_eq!(m.accuracy(), accuracy(&predicted, &targets).unwrap());
            for c in 0..3 {
                let row: usize = (0..3).map(|p| m.count(c, p)).sum();
                prop_assert_eq!(row, targets.iter().filter(|&&t| t == c).count());
                for v in [m.precision(c), m.recall(c)].into_iter().flatten() {
                    prop_assert!((0.0..=1.0).contains(&v));
                }
            }
        }
    }
}
