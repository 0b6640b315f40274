//! The chapter's `load` program reads any file it is given, within the limits of `text`: a
//! file that breaks one is refused at once, with the line or the limit, and exit code 1.

use std::process::Command;

fn load(path: &std::path::Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_load"))
        .arg(path)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn load_refuses_what_is_not_a_text_file_of_a_sane_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(10_000_000_000)
        .unwrap();
    let long = dir.path().join("long.csv");
    std::fs::write(&long, "x".repeat(1 << 20)).unwrap();
    let zero = std::path::Path::new("/dev/zero");
    for (path, expected) in [
        (
            zero,
            "error: /dev/zero, line 1: a NUL byte, which no text file holds: is this a binary \
             file, or text saved as UTF-16?\n"
                .to_string(),
        ),
        (
            big.as_path(),
            format!(
                "error: {}: the file is larger than 268435456 bytes (256 MiB), the most this \
                 program reads\n",
                big.display()
            ),
        ),
        (
            long.as_path(),
            format!(
                "error: {}, line 1: the line is longer than 65536 bytes, the longest this \
                 program reads\n",
                long.display()
            ),
        ),
    ] {
        assert_eq!(load(path), (Some(1), expected));
    }
}
