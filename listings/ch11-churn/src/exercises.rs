//! Reference solutions to the chapter's exercises. Each is checked by the tests below, and the
//! program `churn-exercises` prints the numbers each one finds.

use ch02_sigmoid::{log_sigmoid, sigmoid};
use ch05_binary_cross_entropy::LossError;
use ch07_why_cross_entropy::exercises::bce_pos_weight_grad;
use ch07_why_cross_entropy::logistic::{Data, gradient, hessian, loss};
use ndarray::{Array1, Array2, ArrayView2, Axis, concatenate};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::calibration::{Bin, brier_score, reliability};
use crate::compare::CHURN_TO_CONVERGENCE;
use crate::convexity::{curvature, logistic_data};
use crate::dataset::Dataset;
use crate::eigen::symmetric_eigen;
use crate::error::TrainError;
use crate::head::{BinaryHead, Head, JudgedBy};
use crate::metrics::{ConfusionMatrix, roc_auc};
use crate::prepare::prepare;
use crate::run::fit;
use crate::synth::{DATA_ROWS, DATA_SEED, churn_dataset, generate, true_logit};
use crate::train::Config;

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
/// (mean over all customers, smallest batch loss, largest batch loss, number of batches).
pub fn batch_loss_spread() -> (f64, f64, f64, usize) {
    let (logits, y) = truth();
    let term = |z: f64, c: usize| z.max(0.0) - z * c as f64 + libm::log1p(libm::exp(-z.abs()));
    let mean = logits
        .iter()
        .zip(&y)
        .map(|(&z, &c)| term(z, c))
        .sum::<f64>()
        / y.len() as f64;
    let batches: Vec<f64> = (logits.chunks(32).zip(y.chunks(32)))
        .map(|(zs, cs)| zs.iter().zip(cs).map(|(&z, &c)| term(z, c)).sum::<f64>() / zs.len() as f64)
        .collect();
    let lo = batches.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = batches.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (mean, lo, hi, batches.len())
}
// ANCHOR_END: exercise_3

// ANCHOR: exercise_4
/// Exercise 4: binary cross-entropy with the term of the leavers weighted by `pos_weight`, as
/// PyTorch's `BCEWithLogitsLoss(pos_weight=w)`: `−(w y ln σ(z) + (1 − y) ln σ(−z))`, with the
/// slope derived in Chapter 7's Exercise 2.
pub struct WeightedHead {
    pub pos_weight: f64,
}

impl Head for WeightedHead {
    fn name(&self) -> &'static str {
        "sigmoid + binary cross-entropy, leavers weighted"
    }

    fn outputs(&self, classes: usize) -> Option<usize> {
        BinaryHead.outputs(classes)
    }

    fn loss(&self, logits: ArrayView2<f64>, targets: &[usize]) -> Result<f64, LossError> {
        BinaryHead.loss(logits, targets)?; // the same checks on the batch
        let w = self.pos_weight;
        let sum: f64 = (logits.column(0).iter().zip(targets))
            .map(|(&z, &y)| match y {
                1 => -w * log_sigmoid(z),
                _ => -log_sigmoid(-z),
            })
            .sum();
        Ok(sum / targets.len() as f64)
    }

    fn loss_grad(
        &self,
        logits: ArrayView2<f64>,
        targets: &[usize],
    ) -> Result<Array2<f64>, LossError> {
        BinaryHead.loss(logits, targets)?;
        let n = targets.len() as f64;
        let z = logits.column(0);
        Ok(Array2::from_shape_fn((n as usize, 1), |(i, _)| {
            bce_pos_weight_grad(z[i], targets[i] as f64, self.pos_weight) / n
        }))
    }

    fn probs(&self, logits: ArrayView2<f64>) -> Array2<f64> {
        BinaryHead.probs(logits)
    }
}

