//! The fast reader and the preparation by value give exactly what the plain ones give: the same
//! dataset and the same splits, or the same error, on every CSV of the repository and on
//! hundreds of generated files with the spellings, blank lines, line endings and quotes that
//! real files have.

use std::path::{Path, PathBuf};

use ch11_churn::TrainError;
use ch11_churn::dataset::Dataset;
use ch11_churn::fast_prepare::prepare_owned;
use ch11_churn::fast_read::{read_dataset, read_ordinary};
use ch11_churn::prepare::{Prepared, prepare};
use ch11_churn::table::Table;
use ch11_churn::train::{ARTICLE_CHURN, Config};
use ndarray::ShapeBuilder;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn plain(path: &Path, target: &str, categorical: &[&str]) -> Result<Dataset, TrainError> {
    Dataset::from_table(&Table::read(path)?, target, categorical)
}

/// The fast reader's result is the plain one's; returns whether the file was ordinary.
fn same(path: &Path, target: &str, categorical: &[&str]) -> bool {
    let context = format!("{} --target {target:?} {categorical:?}", path.display());
    let expected = plain(path, target, categorical);
    match (read_dataset(path, target, categorical), &expected) {
        (Ok(fast), Ok(expected)) => assert_eq!(&fast, expected, "{context}"),
        (Err(fast), Err(expected)) => {
            assert_eq!(fast.to_string(), expected.to_string(), "{context}")
        }
        (fast, expected) => panic!("{context}: {fast:?} against {expected:?}"),
    }
    match read_ordinary(path, target, categorical) {
        Ok(fast) => {
            // What the fast path itself makes, not only what the fall-back makes.
            assert_eq!(Ok(&fast), expected.as_ref().map_err(|e| e.to_string()));
            true
        }
        Err(_) => false,
    }
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn csv_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() && !name.starts_with('.') && name != "target" {
            csv_files(&path, found);
        } else if name.ends_with(".csv") {
            found.push(path);
        }
    }
}

#[test]
fn every_csv_of_the_repository_reads_the_same() {
    let mut files = Vec::new();
    csv_files(&repository().join("listings"), &mut files);
    csv_files(&repository().join("tools"), &mut files);
    assert!(files.len() > 40, "{files:?}");
    let mut ordinary = 0;
    for path in &files {
        let text = std::fs::read(path).unwrap();
        let header = String::from_utf8_lossy(text.split(|&b| b == b'\n').next().unwrap_or(b""));
        let mut targets: Vec<String> = header.split(',').map(|h| h.trim().to_string()).collect();
        targets.extend(["result", "Churn", "species", "", "nope"].map(String::from));
        for target in &targets {
            for categorical in [
                &[][..],
                &["course"],
                &["ContractType"],
                &["hours"],
                &["result"],
            ] {
                ordinary += usize::from(same(path, target, categorical));
            }
        }
    }
    // The files the book trains on take the fast path.
    for (file, target, categorical) in [
        (
            "listings/ch11-churn/data/churn.csv",
            "Churn",
            &["ContractType"][..],
        ),
        ("listings/ch11-churn/data/churn.csv", "Churn", &[]),
        ("listings/ch12-iris/data/iris.csv", "species", &[]),
        (
            "listings/appendix-a-program/data/students.csv",
            "result",
            &[],
        ),
        (
            "listings/appendix-a-program/data/students.csv",
            "result",
            &["hours"],
        ),
    ] {
        let path = repository().join(file);
        assert!(same(&path, target, categorical), "{file} is not read fast");
    }
    assert!(ordinary > 10, "{ordinary}");
}

/// A field that a file may hold in a column of numbers, spelled as files spell them.
fn number(rng: &mut ChaCha8Rng) -> String {
    let v: f64 = rng.random_range(-1000.0..1000.0);
    match rng.random_range(0..14) {
        0 => format!("{v:e}"),
        1 => format!("{:.0}", v.abs()),
        2 => format!("+{:.2}", v.abs()),
        3 => "-0".to_string(),
        4 => format!("{v:.3}   "),
        5 => format!("  {v}"),
        6 => format!("{:.1}E5", v),
        7 => format!(".{}", rng.random_range(0..99)),
        8 => format!("{}.", rng.random_range(0..99)),
        9 => format!("{v:.17}"),
        _ => format!("{v:.2}"),
    }
}

