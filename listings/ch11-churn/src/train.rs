//! The training loop: mini-batches from Chapter 10, the network from Chapter 8, a head for the
//! loss, Adam from Chapter 9, and a validation split to decide which epoch's weights to keep.

use ch08_layers::Network;
use ch08_layers::fast::{self, Step};
use ch09_optimizers::{Adam, Optimizer};
use ch10_data_pipeline::BatchLoader;
use ndarray::ArrayView2;
use rand_chacha::ChaCha8Rng;

use crate::error::TrainError;
use crate::head::Head;
use crate::limits::{BATCH_SIZE, EPOCHS, HIDDEN, MAX_LR, PATIENCE};
use crate::prepare::{Prepared, Samples};

/// Everything a run depends on. One seed drives all its randomness, through one generator: the
/// split first, then the initial weights, then the order of the batches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// Units in the hidden layer; 0 means no hidden layer: logistic regression.
    pub hidden: usize,
    /// The most passes over the training rows.
    pub epochs: usize,
    /// Adam's learning rate.
    pub lr: f64,
    pub batch_size: usize,
    /// How many epochs in a row may pass without a lower validation loss before training stops.
    pub patience: usize,
    /// The share of all rows held out for the test, and the share of the rest held out to
    /// validate.
    pub test_fraction: f64,
    pub validation_fraction: f64,
    pub seed: u64,
}

// ANCHOR: config
/// The churn article's setup (input, 16 ReLU units, 1 logit; Adam at 0.001; batches of 32;
/// 10 epochs; a fifth of the rows for testing), with the book's validation split and patience.
pub const ARTICLE_CHURN: Config = Config {
    hidden: 16,
    epochs: 10,
    lr: 0.001,
    batch_size: 32,
    patience: 3,
    test_fraction: 0.2,
    validation_fraction: 0.2,
    seed: 42,
};
// ANCHOR_END: config

impl Config {
    /// Fails on a setting outside the ranges of [`crate::limits`].
    pub fn check(&self) -> Result<(), TrainError> {
        let fraction = |f: f64| f > 0.0 && f < 1.0;
        let out = |what: &str, range: &std::ops::RangeInclusive<usize>| {
            format!("{what} must be from {} to {}", range.start(), range.end())
        };
        let problem = if !EPOCHS.contains(&self.epochs) {
            out("the number of epochs", &EPOCHS)
        } else if !(self.lr > 0.0 && self.lr <= MAX_LR) {
            format!("the learning rate must be above 0 and at most {MAX_LR:e}")
        } else if !BATCH_SIZE.contains(&self.batch_size) {
            out("the batch size", &BATCH_SIZE)
        } else if !PATIENCE.contains(&self.patience) {
            out("the patience", &PATIENCE)
        } else if !HIDDEN.contains(&self.hidden) {
            out("the number of hidden units", &HIDDEN)
        } else if !(fraction(self.test_fraction) && fraction(self.validation_fraction)) {
            "the test and validation fractions must lie strictly between 0 and 1".to_string()
        } else {
            return Ok(());
        };
        Err(TrainError::Setting(problem))
    }

    /// The layer sizes: inputs, the hidden layer if there is one, outputs.
    pub fn sizes(&self, inputs: usize, outputs: usize) -> Vec<usize> {
        match self.hidden {
            0 => vec![inputs, outputs],
            hidden => vec![inputs, hidden, outputs],
        }
    }
}

/// One line of the training log.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochLog {
    pub epoch: usize,
    /// The mean loss over every training row of the epoch, each batch's loss measured just
    /// before its step and weighted by its size.
    pub train_loss: f64,
    /// The loss of the epoch's last batch alone: what the source articles print.
    pub last_batch: f64,
    /// The mean loss over the validation rows after the epoch.
    pub validation_loss: f64,
}

/// What training returns: the network with the weights of its best epoch, and the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Trained {
    pub net: Network,
    /// The epoch whose weights `net` holds: the one with the lowest validation loss.
    pub best_epoch: usize,
    pub log: Vec<EpochLog>,
}

