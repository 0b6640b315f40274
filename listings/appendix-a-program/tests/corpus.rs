//! The hostile corpus: every bad input listed in `data/bad/README.md`, run through the real
//! `train` program. What it prints and its exit code are a snapshot each, under
//! `tests/snapshots/corpus/`, reviewed one by one, so that no message can change unnoticed.
//! A case is one line: its name, which is its snapshot's, and the program's arguments. The
//! inputs too large to commit are written by the tests below the table, into a temporary
//! folder, where the program runs.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use listing_test::{insta, insta_cmd};

/// Runs `train` with `args` in the folder `dir` and compares what it prints with the
/// snapshot `corpus/NAME`.
fn check(name: &str, dir: &Path, args: &[&str]) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_train"));
    cmd.current_dir(dir).env("NO_COLOR", "1").args(args);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/corpus");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta_cmd::assert_cmd_snapshot!(name, cmd));
}

macro_rules! corpus {
    ($($case:ident: [$($arg:expr),* $(,)?],)*) => {$(
        #[test]
        fn $case() {
            let name = stringify!($case).replace('_', "-");
            check(&name, Path::new(env!("CARGO_MANIFEST_DIR")), &[$($arg),*]);
        }
    )*};
}

corpus! {
    empty: ["--data", "data/bad/empty.csv", "--target", "result"],
    header_only: ["--data", "data/bad/header-only.csv", "--target", "result"],
    blank_lines: ["--data", "data/bad/blank-lines.csv", "--target", "result"],
    spaces_only: ["--data", "data/bad/spaces-only.csv", "--target", "result"],
    utf_16: ["--data", "data/bad/utf-16.csv", "--target", "result"],
    latin_1: ["--data", "data/bad/latin-1.csv", "--target", "result"],
    nul_byte: ["--data", "data/bad/nul-byte.csv", "--target", "result"],
    png: ["--data", "data/bad/png.csv", "--target", "result"],
    gzip: ["--data", "data/bad/gzip.csv", "--target", "result"],
    dev_zero: ["--data", "/dev/zero", "--target", "result"],
    dev_null: ["--data", "/dev/null", "--target", "result"],
    directory: ["--data", "data", "--target", "result"],
    no_such_file: ["--data", "data/student.csv", "--target", "result"],
    header_empty_name: ["--data", "data/bad/header-empty-name.csv", "--target", "result"],
    header_trailing_comma: ["--data", "data/bad/header-trailing-comma.csv", "--target", "result"],
    header_duplicate: ["--data", "data/bad/header-duplicate.csv", "--target", "result"],
    header_duplicate_spaces: ["--data", "data/bad/header-duplicate-spaces.csv", "--target", "result"],
    header_semicolons: ["--data", "data/bad/header-semicolons.csv", "--target", "result"],
    header_tabs: ["--data", "data/bad/header-tabs.csv", "--target", "result"],
    header_bars: ["--data", "data/bad/header-bars.csv", "--target", "result"],
    header_unclosed_quote: ["--data", "data/bad/header-unclosed-quote.csv", "--target", "result"],
    header_after_blank_lines: ["--data", "data/bad/header-after-blank-lines.csv", "--target", "result"],
    label_only: ["--data", "data/bad/label-only.csv", "--target", "result"],
    header_repeated: ["--data", "data/bad/header-repeated.csv", "--target", "result"],
    header_quoted_names: ["--data", "data/bad/header-quoted-names.csv", "--target", "result"],
    decimal_comma: ["--data", "data/bad/decimal-comma.csv", "--target", "result"],
    missing_field: ["--data", "data/bad/missing-field.csv", "--target", "result"],
    two_commas_too_many: ["--data", "data/bad/two-commas-too-many.csv", "--target", "result"],
    trailing_commas: ["--data", "data/bad/trailing-commas.csv", "--target", "result"],
    unclosed_quote: ["--data", "data/bad/unclosed-quote.csv", "--target", "result"],
    quoted_line_break: ["--data", "data/bad/quoted-line-break.csv", "--target", "result"],
    commas_only: ["--data", "data/bad/commas-only.csv", "--target", "result"],
    crlf_blank_lines: ["--data", "data/bad/crlf-blank-lines.csv", "--target", "result"],
    cr_only: ["--data", "data/bad/cr-only.csv", "--target", "result"],
    no_final_newline: ["--data", "data/bad/no-final-newline.csv", "--target", "result"],
    bom: ["--data", "data/bad/bom.csv", "--target", "result", "--epochs", "1"],
    one_class: ["--data", "data/bad/one-class.csv", "--target", "result"],
    wrong_target: ["--data", "data/students.csv", "--target", "passed"],
    empty_target: ["--data", "data/students.csv", "--target", ""],
    target_named_categorical: ["--data", "data/students.csv", "--target", "result", "--categorical", "result"],
    categorical_not_a_column: ["--data", "data/students.csv", "--target", "result", "--categorical", "courses"],
    label_empty: ["--data", "data/bad/label-empty.csv", "--target", "result"],
    label_typo: ["--data", "data/bad/label-typo.csv", "--target", "result"],
    label_case: ["--data", "data/bad/label-case.csv", "--target", "result"],
    label_two_rows: ["--data", "data/bad/label-two-rows.csv", "--target", "result"],
    label_na: ["--data", "data/bad/label-na.csv", "--target", "result"],
    label_long: ["--data", "data/bad/label-long.csv", "--target", "result"],
    label_measurement: ["--data", "data/students.csv", "--target", "hours"],
    label_numeric_rare: ["--data", "data/students.csv", "--target", "practice"],
    not_a_number: ["--data", "data/bad/not-a-number.csv", "--target", "result"],
    nan: ["--data", "data/bad/nan.csv", "--target", "result"],
    nan_lowercase: ["--data", "data/bad/nan-lowercase.csv", "--target", "result"],
    inf: ["--data", "data/bad/inf.csv", "--target", "result"],
    minus_infinity: ["--data", "data/bad/minus-infinity.csv", "--target", "result"],
    huge: ["--data", "data/bad/huge.csv", "--target", "result"],
    beyond_the_limit: ["--data", "data/bad/beyond-the-limit.csv", "--target", "result"],
    minus_huge: ["--data", "data/bad/minus-huge.csv", "--target", "result"],
    four_hundred_digits: ["--data", "data/bad/four-hundred-digits.csv", "--target", "result"],
    empty_number: ["--data", "data/bad/empty-number.csv", "--target", "result"],
    na_number: ["--data", "data/bad/na-number.csv", "--target", "result"],
    null_number: ["--data", "data/bad/null-number.csv", "--target", "result"],
    question_mark: ["--data", "data/bad/question-mark.csv", "--target", "result"],
    dash: ["--data", "data/bad/dash.csv", "--target", "result"],
    excel_na: ["--data", "data/bad/excel-na.csv", "--target", "result"],
    excel_div0: ["--data", "data/bad/excel-div0.csv", "--target", "result"],
    thousands_separator: ["--data", "data/bad/thousands-separator.csv", "--target", "result"],
    quoted_decimal_comma: ["--data", "data/bad/quoted-decimal-comma.csv", "--target", "result"],
    space_thousands: ["--data", "data/bad/space-thousands.csv", "--target", "result"],
    currency: ["--data", "data/bad/currency.csv", "--target", "result"],
    percent: ["--data", "data/bad/percent.csv", "--target", "result"],
    unit: ["--data", "data/bad/unit.csv", "--target", "result"],
    hex: ["--data", "data/bad/hex.csv", "--target", "result"],
    underscore: ["--data", "data/bad/underscore.csv", "--target", "result"],
    two_points: ["--data", "data/bad/two-points.csv", "--target", "result"],
    lone_exponent: ["--data", "data/bad/lone-exponent.csv", "--target", "result"],
    double_minus: ["--data", "data/bad/double-minus.csv", "--target", "result"],
    fraction: ["--data", "data/bad/fraction.csv", "--target", "result"],
    word: ["--data", "data/bad/word.csv", "--target", "result"],
    boolean: ["--data", "data/bad/boolean.csv", "--target", "result"],
    date: ["--data", "data/bad/date.csv", "--target", "result"],
    time: ["--data", "data/bad/time.csv", "--target", "result"],
    arabic_digits: ["--data", "data/bad/arabic-digits.csv", "--target", "result"],
    stray_quote: ["--data", "data/bad/stray-quote.csv", "--target", "result"],
    category_with_numbers: ["--data", "data/bad/category-with-numbers.csv", "--target", "result"],
    category_empty: ["--data", "data/bad/category-empty.csv", "--target", "result"],
    one_hot_clash: ["--data", "data/bad/one-hot-clash.csv", "--target", "result"],
    constant_category: ["--data", "data/bad/constant-category.csv", "--target", "result"],
    far_from_training: ["--data", "data/bad/far-from-training.csv", "--target", "result"],
    test_split_empty: ["--data", "data/students.csv", "--target", "result", "--test-fraction", "0.001"],
    validation_split_empty: ["--data", "data/students.csv", "--target", "result", "--validation-fraction", "0.001"],
    training_split_empty: ["--data", "data/students.csv", "--target", "result", "--test-fraction", "0.5", "--validation-fraction", "0.999"],
    lr_10: ["--data", "data/students.csv", "--target", "result", "--lr", "10"],
    lr_million: ["--data", "data/students.csv", "--target", "result", "--lr", "1e6"],
    lr_three: ["--data", "data/students.csv", "--target", "result", "--lr", "3"],
    figures_into_a_file: ["--data", "data/students.csv", "--target", "result", "--figures", "data/students.csv"],
    figures_under_a_file: ["--data", "data/students.csv", "--target", "result", "--figures", "data/students.csv/figures"],
    figures_exist: ["--data", "data/students.csv", "--target", "result", "--figures", "data/bad/figures"],
    hidden_negative: ["--data", "data/students.csv", "--target", "result", "--hidden", "-1"],
    hidden_fraction: ["--data", "data/students.csv", "--target", "result", "--hidden", "1.5"],
    hidden_word: ["--data", "data/students.csv", "--target", "result", "--hidden", "ten"],
    hidden_too_many: ["--data", "data/students.csv", "--target", "result", "--hidden", "1025"],
    hidden_exponent: ["--data", "data/students.csv", "--target", "result", "--hidden", "1e3"],
    hidden_overflow: ["--data", "data/students.csv", "--target", "result", "--hidden", "18446744073709551616"],
    hidden_empty: ["--data", "data/students.csv", "--target", "result", "--hidden="],
    epochs_zero: ["--data", "data/students.csv", "--target", "result", "--epochs", "0"],
    epochs_too_many: ["--data", "data/students.csv", "--target", "result", "--epochs", "100001"],
    epochs_huge: ["--data", "data/students.csv", "--target", "result", "--epochs", "99999999999999999999"],
    epochs_negative: ["--data", "data/students.csv", "--target", "result", "--epochs=-5"],
    lr_zero: ["--data", "data/students.csv", "--target", "result", "--lr", "0"],
    lr_negative: ["--data", "data/students.csv", "--target", "result", "--lr=-0.01"],
    lr_nan: ["--data", "data/students.csv", "--target", "result", "--lr", "NaN"],
    lr_inf: ["--data", "data/students.csv", "--target", "result", "--lr", "inf"],
    lr_too_large: ["--data", "data/students.csv", "--target", "result", "--lr", "1e7"],
    lr_overflow: ["--data", "data/students.csv", "--target", "result", "--lr", "1e400"],
    lr_word: ["--data", "data/students.csv", "--target", "result", "--lr", "fast"],
    lr_percent: ["--data", "data/students.csv", "--target", "result", "--lr", "1%"],
    lr_comma: ["--data", "data/students.csv", "--target", "result", "--lr", "0,01"],
    batch_zero: ["--data", "data/students.csv", "--target", "result", "--batch-size", "0"],
    batch_too_large: ["--data", "data/students.csv", "--target", "result", "--batch-size", "65537"],
    batch_huge: ["--data", "data/students.csv", "--target", "result", "--batch-size", "1000000000000"],
    patience_zero: ["--data", "data/students.csv", "--target", "result", "--patience", "0"],
    patience_too_large: ["--data", "data/students.csv", "--target", "result", "--patience", "100001"],
    test_fraction_zero: ["--data", "data/students.csv", "--target", "result", "--test-fraction", "0"],
    test_fraction_one: ["--data", "data/students.csv", "--target", "result", "--test-fraction", "1"],
    test_fraction_above_one: ["--data", "data/students.csv", "--target", "result", "--test-fraction", "1.5"],
    test_fraction_negative: ["--data", "data/students.csv", "--target", "result", "--test-fraction=-0.2"],
    test_fraction_percent: ["--data", "data/students.csv", "--target", "result", "--test-fraction", "20%"],
    test_fraction_nan: ["--data", "data/students.csv", "--target", "result", "--test-fraction", "NaN"],
    validation_fraction_zero: ["--data", "data/students.csv", "--target", "result", "--validation-fraction", "0"],
    validation_fraction_one: ["--data", "data/students.csv", "--target", "result", "--validation-fraction", "1"],
    seed_negative: ["--data", "data/students.csv", "--target", "result", "--seed=-1"],
    seed_fraction: ["--data", "data/students.csv", "--target", "result", "--seed", "4.2"],
    seed_overflow: ["--data", "data/students.csv", "--target", "result", "--seed", "18446744073709551616"],
    unknown_option: ["--data", "data/students.csv", "--target", "result", "--learning-rate", "0.1"],
    stray_argument: ["--data", "data/students.csv", "--target", "result", "students.csv"],
    target_twice: ["--data", "data/students.csv", "--target", "result", "--target", "course"],
    no_data: ["--target", "result"],
    no_target: ["--data", "data/students.csv"],
    data_without_value: ["--target", "result", "--data"],
    xlsx: ["--data", "data/bad/xlsx.csv", "--target", "result"],
    html: ["--data", "data/bad/html.csv", "--target", "result"],
    json: ["--data", "data/bad/json.csv", "--target", "result"],
    bom_inside: ["--data", "data/bad/bom-inside.csv", "--target", "result"],
    header_blank_name: ["--data", "data/bad/header-blank-name.csv", "--target", "result"],
    nbsp_number: ["--data", "data/bad/nbsp-number.csv", "--target", "result", "--epochs", "1"],
    full_width_digits: ["--data", "data/bad/full-width-digits.csv", "--target", "result"],
    unicode_minus: ["--data", "data/bad/unicode-minus.csv", "--target", "result"],
    control_character: ["--data", "data/bad/control-character.csv", "--target", "result"],
    empty_data: ["--data", "", "--target", "result"],
    figures_empty: ["--data", "data/students.csv", "--target", "result", "--figures", ""],
    categorical_empty: ["--data", "data/students.csv", "--target", "result", "--categorical", ""],
}

