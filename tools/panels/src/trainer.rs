//! Chapters 11 and 12's trainers: `churn-train` and `iris-train`, run by the library's own
//! [`run`] on the chapters' data, compiled into the module.
//!
//! The text is what `run` prints, through its `print` callback, as the programs print it; the
//! chart takes the losses that `run` hands its `on_epoch` callback. Nothing of the trainer is
//! written again here: the settings become a [`Config`], and the rest is the chapters' code.

use std::cell::RefCell;

use ch11_churn::dataset::Dataset;
use ch11_churn::head::{BinaryHead, Head};
use ch11_churn::run::run;
use ch11_churn::table::Table;
use ch11_churn::train::{ARTICLE_CHURN, Config, EpochLog};
use ch12_iris::head::SoftmaxHead;
use ch12_iris::setup::ARTICLE_IRIS;

use crate::{Chart, Frame, Panel, Point, Run, Setting};

/// The chapters' data files, as `churn-train` and `iris-train` read them from disk.
const CHURN_CSV: &str = include_str!("../../../listings/ch11-churn/data/churn.csv");
const IRIS_CSV: &str = include_str!("../../../listings/ch12-iris/data/iris.csv");

/// The most epochs a panel runs, and the most hidden units: together with the smallest batch
/// they bound the longest run a URL can ask for. On churn (200 epochs, 64 hidden units, batches
/// of one row) that took 11 s of one core under Node's V8, the engine of Chromium.
const MAX_EPOCHS: f64 = 200.0;
const MAX_HIDDEN: f64 = 64.0;

/// A setting that is a whole number.
const fn whole(
    key: &'static str,
    label: &'static str,
    default: usize,
    min: f64,
    max: f64,
) -> Setting {
    Setting {
        key,
        label,
        default: default as f64,
        min,
        max,
        integer: true,
    }
}

/// A setting that is a fraction of the rows.
const fn fraction(key: &'static str, label: &'static str, default: f64) -> Setting {
    Setting {
        key,
        label,
        default,
        min: 0.05,
        max: 0.5,
        integer: false,
    }
}

/// The settings of a [`Config`], with its values as the defaults, in the order [`config`]
/// reads them. `max_batch` holds a whole training split at the default shares: one step an
/// epoch.
const fn settings(c: Config, max_batch: f64) -> [Setting; 8] {
    [
        Setting {
            key: "lr",
            label: "learning rate (Adam)",
            default: c.lr,
            min: 1e-6,
            max: 10.0,
            integer: false,
        },
        whole("epochs", "epochs (at most)", c.epochs, 1.0, MAX_EPOCHS),
        whole("batch_size", "batch size", c.batch_size, 1.0, max_batch),
        whole(
            "hidden",
            "hidden units (0: logistic regression)",
            c.hidden,
            0.0,
            MAX_HIDDEN,
        ),
        whole("patience", "patience (epochs)", c.patience, 1.0, MAX_EPOCHS),
        fraction(
            "validation_fraction",
            "validation share of the rest",
            c.validation_fraction,
        ),
        fraction("test_fraction", "test share of the rows", c.test_fraction),
        // Every seed up to 2^32 - 1 is exact in the page's numbers (doubles).
        whole("seed", "seed", c.seed as usize, 0.0, 4_294_967_295.0),
    ]
}

/// The settings' values as a [`Config`]: the inverse of [`settings`].
fn config(values: &[f64]) -> Result<Config, String> {
    let &[
        lr,
        epochs,
        batch_size,
        hidden,
        patience,
        validation_fraction,
        test_fraction,
        seed,
    ] = values
    else {
        return Err(format!("a trainer takes 8 settings, not {}", values.len()));
    };
    Ok(Config {
        hidden: hidden as usize,
        epochs: epochs as usize,
        lr,
        batch_size: batch_size as usize,
        patience: patience as usize,
        test_fraction,
        validation_fraction,
        seed: seed as u64,
    })
}

const CHART: Chart = Chart {
    x_label: "epoch",
    y_label: "mean loss (nats)",
    log_y: false,
    series: &["training (epoch mean)", "validation"],
};

pub const CHURN: Panel = Panel {
    name: "ch11-churn/churn-train",
    title: "The churn classifier",
    settings: &settings(ARTICLE_CHURN, 4000.0),
    chart: CHART,
    start: |values| start(values, churn(), &BinaryHead),
};

pub const IRIS: Panel = Panel {
    name: "ch12-iris/iris-train",
    title: "The Iris classifier",
    settings: &settings(ARTICLE_IRIS, 128.0),
    chart: CHART,
    start: |values| start(values, iris(), &SoftmaxHead),
};

/// The churn data as `synth::churn_dataset` reads it: the label `Churn`, `ContractType` a
/// category.
fn churn() -> Result<Dataset, String> {
    let table = Table::parse("data/churn.csv", CHURN_CSV).map_err(|e| e.to_string())?;
    Dataset::from_table(&table, "Churn", &["ContractType"]).map_err(|e| e.to_string())
}

/// The flowers as `setup::iris_dataset` reads them: every column a feature but `species`.
fn iris() -> Result<Dataset, String> {
    let table = Table::parse("data/iris.csv", IRIS_CSV).map_err(|e| e.to_string())?;
    Dataset::from_table(&table, "species", &[]).map_err(|e| e.to_string())
}

