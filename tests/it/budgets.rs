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

/// A source of `bytes` of varied sentences with one word put in halfway, and
/// an annotation (no context recorded) quoting the text as it was; the time
/// `annotate check` takes to find it again, and what it said.
fn long_quote_edited(bytes: usize) -> (std::time::Duration, String) {
    const WORDS: [&str; 24] = [
        "ceasefire",
        "talks",
        "Miami",
        "delegation",
        "Kyiv",
        "security",
        "guarantees",
        "envoy",
        "Sunday",
        "plan",
        "points",
        "territory",
        "drones",
        "officials",
        "said",
        "agreed",
        "draft",
        "energy",
        "sanctions",
        "Moscow",
        "reconstruction",
        "fund",
        "monitoring",
        "border",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % n as u64) as usize
    };
    let mut sentences = Vec::new();
    let mut length = 0;
    while length < bytes {
        let words: Vec<&str> = (0..8 + next(12))
            .map(|_| WORDS[next(WORDS.len())])
            .collect();
        let sentence = format!("The {}.", words.join(" "));
        length += sentence.len() + 1;
        sentences.push(sentence);
    }
    let quote = sentences.join(" ");
    sentences.insert(sentences.len() / 2, "Inserted.".to_owned());
    let workspace = Workspace::new();
    workspace.write_source("long.md", format!("# Talks\n\n{}\n", sentences.join(" ")));
    let annotations = workspace.path().join("annotations");
    std::fs::create_dir_all(&annotations).expect("annotations");
    let entry = format!(
        "- id: long\n  target:\n    source: long\n    quote:\n      exact: {}\n  status: note\n  note: the whole of it\n",
        serde_json::to_string(&quote).expect("quoted")
    );
    std::fs::write(annotations.join("desk.yaml"), entry).expect("write");
    let start = std::time::Instant::now();
    let output = workspace
        .command(&["annotate", "check"])
        .output()
        .expect("run");
    let took = start.elapsed();
    (took, String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn a_long_quote_with_a_word_put_in_is_found_in_time_linear_in_its_length() {
    let (small, said) = long_quote_edited(250_000);
    assert!(said.contains("\ttext_changed\tlong:3\t"), "{said}");
    let (large, said) = long_quote_edited(1_000_000);
    assert!(
        said.contains("\ttext_changed\tlong:3\t") && said.contains("shares 99 % of them"),
        "{said}"
    );
    // Four times the text: four times the work where it is linear, sixteen
    // where it is the square (a 1 MB quote took 36 s).
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    assert!(ratio < 8.0, "{small:?} → {large:?}: ratio {ratio:.1}");
}
