//! Many valleys: what two runs from different seeds, on the same split, find with and without
//! a hidden layer, and the training loss on the straight line between their solutions.

use std::process::ExitCode;

use ch11_churn::TrainError;
use ch11_churn::compare::CHURN_TO_CONVERGENCE;
use ch11_churn::convexity::{
    distance, gradient_norm, loss_along, size, sorted_units, train_from_seed,
};
use ch11_churn::head::BinaryHead;
use ch11_churn::prepare::prepare;
use ch11_churn::report::exit_code;
use ch11_churn::synth::churn_dataset;
use ch11_churn::train::{Config, mean_loss};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn main() -> ExitCode {
    exit_code(valleys())
}

fn valleys() -> Result<(), TrainError> {
    let data = churn_dataset()?;
    let logistic = Config {
        hidden: 0,
        ..CHURN_TO_CONVERGENCE
    };
    let network = CHURN_TO_CONVERGENCE;
    let mut rng = ChaCha8Rng::seed_from_u64(logistic.seed);
    let prepared = prepare(&data, &logistic, &mut rng)?;

    println!("one split (seed 42); initial weights and batches from seed 1 or seed 2");
    println!("model                seed  kept epoch  training loss  gradient length");
    // ANCHOR: valleys
    let mut ends = Vec::new();
    for (name, config) in [("logistic regression", &logistic), ("network", &network)] {
        let a = train_from_seed(&prepared, config, 1)?;
        let b = train_from_seed(&prepared, config, 2)?;
        for (seed, t) in [(1, &a), (2, &b)] {
            println!(
                "{name:<19}  {seed:4}  {:10}  {:13.6}  {:15.6}",
                t.best_epoch,
                mean_loss(&BinaryHead, &t.net, &prepared.train, 0)?,
                gradient_norm(&t.net, &prepared.train)?
            );
        }
        ends.push((a.net, b.net));
    }
    // ANCHOR_END: valleys
    let [(lr_a, lr_b), (net_a, net_b)] = [&ends[0], &ends[1]];
    println!(
        "distance between the two: logistic regression {:.4} (length of its weights {:.4})",
        distance(lr_a, lr_b),
        size(lr_a)
    );
    println!(
        "                          network {:.4}, {:.4} with hidden units sorted (length {:.4})",
        distance(net_a, net_b),
        distance(&sorted_units(net_a), &sorted_units(net_b)),
        size(net_a)
    );
    println!();
    println!(
        "training loss on the straight line from the seed-1 solution (t = 0) to seed 2's (t = 1)"
    );
    println!("   t  logistic regression  network");
    let lr_line = loss_along(lr_a, lr_b, &prepared.train, 10)?;
    let net_line = loss_along(net_a, net_b, &prepared.train, 10)?;
    for (&(t, lr), &(_, net)) in lr_line.iter().zip(&net_line) {
        println!("{t:4.1}  {lr:19.6}  {net:7.6}");
    }
    for (name, line) in [("logistic regression", &lr_line), ("network", &net_line)] {
        let ends = line[0].1.max(line[line.len() - 1].1);
        let top = line
            .iter()
            .fold(line[0], |top, &p| if p.1 > top.1 { p } else { top });
        println!(
            "{name}: highest at t = {:.1}, {:.6} above the higher end",
            top.0,
            top.1 - ends
        );
    }
    Ok(())
}
