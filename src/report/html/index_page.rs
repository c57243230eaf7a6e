//! `index.html` (pure): a [`Report`] → the story at
//! a glance: the summary, a map of each source with its single-source runs,
//! conflicts side by side, the sources with their signals, editor
//! annotations, developments, every claim (filterable by verdict and
//! source), name variants, input problems and removed boilerplate.
//!
//! Every item links to its place on its source's page. Lists follow the
//! report's (source, then reading) order.

use maud::{Markup, html};
use rayon::prelude::*;

use super::evidence::editor_note;
use super::marks::diff_side;
use super::page::{Depth, document};
use super::source_page::legend;
use super::{segment_anchor, source_label, source_page_file, verdict_badge, verdict_key};
use crate::classify::{Stage, Verdict};
use crate::model::{SegmentId, SourceId};
use crate::report::lookup::Lookup;
use crate::report::markdown::verdict_word;
use crate::report::runs::describe_run;
use crate::report::{Report, SegmentReport, SourceReport};
use crate::text::word_diff::Side;

/// Width of a source's map in SVG units: one unit per thousandth of it.
const MAP_WIDTH: f64 = 1000.0;

/// `index.html`: the story at a glance.
pub(super) fn index(lookup: &Lookup<'_>) -> Markup {
    let report = lookup.report;
    let body = html! {
        header {
            h1 { "Corroboration report" }
            (summary(report, lookup.conflict_pairs().len()))
            (legend())
            nav aria-label="Sections" {
                ul.toc {
                    li { a href="#runs" { "Where a source goes its own way" } }
                    li { a href="#conflicts" { "Conflicts" } }
                    li { a href="#sources" { "Sources" } }
                    li { a href="#annotations" { "Editor annotations" } }
                    li { a href="#developments" { "Developments" } }
                    li { a href="#claims" { "All claims" } }
                    li { a href="#variants" { "Name variants" } }
                    li { a href="#problems" { "Input problems" } }
                    li { a href="#removed" { "Removed boilerplate" } }
                }
            }
        }
        main #main {
            (runs(lookup))
            (conflicts(lookup))
            (sources(report))
            (annotations(lookup))
            (developments(lookup))
            (claims(lookup))
            (variants(report))
            (problems(report))
            (removed(report))
        }
    };
    document("Corroboration report", Depth::Top, "index-page", body)
}

/// A link from the index to a segment on its source's page.
fn segment_link(source: &SourceId, id: &SegmentId) -> String {
    format!(
        "sources/{}#{}",
        source_page_file(source),
        segment_anchor(id)
    )
}

fn summary(report: &Report, conflict_count: usize) -> Markup {
    html! {
        p.summary {
            (report.totals().verdict_sentence()) ". "
            (report.runs_and_conflicts(conflict_count)) "."
        }
    }
}

