//! The chapter's figures: the losses per epoch, and the ROC curves on the test rows. The
//! drawing functions take any run, so the `train` program draws the same figures for the
//! reader's own data.

use std::sync::OnceLock;

use figure_style::{BLUE, FigureResult, GREEN, GREY, LABEL, ORANGE, SIZE, TICK};
use plotters::prelude::*;

use crate::compare::{Comparison, chapter_comparison};
use crate::metrics::roc_curve;
use crate::train::EpochLog;

/// The training loss (epoch mean and last batch) and the test loss per epoch; optionally a
/// second model's test loss and a horizontal line at the true model's loss. Fails on a log of
/// no epochs, or on a loss that is not a finite number: neither has a range to plot.
pub fn loss_curves(
    log: &[EpochLog],
    baseline: Option<&[EpochLog]>,
    true_loss: Option<f64>,
) -> FigureResult {
    if log.is_empty() {
        return Err("no epochs to plot: the training log is empty".into());
    }
    let all = log
        .iter()
        .flat_map(|e| [e.train.mean, e.train.last_batch, e.test]);
    let extra = baseline
        .unwrap_or_default()
        .iter()
        .map(|e| e.test)
        .chain(true_loss);
    let losses: Vec<f64> = all.chain(extra).collect();
    if let Some(v) = losses.iter().find(|v| !v.is_finite()) {
        return Err(format!("cannot plot a loss of {v}: every loss must be finite").into());
    }
    let (lo, hi) = losses
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let pad = 0.08 * (hi - lo).max(1e-3);
    let epochs = log.len() as f64;
    figure_style::svg(SIZE, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(60)
            .build_cartesian_2d(0.5..epochs + 0.5, (lo - pad)..(hi + pad))?;
        chart
            .configure_mesh()
            .x_desc("epoch")
            .y_desc("binary cross-entropy")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.2}"))
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;

        let at = |f: fn(&EpochLog) -> f64| log.iter().map(move |e| (e.epoch as f64, f(e)));
        chart
            .draw_series(LineSeries::new(at(|e| e.train.mean), BLUE.stroke_width(2)))?
            .label("training loss, mean over the epoch")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLUE.stroke_width(2)));
        chart
            .draw_series(
                at(|e| e.train.last_batch).map(|p| Cross::new(p, 5, BLUE.stroke_width(2))),
            )?
            .label("training loss, last batch only")
            .legend(|(x, y)| Cross::new((x + 10, y), 5, BLUE.stroke_width(2)));
        chart
            .draw_series(LineSeries::new(at(|e| e.test), ORANGE.stroke_width(2)))?
            .label("test loss")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], ORANGE.stroke_width(2)));
        if let Some(baseline) = baseline {
            let points = baseline.iter().map(|e| (e.epoch as f64, e.test));
            chart
                .draw_series(LineSeries::new(points, GREEN.stroke_width(2)))?
                .label("test loss, logistic regression")
                .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], GREEN.stroke_width(2)));
        }
        if let Some(best) = true_loss {
            let line = [(0.5, best), (epochs + 0.5, best)];
            chart
                .draw_series(DashedLineSeries::new(line, 8, 5, GREY.stroke_width(2)))?
                .label("true model on the test rows")
                .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], GREY.stroke_width(2)));
        }
        figure_style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    })
}

/// ROC curves, one per named model, with the diagonal of a model that guesses.
pub fn roc_curves(curves: &[(&str, &[(f64, f64)])]) -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..1.0, 0.0..1.0)?;
        chart
            .configure_mesh()
            .x_desc("false positive rate (stayed, flagged)")
            .y_desc("true positive rate (left, flagged)")
            .x_label_formatter(&|v| format!("{v:.1}"))
            .y_label_formatter(&|v| format!("{v:.1}"))
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;
        chart.draw_series(DashedLineSeries::new(
            [(0.0, 0.0), (1.0, 1.0)],
            8,
            5,
            GREY.stroke_width(1),
        ))?;
        let colours = [BLUE, GREEN, ORANGE];
        for (k, (name, curve)) in curves.iter().enumerate() {
            let colour = colours[k % colours.len()];
            chart
                .draw_series(LineSeries::new(
                    curve.iter().copied(),
                    colour.stroke_width(2),
                ))?
                .label(*name)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2))
                });
        }
        figure_style::legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        Ok(())
    })
}

/// The chapter's comparison, computed once however many figures need it.
fn chapter() -> Result<&'static Comparison, String> {
    static RUN: OnceLock<Result<Comparison, String>> = OnceLock::new();
    RUN.get_or_init(|| chapter_comparison().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(Clone::clone)
}

/// The chapter's loss figure: the article's network, logistic regression and the true model.
pub fn loss() -> FigureResult {
    let c = chapter()?;
    loss_curves(&c.net.log, Some(&c.baseline.log), Some(c.true_loss))
}

/// The chapter's ROC figure: the three models on the same test rows.
pub fn roc() -> FigureResult {
    let c = chapter()?;
    let y = c.y_test.to_vec();
    let net = roc_curve(&c.net.test_logits.to_vec(), &y)?;
    let baseline = roc_curve(&c.baseline.test_logits.to_vec(), &y)?;
    let truth = roc_curve(&c.true_logits.to_vec(), &y)?;
    roc_curves(&[
        ("6 -> 16 ReLU -> 1", &net),
        ("logistic regression", &baseline),
        ("true model", &truth),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::EpochLoss;

    fn line(epoch: usize, loss: f64) -> EpochLog {
        let train = EpochLoss {
            mean: loss,
            last_batch: loss,
        };
        EpochLog {
            epoch,
            train,
            test: loss,
        }
    }

    #[test]
    fn an_empty_log_has_no_loss_figure() {
        let e = loss_curves(&[], None, None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no epochs to plot: the training log is empty"
        );
        // A baseline or a true loss alone does not make a figure either.
        assert!(loss_curves(&[], Some(&[line(1, 0.5)]), Some(0.4)).is_err());
    }

    #[test]
    fn a_non_finite_loss_has_no_loss_figure() {
        for bad in [f64::NAN, f64::INFINITY] {
            let log = [line(1, 0.6), line(2, bad)];
            assert!(loss_curves(&log, None, None).is_err(), "{bad}");
            assert!(
                loss_curves(&[line(1, 0.6)], None, Some(bad)).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_one_epoch_log_is_drawn() {
        let svg = loss_curves(&[line(1, 0.6)], None, None).unwrap();
        assert!(svg.starts_with("<svg"));
    }
}
