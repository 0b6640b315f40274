//! The options programs against PyTorch itself: every line that PyTorch printed for the same
//! inputs (`tools/reference-checks/torch_losses.out`, recorded with torch 2.15 by
//! `torch_losses.py`) must be a line of the program's output, digit for digit. A recorded line
//! that ends in a note is where the book differs on purpose: the book must print that label
//! with another value.

const RECORDED: &str = include_str!("../../../tools/reference-checks/torch_losses.out");

/// The lines recorded under the heading that starts with `title`, up to the next blank line.
fn recorded(title: &str) -> Vec<&'static str> {
    RECORDED
        .lines()
        .skip_while(|l| !l.starts_with(title))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect()
}

fn check(program_output: &str, title: &str) {
    let printed: Vec<&str> = program_output.lines().collect();
    let lines = recorded(title);
    assert!(lines.len() >= 6, "{title}: too few recorded lines");
    for line in lines {
        match line.split_once(" (") {
            None => assert!(
                printed.contains(&line),
                "PyTorch printed {line:?}; the book did not"
            ),
            Some((value, _note)) => {
                let label = value.rsplit_once(' ').unwrap().0.trim_end();
                assert!(
                    printed
                        .iter()
                        .any(|p| p.starts_with(label)
                            && !p.ends_with(value.rsplit(' ').next().unwrap())),
                    "the book should print {label:?} with its own value"
                );
            }
        }
    }
}

#[test]
fn the_options_agree_with_pytorch() {
    check(include_str!("snapshots/options.snap"), "Chapter 6, options");
}

#[test]
fn the_binary_options_agree_with_pytorch() {
    check(
        include_str!("snapshots/binary-options.snap"),
        "Chapter 6, binary-options",
    );
}
