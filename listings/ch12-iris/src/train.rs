//! The trainer: split, scale, then mini-batches of forward, loss, backward and an Adam step.

use ch03_softmax::{SoftmaxError, softmax_rows};
use ch06_categorical_cross_entropy::{
    LossError, cross_entropy_with_logits, cross_entropy_with_logits_grad,
};
use ch08_layers::{Network, ShapeError};
use ch09_optimizers::{Adam, Optimizer};
use ch10_data_pipeline::{
    BatchLoader, DataError, Split, StandardScaler, select_rows, train_test_split,
};
use ndarray::{Array2, ArrayView2};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::data::Iris;
use crate::metrics::{ConfusionMatrix, MetricsError, argmax_rows};

/// Anything that can stop a training run, with the message of the piece that failed.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error(transparent)]
    Data(#[from] DataError),
    #[error("loss: {0}")]
    Loss(#[from] LossError),
    #[error("network: {0}")]
    Shape(#[from] ShapeError),
    #[error("softmax: {0}")]
    Softmax(#[from] SoftmaxError),
    #[error("metrics: {0}")]
    Metrics(#[from] MetricsError),
    #[error("too few rows ({rows}): the training and the test split each need at least one")]
    TooFewRows { rows: usize },
    #[error("invalid setting: {0}")]
    Setting(String),
}

// ANCHOR: config
/// Everything a run depends on. One seed drives the split, the initial weights and the order
/// of the mini-batches, in that order, from a single `ChaCha8Rng`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    pub epochs: usize,
    pub lr: f64,
    pub batch_size: usize,
    pub hidden: usize,
    pub test_fraction: f64,
    pub seed: u64,
}

impl Config {
    /// The source article's setup: 10 hidden units, Adam at 0.01, batches of 16, 15 epochs, an
    /// 80/20 split. (Its split used scikit-learn's `random_state=42`; ours uses seed 42 for a
    /// `ChaCha8Rng`, which picks different test flowers.)
    pub const ARTICLE: Config = Config {
        epochs: 15,
        lr: 0.01,
        batch_size: 16,
        hidden: 10,
        test_fraction: 0.2,
        seed: 42,
    };
}
// ANCHOR_END: config

impl Config {
    pub fn check(&self) -> Result<(), TrainError> {
        let bad = |what: &str| Err(TrainError::Setting(what.to_string()));
        if self.epochs == 0 {
            return bad("epochs must be at least 1");
        }
        if !(self.lr.is_finite() && self.lr > 0.0) {
            return bad("the learning rate must be a positive number");
        }
        if self.batch_size == 0 {
            return bad("the batch size must be at least 1");
        }
        if self.hidden == 0 {
            return bad("the hidden layer needs at least 1 unit");
        }
        if !(self.test_fraction > 0.0 && self.test_fraction < 1.0) {
            return bad("the test fraction must lie strictly between 0 and 1");
        }
        Ok(())
    }
}

// ANCHOR: scaling
/// Where the scaler learns its means and standard deviations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scaling {
    /// From the training rows only: the test rows stay unseen until they are scored.
    TrainOnly,
    /// From all rows, before the split, as the source article does: the test rows' values
    /// shape the scaling the model trains with.
    AllRows,
}
// ANCHOR_END: scaling

/// The two splits, standardized, and the scaler that did it.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub x_train: Array2<f64>,
    pub y_train: Vec<usize>,
    pub x_test: Array2<f64>,
    pub y_test: Vec<usize>,
    /// Row numbers (0-based, in the file's order) of the test flowers.
    pub test_rows: Vec<usize>,
    pub scaler: StandardScaler,
}

// ANCHOR: prepare
/// Splits `iris` with `rng`, then standardizes both splits with a scaler fitted as `scaling`
/// says.
pub fn prepare(
    iris: &Iris,
    test_fraction: f64,
    scaling: Scaling,
    rng: &mut ChaCha8Rng,
) -> Result<Prepared, TrainError> {
    if !(test_fraction > 0.0 && test_fraction < 1.0) {
        return Err(TrainError::Setting(format!(
            "the test fraction must lie strictly between 0 and 1, not {test_fraction}"
        )));
    }
    let split = train_test_split(iris.len(), test_fraction, rng);
    prepare_split(iris, split, scaling)
}

/// Standardizes the two sides of a given split.
pub fn prepare_split(iris: &Iris, split: Split, scaling: Scaling) -> Result<Prepared, TrainError> {
    if split.train.is_empty() || split.test.is_empty() {
        return Err(TrainError::TooFewRows { rows: iris.len() });
    }
    if let Some(&row) = split
        .train
        .iter()
        .chain(&split.test)
        .find(|&&i| i >= iris.len())
    {
        return Err(TrainError::Setting(format!(
            "the split names row {row}, but the data has {} rows",
            iris.len()
        )));
    }
    let x_train = select_rows(iris.features.view(), &split.train);
    let x_test = select_rows(iris.features.view(), &split.test);
    let scaler = match scaling {
        Scaling::TrainOnly => StandardScaler::fit(x_train.view())?,
        Scaling::AllRows => StandardScaler::fit(iris.features.view())?,
    };
    let pick = |rows: &[usize]| rows.iter().map(|&i| iris.targets[i]).collect::<Vec<_>>();
    Ok(Prepared {
        x_train: scaler.transform(x_train.view()),
        y_train: pick(&split.train),
        x_test: scaler.transform(x_test.view()),
        y_test: pick(&split.test),
        test_rows: split.test,
        scaler,
    })
}
// ANCHOR_END: prepare

/// The losses after one epoch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochLosses {
    pub epoch: usize,
    /// The mean of the per-flower losses over the epoch's batches, each measured just before
    /// its batch's step: every training flower counts once.
    pub train: f64,
    /// The mean loss on the test split after the epoch's last step.
    pub test: f64,
}