// ANCHOR: diverged
/// How much the training loss may grow before the run counts as diverged: an epoch whose mean
/// training loss is more than this many times the loss before the first step has made the
/// network far worse than it started. Healthy runs start near the loss of knowing nothing and
/// go down; a learning rate too large sends the loss up by orders of magnitude within the
/// first epoch, often with every logit still finite.
pub const DIVERGED: f64 = 10.0;

/// Fails if epoch `epoch`'s mean training loss says the run has diverged.
fn check_divergence(epoch: usize, train_loss: f64, untrained: f64) -> Result<(), TrainError> {
    if train_loss.is_finite() && train_loss <= DIVERGED * untrained {
        return Ok(());
    }
    // A loss of 10^12 reads better as 1.7118e12 than with its thirteen digits.
    let loss = match train_loss < 1e6 {
        true => format!("{train_loss:.4}"),
        false => format!("{train_loss:.4e}"),
    };
    Err(TrainError::Diverged {
        epoch,
        reason: format!(
            "the mean training loss, {loss}, is more than {DIVERGED} times the loss before \
             training, {untrained:.4}: the steps are too large for this data"
        ),
    })
}
// ANCHOR_END: diverged

// ANCHOR: train
/// Trains `net` on the training rows of `data` and keeps the weights of the epoch with the
/// lowest validation loss. Stops early when `config.patience` epochs in a row bring no lower
/// validation loss, and with an error when the run diverges. `on_epoch` sees every line of
/// the log as it is made.
pub fn train(
    head: &dyn Head,
    mut net: Network,
    data: &Prepared,
    config: &Config,
    rng: &mut ChaCha8Rng,
    on_epoch: &mut dyn FnMut(&EpochLog),
) -> Result<Trained, TrainError> {
    config.check()?;
    let untrained = mean_loss(head, &net, &data.train, 0)?;
    let mut adam = Adam::new(config.lr);
    let mut loader = BatchLoader::new(data.train.y.len(), config.batch_size);
    let mut log = Vec::new();
    let mut best_net = net.clone();
    let mut best_epoch = 0;
    let mut best_loss = f64::INFINITY;
    for epoch in 1..=config.epochs {
        let (train_loss, last_batch) = one_epoch(
            head,
            &mut net,
            &mut adam,
            &mut loader,
            &data.train,
            rng,
            epoch,
        )?;
        let validation_loss = mean_loss(head, &net, &data.validation, epoch)?;
        let line = EpochLog {
            epoch,
            train_loss,
            last_batch,
            validation_loss,
        };
        on_epoch(&line);
        log.push(line);
        check_divergence(epoch, train_loss, untrained)?;
        if validation_loss < best_loss {
            best_net = net.clone();
            best_epoch = epoch;
            best_loss = validation_loss;
        } else if epoch - best_epoch >= config.patience {
            break;
        }
    }
    Ok(Trained {
        net: best_net,
        best_epoch,
        log,
    })
}
// ANCHOR_END: train

// ANCHOR: epoch
/// One pass over the training rows in a fresh order, one Adam step per batch. Returns the
/// mean loss over the epoch and the loss of its last batch.
fn one_epoch(
    head: &dyn Head,
    net: &mut Network,
    adam: &mut Adam,
    loader: &mut BatchLoader,
    train: &Samples,
    rng: &mut ChaCha8Rng,
    epoch: usize,
) -> Result<(f64, f64), TrainError> {
    let (mut sum, mut last_batch) = (0.0, f64::NAN);
    // Chapter 8's forward and backward passes, in buffers that every batch reuses.
    let (mut batch, mut step) = (Batch::default(), Step::default());
    let mut batches = loader.epoch(rng).peekable();
    while let Some(rows) = batches.next() {
        let (x, targets) = batch.gather(train, rows);

        let logits = step.forward(net, x)?;
        check_finite(logits, epoch)?;
        let (loss, grad_logits) = head.loss_and_grad(logits, targets)?;
        let grads = step.backward(net, grad_logits.view())?;
        // Memory starts fetching the next batch's rows now, while Adam steps: they are then
        // still in the cache when they are gathered (asked for a whole step earlier, many
        // were not).
        batch.prefetch(train, batches.peek());
        adam.step(&mut net.params_mut(), grads);

        sum += loss * rows.len() as f64;
        last_batch = loss;
    }
    Ok((sum / train.y.len() as f64, last_batch))
}
// ANCHOR_END: epoch

