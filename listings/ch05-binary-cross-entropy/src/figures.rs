//! The chapter's figure: the cost of one sample against the predicted probability.

use figure_style::{BLUE, FigureResult, ORANGE, SIZE};
use plotters::prelude::*;

use crate::bce::bce_term;

/// `-ln p` (the cost when the label is 1) and `-ln(1 - p)` (when it is 0).
pub fn costs() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, 0.0..1.0, 0.0..5.0)?;
        figure_style::axes(
            &mut chart,
            "predicted probability p that the label is 1",
            "loss of the sample (nats)",
        )?;
        let grid = || (1..200).map(|i| f64::from(i) / 200.0);
        for (y, colour, label) in [
            (1.0, BLUE, "label 1: -ln p"),
            (0.0, ORANGE, "label 0: -ln(1 - p)"),
        ] {
            let curve = grid()
                .map(move |p| (p, bce_term(p, y)))
                .filter(|&(_, c)| c <= 5.0);
            chart
                .draw_series(LineSeries::new(curve, colour.stroke_width(2)))?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2))
                });
        }
        figure_style::legend(&mut chart, SeriesLabelPosition::UpperMiddle)?;
        Ok(())
    })
}
