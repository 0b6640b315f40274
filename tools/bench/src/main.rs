//! The book's trainers beside NumPy and PyTorch, on this machine, in one run: `tools/bench/run`.
//!
//! Workloads (release build, one thread each):
//! - the churn network (6 → 16 → 1, Adam, batches of 32, then 1,024) on a million generated
//!   rows, training loop only (the loss before training, every step, and the validation loss
//!   after every epoch);
//! - the Iris network (4 → 10 → 3, batches of 16) on Fisher's 150 flowers, training loop only;
//! - reading the million-row CSV into a dataset;
//! - the whole `train` program of appendix A on that CSV (read, prepare, one epoch, evaluate),
//!   as a child process, with its peak memory.
//!
//! Rates are samples per second of CPU time, the median of several runs; wall time and the
//! machine's load are printed beside them, with a warning when the machine was busy.

mod measure;
mod peak;

use std::path::{Path, PathBuf};
use std::process::Command;

use ch11_churn::dataset::Dataset;
use ch11_churn::head::{BinaryHead, Head};
use ch11_churn::prepare::prepare;
use ch11_churn::synth::{DATA_SEED, generate, to_csv};
use ch11_churn::train::{ARTICLE_CHURN, Config, train};
use ch12_iris::head::SoftmaxHead;
use ch12_iris::setup::{ARTICLE_IRIS, IRIS_CSV};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use measure::{Timing, median};

// The trainers' memory, as the `train` program has it: pages of two megabytes for large arrays.
#[global_allocator]
static MEMORY: ch08_layers::fast::HugePages = ch08_layers::fast::HugePages;

struct Options {
    rows: usize,
    repeats: usize,
    peer_repeats: usize,
    python: Option<PathBuf>,
    peak_only: bool,
    no_peak: bool,
    /// Only the workloads whose names contain this.
    only: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        rows: 1_000_000,
        repeats: 5,
        peer_repeats: 3,
        python: std::env::var_os("PYTHON").map(PathBuf::from),
        peak_only: false,
        no_peak: false,
        only: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--rows" => {
                o.rows = value("--rows")?
                    .parse()
                    .map_err(|e| format!("--rows: {e}"))?
            }
            "--repeats" => {
                o.repeats = value("--repeats")?
                    .parse()
                    .map_err(|e| format!("--repeats: {e}"))?
            }
            "--peer-repeats" => {
                o.peer_repeats = value("--peer-repeats")?
                    .parse()
                    .map_err(|e| format!("--peer-repeats: {e}"))?
            }
            "--python" => o.python = Some(PathBuf::from(value("--python")?)),
            "--no-peers" => o.python = None,
            "--peak" => o.peak_only = true,
            "--no-peak" => o.no_peak = true,
            "--only" => o.only = Some(value("--only")?),
            _ => return Err(format!("unknown option {arg:?}")),
        }
    }
    Ok(o)
}

/// Floating-point operations of the matrix products, per training sample (forward, the
/// weight gradients and the gradient passed down) and per validation sample (forward).
fn flops(sizes: &[usize]) -> (f64, f64) {
    let products: Vec<f64> = sizes
        .windows(2)
        .map(|p| 2.0 * (p[0] * p[1]) as f64)
        .collect();
    let forward: f64 = products.iter().sum();
    let passed_down: f64 = products[1..].iter().sum();
    (2.0 * forward + passed_down, forward)
}

/// One line of the table: a workload run by one implementation.
struct Line {
    workload: &'static str,
    peer: &'static str,
    timings: Vec<Timing>,
    /// Floating-point operations per sample, for the training workloads.
    flops_per_sample: Option<f64>,
}

impl Line {
    fn rate(&self) -> f64 {
        median(
            &self
                .timings
                .iter()
                .map(|t| t.samples / t.cpu_s)
                .collect::<Vec<_>>(),
        )
    }
    fn wall_rate(&self) -> f64 {
        median(
            &self
                .timings
                .iter()
                .map(|t| t.samples / t.wall_s)
                .collect::<Vec<_>>(),
        )
    }
    fn busy(&self) -> f64 {
        median(&self.timings.iter().map(Timing::busy).collect::<Vec<_>>())
    }
}

