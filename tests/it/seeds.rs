//! Foundation behaviour on the five real seed articles: boilerplate removal,
//! segmentation, line numbers, signals, stable ids, determinism.

use crate::common::Workspace;
use serde_json::Value;

fn segments(report: &Value) -> Vec<&Value> {
    report["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .collect()
}

fn segments_of<'a>(report: &'a Value, source: &str) -> Vec<&'a Value> {
    segments(report)
        .into_iter()
        .filter(|s| s["source"] == source)
        .collect()
}

#[test]
fn no_boilerplate_survives_as_a_segment() {
    let (_workspace, report) = Workspace::seed_report();
    let boilerplate = [
        "Leave a Comment",
        "Adblock Detected",
        "Share your thoughts in the comments",
        "READ NEXT",
        "Image via Shutterstock",
        "Listen to the news",
        "0.00%",
        "No comments yet",
        "Your email address will not be published",
        "See Also:",
        "Home »",
        "Home >",
        "Akismet",
        "disabling your AdBlocker",
        "Leave a Reply",
        "produced with the help of AI",
        "Source: Polskie Radio",
        "You may also like",
    ];
    for segment in segments(&report) {
        let text = segment["text"].as_str().expect("text");
        for phrase in boilerplate {
            assert!(
                !text.contains(phrase),
                "boilerplate `{phrase}` kept in {text}"
            );
        }
        assert_ne!(text, "by");
        assert_ne!(text, "Comments");
    }
    let rules: Vec<&str> = report["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .map(|r| r["rule"].as_str().expect("rule"))
        .collect();
    for rule in [
        "breadcrumb",
        "ticker",
        "see-also",
        "ai-disclaimer",
        "comment-prompt",
        "adblock",
        "title-repeat",
    ] {
        assert!(rules.contains(&rule), "no line removed by {rule}");
    }
}

#[test]
fn real_content_is_kept() {
    let (_workspace, report) = Workspace::seed_report();
    let texts: Vec<&str> = segments(&report)
        .iter()
        .map(|s| s["text"].as_str().expect("text"))
        .collect();
    for expected in [
        "By the Multilateral Investment Guarantee Agency (MIGA) to lower investor exposure.",
        "Separately, U.S. representatives continued contacts with a Kremlin emissary, Kiril Dmitriev.",
        "Prominent figures discussing at polished wooden table with American and Ukrainian flags nearby.",
    ] {
        assert!(texts.contains(&expected), "lost: {expected}");
    }
}

#[test]
fn venue_bullet_is_one_segment_with_its_line() {
    let (workspace, report) = Workspace::seed_report();
    let venue: Vec<_> = segments_of(&report, "000")
        .into_iter()
        .filter(|s| s["text"].as_str().is_some_and(|t| t.contains("Venue")))
        .collect();
    assert_eq!(venue.len(), 1);
    assert_eq!(
        venue[0]["text"],
        "Venue: Miami International Convention Centre,Florida"
    );
    assert_eq!(venue[0]["kind"], "list_item");
    assert_eq!(venue[0]["section"], "Miami Summit: Key Players and Date");
    let line = venue[0]["line"].as_u64().expect("line") as usize;
    let file =
        std::fs::read_to_string(workspace.sources().join("000_4bc129cc693b2b42.md")).expect("read");
    assert!(
        file.lines()
            .nth(line - 1)
            .expect("line exists")
            .contains("Venue: Miami International")
    );
}

#[test]
fn initialisms_do_not_split_sentences() {
    let (_workspace, report) = Workspace::seed_report();
    let texts: Vec<&str> = segments(&report)
        .iter()
        .map(|s| s["text"].as_str().expect("text"))
        .collect();
    assert!(texts.contains(&"The talks featured a U.S. special envoy who described a parallel US-Ukraine format meeting."));
    assert!(texts.contains(&"U.S. Vice President J.D. Vance said negotiations on Ukraine are difficult but that, for the first time, all disputed issues are being discussed openly."));
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("President Trump has launched")
                && t.ends_with("Feb.\u{202f}24,\u{202f}2022."))
    );
    assert!(
        texts.iter().all(|t| *t != "U.S." && !t.ends_with(" U.S.")),
        "a sentence was cut after U.S."
    );
}

