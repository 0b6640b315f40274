//! Number provenance: every number a page states is bound to where it comes from.
//!
//! A number that a listing computes is never typed into a page: it is written as a
//! `{{#value}}` directive (see [`crate::values`]) and filled in from the output at build time.
//! What is left as a literal number in the prose, inline code and math must be one of:
//!
//! - a **given**, an input the page starts from (a data set's values, a setting, a year, a
//!   figure quoted from a source article in order to correct it), listed in a comment
//!   `<!-- given: 0.0421 16 1948 -->` on the page;
//! - part of the text of an internal link (`[Chapter 5](ch05-....md)`), or an exercise's
//!   number (`Exercise 2`);
//! - a single digit in a formula or in inline code (`$1 - p$`, `x^2`, `` `score > 0` ``),
//!   where it is notation rather than a claim.
//!
//! Everything else fails the book's tests with the page, the line and the number.

/// A number as written in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub text: String,
    pub value: f64,
    /// Byte offset in the scanned text.
    pub at: usize,
}

/// Every number written in `text`. A digit run glued to a letter or underscore (`f64`, `ch01`,
/// `x_1`) is a name, not a number.
pub fn scan(text: &str) -> Vec<Number> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let minus = |j: usize| {
            // ASCII '-' or U+2212 (three bytes: e2 88 92).
            if b[j] == b'-' {
                Some(1)
            } else if b[j..].starts_with(&[0xe2, 0x88, 0x92]) {
                Some(3)
            } else {
                None
            }
        };
        let sign_len = minus(i).filter(|&n| b.get(i + n).is_some_and(u8::is_ascii_digit));
        let starts_number = c.is_ascii_digit()
            || sign_len.is_some()
            || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        let word_char = |j: usize| b[j].is_ascii_alphanumeric() || b[j] == b'_';
        // `f64`, `x_1`, `v1.2`, `AVX-512`, `ch01-loss`: a digit run glued to a word is a name.
        let glued = i > 0
            && (word_char(i - 1)
                || b[i - 1] == b'.'
                || (b[i - 1] == b'-' && i > 1 && word_char(i - 2)));
        if !starts_number || glued {
            i += 1;
            continue;
        }
        let start = i;
        if let Some(n) = sign_len {
            i += n;
        }
        let int_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        // Thousands separators: groups of exactly three digits after a comma.
        while i + 3 < b.len()
            && b[i] == b','
            && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
            && i - int_start <= 3
        {
            i += 4;
        }
        if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        if i + 1 < b.len() && (b[i] == b'e' || b[i] == b'E') {
            let mut j = i + 1;
            if b[j] == b'-' || b[j] == b'+' {
                j += 1;
            }
            if j < b.len() && b[j].is_ascii_digit() {
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                i = j;
            }
        }
        if i < b.len()
            && (b[i].is_ascii_alphabetic() || b[i] == b'_')
            && !(b[i] == b'e' || b[i] == b'E')
        {
            // `3rd`, `2D`, `16x`: part of a word.
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        let raw = &text[start..i];
        let Ok(value) = raw.replace(',', "").replace('\u{2212}', "-").parse::<f64>() else {
            continue;
        };
        found.push(Number {
            text: raw.to_string(),
            value,
            at: start,
        });
    }
    found
}

/// Where in a page a literal number stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Prose,
    Code,
    Math,
    /// The text of a link to another page of the book.
    LinkText,
}

/// A number left as a literal on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    pub number: Number,
    /// 1-based line of the page.
    pub line: usize,
    pub context: Context,
}

impl Literal {
    /// Notation or a cross-reference rather than a claim.
    pub fn is_exempt(&self, page: &str) -> bool {
        let single_digit = self.number.text.len() == 1;
        let before = &page[..self.number.at];
        let after_exercise = before.ends_with("Exercise ") || before.ends_with("Exercises ");
        match self.context {
            Context::LinkText => true,
            Context::Math | Context::Code => single_digit,
            Context::Prose => after_exercise,
        }
    }
}

