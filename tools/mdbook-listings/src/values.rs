//! `{{#value SOURCE "PATTERN" [FORMAT]}}`: a number in the prose, taken from the output that
//! prints it.
//!
//! - `SOURCE` names an output: `SNAPSHOT` (a snapshot of the page's own listing crate),
//!   `CRATE/SNAPSHOT` (any listing crate's), or `reference-checks/NAME` (the recorded output
//!   `tools/reference-checks/NAME.out` of a run outside the book).
//! - `PATTERN` picks one number out of that output. It is a run of whitespace-separated tokens
//!   that must match consecutive tokens of one output line: `{}` stands for the number taken,
//!   `*` for any one token, and every other token must be equal. `{}` may carry punctuation
//!   around it, as in `({}),`. A first token `^` ties the pattern to the start of a line. The
//!   pattern must match exactly once in the whole output, so the directive names one number
//!   and not "whichever comes first".
//! - `FORMAT`, optional, says how to show it: `.N` rounds to `N` decimals, `%` shows a
//!   fraction as a percentage with two fewer decimals, `%.N` as a percentage with `N`
//!   decimals. Rounding that would need digits the output does not print (a dropped `5` and
//!   nothing after it) is refused.
//!
//! Without a format, the number appears exactly as the program printed it.

use std::path::{Path, PathBuf};

/// Where a value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `listings/CRATE/tests/snapshots/SNAPSHOT.snap`.
    Snapshot {
        crate_name: String,
        snapshot: String,
    },
    /// `tools/reference-checks/NAME.out`, the recorded output of an outside run.
    Reference { name: String },
}

/// How a value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    AsPrinted,
    Decimals(usize),
    /// A fraction shown as a percentage; `None` keeps the printed decimals minus two.
    Percent(Option<usize>),
}

/// A parsed `{{#value}}` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueRef {
    pub source: Source,
    pub pattern: String,
    pub format: Format,
}

impl Source {
    /// The file that holds the output.
    pub fn path(&self, book_root: &Path) -> PathBuf {
        match self {
            Source::Snapshot {
                crate_name,
                snapshot,
            } => crate::snapshot_path(book_root, crate_name, snapshot),
            Source::Reference { name } => book_root
                .join("tools/reference-checks")
                .join(format!("{name}.out")),
        }
    }

    /// The text the pattern is matched against: a program's stdout and stderr, or the whole
    /// recorded file of an outside run.
    pub fn text(&self, book_root: &Path) -> Result<String, String> {
        let path = self.path(book_root);
        let text = std::fs::read_to_string(&path).map_err(|e| match self {
            Source::Snapshot { crate_name, .. } => format!(
                "no snapshot at {} ({e}); run `cargo test -p {crate_name}` and review it",
                path.display()
            ),
            Source::Reference { .. } => {
                format!("no recorded outside run at {} ({e})", path.display())
            }
        })?;
        match self {
            Source::Snapshot { .. } => crate::snapshot::parse(&text)
                .map(|s| s.printed())
                .map_err(|e| format!("{}: {e}", path.display())),
            Source::Reference { .. } => Ok(text),
        }
    }

    /// How a page names this source.
    pub fn label(&self) -> String {
        match self {
            Source::Snapshot {
                crate_name,
                snapshot,
            } => format!("{crate_name}/{snapshot}"),
            Source::Reference { name } => format!("reference-checks/{name}"),
        }
    }
}

/// Parses the arguments of a `{{#value}}` directive. `default_crate` is the listing crate of
/// the page (`None` for pages without one, which must name the crate).
pub fn parse(args: &str, default_crate: Option<&str>) -> Result<ValueRef, String> {
    let usage = "expected {{#value SOURCE \"PATTERN\" [FORMAT]}}";
    let args = args.trim();
    let (source, rest) = args
        .split_once(char::is_whitespace)
        .ok_or_else(|| format!("{usage}: no pattern"))?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix('"')
        .ok_or_else(|| format!("{usage}: the pattern must be in double quotes"))?;
    let (pattern, rest) = rest
        .split_once('"')
        .ok_or_else(|| format!("{usage}: the pattern's closing quote is missing"))?;
    let format = match rest.trim() {
        "" => Format::AsPrinted,
        "%" => Format::Percent(None),
        f => {
            let (percent, digits) = match f.strip_prefix('%') {
                Some(d) => (true, d),
                None => (false, f),
            };
            let n = digits
                .strip_prefix('.')
                .and_then(|d| d.parse::<usize>().ok())
                .ok_or_else(|| format!("unknown format `{f}`: use .N, % or %.N"))?;
            if percent {
                Format::Percent(Some(n))
            } else {
                Format::Decimals(n)
            }
        }
    };
    let source = if let Some(name) = source.strip_prefix("reference-checks/") {
        Source::Reference {
            name: name.to_string(),
        }
    } else if let Some((crate_name, snapshot)) = source.split_once('/') {
        Source::Snapshot {
            crate_name: crate_name.to_string(),
            snapshot: snapshot.to_string(),
        }
    } else {
        let crate_name = default_crate.ok_or_else(|| {
            format!(
                "`{source}` names no crate, and this page has no listing crate of its own: \
                 write CRATE/{source}"
            )
        })?;
        Source::Snapshot {
            crate_name: crate_name.to_string(),
            snapshot: source.to_string(),
        }
    };
    let holes = pattern
        .split_whitespace()
        .filter(|t| t.contains("{}"))
        .count();
    if holes != 1 {
        return Err(format!(
            "the pattern \"{pattern}\" must hold exactly one {{}} (the number taken), not {holes}"
        ));
    }
    Ok(ValueRef {
        source,
        pattern: pattern.to_string(),
        format,
    })
}

