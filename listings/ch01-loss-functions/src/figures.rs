//! The chapter's figures: the class with two lines, and the walk down the hill.

use figure_style::{BLUE, FigureResult, GREY, LABEL, ORANGE, RED, SIZE, TICK};
use plotters::prelude::*;

use crate::hill::{LR, START, STEPS, descend, height};
use crate::line::{self, Line};
use crate::students::CLASS;

/// The line after the nudges of `nudge`: one mistake fixed.
const NUDGED: Line = Line {
    w_hours: 0.7,
    ..line::START
};

/// Students as points (passed: blue discs, failed: orange crosses), the starting line and the
/// nudged one. Mistakes of the starting line are ringed in red.
pub fn students() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, 0.0..10.0, 0.0..12.0)?;
        chart
            .configure_mesh()
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_desc("hours studied")
            .y_desc("practice exam score")
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;

        let line_points = |l: Line| {
            // practice = -(w_hours * hours + b) / w_practice, across the plot.
            [0.0, 10.0].map(|h| (h, -(l.w_hours * h + l.b) / l.w_practice))
        };
        chart
            .draw_series(LineSeries::new(
                line_points(line::START),
                GREY.stroke_width(2),
            ))?
            .label("starting line: 2 mistakes")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], GREY.stroke_width(2)));
        chart
            .draw_series(LineSeries::new(line_points(NUDGED), BLUE.stroke_width(2)))?
            .label("nudged line: 1 mistake")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLUE.stroke_width(2)));

        let passed = CLASS.iter().filter(|s| s.passed);
        let failed = CLASS.iter().filter(|s| !s.passed);
        chart
            .draw_series(passed.map(|s| Circle::new((s.hours, s.practice), 6, BLUE.filled())))?
            .label("passed")
            .legend(|(x, y)| Circle::new((x + 10, y), 6, BLUE.filled()));
        chart
            .draw_series(
                failed.map(|s| Cross::new((s.hours, s.practice), 6, ORANGE.stroke_width(3))),
            )?
            .label("failed")
            .legend(|(x, y)| Cross::new((x + 10, y), 6, ORANGE.stroke_width(3)));
        let mistakes = CLASS
            .iter()
            .filter(|s| line::START.predicts_pass(s) != s.passed);
        chart.draw_series(
            mistakes.map(|s| Circle::new((s.hours, s.practice), 12, RED.stroke_width(2))),
        )?;

        figure_style::legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })
}

/// Contour lines of the hill and the path that gradient descent walks down it.
pub fn hill() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, -5.0..5.0, -3.0..3.0)?;
        figure_style::axes(&mut chart, "x", "y")?;

        // Contours: the ellipses x²/4 + y² = c, one per height.
        for c in [0.25, 1.0, 2.25, 4.0, 6.25, 9.0_f64] {
            let ellipse = (0..=120).map(|i| {
                let t = i as f64 / 120.0 * std::f64::consts::TAU;
                (2.0 * c.sqrt() * libm::cos(t), c.sqrt() * libm::sin(t))
            });
            chart.draw_series(LineSeries::new(ellipse, GREY.mix(0.6)))?;
        }

        let path = descend(START, LR, STEPS);
        chart
            .draw_series(LineSeries::new(path.clone(), BLUE.stroke_width(2)))?
            .label(format!("{STEPS} steps, learning rate {LR}"))
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLUE.stroke_width(2)));
        chart.draw_series(path.iter().map(|&p| Circle::new(p, 4, BLUE.filled())))?;
        let (x0, y0) = START;
        chart.draw_series([Text::new(
            format!("start, height {:.2}", height(x0, y0)),
            (x0 + 0.2, y0 + 0.2),
            ("sans-serif", TICK),
        )])?;

        figure_style::legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        Ok(())
    })
}
