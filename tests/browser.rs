//! The book, read in a real browser.
//!
//! Builds the book as `cargo book build` does (the HTML in process, the live panels'
//! WebAssembly with a nested cargo), serves it on localhost, and drives headless Chromium over
//! the DevTools protocol through every page:
//!
//! - every page loads with no console error, uncaught exception or failed request;
//! - math is laid out by the browser's MathML (display `math`, fractions stacked), and shows
//!   no TeX (a backslash, an `&nbsp;`);
//! - no code or output block is wider than the content column at a desktop width;
//! - every image has alt text, and every figure keeps its white canvas, with no filter or
//!   transparency, in each of mdBook's themes (light, rust, coal, navy, ayu);
//! - every live panel the chapters place (`{{#panel}}`), run with its defaults, prints its
//!   program's snapshot byte for byte, in a light and a dark theme, and draws its curves as the
//!   run goes; a run stopped at once prints nothing more; a changed setting prints something
//!   else and is written into the URL; that URL, opened afresh, runs the same settings again
//!   and prints the same text; a setting out of range is an error the panel shows; and without
//!   JavaScript the panel takes no room and adds no text. How long each panel's defaults run
//!   takes in the page is printed with the summary.
//!
//! Without Chromium the test says how to install it and passes, except under `CI=true`, where a
//! missing browser fails.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Instant;

use book_tasks::cdp::{self, Browser, Page};
use book_tasks::{build, chromium, server};
use serde_json::Value;

/// A desktop window: the sidebar open beside the content column.
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 900;

const THEMES: [&str; 5] = ["light", "rust", "coal", "navy", "ayu"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

fn html_pages(dir: &Path) -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // toc.html is the table of contents for the sidebar of readers without JavaScript,
        // shown inside each page, not a page of its own.
        .filter(|n| n.ends_with(".html") && n != "toc.html")
        .collect();
    pages.sort();
    pages
}

/// What a program printed, as its snapshot recorded it (insta-cmd adds one newline).
fn snapshot_stdout(name: &str) -> String {
    let (crate_name, program) = name.split_once('/').expect("CRATE/PROGRAM");
    let path = mdbook_listings::snapshot_path(&root(), crate_name, program);
    let text = std::fs::read_to_string(&path).unwrap();
    let snap = mdbook_listings::snapshot::parse(&text).unwrap();
    snap.stdout
        .strip_suffix('\n')
        .unwrap_or(&snap.stdout)
        .to_string()
}

/// Every `{{#panel CRATE/PROGRAM}}` in the chapters.
fn panel_directives() -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root().join("src")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            for d in mdbook_listings::directives::find(&text) {
                if let mdbook_listings::directives::DirectiveKind::Panel { name } = d.kind {
                    names.push(name);
                }
            }
        }
    }
    names
}

/// Measures one page as a reader sees it, every folded solution opened.
const PAGE_CHECKS: &str = r#"(() => {
    const main = document.querySelector("main") || document.body;
    main.querySelectorAll("details").forEach((d) => { d.open = true; });
    const wide = [];
    for (const pre of main.querySelectorAll("pre")) {
        if (pre.closest(".panel")) continue;
        for (const el of [pre, ...pre.querySelectorAll(":scope > code")]) {
            if (el.scrollWidth > el.clientWidth + 1) {
                const lines = el.innerText.split("\n");
                const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), "");
                wide.push({ by: el.scrollWidth - el.clientWidth, chars: longest.length, line: longest });
                break;
            }
        }
    }
    // Output lines that wrap (text blocks wrap rather than scroll): reported for their owners.
    const wrapped = [];
    for (const code of main.querySelectorAll("pre > code.language-text")) {
        if (code.closest(".panel")) continue;
        code.style.whiteSpace = "pre";
        if (code.scrollWidth > code.clientWidth + 1) {
            for (const line of code.innerText.split("\n")) {
                const probe = document.createElement("span");
                probe.textContent = line;
                code.appendChild(probe);
                if (probe.getBoundingClientRect().width > code.clientWidth - 20) wrapped.push(line);
                probe.remove();
            }
        }
        code.style.whiteSpace = "";
    }
    const noAlt = [...main.querySelectorAll("img")]
        .filter((i) => !(i.getAttribute("alt") || "").trim())
        .map((i) => i.getAttribute("src"));
    const maths = [...main.querySelectorAll("math")];
    const unlaid = maths.filter((m) => {
        const r = m.getBoundingClientRect();
        return !(r.width > 0 && r.height > 0 && getComputedStyle(m).display.includes("math"));
    }).map((m) => m.textContent.slice(0, 40));
    const tex = maths.filter((m) => /\\|nbsp;/.test(m.textContent)).map((m) => m.textContent);
    const fracs = [...main.querySelectorAll("mfrac")];
    const flat = fracs.filter((f) => f.children.length === 2 &&
        !(f.children[0].getBoundingClientRect().bottom <= f.children[1].getBoundingClientRect().top + 1)).length;
    return { wide, wrapped, noAlt, maths: maths.length, unlaid, tex, fracs: fracs.length, flat,
             contentWidth: main.clientWidth };
})()"#;

