//! The chapter's figure: ReLU and the slope that backpropagation multiplies by.

use figure_style::{BLUE, FigureResult, LABEL, ORANGE, SIZE, TICK};
use ndarray::Array2;
use plotters::prelude::*;

use crate::layer::relu;

/// `relu(z)` and its slope, 0 for `z <= 0` and 1 above: the mask of the backward pass.
pub fn relu_and_slope() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, -3.0..3.0, -0.5..3.0)?;
        chart
            .configure_mesh()
            .x_desc("z")
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;

        let z = Array2::from_shape_fn((1, 121), |(_, i)| -3.0 + 0.05 * i as f64);
        let a = relu(z.view());
        chart
            .draw_series(LineSeries::new(
                z.iter().copied().zip(a.iter().copied()),
                BLUE.stroke_width(3),
            ))?
            .label("relu(z) = max(0, z)")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], BLUE.stroke_width(3)));
        // The slope: two flat pieces, with the value 0 taken at z = 0 (filled dot).
        chart
            .draw_series(LineSeries::new(
                [(-3.0, 0.0), (0.0, 0.0)],
                ORANGE.stroke_width(2),
            ))?
            .label("slope: 1 if z > 0, else 0")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], ORANGE.stroke_width(2)));
        chart.draw_series(LineSeries::new(
            [(0.0, 1.0), (3.0, 1.0)],
            ORANGE.stroke_width(2),
        ))?;
        chart.draw_series([Circle::new((0.0, 0.0), 5, ORANGE.filled())])?;
        chart.draw_series([Circle::new((0.0, 1.0), 5, ORANGE.stroke_width(2))])?;

        figure_style::legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })
}
