//! The book keeps its promises.
//!
//! Each test here checks one promise of `src/how-this-book-is-built.md` over the whole book and
//! fails with the chapter and the file that break it. The listing crates test their own code,
//! outputs and figures; these tests check that the pages agree with the crates.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use mdbook_listings::directives::{self, DirectiveKind};
use mdbook_listings::edition::Marker;
use mdbook_listings::{numbers, quiz, snapshot, values};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A page of the book: its path relative to the root, and its Markdown.
struct Page {
    path: String,
    text: String,
}

fn pages() -> Vec<Page> {
    let mut pages: Vec<Page> = fs::read_dir(root().join("src"))
        .expect("src/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("SUMMARY.md"))
        .map(|p| Page {
            path: format!("src/{}", p.file_name().unwrap().to_string_lossy()),
            text: fs::read_to_string(&p).expect("readable page"),
        })
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages
}

/// The chapter pages `src/chNN-*.md`.
fn chapters() -> Vec<Page> {
    pages()
        .into_iter()
        .filter(|p| p.path.starts_with("src/ch"))
        .collect()
}

/// Every listing crate folder, by name: the chapters' `listings/chNN-*` and the appendices'
/// `listings/appendix-*`, which are checked the same way.
fn listing_crates() -> Vec<String> {
    let mut crates: Vec<String> = fs::read_dir(root().join("listings"))
        .expect("listings/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("ch") || name.starts_with("appendix-"))
        .collect();
    crates.sort();
    crates
}

fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.expect("readable entry").path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.to_string_lossy().ends_with(ext));
    files.sort();
    files
}

/// In the student edition (written by `cargo book student`; its root holds `edition.toml`),
/// what the marker says: the pages there show no solutions, nor what only the solutions showed.
fn student_edition() -> Option<Marker> {
    Marker::read(&root()).expect("a readable edition.toml")
}

fn fail_if_any(problems: Vec<String>, what: &str) {
    assert!(problems.is_empty(), "{what}:\n  {}", problems.join("\n  "));
}

/// Builds the whole book once, in-process, with the book's preprocessor, into a folder under
/// `target/`, with `cargo book build`'s own function. Every test that looks at HTML shares this
/// build. mdBook reports some problems (unbalanced HTML, an include it cannot expand) only as log
/// warnings: they fail the build here like errors.
fn built_book() -> &'static Path {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("book");
        let _ = fs::remove_dir_all(&out);
        let warnings = book_tasks::build::html(&root(), &out)?;
        if !warnings.is_empty() {
            return Err(format!("mdBook warned:\n  {}", warnings.join("\n  ")));
        }
        Ok(out)
    });
    match built {
        Ok(path) => path,
        Err(e) => panic!("the book does not build cleanly: {e}"),
    }
}

#[test]
fn the_book_builds_with_every_include_output_and_formula_resolved() {
    let out = built_book();
    let ch01 = fs::read_to_string(out.join("ch01-loss-functions.html")).expect("chapter 1 built");
    assert!(ch01.contains("<math"), "math is rendered to MathML");
    assert!(
        ch01.contains("misclassified(line"),
        "the include of a listing is expanded"
    );
    assert!(
        ch01.contains("wrong-side loss"),
        "the output directive shows the snapshot"
    );
    let search_index = files_in(out, ".js").into_iter().any(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("searchindex"))
    });
    assert!(
        search_index,
        "search is on: the build writes a search index"
    );

    // The math font is shipped with the book: the stylesheet's font URL must resolve.
    let css_dir = out.join("src/math");
    let css = files_in(&css_dir, ".css");
    assert_eq!(css.len(), 1, "one math stylesheet in {}", css_dir.display());
    let text = fs::read_to_string(&css[0]).unwrap();
    for url in text
        .split("url(\"")
        .skip(1)
        .filter_map(|u| u.split('"').next())
    {
        assert!(
            css_dir.join(url).is_file(),
            "the math stylesheet points at {url}, which the build lacks"
        );
    }
}

#[test]
fn every_page_is_in_the_summary() {
    let summary = fs::read_to_string(root().join("src/SUMMARY.md")).expect("SUMMARY.md");
    let problems = pages()
        .into_iter()
        .filter(|p| !summary.contains(&format!("({})", &p.path["src/".len()..])))
        .map(|p| format!("{} is not listed in src/SUMMARY.md", p.path))
        .collect();
    fail_if_any(problems, "pages missing from the table of contents");
}