/// The features and the targets of one batch's rows, copied into buffers that every batch
/// of the epoch reuses: Chapter 10's `select_rows`, without a new matrix per batch.
#[derive(Default)]
struct Batch {
    x: Vec<f64>,
    targets: Vec<usize>,
    /// The class of every training row in one byte: an eighth of the memory of `Samples::y`,
    /// small enough to stay in the cache, where a batch's classes are then found without a
    /// trip to memory for each. Made at the first batch; `None` for classes beyond a byte
    /// (never in a trainer, which has at most [`crate::limits::MAX_CLASSES`]).
    classes: Option<Option<Vec<u8>>>,
}

impl Batch {
    fn prefetch(&self, samples: &Samples, rows: Option<&&[usize]>) {
        if let (Some(all), Some(rows)) = (samples.x.as_slice(), rows) {
            fast::prefetch_rows(all, samples.x.ncols(), rows);
        }
        if let (Some(Some(classes)), Some(rows)) = (&self.classes, rows) {
            fast::prefetch_rows(classes, 1, rows);
        }
    }

    fn gather(&mut self, samples: &Samples, rows: &[usize]) -> (ArrayView2<'_, f64>, &[usize]) {
        let d = samples.x.ncols();
        match samples.x.as_slice() {
            Some(all) => fast::gather(all, d, rows, &mut self.x),
            None => {
                self.x.clear();
                for &i in rows {
                    self.x.extend(samples.x.row(i).iter());
                }
            }
        }
        let y = &samples.y;
        let classes = (self.classes)
            .get_or_insert_with(|| y.iter().map(|&class| u8::try_from(class).ok()).collect());
        match classes {
            Some(classes) => {
                self.targets.clear();
                (self.targets).extend(rows.iter().map(|&i| usize::from(classes[i])));
            }
            None => fast::gather(y, 1, rows, &mut self.targets),
        }
        let x = ArrayView2::from_shape((rows.len(), d), &self.x).expect("rows · d numbers");
        (x, &self.targets)
    }
}

/// A logit that is infinite or NaN means the weights have run away: a learning rate far too
/// high makes them overflow within a few steps.
fn check_finite(logits: ArrayView2<f64>, epoch: usize) -> Result<(), TrainError> {
    if logits.iter().all(|z| z.is_finite()) {
        Ok(())
    } else {
        Err(TrainError::Diverged {
            epoch,
            reason: "a logit became infinite or NaN".to_string(),
        })
    }
}

