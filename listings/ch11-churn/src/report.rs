//! What a run prints, as text: the chapter programs and the `train` program print these same
//! lines, so that their outputs can be compared character for character.

use std::fmt::Write;

use ch04_entropy::{Base, entropy};
use ch08_layers::Network;

use crate::dataset::Dataset;
use crate::evaluate::Evaluation;
use crate::head::Head;
use crate::prepare::Prepared;
use crate::train::{Config, EpochLog, Trained};

/// How many of the test rows the model is least sure about are listed.
const LEAST_SURE: usize = 5;

/// The label, its classes and the features, with how each category was encoded.
pub fn dataset(data: &Dataset) -> String {
    let mut out = format!(
        "{} rows; label `{}`, {} classes: {}\n",
        data.y.len(),
        data.target,
        data.classes.len(),
        data.classes.join(", ")
    );
    let _ = writeln!(
        out,
        "{}: {}",
        counted(data.features.len(), "feature"),
        data.features.join(", ")
    );
    for c in &data.categories {
        let how = match c.detected {
            true => "not a number, so one-hot encoded",
            false => "named categorical, one-hot encoded",
        };
        let _ = writeln!(
            out,
            "  `{}`: {how}; levels {}; {} is the row of zeros",
            c.column,
            c.levels.join(", "),
            c.levels[0]
        );
    }
    out
}

/// The split, the network and the optimizer. (The learning rate is printed with `{:?}`, which
/// writes 1e300 as `1e300` rather than as 301 digits.)
pub fn setup(data: &Prepared, net: &Network, head: &dyn Head, config: &Config) -> String {
    let sizes: Vec<String> = config
        .sizes(net.n_inputs(), net.n_outputs())
        .iter()
        .map(|s| s.to_string())
        .collect();
    let layers = match config.hidden {
        0 => "no hidden layer: logistic regression",
        _ => "ReLU between layers",
    };
    format!(
        "split (seed {}): {} training, {} validation, {} test rows\n\
         network {} ({layers}); {}\n\
         Adam lr {:?}, batches of {}, at most {}, patience {}\n",
        config.seed,
        data.train.y.len(),
        data.validation.y.len(),
        data.test.y.len(),
        sizes.join(" -> "),
        head.name(),
        config.lr,
        config.batch_size,
        counted(config.epochs, "epoch"),
        config.patience
    )
}

/// "1 feature", "4 features".
fn counted(n: usize, thing: &str) -> String {
    match n {
        1 => format!("1 {thing}"),
        _ => format!("{n} {thing}s"),
    }
}

/// The untrained network's loss beside the loss of a model that knows nothing.
pub fn untrained(loss: f64, chance: f64) -> String {
    format!(
        "before training: loss {loss:.4} on the training rows; all logits 0 would give {chance:.4}\n"
    )
}

pub const LOG_HEADER: &str = "epoch  train loss (mean)  last batch  validation loss\n";

/// One line of the training log.
pub fn epoch(e: &EpochLog) -> String {
    format!(
        "{:5}  {:17.4}  {:10.4}  {:15.4}\n",
        e.epoch, e.train_loss, e.last_batch, e.validation_loss
    )
}

/// The kept epoch, then the scores on the test rows: loss, accuracy against always answering
/// the most common class, the ROC AUC for two classes, per-class precision, recall and F1, the
/// confusion matrix, and the test rows the model is least sure about.
pub fn test(data: &Prepared, trained: &Trained, eval: &Evaluation) -> String {
    let classes = &data.classes;
    // Wide enough for every class name, and for the columns "class" and "predicted".
    let width = classes.iter().map(String::len).max().unwrap_or(0).max(9);
    let show = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.4}"));
    let m = &eval.confusion;
    let mut out = String::new();
    let best = &trained.log[trained.best_epoch - 1];
    let _ = writeln!(
        out,
        "kept epoch {} of {} (lowest validation loss, {:.4})",
        trained.best_epoch,
        trained.log.len(),
        best.validation_loss
    );
    let _ = writeln!(out, "test rows: {}, scored once", eval.predicted.len());
    let _ = writeln!(out, "  loss      {:.4}", eval.loss);
    let _ = writeln!(
        out,
        "  accuracy  {:.4}; always answering {}, the most common class in training: {:.4}",
        m.accuracy(),
        classes[eval.majority],
        eval.majority_accuracy
    );
    if let Some(auc) = eval.roc_auc {
        let _ = writeln!(out, "  ROC AUC   {auc:.4}");
    }
    for (k, name) in classes.iter().enumerate() {
        let rows: usize = (0..m.classes()).map(|p| m.count(k, p)).sum();
        let _ = writeln!(
            out,
            "  class {name}: {rows} rows, precision {}, recall {}, F1 {}",
            show(m.precision(k)),
            show(m.recall(k)),
            show(m.f1(k))
        );
    }
    let _ = writeln!(
        out,
        "confusion matrix, a row per true class, a column per predicted class:"
    );
    let _ = write!(out, "  {:width$}     ", "");
    for name in classes {
        let _ = write!(out, "  {name:>width$}");
    }
    out.push('\n');
    for (j, name) in classes.iter().enumerate() {
        let _ = write!(out, "  true {name:width$}");
        for k in 0..m.classes() {
            let _ = write!(out, "  {:>width$}", m.count(j, k));
        }
        out.push('\n');
    }
    out + &least_sure(data, eval, width)
}

/// The test rows whose predicted probabilities have the highest entropy (Chapter 4), in nats:
/// where the model hesitates most.
fn least_sure(data: &Prepared, eval: &Evaluation, width: usize) -> String {
    // Each row's entropy once, not once per comparison of the sort.
    let doubts: Vec<f64> = (eval.probs.rows().into_iter())
        .map(|p| entropy(&p.to_vec(), Base::Nats).expect("a head's probabilities add up to 1"))
        .collect();
    let doubt = |i: usize| doubts[i];
    let mut order: Vec<usize> = (0..eval.predicted.len()).collect();
    order.sort_by(|&a, &b| doubt(b).total_cmp(&doubt(a)));
    let classes = &data.classes;
    let mut out = String::from(
        "test rows the model is least sure about: row (after the header), class, \
         probabilities, prediction, entropy\n",
    );
    let _ = write!(out, "{:>5}  {:width$}", "row", "class");
    for name in classes {
        let _ = write!(out, "  {name:>width$}");
    }
    let _ = writeln!(out, "  {:width$}  entropy", "predicted");
    for &i in order.iter().take(LEAST_SURE) {
        let _ = write!(
            out,
            "{:>5}  {:width$}",
            data.rows.test[i] + 1,
            classes[data.test.y[i]]
        );
        for p in eval.probs.row(i) {
            let _ = write!(out, "  {p:>width$.4}");
        }
        let predicted = &classes[eval.predicted[i]];
        let _ = writeln!(out, "  {predicted:width$}  {:.4}", doubt(i));
    }
    out
}

// ANCHOR: exit
/// How every program of Part III ends: on an error, `error: ` and the message on standard
/// error, and exit code 1.
pub fn exit_code<T>(result: Result<T, impl std::fmt::Display>) -> std::process::ExitCode {
    match result {
        Ok(_) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: exit
