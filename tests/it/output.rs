//! What commands print for scripts and shells: `--format json` for `segments`
//! and `pairs` (one JSON document each), shell completions and manual pages
//! generated from the clap definitions, and no lock file left in `reports/`.

use serde_json::Value;

use crate::common::Workspace;

fn json_of(output: &std::process::Output) -> Value {
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn segments_as_json_are_the_lines_as_fields() {
    let workspace = Workspace::with_seeds();
    let lines = workspace.succeed(&["segments", "001"]);
    let lines = String::from_utf8_lossy(&lines.stdout).into_owned();
    let document = json_of(&workspace.succeed(&["segments", "001", "--format", "json"]));
    let segments = document["segments"].as_array().expect("segments");
    assert_eq!(segments.len(), lines.lines().count());
    let troops = segments
        .iter()
        .find(|s| s["line"] == 8)
        .expect("001 line 8");
    assert_eq!(troops["source"], "001");
    assert_eq!(troops["file"], "001_7a423fb67e96ef66.md");
    assert_eq!(troops["kind"], "sentence");
    assert_eq!(
        troops["text"],
        "A central element of the plan is maintaining Ukraine\u{2019}s armed forces at 800,000 troops."
    );
    let id = troops["id"].as_str().expect("id");
    assert!(
        lines.contains(&format!("{id}\t001_7a423fb67e96ef66.md:8\t")),
        "{lines}"
    );
}

#[test]
fn pairs_as_json_give_score_label_and_what_differs() {
    let workspace = Workspace::new();
    let pairs = "d1\tRussia fired 82 drones overnight, 63 of which were intercepted, the air force said.\tRussia fired 82 drones overnight, and 47 were intercepted, the air force said.\n\
                 d2\tThe talks ended on Sunday.\tThe talks ended on Sunday.\n\
                 broken\n";
    std::fs::write(workspace.path().join("pairs.tsv"), pairs).expect("pairs");
    let output = workspace
        .command(&["pairs", "pairs.tsv", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(
        output.status.code(),
        Some(2),
        "the broken line is an input error"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "pairs.tsv:3: error: expected `id<TAB>text1<TAB>text2`, found 1 tab-separated field;"
        ),
        "{stderr}"
    );
    let document = json_of(&output);
    let pairs = document["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0]["id"], "d1");
    assert_eq!(pairs[0]["label"], "conflict");
    assert_eq!(pairs[0]["differs"][0], "number: 63 of which / 47");
    assert_eq!(pairs[1]["label"], "same");
    let score = pairs[1]["score"].as_f64().expect("score");
    assert!((0.9..=1.0).contains(&score), "{score}");
}

#[test]
fn completions_and_manual_pages_come_from_the_command_definitions() {
    let workspace = Workspace::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = workspace.succeed(&["completions", shell]);
        let script = String::from_utf8_lossy(&script.stdout);
        for word in ["corroborate", "annotate", "matcher", "format", "lexical"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    let page = workspace.succeed(&["man"]);
    let page = String::from_utf8_lossy(&page.stdout);
    assert!(page.contains(".TH corroborate 1"), "{page}");
    assert!(page.contains("annotate"), "{page}");

    let output = workspace.succeed(&["man", "--out", "man1"]);
    let mut pages: Vec<String> = std::fs::read_dir(workspace.path().join("man1"))
        .expect("man1")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "corroborate-annotate-add.1",
            "corroborate-annotate-check.1",
            "corroborate-annotate-list.1",
            "corroborate-annotate.1",
            "corroborate-cache-clear.1",
            "corroborate-cache.1",
            "corroborate-completions.1",
            "corroborate-import-jsonl.1",
            "corroborate-import.1",
            "corroborate-man.1",
            "corroborate-pairs.1",
            "corroborate-report.1",
            "corroborate-segments.1",
            "corroborate.1",
        ]
    );
    let report_page =
        std::fs::read_to_string(workspace.path().join("man1/corroborate-report.1")).expect("page");
    assert!(report_page.contains("\\-\\-matcher"), "{report_page}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("wrote man1/corroborate.1"));
}

#[test]
fn a_report_leaves_no_lock_file_behind() {
    let workspace = Workspace::with_seeds();
    // A lock file an earlier version left is cleaned up too.
    std::fs::create_dir_all(workspace.reports()).expect("reports");
    std::fs::write(workspace.reports().join(".corroborate.lock"), "").expect("old lock");
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let hidden: Vec<String> = std::fs::read_dir(workspace.reports())
        .expect("reports")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn counts_of_one_are_singular_in_the_summary_and_on_the_index() {
    let workspace = Workspace::new();
    workspace.write_source(
        "lone.md",
        "---\nid: lone\n---\nThe council approved the new library budget on Monday.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("1 source, 1 claim: 0 corroborated"),
        "{stderr}"
    );
    let index = std::fs::read_to_string(workspace.reports().join("index.md")).expect("index.md");
    assert!(index.contains("1 source, 1 claim: "), "{index}");
    assert!(index.contains(", 0 conflicts."), "{index}");
    let html = std::fs::read_to_string(workspace.reports().join("index.html")).expect("index.html");
    assert!(html.contains("1 source, 1 claim: "), "the HTML summary too");
}
