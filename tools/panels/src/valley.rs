//! Chapter 9's valley: gradient descent, momentum and Adam walk down `x²/10 + 5y²`, printed as
//! the program `valley` prints it, one step per unit.
//!
//! Each step calls the chapter's own `valley_path` for one step from where the walk stands,
//! with the same optimizer (which keeps its velocity or running averages between calls). That
//! visits exactly the points, to the bit, of one long `valley_path` call, so with the default
//! settings the text is the program's.

use ch09_optimizers::problems::{VALLEY_START, VALLEY_STEPS, valley, valley_path};
use ch09_optimizers::{Adam, Momentum, Optimizer, Sgd};

use crate::{Chart, Frame, Panel, Point, Run, Setting};

const fn setting(key: &'static str, label: &'static str, default: f64, max: f64) -> Setting {
    Setting {
        key,
        label,
        default,
        min: 0.0001,
        max,
        integer: false,
    }
}

pub const PANEL: Panel = Panel {
    name: "ch09-optimizers/valley",
    title: "Three optimizers in the valley",
    settings: &[
        // The settings `valley` uses.
        setting("sgd_lr", "gradient descent: learning rate", 0.18, 10.0),
        setting("momentum_lr", "momentum: learning rate", 0.05, 10.0),
        Setting {
            min: 0.0,
            ..setting("beta", "momentum: beta", 0.9, 0.999)
        },
        setting("adam_lr", "Adam: learning rate", 0.5, 10.0),
        Setting {
            key: "steps",
            label: "steps",
            default: VALLEY_STEPS as f64,
            min: 1.0,
            max: 1000.0,
            integer: true,
        },
        Setting {
            min: -100.0,
            ..setting("x", "start: x", VALLEY_START.0, 100.0)
        },
        Setting {
            min: -100.0,
            ..setting("y", "start: y", VALLEY_START.1, 100.0)
        },
    ],
    chart: Chart {
        x_label: "step",
        y_label: "height f(x, y)",
        log_y: true,
        series: &["sgd", "momentum", "adam"],
    },
    start,
};

/// One optimizer's walk: its name, its settings as printed, where it stands.
struct Walker {
    name: &'static str,
    settings: String,
    optimizer: Box<dyn Optimizer>,
    at: (f64, f64),
}

struct Walk {
    walkers: Vec<Walker>,
    start: (f64, f64),
    step: usize,
    steps: usize,
}

fn start(values: &[f64]) -> Result<Box<dyn Run>, String> {
    let &[sgd_lr, momentum_lr, beta, adam_lr, steps, x, y] = values else {
        return Err(format!("the valley takes 7 settings, not {}", values.len()));
    };
    let start = (x, y);
    let walker = |name, settings, optimizer| Walker {
        name,
        settings,
        optimizer,
        at: start,
    };
    Ok(Box::new(Walk {
        walkers: vec![
            walker("sgd", format!("lr {sgd_lr}"), Box::new(Sgd { lr: sgd_lr })),
            walker(
                "momentum",
                format!("lr {momentum_lr}, beta {beta}"),
                Box::new(Momentum::new(momentum_lr, beta)),
            ),
            walker(
                "adam",
                format!("lr {adam_lr}"),
                Box::new(Adam::new(adam_lr)),
            ),
        ],
        start,
        step: 0,
        steps: steps as usize,
    }))
}

impl Walk {
    /// The table's row for the current step, printed every ten steps.
    fn row(&self, frame: &mut Frame) {
        frame.text.push_str(&format!("{:4}", self.step));
        for w in &self.walkers {
            frame
                .text
                .push_str(&format!("  {:9.4}", valley(w.at.0, w.at.1)));
        }
        frame.text.push('\n');
    }

    fn plot(&self, frame: &mut Frame) {
        for (series, w) in self.walkers.iter().enumerate() {
            frame.points.push(Point {
                series,
                x: self.step as f64,
                y: valley(w.at.0, w.at.1),
            });
        }
    }

    fn header(&self, frame: &mut Frame) {
        let text = &mut frame.text;
        text.push_str(&format!("f(x, y) = x^2/10 + 5 y^2 from {:?}\n", self.start));
        for w in &self.walkers {
            text.push_str(&format!("  {:9} {}\n", w.name, w.settings));
        }
        text.push_str("step");
        for w in &self.walkers {
            text.push_str(&format!("  {:>9}", w.name));
        }
        text.push('\n');
    }

    /// Takes one step (the first call also prints the header and the start), adding to `frame`
    /// what it printed and plotted. Returns whether the walk is finished.
    fn advance(&mut self, frame: &mut Frame) -> Result<bool, String> {
        if self.step == 0 {
            self.header(frame);
            self.row(frame);
            self.plot(frame);
        }
        self.step += 1;
        let first = valley(self.start.0, self.start.1);
        for w in &mut self.walkers {
            w.at = valley_path(w.optimizer.as_mut(), w.at, 1)[1];
            let height = valley(w.at.0, w.at.1);
            if !height.is_finite() || height > 1000.0 * first.max(1.0) {
                return Err(format!(
                    "{} diverged: by step {} the height grew from {first} to {height:.3e}; \
                     try a smaller learning rate",
                    w.name, self.step
                ));
            }
        }
        self.plot(frame);
        // The program prints every tenth step; a run of other length also ends on a row.
        if self.step.is_multiple_of(10) || self.step == self.steps {
            self.row(frame);
        }
        Ok(self.step == self.steps)
    }
}

impl Run for Walk {
    fn units(&self) -> usize {
        self.steps
    }

    fn to_end(&mut self, emit: &mut dyn FnMut(Frame)) -> Result<(), String> {
        loop {
            let mut frame = Frame::default();
            let done = self.advance(&mut frame);
            emit(frame);
            if done? {
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_at_a_time_visits_the_points_of_one_long_walk() {
        let frames = PANEL.frames(&PANEL.defaults()).unwrap();
        assert_eq!(frames.len(), VALLEY_STEPS, "a frame per step");
        let long = valley_path(&mut Adam::new(0.5), VALLEY_START, VALLEY_STEPS);
        let adam: Vec<f64> = frames
            .iter()
            .flat_map(|f| &f.points)
            .filter(|p| p.series == 2)
            .map(|p| p.y)
            .collect();
        let want: Vec<f64> = long.iter().map(|&(x, y)| valley(x, y)).collect();
        assert_eq!(adam, want);
    }

    #[test]
    fn a_learning_rate_too_large_is_named_as_divergence() {
        let mut values = PANEL.defaults();
        values[0] = 0.5;
        let err = PANEL.run_to_end(&values).unwrap_err();
        assert!(err.starts_with("sgd diverged: by step "), "{err}");
    }

    #[test]
    fn other_settings_print_other_numbers() {
        let values = PANEL.parse("adam_lr=0.1&steps=30&x=3").unwrap();
        let text = PANEL.run_to_end(&values).unwrap();
        assert!(text.starts_with("f(x, y) = x^2/10 + 5 y^2 from (3.0, 1.5)\n"));
        assert!(text.contains("  adam      lr 0.1\n"), "{text}");
        assert!(text.trim_end().lines().last().unwrap().starts_with("  30 "));
    }
}
