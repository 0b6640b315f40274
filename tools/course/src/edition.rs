//! The student edition: a copy of the repository in which every exercise's solution is a stub
//! and the pages show the exercises without their solutions.
//!
//! What changes, and nothing else:
//!
//! - each crate's `src/exercises.rs`: the solutions become stubs ([`crate::exercises::stub`]);
//!   the tests stay and are the grader;
//! - each chapter's `## Exercises`: a folded solution becomes the stub, shown open, with a line
//!   saying where to write and how to check;
//! - every page: the notes for instructors are taken out;
//! - `README.md`: a note at the top says which edition this is;
//! - two files are added: the marker [`mdbook_listings::edition::MARKER`], which the book's
//!   tests read, and `STUDENTS.md`, how to work in the edition.
//!
//! [`Edition::restore`] puts all of it back and gives the original files, byte for byte: the
//! proof that the edition differs from the book by the solutions (and the notes) alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mdbook_listings::directives::{self, DirectiveKind};
use mdbook_listings::edition::{MARKER, Marker, notes_blocks};

use crate::exercises::{self, Solution};

/// The files of a repository, by path relative to its root (with `/`).
pub type Files = BTreeMap<String, Vec<u8>>;

/// How one file of the edition differs from the book's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A `src/exercises.rs` whose solutions are stubs.
    Stubbed(Vec<Solution>),
    /// A text file with some spans replaced: `(offset in the edition, text the edition has
    /// there, text the book has)`, in order.
    Spliced(Vec<(usize, String, String)>),
    /// A file the book does not have.
    Added,
}

/// One chapter's exercises, as the edition has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterExercises {
    /// The listing crate, `chNN-slug`.
    pub crate_name: String,
    pub exercises: Vec<u32>,
}

/// A student edition, in memory.
#[derive(Debug, Clone)]
pub struct Edition {
    pub files: Files,
    pub changes: BTreeMap<String, Change>,
    pub marker: Marker,
    pub chapters: Vec<ChapterExercises>,
}

/// The files of the repository at `root` that a clean clone would have, plus new files not yet
/// committed: `git ls-files` where git knows the folder, otherwise every file outside
/// `target/`, `book/` and `.git/`.
pub fn repository_files(root: &Path) -> Result<Files, String> {
    let listed = std::process::Command::new("git")
        .current_dir(root)
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success() && root.join(".git").exists());
    let paths: Vec<String> = match listed {
        Some(out) => String::from_utf8_lossy(&out.stdout)
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        None => walk(root)?,
    };
    let mut files = Files::new();
    for path in paths {
        let full = root.join(&path);
        // A file deleted in the working tree but not yet in the index.
        if !full.is_file() {
            continue;
        }
        let bytes = std::fs::read(&full).map_err(|e| format!("{}: {e}", full.display()))?;
        files.insert(path, bytes);
    }
    Ok(files)
}

