//! The chapter's figure: squared error and cross-entropy on a sigmoid output, and their slopes.

use ch02_sigmoid::log_sigmoid;
use ch02_sigmoid::sigmoid;
use figure_style::{BLUE, FigureResult, GREY, LABEL, ORANGE, TICK};
use plotters::prelude::*;

use crate::squared_error::{squared_error, squared_error_grad};

/// `n + 1` evenly spaced points of `f` on `[a, b]`.
fn sampled(a: f64, b: f64, n: usize, f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    (0..=n)
        .map(|i| a + (b - a) * i as f64 / n as f64)
        .map(|z| (z, f(z)))
        .collect()
}

/// Two panels over the logit `z` of a sample with label 1: above, the two losses; below, their
/// slopes `σ(z) - 1` and `(σ(z) - 1) σ(z)(1 - σ(z))`.
pub fn saturation() -> FigureResult {
    let (lo, hi) = (-10.0, 4.0);
    figure_style::svg((640, 640), |root| {
        let (top, bottom) = root.split_vertically(320);
        let panels = [
            (
                &top,
                (-0.1, 3.0),
                SeriesLabelPosition::UpperRight,
                "loss of the sample (nats)",
                [
                    (
                        "cross-entropy: -ln σ(z)",
                        sampled(lo, hi, 280, |z| -log_sigmoid(z)),
                    ),
                    (
                        "squared error: ½(σ(z) - 1)²",
                        sampled(lo, hi, 280, |z| squared_error(z, 1.0)),
                    ),
                ],
            ),
            (
                &bottom,
                (-1.1, 0.1),
                SeriesLabelPosition::MiddleLeft,
                "slope in the logit",
                [
                    (
                        "cross-entropy: σ(z) - 1",
                        sampled(lo, hi, 280, |z| sigmoid(z) - 1.0),
                    ),
                    (
                        "squared error: (σ(z) - 1) σ(z)(1 - σ(z))",
                        sampled(lo, hi, 280, |z| squared_error_grad(z, 1.0)),
                    ),
                ],
            ),
        ];
        for (area, (y_lo, y_hi), position, y_desc, curves) in panels {
            let mut chart = figure_style::chart(area, lo..hi, y_lo..y_hi)?;
            chart
                .configure_mesh()
                .x_label_formatter(&|v| format!("{v:.0}"))
                // A tick at zero may fall a rounding error below it: show it as 0.0, not -0.0.
                .y_label_formatter(&|v| format!("{:.1}", if v.abs() < 1e-9 { 0.0 } else { *v }))
                .x_desc("logit z of a sample with label 1")
                .y_desc(y_desc)
                .axis_desc_style(("sans-serif", LABEL))
                .label_style(("sans-serif", TICK))
                .light_line_style(WHITE)
                .draw()?;
            chart.draw_series(LineSeries::new([(lo, 0.0), (hi, 0.0)], GREY.mix(0.5)))?;
            for ((label, points), colour) in curves.into_iter().zip([BLUE, ORANGE]) {
                let inside = points.into_iter().filter(|&(_, v)| v <= y_hi);
                chart
                    .draw_series(LineSeries::new(inside, colour.stroke_width(3)))?
                    .label(label)
                    .legend(move |(x, y)| {
                        PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(3))
                    });
            }
            figure_style::legend(&mut chart, position)?;
        }
        Ok(())
    })
}
