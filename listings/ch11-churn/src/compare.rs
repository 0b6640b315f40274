//! The chapter's comparison: the article's network, the same trainer without its hidden layer
//! (logistic regression), and the model that generated the data.

use std::path::Path;

use ch05_binary_cross_entropy::bce_with_logits;
use ch10_data_pipeline::DataError;
use ndarray::Array1;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::data::{PrepareError, load, prepare};
use crate::synth::{Customer, true_logit};
use crate::train::{Config, EpochLog, TrainError, fit, predict_logits};

/// The committed data set, found from the crate's folder whatever the working directory.
pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/churn.csv");

/// Anything that can stop the comparison.
#[derive(Debug, thiserror::Error)]
pub enum ChurnError {
    #[error(transparent)]
    Data(#[from] DataError),
    #[error(transparent)]
    Prepare(#[from] PrepareError),
    #[error(transparent)]
    Train(#[from] TrainError),
    #[error(transparent)]
    Loss(#[from] ch05_binary_cross_entropy::LossError),
}

/// One trained model: its training log and its logits on the test rows.
pub struct Outcome {
    pub log: Vec<EpochLog>,
    pub test_logits: Array1<f64>,
}

/// Everything the chapter compares, on the same test rows.
pub struct Comparison {
    pub net: Outcome,
    pub baseline: Outcome,
    /// The generating model's logits on the test rows.
    pub true_logits: Array1<f64>,
    /// The generating model's loss on the test rows: the best any model can expect.
    pub true_loss: f64,
    pub y_test: Array1<f64>,
}

// ANCHOR: run
/// Trains `config`'s network and a logistic regression with otherwise the same settings, each
/// from the same seed (and so on the same split), and scores the true model on the test rows.
pub fn compare(customers: &[Customer], config: &Config) -> Result<Comparison, ChurnError> {
    let train = |config: &Config| -> Result<(Outcome, Array1<f64>, Vec<usize>), ChurnError> {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let d = prepare(customers, &mut rng)?;
        let (x_train, y_train) = (d.x_train.view(), d.y_train.view());
        let (net, log) = fit(
            x_train,
            y_train,
            d.x_test.view(),
            d.y_test.view(),
            config,
            &mut rng,
        )?;
        let test_logits = predict_logits(&net, d.x_test.view()).map_err(TrainError::from)?;
        Ok((Outcome { log, test_logits }, d.y_test, d.split.test))
    };
    let (net, y_test, test_rows) = train(config)?;
    let (baseline, _, _) = train(&Config {
        hidden: 0,
        ..*config
    })?;
    let true_logits: Array1<f64> = test_rows
        .iter()
        .map(|&i| true_logit(&customers[i]))
        .collect();
    let true_loss = bce_with_logits(true_logits.view(), y_test.view())?;
    Ok(Comparison {
        net,
        baseline,
        true_logits,
        true_loss,
        y_test,
    })
}
// ANCHOR_END: run

/// The comparison on the committed data with the article's setup.
pub fn chapter_comparison() -> Result<Comparison, ChurnError> {
    compare(&load(Path::new(DATA))?, &Config::ARTICLE)
}
