//! Hostile articles finish in bounded work: a table of near-identical
//! figures lists a few conflicts a sentence and names the file for the rest,
//! and a paragraph of one sentence repeated is compared once. Sizes are
//! small; what is asserted is how the output grows, not a time.

use crate::common::Workspace;

/// Conflicts listed over every segment of a report.json.
fn conflicts_listed(report: &serde_json::Value) -> usize {
    report["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| s["conflicts"].as_array().map_or(0, Vec::len))
        .sum()
}

/// `rows` paragraphs "Russia fired N drones …" in one article; (conflicts
/// listed in report.json, stderr).
fn drone_table(rows: usize) -> (usize, String) {
    let workspace = Workspace::new();
    let text: String = (0..rows)
        .map(|n| {
            format!(
                "Russia fired {} drones at Ukraine, the air force said.\n\n",
                n + 10
            )
        })
        .collect();
    workspace.write_source("table.md", text);
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "a budget reached is a warning: {stderr}");
    (conflicts_listed(&workspace.report_json()), stderr)
}

#[test]
fn conflicts_among_near_identical_figures_grow_with_the_sentences_not_their_square() {
    let (small, _) = drone_table(60);
    let (large, stderr) = drone_table(240);
    // All pairs would be 16 times as many; a capped list is 4 times.
    let ratio = large as f64 / small as f64;
    assert!(
        (3.0..=5.0).contains(&ratio),
        "{small} → {large}: ratio {ratio:.2}"
    );
    assert!(
        stderr.contains("sources/table.md: warning: ")
            && stderr.contains(
                "conflicts between its sentences and others not listed: a sentence lists at most 10"
            ),
        "{stderr}"
    );
}

#[test]
fn a_sentence_repeated_thousands_of_times_is_compared_once() {
    let workspace = Workspace::new();
    let paragraph = "Russia fired 82 drones at Ukraine, the air force said. ".repeat(3_000);
    workspace.write_source(
        "copies.md",
        format!("{paragraph}\n\nRussia fired 60 drones at Ukraine, the air force said.\n"),
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let conflicts = conflicts_listed(&workspace.report_json());
    // The first copy and the other figure, each side listing the other.
    assert_eq!(conflicts, 2, "{stderr}");
}
