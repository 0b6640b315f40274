//! The book's live panels.
//!
//! A panel runs one of the book's programs in the reader's browser: the chapter's own listing
//! crate, compiled to WebAssembly, with a field for each setting the program takes. With the
//! default settings a panel prints exactly what the program prints, byte for byte: the snapshot
//! shown above it on the page. The native tests here and the browser test (`tests/browser.rs`)
//! both check that.
//!
//! A panel is a [`Panel`]: its settings, what its chart plots, and a function that starts a
//! [`Run`]. The page's script (`src/panels/panels.js`) knows no panel in particular: it asks the
//! module for the settings ([`abi`]) and builds the controls. A run goes in a Web Worker
//! (`src/panels/worker.js`), so that a trainer busy for seconds leaves the page free: the run
//! hands over what it prints and plots as it goes, in [`Frame`]s, the worker posts each to the
//! page, and the page appends the text and draws the points. Adding a panel is one glue
//! module here, listed in [`PANELS`], and one `{{#panel CRATE/PROGRAM}}` line on the chapter's
//! page.

pub mod abi;
pub mod json;
pub mod trainer;
pub mod valley;

/// Every panel of the book.
pub const PANELS: &[Panel] = &[valley::PANEL, trainer::CHURN, trainer::IRIS];

/// One setting of a program, shown as a number field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting {
    /// The name in the page's URL (`?valley.sgd_lr=0.3`).
    pub key: &'static str,
    pub label: &'static str,
    /// The value the program itself uses: with every setting at its default the panel prints
    /// the snapshot.
    pub default: f64,
    pub min: f64,
    pub max: f64,
    /// Whole numbers only (steps, epochs, seeds).
    pub integer: bool,
}

/// What a panel's chart plots: one line per series, drawn as the run advances.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chart {
    pub x_label: &'static str,
    pub y_label: &'static str,
    /// A logarithmic y axis, for losses that fall by orders of magnitude.
    pub log_y: bool,
    pub series: &'static [&'static str],
}

/// What starts a panel's run from its settings' values.
pub type Start = fn(&[f64]) -> Result<Box<dyn Run>, String>;

/// A program that can run in the page.
#[derive(Debug)]
pub struct Panel {
    /// `CRATE/PROGRAM`: the program it runs, and the snapshot its defaults reproduce.
    pub name: &'static str,
    pub title: &'static str,
    pub settings: &'static [Setting],
    pub chart: Chart,
    /// Starts a run with one value per setting, in order, each already within its range.
    pub start: Start,
}

/// What a run produced since its last frame: text the program prints (beyond what earlier
/// frames held) and new points of the chart. A frame goes out at least once per unit.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Frame {
    pub text: String,
    pub points: Vec<Point>,
}

/// One point of the chart: `series` indexes [`Chart::series`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub series: usize,
    pub x: f64,
    pub y: f64,
}

/// A run with its settings, ready to go.
pub trait Run {
    /// How many units (steps, epochs) the whole run takes at most.
    fn units(&self) -> usize;

    /// Runs to the end, handing `emit` what it printed and plotted as it goes, by the end of
    /// each unit at the latest. An error (a run that diverged, say) ends the run with a
    /// message for the reader; what was emitted before it stands.
    fn to_end(&mut self, emit: &mut dyn FnMut(Frame)) -> Result<(), String>;
}

/// The panel named `CRATE/PROGRAM`.
pub fn find(name: &str) -> Result<&'static Panel, String> {
    PANELS.iter().find(|p| p.name == name).ok_or_else(|| {
        let known: Vec<&str> = PANELS.iter().map(|p| p.name).collect();
        format!(
            "no panel named `{name}`; the panels are {}",
            known.join(", ")
        )
    })
}

impl Panel {
    /// Every setting at its default: the program as the book runs it.
    pub fn defaults(&self) -> Vec<f64> {
        self.settings.iter().map(|s| s.default).collect()
    }