fn walk(root: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = root.join(&rel);
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = rel.join(&name);
            let file_type = entry.file_type().map_err(|e| e.to_string())?;
            if file_type.is_dir() {
                let top = rel.as_os_str().is_empty();
                if !(name == ".git" || top && (name == "target" || name == "book")) {
                    stack.push(path);
                }
            } else if file_type.is_file() {
                found.push(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn text<'a>(files: &'a Files, path: &str) -> Result<&'a str, String> {
    let bytes = files
        .get(path)
        .ok_or_else(|| format!("{path}: not in the repository"))?;
    std::str::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8: {e}"))
}

/// The listing crates `listings/chNN-slug` that have a `src/exercises.rs`.
fn exercise_crates(files: &Files) -> Vec<String> {
    let mut crates: Vec<String> = files
        .keys()
        .filter_map(|p| {
            let rest = p.strip_prefix("listings/")?;
            let (name, file) = rest.split_once('/')?;
            (file == "src/exercises.rs" && name.starts_with("ch")).then(|| name.to_string())
        })
        .collect();
    crates.sort();
    crates
}

/// The book's version, from `CITATION.cff`.
pub fn version(files: &Files) -> Result<String, String> {
    let cff = text(files, "CITATION.cff")?;
    cff.lines()
        .find_map(|l| l.strip_prefix("version:"))
        .map(|v| v.trim().trim_matches('"').to_string())
        .ok_or_else(|| "CITATION.cff has no `version:`".into())
}

/// The student block that stands for a solution: the stub, open, and where to write.
fn student_block(crate_name: &str, includes: &[String]) -> String {
    let mut block = format!(
        "*Your turn:* fill in the stub below, in `listings/{crate_name}/src/exercises.rs`; \
         `cargo book grade` checks it.\n\n```rust\n"
    );
    for include in includes {
        block.push_str(include);
        block.push('\n');
    }
    block.push_str("```\n");
    block
}

/// The solution blocks of a page's `## Exercises` section: `(byte range, includes of
/// exercise regions inside)`. A solution block runs from a `<details>` line followed by a
/// `<summary>Solution` line to its `</details>` line.
fn solution_blocks(page: &str) -> Vec<(std::ops::Range<usize>, Vec<String>)> {
    let Some(section) = page.find("\n## Exercises").map(|i| i + 1) else {
        return Vec::new();
    };
    let end = page[section + 1..]
        .find("\n## ")
        .map_or(page.len(), |i| section + 1 + i + 1);
    let mut blocks = Vec::new();
    let mut offset = section;
    let mut open: Option<usize> = None;
    let lines: Vec<&str> = page[section..end].split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if open.is_none()
            && t == "<details>"
            && lines
                .get(i + 1)
                .is_some_and(|l| l.trim().starts_with("<summary>Solution"))
        {
            open = Some(start);
        } else if t == "</details>"
            && let Some(from) = open.take()
        {
            let includes = directives::find(&page[from..offset])
                .into_iter()
                .filter(|d| match &d.kind {
                    DirectiveKind::Include { path, anchor } => {
                        path.ends_with("src/exercises.rs")
                            && anchor.as_deref().is_some_and(|a| {
                                matches!(
                                    exercises::exercise_of_test(a),
                                    Some(exercises::TestOwner::Exercise(_))
                                )
                            })
                    }
                    _ => false,
                })
                .map(|d| d.text)
                .collect();
            blocks.push((from..offset, includes));
        }
    }
    blocks
}

/// The programs a page includes and the outputs it shows.
fn shown(page: &str) -> BTreeSet<String> {
    directives::find(page)
        .into_iter()
        .filter_map(|d| match d.kind {
            DirectiveKind::Include { path, .. } if path.contains("/src/bin/") => Some(
                path.split_once("listings/")
                    .map(|(_, p)| format!("listings/{p}"))
                    .unwrap_or(path),
            ),
            DirectiveKind::Output {
                crate_name,
                snapshot,
            } => Some(format!("{crate_name}/{snapshot}")),
            _ => None,
        })
        .collect()
}

/// Applies non-overlapping replacements `(range in the original, new text)` in order, and
/// records them for [`Edition::restore`].
fn splice(original: &str, mut edits: Vec<(std::ops::Range<usize>, String)>) -> (String, Change) {
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(original.len());
    let mut record = Vec::new();
    let mut from = 0;
    for (range, new) in edits {
        out.push_str(&original[from..range.start]);
        record.push((out.len(), new.clone(), original[range.clone()].to_string()));
        out.push_str(&new);
        from = range.end;
    }
    out.push_str(&original[from..]);
    (out, Change::Spliced(record))
}

const README_NOTE: &str = "> **This is the student edition.** The exercises' solutions are stubs for you to fill in; \
`STUDENTS.md` says how to work here and how `cargo book grade` scores your solutions.\n\n";

