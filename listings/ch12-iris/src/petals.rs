//! A model of the two petal measurements only, small enough to draw its decision regions.

use ndarray::Array2;

use crate::data::Iris;
use crate::metrics::argmax_rows;
use crate::train::{Config, Run, Scaling, TrainError, run};

/// Petal length and petal width: columns 2 and 3 of [`crate::species::FEATURES`].
pub const PETALS: [usize; 2] = [2, 3];

// ANCHOR: petal_run
/// The article's setup, trained on the petal measurements alone.
pub fn petal_run(iris: &Iris) -> Result<Run, TrainError> {
    run(
        &iris.with_columns(&PETALS),
        &Config::ARTICLE,
        Scaling::TrainOnly,
        |_| {},
    )
}

/// The class the petal model predicts for each `(petal_length, petal_width)` point, in cm.
/// The points go through the run's own scaler first, as every flower did.
pub fn predict_cm(run: &Run, points: &[(f64, f64)]) -> Result<Vec<usize>, TrainError> {
    let cm = Array2::from_shape_fn((points.len(), 2), |(i, j)| {
        if j == 0 { points[i].0 } else { points[i].1 }
    });
    let logits = run
        .network
        .logits(run.data.scaler.transform(cm.view()).view())?;
    Ok(argmax_rows(logits.view()))
}
// ANCHOR_END: petal_run
