//! Can the probabilities be believed? Reliability bins, the Brier score and the expected
//! calibration error of predicted probabilities against what happened, and the chapter's
//! models measured by them.

use ch02_sigmoid::sigmoid;

use crate::compare::compare;
use crate::dataset::Dataset;
use crate::error::TrainError;
use crate::head::{BinaryHead, JudgedBy, SmoothedHead};
use crate::run::fit;
use crate::train::Config;

// ANCHOR: reliability
/// The samples whose predicted probability fell in one bin, `[lo, hi)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    pub lo: f64,
    pub hi: f64,
    pub count: usize,
    /// The mean predicted probability of the bin's samples.
    pub mean_prob: f64,
    /// The share of them for which the event happened.
    pub share: f64,
}

/// Sorts the predictions `probs` of an event into `bins` bins of equal width on [0, 1] (a
/// probability of exactly 1 goes to the last) and compares, in each bin, what was predicted
/// with what happened (`outcomes`). A bin with no samples is left out.
pub fn reliability(probs: &[f64], outcomes: &[bool], bins: usize) -> Vec<Bin> {
    let mut count = vec![0; bins];
    let mut prob_sum = vec![0.0; bins];
    let mut happened = vec![0; bins];
    for (&p, &event) in probs.iter().zip(outcomes) {
        let b = ((p * bins as f64) as usize).min(bins - 1);
        count[b] += 1;
        prob_sum[b] += p;
        happened[b] += usize::from(event);
    }
    (0..bins)
        .filter(|&b| count[b] > 0)
        .map(|b| Bin {
            lo: b as f64 / bins as f64,
            hi: (b + 1) as f64 / bins as f64,
            count: count[b],
            mean_prob: prob_sum[b] / count[b] as f64,
            share: happened[b] as f64 / count[b] as f64,
        })
        .collect()
}

/// The expected calibration error: the gap between predicted and observed in each bin,
/// weighted by the share of the samples the bin holds.
pub fn expected_calibration_error(bins: &[Bin]) -> f64 {
    let n: usize = bins.iter().map(|b| b.count).sum();
    bins.iter()
        .map(|b| b.count as f64 / n as f64 * (b.mean_prob - b.share).abs())
        .sum()
}

/// The Brier score: the mean squared difference between the predicted probability and what
/// happened (1 or 0). Squared error on probabilities, as a score.
pub fn brier_score(probs: &[f64], outcomes: &[bool]) -> f64 {
    let sum: f64 = (probs.iter().zip(outcomes))
        .map(|(&p, &event)| (p - f64::from(u8::from(event))) * (p - f64::from(u8::from(event))))
        .sum();
    sum / probs.len() as f64
}
// ANCHOR_END: reliability

/// The number of bins of the chapter's reliability diagrams: ten, each 0.1 wide.
pub const BINS: usize = 10;

/// What one model predicts for the test rows: the probability of class 1 for each, and the
/// model's test loss (binary cross-entropy against the labels).
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    pub name: String,
    pub probs: Vec<f64>,
    pub loss: f64,
}

// ANCHOR: forecasts
/// The forecasts of the chapter's models on the test rows of `config.seed`: the network,
/// logistic regression, the true model, and the network trained with each label smoothing
/// in `epsilons` (judged, like the others, by plain cross-entropy). Returns them with what
/// happened on each test row.
pub fn forecasts(
    data: &Dataset,
    config: &Config,
    epsilons: &[f64],
) -> Result<(Vec<Forecast>, Vec<bool>), TrainError> {
    let seed = config.seed;
    let c = compare(data, config, seed..seed + 1)?.remove(0);
    let class_one = |run: &crate::run::Run| run.test.probs.column(1).to_vec();
    let mut all = vec![
        Forecast {
            name: "network".into(),
            probs: class_one(&c.network),
            loss: c.network.test.loss,
        },
        Forecast {
            name: "logistic regression".into(),
            probs: class_one(&c.logistic),
            loss: c.logistic.test.loss,
        },
        Forecast {
            name: "true model".into(),
            probs: c.truth.logits.iter().map(|&z| sigmoid(z)).collect(),
            loss: c.truth.loss,
        },
    ];
    for &epsilon in epsilons {
        let smoothed = SmoothedHead { epsilon };
        let head = JudgedBy {
            trains: &smoothed,
            judge: &BinaryHead,
        };
        let run = fit(data, &head, config)?;
        all.push(Forecast {
            name: format!("network, smoothed {epsilon}"),
            probs: class_one(&run),
            loss: run.test.loss,
        });
    }
    let left = c.network.prepared.test.y.iter().map(|&k| k == 1).collect();
    Ok((all, left))
}
// ANCHOR_END: forecasts

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_by_hand() {
        let probs = [0.05, 0.15, 0.12, 0.95, 1.0];
        let outcomes = [false, true, false, true, true];
        let bins = reliability(&probs, &outcomes, 10);
        assert_eq!(bins.len(), 3, "empty bins are left out");
        assert_eq!((bins[0].count, bins[0].share), (1, 0.0));
        assert_eq!(bins[1].count, 2);
        assert!((bins[1].mean_prob - 0.135).abs() < 1e-15);
        assert_eq!(bins[1].share, 0.5);
        // 1.0 falls in the last bin, [0.9, 1).
        assert_eq!((bins[2].lo, bins[2].count, bins[2].share), (0.9, 2, 1.0));
        // ECE = (1 · 0.05 + 2 · 0.365 + 2 · 0.025) / 5.
        let ece = expected_calibration_error(&bins);
        assert!((ece - (0.05 + 2.0 * 0.365 + 2.0 * 0.025) / 5.0).abs() < 1e-15);
    }

    #[test]
    fn a_calibrated_forecast_has_no_gap_and_a_confident_wrong_one_the_worst_brier() {
        // Four forecasts of 0.25, one of which happened: calibrated.
        let bins = reliability(&[0.25; 4], &[true, false, false, false], 10);
        assert_eq!(expected_calibration_error(&bins), 0.0);
        assert_eq!(
            brier_score(&[0.25; 4], &[true, false, false, false]),
            (0.5625 + 3.0 * 0.0625) / 4.0
        );
        assert_eq!(brier_score(&[1.0, 0.0], &[false, true]), 1.0);
        assert_eq!(brier_score(&[1.0, 0.0], &[true, false]), 0.0);
    }

    proptest::proptest! {
        #[test]
        fn every_sample_lands_in_one_bin_and_the_scores_stay_in_range(
            samples in proptest::collection::vec((0.0..=1.0_f64, proptest::bool::ANY), 1..200),
        ) {
            let (probs, outcomes): (Vec<f64>, Vec<bool>) = samples.into_iter().unzip();
            let bins = reliability(&probs, &outcomes, BINS);
            proptest::prop_assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), probs.len());
            for b in &bins {
                // To rounding: p · 10 may round up onto the next bin's edge.
                proptest::prop_assert!(b.lo - 1e-12 <= b.mean_prob && b.mean_prob <= b.hi);
            }
            let ece = expected_calibration_error(&bins);
            let brier = brier_score(&probs, &outcomes);
            proptest::prop_assert!((0.0..=1.0).contains(&ece) && (0.0..=1.0).contains(&brier));
        }
    }
}
