//! Cross-article alignment on ECB+ (read from ../shared/eval, never copied):
//! 772 articles from many outlets grouped by the event they report, with gold
//! links between sentences of different articles that mention the same
//! annotated event (`shares_event`).
//!
//! Every sentence of every article goes through the aligner at once, as a
//! folder of sources would. Figures (README, "Quality"):
//! - recall: the share of gold `shares_event` pairs the tool links;
//! - precision: of the tool's links between two annotated sentences, the share
//!   the gold links as sharing an event (or, looser, any annotated participant);
//! - index recall: of the links the all-pairs oracle makes among annotated
//!   sentences, the share the candidate index also makes.

// The figures are the point of this file: print them for README.
#![allow(clippy::print_stderr)]

use std::collections::{BTreeMap, BTreeSet};

use corroborate::align::{self, AlignInput, AlignParams, Alignment};
use corroborate::text::normalize::normalize_str;
use serde::Deserialize;

#[derive(Deserialize)]
struct Doc {
    doc_id: String,
    subtopic: String,
    sentences: Vec<Sentence>,
}

#[derive(Deserialize)]
struct Sentence {
    sent_id: u32,
    text: String,
    annotated: bool,
}

#[derive(Deserialize)]
struct Link {
    doc_1: String,
    sent_1: u32,
    doc_2: String,
    sent_2: u32,
    shares_event: bool,
}

type SentenceKey = (String, u32);

fn eval_dir() -> Option<std::path::PathBuf> {
    crate::common::eval_data("ecbplus")
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &std::path::Path) -> Vec<T> {
    std::fs::read_to_string(path)
        .expect("read")
        .lines()
        .map(|line| serde_json::from_str(line).expect("jsonl row"))
        .collect()
}

/// Unordered pair of sentence keys.
fn pair(a: SentenceKey, b: SentenceKey) -> (SentenceKey, SentenceKey) {
    if a <= b { (a, b) } else { (b, a) }
}

/// The pairs an alignment links (supported either way, or same-origin).
fn links(alignment: &Alignment, keys: &[SentenceKey]) -> BTreeSet<(SentenceKey, SentenceKey)> {
    alignment
        .matches
        .iter()
        .map(|m| pair(keys[m.a as usize].clone(), keys[m.b as usize].clone()))
        .collect()
}

struct Corpus {
    keys: Vec<SentenceKey>,
    texts: Vec<String>,
    sources: Vec<u32>,
    annotated: Vec<bool>,
}

fn corpus(docs: &[Doc]) -> Corpus {
    let mut corpus = Corpus {
        keys: Vec::new(),
        texts: Vec::new(),
        sources: Vec::new(),
        annotated: Vec::new(),
    };
    for (number, doc) in docs.iter().enumerate() {
        for sentence in &doc.sentences {
            // Sentence 0 of an ecbplus article is its URL.
            if doc.subtopic == "ecbplus" && sentence.sent_id == 0 {
                continue;
            }
            corpus.keys.push((doc.doc_id.clone(), sentence.sent_id));
            corpus.texts.push(normalize_str(&sentence.text));
            corpus
                .sources
                .push(u32::try_from(number).expect("few docs"));
            corpus.annotated.push(sentence.annotated);
        }
    }
    corpus
}

fn inputs<'a>(
    corpus: &'a Corpus,
    keep: impl Fn(usize) -> bool,
) -> (Vec<AlignInput<'a>>, Vec<SentenceKey>) {
    (0..corpus.keys.len())
        .filter(|&i| keep(i))
        .map(|i| {
            (
                AlignInput {
                    source: corpus.sources[i],
                    text: &corpus.texts[i],
                },
                corpus.keys[i].clone(),
            )
        })
        .unzip()
}

fn ratio(part: usize, whole: usize) -> f64 {
    part as f64 / whole.max(1) as f64
}

