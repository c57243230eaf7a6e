//! Markdown reports: regenerations are byte-identical, every page parses into
//! the expected structure, and nothing an article contains can inject markup.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::Workspace;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Every file under `dir`, relative path → bytes, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        // The embedding cache is the tool's, not a report (git ignores it).
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == ".cache"))
        .map(|e| e.expect("entry"))
        // The folder's lock file is the tool's, not a report (git ignores it).
        .filter(|e| e.file_type().is_file() && e.file_name() != ".corroborate.lock")
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("inside").to_path_buf();
            (relative, std::fs::read(e.path()).expect("read"))
        })
        .collect();
    files.sort();
    files
}

fn markdown_pages(dir: &Path) -> Vec<(PathBuf, String)> {
    snapshot(dir)
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "md"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("utf-8")))
        .collect()
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES
}

/// What a page is made of, as the Markdown parser sees it.
#[derive(Default, Debug)]
struct Structure {
    headings: Vec<(HeadingLevel, String)>,
    footnote_references: BTreeSet<String>,
    footnote_definitions: BTreeSet<String>,
    html: Vec<String>,
    links: Vec<String>,
    code: Vec<String>,
    /// Unescaped `|` per line of each table: one set per table.
    table_pipes: Vec<BTreeSet<usize>>,
}

fn unescaped_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count
}

fn structure(text: &str) -> Structure {
    let mut found = Structure::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => found.headings.extend(heading.take()),
            Event::Text(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Start(Tag::Table(_)) => {
                let pipes = text[range]
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(unescaped_pipes)
                    .collect();
                found.table_pipes.push(pipes);
            }
            Event::FootnoteReference(label) => {
                found.footnote_references.insert(label.to_string());
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                found.footnote_definitions.insert(label.to_string());
            }
            Event::Html(h) | Event::InlineHtml(h) => found.html.push(h.to_string()),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                found.links.push(dest_url.to_string());
            }
            Event::Code(c) => found.code.push(c.to_string()),
            _ => {}
        }
    }
    found
}

fn assert_well_formed(path: &Path, page: &Structure) {
    for pipes in &page.table_pipes {
        assert_eq!(pipes.len(), 1, "{}: ragged table {pipes:?}", path.display());
    }
    assert_eq!(
        page.footnote_references,
        page.footnote_definitions,
        "{}: footnote references and definitions differ",
        path.display()
    );
    assert!(
        page.html.is_empty(),
        "{}: raw HTML {:?}",
        path.display(),
        page.html
    );
    assert!(
        page.links
            .iter()
            .all(|l| l.starts_with("sources/") || l == "../index.md"),
        "{}: unexpected link {:?}",
        path.display(),
        page.links
    );
    assert!(
        page.code.is_empty(),
        "{}: code spans {:?}",
        path.display(),
        page.code
    );
}

#[test]
fn unchanged_inputs_regenerate_byte_identical_reports() {
    let workspace = Workspace::with_seeds().with_default_matcher();
    assert_eq!(workspace.report().0, 0);
    assert_eq!(
        snapshot(&workspace.reports()).len(),
        15,
        "first run: report.json, index.md, index.html, five source pages of each, \
         review.css and review.js"
    );
    // From the second run on, changes.md says what changed (here: nothing).
    assert_eq!(workspace.report().0, 0);
    let second = snapshot(&workspace.reports());
    assert_eq!(workspace.report().0, 0);
    let third = snapshot(&workspace.reports());
    assert_eq!(second.len(), 16, "and changes.md");
    assert!(second == third, "a regeneration changed the reports");
}

/// The committed `reports/` are what the README command makes from the
/// bundled `sources/` and `annotations/`: a stale report fails here.
#[test]
fn committed_reports_are_what_the_bundled_inputs_give() {
    let workspace = Workspace::with_seeds().with_default_matcher();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (folder, name, bytes) in ["annotations", "reports"].into_iter().flat_map(|folder| {
        snapshot(&root.join(folder))
            .into_iter()
            .map(move |(name, bytes)| (folder, name, bytes))
    }) {
        let path = workspace.path().join(folder).join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, bytes).expect("copy");
    }
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let committed = snapshot(&root.join("reports"));
    let fresh = snapshot(&workspace.reports());
    let names =
        |files: &[(PathBuf, Vec<u8>)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&committed), names(&fresh));
    for ((path, old), (_, new)) in committed.iter().zip(&fresh) {
        assert!(
            old == new,
            "reports/{} is stale: run `cargo run --release -- report`",
            path.display()
        );
    }
}

#[test]
fn seed_reports_parse_into_the_expected_structure() {
    let (workspace, _) = Workspace::seed_report();
    let pages = markdown_pages(&workspace.reports());
    for (path, text) in &pages {
        assert_well_formed(path, &structure(text));
    }
    let (_, index) = pages
        .iter()
        .find(|(p, _)| p == Path::new("index.md"))
        .expect("index.md");
    let index = structure(index);
    let sections: Vec<&str> = index
        .headings
        .iter()
        .filter(|(level, _)| *level == HeadingLevel::H2)
        .map(|(_, text)| text.as_str())
        .collect();
    assert_eq!(
        sections,
        [
            "Sources",
            "Editor annotations",
            "Where a source goes its own way",
            "Conflicts",
            "Developments",
            "Partly corroborated claims",
            "Single-source claims",
            "Name variants",
            "Removed boilerplate"
        ]
    );
    // Footnotes on the source pages: 004 explains its own contradiction.
    let (_, page) = pages
        .iter()
        .find(|(p, _)| p == Path::new("sources/004.md"))
        .expect("004 page");
    assert!(!structure(page).footnote_definitions.is_empty());
    assert!(
        page.contains("Conflict (number): this says “63 of which”"),
        "{page}"
    );
}