#[test]
fn every_listing_crate_program_and_snapshot_appears_in_the_book() {
    let all: Vec<_> = pages()
        .iter()
        .flat_map(|p| directives::find(&p.text))
        .collect();
    let included: Vec<&str> = all
        .iter()
        .filter_map(|d| match &d.kind {
            DirectiveKind::Include { path, .. } => Some(path.as_str()),
            _ => None,
        })
        .collect();
    let shown: BTreeSet<String> = all
        .iter()
        .filter_map(|d| match &d.kind {
            DirectiveKind::Output {
                crate_name,
                snapshot,
            } => Some(format!("{crate_name}/{snapshot}")),
            _ => None,
        })
        .collect();

    let withheld = student_edition().map(|m| m.withheld).unwrap_or_default();
    let mut problems = Vec::new();
    for name in listing_crates() {
        let dir = root().join("listings").join(&name);
        if !included
            .iter()
            .any(|p| p.contains(&format!("listings/{name}/")))
        {
            problems.push(format!("listings/{name}: no page includes any of its code"));
        }
        let mut programs = files_in(&dir.join("src/bin"), ".rs");
        if dir.join("src/main.rs").is_file() {
            programs.push(dir.join("src/main.rs"));
        }
        for program in programs {
            let rel = program
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !included.iter().any(|p| p.ends_with(&rel)) && !withheld.contains(&rel) {
                problems.push(format!("{rel}: this program is never included in a page"));
            }
        }
        let snapshots = dir.join("tests/snapshots");
        for snap in files_in(&snapshots, ".snap") {
            let stem = snap.file_stem().unwrap().to_string_lossy();
            let snapshot = format!("{name}/{stem}");
            if !shown.contains(&snapshot) && !withheld.contains(&snapshot) {
                problems.push(format!(
                    "listings/{name}/tests/snapshots/{stem}.snap is never shown: add {{{{#output {name}/{stem}}}}} to a page"
                ));
            }
        }
        let corpus = snapshots.join("corpus");
        let pending = [".snap.new", ".pending-snap"]
            .iter()
            .flat_map(|ext| [files_in(&snapshots, ext), files_in(&corpus, ext)])
            .flatten();
        for pending in pending {
            problems.push(format!(
                "{}: an unreviewed snapshot; review it with `cargo insta review`",
                pending.strip_prefix(root()).unwrap().display()
            ));
        }
    }
    fail_if_any(problems, "listings the book does not show");
}

