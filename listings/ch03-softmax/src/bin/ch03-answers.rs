//! Prints the number each of the chapter's exercises asks for.

use std::process::ExitCode;

// ANCHOR: main
fn main() -> ExitCode {
    match ch03_softmax::exercises::print_answers() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: main
