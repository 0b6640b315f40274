//! The command-line face of the `listings` preprocessor, for `mdbook build` and `mdbook serve`.
//! `book.toml` runs it as `cargo run -q -p mdbook-listings --`.

use std::io;
use std::process::ExitCode;

use mdbook_listings::Listings;
use mdbook_preprocessor::Preprocessor;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("supports") {
        // Every renderer: the output it writes is Markdown and MathML.
        return ExitCode::SUCCESS;
    }
    let result = mdbook_preprocessor::parse_input(io::stdin())
        .and_then(|(ctx, book)| Listings.run(&ctx, book))
        .and_then(|book| serde_json::to_writer(io::stdout(), &book).map_err(Into::into));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: listings preprocessor: {e:#}");
            ExitCode::FAILURE
        }
    }
}
