//! The chapter's figure: the entropy of a biased coin.

use figure_style::{BLUE, FigureResult, ORANGE, SIZE};
use plotters::prelude::*;

use crate::entropy::{Base, entropy};

/// The entropy of a coin against its bias, in bits and in nats.
pub fn coin() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, 0.0..1.0, 0.0..1.1)?;
        figure_style::axes(&mut chart, "probability of heads", "entropy")?;
        for (base, colour, label) in [
            (Base::Bits, BLUE, "bits (log base 2)"),
            (Base::Nats, ORANGE, "nats (natural log)"),
        ] {
            let curve = (0..=200).map(|i| {
                let p = f64::from(i) / 200.0;
                (p, entropy(&[p, 1.0 - p], base).unwrap_or(f64::NAN))
            });
            chart
                .draw_series(LineSeries::new(curve, colour.stroke_width(2)))?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2))
                });
        }
        figure_style::legend(&mut chart, SeriesLabelPosition::LowerMiddle)?;
        Ok(())
    })
}
