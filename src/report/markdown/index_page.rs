//! `index.md` (pure): a [`Report`] → the story at a glance: the summary
//! counts, the sources table, editor annotations, runs of single-source
//! claims, conflicts side by side with the differing words in bold,
//! developments, the other single-source claims, name variants, input
//! problems and removed boilerplate, in that order.
//!
//! Sections are rendered in a fixed order; lists within them follow the
//! report's (source, then reading) order unless a section says otherwise.

use std::fmt::Write as _;

use rayon::prelude::*;

use super::escape::escape;
use super::highlight::highlighted;
use super::{or_dash, section, source_page_file, unlisted_support};
use crate::annotate::{AnchorState, Status};
use crate::classify::{ConflictReport, DevelopmentReport, Stage, Verdict};
use crate::model::Segment;
use crate::report::lookup::Lookup;
use crate::report::runs::{MIN_RUN_CLAIMS, describe_run};
use crate::report::{AnnotationReport, Report, SegmentReport, SingleSourceRun, SourceReport};
use crate::text::word_diff::{Side, WordDiff};

/// `index.md`: the story at a glance.
pub(super) fn index(lookup: &Lookup<'_>) -> String {
    let report = lookup.report;
    let conflicts = lookup.conflict_pairs();
    let mut out = String::new();
    out.push_str("# Corroboration report\n\n");
    render_summary(report, conflicts.len(), &mut out);
    render_sources(report, &mut out);
    render_annotations(report, &mut out);
    render_runs(lookup, &mut out);
    render_conflicts(lookup, conflicts, &mut out);
    render_developments(lookup, &mut out);
    render_partly_corroborated(lookup, &mut out);
    render_single_source(lookup, &mut out);
    render_variants(report, &mut out);
    render_diagnostics(report, &mut out);
    render_removed(report, &mut out);
    out
}

fn render_summary(report: &Report, conflict_count: usize, out: &mut String) {
    let _ = writeln!(
        out,
        "{}. {}.\n",
        report.totals().verdict_sentence(),
        report.runs_and_conflicts(conflict_count)
    );
}

fn percent(part: usize, whole: usize) -> String {
    (part * 100)
        .checked_div(whole)
        .map_or_else(|| "—".to_owned(), |p| format!("{p} %"))
}

