//! `corroborate report`: load, analyse, compare with the last run, write.

use crate::cache::{self, EmbeddingCache};
use crate::commands::Outcome;
use crate::config::ReportConfig;
use crate::error::{Diagnostic, Result};
use crate::load;
use crate::pipeline::{AnalysisOptions, Matcher, build_report, load_and_analyse_cached};
use crate::plural::count;
use crate::progress::Progress;
use crate::report::{self, AnnotationReport};
use crate::write;

/// A warning for each annotation that did not find its quote intact, so the
/// editor hears about it on the terminal too, at the annotation's own line.
fn anchor_warnings(annotations: &[AnnotationReport]) -> Vec<Diagnostic> {
    annotations
        .iter()
        .filter(|a| !a.anchor.is_found())
        .map(|a| {
            Diagnostic::warning(
                &a.file,
                format!(
                    "annotation `{}` ({}) on {}: {}: {}",
                    a.id,
                    a.status.as_str(),
                    a.source,
                    a.anchor.as_str(),
                    a.reason
                ),
            )
            .at(a.file_line, None)
        })
        .collect()
}

pub(super) fn run(config: &ReportConfig, progress: &dyn Progress) -> Result<Outcome> {
    let out = write::resolve_output(&config.out)?;
    let cache = (!config.no_cache).then(|| EmbeddingCache::of_output(&out));
    let (analysis, mut diagnostics) = load_and_analyse_cached(
        &config.sources,
        &AnalysisOptions::of(config.matcher),
        cache.as_ref(),
        progress,
    )?;
    // About the cache, not the sources: said on stderr, never in the reports
    // (a warm run's reports are a clean run's).
    let cache_problems = cache
        .as_ref()
        .map(EmbeddingCache::take_problems)
        .unwrap_or_default();
    progress.start("anchoring annotations, building the report", 0);
    let (entries, problems) = load::load_annotations(&config.annotations);
    diagnostics.extend(problems);
    diagnostics.sort();
    let mut report = build_report(analysis, &entries, diagnostics);
    // One run at a time per output folder, from reading the last run's
    // report.json to the swap: a second run waits, then compares with what
    // the first wrote.
    let lock = super::lock_output(&config.out, &out, config.no_wait, progress)?;
    let cleaned = write::remove_interrupted_runs(&out)?;
    let mut notes = Vec::new();
    // What changed since the last run; a previous report that cannot be read
    // is said so in changes.md rather than leaving an old one standing.
    let mut changes_page = None;
    progress.start("comparing with the last run", 0);
    if let Some(previous) = load::previous_report(&config.out) {
        let changes = previous
            .map_err(|e| e.to_string())
            .and_then(|text| report::changes::changes(&text, &report));
        match changes {
            Ok(changes) => {
                changes_page = Some(report::markdown::render_changes(&report, &changes));
                report.changes = Some(changes);
            }
            Err(reason) => {
                let message = format!(
                    "the previous report.json cannot be read ({reason}), so what changed cannot be listed"
                );
                changes_page = Some(format!(
                    "# Changes since the last run\n\n{}.\n",
                    report::markdown::escape(&message)
                ));
                notes.push(Diagnostic::warning(
                    &config.out.join("report.json"),
                    message,
                ));
            }
        }
    }
    progress.start("rendering the reports", 0);
    let (json, pages) = rayon::join(
        || report::json::render(&report),
        || report::render_pages(&report),
    );
    let mut files = pages;
    files.extend(changes_page.map(|page| ("changes.md".to_owned(), page)));
    // Last: a new report.json means the whole run is on disk.
    files.push(("report.json".to_owned(), json?));
    progress.start("writing the reports", files.len() as u64);
    // Runs of earlier versions, killed before their renames, left temporary
    // files in the folder; they must not be carried into this run's.
    for folder in [out.clone(), out.join("sources")] {
        write::remove_leftovers(&folder)?;
    }
    cache::remove_leftovers(&out);
    let written = write_run(config, &out, &files, &mut notes)?;
    // A lexical run uses no embeddings, so it is not counted among the runs
    // whose entries are kept.
    let cache = cache.filter(|_| config.matcher == Matcher::Embeddings);
    let upkeep = cache
        .as_ref()
        .map(|cache| cache::record_run_and_prune(&out, cache.started()));
    drop(lock);
    let mut summary = summary(&report, &cleaned);
    if let (Some(cache), Some(upkeep)) = (cache, upkeep) {
        summary.push_str("; ");
        summary.push_str(&cache.summary());
        summary.push_str("; ");
        summary.push_str(&upkeep.summary());
    }
    let summary = Some(summary);
    let mut diagnostics = report.diagnostics;
    diagnostics.extend(notes);
    diagnostics.extend(cache_problems);
    diagnostics.extend(anchor_warnings(&report.annotations));
    diagnostics.sort();
    Ok(Outcome {
        written,
        diagnostics,
        stdout: String::new(),
        check_failed: None,
        summary,
    })
}

