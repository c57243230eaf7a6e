//! Report stage (pure): everything the pipeline found → a [`Report`] model,
//! rendered to JSON ([`json`]), Markdown ([`markdown`]) and HTML ([`html`])
//! from one model through one set of lookups (`lookup`); only [`write`]
//! touches the disk.
//!
//! The model is the contract with users: `report.json` field names are stable.

pub(crate) mod build;
pub mod changes;
pub mod html;
pub mod json;
mod lookup;
pub mod markdown;
mod runs;
mod signals;

use serde::Serialize;

use crate::annotate::{Anchor, AnchorState, Entry, Status};
use crate::classify::Finding;
use crate::error::Diagnostic;
use crate::facts::{Facts, Variant};
pub(crate) use crate::model::by_source;
use crate::model::{Removed, Segment, SegmentId, Signal, SourceId, SourceInfo};

/// Every page of a report, Markdown then HTML (name relative to the
/// reports folder, text), rendered from one set of lookups.
pub fn render_pages(report: &Report) -> Vec<(String, String)> {
    let lookup = lookup::Lookup::new(report);
    let (mut pages, html) = rayon::join(|| markdown::pages(&lookup), || html::pages(&lookup));
    pages.extend(html);
    pages
}

/// The report's counts summed over its sources: what the summaries say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Totals {
    pub(crate) sources: usize,
    pub(crate) claims: usize,
    pub(crate) corroborated: usize,
    pub(crate) partly_corroborated: usize,
    pub(crate) single_source: usize,
    pub(crate) conflicts: usize,
}

impl Totals {
    /// "5 sources, 157 claims: 12 corroborated, 13 partly corroborated, 126
    /// single-source, 6 in conflict": the one sentence the index pages and
    /// the `report` command's summary open with.
    pub(crate) fn verdict_sentence(&self) -> String {
        format!(
            "{}, {}: {} corroborated, {} partly corroborated, {} single-source, {} in conflict",
            crate::plural::count(self.sources, "source", "sources"),
            crate::plural::count(self.claims, "claim", "claims"),
            self.corroborated,
            self.partly_corroborated,
            self.single_source,
            self.conflicts,
        )
    }
}

impl Report {
    /// "9 runs of single-source claims, 3 conflicts": what the index pages
    /// add to the verdict sentence, given the conflicts they list.
    pub(crate) fn runs_and_conflicts(&self, conflict_count: usize) -> String {
        format!(
            "{}, {}",
            crate::plural::count(
                self.single_source_runs.len(),
                "run of single-source claims",
                "runs of single-source claims"
            ),
            crate::plural::count(conflict_count, "conflict", "conflicts")
        )
    }

    /// Its counts summed over its sources.
    pub(crate) fn totals(&self) -> Totals {
        let count = |f: fn(&SourceReport) -> usize| self.sources.iter().map(f).sum::<usize>();
        Totals {
            sources: self.sources.len(),
            claims: count(|s| s.claims),
            corroborated: count(|s| s.corroborated),
            partly_corroborated: count(|s| s.partly_corroborated),
            single_source: count(|s| s.single_source),
            conflicts: count(|s| s.conflicts),
        }
    }
}

/// Everything a report says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The sources, in id order.
    pub sources: Vec<SourceReport>,
    /// Every segment of every source, in source then reading order, with its finding.
    pub segments: Vec<SegmentReport>,
    /// Runs of consecutive claims of one source that no other source backs:
    /// where a source goes its own way (a spliced section).
    pub single_source_runs: Vec<SingleSourceRun>,
    /// Names spelled more than one way, merged, each with its rule.
    pub variants: Vec<Variant>,
    /// Lines removed as boilerplate.
    pub removed: Vec<Removed>,
    /// Editor annotations, each with where its quote was found this run.
    pub annotations: Vec<AnnotationReport>,
    /// What changed since the previous run (none on the first run).
    pub changes: Option<changes::Changes>,
    /// Problems with input files (the run went on without them).
    pub diagnostics: Vec<Diagnostic>,
}

/// One source with its counts and signals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceReport {
    /// Metadata from the front matter.
    #[serde(flatten)]
    pub info: SourceInfo,
    /// A hash of its words and metadata (spacing and punctuation left out):
    /// how the next run tells an edited source from an unchanged one.
    pub content_hash: String,
    /// How many segments it has.
    pub segment_count: usize,
    /// How many lines were removed as boilerplate.
    pub removed_count: usize,
    /// How many segments are claims (not headings, questions, fragments).
    pub claims: usize,
    /// Claims another source states in full, independently.
    pub corroborated: usize,
    /// Claims whose core another source states; some details only this one gives.
    pub partly_corroborated: usize,
    /// Claims no other source states.
    pub single_source: usize,
    /// Claims another segment contradicts.
    pub conflicts: usize,
    /// Credibility signals with line evidence.
    pub signals: Vec<Signal>,
}

/// Consecutive claims of one source, none backed by another source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SingleSourceRun {
    /// The source.
    pub source: SourceId,
    /// The section headings the run's claims sit under, in order.
    pub sections: Vec<String>,
    /// First line of the run.
    pub first_line: u32,
    /// Last line of the run.
    pub last_line: u32,
    /// How many claims it holds.
    pub claims: usize,
    /// How many of them another segment contradicts.
    pub conflicts: usize,
    /// People named in the run whose surname no other source mentions, in
    /// order of appearance.
    pub people_found_nowhere_else: Vec<String>,
}

/// One segment with what the tool found about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentReport {
    /// The segment.
    #[serde(flatten)]
    pub segment: Segment,
    /// Verdict and evidence.
    #[serde(flatten)]
    pub finding: Finding,
    /// Numbers and groups of people it states.
    pub facts: std::sync::Arc<Facts>,
}

/// An editor's annotation and where its quote is now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnotationReport {
    /// The annotation's id.
    pub id: String,
    /// The editor's judgement.
    pub status: Status,
    /// How its quote was found this run.
    pub anchor: AnchorState,
    /// The segment it is attached to (anchored, moved, text_changed).
    pub segment: Option<SegmentId>,
    /// The source it targets.
    pub source: String,
    /// The source file line it is attached to.
    pub line: Option<u32>,
    /// The quoted words.
    pub quote: String,
    /// The editor's note.
    pub note: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// The annotation file.
    pub file: std::path::PathBuf,
    /// The entry's line in that file.
    pub file_line: u64,
    /// How the quote was found, or why not.
    pub reason: String,
    /// The text now in its place (text_changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// Quote against what is there now (text_changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<crate::text::word_diff::WordDiff>,
    /// Lines of each place it was found (ambiguous).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<u32>,
}

impl AnnotationReport {
    /// Join an entry with its anchor.
    pub(crate) fn new(entry: &Entry, anchor: Anchor) -> Self {
        let annotation = &entry.annotation;
        AnnotationReport {
            id: annotation.id.clone(),
            status: annotation.status,
            anchor: anchor.state,
            segment: anchor.segment,
            source: annotation.target.source.clone(),
            line: anchor.line,
            quote: annotation.target.quote.exact.clone(),
            note: annotation.note.clone(),
            author: annotation.author.clone(),
            file: entry.origin.file.clone(),
            file_line: entry.origin.line,
            reason: anchor.reason,
            found: anchor.found,
            diff: anchor.diff,
            candidates: anchor.candidates,
        }
    }
}
