//! Facts and conflicts on the seed articles: numbers, delegations, name variants.

mod common;

use common::{Workspace, segment};
use serde_json::Value;

fn conflicts(segment: &Value) -> Vec<(String, String, String, String)> {
    segment["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .map(|c| {
            let field = |k: &str| c[k].as_str().expect("string").to_owned();
            (
                field("source"),
                field("kind"),
                field("ours"),
                field("theirs"),
            )
        })
        .collect()
}

#[test]
fn us_delegations_of_000_and_002_conflict_on_people() {
    let (_workspace, report) = Workspace::seed_report();
    let blinken = segment(&report, "000", "Antony Blinken");
    assert_eq!(blinken["verdict"], "conflict");
    let found = conflicts(blinken);
    assert_eq!(found.len(), 1, "{found:?}");
    let (source, kind, ours, theirs) = &found[0];
    assert_eq!((source.as_str(), kind.as_str()), ("002", "person"));
    assert!(
        ours.contains("Antony Blinken") && ours.contains("Kathleen Hicks"),
        "{ours}"
    );
    assert!(
        theirs.contains("Jared Kushner") && theirs.contains("Josh Gruenbaum"),
        "{theirs}"
    );
    assert_eq!(
        segment(&report, "002", "delegation comprised")["verdict"],
        "conflict"
    );
}

#[test]
fn drones_intercepted_63_conflicts_with_004s_own_takeaway_of_47() {
    let (_workspace, report) = Workspace::seed_report();
    let body = segment(&report, "004", "63 of which were intercepted");
    assert_eq!(body["verdict"], "conflict");
    let found = conflicts(body);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "004", "a contradiction inside 004");
    assert_eq!(found[0].1, "number");
    assert!(
        found[0].2.contains("63") && found[0].3.contains("47"),
        "{found:?}"
    );
    let takeaway = segment(&report, "004", "Ukraine intercepting 47");
    assert_eq!(takeaway["verdict"], "conflict");
}

#[test]
fn numbers_of_different_kinds_never_conflict() {
    let (_workspace, report) = Workspace::seed_report();
    // Russia's own interceptions of Ukrainian drones (47) are another count.
    let russian = segment(&report, "004", "its air defenses intercepted 47");
    assert_eq!(conflicts(russian), []);
    // Wounded in Cherkasy, Kryvyi Rih, Odesa, Rostov; killed in Rostov; 2026 and 2027 budgets.
    for (source, needle) in [
        ("004", "wounded six people"),
        ("004", "three people were killed"),
        ("004", "At least 10 others were wounded"),
        ("002", "€90 billion"),
    ] {
        assert_eq!(conflicts(segment(&report, source, needle)), [], "{needle}");
    }
    let all: usize = report["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .map(|s| conflicts(s).len())
        .sum();
    assert_eq!(
        all, 4,
        "only the two conflicts above, each seen from both sides"
    );
}

#[test]
fn kirill_and_zelenskyy_spellings_are_merged_with_their_rule() {
    let (_workspace, report) = Workspace::seed_report();
    let variants = report["variants"].as_array().expect("variants");
    let find = |form: &str| {
        variants
            .iter()
            .find(|v| {
                v["forms"]
                    .as_array()
                    .expect("forms")
                    .iter()
                    .any(|f| f == form)
            })
            .unwrap_or_else(|| panic!("no variant with {form}: {variants:?}"))
    };
    let kirill = find("Kiril");
    assert_eq!(kirill["forms"], serde_json::json!(["Kiril", "Kirill"]));
    assert_eq!(kirill["canonical"], "Kirill");
    assert_eq!(kirill["rule"], "doubled letters");
    let zelenskyy = find("Zelensky");
    assert_eq!(
        zelenskyy["forms"],
        serde_json::json!(["Zelensky", "Zelenskyy"])
    );
    assert!(
        zelenskyy["rule"]
            .as_str()
            .expect("rule")
            .contains("transliteration")
    );
}

#[test]
fn facts_are_in_report_json() {
    let (_workspace, report) = Workspace::seed_report();
    let fired = segment(&report, "004", "Russia fired 82 drones");
    let numbers = fired["facts"]["numbers"].as_array().expect("numbers");
    assert_eq!(numbers[0]["value"], 82.0);
    assert_eq!(numbers[0]["unit"], "drone");
    assert_eq!(numbers[0]["predicate"], "launched");
    assert_eq!(numbers[0]["owner"], "russia");
}

#[test]
fn the_miami_weekend_is_one_weekend_in_000_and_002() {
    let (_workspace, report) = Workspace::seed_report();
    // 000 gives the date outright; 002 (published Monday 2025-12-22) says
    // "over the weekend": both mean Saturday 20 and Sunday 21 December.
    let absolute = &segment(&report, "000", "Weekend of December 21")["facts"]["dates"][0];
    assert_eq!(absolute["first"], "2025-12-20");
    assert_eq!(absolute["last"], "2025-12-21");
    assert!(absolute.get("relative_to").is_none());
    let relative =
        &segment(&report, "002", "spanned three days over the weekend")["facts"]["dates"][0];
    assert_eq!(relative["first"], "2025-12-20");
    assert_eq!(relative["last"], "2025-12-21");
    assert_eq!(relative["relative_to"], "2025-12-22");
    let dates_in_conflict = report["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .flat_map(|s| s["conflicts"].as_array().into_iter().flatten())
        .filter(|c| c["kind"] == "date")
        .count();
    assert_eq!(dates_in_conflict, 0);
}

#[test]
fn two_outlets_giving_other_days_for_one_shooting_conflict_on_the_date() {
    let workspace = Workspace::new();
    // Both published Monday 2015-03-23: "Saturday" is the 21st, "Friday" the 20th.
    workspace.write_source(
        "a.md",
        "---\noutlet: Gazette\npublished: 2015-03-23\n---\nTwo men were shot and killed Saturday night outside the Madison Market in Stockton, police said.\n",
    );
    workspace.write_source(
        "b.md",
        "---\noutlet: Herald\npublished: 2015-03-23\n---\nTwo men were shot and killed Friday night outside the Madison Market in Stockton.\n",
    );
    // A week earlier and recalled: another event, not a disagreement.
    workspace.write_source(
        "c.md",
        "---\noutlet: Courier\npublished: 2015-03-23\n---\nIn 2009, two men were shot and killed outside the Madison Market in Stockton.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    let found = conflicts(segment(&report, "a", "Saturday night"));
    assert_eq!(
        found,
        [(
            "b".to_owned(),
            "date".to_owned(),
            "Saturday (2015-03-21)".to_owned(),
            "Friday (2015-03-20)".to_owned()
        )]
    );
    assert!(conflicts(segment(&report, "c", "In 2009")).is_empty());
}