fn sources(report: &Report) -> Markup {
    html! {
        section aria-labelledby="sources" {
            h2 #sources { "Sources" }
            table {
                thead { tr {
                    th scope="col" { "Source" } th scope="col" { "Outlet" }
                    th scope="col" { "Published" } th scope="col" { "Byline" }
                    th.num scope="col" { "Claims" } th.num scope="col" { "Corroborated" }
                    th.num scope="col" { "Partly" } th.num scope="col" { "Single-source" }
                    th.num scope="col" { "Conflicts" } th scope="col" { "Signals" }
                } }
                tbody {
                    @for source in &report.sources {
                        @let info = &source.info;
                        tr {
                            th scope="row" {
                                a href={ "sources/" (source_page_file(&info.id)) } { (info.id.as_str()) }
                                @if let Some(title) = &info.title { br; span.small { (title) } }
                            }
                            td { (info.outlet.as_deref().unwrap_or("—")) }
                            td { (info.published.map_or_else(|| "—".to_owned(), |p| p.to_string())) }
                            td { (info.byline.as_deref().unwrap_or("—")) }
                            td.num { (source.claims) }
                            td.num { (source.corroborated) }
                            td.num { (source.partly_corroborated) }
                            td.num { (source.single_source) }
                            td.num { (source.conflicts) }
                            td {
                                @if source.signals.is_empty() { "—" } @else {
                                    details.signals {
                                        summary {
                                            @for (n, signal) in source.signals.iter().enumerate() {
                                                @if n > 0 { ", " }
                                                (signal.kind)
                                            }
                                        }
                                        ul.signals {
                                            @for signal in &source.signals {
                                                li {
                                                    strong { (signal.kind) }
                                                    @if let Some(line) = signal.line { " (line " (line) ")" }
                                                    ": " (signal.evidence)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn annotations(lookup: &Lookup<'_>) -> Markup {
    let report = lookup.report;
    html! {
        section aria-labelledby="annotations" {
            h2 #annotations { "Editor annotations" }
            @if report.annotations.is_empty() {
                p { "None yet. To add one: " code { "corroborate annotate add --source ID --quote TEXT --status disputed --note TEXT" } }
            } @else {
                p { (crate::report::markdown::anchor_counts(&report.annotations)) }
                ul.annotations {
                    @for annotation in &report.annotations {
                        li {
                            (editor_note(annotation))
                            p.small {
                                "On " (annotation.source)
                                @if let Some(line) = annotation.line { " line " (line) }
                                ": “" (annotation.quote) "” "
                                @if let Some(segment) = &annotation.segment
                                    && let Some(at) = lookup.segment(segment) {
                                    a href=(segment_link(&at.segment.source, segment)) { "show in the text" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Each source as a bar of its segments in reading order, tinted by verdict,
/// its single-source runs outlined and linked, then the runs as text.
fn runs(lookup: &Lookup<'_>) -> Markup {
    let report = lookup.report;
    html! {
        section aria-labelledby="runs" {
            h2 #runs { "Where a source goes its own way" }
            p {
                "Each bar is one article, start to end, one stripe per sentence in its verdict's colour. "
                "Outlined: runs of claims in a row that no other source states, where an article may "
                "have been spliced together or padded."
            }
            @for source in &report.sources {
                (source_map(lookup, source))
            }
        }
    }
}

fn source_map(lookup: &Lookup<'_>, source: &SourceReport) -> Markup {
    let id = &source.info.id;
    let segments = lookup.segments_of(id);
    let runs = lookup.runs_of.get(id).copied().unwrap_or_default();
    let stripe = MAP_WIDTH / segments.len().max(1) as f64;
    // Where a run starts and ends on the bar: its first and last
    // single-source claim (a run's first line may start with another claim).
    let alone = |s: &SegmentReport| s.finding.verdict == Verdict::SingleSource;
    let span_of = |first: u32, last: u32| {
        let start = segments
            .iter()
            .position(|s| s.segment.line >= first && alone(s))?;
        let end = segments
            .iter()
            .rposition(|s| s.segment.line <= last && alone(s))?;
        (start <= end).then_some((start, end))
    };
    html! {
        div.source-map {
            h3 { a href={ "sources/" (source_page_file(id)) } { (source_label(&source.info)) } }
            svg.bar viewBox={ "0 0 " (MAP_WIDTH) " 24" } preserveAspectRatio="none" role="img"
                aria-label={ (id.as_str()) ": " (runs.len()) " single-source runs" } {
                @for (n, segment) in segments.iter().enumerate() {
                    rect.(verdict_key(segment.finding.verdict)) x=(format!("{:.2}", n as f64 * stripe))
                        y="4" width=(format!("{:.2}", stripe)) height="16" {}
                }
                @for run in runs {
                    @if let Some((start, end)) = span_of(run.first_line, run.last_line) {
                        a href=(segment_link(id, &segments[start].segment.id)) {
                            rect.run x=(format!("{:.2}", start as f64 * stripe)) y="1"
                                width=(format!("{:.2}", (end + 1 - start) as f64 * stripe)) height="22" {
                                title { (describe_run(run)) }
                            }
                        }
                    }
                }
            }
            @if !runs.is_empty() {
                ul.runs {
                    @for run in runs {
                        li {
                            @if let Some((start, _)) = span_of(run.first_line, run.last_line) {
                                a href=(segment_link(id, &segments[start].segment.id)) { (describe_run(run)) }
                            } @else { (describe_run(run)) }
                        }
                    }
                }
            }
        }
    }
}

fn conflicts(lookup: &Lookup<'_>) -> Markup {
    let pairs = lookup.conflict_pairs();
    let blocks: Vec<Markup> = pairs
        .par_iter()
        .enumerate()
        .map(|(number, &(i, j, conflict))| {
            let report = lookup.report;
            let (ours, theirs) = (&report.segments[i], &report.segments[j]);
            let diff = lookup.conflict_diff(number);
            html! {
                article.conflict {
                    h3 {
                        (number + 1) ". " (conflict.kind.as_str()) ": “" (conflict.ours) "” / “"
                        (conflict.theirs) "”"
                    }
                    div.sides {
                        (conflict_side(lookup, ours, html! { (diff_side(diff, Side::Ours)) }))
                        (conflict_side(lookup, theirs, html! { (diff_side(diff, Side::Theirs)) }))
                    }
                }
            }
        })
        .collect();
    html! {
        section aria-labelledby="conflicts" {
            h2 #conflicts { "Conflicts" }
            @if blocks.is_empty() { p { "None found." } } @else {
                p { "Words only one side has are marked." }
                @for block in blocks { (block) }
            }
        }
    }
}

fn conflict_side(lookup: &Lookup<'_>, segment: &SegmentReport, text: Markup) -> Markup {
    let label = lookup.source(&segment.segment.source).map_or_else(
        || segment.segment.source.as_str().to_owned(),
        |s| source_label(&s.info),
    );
    html! {
        div.side {
            p.cite {
                a href=(segment_link(&segment.segment.source, &segment.segment.id)) {
                    (label) ", line " (segment.segment.line)
                }
            }
            blockquote { (text) }
        }
    }
}

fn developments(lookup: &Lookup<'_>) -> Markup {
    let pending: Vec<&SegmentReport> = lookup
        .report
        .segments
        .iter()
        .filter(|s| {
            s.finding
                .developments
                .iter()
                .any(|d| d.this == Stage::Pending)
        })
        .collect();
    html! {
        section aria-labelledby="developments" {
            h2 #developments { "Developments" }
            @if pending.is_empty() { p { "None found." } } @else {
                p {
                    "One source says a decision is pending, another, not earlier, reports it taken: "
                    "a later report of the outcome, not a contradiction."
                }
                ul {
                    @for segment in pending {
                        li {
                            a href=(segment_link(&segment.segment.source, &segment.segment.id)) {
                                (segment.segment.source.as_str()) " line " (segment.segment.line)
                            }
                            ", pending: " (segment.segment.text)
                            ul {
                                @for development in segment.finding.developments.iter().filter(|d| d.this == Stage::Pending) {
                                    @if let Some(outcome) = lookup.segment(&development.segment) {
                                        li {
                                            "taken in "
                                            a href=(segment_link(&outcome.segment.source, &outcome.segment.id)) {
                                                (outcome.segment.source.as_str()) " line " (outcome.segment.line)
                                            }
                                            " (“" (development.outcome_says) "”): " (outcome.segment.text)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Every claim, one row each, filterable by verdict and source (the script
/// shows the filters; without it every row is shown).
fn claims(lookup: &Lookup<'_>) -> Markup {
    let report = lookup.report;
    // Filters for the verdicts of claims: every one but "not a claim".
    let verdicts = Verdict::ALL
        .into_iter()
        .filter(|&v| v != Verdict::NotAClaim);
    let rows: Vec<Markup> = report
        .segments
        .par_iter()
        .filter(|s| s.finding.verdict != Verdict::NotAClaim)
        .map(|segment| {
            let verdict = segment.finding.verdict;
            let source = &segment.segment.source;
            html! {
                tr data-verdict=(verdict_key(verdict)) data-source=(source.as_str()) {
                    td { (source.as_str()) }
                    td.num { (segment.segment.line) }
                    td { (verdict_badge(verdict)) }
                    td { a href=(segment_link(source, &segment.segment.id)) { (segment.segment.text) } }
                }
            }
        })
        .collect();
    html! {
        section aria-labelledby="claims" {
            h2 #claims { "All claims" }
            div #filters hidden {
                label { "Verdict " select #filter-verdict {
                    option value="" { "any" }
                    @for verdict in verdicts { option value=(verdict_key(verdict)) { (verdict_word(verdict)) } }
                } }
                " "
                label { "Source " select #filter-source {
                    option value="" { "any" }
                    @for source in &report.sources { option value=(source.info.id.as_str()) { (source_label(&source.info)) } }
                } }
                " " output #filter-count {}
            }
            table #claim-table {
                thead { tr {
                    th scope="col" { "Source" } th.num scope="col" { "Line" }
                    th scope="col" { "Verdict" } th scope="col" { "Claim" }
                } }
                tbody { @for row in rows { (row) } }
            }
        }
    }
}

fn variants(report: &Report) -> Markup {
    html! {
        section aria-labelledby="variants" {
            h2 #variants { "Name variants" }
            @if report.variants.is_empty() { p { "None found." } } @else {
                table {
                    thead { tr { th scope="col" { "Name" } th scope="col" { "Forms" } th scope="col" { "Why one name" } } }
                    tbody {
                        @for variant in &report.variants {
                            tr { td { (variant.canonical) } td { (variant.forms.join(" · ")) } td { (variant.rule) } }
                        }
                    }
                }
            }
        }
    }
}

fn problems(report: &Report) -> Markup {
    html! {
        section aria-labelledby="problems" {
            h2 #problems { "Input problems" }
            @if report.diagnostics.is_empty() { p { "None." } } @else {
                ul { @for diagnostic in &report.diagnostics { li { code { (diagnostic.to_string()) } } } }
            }
        }
    }
}

fn removed(report: &Report) -> Markup {
    html! {
        section aria-labelledby="removed" {
            h2 #removed { "Removed boilerplate" }
            details.removed {
                summary { (report.removed.len()) " lines removed before alignment" }
                ul {
                    @for line in &report.removed {
                        li { (line.source.as_str()) " line " (line.line) ", " (line.rule) ": " (line.text) }
                    }
                }
            }
        }
    }
}
