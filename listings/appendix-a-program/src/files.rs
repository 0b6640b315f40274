//! The files `train` writes: its figures, never over a file the reader did not ask to replace.

use std::error::Error;
use std::path::Path;

use ch11_churn::figures::{loss_curves, roc_curves};
use ch11_churn::metrics::roc_curve;
use ch11_churn::run::Run;

/// The figures `train` can write.
pub const FIGURES: [&str; 2] = ["loss.svg", "roc.svg"];

// ANCHOR: files
/// Fails, before any training, if a figure would replace a file and `force` is not set.
/// Creates `dir` if it does not exist.
pub fn refuse_to_overwrite(dir: &Path, force: bool) -> Result<(), Box<dyn Error>> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for name in FIGURES {
        let file = dir.join(name);
        if file.exists() && !force {
            return Err(format!("{} exists; pass --force to replace it", file.display()).into());
        }
    }
    Ok(())
}

/// Writes the loss curves of `run` to `dir/loss.svg` and, for two classes, the ROC curve of
/// the test rows to `dir/roc.svg`.
pub fn write_figures(dir: &Path, run: &Run) -> Result<(), Box<dyn Error>> {
    let log = ("this run", run.trained.log.as_slice());
    write(
        &dir.join("loss.svg"),
        loss_curves("loss (nats)", log, None, None)?,
    )?;
    let test = &run.prepared.test;
    if run.prepared.classes.len() == 2 {
        let scored: Vec<(f64, bool)> = (0..test.y.len())
            .map(|i| (run.test.probs[[i, 1]], test.y[i] == 1))
            .collect();
        match roc_curve(&scored) {
            Some(curve) => write(&dir.join("roc.svg"), roc_curves(&[("this run", &curve)])?)?,
            None => println!("no ROC figure: the test rows hold one class"),
        }
    }
    println!("figures written to {}", dir.display());
    Ok(())
}

fn write(path: &Path, svg: String) -> Result<(), Box<dyn Error>> {
    std::fs::write(path, svg).map_err(|e| format!("cannot write {}: {e}", path.display()).into())
}
// ANCHOR_END: files
