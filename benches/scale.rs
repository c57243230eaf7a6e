//! Scale benchmark (`cargo bench --bench scale`): how the candidate index
//! grows with corpus size, and how much of the all-pairs oracle it finds.
//!
//! Corpora are read from `../shared/eval` (never copied into the project):
//! the Gun Violence Archive articles (raw web text) and ECB+. For growing
//! prefixes of each corpus the full pipeline runs (text stage, index, scoring,
//! classification); it prints claims, candidate pairs, pairs per claim and
//! time. On the smallest prefix the all-pairs oracle runs too, and the index's
//! recall against it is printed. Figures are ratios within one run.

// A benchmark reports by printing.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use corroborate::align::{self, AlignInput, AlignParams};
use corroborate::model::{LoadedSource, SourceId, SourceMeta};
use serde_json::Value;

fn eval_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval")
}

/// Articles of a JSONL corpus as loaded sources, in file order.
fn articles(path: &Path, id_field: &str, text: impl Fn(&Value) -> String) -> Vec<LoadedSource> {
    let Ok(data) = std::fs::read_to_string(path) else {
        println!("skipping {}: not found", path.display());
        return Vec::new();
    };
    data.lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .enumerate()
        .map(|(number, record)| {
            let id = record[id_field]
                .as_str()
                .map_or_else(|| number.to_string(), str::to_owned);
            LoadedSource {
                id: SourceId(format!("{number:05}-{id}")),
                path: PathBuf::from(format!("{id}.md")),
                meta: SourceMeta {
                    title: record["title"].as_str().map(str::to_owned),
                    ..SourceMeta::default()
                },
                file_text: text(&record),
                body_start: 0,
            }
        })
        .collect()
}

fn gva() -> Vec<LoadedSource> {
    articles(&eval_dir().join("gva/documents.jsonl"), "doc_id", |r| {
        r["content"].as_str().unwrap_or_default().to_owned()
    })
}

fn ecbplus() -> Vec<LoadedSource> {
    articles(&eval_dir().join("ecbplus/docs.jsonl"), "doc_id", |r| {
        // One sentence a line; sentence 0 of an ecbplus article is its URL.
        let skip_url = usize::from(r["subtopic"] == "ecbplus");
        r["sentences"]
            .as_array()
            .map(|sentences| {
                sentences
                    .iter()
                    .skip(skip_url)
                    .filter_map(|s| s["text"].as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .unwrap_or_default()
    })
}

/// The aligner's inputs for an analysed corpus: its claims.
fn claims(analysis: &corroborate::Analysis) -> Vec<AlignInput<'_>> {
    corroborate::claim_inputs(&analysis.sources, &analysis.segments).1
}

fn growth(name: &str, corpus: &[LoadedSource], sizes: &[usize]) {
    if corpus.is_empty() {
        return;
    }
    println!("\n{name}: candidate pairs against corpus size (full pipeline)");
    println!(
        "| articles | claims | candidate pairs | pairs per claim | matches | seconds | report seconds |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for &size in sizes {
        let subset: Vec<LoadedSource> = corpus.iter().take(size).cloned().collect();
        let articles = subset.len();
        let start = Instant::now();
        let analysis = corroborate::analyse(subset);
        let seconds = start.elapsed().as_secs_f64();
        // The report model, report.json and every Markdown page, in memory.
        let start = Instant::now();
        let report = corroborate::build_report(&analysis, &[], Vec::new());
        let json = corroborate::report::json::render(&report).map_or(0, |j| j.len());
        let pages = corroborate::report::markdown::render_pages(&report).len();
        let report_seconds = start.elapsed().as_secs_f64();
        std::hint::black_box((json, pages));
        let claims = claims(&analysis).len();
        let matches = analysis
            .findings
            .iter()
            .filter(|f| !f.corroborated_by.is_empty())
            .count();
        println!(
            "| {articles} | {claims} | {} | {:.1} | {matches} | {seconds:.2} | {report_seconds:.2} |",
            analysis.candidates,
            analysis.candidates as f64 / claims.max(1) as f64,
        );
    }
}

fn oracle_recall(name: &str, corpus: &[LoadedSource], size: usize) {
    if corpus.is_empty() {
        return;
    }
    let analysis = corroborate::analyse(corpus.iter().take(size).cloned().collect());
    let inputs = claims(&analysis);
    let start = Instant::now();
    let indexed = align::align(&inputs, AlignParams::default());
    let index_seconds = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let oracle = align::oracle(&inputs);
    let oracle_seconds = start.elapsed().as_secs_f64();
    let pairs = |a: &align::Alignment| -> std::collections::BTreeSet<(u32, u32)> {
        a.matches.iter().map(|m| (m.a, m.b)).collect()
    };
    let (found, all) = (pairs(&indexed), pairs(&oracle));
    let recall = all.intersection(&found).count() as f64 / all.len().max(1) as f64;
    println!(
        "\n{name}, first {size} articles ({} claims): oracle scores {} pairs in {oracle_seconds:.2} s, \
         the index {} in {index_seconds:.2} s ({:.1}x faster); oracle matches {}, index recall {recall:.4}",
        inputs.len(),
        oracle.candidates,
        indexed.candidates,
        oracle_seconds / index_seconds.max(1e-9),
        all.len(),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not run this harness's loops.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let gva = gva();
    let ecbplus = ecbplus();
    growth("GVA", &gva, &[250, 500, 1000, 2000, usize::MAX]);
    growth("ECB+", &ecbplus, &[193, 386, 772]);
    oracle_recall("GVA", &gva, 250);
    oracle_recall("ECB+", &ecbplus, 772);
}