fn students_md(version: &str, chapters: &[ChapterExercises]) -> String {
    let count: usize = chapters.iter().map(|c| c.exercises.len()).sum();
    format!(
        "# The student edition\n\n\
         This is the student edition of *Cross-Entropy, Verified*, version {version}. It is the book's\n\
         repository with one difference: each of the {count} exercises' solutions is a stub,\n\
         `todo!(\"exercise N\")`, in its chapter's `listings/chNN-slug/src/exercises.rs`. The\n\
         tests beside the stubs are unchanged: they are how your work is graded.\n\n\
         ## Working\n\n\
         1. Read the chapter (`cargo book serve`), then its exercise; the page shows the stub.\n\
         2. Replace the `todo!()` with your solution. Keep the signature: the tests call it.\n\
         3. `cargo test -p chNN-slug` runs the chapter's tests while you work.\n\
         4. `cargo book grade` scores every chapter (`cargo book grade chNN` one chapter): per\n   \
            exercise, passed or not, with the first line of what went wrong.\n\n\
         An exercise is passed when all of its tests pass: the tests named `exercise_N_...` in the\n\
         crate, including the snapshot test of any program that prints the exercise's answer.\n\
         Tests named `exercises_...` need every exercise of the chapter. The other tests of the\n\
         book pass already; if one fails, you changed more than an exercise.\n"
    )
}

