//! The book's preprocessor, `listings`.
//!
//! It runs before mdBook's own `links` preprocessor and does three things to every chapter:
//!
//! 1. Checks each `{{#include}}` and `{{#rustdoc_include}}`: the file must exist and, when an
//!    anchor is named, the file must hold `ANCHOR: name` and `ANCHOR_END: name`. mdBook itself
//!    only logs a missing file and silently includes nothing for a missing anchor; here either
//!    one stops the build with the chapter and the path named.
//! 2. Replaces `{{#output CRATE/SNAPSHOT}}` with the stdout recorded in
//!    `listings/CRATE/tests/snapshots/SNAPSHOT.snap`, the insta snapshot that the crate's own
//!    tests compare against the program. The page therefore shows exactly what `cargo test`
//!    checks.
//! 3. Replaces `{{#panel CRATE/PROGRAM}}` with the empty, hidden element that the page's script
//!    (`src/panels/panels.js`) turns into a live panel running that program in WebAssembly
//!    (`tools/panels`). Without JavaScript nothing of it shows.
//! 4. Renders `$...$` and `$$...$$` to MathML at build time, so math needs no network, no
//!    JavaScript and no fonts beyond the reader's own. The TeX source is not kept in the page,
//!    so the search index and its previews hold only the formulas' visible characters.
//!
//! The same type serves the command line (`mdbook build`, `mdbook serve`, through this crate's
//! binary) and the in-process build in the book's tests.

pub mod directives;
pub mod edition;
pub mod math;
pub mod numbers;
pub mod plan;
pub mod quiz;
pub mod snapshot;
pub mod values;

use std::path::{Path, PathBuf};

use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::{Error, Result};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use directives::{Directive, DirectiveKind};

/// The preprocessor registered as `[preprocessor.listings]` in `book.toml`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Listings;

impl Preprocessor for Listings {
    fn name(&self) -> &str {
        "listings"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let src_dir = ctx.root.join(&ctx.config.book.src);
        // The teaching material (quizzes, notes for instructors, minutes, the edition's
        // version): `quiz` and `edition`.
        let teaching = Teaching::from_config(&ctx.root, &src_dir, &ctx.config)?;
        let mut first_error: Option<Error> = None;
        book.for_each_mut(|item| {
            let BookItem::Chapter(chapter) = item else {
                return;
            };
            let Some(source_path) = &chapter.source_path else {
                return;
            };
            if first_error.is_some() {
                return;
            }
            let content = teaching.render(&ctx.root, source_path, &chapter.content);
            match content.and_then(|c| process_chapter(&ctx.root, &src_dir, source_path, &c)) {
                Ok(content) => chapter.content = content,
                Err(e) => first_error = Some(e),
            }
        });
        match first_error {
            Some(e) => Err(e),
            None => Ok(book),
        }
    }
}

/// What the configuration says about the teaching material: `[preprocessor.listings]`
/// `edition` (`public` or `instructor`; a student edition is known by its marker file) and
/// `version` (shown at the foot of every page when set, as in a release).
struct Teaching {
    edition: edition::Edition,
    version: Option<String>,
    src_dir: PathBuf,
}

impl Teaching {
    fn from_config(
        root: &Path,
        src_dir: &Path,
        config: &mdbook_preprocessor::config::Config,
    ) -> Result<Self> {
        let edition: Option<String> = config.get("preprocessor.listings.edition")?;
        let edition = edition::Edition::detect(root, edition.as_deref()).map_err(Error::msg)?;
        let version = config.get("preprocessor.listings.version")?;
        Ok(Teaching {
            edition,
            version,
            src_dir: src_dir.to_path_buf(),
        })
    }

    fn render(&self, root: &Path, source_path: &Path, content: &str) -> Result<String> {
        let name = format!("src/{}", source_path.display());
        let own_crate = page_crate(root, source_path);
        let mut out = quiz::render_all(root, own_crate.as_deref(), content)
            .and_then(|c| edition::render(&c, self.edition))
            .and_then(|c| plan::render(&c, &self.src_dir))
            .map_err(|e| Error::msg(format!("{name}: {e}")))?;
        if let Some(version) = &self.version {
            out.push_str(&edition::version_footer(version, self.edition));
        }
        if let Some(assets) = quiz::assets(&out) {
            out.push_str(&assets);
        }
        Ok(out)
    }
}

