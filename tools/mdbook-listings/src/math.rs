//! `$...$` and `$$...$$` to MathML, at build time.
//!
//! Math is found outside fenced code, inline code and HTML comments. Inline math follows
//! pandoc's rule: the opening `$` is not followed by a space, the closing `$` is not preceded by
//! one and not followed by a digit, so "costs $5 and $6" stays prose. A formula that does not
//! parse stops the build.

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage};

/// Renders every formula in a chapter's Markdown.
///
/// The text is taken a paragraph at a time (the lines between blank lines and code fences), so
/// a formula may wrap across lines as prose does, but never runs into the next paragraph.
pub fn render_all(markdown: &str) -> Result<String, String> {
    let mut out = String::with_capacity(markdown.len() * 2);
    let mut in_fence: Option<String> = None;
    let mut paragraph = String::new();
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(fence) = &in_fence {
            if trimmed.starts_with(fence.as_str()) {
                in_fence = None;
            }
            out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            render_paragraph(&paragraph, &mut out)?;
            paragraph.clear();
            let ch = trimmed.as_bytes()[0] as char;
            let n = trimmed.chars().take_while(|&c| c == ch).count();
            in_fence = Some(ch.to_string().repeat(n));
            out.push_str(line);
            continue;
        }
        if trimmed.trim().is_empty() {
            render_paragraph(&paragraph, &mut out)?;
            paragraph.clear();
            out.push_str(line);
            continue;
        }
        paragraph.push_str(line);
    }
    render_paragraph(&paragraph, &mut out)?;
    Ok(out)
}

fn render_paragraph(text: &str, out: &mut String) -> Result<(), String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => {
                // Skip an inline code span: a run of backticks up to the same run.
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let ticks = &text[i..i + run];
                i = match text[i + run..].find(ticks) {
                    Some(end) => i + run + end + run,
                    None => i + run,
                };
            }
            b'<' if text[i..].starts_with("<!--") => {
                i = match text[i..].find("-->") {
                    Some(end) => i + end + 3,
                    None => bytes.len(),
                };
            }
            b'$' if text[i..].starts_with("$$") => {
                let Some(end) = text[i + 2..].find("$$") else {
                    let rest: String = text[i..].chars().take(60).collect();
                    return Err(format!("a `$$` block is never closed: `{}`", rest.trim()));
                };
                out.push_str(&text[copied..i]);
                let latex = &text[i + 2..i + 2 + end];
                out.push_str(&to_mathml(latex, DisplayMode::Block)?);
                i = i + 2 + end + 2;
                copied = i;
            }
            b'$' => match inline_end(text, i) {
                Some(end) => {
                    out.push_str(&text[copied..i]);
                    out.push_str(&to_mathml(&text[i + 1..end], DisplayMode::Inline)?);
                    i = end + 1;
                    copied = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    out.push_str(&text[copied.min(text.len())..]);
    Ok(())
}

/// Where the inline formula opened at `start` closes, if it is one.
fn inline_end(line: &str, start: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.get(start + 1)?;
    if first.is_ascii_whitespace() || first == b'$' {
        return None;
    }
    let mut j = start + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            // A code span or a comment ends the search: math never holds either.
            b'`' => return None,
            b'<' if line[j..].starts_with("<!--") => return None,
            b'$' => {
                let before_space = bytes[j - 1].is_ascii_whitespace();
                let digit_after = bytes.get(j + 1).is_some_and(|b| b.is_ascii_digit());
                if !before_space && !digit_after {
                    return Some(j);
                }
                j += 1;
            }
            _ => j += 1,
        }
    }
    None
}

/// One formula as MathML, with Markdown's special characters escaped so that the Markdown
/// parser leaves the text between the tags alone.
pub fn to_mathml(latex: &str, display: DisplayMode) -> Result<String, String> {
    let latex = latex.trim();
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(latex, &storage).collect();
    if let Some(Err(e)) = events.iter().find(|e| e.is_err()) {
        return Err(format!("the formula `{latex}` does not parse: {e}"));
    }
    // No `<annotation>` with the TeX source: the browser does not show it, and mdBook's search
    // index takes the text of every element, so previews would show `\operatorname{softmax}`.
    let config = RenderConfig {
        display_mode: display,
        ..Default::default()
    };
    let mut mathml = String::new();
    pulldown_latex::push_mathml(&mut mathml, events.into_iter(), config)
        .map_err(|e| format!("the formula `{latex}` does not render: {e}"))?;
    Ok(escape_markdown(&text_mode_fixes(
        &mathml.replace('\n', " "),
    )))
}