/// How each figure looks in the current theme: its own pixels (a white corner, some dark ink
/// for lines and text) and any effect the page's styles put on it or its containers.
const FIGURE_CHECKS: &str = r#"(async () => {
    const out = [];
    for (const img of document.querySelectorAll("main img")) {
        // mdBook keeps a second, hidden copy of each image for its click-to-zoom view.
        if (img.getBoundingClientRect().width === 0) continue;
        await img.decode().catch(() => {});
        const c = document.createElement("canvas");
        c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext("2d");
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        let dark = 0, seen = 0;
        for (let i = 0; i < d.length; i += 4 * 5) {
            seen++;
            if (d[i + 3] > 200 && 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2] < 90) dark++;
        }
        const effects = [];
        for (let e = img; e && e !== document.documentElement; e = e.parentElement) {
            const s = getComputedStyle(e);
            if (s.filter !== "none") effects.push(`${e.tagName} filter ${s.filter}`);
            if (s.opacity !== "1") effects.push(`${e.tagName} opacity ${s.opacity}`);
            if (s.mixBlendMode !== "normal") effects.push(`${e.tagName} blend ${s.mixBlendMode}`);
        }
        const r = img.getBoundingClientRect();
        out.push({ src: img.getAttribute("src"), width: img.naturalWidth, shown: r.width,
                   corner: [d[0], d[1], d[2], d[3]], dark: dark / Math.max(seen, 1), effects });
    }
    return { theme: document.documentElement.className, background: getComputedStyle(document.documentElement).getPropertyValue("--bg").trim(), figures: out };
})()"#;

#[test]
fn search_previews_hold_no_tex() {
    // mdBook's search index takes the text of every element of a page; the previews under the
    // search box show it. Formulas must contribute their characters, not their TeX source.
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("search-book");
    build::html(&root(), &out).expect("the book builds");
    let index = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("searchindex"))
        })
        .expect("a search index");
    let text = std::fs::read_to_string(index).unwrap();
    for tex in [
        "\\\\frac",
        "\\\\operatorname",
        "\\\\sum",
        "\\\\sigma",
        "\\\\ln",
        "\\\\left",
        "\\\\cdot",
    ] {
        assert!(
            !text.contains(tex),
            "the search index holds the TeX `{tex}`"
        );
    }
    assert!(
        text.contains("softmax"),
        "the search index holds the book's words"
    );
}

