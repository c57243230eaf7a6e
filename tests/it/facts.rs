//! Facts and conflicts on the seed articles: numbers, delegations, name variants.

use crate::common::{Workspace, segment};
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
    // 004's drones, 000 and 002's U.S. delegations and 000's own two
    // Ukrainian delegations.
    assert_eq!(
        all, 6,
        "only the three conflicts of the seeds, each seen from both sides"
    );
}

fn find_variant<'v>(variants: &'v [Value], form: &str, rule: impl Fn(&str) -> bool) -> &'v Value {
    variants
        .iter()
        .find(|v| {
            rule(v["rule"].as_str().expect("rule"))
                && v["forms"]
                    .as_array()
                    .expect("forms")
                    .iter()
                    .any(|f| f == form)
        })
        .unwrap_or_else(|| panic!("no variant with {form}: {variants:?}"))
}

#[test]
fn surnames_standing_for_a_full_name_are_merged_on_the_seeds() {
    let (_workspace, report) = Workspace::seed_report();
    let variants = report["variants"].as_array().expect("variants");
    let surname = |form: &str| {
        find_variant(variants, form, |rule| {
            rule.starts_with("surname for a full name")
        })
    };
    let witkoff = surname("Witkoff");
    assert_eq!(witkoff["canonical"], "Steve Witkoff");
    assert_eq!(
        witkoff["forms"],
        serde_json::json!(["Steve Witkoff", "Witkoff"])
    );
    let dmitriev = surname("Dmitriev");
    assert_eq!(
        dmitriev["forms"],
        serde_json::json!(["Dmitriev", "Kiril Dmitriev", "Kirill Dmitriev"])
    );
    assert_eq!(surname("Trump")["canonical"], "Donald Trump");
    // Title-case headings are not people ("Strategic Alignment" / "Alignment").
    assert!(
        variants
            .iter()
            .all(|v| v["canonical"] != "Strategic Alignment"),
        "{variants:?}"
    );
}

/// One row per person: the spellings of a word of a person's name
/// ("Kiril"/"Kirill", "Zelensky"/"Zelenskyy") are in that person's row,
/// with their rule, not in a row of their own.
#[test]
fn kirill_and_zelenskyy_spellings_are_merged_into_their_person_with_the_rule() {
    let (_workspace, report) = Workspace::seed_report();
    let variants = report["variants"].as_array().expect("variants");
    let rows_with = |word: &str| {
        variants
            .iter()
            .filter(|v| {
                v["forms"]
                    .as_array()
                    .expect("forms")
                    .iter()
                    .any(|f| f.as_str().is_some_and(|f| f.split(' ').any(|w| w == word)))
            })
            .collect::<Vec<_>>()
    };
    let kirill = rows_with("Kiril");
    assert_eq!(kirill.len(), 1, "{kirill:?}");
    assert_eq!(kirill[0]["canonical"], "Kirill Dmitriev");
    assert_eq!(
        kirill[0]["rule"],
        "surname for a full name; doubled letters: Kiril, Kirill"
    );
    let zelenskyy = rows_with("Zelenskyy");
    assert_eq!(zelenskyy.len(), 1, "{zelenskyy:?}");
    assert_eq!(
        zelenskyy[0]["forms"],
        serde_json::json!([
            "Volodymyr Zelensky",
            "Volodymyr Zelenskyy",
            "Zelensky",
            "Zelenskyy"
        ])
    );
    assert!(
        zelenskyy[0]["rule"]
            .as_str()
            .expect("rule")
            .contains("; transliteration"),
        "{zelenskyy:?}"
    );
}

