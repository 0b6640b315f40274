//! Minutes per section, summed per chapter, and a course plan derived from them.
//!
//! Each section of a chapter (the text under a `##` heading, and the introduction under the
//! `#` title) says how long it takes in class with `{{#minutes N}}`. The plan packs the
//! sections, in the book's order, into sessions of a given length: a session ends before the
//! section that would make it run over. `{{#course-plan N}}` on a page shows the table of
//! chapters and the plan for sessions of N minutes; `cargo book plan` prints the same.

use std::fmt::Write as _;
use std::path::Path;

use crate::edition;

/// The name of the text under a chapter's title, before its first `##` section.
pub const INTRODUCTION: &str = "Introduction";

/// A section of a chapter and its minutes, if it states them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub minutes: Option<u32>,
}

/// A chapter's sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The page's stem, `ch01-loss-functions`.
    pub page: String,
    pub title: String,
    pub sections: Vec<Section>,
}

impl Chapter {
    /// The chapter's minutes, summed over the sections that state them.
    pub fn minutes(&self) -> u32 {
        self.sections.iter().filter_map(|s| s.minutes).sum()
    }

    /// The sections that state no minutes.
    pub fn untimed(&self) -> Vec<&str> {
        self.sections
            .iter()
            .filter(|s| s.minutes.is_none())
            .map(|s| s.heading.as_str())
            .collect()
    }
}

/// The sections of a page: the introduction (under the `#` title), then one per `##`
/// heading, with the minutes each states. A section may state them once.
pub fn sections(markdown: &str) -> Result<Vec<Section>, String> {
    let mut starts: Vec<(usize, String)> = Vec::new();
    let mut offset = 0;
    let mut fence: Option<String> = None;
    for line in markdown.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim_end();
        let ticks: String = t.chars().take_while(|&c| c == '`' || c == '~').collect();
        if let Some(f) = &fence {
            if ticks.len() >= f.len() && t.trim() == ticks {
                fence = None;
            }
            continue;
        }
        if ticks.len() >= 3 {
            fence = Some(ticks);
        } else if let Some(title) = t.strip_prefix("# ") {
            if starts.is_empty() {
                let _ = title;
                starts.push((start, INTRODUCTION.to_string()));
            }
        } else if let Some(heading) = t.strip_prefix("## ") {
            if starts.is_empty() {
                starts.push((0, String::new()));
            }
            starts.push((start, heading.trim().to_string()));
        }
    }
    if starts.is_empty() {
        starts.push((0, String::new()));
    }
    let mut sections: Vec<Section> = starts
        .iter()
        .map(|(_, h)| Section {
            heading: h.clone(),
            minutes: None,
        })
        .collect();
    for m in edition::minutes(markdown)? {
        let i = starts.partition_point(|(s, _)| *s <= m.span.start).max(1) - 1;
        if sections[i].minutes.replace(m.minutes).is_some() {
            return Err(format!(
                "line {}: a second {{{{#minutes}}}} in the section \"{}\"",
                m.line, sections[i].heading
            ));
        }
    }
    // The title's section without text of its own before the first `##` is no section.
    if sections.len() > 1 && sections[0].minutes.is_none() {
        let (intro_end, _) = &starts[1];
        let body = &markdown[starts[0].0..*intro_end];
        let has_text = body
            .lines()
            .skip(1)
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with("<!--"));
        if !has_text {
            sections.remove(0);
        }
    }
    Ok(sections)
}