/// The mean loss of `net` over `samples`, after epoch `epoch` (0 for the untrained network).
/// Logits so large that the loss itself overflows count as divergence too.
pub fn mean_loss(
    head: &dyn Head,
    net: &Network,
    samples: &Samples,
    epoch: usize,
) -> Result<f64, TrainError> {
    let logits = net.logits(samples.x.view())?;
    check_finite(logits.view(), epoch)?;
    let loss = head.loss(logits.view(), &samples.y)?;
    if loss.is_finite() {
        Ok(loss)
    } else {
        Err(TrainError::Diverged {
            epoch,
            reason: "the loss overflowed".to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::head::BinaryHead;
    use crate::prepare::prepare;
    use crate::table::Table;
    use rand::SeedableRng;

    /// A toy table of `n` rows: label 1 exactly when the first feature is positive.
    fn toy(n: usize) -> Dataset {
        let mut text = String::from("a,b,y\n");
        for i in 0..n {
            let a = ((i * 7) % 13) as f64 / 6.0 - 1.0;
            let b = ((i * 7 + 3) % 13) as f64 / 6.0 - 1.0;
            text += &format!("{a},{b},{}\n", (a > 0.0) as u8);
        }
        Dataset::from_table(&Table::parse("toy", &text).unwrap(), "y", &[]).unwrap()
    }

    fn setup(config: &Config) -> (Prepared, Network, ChaCha8Rng) {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let data = prepare(&toy(80), config, &mut rng).unwrap();
        let net = Network::new(&config.sizes(2, 1), &mut rng);
        (data, net, rng)
    }

    const TOY: Config = Config {
        hidden: 4,
        epochs: 40,
        lr: 0.05,
        batch_size: 8,
        patience: 40,
        test_fraction: 0.2,
        validation_fraction: 0.25,
        seed: 1,
    };

    #[test]
    fn a_batch_gathers_its_rows_and_classes_of_any_size() {
        for classes in [vec![0, 1, 2, 1], vec![0, 300, 2, 255]] {
            let samples = Samples {
                x: ndarray::array![[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [6.0, 7.0]],
                y: classes.clone(),
            };
            let mut batch = Batch::default();
            for rows in [[1, 3, 0], [2, 2, 1]] {
                let (x, targets) = batch.gather(&samples, &rows);
                let want: Vec<usize> = rows.iter().map(|&i| classes[i]).collect();
                assert_eq!(targets, want);
                assert_eq!(x, samples.x.select(ndarray::Axis(0), &rows));
            }
        }
    }

    #[test]
    fn training_lowers_the_loss_and_logs_every_epoch() {
        let (data, net, mut rng) = setup(&TOY);
        let before = mean_loss(&BinaryHead, &net, &data.train, 0).unwrap();
        let mut seen = Vec::new();
        let t = train(&BinaryHead, net, &data, &TOY, &mut rng, &mut |e| {
            seen.push(e.epoch)
        })
        .unwrap();
        assert_eq!(seen, (1..=40).collect::<Vec<_>>());
        let after = mean_loss(&BinaryHead, &t.net, &data.train, 0).unwrap();
        assert!(after < before / 3.0, "{before} -> {after}");
    }

    #[test]
    fn the_kept_weights_are_those_of_the_best_validation_epoch() {
        let (data, net, mut rng) = setup(&TOY);
        let t = train(&BinaryHead, net, &data, &TOY, &mut rng, &mut |_| {}).unwrap();
        let best = t
            .log
            .iter()
            .min_by(|a, b| a.validation_loss.total_cmp(&b.validation_loss))
            .unwrap();
        assert_eq!(t.best_epoch, best.epoch);
        let kept = mean_loss(&BinaryHead, &t.net, &data.validation, 0).unwrap();
        assert_eq!(kept, best.validation_loss);
    }

    #[test]
    fn patience_stops_a_run_that_no_longer_improves() {
        // At a learning rate this large the validation loss soon bounces; with a patience of
        // 1 the run stops at the first epoch that does not improve on the one before.
        let config = Config {
            patience: 1,
            lr: 0.5,
            epochs: 200,
            ..TOY
        };
        let (data, net, mut rng) = setup(&config);
        let t = train(&BinaryHead, net, &data, &config, &mut rng, &mut |_| {}).unwrap();
        let last = t.log.len();
        assert!(last < 200, "never stopped");
        assert_eq!(last, t.best_epoch + 1);
        assert!(t.log[last - 1].validation_loss >= t.log[last - 2].validation_loss);
    }

    #[test]
    fn the_epoch_mean_weights_a_partial_batch_by_its_size() {
        // With a learning rate too small to move anything, the epoch mean is the loss over
        // all training rows, whatever the batches.
        let config = Config {
            lr: 1e-300,
            epochs: 1,
            batch_size: 7,
            ..TOY
        };
        let (data, net, mut rng) = setup(&config);
        let all = mean_loss(&BinaryHead, &net, &data.train, 0).unwrap();
        let t = train(&BinaryHead, net, &data, &config, &mut rng, &mut |_| {}).unwrap();
        approx::assert_relative_eq!(t.log[0].train_loss, all, max_relative = 1e-12);
    }

    #[test]
    fn a_learning_rate_far_too_high_is_divergence_at_its_epoch() {
        let config = Config { lr: 1e6, ..TOY };
        let (data, net, mut rng) = setup(&config);
        let e = train(&BinaryHead, net, &data, &config, &mut rng, &mut |_| {}).unwrap_err();
        assert!(matches!(e, TrainError::Diverged { epoch: 1, .. }), "{e}");
    }

    #[test]
    fn a_loss_ten_times_the_start_is_divergence_even_if_finite() {
        // At a rate of 10 the toy's loss jumps far above where it started, and stays finite.
        let config = Config { lr: 10.0, ..TOY };
        let (data, net, mut rng) = setup(&config);
        let start = mean_loss(&BinaryHead, &net, &data.train, 0).unwrap();
        let mut seen = Vec::new();
        let e = train(&BinaryHead, net, &data, &config, &mut rng, &mut |e| {
            seen.push(e.train_loss)
        })
        .unwrap_err();
        let last = *seen.last().unwrap();
        assert!(last.is_finite() && last > DIVERGED * start, "{seen:?}");
        assert!(
            seen[..seen.len() - 1]
                .iter()
                .all(|&l| l <= DIVERGED * start)
        );
        let TrainError::Diverged { epoch, reason } = e else {
            panic!("{e}")
        };
        assert_eq!(epoch, seen.len());
        assert_eq!(
            reason,
            format!(
                "the mean training loss, {last:.4}, is more than 10 times the loss before \
                 training, {start:.4}: the steps are too large for this data"
            )
        );
    }

    #[test]
    fn the_rule_is_the_ratio_to_the_start() {
        assert!(check_divergence(1, 6.8, 0.69).is_ok());
        assert!(check_divergence(1, 7.0, 0.69).is_err());
        assert!(check_divergence(3, f64::INFINITY, 0.69).is_err());
        assert!(check_divergence(3, f64::NAN, 0.69).is_err());
        // A start far from chance (weights drawn too large) moves the bar with it.
        assert!(check_divergence(1, 30.0, 5.0).is_ok());
    }

    #[test]
    fn settings_that_cannot_train_are_refused() {
        for bad in [
            Config { epochs: 0, ..TOY },
            Config {
                epochs: 100_001,
                ..TOY
            },
            Config { lr: 0.0, ..TOY },
            Config { lr: 2e6, ..TOY },
            Config {
                lr: f64::NAN,
                ..TOY
            },
            Config {
                batch_size: 0,
                ..TOY
            },
            Config {
                batch_size: 65_537,
                ..TOY
            },
            Config { patience: 0, ..TOY },
            Config {
                hidden: 1025,
                ..TOY
            },
            Config {
                test_fraction: 1.0,
                ..TOY
            },
            Config {
                validation_fraction: 0.0,
                ..TOY
            },
        ] {
            assert!(
                matches!(bad.check(), Err(TrainError::Setting(_))),
                "{bad:?}"
            );
        }
        assert_eq!(
            Config { epochs: 0, ..TOY }.check().unwrap_err().to_string(),
            "invalid setting: the number of epochs must be from 1 to 100000"
        );
        assert!(ARTICLE_CHURN.check().is_ok());
        assert!(
            Config {
                hidden: 1024,
                epochs: 100_000,
                lr: 1e6,
                batch_size: 65_536,
                patience: 100_000,
                ..TOY
            }
            .check()
            .is_ok()
        );
        assert_eq!(ARTICLE_CHURN.sizes(6, 1), [6, 16, 1]);
        assert_eq!(Config { hidden: 0, ..TOY }.sizes(6, 1), [6, 1]);
    }
}
