//! Prints the answer to one of the chapter's exercises: `pipeline-exercises N`.

use std::path::Path;
use std::process::ExitCode;

use ch10_data_pipeline::customers::{CUSTOMERS_CSV, load};
use ch10_data_pipeline::exercises::{
    choose, churners_in_test, draw_probability, leak, order_frequencies, stratified_split,
    wrong_shuffle, wrong_shuffle_exactly,
};
use ch10_data_pipeline::{DataError, shuffle};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

// ANCHOR: exercise_1
fn exercise_1() -> Result<(), DataError> {
    let right = order_frequencies(shuffle, 60_000, 1);
    let wrong = order_frequencies(wrong_shuffle, 60_000, 1);
    let exactly = wrong_shuffle_exactly();
    println!("order      Fisher-Yates  wrong shuffle  wrong, of 27 draw sequences");
    for (((order, r), (_, w)), (_, n)) in right.iter().zip(&wrong).zip(&exactly) {
        println!("{order:?}  {r:12.4}  {w:13.4}  {n:27}");
    }
    println!(
        "1/6 = {:.4}, 4/27 = {:.4}, 5/27 = {:.4}",
        1.0 / 6.0,
        4.0 / 27.0,
        5.0 / 27.0
    );
    Ok(())
}
// ANCHOR_END: exercise_1

// ANCHOR: exercise_2
fn exercise_2() -> Result<(), DataError> {
    let churn: Vec<u8> = load(Path::new(CUSTOMERS_CSV))?
        .iter()
        .map(|c| c.churn)
        .collect();
    let positives = churn.iter().filter(|&&c| c == 1).count() as u64;
    let seeds = 10_000;
    let shares = churners_in_test(&churn, 0.2, seeds);
    println!(
        "{positives} churners among {} customers, 2 test rows, {seeds} seeds",
        churn.len()
    );
    let n = churn.len() as u64;
    println!(
        "test pairs: {} in all, {} without a churner",
        choose(n, 2),
        choose(n - positives, 2)
    );
    println!("churners in test  exact   share of seeds");
    for hits in 0..=2 {
        let exact = draw_probability(n, positives, 2, hits);
        println!("{hits:<16}  {exact:.4}  {:.4}", shares[hits as usize]);
    }
    Ok(())
}
// ANCHOR_END: exercise_2

// ANCHOR: exercise_3
fn exercise_3() -> Result<(), DataError> {
    let churn: Vec<u8> = load(Path::new(CUSTOMERS_CSV))?
        .iter()
        .map(|c| c.churn)
        .collect();
    let seeds: u32 = 10_000;
    let mut counts = [0u32; 3];
    for seed in 0..seeds {
        let split = stratified_split(&churn, 0.2, &mut ChaCha8Rng::seed_from_u64(seed.into()));
        counts[split.test.iter().filter(|&&i| churn[i] == 1).count()] += 1;
    }
    println!("stratified split, {seeds} seeds");
    println!("churners in test  share of seeds");
    for (hits, count) in counts.iter().enumerate() {
        println!("{hits:<16}  {:.4}", f64::from(*count) / f64::from(seeds));
    }
    Ok(())
}
// ANCHOR_END: exercise_3

// ANCHOR: exercise_4
fn exercise_4() -> Result<(), DataError> {
    println!("rows   largest change of a scaled training value, mean over 20 seeds");
    for n in [12, 120, 1200, 12_000] {
        let mut total = 0.0;
        for seed in 0..20 {
            total += leak(n, seed)?;
        }
        println!("{n:5}  {:.4}", total / 20.0);
    }
    Ok(())
}
// ANCHOR_END: exercise_4

fn main() -> ExitCode {
    let exercises = [exercise_1, exercise_2, exercise_3, exercise_4];
    let chosen = std::env::args()
        .nth(1)
        .and_then(|n| n.parse::<usize>().ok())
        .and_then(|n| exercises.get(n.wrapping_sub(1)));
    let Some(exercise) = chosen else {
        eprintln!(
            "usage: pipeline-exercises N, with N from 1 to {}",
            exercises.len()
        );
        return ExitCode::from(2);
    };
    match exercise() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
