//! The book's three editions, and what each shows of the teaching material.
//!
//! - **public**, the default: solutions folded in `<details>`, notes for instructors folded
//!   under "For instructors";
//! - **instructor** (`[preprocessor.listings] edition = "instructor"`, as `cargo book
//!   instructor` sets it): the same pages with every solution and every note open;
//! - **student**: a copy of the repository written by `cargo book student`, whose exercises
//!   are stubs. Its root holds the marker file [`MARKER`], which the book's tests read; its
//!   pages have neither solutions nor notes (the generator took them out).
//!
//! Two directives carry the teaching material, each on a line of its own:
//!
//! - `{{#minutes N}}` under a heading: how long the section takes in class, in minutes. The
//!   course plan sums them (`cargo book plan`); the page shows "About N minutes".
//! - `{{#instructor}}` ... `{{#instructor-end}}`: notes for the instructor (what students get
//!   wrong, what to ask), Markdown like the rest of the page.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The file at the root of a student edition.
pub const MARKER: &str = "edition.toml";

/// Which edition a build is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    Public,
    Instructor,
    Student,
}

/// What the marker file of a student edition says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    /// Always `"student"`.
    pub edition: String,
    /// The book's version the edition was written from.
    pub version: String,
    /// Programs (`listings/CRATE/src/bin/NAME.rs`) and outputs (`CRATE/SNAPSHOT`) that only
    /// the solutions showed: the edition's pages do not show them.
    pub withheld: Vec<String>,
    /// Every file the edition holds, so that writing a new edition over an old one removes
    /// what the old one had and the new one does not.
    pub files: Vec<String>,
}

impl Marker {
    /// The marker of the edition rooted at `book_root`, if it is a student edition.
    pub fn read(book_root: &Path) -> Result<Option<Marker>, String> {
        let path = book_root.join(MARKER);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let marker: Marker =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        if marker.edition != "student" {
            return Err(format!(
                "{}: edition = {:?}; the only edition with a marker is \"student\"",
                path.display(),
                marker.edition
            ));
        }
        Ok(Some(marker))
    }

    /// The marker file's text.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).expect("a marker is plain data");
        format!(
            "# This repository is the student edition of Cross-Entropy, Verified, written by\n\
             # `cargo book student`. The exercises' solutions are stubs for you to fill in, and\n\
             # `cargo book grade` scores them. The book's tests read this file.\n\n{body}"
        )
    }
}

impl Edition {
    /// The edition of the book at `book_root`: the student edition if its marker is there,
    /// otherwise the one the configuration names (`public` by default).
    pub fn detect(book_root: &Path, configured: Option<&str>) -> Result<Edition, String> {
        if Marker::read(book_root)?.is_some() {
            return Ok(Edition::Student);
        }
        match configured {
            None | Some("public") => Ok(Edition::Public),
            Some("instructor") => Ok(Edition::Instructor),
            Some(other) => Err(format!(
                "unknown edition {other:?} in [preprocessor.listings]: use \"public\" or \
                 \"instructor\" (the student edition is written by `cargo book student`)"
            )),
        }
    }
}

/// A block of notes for the instructor: the byte range of the whole block, directives
/// included, and of the notes inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesBlock {
    pub span: std::ops::Range<usize>,
    pub notes: std::ops::Range<usize>,
    /// 1-based line of `{{#instructor}}`.
    pub line: usize,
}

const NOTES_OPEN: &str = "{{#instructor}}";
const NOTES_CLOSE: &str = "{{#instructor-end}}";

/// Every `{{#instructor}}` ... `{{#instructor-end}}` block of a page; each directive must
/// stand on a line of its own. The span runs from the start of the opening line to the end of
/// the closing line.
pub fn notes_blocks(markdown: &str) -> Result<Vec<NotesBlock>, String> {
    let mut found = Vec::new();
    let mut open: Option<(usize, usize, usize)> = None;
    let mut offset = 0;
    for (n, line) in markdown.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        // An escaped directive (`\{{#instructor}}`, as documentation shows it) is text.
        let mentions = |d: &str| {
            line.match_indices(d)
                .any(|(i, _)| !line[..i].ends_with('\\'))
                && t != d
        };
        if mentions(NOTES_OPEN) || mentions(NOTES_CLOSE) {
            return Err(format!(
                "line {}: `{NOTES_OPEN}` and `{NOTES_CLOSE}` stand on lines of their own",
                n + 1
            ));
        }
        if t == NOTES_OPEN {
            if let Some((_, _, at)) = open {
                return Err(format!(
                    "line {}: `{NOTES_OPEN}` inside the notes opened on line {at}",
                    n + 1
                ));
            }
            open = Some((start, offset, n + 1));
        } else if t == NOTES_CLOSE {
            let (span_start, notes_start, line) = open
                .take()
                .ok_or_else(|| format!("line {}: `{NOTES_CLOSE}` without `{NOTES_OPEN}`", n + 1))?;
            found.push(NotesBlock {
                span: span_start..offset,
                notes: notes_start..start,
                line,
            });
        }
    }
    if let Some((_, _, at)) = open {
        return Err(format!(
            "line {at}: `{NOTES_OPEN}` is never closed by `{NOTES_CLOSE}`"
        ));
    }
    Ok(found)
}

/// A `{{#minutes N}}` directive: where it stands and its minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes {
    pub span: std::ops::Range<usize>,
    pub minutes: u32,
    /// 1-based line.
    pub line: usize,
}

