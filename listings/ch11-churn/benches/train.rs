//! Training throughput, in samples per second, of the article's network on the chapter's
//! 5,000 customers (batch 32) and on 1,000,000 generated in memory (batch 1,024).
//! Run with `cargo bench -p ch11-churn`. Only the epochs are timed: reading, splitting and
//! scaling are not.

use std::time::Instant;

use ch11_churn::data::prepare;
use ch11_churn::synth::{DATA_SEED, generate};
use ch11_churn::train::{Config, Trainer};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Peak resident memory of this process so far, in MiB (Linux only; 0 elsewhere).
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

fn bench(name: &str, rows: usize, batch_size: usize, repetitions: usize) {
    let customers = generate(rows, DATA_SEED);
    let config = Config {
        batch_size,
        ..Config::ARTICLE
    };
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let d = prepare(&customers, &mut rng).expect("generated data is valid");
    drop(customers);
    let before = peak_rss_mib();
    let mut rates = Vec::new();
    for _ in 0..repetitions {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        let mut trainer = Trainer::new(d.x_train.ncols(), d.x_train.nrows(), &config, &mut rng)
            .expect("the article's setup can train");
        let start = Instant::now();
        let mut last = 0.0;
        for _ in 0..config.epochs {
            last = trainer
                .epoch(d.x_train.view(), d.y_train.view(), &mut rng, &mut || {})
                .expect("training runs")
                .mean;
        }
        let seconds = start.elapsed().as_secs_f64();
        rates.push((config.epochs * d.x_train.nrows()) as f64 / seconds);
        std::hint::black_box(last);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "{name}: {} training rows, batch {batch_size}, {} epochs: median {:.0} samples/s (best {:.0}, worst {:.0}); \
         peak RSS {:.1} MiB after preparing the data, {:.1} MiB after training",
        d.x_train.nrows(),
        config.epochs,
        rates[rates.len() / 2],
        rates[rates.len() - 1],
        rates[0],
        before,
        peak_rss_mib(),
    );
}

fn main() {
    bench("churn 5,000", 5_000, 32, 7);
    bench("generated 1,000,000", 1_000_000, 1024, 3);
}
