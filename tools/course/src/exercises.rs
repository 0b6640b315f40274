//! A chapter's exercises in its crate's `src/exercises.rs`, and the stubs that stand in for
//! their solutions in the student edition.
//!
//! Exercise N's reference solution is the region between `// ANCHOR: exercise_N` and
//! `// ANCHOR_END: exercise_N`; the page includes that region. Its tests are the functions of
//! the crate whose names start with `exercise_N_` (see [`exercise_of_test`]).
//!
//! A stub keeps everything a student needs to start (the doc comment, the attributes, the
//! signature, the types and constants of the region) and replaces the body of every function
//! in the region by `todo!("exercise N")`. Nothing outside the regions changes but one header
//! that silences the warnings a stub causes (parameters and imports that the solution used).
//! [`restore`] puts the solutions back and gives the original file, byte for byte.

use std::ops::Range;

use syn::spanned::Spanned;

/// One exercise's region of `src/exercises.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub number: u32,
    /// The bytes between the anchor lines: the solution.
    pub body: Range<usize>,
}

/// The header the student edition puts at the top of a stubbed `src/exercises.rs`.
pub const STUB_HEADER: &str = "// The student edition: until the stubs below are filled in, the parameters, imports and\n\
// helpers that the solutions use go unused.\n\
#![allow(unused_imports, unused_variables, dead_code)]\n\n";

/// The exercise that a test belongs to: `exercise_2_...` to exercise 2. A test named
/// `exercises_...` belongs to all of the chapter's exercises together (for example the snapshot
/// test of a program that prints every exercise's answer): [`TestOwner::AllExercises`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TestOwner {
    Exercise(u32),
    AllExercises,
}

/// Which exercise a test function belongs to, from its name. The name may carry its module
/// path (`exercises::tests::exercise_1_x`).
pub fn exercise_of_test(test_name: &str) -> Option<TestOwner> {
    let name = test_name.rsplit("::").next().unwrap_or(test_name);
    if name.starts_with("exercises_") {
        return Some(TestOwner::AllExercises);
    }
    let rest = name.strip_prefix("exercise_")?;
    let digits = rest.split_once('_').map_or(rest, |(digits, _)| digits);
    digits.parse().ok().map(TestOwner::Exercise)
}

/// The exercise regions of `text`, in order. Anchors must pair up, not nest, and not repeat.
pub fn regions(text: &str) -> Result<Vec<Region>, String> {
    let mut found: Vec<Region> = Vec::new();
    let mut open: Option<(u32, usize, usize)> = None;
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let line_no = n + 1;
        let start = offset;
        offset += line.len();
        let anchor = |tag: &str| {
            line.trim()
                .strip_prefix(tag)
                .map(str::trim)
                .and_then(|name| name.strip_prefix("exercise_"))
                .map(|digits| {
                    digits
                        .parse::<u32>()
                        .map_err(|_| format!("line {line_no}: `exercise_{digits}` is not a number"))
                })
        };
        if let Some(number) = anchor("// ANCHOR:").transpose()? {
            if let Some((other, _, at)) = open {
                return Err(format!(
                    "line {line_no}: exercise_{number} opens inside exercise_{other} (opened on line {at})"
                ));
            }
            if found.iter().any(|r| r.number == number) {
                return Err(format!("line {line_no}: a second region exercise_{number}"));
            }
            open = Some((number, offset, line_no));
        } else if let Some(number) = anchor("// ANCHOR_END:").transpose()? {
            match open.take() {
                Some((opened, body_start, _)) if opened == number => found.push(Region {
                    number,
                    body: body_start..start,
                }),
                _ => {
                    return Err(format!(
                        "line {line_no}: ANCHOR_END: exercise_{number} closes no open region"
                    ));
                }
            }
        }
    }
    if let Some((number, _, at)) = open {
        return Err(format!(
            "line {at}: exercise_{number} is never closed by `// ANCHOR_END: exercise_{number}`"
        ));
    }
    Ok(found)
}

/// One exercise of a stubbed file: its solution and the stub that replaced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    pub number: u32,
    /// The region as the book has it.
    pub original: String,
    /// The region as the student edition has it.
    pub stub: String,
    /// The functions whose bodies the stub leaves to the student.
    pub functions: Vec<String>,
}

/// A stubbed `src/exercises.rs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stubbed {
    pub text: String,
    pub solutions: Vec<Solution>,
}

/// Byte offsets of the start of each line, for turning syn's line and column into offsets.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// The byte offset of a `proc_macro2` position (1-based line, column in characters).
    fn offset(&self, at: proc_macro2::LineColumn) -> usize {
        let start = self.starts[at.line - 1];
        let line = &self.text[start..];
        start
            + line
                .char_indices()
                .nth(at.column)
                .map_or(line.len(), |(i, _)| i)
    }

    fn span(&self, span: proc_macro2::Span) -> Range<usize> {
        self.offset(span.start())..self.offset(span.end())
    }

    /// The indentation of the line holding `offset`.
    fn indent_at(&self, offset: usize) -> &'a str {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let text = &self.text[self.starts[line]..];
        &text[..text.len() - text.trim_start_matches(' ').len()]
    }
}