#[test]
fn key_takeaways_bullets_are_segments() {
    let (_workspace, report) = Workspace::seed_report();
    let takeaways: Vec<&str> = segments_of(&report, "004")
        .into_iter()
        .filter(|s| s["section"] == "Key Takeaways" && s["kind"] == "list_item")
        .map(|s| s["text"].as_str().expect("text"))
        .collect();
    assert_eq!(takeaways.len(), 5, "{takeaways:?}");
    assert_eq!(
        takeaways[4],
        "Drone attacks continue on both sides, with Russia launching 82 drones and Ukraine intercepting 47."
    );
}

#[test]
fn at_a_glance_rows_are_segments() {
    let (_workspace, report) = Workspace::seed_report();
    let rows: Vec<&str> = segments_of(&report, "000")
        .into_iter()
        .filter(|s| s["kind"] == "table_row")
        .map(|s| s["text"].as_str().expect("text"))
        .collect();
    assert!(rows.contains(&"Location Miami,United States"), "{rows:?}");
    assert!(
        rows.contains(&"Date Weekend of December 21,2025"),
        "{rows:?}"
    );
}

#[test]
fn ai_disclaimer_is_a_signal_not_content() {
    let (_workspace, report) = Workspace::seed_report();
    assert!(
        segments_of(&report, "002")
            .iter()
            .all(|s| !s["text"].as_str().unwrap_or_default().contains("AI tools"))
    );
    let benzinga = report["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .find(|s| s["id"] == "002")
        .expect("002");
    let signals = benzinga["signals"].as_array().expect("signals");
    let ai = signals
        .iter()
        .find(|s| s["kind"] == "ai_disclaimer")
        .expect("ai signal");
    assert_eq!(ai["line"], 46);
    assert!(
        ai["evidence"]
            .as_str()
            .unwrap_or_default()
            .contains("help of AI tools")
    );
    assert!(signals.iter().any(|s| s["kind"] == "promotional_link"));
}

#[test]
fn front_matter_is_read() {
    let (_workspace, report) = Workspace::seed_report();
    let sources = report["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 5);
    let benzinga = &sources[2];
    assert_eq!(benzinga["outlet"], "Benzinga");
    assert_eq!(benzinga["published"], "2025-12-22T11:10:09");
    assert!(sources[0]["byline"].is_null(), "000 has no byline");
    assert_eq!(sources[3]["published"], "2025-12-29");
}

#[test]
fn segment_ids_survive_unrelated_edits() {
    let workspace = Workspace::with_seeds();
    workspace.report();
    let before = workspace.report_json();
    let path = workspace.sources().join("004_5fbe67d3278080d2.md");
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = text.replacen(
        "The Miami Meeting\n",
        "The Miami Meeting\n\nA new paragraph inserted by an editor.\n",
        1,
    );
    std::fs::write(&path, edited).expect("write");
    workspace.report();
    let after = workspace.report_json();
    let ids = |report: &Value| -> Vec<String> {
        segments_of(report, "004")
            .iter()
            .map(|s| s["id"].as_str().expect("id").to_owned())
            .collect()
    };
    let (before_ids, after_ids) = (ids(&before), ids(&after));
    assert_eq!(after_ids.len(), before_ids.len() + 1);
    for id in &before_ids {
        assert!(after_ids.contains(id), "id {id} changed");
    }
}

#[test]
fn segments_command_prints_one_source() {
    let workspace = Workspace::with_seeds();
    let output = workspace.succeed(&["segments", "001"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.lines().all(|l| l.starts_with("001:")), "{stdout}");
    assert!(stdout.contains("001_7a423fb67e96ef66.md:8\tA central element of the plan is maintaining Ukraine\u{2019}s armed forces at 800,000 troops."));
}
