//! The log-softmax of three equal logits, computed in two orders, against its exact value;
//! then every row of the book's reference set.

use ch03_softmax::attempts::log_softmax_by_subtraction;
use ch03_softmax::ulps::{reference_cases, ulp, ulps_between};
use ch03_softmax::{SoftmaxError, log_softmax_rows};
use ndarray::{Axis, aview1, aview2};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

// ANCHOR: main
fn run() -> Result<(), SoftmaxError> {
    let rows = reference_cases("log_softmax_rows");
    let z = [1000.0, 1000.0, 1000.0];
    let exact = rows
        .iter()
        .find(|(logits, _)| logits == &z)
        .expect("in the set")
        .1[0];
    let by_subtraction = log_softmax_by_subtraction(&z)[0];
    let library = log_softmax_rows(aview2(&[z]))?[[0, 0]];
    println!("log-softmax of [1000, 1000, 1000], one entry     ulps from exact");
    println!("  exact (reference set)   {exact:.16}");
    println!(
        "  z - logsumexp(z)        {by_subtraction:.16}  {}",
        ulps_between(by_subtraction, exact)
    );
    println!(
        "  (z - m) - ln_1p(rest)   {library:.16}  {}",
        ulps_between(library, exact)
    );
    let lse = 1000.0 + libm::log(3.0);
    println!(
        "one ulp near {exact:.4} is {:.1e}; near {lse:.4} it is {:.1e}",
        ulp(exact),
        ulp(lse)
    );

    println!();
    println!("every row of the reference set ({}):", rows.len());
    let (mut off_by_subtraction, mut worst_library) = (0, 0);
    for (logits, exact) in &rows {
        let by_subtraction = log_softmax_by_subtraction(logits);
        let library = log_softmax_rows(aview1(logits).insert_axis(Axis(0)))?;
        let worst = |got: &mut dyn Iterator<Item = &f64>| {
            got.zip(exact)
                .map(|(g, e)| ulps_between(*g, *e))
                .max()
                .unwrap_or(0)
        };
        if worst(&mut by_subtraction.iter()) > 2 {
            off_by_subtraction += 1;
        }
        worst_library = worst_library.max(worst(&mut library.iter()));
    }
    println!("  rows where z - logsumexp(z) is more than 2 ulps off: {off_by_subtraction}");
    println!("  the library's largest error in any row, in ulps: {worst_library}");
    Ok(())
}
// ANCHOR_END: main
