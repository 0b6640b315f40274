//! The chapter's figures: the sigmoid with its slope, and Chapter 1's class on the sigmoid.

use ch01_loss_functions::line::START;
use ch01_loss_functions::students::CLASS;
use figure_style::{BLUE, FigureResult, GREY, LABEL, ORANGE, RED, SIZE, TICK};
use plotters::prelude::*;

use crate::pass::pass_probability;
use crate::sigmoid::{sigmoid, sigmoid_derivative};

/// `n + 1` evenly spaced points of `f` on `[a, b]`.
fn sampled(a: f64, b: f64, n: usize, f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    (0..=n)
        .map(|i| a + (b - a) * i as f64 / n as f64)
        .map(|z| (z, f(z)))
        .collect()
}

/// The sigmoid and its derivative on [-8, 8], with the level 0.5 and the peak slope 0.25.
pub fn curve() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, -8.0..8.0, 0.0..1.05)?;
        chart
            .configure_mesh()
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.1}"))
            .x_desc("score z")
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;
        for level in [0.5, 0.25] {
            chart.draw_series(LineSeries::new(
                [(-8.0, level), (8.0, level)],
                GREY.mix(0.5),
            ))?;
        }
        chart
            .draw_series(LineSeries::new(
                sampled(-8.0, 8.0, 320, sigmoid),
                BLUE.stroke_width(3),
            ))?
            .label("σ(z)")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLUE.stroke_width(3)));
        chart
            .draw_series(LineSeries::new(
                sampled(-8.0, 8.0, 320, sigmoid_derivative),
                ORANGE.stroke_width(3),
            ))?
            .label("σ'(z) = σ(z)(1 - σ(z))")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], ORANGE.stroke_width(3)));
        figure_style::legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })
}

/// Chapter 1's fourteen students placed by the starting line's score, at 1 if they passed and
/// 0 if they failed, with the sigmoid of the score as the predicted probability of passing.
/// The line's two mistakes are ringed in red.
pub fn students() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, -6.0..6.0, -0.08..1.08)?;
        chart
            .configure_mesh()
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.1}"))
            .x_desc("score of the starting line: 0.5 hours + practice - 8")
            .y_desc("probability of passing")
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;
        chart.draw_series(LineSeries::new([(0.0, -0.08), (0.0, 1.08)], GREY.mix(0.5)))?;
        chart
            .draw_series(LineSeries::new(
                sampled(-6.0, 6.0, 240, sigmoid),
                GREY.stroke_width(2),
            ))?
            .label("σ(score): predicted P(pass)")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], GREY.stroke_width(2)));

        // Each student: the outcome (1 or 0) and, on the curve, the probability the line gives.
        for s in &CLASS {
            let (z, p) = (START.score(s), pass_probability(&START, s));
            let outcome = if s.passed { 1.0 } else { 0.0 };
            let colour = if s.passed { BLUE } else { ORANGE };
            chart.draw_series(LineSeries::new([(z, outcome), (z, p)], colour.mix(0.4)))?;
            chart.draw_series([Circle::new((z, p), 3, colour.filled())])?;
        }
        let passed = CLASS.iter().filter(|s| s.passed);
        let failed = CLASS.iter().filter(|s| !s.passed);
        chart
            .draw_series(passed.map(|s| Circle::new((START.score(s), 1.0), 6, BLUE.filled())))?
            .label("passed (outcome 1)")
            .legend(|(x, y)| Circle::new((x + 10, y), 6, BLUE.filled()));
        chart
            .draw_series(
                failed.map(|s| Cross::new((START.score(s), 0.0), 6, ORANGE.stroke_width(3))),
            )?
            .label("failed (outcome 0)")
            .legend(|(x, y)| Cross::new((x + 10, y), 6, ORANGE.stroke_width(3)));
        let mistakes = CLASS.iter().filter(|s| START.predicts_pass(s) != s.passed);
        chart.draw_series(mistakes.map(|s| {
            let outcome = if s.passed { 1.0 } else { 0.0 };
            Circle::new((START.score(s), outcome), 12, RED.stroke_width(2))
        }))?;

        figure_style::legend(&mut chart, SeriesLabelPosition::Coordinate(60, 110))?;
        Ok(())
    })
}
