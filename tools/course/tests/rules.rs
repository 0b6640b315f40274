//! The book's listings keep the rules the student edition relies on.

use std::path::Path;

#[test]
fn snapshots_of_programs_that_call_solutions_are_named_after_their_exercise() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let problems = course::rules::answer_programs_are_graded(&root).expect("the listings read");
    assert!(
        problems.is_empty(),
        "snapshot tests that grade exercises under another name:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn every_exercise_of_the_book_can_be_stubbed_and_restored() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if mdbook_listings::edition::Marker::read(&root)
        .unwrap()
        .is_some()
    {
        return;
    }
    let mut count = 0;
    for entry in std::fs::read_dir(root.join("listings")).unwrap() {
        let file = entry.unwrap().path().join("src/exercises.rs");
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let stubbed =
            course::exercises::stub(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        syn::parse_file(&stubbed.text)
            .unwrap_or_else(|e| panic!("{}: the stubbed file is not Rust: {e}", file.display()));
        let back = course::exercises::restore(&stubbed.text, &stubbed.solutions).unwrap();
        assert!(
            back == text,
            "{}: restoring changes the file",
            file.display()
        );
        count += stubbed.solutions.len();
    }
    assert!(count > 0, "the book has exercises");
}
