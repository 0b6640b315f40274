//! Slides with speaker notes, one deck per chapter, made from the chapter itself.
//!
//! A deck is one self-contained HTML file: a title slide (with the chapter's minutes), then
//! one slide per section (`##`): its heading, its first paragraph, its figures and its
//! outputs (the snapshots the page shows, through the same preprocessor, so the numbers are
//! the tested ones), then the chapter's `## Summary` whole, and one slide per quiz question.
//! The section's notes for instructors and its minutes are the speaker notes (`<aside
//! class="notes">`, shown with the `n` key and in print). Arrow keys move between slides;
//! printing gives one slide per page. Nothing is kept by hand: `cargo book slides` writes the
//! decks again from the pages.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mdbook_listings::edition::notes_blocks;
use mdbook_listings::plan::{self, Chapter};
use mdbook_listings::quiz;

/// A chapter's deck: its file name and its HTML, and the figures it shows.
pub struct Deck {
    pub file: String,
    pub html: String,
    pub figures: Vec<String>,
    pub slides: usize,
}

/// One section of a page: its heading line, its text, its notes.
struct Part {
    heading: String,
    body: String,
    notes: String,
}

fn parts(page: &str) -> Result<Vec<Part>, String> {
    // Notes for instructors are taken out of the text and kept per section.
    let mut text = String::new();
    let mut notes_at: Vec<(usize, String)> = Vec::new();
    let mut from = 0;
    for b in notes_blocks(page)? {
        text.push_str(&page[from..b.span.start]);
        notes_at.push((text.len(), page[b.notes.clone()].to_string()));
        from = b.span.end;
    }
    text.push_str(&page[from..]);

    let mut parts: Vec<Part> = Vec::new();
    let mut offset = 0;
    let mut fence = false;
    let mut bounds: Vec<(usize, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim_start().starts_with("```") {
            fence = !fence;
        }
        if !fence && (line.starts_with("## ") || line.starts_with("# ")) {
            bounds.push((
                start,
                line.trim().trim_start_matches('#').trim().to_string(),
            ));
        }
    }
    for (i, (start, heading)) in bounds.iter().enumerate() {
        let end = bounds.get(i + 1).map_or(text.len(), |b| b.0);
        let body = text[*start..end]
            .split_once('\n')
            .map_or("", |(_, b)| b)
            .to_string();
        let notes = notes_at
            .iter()
            .filter(|(at, _)| (*start..end).contains(at))
            .map(|(_, n)| n.trim().to_string())
            .collect::<Vec<_>>()
            .join("\n\n");
        parts.push(Part {
            heading: heading.clone(),
            body,
            notes,
        });
    }
    Ok(parts)
}

/// The first paragraph of prose in a section, the figures and the output directives.
fn essentials(body: &str) -> (String, Vec<String>, Vec<String>) {
    let mut paragraph = String::new();
    let mut figures = Vec::new();
    let mut outputs = Vec::new();
    let mut fence = false;
    let mut taking = true;
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            fence = !fence;
            if !paragraph.is_empty() {
                taking = false;
            }
            continue;
        }
        if fence {
            continue;
        }
        if t.starts_with("![") {
            figures.push(t.to_string());
        } else if t.starts_with("{{#output") {
            outputs.push(t.to_string());
        } else if t.is_empty() {
            if !paragraph.is_empty() {
                taking = false;
            }
        } else if taking && !t.starts_with("{{#") && !t.starts_with('<') && !t.starts_with('|') {
            paragraph.push_str(line);
            paragraph.push('\n');
        }
    }
    (paragraph, figures, outputs)
}

/// The longest output a slide shows; the rest is cut with a line saying how much.
const OUTPUT_LINES: usize = 16;

