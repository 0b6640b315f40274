//! The chapter's figure: 0-1 loss, hinge loss and cross-entropy against the margin.

use figure_style::{BLUE, FigureResult, GREY, ORANGE, SIZE};
use plotters::prelude::*;

use crate::hinge::{hinge, logistic, zero_one};

/// The three losses of one sample as functions of the margin `y f(x)`; cross-entropy in bits,
/// so that it passes through 1 at margin 0 like the other two.
pub fn margins() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, -2.0..4.0, 0.0..3.2)?;
        figure_style::axes(&mut chart, "margin y·f(x)", "loss")?;
        let grid = || (0..=600).map(|i| -2.0 + f64::from(i) / 100.0);
        chart
            .draw_series(LineSeries::new(
                grid().map(|m| (m, zero_one(m))),
                GREY.stroke_width(2),
            ))?
            .label("0-1 loss")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], GREY.stroke_width(2)));
        chart
            .draw_series(LineSeries::new(
                grid().map(|m| (m, hinge(m))),
                ORANGE.stroke_width(2),
            ))?
            .label("hinge: max(0, 1 - m)")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], ORANGE.stroke_width(2)));
        let bits = |m: f64| logistic(m) / std::f64::consts::LN_2;
        chart
            .draw_series(LineSeries::new(
                grid().map(|m| (m, bits(m))),
                BLUE.stroke_width(2),
            ))?
            .label("cross-entropy, bits")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLUE.stroke_width(2)));
        figure_style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    })
}
