//! The training loop: mini-batches from Chapter 10, the network from Chapter 8, the loss from
//! logits of Chapter 5 and Adam from Chapter 9.

use ch05_binary_cross_entropy::{LossError, bce_with_logits, bce_with_logits_grad};
use ch08_layers::{Network, ShapeError};
use ch09_optimizers::{Adam, Optimizer};
use ch10_data_pipeline::BatchLoader;
use ndarray::{Array1, ArrayView1, ArrayView2, Axis, s};
use rand_chacha::ChaCha8Rng;

/// The seed of the chapter's runs: split, initial weights and batch order.
pub const SEED: u64 = 42;

/// Rows per forward pass when only predictions are needed, so that evaluating a large set
/// needs buffers for this many rows, not for the whole set.
const EVAL_CHUNK: usize = 1024;

// ANCHOR: config
/// What the trainer can be told.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// Passes over the training rows; 0 trains nothing.
    pub epochs: usize,
    /// Adam's learning rate: finite and not negative (0 leaves the weights where they are).
    pub lr: f64,
    /// Rows per optimizer step, at least 1.
    pub batch_size: usize,
    /// Units in the hidden layer; 0 means no hidden layer, i.e. logistic regression.
    pub hidden: usize,
    pub seed: u64,
}

impl Config {
    /// The article's setup: input -> 16 ReLU -> 1, Adam with lr 0.001, batches of 32,
    /// 10 epochs.
    pub const ARTICLE: Config = Config {
        epochs: 10,
        lr: 0.001,
        batch_size: 32,
        hidden: 16,
        seed: SEED,
    };

    /// The layer sizes of the network for `n_inputs` features.
    pub fn sizes(&self, n_inputs: usize) -> Vec<usize> {
        if self.hidden == 0 {
            vec![n_inputs, 1]
        } else {
            vec![n_inputs, self.hidden, 1]
        }
    }

    /// Fails on a setting that cannot train: a batch of no rows, or a learning rate that is
    /// negative, NaN or infinite.
    pub fn check(&self) -> Result<(), TrainError> {
        if self.batch_size == 0 {
            return Err(TrainError::ZeroBatchSize);
        }
        if !(self.lr >= 0.0 && self.lr.is_finite()) {
            return Err(TrainError::BadLearningRate(self.lr));
        }
        Ok(())
    }
}
// ANCHOR_END: config

