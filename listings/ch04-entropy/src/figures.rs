//! The chapter's figure: the entropy of a biased coin.

use figure_style::{BLUE, FigureResult, LABEL, ORANGE, SIZE, TICK};
use plotters::prelude::*;

use crate::entropy::{Base, entropy};

/// The entropy of a coin against its bias, in bits and in nats.
pub fn coin() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(52)
            .build_cartesian_2d(0.0..1.0, 0.0..1.1)?;
        chart
            .configure_mesh()
            .x_desc("probability of heads")
            .y_desc("entropy")
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;
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
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerMiddle)
            .label_font(("sans-serif", TICK))
            .background_style(WHITE.mix(0.9))
            .border_style(figure_style::GREY)
            .draw()?;
        Ok(())
    })
}