fn render_sources(report: &Report, out: &mut String) {
    out.push_str("## Sources\n\n");
    out.push_str(
        "| id | outlet | published | byline | claims | corroborated | partly | single-source | conflicts | signals |\n",
    );
    out.push_str("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for source in &report.sources {
        let info = &source.info;
        let signals = source
            .signals
            .iter()
            .map(|s| match s.line {
                Some(line) => format!("{} (line {line})", escape(s.kind)),
                None => escape(s.kind),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "| [{id}]({page}) | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            or_dash(info.outlet.as_deref()),
            or_dash(info.published.map(|p| p.to_string()).as_deref()),
            or_dash(info.byline.as_deref()),
            source.claims,
            percent(source.corroborated, source.claims),
            source.partly_corroborated,
            source.single_source,
            source.conflicts,
            if signals.is_empty() {
                "—".to_owned()
            } else {
                signals
            },
            id = escape(info.id.as_str()),
            page = source_page_file(&info.id),
        );
    }
    out.push('\n');
}

fn render_runs(lookup: &Lookup<'_>, out: &mut String) {
    let report = lookup.report;
    out.push_str("## Where a source goes its own way\n\n");
    if report.single_source_runs.is_empty() {
        out.push_str("No source has a run of claims that no other source backs.\n\n");
        return;
    }
    let _ = writeln!(
        out,
        "Runs of {MIN_RUN_CLAIMS} or more claims in a row that no other source states, longest first. \
         A long run with people and figures nobody else reports is where an article may have \
         been spliced together or padded.\n"
    );
    let mut runs: Vec<&SingleSourceRun> = report.single_source_runs.iter().collect();
    runs.sort_by(|a, b| {
        b.claims
            .cmp(&a.claims)
            .then_with(|| (&a.source, a.first_line).cmp(&(&b.source, b.first_line)))
    });
    for run in runs {
        let _ = writeln!(
            out,
            "- **{}** ({}): {}",
            escape(run.source.as_str()),
            or_dash(lookup.outlet_of(&run.source)),
            escape(&describe_run(run))
        );
    }
    out.push('\n');
}

fn render_conflicts(
    lookup: &Lookup<'_>,
    pairs: &[(usize, usize, &ConflictReport)],
    out: &mut String,
) {
    out.push_str("## Conflicts\n\n");
    if pairs.is_empty() {
        out.push_str("None found.\n\n");
        return;
    }
    out.push_str("Words only one side has are in bold.\n\n");
    let blocks: Vec<String> = pairs
        .par_iter()
        .enumerate()
        .map(|(number, &(i, j, conflict))| {
            let mut block = String::new();
            render_conflict(
                lookup,
                number + 1,
                (i, j),
                conflict,
                lookup.conflict_diff(number),
                &mut block,
            );
            block
        })
        .collect();
    out.extend(blocks);
}

/// Conflict number `number`: between segments `i` and `j`, side by side with
/// the words only one has in bold.
fn render_conflict(
    lookup: &Lookup<'_>,
    number: usize,
    (i, j): (usize, usize),
    conflict: &ConflictReport,
    diff: &WordDiff,
    out: &mut String,
) {
    let report = lookup.report;
    let (ours, theirs) = (&report.segments[i].segment, &report.segments[j].segment);
    let _ = writeln!(
        out,
        "### {number}. {}: {} line {} / {} line {}\n",
        conflict.kind.as_str(),
        escape(ours.source.as_str()),
        ours.line,
        escape(theirs.source.as_str()),
        theirs.line
    );
    for (segment, side) in [(ours, Side::Ours), (theirs, Side::Theirs)] {
        let _ = writeln!(
            out,
            "- **{}** line {}{}: {}",
            escape(segment.source.as_str()),
            segment.line,
            lookup.editor_marks(&segment.id),
            highlighted(diff, side)
        );
    }
    let _ = writeln!(
        out,
        "- differs: “{}” / “{}”\n",
        escape(&conflict.ours),
        escape(&conflict.theirs)
    );
}

/// Each segment saying a decision is pending, with the later reports of it taken.
fn render_developments(lookup: &Lookup<'_>, out: &mut String) {
    let pending: Vec<(&SegmentReport, Vec<&DevelopmentReport>)> = lookup
        .report
        .segments
        .iter()
        .map(|s| {
            let taken = s.finding.developments.iter();
            (
                s,
                taken
                    .filter(|d| d.this == Stage::Pending)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, taken)| !taken.is_empty())
        .collect();
    if pending.is_empty() {
        return;
    }
    out.push_str("## Developments\n\n");
    out.push_str(
        "One source says a decision is pending, another, not earlier, reports it taken: \
         a later report of the outcome, not a contradiction.\n\n",
    );
    let date = |published: Option<crate::model::Published>| {
        published.map_or_else(|| "date not given".to_owned(), |p| p.to_string())
    };
    for (segment, taken) in pending {
        let _ = writeln!(
            out,
            "- **{}** line {} ({}), pending (“{}”): {}",
            escape(segment.segment.source.as_str()),
            segment.segment.line,
            date(taken[0].pending_published),
            taken[0].pending_says,
            escape(&segment.segment.text),
        );
        for development in taken {
            let Some(outcome) = lookup.segment(&development.segment) else {
                continue;
            };
            let _ = writeln!(
                out,
                "  - taken in **{}** line {} ({}), “{}”: {}",
                escape(outcome.segment.source.as_str()),
                outcome.segment.line,
                date(development.outcome_published),
                escape(&development.outcome_says),
                escape(&outcome.segment.text),
            );
        }
    }
    out.push('\n');
}

/// "5 annotations: 3 anchored, 1 moved, …": every state, zeros included, so
/// the parts visibly add up to the whole.
pub(crate) fn anchor_counts(annotations: &[AnnotationReport]) -> String {
    let parts: Vec<String> = AnchorState::ALL
        .iter()
        .map(|&state| {
            let count = annotations.iter().filter(|a| a.anchor == state).count();
            format!("{count} {}", state.as_str())
        })
        .collect();
    let noun = if annotations.len() == 1 {
        "annotation"
    } else {
        "annotations"
    };
    format!("{} {noun}: {}.", annotations.len(), parts.join(", "))
}

fn render_annotations(report: &Report, out: &mut String) {
    out.push_str("## Editor annotations\n\n");
    if report.annotations.is_empty() {
        out.push_str(
            "None yet. To add one: corroborate annotate add --source ID --quote TEXT --status disputed --note TEXT\n\n",
        );
        return;
    }
    let _ = writeln!(out, "{}\n", anchor_counts(&report.annotations));
    let statuses: Vec<String> = Status::ALL
        .iter()
        .filter_map(|&status| {
            let count = report
                .annotations
                .iter()
                .filter(|a| a.status == status)
                .count();
            (count > 0).then(|| format!("{count} {}", status.as_str()))
        })
        .collect();
    let _ = writeln!(
        out,
        "Editors' judgements: {}. Each is shown beside the tool's verdict on the source's page.\n",
        statuses.join(", ")
    );
    let astray: Vec<&AnnotationReport> = report
        .annotations
        .iter()
        .filter(|a| a.anchor != AnchorState::Anchored)
        .collect();
    if astray.is_empty() {
        out.push_str("Every quote was found word for word, with its context.\n\n");
        return;
    }
    out.push_str("Annotations whose quote was not found intact, with its context:\n\n");
    for a in astray {
        let at = a.line.map(|l| format!(" line {l}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "- **{}**: annotation {} ({} line {}), {}, on {}{at}: “{}”. {}.",
            a.anchor.as_str(),
            escape(&a.id),
            escape(&a.file.display().to_string()),
            a.file_line,
            a.status.as_str(),
            escape(&a.source),
            escape(&a.quote),
            escape(&a.reason)
        );
        if let Some(diff) = &a.diff {
            let _ = writeln!(
                out,
                "  - quoted: {}\n  - now: {}",
                highlighted(diff, Side::Ours),
                highlighted(diff, Side::Theirs)
            );
        }
    }
    out.push('\n');
}

/// Claims whose core another source states, each with the details only its
/// own source gives: what an editor checks first in a partly backed claim.
fn render_partly_corroborated(lookup: &Lookup<'_>, out: &mut String) {
    let mut lines = String::new();
    for source in &lookup.report.sources {
        let partly = lookup
            .segments_of(&source.info.id)
            .iter()
            .filter(|s| s.finding.verdict == Verdict::PartlyCorroborated);
        for claim in partly {
            let mut details: Vec<String> = Vec::new();
            for support in &claim.finding.support {
                for detail in &support.only_here {
                    let detail = format!("“{}”", escape(detail));
                    if !details.contains(&detail) {
                        details.push(detail);
                    }
                }
            }
            let mut backers = String::new();
            for (n, support) in claim.finding.support.iter().enumerate() {
                backers.push_str(if n == 0 { "" } else { "; " });
                lookup.describe(&support.source, &support.segment, &mut backers);
            }
            if let Some(more) = unlisted_support(claim.finding.more_support) {
                backers.push_str("; ");
                backers.push_str(&more);
            }
            let _ = writeln!(
                lines,
                "- **{}** line {}{}: {}\n  - core also in {backers}\n  - only here: {}",
                escape(source.info.id.as_str()),
                claim.segment.line,
                lookup.editor_marks(&claim.segment.id),
                lookup.escaped_text(&claim.segment.id),
                if details.is_empty() {
                    "—".to_owned()
                } else {
                    details.join(", ")
                },
            );
        }
    }
    if lines.is_empty() {
        return;
    }
    out.push_str("## Partly corroborated claims\n\n");
    out.push_str(
        "Claims whose core another source states, with the details only this source gives.\n\n",
    );
    out.push_str(&lines);
    out.push('\n');
}

fn render_single_source(lookup: &Lookup<'_>, out: &mut String) {
    out.push_str("## Single-source claims\n\n");
    out.push_str("Claims no other source states, outside the runs above.\n\n");
    // Most claims of a large corpus are listed here: each source's list is
    // written by a task of its own, in order.
    let lists: Vec<String> = lookup
        .report
        .sources
        .par_iter()
        .map(|source| single_source_claims(lookup, source))
        .collect();
    out.extend(lists);
}

/// A source's single-source claims outside its runs, under its id; nothing
/// when it has none.
fn single_source_claims(lookup: &Lookup<'_>, source: &SourceReport) -> String {
    let runs = lookup
        .runs_of
        .get(&source.info.id)
        .copied()
        .unwrap_or_default();
    let in_run = |segment: &Segment| {
        runs.iter()
            .any(|run| (run.first_line..=run.last_line).contains(&segment.line))
    };
    let claims: Vec<&Segment> = lookup
        .segments_of(&source.info.id)
        .iter()
        .filter(|s| s.finding.verdict == Verdict::SingleSource && !in_run(&s.segment))
        .map(|s| &s.segment)
        .collect();
    let mut out = String::new();
    if claims.is_empty() {
        return out;
    }
    let _ = writeln!(out, "### {}\n", escape(source.info.id.as_str()));
    for claim in claims {
        let _ = writeln!(
            out,
            "- line {}{}: {}",
            claim.line,
            lookup.editor_marks(&claim.id),
            lookup.escaped_text(&claim.id)
        );
    }
    out.push('\n');
    out
}

fn render_variants(report: &Report, out: &mut String) {
    out.push_str("## Name variants\n\n");
    if report.variants.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    out.push_str("| name | forms seen | rule |\n| --- | --- | --- |\n");
    for variant in &report.variants {
        let forms: Vec<String> = variant.forms.iter().map(|f| escape(f)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            escape(&variant.canonical),
            forms.join(", "),
            escape(&variant.rule)
        );
    }
    out.push('\n');
}

fn render_diagnostics(report: &Report, out: &mut String) {
    let lines = report
        .diagnostics
        .iter()
        .map(|diagnostic| format!("- {}", escape(&diagnostic.to_string())));
    section(out, "Input problems", lines);
}

fn render_removed(report: &Report, out: &mut String) {
    out.push_str("## Removed boilerplate\n\n");
    if report.removed.is_empty() {
        out.push_str("None.\n");
        return;
    }
    out.push_str("| source | line | rule | text |\n| --- | ---: | --- | --- |\n");
    for removed in &report.removed {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(removed.source.as_str()),
            removed.line,
            escape(removed.rule),
            escape(&removed.text)
        );
    }
}