#[test]
fn the_miami_summit_half_of_000_is_the_longest_single_source_run() {
    let workspace = Workspace::with_seeds().with_default_matcher();
    workspace.succeed(&["report"]);
    let report = workspace.report_json();
    let runs = report["single_source_runs"].as_array().expect("runs");
    let longest = runs
        .iter()
        .max_by_key(|r| r["claims"].as_u64())
        .expect("a run");
    assert_eq!(longest["source"], "000");
    assert!(longest["claims"].as_u64() >= Some(30), "{longest}");
    // The half runs from line 34 ("At-a-glance overview") to the end; a
    // claim of it another source states in part (the meeting "convened to
    // accelerate a Washington-backed peace plan") may split it, as runs
    // count only claims with no support at all.
    let summit: Vec<&serde_json::Value> = runs
        .iter()
        .filter(|r| r["source"] == "000" && r["first_line"].as_u64() >= Some(34))
        .collect();
    let in_summit: u64 = summit.iter().filter_map(|r| r["claims"].as_u64()).sum();
    assert!(in_summit >= 50, "{summit:?}");
    let sections: Vec<&str> = summit
        .iter()
        .flat_map(|r| r["sections"].as_array().expect("sections"))
        .filter_map(|s| s.as_str())
        .collect();
    assert!(
        sections.contains(&"Miami Summit: Key Players and Date"),
        "{sections:?}"
    );
    let people: String = summit
        .iter()
        .map(|r| r["people_found_nowhere_else"].to_string())
        .collect();
    for name in ["Antony Blinken", "Jake Sullivan", "Kathleen Hicks"] {
        assert!(people.contains(name), "{people}");
    }
    let index = std::fs::read_to_string(workspace.reports().join("index.md")).expect("index");
    let first_run = index
        .lines()
        .skip_while(|l| !l.starts_with("## Where a source goes its own way"))
        .find(|l| l.starts_with("- "))
        .expect("a listed run");
    assert!(first_run.starts_with("- **000**"), "{first_run}");
}

#[test]
fn signals_carry_line_evidence() {
    let (_, report) = Workspace::seed_report();
    let signals = |id: &str| -> Vec<(String, Option<u64>, String)> {
        report["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .find(|s| s["id"] == id)
            .expect("source")["signals"]
            .as_array()
            .expect("signals")
            .iter()
            .map(|s| {
                (
                    s["kind"].as_str().expect("kind").to_owned(),
                    s["line"].as_u64(),
                    s["evidence"].as_str().expect("evidence").to_owned(),
                )
            })
            .collect()
    };
    let of_004 = signals("004");
    let caption = of_004
        .iter()
        .find(|s| s.0 == "uncredited_caption")
        .expect("caption");
    assert_eq!(caption.1, Some(5));
    assert!(caption.2.starts_with("Prominent figures discussing"));
    let contradiction = of_004
        .iter()
        .find(|s| s.0 == "internal_contradiction")
        .expect("contradiction");
    assert!(contradiction.2.contains("63 of which") && contradiction.2.contains("47"));
    assert!(of_004.iter().any(|s| s.0 == "missing_byline"));
    // 000 gives two Ukrainian delegations with no one in common: its first
    // half's participants and its Miami Summit list.
    let of_000 = signals("000");
    let delegations = of_000
        .iter()
        .find(|s| s.0 == "internal_contradiction")
        .expect("000 contradicts itself");
    assert_eq!(delegations.1, Some(19), "{delegations:?}");
    assert!(
        delegations.2.contains("Rustem Umérov, Andrí Gnátov")
            && delegations.2.contains("Volodymyr Zelenskyy, Denys Shmyhal"),
        "{delegations:?}"
    );
    let of_002 = signals("002");
    for kind in ["ai_disclaimer", "promotional_link"] {
        assert!(
            of_002.iter().any(|s| s.0 == kind && s.1.is_some()),
            "{kind}"
        );
    }
    assert!(!of_002.iter().any(|s| s.0 == "missing_date"));
}

#[test]
fn hostile_article_text_renders_as_inert_text() {
    let workspace = Workspace::with_seeds();
    workspace.write_source(
        "hostile.md",
        "---\nid: hostile\noutlet: \"Evil | Outlet [^1] <b>\"\nbyline: \"`rm -rf` <script>alert(1)</script>\"\n---\n\
         Kirill Dmitriev | met | Steve Witkoff in Miami on Saturday [^1] to discuss the plan <script>alert(1)</script>.\n\n\
         \\# Not a heading but a claim with `code` and **bold** about the U.S. delegation in Miami.\n\n\
         Click [here](javascript:alert(1)) and ![x](javascript:alert(2)) for the Miami talks with Kushner.\n\n\
         [^1]: A footnote definition from the article.\n\n\
         <div onclick=\"x\">Raw HTML about Witkoff and Kushner in Miami.</div>\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    for (path, text) in markdown_pages(&workspace.reports()) {
        let page = structure(&text);
        assert_well_formed(&path, &page);
        assert!(
            page.headings
                .iter()
                .all(|(_, h)| !h.contains("Not a heading")),
            "{}: injected heading",
            path.display()
        );
    }
    let page =
        std::fs::read_to_string(workspace.reports().join("sources/hostile.md")).expect("page");
    // The words are all there, as text; the article's link targets are not.
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(page.contains("\\[\\^1\\]: A footnote definition"), "{page}");
    assert!(page.contains("Click here and"), "{page}");
    assert!(!page.contains("javascript:"), "{page}");
}
