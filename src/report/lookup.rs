//! Lookups over one report (pure): a [`Report`] → a [`Lookup`] built once
//! and shared by all of its pages, Markdown and HTML, so that rendering
//! stays linear in the corpus: segments by id, each source's segments, runs
//! and label, editor annotations by segment, each conflicting pair once, and
//! every segment's text escaped once for Markdown.
//!
//! A lookup by segment id gives the same answer whether or not the id shares
//! its memory with the segment's own (see `positions_by_address`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::classify::ConflictReport;
use crate::distinct::Distinct;
use crate::model::{Removed, SegmentId, SourceId};
use crate::report::markdown::escape;
use crate::report::{
    AnnotationReport, Report, SegmentReport, SingleSourceRun, SourceReport, by_source,
};
use crate::text::word_diff::{WordDiff, word_diff};

/// Lookups over one report, built once for all of its pages, so that
/// rendering stays linear in the corpus.
pub(crate) struct Lookup<'r> {
    pub(crate) report: &'r Report,
    // Hash maps: only looked up (never walked), once per footnote.
    sources: FxHashMap<&'r SourceId, &'r SourceReport>,
    /// Position of each segment in `report.segments`.
    positions: FxHashMap<&'r SegmentId, usize>,
    /// The same, keyed by where the id's text is in memory: a reference to a
    /// segment shares its id (an `Arc`), and millions of footnote lookups
    /// then hash an address instead of an id. Built from `positions`, so a
    /// lookup gives what `positions` gives.
    positions_by_address: FxHashMap<usize, usize>,
    segments_of: BTreeMap<&'r SourceId, &'r [SegmentReport]>,
    pub(crate) runs_of: BTreeMap<&'r SourceId, &'r [SingleSourceRun]>,
    /// Each source's lines removed as boilerplate, in line order.
    removed_of: BTreeMap<&'r SourceId, &'r [Removed]>,
    /// Editor annotations attached to each segment, in file order.
    pub(crate) notes_of: BTreeMap<&'r SegmentId, Vec<&'r AnnotationReport>>,
    /// Each segment's text escaped, by position: a segment is quoted in the
    /// footnote of every segment it backs, escaping it once is enough.
    escaped_texts: Vec<String>,
    /// Each conflicting pair once (see [`Lookup::conflict_pairs`]).
    conflicts: Vec<(usize, usize, &'r ConflictReport)>,
    /// The word diffs of the conflicts' distinct pairs of texts, and which
    /// one each conflict has: both renderers show them.
    conflict_diffs: Vec<WordDiff>,
    conflict_diff_of: Vec<u32>,
    /// How footnotes name each source: id, outlet and date, escaped.
    source_labels: FxHashMap<&'r SourceId, String>,
}

impl<'r> Lookup<'r> {
    pub(crate) fn new(report: &'r Report) -> Self {
        let positions: FxHashMap<&SegmentId, usize> = report
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.segment.id, i))
            .collect();
        let positions_by_address: FxHashMap<usize, usize> = report
            .segments
            .iter()
            .filter_map(|s| Some((address(&s.segment.id), *positions.get(&s.segment.id)?)))
            .collect();
        let mut lookup = Lookup {
            report,
            conflicts: Vec::new(),
            conflict_diffs: Vec::new(),
            conflict_diff_of: Vec::new(),
            sources: report.sources.iter().map(|s| (&s.info.id, s)).collect(),
            positions,
            positions_by_address,
            segments_of: by_source(&report.segments, |s| &s.segment.source),
            runs_of: by_source(&report.single_source_runs, |r| &r.source),
            removed_of: by_source(&report.removed, |r| &r.source),
            notes_of: report
                .annotations
                .iter()
                .fold(BTreeMap::new(), |mut map, a| {
                    if let Some(segment) = &a.segment {
                        map.entry(segment).or_insert_with(Vec::new).push(a);
                    }
                    map
                }),
            escaped_texts: report
                .segments
                .par_iter()
                .map(|s| escape(&s.segment.text))
                .collect(),
            source_labels: report
                .sources
                .iter()
                .map(|s| (&s.info.id, source_label(&s.info)))
                .collect(),
        };
        lookup.conflicts = conflict_pairs(report, |id| lookup.position(id));
        (lookup.conflict_diffs, lookup.conflict_diff_of) =
            conflict_diffs(report, &lookup.conflicts);
        lookup
    }

    /// Another segment as a footnote cites it: its source (id, outlet,
    /// date), line and text.
    pub(crate) fn describe(&self, source: &SourceId, id: &SegmentId, out: &mut String) {
        let Some(position) = self.position(id) else {
            out.push_str(&escape(source.as_str()));
            return;
        };
        match self.source_labels.get(source) {
            Some(label) => out.push_str(label),
            None => out.push_str(&escape(source.as_str())),
        }
        let _ = write!(
            out,
            ", line {}: “{}”",
            self.report.segments[position].segment.line, self.escaped_texts[position]
        );
    }

    /// Where the segment `id` is in `report.segments`.
    pub(crate) fn position(&self, id: &SegmentId) -> Option<usize> {
        self.positions_by_address
            .get(&address(id))
            .or_else(|| self.positions.get(id))
            .copied()
    }

    pub(crate) fn segment(&self, id: &SegmentId) -> Option<&'r SegmentReport> {
        self.position(id).map(|i| &self.report.segments[i])
    }

    /// A segment's text, escaped for Markdown.
    pub(crate) fn escaped_text(&self, id: &SegmentId) -> &str {
        self.position(id)
            .and_then(|i| self.escaped_texts.get(i))
            .map_or("", String::as_str)
    }

    pub(crate) fn segments_of(&self, id: &SourceId) -> &'r [SegmentReport] {
        self.segments_of.get(id).copied().unwrap_or_default()
    }

    /// " (editor: disputed)" for a segment editors annotated, else nothing.
    pub(crate) fn editor_marks(&self, id: &SegmentId) -> String {
        let Some(notes) = self.notes_of.get(id) else {
            return String::new();
        };
        let statuses: Vec<&str> = notes.iter().map(|a| a.status.as_str()).collect();
        format!(" (editor: {})", statuses.join(", "))
    }

    pub(crate) fn removed_of(&self, id: &SourceId) -> &'r [Removed] {
        self.removed_of.get(id).copied().unwrap_or_default()
    }

    pub(crate) fn source(&self, id: &SourceId) -> Option<&'r SourceReport> {
        self.sources.get(id).copied()
    }

    pub(crate) fn outlet_of(&self, id: &SourceId) -> Option<&'r str> {
        self.sources.get(id).and_then(|s| s.info.outlet.as_deref())
    }

    /// Each conflicting pair of segments once, in reading order of the
    /// first: (segment position, other position, conflict).
    pub(crate) fn conflict_pairs(&self) -> &[(usize, usize, &'r ConflictReport)] {
        &self.conflicts
    }

    /// The word diff of conflict pair `n`'s two (normalised) texts.
    pub(crate) fn conflict_diff(&self, n: usize) -> &WordDiff {
        &self.conflict_diffs[self.conflict_diff_of[n] as usize]
    }
}