/// One way of deciding who leaves, scored on the test rows at seed 42.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leavers {
    pub pos_weight: f64,
    /// A customer is flagged when the predicted probability of leaving is above this.
    pub threshold: f64,
    pub recall: f64,
    pub precision: f64,
    /// The test cross-entropy and Brier score of the probabilities, whatever the threshold.
    pub loss: f64,
    pub brier: f64,
}

/// The network trained with weight 1, then with `stayers / leavers` of the training rows (which
/// gives the two classes the same total weight), both flagging above one half; and the
/// unweighted network flagging above `1 / (1 + w)` instead.
pub fn weighted_leavers() -> Result<[Leavers; 3], TrainError> {
    let data = churn_dataset()?;
    let config = CHURN_TO_CONVERGENCE;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let train_y = prepare(&data, &config, &mut rng)?.train.y;
    let leavers = train_y.iter().filter(|&&y| y == 1).count() as f64;
    let balance = (train_y.len() as f64 - leavers) / leavers;
    let scored = |pos_weight: f64, threshold: f64| -> Result<Leavers, TrainError> {
        let weighted = WeightedHead { pos_weight };
        let head = JudgedBy {
            trains: &weighted,
            judge: &BinaryHead,
        };
        let run = fit(&data, &head, &config)?;
        let probs = run.test.probs.column(1).to_vec();
        let y = &run.prepared.test.y;
        let flagged: Vec<usize> = probs.iter().map(|&p| usize::from(p > threshold)).collect();
        let m = ConfusionMatrix::new(y, &flagged, 2);
        let left: Vec<bool> = y.iter().map(|&c| c == 1).collect();
        Ok(Leavers {
            pos_weight,
            threshold,
            recall: m.recall(1).unwrap_or(0.0),
            precision: m.precision(1).unwrap_or(0.0),
            loss: run.test.loss,
            brier: brier_score(&probs, &left),
        })
    };
    Ok([
        scored(1.0, 0.5)?,
        scored(balance, 0.5)?,
        scored(1.0, 1.0 / (1.0 + balance))?,
    ])
}
// ANCHOR_END: exercise_4

// ANCHOR: exercise_5
/// The three parts of a Brier score: Brier = reliability − resolution + uncertainty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BrierTerms {
    pub reliability: f64,
    pub resolution: f64,
    pub uncertainty: f64,
}

/// Exercise 5: Murphy's decomposition of the Brier score of forecasts binned as in `bins`, each
/// forecast replaced by its bin's mean.
pub fn brier_decomposition(bins: &[Bin]) -> BrierTerms {
    let n: usize = bins.iter().map(|b| b.count).sum();
    let weight = |b: &Bin| b.count as f64 / n as f64;
    let base_rate: f64 = bins.iter().map(|b| weight(b) * b.share).sum();
    let square = |x: f64| x * x;
    let reliability = bins
        .iter()
        .map(|b| weight(b) * square(b.mean_prob - b.share))
        .sum();
    let resolution = bins
        .iter()
        .map(|b| weight(b) * square(b.share - base_rate))
        .sum();
    BrierTerms {
        reliability,
        resolution,
        uncertainty: base_rate * (1.0 - base_rate),
    }
}

/// The network's test forecasts at seed 42, binned into 10: the three terms, and the Brier score
/// of the binned forecasts and of the forecasts as they are.
pub fn network_brier_terms() -> Result<(BrierTerms, f64, f64), TrainError> {
    let run = fit(&churn_dataset()?, &BinaryHead, &CHURN_TO_CONVERGENCE)?;
    let probs = run.test.probs.column(1).to_vec();
    let left: Vec<bool> = run.prepared.test.y.iter().map(|&y| y == 1).collect();
    let bins = reliability(&probs, &left, 10);
    let binned: Vec<f64> = (probs.iter())
        .map(|&p| {
            bins.iter()
                .find(|b| b.lo <= p && (p < b.hi || b.hi == 1.0))
                .map_or(p, |b| b.mean_prob)
        })
        .collect();
    Ok((
        brier_decomposition(&bins),
        brier_score(&binned, &left),
        brier_score(&probs, &left),
    ))
}
// ANCHOR_END: exercise_5

