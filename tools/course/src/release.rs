//! `cargo book release`: a versioned release of the book, as archives a class can be pointed
//! at.
//!
//! The version is `CITATION.cff`'s (the root package's must agree). Into
//! `target/book-release/cross-entropy-verified-VERSION/` go:
//!
//! - `...-html.tar.gz`: the book as HTML, every page ending with its version;
//! - `...-instructor-html.tar.gz`: the instructor edition (solutions and notes open);
//! - `...-student.tar.gz`: the student edition, a repository whose exercises are stubs;
//! - `...-source.tar.gz`: the listings with everything that builds and tests them;
//! - `...-slides.tar.gz`: the slides with speaker notes, one deck per chapter;
//! - `...-quizzes.gift`: the quizzes, for an LMS;
//! - `...-VERSION.pdf`: the PDF, when one is given (`--pdf FILE`, as `cargo book pdf` writes).
//!
//! Archives are reproducible: entries sorted, no owners, one fixed time.

use std::path::{Path, PathBuf};

use crate::edition::{Edition, Files, repository_files, write_whole};

/// The file time of every archive entry: 2000-01-01, a fixed moment, so that two releases of
/// the same files are the same bytes.
const MTIME: u64 = 946_684_800;

/// A `.tar.gz` of `files`, each under the folder `prefix/`.
pub fn tar_gz(prefix: &str, files: &Files) -> Result<Vec<u8>, String> {
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    for (path, bytes) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(MTIME);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, format!("{prefix}/{path}"), bytes.as_slice())
            .map_err(|e| format!("{prefix}/{path}: {e}"))?;
    }
    let gz = tar.into_inner().map_err(|e| e.to_string())?;
    gz.finish().map_err(|e| e.to_string())
}

/// Every file under `dir`, by relative path.
pub fn read_dir_files(dir: &Path) -> Result<Files, String> {
    let mut files = Files::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let here = dir.join(&rel);
        for entry in std::fs::read_dir(&here).map_err(|e| format!("{}: {e}", here.display()))? {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = rel.join(entry.file_name());
            if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(dir.join(&path)).map_err(|e| e.to_string())?;
                files.insert(path.to_string_lossy().replace('\\', "/"), bytes);
            }
        }
    }
    Ok(files)
}

/// The root package's version in `Cargo.toml`.
fn cargo_version(files: &Files) -> Option<String> {
    let text = std::str::from_utf8(files.get("Cargo.toml")?).ok()?;
    let package = text.split("[package]").nth(1)?;
    let line = package
        .lines()
        .find(|l| l.trim_start().starts_with("version"))?;
    Some(line.split('"').nth(1)?.to_string())
}

/// Makes the release of the book at `root` in `out` (a folder of its own, created), using
/// `work` for the builds. Returns the files written with their sizes.
pub fn release(
    root: &Path,
    out: &Path,
    work: &Path,
    pdf: Option<&Path>,
) -> Result<Vec<(PathBuf, u64)>, String> {
    let files = repository_files(root)?;
    let version = crate::edition::version(&files)?;
    if let Some(cargo) = cargo_version(&files)
        && cargo != version
    {
        return Err(format!(
            "CITATION.cff says version {version}, Cargo.toml {cargo}: make them agree"
        ));
    }
    let name = format!("cross-entropy-verified-{version}");
    let dir = out.join(&name);
    if dir.exists() {
        return Err(format!(
            "{} exists already: a release is written once; remove it or raise the version",
            dir.display()
        ));
    }
    let mut written: Vec<(PathBuf, u64)> = Vec::new();
    let put = |written: &mut Vec<(PathBuf, u64)>, file: String, bytes: &[u8]| {
        let path = dir.join(file);
        write_whole(&path, bytes)?;
        written.push((path, bytes.len() as u64));
        Ok::<(), String>(())
    };

    for (edition, suffix) in [("public", "html"), ("instructor", "instructor-html")] {
        let build = work.join(suffix);
        let _ = std::fs::remove_dir_all(&build);
        eprintln!("building the {edition} edition...");
        crate::html::build(root, &build, edition, Some(&version))?;
        let html = read_dir_files(&build)?;
        put(
            &mut written,
            format!("{name}-{suffix}.tar.gz"),
            &tar_gz(&format!("{name}-{suffix}"), &html)?,
        )?;
    }

    let edition = Edition::of(&files)?;
    put(
        &mut written,
        format!("{name}-student.tar.gz"),
        &tar_gz(&format!("{name}-student"), &edition.files)?,
    )?;
    put(
        &mut written,
        format!("{name}-source.tar.gz"),
        &tar_gz(&format!("{name}-source"), &files)?,
    )?;

    let slides = work.join("slides");
    let _ = std::fs::remove_dir_all(&slides);
    crate::slides::write_all(root, &slides)?;
    put(
        &mut written,
        format!("{name}-slides.tar.gz"),
        &tar_gz(&format!("{name}-slides"), &read_dir_files(&slides)?)?,
    )?;

    let (gift, _) = crate::gift::export(root)?;
    put(
        &mut written,
        format!("{name}-quizzes.gift"),
        gift.as_bytes(),
    )?;

    match pdf {
        Some(pdf) => {
            let bytes = std::fs::read(pdf).map_err(|e| format!("{}: {e}", pdf.display()))?;
            if !bytes.starts_with(b"%PDF") {
                return Err(format!("{} is not a PDF", pdf.display()));
            }
            put(&mut written, format!("{name}.pdf"), &bytes)?;
        }
        None => eprintln!(
            "no PDF in this release: give one with --pdf FILE (as `cargo book pdf` writes it)"
        ),
    }

    let mut list = format!("Cross-Entropy, Verified, version {version}\n\n");
    for (path, size) in &written {
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        list.push_str(&format!("{file}  {size} bytes\n"));
    }
    let contents = dir.join("CONTENTS.txt");
    write_whole(&contents, list.as_bytes())?;
    written.push((contents, list.len() as u64));
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_are_reproducible_and_hold_every_file_under_one_folder() {
        let mut files = Files::new();
        files.insert("b.txt".into(), b"two".to_vec());
        files.insert("a/x.md".into(), b"one".to_vec());
        let one = tar_gz("book-1.0", &files).unwrap();
        assert_eq!(one, tar_gz("book-1.0", &files).unwrap());
        let gz = flate2::read::GzDecoder::new(one.as_slice());
        let mut archive = tar::Archive::new(gz);
        let names: Vec<String> = archive
            .entries()
            .unwrap()
            .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["book-1.0/a/x.md", "book-1.0/b.txt"]);
    }

    #[test]
    fn the_version_comes_from_the_citation_and_must_match_cargo() {
        let mut files = Files::new();
        files.insert(
            "Cargo.toml".into(),
            b"[workspace]\n\n[package]\nname = \"b\"\nversion = \"0.2.0\"\n".to_vec(),
        );
        assert_eq!(cargo_version(&files).as_deref(), Some("0.2.0"));
    }
}
