//! How good a classifier is beyond its loss: what happens when its probabilities become
//! decisions, at one threshold (the confusion matrix and the ratios it gives) or at all of them
//! (the ROC curve and the area under it).

use ndarray::ArrayView2;

// ANCHOR: predict
/// The predicted class of each row: the column of its largest probability, the lower class on
/// a tie. With two classes that predicts class 1 exactly when σ(z) > 1/2, that is when the
/// logit is above 0, the rule of Chapter 1.
pub fn predict(probs: ArrayView2<f64>) -> Vec<usize> {
    probs
        .rows()
        .into_iter()
        .map(|row| {
            let mut best = 0;
            for (k, &p) in row.iter().enumerate() {
                if p > row[best] {
                    best = k;
                }
            }
            best
        })
        .collect()
}
// ANCHOR_END: predict

// ANCHOR: confusion
/// Counts of (true class, predicted class): entry `(j, k)` is how many samples of class `j`
/// were predicted as class `k`. The diagonal holds the right answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfusionMatrix {
    counts: Vec<Vec<usize>>,
}

impl ConfusionMatrix {
    /// # Panics
    /// If a class is not below `classes`, or the two lists differ in length: both come from
    /// the same dataset and network.
    pub fn new(targets: &[usize], predicted: &[usize], classes: usize) -> ConfusionMatrix {
        assert_eq!(targets.len(), predicted.len(), "one prediction per target");
        let mut counts = vec![vec![0; classes]; classes];
        for (&j, &k) in targets.iter().zip(predicted) {
            counts[j][k] += 1;
        }
        ConfusionMatrix { counts }
    }

    pub fn classes(&self) -> usize {
        self.counts.len()
    }

    /// How many samples of class `j` were predicted as class `k`.
    pub fn count(&self, j: usize, k: usize) -> usize {
        self.counts[j][k]
    }

    // ANCHOR: ratios
    /// The share of all samples predicted right.
    pub fn accuracy(&self) -> f64 {
        let right: usize = (0..self.classes()).map(|k| self.count(k, k)).sum();
        let all: usize = self.counts.iter().flatten().sum();
        right as f64 / all as f64
    }

    /// Of the samples predicted as class `k`, the share that are. `None` when the model never
    /// predicts `k`: the ratio is 0/0, and no number would be honest.
    pub fn precision(&self, k: usize) -> Option<f64> {
        let predicted: usize = (0..self.classes()).map(|j| self.count(j, k)).sum();
        ratio(self.count(k, k), predicted)
    }

    /// Of the samples of class `k`, the share predicted as `k`. `None` when there are none.
    pub fn recall(&self, k: usize) -> Option<f64> {
        let actual: usize = self.counts[k].iter().sum();
        ratio(self.count(k, k), actual)
    }

    /// The harmonic mean of precision and recall, `2 TP / (2 TP + FP + FN)` for class `k`.
    /// `None` when class `k` is neither predicted nor present.
    pub fn f1(&self, k: usize) -> Option<f64> {
        let predicted: usize = (0..self.classes()).map(|j| self.count(j, k)).sum();
        let actual: usize = self.counts[k].iter().sum();
        ratio(2 * self.count(k, k), predicted + actual)
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}
// ANCHOR_END: ratios
// ANCHOR_END: confusion

// ANCHOR: roc_auc
/// The area under the ROC curve: the probability that a randomly chosen positive sample scores
/// higher than a randomly chosen negative one, a tie counting one half. Each sample is its
/// score and whether it is a positive. `None` unless both kinds are present.
///
/// Computed from ranks (the Mann-Whitney statistic): sort the scores, give tied scores the
/// average of the ranks they span, and sum the ranks of the positives.
pub fn roc_auc(samples: &[(f64, bool)]) -> Option<f64> {
    let n_pos = samples.iter().filter(|s| s.1).count();
    let n_neg = samples.len() - n_pos;
    if n_pos == 0 || n_neg == 0 {
        return None;
    }
    let mut sorted = samples.to_vec();
    // The order within a run of equal scores does not matter below, so the sort need not
    // keep it (and needs no memory of its own).
    sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));

    let mut rank_sum_pos = 0.0;
    let mut start = 0;
    while start < sorted.len() {
        // A run of equal scores shares the mean of the ranks start + 1 ..= end.
        let mut end = start + 1;
        while end < sorted.len() && sorted[end].0 == sorted[start].0 {
            end += 1;
        }
        let mean_rank = (start + 1 + end) as f64 / 2.0;
        let pos_in_run = sorted[start..end].iter().filter(|s| s.1).count();
        rank_sum_pos += mean_rank * pos_in_run as f64;
        start = end;
    }
    let (p, n) = (n_pos as f64, n_neg as f64);
    Some((rank_sum_pos - p * (p + 1.0) / 2.0) / (p * n))
}
// ANCHOR_END: roc_auc

// ANCHOR: roc_curve
/// The ROC curve: (false positive rate, true positive rate) as the threshold falls from above
/// the highest score to the lowest. Tied scores move together, so a tie between a positive and
/// a negative is one diagonal step, not a staircase whose shape depends on their order.
pub fn roc_curve(samples: &[(f64, bool)]) -> Option<Vec<(f64, f64)>> {
    let n_pos = samples.iter().filter(|s| s.1).count();
    let n_neg = samples.len() - n_pos;
    if n_pos == 0 || n_neg == 0 {
        return None;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));

    let mut curve = vec![(0.0, 0.0)];
    let (mut tp, mut fp) = (0, 0);
    for (i, &(score, positive)) in sorted.iter().enumerate() {
        if positive {
            tp += 1;
        } else {
            fp += 1;
        }
        let run_ends = sorted.get(i + 1).is_none_or(|next| next.0 != score);
        if run_ends {
            curve.push((fp as f64 / n_neg as f64, tp as f64 / n_pos as f64));
        }
    }
    Some(curve)
}
// ANCHOR_END: roc_curve

