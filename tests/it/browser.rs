//! The HTML view in a real browser: Debian's headless chromium, driven over
//! the DevTools protocol (`devtools`), loads the committed `reports/` of the
//! bundled story with the script on and off: no console errors, every
//! segment tinted once, as many claims as report.json counts, and a click
//! or Enter on a claim shows its evidence. A source that tries to inject
//! markup renders inert: no dialog, no request outside the reports folder.
//! Screenshots land in `target/browser/` for people to look at.
//!
//! `.ci/run` installs chromium with apt when it is missing. Without it the
//! test fails under CI and is skipped with a notice elsewhere, as the
//! evaluations are.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::Workspace;
use crate::devtools::{Browser, chromium_path};

fn browser() -> Option<Browser> {
    let Some(chromium) = chromium_path() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium not found (CI is set, so a missing browser fails; .ci/run installs it)"
        );
        let _ = writeln!(
            std::io::stderr(),
            "skipped: chromium not found (apt install chromium, or set CHROMIUM)"
        );
        return None;
    };
    Some(Browser::launch(&chromium))
}

fn committed_reports() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("reports")
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Where screenshots go: under `target/`, never committed.
fn screenshots() -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&folder).expect("screenshot folder");
    folder
}

fn count(browser: &mut Browser, selector: &str) -> u64 {
    browser
        .eval(&format!("document.querySelectorAll({selector:?}).length"))
        .as_u64()
        .expect("count")
}

/// Whether the evidence of the segment `segment` is on screen.
fn evidence_shown(browser: &mut Browser, segment: &str) -> bool {
    browser
        .eval(&format!(
            "getComputedStyle(document.getElementById({:?})).display !== 'none'",
            format!("e-{segment}")
        ))
        .as_bool()
        .expect("bool")
}

fn assert_quiet(browser: &Browser, from: usize, page: &str, folder: &Path) {
    let errors = browser.errors_since(from);
    assert!(errors.is_empty(), "{page}: {errors:#?}");
    assert_eq!(browser.dialogs_since(from), 0, "{page}: a dialog opened");
    let prefix = url(folder);
    for request in browser.requests_since(from) {
        assert!(request.starts_with(&prefix), "{page}: requested {request}");
    }
}

#[test]
fn the_bundled_story_reviews_in_a_real_browser_with_the_script_on_and_off() {
    let Some(mut browser) = browser() else {
        return;
    };
    let reports = committed_reports();
    let report: Value = serde_json::from_str(
        &std::fs::read_to_string(reports.join("report.json")).expect("report.json"),
    )
    .expect("JSON");
    let sources = report["sources"].as_array().expect("sources");
    let segments = report["segments"].as_array().expect("segments");
    let claims: u64 = sources
        .iter()
        .map(|s| s["claims"].as_u64().expect("claims"))
        .sum();
    let single = segments
        .iter()
        .find(|s| s["source"] == "000" && s["verdict"] == "single_source")
        .and_then(|s| s["id"].as_str())
        .expect("a single-source claim of 000");
    for scripts in [true, false] {
        browser.scripts(scripts);
        let from = browser.events.len();
        browser.open(&url(&reports.join("index.html")));
        assert_quiet(&browser, from, "index.html", &reports);
        assert_eq!(count(&mut browser, "#claim-table tbody tr"), claims);
        let filters = browser.eval("!document.getElementById('filters').hidden");
        assert_eq!(
            filters.as_bool(),
            Some(scripts),
            "filters shown with the script only"
        );
        for source in sources {
            let id = source["id"].as_str().expect("id");
            let page = format!("sources/{id}.html");
            let from = browser.events.len();
            browser.open(&url(&reports.join(&page)));
            assert_quiet(&browser, from, &page, &reports);
            let own = segments.iter().filter(|s| s["source"] == id).count() as u64;
            assert_eq!(count(&mut browser, "a.seg[id^='s-']"), own, "{page}");
            assert_eq!(
                count(&mut browser, "a.seg[id^='s-']:not(.not_a_claim)"),
                source["claims"].as_u64().expect("claims"),
                "{page}"
            );
        }
        // Without the script every claim's evidence stands beside it; with
        // it, only the one opened.
        browser.open(&url(&reports.join("sources/000.html")));
        assert_eq!(evidence_shown(&mut browser, single), !scripts);
    }
    browser.scripts(true);
    // The delegation conflict of 000, one click from the index.
    browser.open(&url(&reports.join("index.html")));
    let before = browser.events.len();
    browser.click("article.conflict a[href^='sources/000.html']");
    browser.wait_for_load(before, "000.html from the index");
    assert_quiet(&browser, before, "000.html from the index", &reports);
    let opened = browser.eval("document.querySelector('.evidence.active')?.id ?? ''");
    let opened = opened
        .as_str()
        .expect("id")
        .trim_start_matches("e-")
        .to_owned();
    assert!(opened.starts_with("000:"), "{opened}");
    assert!(evidence_shown(&mut browser, &opened));
    let text = browser.eval("document.querySelector('.evidence.active').innerText");
    assert!(
        text.as_str().is_some_and(|t| t.contains("Conflict")),
        "{text}"
    );
    browser.screenshot(&screenshots().join("000.png"));
    // A click on another claim opens its evidence and closes the first.
    browser.click(&format!("a.seg[id='s-{single}']"));
    assert!(evidence_shown(&mut browser, single));
    assert!(!evidence_shown(&mut browser, &opened));
    // So does Enter on a claim reached from the keyboard.
    browser.eval(&format!("document.getElementById('s-{opened}').focus()"));
    browser.press_enter();
    assert!(evidence_shown(&mut browser, &opened));
    assert!(!evidence_shown(&mut browser, single));
    browser.open(&url(&reports.join("index.html")));
    browser.screenshot(&screenshots().join("index.png"));
}

#[test]
fn a_hostile_source_renders_inert_in_the_browser() {
    let Some(mut browser) = browser() else {
        return;
    };
    let workspace = Workspace::with_seeds();
    workspace.write_source(
        "hostile.md",
        "---\nid: hostile\noutlet: \"<img src=x onerror=alert(3)>\"\n---\n\
         Kirill Dmitriev met Steve Witkoff in Miami <script>alert(1)</script> on Saturday.\n\n\
         Click [here](javascript:alert(2)) and ![x](http://example.com/x.png) for the Miami talks.\n\n\
         <img src=\"http://example.com/y.png\" onerror=\"alert(4)\"> Raw HTML about Witkoff in Miami.\n\n\
         <style>body{background:url(http://example.com/z.png)}</style> Kushner was in Miami.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let reports = workspace.reports();
    for page in ["index.html", "sources/hostile.html"] {
        let from = browser.events.len();
        browser.open(&url(&reports.join(page)));
        assert_quiet(&browser, from, page, &reports);
        assert_eq!(
            count(&mut browser, "img, style, script:not([src])"),
            0,
            "{page}"
        );
    }
    let text = browser.eval("document.body.innerText");
    assert!(
        text.as_str()
            .is_some_and(|t| t.contains("<script>alert(1)</script>")),
        "{text}"
    );
}
