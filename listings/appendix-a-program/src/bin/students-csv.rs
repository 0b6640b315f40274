//! Prints the students CSV; `data/students.csv` is its output, written to a new name first so
//! that a run stopped halfway leaves no cut-short file in its place:
//! `cargo run -p appendix-a-program --bin students-csv > students.csv.new && mv students.csv.new listings/appendix-a-program/data/students.csv`.

use appendix_a_program::students::{STUDENTS, STUDENTS_SEED, students_csv};

// ANCHOR: main
fn main() {
    print!("{}", students_csv(STUDENTS, STUDENTS_SEED));
}
// ANCHOR_END: main
