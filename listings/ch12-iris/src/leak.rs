//! What fitting the scaler before the split leaks into training.

use ch10_data_pipeline::StandardScaler;
use ndarray::Array1;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::data::Iris;
use crate::train::{Scaling, TrainError, prepare};

// ANCHOR: compare_scalers
/// The scaler fitted on the training rows only, and the one fitted on all rows as the source
/// article does, for the split that `seed` draws.
pub struct ScalerPair {
    pub train_only: StandardScaler,
    pub all_rows: StandardScaler,
    /// The largest change, over every test value, in the standardized number the network is
    /// shown (in units of one training standard deviation).
    pub max_test_shift: f64,
}

pub fn compare_scalers(
    iris: &Iris,
    test_fraction: f64,
    seed: u64,
) -> Result<ScalerPair, TrainError> {
    // Same seed, same split: only the scaler differs.
    let honest = prepare(
        iris,
        test_fraction,
        Scaling::TrainOnly,
        &mut ChaCha8Rng::seed_from_u64(seed),
    )?;
    let leaky = prepare(
        iris,
        test_fraction,
        Scaling::AllRows,
        &mut ChaCha8Rng::seed_from_u64(seed),
    )?;
    let max_test_shift = (&honest.x_test - &leaky.x_test)
        .iter()
        .fold(0.0_f64, |m, d| m.max(d.abs()));
    Ok(ScalerPair {
        train_only: honest.scaler,
        all_rows: leaky.scaler,
        max_test_shift,
    })
}
// ANCHOR_END: compare_scalers

/// `a - b`, elementwise.
pub fn difference(a: &Array1<f64>, b: &Array1<f64>) -> Array1<f64> {
    a - b
}
