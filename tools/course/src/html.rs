//! Building the HTML book in-process, in the edition asked for.

use std::path::Path;

use mdbook_driver::MDBook;
use mdbook_listings::Listings;

/// Builds the book at `root` into `out`: `edition` is `public` or `instructor`; with a
/// `version`, every page ends with it.
pub fn build(root: &Path, out: &Path, edition: &str, version: Option<&str>) -> Result<(), String> {
    let mut book = MDBook::load(root).map_err(|e| format!("{e:#}"))?;
    let set = |book: &mut MDBook, key: &str, value: &str| {
        book.config.set(key, value).map_err(|e| format!("{e:#}"))
    };
    set(&mut book, "build.build-dir", &out.to_string_lossy())?;
    set(&mut book, "preprocessor.listings.edition", edition)?;
    if let Some(version) = version {
        set(&mut book, "preprocessor.listings.version", version)?;
    }
    book.with_preprocessor(Listings);
    book.build().map_err(|e| format!("{e:#}"))
}
