//! Alignment on the five seed articles: who corroborates what, what stays
//! single-source, and that copies are not independent support.

use crate::common::{Workspace, segment};
use serde_json::Value;

/// Sources of the segments that corroborate `segment`.
fn supporting_sources(segment: &Value) -> Vec<&str> {
    let mut sources: Vec<&str> = segment["support"]
        .as_array()
        .expect("support")
        .iter()
        .map(|s| s["source"].as_str().expect("source"))
        .collect();
    sources.sort_unstable();
    sources.dedup();
    sources
}

#[test]
fn kushner_is_corroborated_across_000_002_and_004() {
    let (_workspace, report) = Workspace::seed_report();
    let kushner = segment(&report, "000", "Jared Kushner-President");
    assert_eq!(kushner["verdict"], "corroborated");
    assert_eq!(supporting_sources(kushner), ["002", "004"]);
    // 002's delegation is also contradicted by 000's other delegation (a
    // conflict outranks corroboration in the verdict), but the support stays listed.
    let delegation = segment(&report, "002", "delegation comprised");
    assert_eq!(delegation["verdict"], "conflict");
    assert!(supporting_sources(delegation).contains(&"000"));
}

#[test]
fn dmitriev_contacts_are_supported_by_002_and_004() {
    let (_workspace, report) = Workspace::seed_report();
    let contacts = segment(&report, "000", "Kiril Dmitriev.");
    assert_eq!(contacts["verdict"], "corroborated");
    assert_eq!(supporting_sources(contacts), ["002", "004"]);
    for support in contacts["support"].as_array().expect("list") {
        assert_eq!(support["basis"], "shared_facts", "{support}");
    }
}

#[test]
fn miga_insurance_is_single_source() {
    let (_workspace, report) = Workspace::seed_report();
    let miga = segment(&report, "000", "insurance provided by the Multilateral");
    assert_eq!(miga["verdict"], "single_source");
    assert_eq!(miga["support"], serde_json::json!([]));
    // 000 says it twice; line 40 is a fragment of the same claim, not a claim.
    let fragment = segment(&report, "000", "By the Multilateral Investment");
    assert_eq!(fragment["verdict"], "not_a_claim");
    assert_eq!(fragment["not_a_claim"], "fragment of a sentence");
}

#[test]
fn the_miami_summit_section_of_000_finds_no_support() {
    let (_workspace, report) = Workspace::seed_report();
    let lines = |s: &Value| s["line"].as_u64().expect("line");
    let summit_start = lines(segment(&report, "000", "Venue: Miami International"));
    for s in report["segments"].as_array().expect("segments") {
        if s["source"] == "000" && lines(s) >= summit_start {
            assert_ne!(s["verdict"], "corroborated", "{s}");
        }
    }
}

#[test]
fn segments_never_corroborate_their_own_source() {
    let (_workspace, report) = Workspace::seed_report();
    for s in report["segments"].as_array().expect("segments") {
        for support in s["support"].as_array().expect("list") {
            assert_ne!(support["source"], s["source"], "{s}");
        }
    }
}

#[test]
fn a_copied_article_is_same_origin_not_corroboration() {
    let workspace = Workspace::with_seeds();
    let original = std::fs::read_dir(workspace.sources())
        .expect("sources")
        .map(|entry| entry.expect("entry").path())
        .find(|path| {
            path.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("002"))
        })
        .map(|path| std::fs::read_to_string(path).expect("read 002"))
        .expect("002 present");
    let body = original.splitn(3, "---").nth(2).expect("front matter");
    workspace.write_source(
        "005.md",
        format!("---\nid: \"005\"\noutlet: Copycat Daily\ntitle: Rewrite\npublished: 2025-12-25\n---\n{body}"),
    );
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    // 002 was published on 2025-12-22, the copy three days later: 002 is the origin.
    let copy = segment(&report, "005", "delegation comprised");
    assert!(
        !supporting_sources(copy).contains(&"002"),
        "a copy supports its original: {copy}"
    );
    // Independent support of the copied sentence still counts.
    assert!(supporting_sources(copy).contains(&"000"), "{copy}");
    let same_origin = copy["same_origin"].as_array().expect("same_origin");
    assert!(
        same_origin
            .iter()
            .any(|s| s["source"] == "002" && s["origin"] == "002"),
        "{copy}"
    );
}

/// The report model reuses the names the analysis folded; an analysis
/// without them (put together by hand) gets the same report, names found
/// again, down to the runs of single-source claims that read them.
#[test]
fn a_report_from_an_analysis_without_its_names_is_the_same() {
    let sources = crate::common::bundled_sources();
    let (analysis, _) = corroborate::load_and_analyse(&sources).expect("bundled sources load");
    let mut without_names = analysis.clone();
    without_names.names.clear();
    let with = corroborate::build_report(analysis, &[], Vec::new());
    let without = corroborate::build_report(without_names, &[], Vec::new());
    assert!(!with.single_source_runs.is_empty());
    assert_eq!(
        corroborate::report::json::render(&with).expect("renders"),
        corroborate::report::json::render(&without).expect("renders")
    );
}