#[test]
fn ecbplus_event_links_recall_and_precision() {
    let Some(dir) = eval_dir() else { return };
    let docs: Vec<Doc> = read_jsonl(&dir.join("docs.jsonl"));
    let gold_links: Vec<Link> = read_jsonl(&dir.join("sentence_links.jsonl"));
    let corpus = corpus(&docs);
    let annotated: BTreeSet<&SentenceKey> = corpus
        .keys
        .iter()
        .zip(&corpus.annotated)
        .filter_map(|(key, &annotated)| annotated.then_some(key))
        .collect();

    let (all, keys) = inputs(&corpus, |_| true);
    let alignment = align::align(&all, AlignParams::default());
    let ours = links(&alignment, &keys);

    let mut gold: BTreeMap<(SentenceKey, SentenceKey), bool> = BTreeMap::new();
    for link in gold_links {
        let shares_event = gold
            .entry(pair((link.doc_1, link.sent_1), (link.doc_2, link.sent_2)))
            .or_default();
        *shares_event |= link.shares_event;
    }
    let event_pairs: Vec<_> = gold
        .iter()
        .filter(|(_, event)| **event)
        .map(|(p, _)| p)
        .collect();
    let found = event_pairs.iter().filter(|p| ours.contains(p)).count();
    let recall = ratio(found, event_pairs.len());

    let judged: Vec<_> = ours
        .iter()
        .filter(|(a, b)| annotated.contains(a) && annotated.contains(b))
        .collect();
    let event_hits = judged.iter().filter(|p| gold.get(p) == Some(&true)).count();
    let any_hits = judged.iter().filter(|p| gold.contains_key(p)).count();
    let precision_event = ratio(event_hits, judged.len());
    let precision_any = ratio(any_hits, judged.len());

    eprintln!(
        "ECB+: {} sentences of {} articles; {} links made; shares_event recall {recall:.4} ({found}/{}); \
         precision on annotated pairs: same event {precision_event:.4} ({event_hits}/{}), any shared \
         event or participant {precision_any:.4} ({any_hits}/{})",
        keys.len(),
        docs.len(),
        ours.len(),
        event_pairs.len(),
        judged.len(),
        judged.len()
    );
    let at_old_recall = precision_of_strongest(
        &alignment,
        &keys,
        &gold,
        &annotated,
        RECALL_BEFORE_SUPPORT_MODEL,
    );
    eprintln!(
        "ECB+, the strongest links up to recall {RECALL_BEFORE_SUPPORT_MODEL}: precision same event \
         {:.4}, any shared event or participant {:.4} ({} links)",
        at_old_recall.event, at_old_recall.any, at_old_recall.links
    );
    // Floors at the figures measured (docs/evaluation.md), rounded down to
    // the four places printed: any drop fails. The claim-level support model
    // links more pairs than the paraphrase-or-shared-facts rule did (recall
    // 0.2799 at precisions 0.7731 / 0.8387 before it).
    assert!(recall >= 0.4426, "recall {recall:.4}");
    assert!(precision_event >= 0.7032, "precision {precision_event:.4}");
    assert!(precision_any >= 0.7828, "precision {precision_any:.4}");
    // The guard against the rule before the support model: at its recall,
    // the strongest links are at least as precise as its links were.
    assert!(
        at_old_recall.event >= EVENT_PRECISION_BEFORE_SUPPORT_MODEL
            && at_old_recall.any >= PRECISION_BEFORE_SUPPORT_MODEL,
        "precision at recall {RECALL_BEFORE_SUPPORT_MODEL}: {:.4} / {:.4}",
        at_old_recall.event,
        at_old_recall.any
    );
}

/// Recall and precisions (same event; same event or participant) of the
/// aligner before the claim-level support model: the operating point it is
/// held to.
const RECALL_BEFORE_SUPPORT_MODEL: f64 = 0.2799;
const EVENT_PRECISION_BEFORE_SUPPORT_MODEL: f64 = 0.7731;
const PRECISION_BEFORE_SUPPORT_MODEL: f64 = 0.8387;

/// Precision of the strongest links, taken in order of the support model's
/// log-odds (the stronger direction of each pair) until they find `recall`
/// of the gold event links.
struct Precision {
    event: f64,
    any: f64,
    links: usize,
}

fn precision_of_strongest(
    alignment: &Alignment,
    keys: &[SentenceKey],
    gold: &BTreeMap<(SentenceKey, SentenceKey), bool>,
    annotated: &BTreeSet<&SentenceKey>,
    recall: f64,
) -> Precision {
    let strength = |m: &align::Match| {
        [m.b_supports_a, m.a_supports_b]
            .into_iter()
            .flatten()
            .map(|s| s.log_odds)
            .fold(f32::NEG_INFINITY, f32::max)
    };
    let mut ranked: Vec<(f32, (SentenceKey, SentenceKey))> = alignment
        .matches
        .iter()
        .map(|m| {
            let link = pair(keys[m.a as usize].clone(), keys[m.b as usize].clone());
            (strength(m), link)
        })
        .collect();
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    let events = gold.values().filter(|&&event| event).count();
    let (mut found, mut judged, mut event_hits, mut any_hits, mut links) = (0, 0, 0, 0, 0);
    let mut seen = BTreeSet::new();
    for (_, link) in ranked {
        if ratio(found, events) >= recall {
            break;
        }
        if !seen.insert(link.clone()) {
            continue;
        }
        links += 1;
        let label = gold.get(&link).copied();
        found += usize::from(label == Some(true));
        if annotated.contains(&link.0) && annotated.contains(&link.1) {
            judged += 1;
            event_hits += usize::from(label == Some(true));
            any_hits += usize::from(label.is_some());
        }
    }
    Precision {
        event: ratio(event_hits, judged),
        any: ratio(any_hits, judged),
        links,
    }
}

#[test]
fn ecbplus_index_finds_what_the_oracle_finds() {
    let Some(dir) = eval_dir() else { return };
    let docs: Vec<Doc> = read_jsonl(&dir.join("docs.jsonl"));
    let corpus = corpus(&docs);
    let (annotated, keys) = inputs(&corpus, |i| corpus.annotated[i]);
    let indexed = align::align(&annotated, AlignParams::default());
    let oracle = align::oracle(&annotated);
    let (indexed_links, oracle_links) = (links(&indexed, &keys), links(&oracle, &keys));
    let found = oracle_links.intersection(&indexed_links).count();
    let index_recall = ratio(found, oracle_links.len());
    eprintln!(
        "ECB+ annotated sentences: {}; candidate pairs: index {} vs all pairs {}; oracle links {}, \
         found by the index {found} (recall {index_recall:.4})",
        keys.len(),
        indexed.candidates,
        oracle.candidates,
        oracle_links.len()
    );
    // The index keys on the terms support needs, so it finds every link the
    // oracle makes (README: 100 %, 4,115 / 4,115).
    assert!(index_recall >= 1.0, "index recall {index_recall}");
    assert!(indexed_links.is_subset(&oracle_links));
}
