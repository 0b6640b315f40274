//! The churn trainer: reads a CSV, trains, and reports the test set's loss and metrics.

use std::error::Error;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use ch10_churn::compare::DATA;
use ch10_churn::data::{FEATURES, load, prepare};
use ch10_churn::figures;
use ch10_churn::metrics::{Confusion, roc_auc, roc_curve};
use ch10_churn::train::{Config, EpochLog, Trainer, mean_loss, predict_logits};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

// ANCHOR: args
/// Train a churn classifier (input -> hidden ReLU -> 1) on a CSV with the columns Tenure,
/// MonthlyCharges, SupportCalls, Age, ContractType and Churn.
#[derive(Parser)]
#[command(name = "churn-train")]
struct Args {
    /// The CSV to train on [default: data/churn.csv of this crate]
    #[arg(long)]
    data: Option<PathBuf>,
    /// Passes over the training rows.
    #[arg(long, default_value_t = Config::ARTICLE.epochs)]
    epochs: usize,
    /// Adam's learning rate.
    #[arg(long, default_value_t = Config::ARTICLE.lr)]
    lr: f64,
    /// Rows per optimizer step.
    #[arg(long, default_value_t = Config::ARTICLE.batch_size)]
    batch_size: usize,
    /// Units in the hidden layer; 0 trains logistic regression.
    #[arg(long, default_value_t = Config::ARTICLE.hidden)]
    hidden: usize,
    /// Seed of the split, the initial weights and the batch order.
    #[arg(long, default_value_t = Config::ARTICLE.seed)]
    seed: u64,
    /// Write the loss and ROC figures (loss.svg, roc.svg) into this folder.
    #[arg(long)]
    figures: Option<PathBuf>,
    /// Overwrite figures that already exist.
    #[arg(long)]
    force: bool,
}
// ANCHOR_END: args

fn main() -> ExitCode {
    let args = Args::parse();
    // The default data path is absolute; show it as the crate-relative path it stands for.
    let shown = args
        .data
        .as_ref()
        .map_or("data/churn.csv".into(), |p| p.display().to_string());
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", e.to_string().replace(DATA, &shown));
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: run
fn run(args: Args) -> Result<(), Box<dyn Error>> {
    let path = args.data.clone().unwrap_or_else(|| DATA.into());
    let config = Config {
        epochs: args.epochs,
        lr: args.lr,
        batch_size: args.batch_size,
        hidden: args.hidden,
        seed: args.seed,
    };
    if config.batch_size == 0 || !(config.lr >= 0.0 && config.lr.is_finite()) {
        return Err("--batch-size must be at least 1 and --lr a finite number >= 0".into());
    }
    if let Some(dir) = &args.figures {
        refuse_to_overwrite(dir, args.force)?;
    }

    let customers = load(&path)?;
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let d = prepare(&customers, &mut rng)?;
    let mut trainer = Trainer::new(FEATURES.len(), d.x_train.nrows(), &config, &mut rng);
    let sizes = config
        .sizes(FEATURES.len())
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>();
    println!(
        "{} customers: {} for training, {} for testing",
        customers.len(),
        d.y_train.len(),
        d.y_test.len()
    );
    let kind = if config.hidden == 0 {
        "no hidden layer: logistic regression"
    } else {
        "ReLU between layers"
    };
    println!(
        "network {} ({kind}), Adam lr {}, batch {}",
        sizes.join(" -> "),
        config.lr,
        config.batch_size
    );

    let bar = progress_bar((config.epochs * trainer.batches_per_epoch()) as u64);
    println!("epoch  train loss (mean)  last batch  test loss");
    let mut log = Vec::new();
    for epoch in 1..=config.epochs {
        let train = trainer.epoch(d.x_train.view(), d.y_train.view(), &mut rng, &mut || {
            bar.inc(1)
        })?;
        let test = mean_loss(&trainer.net, d.x_test.view(), d.y_test.view())?;
        bar.suspend(|| {
            println!(
                "{epoch:5}  {:17.4}  {:10.4}  {test:9.4}",
                train.mean, train.last_batch
            )
        });
        log.push(EpochLog { epoch, train, test });
    }
    bar.finish_and_clear();

    // A logit above 0 is a probability above 0.5: the decision "leaves".
    let logits = predict_logits(&trainer.net, d.x_test.view())?;
    let (scores, y) = (logits.to_vec(), d.y_test.to_vec());
    let c = Confusion::new(&scores, &y, 0.0)?;
    let show = |v: Option<f64>| v.map_or("undefined".to_string(), |v| format!("{v:.4}"));
    println!("test set, threshold 0.5:");
    println!("  accuracy   {:.4}", c.accuracy());
    println!("  precision  {}", show(c.precision()));
    println!("  recall     {}", show(c.recall()));
    println!("  F1         {}", show(c.f1()));
    println!("  ROC AUC    {:.4}", roc_auc(&scores, &y)?);
    println!("confusion matrix     predicted stay  predicted leave");
    println!("  stayed             {:14}  {:15}", c.tn, c.fp);
    println!("  left               {:14}  {:15}", c.fn_, c.tp);

    if let Some(dir) = &args.figures {
        let curve = roc_curve(&scores, &y)?;
        std::fs::write(
            dir.join("loss.svg"),
            figures::loss_curves(&log, None, None)?,
        )?;
        std::fs::write(
            dir.join("roc.svg"),
            figures::roc_curves(&[("this run", &curve)])?,
        )?;
        println!("figures written to {}", dir.display());
    }
    Ok(())
}
// ANCHOR_END: run

/// A progress bar on stderr when it is a terminal; a hidden one (that draws nothing) when the
/// output is captured, so logs and snapshots stay clean.
fn progress_bar(steps: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(steps);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} steps") {
        bar.set_style(style);
    }
    bar
}

/// Fails, before any training, if a figure would overwrite a file and `--force` was not given.
fn refuse_to_overwrite(dir: &std::path::Path, force: bool) -> Result<(), Box<dyn Error>> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for name in ["loss.svg", "roc.svg"] {
        let file = dir.join(name);
        if file.exists() && !force {
            return Err(format!("{} exists; pass --force to overwrite it", file.display()).into());
        }
    }
    Ok(())
}
