//! Regenerating after sources change: `changes.md` and `report.json`
//! `changes` say what changed since the last run, and nothing when only
//! spacing or punctuation did.

use crate::common::Workspace;

/// A sixth outlet that reports 000's MIGA insurance scheme.
const MIGA_SOURCE: &str = "---
id: \"005\"
outlet: Kyiv Ledger
published: 2025-12-23
byline: Olena Test
---
# Investors promised insurance

Risk-mitigation insurance provided by the Multilateral Investment Guarantee Agency (MIGA) will lower investor exposure, officials said after the Miami talks.

The fund is meant to draw private money into rebuilding Ukraine.
";

fn changes_md(workspace: &Workspace) -> String {
    std::fs::read_to_string(workspace.reports().join("changes.md")).expect("changes.md")
}

fn report_ok(workspace: &Workspace) {
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_new_source_backing_the_miga_sentence_is_named_in_changes() {
    let workspace = Workspace::with_seeds();
    report_ok(&workspace);
    assert!(
        !workspace.reports().join("changes.md").exists(),
        "first run"
    );
    assert!(workspace.report_json()["changes"].is_null());

    workspace.write_source("005_kyiv_ledger.md", MIGA_SOURCE);
    report_ok(&workspace);
    assert!(workspace.reports().join("sources/005.html").exists());
    let changes = changes_md(&workspace);
    assert!(
        changes.contains("## Sources added\n\n- [005](sources/005.md) (Kyiv Ledger)"),
        "{changes}"
    );
    assert!(
        changes.contains("- 000 line 85: **single-source** → **corroborated**; now also reported by 005 (Kyiv Ledger): “Risk‑mitigation insurance provided by"),
        "{changes}"
    );
    let report = workspace.report_json();
    let verdicts = report["changes"]["verdicts"].as_array().expect("verdicts");
    let miga = verdicts
        .iter()
        .find(|v| v["line"] == 85 && v["source"] == "000")
        .expect("000 line 85 changed");
    assert_eq!(miga["before"], "single_source");
    assert_eq!(miga["after"], "corroborated");
    assert_eq!(miga["newly_corroborated_by"][0], "005");
    let segment = crate::common::segment(&report, "000", "Risk‑mitigation insurance");
    assert_eq!(segment["verdict"], "corroborated");

    // Removing it again: listed, its page deleted, the verdict back.
    std::fs::remove_file(workspace.sources().join("005_kyiv_ledger.md")).expect("remove");
    report_ok(&workspace);
    let changes = changes_md(&workspace);
    assert!(changes.contains("## Sources removed\n\n- 005"), "{changes}");
    assert!(
        changes.contains(
            "- 000 line 85: **corroborated** → **single-source**; no longer backed by 005"
        ),
        "{changes}"
    );
    for page in ["sources/005.md", "sources/005.html"] {
        assert!(
            !workspace.reports().join(page).exists(),
            "stale page {page} left behind"
        );
    }
}

#[test]
fn spacing_and_punctuation_edits_change_nothing() {
    let workspace = Workspace::with_seeds();
    report_ok(&workspace);
    let path = workspace.sources().join("002_cffb10c0bdcbf1b7.md");
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = text
        .replacen("Miami", "Miami ", 3)
        .replacen(", ", " , ", 2)
        .replacen("said.", "said!", 1);
    assert_ne!(edited, text);
    std::fs::write(&path, edited).expect("write");
    report_ok(&workspace);
    let changes = changes_md(&workspace);
    assert!(changes.contains("Nothing changed"), "{changes}");
    assert_eq!(
        workspace.report_json()["changes"]["sources_edited"],
        serde_json::json!([])
    );
}

#[test]
fn an_edited_sentence_is_listed_with_its_source() {
    let workspace = Workspace::with_seeds();
    report_ok(&workspace);
    let path = workspace.sources().join("004_5fbe67d3278080d2.md");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("63 of which were intercepted"));
    std::fs::write(
        &path,
        text.replacen(
            "63 of which were intercepted",
            "47 of which were intercepted",
            1,
        ),
    )
    .expect("write");
    report_ok(&workspace);
    let changes = changes_md(&workspace);
    assert!(
        changes.contains("- [004](sources/004.md): 1 segment added, 1 removed"),
        "{changes}"
    );
    assert!(
        changes.contains("  - added: “") && changes.contains("47 of which"),
        "{changes}"
    );
    assert!(
        changes.contains("## Conflicts resolved"),
        "63 vs 47 is gone: {changes}"
    );
}

#[test]
fn an_unreadable_previous_report_is_said_and_the_run_goes_on() {
    let workspace = Workspace::with_seeds();
    report_ok(&workspace);
    std::fs::write(workspace.reports().join("report.json"), "{ not json").expect("corrupt");
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "a warning, not an input error: {stderr}");
    assert!(
        stderr.contains("previous report.json cannot be read"),
        "{stderr}"
    );
    assert!(changes_md(&workspace).contains("cannot be listed"));
    assert!(
        workspace.report_json()["sources"].is_array(),
        "report.json rewritten whole"
    );
}

#[test]
fn a_heading_and_a_sentence_with_the_same_words_are_told_apart() {
    let workspace = Workspace::with_seeds();
    let repeated = "---\nid: rep\n---\n# Police arrest a suspect in the Miami shooting\n\nPolice arrest a suspect in the Miami shooting.\n\nThe suspect was held overnight, police said.\n";
    workspace.write_source("rep.md", repeated);
    report_ok(&workspace);
    report_ok(&workspace);
    let changes = changes_md(&workspace);
    assert!(changes.contains("Nothing changed"), "{changes}");
}

#[test]
fn report_ends_with_a_summary_of_what_it_found_and_what_changed() {
    let workspace = Workspace::with_seeds();
    let last_line = |stderr: &str| stderr.lines().last().unwrap_or_default().to_owned();
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let first = last_line(&stderr);
    assert!(
        first.starts_with("5 sources, ")
            && first.contains(" claims: ")
            && first.ends_with("; first run"),
        "{stderr}"
    );
    let (_, stderr) = workspace.report();
    assert!(
        last_line(&stderr).ends_with("; nothing changed since the last run"),
        "{stderr}"
    );
    workspace.write_source("005_kyiv_ledger.md", MIGA_SOURCE);
    let (_, stderr) = workspace.report();
    let after = last_line(&stderr);
    assert!(after.starts_with("6 sources, "), "{after}");
    assert!(
        after.contains("since the last run: 1 source added"),
        "{after}"
    );
    assert!(after.ends_with(" (changes.md)"), "{after}");
}

#[test]
fn quiet_leaves_only_errors_on_stderr() {
    let workspace = Workspace::with_seeds();
    workspace.write_source(
        "tagged.md",
        "---\nid: tagged\ntags: [a]\n---\nWitkoff met Dmitriev in Miami.\n",
    );
    workspace.write_source("empty.md", "---\nid: empty\n---\n\n");
    let output = workspace
        .command(&["report", "--quiet"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].contains("empty.md") && lines[0].contains("error"),
        "{stderr}"
    );
    assert!(workspace.reports().join("index.html").exists());
}