fn shorten_outputs(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_block = false;
    let mut kept = 0;
    let mut cut = 0;
    for line in markdown.split_inclusive('\n') {
        if line.starts_with("```text") {
            in_block = true;
            kept = 0;
            cut = 0;
            out.push_str(line);
            continue;
        }
        if in_block && line.starts_with("```") {
            if cut > 0 {
                let _ = writeln!(out, "[... {cut} more lines: see the chapter]");
            }
            in_block = false;
            out.push_str(line);
            continue;
        }
        if in_block {
            kept += 1;
            if kept > OUTPUT_LINES {
                cut += 1;
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

fn to_html(root: &Path, page: &str, markdown: &str) -> Result<String, String> {
    let processed = mdbook_listings::process_chapter(
        root,
        &root.join("src"),
        Path::new(&format!("{page}.md")),
        markdown,
    )
    .map_err(|e| e.to_string())?;
    let processed = shorten_outputs(&processed);
    let mut html = String::new();
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(&processed, options),
    );
    Ok(html)
}

/// The deck of one chapter of the book at `root`.
pub fn deck(root: &Path, chapter: &Chapter) -> Result<Deck, String> {
    let path = root.join("src").join(format!("{}.md", chapter.page));
    let page = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let at = |e: String| format!("src/{}.md: {e}", chapter.page);
    let own = mdbook_listings::page_crate(root, Path::new(&format!("{}.md", chapter.page)));
    let mut slides: Vec<(String, String)> = Vec::new();
    let minutes = chapter.minutes();
    slides.push((
        format!(
            "<h1>{}</h1>\n<p class=\"subtitle\">Cross-Entropy, Verified</p>",
            chapter.title
        ),
        if minutes > 0 {
            format!("<p>About {minutes} minutes in all.</p>")
        } else {
            String::new()
        },
    ));
    let mut figures = Vec::new();
    for part in parts(&page).map_err(at)?.into_iter().skip(1) {
        if part.heading == "Exercises" || part.heading == "Further reading" {
            continue;
        }
        let markdown = if part.heading == "Summary" {
            format!("## {}\n\n{}", part.heading, part.body)
        } else {
            let (paragraph, figs, outputs) = essentials(&part.body);
            for f in &figs {
                if let Some(file) = f
                    .split("](figures/")
                    .nth(1)
                    .and_then(|r| r.split(')').next())
                {
                    figures.push(file.to_string());
                }
            }
            format!(
                "## {}\n\n{paragraph}\n{}\n\n{}\n",
                part.heading,
                figs.join("\n\n"),
                outputs.join("\n\n")
            )
        };
        // Quizzes and minutes are not the slide's text.
        let markdown: String = markdown
            .lines()
            .filter(|l| !l.trim().starts_with("{{#minutes"))
            .collect::<Vec<_>>()
            .join("\n");
        let html = to_html(root, &chapter.page, &markdown).map_err(at)?;
        let section_minutes = chapter
            .sections
            .iter()
            .find(|s| s.heading == part.heading)
            .and_then(|s| s.minutes);
        let mut notes = String::new();
        if let Some(m) = section_minutes {
            let _ = write!(notes, "<p>About {m} minutes.</p>");
        }
        if !part.notes.is_empty() {
            notes.push_str(&to_html(root, &chapter.page, &part.notes).map_err(at)?);
        }
        slides.push((html, notes));
    }
    for (i, q) in quiz::questions(root, own.as_deref(), &page)
        .map_err(at)?
        .iter()
        .enumerate()
    {
        let mut html = format!(
            "<h2>Quick check {}</h2>\n<p>{}</p>\n",
            i + 1,
            quiz::inline_html(&q.ask).map_err(at)?
        );
        let answer = match &q.answer {
            quiz::Answer::Choice { choices, right } => {
                html.push_str("<ol type=\"A\">");
                for c in choices {
                    let _ = write!(html, "<li>{}</li>", quiz::inline_html(c).map_err(at)?);
                }
                html.push_str("</ol>");
                format!("Answer: {}.", (b'A' + *right as u8) as char)
            }
            quiz::Answer::Number { shown, .. } => format!("Answer: {shown}."),
            quiz::Answer::Prints {
                command, output, ..
            } => {
                let _ = write!(html, "<pre><code>$ {command}</code></pre>");
                format!("It prints <code>{output}</code>.")
            }
        };
        slides.push((html, format!("<p>{answer}</p>")));
    }

    let count = slides.len();
    let mut body = String::new();
    for (i, (html, notes)) in slides.iter().enumerate() {
        let _ = write!(
            body,
            "<section class=\"slide\" id=\"s{}\">\n{html}\n<aside class=\"notes\">{notes}</aside>\n<footer>{} · {}/{count}</footer>\n</section>\n",
            i + 1,
            chapter.title,
            i + 1
        );
    }
    figures.sort();
    figures.dedup();
    Ok(Deck {
        file: format!("{}.html", chapter.page),
        html: format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} (slides)</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body}<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
            chapter.title
        ),
        figures,
        slides: count,
    })
}

