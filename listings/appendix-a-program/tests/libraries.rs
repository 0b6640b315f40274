//! The chapters' libraries stay free of what only a command-line program needs, so that they
//! build for WebAssembly and run in a web page: no option parser, no progress bar.

#[test]
fn the_chapter_crates_do_not_depend_on_the_programs_crates() {
    for krate in ["ch11-churn", "ch12-iris"] {
        let path = format!("{}/../{krate}/Cargo.toml", env!("CARGO_MANIFEST_DIR"));
        let manifest = std::fs::read_to_string(path).unwrap();
        for program_only in ["clap", "indicatif"] {
            let dependency = manifest
                .lines()
                .any(|line| line.trim_start().starts_with(program_only));
            assert!(!dependency, "{krate} depends on {program_only}");
        }
    }
}