/// Checks the includes of one chapter, expands its output directives and renders its math.
///
/// `source_path` is relative to `src_dir`; errors name it as `src/<source_path>`.
pub fn process_chapter(
    book_root: &Path,
    src_dir: &Path,
    source_path: &Path,
    content: &str,
) -> Result<String> {
    let chapter_name = format!("src/{}", source_path.display());
    let chapter_dir = src_dir.join(source_path).parent().map(Path::to_path_buf);
    let chapter_dir = chapter_dir.unwrap_or_else(|| src_dir.to_path_buf());

    let own_crate = page_crate(book_root, source_path);
    let mut out = String::with_capacity(content.len());
    let mut rest = 0;
    for directive in directives::find(content) {
        out.push_str(&content[rest..directive.span.start]);
        rest = directive.span.end;
        match &directive.kind {
            DirectiveKind::Include { path, anchor } => {
                check_include(&chapter_dir, path, anchor.as_deref())
                    .map_err(|e| Error::msg(format!("{chapter_name}: {}: {e}", directive.text)))?;
                out.push_str(&directive.text);
            }
            DirectiveKind::Output {
                crate_name,
                snapshot,
            } => {
                let rendered = render_output(book_root, crate_name, snapshot)
                    .map_err(|e| Error::msg(format!("{chapter_name}: {}: {e}", directive.text)))?;
                out.push_str(&rendered);
            }
            DirectiveKind::Panel { name } => {
                let rendered = render_panel(book_root, name)
                    .map_err(|e| Error::msg(format!("{chapter_name}: {}: {e}", directive.text)))?;
                out.push_str(&rendered);
            }
            DirectiveKind::Value { args } => {
                let shown = values::parse(args, own_crate.as_deref())
                    .and_then(|v| values::resolve(book_root, &v))
                    .map_err(|e| Error::msg(format!("{chapter_name}: {}: {e}", directive.text)))?;
                out.push_str(&shown);
            }
            DirectiveKind::Other => out.push_str(&directive.text),
        }
    }
    out.push_str(&content[rest..]);

    math::render_all(&out).map_err(|e| Error::msg(format!("{chapter_name}: {e}")))
}

/// The listing crate of a page: `src/chNN-slug.md` has `listings/chNN-slug/`. Pages without one
/// (the preface, the errata) name the crate in each directive.
pub fn page_crate(book_root: &Path, source_path: &Path) -> Option<String> {
    let stem = source_path.file_stem()?.to_string_lossy().into_owned();
    book_root
        .join("listings")
        .join(&stem)
        .join("Cargo.toml")
        .is_file()
        .then_some(stem)
}

/// Where the snapshot behind `{{#output CRATE/SNAPSHOT}}` lives.
pub fn snapshot_path(book_root: &Path, crate_name: &str, snapshot: &str) -> PathBuf {
    book_root
        .join("listings")
        .join(crate_name)
        .join("tests")
        .join("snapshots")
        .join(format!("{snapshot}.snap"))
}

fn check_include(
    chapter_dir: &Path,
    path: &str,
    anchor: Option<&str>,
) -> std::result::Result<(), String> {
    let file = chapter_dir.join(path);
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read `{path}` (resolved to {}): {e}", file.display()))?;
    if let Some(anchor) = anchor
        && !directives::has_anchor(&text, anchor)
    {
        return Err(format!(
            "`{path}` has no `// ANCHOR: {anchor}` with a matching `// ANCHOR_END: {anchor}`"
        ));
    }
    Ok(())
}

fn render_output(
    book_root: &Path,
    crate_name: &str,
    snapshot: &str,
) -> std::result::Result<String, String> {
    let path = snapshot_path(book_root, crate_name, snapshot);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "no snapshot at {} ({e}); run `cargo test -p {crate_name}` and review it with `cargo insta review`",
            path.display()
        )
    })?;
    let snap = snapshot::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(snap.render_block(crate_name))
}

/// The element a panel grows from. It names the program and the snapshot whose text the panel
/// reproduces with its default settings, and stays hidden (and empty, so the search index
/// holds nothing of it) until the script fills it in.
fn render_panel(book_root: &Path, name: &str) -> std::result::Result<String, String> {
    let (crate_name, program) = name
        .split_once('/')
        .filter(|(c, p)| !c.is_empty() && !p.is_empty() && !p.contains('/'))
        .ok_or("write the panel as `{{#panel CRATE/PROGRAM}}`")?;
    let path = snapshot_path(book_root, crate_name, program);
    if !path.is_file() {
        return Err(format!(
            "no snapshot at {}: a panel reproduces a program's snapshot, shown above it with \
             `{{{{#output {name}}}}}`",
            path.display()
        ));
    }
    Ok(format!(
        "<div class=\"panel\" data-panel=\"{name}\" hidden></div>"
    ))
}

