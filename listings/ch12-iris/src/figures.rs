//! The chapter's figures: the losses per epoch, and the decision regions of the petal model.

use ch11_churn::figures::loss_curves;
use ch11_churn::run::fit;
use figure_style::{BLUE, FigureResult, GREEN, LABEL, ORANGE, SIZE, TICK};
use plotters::prelude::*;

use crate::head::SoftmaxHead;
use crate::petals::{petal_run, predict_cm};
use crate::setup::{ARTICLE_IRIS, iris_dataset};

/// The training and the validation loss after every epoch of the article's setup (seed 42),
/// drawn by Chapter 11's figure function.
pub fn losses() -> FigureResult {
    let run = fit(&iris_dataset()?, &SoftmaxHead, &ARTICLE_IRIS)?;
    let log = ("4-10-3 network", run.trained.log.as_slice());
    loss_curves("cross-entropy (nats)", log, None, None)
}

/// The colour of each species, in class order: setosa, versicolor, virginica.
const COLOURS: [RGBColor; 3] = [BLUE, ORANGE, GREEN];

/// `colour` mixed with white: `amount` 0 is white, 1 the colour itself. An opaque tint, so
/// that neighbouring cells do not darken where they overlap.
fn tint(colour: RGBColor, amount: f64) -> RGBColor {
    let mix = |c: u8| (255.0 - (255.0 - c as f64) * amount).round() as u8;
    RGBColor(mix(colour.0), mix(colour.1), mix(colour.2))
}

/// The plotted range in cm, and the grid of cells the regions are drawn with.
const LENGTH: (f64, f64) = (0.5, 7.5);
const WIDTH: (f64, f64) = (0.0, 2.8);
const COLUMNS: usize = 140;
const ROWS: usize = 112;

// ANCHOR: regions
/// The petal model's predicted species over a grid of petal sizes, drawn as light tinted cells,
/// with every flower of the data set on top (one marker shape per species).
pub fn regions() -> FigureResult {
    let iris = iris_dataset()?;
    let run = petal_run(&iris)?;
    let (dx, dy) = (
        (LENGTH.1 - LENGTH.0) / COLUMNS as f64,
        (WIDTH.1 - WIDTH.0) / ROWS as f64,
    );
    let centres: Vec<(f64, f64)> = (0..ROWS)
        .flat_map(|r| {
            (0..COLUMNS).map(move |c| {
                (
                    LENGTH.0 + (c as f64 + 0.5) * dx,
                    WIDTH.0 + (r as f64 + 0.5) * dy,
                )
            })
        })
        .collect();
    let classes = predict_cm(&run, &centres)?;
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, LENGTH.0..LENGTH.1, WIDTH.0..WIDTH.1)?;
        // One rectangle per run of equal cells along a row: the same picture as one per cell,
        // in a far smaller file.
        for (r, row) in classes.chunks(COLUMNS).enumerate() {
            let y0 = WIDTH.0 + r as f64 * dy;
            let mut start = 0;
            for c in 1..=COLUMNS {
                if c == COLUMNS || row[c] != row[start] {
                    let corners = [
                        (LENGTH.0 + start as f64 * dx, y0),
                        (LENGTH.0 + c as f64 * dx, y0 + dy),
                    ];
                    let fill = tint(COLOURS[row[start]], 0.22).filled();
                    chart.draw_series([Rectangle::new(corners, fill)])?;
                    start = c;
                }
            }
        }
        chart
            .configure_mesh()
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.1}"))
            .x_desc("petal length (cm)")
            .y_desc("petal width (cm)")
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .disable_mesh()
            .draw()?;
        let (length, width) = (2, 3);
        for (k, label) in iris.classes.iter().enumerate() {
            let flowers = (0..iris.y.len())
                .filter(|&i| iris.y[i] == k)
                .map(|i| (iris.x[[i, length]], iris.x[[i, width]]));
            let c = COLOURS[k];
            let label = label.as_str();
            match k {
                0 => {
                    chart
                        .draw_series(flowers.map(|p| Circle::new(p, 4, c.stroke_width(2))))?
                        .label(label)
                        .legend(move |(x, y)| Circle::new((x + 10, y), 4, c.stroke_width(2)));
                }
                1 => {
                    chart
                        .draw_series(flowers.map(|p| TriangleMarker::new(p, 5, c.filled())))?
                        .label(label)
                        .legend(move |(x, y)| TriangleMarker::new((x + 10, y), 5, c.filled()));
                }
                _ => {
                    chart
                        .draw_series(flowers.map(|p| Cross::new(p, 4, c.stroke_width(2))))?
                        .label(label)
                        .legend(move |(x, y)| Cross::new((x + 10, y), 4, c.stroke_width(2)));
                }
            }
        }
        figure_style::legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    })
}
// ANCHOR_END: regions

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tints_run_from_white_to_the_colour() {
        assert_eq!(tint(BLUE, 0.0), RGBColor(255, 255, 255));
        assert_eq!(tint(BLUE, 1.0), BLUE);
    }
}
