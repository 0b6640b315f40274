//! Squared error against cross-entropy, trained: logistic regression and the article's network,
//! each from the same start twice, once with each loss, judged by the validation cross-entropy.

use std::process::ExitCode;

use ch11_churn::TrainError;
use ch11_churn::report::exit_code;
use ch11_churn::run::mean_min_max;
use ch11_churn::squared_error::{TWO_LOSSES, confident_mistakes, race, start};
use ch11_churn::synth::churn_dataset;
use ch11_churn::train::Config;

fn main() -> ExitCode {
    exit_code(two_losses())
}

// ANCHOR: main
/// The two models, and how many times too wide each one's poor start is.
const MODELS: [(&str, usize, f64); 2] = [("logistic regression", 0, 30.0), ("network", 16, 10.0)];

fn two_losses() -> Result<(), TrainError> {
    let data = churn_dataset()?;
    let configs = MODELS.map(|(_, hidden, _)| Config {
        hidden,
        ..TWO_LOSSES
    });
    let mut poor = Vec::new();
    for ((name, _, scale), config) in MODELS.iter().zip(&configs) {
        let mistakes = confident_mistakes(&start(&data, config, *scale)?, 0.01)?;
        println!(
            "{name}, weights x{scale}: {:.1}% of the training rows start as confident mistakes",
            100.0 * mistakes
        );
        poor.push(race(&data, config, *scale)?);
    }
    // ANCHOR_END: main
    println!();
    println!("seed 42, validation cross-entropy after each epoch, trained by CE or by SE");
    println!("       logistic regression (x30)  network (x10)");
    println!("epoch  by CE     by SE            by CE     by SE");
    println!(
        "{:5}  {:7.4}   {:7.4}          {:7.4}   {:7.4}",
        0, poor[0].before, poor[0].before, poor[1].before, poor[1].before
    );
    for e in 0..TWO_LOSSES.epochs {
        let at = |i: usize| {
            let (ce, se) = (&poor[i].cross_entropy.log[e], &poor[i].squared_error.log[e]);
            (ce.validation_loss, se.validation_loss)
        };
        let ((lr_ce, lr_se), (net_ce, net_se)) = (at(0), at(1));
        println!(
            "{:5}  {lr_ce:7.4}   {lr_se:7.4}          {net_ce:7.4}   {net_se:7.4}",
            e + 1
        );
    }
    println!();
    println!("seed 42, the usual start (weights as drawn): validation cross-entropy");
    for ((name, _, _), config) in MODELS.iter().zip(&configs) {
        let usual = race(&data, config, 1.0)?;
        let (ce, se) = (&usual.cross_entropy.log, &usual.squared_error.log);
        let gap = (ce.iter().zip(se))
            .map(|(a, b)| (a.validation_loss - b.validation_loss).abs())
            .fold(0.0, f64::max);
        let last = TWO_LOSSES.epochs - 1;
        println!(
            "{name:<20} after epoch {}: by CE {:.4}, by SE {:.4}; largest gap in any epoch {gap:.4}",
            last + 1,
            ce[last].validation_loss,
            se[last].validation_loss
        );
    }
    println!();
    println!(
        "seeds 0 to 4, poor start: validation cross-entropy after epoch {}",
        TWO_LOSSES.epochs
    );
    println!("model                 trained by CE              trained by SE");
    for ((name, _, scale), config) in MODELS.iter().zip(&configs) {
        let (mut ce, mut se) = (Vec::new(), Vec::new());
        for seed in 0..5 {
            let r = race(&data, &Config { seed, ..*config }, *scale)?;
            ce.push(r.cross_entropy.log[TWO_LOSSES.epochs - 1].validation_loss);
            se.push(r.squared_error.log[TWO_LOSSES.epochs - 1].validation_loss);
        }
        let (ce, se) = (mean_min_max(&ce), mean_min_max(&se));
        println!(
            "{name:<20}  mean {:.4} (worst {:.4})  mean {:.4} (best {:.4})",
            ce.0, ce.2, se.0, se.1
        );
    }
    Ok(())
}