/// The rule for a crate's hostile corpus: its snapshots (under `tests/snapshots/corpus/`, too
/// many for a page) need not be shown, but each must be a row of the corpus README,
/// `data/bad/README.md`, ending with the exit code the snapshot records; each file of
/// `data/bad/` must be listed there and be the input of a case.
#[test]
fn every_corpus_case_is_listed_with_its_input() {
    let mut problems = Vec::new();
    let mut cases = 0;
    for name in listing_crates() {
        let dir = root().join("listings").join(&name);
        let snapshots = files_in(&dir.join("tests/snapshots/corpus"), ".snap");
        if snapshots.is_empty() {
            continue;
        }
        let readme_path = format!("listings/{name}/data/bad/README.md");
        let Ok(readme) = fs::read_to_string(root().join(&readme_path)) else {
            problems.push(format!("{readme_path}: the corpus of {name} has no README"));
            continue;
        };
        let mut used = BTreeSet::new();
        for snap in &snapshots {
            cases += 1;
            let stem = snap.file_stem().unwrap().to_string_lossy().into_owned();
            if !readme.contains(&format!("| `{stem}` |")) {
                problems.push(format!(
                    "listings/{name}/tests/snapshots/corpus/{stem}.snap: the case `{stem}` is not \
                     a row of {readme_path}"
                ));
            }
            let text = fs::read_to_string(snap).unwrap();
            let (args, exit_code) = match snapshot::parse(&text) {
                Ok(s) => (s.args, s.exit_code),
                Err(e) => {
                    problems.push(format!("{}: {e}", snap.display()));
                    continue;
                }
            };
            // The row's last cell is the exit code the case must give: the snapshot's.
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| `{stem}` |")));
            let stated = row.and_then(|r| r.trim_end_matches(" |").rsplit("| ").next());
            if row.is_some() && stated != Some(exit_code.to_string().as_str()) {
                problems.push(format!(
                    "{readme_path}: the case `{stem}` is said to exit with {}, but its snapshot \
                     exits with {exit_code}",
                    stated.unwrap_or("nothing")
                ));
            }
            for input in args.iter().filter_map(|a| a.strip_prefix("data/bad/")) {
                if !dir.join("data/bad").join(input).exists() {
                    problems.push(format!(
                        "the case `{stem}` reads data/bad/{input}, which does not exist"
                    ));
                }
                used.insert(input.to_string());
            }
        }
        let mut stack = vec![dir.join("data/bad")];
        while let Some(folder) = stack.pop() {
            for entry in fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let input = path.strip_prefix(dir.join("data/bad")).unwrap();
                let input = input.to_string_lossy().replace('\\', "/");
                if input == "README.md" {
                    continue;
                }
                if !readme.contains(&format!("`{input}`")) {
                    problems.push(format!(
                        "data/bad/{input} of {name} is not listed in {readme_path}"
                    ));
                }
                let by_a_case = used
                    .iter()
                    .any(|u| input == *u || input.starts_with(&format!("{u}/")));
                if !by_a_case {
                    problems.push(format!(
                        "data/bad/{input} of {name} is the input of no case"
                    ));
                }
            }
        }
    }
    eprintln!("{cases} corpus cases, each listed with its input");
    fail_if_any(problems, "corpus cases and inputs");
}

#[test]
fn program_names_are_unique_across_the_book() {
    // Cargo puts every binary of the workspace in one folder, `target/debug/NAME`: two programs
    // with one name overwrite each other, and a snapshot test may run the other chapter's.
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    let mut problems = Vec::new();
    for name in listing_crates() {
        for program in files_in(&root().join("listings").join(&name).join("src/bin"), ".rs") {
            let stem = program.file_stem().unwrap().to_string_lossy().into_owned();
            if let Some(other) = seen.insert(stem.clone(), name.clone()) {
                problems.push(format!(
                    "listings/{name}/src/bin/{stem}.rs: `{stem}` is also a program of {other}; \
                     rename one (file, snapshot test, snapshot file and page directives)"
                ));
            }
        }
    }
    fail_if_any(problems, "programs that share a name");
}

#[test]
fn no_rust_code_is_pasted_into_a_page() {
    let mut problems = Vec::new();
    for page in pages() {
        let mut block: Option<(usize, String, Vec<String>)> = None;
        for (n, line) in page.text.lines().enumerate() {
            let t = line.trim();
            match &mut block {
                None if t.starts_with("```") => {
                    let info = t.trim_start_matches('`').trim().to_string();
                    block = Some((n + 1, info, Vec::new()));
                }
                Some((start, info, body)) if t.starts_with("```") => {
                    let is_rust =
                        info.is_empty() || info.starts_with("rust") || info.starts_with("rs");
                    let pasted = body.iter().any(|l| {
                        let l = l.trim();
                        !(l.is_empty()
                            || l.starts_with("{{#include")
                            || l.starts_with("{{#rustdoc_include"))
                    });
                    if is_rust && pasted {
                        problems.push(format!(
                            "{}:{start}: a ```{info} block holds pasted code; include it from a listing by anchor",
                            page.path
                        ));
                    }
                    block = None;
                }
                Some((_, _, body)) => body.push(line.to_string()),
                None => {}
            }
        }
    }
    for page in pages() {
        for (n, line) in page.text.lines().enumerate() {
            let t = line.trim_start();
            if t.len() != line.len() && (t.starts_with("{{#include") || t.starts_with("{{#output"))
            {
                problems.push(format!(
                    "{}:{}: an indented directive (in a list item?); mdBook inserts the file unindented, \
                     which breaks the block: keep directives at the start of the line, and write exercises as \
                     `**Exercise N.**` paragraphs with unindented <details> (see Chapter 1)",
                    page.path,
                    n + 1
                ));
            }
        }
    }
    fail_if_any(problems, "pasted code");
}

