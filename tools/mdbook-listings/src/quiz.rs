//! Quizzes: short self-checks at the end of a section, answered in the page.
//!
//! A quiz is a fenced block whose info string is `quiz`, holding one question in TOML:
//!
//! ````text
//! ```quiz
//! ask = "Which way should the weight on practice move to lower the loss?"
//! choices = ["Up", "Down", "Either way: the loss is flat there"]
//! answer = 2
//! explain = "The slope is positive, so lowering the weight lowers the loss."
//! ```
//! ````
//!
//! `ask`, every choice and `explain` are inline Markdown (code, math, emphasis), and may hold
//! `{{#value}}` directives. The kind of question follows from its keys:
//!
//! - **choice**: `choices` and `answer`, the number of the right choice (from 1).
//! - **number**: `number = 'SOURCE "PATTERN" [FORMAT]'`, the arguments of a `{{#value}}`
//!   directive. The reader types the number; the right one is taken from the snapshot when the
//!   book is built, never typed, so the quiz cannot drift from the code. An answer is right
//!   within half a unit of the last decimal shown, or within `tolerance`.
//! - **prints**: `prints = "SNAPSHOT"` (or `CRATE/SNAPSHOT`), "what does this program print?".
//!   The answer is what the program printed, as its snapshot records it: the whole of its
//!   standard output, or with `line = "PATTERN"` the one line that the pattern picks (tokens
//!   as in `{{#value}}`, `*` for any one, matched from the start of the line). With `choices`
//!   and no `answer`, the right choice is the one that equals the output; the build fails if
//!   none does, or more than one.
//!
//! Every question is checked when the book is built: a number whose pattern no longer matches,
//! a printed line that is gone, a choice that no longer equals the output each stop the build
//! with the page and the line of the quiz. The page answers with a few lines of JavaScript and
//! no outside service; without JavaScript the answer is one click away in a folded block.

use std::path::Path;

use serde::Deserialize;

use crate::{math, snapshot, values};

/// A question as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    ask: String,
    choices: Option<Vec<String>>,
    answer: Option<usize>,
    number: Option<String>,
    tolerance: Option<f64>,
    prints: Option<String>,
    line: Option<String>,
    explain: Option<String>,
}

/// What kind of answer a question takes, with its right answer resolved from the outputs.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Pick one; `right` counts from 0.
    Choice { choices: Vec<String>, right: usize },
    /// Type a number: `shown` is the number as the page would show it.
    Number {
        shown: String,
        value: f64,
        tolerance: f64,
    },
    /// Type what a program prints, or pick it among `choices` (`right` counts from 0).
    Prints {
        command: String,
        output: String,
        choices: Option<(Vec<String>, usize)>,
    },
}

/// A quiz question, its text with its `{{#value}}` directives filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// 1-based line of the opening fence.
    pub line: usize,
    pub ask: String,
    pub answer: Answer,
    pub explain: Option<String>,
}

/// A quiz block of a page, as written: where it stands and its TOML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range from the opening fence to the end of the closing fence's line.
    pub span: std::ops::Range<usize>,
    /// 1-based line of the opening fence.
    pub line: usize,
    pub toml: String,
}

/// Every ```` ```quiz ```` block of a page.
pub fn blocks(markdown: &str) -> Result<Vec<Block>, String> {
    let mut found = Vec::new();
    let mut offset = 0;
    let mut open: Option<(usize, usize, String, String)> = None;
    let mut other_fence: Option<String> = None;
    for (n, line) in markdown.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let t = line.trim_start();
        let fence: String = t.chars().take_while(|&c| c == '`' || c == '~').collect();
        if let Some((span_start, line_no, close, body)) = &mut open {
            if fence.len() >= close.len() && t.trim() == fence {
                found.push(Block {
                    span: *span_start..offset,
                    line: *line_no,
                    toml: std::mem::take(body),
                });
                open = None;
            } else {
                body.push_str(line);
            }
            continue;
        }
        if let Some(close) = &other_fence {
            if t.trim() == close.as_str() || (fence.len() >= close.len() && t.trim() == fence) {
                other_fence = None;
            }
            continue;
        }
        if fence.len() >= 3 {
            if t[fence.len()..].trim() == "quiz" {
                if t.len() != line.len() {
                    return Err(format!(
                        "line {}: a quiz is indented; start its fence at the start of the line",
                        n + 1
                    ));
                }
                open = Some((start, n + 1, fence, String::new()));
            } else {
                other_fence = Some(fence);
            }
        }
    }
    if let Some((_, line, _, _)) = open {
        return Err(format!("line {line}: the quiz is never closed"));
    }
    Ok(found)
}

