//! Facts on the Gun Violence Archive articles (read from ../shared/eval,
//! never copied).
//!
//! 1. For each article that states how many were killed or injured, does the
//!    toll the tool reads from its lead ([`facts::toll`]) agree with the
//!    incident's gold, and with the hand labels of what the article itself
//!    states (tests/it/fixtures/gva_tolls.md)? Bounds ("at least 3") are not
//!    figures.
//! 2. Run the tool on the articles of each incident, as an editor would on a
//!    story folder: when two articles lead with different tolls, is the
//!    disagreement flagged as a conflict? (Whole counts only: "a man was
//!    killed" does not contradict "three people were killed".)

// The figures are the point of this file: print them for README.
#![allow(clippy::print_stderr)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use corroborate::facts::{self, ConflictKind};
use corroborate::model::{LoadedSource, Published, SourceId, SourceMeta};
use serde::Deserialize;

#[derive(Deserialize)]
struct Document {
    incident_id: String,
    doc_id: String,
    dct: Option<String>,
    content: String,
}

#[derive(Deserialize)]
struct Incident {
    incident_uri: String,
    num_killed: Option<f64>,
    num_injured: Option<f64>,
}

fn load() -> Option<(Vec<Document>, BTreeMap<String, Incident>)> {
    let documents = crate::common::eval_data("gva/documents.jsonl")?;
    let incidents = crate::common::eval_data("gva/incidents.jsonl")?;
    let documents = std::fs::read_to_string(documents).expect("read GVA documents");
    let incidents = std::fs::read_to_string(incidents).expect("read GVA incidents");
    let gold = incidents
        .lines()
        .map(|l| serde_json::from_str::<Incident>(l).expect("incident"))
        .map(|i| (i.incident_uri.clone(), i))
        .collect();
    let documents = documents
        .lines()
        .map(|l| serde_json::from_str::<Document>(l).expect("document"))
        .collect();
    Some((documents, gold))
}

fn source(document: &Document) -> LoadedSource {
    let published = document
        .dct
        .as_deref()
        .and_then(|d| d.parse().ok())
        .map(Published::Date);
    LoadedSource {
        id: SourceId::new(&document.doc_id).expect("GVA doc ids are safe ids"),
        path: PathBuf::from(&document.doc_id),
        meta: SourceMeta {
            published,
            ..SourceMeta::default()
        },
        file_text: document.content.clone(),
        body_start: 0,
    }
}

