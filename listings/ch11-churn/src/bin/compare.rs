//! The article's network against logistic regression and against the model that generated
//! the data, on the same test rows: once with the article's budget, then over seeds with time
//! enough for both to finish learning.

use std::process::ExitCode;

use ch11_churn::TrainError;
use ch11_churn::compare::{CHURN_TO_CONVERGENCE, compare};
use ch11_churn::report::exit_code;
use ch11_churn::run::mean_min_max;
use ch11_churn::synth::churn_dataset;
use ch11_churn::train::ARTICLE_CHURN;

fn main() -> ExitCode {
    exit_code(three_models())
}

fn three_models() -> Result<(), TrainError> {
    let data = churn_dataset()?;
    let one = &compare(&data, &ARTICLE_CHURN, 42..43)?[0];
    println!("seed 42, the article's budget: lr 0.001, at most 10 epochs");
    println!("model                         kept epoch  test loss  accuracy  ROC AUC");
    for (name, run) in [
        ("6 -> 16 ReLU -> 1 (article)", &one.network),
        ("6 -> 1 (logistic regression)", &one.logistic),
    ] {
        let t = &run.test;
        let auc = t.roc_auc.unwrap_or(f64::NAN);
        let (epoch, accuracy) = (run.trained.best_epoch, t.confusion.accuracy());
        println!(
            "{name:<28}  {epoch:10}  {:9.4}  {accuracy:8.4}  {auc:7.4}",
            t.loss
        );
    }
    let truth = &one.truth;
    let right = (truth.logits.iter().zip(&one.network.prepared.test.y))
        .filter(|&(&z, &y)| (z > 0.0) == (y == 1))
        .count();
    let accuracy = right as f64 / truth.logits.len() as f64;
    println!(
        "{:<28}  {:>10}  {:9.4}  {accuracy:8.4}  {:7.4}",
        "true model (generator)", "-", truth.loss, truth.roc_auc
    );

    let seeds = compare(&data, &CHURN_TO_CONVERGENCE, 0..5)?;
    println!();
    println!("seeds 0 to 4, to convergence: lr 0.01, at most 50 epochs, patience 3");
    println!("seed  kept epochs  network  logistic  true model   (test loss)");
    let (mut network_gap, mut logistic_gap) = (Vec::new(), Vec::new());
    for c in &seeds {
        let (net, lr) = (&c.network, &c.logistic);
        println!(
            "{:4}  {:5} {:5}  {:7.4}  {:8.4}  {:10.4}",
            c.seed,
            net.trained.best_epoch,
            lr.trained.best_epoch,
            net.test.loss,
            lr.test.loss,
            c.truth.loss
        );
        network_gap.push(net.test.loss - c.truth.loss);
        logistic_gap.push(lr.test.loss - c.truth.loss);
    }
    // ANCHOR: seeds
    let lower = (network_gap.iter().zip(&logistic_gap))
        .filter(|(n, l)| l < n)
        .count();
    println!(
        "logistic regression's test loss is the lower on {lower} of {} seeds",
        seeds.len()
    );
    let (net, _, _) = mean_min_max(&network_gap);
    let (lr, _, _) = mean_min_max(&logistic_gap);
    println!(
        "mean test loss above the true model's: network {net:.4}, logistic regression {lr:.4}"
    );
    // ANCHOR_END: seeds
    Ok(())
}
