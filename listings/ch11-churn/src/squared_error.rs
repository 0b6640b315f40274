//! Squared error against cross-entropy, trained: the same model from the same start, once with
//! each loss, and both judged by cross-entropy on the validation rows.

use ch08_layers::Network;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::compare::CHURN_TO_CONVERGENCE;
use crate::dataset::Dataset;
use crate::error::TrainError;
use crate::head::{BinaryHead, Head, JudgedBy, SquaredErrorHead};
use crate::prepare::{Prepared, prepare};
use crate::train::{Config, Trained, mean_loss, train};

// ANCHOR: start
/// What runs that differ only in their loss share: the rows, split and scaled; the initial
/// network; and the generator, in the state in which it will draw the batches.
#[derive(Debug, Clone)]
pub struct Start {
    pub prepared: Prepared,
    pub net: Network,
    pub rng: ChaCha8Rng,
}

/// Splits and scales `data` and draws the initial weights as every run of `config` does, then
/// multiplies every weight and bias by `scale`: 1 is the usual start, 10 one far too wide.
pub fn start(data: &Dataset, config: &Config, scale: f64) -> Result<Start, TrainError> {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let prepared = prepare(data, config, &mut rng)?;
    let mut net = Network::new(&config.sizes(prepared.train.x.ncols(), 1), &mut rng);
    for param in net.params_mut() {
        *param *= scale;
    }
    Ok(Start { prepared, net, rng })
}

/// Trains from `start` by `head`'s loss, judged by cross-entropy: the log, the epoch kept and
/// the test loss are all in nats of cross-entropy, whatever loss took the steps.
pub fn train_from(start: &Start, head: &dyn Head, config: &Config) -> Result<Trained, TrainError> {
    let judged = JudgedBy {
        trains: head,
        judge: &BinaryHead,
    };
    let mut rng = start.rng.clone();
    train(
        &judged,
        start.net.clone(),
        &start.prepared,
        config,
        &mut rng,
        &mut |_| {},
    )
}
// ANCHOR_END: start

// ANCHOR: race
/// Twenty epochs at the learning rate of the comparison above, enough for cross-entropy to
/// recover from a poor start, every one of them in the log (a patience as long as the run).
pub const TWO_LOSSES: Config = Config {
    epochs: 20,
    patience: 20,
    ..CHURN_TO_CONVERGENCE
};

/// One model trained twice from the same start, by cross-entropy and by squared error, with
/// the validation cross-entropy of the untrained network.
#[derive(Debug, Clone)]
pub struct Race {
    pub before: f64,
    pub cross_entropy: Trained,
    pub squared_error: Trained,
}

/// The race for `config`'s model, its initial weights multiplied by `scale`.
pub fn race(data: &Dataset, config: &Config, scale: f64) -> Result<Race, TrainError> {
    let start = start(data, config, scale)?;
    Ok(Race {
        before: mean_loss(&BinaryHead, &start.net, &start.prepared.validation, 0)?,
        cross_entropy: train_from(&start, &BinaryHead, config)?,
        squared_error: train_from(&start, &SquaredErrorHead, config)?,
    })
}
// ANCHOR_END: race

/// The share of the training rows whose true class the network of `start` gives a probability
/// below `p`: the confident mistakes it starts with.
pub fn confident_mistakes(start: &Start, p: f64) -> Result<f64, TrainError> {
    let train = &start.prepared.train;
    let probs = BinaryHead.probs(start.net.logits(train.x.view())?.view());
    let wrong = (train.y.iter().enumerate())
        .filter(|&(i, &class)| probs[[i, class]] < p)
        .count();
    Ok(wrong as f64 / train.y.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::fit;
    use crate::synth::churn_dataset;

    const QUICK: Config = Config {
        hidden: 0,
        epochs: 2,
        patience: 2,
        ..TWO_LOSSES
    };

    #[test]
    fn the_usual_start_is_the_one_every_run_makes() {
        let data = churn_dataset().unwrap();
        let from_start = train_from(&start(&data, &QUICK, 1.0).unwrap(), &BinaryHead, &QUICK);
        let run = fit(&data, &BinaryHead, &QUICK).unwrap();
        assert_eq!(from_start.unwrap().log, run.trained.log);
    }

    #[test]
    fn a_wide_start_multiplies_every_weight_and_makes_confident_mistakes() {
        let data = churn_dataset().unwrap();
        let usual = start(&data, &QUICK, 1.0).unwrap();
        let wide = start(&data, &QUICK, 30.0).unwrap();
        for (p, q) in usual.net.params().into_iter().zip(wide.net.params()) {
            assert_eq!(&p.mapv(|x| 30.0 * x), q);
        }
        assert_eq!(confident_mistakes(&usual, 0.01).unwrap(), 0.0);
        assert!(confident_mistakes(&wide, 0.01).unwrap() > 0.2);
    }

    #[test]
    fn both_losses_see_the_same_batches_and_only_the_steps_differ() {
        let data = churn_dataset().unwrap();
        let s = start(&data, &QUICK, 1.0).unwrap();
        let a = train_from(&s, &SquaredErrorHead, &QUICK).unwrap();
        let b = train_from(&s, &SquaredErrorHead, &QUICK).unwrap();
        assert_eq!(a, b, "a copy of the start gives the same run");
        let c = train_from(&s, &BinaryHead, &QUICK).unwrap();
        assert_ne!(a.log, c.log);
    }
}