    /// Reads settings written as `key=value&key=value`, the way the page's URL holds them.
    /// Settings not named keep their default. An unknown name, a value that is not a number,
    /// a fraction where a whole number is needed, or a value out of range is an error that
    /// names the setting and its range.
    pub fn parse(&self, query: &str) -> Result<Vec<f64>, String> {
        let mut values = self.defaults();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, text) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}` is not of the form name=value"))?;
            let (i, setting) = self
                .settings
                .iter()
                .enumerate()
                .find(|(_, s)| s.key == key)
                .ok_or_else(|| {
                    let keys: Vec<&str> = self.settings.iter().map(|s| s.key).collect();
                    format!(
                        "`{key}` is not a setting of {}; its settings are {}",
                        self.name,
                        keys.join(", ")
                    )
                })?;
            let value: f64 = text
                .trim()
                .parse()
                .map_err(|_| format!("{}: `{text}` is not a number", setting.label))?;
            if !(setting.min..=setting.max).contains(&value) {
                return Err(format!(
                    "{}: {value} is outside the range {} to {}",
                    setting.label, setting.min, setting.max
                ));
            }
            if setting.integer && value.fract() != 0.0 {
                return Err(format!("{}: {value} is not a whole number", setting.label));
            }
            values[i] = value;
        }
        Ok(values)
    }

    /// Runs to the end and returns every frame, as the native tests look at them.
    pub fn frames(&self, values: &[f64]) -> Result<Vec<Frame>, String> {
        let mut frames = Vec::new();
        (self.start)(values)?.to_end(&mut |f| frames.push(f))?;
        Ok(frames)
    }

    /// Runs to the end and returns everything it printed, as the native tests compare it with
    /// the program's snapshot.
    pub fn run_to_end(&self, values: &[f64]) -> Result<String, String> {
        Ok(self.frames(values)?.into_iter().map(|f| f.text).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// What the program printed, as its snapshot recorded it. insta-cmd writes one newline after
    /// the captured stdout, before the stderr marker.
    fn snapshot_stdout(name: &str) -> String {
        let (crate_name, program) = name.split_once('/').unwrap();
        let path = mdbook_listings::snapshot_path(&root(), crate_name, program);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let snap = mdbook_listings::snapshot::parse(&text).unwrap();
        assert_eq!(
            snap.args,
            Vec::<String>::new(),
            "{name} runs without arguments"
        );
        snap.stdout
            .strip_suffix('\n')
            .unwrap_or(&snap.stdout)
            .to_string()
    }

    #[test]
    fn every_panel_prints_its_snapshot_with_the_defaults() {
        for panel in PANELS {
            let text = panel.run_to_end(&panel.defaults()).unwrap();
            assert_eq!(text, snapshot_stdout(panel.name), "{}", panel.name);
        }
    }

    #[test]
    fn every_panel_is_on_a_page_and_every_page_panel_exists() {
        let mut on_pages = Vec::new();
        for entry in std::fs::read_dir(root().join("src")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                for d in mdbook_listings::directives::find(&text) {
                    if let mdbook_listings::directives::DirectiveKind::Panel { name } = d.kind {
                        find(&name).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                        on_pages.push(name);
                    }
                }
            }
        }
        for panel in PANELS {
            assert!(
                on_pages.iter().any(|n| n == panel.name),
                "the panel {} is on no page: add {{{{#panel {}}}}} below its output",
                panel.name,
                panel.name
            );
        }
    }

    #[test]
    fn defaults_lie_within_their_ranges() {
        for panel in PANELS {
            for s in panel.settings {
                assert!(s.min <= s.default && s.default <= s.max, "{}", s.key);
                assert!(!s.integer || s.default.fract() == 0.0, "{}", s.key);
            }
        }
    }

    #[test]
    fn settings_are_read_and_checked() {
        let panel = find("ch09-optimizers/valley").unwrap();
        let values = panel.parse("sgd_lr=0.1&steps=20").unwrap();
        assert_eq!(values[0], 0.1);
        assert_eq!(values[4], 20.0);
        assert_eq!(values[1], panel.settings[1].default);
        assert_eq!(panel.parse("").unwrap(), panel.defaults());
        for (query, says) in [
            ("lr=1", "`lr` is not a setting"),
            ("sgd_lr=fast", "is not a number"),
            ("sgd_lr=NaN", "outside the range"),
            ("sgd_lr=-1", "outside the range"),
            ("steps=1e9", "outside the range"),
            ("steps=2.5", "not a whole number"),
            ("steps", "name=value"),
        ] {
            let err = panel.parse(query).unwrap_err();
            assert!(err.contains(says), "{query}: {err}");
        }
        assert!(
            find("ch99/nothing")
                .unwrap_err()
                .contains("ch09-optimizers/valley")
        );
    }
}