// ANCHOR: train
/// Trains a `n_inputs -> hidden ReLU -> classes` network on `data` and reports the losses
/// of every epoch to `on_epoch` as they come. `rng` must be the one that made the split: it
/// goes on to draw the initial weights and shuffle the batches.
pub fn train(
    data: &Prepared,
    classes: usize,
    config: &Config,
    rng: &mut ChaCha8Rng,
    mut on_epoch: impl FnMut(&EpochLosses),
) -> Result<(Network, Vec<EpochLosses>), TrainError> {
    config.check()?;
    check_prepared(data, classes)?;
    let mut network = Network::new(&[data.x_train.ncols(), config.hidden, classes], rng);
    let mut optimizer = Adam::new(config.lr);
    let mut loader = BatchLoader::new(data.x_train.nrows(), config.batch_size);
    let mut history = Vec::with_capacity(config.epochs);
    for epoch in 1..=config.epochs {
        let mut loss_sum = 0.0;
        for batch in loader.epoch(rng) {
            let x = select_rows(data.x_train.view(), batch);
            let targets: Vec<usize> = batch.iter().map(|&i| data.y_train[i]).collect();
            let trace = network.forward(x.view())?;
            loss_sum += cross_entropy_with_logits(trace.logits(), &targets)? * batch.len() as f64;
            let grad_logits = cross_entropy_with_logits_grad(trace.logits(), &targets)?;
            let grads = network.backward(&trace, grad_logits.view())?;
            optimizer.step(&mut network.params_mut(), &grads);
        }
        let test_logits = network.logits(data.x_test.view())?;
        let losses = EpochLosses {
            epoch,
            train: loss_sum / data.y_train.len() as f64,
            test: cross_entropy_with_logits(test_logits.view(), &data.y_test)?,
        };
        on_epoch(&losses);
        history.push(losses);
    }
    Ok((network, history))
}
// ANCHOR_END: train

/// Refuses data that `train` could not use: features and targets of different lengths, an
/// empty split, or no classes to predict.
fn check_prepared(data: &Prepared, classes: usize) -> Result<(), TrainError> {
    let sides = [
        ("training", data.x_train.nrows(), data.y_train.len()),
        ("test", data.x_test.nrows(), data.y_test.len()),
    ];
    for (side, rows, targets) in sides {
        if rows != targets {
            return Err(TrainError::Setting(format!(
                "the {side} split has {rows} rows of features but {targets} targets"
            )));
        }
        if rows == 0 {
            return Err(TrainError::Setting(format!("the {side} split is empty")));
        }
    }
    if classes == 0 {
        return Err(TrainError::Setting(
            "there must be at least one class".to_string(),
        ));
    }
    Ok(())
}

