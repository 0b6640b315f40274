//! Reference solutions to the chapter's exercises. Each is checked by the tests below.

use ch02_sigmoid::sigmoid;

use crate::metrics::{ConfusionMatrix, roc_auc};
use crate::synth::{DATA_ROWS, DATA_SEED, generate, true_logit};

/// The committed customers' true logits and labels.
fn truth() -> (Vec<f64>, Vec<usize>) {
    let customers = generate(DATA_ROWS, DATA_SEED);
    (
        customers.iter().map(true_logit).collect(),
        customers.iter().map(|c| c.churn as usize).collect(),
    )
}

// ANCHOR: exercise_1
/// Exercise 1: the area under the ROC curve by its definition: over every pair of a positive
/// and a negative sample, the share in which the positive scores higher, a tie counting one
/// half.
pub fn auc_by_pairs(samples: &[(f64, bool)]) -> f64 {
    let (mut wins, mut pairs) = (0.0, 0.0);
    for &(s_pos, _) in samples.iter().filter(|s| s.1) {
        for &(s_neg, _) in samples.iter().filter(|s| !s.1) {
            pairs += 1.0;
            wins += if s_pos > s_neg {
                1.0
            } else if s_pos == s_neg {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / pairs
}

/// Both ways on the true logits, rounded to one decimal so that ties abound:
/// (by pairs, by ranks).
pub fn auc_two_ways() -> (f64, f64) {
    let (logits, y) = truth();
    let scored: Vec<(f64, bool)> = logits
        .iter()
        .zip(&y)
        .map(|(z, &c)| ((z * 10.0).round() / 10.0, c == 1))
        .collect();
    (auc_by_pairs(&scored), roc_auc(&scored).unwrap_or(f64::NAN))
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: the probability threshold (in steps of 0.05) at which the true model's
/// decisions have the highest F1 for the leavers, on all 5,000 customers; returns
/// (threshold, F1 there, F1 at one half).
pub fn best_f1_threshold() -> (f64, f64, f64) {
    let (logits, y) = truth();
    let f1_at = |t: f64| {
        let decisions: Vec<usize> = logits.iter().map(|&z| (sigmoid(z) > t) as usize).collect();
        ConfusionMatrix::new(&y, &decisions, 2).f1(1).unwrap_or(0.0)
    };
    let best = (1..20)
        .map(|k| k as f64 * 0.05)
        .fold((0.5, f1_at(0.5)), |best, t| {
            if f1_at(t) > best.1 {
                (t, f1_at(t))
            } else {
                best
            }
        });
    (best.0, best.1, f1_at(0.5))
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
/// Exercise 3: the loss of the true model on each batch of 32 consecutive customers. Returns
/// (mean over all customers, smallest batch loss, largest batch loss).
pub fn batch_loss_spread() -> (f64, f64, f64) {
    let (logits, y) = truth();
    let term = |z: f64, c: usize| z.max(0.0) - z * c as f64 + libm::log1p(libm::exp(-z.abs()));
    let mean = logits
        .iter()
        .zip(&y)
        .map(|(&z, &c)| term(z, c))
        .sum::<f64>()
        / y.len() as f64;
    let batches = logits.chunks(32).zip(y.chunks(32)).map(|(zs, cs)| {
        zs.iter().zip(cs).map(|(&z, &c)| term(z, c)).sum::<f64>() / zs.len() as f64
    });
    let (lo, hi) = batches.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), l| {
        (lo.min(l), hi.max(l))
    });
    (mean, lo, hi)
}
// ANCHOR_END: exercise_3

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercise_1_both_formulas_give_the_same_area() {
        let (pairs, ranks) = auc_two_ways();
        assert!((pairs - ranks).abs() < 1e-12, "{pairs} vs {ranks}");
        assert!(pairs > 0.8 && pairs < 0.9, "{pairs}");
    }

    #[test]
    fn exercise_2_the_best_threshold_for_f1_is_below_one_half() {
        let (threshold, f1, at_half) = best_f1_threshold();
        assert!(threshold < 0.5, "{threshold}");
        assert!(f1 > at_half, "{f1} vs {at_half}");
    }

    #[test]
    fn exercise_3_one_batch_can_be_far_from_the_mean() {
        let (mean, lo, hi) = batch_loss_spread();
        assert!(lo < mean - 0.1 && hi > mean + 0.1, "{lo} {mean} {hi}");
    }
}
