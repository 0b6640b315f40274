//! The committed students file is what the generator writes.

use appendix_a_program::students::{STUDENTS, STUDENTS_SEED, students_csv};

#[test]
fn the_committed_students_are_the_generators_output_byte_for_byte() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/students.csv");
    let committed = std::fs::read_to_string(path).unwrap();
    assert!(
        committed == students_csv(STUDENTS, STUDENTS_SEED),
        "data/students.csv differs from the generator's output; regenerate it with \
         `cargo run -p appendix-a-program --bin students-csv > students.csv.new && mv students.csv.new listings/appendix-a-program/data/students.csv`"
    );
}