/// A whole run from a seed: split, scale, train.
#[derive(Debug, Clone)]
pub struct Run {
    pub data: Prepared,
    pub network: Network,
    pub history: Vec<EpochLosses>,
}

// ANCHOR: run
impl Run {
    /// Trains a network for the three species on prepared data, and keeps the three together.
    fn train(
        data: Prepared,
        config: &Config,
        rng: &mut ChaCha8Rng,
        on_epoch: impl FnMut(&EpochLosses),
    ) -> Result<Run, TrainError> {
        let classes = crate::species::Species::ALL.len();
        let (network, history) = train(&data, classes, config, rng, on_epoch)?;
        Ok(Run {
            data,
            network,
            history,
        })
    }
}

/// Everything from one seed: the split, the initial weights and the batch order all come from
/// `ChaCha8Rng::seed_from_u64(config.seed)`.
pub fn run(
    iris: &Iris,
    config: &Config,
    scaling: Scaling,
    on_epoch: impl FnMut(&EpochLosses),
) -> Result<Run, TrainError> {
    config.check()?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let data = prepare(iris, config.test_fraction, scaling, &mut rng)?;
    Run::train(data, config, &mut rng, on_epoch)
}
// ANCHOR_END: run

/// A run on a split fixed in advance: the seed then draws only the initial weights and the
/// batch order.
pub fn run_on_split(
    iris: &Iris,
    split: Split,
    config: &Config,
    scaling: Scaling,
    on_epoch: impl FnMut(&EpochLosses),
) -> Result<Run, TrainError> {
    config.check()?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let data = prepare_split(iris, split, scaling)?;
    Run::train(data, config, &mut rng, on_epoch)
}

/// What a trained network says about a set of flowers.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub probs: Array2<f64>,
    pub predicted: Vec<usize>,
    pub targets: Vec<usize>,
    pub loss: f64,
    pub confusion: ConfusionMatrix,
}

// ANCHOR: evaluate
/// Scores `network` on `x` against `targets`: probabilities, predicted classes, the mean
/// cross-entropy and the confusion matrix.
pub fn evaluate(
    network: &Network,
    x: ArrayView2<f64>,
    targets: &[usize],
) -> Result<Evaluation, TrainError> {
    let logits = network.logits(x)?;
    let loss = cross_entropy_with_logits(logits.view(), targets)?;
    let predicted = argmax_rows(logits.view());
    let confusion = ConfusionMatrix::new(&predicted, targets, network.n_outputs())?;
    let probs = softmax_rows(logits.view())?;
    Ok(Evaluation {
        probs,
        predicted,
        targets: targets.to_vec(),
        loss,
        confusion,
    })
}
// ANCHOR_END: evaluate