#[test]
fn every_number_in_the_prose_is_bound_to_its_source() {
    let mut problems = Vec::new();
    let mut total = numbers::Account::default();
    for page in pages() {
        let acc = numbers::account(&page.text);
        total.bound += acc.bound;
        total.outside += acc.outside;
        total.given += acc.given;
        total.exempt += acc.exempt;
        for (line, number) in &acc.unbound {
            problems.push(format!(
                "{}:{line}: {number} has no source. If a listing prints it, write \
                 {{{{#value SNAPSHOT \"PATTERN\"}}}} in its place (see \
                 src/how-this-book-is-built.md); if it is an input the page starts from, list it \
                 in <!-- given: ... -->; if it comes from outside the book, record the run under \
                 tools/reference-checks/ and bind it as reference-checks/NAME",
                page.path
            ));
        }
        for (line, reference) in numbers::unlinked_chapter_references(&page.text) {
            problems.push(format!(
                "{}:{line}: \"{reference}\" is plain text; make it a link to the chapter",
                page.path
            ));
        }
    }
    eprintln!(
        "numbers in the prose: {} bound to listing outputs, {} to recorded outside runs, \
         {} declared givens, {} notation or cross-references",
        total.bound, total.outside, total.given, total.exempt
    );
    fail_if_any(problems, "numbers without a source");
}

#[test]
fn a_number_typed_in_place_of_its_source_fails() {
    // What a careless edit does: the number a directive shows is typed in its place, or changed,
    // or swapped with another. Each leaves a literal without a source, which the check above
    // refuses, on every page that binds its numbers.
    let (mut caught, mut inputs) = (0, 0);
    for page in pages() {
        let own = mdbook_listings::page_crate(&root(), Path::new(&page.path["src/".len()..]));
        // A quiz is code to this rule, whose prose scan skips it; the text of a quiz question
        // is checked, and its directives typed over, by the course's tests
        // (tools/course/tests/teaching.rs).
        let quizzes = quiz::blocks(&page.text).unwrap_or_default();
        for d in directives::find(&page.text) {
            let DirectiveKind::Value { args } = &d.kind else {
                continue;
            };
            if quizzes.iter().any(|q| q.span.contains(&d.span.start)) {
                continue;
            }
            let shown = values::parse(args, own.as_deref())
                .and_then(|v| values::resolve(&root(), &v))
                .unwrap_or_else(|e| panic!("{}: {}: {e}", page.path, d.text));
            let mut edited = page.text.clone();
            edited.replace_range(d.span.clone(), &shown);
            let typed = numbers::scan(&shown)[0].value;
            if numbers::given(&page.text)
                .iter()
                .any(|g| g.value.abs() == typed.abs())
            {
                // The result equals one of the page's inputs (a count of rows, say): typing it
                // is indistinguishable from quoting the input.
                inputs += 1;
                continue;
            }
            assert!(
                !numbers::account(&edited).unbound.is_empty(),
                "{}: typing {shown} in place of {} went unnoticed",
                page.path,
                d.text
            );
            caught += 1;
        }
    }
    eprintln!(
        "{caught} bound numbers would be caught if typed in; {inputs} equal a declared input"
    );
}

#[test]
fn every_figure_is_drawn_by_a_listing_and_shown() {
    let tests: String = listing_crates()
        .iter()
        .map(|name| {
            fs::read_to_string(root().join("listings").join(name).join("tests/figures.rs"))
                .unwrap_or_default()
        })
        .collect();
    let all_pages: String = pages().iter().map(|p| p.text.as_str()).collect();
    let mut problems = Vec::new();
    for svg in files_in(&root().join("src/figures"), "") {
        let name = svg.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".svg") else {
            problems.push(format!(
                "src/figures/{name}: only SVG figures drawn by listings belong here"
            ));
            continue;
        };
        if !tests.contains(&format!("assert_figure(\"{stem}\"")) {
            problems.push(format!(
                "src/figures/{name}: no listing's tests/figures.rs draws it"
            ));
        }
        if !all_pages.contains(&format!("(figures/{name})")) {
            problems.push(format!("src/figures/{name}: no page shows it"));
        }
        let text = fs::read_to_string(&svg).unwrap_or_default();
        let canvas = text.find("<rect").map(|i| &text[i..]).unwrap_or("");
        if !text.starts_with("<svg")
            || !canvas.starts_with("<rect")
            || !canvas[..canvas.find('>').unwrap_or(0)].contains("fill=\"#FFFFFF\"")
        {
            problems.push(format!(
                "src/figures/{name}: not an SVG on the white canvas of figure_style::svg"
            ));
        }
    }
    fail_if_any(problems, "figures");
}