/// Finds the one number that `pattern` picks out of `text`, as printed.
pub fn pick(text: &str, pattern: &str) -> Result<String, String> {
    let mut want: Vec<&str> = pattern.split_whitespace().collect();
    let anchored = want.first() == Some(&"^");
    if anchored {
        want.remove(0);
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        if tokens.len() < want.len() {
            continue;
        }
        let starts = if anchored {
            0..1
        } else {
            0..tokens.len() - want.len() + 1
        };
        for start in starts {
            let mut taken = None;
            let fits = want.iter().zip(&tokens[start..]).all(|(w, t)| {
                if *w == "*" {
                    return true;
                }
                match w.split_once("{}") {
                    None => w == t,
                    Some((before, after)) => {
                        let Some(middle) =
                            t.strip_prefix(before).and_then(|m| m.strip_suffix(after))
                        else {
                            return false;
                        };
                        let ok = is_number(middle);
                        if ok {
                            taken = Some(middle.to_string());
                        }
                        ok
                    }
                }
            });
            if let (true, Some(value)) = (fits, taken) {
                found.push((n + 1, value));
            }
        }
    }
    match found.len() {
        1 => Ok(found.remove(0).1),
        0 => Err(format!(
            "the pattern \"{pattern}\" matches nothing in the output"
        )),
        _ => Err(format!(
            "the pattern \"{pattern}\" matches {} places (output lines {}); make it name one",
            found.len(),
            found
                .iter()
                .map(|(n, _)| n.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// A number as programs print it: an optional sign, digits with an optional point, an
/// optional exponent. (Thousands separators and non-finite values are not results to quote.)
fn is_number(text: &str) -> bool {
    let t = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = !int.is_empty() && digits(int) && digits(frac) && !mantissa.ends_with('.');
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// Shows `printed` (a number as a program printed it) in `format`.
pub fn show(printed: &str, format: Format) -> Result<String, String> {
    match format {
        Format::AsPrinted => Ok(printed.to_string()),
        Format::Decimals(n) => round_decimal(printed, n, 0),
        Format::Percent(n) => {
            let decimals = printed
                .split_once('.')
                .map_or(0, |(_, f)| f.len())
                .saturating_sub(2);
            Ok(format!(
                "{}%",
                round_decimal(printed, n.unwrap_or(decimals), 2)?
            ))
        }
    }
}

/// Rounds the decimal `printed`, multiplied by `10^shift`, to `decimals` decimals, half away
/// from zero, working on its digits so that no binary rounding enters. Fails when the result
/// would depend on digits the program did not print.
fn round_decimal(printed: &str, decimals: usize, shift: usize) -> Result<String, String> {
    if printed.contains(['e', 'E']) {
        return Err(format!(
            "{printed} is printed with an exponent; show it as printed"
        ));
    }
    let (negative, t) = match printed.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, printed),
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    // All digits, and where the point falls after shifting.
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    let mut point = int.len() + shift;
    while digits.len() < point {
        digits.push(0);
    }
    let have = digits.len() - point;
    if have < decimals {
        return Err(format!(
            "{printed} has {have} decimals{}; it cannot be shown with {decimals}",
            if shift > 0 { " as a percentage" } else { "" }
        ));
    }
    let dropped = &digits[point + decimals..];
    let mut kept = digits[..point + decimals].to_vec();
    if let Some((&first, rest)) = dropped.split_first() {
        if first == 5 && rest.iter().all(|&d| d == 0) {
            return Err(format!(
                "rounding {printed} to {decimals} decimals depends on digits it does not print; \
                 print more digits or show it as printed"
            ));
        }
        if first >= 5 {
            let mut i = kept.len();
            loop {
                if i == 0 {
                    kept.insert(0, 1);
                    point += 1;
                    break;
                }
                i -= 1;
                if kept[i] == 9 {
                    kept[i] = 0;
                } else {
                    kept[i] += 1;
                    break;
                }
            }
        }
    }
    let int_digits: String = kept[..point].iter().map(|d| (d + b'0') as char).collect();
    let int_digits = int_digits.trim_start_matches('0');
    let int_digits = if int_digits.is_empty() {
        "0"
    } else {
        int_digits
    };
    let frac_digits: String = kept[point..].iter().map(|d| (d + b'0') as char).collect();
    let all_zero = kept.iter().all(|&d| d == 0);
    let sign = if negative && !all_zero { "-" } else { "" };
    Ok(if decimals == 0 {
        format!("{sign}{int_digits}")
    } else {
        format!("{sign}{int_digits}.{frac_digits}")
    })
}

/// Resolves a directive to the text that stands in for it on the page.
pub fn resolve(book_root: &Path, value: &ValueRef) -> Result<String, String> {
    let text = value.source.text(book_root)?;
    let printed = pick(&text, &value.pattern).map_err(|e| {
        format!(
            "{} ({}): {e}",
            value.source.label(),
            value.source.path(book_root).display()
        )
    })?;
    show(&printed, value.format)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUT: &str = "test set, threshold 0.5:\n  accuracy   0.7830\n  precision  0.6239\nmodel   loss  accuracy\nA (article)  0.4389  0.7830\nB  0.4527  0.7820\ntest loss 0.1475, test accuracy 0.9667 (29 of 30)\n";

    #[test]
    fn a_pattern_names_one_number() {
        assert_eq!(pick(OUT, "^ accuracy {}").unwrap(), "0.7830");
        assert_eq!(pick(OUT, "test accuracy {}").unwrap(), "0.9667");
        assert_eq!(pick(OUT, "(article) * {}").unwrap(), "0.7830");
        assert_eq!(pick(OUT, "B {}").unwrap(), "0.4527");
        assert_eq!(pick(OUT, "test loss {},").unwrap(), "0.1475");
        assert_eq!(pick(OUT, "({} of").unwrap(), "29");
        assert_eq!(pick(OUT, "of {})").unwrap(), "30");
    }

    #[test]
    fn a_pattern_that_matches_nothing_or_twice_is_an_error() {
        assert!(
            pick(OUT, "recall {}")
                .unwrap_err()
                .contains("matches nothing")
        );
        let err = pick(OUT, "accuracy {}").unwrap_err();
        assert!(
            err.contains("matches 2 places (output lines 2, 7)"),
            "{err}"
        );
        let err = pick(OUT, "* {}").unwrap_err();
        assert!(err.contains("places"), "{err}");
        // The hole must hold a number, not a word.
        assert!(pick(OUT, "{} 0.9999").unwrap_err().contains("nothing"));
    }

    #[test]
    fn directives_parse_with_and_without_a_crate() {
        let v = parse("churn-train \"accuracy {}\" %.1", Some("ch11-churn")).unwrap();
        assert_eq!(
            v.source,
            Source::Snapshot {
                crate_name: "ch11-churn".into(),
                snapshot: "churn-train".into()
            }
        );
        assert_eq!(v.format, Format::Percent(Some(1)));
        let v = parse("ch05-x/edges \"z {}\"", None).unwrap();
        assert_eq!(v.format, Format::AsPrinted);
        let v = parse("reference-checks/torch \"BCELoss {}\" .2", None).unwrap();
        assert_eq!(
            v.source,
            Source::Reference {
                name: "torch".into()
            }
        );
        assert!(
            parse("edges \"z {}\"", None)
                .unwrap_err()
                .contains("names no crate")
        );
        assert!(parse("edges z {}", Some("c")).is_err());
        assert!(parse("edges \"{} {}\"", Some("c")).is_err());
        assert!(parse("edges \"z {}\" %%", Some("c")).is_err());
    }

    #[test]
    fn formats_round_on_the_printed_digits() {
        assert_eq!(show("0.7830", Format::AsPrinted).unwrap(), "0.7830");
        assert_eq!(show("0.7830", Format::Decimals(2)).unwrap(), "0.78");
        assert_eq!(show("0.4389", Format::Decimals(2)).unwrap(), "0.44");
        assert_eq!(show("0.9967", Format::Decimals(2)).unwrap(), "1.00");
        assert_eq!(show("9.96", Format::Decimals(1)).unwrap(), "10.0");
        assert_eq!(show("-0.0520", Format::Decimals(2)).unwrap(), "-0.05");
        assert_eq!(show("-0.0020", Format::Decimals(2)).unwrap(), "0.00");
        assert_eq!(show("0.7830", Format::Percent(None)).unwrap(), "78.30%");
        assert_eq!(show("0.7830", Format::Percent(Some(1))).unwrap(), "78.3%");
        assert_eq!(show("0.727", Format::Percent(Some(1))).unwrap(), "72.7%");
        assert_eq!(show("1", Format::Percent(Some(0))).unwrap(), "100%");
        assert_eq!(show("0.05", Format::Percent(Some(0))).unwrap(), "5%");
        assert_eq!(show("141", Format::Decimals(0)).unwrap(), "141");
    }

    #[test]
    fn rounding_that_needs_unprinted_digits_is_refused() {
        assert!(show("0.4445", Format::Decimals(3)).is_err());
        assert!(show("0.44450", Format::Decimals(3)).is_err());
        assert_eq!(show("0.44451", Format::Decimals(3)).unwrap(), "0.445");
        assert!(show("0.78", Format::Decimals(4)).is_err());
        assert!(show("1e-8", Format::Decimals(2)).is_err());
    }
}
