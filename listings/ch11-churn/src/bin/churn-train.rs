//! The churn trainer: reads a CSV, trains, and reports the test set's loss and metrics.

use std::error::Error;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ch08_layers::Network;
use ch11_churn::cli::{at_least_one, positive};
use ch11_churn::compare::DATA;
use ch11_churn::data::{FEATURES, Prepared, load, prepare};
use ch11_churn::figures;
use ch11_churn::metrics::{Confusion, MetricsError, roc_auc, roc_curve};
use ch11_churn::train::{Config, EpochLog, TrainError, Trainer, mean_loss, predict_logits};
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
    #[arg(long, default_value_t = Config::ARTICLE.epochs, value_parser = at_least_one)]
    epochs: usize,
    /// Adam's learning rate.
    #[arg(long, default_value_t = Config::ARTICLE.lr, value_parser = positive)]
    lr: f64,
    /// Rows per optimizer step.
    #[arg(long, default_value_t = Config::ARTICLE.batch_size, value_parser = at_least_one)]
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
    if let Some(dir) = &args.figures {
        refuse_to_overwrite(dir, args.force)?;
    }
    let config = Config {
        epochs: args.epochs,
        lr: args.lr,
        batch_size: args.batch_size,
        hidden: args.hidden,
        seed: args.seed,
    };
    let path = args.data.as_deref().unwrap_or(Path::new(DATA));
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);

    let data = load_and_prepare(path, &mut rng)?;
    print_network(&config);
    let (net, log) = train(&data, &config, &mut rng).map_err(with_hint)?;

    // A logit above 0 is a probability above 0.5: the decision "leaves".
    let scores = predict_logits(&net, data.x_test.view())?.to_vec();
    let targets = data.y_test.to_vec();
    print_metrics(&scores, &targets)?;
    if let Some(dir) = &args.figures {
        write_figures(dir, &log, &scores, &targets)?;
    }
    Ok(())
}
// ANCHOR_END: run

// ANCHOR: prepare
/// Reads the CSV, splits it and standardizes it, and says how many rows each split holds.
fn load_and_prepare(path: &Path, rng: &mut ChaCha8Rng) -> Result<Prepared, Box<dyn Error>> {
    let customers = load(path)?;
    let data = prepare(&customers, rng).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "{} customers: {} for training, {} for testing",
        customers.len(),
        data.y_train.len(),
        data.y_test.len()
    );
    Ok(data)
}

/// The layer sizes and the optimizer's settings, on one line.
fn print_network(config: &Config) {
    let sizes: Vec<String> = config
        .sizes(FEATURES.len())
        .iter()
        .map(|s| s.to_string())
        .collect();
    let kind = if config.hidden == 0 {
        "no hidden layer: logistic regression"
    } else {
        "ReLU between layers"
    };
    // `{:?}` writes a learning rate of 1e300 as "1e300", where `{}` writes all 301 digits.
    println!(
        "network {} ({kind}), Adam lr {:?}, batch {}",
        sizes.join(" -> "),
        config.lr,
        config.batch_size
    );
}
// ANCHOR_END: prepare

// ANCHOR: train
/// Trains a fresh network, printing after each epoch its training loss, two ways, and the
/// loss on the test rows.
fn train(
    data: &Prepared,
    config: &Config,
    rng: &mut ChaCha8Rng,
) -> Result<(Network, Vec<EpochLog>), TrainError> {
    let (x_train, y_train) = (data.x_train.view(), data.y_train.view());
    let (x_test, y_test) = (data.x_test.view(), data.y_test.view());
    let mut trainer = Trainer::new(x_train.ncols(), x_train.nrows(), config, rng)?;
    let bar = progress_bar((config.epochs * trainer.batches_per_epoch()) as u64);
    println!("epoch  train loss (mean)  last batch  test loss");
    let mut log = Vec::new();
    for epoch in 1..=config.epochs {
        let train = trainer
            .epoch(x_train, y_train, rng, &mut || bar.inc(1))
            .map_err(|e| e.in_epoch(epoch))?;
        let test = mean_loss(&trainer.net, x_test, y_test).map_err(|e| e.in_epoch(epoch))?;
        bar.suspend(|| {
            println!(
                "{epoch:5}  {:17.4}  {:10.4}  {test:9.4}",
                train.mean, train.last_batch
            )
        });
        log.push(EpochLog { epoch, train, test });
    }
    bar.finish_and_clear();
    Ok((trainer.net, log))
}

/// A run that diverged is mended by a smaller step: say so.
fn with_hint(e: TrainError) -> Box<dyn Error> {
    match e {
        TrainError::Diverged { .. } => format!("{e}; try a smaller --lr").into(),
        other => other.into(),
    }
}
// ANCHOR_END: train

// ANCHOR: metrics
/// Accuracy, precision, recall, F1 and ROC AUC on the test rows, then the confusion matrix.
/// A metric that these rows leave undefined is printed as such, not as an error.
fn print_metrics(scores: &[f64], targets: &[f64]) -> Result<(), MetricsError> {
    let c = Confusion::new(scores, targets, 0.0)?;
    let show = |v: Option<f64>| v.map_or("undefined".to_string(), |v| format!("{v:.4}"));
    let auc = match roc_auc(scores, targets) {
        Ok(auc) => format!("{auc:.4}"),
        Err(MetricsError::OneClass) => "undefined (the test rows hold one class)".to_string(),
        Err(e) => return Err(e),
    };
    println!("test set, threshold 0.5:");
    println!("  accuracy   {:.4}", c.accuracy());
    println!("  precision  {}", show(c.precision()));
    println!("  recall     {}", show(c.recall()));
    println!("  F1         {}", show(c.f1()));
    println!("  ROC AUC    {auc}");
    println!("confusion matrix     predicted stay  predicted leave");
    println!("  stayed             {:14}  {:15}", c.tn, c.fp);
    println!("  left               {:14}  {:15}", c.fn_, c.tp);
    Ok(())
}
// ANCHOR_END: metrics

// ANCHOR: figures
/// Writes the loss curves to `dir/loss.svg` and the ROC curve to `dir/roc.svg`; a test split
/// of one class has no ROC curve, so then only the loss figure is written.
fn write_figures(
    dir: &Path,
    log: &[EpochLog],
    scores: &[f64],
    targets: &[f64],
) -> Result<(), Box<dyn Error>> {
    write_figure(
        &dir.join("loss.svg"),
        figures::loss_curves(log, None, None)?,
    )?;
    match roc_curve(scores, targets) {
        Ok(curve) => write_figure(
            &dir.join("roc.svg"),
            figures::roc_curves(&[("this run", &curve)])?,
        )?,
        Err(MetricsError::OneClass) => println!("no ROC figure: the test rows hold one class"),
        Err(e) => return Err(e.into()),
    }
    println!("figures written to {}", dir.display());
    Ok(())
}

fn write_figure(path: &Path, svg: String) -> Result<(), Box<dyn Error>> {
    std::fs::write(path, svg).map_err(|e| format!("cannot write {}: {e}", path.display()).into())
}
// ANCHOR_END: figures

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
fn refuse_to_overwrite(dir: &Path, force: bool) -> Result<(), Box<dyn Error>> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for name in ["loss.svg", "roc.svg"] {
        let file = dir.join(name);
        if file.exists() && !force {
            return Err(format!("{} exists; pass --force to overwrite it", file.display()).into());
        }
    }
    Ok(())
}