/// The rows of the small file whose whole run's peak memory is the `train` program's own.
const BASELINE_ROWS: usize = 1_000;

/// The generated churn CSV of `rows` rows, written once next to the benchmark program.
fn churn_csv(rows: usize) -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = exe
        .parent()
        .expect("a program lives in a folder")
        .join("bench-data");
    let path = dir.join(format!("churn-{rows}.csv"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let partial = dir.join(format!("churn-{rows}.csv.partial"));
        std::fs::write(&partial, to_csv(&generate(rows, DATA_SEED))).map_err(|e| e.to_string())?;
        std::fs::rename(&partial, &path).map_err(|e| e.to_string())?;
    }
    Ok(path)
}

/// The trainers' reader: `Table::read` and `Dataset::from_table`, the fast way.
fn read_dataset(path: &Path, target: &str, categorical: &[&str]) -> Dataset {
    ch11_churn::fast_read::read_dataset(path, target, categorical)
        .expect("the benchmark's CSV reads")
}

/// The training loop of the book's trainer on `data`: `train` alone, after the split and the
/// initial weights.
fn train_loop(data: &Dataset, head: &dyn Head, config: &Config) -> Timing {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let prepared = prepare(data, config, &mut rng).expect("the data splits");
    let outputs = head
        .outputs(data.classes.len())
        .expect("a head for the classes");
    let sizes = config.sizes(prepared.train.x.ncols(), outputs);
    let net = ch08_layers::Network::new(&sizes, &mut rng);
    let n_train = prepared.train.y.len();
    let (_, timing) = measure::time(|| {
        let trained = train(head, net, &prepared, config, &mut rng, &mut |_| {})
            .expect("the benchmark trains");
        let samples = (trained.log.len() * n_train) as f64;
        (trained, samples)
    });
    timing
}

fn rust_training(
    workload: &'static str,
    data: &Dataset,
    head: &dyn Head,
    config: &Config,
    repeats: usize,
) -> Line {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let prepared = prepare(data, config, &mut rng).expect("the data splits");
    let outputs = head
        .outputs(data.classes.len())
        .expect("a head for the classes");
    let sizes = config.sizes(prepared.train.x.ncols(), outputs);
    let (train_flops, validation_flops) = flops(&sizes);
    let (n_train, n_val) = (prepared.train.y.len(), prepared.validation.y.len());
    // Every epoch's steps and validation pass, and the one pass over the training rows for
    // the loss before training, shared out over the epochs' samples.
    let epochs = config.epochs as f64;
    let per_sample =
        train_flops + validation_flops * (n_val as f64 / n_train as f64 + 1.0 / epochs);
    let timings = (0..repeats)
        .map(|_| train_loop(data, head, config))
        .collect();
    Line {
        workload,
        peer: "book",
        timings,
        flops_per_sample: Some(per_sample),
    }
}

/// Runs the Python peers' `workload` and reads their JSON lines.
fn peer(
    python: &Path,
    peer: &'static str,
    workload: &'static str,
    args: &[&str],
    repeats: usize,
) -> Result<Vec<Timing>, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("peers.py");
    let repeats = repeats.to_string();
    let output = Command::new(python)
        .arg(&script)
        .args(args)
        .args(["--peer", peer, "--repeats", &repeats])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut timings = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let number = |k: &str| v[k].as_f64().ok_or(format!("{peer} {workload}: no {k}"));
        timings.push(Timing {
            samples: number("samples")?,
            cpu_s: number("cpu_s")?,
            wall_s: number("wall_s")?,
            max_rss: None,
        });
    }
    Ok(timings)
}

