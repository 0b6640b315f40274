//! Training throughput, in samples per second, of the article's churn setup: on the chapter's
//! 5,000 customers (batch 32), and on 200,000 drawn by the same generator (batch 1,024). Run
//! with `cargo bench -p ch11-churn`. The whole run is timed: splitting, scaling, every epoch
//! with its validation loss, and the test scores. The numbers depend on the machine, so no
//! chapter quotes them.

use std::time::Instant;

use ch11_churn::dataset::Dataset;
use ch11_churn::head::BinaryHead;
use ch11_churn::run::fit;
use ch11_churn::synth::churn_dataset;
use ch11_churn::synth::{DATA_SEED, generate, to_csv};
use ch11_churn::table::Table;
use ch11_churn::train::{ARTICLE_CHURN, Config};

fn bench(name: &str, data: &Dataset, config: &Config, repetitions: usize) {
    let mut rates = Vec::new();
    for _ in 0..repetitions {
        let start = Instant::now();
        let run = fit(data, &BinaryHead, config).expect("the churn setup trains");
        let seconds = start.elapsed().as_secs_f64();
        let samples = run.trained.log.len() * run.prepared.train.y.len();
        rates.push(samples as f64 / seconds);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "{name}: batch {}, median {:.0} training samples/s (best {:.0}, worst {:.0})",
        config.batch_size,
        rates[rates.len() / 2],
        rates[rates.len() - 1],
        rates[0],
    );
}

fn main() {
    let churn = churn_dataset().expect("the committed data reads");
    bench("churn, 5,000 rows", &churn, &ARTICLE_CHURN, 7);
    let csv = to_csv(&generate(200_000, DATA_SEED));
    let table = Table::parse("generated", &csv).expect("generated CSV reads");
    let large = Dataset::from_table(&table, "Churn", &["ContractType"]).expect("valid data");
    let config = Config {
        batch_size: 1024,
        ..ARTICLE_CHURN
    };
    bench("generated, 200,000 rows", &large, &config, 3);
}
