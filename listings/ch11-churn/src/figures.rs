//! The figures: the losses per epoch, and the ROC curves on the test rows. The drawing
//! functions take any run, so Chapter 12 and the `train` program draw the same figures.

use std::sync::OnceLock;

use figure_style::{BLUE, FigureResult, GREEN, GREY, LABEL, ORANGE, SIZE, TICK};
use plotters::prelude::*;

use crate::compare::{Comparison, compare};
use crate::metrics::roc_curve;
use crate::synth::churn_dataset;
use crate::train::{ARTICLE_CHURN, EpochLog};

/// A training log to draw, and its name in the legend.
pub type Named<'a> = (&'a str, &'a [EpochLog]);

// ANCHOR: loss_curves
/// The training loss of `main` (the epoch's mean as a line, its last batch as crosses) and
/// its validation loss; optionally another model's validation loss, and a dashed line at a
/// constant loss (`floor`). Fails on an empty log or a loss that is not finite.
pub fn loss_curves(
    y_desc: &str,
    main: Named,
    other: Option<Named>,
    floor: Option<(&str, f64)>,
) -> FigureResult {
    let (name, log) = main;
    let values = log
        .iter()
        .flat_map(|e| [e.train_loss, e.last_batch, e.validation_loss])
        .chain(
            other
                .iter()
                .flat_map(|o| o.1.iter().map(|e| e.validation_loss)),
        )
        .chain(floor.map(|f| f.1));
    let values: Vec<f64> = values.collect();
    if log.is_empty() || values.iter().any(|v| !v.is_finite()) {
        return Err("a loss figure needs at least one epoch and finite losses".into());
    }
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = 0.08 * (hi - lo).max(1e-3);
    let epochs = log.len().max(other.map_or(0, |o| o.1.len())) as f64;
    figure_style::svg(SIZE, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(60)
            .build_cartesian_2d(0.5..epochs + 0.5, (lo - pad)..(hi + pad))?;
        chart
            .configure_mesh()
            .x_desc("epoch")
            .y_desc(y_desc)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.2}"))
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;
        let at = |log: &[EpochLog], f: fn(&EpochLog) -> f64| {
            log.iter()
                .map(move |e| (e.epoch as f64, f(e)))
                .collect::<Vec<_>>()
        };
        let line = |c: RGBColor| {
            move |(x, y): (i32, i32)| PathElement::new([(x, y), (x + 20, y)], c.stroke_width(2))
        };
        chart
            .draw_series(LineSeries::new(
                at(log, |e| e.train_loss),
                BLUE.stroke_width(2),
            ))?
            .label(format!("training loss, {name}: mean over the epoch"))
            .legend(line(BLUE));
        let crosses = at(log, |e| e.last_batch);
        chart
            .draw_series(
                crosses
                    .into_iter()
                    .map(|p| Cross::new(p, 5, BLUE.stroke_width(2))),
            )?
            .label("training loss, last batch only")
            .legend(|(x, y)| Cross::new((x + 10, y), 5, BLUE.stroke_width(2)));
        chart
            .draw_series(LineSeries::new(
                at(log, |e| e.validation_loss),
                ORANGE.stroke_width(2),
            ))?
            .label(format!("validation loss, {name}"))
            .legend(line(ORANGE));
        if let Some((other_name, other_log)) = other {
            let points = at(other_log, |e| e.validation_loss);
            chart
                .draw_series(LineSeries::new(points, GREEN.stroke_width(2)))?
                .label(format!("validation loss, {other_name}"))
                .legend(line(GREEN));
        }
        if let Some((floor_name, value)) = floor {
            let points = [(0.5, value), (epochs + 0.5, value)];
            chart
                .draw_series(DashedLineSeries::new(points, 8, 5, GREY.stroke_width(2)))?
                .label(floor_name)
                .legend(|(x, y)| {
                    plotters::element::DashedPathElement::new(
                        [(x, y), (x + 20, y)],
                        5,
                        3,
                        GREY.stroke_width(2),
                    )
                });
        }
        figure_style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    })
}
// ANCHOR_END: loss_curves

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
            .x_desc("false positive rate (negatives flagged)")
            .y_desc("true positive rate (positives flagged)")
            .x_label_formatter(&|v| format!("{v:.1}"))
            .y_label_formatter(&|v| format!("{v:.1}"))
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;
        let diagonal = [(0.0, 0.0), (1.0, 1.0)];
        chart.draw_series(DashedLineSeries::new(diagonal, 8, 5, GREY.stroke_width(1)))?;
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

/// The chapter's comparison at seed 42 with the article's budget, computed once however many
/// figures need it.
fn chapter() -> Result<&'static Comparison, String> {
    static RUN: OnceLock<Result<Comparison, String>> = OnceLock::new();
    let run = || {
        let data = churn_dataset()?;
        let mut one = compare(&data, &ARTICLE_CHURN, 42..43)?;
        Ok(one.remove(0))
    };
    RUN.get_or_init(|| run().map_err(|e: crate::TrainError| e.to_string()))
        .as_ref()
        .map_err(Clone::clone)
}

/// The chapter's loss figure: the article's network, logistic regression and the true model,
/// on the validation rows.
pub fn loss() -> FigureResult {
    let c = chapter()?;
    let rows = &c.network.prepared;
    let truth = crate::compare::truth(&rows.rows.validation, &rows.validation.y)?;
    loss_curves(
        "binary cross-entropy (nats)",
        ("6-16-1 network", &c.network.trained.log),
        Some(("logistic regression", &c.logistic.trained.log)),
        Some(("true model on the validation rows", truth.loss)),
    )
}

/// The chapter's ROC figure: the three models on the same test rows.
pub fn roc() -> FigureResult {
    let c = chapter()?;
    let y = &c.network.prepared.test.y;
    let scored = |scores: Vec<f64>| -> Vec<(f64, bool)> {
        scores
            .into_iter()
            .zip(y)
            .map(|(s, &c)| (s, c == 1))
            .collect()
    };
    let class_one = |probs: &ndarray::Array2<f64>| probs.column(1).to_vec();
    let net = roc_curve(&scored(class_one(&c.network.test.probs))).ok_or("one class")?;
    let lr = roc_curve(&scored(class_one(&c.logistic.test.probs))).ok_or("one class")?;
    let truth = roc_curve(&scored(c.truth.logits.to_vec())).ok_or("one class")?;
    roc_curves(&[
        ("6-16-1 network", &net),
        ("logistic regression", &lr),
        ("true model", &truth),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(epoch: usize, loss: f64) -> EpochLog {
        EpochLog {
            epoch,
            train_loss: loss,
            last_batch: loss,
            validation_loss: loss,
        }
    }

    #[test]
    fn an_empty_log_or_a_non_finite_loss_has_no_figure() {
        assert!(loss_curves("loss", ("m", &[]), None, None).is_err());
        for bad in [f64::NAN, f64::INFINITY] {
            let log = [line(1, 0.6), line(2, bad)];
            assert!(loss_curves("loss", ("m", &log), None, None).is_err());
            let one = [line(1, 0.6)];
            assert!(loss_curves("loss", ("m", &one), None, Some(("f", bad))).is_err());
        }
    }

    #[test]
    fn a_one_epoch_log_is_drawn() {
        let svg = loss_curves("loss", ("m", &[line(1, 0.6)]), None, None).unwrap();
        assert!(svg.starts_with("<svg"));
    }
}
