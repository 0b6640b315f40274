//! Finding `{{#...}}` directives in a chapter's Markdown.

use std::ops::Range;

/// One `{{#kind args}}` directive and where it stands in the chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Byte range of the whole directive, braces included.
    pub span: Range<usize>,
    /// The directive as written.
    pub text: String,
    pub kind: DirectiveKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `{{#include path}}`, `{{#include path:anchor}}`, or the same with `rustdoc_include`.
    Include {
        path: String,
        anchor: Option<String>,
    },
    /// `{{#output crate/snapshot}}`.
    Output {
        crate_name: String,
        snapshot: String,
    },
    /// `{{#panel crate/program}}`: the program, run live in the page (`tools/panels`).
    Panel { name: String },
    /// `{{#value SOURCE "PATTERN" [FORMAT]}}`: a number taken from an output; `args` is
    /// everything after the name, parsed by [`crate::values::parse`].
    Value { args: String },
    /// Any other directive (`{{#title}}`, `{{#playground}}`, ...), left to mdBook.
    Other,
}

/// Every directive in `content`, in order. Escaped ones (`\{{#...}}`) are skipped.
pub fn find(content: &str) -> Vec<Directive> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = content[from..].find("{{#") {
        let start = from + offset;
        let Some(len) = closing_braces(&content[start..]) else {
            break;
        };
        let end = start + len + 2;
        from = end;
        if start > 0 && content.as_bytes()[start - 1] == b'\\' {
            continue;
        }
        let text = &content[start..end];
        let inner = text[3..text.len() - 2].trim();
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let args = args.trim();
        let kind = match name {
            "include" | "rustdoc_include" => {
                let (path, anchor) = match args.split_once(':') {
                    Some((path, anchor)) => (path, Some(anchor.to_string())),
                    None => (args, None),
                };
                DirectiveKind::Include {
                    path: path.to_string(),
                    anchor,
                }
            }
            "value" => DirectiveKind::Value {
                args: args.to_string(),
            },
            "panel" => DirectiveKind::Panel {
                name: args.to_string(),
            },
            "output" => {
                let (crate_name, snapshot) = args.split_once('/').unwrap_or((args, ""));
                DirectiveKind::Output {
                    crate_name: crate_name.to_string(),
                    snapshot: snapshot.to_string(),
                }
            }
            _ => DirectiveKind::Other,
        };
        found.push(Directive {
            span: start..end,
            text: text.to_string(),
            kind,
        });
    }
    found
}

/// Where the `}}` that closes the directive starting `text` stands. A `}}` inside a double-quoted
/// argument (a `{{#value}}` pattern such as `"loss {}"`) does not close it.
fn closing_braces(text: &str) -> Option<usize> {
    let mut in_quotes = false;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        match bytes[i] {
            b'"' => in_quotes = !in_quotes,
            b'}' if !in_quotes && bytes.get(i + 1) == Some(&b'}') => return Some(i),
            b'\n' if in_quotes => return None,
            _ => {}
        }
    }
    None
}

/// True when `text` marks a region `// ANCHOR: anchor` ... `// ANCHOR_END: anchor`.
pub fn has_anchor(text: &str, anchor: &str) -> bool {
    let marks = |tag: &str| {
        text.lines().any(|line| {
            line.split_once(tag)
                .map(|(_, rest)| rest.split_whitespace().next() == Some(anchor))
                .unwrap_or(false)
        })
    };
    marks("ANCHOR:") && marks("ANCHOR_END:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_includes_outputs_and_skips_escaped() {
        let md = "a {{#include ../x.rs:main}} b \\{{#include nope.rs}} {{#output ch01-x/run}} {{#title T}}";
        let found = find(md);
        assert_eq!(found.len(), 3);
        assert_eq!(
            find("{{#panel ch01-x/run}}")[0].kind,
            DirectiveKind::Panel {
                name: "ch01-x/run".into()
            }
        );
        assert_eq!(
            found[0].kind,
            DirectiveKind::Include {
                path: "../x.rs".into(),
                anchor: Some("main".into())
            }
        );
        assert_eq!(
            found[1].kind,
            DirectiveKind::Output {
                crate_name: "ch01-x".into(),
                snapshot: "run".into()
            }
        );
        assert_eq!(found[2].kind, DirectiveKind::Other);
        let v = find("an accuracy of {{#value train \"accuracy {}}\" .2}}, and");
        assert_eq!(v.len(), 1);
        assert_eq!(
            v[0].kind,
            DirectiveKind::Value {
                args: "train \"accuracy {}}\" .2".into()
            }
        );
        assert_eq!(&md[found[0].span.clone()], "{{#include ../x.rs:main}}");
    }

    #[test]
    fn anchors_need_both_ends_and_the_exact_name() {
        let text = "// ANCHOR: step\nlet x = 1;\n// ANCHOR_END: step\n";
        assert!(has_anchor(text, "step"));
        assert!(!has_anchor(text, "ste"));
        assert!(!has_anchor("// ANCHOR: step\n", "step"));
    }
}