// ANCHOR: train_error
/// Why training failed: a setting that cannot train, inputs that do not fit together, or a run
/// that diverged (a learning rate far too high makes the weights, then the logits, overflow).
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TrainError {
    #[error("the batch size must be at least 1")]
    ZeroBatchSize,
    #[error("the learning rate must be a finite number >= 0, not {0}")]
    BadLearningRate(f64),
    #[error("training diverged at epoch {epoch} (a logit became non-finite)")]
    Diverged { epoch: usize },
    #[error(transparent)]
    Loss(#[from] LossError),
    #[error(transparent)]
    Shape(#[from] ShapeError),
}

impl TrainError {
    /// Says where a run diverged: a non-finite logit met during epoch `epoch` becomes
    /// [`TrainError::Diverged`]; any other error is returned as it is.
    pub fn in_epoch(self, epoch: usize) -> TrainError {
        match self {
            TrainError::Loss(LossError::NonFinite { .. }) => TrainError::Diverged { epoch },
            other => other,
        }
    }
}

/// Fails unless `x` and `y` describe the same samples, and at least one.
fn check_samples(x: ArrayView2<f64>, y: ArrayView1<f64>) -> Result<(), LossError> {
    if y.len() != x.nrows() {
        return Err(LossError::LengthMismatch {
            what: "targets",
            expected: x.nrows(),
            actual: y.len(),
        });
    }
    if x.nrows() == 0 {
        return Err(LossError::EmptyBatch);
    }
    Ok(())
}
// ANCHOR_END: train_error

/// The training loss of one epoch, two ways.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochLoss {
    /// The mean over every training sample of the epoch (each batch's loss, computed before
    /// its step, weighted by its size).
    pub mean: f64,
    /// The loss of the epoch's last batch alone: what the article prints.
    pub last_batch: f64,
}

/// A network, its optimizer and its batch loader.
pub struct Trainer {
    pub net: Network,
    opt: Adam,
    loader: BatchLoader,
    /// The batch's rows and targets, reused from step to step.
    xb: Vec<f64>,
    yb: Vec<f64>,
}

impl Trainer {
    /// A fresh network for `n_inputs` features (initial weights drawn from `rng`) that will
    /// train on `n_train` rows. Fails if `config` cannot train (see [`Config::check`]).
    pub fn new(
        n_inputs: usize,
        n_train: usize,
        config: &Config,
        rng: &mut ChaCha8Rng,
    ) -> Result<Trainer, TrainError> {
        config.check()?;
        Ok(Trainer {
            net: Network::new(&config.sizes(n_inputs), rng),
            opt: Adam::new(config.lr),
            loader: BatchLoader::new(n_train, config.batch_size),
            xb: Vec::new(),
            yb: Vec::new(),
        })
    }

    /// The number of optimizer steps in one epoch.
    pub fn batches_per_epoch(&self) -> usize {
        self.loader.batches_per_epoch()
    }

    // ANCHOR: epoch
    /// One pass over the training rows in a fresh order, one Adam step per batch.
    /// `on_batch` is called after every step (the program moves its progress bar there).
    /// `x` must hold the `n_train` rows the trainer was made for, and `y` one target per row.
    pub fn epoch(
        &mut self,
        x: ArrayView2<f64>,
        y: ArrayView1<f64>,
        rng: &mut ChaCha8Rng,
        on_batch: &mut dyn FnMut(),
    ) -> Result<EpochLoss, TrainError> {
        check_samples(x, y)?;
        if x.nrows() != self.loader.n() {
            return Err(LossError::LengthMismatch {
                what: "training rows",
                expected: self.loader.n(),
                actual: x.nrows(),
            }
            .into());
        }
        let (mut sum, mut last_batch) = (0.0, f64::NAN);
        for rows in self.loader.epoch(rng) {
            let (xb, yb) = gather(x, y, rows, &mut self.xb, &mut self.yb);

            let trace = self.net.forward(xb)?;
            let logits = trace.logits();
            let logits = logits.column(0);
            let loss = bce_with_logits(logits, yb)?;
            let grad_logits = bce_with_logits_grad(logits, yb)?.insert_axis(Axis(1));
            let grads = self.net.backward(&trace, grad_logits.view())?;
            self.opt.step(&mut self.net.params_mut(), &grads);

            sum += loss * rows.len() as f64;
            last_batch = loss;
            on_batch();
        }
        Ok(EpochLoss {
            mean: sum / x.nrows() as f64,
            last_batch,
        })
    }
    // ANCHOR_END: epoch
}

// ANCHOR: gather
/// The rows of `x` and `y` listed in `rows`, copied into the reused buffers `xb` and `yb`.
///
/// This is Chapter 10's `select_rows` without a new allocation per batch, and without
/// `ndarray`'s general `select`, which copies row by row through a much slower path.
fn gather<'a>(
    x: ArrayView2<f64>,
    y: ArrayView1<f64>,
    rows: &[usize],
    xb: &'a mut Vec<f64>,
    yb: &'a mut Vec<f64>,
) -> (ArrayView2<'a, f64>, ArrayView1<'a, f64>) {
    xb.clear();
    yb.clear();
    for &i in rows {
        let row = x.row(i);
        match row.as_slice() {
            Some(values) => xb.extend_from_slice(values),
            None => xb.extend(row.iter()),
        }
        yb.push(y[i]);
    }
    let xb =
        ArrayView2::from_shape((rows.len(), x.ncols()), &xb[..]).expect("rows × columns values");
    (xb, ArrayView1::from(&yb[..]))
}
// ANCHOR_END: gather

/// One line of the training log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochLog {
    pub epoch: usize,
    pub train: EpochLoss,
    /// The mean loss over the test rows after the epoch.
    pub test: f64,
}

// ANCHOR: fit
/// Trains a fresh network on the training split for `config.epochs` epochs, logging the test
/// loss after each. `rng` must be the generator that split the data, so that one seed
/// decides everything.
pub fn fit(
    x_train: ArrayView2<f64>,
    y_train: ArrayView1<f64>,
    x_test: ArrayView2<f64>,
    y_test: ArrayView1<f64>,
    config: &Config,
    rng: &mut ChaCha8Rng,
) -> Result<(Network, Vec<EpochLog>), TrainError> {
    check_samples(x_train, y_train)?;
    check_samples(x_test, y_test)?;
    let mut trainer = Trainer::new(x_train.ncols(), x_train.nrows(), config, rng)?;
    let mut log = Vec::with_capacity(config.epochs);
    for epoch in 1..=config.epochs {
        let train = trainer
            .epoch(x_train, y_train, rng, &mut || {})
            .map_err(|e| e.in_epoch(epoch))?;
        let test = mean_loss(&trainer.net, x_test, y_test).map_err(|e| e.in_epoch(epoch))?;
        log.push(EpochLog { epoch, train, test });
    }
    Ok((trainer.net, log))
}
// ANCHOR_END: fit