/// Reads and checks one quiz block against the outputs of the book at `book_root`.
pub fn question(
    book_root: &Path,
    own_crate: Option<&str>,
    block: &Block,
) -> Result<Question, String> {
    let at = |e: String| format!("the quiz on line {}: {e}", block.line);
    let w: Written = toml::from_str(&block.toml).map_err(|e| at(e.message().to_string()))?;
    let fill = |text: &str| fill_values(book_root, own_crate, text).map_err(at);
    let ask = fill(&w.ask)?;
    let explain = w.explain.as_deref().map(fill).transpose()?;
    let choices = w
        .choices
        .as_ref()
        .map(|c| c.iter().map(|c| fill(c)).collect::<Result<Vec<_>, _>>())
        .transpose()?;
    if choices.as_ref().is_some_and(|c| c.len() < 2) {
        return Err(at("a question with choices needs at least two".into()));
    }
    let kinds = [w.number.is_some(), w.prints.is_some(), w.answer.is_some()]
        .iter()
        .filter(|k| **k)
        .count();
    let answer = match (&w.number, &w.prints, choices) {
        _ if kinds != 1 => {
            return Err(at(
                "give exactly one of `answer` (with `choices`), `number` or `prints`".into(),
            ));
        }
        (Some(number), None, None) => {
            let v = values::parse(number, own_crate).map_err(at)?;
            let shown = values::resolve(book_root, &v).map_err(at)?;
            let digits = shown.trim_end_matches('%');
            let value: f64 = digits
                .parse()
                .map_err(|_| at(format!("`{shown}` is not a number to type")))?;
            // Half a unit of the last digit shown: `4.365e-2` is right within 5e-6.
            let (mantissa, exponent) = digits
                .split_once(['e', 'E'])
                .map_or((digits, 0), |(m, e)| (m, e.parse::<i32>().unwrap_or(0)));
            let decimals = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i32;
            let tolerance = w.tolerance.unwrap_or(0.5 * 10f64.powi(exponent - decimals));
            if !(tolerance.is_finite() && tolerance >= 0.0) {
                return Err(at(format!("tolerance {tolerance} is not a distance")));
            }
            Answer::Number {
                shown,
                value,
                tolerance,
            }
        }
        (None, Some(source), choices) => {
            let (crate_name, snap) = match source.split_once('/') {
                Some((c, s)) => (c.to_string(), s.to_string()),
                None => (
                    own_crate
                        .ok_or_else(|| {
                            at(format!(
                                "`{source}` names no crate, and this page has none: write CRATE/{source}"
                            ))
                        })?
                        .to_string(),
                    source.clone(),
                ),
            };
            let path = crate::snapshot_path(book_root, &crate_name, &snap);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| at(format!("no snapshot at {} ({e})", path.display())))?;
            let s = snapshot::parse(&text).map_err(at)?;
            let output = match &w.line {
                None => s.stdout.trim_end().to_string(),
                Some(pattern) => pick_line(&s.stdout, pattern)
                    .map_err(|e| at(format!("{crate_name}/{snap}: {e}")))?,
            };
            let choices = match choices {
                None if output.lines().count() > 1 => {
                    return Err(at(format!(
                        "the program prints {} lines, too many to type: pick one with `line`, \
                         or offer `choices`",
                        output.lines().count()
                    )));
                }
                None => None,
                Some(choices) => {
                    let right: Vec<usize> = (0..choices.len())
                        .filter(|&i| same_text(&choices[i], &output))
                        .collect();
                    match right[..] {
                        [i] => Some((choices, i)),
                        [] => {
                            return Err(at(format!(
                                "no choice is what the program prints, which is now `{output}`"
                            )));
                        }
                        _ => return Err(at("two choices are the same output".into())),
                    }
                }
            };
            Answer::Prints {
                command: s.command(&crate_name),
                output,
                choices,
            }
        }
        (None, None, Some(choices)) => {
            let n = w.answer.expect("counted above");
            if n == 0 || n > choices.len() {
                return Err(at(format!(
                    "answer = {n}, but the choices are numbered 1 to {}",
                    choices.len()
                )));
            }
            Answer::Choice {
                choices,
                right: n - 1,
            }
        }
        _ => {
            return Err(at(
                "`answer` goes with `choices`; `number` takes neither".into()
            ));
        }
    };
    if w.line.is_some() && w.prints.is_none() {
        return Err(at("`line` goes with `prints`".into()));
    }
    if w.tolerance.is_some() && w.number.is_none() {
        return Err(at("`tolerance` goes with `number`".into()));
    }
    Ok(Question {
        line: block.line,
        ask,
        answer,
        explain,
    })
}