const STYLE: &str = "body { margin: 0; font-family: system-ui, sans-serif; background: #222; }
.slide { box-sizing: border-box; width: 100vw; height: 100vh; padding: 4vh 6vw; background: #fff;
  display: none; flex-direction: column; overflow: hidden; font-size: 2.6vh; position: relative; }
.slide.current { display: flex; }
.slide h1 { font-size: 6vh; margin-top: 25vh; } .slide h2 { font-size: 4.5vh; margin: 0 0 2vh; }
.slide img { max-height: 50vh; max-width: 80vw; object-fit: contain; align-self: center; }
.slide pre { font-size: 1.9vh; background: #f4f4f4; padding: 1vh 1vw; }
.slide footer { position: absolute; bottom: 2vh; right: 3vw; font-size: 1.6vh; color: #888; }
.subtitle { color: #666; } .notes { display: none; }
body.show-notes .notes { display: block; border-top: 2px solid #6f42c1; margin-top: auto; font-size: 2vh; }
@media print { body { background: #fff; } .slide { display: flex; page-break-after: always; height: 100vh; }
  .notes { display: block; border-top: 1px solid #999; margin-top: auto; font-size: 1.8vh; } }
";

const SCRIPT: &str = "(function () {
  var slides = document.querySelectorAll('.slide');
  var i = Math.max(0, Math.min(slides.length - 1, parseInt(location.hash.slice(2), 10) - 1 || 0));
  function show(n) {
    slides[i].classList.remove('current');
    i = Math.max(0, Math.min(slides.length - 1, n));
    slides[i].classList.add('current');
    history.replaceState(null, '', '#s' + (i + 1));
  }
  show(i);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown') { show(i + 1); }
    if (e.key === 'ArrowLeft' || e.key === 'PageUp') { show(i - 1); }
    if (e.key === 'n') { document.body.classList.toggle('show-notes'); }
  });
})();
";

/// Writes every chapter's deck, and the figures they show, into `out`; returns the decks'
/// file names with their numbers of slides.
pub fn write_all(root: &Path, out: &Path) -> Result<Vec<(String, usize)>, String> {
    let chapters = plan::chapters(&root.join("src"))?;
    let mut written = Vec::new();
    let figures_dir: PathBuf = out.join("figures");
    for chapter in &chapters {
        let deck = deck(root, chapter)?;
        crate::edition::write_whole(&out.join(&deck.file), deck.html.as_bytes())?;
        for f in &deck.figures {
            let from = root.join("src/figures").join(f);
            let bytes = std::fs::read(&from).map_err(|e| format!("{}: {e}", from.display()))?;
            crate::edition::write_whole(&figures_dir.join(f), &bytes)?;
        }
        written.push((deck.file, deck.slides));
    }
    let mut index = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Slides</title></head>\n<body>\n<h1>Cross-Entropy, Verified: slides</h1>\n<p>Arrow keys move, <kbd>n</kbd> shows the speaker notes, printing gives one slide per page.</p>\n<ul>\n",
    );
    for (chapter, (file, slides)) in chapters.iter().zip(&written) {
        let _ = writeln!(
            index,
            "<li><a href=\"{file}\">{}</a> ({slides} slides)</li>",
            chapter.title
        );
    }
    index.push_str("</ul>\n</body>\n</html>\n");
    crate::edition::write_whole(&out.join("index.html"), index.as_bytes())?;
    Ok(written)
}
