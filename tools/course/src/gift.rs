//! The book's quizzes in GIFT, the plain-text format that Moodle (and other LMSs) import.
//!
//! One category per chapter; each question named `chNN-qK`. Choices become multiple choice,
//! numbers a numerical question with its tolerance, "what does it print" a short answer (or a
//! multiple choice, when the quiz offers choices). Text is Markdown (`[markdown]`), with
//! inline math written `$$...$$`, which Moodle's TeX filter renders; the explanation becomes
//! the question's general feedback.

use std::fmt::Write as _;
use std::path::Path;

use mdbook_listings::quiz::{Answer, Question, questions};

/// Escapes the characters GIFT gives a meaning: `~ = # { } :` and the backslash.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '~' | '=' | '#' | '{' | '}' | ':' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown with `$x$` as `$$x$$`, escaped for GIFT.
fn text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(after_display) = after.strip_prefix('$') {
            let end = after_display.find("$$").unwrap_or(after_display.len());
            out.push_str("$$");
            out.push_str(&after_display[..end]);
            out.push_str("$$");
            rest = after_display.get(end + 2..).unwrap_or("");
        } else {
            let end = after.find('$').unwrap_or(after.len());
            out.push_str("$$");
            out.push_str(&after[..end]);
            out.push_str("$$");
            rest = after.get(end + 1..).unwrap_or("");
        }
    }
    out.push_str(rest);
    escape(&out)
}

/// One question in GIFT.
pub fn question(name: &str, q: &Question) -> String {
    let mut out = format!("::{}::[markdown]{}", escape(name), text(&q.ask));
    let choices = |choices: &[String], right: usize| {
        choices
            .iter()
            .enumerate()
            .map(|(i, c)| format!("\n  {}{}", if i == right { '=' } else { '~' }, text(c)))
            .collect::<String>()
    };
    let body = match &q.answer {
        Answer::Choice { choices: c, right } => choices(c, *right),
        Answer::Number {
            value, tolerance, ..
        } => format!("#{value}:{tolerance}"),
        Answer::Prints {
            command,
            output,
            choices: c,
        } => {
            out.push_str(&escape(&format!("\n\n    $ {command}")));
            match c {
                Some((c, right)) => choices(c, *right),
                None => format!("={}", escape(output)),
            }
        }
    };
    let feedback = q
        .explain
        .as_deref()
        .map(|e| format!("\n  ####{}", text(e)))
        .unwrap_or_default();
    let _ = write!(out, " {{{body}{feedback}\n}}\n");
    out
}

/// Every quiz of the book at `root`, by chapter, in the order of `SUMMARY.md`, as one GIFT file.
/// Also returns the number of questions per chapter page.
pub fn export(root: &Path) -> Result<(String, Vec<(String, usize)>), String> {
    let src = root.join("src");
    let chapters = mdbook_listings::plan::chapters(&src)?;
    let mut out = String::from(
        "// The quizzes of Cross-Entropy, Verified, written by `cargo book quizzes`.\n\
         // Every answer was checked against the listings' outputs when this file was written.\n\n",
    );
    let mut counts = Vec::new();
    for c in chapters {
        let page = std::fs::read_to_string(src.join(format!("{}.md", c.page)))
            .map_err(|e| format!("src/{}.md: {e}", c.page))?;
        let own = mdbook_listings::page_crate(root, Path::new(&format!("{}.md", c.page)));
        let qs = questions(root, own.as_deref(), &page)
            .map_err(|e| format!("src/{}.md: {e}", c.page))?;
        counts.push((c.page.clone(), qs.len()));
        if qs.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "$CATEGORY: Cross-Entropy, Verified/{}\n",
            escape(&c.title)
        );
        let short = c.page.split('-').next().unwrap_or(&c.page);
        for (i, q) in qs.iter().enumerate() {
            out.push_str(&question(&format!("{short}-q{}", i + 1), q));
            out.push('\n');
        }
    }
    Ok((out, counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_in_gift() {
        let q = Question {
            line: 1,
            ask: "Is $p = 1$ sure? {really}".into(),
            answer: Answer::Choice {
                choices: vec!["Yes".into(), "No: 0.5".into()],
                right: 0,
            },
            explain: Some("A probability of one #1.".into()),
        };
        assert_eq!(
            question("ch01-q1", &q),
            "::ch01-q1::[markdown]Is $$p \\= 1$$ sure? \\{really\\} {\n  =Yes\n  ~No\\: 0.5\n  ####A probability of one \\#1.\n}\n"
        );
        let q = Question {
            line: 1,
            ask: "The loss?".into(),
            answer: Answer::Number {
                shown: "0.519".into(),
                value: 0.519,
                tolerance: 0.0005,
            },
            explain: None,
        };
        assert_eq!(
            question("q", &q),
            "::q::[markdown]The loss? {#0.519:0.0005\n}\n"
        );
        let q = Question {
            line: 1,
            ask: "What does it print?".into(),
            answer: Answer::Prints {
                command: "cargo run -q -p ch01 --bin walk".into(),
                output: "loss 0.519".into(),
                choices: None,
            },
            explain: None,
        };
        assert_eq!(
            question("q", &q),
            "::q::[markdown]What does it print?\n\n    $ cargo run -q -p ch01 --bin walk {=loss 0.519\n}\n"
        );
    }
}