/// Every chapter directive of a given kind, used by the book's tests.
pub fn directives_in(content: &str) -> Vec<Directive> {
    directives::find(content)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny book: `src/ch.md` beside `listings/ch99-demo/` with one anchored file and one
    /// snapshot.
    fn demo_book() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let crate_dir = dir.path().join("listings/ch99-demo");
        std::fs::create_dir_all(crate_dir.join("src")).unwrap();
        std::fs::create_dir_all(crate_dir.join("tests/snapshots")).unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(
            crate_dir.join("src/lib.rs"),
            "// ANCHOR: add\npub fn add() {}\n// ANCHOR_END: add\n",
        )
        .unwrap();
        std::fs::write(
            crate_dir.join("tests/snapshots/run.snap"),
            "---\nsource: tests/output.rs\ninfo:\n  program: run\n  args: []\n---\nsuccess: true\nexit_code: 0\n----- stdout -----\nloss 0.519\n----- stderr -----\n",
        )
        .unwrap();
        dir
    }

    fn process(dir: &Path, md: &str) -> Result<String> {
        process_chapter(dir, &dir.join("src"), Path::new("ch.md"), md)
    }

    #[test]
    fn values_are_filled_in_from_the_named_output() {
        let dir = demo_book();
        std::fs::write(dir.path().join("listings/ch99-demo/Cargo.toml"), "").unwrap();
        let out = process_chapter(
            dir.path(),
            &dir.path().join("src"),
            Path::new("ch99-demo.md"),
            "The loss is {{#value run \"loss {}\"}}, or {{#value ch99-demo/run \"loss {}\" %.1}}.",
        )
        .unwrap();
        assert_eq!(out, "The loss is 0.519, or 51.9%.");
        // A page without a crate of its own must name it; a pattern must match.
        let err = process(dir.path(), "{{#value run \"loss {}\"}}").unwrap_err();
        assert!(err.to_string().contains("names no crate"), "{err}");
        let err = process(dir.path(), "{{#value ch99-demo/run \"gain {}\"}}").unwrap_err();
        let err = err.to_string();
        assert!(err.starts_with("src/ch.md: "), "{err}");
        assert!(err.contains("matches nothing"), "{err}");
    }

    #[test]
    fn expands_outputs_and_keeps_good_includes() {
        let dir = demo_book();
        let out = process(
            dir.path(),
            "{{#include ../listings/ch99-demo/src/lib.rs:add}}\n{{#output ch99-demo/run}}\n",
        )
        .unwrap();
        assert!(out.starts_with("{{#include ../listings/ch99-demo/src/lib.rs:add}}"));
        assert!(
            out.contains("$ cargo run -q -p ch99-demo --bin run\nloss 0.519\n```"),
            "{out}"
        );
    }

    #[test]
    fn a_panel_is_an_empty_hidden_element_naming_an_existing_snapshot() {
        let dir = demo_book();
        let out = process(dir.path(), "{{#panel ch99-demo/run}}\n").unwrap();
        assert_eq!(
            out,
            "<div class=\"panel\" data-panel=\"ch99-demo/run\" hidden></div>\n"
        );
        let err = process(dir.path(), "{{#panel ch99-demo/walk}}").unwrap_err();
        assert!(err.to_string().contains("snapshots/walk.snap"), "{err}");
        let err = process(dir.path(), "{{#panel run}}").unwrap_err();
        assert!(err.to_string().contains("CRATE/PROGRAM"), "{err}");
    }

    #[test]
    fn a_missing_file_anchor_or_snapshot_names_the_chapter_and_the_path() {
        let dir = demo_book();
        let cases = [
            (
                "{{#include ../listings/ch99-demo/src/nope.rs:add}}",
                "src/nope.rs",
            ),
            (
                "{{#include ../listings/ch99-demo/src/lib.rs:sub}}",
                "ANCHOR: sub",
            ),
            ("{{#output ch99-demo/walk}}", "snapshots/walk.snap"),
        ];
        for (md, path) in cases {
            let err = process(dir.path(), md).unwrap_err().to_string();
            assert!(err.starts_with("src/ch.md: "), "{err}");
            assert!(err.contains(path), "{err}");
        }
    }
}
