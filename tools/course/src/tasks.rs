//! The course's `cargo book` tasks; `tools/book-tasks` hands them over by name.

use std::path::Path;

use crate::edition::{Edition, repository_files};
use crate::{grade, testrun};

/// The tasks this crate runs, with their usage.
pub const TASKS: &[(&str, &str)] = &[
    (
        "student",
        "student DIR          write the student edition (stubs for solutions) to DIR",
    ),
    (
        "grade",
        "grade [CHAPTER...]   score the exercises, per chapter (ch01, ch02-sigmoid, ...)",
    ),
    (
        "quizzes",
        "quizzes [FILE]       the quizzes in GIFT, for an LMS (to FILE, or printed)",
    ),
    (
        "plan",
        "plan [MINUTES]       minutes per chapter and a plan for sessions of MINUTES (90)",
    ),
    (
        "slides",
        "slides [DIR]         slides with speaker notes, a deck per chapter (target/slides)",
    ),
    (
        "instructor",
        "instructor [DIR]     the book with solutions and notes open (target/book-instructor)",
    ),
    (
        "release",
        "release [--pdf FILE] the archives of this version, in target/book-release",
    ),
];

/// Whether `task` is one of the course's.
pub fn handles(task: &str) -> bool {
    TASKS.iter().any(|(name, _)| *name == task)
}

/// Runs a course task in the repository at `root`. `Ok(false)` means it ran and found
/// something wanting (an exercise not yet passed), which the caller turns into a failing exit.
pub fn run(root: &Path, task: &str, args: &[String]) -> Result<bool, String> {
    let root = &root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    match task {
        "student" => student(root, args),
        "grade" => grade_task(root, args),
        "quizzes" => quizzes(root, args),
        "plan" => plan(root, args),
        "slides" => slides(root, args),
        "instructor" => instructor(root, args),
        "release" => release(root, args),
        _ => Err(format!("unknown course task `{task}`")),
    }
}

fn student(root: &Path, args: &[String]) -> Result<bool, String> {
    let [dir] = args else {
        return Err("usage: cargo book student DIR".into());
    };
    let dir = std::env::current_dir()
        .map_err(|e| e.to_string())?
        .join(dir);
    // Where it really is, for the check below (the folder itself may not exist yet).
    let dir = match (
        dir.canonicalize(),
        dir.parent().map(Path::canonicalize),
        dir.file_name(),
    ) {
        (Ok(real), _, _) => real,
        (Err(_), Some(Ok(parent)), Some(name)) => parent.join(name),
        _ => dir,
    };
    if mdbook_listings::edition::Marker::read(root)?.is_some() {
        return Err("this is already a student edition; write one from the book itself".into());
    }
    // Inside the repository, the edition would become part of the next edition.
    if dir.starts_with(root) && !dir.starts_with(target_dir(root)) {
        return Err(format!(
            "{} is inside the book's repository; write the student edition elsewhere (or \
             under target/)",
            dir.display()
        ));
    }
    let files = repository_files(root)?;
    let edition = Edition::of(&files)?;
    // Refuse an edition that would not give the book back.
    if edition.restore(&edition.files)? != files {
        return Err("internal error: the edition does not restore to the book".into());
    }
    let changed = edition.write(&dir)?;
    let exercises: usize = edition.chapters.iter().map(|c| c.exercises.len()).sum();
    eprintln!(
        "wrote the student edition of version {} to {} ({changed} of {} files written): \
         {exercises} exercises in {} chapters are stubs; `cargo book grade` there scores them",
        edition.marker.version,
        dir.display(),
        edition.files.len(),
        edition.chapters.len()
    );
    if !edition.marker.withheld.is_empty() {
        eprintln!(
            "shown only with the solutions, so left off the pages: {}",
            edition.marker.withheld.join(", ")
        );
    }
    Ok(true)
}

fn grade_task(root: &Path, args: &[String]) -> Result<bool, String> {
    let crates = grade::crates_with_exercises(root, args)?;
    eprintln!(
        "grading {} chapter{} with `cargo test` (a first build takes a few minutes)...",
        crates.len(),
        if crates.len() == 1 { "" } else { "s" }
    );
    let mut cargo_args: Vec<&str> = Vec::new();
    for c in &crates {
        cargo_args.extend(["-p", c.as_str()]);
    }
    let env = [("CI", "true"), ("INSTA_UPDATE", "no")];
    let mut run = testrun::run_tests(root, &cargo_args, &env)?;
    // Cargo stops at the first crate that does not compile: test the others one by one.
    if !run.build_errors.is_empty() {
        for c in &crates {
            if run.of(c).next().is_some() || run.build_errors.contains_key(c) {
                continue;
            }
            let alone = testrun::run_tests(root, &["-p", c.as_str()], &env)?;
            if let Some((dep, error)) = alone.build_errors.iter().find(|(p, _)| *p != c) {
                run.build_errors.insert(
                    c.clone(),
                    format!("it uses {dep}, which does not compile: {error}"),
                );
            }
            if let Some(error) = alone.build_errors.get(c) {
                run.build_errors.insert(c.clone(), error.clone());
            }
            run.results.extend(alone.results);
        }
    }
    let grades = grade::grade(root, &crates, &run)?;
    print!("{}", grade::report(&grades));
    Ok(grades.iter().all(|g| {
        let (passed, total) = g.score();
        passed == total && g.exercises.iter().all(grade::ExerciseGrade::passed)
    }))
}

