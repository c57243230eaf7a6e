//! Credibility signals of one source (pure): its metadata, segments, removed
//! lines and single-source runs → [`Signal`]s with line evidence: a missing
//! byline or date, an uncredited image caption, a contradiction within the
//! source, each single-source run, and the shares of claims corroborated and
//! found nowhere else.
//!
//! Signals come in that order, each kind in reading order, after the
//! metadata signals and before the shares; the text stage's own signals
//! (from removed boilerplate) are passed in and kept in between.

use super::runs::describe_run;
use crate::model::{SegmentKind, Signal, SourceInfo};
use crate::report::{SegmentReport, SingleSourceRun, SourceReport};

/// Every signal of one source, whose counts are in `report`; `text_signals`
/// are those the text stage found, `own` and `runs` are its segments and
/// single-source runs.
pub(super) fn source_signals(
    report: &SourceReport,
    text_signals: &[Signal],
    own: &[SegmentReport],
    runs: &[SingleSourceRun],
) -> Vec<Signal> {
    let mut signals = metadata_signals(&report.info);
    signals.extend(caption_signals(own));
    signals.extend(text_signals.iter().cloned());
    signals.extend(contradiction_signals(own));
    signals.extend(runs.iter().map(run_signal));
    signals.extend(share_signals(report));
    signals
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

/// Image captions pasted in as text (the text stage marks them: short
/// paragraphs before the repeated headline with no credit; 004's first line).
fn caption_signals(own: &[SegmentReport]) -> Vec<Signal> {
    own.iter()
        .map(|s| &s.segment)
        .filter(|segment| segment.kind == SegmentKind::Caption)
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
