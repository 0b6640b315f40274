//! The chapter's figure: three optimizers on a long, narrow valley.

use figure_style::{BLUE, FigureResult, GREEN, GREY, ORANGE, SIZE};
use plotters::prelude::*;

use crate::optimizer::{Adam, Momentum, Optimizer, Sgd};
use crate::problems::{VALLEY_START, VALLEY_STEPS, valley_path};

/// Contours of the valley `x²/10 + 5y²` and the first steps of gradient descent, momentum and
/// Adam from the same start, with the settings of the `valley` program.
pub fn valley() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, -10.0..3.0, -2.0..2.0)?;
        figure_style::axes(&mut chart, "x", "y")?;

        // Contours: the ellipses x²/10 + 5y² = c.
        for c in [0.1, 0.5, 1.5, 4.0, 8.0, 19.35_f64] {
            let ellipse = (0..=160).map(|i| {
                let t = i as f64 / 160.0 * std::f64::consts::TAU;
                (
                    (10.0 * c).sqrt() * libm::cos(t),
                    (c / 5.0).sqrt() * libm::sin(t),
                )
            });
            chart.draw_series(LineSeries::new(ellipse, GREY.mix(0.5)))?;
        }

        let steps = VALLEY_STEPS;
        let runs: [(&str, RGBColor, Box<dyn Optimizer>); 3] = [
            (
                "gradient descent, lr 0.18",
                BLUE,
                Box::new(Sgd { lr: 0.18 }),
            ),
            (
                "momentum, lr 0.05, beta 0.9",
                ORANGE,
                Box::new(Momentum::new(0.05, 0.9)),
            ),
            ("Adam, lr 0.5", GREEN, Box::new(Adam::new(0.5))),
        ];
        for (label, colour, mut opt) in runs {
            let path = valley_path(opt.as_mut(), VALLEY_START, steps);
            chart
                .draw_series(LineSeries::new(path.clone(), colour.stroke_width(2)))?
                .label(format!("{label}, {steps} steps"))
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2))
                });
            chart.draw_series(path.iter().map(|&p| Circle::new(p, 3, colour.filled())))?;
        }
        chart.draw_series([Circle::new((0.0, 0.0), 5, GREY.filled())])?;

        figure_style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    })
}
