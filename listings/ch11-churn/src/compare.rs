//! The chapter's comparison: the article's network, the same trainer with no hidden layer
//! (logistic regression), and the model that generated the data, on the same test rows.

use ch05_binary_cross_entropy::bce_with_logits;
use ndarray::Array1;

use crate::dataset::Dataset;
use crate::error::TrainError;
use crate::head::BinaryHead;
use crate::metrics::roc_auc;
use crate::run::{Run, fit};
use crate::synth::{DATA_ROWS, DATA_SEED, generate, true_logit};
use crate::train::{ARTICLE_CHURN, Config};

/// The generating model on some rows of the committed data: its logits, and their loss and
/// ROC AUC against the labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Truth {
    pub logits: Array1<f64>,
    pub loss: f64,
    pub roc_auc: f64,
}

/// The true model on `rows` of the committed data, whose labels are `y`.
pub fn truth(rows: &[usize], y: &[usize]) -> Result<Truth, TrainError> {
    let customers = generate(DATA_ROWS, DATA_SEED);
    let logits: Array1<f64> = rows.iter().map(|&i| true_logit(&customers[i])).collect();
    let targets: Array1<f64> = y.iter().map(|&c| c as f64).collect();
    let scored: Vec<(f64, bool)> = logits.iter().zip(y).map(|(&z, &c)| (z, c == 1)).collect();
    Ok(Truth {
        loss: bce_with_logits(logits.view(), targets.view())?,
        roc_auc: roc_auc(&scored).unwrap_or(f64::NAN),
        logits,
    })
}

/// One seed of the comparison: both trained models and the truth on their test rows.
pub struct Comparison {
    pub seed: u64,
    pub network: Run,
    pub logistic: Run,
    pub truth: Truth,
}

// ANCHOR: budget
/// Time enough for both models to finish learning: a learning rate ten times the article's,
/// up to 50 epochs, and the epoch picked by the validation loss.
pub const CHURN_TO_CONVERGENCE: Config = Config {
    lr: 0.01,
    epochs: 50,
    ..ARTICLE_CHURN
};
// ANCHOR_END: budget

// ANCHOR: compare
/// Trains `config`'s network and, with the same settings but no hidden layer, logistic
/// regression, from each seed; both draw the same split, and the true model is scored on the
/// same test rows.
pub fn compare(
    data: &Dataset,
    config: &Config,
    seeds: std::ops::Range<u64>,
) -> Result<Vec<Comparison>, TrainError> {
    seeds
        .map(|seed| {
            let network = fit(data, &BinaryHead, &Config { seed, ..*config })?;
            let logistic = fit(
                data,
                &BinaryHead,
                &Config {
                    seed,
                    hidden: 0,
                    ..*config
                },
            )?;
            let test = &network.prepared;
            let truth = truth(&test.rows.test, &test.test.y)?;
            Ok(Comparison {
                seed,
                network,
                logistic,
                truth,
            })
        })
        .collect()
}
// ANCHOR_END: compare
