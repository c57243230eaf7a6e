//! Report model builder (pure): [`Analysis`] + anchored annotations +
//! diagnostics → [`Report`]:
//! per-source counts, credibility signals with line evidence, and runs of
//! single-source claims (a source going its own way, as 000 does in its
//! "Miami Summit" half).

use rayon::prelude::*;

use crate::Analysis;
use crate::classify::{Finding, Verdict};
use crate::error::Diagnostic;
use crate::facts::people_named;
use crate::facts::{SegmentNames, names_of};
use crate::model::{Removed, Segment, SegmentKind, Signal, SourceId, SourceInfo};
use crate::report::{
    AnnotationReport, Report, SegmentReport, SingleSourceRun, SourceReport, by_source,
};
use crate::text::names::{fold_name, is_capitalised};

/// A run of unbacked claims this long is reported as one finding.
pub const MIN_RUN_CLAIMS: usize = 5;

/// A paragraph before the repeated headline this short is an image caption.
const CAPTION_MAX_WORDS: usize = 30;

/// Words that credit an image.
const CREDITS: &[&str] = &[
    "ap",
    "afp",
    "credit",
    "getty",
    "image",
    "photo",
    "photograph",
    "reuters",
    "©",
];

/// Build the report model. Takes the analysis by value: its segments,
/// findings and facts move into the report (on 10,000 articles, copying them
/// took longer than everything else this stage does).
pub fn build(
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
        single_source: count(Verdict::SingleSource),
        conflicts: count(Verdict::Conflict),
        signals: Vec::new(),
    };
    let mut signals = metadata_signals(&report.info);
    signals.extend(caption_signals(own, removed));
    signals.extend(text_signals.iter().cloned());
    signals.extend(contradiction_signals(own));
    signals.extend(runs.iter().map(run_signal));
    signals.extend(share_signals(&report));
    report.signals = signals;
    report.content_hash = crate::report::changes::content_hash(&report, own);
    report
}

fn metadata_signals(info: &SourceInfo) -> Vec<Signal> {
    let mut out = Vec::new();
    if info.byline.is_none() {
        out.push(Signal {
            kind: "missing_byline",
            line: None,
            evidence: "no author named in the front matter or the text".into(),
        });
    }
    if info.published.is_none() {
        out.push(Signal {
            kind: "missing_date",
            line: None,
            evidence: "no publication date in the front matter".into(),
        });
    }
    out
}

/// Short paragraphs before the repeated headline with no credit: an image
/// caption pasted in as text (004's first line).
fn caption_signals(own: &[SegmentReport], removed: &[Removed]) -> Vec<Signal> {
    let Some(headline_line) = removed
        .iter()
        .find(|r| r.rule == "title-repeat")
        .map(|r| r.line)
    else {
        return Vec::new();
    };
    own.iter()
        .map(|s| &s.segment)
        .filter(|segment| segment.line < headline_line && segment.kind == SegmentKind::Sentence)
        .filter(|segment| {
            let words: Vec<String> = segment
                .norm
                .split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '©')
                        .to_lowercase()
                })
                .collect();
            words.len() <= CAPTION_MAX_WORDS && !words.iter().any(|w| CREDITS.contains(&w.as_str()))
        })
        .map(|segment| Signal {
            kind: "uncredited_caption",
            line: Some(segment.line),
            evidence: segment.text.clone(),
        })
        .collect()
}

/// Conflicts between two segments of this source, each pair once.
fn contradiction_signals(own: &[SegmentReport]) -> Vec<Signal> {
    let mut out = Vec::new();
    for report in own {
        for conflict in &report.finding.conflicts {
            if conflict.source != report.segment.source {
                continue;
            }
            let Some(other) = own.iter().find(|s| s.segment.id == conflict.segment) else {
                continue;
            };
            if other.segment.line < report.segment.line {
                continue; // reported from the earlier line
            }
            out.push(Signal {
                kind: "internal_contradiction",
                line: Some(report.segment.line),
                evidence: format!(
                    "line {} says “{}”, line {} says “{}” ({})",
                    report.segment.line,
                    conflict.ours,
                    other.segment.line,
                    conflict.theirs,
                    conflict.kind.as_str()
                ),
            });
        }
    }
    out
}

fn run_signal(run: &SingleSourceRun) -> Signal {
    Signal {
        kind: "single_source_run",
        line: Some(run.first_line),
        evidence: describe_run(run),
    }
}

/// Sections named in a description before "and N more".
const SECTIONS_SHOWN: usize = 4;

/// "lines 34–140, sections “At-a-glance overview”, “Miami Summit: Key
/// Players and Date” and 9 more: 60 claims in a row, none found in another
/// source, 1 contradicted; people named here and nowhere else: Antony Blinken, …"
pub fn describe_run(run: &SingleSourceRun) -> String {
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

fn share_signals(report: &SourceReport) -> Vec<Signal> {
    if report.claims == 0 {
        return Vec::new();
    }
    let share = |n: usize| n * 100 / report.claims;
    vec![
        Signal {
            kind: "corroborated_share",
            line: None,
            evidence: format!(
                "{} of {} claims ({} %) are stated independently by another source",
                report.corroborated,
                report.claims,
                share(report.corroborated)
            ),
        },
        Signal {
            kind: "single_source_share",
            line: None,
            evidence: format!(
                "{} of {} claims ({} %) are found in no other source",
                report.single_source,
                report.claims,
                share(report.single_source)
            ),
        },
    ]
}

fn is_backed(finding: &Finding) -> bool {
    !finding.corroborated_by.is_empty() || !finding.same_origin.is_empty()
}

/// Which sources mention a folded name: one of them, or several (`None`).
type Mentions<'a> = rustc_hash::FxHashMap<&'a str, Option<&'a SourceId>>;

/// Each segment's names, folded ([`crate::facts::segment_names`]): as the
/// analysis found them, or found again for an analysis put together by hand
/// without them.
fn names_of_segments(segments: &[SegmentReport], names: Vec<SegmentNames>) -> Vec<SegmentNames> {
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
fn name_mentions<'a>(segments: &'a [SegmentReport], names: &'a [SegmentNames]) -> Mentions<'a> {
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
fn single_source_runs(
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
        for person in named.into_iter().filter(|p| p.split(' ').count() <= 3) {
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