/// Every question of a page, read and checked.
pub fn questions(
    book_root: &Path,
    own_crate: Option<&str>,
    markdown: &str,
) -> Result<Vec<Question>, String> {
    blocks(markdown)?
        .iter()
        .map(|b| question(book_root, own_crate, b))
        .collect()
}

/// Two texts are the same answer when their words are (spacing aside).
fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The one line of `output` whose first tokens match `pattern` (`*` is any one token).
fn pick_line(output: &str, pattern: &str) -> Result<String, String> {
    let want: Vec<&str> = pattern.split_whitespace().collect();
    let lines: Vec<&str> = output
        .lines()
        .filter(|line| {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            tokens.len() >= want.len() && want.iter().zip(&tokens).all(|(w, t)| *w == "*" || w == t)
        })
        .collect();
    match lines[..] {
        [line] => Ok(line.trim().to_string()),
        [] => Err(format!("no line starts with \"{pattern}\"")),
        _ => Err(format!(
            "{} lines start with \"{pattern}\"; make the pattern name one",
            lines.len()
        )),
    }
}

/// Replaces the `{{#value}}` directives of a quiz's text by their numbers.
fn fill_values(book_root: &Path, own_crate: Option<&str>, text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for d in crate::directives::find(text) {
        let crate::directives::DirectiveKind::Value { args } = &d.kind else {
            return Err(format!(
                "`{}`: a quiz's text may hold only {{{{#value}}}} directives",
                d.text
            ));
        };
        out.push_str(&text[from..d.span.start]);
        let shown = values::parse(args, own_crate)
            .and_then(|v| values::resolve(book_root, &v))
            .map_err(|e| format!("{}: {e}", d.text))?;
        out.push_str(&shown);
        from = d.span.end;
    }
    out.push_str(&text[from..]);
    Ok(out)
}