impl Edition {
    /// The student edition of the repository whose files are `files`.
    pub fn of(files: &Files) -> Result<Edition, String> {
        let version = version(files)?;
        let mut out = files.clone();
        let mut changes = BTreeMap::new();
        let mut chapters = Vec::new();

        for crate_name in exercise_crates(files) {
            let path = format!("listings/{crate_name}/src/exercises.rs");
            let stubbed =
                exercises::stub(text(files, &path)?).map_err(|e| format!("{path}: {e}"))?;
            chapters.push(ChapterExercises {
                crate_name: crate_name.clone(),
                exercises: stubbed.solutions.iter().map(|s| s.number).collect(),
            });
            out.insert(path.clone(), stubbed.text.into_bytes());
            changes.insert(path, Change::Stubbed(stubbed.solutions));
        }

        let pages: Vec<String> = files
            .keys()
            .filter(|p| p.starts_with("src/") && p.ends_with(".md"))
            .cloned()
            .collect();
        let (mut shown_before, mut shown_after) = (BTreeSet::new(), BTreeSet::new());
        for path in pages {
            let page = text(files, &path)?;
            shown_before.extend(shown(page));
            let crate_name = Path::new(&path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
            for block in notes_blocks(page).map_err(|e| format!("{path}: {e}"))? {
                // Take a blank line after the notes with them, so no double blank is left.
                let mut end = block.span.end;
                if page[end..].starts_with('\n') && page[..block.span.start].ends_with("\n\n") {
                    end += 1;
                }
                edits.push((block.span.start..end, String::new()));
            }
            if chapters.iter().any(|c| c.crate_name == crate_name) {
                for (range, includes) in solution_blocks(page) {
                    edits.push((range, student_block(&crate_name, &includes)));
                }
            }
            if edits.is_empty() {
                continue;
            }
            let (new, change) = splice(page, edits);
            shown_after.extend(shown(&new));
            out.insert(path.clone(), new.into_bytes());
            changes.insert(path, change);
        }
        for (path, bytes) in files {
            if path.starts_with("src/") && path.ends_with(".md") && !changes.contains_key(path) {
                shown_after.extend(shown(std::str::from_utf8(bytes).unwrap_or("")));
            }
        }

        let readme = text(files, "README.md")?;
        let at = readme.find("\n\n").map_or(0, |i| i + 2);
        let (new, change) = splice(readme, vec![(at..at, README_NOTE.to_string())]);
        out.insert("README.md".into(), new.into_bytes());
        changes.insert("README.md".into(), change);

        out.insert(
            "STUDENTS.md".into(),
            students_md(&version, &chapters).into_bytes(),
        );
        changes.insert("STUDENTS.md".into(), Change::Added);

        let withheld: Vec<String> = shown_before.difference(&shown_after).cloned().collect();
        let mut paths: Vec<String> = out.keys().cloned().collect();
        paths.push(MARKER.into());
        paths.sort();
        let marker = Marker {
            edition: "student".into(),
            version,
            withheld,
            files: paths,
        };
        out.insert(MARKER.into(), marker.to_toml().into_bytes());
        changes.insert(MARKER.into(), Change::Added);
        Ok(Edition {
            files: out,
            changes,
            marker,
            chapters,
        })
    }

    /// Puts the solutions and notes back into the edition's files `edition` (as written to
    /// disk, say) and returns the book's files.
    pub fn restore(&self, edition: &Files) -> Result<Files, String> {
        let mut out = Files::new();
        for (path, bytes) in edition {
            match self.changes.get(path) {
                None => {
                    out.insert(path.clone(), bytes.clone());
                }
                Some(Change::Added) => {}
                Some(Change::Stubbed(solutions)) => {
                    let back = exercises::restore(text(edition, path)?, solutions)
                        .map_err(|e| format!("{path}: {e}"))?;
                    out.insert(path.clone(), back.into_bytes());
                }
                Some(Change::Spliced(record)) => {
                    let page = text(edition, path)?;
                    let mut back = String::with_capacity(page.len());
                    let mut from = 0;
                    for (at, new, original) in record {
                        if page.get(*at..at + new.len()) != Some(new.as_str()) || *at < from {
                            return Err(format!(
                                "{path}: the edition's text at byte {at} is not what it wrote"
                            ));
                        }
                        back.push_str(&page[from..*at]);
                        back.push_str(original);
                        from = at + new.len();
                    }
                    back.push_str(&page[from..]);
                    out.insert(path.clone(), back.into_bytes());
                }
            }
        }
        for path in self.changes.keys() {
            if !edition.contains_key(path) {
                return Err(format!("{path}: missing from the edition"));
            }
        }
        Ok(out)
    }

    /// Writes the edition into `dir`: a new or empty folder, or an earlier student edition,
    /// which it brings up to date (a file whose content is unchanged is not touched, so a
    /// build there stays warm; a file the earlier edition had and this one has not is
    /// removed). Each file is written whole or not at all. Returns how many files changed.
    pub fn write(&self, dir: &Path) -> Result<usize, String> {
        let earlier = if dir.exists() {
            let empty = std::fs::read_dir(dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .next()
                .is_none();
            match Marker::read(dir)? {
                Some(marker) => marker.files,
                None if empty => Vec::new(),
                None => {
                    return Err(format!(
                        "{} is not empty and holds no student edition ({MARKER}); \
                         choose a new or empty folder",
                        dir.display()
                    ));
                }
            }
        } else {
            Vec::new()
        };
        let mut changed = 0;
        for (path, bytes) in &self.files {
            let dest = dir.join(path);
            if std::fs::read(&dest).is_ok_and(|old| old == *bytes) {
                continue;
            }
            write_whole(&dest, bytes)?;
            changed += 1;
        }
        for path in earlier {
            if !self.files.contains_key(&path) {
                let dest = dir.join(&path);
                if dest.is_file() {
                    std::fs::remove_file(&dest).map_err(|e| format!("{}: {e}", dest.display()))?;
                    changed += 1;
                }
            }
        }
        Ok(changed)
    }
}

/// Writes `bytes` to `path` through a temporary file beside it, so that an interrupted run
/// leaves the old file or the new one, never half of one.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let partial = dir.join(format!(".{name}.partial"));
    std::fs::write(&partial, bytes).map_err(|e| format!("{}: {e}", partial.display()))?;
    std::fs::rename(&partial, path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads the files of a folder that a student edition was written to, as listed in its marker.
pub fn read_written(dir: &Path) -> Result<Files, String> {
    let marker =
        Marker::read(dir)?.ok_or_else(|| format!("{} holds no student edition", dir.display()))?;
    let mut files = Files::new();
    for path in marker.files {
        let full = dir.join(&path);
        let bytes = std::fs::read(&full).map_err(|e| format!("{}: {e}", full.display()))?;
        files.insert(path, bytes);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Files {
        let mut files = Files::new();
        let mut add = |p: &str, t: &str| {
            files.insert(p.to_string(), t.as_bytes().to_vec());
        };
        add("CITATION.cff", "cff-version: 1.2.0\nversion: \"2.1.0\"\n");
        add("README.md", "# The book\n\nIntro.\n");
        add(
            "listings/ch01-x/src/exercises.rs",
            "//! Solutions.\n\n// ANCHOR: exercise_1\n/// Exercise 1.\npub fn one() -> u8 {\n    1\n}\n// ANCHOR_END: exercise_1\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn exercise_1_one() {\n        assert_eq!(super::one(), 1);\n    }\n}\n",
        );
        add(
            "src/ch01-x.md",
            "# X\n\nText {{#output ch01-x/run}}\n\n{{#instructor}}\nStudents forget.\n{{#instructor-end}}\n\n## Exercises\n\n**Exercise 1.** Return one.\n\n<details>\n<summary>Solution</summary>\n\n```rust\n{{#include ../listings/ch01-x/src/exercises.rs:exercise_1}}\n```\n\n{{#output ch01-x/ch01-answers}}\n\n</details>\n\n## Summary\n\nDone.\n",
        );
        add("src/figures/a.svg", "<svg/>");
        files
    }

    #[test]
    fn the_edition_stubs_solutions_and_takes_them_and_the_notes_off_the_pages() {
        let files = book();
        let e = Edition::of(&files).unwrap();
        let page = std::str::from_utf8(&e.files["src/ch01-x.md"]).unwrap();
        assert!(!page.contains("Solution"), "{page}");
        assert!(!page.contains("Students forget"), "{page}");
        assert!(!page.contains("\n\n\n"), "{page}");
        assert!(page.contains("*Your turn:*"));
        assert!(page.contains(
            "```rust\n{{#include ../listings/ch01-x/src/exercises.rs:exercise_1}}\n```\n\n## Summary"
        ));
        let code = std::str::from_utf8(&e.files["listings/ch01-x/src/exercises.rs"]).unwrap();
        assert!(code.contains("todo!(\"exercise 1\")"));
        assert_eq!(e.marker.withheld, ["ch01-x/ch01-answers"]);
        assert_eq!(e.marker.version, "2.1.0");
        assert!(e.marker.files.contains(&"STUDENTS.md".to_string()));
        assert_eq!(e.files["src/figures/a.svg"], files["src/figures/a.svg"]);
        assert_eq!(
            e.chapters,
            [ChapterExercises {
                crate_name: "ch01-x".into(),
                exercises: vec![1]
            }]
        );
    }

    #[test]
    fn restoring_gives_the_book_back_byte_for_byte() {
        let files = book();
        let e = Edition::of(&files).unwrap();
        assert_eq!(e.restore(&e.files).unwrap(), files);
        let mut edited = e.files.clone();
        edited.insert("README.md".into(), b"# The book\n\nChanged.\n".to_vec());
        assert!(e.restore(&edited).unwrap_err().contains("README.md"));
    }

    #[test]
    fn writing_refuses_a_folder_of_other_files_and_updates_an_edition_in_place() {
        let files = book();
        let e = Edition::of(&files).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.txt"), "keep me").unwrap();
        let err = e.write(dir.path()).unwrap_err();
        assert!(err.contains("not empty"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("mine.txt")).unwrap(),
            "keep me"
        );

        let out = dir.path().join("edition");
        assert_eq!(e.write(&out).unwrap(), e.files.len());
        assert_eq!(read_written(&out).unwrap(), e.files);
        assert_eq!(
            e.write(&out).unwrap(),
            0,
            "nothing changed, nothing written"
        );

        let mut fewer = files.clone();
        fewer.remove("src/figures/a.svg");
        let e2 = Edition::of(&fewer).unwrap();
        assert_eq!(
            e2.write(&out).unwrap(),
            2,
            "the marker, and the file removed"
        );
        assert!(!out.join("src/figures/a.svg").exists());
    }
}
