//! The chapter's figures: the losses per epoch, and the decision regions of the petal model.

use std::path::Path;

use figure_style::{BLUE, FigureResult, GREEN, LABEL, ORANGE, SIZE, TICK};
use plotters::prelude::*;

use crate::data::{IRIS_CSV, Iris};
use crate::petals::{PETALS, petal_run, predict_cm};
use crate::species::Species;
use crate::train::{Config, Scaling, run};

/// The training and the test loss after every epoch of the article's setup (seed 42).
pub fn losses() -> FigureResult {
    let iris = Iris::load(Path::new(IRIS_CSV))?;
    let history = run(&iris, &Config::ARTICLE, Scaling::TrainOnly, |_| {})?.history;
    let top = history
        .iter()
        .map(|e| e.train.max(e.test))
        .fold(0.0, f64::max)
        * 1.1;
    figure_style::svg(SIZE, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(0.5..history.len() as f64 + 0.5, 0.0..top)?;
        chart
            .configure_mesh()
            .x_labels(history.len())
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.1}"))
            .x_desc("epoch")
            .y_desc("mean cross-entropy (nats)")
            .axis_desc_style(("sans-serif", LABEL))
            .label_style(("sans-serif", TICK))
            .light_line_style(WHITE)
            .draw()?;
        let series = [
            (
                "training loss (mean over the epoch)",
                BLUE,
                history
                    .iter()
                    .map(|e| (e.epoch as f64, e.train))
                    .collect::<Vec<_>>(),
            ),
            (
                "test loss (after the epoch)",
                ORANGE,
                history.iter().map(|e| (e.epoch as f64, e.test)).collect(),
            ),
        ];
        for (label, colour, points) in series {
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2))
                });
            chart.draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 4, colour.filled())),
            )?;
        }
        figure_style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    })
}

/// The colour of a species in both figures.
fn colour(species: Species) -> RGBColor {
    [BLUE, ORANGE, GREEN][species.index()]
}

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
    let iris = Iris::load(Path::new(IRIS_CSV))?;
    let result = petal_run(&iris)?;
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
    let classes = predict_cm(&result, &centres)?;
    figure_style::svg(SIZE, |root| {
        let mut chart = figure_style::chart(root, LENGTH.0..LENGTH.1, WIDTH.0..WIDTH.1)?;
        // One rectangle per run of equal cells along a row: the same picture as one per cell,
        // in a far smaller file.
        for (r, row) in classes.chunks(COLUMNS).enumerate() {
            let y0 = WIDTH.0 + r as f64 * dy;
            let mut start = 0;
            for c in 1..=COLUMNS {
                if c == COLUMNS || row[c] != row[start] {
                    let species = Species::from_index(row[start]).ok_or("class out of range")?;
                    let corners = [
                        (LENGTH.0 + start as f64 * dx, y0),
                        (LENGTH.0 + c as f64 * dx, y0 + dy),
                    ];
                    chart.draw_series([Rectangle::new(
                        corners,
                        tint(colour(species), 0.22).filled(),
                    )])?;
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
        for species in Species::ALL {
            let flowers = (0..iris.len())
                .filter(|&i| iris.targets[i] == species.index())
                .map(|i| (iris.features[[i, PETALS[0]]], iris.features[[i, PETALS[1]]]));
            let c = colour(species);
            let label = species.name();
            match species {
                Species::Setosa => {
                    chart
                        .draw_series(flowers.map(|p| Circle::new(p, 4, c.stroke_width(2))))?
                        .label(label)
                        .legend(move |(x, y)| Circle::new((x + 10, y), 4, c.stroke_width(2)));
                }
                Species::Versicolor => {
                    chart
                        .draw_series(flowers.map(|p| TriangleMarker::new(p, 5, c.filled())))?
                        .label(label)
                        .legend(move |(x, y)| TriangleMarker::new((x + 10, y), 5, c.filled()));
                }
                Species::Virginica => {
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