/// Whether Python with NumPy (and, separately, PyTorch) can run here.
fn python_has(python: &Path, module: &str) -> bool {
    Command::new(python)
        .args(["-c", &format!("import {module}, threadpoolctl")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn print_line(line: &Line, book_rate: Option<f64>, peak_fma: f64, peak_plain: f64) {
    let rate = line.rate();
    let ratio = match book_rate {
        Some(book) if line.peer != "book" => format!("book {:>6.1}x", book / rate),
        _ => String::new(),
    };
    let flops = match line.flops_per_sample {
        Some(f) if line.peer == "book" => {
            let g = rate * f / 1e9;
            format!(
                "{g:6.2} GFLOP/s  {:5.1}% of FMA peak  {:5.1}% of peak without FMA",
                100.0 * g / peak_fma,
                100.0 * g / peak_plain
            )
        }
        Some(f) => format!("{:6.2} GFLOP/s", rate * f / 1e9),
        None => String::new(),
    };
    let memory = line
        .timings
        .iter()
        .filter_map(|t| t.max_rss)
        .fold(None, |m: Option<f64>, r| Some(m.map_or(r, |m| m.max(r))));
    let memory = memory.map_or(String::new(), |m| format!("  peak {:.0} MB", m / 1e6));
    println!(
        "  {:<7} {:>12.0}/s cpu {:>12.0}/s wall  cpu/wall {:.2}  {ratio:<13} {flops}{memory}",
        line.peer,
        rate,
        line.wall_rate(),
        line.busy()
    );
}

fn main() {
    let options = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!(
                "bench: {e}\nusage: bench [--rows N] [--repeats N] [--peer-repeats N] [--python PATH | --no-peers] [--peak]"
            );
            std::process::exit(2);
        }
    };
    let load_start = measure::loadavg();
    println!(
        "machine: {}, {} CPUs; fast kernel: {}; load average at start {:.2} {:.2} {:.2}",
        measure::cpu_model(),
        measure::cpus(),
        ch08_layers::fast::Kernel::best().name(),
        load_start.0,
        load_start.1,
        load_start.2
    );

    println!("\npeak of one core, float64 (best of 5 runs, CPU time):");
    let peaks = if options.no_peak {
        Vec::new()
    } else {
        peak::measure(0.5, 5)
    };
    for p in &peaks {
        println!("  {:<20} {:7.1} GFLOP/s", p.name, p.gflops);
    }
    let best = |fma: bool| {
        peaks
            .iter()
            .filter(|p| p.name.contains("FMA") == fma)
            .map(|p| p.gflops)
            .fold(f64::NAN, f64::max)
    };
    let (peak_fma, peak_plain) = (best(true), best(false));
    if options.peak_only {
        return;
    }

    let csv = churn_csv(options.rows).unwrap_or_else(|e| panic!("cannot write the CSV: {e}"));
    let csv_text = csv.to_string_lossy().into_owned();
    let python = options.python.as_deref().filter(|p| python_has(p, "numpy"));
    let torch = python.filter(|p| python_has(p, "torch"));
    match (&options.python, python, torch) {
        (None, _, _) => {
            println!("\nno peers: run with --python PATH (NumPy, threadpoolctl, PyTorch)")
        }
        (Some(p), None, _) => println!(
            "\nNumPy peers skipped: {} cannot import numpy and threadpoolctl",
            p.display()
        ),
        (_, Some(_), None) => println!("\nPyTorch peer skipped: torch is not importable"),
        _ => {}
    }

    let mut sections: Vec<(String, Vec<Line>)> = Vec::new();
    let wanted = |name: &str| {
        options
            .only
            .as_ref()
            .is_none_or(|o| name.contains(o.as_str()))
    };

    // Reading the CSV.
    let mut read_timings = Vec::new();
    let mut churn = None;
    let read_repeats = if wanted("read") { options.repeats } else { 1 };
    for _ in 0..read_repeats {
        let (data, mut t) = measure::time(|| {
            let data = read_dataset(&csv, "Churn", &["ContractType"]);
            let rows = data.y.len() as f64;
            (data, rows)
        });
        t.samples = t.samples.max(0.0);
        read_timings.push(t);
        churn = Some(data);
    }
    let churn = churn.expect("at least one repetition");
    let mut lines = vec![Line {
        workload: "read",
        peer: "book",
        timings: read_timings,
        flops_per_sample: None,
    }];
    if let Some(py) = python.filter(|_| wanted("read")) {
        let args = ["read", "--data", &csv_text];
        match peer(py, "numpy", "read", &args, options.peer_repeats) {
            Ok(timings) => lines.push(Line {
                workload: "read",
                peer: "numpy",
                timings,
                flops_per_sample: None,
            }),
            Err(e) => println!("numpy read failed: {e}"),
        }
    }
    let bytes = std::fs::metadata(&csv).map_or(0, |m| m.len()) as f64;
    sections.push((
        format!(
            "reading the CSV ({} rows, {:.1} MB), rows/s",
            churn.y.len(),
            bytes / 1e6
        ),
        lines,
    ));

    // The training loops.
    let churn_32 = Config {
        epochs: 1,
        patience: 100,
        ..ARTICLE_CHURN
    };
    let churn_1024 = Config {
        epochs: 3,
        batch_size: 1024,
        ..churn_32
    };
    let iris_data = read_dataset(Path::new(IRIS_CSV), "species", &[]);
    let iris = Config {
        epochs: 2000,
        patience: 100_000,
        ..ARTICLE_IRIS
    };
    type Workload<'a> = (
        &'static str,
        &'a Dataset,
        &'a dyn Head,
        Config,
        &'a str,
        usize,
        usize,
    );
    let workloads: [Workload; 3] = [
        (
            "churn, batch 32",
            &churn,
            &BinaryHead,
            churn_32,
            &csv_text,
            1,
            1,
        ),
        (
            "churn, batch 1024",
            &churn,
            &BinaryHead,
            churn_1024,
            &csv_text,
            1,
            1,
        ),
        (
            "iris, batch 16",
            &iris_data,
            &SoftmaxHead,
            iris,
            IRIS_CSV,
            300,
            100,
        ),
    ];
    for (name, data, head, config, path, numpy_epochs, torch_epochs) in workloads {
        if !wanted(name) {
            continue;
        }
        let book = rust_training(name, data, head, &config, options.repeats);
        let per_sample = book.flops_per_sample;
        let mut lines = vec![book];
        let kind = if name.starts_with("iris") {
            "iris"
        } else {
            "churn"
        };
        let (batch, lr, hidden) = (
            config.batch_size.to_string(),
            config.lr.to_string(),
            config.hidden.to_string(),
        );
        for (py, who, epochs) in [
            (python, "numpy", numpy_epochs),
            (torch, "torch", torch_epochs),
        ] {
            let Some(py) = py else { continue };
            let epochs = epochs.to_string();
            let args = [
                kind, "--data", path, "--batch", &batch, "--epochs", &epochs, "--lr", &lr,
                "--hidden", &hidden,
            ];
            match peer(py, who, name, &args, options.peer_repeats) {
                Ok(timings) => lines.push(Line {
                    workload: name,
                    peer: who,
                    timings,
                    flops_per_sample: per_sample,
                }),
                Err(e) => println!("{who} {name} failed: {e}"),
            }
        }
        sections.push((format!("{name}, training samples/s"), lines));
    }

    // The whole run of the `train` program.
    let mut baseline_rss = None;
    let exe = std::env::current_exe().expect("this program's path");
    let train_program = exe.with_file_name("train");
    let mut lines = Vec::new();
    if !wanted("whole") {
    } else if train_program.exists() {
        let mut timings = Vec::new();
        // One epoch on the churn CSV at `csv`, as a reader would run it.
        let train_on = |csv: &str| {
            let mut command = Command::new(&train_program);
            command.args(["--data", csv, "--target", "Churn"]);
            command.args(["--categorical", "ContractType", "--epochs", "1"]);
            measure::time_child(&mut command)
        };
        for _ in 0..options.repeats {
            match train_on(&csv_text) {
                Ok(mut t) => {
                    t.samples = churn.y.len() as f64;
                    timings.push(t);
                }
                Err(e) => println!("train failed: {e}"),
            }
        }
        lines.push(Line {
            workload: "whole",
            peer: "book",
            timings,
            flops_per_sample: None,
        });
        // The same program on a small file: what its peak holds besides the data (the program,
        // its libraries, the allocator's pools), so that the rest can be shared out per row.
        let small = churn_csv(BASELINE_ROWS).and_then(|csv| train_on(&csv.to_string_lossy()));
        match small.map(|t| t.max_rss) {
            Ok(Some(rss)) => baseline_rss = Some(rss),
            Ok(None) => {}
            Err(e) => println!("train on {BASELINE_ROWS} rows failed: {e}"),
        }
    } else {
        println!(
            "\nno {}: build it with `cargo build --release -p appendix-a-program --bin train`",
            train_program.display()
        );
    }
    if let Some(py) = python.filter(|_| wanted("whole")) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("peers.py");
        let mut timings = Vec::new();
        for _ in 0..options.peer_repeats {
            let mut command = Command::new(py);
            command
                .arg(&script)
                .args(["whole", "--data", &csv_text, "--repeats", "1"]);
            match measure::time_child(&mut command) {
                Ok(mut t) => {
                    t.samples = churn.y.len() as f64;
                    timings.push(t);
                }
                Err(e) => println!("numpy whole run failed: {e}"),
            }
        }
        lines.push(Line {
            workload: "whole",
            peer: "numpy",
            timings,
            flops_per_sample: None,
        });
    }
    sections.push((
        "the whole `train` run (read, prepare, 1 epoch at batch 32, evaluate), rows/s".to_string(),
        lines,
    ));

    println!(
        "\nrates: median of {} runs (book) and {} runs (peers), per second of CPU time; \
         GFLOP/s counts 2·m·n·q per matrix product of the training steps, the validation passes \
         and the pass for the loss before training",
        options.repeats, options.peer_repeats
    );
    let mut busy = false;
    for (title, lines) in &sections {
        println!("\n{title}");
        let book = lines.iter().find(|l| l.peer == "book").map(Line::rate);
        for line in lines.iter().filter(|l| !l.timings.is_empty()) {
            print_line(line, book, peak_fma, peak_plain);
            busy |= line.busy() < 0.9;
            let _ = line.workload;
        }
    }
    let data_bytes = churn.y.len() as f64 * (churn.x.ncols() + 1) as f64 * 8.0;
    if let Some(whole) = sections
        .last()
        .and_then(|(_, l)| l.iter().find(|l| l.peer == "book"))
    {
        let rss = whole
            .timings
            .iter()
            .filter_map(|t| t.max_rss)
            .fold(0.0, f64::max);
        println!(
            "\npeak memory of the whole run: {:.0} bytes per row, {:.2} times the float64 data \
             ({:.0} bytes per row: {} features and the label)",
            rss / churn.y.len() as f64,
            rss / data_bytes,
            data_bytes / churn.y.len() as f64,
            churn.x.ncols()
        );
        let rows = churn.y.len() as f64 - BASELINE_ROWS as f64;
        if let Some(base) = baseline_rss.filter(|_| rows > 0.0) {
            let per_row = (rss - base) / rows;
            println!(
                "  the same program's peak on {BASELINE_ROWS} rows is {:.0} MB; each row beyond \
                 those costs {per_row:.0} bytes, {:.2} times its float64 data",
                base / 1e6,
                per_row / (data_bytes / churn.y.len() as f64),
            );
        }
    }
    let load_end = measure::loadavg();
    println!(
        "load average at end {:.2} {:.2} {:.2}",
        load_end.0, load_end.1, load_end.2
    );
    let cpus = measure::cpus() as f64;
    if busy || load_start.0.max(load_end.0) > cpus - 0.5 {
        println!(
            "WARNING: the machine was busy (load average up to {:.2} on {} CPUs, or CPU time \
             below 90% of wall time): wall-clock rates are unreliable; the CPU-time rates are \
             less affected, but caches and memory bandwidth were shared",
            load_start.0.max(load_end.0),
            cpus
        );
    }
}
