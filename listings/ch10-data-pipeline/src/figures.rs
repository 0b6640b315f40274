//! The chapter's figure: what the mini-batch loader hands out, epoch after epoch.

use std::path::Path;

use figure_style::{BLUE, FigureResult, GREEN, LABEL, ORANGE, TICK};
use plotters::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::customers::load;
use crate::{BatchLoader, train_test_split};

/// Three epochs of the `pipeline` program's loader (the ten training customers, batches of
/// four, seed 7): one row of cells per epoch, one cell per customer in the order served,
/// coloured by batch.
pub fn batches() -> FigureResult {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/customers.csv");
    let customers = load(&path)?;
    let split = train_test_split(customers.len(), 0.2, &mut ChaCha8Rng::seed_from_u64(42));
    let mut loader = BatchLoader::new(split.train.len(), 4);
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let epochs: Vec<Vec<Vec<&str>>> = (0..3)
        .map(|_| {
            loader
                .epoch(&mut rng)
                .map(|batch| {
                    let ids = batch
                        .iter()
                        .map(|&b| customers[split.train[b]].customer_id.as_str());
                    ids.collect()
                })
                .collect()
        })
        .collect();

    let (cell_w, cell_h, gap, left, top) = (48, 40, 14, 96, 56);
    figure_style::svg((640, 240), |root| {
        root.draw(&Text::new(
            "ten training rows in batches of 4, reshuffled every epoch",
            (left, 18),
            ("sans-serif", LABEL),
        ))?;
        for (e, batches) in epochs.iter().enumerate() {
            let y = top + e as i32 * (cell_h + 12);
            root.draw(&Text::new(
                format!("epoch {}", e + 1),
                (12, y + cell_h / 2 - 7),
                ("sans-serif", LABEL),
            ))?;
            let mut x = left;
            for (b, batch) in batches.iter().enumerate() {
                let colour = [BLUE, ORANGE, GREEN][b % 3];
                for id in batch {
                    let cell = [(x, y), (x + cell_w - 2, y + cell_h)];
                    root.draw(&Rectangle::new(cell, colour.mix(0.25).filled()))?;
                    root.draw(&Rectangle::new(cell, colour.stroke_width(2)))?;
                    root.draw(&Text::new(
                        id.to_string(),
                        (x + 10, y + cell_h / 2 - 7),
                        ("sans-serif", TICK),
                    ))?;
                    x += cell_w;
                }
                x += gap;
            }
        }
        Ok(())
    })
}