/// The area under a curve of points by the trapezoid rule.
pub fn trapezoid_area(curve: &[(f64, f64)]) -> f64 {
    curve
        .windows(2)
        .map(|w| (w[1].0 - w[0].0) * (w[1].1 + w[0].1) / 2.0)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;
    use ndarray::array;
    use proptest::prelude::*;

    #[test]
    fn prediction_takes_the_largest_probability_and_ties_go_low() {
        let probs = array![[0.2, 0.5, 0.3], [0.4, 0.4, 0.2], [0.5, 0.5, 0.0]];
        assert_eq!(predict(probs.view()), [1, 0, 0]);
    }

    #[test]
    fn a_two_class_matrix_by_hand() {
        // true:      1 0 1 1 0 0
        // predicted: 1 1 0 1 0 1
        let m = ConfusionMatrix::new(&[1, 0, 1, 1, 0, 0], &[1, 1, 0, 1, 0, 1], 2);
        assert_eq!(
            (m.count(0, 0), m.count(0, 1), m.count(1, 0), m.count(1, 1)),
            (1, 2, 1, 2)
        );
        assert_relative_eq!(m.accuracy(), 0.5);
        assert_relative_eq!(m.precision(1).unwrap(), 0.5);
        assert_relative_eq!(m.recall(1).unwrap(), 2.0 / 3.0);
        assert_relative_eq!(m.f1(1).unwrap(), 4.0 / 7.0);
    }

    #[test]
    fn a_three_class_matrix_by_hand() {
        // true:      0 0 0 1 1 1 2 2
        // predicted: 0 0 1 1 1 2 2 2
        let m = ConfusionMatrix::new(&[0, 0, 0, 1, 1, 1, 2, 2], &[0, 0, 1, 1, 1, 2, 2, 2], 3);
        assert_eq!((m.count(0, 1), m.count(1, 2), m.count(2, 2)), (1, 1, 2));
        assert_eq!(m.accuracy(), 6.0 / 8.0);
        assert_eq!(m.precision(0), Some(1.0));
        assert_eq!(m.recall(0), Some(2.0 / 3.0));
        assert_eq!(m.precision(2), Some(2.0 / 3.0));
        assert_eq!(m.recall(2), Some(1.0));
    }

    #[test]
    fn a_class_never_predicted_has_no_precision() {
        let m = ConfusionMatrix::new(&[1, 0], &[0, 0], 2);
        assert_eq!(m.precision(1), None);
        assert_eq!(m.recall(1), Some(0.0));
        assert_eq!(m.f1(1), Some(0.0));
        let none = ConfusionMatrix::new(&[0, 0], &[0, 0], 2);
        assert_eq!(none.f1(1), None);
    }

    #[test]
    fn perfect_reversed_constant_and_one_class_scores() {
        let with = |scores: [f64; 4]| -> Vec<(f64, bool)> {
            scores.into_iter().zip([false, false, true, true]).collect()
        };
        assert_eq!(roc_auc(&with([0.1, 0.2, 0.8, 0.9])), Some(1.0));
        assert_eq!(roc_auc(&with([0.9, 0.8, 0.2, 0.1])), Some(0.0));
        assert_eq!(roc_auc(&with([0.5; 4])), Some(0.5));
        assert_eq!(
            roc_curve(&with([0.5; 4])),
            Some(vec![(0.0, 0.0), (1.0, 1.0)])
        );
        assert_eq!(roc_auc(&[(0.1, true), (0.2, true)]), None);
        assert_eq!(roc_curve(&[(0.1, false)]), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Scores on a coarse grid, so that ties are common.
        #[test]
        fn ranks_agree_with_the_curve(
            data in prop::collection::vec((0u8..6, prop::bool::ANY), 2..40)
        ) {
            let samples: Vec<(f64, bool)> =
                data.iter().map(|&(s, t)| (f64::from(s) / 5.0, t)).collect();
            let n_pos = samples.iter().filter(|s| s.1).count();
            prop_assume!(n_pos > 0 && n_pos < samples.len());
            let auc = roc_auc(&samples).unwrap();
            let curve = roc_curve(&samples).unwrap();
            prop_assert!((auc - trapezoid_area(&curve)).abs() < 1e-12);
            prop_assert_eq!(curve.last().copied(), Some((1.0, 1.0)));
        }

        #[test]
        fn counts_cover_every_sample_and_the_ratios_stay_in_range(
            pairs in prop::collection::vec((0usize..3, 0usize..3), 1..60)
        ) {
            let (targets, predicted): (Vec<usize>, Vec<usize>) = pairs.into_iter().unzip();
            let m = ConfusionMatrix::new(&targets, &predicted, 3);
            for j in 0..3 {
                let row: usize = (0..3).map(|k| m.count(j, k)).sum();
                prop_assert_eq!(row, targets.iter().filter(|&&t| t == j).count());
                let ratios = [m.precision(j), m.recall(j), m.f1(j)];
                for v in ratios.into_iter().flatten() {
                    prop_assert!((0.0..=1.0).contains(&v));
                }
            }
        }
    }
}
