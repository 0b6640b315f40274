//! The figures: the losses per epoch, and the ROC curves on the test rows. The drawing
//! functions take any run, so Chapter 12 and the `train` program draw the same figures.

use std::sync::OnceLock;

use figure_style::{BLUE, FigureResult, GREEN, GREY, LABEL, ORANGE, SIZE, TICK};
use plotters::prelude::*;

use crate::calibration::{BINS, forecasts, reliability};
use crate::compare::{CHURN_TO_CONVERGENCE, Comparison, compare};
use crate::convexity::{loss_along, train_from_seed};
use crate::metrics::roc_curve;
use crate::prepare::prepare;
use crate::squared_error::{Race, TWO_LOSSES, race};
use crate::synth::churn_dataset;
use crate::train::{ARTICLE_CHURN, Config, EpochLog};

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

/// The validation cross-entropy of a race before training and after every epoch, for the
/// model trained by cross-entropy and for the one trained by squared error.
fn race_curves(r: &Race) -> [Vec<(f64, f64)>; 2] {
    [&r.cross_entropy, &r.squared_error].map(|trained| {
        let after = trained
            .log
            .iter()
            .map(|e| (e.epoch as f64, e.validation_loss));
        std::iter::once((0.0, r.before)).chain(after).collect()
    })
}

/// Squared error against cross-entropy, trained: for logistic regression (above) and the
/// network (below), the validation cross-entropy per epoch of both losses from a poor start
/// (solid) and from the usual one (dashed), on a logarithmic axis.
pub fn squared_error() -> FigureResult {
    let data = churn_dataset()?;
    let panels = [("logistic regression", 0, 30.0), ("network", 16, 10.0)];
    let mut races = Vec::new();
    for (name, hidden, scale) in panels {
        let config = Config {
            hidden,
            ..TWO_LOSSES
        };
        races.push((
            name,
            scale,
            race(&data, &config, scale)?,
            race(&data, &config, 1.0)?,
        ));
    }
    let epochs = TWO_LOSSES.epochs as f64;
    figure_style::svg((640, 640), |root| {
        let (top, bottom) = root.split_vertically(320);
        for (area, (name, scale, poor, usual)) in [&top, &bottom].into_iter().zip(&races) {
            let mut chart = ChartBuilder::on(area)
                .margin(16)
                .x_label_area_size(44)
                .y_label_area_size(60)
                .caption(*name, ("sans-serif", LABEL))
                .build_cartesian_2d(
                    0.0..epochs,
                    (0.3..40.0)
                        .log_scale()
                        .with_key_points(vec![0.5, 1.0, 2.0, 5.0, 10.0]),
                )?;
            chart
                .configure_mesh()
                .x_desc("epoch")
                .y_desc("validation cross-entropy (nats)")
                .x_label_formatter(&|v| format!("{v:.0}"))
                .y_label_formatter(&|v| format!("{v}"))
                .axis_desc_style(("sans-serif", LABEL))
                .label_style(("sans-serif", TICK))
                .light_line_style(WHITE)
                .draw()?;
            let [poor_ce, poor_se] = race_curves(poor);
            let [usual_ce, usual_se] = race_curves(usual);
            for (label, points, colour) in [
                (
                    format!("weights x{scale}, trained by cross-entropy"),
                    poor_ce,
                    BLUE,
                ),
                (
                    format!("weights x{scale}, trained by squared error"),
                    poor_se,
                    ORANGE,
                ),
            ] {
                chart
                    .draw_series(LineSeries::new(points, colour.stroke_width(2)))?
                    .label(label)
                    .legend(move |(x, y)| {
                        PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2))
                    });
            }
            for (label, points, colour) in [
                ("usual start, trained by cross-entropy", usual_ce, BLUE),
                ("usual start, trained by squared error", usual_se, ORANGE),
            ] {
                chart
                    .draw_series(DashedLineSeries::new(points, 6, 4, colour.stroke_width(2)))?
                    .label(label)
                    .legend(move |(x, y)| {
                        plotters::element::DashedPathElement::new(
                            [(x, y), (x + 20, y)],
                            6,
                            4,
                            colour.stroke_width(2),
                        )
                    });
            }
            figure_style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        }
        Ok(())
    })
}