/// Inline Markdown (with math) to HTML, on one line.
pub fn inline_html(markdown: &str) -> Result<String, String> {
    let with_math = math::render_all(markdown)?;
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&with_math));
    let html = html.trim();
    let html = html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        .unwrap_or(html);
    Ok(html.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The HTML of one question, `n` counting the page's quizzes from 1. It holds no blank line,
/// so Markdown takes it as one block of HTML.
pub fn render(q: &Question, n: usize) -> Result<String, String> {
    let ask = inline_html(&q.ask)?;
    let mut html = String::new();
    let kind = match q.answer {
        Answer::Choice { .. } => "choice",
        Answer::Number { .. } => "number",
        Answer::Prints { .. } => "prints",
    };
    let radios = |choices: &[String], right: usize, html: &mut String| -> Result<String, String> {
        html.push_str("<ol class=\"quiz-choices\">\n");
        for (i, choice) in choices.iter().enumerate() {
            html.push_str(&format!(
                "<li><label><input type=\"radio\" name=\"quiz-{n}\" value=\"{i}\"> {}</label></li>\n",
                inline_html(choice)?
            ));
        }
        html.push_str("</ol>\n");
        Ok(format!("{}. {}", right + 1, inline_html(&choices[right])?))
    };
    let (data, reveal) = match &q.answer {
        Answer::Choice { choices, right } => {
            let shown = radios(choices, *right, &mut html)?;
            (format!(" data-answer=\"{right}\""), shown)
        }
        Answer::Number {
            shown,
            value,
            tolerance,
        } => {
            html.push_str(&format!(
                "<p><input type=\"text\" inputmode=\"decimal\" class=\"quiz-input\" aria-label=\"your answer to question {n}\"> <button type=\"button\" class=\"quiz-check\">Check</button></p>\n"
            ));
            (
                format!(" data-answer=\"{value}\" data-tolerance=\"{tolerance}\""),
                escape(shown),
            )
        }
        Answer::Prints {
            command,
            output,
            choices,
        } => match choices {
            Some((choices, right)) => {
                let shown = radios(choices, *right, &mut html)?;
                (format!(" data-answer=\"{right}\""), shown)
            }
            None => {
                html.push_str(
                    "<p><input type=\"text\" class=\"quiz-input\" spellcheck=\"false\" aria-label=\"what the program prints\"> <button type=\"button\" class=\"quiz-check\">Check</button></p>\n",
                );
                (
                    format!(" data-answer=\"{}\"", escape(output)),
                    format!(
                        "<code>$ {}</code> prints <code>{}</code>",
                        escape(command),
                        escape(output)
                    ),
                )
            }
        },
    };
    let explain = q
        .explain
        .as_deref()
        .map(inline_html)
        .transpose()?
        .map(|e| format!("<p>{e}</p>"))
        .unwrap_or_default();
    Ok(format!(
        "<div class=\"quiz\" data-kind=\"{kind}\"{data}>\n<p class=\"quiz-ask\"><strong>Quick check {n}.</strong> {ask}</p>\n{html}<p class=\"quiz-feedback\" aria-live=\"polite\"></p>\n<details class=\"quiz-answer\"><summary>Answer</summary><p>{reveal}</p>{explain}</details>\n</div>\n"
    ))
}

/// The script that answers quizzes. It holds no `$`, which the math renderer would take for a
/// formula (a test checks).
const SCRIPT: &str = include_str!("quiz.js");
const STYLE: &str = include_str!("quiz.css");

/// Replaces every quiz of a page by its HTML.
pub fn render_all(
    book_root: &Path,
    own_crate: Option<&str>,
    markdown: &str,
) -> Result<String, String> {
    let blocks = blocks(markdown)?;
    let mut out = String::with_capacity(markdown.len() * 2);
    let mut from = 0;
    for (i, block) in blocks.iter().enumerate() {
        out.push_str(&markdown[from..block.span.start]);
        let q = question(book_root, own_crate, block)?;
        out.push_str(
            &render(&q, i + 1).map_err(|e| format!("the quiz on line {}: {e}", block.line))?,
        );
        from = block.span.end;
    }
    out.push_str(&markdown[from..]);
    Ok(out)
}

/// What a rendered page needs at its end: the style of its quizzes, minutes and notes, and
/// the script that answers its quizzes. `None` for a page with none of them.
pub fn assets(rendered: &str) -> Option<String> {
    let dense = |text: &str| {
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        lines.join("\n")
    };
    let quizzes = rendered.contains("<div class=\"quiz\"");
    let teaching = quizzes
        || rendered.contains("<p class=\"minutes\">")
        || rendered.contains("<details class=\"instructor\"")
        || rendered.contains("<p class=\"book-version\">");
    if !teaching {
        return None;
    }
    let mut out = format!("\n\n<style>\n{}\n</style>\n", dense(STYLE));
    if quizzes {
        out.push_str(&format!("\n<script>\n{}\n</script>\n", dense(SCRIPT)));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A book with one crate, `ch99-demo`, whose program `walk` printed three lines.
    fn demo_book() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let snaps = dir.path().join("listings/ch99-demo/tests/snapshots");
        std::fs::create_dir_all(&snaps).unwrap();
        std::fs::write(
            snaps.join("walk.snap"),
            "---\nsource: tests/output.rs\ninfo:\n  program: walk\n  args: []\n---\nsuccess: true\nexit_code: 0\n----- stdout -----\nstep 1 height 2.5000\nstep 2 height 0.6250\nloss 0.519\n\n----- stderr -----\n",
        )
        .unwrap();
        dir
    }

    fn one(md: &str) -> Result<Question, String> {
        let dir = demo_book();
        let blocks = blocks(md)?;
        assert_eq!(blocks.len(), 1);
        question(dir.path(), Some("ch99-demo"), &blocks[0])
    }

    #[test]
    fn the_script_and_style_pass_through_the_math_renderer() {
        assert!(!SCRIPT.contains('$') && !STYLE.contains('$'));
    }

    #[test]
    fn a_number_comes_from_the_snapshot() {
        let q = one("Text.\n\n```quiz\nask = \"The loss?\"\nnumber = 'walk \"loss {}\"'\n```\n")
            .unwrap();
        assert_eq!(q.line, 3);
        assert_eq!(
            q.answer,
            Answer::Number {
                shown: "0.519".into(),
                value: 0.519,
                tolerance: 0.0005
            }
        );
        let q = one("```quiz\nask = \"The loss, in percent?\"\nnumber = 'walk \"loss {}\" %.0'\ntolerance = 1.0\n```\n").unwrap();
        let Answer::Number {
            shown, tolerance, ..
        } = q.answer
        else {
            panic!()
        };
        assert_eq!((shown.as_str(), tolerance), ("52%", 1.0));
        // In exponent notation the last digit shown is worth 1e-5, not 1e-6.
        let dir = demo_book();
        let snaps = dir.path().join("listings/ch99-demo/tests/snapshots");
        let walk = std::fs::read_to_string(snaps.join("walk.snap")).unwrap();
        std::fs::write(
            snaps.join("rate.snap"),
            walk.replace("loss 0.519", "rate 4.365e-2"),
        )
        .unwrap();
        let md = "```quiz\nask = \"The rate?\"\nnumber = 'rate \"rate {}\"'\n```\n";
        let q = question(dir.path(), Some("ch99-demo"), &blocks(md).unwrap()[0]).unwrap();
        let Answer::Number { tolerance, .. } = q.answer else {
            panic!()
        };
        assert!((tolerance - 5e-6).abs() < 1e-18, "{tolerance}");
    }

    #[test]
    fn a_printed_line_is_the_real_output() {
        let q = one("```quiz\nask = \"What does step 2 print?\"\nprints = \"walk\"\nline = \"step 2\"\n```\n").unwrap();
        let Answer::Prints {
            output,
            command,
            choices,
        } = &q.answer
        else {
            panic!()
        };
        assert_eq!(output, "step 2 height 0.6250");
        assert_eq!(command, "cargo run -q -p ch99-demo --bin walk");
        assert!(choices.is_none());
        let q = one("```quiz\nask = \"Which?\"\nprints = \"ch99-demo/walk\"\nline = \"loss\"\nchoices = [\"loss 0.5\", \"loss  0.519\"]\n```\n").unwrap();
        let Answer::Prints { choices, .. } = &q.answer else {
            panic!()
        };
        assert_eq!(choices.as_ref().unwrap().1, 1);
    }

    #[test]
    fn a_quiz_that_drifts_from_the_output_stops_the_build() {
        let cases = [
            ("number = 'walk \"gain {}\"'", "matches nothing"),
            (
                "prints = \"walk\"\nline = \"step 3\"",
                "no line starts with",
            ),
            ("prints = \"walk\"\nline = \"step\"", "2 lines"),
            (
                "prints = \"walk\"\nline = \"loss\"\nchoices = [\"loss 0.5\", \"loss 0.52\"]",
                "now `loss 0.519`",
            ),
            ("prints = \"run\"", "no snapshot"),
            ("prints = \"walk\"", "prints 3 lines"),
            ("choices = [\"a\", \"b\"]\nanswer = 3", "numbered 1 to 2"),
            ("choices = [\"a\", \"b\"]", "exactly one"),
            ("number = 'walk \"loss {}\"'\nanswer = 1", "exactly one"),
            ("choices = [\"a\"]\nanswer = 1", "at least two"),
            ("answer = 1", "goes with"),
            (
                "choices = [\"a\", \"b\"]\nanswer = 1\nline = \"x\"",
                "`line` goes with",
            ),
            (
                "choices = [\"a\", \"b\"]\nanswer = 1\nhint = \"x\"",
                "unknown field",
            ),
        ];
        for (body, wanted) in cases {
            let md = format!("\n```quiz\nask = \"Q?\"\n{body}\n```\n");
            let err = one(&md).unwrap_err();
            assert!(err.starts_with("the quiz on line 2: "), "{body}: {err}");
            assert!(err.contains(wanted), "{body}: {err}");
        }
        let err = one("```quiz\nask = \"{{#value walk \\\"gain {}\\\"}}?\"\nchoices = [\"a\", \"b\"]\nanswer = 1\n```\n").unwrap_err();
        assert!(err.contains("matches nothing"), "{err}");
        assert!(
            blocks("```quiz\nask = \"x\"\n")
                .unwrap_err()
                .contains("never closed")
        );
        assert!(
            blocks("- item\n  ```quiz\n  ```\n")
                .unwrap_err()
                .contains("indented")
        );
    }

    #[test]
    fn quizzes_render_as_one_block_of_html_that_the_page_answers() {
        let dir = demo_book();
        let md = "# Ch\n\n```rust\n```quiz is not a quiz inside code\n```\n\n```quiz\nask = \"Is $p$ a probability, `p`?\"\nchoices = [\"Yes, {{#value walk \\\"loss {}\\\"}}\", \"*No*\"]\nanswer = 1\nexplain = \"See $q$.\"\n```\n\n```quiz\nask = \"What does step 1 print?\"\nprints = \"walk\"\nline = \"step 1\"\n```\n";
        let out = render_all(dir.path(), Some("ch99-demo"), md).unwrap();
        assert!(out.starts_with("# Ch\n\n```rust\n```quiz is not"), "{out}");
        assert_eq!(out.matches("<div class=\"quiz\"").count(), 2);
        let tail = assets(&out).expect("the page needs its script");
        assert_eq!(tail.matches("<script>").count(), 1);
        for (open, close) in [("<style>", "</style>"), ("<script>", "</script>")] {
            let inner = &tail[tail.find(open).unwrap()..tail.find(close).unwrap()];
            assert!(!inner.contains("\n\n"), "no blank line inside {open}");
        }
        assert!(tail.trim_start().starts_with("<style>"));
        assert_eq!(assets("# No quiz\n"), None);
        let minutes_only = assets("<p class=\"minutes\">About 5 minutes</p>").unwrap();
        assert!(minutes_only.contains(".minutes") && !minutes_only.contains("<script>"));
        assert!(out.contains("data-kind=\"choice\" data-answer=\"0\""));
        assert!(out.contains("Yes, 0.519"));
        assert!(out.contains("<em>No</em>"));
        assert!(out.contains("<code>p</code>"));
        assert!(out.contains("<math"), "math is rendered in the quiz");
        assert!(out.contains("data-answer=\"step 1 height 2.5000\""));
        for (at, _) in out.match_indices("<div class=\"quiz\"") {
            let end = at
                + out[at..]
                    .find("</script>")
                    .unwrap_or(out[at..].find("\n</div>").unwrap());
            assert!(
                !out[at..end].contains("\n\n"),
                "no blank line inside the HTML"
            );
        }
    }
}
