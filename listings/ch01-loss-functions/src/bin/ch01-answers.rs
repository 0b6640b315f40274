//! Prints the number each of the chapter's exercises asks for.

// ANCHOR: main
fn main() {
    ch01_loss_functions::exercises::print_answers();
}
// ANCHOR_END: main
