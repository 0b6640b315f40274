//! What `train` writes, and what it refuses to: figures only where asked, never over a file
//! without `--force`, and nothing at all when the options are wrong.

use std::process::{Command, Output};

fn train(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_train"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

const STUDENTS: [&str; 6] = [
    "--data",
    "data/students.csv",
    "--target",
    "result",
    "--epochs",
    "2",
];

#[test]
fn figures_are_written_where_asked_and_never_over_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let figures = dir.path().join("figures");
    let folder = figures.to_str().unwrap();
    let out = train(&[&STUDENTS[..], &["--figures", folder]].concat());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["loss.svg", "roc.svg"] {
        let svg = std::fs::read_to_string(figures.join(name)).unwrap();
        assert!(svg.starts_with("<svg"), "{name}");
    }
    assert!(
        String::from_utf8_lossy(&out.stdout).ends_with(&format!("figures written to {folder}\n"))
    );

    std::fs::write(figures.join("loss.svg"), "mine").unwrap();
    let again = train(&[&STUDENTS[..], &["--figures", folder]].concat());
    assert_eq!(again.status.code(), Some(1));
    assert!(
        again.stdout.is_empty(),
        "nothing is trained before the refusal"
    );
    assert_eq!(
        String::from_utf8_lossy(&again.stderr),
        format!("error: {folder}/loss.svg exists; pass --force to replace it\n")
    );
    assert_eq!(
        std::fs::read_to_string(figures.join("loss.svg")).unwrap(),
        "mine"
    );

    let forced = train(&[&STUDENTS[..], &["--figures", folder, "--force"]].concat());
    assert_eq!(forced.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(figures.join("loss.svg"))
            .unwrap()
            .starts_with("<svg")
    );
}

#[test]
fn three_classes_have_no_roc_figure() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    let iris = [
        "--data",
        "../ch12-iris/data/iris.csv",
        "--target",
        "species",
        "--epochs",
        "2",
    ];
    let out = train(&[&iris[..], &["--figures", folder]].concat());
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("loss.svg").exists());
    assert!(!dir.path().join("roc.svg").exists());
}

#[test]
fn a_bad_option_stops_before_any_file_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let figures = dir.path().join("figures");
    for bad in [
        "--epochs=0",
        "--lr=0",
        "--lr=NaN",
        "--test-fraction=1",
        "--patience=0",
    ] {
        let out = train(
            &[
                &STUDENTS[..4],
                &[bad, "--figures", figures.to_str().unwrap()],
            ]
            .concat(),
        );
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(out.stdout.is_empty(), "{bad}");
        assert!(!figures.exists(), "{bad}");
    }
}

#[test]
fn other_broken_files_are_refused_with_line_and_column() {
    let cases = [
        (
            "data/bad/nan.csv",
            "line 5, column `practice`: \"NaN\" is not a finite number",
        ),
        (
            "data/bad/header-only.csv",
            "no data rows: the file is empty or holds only its header",
        ),
    ];
    for (file, expected) in cases {
        let out = train(&["--data", file, "--target", "result"]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with(&format!("error: {file}")), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
    }
}

#[test]
fn a_test_split_of_one_class_leaves_its_ratios_undefined_not_an_error() {
    // Ten rows of which three pass, the fewest a class may have: the seed puts all three
    // outside the two test rows.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("few.csv");
    let mut text = String::from("y,x\n");
    for i in 0..10 {
        let pass = [3, 6, 8].contains(&i);
        text += &format!("{},{i}\n", if pass { "pass" } else { "fail" });
    }
    std::fs::write(&path, text).unwrap();
    let out = train(&[
        "--data",
        path.to_str().unwrap(),
        "--target",
        "y",
        "--epochs",
        "2",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(!printed.contains("ROC AUC"), "{printed}");
    assert!(
        printed.contains("  class pass: 0 rows, precision -, recall -, F1 -\n"),
        "{printed}"
    );
}

#[test]
fn a_run_that_fails_leaves_no_folder_and_a_run_that_succeeds_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let figures = dir.path().join("figures");
    let folder = figures.to_str().unwrap();
    let diverged = train(&[&STUDENTS[..4], &["--lr", "10", "--figures", folder]].concat());
    assert_eq!(diverged.status.code(), Some(1));
    assert!(!figures.exists(), "the folder is made only to write into");

    let out = train(&[&STUDENTS[..], &["--figures", folder]].concat());
    assert_eq!(out.status.code(), Some(0));
    let mut names: Vec<String> = std::fs::read_dir(&figures)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["loss.svg", "roc.svg"]);
    for name in names {
        let svg = std::fs::read_to_string(figures.join(name)).unwrap();
        assert!(svg.trim_end().ends_with("</svg>"), "a whole figure");
    }
}

#[test]
fn a_run_killed_at_any_moment_leaves_no_part_of_a_figure() {
    // Killed while it reads, trains or writes: a figure is either whole or absent. (Only the
    // temporary `.loss.svg.*.part` of a write in progress can remain, under its own name.)
    let dir = tempfile::tempdir().unwrap();
    for (i, delay) in [0, 20, 60, 120, 250, 400].into_iter().enumerate() {
        let figures = dir.path().join(format!("figures-{i}"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_train"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&STUDENTS[..4])
            .args(["--epochs", "40", "--patience", "40"])
            .arg("--figures")
            .arg(&figures)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        child.wait().unwrap();
        for name in ["loss.svg", "roc.svg"] {
            if let Ok(svg) = std::fs::read_to_string(figures.join(name)) {
                assert!(
                    svg.trim_end().ends_with("</svg>"),
                    "{delay} ms: part of {name}"
                );
            }
        }
    }
}