// ANCHOR: exercise_6
/// Exercise 6: the smallest and largest eigenvalue of logistic regression's Hessian at zero
/// weights on the training rows of seed 42, with the contract one-hot encoded as the chapter
/// does (first level dropped), and with a column for every level.
pub fn contract_columns_curvature() -> Result<[(f64, f64); 2], TrainError> {
    let data = churn_dataset()?;
    let mut every_level = data.clone();
    let one_year_or_two = data.x.column(4).to_owned() + data.x.column(5);
    let month_to_month = one_year_or_two.mapv(|c| 1.0 - c).insert_axis(Axis(1));
    every_level.x = concatenate![Axis(1), data.x, month_to_month];
    every_level
        .features
        .push("ContractType_Month-to-month".into());
    let at_zero = |data: &Dataset| -> Result<(f64, f64), TrainError> {
        let mut rng = ChaCha8Rng::seed_from_u64(CHURN_TO_CONVERGENCE.seed);
        let rows = logistic_data(&prepare(data, &CHURN_TO_CONVERGENCE, &mut rng)?.train);
        Ok(curvature(&rows, &Array1::zeros(rows.inputs.ncols())))
    };
    Ok([at_zero(&data)?, at_zero(&every_level)?])
}
// ANCHOR_END: exercise_6

// ANCHOR: exercise_7
/// Where Newton's method went: (loss, gradient length) at every iterate, the start first, and
/// the last weights.
#[derive(Debug, Clone, PartialEq)]
pub struct NewtonPath {
    pub path: Vec<(f64, f64)>,
    pub weights: Array1<f64>,
}

/// Exercise 7: Newton's method for logistic regression, `w ← w − H⁻¹ ∇L`, from zero weights on
/// the training rows `data`, for `steps` steps.
pub fn newton(data: &Data, steps: usize) -> Result<NewtonPath, LossError> {
    let mut w = Array1::zeros(data.inputs.ncols());
    let mut path = Vec::new();
    for _ in 0..=steps {
        let g = gradient(data, &w)?;
        path.push((loss(data, &w)?, libm::sqrt(dot(&g, &g))));
        // H⁻¹ g from the eigenvectors of H: the sum over k of (v_k · g / λ_k) v_k.
        let (values, vectors) = symmetric_eigen(&hessian(data, &w));
        for (k, lambda) in values.iter().enumerate() {
            let v = vectors.column(k);
            w.scaled_add(-dot(v, &g) / lambda, &v);
        }
    }
    Ok(NewtonPath { path, weights: w })
}
// ANCHOR_END: exercise_7

/// The sum of the products of two vectors' entries, in order.
fn dot<'a>(a: impl IntoIterator<Item = &'a f64>, b: impl IntoIterator<Item = &'a f64>) -> f64 {
    a.into_iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The training rows of the chapter's split (seed 42) as logistic regression's data.
pub fn training_rows() -> Result<Data, TrainError> {
    let mut rng = ChaCha8Rng::seed_from_u64(CHURN_TO_CONVERGENCE.seed);
    let prepared = prepare(&churn_dataset()?, &CHURN_TO_CONVERGENCE, &mut rng)?;
    Ok(logistic_data(&prepared.train))
}