/// Replaces the bytes of `range` by spaces, keeping line breaks, so offsets and lines stay put.
fn blank(text: &mut [u8], range: std::ops::Range<usize>) {
    for b in &mut text[range] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

fn find_from(text: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    text.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

/// Blanks every span from `open` to the next `close` (both included).
fn blank_between(text: &mut [u8], open: &str, close: &str) {
    let mut from = 0;
    while let Some(start) = find_from(text, open.as_bytes(), from) {
        let end = find_from(text, close.as_bytes(), start + open.len())
            .map_or(text.len(), |e| e + close.len());
        blank(text, start..end);
        from = end;
    }
}

/// Blanks HTML tags (`<details>`, `</summary>`, `<br/>`), not a `<` between numbers.
fn blank_tags(text: &mut [u8]) {
    let mut from = 0;
    while let Some(start) = find_from(text, b"<", from) {
        let opens_tag = text
            .get(start + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/');
        from = start + 1;
        if opens_tag && let Some(end) = find_from(text, b">", start) {
            blank(text, start..end + 1);
            from = end + 1;
        }
    }
}

/// The page with everything that is not prose blanked out: fenced code, HTML comments,
/// directives, tags, link targets and the text of internal links are replaced by spaces (line
/// breaks kept); what remains is prose, inline code and math, whose numbers are claims. Returns
/// the blanked text and, for each byte, whether it lies in link text.
fn prose_bytes(markdown: &str) -> (Vec<u8>, Vec<bool>) {
    let mut text = markdown.as_bytes().to_vec();
    // Fenced code blocks, line by line.
    let mut offset = 0;
    let mut fence: Option<&str> = None;
    for line in markdown.split_inclusive('\n') {
        let t = line.trim_start();
        let is_fence = t.starts_with("```") || t.starts_with("~~~");
        match fence {
            Some(f) => {
                blank(&mut text, offset..offset + line.len());
                if t.starts_with(f) {
                    fence = None;
                }
            }
            None if is_fence => {
                blank(&mut text, offset..offset + line.len());
                fence = Some(if t.starts_with("```") { "```" } else { "~~~" });
            }
            None => {}
        }
        offset += line.len();
    }
    blank_between(&mut text, "<!--", "-->");
    for d in crate::directives::find(markdown) {
        blank(&mut text, d.span);
    }
    // Links: `[text](target)`. The target is never prose; the text of a link to another page
    // of the book is a cross-reference ("Chapter 5"), not a claim.
    let mut in_link = vec![false; text.len()];
    let s = String::from_utf8_lossy(&text).into_owned();
    let mut from = 0;
    while let Some(mid) = s[from..].find("](").map(|i| from + i) {
        let close = s[mid + 2..].find(')').map_or(s.len(), |e| mid + 2 + e + 1);
        let target = &s[mid + 2..close.saturating_sub(1).max(mid + 2)];
        let open = s[..mid].rfind('[');
        let is_image = open.is_some_and(|o| o > 0 && s.as_bytes()[o - 1] == b'!');
        let internal = !target.contains("://") && !target.starts_with("mailto:");
        if let (Some(open), false, true) = (open, is_image, internal) {
            for flag in &mut in_link[open..mid] {
                *flag = true;
            }
        }
        blank(&mut text, mid..close);
        from = close;
    }
    blank_tags(&mut text);
    (text, in_link)
}

/// Every literal number of a page's prose, inline code and math.
pub fn literals(markdown: &str) -> Vec<Literal> {
    let (text, in_link) = prose_bytes(markdown);
    let text = String::from_utf8_lossy(&text).into_owned();
    // The context of each byte: inline code spans and math, as the renderer finds them.
    let mut context = vec![Context::Prose; text.len()];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => {
                let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                let ticks = &text[i..i + run];
                let end = text[i + run..]
                    .find(ticks)
                    .map_or(i + run, |e| i + run + e + run);
                context[i..end].fill(Context::Code);
                i = end.max(i + 1);
            }
            b'$' => {
                let display = b.get(i + 1) == Some(&b'$');
                let delim = if display { "$$" } else { "$" };
                let body = i + delim.len();
                let end = text[body..]
                    .find(delim)
                    .map_or(body, |e| body + e + delim.len());
                context[i..end].fill(Context::Math);
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
    scan(&text)
        .into_iter()
        .map(|number| {
            let at = number.at;
            let line = markdown[..at].matches('\n').count() + 1;
            let context = if in_link[at] {
                Context::LinkText
            } else {
                context[at]
            };
            Literal {
                number,
                line,
                context,
            }
        })
        .collect()
}

/// The numbers a page declares as given inputs in `<!-- given: ... -->` comments.
pub fn given(markdown: &str) -> Vec<Number> {
    let mut found = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("<!-- given:") {
        let after = &rest[start + "<!-- given:".len()..];
        let end = after.find("-->").unwrap_or(after.len());
        found.extend(scan(&after[..end]));
        rest = &after[end..];
    }
    found
}

/// How a page accounts for its numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Account {
    /// `{{#value}}` directives bound to a listing's output.
    pub bound: usize,
    /// `{{#value}}` directives bound to a recorded outside run.
    pub outside: usize,
    /// Literal numbers declared as givens.
    pub given: usize,
    /// Literal numbers that are notation or cross-references.
    pub exempt: usize,
    /// Literal numbers with no source: `(line, number)`.
    pub unbound: Vec<(usize, String)>,
}

/// Sorts every number of a page into bound, given, exempt, or without a source.
pub fn account(markdown: &str) -> Account {
    let mut acc = Account::default();
    for d in crate::directives::find(markdown) {
        if let crate::directives::DirectiveKind::Value { args } = &d.kind {
            if args.trim_start().starts_with("reference-checks/") {
                acc.outside += 1;
            } else {
                acc.bound += 1;
            }
        }
    }
    let given = given(markdown);
    for lit in literals(markdown) {
        if lit.is_exempt(markdown) {
            acc.exempt += 1;
        } else if given
            .iter()
            .any(|g| g.value.abs() == lit.number.value.abs())
        {
            acc.given += 1;
        } else {
            acc.unbound.push((lit.line, lit.number.text));
        }
    }
    acc
}

/// Lines where "Chapter N" is written as plain text instead of a link to that chapter.
pub fn unlinked_chapter_references(markdown: &str) -> Vec<(usize, String)> {
    let (text, in_link) = prose_bytes(markdown);
    let text = String::from_utf8_lossy(&text).into_owned();
    let mut found = Vec::new();
    for word in ["Chapter ", "Chapters "] {
        let mut from = 0;
        while let Some(at) = text[from..].find(word).map(|i| from + i) {
            let digit_at = at + word.len();
            from = digit_at;
            if text
                .as_bytes()
                .get(digit_at)
                .is_some_and(u8::is_ascii_digit)
                && !in_link[digit_at]
            {
                let end = text[digit_at..]
                    .find(|c: char| !c.is_ascii_digit())
                    .map_or(text.len(), |e| digit_at + e);
                let line = markdown[..at].matches('\n').count() + 1;
                found.push((line, text[at..end].to_string()));
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        scan(s).into_iter().map(|n| n.text).collect()
    }

    #[test]
    fn scans_numbers_but_not_names() {
        assert_eq!(
            texts(
                "f64 ch01 x_1 AVX-512 0.519, -2.0757 and 84.3% of 5,000 1e-8 [1,0,0] 3rd \u{2212}4"
            ),
            [
                "0.519",
                "-2.0757",
                "84.3",
                "5,000",
                "1e-8",
                "1",
                "0",
                "0",
                "\u{2212}4"
            ]
        );
    }

    fn unbound(md: &str) -> Vec<String> {
        account(md).unbound.into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn every_literal_needs_a_source() {
        let md = "<!-- given: 1948 16 -->\nShannon (1948) used 16 units and got 0.357, 2 and 71%.\n\
                  ```\n9.999\n```\nSee [Chapter 5](ch05-x.md) and Exercise 2; $1 - p$ and `x > 0`.\n";
        assert_eq!(unbound(md), ["0.357", "2", "71"]);
    }

    #[test]
    fn a_bound_value_is_not_a_literal() {
        let md = "an accuracy of {{#value train \"accuracy {}\" .2}} over 30 flowers\n";
        let acc = account(md);
        assert_eq!(acc.bound, 1);
        assert_eq!(acc.unbound, [(1, "30".to_string())]);
    }

    #[test]
    fn many_digits_in_math_or_code_count_and_image_text_is_prose() {
        assert_eq!(
            unbound("$\\ln 2 = 0.6931$ and `1.401e-45`"),
            ["0.6931", "1.401e-45"]
        );
        assert_eq!(
            unbound("![falls to 0.15](figures/ch01-x.svg)"),
            ["0.15"],
            "alt text is prose"
        );
        assert!(unbound("[the 0.99 paper](https://example.org/1234)").len() == 1);
    }

    #[test]
    fn lines_are_reported() {
        let acc = account("one\n\ntwo 42\n");
        assert_eq!(acc.unbound, [(3, "42".to_string())]);
    }

    #[test]
    fn chapter_references_must_be_links() {
        let md = "As Chapter 5 shows, and [Chapter 6](ch06-x.md) too; Chapters 9 and 10.\n";
        assert_eq!(
            unlinked_chapter_references(md),
            [(1, "Chapter 5".to_string()), (1, "Chapters 9".to_string())]
        );
    }
}