fn start(
    values: &[f64],
    data: Result<Dataset, String>,
    head: &'static dyn Head,
) -> Result<Box<dyn Run>, String> {
    let config = config(values)?;
    // The trainer's own check, so that a refused setting is refused before the run starts.
    config.check().map_err(|e| e.to_string())?;
    Ok(Box::new(Training {
        data: data?,
        head,
        config,
    }))
}

struct Training {
    data: Dataset,
    head: &'static dyn Head,
    config: Config,
}

impl Run for Training {
    fn units(&self) -> usize {
        self.config.epochs
    }

    /// Every block of text goes out as `run` prints it; every epoch's losses go out as a
    /// frame of two points.
    fn to_end(&mut self, emit: &mut dyn FnMut(Frame)) -> Result<(), String> {
        let emit = RefCell::new(emit);
        let print = &mut |text: &str| {
            (emit.borrow_mut())(Frame {
                text: text.to_string(),
                points: Vec::new(),
            })
        };
        let on_epoch = &mut |e: &EpochLog| {
            let x = e.epoch as f64;
            let points = vec![
                Point {
                    series: 0,
                    x,
                    y: e.train_loss,
                },
                Point {
                    series: 1,
                    x,
                    y: e.validation_loss,
                },
            ];
            (emit.borrow_mut())(Frame {
                text: String::new(),
                points,
            })
        };
        run(&self.data, self.head, &self.config, print, on_epoch)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_are_the_config_and_back() {
        assert_eq!(config(&CHURN.defaults()), Ok(ARTICLE_CHURN));
        assert_eq!(config(&IRIS.defaults()), Ok(ARTICLE_IRIS));
        let values = IRIS
            .parse("lr=0.05&hidden=0&seed=7&test_fraction=0.3")
            .unwrap();
        let c = config(&values).unwrap();
        assert_eq!((c.lr, c.hidden, c.seed, c.test_fraction), (0.05, 0, 7, 0.3));
        assert_eq!(c.epochs, ARTICLE_IRIS.epochs);
    }

    #[test]
    fn every_epoch_plots_the_losses_it_prints() {
        let frames = IRIS
            .frames(&IRIS.parse("epochs=4&patience=4").unwrap())
            .unwrap();
        let points: Vec<Point> = frames.iter().flat_map(|f| f.points.clone()).collect();
        assert_eq!(points.len(), 8, "two points an epoch");
        let text: String = frames.iter().map(|f| f.text.as_str()).collect();
        for p in points {
            let row = format!("{:5}  ", p.x);
            let line = text.lines().find(|l| l.starts_with(&row)).unwrap();
            assert!(line.contains(&format!("{:.4}", p.y)), "{line} {p:?}");
        }
    }

    #[test]
    fn other_settings_print_other_runs() {
        let text = CHURN
            .run_to_end(&CHURN.parse("hidden=0&epochs=2&seed=7").unwrap())
            .unwrap();
        assert!(text.contains("split (seed 7)"), "{text}");
        assert!(
            text.contains("no hidden layer: logistic regression"),
            "{text}"
        );
        assert!(text.contains("kept epoch "), "{text}");
    }

    /// Runs `query` and returns its text and how it ended; a panic fails the test, as it would
    /// trap the module in the page.
    fn ends(panel: &Panel, query: &str) -> (String, Result<(), String>) {
        let values = panel
            .parse(query)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        let mut text = String::new();
        let ended = (panel.start)(&values).and_then(|mut run| run.to_end(&mut |f| text += &f.text));
        (text, ended)
    }

    #[test]
    fn every_setting_at_either_end_of_its_range_runs_to_its_report() {
        for panel in [&CHURN, &IRIS] {
            for s in panel.settings {
                for value in [s.min, s.max] {
                    // Two epochs keep the test quick, but for the epochs themselves, which run
                    // to their end on the flowers only.
                    let query = match s.key {
                        "epochs" | "patience" if panel.name == CHURN.name => continue,
                        "epochs" | "patience" => format!("epochs={value}&patience={value}"),
                        _ => format!("{}={value}&epochs=2", s.key),
                    };
                    let (text, ended) = ends(panel, &query);
                    reported(panel, &query, &text, ended);
                }
            }
        }
    }

    #[test]
    fn the_largest_steps_on_the_smallest_batches_end_in_a_report_or_a_named_divergence() {
        // Adam moves a weight by at most about its learning rate a step, so even these weights
        // stay finite: the run ends in its report, however poor, or in the message that it
        // diverged; never in a panic or a NaN.
        let query = "lr=10&hidden=64&batch_size=1&epochs=5&patience=5";
        let (text, ended) = ends(&IRIS, query);
        reported(&IRIS, query, &text, ended);
    }

    /// A run ends in its report, or, when its steps are too large, in the trainer's own
    /// message that it diverged (Chapter 11's rule), which the panel shows: never in anything
    /// else.
    fn reported(panel: &Panel, query: &str, text: &str, ended: Result<(), String>) {
        match ended {
            Ok(()) => assert!(text.contains("kept epoch"), "{query}: {text}"),
            Err(e) => assert!(
                e.contains("training diverged in epoch") && e.contains("steps are too large"),
                "{}: {query}: {e}",
                panel.name
            ),
        }
    }
}
