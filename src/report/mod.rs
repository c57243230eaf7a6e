//! Report stage (pure): everything the pipeline found → a [`Report`] model,
//! rendered to JSON ([`json`]) and Markdown ([`markdown`]); only [`write`]
//! touches the disk.
//!
//! The model is the contract with users: `report.json` field names are stable.

pub mod build;
pub mod json;
pub mod markdown;
pub mod write;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::classify::Finding;
use crate::error::Diagnostic;
use crate::facts::{Facts, Variant};
use crate::model::{Removed, Segment, Signal, SourceId, SourceInfo};

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
    /// Problems with input files (the run went on without them).
    pub diagnostics: Vec<Diagnostic>,
}

/// One source with its counts and signals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceReport {
    /// Metadata from the front matter.
    #[serde(flatten)]
    pub info: SourceInfo,
    /// How many segments it has.
    pub segment_count: usize,
    /// How many lines were removed as boilerplate.
    pub removed_count: usize,
    /// How many segments are claims (not headings, questions, fragments).
    pub claims: usize,
    /// Claims another source states independently.
    pub corroborated: usize,
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
    pub facts: Facts,
}

/// Items kept in source order, one slice per source: built once, so that
/// per-source work stays linear in the corpus rather than sources × items.
pub(crate) fn by_source<T>(
    items: &[T],
    source: impl Fn(&T) -> &SourceId,
) -> BTreeMap<&SourceId, &[T]> {
    let mut out = BTreeMap::new();
    for chunk in items.chunk_by(|a, b| source(a) == source(b)) {
        let previous = out.insert(source(&chunk[0]), chunk);
        debug_assert!(previous.is_none(), "items not in source order");
    }
    out
}
