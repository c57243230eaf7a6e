//! Runs of single-source claims (pure): one source's segments, with who
//! mentions each name → [`SingleSourceRun`]s: maximal stretches of its
//! claims that no other source backs, with their sections and the people
//! named there and nowhere else (a source going its own way, as 000 does in
//! its "Miami Summit" half), and how a run is described in words.
//!
//! Runs are in reading order; the people of a run in order of appearance.

use rayon::prelude::*;

use crate::classify::{Finding, Verdict};
use crate::facts::people_named;
use crate::facts::{SegmentNames, names_of};
use crate::model::{Segment, SegmentKind, SourceId};
use crate::report::{SegmentReport, SingleSourceRun};
use crate::text::names::{fold_name, is_capitalised};

/// A run of unbacked claims this long is reported as one finding.
pub(crate) const MIN_RUN_CLAIMS: usize = 5;

/// Longest name (in words) taken for a person's: longer "names" are
/// capitalised phrases (titles, organisations), not people.
const MAX_PERSON_NAME_WORDS: usize = 3;

/// Sections named in a description before "and N more".
const SECTIONS_SHOWN: usize = 4;

/// "lines 34–140, sections “At-a-glance overview”, “Miami Summit: Key
/// Players and Date” and 9 more: 60 claims in a row, none found in another
/// source, 1 contradicted; people named here and nowhere else: Antony Blinken, …"
pub(crate) fn describe_run(run: &SingleSourceRun) -> String {
    let mut text = format!("lines {}–{}", run.first_line, run.last_line);
    if !run.sections.is_empty() {
        let shown: Vec<String> = run
            .sections
            .iter()
            .take(SECTIONS_SHOWN)
            .map(|s| format!("“{s}”"))
            .collect();
        let label = if run.sections.len() == 1 {
            "section"
        } else {
            "sections"
        };
        text.push_str(&format!(", {label} {}", shown.join(", ")));
        if run.sections.len() > SECTIONS_SHOWN {
            text.push_str(&format!(
                " and {} more",
                run.sections.len() - SECTIONS_SHOWN
            ));
        }
    }
    text.push_str(&format!(
        ": {} claims in a row, none found in another source",
        run.claims
    ));
    if run.conflicts > 0 {
        text.push_str(&format!(", {} contradicted by another", run.conflicts));
    }
    if !run.people_found_nowhere_else.is_empty() {
        text.push_str(&format!(
            "; people named here and in no other source: {}",
            run.people_found_nowhere_else.join(", ")
        ));
    }
    text
}

fn is_backed(finding: &Finding) -> bool {
    !finding.support.is_empty() || !finding.same_origin.is_empty()
}

/// Which sources mention a folded name: one of them, or several (`None`).
pub(super) type Mentions<'a> = rustc_hash::FxHashMap<&'a str, Option<&'a SourceId>>;

/// Each segment's names, folded ([`crate::facts::segment_names`]): as the
/// analysis found them, or found again for an analysis put together by hand
/// without them.
pub(super) fn names_of_segments(
    segments: &[SegmentReport],
    names: Vec<SegmentNames>,
) -> Vec<SegmentNames> {
    if names.len() == segments.len() {
        return names;
    }
    segments
        .par_iter()
        .map(|report| names_of(&report.segment.norm).into())
        .collect()
}

/// Every capitalised word of every segment, folded, with who mentions it.
/// `names` are each segment's names ([`names_of_segments`]).
pub(super) fn name_mentions<'a>(
    segments: &'a [SegmentReport],
    names: &'a [SegmentNames],
) -> Mentions<'a> {
    // Counted in parallel pieces, then merged: a name one piece saw in
    // one source and another piece in another is in two.
    let seen_in = |mut out: Mentions<'a>, name: &'a str, source: Option<&'a SourceId>| {
        out.entry(name)
            .and_modify(|seen| {
                if *seen != source {
                    *seen = None;
                }
            })
            .or_insert(source);
        out
    };
    names
        .par_iter()
        .zip(segments)
        .fold(Mentions::default, |out, (names, report)| {
            let source = Some(&report.segment.source);
            names
                .iter()
                .fold(out, |out, (name, _)| seen_in(out, name, source))
        })
        .reduce(Mentions::default, |a, b| {
            b.into_iter()
                .fold(a, |out, (name, source)| seen_in(out, name, source))
        })
}

/// Maximal runs of claims of `source` (its segments are `own`) that no other
/// source backs (single source, or contradicted without support); headings in
/// between do not break a run, a backed claim does.
pub(super) fn single_source_runs(
    source: &SourceId,
    own: &[SegmentReport],
    mentions: &Mentions<'_>,
) -> Vec<SingleSourceRun> {
    let claims: Vec<&SegmentReport> = own
        .iter()
        .filter(|s| s.finding.verdict != Verdict::NotAClaim)
        .collect();
    let mut runs = Vec::new();
    let mut start = 0;
    while start < claims.len() {
        let end = claims[start..]
            .iter()
            .position(|s| is_backed(&s.finding))
            .map_or(claims.len(), |p| start + p);
        if end - start >= MIN_RUN_CLAIMS {
            runs.push(run_of(source, &claims[start..end], mentions));
        }
        start = end + 1;
    }
    runs
}

/// Most words capitalised: a heading or table text, where capitals do not mark names.
fn is_title_case(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capitalised = words.iter().filter(|w| is_capitalised(w)).count();
    capitalised * 2 > words.len()
}

fn run_of(
    source: &SourceId,
    claims: &[&SegmentReport],
    mentions: &Mentions<'_>,
) -> SingleSourceRun {
    let mut people = Vec::new();
    let mut sections: Vec<String> = Vec::new();
    for claim in claims {
        // Delegation members, and people named in prose: list items and
        // table rows in title case capitalise everything.
        let prose =
            claim.segment.kind == SegmentKind::Sentence && !is_title_case(&claim.segment.norm);
        let mut named: Vec<String> = claim
            .facts
            .groups
            .iter()
            .flat_map(|g| g.members.iter().cloned())
            .collect();
        if prose {
            named.extend(people_named(&claim.segment.norm));
        }
        for person in named
            .into_iter()
            .filter(|p| p.split(' ').count() <= MAX_PERSON_NAME_WORDS)
        {
            let surname = person.rsplit(' ').next().unwrap_or(&person);
            let elsewhere = mentions
                .get(fold_name(surname).as_str())
                .is_some_and(|seen| *seen != Some(source));
            if !elsewhere && !people.contains(&person) {
                people.push(person);
            }
        }
        if let Some(section) = &claim.segment.section
            && !sections.iter().any(|s| **s == **section)
        {
            sections.push(section.to_string());
        }
    }
    let first: Option<&Segment> = claims.first().map(|c| &c.segment);
    let last: Option<&Segment> = claims.last().map(|c| &c.segment);
    SingleSourceRun {
        source: source.clone(),
        sections,
        first_line: first.map_or(0, |s| s.line),
        last_line: last.map_or(0, |s| s.line),
        claims: claims.len(),
        conflicts: claims
            .iter()
            .filter(|c| c.finding.verdict == Verdict::Conflict)
            .count(),
        people_found_nowhere_else: people,
    }
}