/// A file of `rows` rows of a label, numbers and categories, with now and then something out
/// of the ordinary: a blank line, CRLF line ends, a quote, a byte-order mark, a missing value,
/// a rare label, a number where a category is, and the like.
fn generated(rng: &mut ChaCha8Rng) -> (String, Vec<&'static str>) {
    let rows = rng.random_range(1..40);
    // Half the files are spiced with the unusual; in the rest only the spellings vary.
    let spiced = rng.random_range(0..2) == 0;
    let odd = |rng: &mut ChaCha8Rng| spiced && rng.random_range(0..8) == 0;
    let rare = |rng: &mut ChaCha8Rng, one_in: u32| spiced && rng.random_range(0..one_in) == 0;
    let mut text = String::new();
    if odd(rng) {
        text += "\u{feff}";
    }
    if odd(rng) {
        text += "\n  \n";
    }
    let classes: &[&str] = match rng.random_range(0..3) {
        0 => &["no", "yes"],
        1 => &["0", "1"],
        _ => &["setosa", "versicolor", "virginica"],
    };
    text += if odd(rng) {
        "y, a ,b,plan,zone\n"
    } else {
        "y,a,b,plan,zone\n"
    };
    let end = if odd(rng) { "\r\n" } else { "\n" };
    for i in 0..rows {
        let label = if odd(rng) && odd(rng) {
            "rare"
        } else {
            classes[i % classes.len()]
        };
        let plan = ["basic", "pro", "pro plus", " team", "Basic"][rng.random_range(0..5)];
        let plan = match rng.random_range(0..40) {
            _ if !spiced => plan,
            0 => "\"pro\"",
            1 => "",
            2 => "12",
            3 => "NA",
            4 => "b\"c",
            _ => plan,
        };
        let zone = rng.random_range(1..4).to_string();
        let a = match rng.random_range(0..60) {
            _ if !spiced => number(rng),
            0 => "1e300".to_string(),
            1 => "nan".to_string(),
            2 => "x".to_string(),
            3 => "inf".to_string(),
            4 => "1,5".to_string(),
            _ => number(rng),
        };
        text += &format!("{label},{a},{},{plan},{zone}{end}", number(rng));
        if odd(rng) && odd(rng) {
            text += end;
        }
        if rare(rng, 80) {
            text += "y,a,b,plan,zone\n";
        }
        if rare(rng, 80) {
            text += "\t\n";
        }
    }
    let categorical = match rng.random_range(0..4) {
        0 => vec!["zone"],
        1 => vec!["zone", "a"],
        2 => vec!["plan"],
        _ => vec![],
    };
    (text, categorical)
}

#[test]
fn generated_files_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(15);
    let (mut ordinary, mut errors) = (0, 0);
    for i in 0..400 {
        let (text, categorical) = generated(&mut rng);
        let path = dir.path().join(format!("g{i}.csv"));
        std::fs::write(&path, &text).unwrap();
        ordinary += usize::from(same(&path, "y", &categorical));
        errors += usize::from(plain(&path, "y", &categorical).is_err());
    }
    // Both kinds are tried, and plenty of each.
    assert!(
        ordinary > 50 && errors > 50,
        "{ordinary} ordinary, {errors} refused"
    );
}

#[test]
fn a_file_read_in_many_blocks_reads_the_same() {
    // Longer than the reader's block, so that lines are split across reads.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.csv");
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let mut text = String::from("a,b,plan,y\n");
    for i in 0..150_000 {
        let plan = ["basic", "pro", "team"][i % 3];
        text += &format!(
            "{},{},{plan},{}\n",
            number(&mut rng),
            number(&mut rng),
            i % 2
        );
        if i % 9_999 == 0 {
            text += "\n";
        }
    }
    std::fs::write(&path, &text).unwrap();
    assert!(text.len() > 2 << 20, "{}", text.len());
    assert!(same(&path, "y", &[]));
}

