//! `cargo book release` bundles the book, its editions, slides and quizzes, with the version on
//! every page.

use std::io::Read;
use std::path::{Path, PathBuf};

#[test]
fn a_release_bundles_every_edition_with_the_version_on_every_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    if mdbook_listings::edition::Marker::read(&root)
        .unwrap()
        .is_some()
    {
        // A release is made from the book, not from a student edition.
        return;
    }
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("release-test");
    let _ = std::fs::remove_dir_all(&tmp);
    let out = tmp.join("out");
    let pdf = tmp.join("book.pdf");
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::write(&pdf, b"%PDF-1.7\n% a stand-in\n").unwrap();
    let written = course::release::release(&root, &out, &tmp.join("work"), Some(&pdf))
        .expect("the release is made");
    let names: Vec<String> = written
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let version = course::edition::version(
        &course::edition::repository_files(&root).expect("the repository"),
    )
    .unwrap();
    let name = format!("cross-entropy-verified-{version}");
    for suffix in [
        "-html.tar.gz",
        "-instructor-html.tar.gz",
        "-student.tar.gz",
        "-source.tar.gz",
        "-slides.tar.gz",
        "-quizzes.gift",
        ".pdf",
    ] {
        assert!(
            names.contains(&format!("{name}{suffix}")),
            "{name}{suffix} in {names:?}"
        );
    }

    // Every chapter page of the HTML book ends with the version.
    let archive = std::fs::read(out.join(&name).join(format!("{name}-html.tar.gz"))).unwrap();
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive.as_slice()));
    let mut pages = 0;
    for entry in tar.entries().unwrap() {
        let mut entry = entry.unwrap();
        let path = entry.path().unwrap().to_string_lossy().into_owned();
        assert!(path.starts_with(&format!("{name}-html/")), "{path}");
        let file = path.rsplit('/').next().unwrap().to_string();
        if !file.ends_with(".html") || ["toc.html", "404.html"].contains(&file.as_str()) {
            continue;
        }
        let mut html = String::new();
        entry.read_to_string(&mut html).unwrap();
        assert!(
            html.contains(&format!("Cross-Entropy, Verified, version {version}</p>")),
            "{path} does not show the version"
        );
        pages += 1;
    }
    assert!(pages > 10, "{pages} pages");

    // A release is written once.
    let again = course::release::release(&root, &out, &tmp.join("work"), None);
    assert!(again.unwrap_err().contains("exists already"));
}