/// Each conflicting pair of segments once, in reading order of the first;
/// `position` finds a segment by id.
fn conflict_pairs(
    report: &Report,
    position: impl Fn(&SegmentId) -> Option<usize>,
) -> Vec<(usize, usize, &ConflictReport)> {
    let mut out = Vec::new();
    for (i, segment) in report.segments.iter().enumerate() {
        for conflict in &segment.finding.conflicts {
            if let Some(j) = position(&conflict.segment)
                && i < j
            {
                out.push((i, j, conflict));
            }
        }
    }
    out
}

/// The word diff of each conflict's two texts. A story run word for word by
/// several outlets gives the same two sentences in many conflicts: each
/// pair of texts is diffed once, in parallel. Returns the diffs and, for
/// each conflict, which diff is its own.
fn conflict_diffs(
    report: &Report,
    pairs: &[(usize, usize, &ConflictReport)],
) -> (Vec<WordDiff>, Vec<u32>) {
    let norm = |i: usize| report.segments[i].segment.norm.as_str();
    let texts = Distinct::new(pairs.iter().map(|&(i, j, _)| (norm(i), norm(j))));
    let diffs = texts
        .firsts()
        .par_iter()
        .map(|&first| {
            let (i, j, _) = pairs[first as usize];
            word_diff(norm(i), norm(j))
        })
        .collect();
    (diffs, texts.of().to_vec())
}

/// Where a segment id's text is in memory (see `Lookup::positions_by_address`).
fn address(id: &SegmentId) -> usize {
    std::sync::Arc::as_ptr(&id.0).cast::<u8>() as usize
}

/// A source as footnotes name it: "id, outlet, date", escaped.
fn source_label(info: &crate::model::SourceInfo) -> String {
    let mut label = escape(info.id.as_str());
    if let Some(outlet) = &info.outlet {
        label.push_str(", ");
        label.push_str(&escape(outlet));
    }
    if let Some(published) = info.published {
        let _ = write!(label, ", {published}");
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::markdown::render_pages;

    /// Three sources that back, copy and contradict each other.
    fn report() -> Report {
        let texts = [
            "Russia fired 82 drones at Kyiv overnight, the air force said on Sunday.\n\n\
             Steve Witkoff met Kirill Dmitriev in Miami on Saturday for talks on the plan.\n",
            "Russia fired 82 drones at Kyiv overnight, the air force said on Sunday.\n\n\
             Witkoff and Dmitriev held talks on the plan in Miami on Saturday, officials said.\n",
            "The air force said Russia fired 63 drones at Kyiv overnight on Sunday.\n",
        ];
        let sources = texts
            .iter()
            .enumerate()
            .map(|(n, text)| crate::model::LoadedSource::of_text(&format!("source-{n}"), *text))
            .collect();
        crate::build_report(crate::analyse(sources), &[], Vec::new())
    }

    #[test]
    fn segments_are_found_whether_or_not_a_reference_shares_their_id() {
        let report = report();
        let pages = render_pages(&report);
        // The same report with every reference holding an id of its own.
        let own = |id: &SegmentId| SegmentId(std::sync::Arc::from(id.as_str()));
        let mut apart = report.clone();
        for segment in &mut apart.segments {
            let finding = &mut segment.finding;
            finding
                .support
                .iter_mut()
                .for_each(|r| r.segment = own(&r.segment));
            finding
                .same_origin
                .iter_mut()
                .for_each(|r| r.segment = own(&r.segment));
            finding
                .conflicts
                .iter_mut()
                .for_each(|r| r.segment = own(&r.segment));
        }
        assert_eq!(render_pages(&apart), pages);
        let page = &pages[1].1;
        assert!(page.contains("Same words as source-1"), "{page}");
        assert!(
            page.contains("this says “82 drones”, source-2, line 1"),
            "{page}"
        );
        assert!(page.contains("Also reported by source-1, line 3"), "{page}");
    }
}
