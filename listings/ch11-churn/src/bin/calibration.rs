//! Can the probabilities be believed? The Brier score, the expected calibration error and the
//! reliability bins of the chapter's models on the test rows, with and without label smoothing.

use std::process::ExitCode;

use ch11_churn::TrainError;
use ch11_churn::calibration::{
    BINS, brier_score, expected_calibration_error, forecasts, reliability,
};
use ch11_churn::compare::CHURN_TO_CONVERGENCE;
use ch11_churn::metrics::roc_auc;
use ch11_churn::report::exit_code;
use ch11_churn::synth::churn_dataset;
use ch11_churn::train::Config;

fn main() -> ExitCode {
    exit_code(calibration())
}

/// The label smoothings tried: the common 0.1, and twice that.
const EPSILONS: [f64; 2] = [0.1, 0.2];

// ANCHOR: main
fn calibration() -> Result<(), TrainError> {
    let data = churn_dataset()?;
    let (models, left) = forecasts(&data, &CHURN_TO_CONVERGENCE, &EPSILONS)?;
    println!(
        "seed 42, {} test rows; {BINS} bins of width {:.1} on the probability of leaving",
        left.len(),
        1.0 / BINS as f64
    );
    println!(
        "model                    test loss   Brier     ECE   probabilities from    to  ROC AUC"
    );
    for m in &models {
        let ece = expected_calibration_error(&reliability(&m.probs, &left, BINS));
        let lo = m.probs.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = m.probs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let scored: Vec<(f64, bool)> = m.probs.iter().copied().zip(left.iter().copied()).collect();
        let auc = roc_auc(&scored).unwrap_or(f64::NAN);
        println!(
            "{:<23}  {:9.4}  {:6.4}  {ece:6.4}  {lo:19.3}  {hi:5.3}  {auc:7.4}",
            m.name,
            m.loss,
            brier_score(&m.probs, &left)
        );
    }
    // ANCHOR_END: main
    println!();
    println!("reliability: rows, mean predicted probability, share who left, in each bin");
    let [network, .., smoothed] = &models[..] else {
        unreachable!("five models")
    };
    println!("bin        {:<24}{}", network.name, smoothed.name);
    let (a, b) = (
        reliability(&network.probs, &left, BINS),
        reliability(&smoothed.probs, &left, BINS),
    );
    for k in 0..BINS {
        let lo = k as f64 / BINS as f64;
        let cells = [&a, &b].map(|bins| match bins.iter().find(|bin| bin.lo == lo) {
            Some(bin) => format!("{:4}  {:.3}  {:.3}", bin.count, bin.mean_prob, bin.share),
            None => format!("{:4}  {:>5}  {:>5}", 0, "-", "-"),
        });
        println!("{lo:.1}-{:.1}  {}       {}", lo + 0.1, cells[0], cells[1]);
    }
    println!();
    println!("seeds 0 to 4, means over the seeds");
    println!("model                         test loss   Brier     ECE");
    let mut sums = vec![[0.0; 3]; models.len()];
    for seed in 0..5 {
        let (models, left) = forecasts(
            &data,
            &Config {
                seed,
                ..CHURN_TO_CONVERGENCE
            },
            &EPSILONS,
        )?;
        for (sum, m) in sums.iter_mut().zip(&models) {
            let ece = expected_calibration_error(&reliability(&m.probs, &left, BINS));
            for (s, v) in sum
                .iter_mut()
                .zip([m.loss, brier_score(&m.probs, &left), ece])
            {
                *s += v / 5.0;
            }
        }
    }
    for (m, [loss, brier, ece]) in models.iter().zip(&sums) {
        println!("{:<23}  mean  {loss:9.4}  {brier:6.4}  {ece:6.4}", m.name);
    }
    Ok(())
}