/// The network's logit for every row of `x`, computed a chunk of rows at a time.
pub fn predict_logits(net: &Network, x: ArrayView2<f64>) -> Result<Array1<f64>, ShapeError> {
    let mut out = Array1::zeros(x.nrows());
    for start in (0..x.nrows()).step_by(EVAL_CHUNK) {
        let end = (start + EVAL_CHUNK).min(x.nrows());
        let logits = net.logits(x.slice(s![start..end, ..]))?;
        out.slice_mut(s![start..end]).assign(&logits.column(0));
    }
    Ok(out)
}

/// The mean binary cross-entropy of the network on `(x, y)`, a chunk of rows at a time.
pub fn mean_loss(net: &Network, x: ArrayView2<f64>, y: ArrayView1<f64>) -> Result<f64, TrainError> {
    check_samples(x, y)?;
    let mut sum = 0.0;
    for start in (0..x.nrows()).step_by(EVAL_CHUNK) {
        let end = (start + EVAL_CHUNK).min(x.nrows());
        let logits = net.logits(x.slice(s![start..end, ..]))?;
        sum += bce_with_logits(logits.column(0), y.slice(s![start..end]))? * (end - start) as f64;
    }
    Ok(sum / x.nrows() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array2, array};
    use rand::SeedableRng;

    #[test]
    fn sizes_with_and_without_a_hidden_layer() {
        assert_eq!(Config::ARTICLE.sizes(6), [6, 16, 1]);
        assert_eq!(
            Config {
                hidden: 0,
                ..Config::ARTICLE
            }
            .sizes(6),
            [6, 1]
        );
    }

    #[test]
    fn training_lowers_the_loss_on_a_separable_toy_set() {
        // Label 1 exactly when the first feature is positive.
        let x = Array2::from_shape_fn((64, 2), |(i, j)| ((i * 7 + j * 3) % 13) as f64 / 6.0 - 1.0);
        let y: Array1<f64> = x.column(0).mapv(|v| if v > 0.0 { 1.0 } else { 0.0 });
        let config = Config {
            epochs: 30,
            lr: 0.05,
            batch_size: 8,
            hidden: 4,
            seed: 1,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let mut t = Trainer::new(2, 64, &config, &mut rng).unwrap();
        let before = mean_loss(&t.net, x.view(), y.view()).unwrap();
        let mut batches = 0;
        for _ in 0..config.epochs {
            t.epoch(x.view(), y.view(), &mut rng, &mut || batches += 1)
                .unwrap();
        }
        assert_eq!(batches, 30 * 8);
        let after = mean_loss(&t.net, x.view(), y.view()).unwrap();
        assert!(after < before / 3.0, "{before} -> {after}");
    }

    #[test]
    fn the_epoch_mean_weights_a_partial_batch_by_its_size() {
        // With lr 0 nothing moves, so the epoch mean must equal the loss over all rows.
        let x = Array2::from_shape_fn((10, 3), |(i, j)| (i as f64 - 4.5) * (j as f64 + 1.0) / 5.0);
        let y = Array1::from_shape_fn(10, |i| (i % 3 == 0) as u8 as f64);
        let config = Config {
            epochs: 1,
            lr: 0.0,
            batch_size: 4,
            hidden: 5,
            seed: 9,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let mut t = Trainer::new(3, 10, &config, &mut rng).unwrap();
        let e = t.epoch(x.view(), y.view(), &mut rng, &mut || {}).unwrap();
        let all = mean_loss(&t.net, x.view(), y.view()).unwrap();
        approx::assert_relative_eq!(e.mean, all, max_relative = 1e-12);
    }

    #[test]
    fn chunked_predictions_match_one_forward_pass() {
        let x = Array2::from_shape_fn((2500, 3), |(i, j)| {
            ((i * 31 + j * 17) % 101) as f64 / 50.0 - 1.0
        });
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let net = Network::new(&[3, 4, 1], &mut rng);
        let whole = net.logits(x.view()).unwrap();
        assert_eq!(predict_logits(&net, x.view()).unwrap(), whole.column(0));
    }

    #[test]
    fn gather_agrees_with_chapter_9s_select_rows() {
        let x = Array2::from_shape_fn((7, 3), |(i, j)| (i * 10 + j) as f64);
        let y = Array1::from_shape_fn(7, |i| i as f64);
        let rows = [5, 0, 5, 2];
        let (mut xb, mut yb) = (Vec::new(), Vec::new());
        let (gx, gy) = gather(x.view(), y.view(), &rows, &mut xb, &mut yb);
        assert_eq!(gx, ch10_data_pipeline::select_rows(x.view(), &rows));
        assert_eq!(gy.to_vec(), [5.0, 0.0, 5.0, 2.0]);
        // Columns of a transposed view are not contiguous rows: the slow path must agree too.
        let xt = x.t().to_owned();
        let (gx, _) = gather(xt.t(), y.view(), &rows, &mut xb, &mut yb);
        assert_eq!(gx, ch10_data_pipeline::select_rows(x.view(), &rows));
    }

    #[test]
    fn an_empty_set_has_no_loss() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let net = Network::new(&[2, 1], &mut rng);
        let x = Array2::<f64>::zeros((0, 2));
        let y = array![];
        assert_eq!(
            mean_loss(&net, x.view(), y.view()),
            Err(TrainError::Loss(LossError::EmptyBatch))
        );
    }

    /// A toy set of `n` rows: label 1 exactly when the first feature is positive.
    fn toy(n: usize) -> (Array2<f64>, Array1<f64>) {
        let x = Array2::from_shape_fn((n, 2), |(i, j)| ((i * 7 + j * 3) % 13) as f64 / 6.0 - 1.0);
        let y = x.column(0).mapv(|v| if v > 0.0 { 1.0 } else { 0.0 });
        (x, y)
    }

    #[test]
    fn a_config_that_cannot_train_is_refused() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let (x, y) = toy(8);
        let no_batch = Config {
            batch_size: 0,
            ..Config::ARTICLE
        };
        assert_eq!(no_batch.check(), Err(TrainError::ZeroBatchSize));
        let fitted = fit(x.view(), y.view(), x.view(), y.view(), &no_batch, &mut rng);
        assert_eq!(fitted.err(), Some(TrainError::ZeroBatchSize));
        for lr in [-0.1, f64::NAN, f64::INFINITY] {
            let config = Config {
                lr,
                ..Config::ARTICLE
            };
            assert!(matches!(
                Trainer::new(2, 8, &config, &mut rng),
                Err(TrainError::BadLearningRate(_))
            ));
        }
        assert_eq!(Config::ARTICLE.check(), Ok(()));
    }

    #[test]
    fn targets_that_do_not_match_the_rows_are_an_error_not_a_panic() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let (x, y) = toy(8);
        let short = y.slice(s![..5]);
        let mismatch = || {
            TrainError::Loss(LossError::LengthMismatch {
                what: "targets",
                expected: 8,
                actual: 5,
            })
        };
        let config = Config::ARTICLE;
        let fitted = fit(x.view(), short, x.view(), y.view(), &config, &mut rng);
        assert_eq!(fitted.err(), Some(mismatch()));
        let fitted = fit(x.view(), y.view(), x.view(), short, &config, &mut rng);
        assert_eq!(fitted.err(), Some(mismatch()));

        let mut t = Trainer::new(2, 8, &config, &mut rng).unwrap();
        let epoch = t.epoch(x.view(), short, &mut rng, &mut || {});
        assert_eq!(epoch, Err(mismatch()));
        assert_eq!(mean_loss(&t.net, x.view(), short), Err(mismatch()));
        // Rows other than the ones the trainer was made for.
        let (x6, y6) = toy(6);
        assert_eq!(
            t.epoch(x6.view(), y6.view(), &mut rng, &mut || {}),
            Err(TrainError::Loss(LossError::LengthMismatch {
                what: "training rows",
                expected: 8,
                actual: 6,
            }))
        );
    }

    #[test]
    fn an_epoch_over_no_rows_is_an_error_not_nan() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut t = Trainer::new(2, 0, &Config::ARTICLE, &mut rng).unwrap();
        let x = Array2::<f64>::zeros((0, 2));
        let y = Array1::<f64>::zeros(0);
        assert_eq!(
            t.epoch(x.view(), y.view(), &mut rng, &mut || {}),
            Err(TrainError::Loss(LossError::EmptyBatch))
        );
    }

    #[test]
    fn a_learning_rate_far_too_high_is_reported_as_divergence_at_its_epoch() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let (x, y) = toy(64);
        let config = Config {
            lr: 1e300,
            ..Config::ARTICLE
        };
        let fitted = fit(x.view(), y.view(), x.view(), y.view(), &config, &mut rng);
        assert_eq!(fitted.err(), Some(TrainError::Diverged { epoch: 1 }));
        assert_eq!(
            TrainError::Diverged { epoch: 3 }.to_string(),
            "training diverged at epoch 3 (a logit became non-finite)"
        );
    }

    #[test]
    fn only_a_non_finite_logit_is_read_as_divergence() {
        let empty = TrainError::Loss(LossError::EmptyBatch);
        assert_eq!(empty.in_epoch(2), TrainError::Loss(LossError::EmptyBatch));
        let nan = TrainError::Loss(LossError::NonFinite { index: 4 });
        assert_eq!(nan.in_epoch(2), TrainError::Diverged { epoch: 2 });
    }
}
