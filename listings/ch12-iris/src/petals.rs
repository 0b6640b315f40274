//! A model of the two petal measurements only, small enough to draw its decisions.

use ch11_churn::TrainError;
use ch11_churn::dataset::Dataset;
use ch11_churn::head::Head;
use ch11_churn::metrics::predict;
use ch11_churn::run::{Run, fit};
use ndarray::Array2;

use crate::head::SoftmaxHead;
use crate::setup::{IRIS_TO_CONVERGENCE, with_features};

// ANCHOR: petal_run
/// The article's setup with time to converge, trained on petal length and width alone.
pub fn petal_run(iris: &Dataset) -> Result<Run, TrainError> {
    let petals = with_features(iris, &["petal_length", "petal_width"]);
    fit(&petals, &SoftmaxHead, &IRIS_TO_CONVERGENCE)
}

/// The class the petal model predicts at each `(petal_length, petal_width)` point, in cm.
/// The points go through the run's own scaler first, as every flower did.
pub fn predict_cm(run: &Run, points: &[(f64, f64)]) -> Result<Vec<usize>, TrainError> {
    let cm = Array2::from_shape_fn((points.len(), 2), |(i, j)| match j {
        0 => points[i].0,
        _ => points[i].1,
    });
    let scaled = run.prepared.scaler.transform(cm.view());
    let logits = run.trained.net.logits(scaled.view())?;
    Ok(predict(SoftmaxHead.probs(logits.view()).view()))
}
// ANCHOR_END: petal_run
