//! The files `train` writes: its figures, each one whole or not at all, and never over a file
//! the reader did not ask to replace.

use std::error::Error;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use ch11_churn::figures::{loss_curves, roc_curves};
use ch11_churn::metrics::roc_curve;
use ch11_churn::run::Run;

/// The figures `train` can write.
pub const FIGURES: [&str; 2] = ["loss.svg", "roc.svg"];

// ANCHOR: files
/// Fails, before any training, if the figures could not go into `dir`: it is a file, or a
/// figure would replace a file and `force` is not set. Creates nothing: the folder is made
/// only when there are figures to put in it.
pub fn check_figures(dir: &Path, force: bool) -> Result<(), Box<dyn Error>> {
    if dir.as_os_str().is_empty() {
        return Err("the folder for the figures has an empty name".into());
    }
    if let Some(file) = dir.ancestors().find(|a| a.is_file()) {
        return Err(format!("{} is a file, not a folder for the figures", file.display()).into());
    }
    for name in FIGURES {
        let file = dir.join(name);
        if file.is_dir() {
            return Err(format!(
                "{} is a folder; the figure cannot replace it",
                file.display()
            )
            .into());
        }
        if file.exists() && !force {
            return Err(format!("{} exists; pass --force to replace it", file.display()).into());
        }
    }
    Ok(())
}

/// Draws the loss curves of `run` and, for two classes, the ROC curve of the test rows, then
/// writes them as `dir/loss.svg` and `dir/roc.svg`, making `dir` if it does not exist.
pub fn write_figures(dir: &Path, run: &Run) -> Result<(), Box<dyn Error>> {
    let log = ("this run", run.trained.log.as_slice());
    let mut figures = vec![("loss.svg", loss_curves("loss (nats)", log, None, None)?)];
    let test = &run.prepared.test;
    if run.prepared.classes.len() == 2 {
        let scored: Vec<(f64, bool)> = (0..test.y.len())
            .map(|i| (run.test.probs[[i, 1]], test.y[i] == 1))
            .collect();
        match roc_curve(&scored) {
            Some(curve) => figures.push(("roc.svg", roc_curves(&[("this run", &curve)])?)),
            None => println!("no ROC figure: the test rows hold one class"),
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, svg) in figures {
        write(&dir.join(name), |file| file.write_all(svg.as_bytes()))?;
    }
    println!("figures written to {}", dir.display());
    Ok(())
}

/// Writes a file with `fill` into a temporary file beside `path`, and renames it to `path`
/// only once it is complete and on the disk. Whoever opens `path` finds the old file or the
/// new one, never a part of one; if `fill` fails, the temporary file is removed.
pub fn write(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), Box<dyn Error>> {
    let failed = |e: io::Error| format!("cannot write {}: {e}", path.display());
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(failed)?;
    fill(temporary.as_file_mut())
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(failed)?;
    temporary.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}
// ANCHOR_END: files

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_fails_halfway_leaves_no_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loss.svg");
        let e = write(&path, |file| {
            file.write_all(b"<svg half")?;
            Err(io::Error::other("interrupted"))
        })
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("cannot write {}: interrupted", path.display())
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_write_that_fails_halfway_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loss.svg");
        std::fs::write(&path, "the old figure").unwrap();
        let e = write(&path, |file| {
            file.write_all(b"<svg half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(e.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old figure");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write(&path, |file| file.write_all(b"<svg/>")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "<svg/>");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn figures_cannot_go_into_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.csv");
        std::fs::write(&file, "").unwrap();
        for target in [file.clone(), file.join("figures")] {
            let e = check_figures(&target, true).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("{} is a file, not a folder for the figures", file.display())
            );
        }
        let folder = dir.path().join("figures");
        assert!(check_figures(&folder, false).is_ok());
        assert!(!folder.exists(), "checking made no folder");
    }
}
