//! How good the classifier is, beyond its loss: the confusion matrix and what it gives
//! (accuracy, precision, recall, F1), and the ROC curve with the area under it.
//!
//! The loss says how well the probabilities fit; these say what happens when the probabilities
//! become decisions, at one threshold (confusion matrix) or at all of them (ROC).

use thiserror::Error;

/// Why a metric cannot be computed.
#[derive(Debug, Error, PartialEq)]
pub enum MetricsError {
    #[error("no samples to score")]
    Empty,
    #[error("{scores} scores but {targets} targets")]
    LengthMismatch { scores: usize, targets: usize },
    #[error("score {index} is {value}, not a finite number")]
    NonFinite { index: usize, value: f64 },
    #[error("target {index} is {value}, not 0 or 1")]
    TargetOutOfRange { index: usize, value: f64 },
    #[error("the targets hold only one class, so the ROC curve is undefined")]
    OneClass,
}

fn check(scores: &[f64], targets: &[f64]) -> Result<(), MetricsError> {
    if scores.len() != targets.len() {
        return Err(MetricsError::LengthMismatch {
            scores: scores.len(),
            targets: targets.len(),
        });
    }
    if scores.is_empty() {
        return Err(MetricsError::Empty);
    }
    if let Some((index, &value)) = scores.iter().enumerate().find(|(_, s)| !s.is_finite()) {
        return Err(MetricsError::NonFinite { index, value });
    }
    if let Some((index, &value)) = targets
        .iter()
        .enumerate()
        .find(|&(_, &t)| t != 0.0 && t != 1.0)
    {
        return Err(MetricsError::TargetOutOfRange { index, value });
    }
    Ok(())
}

// ANCHOR: confusion
/// Counts of the four outcomes of a yes/no decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confusion {
    /// Predicted to leave, and left.
    pub tp: usize,
    /// Predicted to leave, but stayed.
    pub fp: usize,
    /// Predicted to stay, and stayed.
    pub tn: usize,
    /// Predicted to stay, but left.
    pub fn_: usize,
}

impl Confusion {
    /// Decides "leaves" where `score >= threshold` and counts the outcomes against `targets`.
    pub fn new(scores: &[f64], targets: &[f64], threshold: f64) -> Result<Confusion, MetricsError> {
        check(scores, targets)?;
        let mut c = Confusion {
            tp: 0,
            fp: 0,
            tn: 0,
            fn_: 0,
        };
        for (&s, &t) in scores.iter().zip(targets) {
            match (s >= threshold, t == 1.0) {
                (true, true) => c.tp += 1,
                (true, false) => c.fp += 1,
                (false, false) => c.tn += 1,
                (false, true) => c.fn_ += 1,
            }
        }
        Ok(c)
    }

    /// Share of all decisions that were right.
    pub fn accuracy(&self) -> f64 {
        (self.tp + self.tn) as f64 / (self.tp + self.fp + self.tn + self.fn_) as f64
    }

    /// Of the customers flagged as leaving, the share who left. `None` when nobody was flagged.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Of the customers who left, the share who were flagged. `None` when nobody left.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall, `2 tp / (2 tp + fp + fn)`.
    /// `None` when there are no positives at all, predicted or actual.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}
// ANCHOR_END: confusion

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

// ANCHOR: roc_auc
/// The area under the ROC curve: the probability that a randomly chosen customer who left
/// scores higher than a randomly chosen one who stayed, a tie counting one half.
///
/// Computed from ranks (the Mann-Whitney statistic): sort the scores, give tied scores the
/// average of the ranks they span, and sum the ranks of the positives.
pub fn roc_auc(scores: &[f64], targets: &[f64]) -> Result<f64, MetricsError> {
    check(scores, targets)?;
    let n_pos = targets.iter().filter(|&&t| t == 1.0).count();
    let n_neg = targets.len() - n_pos;
    if n_pos == 0 || n_neg == 0 {
        return Err(MetricsError::OneClass);
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));

