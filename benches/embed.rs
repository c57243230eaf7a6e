//! Sentence-embedding benchmark (`cargo bench --bench embed`): how long
//! [`Embedder::shipped`] takes (checksums, dequantisation, building the model)
//! and how many sentences per second [`Embedder::embed`] manages on the
//! segments of the five seed articles in `sources/`, the way the pipeline
//! would call it (all segments in one call).
//!
//! `EMBED_ROUNDS` (default 3) sets how many times the corpus is embedded; the
//! best round is reported with the mean. Threads: candle's matrix products use
//! `RAYON_NUM_THREADS`, its element-wise operations `CANDLE_NUM_THREADS` (both
//! default to the cores); with `CANDLE_NUM_THREADS=1` the embedder runs
//! batches side by side instead, which is faster on 2 cores.

// A benchmark reports by printing.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::Instant;

use corroborate::embed::{BATCH_SIZE, Embedder};

/// The allocator the binary uses, so that the model is timed as the command would run it.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn env_or_unset(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| "unset".to_owned())
}

fn main() {
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
    let (loaded, _) = corroborate::load::load_sources(&sources).expect("the seed sources load");
    let segments: Vec<String> = loaded
        .iter()
        .flat_map(|source| corroborate::text::process(source).segments)
        .map(|segment| segment.text)
        .collect();
    let texts: Vec<&str> = segments.iter().map(String::as_str).collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    println!(
        "{} segments from {} seed articles, {words} words; batch size {BATCH_SIZE}; \
         RAYON_NUM_THREADS={}, CANDLE_NUM_THREADS={}",
        texts.len(),
        loaded.len(),
        env_or_unset("RAYON_NUM_THREADS"),
        env_or_unset("CANDLE_NUM_THREADS"),
    );

    let start = Instant::now();
    let embedder = Embedder::shipped().expect("the shipped model loads");
    println!("load: {:.0} ms", start.elapsed().as_secs_f64() * 1e3);

    let rounds: usize = std::env::var("EMBED_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let mut seconds = Vec::with_capacity(rounds);
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        let embeddings = embedder.embed(&texts).expect("embed");
        seconds.push(start.elapsed().as_secs_f64());
        assert_eq!(embeddings.len(), texts.len());
    }
    let best = seconds.iter().copied().fold(f64::INFINITY, f64::min);
    let mean = seconds.iter().sum::<f64>() / seconds.len() as f64;
    let n = texts.len() as f64;
    println!(
        "embed: {:.0} sentences/s best, {:.0} mean over {} rounds ({:.0} ms best)",
        n / best,
        n / mean,
        seconds.len(),
        best * 1e3
    );
}