/// What pulldown-latex 0.8 leaves as TeX in its output: a control space (`\ `) as the text
/// `&nbsp;` (escaped, so the page shows those six characters), and the escaped characters of
/// `\text{...}` (`fan\_in`) with their backslash.
fn text_mode_fixes(mathml: &str) -> String {
    let mut out = mathml
        .replace("&amp;nbsp;", "\u{a0}")
        .replace("&nbsp;", "\u{a0}")
        .replace("\\&", "&amp;");
    for c in ['_', '%', '#', '$', '{', '}'] {
        out = out.replace(&format!("\\{c}"), &c.to_string());
    }
    out
}

fn escape_markdown(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut in_quote = false;
    let mut after_quote = false;
    for c in html.chars() {
        // pulldown-latex 0.8 writes some attributes with no space between them
        // (`stretchy="true"minsize="1.2em"`), which browsers then drop; put the space back.
        if in_tag && after_quote && c.is_ascii_alphabetic() {
            out.push(' ');
        }
        after_quote = in_tag && c == '"' && in_quote;
        match c {
            '<' if !in_quote => in_tag = true,
            '>' if !in_quote => in_tag = false,
            '"' if in_tag => in_quote = !in_quote,
            _ => {}
        }
        match c {
            '*' | '_' | '\\' | '`' | '[' | ']' | '~' | '$' | '|' if !in_tag => {
                out.push_str(&format!("&#{};", c as u32));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_inline_and_display_math() {
        let out =
            render_all("The loss $-\\ln p$ is\n$$\\sigma(z) = \\frac{1}{1+e^{-z}}$$\n").unwrap();
        assert!(out.contains("<math"), "{out}");
        assert!(out.contains("display=\"block\""), "{out}");
        assert!(!out.contains("$-"), "{out}");
        // The TeX source stays out of the page (and so out of the search index).
        assert!(
            !out.contains("annotation") && !out.contains("\\frac"),
            "{out}"
        );
    }

    #[test]
    fn leaves_code_money_and_comments_alone() {
        let md = "costs $5 and $6\n`$x$` <!-- $y$ -->\n```\n$z$\n```\n";
        assert_eq!(render_all(md).unwrap(), md);
    }

    #[test]
    fn inline_math_may_wrap_but_not_leave_its_paragraph() {
        let out = render_all("the sum $a +\nb$ wraps\n").unwrap();
        assert!(out.contains("<math") && out.ends_with(" wraps\n"), "{out}");
        assert_eq!(
            render_all("costs $5\n\nand x$ more\n").unwrap(),
            "costs $5\n\nand x$ more\n"
        );
    }

    #[test]
    fn multi_line_display_math() {
        let out = render_all("$$\nx_i\n= 1\n$$\nafter\n").unwrap();
        assert!(out.contains("<math"), "{out}");
        assert!(out.ends_with("after\n"), "{out}");
    }

    #[test]
    fn escapes_markdown_emphasis_inside_math() {
        let out = render_all("$a_i * b_i$").unwrap();
        assert!(
            !out.contains('*') && !out.replace("&#95;", "").contains("_i"),
            "{out}"
        );
    }

    #[test]
    fn text_and_spaces_show_no_tex() {
        let out = render_all("$\\sqrt{\\text{fan\\_in}},\\ 1$").unwrap();
        assert!(!out.contains('\\') && !out.contains("nbsp"), "{out}");
        assert!(
            out.contains("fan&#95;in") && out.contains('\u{a0}'),
            "{out}"
        );
    }

    #[test]
    fn attributes_are_separated() {
        let out = render_all("$\\bigl( x \\bigr)$").unwrap();
        assert!(out.contains("stretchy=\"true\" minsize"), "{out}");
    }

    #[test]
    fn a_formula_that_does_not_parse_is_an_error() {
        let err = render_all("$\\frac{1}$").unwrap_err();
        assert!(err.contains("does not parse"), "{err}");
        assert!(render_all("$$ x").is_err());
    }
}