    let mut rank_sum_pos = 0.0;
    let mut start = 0;
    while start < order.len() {
        // A run of equal scores shares the mean of ranks start+1 ..= end.
        let mut end = start + 1;
        while end < order.len() && scores[order[end]] == scores[order[start]] {
            end += 1;
        }
        let mean_rank = (start + 1 + end) as f64 / 2.0;
        let pos_in_run = order[start..end]
            .iter()
            .filter(|&&i| targets[i] == 1.0)
            .count();
        rank_sum_pos += mean_rank * pos_in_run as f64;
        start = end;
    }
    let (p, n) = (n_pos as f64, n_neg as f64);
    Ok((rank_sum_pos - p * (p + 1.0) / 2.0) / (p * n))
}
// ANCHOR_END: roc_auc

// ANCHOR: roc_curve
/// The ROC curve: (false positive rate, true positive rate) as the threshold falls from above
/// the highest score to the lowest. Tied scores move together, so a tie between a positive and
/// a negative is a diagonal step, not a staircase whose shape depends on their order.
pub fn roc_curve(scores: &[f64], targets: &[f64]) -> Result<Vec<(f64, f64)>, MetricsError> {
    check(scores, targets)?;
    let n_pos = targets.iter().filter(|&&t| t == 1.0).count();
    let n_neg = targets.len() - n_pos;
    if n_pos == 0 || n_neg == 0 {
        return Err(MetricsError::OneClass);
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));

    let mut curve = vec![(0.0, 0.0)];
    let (mut tp, mut fp) = (0, 0);
    for (k, &i) in order.iter().enumerate() {
        if targets[i] == 1.0 {
            tp += 1;
        } else {
            fp += 1;
        }
        let run_ends = order
            .get(k + 1)
            .is_none_or(|&next| scores[next] != scores[i]);
        if run_ends {
            curve.push((fp as f64 / n_neg as f64, tp as f64 / n_pos as f64));
        }
    }
    Ok(curve)
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
    use proptest::prelude::*;

    /// The definition, pair by pair: O(n²), but obviously right.
    fn auc_by_pairs(scores: &[f64], targets: &[f64]) -> f64 {
        let (mut wins, mut pairs) = (0.0, 0.0);
        for (i, &ti) in targets.iter().enumerate() {
            for (j, &tj) in targets.iter().enumerate() {
                if ti == 1.0 && tj == 0.0 {
                    pairs += 1.0;
                    wins += if scores[i] > scores[j] {
                        1.0
                    } else if scores[i] == scores[j] {
                        0.5
                    } else {
                        0.0
                    };
                }
            }
        }
        wins / pairs
    }

    #[test]
    fn a_small_confusion_matrix_by_hand() {
        let scores = [0.9, 0.8, 0.3, 0.6, 0.2, 0.5];
        let targets = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0];
        let c = Confusion::new(&scores, &targets, 0.5).unwrap();
        assert_eq!(
            c,
            Confusion {
                tp: 2,
                fp: 2,
                tn: 1,
                fn_: 1
            }
        );
        assert_relative_eq!(c.accuracy(), 0.5);
        assert_relative_eq!(c.precision().unwrap(), 0.5);
        assert_relative_eq!(c.recall().unwrap(), 2.0 / 3.0);
        assert_relative_eq!(c.f1().unwrap(), 4.0 / 7.0);
    }

    #[test]
    fn nobody_flagged_leaves_precision_undefined() {
        let c = Confusion::new(&[0.1, 0.2], &[1.0, 0.0], 0.5).unwrap();
        assert_eq!(c.precision(), None);
        assert_eq!(c.recall(), Some(0.0));
        assert_eq!(c.f1(), Some(0.0));
        let none = Confusion::new(&[0.1, 0.2], &[0.0, 0.0], 0.5).unwrap();
        assert_eq!(none.f1(), None);
    }

    #[test]
    fn perfect_reversed_and_constant_scores() {
        let targets = [0.0, 0.0, 1.0, 1.0];
        assert_eq!(roc_auc(&[0.1, 0.2, 0.8, 0.9], &targets), Ok(1.0));
        assert_eq!(roc_auc(&[0.9, 0.8, 0.2, 0.1], &targets), Ok(0.0));
        assert_eq!(roc_auc(&[0.5; 4], &targets), Ok(0.5));
        assert_eq!(
            roc_curve(&[0.5; 4], &targets),
            Ok(vec![(0.0, 0.0), (1.0, 1.0)])
        );
    }

    #[test]
    fn a_tie_between_classes_counts_one_half() {
        // Pairs (pos, neg): (0.7, 0.4) win, (0.7, 0.7) tie, (0.4, 0.4) tie, (0.4, 0.7) loss.
        let scores = [0.7, 0.4, 0.7, 0.4];
        let targets = [1.0, 1.0, 0.0, 0.0];
        assert_relative_eq!(roc_auc(&scores, &targets).unwrap(), 0.5);
        let scores = [0.7, 0.4, 0.4, 0.1];
        assert_relative_eq!(
            roc_auc(&scores, &targets).unwrap(),
            (1.0 + 1.0 + 0.5 + 1.0) / 4.0
        );
    }

    #[test]
    fn bad_input_is_named() {
        assert_eq!(roc_auc(&[], &[]), Err(MetricsError::Empty));
        assert_eq!(
            roc_auc(&[0.1], &[1.0, 0.0]),
            Err(MetricsError::LengthMismatch {
                scores: 1,
                targets: 2
            })
        );
        assert!(matches!(
            roc_auc(&[0.1, f64::NAN], &[1.0, 0.0]),
            Err(MetricsError::NonFinite { index: 1, .. })
        ));
        assert_eq!(
            Confusion::new(&[0.1, 0.2], &[1.0, 2.0], 0.5),
            Err(MetricsError::TargetOutOfRange {
                index: 1,
                value: 2.0
            })
        );
        assert_eq!(
            roc_auc(&[0.1, 0.2], &[1.0, 1.0]),
            Err(MetricsError::OneClass)
        );
        assert_eq!(
            roc_curve(&[0.1, 0.2], &[0.0, 0.0]),
            Err(MetricsError::OneClass)
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Scores on a coarse grid, so that ties are common.
        #[test]
        fn ranks_agree_with_pairs_and_with_the_curve(
            data in prop::collection::vec((0u8..6, prop::bool::ANY), 2..40)
        ) {
            let scores: Vec<f64> = data.iter().map(|&(s, _)| f64::from(s) / 5.0).collect();
            let targets: Vec<f64> = data.iter().map(|&(_, t)| if t { 1.0 } else { 0.0 }).collect();
            let n_pos = targets.iter().filter(|&&t| t == 1.0).count();
            prop_assume!(n_pos > 0 && n_pos < targets.len());
            let auc = roc_auc(&scores, &targets).unwrap();
            prop_assert!((auc - auc_by_pairs(&scores, &targets)).abs() < 1e-12);
            let curve = roc_curve(&scores, &targets).unwrap();
            prop_assert!((auc - trapezoid_area(&curve)).abs() < 1e-12);
            prop_assert_eq!(curve.last().copied(), Some((1.0, 1.0)));
        }

        #[test]
        fn the_four_counts_cover_every_sample(
            data in prop::collection::vec((0.0f64..1.0, prop::bool::ANY), 1..40),
            threshold in 0.0f64..1.0,
        ) {
            let scores: Vec<f64> = data.iter().map(|&(s, _)| s).collect();
            let targets: Vec<f64> = data.iter().map(|&(_, t)| if t { 1.0 } else { 0.0 }).collect();
            let c = Confusion::new(&scores, &targets, threshold).unwrap();
            prop_assert_eq!(c.tp + c.fp + c.tn + c.fn_, scores.len());
            prop_assert_eq!(c.tp + c.fn_, targets.iter().filter(|&&t| t == 1.0).count());
        }
    }
}