#[test]
fn every_chapter_ends_with_exercises_whose_solutions_are_tested() {
    let mut problems = Vec::new();
    let student = student_edition().is_some();
    for page in chapters() {
        let Some(at) = page.text.find("\n## Exercises") else {
            problems.push(format!("{}: no `## Exercises` section", page.path));
            continue;
        };
        let exercises = &page.text[at..];
        if student {
            student_page_shows_each_stub_and_no_solution(&page, &mut problems);
            continue;
        }
        let blocks: Vec<&str> = exercises.split("<details>").skip(1).collect();
        if blocks.is_empty() {
            problems.push(format!(
                "{}: the exercises have no folded <details> solutions",
                page.path
            ));
        }
        for (i, block) in blocks.iter().enumerate() {
            let block = block.split("</details>").next().unwrap_or("");
            let includes: Vec<String> = directives::find(block)
                .into_iter()
                .filter_map(|d| match d.kind {
                    DirectiveKind::Include { path, .. } => Some(path),
                    _ => None,
                })
                .collect();
            let tested = includes.iter().any(|path| {
                let file = root().join("src").join(path);
                fs::read_to_string(file).is_ok_and(|code| code.contains("#[test]"))
            });
            if !tested {
                problems.push(format!(
                    "{}: solution {} does not include code from a file with tests",
                    page.path,
                    i + 1
                ));
            }
        }
    }
    fail_if_any(problems, "exercises");
}

/// In the student edition a chapter's exercises show no solution, and each exercise's stub (its
/// region of `src/exercises.rs`, whose tests grade it) is on the page.
fn student_page_shows_each_stub_and_no_solution(page: &Page, problems: &mut Vec<String>) {
    if page.text.contains("<summary>Solution") {
        problems.push(format!(
            "{}: the student edition shows a solution",
            page.path
        ));
    }
    let name = &page.path["src/".len()..page.path.len() - ".md".len()];
    let file = root().join("listings").join(name).join("src/exercises.rs");
    let code = fs::read_to_string(&file).unwrap_or_default();
    let anchors: Vec<String> = directives::find(&page.text)
        .into_iter()
        .filter_map(|d| match d.kind {
            DirectiveKind::Include { path, anchor } if path.ends_with("src/exercises.rs") => anchor,
            _ => None,
        })
        .collect();
    for line in code.lines() {
        let Some(anchor) = line.trim().strip_prefix("// ANCHOR: exercise_") else {
            continue;
        };
        let n = anchor.trim();
        if !anchors.contains(&format!("exercise_{n}")) {
            problems.push(format!(
                "{}: the stub of exercise {n} is not on the page",
                page.path
            ));
        }
        if !code.contains(&format!("todo!(\"exercise {n}\")")) || !code.contains("#[test]") {
            problems.push(format!(
                "{}: exercise {n} is not a stub with tests in the student edition",
                file.display()
            ));
        }
    }
}