/// The pages of sources that are gone, and a changes page the run did not
/// write (there was no last run to compare with), are the tool's own to drop.
fn is_stale(name: &str) -> bool {
    let page = name.ends_with(".md") || name.ends_with(".html");
    name == "changes.md"
        || (page
            && name
                .strip_prefix("sources/")
                .is_some_and(|n| !n.contains('/')))
}

/// Swap the run into `out` whole; or, where the output folder holds the
/// editor's own sources or annotations or the folder the tool runs in
/// (`--out .`), write its files in place, said with a warning, rather than
/// build a copy of the editor's folder or pull the folder from under them.
fn write_run(
    config: &ReportConfig,
    out: &std::path::Path,
    files: &[(String, String)],
    notes: &mut Vec<Diagnostic>,
) -> Result<Vec<std::path::PathBuf>> {
    let here = std::path::PathBuf::from(".");
    let inputs = [&config.sources, &config.annotations, &here];
    let holds_inputs = std::fs::canonicalize(out).is_ok_and(|out| {
        inputs
            .iter()
            .any(|input| std::fs::canonicalize(input).is_ok_and(|input| input.starts_with(&out)))
    });
    if holds_inputs {
        notes.push(Diagnostic::warning(
            &config.out,
            "the output folder holds the sources, the annotations or the current folder, so the reports are written \
             into it file by file: a run stopped midway may leave pages of two runs (name another \
             folder with --out)",
        ));
        let written = write::write_all(&config.out, files)?;
        write::remove_stale_pages(&config.out, files, &is_stale)?;
        return Ok(written);
    }
    let replaced = write::replace_folder(out, files, &is_stale)?;
    Ok(replaced
        .written
        .iter()
        .map(|name| config.out.join(name))
        .collect())
}

/// "5 sources, 157 claims: 12 corroborated, …; since the last run: …": what
/// an editor wants to know before opening the reports.
fn summary(report: &report::Report, cleaned: &[String]) -> String {
    let mut line = report.totals().verdict_sentence();
    if !cleaned.is_empty() {
        line.push_str("; an interrupted run had been left beside the reports: ");
        line.push_str(&cleaned.join(", "));
    }
    match &report.changes {
        None => line.push_str("; first run"),
        Some(changes) => {
            let parts = [
                (changes.sources_added.len(), "source added", "sources added"),
                (
                    changes.sources_removed.len(),
                    "source removed",
                    "sources removed",
                ),
                (
                    changes.sources_edited.len(),
                    "source edited",
                    "sources edited",
                ),
                (
                    changes.verdicts.len(),
                    "verdict changed",
                    "verdicts changed",
                ),
                (changes.conflicts_new.len(), "new conflict", "new conflicts"),
                (
                    changes.conflicts_resolved.len(),
                    "conflict resolved",
                    "conflicts resolved",
                ),
            ];
            let said: Vec<String> = parts
                .iter()
                .filter(|(n, _, _)| *n > 0)
                .map(|&(n, one, many)| count(n, one, many))
                .collect();
            if said.is_empty() {
                line.push_str("; nothing changed since the last run");
            } else {
                line.push_str("; since the last run: ");
                line.push_str(&said.join(", "));
                line.push_str(" (changes.md)");
            }
        }
    }
    line
}