/// The reliability diagram of the test rows at seed 42: above, the share of leavers against the
/// mean predicted probability in each bin, for the network, logistic regression, the true model
/// and the network trained with labels smoothed by 0.2, with the diagonal of perfect
/// calibration; below, how many test rows each bin holds.
pub fn reliability_diagram() -> FigureResult {
    let (models, left) = forecasts(&churn_dataset()?, &CHURN_TO_CONVERGENCE, &[0.2])?;
    let colours = [BLUE, GREEN, GREY, ORANGE];
    let curves: Vec<_> = (models.iter().zip(colours))
        .map(|(m, colour)| (m.name.clone(), reliability(&m.probs, &left, BINS), colour))
        .collect();
    let most = curves
        .iter()
        .flat_map(|c| c.1.iter().map(|b| b.count))
        .max()
        .unwrap_or(1);
    figure_style::svg((640, 720), |root| {
        let (top, bottom) = root.split_vertically(460);
        let mut chart = figure_style::chart(&top, 0.0..1.0, 0.0..1.0)?;
        chart
            .configure_mesh()
            .x_desc("mean predicted probability of leaving, per bin")
            .y_desc("share of the bin's customers who left")
            .x_label_formatter(&|v| format!("{v:.1}"))
            .y_label_formatter(&|v| format!("{v:.1}"))
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;
        chart
            .draw_series(DashedLineSeries::new(
                [(0.0, 0.0), (1.0, 1.0)],
                8,
                5,
                GREY.stroke_width(1),
            ))?
            .label("perfect calibration")
            .legend(|(x, y)| {
                plotters::element::DashedPathElement::new(
                    [(x, y), (x + 20, y)],
                    5,
                    3,
                    GREY.stroke_width(1),
                )
            });
        for (name, bins, colour) in &curves {
            let points: Vec<(f64, f64)> = bins.iter().map(|b| (b.mean_prob, b.share)).collect();
            let colour = *colour;
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))?
                .label(name.as_str())
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2))
                });
            chart.draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 3, colour.filled())),
            )?;
        }
        figure_style::legend(&mut chart, SeriesLabelPosition::UpperLeft)?;

        let mut counts = figure_style::chart(&bottom, 0.0..1.0, 0.0..(most as f64 * 1.1))?;
        counts
            .configure_mesh()
            .x_desc("bin of the predicted probability")
            .y_desc("test rows in the bin")
            .x_label_formatter(&|v| format!("{v:.1}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;
        for (_, bins, colour) in &curves {
            let points: Vec<(f64, f64)> = bins
                .iter()
                .map(|b| ((b.lo + b.hi) / 2.0, b.count as f64))
                .collect();
            counts.draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))?;
            counts.draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 3, colour.filled())),
            )?;
        }
        Ok(())
    })
}

/// The training loss on the straight line between the solutions that two seeds reach on the
/// same split, for logistic regression and for the network.
pub fn valleys() -> FigureResult {
    let data = churn_dataset()?;
    let mut rng = rand::SeedableRng::seed_from_u64(CHURN_TO_CONVERGENCE.seed);
    let prepared = prepare(&data, &CHURN_TO_CONVERGENCE, &mut rng)?;
    let mut lines = Vec::new();
    for (name, hidden, colour) in [("logistic regression", 0, GREEN), ("network", 16, BLUE)] {
        let config = Config {
            hidden,
            ..CHURN_TO_CONVERGENCE
        };
        let a = train_from_seed(&prepared, &config, 1)?.net;
        let b = train_from_seed(&prepared, &config, 2)?.net;
        lines.push((name, loss_along(&a, &b, &prepared.train, 40)?, colour));
    }
    let values = lines.iter().flat_map(|l| l.1.iter().map(|p| p.1));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let pad = 0.1 * (hi - lo);
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, 0.0..1.0, (lo - pad)..(hi + pad))?;
        chart
            .configure_mesh()
            .x_desc("t: from the seed-1 solution (0) to the seed-2 solution (1)")
            .y_desc("training loss (nats)")
            .x_label_formatter(&|v| format!("{v:.1}"))
            .y_label_formatter(&|v| format!("{v:.2}"))
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;
        for (name, points, colour) in lines {
            chart
                .draw_series(LineSeries::new(points, colour.stroke_width(2)))?
                .label(name)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2))
                });
        }
        figure_style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    })
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
