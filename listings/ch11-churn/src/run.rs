//! A whole run, from a dataset to its test scores, as every program of Part III and the
//! appendix's `train` program make it.

use std::process::ExitCode;

use ch08_layers::Network;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::dataset::Dataset;
use crate::error::TrainError;
use crate::evaluate::{Evaluation, evaluate};
use crate::fast_prepare::prepare_owned;
use crate::head::{Head, chance_loss};
use crate::limits::check_network;
use crate::prepare::{Prepared, prepare};
use crate::report::{self, exit_code};
use crate::train::{Config, EpochLog, Trained, mean_loss, train};

/// Everything one run made.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub prepared: Prepared,
    /// The mean loss on the training rows before the first step.
    pub untrained_loss: f64,
    pub trained: Trained,
    /// The scores on the test rows, computed once, after training.
    pub test: Evaluation,
}

/// Splits and scales `data`, trains a network with `head`, and scores it on the test rows,
/// all from `config.seed`. What a reader should see goes to `print`, a block of lines at a
/// time; every line of the training log also goes to `on_epoch`.
pub fn run(
    data: &Dataset,
    head: &dyn Head,
    config: &Config,
    print: &mut dyn FnMut(&str),
    on_epoch: &mut dyn FnMut(&EpochLog),
) -> Result<Run, TrainError> {
    config.check()?;
    print(&report::dataset(data));
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let prepared = prepare(data, config, &mut rng)?;
    run_prepared(prepared, head, config, &mut rng, print, on_epoch)
}

/// [`run`], taking `data` by value: it is split and scaled where it lies (with
/// [`prepare_owned`]), so that the memory holds one copy of the rows, not two.
pub fn run_owned(
    data: Dataset,
    head: &dyn Head,
    config: &Config,
    print: &mut dyn FnMut(&str),
    on_epoch: &mut dyn FnMut(&EpochLog),
) -> Result<Run, TrainError> {
    config.check()?;
    print(&report::dataset(&data));
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let prepared = prepare_owned(data, config, &mut rng)?;
    run_prepared(prepared, head, config, &mut rng, print, on_epoch)
}

// ANCHOR: run
/// The rest of [`run`] on data already split and scaled; `rng` goes on to draw the initial
/// weights and the order of the batches.
pub fn run_prepared(
    prepared: Prepared,
    head: &dyn Head,
    config: &Config,
    rng: &mut ChaCha8Rng,
    print: &mut dyn FnMut(&str),
    on_epoch: &mut dyn FnMut(&EpochLog),
) -> Result<Run, TrainError> {
    config.check()?;
    let classes = prepared.classes.len();
    let outputs = head.outputs(classes).ok_or(TrainError::WrongHead {
        head: head.name(),
        classes,
    })?;
    let sizes = config.sizes(prepared.train.x.ncols(), outputs);
    let split = [&prepared.train, &prepared.validation, &prepared.test].map(|s| s.y.len());
    check_network(split.into_iter().max().unwrap_or(0), &sizes)?;
    let net = Network::new(&sizes, rng);
    print(&report::setup(&prepared, &net, head, config));

    let untrained_loss = mean_loss(head, &net, &prepared.train, 0)?;
    print(&report::untrained(
        untrained_loss,
        chance_loss(head, outputs)?,
    ));

    print(report::LOG_HEADER);
    let trained = train(head, net, &prepared, config, rng, &mut |line| {
        print(&report::epoch(line));
        on_epoch(line);
    })?;
    let test = evaluate(
        head,
        &trained.net,
        &prepared.test,
        &prepared.train.y,
        classes,
    )?;
    print(&report::test(&prepared, &trained, &test));
    Ok(Run {
        prepared,
        untrained_loss,
        trained,
        test,
    })
}
// ANCHOR_END: run

// ANCHOR: print_run
/// What `churn-train` and `iris-train` do: [`run`] on `data`, printing to standard output. An
/// error goes to standard error, and the exit code says whether the run succeeded.
pub fn print_run(data: Result<Dataset, TrainError>, head: &dyn Head, config: &Config) -> ExitCode {
    let print = &mut |text: &str| print!("{text}");
    exit_code(data.and_then(|data| run(&data, head, config, print, &mut |_| {})))
}
// ANCHOR_END: print_run

/// [`run`] without printing, for the experiments that train many times.
pub fn fit(data: &Dataset, head: &dyn Head, config: &Config) -> Result<Run, TrainError> {
    run(data, head, config, &mut |_| {}, &mut |_| {})
}

// ANCHOR: over_seeds
/// The same run once per seed, everything else equal. A seed decides the split, the initial
/// weights and the order of the batches, so the spread of the results is what luck alone does.
pub fn over_seeds(
    data: &Dataset,
    head: &dyn Head,
    config: &Config,
    seeds: std::ops::Range<u64>,
) -> Result<Vec<Run>, TrainError> {
    seeds
        .map(|seed| fit(data, head, &Config { seed, ..*config }))
        .collect()
}
// ANCHOR_END: over_seeds

/// The mean, the smallest and the largest of `values` (NaN for no values).
pub fn mean_min_max(values: &[f64]) -> (f64, f64, f64) {
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if values.is_empty() {
        (f64::NAN, f64::NAN, f64::NAN)
    } else {
        (mean, min, max)
    }
}
