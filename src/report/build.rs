//! Report model builder (pure): [`Analysis`] + anchored annotations +
//! diagnostics → [`Report`]: each segment joined with its finding and facts,
//! per-source counts, credibility signals (`signals`) and runs of
//! single-source claims (`runs`).
//!
//! Sources keep the analysis's (id) order; each source's runs and signals
//! are worked out independently of the others, in parallel, in order.

use rayon::prelude::*;

use super::runs::{name_mentions, names_of_segments, single_source_runs};
use super::signals::source_signals;
use crate::Analysis;
use crate::classify::Verdict;
use crate::error::Diagnostic;
use crate::model::{Removed, Signal, SourceId, SourceInfo};
use crate::report::{
    AnnotationReport, Report, SegmentReport, SingleSourceRun, SourceReport, by_source,
};

/// Build the report model. Takes the analysis by value: its segments,
/// findings and facts move into the report (on 10,000 articles, copying them
/// took longer than everything else this stage does).
pub(crate) fn build(
    analysis: Analysis,
    annotations: Vec<AnnotationReport>,
    diagnostics: Vec<Diagnostic>,
) -> Report {
    let Analysis {
        sources: infos,
        segments,
        findings,
        facts,
        removed,
        signals,
        variants,
        names,
        ..
    } = analysis;
    let segments: Vec<SegmentReport> = segments
        .into_iter()
        .zip(findings)
        .zip(facts)
        .map(|((segment, finding), facts)| SegmentReport {
            segment,
            finding,
            facts,
        })
        .collect();
    let segments_of = by_source(&segments, |s| &s.segment.source);
    let removed_of = by_source(&removed, |r| &r.source);
    let names = names_of_segments(&segments, names);
    let mentions = name_mentions(&segments, &names);
    let own = |id: &SourceId| segments_of.get(id).copied().unwrap_or_default();
    // Sources are independent of each other: in parallel, in order.
    let single_source_runs: Vec<SingleSourceRun> = infos
        .par_iter()
        .flat_map_iter(|info| single_source_runs(&info.id, own(&info.id), &mentions))
        .collect();
    let runs_of = by_source(&single_source_runs, |r| &r.source);
    let sources = infos
        .into_par_iter()
        .zip(&signals)
        .map(|(info, text_signals)| {
            let removed = removed_of.get(&info.id).copied().unwrap_or_default();
            let runs = runs_of.get(&info.id).copied().unwrap_or_default();
            let own = own(&info.id);
            source_report(info, text_signals, own, removed, runs)
        })
        .collect();
    Report {
        sources,
        segments,
        single_source_runs,
        variants,
        removed,
        annotations,
        changes: None,
        diagnostics,
    }
}

/// `own`, `removed` and `runs` are this source's.
fn source_report(
    info: SourceInfo,
    text_signals: &[Signal],
    own: &[SegmentReport],
    removed: &[Removed],
    runs: &[SingleSourceRun],
) -> SourceReport {
    let count = |verdict: Verdict| own.iter().filter(|s| s.finding.verdict == verdict).count();
    let claims = own.len() - count(Verdict::NotAClaim);
    let mut report = SourceReport {
        info,
        content_hash: String::new(),
        segment_count: own.len(),
        removed_count: removed.len(),
        claims,
        corroborated: count(Verdict::Corroborated),
        partly_corroborated: count(Verdict::PartlyCorroborated),
        single_source: count(Verdict::SingleSource),
        conflicts: count(Verdict::Conflict),
        signals: Vec::new(),
    };
    report.signals = source_signals(&report, text_signals, own, runs);
    report.content_hash = crate::report::changes::content_hash(&report, own);
    report
}
