//! Number provenance: which numbers a chapter's prose states, and whether a listing printed them.
//!
//! A number counts when it has three or more significant digits (`0.519`, `2.0757`, `84.3%`,
//! `1948`); smaller ones (`0.7`, `16`, `1e-8`) are inputs and labels, not results. A stated
//! number is accounted for when a listing's output prints it, either as written or at more
//! decimals that round to it, or when the chapter lists it as a given input in a comment
//! `<!-- given: 0.0421 -0.6606 1948 -->`.

/// A number as written in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub text: String,
    pub value: f64,
    pub decimals: usize,
    pub percent: bool,
}

impl Number {
    /// Significant digits of the number as written (trailing zeros of an integer excluded).
    pub fn significant_digits(&self) -> usize {
        let mantissa = self.text.split(['e', 'E']).next().unwrap_or("");
        let digits: String = mantissa
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let has_point = digits.contains('.');
        let mut d: String = digits.chars().filter(char::is_ascii_digit).collect();
        d = d.trim_start_matches('0').to_string();
        if !has_point {
            d = d.trim_end_matches('0').to_string();
        }
        d.len()
    }

    /// True when `printed` shows this number, exactly or at more decimals.
    pub fn is_shown_by(&self, printed: &Number) -> bool {
        let candidates = if self.percent && !printed.percent {
            vec![printed.value * 100.0, printed.value]
        } else {
            vec![printed.value]
        };
        let extra = if self.percent && !printed.percent {
            2
        } else {
            0
        };
        candidates.into_iter().any(|v| {
            printed.decimals + extra >= self.decimals
                && format!("{:.*}", self.decimals, v) == format!("{:.*}", self.decimals, self.value)
        })
    }
}

/// Every number written in `text`. A digit run glued to a letter or underscore (`f64`, `ch01`,
/// `x_1`) is a name, not a number.
pub fn scan(text: &str) -> Vec<Number> {
    let text = text.replace('\u{2212}', "-");
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let starts_number = c.is_ascii_digit()
            || (c == b'-' || c == b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
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
        if c == b'-' {
            i += 1;
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
        let mut decimals = 0;
        if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
                decimals += 1;
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
        let percent = b.get(i) == Some(&b'%');
        let Ok(value) = raw.replace(',', "").parse::<f64>() else {
            continue;
        };
        found.push(Number {
            text: raw.to_string(),
            value,
            decimals,
            percent,
        });
    }
    found
}

/// The prose of a chapter: fenced code, directives, HTML comments, link targets and tags
/// removed; inline code and math kept, since numbers there are claims too.
pub fn prose(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if !in_fence {
            out.push_str(line);
            out.push('\n');
        }
    }
    let out = strip_between(&out, "<!--", "-->");
    let out = strip_between(&out, "{{#", "}}");
    let out = strip_between(&out, "](", ")");
    strip_between(&out, "<", ">")
}

/// The numbers a chapter declares as given inputs in `<!-- given: ... -->` comments.
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

fn strip_between(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        out.push(' ');
        let after = &rest[start + open.len()..];
        match after.find(close) {
            Some(end) => rest = &after[end + close.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The numbers of `markdown`'s prose with three or more significant digits that neither
/// `printed` (the outputs of the chapter's listings) nor the chapter's given list accounts for.
pub fn unaccounted(markdown: &str, printed: &str) -> Vec<String> {
    let shown = scan(printed);
    let given = given(markdown);
    scan(&prose(markdown))
        .into_iter()
        .filter(|n| n.significant_digits() >= 3)
        .filter(|n| !given.iter().any(|g| g.value == n.value || n.is_shown_by(g)))
        .filter(|n| !shown.iter().any(|s| n.is_shown_by(s)))
        .map(|n| n.text)
        .collect()
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
            texts("f64 ch01 x_1 AVX-512 0.519, -2.0757 and 84.3% of 5,000 1e-8 [1,0,0] 3rd"),
            ["0.519", "-2.0757", "84.3", "5,000", "1e-8", "1", "0", "0"]
        );
    }

    #[test]
    fn counts_significant_digits() {
        let sig = |s: &str| scan(s)[0].significant_digits();
        assert_eq!(sig("0.519"), 3);
        assert_eq!(sig("0.0421"), 3);
        assert_eq!(sig("150"), 2);
        assert_eq!(sig("1948"), 4);
        assert_eq!(sig("5,000"), 1);
        assert_eq!(sig("0.70"), 2);
        assert_eq!(sig("1e-8"), 1);
    }

    #[test]
    fn a_stated_number_must_be_printed_or_given() {
        let md = "<!-- given: 1948 -->\nShannon (1948) gets 0.357 and 2.073, with `0.519`.\n```\n9.999\n```\n";
        let printed = "loss: 0.356675\nother: 0.5190\n";
        assert_eq!(unaccounted(md, printed), ["2.073"]);
    }

    #[test]
    fn rounding_must_agree_and_precision_must_suffice() {
        assert_eq!(unaccounted("0.358", "0.356675"), ["0.358"]);
        assert_eq!(unaccounted("0.3567", "0.357"), ["0.3567"]);
        assert!(unaccounted("93.3%", "accuracy 0.9333").is_empty());
    }
}