impl Run {
    pub fn evaluate_test(&self) -> Result<Evaluation, TrainError> {
        evaluate(&self.network, self.data.x_test.view(), &self.data.y_test)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::IRIS_CSV;
    use std::path::Path;

    fn iris() -> Iris {
        Iris::load(Path::new(IRIS_CSV)).unwrap()
    }

    #[test]
    fn inconsistent_data_and_settings_are_errors_not_panics() {
        let iris = crate::data::Iris::load(std::path::Path::new(crate::data::IRIS_CSV)).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert!(matches!(
            prepare(&iris, 1.5, Scaling::TrainOnly, &mut rng),
            Err(TrainError::Setting(_))
        ));
        let split = Split {
            train: vec![0, 1, 2],
            test: vec![3, 999],
        };
        assert!(matches!(
            prepare_split(&iris, split, Scaling::TrainOnly),
            Err(TrainError::Setting(_))
        ));
        let mut data = prepare(&iris, 0.2, Scaling::TrainOnly, &mut rng).unwrap();
        assert!(train(&data, 0, &Config::ARTICLE, &mut rng, |_| {}).is_err());
        data.y_train.pop();
        let err = train(&data, 3, &Config::ARTICLE, &mut rng, |_| {}).unwrap_err();
        assert!(err.to_string().contains("targets"), "{err}");
    }

    #[test]
    fn the_same_seed_gives_the_same_run_bit_for_bit() {
        let iris = iris();
        let config = Config {
            epochs: 3,
            ..Config::ARTICLE
        };
        let a = run(&iris, &config, Scaling::TrainOnly, |_| {}).unwrap();
        let b = run(&iris, &config, Scaling::TrainOnly, |_| {}).unwrap();
        assert_eq!(a.history, b.history);
        assert_eq!(a.network, b.network);
        let c = run(
            &iris,
            &Config { seed: 7, ..config },
            Scaling::TrainOnly,
            |_| {},
        )
        .unwrap();
        assert_ne!(a.history, c.history);
    }

    #[test]
    fn the_scaler_sees_only_the_training_rows() {
        let data = prepare(
            &iris(),
            0.2,
            Scaling::TrainOnly,
            &mut ChaCha8Rng::seed_from_u64(1),
        )
        .unwrap();
        assert_eq!((data.x_train.nrows(), data.x_test.nrows()), (120, 30));
        for j in 0..4 {
            let column = data.x_train.column(j);
            approx::assert_abs_diff_eq!(column.mean().unwrap(), 0.0, epsilon = 1e-12);
            approx::assert_abs_diff_eq!(column.std(0.0), 1.0, epsilon = 1e-12);
            // The test rows are scaled with the training statistics, so theirs are not exact.
            assert!(data.x_test.column(j).mean().unwrap().abs() > 1e-6);
        }
    }

    #[test]
    fn training_lowers_the_loss_and_every_callback_arrives() {
        let mut seen = Vec::new();
        let result = run(&iris(), &Config::ARTICLE, Scaling::TrainOnly, |e| {
            seen.push(e.epoch)
        })
        .unwrap();
        assert_eq!(seen, (1..=15).collect::<Vec<_>>());
        let (first, last) = (result.history[0], result.history[14]);
        assert!(
            last.train < first.train / 3.0 && last.test < first.test / 3.0,
            "{first:?} {last:?}"
        );
        assert!(result.evaluate_test().unwrap().confusion.accuracy() > 0.9);
    }

    #[test]
    fn the_gradient_the_trainer_follows_matches_finite_differences() {
        // The pieces glued as `train` glues them: loss from the logits, its gradient, backward.
        let data = prepare(
            &iris(),
            0.2,
            Scaling::TrainOnly,
            &mut ChaCha8Rng::seed_from_u64(3),
        )
        .unwrap();
        let x = data.x_train.slice(ndarray::s![..16, ..]).to_owned();
        let targets = &data.y_train[..16];
        let mut network = Network::new(&[4, 10, 3], &mut ChaCha8Rng::seed_from_u64(5));
        let trace = network.forward(x.view()).unwrap();
        let grad_logits = cross_entropy_with_logits_grad(trace.logits(), targets).unwrap();
        let grads = network.backward(&trace, grad_logits.view()).unwrap();
        let h = 1e-6;
        for (k, grad) in grads.iter().enumerate() {
            for idx in [(0, 0), (grad.nrows() - 1, grad.ncols() - 1)] {
                let mut loss_at = |delta: f64| {
                    network.params_mut()[k][idx] += delta;
                    let loss = cross_entropy_with_logits(
                        network.logits(x.view()).unwrap().view(),
                        targets,
                    )
                    .unwrap();
                    network.params_mut()[k][idx] -= delta;
                    loss
                };
                let numeric = (loss_at(h) - loss_at(-h)) / (2.0 * h);
                approx::assert_abs_diff_eq!(grad[idx], numeric, epsilon = 1e-7);
            }
        }
    }

    #[test]
    fn bad_settings_and_tiny_files_are_errors() {
        let iris = iris();
        for bad in [
            Config {
                epochs: 0,
                ..Config::ARTICLE
            },
            Config {
                lr: 0.0,
                ..Config::ARTICLE
            },
            Config {
                lr: f64::NAN,
                ..Config::ARTICLE
            },
            Config {
                batch_size: 0,
                ..Config::ARTICLE
            },
            Config {
                hidden: 0,
                ..Config::ARTICLE
            },
            Config {
                test_fraction: 1.0,
                ..Config::ARTICLE
            },
        ] {
            let err = run(&iris, &bad, Scaling::TrainOnly, |_| {}).unwrap_err();
            assert!(matches!(err, TrainError::Setting(_)), "{err}");
        }
        let two = Iris {
            features: iris.features.slice(ndarray::s![..2, ..]).to_owned(),
            targets: vec![0, 0],
        };
        let err = run(&two, &Config::ARTICLE, Scaling::TrainOnly, |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "too few rows (2): the training and the test split each need at least one"
        );
    }
}
