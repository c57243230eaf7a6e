//! Fact extraction on the Gun Violence Archive articles (read from
//! ../shared/eval, never copied): for each article that states how many were
//! killed or injured, does the extracted number agree with the incident's gold?
//!
//! The article's figure is the one it states most often for that predicate
//! (ties: the first). Bounds ("at least 3") are not figures.

// The figures are the point of this file: print them for README.
#![allow(clippy::print_stderr)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use corroborate::facts;
use corroborate::model::{LoadedSource, SourceId, SourceMeta};
use serde::Deserialize;

#[derive(Deserialize)]
struct Document {
    incident_id: String,
    doc_id: String,
    content: String,
}

#[derive(Deserialize)]
struct Incident {
    incident_uri: String,
    num_killed: Option<f64>,
    num_injured: Option<f64>,
}

/// The figure an article states most often for `predicate`.
fn stated(all: &[facts::Facts], predicate: &str) -> Option<f64> {
    let mut counts: Vec<(f64, usize)> = Vec::new();
    for number in all.iter().flat_map(|f| &f.numbers) {
        let counts_people = number.unit.as_deref().is_none_or(|u| u == "people");
        if number.predicate == Some(predicate) && counts_people && !number.hedged {
            match counts.iter_mut().find(|(v, _)| *v == number.value) {
                Some((_, n)) => *n += 1,
                None => counts.push((number.value, 1)),
            }
        }
    }
    counts.iter().rev().max_by_key(|(_, n)| *n).map(|(v, _)| *v)
}

#[test]
fn gva_killed_and_injured_agree_with_gold() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/gva");
    let (Ok(documents), Ok(incidents)) = (
        std::fs::read_to_string(dir.join("documents.jsonl")),
        std::fs::read_to_string(dir.join("incidents.jsonl")),
    ) else {
        eprintln!("skipping: {} not found", dir.display());
        return;
    };
    let gold: BTreeMap<String, Incident> = incidents
        .lines()
        .map(|l| serde_json::from_str::<Incident>(l).expect("incident"))
        .map(|i| (i.incident_uri.clone(), i))
        .collect();
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut wrong: Vec<String> = Vec::new();
    for line in documents.lines() {
        let document: Document = serde_json::from_str(line).expect("document");
        let Some(incident) = gold.get(&document.incident_id) else {
            continue;
        };
        let source = LoadedSource {
            id: SourceId(document.doc_id.clone()),
            path: PathBuf::from(&document.doc_id),
            meta: SourceMeta::default(),
            file_text: document.content,
            body_start: 0,
        };
        let segments = corroborate::text::process(&source).segments;
        let extracted = facts::extract_all(&segments, |_| true);
        for (predicate, truth) in [
            ("killed", incident.num_killed),
            ("injured", incident.num_injured),
        ] {
            let (Some(value), Some(truth)) = (stated(&extracted, predicate), truth) else {
                continue;
            };
            let entry = tally.entry(predicate).or_default();
            entry.1 += 1;
            if value == truth {
                entry.0 += 1;
            } else if wrong.len() < 8 {
                wrong.push(format!(
                    "{} {predicate}: read {value}, gold {truth}",
                    document.doc_id
                ));
            }
        }
    }
    let (right, stated): (usize, usize) =
        tally.values().fold((0, 0), |(r, s), (a, b)| (r + a, s + b));
    let accuracy = right as f64 / stated.max(1) as f64;
    eprintln!("GVA: {tally:?}; agreement with gold {accuracy:.3} ({right}/{stated})");
    for example in &wrong {
        eprintln!("  {example}");
    }
    // A floor against regressions, not the goal (0.90): see README, "Quality and speed".
    assert!(accuracy >= 0.55, "agreement {accuracy}");
}
