//! The teaching material keeps the book's promises: quizzes whose answers come from the
//! outputs and whose text binds its numbers, minutes on every section, an instructor edition
//! that opens what the public one folds, slides that show the tested figures and outputs.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use mdbook_listings::directives::{self, DirectiveKind};
use mdbook_listings::numbers;
use mdbook_listings::plan;
use mdbook_listings::quiz::{self, Answer};
use mdbook_listings::values;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// In the student edition (see `cargo book student`) the pages have no notes for instructors
/// and no solutions, and every build is the student edition.
fn student_edition() -> bool {
    mdbook_listings::edition::Marker::read(&root())
        .expect("a readable edition.toml")
        .is_some()
}

fn chapters() -> Vec<plan::Chapter> {
    plan::chapters(&root().join("src")).expect("the chapters and their sections")
}

fn page(stem: &str) -> String {
    fs::read_to_string(root().join("src").join(format!("{stem}.md"))).expect("the page")
}

#[test]
fn quizzes_take_their_answers_from_the_outputs_and_bind_their_numbers() {
    let mut problems = Vec::new();
    let mut counts = BTreeMap::new();
    for c in chapters() {
        let text = page(&c.page);
        let own = mdbook_listings::page_crate(&root(), Path::new(&format!("{}.md", c.page)));
        let questions = match quiz::questions(&root(), own.as_deref(), &text) {
            Ok(q) => q,
            Err(e) => {
                problems.push(format!("src/{}.md: {e}", c.page));
                continue;
            }
        };
        counts.insert(c.page.clone(), questions.len());
        if questions.len() < 3 {
            problems.push(format!(
                "src/{}.md: {} quiz questions; a chapter has at least three",
                c.page,
                questions.len()
            ));
        }
        // The text of a question is prose: its numbers are bound, given or notation, like the
        // page's. A choice that is the answer is a claim too; a wrong choice is not.
        let givens: String = text
            .match_indices("<!-- given:")
            .map(|(i, _)| {
                let end = text[i..].find("-->").map_or(text.len(), |e| i + e + 3);
                format!("{}\n", &text[i..end])
            })
            .collect();
        for block in quiz::blocks(&text).unwrap_or_default() {
            let written: toml::Value = toml::from_str(&block.toml).expect("parsed above");
            let mut claims: Vec<String> = ["ask", "explain"]
                .iter()
                .filter_map(|k| written.get(k).and_then(|v| v.as_str()).map(str::to_string))
                .collect();
            if let (Some(choices), Some(answer)) = (
                written.get("choices").and_then(|c| c.as_array()),
                written.get("answer").and_then(|a| a.as_integer()),
            ) && let Some(right) = choices.get(answer as usize - 1).and_then(|c| c.as_str())
            {
                claims.push(right.to_string());
            }
            for claim in claims {
                let acc = numbers::account(&format!("{givens}\n{claim}\n"));
                for (_, number) in acc.unbound {
                    problems.push(format!(
                        "src/{}.md: the quiz on line {}: {number} has no source; bind it with \
                         {{{{#value}}}}, or declare it in the page's <!-- given: -->",
                        c.page, block.line
                    ));
                }
                // The number a directive shows, typed in its place, is a number without a
                // source (unless it equals one of the page's inputs), as in the page's prose.
                for d in directives::find(&claim) {
                    let DirectiveKind::Value { args } = &d.kind else {
                        continue;
                    };
                    let Ok(shown) = values::parse(args, own.as_deref())
                        .and_then(|v| values::resolve(&root(), &v))
                    else {
                        continue; // reported by quiz::questions above
                    };
                    let typed = numbers::scan(&shown)[0].value;
                    if numbers::given(&text)
                        .iter()
                        .any(|g| g.value.abs() == typed.abs())
                    {
                        continue;
                    }
                    let mut edited = claim.clone();
                    edited.replace_range(d.span.clone(), &shown);
                    if numbers::account(&format!("{givens}\n{edited}\n"))
                        .unbound
                        .is_empty()
                    {
                        problems.push(format!(
                            "src/{}.md: the quiz on line {}: typing {shown} in place of {} \
                             went unnoticed",
                            c.page, block.line, d.text
                        ));
                    }
                }
            }
        }
    }
    let total: usize = counts.values().sum();
    eprintln!("quiz questions: {total} in all; {counts:?}");
    assert!(problems.is_empty(), "quizzes:\n  {}", problems.join("\n  "));
}

#[test]
fn every_section_states_its_minutes_and_chapters_have_notes() {
    let mut problems = Vec::new();
    let mut minutes = Vec::new();
    for c in chapters() {
        minutes.push(format!("{} {}", c.page, c.minutes()));
        for heading in c.untimed() {
            problems.push(format!(
                "src/{}.md: the section \"{heading}\" has no {{{{#minutes N}}}}",
                c.page
            ));
        }
        let notes = mdbook_listings::edition::notes_blocks(&page(&c.page)).unwrap_or_default();
        if student_edition() {
            if !notes.is_empty() {
                problems.push(format!(
                    "src/{}.md: the student edition has notes for instructors",
                    c.page
                ));
            }
        } else if notes.is_empty() {
            problems.push(format!(
                "src/{}.md: no {{{{#instructor}}}} notes (what students get wrong)",
                c.page
            ));
        }
    }
    eprintln!("minutes per chapter: {}", minutes.join(", "));
    assert!(problems.is_empty(), "timing:\n  {}", problems.join("\n  "));
}

