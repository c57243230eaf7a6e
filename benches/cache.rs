//! Cache benchmark (`cargo bench --bench cache`): how long `corroborate
//! report` takes, with the model on, cold (no cache) against warm (the cache
//! of the run before), all in one run so that the ratios compare like with
//! like.
//!
//! Two corpora, each in a fresh temporary folder and reported by the built
//! binary exactly as an editor runs it:
//! - the bundled story (`sources/`, `annotations/`): cold, warm with nothing
//!   changed, and warm with a sixth source added;
//! - the Gun Violence Archive articles (`../shared/eval/gva`, imported as
//!   files with `corroborate import jsonl`; never copied into the project),
//!   one article held back: cold, warm with nothing changed, and warm with
//!   the held-back article added.
//!
//! `CACHE_BENCH_VERIFY=1` adds a run with `--no-cache` on the last inputs of
//! each corpus and checks its report files are byte for byte the warm
//! run's (on GVA that is another cold run, about 7 minutes on 2 cores).
//! `CACHE_BENCH_SKIP_GVA=1` runs the bundled story alone.

// A benchmark reports by printing.
#![allow(clippy::print_stdout)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_corroborate");

/// A sixth outlet's article on the bundled story, new sentences throughout.
const SIXTH_SOURCE: &str = "---\ntitle: Envoys leave Miami with a draft and no date\noutlet: Bench Wire\n---\n\n\
Ukrainian and American negotiators ended two days of talks in Miami on Sunday without setting a date for the next round.\n\n\
Rustem Umerov, who led the Ukrainian side, said the sides had narrowed their differences on security guarantees.\n\n\
Steve Witkoff described the meeting as constructive and said a revised draft would be shared with European partners.\n\n\
The talks did not resolve the question of territory in the east, two officials familiar with the discussions said.\n\n\
Russia's foreign ministry said it had not been briefed on the outcome and would wait for a formal proposal.\n\n\
European diplomats in Brussels said they expected to see the text before the end of the week.\n";

fn eval_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval")
}

/// Run the binary in `folder`; its wall time. Panics (the benchmark fails)
/// if the command does.
fn run(folder: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let output = Command::new(BINARY)
        .args(args)
        .current_dir(folder)
        .env("CORROBORATE_MATCHER", "model")
        .output()
        .expect("the binary runs");
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?} failed: {stderr}");
    if let Some(summary) = stderr.lines().last() {
        println!("    {summary}");
    }
    took
}

fn report(folder: &Path) -> Duration {
    run(folder, &["report"])
}

/// Every report file (the cache left out) → its bytes' hash.
fn report_files(reports: &Path) -> BTreeMap<PathBuf, blake3::Hash> {
    walkdir::WalkDir::new(reports)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.file_name() != ".cache")
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let bytes = std::fs::read(e.path()).ok()?;
            let name = e.path().strip_prefix(reports).ok()?.to_path_buf();
            Some((name, blake3::hash(&bytes)))
        })
        .collect()
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

fn line(name: &str, took: Duration, cold: Duration) {
    println!(
        "  {name:<34} {:>8.2} s   {:>7.4} of cold   (1/{:.0})",
        took.as_secs_f64(),
        took.as_secs_f64() / cold.as_secs_f64(),
        cold.as_secs_f64() / took.as_secs_f64()
    );
}

fn verifying() -> bool {
    std::env::var_os("CACHE_BENCH_VERIFY").is_some()
}

/// With `CACHE_BENCH_VERIFY=1`, before the last warm run: a copy of the
/// reports without the cache, for a `--no-cache` run that compares with the
/// same last run (so changes.md and report.json's changes agree too).
fn keep_last_run_for_verify(folder: &Path) {
    if !verifying() {
        return;
    }
    let clean = folder.join("clean-reports");
    for (name, _) in report_files(&folder.join("reports")) {
        let to = clean.join(&name);
        std::fs::create_dir_all(to.parent().expect("inside")).expect("create folder");
        std::fs::copy(folder.join("reports").join(&name), to).expect("copy");
    }
}

/// With `CACHE_BENCH_VERIFY=1`, after the last warm run: a `--no-cache` run
/// into the copy, compared file by file with the warm run's reports.
fn verify(folder: &Path) {
    if !verifying() {
        return;
    }
    let took = run(folder, &["report", "--no-cache", "--out", "clean-reports"]);
    let warm = report_files(&folder.join("reports"));
    let clean = report_files(&folder.join("clean-reports"));
    assert_eq!(
        warm, clean,
        "a warm run's reports differ from a clean run's"
    );
    println!(
        "  --no-cache on the same inputs      {:>8.2} s   {} report files, byte for byte the warm run's",
        took.as_secs_f64(),
        warm.len()
    );
}

fn bundled_story() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temporary folder");
    let folder = dir.path();
    copy_folder(&root.join("sources"), &folder.join("sources"));
    copy_folder(&root.join("annotations"), &folder.join("annotations"));
    println!("bundled story (5 sources), model on:");
    let cold = report(folder);
    line("cold (no cache)", cold, cold);
    let warm = report(folder);
    line("warm, nothing changed", warm, cold);
    std::fs::write(folder.join("sources/sixth.md"), SIXTH_SOURCE).expect("write");
    keep_last_run_for_verify(folder);
    let sixth = report(folder);
    line("warm, a sixth source added", sixth, cold);
    println!(
        "  a sixth source added: {:.2} s (goal: at most 1 s)",
        sixth.as_secs_f64()
    );
    verify(folder);
}

fn gva() {
    let documents = eval_dir().join("gva/documents.jsonl");
    if !documents.is_file() {
        println!("skipping GVA: {} not found", documents.display());
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let folder = dir.path();
    let documents = documents.to_string_lossy().into_owned();
    // The dump has empty and repeated records, which import names and
    // skips (exiting 1); the rest are the corpus.
    Command::new(BINARY)
        .current_dir(folder)
        .args([
            "import",
            "jsonl",
            "-q",
            "--id-field",
            "doc_id",
            "--text-field",
            "content",
            "--title-field",
            "title",
            "--published-field",
            "dct",
            "--url-field",
            "uri",
            "--group-field",
            "incident_id",
            &documents,
        ])
        .output()
        .expect("the binary runs");
    let mut names: Vec<PathBuf> = std::fs::read_dir(folder.join("sources"))
        .expect("imported sources")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    // The article held back: the middle one by name, not a chosen one.
    let held = names[names.len() / 2].clone();
    let held_text = std::fs::read(&held).expect("read held article");
    std::fs::remove_file(&held).expect("hold one back");
    println!("GVA ({} articles, one held back), model on:", names.len());
    let cold = report(folder);
    line("cold (no cache)", cold, cold);
    let warm = report(folder);
    line("warm, nothing changed", warm, cold);
    std::fs::write(&held, held_text).expect("put the article back");
    keep_last_run_for_verify(folder);
    let added = report(folder);
    line("warm, one article added", added, cold);
    let goal = |took: Duration| {
        if took.as_secs_f64() * 20.0 <= cold.as_secs_f64() {
            "met"
        } else {
            "NOT met"
        }
    };
    println!(
        "  goal, each warm run at most 1/20 of cold: nothing changed {}, one added {}",
        goal(warm),
        goal(added)
    );
    verify(folder);
}

fn main() {
    // `cargo bench` passes `--bench`; nothing here takes arguments.
    bundled_story();
    if std::env::var_os("CACHE_BENCH_SKIP_GVA").is_none() {
        gva();
    }
}
