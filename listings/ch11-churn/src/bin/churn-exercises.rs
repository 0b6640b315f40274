//! Prints the numbers one of the chapter's exercises finds: `churn-exercises N`.

use std::process::ExitCode;

use ch11_churn::TrainError;
use ch11_churn::compare::CHURN_TO_CONVERGENCE;
use ch11_churn::exercises::{
    adam_weights, auc_two_ways, batch_loss_spread, best_f1_threshold, contract_columns_curvature,
    network_brier_terms, newton, training_rows, weighted_leavers,
};
use ch11_churn::report::exit_code;
use ch11_churn::train::Config;

// ANCHOR: main
fn main() -> ExitCode {
    let exercise = std::env::args().nth(1).unwrap_or_default();
    exit_code(match exercise.as_str() {
        "1" => one(),
        "2" => two(),
        "3" => three(),
        "4" => four(),
        "5" => five(),
        "6" => six(),
        "7" => seven(),
        _ => Err(TrainError::Setting(format!(
            "no exercise {exercise:?}: give the number of an exercise, 1 to 7, as in \
             `churn-exercises 3`"
        ))),
    })
}
// ANCHOR_END: main

fn one() -> Result<(), TrainError> {
    let (pairs, ranks) = auc_two_ways();
    println!("true logits rounded to 0.1: ROC AUC by pairs {pairs:.12}, by ranks {ranks:.12}");
    println!("difference: {}", (pairs - ranks).abs());
    Ok(())
}

fn two() -> Result<(), TrainError> {
    let (threshold, f1, at_half) = best_f1_threshold();
    println!("best threshold {threshold:.2}: F1 of the leavers {f1:.4}; at 0.5: {at_half:.4}");
    Ok(())
}

fn three() -> Result<(), TrainError> {
    let (mean, lo, hi, batches) = batch_loss_spread();
    println!(
        "true model, {batches} batches of 32: mean loss {mean:.4}, batches from {lo:.4} to {hi:.4}"
    );
    println!(
        "below the mean by up to {:.4}, above it by up to {:.4}",
        mean - lo,
        hi - mean
    );
    Ok(())
}

fn four() -> Result<(), TrainError> {
    println!(
        "network                      pos_weight  flagged above  recall  precision  test loss  Brier"
    );
    let names = ["unweighted", "weighted", "unweighted, lower threshold"];
    for (name, l) in names.iter().zip(weighted_leavers()?) {
        println!(
            "{name:<27}  {:10.4}  {:13.4}  {:6.4}  {:9.4}  {:9.4}  {:.4}",
            l.pos_weight, l.threshold, l.recall, l.precision, l.loss, l.brier
        );
    }
    Ok(())
}

fn five() -> Result<(), TrainError> {
    let (terms, binned, raw) = network_brier_terms()?;
    let (rel, res, unc) = (terms.reliability, terms.resolution, terms.uncertainty);
    println!("reliability {rel:.6}, resolution {res:.6}, uncertainty {unc:.6}");
    println!(
        "reliability - resolution + uncertainty = {:.6}",
        rel - res + unc
    );
    println!("Brier score of the binned forecasts:    {binned:.6}");
    println!("Brier score of the forecasts as they are: {raw:.6}");
    Ok(())
}

fn six() -> Result<(), TrainError> {
    let [dropped, every] = contract_columns_curvature()?;
    println!("contract columns     Hessian at zero weights: smallest eigenvalue  largest");
    println!("first level dropped  {:43.6}  {:7.4}", dropped.0, dropped.1);
    println!("every level          {:43.2e}  {:7.4}", every.0, every.1);
    Ok(())
}

fn seven() -> Result<(), TrainError> {
    let rows = training_rows()?;
    let newton = newton(&rows, 6)?;
    let (path, w) = (&newton.path, &newton.weights);
    println!("Newton step  loss      gradient length");
    // Below about 1e-15 the length is rounding, whose digits say nothing.
    let floor = 1e-15;
    for (step, (loss, g)) in path.iter().enumerate() {
        if *g < floor {
            println!("{step:11}  {loss:.6}  below {floor:.0e}");
        } else {
            println!("{step:11}  {loss:.6}  {g:.2e}");
        }
    }
    for seed in [1, 2] {
        let config = Config {
            hidden: 0,
            ..CHURN_TO_CONVERGENCE
        };
        let adam = adam_weights(&config, seed)?;
        let gap = (&adam - w).mapv(|x| x * x).sum();
        println!(
            "Adam, seed {seed}: {:.4} from Newton's minimum",
            libm::sqrt(gap)
        );
    }
    Ok(())
}