/// The public and the instructor edition, built once.
fn built() -> &'static (PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("teaching");
        let (public, instructor) = (out.join("public"), out.join("instructor"));
        for (dir, edition) in [(&public, "public"), (&instructor, "instructor")] {
            let _ = fs::remove_dir_all(dir);
            course::html::build(&root(), dir, edition, Some("9.9.9-test"))
                .unwrap_or_else(|e| panic!("the {edition} edition does not build: {e}"));
        }
        (public, instructor)
    })
}

#[test]
fn the_instructor_edition_opens_what_the_public_one_folds() {
    let (public, instructor) = built();
    let mut pages = 0;
    if student_edition() {
        for c in chapters() {
            let file = format!("{}.html", c.page);
            for dir in [public, instructor] {
                let html = fs::read_to_string(dir.join(&file)).expect("a page");
                assert!(
                    html.contains("version 9.9.9-test, student edition</p>"),
                    "{file}"
                );
                assert!(!html.contains("<summary>Solution"), "{file}: no solutions");
                assert!(!html.contains("class=\"instructor\""), "{file}: no notes");
            }
        }
        return;
    }
    for c in chapters() {
        let file = format!("{}.html", c.page);
        let p = fs::read_to_string(public.join(&file)).expect("public page");
        let i = fs::read_to_string(instructor.join(&file)).expect("instructor page");
        assert!(
            p.contains("Cross-Entropy, Verified, version 9.9.9-test</p>"),
            "{file}: the version is at the foot of the page"
        );
        assert!(i.contains("version 9.9.9-test, instructor edition"));
        let solutions = p.matches("<summary>Solution").count();
        assert!(
            solutions > 0,
            "{file}: the public page has folded solutions"
        );
        // mdBook writes a boolean attribute as `open=""`.
        assert!(!p.contains(" open=\"\""), "{file}: nothing is open");
        assert_eq!(
            i.matches("<details open=\"\">").count(),
            solutions,
            "{file}: the instructor edition opens every solution"
        );
        let notes = p.matches("<details class=\"instructor\">").count();
        assert_eq!(
            i.matches("<details class=\"instructor\" open=\"\">")
                .count(),
            notes,
            "{file}: and every note"
        );
        assert!(notes > 0, "{file}: notes for instructors, folded");
        assert!(p.contains("<div class=\"quiz\""), "{file}: quizzes");
        assert!(p.contains("<p class=\"minutes\">About "), "{file}: minutes");
        pages += 1;
    }
    assert!(pages > 0);
}

#[test]
fn quizzes_answer_in_the_page_without_any_outside_service() {
    let (public, _) = built();
    for c in chapters() {
        let html = fs::read_to_string(public.join(format!("{}.html", c.page))).unwrap();
        let quizzes = html.matches("<div class=\"quiz\"").count();
        let questions = quiz::blocks(&page(&c.page)).unwrap().len();
        assert_eq!(quizzes, questions, "{}: every quiz is rendered", c.page);
        if quizzes > 0 {
            let script = "Answers the book's quizzes in the page";
            assert_eq!(html.matches(script).count(), 1, "{}: one script", c.page);
            assert!(
                !html.contains("```quiz"),
                "{}: no quiz left as code",
                c.page
            );
            for q in html.split("<div class=\"quiz\"").skip(1) {
                let q = &q[..q.find("</div>").unwrap()];
                assert!(q.contains("data-answer=\""), "{}: {q}", c.page);
                assert!(q.contains("<summary>Answer</summary>"), "{}: {q}", c.page);
                assert!(!q.contains("http"), "{}: no outside address: {q}", c.page);
            }
        }
    }
}

#[test]
fn the_quizzes_export_to_gift() {
    let (gift, counts) = course::gift::export(&root()).expect("the quizzes export");
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    assert_eq!(
        gift.matches("\n::ch").count() + usize::from(gift.starts_with("::")),
        total
    );
    for (page, n) in counts {
        let text = page_quiz_answers(&page);
        assert_eq!(text.len(), n, "{page}");
    }
}

/// The answers of a page's quizzes, each resolved from the outputs.
fn page_quiz_answers(stem: &str) -> Vec<Answer> {
    let own = mdbook_listings::page_crate(&root(), Path::new(&format!("{stem}.md")));
    quiz::questions(&root(), own.as_deref(), &page(stem))
        .unwrap()
        .into_iter()
        .map(|q| q.answer)
        .collect()
}

#[test]
fn slides_show_the_chapters_figures_and_tested_outputs() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("teaching-slides");
    let _ = fs::remove_dir_all(&out);
    let decks = course::slides::write_all(&root(), &out).expect("the slides");
    assert_eq!(decks.len(), chapters().len());
    for (file, slides) in &decks {
        let html = fs::read_to_string(out.join(file)).unwrap();
        assert_eq!(html.matches("<section class=\"slide\"").count(), *slides);
        for src in html
            .split("src=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
        {
            assert!(out.join(src).is_file(), "{file}: {src} is missing");
        }
        assert!(!html.contains("{{#"), "{file}: a directive is left");
    }
    // A chapter's outputs on its slides are its snapshots, as the page shows them.
    let ch01 = fs::read_to_string(out.join("ch01-loss-functions.html")).unwrap();
    assert!(ch01.contains("$ cargo run -q -p ch01-loss-functions --bin nudge"));
}