#[test]
fn a_surname_two_people_share_is_not_merged() {
    let workspace = Workspace::new();
    workspace.write_source(
        "a.md",
        "---\noutlet: Gazette\n---\nPresident Donald Trump met Kirill Dmitriev on Saturday.\nLater, Trump said the talks went well.\n",
    );
    workspace.write_source(
        "b.md",
        "---\noutlet: Herald\n---\nHis daughter-in-law Lara Trump spoke at the rally on Sunday.\nOn Sunday, Dmitriev flew home.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    let surnames: Vec<&Value> = report["variants"]
        .as_array()
        .expect("variants")
        .iter()
        .filter(|v| v["rule"] == "surname for a full name")
        .collect();
    assert_eq!(surnames.len(), 1, "{surnames:?}");
    assert_eq!(surnames[0]["canonical"], "Kirill Dmitriev");
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

#[test]
fn two_outlets_putting_one_meeting_in_other_towns_conflict_on_the_place() {
    let workspace = Workspace::new();
    workspace.write_source(
        "a.md",
        "---\noutlet: Gazette\n---\nKirill Dmitriev will meet U.S. envoy Steve Witkoff in Miami to discuss the peace plan.\n",
    );
    workspace.write_source(
        "b.md",
        "---\noutlet: Herald\n---\nKirill Dmitriev will meet U.S. envoy Steve Witkoff in Geneva to discuss the peace plan.\n",
    );
    // A region holds the town, and another meeting with other people is another meeting.
    workspace.write_source(
        "c.md",
        "---\noutlet: Courier\n---\nKirill Dmitriev will meet U.S. envoy Steve Witkoff in Florida to discuss the peace plan.\n",
    );
    workspace.write_source(
        "d.md",
        "---\noutlet: Post\n---\nEuropean leaders will meet in Brussels to discuss the peace plan for Ukraine.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    let found = conflicts(segment(&report, "a", "in Miami"));
    assert_eq!(
        found,
        [(
            "b".to_owned(),
            "place".to_owned(),
            "Miami".to_owned(),
            "Geneva".to_owned()
        )]
    );
    assert!(conflicts(segment(&report, "c", "in Florida")).is_empty());
    assert!(conflicts(segment(&report, "d", "in Brussels")).is_empty());
}

#[test]
fn the_same_speaker_quoted_with_other_words_is_a_quote_conflict_but_a_cut_is_not() {
    let workspace = Workspace::new();
    workspace.write_source(
        "a.md",
        "---\noutlet: Gazette\n---\nWitkoff said the Miami talks were \"productive and constructive, and we are closer to peace than ever.\"\n",
    );
    workspace.write_source(
        "b.md",
        "---\noutlet: Herald\n---\nWitkoff said the Miami talks were \"difficult but constructive, and we are not closer to peace yet.\"\n",
    );
    workspace.write_source(
        "c.md",
        "---\noutlet: Courier\n---\nWitkoff said the Miami talks were \"productive and constructive.\"\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    let found = conflicts(segment(&report, "a", "closer to peace than ever"));
    assert_eq!(
        found,
        [(
            "b".to_owned(),
            "quote".to_owned(),
            "Witkoff: \"productive and constructive, and we are closer to peace than ever.\""
                .to_owned(),
            "Witkoff: \"difficult but constructive, and we are not closer to peace yet.\""
                .to_owned()
        )]
    );
    let cut = segment(&report, "c", "productive and constructive");
    assert!(conflicts(cut).is_empty());
    assert_eq!(cut["verdict"], "corroborated");
}

#[test]
fn the_seeds_have_no_place_or_quote_conflict() {
    let (_workspace, report) = Workspace::seed_report();
    let kinds: Vec<String> = report["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .flat_map(|s| conflicts(s).into_iter().map(|c| c.1))
        .collect();
    assert!(!kinds.is_empty());
    assert!(
        kinds.iter().all(|k| k != "place" && k != "quote"),
        "{kinds:?}"
    );
}

fn developments(segment: &Value) -> Vec<(String, String, String, String)> {
    segment["developments"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|d| {
                    let field = |k: &str| d[k].as_str().unwrap_or("-").to_owned();
                    (
                        field("source"),
                        field("this"),
                        field("pending_says"),
                        field("outcome_says"),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_eu_decision_pending_in_004_and_taken_in_002_is_a_development_not_a_conflict() {
    let (workspace, report) = Workspace::seed_report();
    let pending = segment(
        &report,
        "004",
        "summit to decide whether to use frozen Russian assets",
    );
    let outcome = segment(&report, "002", "leaders agreeing to allocate");
    assert!(
        developments(pending).contains(&(
            "002".to_owned(),
            "pending".to_owned(),
            "decide whether".to_owned(),
            "agreeing".to_owned()
        )),
        "{pending}"
    );
    assert!(
        developments(outcome)
            .iter()
            .any(|d| d.0 == "004" && d.1 == "outcome")
    );
    for side in [pending, outcome] {
        assert!(conflicts(side).is_empty());
        // 004 has no date; 002's is given.
        assert!(side["developments"][0]["pending_published"].is_null());
        assert_eq!(
            side["developments"][0]["outcome_published"],
            "2025-12-22T11:10:09"
        );
    }
    let index = std::fs::read_to_string(workspace.reports().join("index.md")).expect("index.md");
    let section = index
        .split("## Developments")
        .nth(1)
        .expect("a Developments section");
    assert!(section.contains("- **004** line 45 (date not given), pending (“decide whether”)"));
    assert!(section.contains("taken in **002** line 34 (2025-12-22T11:10:09), “agreeing”"));
    // 002 tells its outcome over two sentences of one line: each pending
    // sentence lists it once, not once a sentence.
    let section = section.split("\n## ").next().unwrap_or_default();
    for entry in section.split("\n- ").skip(1) {
        let taken = entry.matches("taken in **002** line 34").count();
        assert_eq!(taken, 1, "{entry}");
    }
    assert!(!section.contains("in the sentence before"), "{section}");
}

#[test]
fn a_decision_taken_before_it_was_pending_or_only_hypothetical_is_no_development() {
    let workspace = Workspace::new();
    workspace.write_source(
        "early.md",
        "---\noutlet: Gazette\npublished: 2025-12-19\n---\nEU leaders agreed a loan for Ukraine backed by frozen Russian assets.\n",
    );
    workspace.write_source(
        "late.md",
        "---\noutlet: Herald\npublished: 2025-12-20\n---\nEU leaders will decide whether to back a loan for Ukraine with frozen Russian assets.\n",
    );
    workspace.write_source(
        "maybe.md",
        "---\noutlet: Courier\npublished: 2025-12-21\n---\nA loan for Ukraine backed by frozen Russian assets would be approved by EU leaders.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    for (source, text) in [
        ("early", "agreed a loan"),
        ("late", "will decide whether"),
        ("maybe", "would be approved"),
    ] {
        assert!(
            developments(segment(&report, source, text)).is_empty(),
            "{source}"
        );
    }
}

/// The people an index run names "here and in no other source" are people:
/// titles are their role, not their name ("Intelligence Tulsi Gabbard" is
/// Tulsi Gabbard), and headings, programmes, places, laws and publishers
/// ("Economic Recovery Launch", "Crimean Peninsula", "Budapest Memorandum",
/// "Public Analytics Vezha") are not people.
#[test]
fn the_people_runs_name_are_people_on_the_seeds() {
    let (_workspace, report) = Workspace::seed_report();
    let named: Vec<String> = report["single_source_runs"]
        .as_array()
        .expect("runs")
        .iter()
        .flat_map(|run| run["people_found_nowhere_else"].as_array().expect("people"))
        .filter_map(|name| name.as_str().map(str::to_owned))
        .collect();
    let people = [
        "Antony Blinken",
        "Jake Sullivan",
        "Kathleen Hicks",
        "Denys Shmyhal",
        "Oleksii Reznikov",
        "Mykola Solsky",
        "Dmitry Peskov",
        "Ihor Taburets",
        "Sergey Aleksashenko",
        "Tulsi Gabbard",
        "Valerii Zaluzhnyi",
        "Volodymyr Fesenko",
    ];
    for name in &named {
        assert!(
            people.contains(&name.as_str()),
            "not a person: {name} ({named:?})"
        );
    }
    for person in [
        "Antony Blinken",
        "Tulsi Gabbard",
        "Volodymyr Fesenko",
        "Ihor Taburets",
    ] {
        assert!(
            named.iter().any(|n| n == person),
            "{person} missing: {named:?}"
        );
    }
}

/// A figure one article gives anywhere does not conflict with another
/// article's: the Times gives the first count (three) beside the latest
/// (four), so it contradicts neither the Herald nor the Courier, which
/// contradict each other.
#[test]
fn an_article_that_gives_both_figures_contradicts_neither() {
    let workspace = Workspace::new();
    workspace.write_source(
        "herald.md",
        "---\noutlet: Herald\npublished: 2017-04-10\n---\nThree people were killed in the shooting on Elm Street on Sunday, police said.\n",
    );
    workspace.write_source(
        "courier.md",
        "---\noutlet: Courier\npublished: 2017-04-11\n---\nFour people were killed in the shooting on Elm Street on Sunday, police said.\n",
    );
    workspace.write_source(
        "times.md",
        "---\noutlet: Times\npublished: 2017-04-11\n---\nFour people were killed in the shooting on Elm Street on Sunday, police said.\n\nPolice first said three people were killed on Elm Street.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    let pairs: std::collections::BTreeSet<(String, String)> = report["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .flat_map(|s| {
            conflicts(s)
                .into_iter()
                .filter(|c| c.1 == "number")
                .map(|c| (s["source"].as_str().unwrap_or_default().to_owned(), c.0))
                .collect::<Vec<_>>()
        })
        .collect();
    // The Times's two counts are still a change inside the Times, which its
    // page shows.
    let expected: std::collections::BTreeSet<(String, String)> = [
        ("courier", "herald"),
        ("herald", "courier"),
        ("times", "times"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_owned(), b.to_owned()))
    .collect();
    assert_eq!(pairs, expected);
}

#[test]
fn two_outlets_stating_other_tolls_over_their_leads_conflict_on_the_number() {
    let workspace = Workspace::new();
    workspace.write_source(
        "a.md",
        "---\noutlet: Gazette\n---\nFour people were shot in a Louisville apartment Tuesday night, police said.\n\nTwo died and two others are recovering.\n",
    );
    workspace.write_source(
        "b.md",
        "---\noutlet: Herald\n---\nFour people were shot in a Louisville apartment on Tuesday night.\n\nThree people were pronounced dead at the scene.\n\nA fourth victim is in stable condition, police said.\n",
    );
    // Counts some of the dead only ("three children"): no conflict.
    workspace.write_source(
        "c.md",
        "---\noutlet: Courier\n---\nFour people were shot in a Louisville apartment late on Tuesday night.\n\nThree children were killed, police said.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    let found = conflicts(segment(&report, "a", "Two died"));
    assert_eq!(
        found,
        [(
            "b".to_owned(),
            "number".to_owned(),
            "2 killed (Two)".to_owned(),
            "3 killed (Three people)".to_owned()
        )],
        "the toll of a against b's, sentence against sentence"
    );
    let of_c = conflicts(segment(&report, "c", "Three children"));
    assert!(of_c.iter().all(|c| c.0 != "a"), "{of_c:?}");
}

/// BASIL 84b3c118: Fox's "amid dozens of arrests" and the Times' "More
/// than 200 people were arrested" share no word the aligner pairs on, but
/// count the same thing.
#[test]
fn dozens_of_arrests_against_more_than_two_hundred_conflict_on_the_number() {
    let workspace = Workspace::new();
    workspace.write_source(
        "fox.md",
        "---\noutlet: Fox\n---\nProtesters marched downtown after the inauguration.\n\nThey clashed with police later in the afternoon, amid dozens of arrests.\n",
    );
    workspace.write_source(
        "nyt.md",
        "---\noutlet: Times\n---\nSporadic violence broke out as demonstrators smashed shop windows.\n\nMore than 200 people were arrested.\n",
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    let found = conflicts(segment(&report, "fox", "dozens of arrests"));
    assert_eq!(
        found,
        [(
            "nyt".to_owned(),
            "number".to_owned(),
            "dozens of arrests".to_owned(),
            "200 people".to_owned()
        )]
    );
}