#[test]
fn the_book_reads_well_in_a_real_browser() {
    let Some(binary) = chromium::find() else {
        let message = format!(
            "the browser test needs Chromium or Chrome and found none; {}",
            chromium::INSTALL_HINT
        );
        assert!(!in_ci(), "{message}");
        eprintln!("SKIPPED: {message}");
        return;
    };
    let started = Instant::now();
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let out = tmp.join("book");
    let built = build::book(&root(), &out, true).expect("the book builds");
    let wasm_kib = built.wasm_bytes as f64 / 1024.0;
    let built_in = started.elapsed();
    let site = server::Site::new(out.clone(), false);
    let addr = server::start(SocketAddr::from(([127, 0, 0, 1], 0)), site).unwrap();
    let base = format!("http://{addr}/");

    let mut browser = Browser::launch(
        &binary,
        chromium::headless_args(&tmp.join("profile")),
        tmp.join("profile"),
    )
    .expect("the browser starts");
    let page = browser.new_page(WIDTH, HEIGHT).unwrap();
    // print.html opens the print dialog once loaded; a reader would print, the test reads.
    page.run_first(&mut browser, "window.print = () => {};")
        .unwrap();
    let mut problems = Vec::new();

    // Every page.
    let pages = html_pages(&out);
    let mut maths = 0;
    let mut content_width = 0;
    let mut wrapped = Vec::new();
    for name in &pages {
        let url = format!("{base}{name}");
        if let Err(e) = page.open(&mut browser, &url) {
            problems.push(format!("{name}: {e}"));
            continue;
        }
        let v = match page.eval(&mut browser, PAGE_CHECKS) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        };
        for w in v["wide"].as_array().unwrap() {
            problems.push(format!(
                "{name}: a code or output block is {} px wider than the column; its longest line has {} characters: {}",
                w["by"], w["chars"], w["line"]
            ));
        }
        if name != "print.html" {
            for line in v["wrapped"].as_array().unwrap() {
                wrapped.push(format!("{name}: {line}"));
            }
        }
        for src in v["noAlt"].as_array().unwrap() {
            problems.push(format!("{name}: the image {src} has no alt text"));
        }
        for m in v["unlaid"].as_array().unwrap() {
            problems.push(format!("{name}: a formula is not laid out as MathML: {m}"));
        }
        for m in v["tex"].as_array().unwrap() {
            problems.push(format!("{name}: a formula shows TeX: {m}"));
        }
        if v["flat"].as_u64() != Some(0) {
            problems.push(format!(
                "{name}: {} of {} fractions are not stacked",
                v["flat"], v["fracs"]
            ));
        }
        let source = std::fs::read_to_string(out.join(name)).unwrap();
        let in_source = source.matches("<math").count() as u64;
        let counted = v["maths"].as_u64().unwrap_or(0);
        if name != "print.html" && name != "toc.html" && counted != in_source {
            problems.push(format!(
                "{name}: {in_source} formulas in the HTML but {counted} in the page"
            ));
        }
        maths += counted;
        content_width = v["contentWidth"].as_u64().unwrap_or(0);
        for e in page.errors(&mut browser) {
            problems.push(format!("{name}: {e}"));
        }
    }
    assert!(maths > 100, "only {maths} formulas across the book");

    // Every figure in every theme: the print page holds them all.
    let shots = tmp.join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let figure_page = format!("{base}print.html");
    let figure_files = std::fs::read_dir(root().join("src/figures"))
        .unwrap()
        .count();
    let mut backgrounds = Vec::new();
    for theme in THEMES {
        page.open(&mut browser, &figure_page).unwrap();
        page.eval(
            &mut browser,
            &format!("localStorage.setItem('mdbook-theme', '{theme}')"),
        )
        .unwrap();
        page.open(&mut browser, &figure_page).unwrap();
        let v = page.eval(&mut browser, FIGURE_CHECKS).unwrap();
        let classes = v["theme"].as_str().unwrap_or("");
        assert!(
            classes.split(' ').any(|c| c == theme),
            "the theme {theme} did not apply: {classes}"
        );
        backgrounds.push(v["background"].to_string());
        let figures = v["figures"].as_array().unwrap();
        assert!(
            figures.len() >= figure_files,
            "{} figures shown on {figure_page}, but src/figures holds {figure_files}",
            figures.len()
        );
        for f in figures {
            let src = &f["src"];
            if f["corner"] != serde_json::json!([255, 255, 255, 255]) {
                problems.push(format!(
                    "{theme}: {src} does not sit on its white canvas: corner {}",
                    f["corner"]
                ));
            }
            let dark = f["dark"].as_f64().unwrap_or(0.0);
            if !(0.002..0.5).contains(&dark) {
                problems.push(format!(
                    "{theme}: {src} has {dark:.4} of dark ink: no legible lines and text"
                ));
            }
            if f["shown"].as_f64().unwrap_or(0.0) < 300.0 {
                problems.push(format!(
                    "{theme}: {src} is shown only {} px wide",
                    f["shown"]
                ));
            }
            for e in f["effects"].as_array().unwrap() {
                problems.push(format!("{theme}: {src} is drawn through {e}"));
            }
        }
        for e in page.errors(&mut browser) {
            problems.push(format!("print.html ({theme}): {e}"));
        }
    }
    backgrounds.dedup();
    assert!(
        backgrounds.len() > 2,
        "the themes did not change the page: {backgrounds:?}"
    );
    page.open(&mut browser, &figure_page).unwrap();
    page.eval(
        &mut browser,
        "localStorage.setItem('mdbook-theme', 'light')",
    )
    .unwrap();

    // Every live panel: each `{{#panel}}` of the chapters, found in the built pages.
    let (mut found, mut panels) = (Vec::new(), Vec::new());
    for name in &pages {
        if name == "print.html" {
            continue;
        }
        let html = std::fs::read_to_string(out.join(name)).unwrap();
        for holder in html.split("<div class=\"panel\" data-panel=\"").skip(1) {
            let panel = holder.split('"').next().unwrap().to_string();
            found.push(panel.clone());
            let checked = Instant::now();
            match check_panel(&mut browser, &page, &base, name, &panel, &shots) {
                Ok(ms) => panels.push(format!(
                    "{panel} (defaults run in {ms} ms, checked in {:.1} s)",
                    checked.elapsed().as_secs_f64()
                )),
                Err(e) => problems.push(format!("{name}: panel {panel}: {e}")),
            }
        }
    }
    let mut directives = panel_directives();
    assert!(!directives.is_empty(), "no live panel in the book");
    found.sort();
    directives.sort();
    assert_eq!(
        found, directives,
        "the built pages hold other panels than the chapters place"
    );

    if !wrapped.is_empty() {
        eprintln!(
            "{} output lines are wider than the column and wrap:\n  {}",
            wrapped.len(),
            wrapped.join("\n  ")
        );
    }
    let took = started.elapsed();
    eprintln!(
        "browser test: {} pages, {maths} formulas, content column {content_width} px, \
         wasm {wasm_kib:.1} KiB; built in {:.1} s, {:.1} s in all; screenshots in {}\n  panels: {}",
        pages.len(),
        built_in.as_secs_f64(),
        took.as_secs_f64(),
        shots.display(),
        panels.join("\n          ")
    );
    assert!(
        problems.is_empty(),
        "the book in Chromium:\n  {}",
        problems.join("\n  ")
    );
}