#[test]
fn a_cited_claim_is_supported_back_by_the_claim_citing_it() {
    let (_workspace, report) = Workspace::seed_report();
    let segments = report["segments"].as_array().expect("segments");
    let by_id = |id: &Value| {
        segments
            .iter()
            .find(|s| &s["id"] == id)
            .expect("a cited segment is in the report")
    };
    let mut checked = 0;
    for s in segments {
        for support in s["support"].as_array().expect("list") {
            let cited = by_id(&support["segment"]);
            assert!(
                supporting_sources(cited).contains(&s["source"].as_str().expect("source")),
                "{} cites {} but is not listed as its support",
                s["id"],
                cited["id"]
            );
            assert_ne!(cited["verdict"], "single_source", "{cited}");
            checked += 1;
        }
    }
    assert!(checked > 10, "{checked} supports checked");
}

#[test]
fn partial_support_lists_the_details_only_this_source_gives() {
    let (_workspace, report) = Workspace::seed_report();
    let zelensky = segment(
        &report,
        "001",
        "Ukrainian delegation had returned from meetings in Miami",
    );
    assert_eq!(zelensky["verdict"], "partly_corroborated");
    let support = &zelensky["support"][0];
    assert_eq!(support["source"], "000");
    assert_eq!(support["level"], "partial");
    let details: Vec<&str> = support["only_here"]
        .as_array()
        .expect("details")
        .iter()
        .map(|d| d.as_str().expect("text"))
        .collect();
    assert!(details.contains(&"European Union"), "{details:?}");
    // What both say is not a detail of one.
    assert!(!details.iter().any(|d| d.contains("Miami")), "{details:?}");
}

/// One claim, in other words, from each of eight outlets.
const LIBRARY_VOTE: [&str; 8] = [
    "The Riverton city council approved a $12 million budget for the new Hale Street library on Tuesday.",
    "On Tuesday, Riverton's council voted to approve $12 million for a new library on Hale Street.",
    "Riverton councillors on Tuesday backed a $12 million plan to build the Hale Street library.",
    "A new Hale Street library will be built after the Riverton city council approved $12 million on Tuesday.",
    "The council in Riverton signed off on Tuesday on $12 million for the Hale Street library.",
    "Riverton will spend $12 million on a new library in Hale Street, its city council decided on Tuesday.",
    "Tuesday's vote by the Riverton city council approved $12 million for the new Hale Street library.",
    "Riverton city council members approved the $12 million Hale Street library budget on Tuesday.",
];

#[test]
fn a_claim_many_outlets_state_lists_the_strongest_and_counts_the_rest() {
    let workspace = Workspace::new();
    for (n, claim) in LIBRARY_VOTE.iter().enumerate() {
        workspace.write_source(
            &format!("{n:03}.md"),
            format!("---\nid: \"{n:03}\"\noutlet: Outlet {n}\n---\n{claim}\n"),
        );
    }
    let (code, stderr) = workspace.report();
    assert_eq!(code, 0, "{stderr}");
    let report = workspace.report_json();
    let segments = report["segments"].as_array().expect("segments");
    let mut capped = 0;
    for s in segments {
        let listed = s["support"].as_array().expect("support");
        let more = |level: &str| s["more_support"][level].as_u64().unwrap_or(0);
        assert!(
            listed.len() <= corroborate::classify::MAX_LISTED_SUPPORT,
            "{s}"
        );
        // Full support is listed before partial: what is left out is never
        // stronger than what is shown.
        let levels: Vec<&str> = listed
            .iter()
            .map(|x| x["level"].as_str().expect("level"))
            .collect();
        assert!(
            levels.windows(2).all(|w| w != ["partial", "full"]),
            "{levels:?}"
        );
        if levels.contains(&"partial") {
            assert_eq!(more("full"), 0, "{s}");
        }
        if more("full") + more("partial") > 0 {
            assert_eq!(
                listed.len(),
                corroborate::classify::MAX_LISTED_SUPPORT,
                "{s}"
            );
            capped += 1;
            let page = std::fs::read_to_string(workspace.reports().join(format!(
                "sources/{}.md",
                s["source"].as_str().expect("source")
            )))
            .expect("source page");
            assert!(page.contains("more source"), "{page}");
        }
    }
    assert!(
        capped > 0,
        "no claim of the eight lists only its strongest supporters"
    );
}