/// The chapters of the book whose sources are in `src_dir`, in the order of `SUMMARY.md`.
pub fn chapters(src_dir: &Path) -> Result<Vec<Chapter>, String> {
    let summary_path = src_dir.join("SUMMARY.md");
    let summary = std::fs::read_to_string(&summary_path)
        .map_err(|e| format!("{}: {e}", summary_path.display()))?;
    let mut found = Vec::new();
    for line in summary.lines() {
        let Some(rest) = line.trim().strip_prefix("- [") else {
            continue;
        };
        let Some((title, link)) = rest.split_once("](") else {
            continue;
        };
        let Some(page) = link.strip_suffix(".md)") else {
            continue;
        };
        if !page.starts_with("ch") {
            continue;
        }
        let path = src_dir.join(format!("{page}.md"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        found.push(Chapter {
            page: page.to_string(),
            title: title.to_string(),
            sections: sections(&text).map_err(|e| format!("src/{page}.md: {e}"))?,
        });
    }
    Ok(found)
}

/// One session of the course: parts of chapters, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// `(chapter title, section heading, minutes)`.
    pub parts: Vec<(String, String, u32)>,
}

impl Session {
    pub fn minutes(&self) -> u32 {
        self.parts.iter().map(|p| p.2).sum()
    }
}

/// Packs the timed sections of `chapters` into sessions of at most `length` minutes (a longer
/// section gets a session of its own).
pub fn sessions(chapters: &[Chapter], length: u32) -> Vec<Session> {
    let mut out: Vec<Session> = Vec::new();
    let mut current = Session { parts: Vec::new() };
    for c in chapters {
        for s in &c.sections {
            let Some(m) = s.minutes else { continue };
            if !current.parts.is_empty() && current.minutes() + m > length {
                out.push(std::mem::replace(
                    &mut current,
                    Session { parts: Vec::new() },
                ));
            }
            current.parts.push((c.title.clone(), s.heading.clone(), m));
        }
    }
    if !current.parts.is_empty() {
        out.push(current);
    }
    out
}

/// The chapters' minutes and the plan for sessions of `length` minutes, as Markdown tables.
pub fn markdown(chapters: &[Chapter], length: u32) -> String {
    let mut out = String::from("| Chapter | Sections | Minutes |\n|---|---|---|\n");
    let mut total = 0;
    for c in chapters {
        let untimed = c.untimed();
        let minutes = if untimed.len() == c.sections.len() {
            "not yet timed".to_string()
        } else if untimed.is_empty() {
            c.minutes().to_string()
        } else {
            format!(
                "{} (and {} sections not yet timed)",
                c.minutes(),
                untimed.len()
            )
        };
        total += c.minutes();
        let _ = writeln!(
            out,
            "| [{}]({}.md) | {} | {minutes} |",
            c.title,
            c.page,
            c.sections.len()
        );
    }
    let _ = writeln!(out, "| **All chapters** | | **{total}** |");
    let plan = sessions(chapters, length);
    let _ = write!(
        out,
        "\n| Session ({length} minutes) | What it covers | Minutes |\n|---|---|---|\n"
    );
    for (i, s) in plan.iter().enumerate() {
        let mut covers: Vec<String> = Vec::new();
        for (chapter, heading, _) in &s.parts {
            match covers.last_mut() {
                Some(last) if last.starts_with(&format!("{chapter}:")) => {
                    last.push_str(&format!("; {heading}"));
                }
                _ => covers.push(format!("{chapter}: {heading}")),
            }
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            i + 1,
            covers.join("<br>"),
            s.minutes()
        );
    }
    out
}

/// Replaces `{{#course-plan N}}` on a page by the tables of the book in `src_dir`.
pub fn render(markdown: &str, src_dir: &Path) -> Result<String, String> {
    let mut out = String::with_capacity(markdown.len());
    let mut from = 0;
    for d in crate::directives::find(markdown) {
        let Some(args) = d.text[3..d.text.len() - 2]
            .trim()
            .strip_prefix("course-plan")
        else {
            continue;
        };
        let length: u32 = args
            .trim()
            .parse()
            .ok()
            .filter(|&n| (15..=600).contains(&n))
            .ok_or_else(|| {
                format!(
                    "`{}`: give the length of a session in minutes, 15 to 600",
                    d.text
                )
            })?;
        out.push_str(&markdown[from..d.span.start]);
        out.push_str(&self::markdown(&chapters(src_dir)?, length));
        from = d.span.end;
    }
    out.push_str(&markdown[from..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# Loss\n\nIntro.\n{{#minutes 10}}\n\n## One\n\n{{#minutes 30}}\n\n```text\n## not a heading\n```\n\n## Two\n\n{{#minutes 45}}\n\n## Exercises\n\n{{#minutes 40}}\n";

    #[test]
    fn sections_state_their_minutes() {
        let s = sections(PAGE).unwrap();
        let got: Vec<(&str, Option<u32>)> =
            s.iter().map(|s| (s.heading.as_str(), s.minutes)).collect();
        assert_eq!(
            got,
            [
                ("Introduction", Some(10)),
                ("One", Some(30)),
                ("Two", Some(45)),
                ("Exercises", Some(40))
            ]
        );
        let err = sections("## A\n{{#minutes 5}}\n{{#minutes 6}}\n").unwrap_err();
        assert!(err.contains("line 3") && err.contains("second"), "{err}");
        // A title straight before the first section is not a section.
        assert_eq!(sections("# T\n\n## A\n{{#minutes 5}}\n").unwrap().len(), 1);
    }

    #[test]
    fn sessions_end_before_they_run_over() {
        let c = Chapter {
            page: "ch01-loss".into(),
            title: "Loss".into(),
            sections: sections(PAGE).unwrap(),
        };
        assert_eq!(c.minutes(), 125);
        let plan = sessions(std::slice::from_ref(&c), 90);
        let minutes: Vec<u32> = plan.iter().map(Session::minutes).collect();
        assert_eq!(minutes, [85, 40]);
        let md = markdown(&[c], 90);
        assert!(md.contains("| [Loss](ch01-loss.md) | 4 | 125 |"), "{md}");
        assert!(
            md.contains("| 1 | Loss: Introduction; One; Two | 85 |"),
            "{md}"
        );
        assert!(md.contains("| 2 | Loss: Exercises | 40 |"), "{md}");
    }

    #[test]
    fn the_directive_names_a_session_length() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("SUMMARY.md"), "- [Loss](ch01-loss.md)\n").unwrap();
        std::fs::write(dir.path().join("ch01-loss.md"), PAGE).unwrap();
        let out = render("Plan:\n\n{{#course-plan 120}}\n", dir.path()).unwrap();
        assert!(
            out.contains("| 1 | Loss: Introduction; One; Two | 85 |"),
            "{out}"
        );
        assert!(render("{{#course-plan}}", dir.path()).is_err());
    }
}