/// Runs one panel with its defaults (in a light and a dark theme), stopped at once, with a
/// changed setting, from a shared URL, with a setting out of range, and without JavaScript.
/// Returns how long the defaults run took in the page's worker, in milliseconds.
fn check_panel(
    browser: &mut Browser,
    page: &Page,
    base: &str,
    file: &str,
    panel: &str,
    shots: &Path,
) -> cdp::Result<u64> {
    let program = panel.split('/').nth(1).unwrap_or(panel);
    let sel = format!("document.querySelector('div.panel[data-panel=\"{panel}\"]')");
    let url = format!("{base}{file}");
    page.open(browser, &url)?;
    let state = |s: &str| format!("{sel}.dataset.state === '{s}'");
    let output = format!("{sel}.querySelector('.panel-output').textContent");
    let text = |browser: &mut Browser, expression: &str| -> cdp::Result<String> {
        Ok(page
            .eval(browser, expression)?
            .as_str()
            .unwrap_or("")
            .to_string())
    };
    let run = |browser: &mut Browser| -> cdp::Result<String> {
        page.eval(
            browser,
            &format!("{sel}.dataset.state = 'clicked'; {sel}.querySelector('.panel-run').click()"),
        )?;
        page.wait_until(
            browser,
            &format!("{} || {}", state("done"), state("error")),
            120,
        )?;
        text(browser, &output)
    };
    page.wait_until(
        browser,
        &format!("{sel}.hidden === false && {}", state("ready")),
        60,
    )?;

    // The defaults: the program's own output, to the byte, and its curves, drawn as the run
    // went (more than once), one line per series with a point per unit.
    let defaults = run(browser)?;
    let want = snapshot_stdout(panel);
    if defaults != want {
        return Err(format!(
            "with the defaults it printed\n{defaults}\nbut the snapshot is\n{want}"
        ));
    }
    let ms = page
        .eval(browser, &format!("Number({sel}.dataset.ms)"))?
        .as_u64()
        .unwrap_or(0);
    let chart = page.eval(
        browser,
        &format!(
            "[Number({sel}.dataset.draws), [...{sel}.querySelectorAll('.panel-chart path')]
              .map((p) => p.getAttribute('d').split(/[ML]/).length - 1)]"
        ),
    )?;
    let draws = chart[0].as_u64().unwrap_or(0);
    let lines: Vec<u64> = chart[1]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    if draws < 2 || lines.is_empty() || lines.iter().any(|&n| n < 2) {
        return Err(format!(
            "the chart was drawn {draws} times, with lines of {lines:?} points"
        ));
    }
    for theme in ["light", "navy"] {
        page.eval(
            browser,
            &format!("localStorage.setItem('mdbook-theme', '{theme}')"),
        )?;
        page.open(browser, &url)?;
        page.wait_until(browser, &state("ready"), 60)?;
        if run(browser)? != want {
            return Err(format!("in the {theme} theme it printed something else"));
        }
        page.eval(browser, &format!("{sel}.scrollIntoView()"))?;
        let _ = page.screenshot(browser, &shots.join(format!("panel-{program}-{theme}.png")));
    }

    // Stopped as soon as started: nothing more arrives, and the next run starts afresh.
    page.eval(
        browser,
        &format!(
            "{sel}.querySelector('.panel-run').click(); {sel}.querySelector('.panel-stop').click()"
        ),
    )?;
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let stopped = page.eval(browser, &format!("[{sel}.dataset.state, {output}]"))?;
    if stopped != serde_json::json!(["stopped", ""]) {
        return Err(format!("a run stopped at once went on: {stopped}"));
    }
    if run(browser)? != want {
        return Err("after a stopped run the defaults print something else".into());
    }

    // A changed setting: another result, and the URL says which.
    let first = format!("{sel}.querySelector('input')");
    let key = text(browser, &format!("{first}.dataset.key"))?;
    page.eval(
        browser,
        &format!("{first}.value = String(Number({first}.value) * 0.5)"),
    )?;
    let value = text(browser, &format!("{first}.value"))?;
    let changed = run(browser)?;
    if changed == defaults || page.eval(browser, &state("done"))? != Value::Bool(true) {
        return Err(format!(
            "{key} = {value} printed the same as the defaults, or failed:\n{changed}"
        ));
    }
    let shared = text(browser, "window.location.href")?;
    if !shared.contains(&format!("{program}.{key}={value}")) {
        return Err(format!(
            "the URL does not hold {program}.{key}={value}: {shared}"
        ));
    }

    // The shared URL, opened afresh, runs the same settings and prints the same.
    page.open(browser, &shared)?;
    page.wait_until(browser, &state("done"), 120)?;
    let again = text(browser, &output)?;
    if again != changed {
        return Err(format!(
            "the shared URL {shared} printed\n{again}\ninstead of\n{changed}"
        ));
    }
    let restored = text(browser, &format!("{first}.value"))?;
    if restored != value {
        return Err(format!(
            "the shared URL set {key} to {restored}, not {value}"
        ));
    }

    // A value out of range: the form refuses it, and so does the module when a URL holds it.
    page.eval(browser, &format!("{first}.value = '1e12'"))?;
    if page.eval(
        browser,
        &format!("{sel}.querySelector('form').checkValidity()"),
    )? != Value::Bool(false)
    {
        return Err("the form accepts 1e12".into());
    }
    page.open(browser, &format!("{url}?{program}.{key}=1e12"))?;
    page.wait_until(
        browser,
        &format!("{} || {}", state("done"), state("error")),
        60,
    )?;
    let status = text(
        browser,
        &format!("{sel}.querySelector('.panel-status').textContent"),
    )?;
    if page.eval(browser, &state("error"))? != Value::Bool(true)
        || !status.contains("outside the range")
    {
        return Err(format!("{key} = 1e12 in the URL was not refused: {status}"));
    }
    let errors = page.errors(browser);
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }

    // Without JavaScript the page reads as if there were no panel.
    browser.call(
        Some(&page.session),
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({ "value": true }),
    )?;
    page.open(browser, &url)?;
    let shown = page.eval(
        browser,
        &format!("[{sel}.getBoundingClientRect().height, {sel}.textContent.length]"),
    );
    browser.call(
        Some(&page.session),
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({ "value": false }),
    )?;
    if shown? != serde_json::json!([0, 0]) {
        return Err("without JavaScript the panel still takes room or text".into());
    }
    Ok(ms)
}
