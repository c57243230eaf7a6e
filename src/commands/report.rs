//! `corroborate report`: load, analyse, compare with the last run, write.

use crate::commands::Outcome;
use crate::config::ReportConfig;
use crate::error::{Diagnostic, Result};
use crate::load;
use crate::pipeline::{AnalysisOptions, build_report, load_and_analyse_with_progress};
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
    let (analysis, mut diagnostics) = load_and_analyse_with_progress(
        &config.sources,
        &AnalysisOptions::of(config.matcher),
        progress,
    )?;
    progress.start("anchoring annotations, building the report", 0);
    let (entries, problems) = load::load_annotations(&config.annotations);
    diagnostics.extend(problems);
    diagnostics.sort();
    let mut report = build_report(analysis, &entries, diagnostics);
    // One run at a time per output folder, from reading the last run's
    // report.json to the last file written: a second run waits, then
    // compares with what the first wrote, and every file left is one run's.
    let lock = write::lock_folder_waiting(&config.out, || {
        if config.no_wait {
            return Err(crate::error::Error::Busy {
                path: config.out.clone(),
            });
        }
        progress.start("waiting for the other run writing this reports folder", 0);
        Ok(())
    })?;
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
    // A run killed before its renames left temporary files that no one
    // else is writing now (this run holds the lock).
    for folder in [config.out.clone(), config.out.join("sources")] {
        write::remove_leftovers(&folder)?;
    }
    let written = write::write_all(&config.out, &files)?;
    write::remove_stale_pages(&config.out, &files)?;
    drop(lock);
    let summary = Some(summary(&report));
    let mut diagnostics = report.diagnostics;
    diagnostics.extend(notes);
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

/// "5 sources, 157 claims: 12 corroborated, …; since the last run: …": what
/// an editor wants to know before opening the reports.
fn summary(report: &report::Report) -> String {
    let mut line = report.totals().verdict_sentence();
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