/// Logistic regression's weights, as Chapter 7's vector, after training with `config`'s
/// budget on the chapter's split, the initial weights and batches drawn from `seed`.
pub fn adam_weights(config: &Config, seed: u64) -> Result<Array1<f64>, TrainError> {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let prepared = prepare(&churn_dataset()?, config, &mut rng)?;
    let trained = crate::convexity::train_from_seed(&prepared, config, seed)?;
    Ok(crate::convexity::logistic_weights(&trained.net))
}

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
    fn exercise_4_the_weighted_loss_has_the_derived_slope_and_buys_recall_with_precision() {
        let head = WeightedHead { pos_weight: 3.0 };
        let logits = ndarray::array![[-1.5], [0.3], [2.0], [-0.2]];
        let y = [1, 0, 1, 0];
        let grad = head.loss_grad(logits.view(), &y).unwrap();
        let h = 1e-6;
        for i in 0..4 {
            let (mut up, mut down) = (logits.clone(), logits.clone());
            up[[i, 0]] += h;
            down[[i, 0]] -= h;
            let slope = (head.loss(up.view(), &y).unwrap() - head.loss(down.view(), &y).unwrap())
                / (2.0 * h);
            assert!(
                (slope - grad[[i, 0]]).abs() < 1e-8,
                "{slope} vs {}",
                grad[[i, 0]]
            );
        }
        let plain = WeightedHead { pos_weight: 1.0 };
        let a = plain.loss(logits.view(), &y).unwrap();
        assert!((a - BinaryHead.loss(logits.view(), &y).unwrap()).abs() < 1e-15);
        assert!(
            head.loss(logits.view(), &[1, 2, 0, 0]).is_err(),
            "the checks are Chapter 5's"
        );

        let [plain, weighted, lowered] = weighted_leavers().unwrap();
        assert!(weighted.pos_weight > 2.0 && weighted.pos_weight < 3.0);
        assert!(
            weighted.recall > plain.recall + 0.1,
            "{weighted:?} {plain:?}"
        );
        assert!(weighted.precision < plain.precision);
        assert!(weighted.loss > plain.loss && weighted.brier > plain.brier);
        assert!(lowered.recall > plain.recall + 0.1);
        assert_eq!((lowered.loss, lowered.brier), (plain.loss, plain.brier));
    }

    #[test]
    fn exercise_5_the_decomposition_is_exact_for_binned_forecasts() {
        // By hand: two bins, forecasts 0.2 (one of four happened) and 0.7 (two of two).
        let probs = [0.2, 0.2, 0.2, 0.2, 0.7, 0.7];
        let happened = [true, false, false, false, true, true];
        let bins = reliability(&probs, &happened, 10);
        let t = brier_decomposition(&bins);
        let brier = brier_score(&probs, &happened);
        let sum = t.reliability - t.resolution + t.uncertainty;
        assert!((sum - brier).abs() < 1e-15, "{t:?} {brier}");
        assert!((t.uncertainty - 0.5 * 0.5).abs() < 1e-15, "base rate 3/6");

        let (t, binned, raw) = network_brier_terms().unwrap();
        assert!((t.reliability - t.resolution + t.uncertainty - binned).abs() < 1e-12);
        assert!(raw < binned, "binning throws information away");
    }

    #[test]
    fn exercise_6_a_column_for_every_level_leaves_a_flat_direction() {
        let [dropped, every] = contract_columns_curvature().unwrap();
        assert!(dropped.0 > 0.1, "{dropped:?}");
        assert!(every.0.abs() < 1e-12, "{every:?}");
    }

    #[test]
    fn exercise_7_newton_reaches_the_bottom_in_a_handful_of_steps() {
        let rows = training_rows().unwrap();
        let NewtonPath { path, weights: w } = newton(&rows, 6).unwrap();
        assert!(
            path.windows(2).all(|p| p[1].0 <= p[0].0),
            "the loss never rises"
        );
        assert!(path[6].1 < 1e-12, "{:?}", path[6]);
        let config = Config {
            hidden: 0,
            ..CHURN_TO_CONVERGENCE
        };
        let adam = adam_weights(&config, 1).unwrap();
        let gap = libm::sqrt((&adam - &w).mapv(|x| x * x).sum());
        assert!(gap > 0.01 && gap < 0.2, "{gap}");
    }

    #[test]
    fn exercise_3_one_batch_can_be_far_from_the_mean() {
        let (mean, lo, hi, batches) = batch_loss_spread();
        assert_eq!(batches, 157, "5000 rows: 156 full batches and one of 8");
        assert!(lo < mean - 0.1 && hi > mean + 0.1, "{lo} {mean} {hi}");
    }
}