/// A function whose body a stub replaces: its name and the byte range of its block.
struct Body {
    name: String,
    block: Range<usize>,
}

fn bodies(file: &syn::File, lines: &Lines) -> Result<Vec<Body>, String> {
    let mut found = Vec::new();
    let mut add = |sig: &syn::Signature, block: &syn::Block| -> Result<(), String> {
        if let syn::ReturnType::Type(_, ty) = &sig.output
            && quote::ToTokens::to_token_stream(ty)
                .to_string()
                .contains("impl ")
        {
            return Err(format!(
                "`fn {}` returns `impl Trait`, which a `todo!()` stub cannot stand in for: \
                 return a named type",
                sig.ident
            ));
        }
        found.push(Body {
            name: sig.ident.to_string(),
            block: lines.span(block.span()),
        });
        Ok(())
    };
    for item in &file.items {
        match item {
            syn::Item::Fn(f) => add(&f.sig, &f.block)?,
            syn::Item::Impl(imp) => {
                for item in &imp.items {
                    if let syn::ImplItem::Fn(f) = item {
                        add(&f.sig, &f.block)?;
                    }
                }
            }
            syn::Item::Trait(t) => {
                for item in &t.items {
                    if let syn::TraitItem::Fn(f) = item
                        && let Some(block) = &f.default
                    {
                        add(&f.sig, block)?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(found)
}

/// The student edition of `src/exercises.rs`: each exercise's functions keep their doc
/// comments and signatures, and their bodies become `todo!("exercise N")`.
pub fn stub(text: &str) -> Result<Stubbed, String> {
    let regions = regions(text)?;
    if regions.is_empty() {
        return Err("no `// ANCHOR: exercise_N` region".into());
    }
    let file = syn::parse_file(text).map_err(|e| {
        let at = e.span().start();
        format!("line {}: not valid Rust: {e}", at.line)
    })?;
    let lines = Lines::new(text);
    let bodies = bodies(&file, &lines)?;

    let mut solutions = Vec::new();
    for region in &regions {
        let inside: Vec<&Body> = bodies
            .iter()
            .filter(|b| region.body.start <= b.block.start && b.block.end <= region.body.end)
            .collect();
        if inside.is_empty() {
            return Err(format!(
                "exercise_{}: the region holds no function, so a stub would leave nothing to \
                 write; put the solution in a function",
                region.number
            ));
        }
        let mut stub = String::new();
        let mut from = region.body.start;
        for body in &inside {
            stub.push_str(&text[from..body.block.start]);
            let indent = lines.indent_at(body.block.end.saturating_sub(1));
            stub.push_str(&format!(
                "{{\n{indent}    todo!(\"exercise {}\")\n{indent}}}",
                region.number
            ));
            from = body.block.end;
        }
        stub.push_str(&text[from..region.body.end]);
        solutions.push(Solution {
            number: region.number,
            original: text[region.body.clone()].to_string(),
            stub,
            functions: inside.iter().map(|b| b.name.clone()).collect(),
        });
    }

    let mut out = String::with_capacity(text.len());
    let header_at = header_offset(text);
    out.push_str(&text[..header_at]);
    out.push_str(STUB_HEADER);
    let mut from = header_at;
    for (region, solution) in regions.iter().zip(&solutions) {
        out.push_str(&text[from..region.body.start]);
        out.push_str(&solution.stub);
        from = region.body.end;
    }
    out.push_str(&text[from..]);
    Ok(Stubbed {
        text: out,
        solutions,
    })
}

/// Where the stub header goes: after the module's `//!` documentation and the blank line
/// after it.
fn header_offset(text: &str) -> usize {
    let mut lines = text.split_inclusive('\n').peekable();
    let mut at = 0;
    while let Some(line) = lines.next_if(|l| l.trim_start().starts_with("//!")) {
        at += line.len();
    }
    if at > 0
        && let Some(blank) = lines.next_if(|l| l.trim().is_empty())
    {
        at += blank.len();
    }
    at
}

/// Puts the solutions back into a stubbed file: the inverse of [`stub`]. Fails when the file
/// is not what [`stub`] wrote (a stub was edited, a region is missing).
pub fn restore(stubbed: &str, solutions: &[Solution]) -> Result<String, String> {
    let header_at = stubbed
        .find(STUB_HEADER)
        .ok_or("the student edition's header is missing")?;
    let text = format!(
        "{}{}",
        &stubbed[..header_at],
        &stubbed[header_at + STUB_HEADER.len()..]
    );
    let regions = regions(&text)?;
    if regions.len() != solutions.len() {
        return Err(format!(
            "{} exercise regions, but {} solutions to put back",
            regions.len(),
            solutions.len()
        ));
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (region, solution) in regions.iter().zip(solutions) {
        if region.number != solution.number || text[region.body.clone()] != solution.stub {
            return Err(format!(
                "exercise_{}: the region is not the stub the edition wrote",
                region.number
            ));
        }
        out.push_str(&text[from..region.body.start]);
        out.push_str(&solution.original);
        from = region.body.end;
    }
    out.push_str(&text[from..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "//! Reference solutions.

use crate::loss::mean;

/// Not an exercise: stays.
fn helper() -> f64 {
    1.0
}

// ANCHOR: exercise_1
/// Exercise 1: the mean of `xs`, twice.
pub fn twice_the_mean(xs: &[f64]) -> f64 {
    let m = mean(xs);
    2.0 * m
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
/// Exercise 2: a type and its method.
#[derive(Debug)]
pub struct Walker {
    pub at: f64,
}

impl Walker {
    /// One step of `lr` down the slope `g` (a comment with a brace: { ).
    pub fn step(&mut self, lr: f64, g: f64) -> String {
        self.at -= lr * g;
        format!(\"{}\", \"}\")
    }
}
// ANCHOR_END: exercise_2

#[cfg(test)]
mod tests {
    #[test]
    fn exercise_1_doubles() {}
}
";

    #[test]
    fn stubs_keep_docs_signatures_and_types_and_drop_only_bodies() {
        let s = stub(FILE).unwrap();
        assert_eq!(s.solutions.len(), 2);
        assert_eq!(s.solutions[0].functions, ["twice_the_mean"]);
        assert_eq!(s.solutions[1].functions, ["step"]);
        assert_eq!(
            s.solutions[0].stub,
            "/// Exercise 1: the mean of `xs`, twice.\n\
             pub fn twice_the_mean(xs: &[f64]) -> f64 {\n    todo!(\"exercise 1\")\n}\n"
        );
        assert!(s.solutions[1].stub.contains(
            "    pub fn step(&mut self, lr: f64, g: f64) -> String {\n        todo!(\"exercise 2\")\n    }\n}\n"
        ));
        assert!(
            s.solutions[1]
                .stub
                .contains("#[derive(Debug)]\npub struct Walker")
        );
        // Outside the regions nothing changes but the header.
        assert!(s.text.starts_with(&format!(
            "//! Reference solutions.\n\n{STUB_HEADER}use crate"
        )));
        assert!(s.text.contains("fn helper() -> f64 {\n    1.0\n}"));
        assert!(s.text.contains("fn exercise_1_doubles() {}"));
        assert!(!s.text.contains("2.0 * m"));
        syn::parse_file(&s.text).expect("the stubbed file is Rust");
    }

    #[test]
    fn restoring_gives_the_original_byte_for_byte() {
        let s = stub(FILE).unwrap();
        assert_eq!(restore(&s.text, &s.solutions).unwrap(), FILE);
        // A student's edit inside a stub is not the stub the edition wrote.
        let edited = s.text.replace("todo!(\"exercise 1\")", "0.0");
        assert!(
            restore(&edited, &s.solutions)
                .unwrap_err()
                .contains("exercise_1")
        );
    }

    #[test]
    fn regions_must_pair_and_hold_a_function() {
        assert!(
            regions("// ANCHOR: exercise_1\n")
                .unwrap_err()
                .contains("never closed")
        );
        assert!(
            regions("// ANCHOR: exercise_1\n// ANCHOR: exercise_2\n")
                .unwrap_err()
                .contains("inside")
        );
        assert!(
            regions("// ANCHOR_END: exercise_3\n")
                .unwrap_err()
                .contains("closes")
        );
        let only_a_const =
            "// ANCHOR: exercise_1\npub const X: f64 = 1.0;\n// ANCHOR_END: exercise_1\n";
        assert!(stub(only_a_const).unwrap_err().contains("no function"));
        let opaque = "// ANCHOR: exercise_1\npub fn f() -> impl Iterator<Item = u8> {\n    0..3\n}\n// ANCHOR_END: exercise_1\n";
        assert!(stub(opaque).unwrap_err().contains("impl Trait"));
        // Other anchors are not exercises.
        assert_eq!(
            regions("// ANCHOR: answers\n// ANCHOR_END: answers\n").unwrap(),
            []
        );
    }

    #[test]
    fn tests_belong_to_exercises_by_name() {
        use TestOwner::*;
        assert_eq!(
            exercise_of_test("exercises::tests::exercise_2_climbs"),
            Some(Exercise(2))
        );
        assert_eq!(exercise_of_test("exercise_12_x"), Some(Exercise(12)));
        assert_eq!(exercise_of_test("exercise_3"), Some(Exercise(3)));
        assert_eq!(
            exercise_of_test("exercises_print_their_answers"),
            Some(AllExercises)
        );
        assert_eq!(exercise_of_test("nudge"), None);
        assert_eq!(exercise_of_test("exercise_one"), None);
    }
}