fn quizzes(root: &Path, args: &[String]) -> Result<bool, String> {
    let (gift, counts) = crate::gift::export(root)?;
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    match args {
        [] => print!("{gift}"),
        [file] => {
            crate::edition::write_whole(Path::new(file), gift.as_bytes())?;
            eprintln!("wrote {total} questions to {file}");
        }
        _ => return Err("usage: cargo book quizzes [FILE]".into()),
    }
    for (page, n) in counts {
        eprintln!("  {page}: {n} questions");
    }
    Ok(true)
}

fn plan(root: &Path, args: &[String]) -> Result<bool, String> {
    let length = match args {
        [] => 90,
        [m] => m
            .parse()
            .ok()
            .filter(|m| (15..=600).contains(m))
            .ok_or("usage: cargo book plan [MINUTES], a session of 15 to 600 minutes")?,
        _ => return Err("usage: cargo book plan [MINUTES]".into()),
    };
    let chapters = mdbook_listings::plan::chapters(&root.join("src"))?;
    print!("{}", mdbook_listings::plan::markdown(&chapters, length));
    Ok(true)
}

/// Cargo's target folder: `CARGO_TARGET_DIR`, or `target/` in the repository.
fn target_dir(root: &Path) -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

fn out_dir(
    root: &Path,
    args: &[String],
    default: &str,
    usage: &str,
) -> Result<std::path::PathBuf, String> {
    match args {
        [] => Ok(target_dir(root).join(default)),
        [dir] => Ok(std::env::current_dir()
            .map_err(|e| e.to_string())?
            .join(dir)),
        _ => Err(format!("usage: cargo book {usage}")),
    }
}

/// Refuses to write a build into a folder that holds something else: `looks_ours` tells a
/// folder that an earlier run of the same task wrote.
fn check_out_dir(dir: &Path, looks_ours: impl Fn(&Path) -> bool) -> Result<(), String> {
    let empty = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    };
    if empty || looks_ours(dir) {
        Ok(())
    } else {
        Err(format!(
            "{} holds other files; choose a new or empty folder (nothing was written)",
            dir.display()
        ))
    }
}

fn slides(root: &Path, args: &[String]) -> Result<bool, String> {
    let out = out_dir(root, args, "slides", "slides [DIR]")?;
    check_out_dir(&out, |d| {
        std::fs::read_to_string(d.join("index.html"))
            .is_ok_and(|t| t.contains("Cross-Entropy, Verified: slides"))
    })?;
    let decks = crate::slides::write_all(root, &out)?;
    let slides: usize = decks.iter().map(|(_, n)| n).sum();
    eprintln!(
        "wrote {} decks ({slides} slides) to {}; open index.html there",
        decks.len(),
        out.display()
    );
    Ok(true)
}

fn instructor(root: &Path, args: &[String]) -> Result<bool, String> {
    let out = out_dir(root, args, "book-instructor", "instructor [DIR]")?;
    // mdBook empties the folder it builds into: only a new folder, an empty one or an earlier
    // build of a book will do.
    check_out_dir(&out, |d| {
        d.join("index.html").is_file() && d.join("print.html").is_file()
    })?;
    crate::html::build(root, &out, "instructor", None)?;
    eprintln!(
        "wrote the instructor edition to {} (solutions and notes open)",
        out.display()
    );
    Ok(true)
}

fn release(root: &Path, args: &[String]) -> Result<bool, String> {
    let pdf = match args {
        [] => None,
        [flag, file] if flag == "--pdf" => Some(
            std::env::current_dir()
                .map_err(|e| e.to_string())?
                .join(file),
        ),
        _ => return Err("usage: cargo book release [--pdf FILE]".into()),
    };
    let target = target_dir(root);
    let written = crate::release::release(
        root,
        &target.join("book-release"),
        &target.join("book-release-work"),
        pdf.as_deref(),
    )?;
    for (path, size) in written {
        eprintln!("{}  {size} bytes", path.display());
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_of_other_files_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        assert!(check_out_dir(&out, |_| false).is_ok(), "a new folder");
        std::fs::create_dir(&out).unwrap();
        assert!(check_out_dir(&out, |_| false).is_ok(), "an empty folder");
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = check_out_dir(&out, |_| false).unwrap_err();
        assert!(err.contains("holds other files"), "{err}");
        assert!(check_out_dir(&out, |_| true).is_ok(), "an earlier build");
        let args = vec!["one".to_string(), "two".to_string()];
        assert!(
            run(dir.path(), "slides", &args)
                .unwrap_err()
                .contains("usage")
        );
    }
}