#[test]
fn a_pipe_is_left_to_the_plain_reader_before_a_byte_is_read() {
    // A pipe can be read once: the fast reader must not take its text from the plain one.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here; /dev/null below still checks the rule
    }
    let writer = std::thread::spawn({
        let fifo = fifo.clone();
        move || std::fs::write(fifo, "x,y\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n").unwrap()
    });
    let data = read_dataset(&fifo, "y", &[]).unwrap();
    writer.join().unwrap();
    assert_eq!(data.y, [0, 1, 0, 1, 0, 1]);
    assert_eq!(data.lines, [2, 3, 4, 5, 6, 7]);
}

#[test]
fn a_device_is_left_to_the_plain_reader() {
    assert!(read_ordinary(Path::new("/dev/null"), "y", &[]).is_err());
    assert!(!same(Path::new("/dev/null"), "y", &[]));
}

fn same_prepared(data: &Dataset, config: &Config) -> bool {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let plain: Result<Prepared, TrainError> = prepare(data, config, &mut rng);
    let mut rng_owned = ChaCha8Rng::seed_from_u64(config.seed);
    let owned = prepare_owned(data.clone(), config, &mut rng_owned);
    match (owned, plain) {
        (Ok(owned), Ok(plain)) => {
            assert_eq!(owned, plain);
            // The generator is left where `prepare` leaves it: the weights come next.
            assert_eq!(rng_owned, rng);
            true
        }
        (Err(owned), Err(plain)) => {
            assert_eq!(owned.to_string(), plain.to_string());
            false
        }
        (owned, plain) => panic!("{owned:?} against {plain:?}"),
    }
}

#[test]
fn preparing_by_value_gives_what_preparing_by_reference_gives() {
    let churn = repository().join("listings/ch11-churn/data/churn.csv");
    let data = read_dataset(&churn, "Churn", &["ContractType"]).unwrap();
    let iris = read_dataset(
        &repository().join("listings/ch12-iris/data/iris.csv"),
        "species",
        &[],
    )
    .unwrap();
    let mut ok = 0;
    for seed in [0, 1, 42, 2026] {
        for (test_fraction, validation_fraction) in [(0.2, 0.2), (0.1, 0.3), (0.5, 0.5), (0.0, 0.2)]
        {
            let config = Config {
                seed,
                test_fraction,
                validation_fraction,
                ..ARTICLE_CHURN
            };
            ok += usize::from(same_prepared(&data, &config));
            ok += usize::from(same_prepared(&iris, &config));
        }
    }
    assert!(ok >= 24, "{ok}");
    // Each error: an empty split of each kind...
    for (test_fraction, validation_fraction) in [(0.001, 0.2), (0.2, 0.001), (1.0, 0.5), (0.5, 1.0)]
    {
        let config = Config {
            test_fraction,
            validation_fraction,
            ..ARTICLE_CHURN
        };
        assert!(!same_prepared(&iris, &config));
    }
    // ...a value far beyond the training rows, in a validation row and a test row...
    let split = prepare(&iris, &ARTICLE_CHURN, &mut ChaCha8Rng::seed_from_u64(42)).unwrap();
    let mut far = iris.clone();
    far.x[[split.rows.validation[3], 2]] = 1e6;
    far.x[[split.rows.test[5], 1]] = -1e9;
    assert!(!same_prepared(&far, &ARTICLE_CHURN));
    // ...and the scaler's two.
    let mut overflow = iris.clone();
    overflow.x.column_mut(1).fill(1e308);
    assert!(!same_prepared(&overflow, &ARTICLE_CHURN));
    let mut nan = iris.clone();
    nan.x[[17, 3]] = f64::NAN;
    assert!(!same_prepared(&nan, &ARTICLE_CHURN));
    // A matrix in column-major order is prepared the same.
    let mut columns = iris.clone();
    columns.x =
        ndarray::Array2::from_shape_vec(iris.x.raw_dim().f(), iris.x.t().iter().copied().collect())
            .unwrap();
    assert!(!columns.x.is_standard_layout());
    assert_eq!(columns.x, iris.x);
    assert!(same_prepared(&columns, &ARTICLE_CHURN));
}
