//! What fitting the scaler before the split, as the source article does, leaks into training.

use ch10_data_pipeline::{StandardScaler, select_rows};
use ch11_churn::TrainError;
use ch11_churn::dataset::Dataset;
use ch11_churn::prepare::{Rows, scale};
use ch11_churn::run::{Run, run_prepared};
use ch11_churn::train::Config;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::head::SoftmaxHead;

// ANCHOR: scaling
/// Which rows the scaler learns its means and standard deviations from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scaling {
    /// The training rows only: the book's way.
    TrainOnly,
    /// All rows, before the split: the article's way, which lets the test rows shape the
    /// numbers the model trains on.
    AllRows,
}

/// The scaler fitted as `scaling` says, for the split `rows`.
pub fn fit_scaler(
    data: &Dataset,
    rows: &Rows,
    scaling: Scaling,
) -> Result<StandardScaler, TrainError> {
    let x = match scaling {
        Scaling::TrainOnly => select_rows(data.x.view(), &rows.train),
        Scaling::AllRows => data.x.clone(),
    };
    Ok(StandardScaler::fit(x.view())?)
}

/// Chapter 11's run with the scaler fitted as `scaling` says; the same seed draws the same
/// rows, weights and batches either way, so only the scaler differs.
pub fn run_scaled(data: &Dataset, config: &Config, scaling: Scaling) -> Result<Run, TrainError> {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let rows = Rows::draw(data.y.len(), config, &mut rng)?;
    run_on_rows(data, rows, scaling, config, &mut rng)
}

/// The rest of the run on a split already drawn: `rng` goes on to draw the initial weights
/// and the order of the batches.
pub fn run_on_rows(
    data: &Dataset,
    rows: Rows,
    scaling: Scaling,
    config: &Config,
    rng: &mut ChaCha8Rng,
) -> Result<Run, TrainError> {
    let scaler = fit_scaler(data, &rows, scaling)?;
    let prepared = scale(data, rows, scaler);
    run_prepared(
        prepared,
        &SoftmaxHead,
        config,
        rng,
        &mut |_| {},
        &mut |_| {},
    )
}
// ANCHOR_END: scaling

// ANCHOR: compare_scalers
/// The two scalers on the rows that `config.seed` draws.
pub struct ScalerPair {
    pub train_only: StandardScaler,
    pub all_rows: StandardScaler,
    /// The largest change, over every standardized test value, between the two: how far the
    /// leak moves what the model is shown, in standard deviations.
    pub max_test_shift: f64,
}

pub fn compare_scalers(data: &Dataset, config: &Config) -> Result<ScalerPair, TrainError> {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let rows = Rows::draw(data.y.len(), config, &mut rng)?;
    let train_only = fit_scaler(data, &rows, Scaling::TrainOnly)?;
    let all_rows = fit_scaler(data, &rows, Scaling::AllRows)?;
    let test = select_rows(data.x.view(), &rows.test);
    let shift = &train_only.transform(test.view()) - &all_rows.transform(test.view());
    Ok(ScalerPair {
        train_only,
        all_rows,
        max_test_shift: shift.iter().fold(0.0_f64, |m, d| m.max(d.abs())),
    })
}
// ANCHOR_END: compare_scalers
