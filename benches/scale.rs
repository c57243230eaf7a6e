//! Scale benchmark (`cargo bench --bench scale`): how the candidate index
//! grows with corpus size, and how much of the all-pairs oracle it finds.
//!
//! First, on a mixed corpus of about 10,000 articles (GVA, two perturbed
//! copies of GVA, ECB+, interleaved), the baseline and the pipeline in one
//! run: the read+tokenise floor (parse the JSON Lines, split every article
//! into words) against the full pipeline (the same reading, every stage, the
//! report model, report.json and every page, in memory), with articles per
//! second, peak memory of each (Linux: VmHWM, reset between measurements)
//! and candidate pairs per claim from 1,000 to 10,000 articles.
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

/// The allocator the binary uses, so that the pipeline is timed as the command runs it.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
                id: SourceId::new(&format!("{number:05}-{id}")).expect("ECB+ and GVA ids are safe"),
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
        // The report model, report.json and every page (Markdown and HTML), in memory.
        let claims = claims(&analysis).len();
        let matches = analysis
            .findings
            .iter()
            .filter(|f| !f.support.is_empty())
            .count();
        let candidates = analysis.candidates;
        let start = Instant::now();
        let report = corroborate::build_report(analysis, &[], Vec::new());
        let json = corroborate::report::json::render(&report).map_or(0, |j| j.len());
        let pages = corroborate::report::render_pages(&report).len();
        let report_seconds = start.elapsed().as_secs_f64();
        std::hint::black_box((json, pages));
        println!(
            "| {articles} | {claims} | {} | {:.1} | {matches} | {seconds:.2} | {report_seconds:.2} |",
            candidates,
            candidates as f64 / claims.max(1) as f64,
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

/// Peak resident memory since the last [`reset_peak_memory`], in MiB (Linux
/// only; `None` elsewhere).
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Start a new peak-memory measurement (Linux: writing 5 to clear_refs
/// resets VmHWM to the current resident size).
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn mib(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.0} MiB"))
}

/// A copy of an article that is not word for word the same: its paragraphs
/// rotated by `k`, and every fifth (from the `k`-th) left out.
fn perturbed(source: &LoadedSource, k: usize) -> LoadedSource {
    let paragraphs: Vec<&str> = source.file_text.split("\n\n").collect();
    let n = paragraphs.len().max(1);
    let kept: Vec<&str> = (0..paragraphs.len())
        .map(|i| paragraphs[(i + k) % n])
        .enumerate()
        .filter(|(i, _)| !(i + k).is_multiple_of(5))
        .map(|(_, p)| p)
        .collect();
    LoadedSource {
        id: SourceId::new(&format!("{}-copy{k}", source.id))
            .expect("a copy of a valid id is valid"),
        path: PathBuf::from(format!("{}-copy{k}.md", source.id)),
        file_text: kept.join("\n\n"),
        ..source.clone()
    }
}

/// GVA, two perturbed copies of it and ECB+, interleaved so that every
/// prefix has the same mix.
fn mixed(gva: &[LoadedSource], ecbplus: &[LoadedSource]) -> Vec<LoadedSource> {
    let mut out = Vec::new();
    let every = (gva.len() * 3 / ecbplus.len().max(1)).max(1);
    let mut ecb = ecbplus.iter();
    for (i, article) in gva.iter().enumerate() {
        out.push(article.clone());
        out.push(perturbed(article, 1));
        out.push(perturbed(article, 2));
        if (i * 3) % every < 3 {
            out.extend(ecb.next().cloned());
        }
    }
    out.extend(ecb.cloned());
    out
}

/// The JSON Lines texts of the mixed corpus, as read from disk.
fn read_jsonl() -> (String, String) {
    let read = |path: PathBuf| std::fs::read_to_string(path).unwrap_or_default();
    (
        read(eval_dir().join("gva/documents.jsonl")),
        read(eval_dir().join("ecbplus/docs.jsonl")),
    )
}

/// The floor: read the JSON Lines, parse every record, split every article
/// into words, each GVA article `gva_copies` times (the mixed corpus reads
/// three copies of each), ECB+ too when `with_ecbplus`. Returns the word
/// count (so nothing is optimised away).
fn floor(gva_copies: usize, with_ecbplus: bool) -> usize {
    use rayon::prelude::*;
    use unicode_segmentation::UnicodeSegmentation as _;
    let (gva_text, ecb_text) = read_jsonl();
    let ecb_text = if with_ecbplus {
        ecb_text
    } else {
        String::new()
    };
    let records: Vec<Value> = gva_text
        .lines()
        .chain(ecb_text.lines())
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    records
        .par_iter()
        .map(|r| {
            let text = r["content"]
                .as_str()
                .or_else(|| r["text"].as_str())
                .unwrap_or_default();
            // Each copy of a GVA article tokenised, as the pipeline reads every copy.
            let copies = if r["content"].is_string() {
                gva_copies
            } else {
                1
            };
            (0..copies)
                .map(|_| std::hint::black_box(text).unicode_words().count())
                .sum::<usize>()
        })
        .sum()
}

/// Read and tokenise as the pipeline does: the text stage of every article,
/// then the aligner's word features of every segment. Returns the segment count.
fn text_floor(corpus: Vec<LoadedSource>) -> usize {
    use rayon::prelude::*;
    corpus
        .par_iter()
        .map(|source| {
            let segments = corroborate::text::process(source).segments;
            let features: Vec<_> = segments
                .iter()
                .map(|s| corroborate::align::features::SentenceFeatures::new(&s.norm))
                .collect();
            std::hint::black_box(features);
            segments.len()
        })
        .sum()
}

/// The whole pipeline on `corpus` (report rendered in memory).
fn pipeline(corpus: Vec<LoadedSource>) -> (usize, usize) {
    let analysis = corroborate::analyse(corpus);
    let counts = (claims(&analysis).len(), analysis.candidates);
    let report = corroborate::build_report(analysis, &[], Vec::new());
    // As `report` does: report.json and the pages side by side.
    let (json, pages) = rayon::join(
        || corroborate::report::json::render(&report).map_or(0, |j| j.len()),
        || corroborate::report::render_pages(&report).len(),
    );
    std::hint::black_box((json, pages));
    counts
}

/// Runs of each timed step: the machine's speed drifts from minute to
/// minute, and the fastest of three is the least disturbed.
const ROUNDS: usize = 3;

/// Run `step` [`ROUNDS`] times: the fastest time in seconds, the highest
/// peak memory, and the last result.
fn fastest<T>(mut step: impl FnMut() -> T) -> (f64, Option<f64>, T) {
    let mut best = f64::INFINITY;
    let mut peak: Option<f64> = None;
    let mut run = || {
        reset_peak_memory();
        let start = Instant::now();
        let result = step();
        best = best.min(start.elapsed().as_secs_f64());
        peak = match (peak, peak_memory_mib()) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        result
    };
    let mut result = run();
    for _ in 1..ROUNDS {
        result = run();
    }
    (best, peak, result)
}

fn floor_against_pipeline(gva: &[LoadedSource], ecbplus: &[LoadedSource]) {
    if gva.is_empty() {
        return;
    }
    let (floor_seconds, floor_peak, words) = fastest(|| floor(3, true));
    let articles = mixed(gva, ecbplus).len();
    println!(
        "\nMixed corpus: {articles} articles (GVA, two perturbed copies, ECB+), {words} words; fastest of {ROUNDS} runs each"
    );
    println!("| run | seconds | articles per second | peak memory |");
    println!("|---|---:|---:|---:|");
    println!(
        "| read+tokenise floor | {floor_seconds:.2} | {:.0} | {} |",
        articles as f64 / floor_seconds,
        mib(floor_peak)
    );
    // The pipeline's own tokenising: read, then the text stage (Markdown,
    // normalisation, sentences) and the aligner's word features of every
    // segment, which every article must go through whatever else runs.
    let (text_seconds, text_peak, segments) =
        fastest(|| text_floor(mixed(&self::gva(), &self::ecbplus())));
    println!(
        "| read + text stage + word features | {text_seconds:.2} | {:.0} | {} |",
        articles as f64 / text_seconds,
        mib(text_peak)
    );
    std::hint::black_box(segments);
    let (seconds, peak, (claims, candidates)) =
        fastest(|| pipeline(mixed(&self::gva(), &self::ecbplus())));
    println!(
        "| full pipeline (read, analyse, report) | {seconds:.2} | {:.0} | {} |",
        articles as f64 / seconds,
        mib(peak)
    );
    println!(
        "full pipeline / read+tokenise floor: {:.1}x; / read + text stage + word features: {:.1}x; {claims} claims, {candidates} candidate pairs",
        seconds / floor_seconds.max(1e-9),
        seconds / text_seconds.max(1e-9)
    );
    let corpus = mixed(gva, ecbplus);
    growth("Mixed corpus", &corpus, &[1000, 2500, 5000, usize::MAX]);
}

/// The same ratio on GVA alone: few sentences repeat there (7 % of claims
/// against 61 % in the mixed corpus), so work done once per distinct text
/// saves little.
fn gva_floor_against_pipeline() {
    let (floor_seconds, _, words) = fastest(|| floor(1, false));
    std::hint::black_box(words);
    let (seconds, peak, articles) = fastest(|| {
        let corpus = self::gva();
        let articles = corpus.len();
        std::hint::black_box(pipeline(corpus));
        articles
    });
    println!(
        "\nGVA alone ({articles} articles), fastest of {ROUNDS}: read+tokenise floor {floor_seconds:.2} s, full pipeline {seconds:.2} s ({}): {:.1}x",
        mib(peak),
        seconds / floor_seconds.max(1e-9)
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not run this harness's loops.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let gva = gva();
    let ecbplus = ecbplus();
    floor_against_pipeline(&gva, &ecbplus);
    if !gva.is_empty() {
        gva_floor_against_pipeline();
    }
    growth("GVA", &gva, &[250, 500, 1000, 2000, usize::MAX]);
    growth("ECB+", &ecbplus, &[193, 386, 772]);
    oracle_recall("GVA", &gva, 250);
    oracle_recall("ECB+", &ecbplus, 772);
}
