//! The print edition: `cargo book pdf` prints the whole book to one PDF. This test prints it as
//! that task does and reads the file back: a PDF whose outline (bookmarks, made from the
//! headings) holds every page's title, with the math font embedded, so that the formulas were
//! set in it rather than in a fallback. The printing itself refuses to go on while an image
//! has not loaded or the math font is missing.
//!
//! Without Chromium the test says how to install it and passes, except under `CI=true`.

use std::path::PathBuf;
use std::time::Instant;

use book_tasks::{chromium, pdf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The first `# ` heading of every page listed in the summary, in the summary's order.
fn page_titles() -> Vec<String> {
    let summary = std::fs::read_to_string(root().join("src/SUMMARY.md")).unwrap();
    summary
        .split("](")
        .skip(1)
        .filter_map(|link| link.split(')').next())
        .filter(|file| file.ends_with(".md"))
        .map(|file| {
            let text = std::fs::read_to_string(root().join("src").join(file)).unwrap();
            text.lines()
                .find_map(|l| l.strip_prefix("# "))
                .unwrap_or_else(|| panic!("src/{file} has no `# ` title"))
                .trim()
                .to_string()
        })
        .collect()
}

/// The text of every `/Title` string in the PDF: the outline's entries and the document's
/// title. A title is a literal string `(...)`, with backslash escapes, or a hexadecimal one,
/// `<FEFF...>`, in UTF-16.
fn titles(pdf: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = pdf;
    while let Some(at) = rest.windows(6).position(|w| w == b"/Title") {
        rest = &rest[at + 6..];
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(0);
        rest = &rest[start..];
        match rest.first() {
            Some(b'(') => {
                let (mut depth, mut i, mut bytes) = (1, 1, Vec::new());
                while i < rest.len() && depth > 0 {
                    match rest[i] {
                        b'\\' if i + 1 < rest.len() => {
                            i += 1;
                            let c = rest[i];
                            if c.is_ascii_digit() {
                                let digits: Vec<u8> = rest[i..]
                                    .iter()
                                    .take(3)
                                    .take_while(|b| (b'0'..=b'7').contains(b))
                                    .copied()
                                    .collect();
                                let code =
                                    u32::from_str_radix(std::str::from_utf8(&digits).unwrap(), 8);
                                bytes.push(code.unwrap_or(63) as u8);
                                i += digits.len() - 1;
                            } else {
                                bytes.push(match c {
                                    b'n' => b'\n',
                                    b'r' => b'\r',
                                    b't' => b'\t',
                                    other => other,
                                });
                            }
                        }
                        b'(' => {
                            depth += 1;
                            bytes.push(b'(');
                        }
                        b')' => {
                            depth -= 1;
                            if depth > 0 {
                                bytes.push(b')');
                            }
                        }
                        b => bytes.push(b),
                    }
                    i += 1;
                }
                out.push(decode(&bytes));
            }
            Some(b'<') => {
                let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
                let hex: Vec<u8> = rest[1..end]
                    .iter()
                    .filter(|b| b.is_ascii_hexdigit())
                    .copied()
                    .collect();
                let bytes: Vec<u8> = hex
                    .chunks(2)
                    .map(|pair| {
                        u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap_or(0)
                    })
                    .collect();
                out.push(decode(&bytes));
            }
            _ => {}
        }
    }
    out
}

/// A PDF text string: UTF-16 (big-endian) after a byte-order mark, else one byte a character.
fn decode(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| b as char).collect(),
    }
}

#[test]
fn pdf_strings_are_read_back() {
    let pdf = b"<</Title (Loss \\(L\\) functions\\051)>> /Title <FEFF00E9201C> /Title(a)";
    assert_eq!(titles(pdf), ["Loss (L) functions)", "\u{e9}\u{201c}", "a"]);
}

#[test]
fn the_pdf_holds_every_chapter_and_the_math_font() {
    let Some(_) = chromium::find() else {
        let message = format!(
            "the PDF test needs Chromium or Chrome and found none; {}",
            chromium::INSTALL_HINT
        );
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true" || v == "1"),
            "{message}"
        );
        eprintln!("SKIPPED: {message}");
        return;
    };
    let started = Instant::now();
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cross-entropy-verified.pdf");
    let _ = std::fs::remove_file(&out);
    let size = pdf::print(&root(), &out).expect("the book prints");
    let pdf = std::fs::read(&out).unwrap();
    assert_eq!(pdf.len() as u64, size);
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");

    let outline = titles(&pdf);
    let expected = page_titles();
    let missing: Vec<&String> = expected
        .iter()
        .filter(|t| !outline.iter().any(|o| o.trim() == t.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "the PDF's outline lacks {missing:?}; it holds {outline:?}"
    );

    let pages = pdf
        .windows(12)
        .filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's')
        .count();
    assert!(
        pages >= expected.len(),
        "{pages} pages for {} chapters",
        expected.len()
    );
    let math_font = pdf
        .windows(b"LatinModernMath".len())
        .any(|w| w == b"LatinModernMath");
    assert!(
        math_font,
        "the math font is not embedded: the formulas were set in a fallback"
    );
    eprintln!(
        "PDF: {pages} pages, {} bytes, {} outline entries, every one of the {} pages' titles; printed in {:.1} s",
        pdf.len(),
        outline.len(),
        expected.len(),
        started.elapsed().as_secs_f64()
    );
}