/// Writes `text` to `name` in a new temporary folder, and runs the case there.
fn generated(case: &str, name: &str, text: &[u8], args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), text).unwrap();
    let args = [&["--data", name, "--target", "result"], args].concat();
    check(case, dir.path(), &args);
}

/// The six rows of the committed cases, with `row` in place of the second.
fn six_rows(row: &str) -> String {
    format!(
        "result,hours,course,practice\nfail,4.8,evening,0.8\n{row}\npass,1.8,evening,8.7\n\
         pass,11.3,evening,8.4\nfail,5.4,evening,2.8\nfail,9.4,evening,2.6\n"
    )
}

#[test]
fn long_line() {
    let row = format!("pass,10.0,online,{}", "9".repeat(70_000));
    generated("long-line", "long-line.csv", six_rows(&row).as_bytes(), &[]);
}

#[test]
fn endless_line() {
    generated("endless-line", "endless-line.csv", &[b'x'; 1 << 20], &[]);
}

#[test]
fn ten_gigabytes() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse file: 10 GB long, and no disk used.
    let file = fs::File::create(dir.path().join("ten-gigabytes.csv")).unwrap();
    file.set_len(10_000_000_000).unwrap();
    let args = ["--data", "ten-gigabytes.csv", "--target", "result"];
    check("ten-gigabytes", dir.path(), &args);
}

#[test]
fn too_many_fields() {
    let mut text = String::from("result");
    for j in 1..8192 {
        text += &format!(",x{j}");
    }
    text.push('\n');
    let row = format!("pass{}\n", ",1".repeat(8191));
    for _ in 0..1025 {
        text += &row;
    }
    generated(
        "too-many-fields",
        "too-many-fields.csv",
        text.as_bytes(),
        &[],
    );
}

#[test]
fn identifier_column() {
    let mut text = Vec::new();
    writeln!(text, "id,result,hours").unwrap();
    for i in 0..5000 {
        let result = if i % 3 == 0 { "pass" } else { "fail" };
        writeln!(text, "S{i:05},{result},{}", i % 13).unwrap();
    }
    generated("identifier-column", "identifier-column.csv", &text, &[]);
}

#[test]
fn network_too_large() {
    let mut text = Vec::new();
    writeln!(text, "result,hours").unwrap();
    for i in 0..30_000 {
        let result = if i % 3 == 0 { "pass" } else { "fail" };
        writeln!(text, "{result},{}", i % 13).unwrap();
    }
    let args = ["--hidden", "1024"];
    generated("network-too-large", "network-too-large.csv", &text, &args);
}