/// Every `{{#minutes N}}` of a page.
pub fn minutes(markdown: &str) -> Result<Vec<Minutes>, String> {
    let mut found = Vec::new();
    for d in crate::directives::find(markdown) {
        let Some(args) = d.text[3..d.text.len() - 2].trim().strip_prefix("minutes") else {
            continue;
        };
        let line = markdown[..d.span.start].matches('\n').count() + 1;
        let minutes = args
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|&m| (1..=600).contains(&m))
            .ok_or_else(|| {
                format!(
                    "line {line}: `{}`: write a whole number of minutes, 1 to 600",
                    d.text
                )
            })?;
        found.push(Minutes {
            span: d.span,
            minutes,
            line,
        });
    }
    Ok(found)
}

/// Renders a page's teaching material for `edition`: notes for instructors folded (public),
/// open (instructor) or left out (student); solutions open in the instructor edition; minutes
/// as a line under their heading.
pub fn render(markdown: &str, edition: Edition) -> Result<String, String> {
    // Minutes first: their spans are found in the text as written.
    let mut text = String::with_capacity(markdown.len());
    let mut from = 0;
    for m in minutes(markdown)? {
        text.push_str(&markdown[from..m.span.start]);
        text.push_str(&format!(
            "<p class=\"minutes\">About {} minutes</p>",
            m.minutes
        ));
        from = m.span.end;
    }
    text.push_str(&markdown[from..]);

    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for block in notes_blocks(&text)? {
        out.push_str(&text[from..block.span.start]);
        from = block.span.end;
        let open = match edition {
            Edition::Student => continue,
            Edition::Public => "",
            Edition::Instructor => " open",
        };
        out.push_str(&format!(
            "<details class=\"instructor\"{open}>\n<summary>For instructors</summary>\n\n{}\n</details>\n",
            text[block.notes.clone()].trim_end()
        ));
    }
    out.push_str(&text[from..]);

    if edition == Edition::Instructor {
        out = open_solutions(&out);
    }
    Ok(out)
}

/// `<details>` followed by a `Solution` summary becomes `<details open>`.
fn open_solutions(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut lines = markdown.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let next_is_solution = lines
            .peek()
            .is_some_and(|l| l.trim().starts_with("<summary>Solution"));
        if line.trim() == "<details>" && next_is_solution {
            out.push_str(&line.replacen("<details>", "<details open>", 1));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The line every page of a versioned build ends with.
pub fn version_footer(version: &str, edition: Edition) -> String {
    let which = match edition {
        Edition::Public => "",
        Edition::Instructor => ", instructor edition",
        Edition::Student => ", student edition",
    };
    format!("\n\n<p class=\"book-version\">Cross-Entropy, Verified, version {version}{which}</p>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# Ch\n\n## Idea\n\n{{#minutes 15}}\n\nText.\n\n{{#instructor}}\nStudents confuse $p$ and $q$.\n{{#instructor-end}}\n\n## Exercises\n\n**Exercise 1.** Do it.\n\n<details>\n<summary>Solution</summary>\n\nDone.\n\n</details>\n";

    #[test]
    fn each_edition_shows_the_notes_its_way() {
        let public = render(PAGE, Edition::Public).unwrap();
        assert!(public.contains(
            "<details class=\"instructor\">\n<summary>For instructors</summary>\n\nStudents confuse $p$ and $q$.\n</details>\n"
        ), "{public}");
        assert!(public.contains("<p class=\"minutes\">About 15 minutes</p>"));
        assert!(public.contains("<details>\n<summary>Solution"));
        assert!(!public.contains("{{#"));

        let instructor = render(PAGE, Edition::Instructor).unwrap();
        assert!(instructor.contains("<details class=\"instructor\" open>"));
        assert!(instructor.contains("<details open>\n<summary>Solution"));

        let student = render(PAGE, Edition::Student).unwrap();
        assert!(!student.contains("Students confuse"));
        assert!(!student.contains("instructor"));
    }

    #[test]
    fn malformed_directives_are_errors_with_their_line() {
        let err = render("{{#instructor}}\nnotes\n", Edition::Public).unwrap_err();
        assert!(
            err.contains("line 1") && err.contains("never closed"),
            "{err}"
        );
        let err = render("a {{#instructor}} b\n", Edition::Public).unwrap_err();
        assert!(err.contains("lines of their own"), "{err}");
        let err = render("{{#instructor-end}}\n", Edition::Public).unwrap_err();
        assert!(err.contains("without"), "{err}");
        for bad in [
            "{{#minutes}}",
            "{{#minutes ten}}",
            "{{#minutes 0}}",
            "{{#minutes 1.5}}",
        ] {
            let err = render(&format!("\n{bad}\n"), Edition::Public).unwrap_err();
            assert!(
                err.contains("line 2") && err.contains("whole number"),
                "{err}"
            );
        }
        assert_eq!(minutes("{{#minutes 20}}").unwrap()[0].minutes, 20);
        // Escaped, they are examples in the text.
        let doc =
            "```text\n\\{{#instructor}}\nnotes\n\\{{#instructor-end}}\n\\{{#minutes 20}}\n```\n";
        assert_eq!(render(doc, Edition::Public).unwrap(), doc);
    }

    #[test]
    fn the_marker_makes_a_student_edition() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Edition::detect(dir.path(), Some("instructor")).unwrap(),
            Edition::Instructor
        );
        assert!(Edition::detect(dir.path(), Some("teacher")).is_err());
        let marker = Marker {
            edition: "student".into(),
            version: "1.0.0".into(),
            withheld: vec!["ch01-x/answers".into()],
            files: vec!["README.md".into()],
        };
        std::fs::write(dir.path().join(MARKER), marker.to_toml()).unwrap();
        assert_eq!(Marker::read(dir.path()).unwrap(), Some(marker));
        assert_eq!(Edition::detect(dir.path(), None).unwrap(), Edition::Student);
    }
}
