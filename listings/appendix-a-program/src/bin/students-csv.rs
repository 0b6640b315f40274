//! Prints the students CSV; `data/students.csv` is its output:
//! `cargo run -p appendix-a-program --bin students-csv > listings/appendix-a-program/data/students.csv`.

use appendix_a_program::students::{STUDENTS, STUDENTS_SEED, students_csv};

// ANCHOR: main
fn main() {
    print!("{}", students_csv(STUDENTS, STUDENTS_SEED));
}
// ANCHOR_END: main