#[test]
fn gva_lead_tolls_agree_with_gold() {
    let Some((documents, gold)) = load() else {
        return;
    };
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut wrong: Vec<String> = Vec::new();
    for document in &documents {
        let Some(incident) = gold.get(&document.incident_id) else {
            continue;
        };
        let segments = corroborate::text::process(&source(document)).segments;
        let toll = facts::toll(&facts::extract_all(&segments, |_| None, |_| true));
        for (predicate, truth, read) in [
            ("killed", incident.num_killed, toll.killed),
            ("injured", incident.num_injured, toll.injured),
        ] {
            let (Some(value), Some(truth)) = (read.map(|f| f.value.to_f64()), truth) else {
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
    // A floor at the figure measured (README, "Quality and speed", rounded down
    // to the precision printed), not the goal (0.90): any drop fails.
    // The figure fell from 0.775 (over 2,062 figures) when the toll came to
    // read 459 more (ages, counts of the shot with no death told) at 0.74:
    // the hand labels, which measure what the article says, rose from 0.553
    // to 0.658; then to 0.695 with 0.780 here (2,024 / 2,594); to 0.742 with
    // 0.780 (2,087 / 2,675) when "two of the victims" came to count people;
    // 0.758 with 0.780 (2,113 / 2,708) with "Matt Anderson, 15, died"; 0.768
    // with 0.782 (2,114 / 2,703) when "five victims of a deadly shooting" were
    // no longer all dead; 0.779 with 0.783 (2,126 / 2,714) with "the death
    // of Westley Bell, 17" and "after being shot"; 0.784 with 0.785 (2,130 /
    // 2,715) with "shooting himself", "shot by his friend", "three shots", "a suspect";
    // 0.789 with 0.788 (2,145 / 2,723) with "an AK-47", "injured, including
    // a 17-year-old who succumbed", "two other shooting victims" and "two
    // shooters" no one shot; 0.800 with 0.789 (2,151 / 2,727) with "six
    // members of a family".
    assert!(accuracy >= 0.788, "agreement {accuracy:.3}");
}

#[test]
fn gva_articles_that_disagree_on_a_toll_are_flagged() {
    let Some((documents, _)) = load() else {
        return;
    };
    let mut by_incident: BTreeMap<&str, Vec<&Document>> = BTreeMap::new();
    for document in &documents {
        by_incident
            .entry(&document.incident_id)
            .or_default()
            .push(document);
    }
    let (mut disagreeing, mut flagged, mut number_conflicts, mut date_conflicts) = (0, 0, 0, 0);
    let stories = by_incident.values().filter(|a| a.len() > 1).count();
    let mut examples: Vec<String> = Vec::new();
    // The tolls of incidents whose articles differ and are not flagged.
    let mut unflagged: Vec<String> = Vec::new();
    // The toll conflicts, as "<source> <source> <predicate>", sources sorted.
    let mut toll_pairs: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for articles in by_incident.values().filter(|a| a.len() > 1) {
        let analysis = corroborate::analyse(articles.iter().map(|d| source(d)).collect());
        // Lead tolls per article, from the tool's own facts.
        let mut tolls: BTreeMap<&str, BTreeMap<&SourceId, f64>> = BTreeMap::new();
        // Segments come in source order: each source's facts are one slice.
        let mut start = 0;
        for own in analysis.segments.chunk_by(|a, b| a.source == b.source) {
            let facts = &analysis.facts[start..start + own.len()];
            start += own.len();
            let toll = facts::toll(facts);
            for (predicate, figure) in [("killed", toll.killed), ("injured", toll.injured)] {
                if let Some(figure) = figure.filter(|f| f.whole) {
                    tolls
                        .entry(predicate)
                        .or_default()
                        .insert(&own[0].source, figure.value.to_f64());
                }
            }
        }
        let cross: Vec<(usize, &corroborate::classify::ConflictReport)> = analysis
            .findings
            .iter()
            .enumerate()
            .flat_map(|(i, f)| f.conflicts.iter().map(move |c| (i, c)))
            .filter(|(i, c)| analysis.segments[*i].source != c.source)
            .collect();
        for (i, conflict) in &cross {
            if let Some(predicate) = toll_predicate(&conflict.ours) {
                let ours = analysis.segments[*i].source.to_string();
                let theirs = conflict.source.to_string();
                let (a, b) = if ours < theirs {
                    (ours, theirs)
                } else {
                    (theirs, ours)
                };
                toll_pairs.insert(format!("{a} {b} {predicate}"));
            }
        }
        number_conflicts += cross
            .iter()
            .filter(|(_, c)| c.kind == ConflictKind::Number)
            .count();
        date_conflicts += cross
            .iter()
            .filter(|(_, c)| c.kind == ConflictKind::Date)
            .count();
        let tolls_differ = tolls.values().any(|per_source| {
            let mut values: Vec<f64> = per_source.values().copied().collect();
            values.dedup();
            values.len() > 1
        });
        if tolls_differ {
            disagreeing += 1;
            if cross.iter().any(|(_, c)| c.kind == ConflictKind::Number) {
                flagged += 1;
            } else {
                unflagged.push(format!("{tolls:?}"));
            }
        }
        for (i, conflict) in cross.iter().take(1) {
            if examples.len() < 6 {
                examples.push(format!(
                    "{:?} {} says \"{}\", {} says \"{}\"",
                    conflict.kind,
                    analysis.segments[*i].source,
                    conflict.ours,
                    conflict.source,
                    conflict.theirs
                ));
            }
        }
    }
    let recall = flagged as f64 / disagreeing.max(1) as f64;
    eprintln!(
        "GVA incidents with several articles: {stories}; whose articles lead with different tolls: {disagreeing}; flagged as a number conflict: {flagged} ({recall:.3}); cross-article conflicts: {number_conflicts} number, {date_conflicts} date"
    );
    for example in &examples {
        eprintln!("  {example}");
    }
    for tolls in &unflagged {
        eprintln!("  not flagged: {tolls}");
    }
    // The floor at the figure measured (docs/evaluation.md: 1.000, 11 / 11,
    // tolls of the whole count only: "four children" may be some of the
    // dead). It was 0.789 (15 / 19) when "six wounded — two mortally", "four
    // … and a fifth" and "police originally said eight" were whole tolls:
    // those disagreements were misreadings, and so were their conflicts;
    // then 0.714 (10 / 14) until "five injured, including the gunman" was
    // known for a count with the shooter in it; 0.769 (10 / 13) until "two of
    // the victims were killed" counted people; 0.786 (11 / 14) until "among
    // the three killed" was the whole of "two victims killed"; 0.846 (11 /
    // 13) until "an AK-47" was no 47 found dead and "there were two shooters
    // involved" no two shot.
    assert!(recall >= 0.999, "recall {recall:.3}");
    // Every toll conflict reported, judged by hand
    // (tests/it/fixtures/gva_toll_conflicts.jsonl): a new one fails the test
    // until it is judged.
    let judged = toll_conflict_judgements();
    let unjudged: Vec<&String> = toll_pairs
        .iter()
        .filter(|p| !judged.contains_key(*p))
        .collect();
    assert!(
        unjudged.is_empty(),
        "toll conflicts not judged by hand: {unjudged:#?}"
    );
    let real = toll_pairs.iter().filter(|p| judged[*p]).count();
    let precision = real as f64 / toll_pairs.len().max(1) as f64;
    eprintln!(
        "toll conflicts: {} distinct pairs, {real} real by hand ({precision:.3})",
        toll_pairs.len()
    );
    // The goal (0.80); measured 14 / 15.
    assert!(precision >= 0.80, "toll conflicts real {precision:.3}");
}

/// The predicate of a toll conflict as the report words it ("4 injured
/// (four people)"); `None` for other number conflicts.
fn toll_predicate(says: &str) -> Option<&'static str> {
    let mut words = says.split(' ');
    let value = words.next()?;
    let predicate = words.next()?;
    let reading = words.next()?;
    let is_toll = value.chars().all(|c| c.is_ascii_digit()) && reading.starts_with('(');
    match predicate {
        "killed" if is_toll => Some("killed"),
        "injured" if is_toll => Some("injured"),
        _ => None,
    }
}

/// A toll conflict judged by hand: do the two articles, as written, state
/// different tolls of the incident? (A figure one article reports as
/// changed since, a scene's count against the whole, the shooter counted
/// in one and not the other, two incidents: not real.) Pairs a former
/// reading reported are kept, judged, for when they come back.
#[derive(Deserialize)]
struct TollConflictJudgement {
    a: String,
    b: String,
    predicate: String,
    real: bool,
    /// Why, for the reader of the fixture; not used.
    #[serde(rename = "note")]
    _note: String,
}

fn toll_conflict_judgements() -> BTreeMap<String, bool> {
    include_str!("fixtures/gva_toll_conflicts.jsonl")
        .lines()
        .map(|l| serde_json::from_str::<TollConflictJudgement>(l).expect("a judgement"))
        .map(|j| (format!("{} {} {}", j.a, j.b, j.predicate), j.real))
        .collect()
}

/// A hand label (tests/it/fixtures/gva_tolls.md): what an article itself
/// states about the incident it covers.
#[derive(Deserialize)]
struct TollLabel {
    doc_id: String,
    killed: Option<f64>,
    injured: Option<f64>,
    note: String,
}

fn toll_labels() -> Vec<TollLabel> {
    include_str!("fixtures/gva_tolls.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a toll label"))
        .collect()
}

/// The tolls the tool reads from each hand-labelled article, against the
/// labels: the article's own statement, not the GVA gold (which about one
/// article in eight contradicts).
#[test]
fn gva_lead_tolls_agree_with_the_hand_labels() {
    let Some((documents, _)) = load() else {
        return;
    };
    let labels = toll_labels();
    assert!(labels.len() >= 150, "{} labels", labels.len());
    let by_id: BTreeMap<&str, &Document> =
        documents.iter().map(|d| (d.doc_id.as_str(), d)).collect();
    let (mut articles_right, mut stated, mut stated_right) = (0, 0, 0);
    // Figures the tool reads, and how many of them the label has.
    let (mut read_any, mut read_right) = (0, 0);
    // The labels come in a random order (by the sha256 of the article's id):
    // the two halves show the spread the toll lead length was chosen with.
    let mut halves = [(0usize, 0usize); 2];
    let mut wrong: Vec<String> = Vec::new();
    for (k, label) in labels.iter().enumerate() {
        let document = by_id
            .get(label.doc_id.as_str())
            .unwrap_or_else(|| panic!("labelled article {} not in the data", label.doc_id));
        let segments = corroborate::text::process(&source(document)).segments;
        let extracted = facts::extract_all(&segments, |_| None, |_| true);
        let toll = facts::toll(&extracted);
        let mut all_right = true;
        for (predicate, truth, read) in [
            ("killed", label.killed, toll.killed),
            ("injured", label.injured, toll.injured),
        ] {
            let read = read.map(|figure| figure.value.to_f64());
            // An article that says no one was hurt states a toll of 0, which a
            // reader of figures rightly finds no figure in.
            let right = read == truth || (truth == Some(0.0) && read.is_none());
            if truth.is_some() {
                stated += 1;
                stated_right += usize::from(right);
            }
            if read.is_some() {
                read_any += 1;
                read_right += usize::from(read == truth);
            }
            if !right {
                all_right = false;
                wrong.push(format!(
                    "{} {predicate}: read {read:?}, labelled {truth:?} ({})",
                    label.doc_id, label.note
                ));
            }
        }
        articles_right += usize::from(all_right);
        let half = usize::from(k >= labels.len() / 2);
        halves[half].0 += 1;
        halves[half].1 += usize::from(all_right);
    }
    let accuracy = articles_right as f64 / labels.len() as f64;
    eprintln!(
        "GVA hand labels: {articles_right} / {} articles read right ({accuracy:.3}); stated tolls read right {stated_right} / {stated}; figures read {read_any}, as labelled {read_right}",
        labels.len()
    );
    let share = |(n, right): (usize, usize)| right as f64 / n.max(1) as f64;
    eprintln!(
        "  by half of the sample: {:.3} and {:.3}",
        share(halves[0]),
        share(halves[1])
    );
    for example in &wrong {
        eprintln!("  {example}");
    }
    // A floor at the figure measured (docs/evaluation.md: 0.800, 152 / 190),
    // not the goal (0.90): any drop fails.
    assert!(accuracy >= 0.799, "accuracy {accuracy:.3}");
}
