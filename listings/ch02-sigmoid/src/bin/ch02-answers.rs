//! Prints the number each of the chapter's exercises asks for.

// ANCHOR: main
fn main() {
    ch02_sigmoid::exercises::print_answers();
}
// ANCHOR_END: main
