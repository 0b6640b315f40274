//! The chapter's figure: the softmax of Blue 2, Green 1, Red -1 as bars, one group per temperature.

use figure_style::{BLUE, FigureResult, GREEN, LABEL, RED, SIZE, TICK};
use ndarray::aview2;
use plotters::prelude::*;

use crate::attempts::{CLASSES, SCORES};
use crate::temperature::{TEMPERATURES, softmax_with_temperature};

/// One group of three bars per temperature: the probability of each class.
pub fn temperature() -> FigureResult {
    figure_style::svg(SIZE, |root| {
        let groups = TEMPERATURES.len() as f64;
        let mut chart = figure_style::chart(root, 0.0..groups, 0.0..1.0)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(2 * TEMPERATURES.len() + 1)
            .x_label_formatter(&|v| {
                // A label only under the middle of each group.
                let i = (v - 0.5).round();
                if (v - 0.5 - i).abs() < 1e-9 && i >= 0.0 && (i as usize) < TEMPERATURES.len() {
                    format!("T = {}", TEMPERATURES[i as usize])
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|v| format!("{v:.1}"))
            .x_desc("temperature")
            .y_desc("probability")
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;

        let colours = [BLUE, GREEN, RED];
        for (g, &t) in TEMPERATURES.iter().enumerate() {
            let probs = softmax_with_temperature(aview2(&[SCORES]), t)?;
            for (k, &p) in probs.iter().enumerate() {
                let left = g as f64 + 0.14 + 0.24 * k as f64;
                chart.draw_series([Rectangle::new(
                    [(left, 0.0), (left + 0.22, p)],
                    colours[k].filled(),
                )])?;
            }
        }
        for (k, name) in CLASSES.iter().enumerate() {
            let colour = colours[k];
            chart
                .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
                .label(format!("{name} (score {})", SCORES[k]))
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 6), (x + 14, y + 6)], colour.filled())
                });
        }
        figure_style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    })
}
