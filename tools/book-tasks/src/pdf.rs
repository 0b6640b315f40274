//! The print edition: headless Chromium prints mdBook's `print.html` (every chapter on one
//! page) to a PDF, once the book's fonts (the math font among them) and every figure have
//! loaded, with an outline (PDF bookmarks) made from the headings.

use std::net::SocketAddr;
use std::path::Path;

use crate::{build, cdp, chromium, server};

/// What the page must say before it is printed: the fonts are loaded (the math font among
/// them) and every image has decoded. Answers the images that did not load.
const READY: &str = r#"document.fonts.ready
    .then(() => Promise.all([...document.images].map((i) => i.decode().catch(() => null))))
    .then(() => ({
        broken: [...document.images].filter((i) => !(i.naturalWidth > 0)).map((i) => i.getAttribute("src")),
        mathFont: document.fonts.check('16px "Latin Modern Math"'),
        formulas: document.querySelectorAll("math").length,
    }))"#;

/// Builds the book and prints it to `pdf`; returns the PDF's size in bytes. The PDF is written
/// beside its final name and renamed into place, so an interrupted run leaves no half-written
/// file.
pub fn print(root: &Path, pdf: &Path) -> Result<u64, String> {
    let binary = chromium::find().ok_or_else(|| {
        format!(
            "printing the book needs Chromium or Chrome, and none was found; {}",
            chromium::INSTALL_HINT
        )
    })?;
    let work = crate::target_dir(root).join("pdf");
    let html = work.join("book");
    for warning in build::html(root, &html)? {
        eprintln!("warning: {warning}");
    }
    let site = server::Site::new(html, false);
    let addr = server::start(SocketAddr::from(([127, 0, 0, 1], 0)), site)
        .map_err(|e| format!("cannot serve the book to print it: {e}"))?;

    let profile = work.join("profile");
    let mut browser =
        cdp::Browser::launch(&binary, chromium::headless_args(&profile), profile.clone())?;
    let page = browser.new_page(1280, 900)?;
    // print.html opens the print dialog once loaded; here the printing is done through the
    // protocol instead, which refuses while a dialog's print is under way.
    page.run_first(&mut browser, "window.print = () => {};")?;
    page.open(&mut browser, &format!("http://{addr}/print.html"))?;
    let ready = page.eval(&mut browser, READY)?;
    let broken = ready["broken"].as_array().cloned().unwrap_or_default();
    if !broken.is_empty() {
        return Err(format!("these images did not load: {broken:?}"));
    }
    if ready["formulas"].as_u64().unwrap_or(0) > 0 && ready["mathFont"] != true {
        return Err("the math font (Latin Modern Math) did not load".into());
    }
    let bytes = page.print_to_pdf(&mut browser)?;
    drop(browser);

    if let Some(dir) = pdf.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let partial = pdf.with_extension("pdf.partial");
    std::fs::write(&partial, &bytes).map_err(|e| format!("{}: {e}", partial.display()))?;
    std::fs::rename(&partial, pdf).map_err(|e| format!("{}: {e}", pdf.display()))?;
    Ok(bytes.len() as u64)
}