#[test]
fn no_formula_is_left_unrendered() {
    // Inline math must close within its paragraph; one that does not stays as raw `$...$` text.
    let out = built_book();
    let mut problems = Vec::new();
    for file in files_in(out, ".html") {
        let html = fs::read_to_string(&file).unwrap();
        let Some(main) = html
            .split("<main>")
            .nth(1)
            .and_then(|m| m.split("</main>").next())
        else {
            continue;
        };
        let mut prose = main.to_string();
        for (open, close) in [
            ("<pre", "</pre>"),
            ("<code", "</code>"),
            ("<math", "</math>"),
        ] {
            while let Some(start) = prose.find(open) {
                let end = prose[start..]
                    .find(close)
                    .map_or(prose.len(), |e| start + e + close.len());
                prose.replace_range(start..end, " ");
            }
        }
        if let Some(at) = prose.find('$') {
            let context: String = prose[at.saturating_sub(40)..].chars().take(80).collect();
            problems.push(format!(
                "{}: a `$` outside any formula, near: {context:?}",
                file.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    fail_if_any(problems, "unrendered math");
}

#[test]
fn internal_links_and_heading_anchors_resolve() {
    let out = built_book();
    let mut problems = Vec::new();
    let html_files: Vec<PathBuf> = files_in(out, ".html");
    for file in &html_files {
        let html = fs::read_to_string(file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name == "print.html" || name == "toc.html" || name == "404.html" {
            continue;
        }
        let content = html
            .split("<main>")
            .nth(1)
            .and_then(|m| m.split("</main>").next())
            .unwrap_or("");
        for attr in ["href=\"", "src=\""] {
            for target in content
                .split(attr)
                .skip(1)
                .filter_map(|t| t.split('"').next())
            {
                if target.contains("://") || target.starts_with("mailto:") || target.is_empty() {
                    continue;
                }
                let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
                let dest = if path.is_empty() {
                    file.clone()
                } else {
                    file.parent().unwrap().join(path)
                };
                let Ok(dest_text) = fs::read_to_string(&dest) else {
                    problems.push(format!(
                        "{name}: link to `{target}`: no such file in the built book"
                    ));
                    continue;
                };
                if !fragment.is_empty() && !dest_text.contains(&format!("id=\"{fragment}\"")) {
                    problems.push(format!(
                        "{name}: link to `{target}`: no heading or element with that id"
                    ));
                }
            }
        }
    }
    fail_if_any(problems, "broken links");
}

#[test]
fn listings_take_exp_and_ln_from_libm() {
    // `f64::exp`, `ln` and the rest call the platform's C library, whose code differs between
    // CPUs and between native builds and WebAssembly in the last bit. The listings call the
    // `libm` crate instead, one implementation everywhere.
    let methods = [
        ".exp()",
        ".ln()",
        ".ln_1p()",
        ".exp_m1()",
        ".tanh()",
        ".log10()",
        ".log2()",
        ".sin()",
        ".cos()",
        ".powf(",
        "f64::exp",
        "f64::ln",
    ];
    let mut problems = Vec::new();
    let mut stack = vec![root().join("listings")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("");
                    if let Some(m) = methods.iter().find(|m| code.contains(*m)) {
                        problems.push(format!(
                            "{}:{}: `{m}` uses the platform's math library; call `libm::` \
                             instead (src/how-this-book-is-built.md, Determinism)",
                            path.strip_prefix(root()).unwrap().display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    fail_if_any(problems, "platform math in the listings");
}

#[test]
fn listings_draw_figures_natively_only() {
    // The live panels compile the listings they run, and every crate those depend on, to
    // WebAssembly, and load the module with nothing to import. plotters would bring in
    // wasm-bindgen's JavaScript bindings, and the panels would not start. So a listing takes
    // plotters (and the figures' style) only outside WebAssembly, and keeps its figure code
    // out of it too.
    let mut problems = Vec::new();
    for name in listing_crates() {
        let dir = root().join("listings").join(&name);
        let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        let mut section = String::new();
        for line in manifest.lines() {
            let t = line.trim();
            if t.starts_with('[') {
                section = t.to_string();
            } else if section == "[dependencies]"
                && (t.starts_with("plotters") || t.starts_with("figure-style"))
            {
                problems.push(format!(
                    "listings/{name}/Cargo.toml: `{t}` under [dependencies]; put it under \
                     [target.'cfg(not(target_arch = \"wasm32\"))'.dependencies]"
                ));
            }
        }
        let lib = fs::read_to_string(dir.join("src/lib.rs")).unwrap_or_default();
        let lines: Vec<&str> = lib.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            if line.trim() == "pub mod figures;"
                && (n == 0 || lines[n - 1].trim() != "#[cfg(not(target_arch = \"wasm32\"))]")
            {
                problems.push(format!(
                    "listings/{name}/src/lib.rs:{}: `pub mod figures;` without \
                     #[cfg(not(target_arch = \"wasm32\"))]",
                    n + 1
                ));
            }
        }
    }
    fail_if_any(
        problems,
        "figure code that would reach the WebAssembly panels",
    );
}
