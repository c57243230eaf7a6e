//! [`Report`] → Markdown pages: `index.md` (the story at a glance) and one
//! page per source (`sources/<id>.md`, its text marked up with footnotes),
//! with every piece of article text escaped so that nothing a source
//! contains can break or inject into a report.

use std::fmt::Write as _;

use rayon::prelude::*;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::align::score::SupportKind;
use crate::annotate::{AnchorState, Status};
use crate::classify::{ConflictReport, DevelopmentReport, Stage, Verdict};
use crate::distinct::Distinct;
use crate::model::{Segment, SegmentId, SourceId};
use crate::report::build::{MIN_RUN_CLAIMS, describe_run};
use crate::report::changes::Changes;
use crate::report::{
    AnnotationReport, Report, SegmentReport, SingleSourceRun, SourceReport, by_source,
};
use crate::text::word_diff::{Side, WordDiff, word_diff};

/// Escape untrusted text for use inside a Markdown paragraph or table cell:
/// it renders as the same characters, never as markup, links, HTML or footnotes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let bytes = text.as_bytes();
    // Copy runs of plain text whole; only ASCII bytes and the C1 controls
    // (U+0080–U+009F, two bytes starting 0xC2) need replacing, so every cut
    // falls on a character boundary.
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, width): (&str, usize) = match bytes[i] {
            b'\\' => ("\\\\", 1),
            b'`' => ("\\`", 1),
            b'*' => ("\\*", 1),
            b'_' => ("\\_", 1),
            b'[' => ("\\[", 1),
            b']' => ("\\]", 1),
            b'#' => ("\\#", 1),
            b'|' => ("\\|", 1),
            b'!' => ("\\!", 1),
            b'~' => ("\\~", 1),
            b'^' => ("\\^", 1),
            b'$' => ("\\$", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'&' => ("&amp;", 1),
            b'\n' | b'\r' | b'\t' => (" ", 1),
            0..=0x1f | 0x7f => ("", 1),
            0xc2 if bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)) => ("", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[run_start..i]);
        out.push_str(replacement);
        i += width;
        run_start = i;
    }
    out.push_str(&text[run_start..]);
    out
}

/// Lookups over one report, built once for all of its pages, so that
/// rendering stays linear in the corpus.
struct Lookup<'r> {
    report: &'r Report,
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
    runs_of: BTreeMap<&'r SourceId, &'r [SingleSourceRun]>,
    /// Editor annotations attached to each segment, in file order.
    notes_of: BTreeMap<&'r SegmentId, Vec<&'r AnnotationReport>>,
    /// Each segment's text escaped, by position: a segment is quoted in the
    /// footnote of every segment it backs, escaping it once is enough.
    escaped_texts: Vec<String>,
    /// How footnotes name each source: id, outlet and date, escaped.
    source_labels: FxHashMap<&'r SourceId, String>,
}

impl<'r> Lookup<'r> {
    fn new(report: &'r Report) -> Self {
        let positions: FxHashMap<&SegmentId, usize> = report
            .segments
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.segment.id, i))
            .collect();
        let positions_by_address = report
            .segments
            .iter()
            .filter_map(|s| Some((address(&s.segment.id), *positions.get(&s.segment.id)?)))
            .collect();
        Lookup {
            report,
            sources: report.sources.iter().map(|s| (&s.info.id, s)).collect(),
            positions,
            positions_by_address,
            segments_of: by_source(&report.segments, |s| &s.segment.source),
            runs_of: by_source(&report.single_source_runs, |r| &r.source),
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
        }
    }

    /// Another segment as a footnote cites it: its source (id, outlet,
    /// date), line and text.
    fn describe(&self, source: &SourceId, id: &SegmentId, out: &mut String) {
        let Some(position) = self.position(id) else {
            out.push_str(&escape(&source.0));
            return;
        };
        match self.source_labels.get(source) {
            Some(label) => out.push_str(label),
            None => out.push_str(&escape(&source.0)),
        }
        let _ = write!(
            out,
            ", line {}: “{}”",
            self.report.segments[position].segment.line, self.escaped_texts[position]
        );
    }

    /// Where the segment `id` is in `report.segments`.
    fn position(&self, id: &SegmentId) -> Option<usize> {
        self.positions_by_address
            .get(&address(id))
            .or_else(|| self.positions.get(id))
            .copied()
    }

    fn segment(&self, id: &SegmentId) -> Option<&'r SegmentReport> {
        self.position(id).map(|i| &self.report.segments[i])
    }

    /// A segment's text, escaped for Markdown.
    fn escaped_text(&self, id: &SegmentId) -> &str {
        self.position(id)
            .and_then(|i| self.escaped_texts.get(i))
            .map_or("", String::as_str)
    }

    fn segments_of(&self, id: &SourceId) -> &'r [SegmentReport] {
        self.segments_of.get(id).copied().unwrap_or_default()
    }

    /// " (editor: disputed)" for a segment editors annotated, else nothing.
    fn editor_marks(&self, id: &SegmentId) -> String {
        let Some(notes) = self.notes_of.get(id) else {
            return String::new();
        };
        let statuses: Vec<&str> = notes.iter().map(|a| a.status.as_str()).collect();
        format!(" (editor: {})", statuses.join(", "))
    }

    fn outlet_of(&self, id: &SourceId) -> Option<&'r str> {
        self.sources.get(id).and_then(|s| s.info.outlet.as_deref())
    }
}

/// Where a segment id's text is in memory (see `Lookup::positions_by_address`).
fn address(id: &SegmentId) -> usize {
    std::sync::Arc::as_ptr(&id.0).cast::<u8>() as usize
}

/// A source as footnotes name it: "id, outlet, date", escaped.
fn source_label(info: &crate::model::SourceInfo) -> String {
    let mut label = escape(&info.id.0);
    if let Some(outlet) = &info.outlet {
        label.push_str(", ");
        label.push_str(&escape(outlet));
    }
    if let Some(published) = info.published {
        let _ = write!(label, ", {published}");
    }
    label
}

/// Every page: `index.md`, then `sources/<id>.md` for each source (name, text).
pub fn render_pages(report: &Report) -> Vec<(String, String)> {
    let lookup = Lookup::new(report);
    // Pages are independent of each other: render them in parallel, in order.
    let (index, source_pages) = rayon::join(
        || index(&lookup),
        || -> Vec<(String, String)> {
            report
                .sources
                .par_iter()
                .map(|source| (source_page(&source.info.id), source_text(&lookup, source)))
                .collect()
        },
    );
    let mut pages = vec![("index.md".to_owned(), index)];
    pages.extend(source_pages);
    pages
}

/// `index.md`: the story at a glance.
fn index(lookup: &Lookup<'_>) -> String {
    let report = lookup.report;
    let conflicts = conflict_pairs(lookup);
    let mut out = String::new();
    out.push_str("# Corroboration report\n\n");
    render_summary(report, conflicts.len(), &mut out);
    render_sources(report, &mut out);
    render_annotations(report, &mut out);
    render_runs(lookup, &mut out);
    render_conflicts(lookup, &conflicts, &mut out);
    render_developments(lookup, &mut out);
    render_single_source(lookup, &mut out);
    render_variants(report, &mut out);
    render_diagnostics(report, &mut out);
    render_removed(report, &mut out);
    out
}

/// The file name of a source's own page, relative to the reports folder.
/// Source ids are checked on load (ASCII letters, digits, `.`, `_`, `-`).
fn source_page(id: &SourceId) -> String {
    format!("sources/{}.md", id.0)
}

fn or_dash(value: Option<&str>) -> String {
    value.map_or_else(|| "—".to_owned(), escape)
}

fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Corroborated => "corroborated",
        Verdict::SingleSource => "single-source",
        Verdict::Conflict => "conflict",
        Verdict::NotAClaim => "not a claim",
    }
}

fn render_summary(report: &Report, conflict_count: usize, out: &mut String) {
    let claims: usize = report.sources.iter().map(|s| s.claims).sum();
    let count = |f: fn(&SourceReport) -> usize| report.sources.iter().map(f).sum::<usize>();
    let _ = writeln!(
        out,
        "{} sources, {claims} claims: {} corroborated, {} single-source, {} in conflict. \
         {} runs of single-source claims, {} conflicts.\n",
        report.sources.len(),
        count(|s| s.corroborated),
        count(|s| s.single_source),
        count(|s| s.conflicts),
        report.single_source_runs.len(),
        conflict_count,
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
        "| id | outlet | published | byline | claims | corroborated | single-source | conflicts | signals |\n",
    );
    out.push_str("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- |\n");
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
            "| [{id}]({page}) | {} | {} | {} | {} | {} | {} | {} | {} |",
            or_dash(info.outlet.as_deref()),
            or_dash(info.published.map(|p| p.to_string()).as_deref()),
            or_dash(info.byline.as_deref()),
            source.claims,
            percent(source.corroborated, source.claims),
            source.single_source,
            source.conflicts,
            if signals.is_empty() {
                "—".to_owned()
            } else {
                signals
            },
            id = escape(&info.id.0),
            page = source_page(&info.id),
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
            escape(&run.source.0),
            or_dash(lookup.outlet_of(&run.source)),
            escape(&describe_run(run))
        );
    }
    out.push('\n');
}

/// Each conflicting pair of segments once: (segment index, other index, conflict).
fn conflict_pairs<'r>(lookup: &Lookup<'r>) -> Vec<(usize, usize, &'r ConflictReport)> {
    let mut out = Vec::new();
    for (i, segment) in lookup.report.segments.iter().enumerate() {
        for conflict in &segment.finding.conflicts {
            if let Some(j) = lookup.position(&conflict.segment)
                && i < j
            {
                out.push((i, j, conflict));
            }
        }
    }
    out
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
    // Each conflict needs a word diff, some of long sentences. A story run
    // word for word by several outlets gives the same two sentences in many
    // conflicts: each pair of texts is diffed once, in parallel.
    let segment_text = |i: usize| report_norm(lookup, i);
    let texts = Distinct::new(
        pairs
            .iter()
            .map(|&(i, j, _)| (segment_text(i), segment_text(j))),
    );
    let diffs: Vec<WordDiff> = texts
        .firsts()
        .par_iter()
        .map(|&first| {
            let (i, j, _) = pairs[first as usize];
            word_diff(segment_text(i), segment_text(j))
        })
        .collect();
    let blocks: Vec<String> = pairs
        .par_iter()
        .zip(texts.of())
        .enumerate()
        .map(|(number, (&(i, j, conflict), &slot))| {
            let mut block = String::new();
            render_conflict(
                lookup,
                number + 1,
                (i, j),
                conflict,
                &diffs[slot as usize],
                &mut block,
            );
            block
        })
        .collect();
    out.extend(blocks);
}

/// The normalised text of the segment at position `i`.
fn report_norm<'r>(lookup: &Lookup<'r>, i: usize) -> &'r str {
    lookup
        .report
        .segments
        .get(i)
        .map_or("", |s| s.segment.norm.as_str())
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
        escape(&ours.source.0),
        ours.line,
        escape(&theirs.source.0),
        theirs.line
    );
    for (segment, side) in [(ours, Side::Ours), (theirs, Side::Theirs)] {
        let _ = writeln!(
            out,
            "- **{}** line {}{}: {}",
            escape(&segment.source.0),
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
            escape(&segment.segment.source.0),
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
                escape(&outcome.segment.source.0),
                outcome.segment.line,
                date(development.outcome_published),
                escape(&development.outcome_says),
                escape(&outcome.segment.text),
            );
        }
    }
    out.push('\n');
}

/// One side of a word diff, words the other side lacks in bold; the spaces
/// between two differing words do not split the bold.
fn highlighted(diff: &WordDiff, side: Side) -> String {
    let view: Vec<(bool, &str)> = diff
        .runs
        .iter()
        .filter(|r| r.side == Side::Both || r.side == side)
        .map(|r| (r.side == side, r.text.as_str()))
        .collect();
    let mut merged: Vec<(bool, String)> = Vec::new();
    for (k, &(differs, text)) in view.iter().enumerate() {
        let bridges = !differs
            && text.trim().is_empty()
            && k > 0
            && view[k - 1].0
            && view.get(k + 1).is_some_and(|next| next.0);
        let differs = differs || bridges;
        match merged.last_mut() {
            Some((last, joined)) if *last == differs => joined.push_str(text),
            _ => merged.push((differs, text.to_owned())),
        }
    }
    let mut out = String::new();
    for (differs, text) in merged {
        let trimmed = text.trim();
        if !differs || trimmed.is_empty() {
            out.push_str(&escape(&text));
            continue;
        }
        let leading = &text[..text.len() - text.trim_start().len()];
        let trailing = &text[text.trim_end().len()..];
        let _ = write!(out, "{leading}**{}**{trailing}", escape(trimmed));
    }
    out
}

/// "5 annotations: 3 anchored, 1 moved, …": every state, zeros included, so
/// the parts visibly add up to the whole.
pub fn anchor_counts(annotations: &[AnnotationReport]) -> String {
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
    let _ = writeln!(out, "### {}\n", escape(&source.info.id.0));
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
            escape(&removed.source.0),
            removed.line,
            escape(removed.rule),
            escape(&removed.text)
        );
    }
}

/// A source's own page: its text, each segment marked with the verdict, and
/// a footnote saying who else reports it or what differs.
fn source_text(lookup: &Lookup<'_>, source: &SourceReport) -> String {
    let info = &source.info;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        escape(info.title.as_deref().unwrap_or(&info.id.0))
    );
    let _ = writeln!(
        out,
        "Source **{}** · outlet {} · published {} · byline {} · [back to the overview](../index.md)\n",
        escape(&info.id.0),
        or_dash(info.outlet.as_deref()),
        or_dash(info.published.map(|p| p.to_string()).as_deref()),
        or_dash(info.byline.as_deref()),
    );
    out.push_str("## Signals\n\n");
    if source.signals.is_empty() {
        out.push_str("None.\n");
    }
    for signal in &source.signals {
        let at = signal
            .line
            .map(|l| format!(" (line {l})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {}{at}: {}",
            escape(signal.kind),
            escape(&signal.evidence)
        );
    }
    out.push_str("\n## Text\n\n");
    let mut notes: Vec<String> = Vec::new();
    for segment in lookup.segments_of(&info.id) {
        let editor = lookup
            .notes_of
            .get(&segment.segment.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let marker = match footnote(segment, editor, lookup) {
            Some(text) => {
                notes.push(text);
                format!("[^{}]", notes.len())
            }
            None => String::new(),
        };
        let why = segment
            .finding
            .not_a_claim
            .map(|reason| format!(" ({reason})"))
            .unwrap_or_default();
        let judged: String = editor
            .iter()
            .map(|a| format!("editor **{}** · ", a.status.as_str()))
            .collect();
        let tool = if editor.is_empty() { "" } else { "tool " };
        let _ = writeln!(
            out,
            "- line {} · {judged}{tool}**{}**{why}: {}{marker}",
            segment.segment.line,
            verdict_word(segment.finding.verdict),
            lookup.escaped_text(&segment.segment.id)
        );
    }
    if !notes.is_empty() {
        out.push('\n');
    }
    for (number, note) in notes.iter().enumerate() {
        let _ = writeln!(out, "[^{}]: {note}", number + 1);
    }
    out
}

/// Who else reports a segment, what differs and where; none for a segment
/// with nothing to say.
fn footnote(
    segment: &SegmentReport,
    editor: &[&AnnotationReport],
    lookup: &Lookup<'_>,
) -> Option<String> {
    let finding = &segment.finding;
    let mut note = String::new();
    // Sentences of the note, one space between them.
    let next_sentence = |note: &mut String| {
        if !note.is_empty() {
            note.push(' ');
        }
    };
    for annotation in editor {
        next_sentence(&mut note);
        note.push_str(&editor_note(annotation));
    }
    for conflict in &finding.conflicts {
        next_sentence(&mut note);
        let _ = write!(
            note,
            "Conflict ({}): this says “{}”, ",
            conflict.kind.as_str(),
            escape(&conflict.ours)
        );
        lookup.describe(&conflict.source, &conflict.segment, &mut note);
        let _ = write!(note, " says “{}”.", escape(&conflict.theirs));
    }
    for development in &finding.developments {
        next_sentence(&mut note);
        let (pending, outcome) = (development.pending_says, development.outcome_says.as_str());
        let (this, ours, other, theirs) = match development.this {
            Stage::Pending => ("says it is pending", pending, "reports it taken", outcome),
            Stage::Outcome => ("reports it taken", outcome, "said it was pending", pending),
        };
        let _ = write!(
            note,
            "Development, not a conflict: this {this} (“{}”), ",
            escape(ours)
        );
        lookup.describe(&development.source, &development.segment, &mut note);
        let _ = write!(note, " {other} (“{}”).", escape(theirs));
    }
    for support in &finding.corroborated_by {
        next_sentence(&mut note);
        let basis = match support.basis {
            SupportKind::Paraphrase => "paraphrase",
            SupportKind::SharedFacts => "same names and figures",
        };
        note.push_str("Also reported by ");
        lookup.describe(&support.source, &support.segment, &mut note);
        let _ = write!(note, " (similarity {:.2}, {basis}).", support.similarity);
    }
    for copy in &finding.same_origin {
        next_sentence(&mut note);
        note.push_str("Same words as ");
        lookup.describe(&copy.source, &copy.segment, &mut note);
        let _ = write!(
            note,
            " (similarity {:.2}): a copy, not independent.",
            copy.similarity
        );
    }
    (!note.is_empty()).then_some(note)
}

/// An editor's annotation as a footnote sentence: status, note, who, where
/// it is written, and a warning when its quote no longer reads the same.
fn editor_note(a: &AnnotationReport) -> String {
    let by = a
        .author
        .as_deref()
        .map(|author| format!(", by {}", escape(author)))
        .unwrap_or_default();
    let note = a
        .note
        .as_deref()
        .map(|note| format!(": {}", escape(note)))
        .unwrap_or_default();
    let changed = match a.anchor {
        AnchorState::TextChanged => format!(
            " The quoted words have changed since (“{}”); check the note still applies.",
            escape(&a.quote)
        ),
        AnchorState::Moved => " Its quote now stands among other text.".to_owned(),
        _ => String::new(),
    };
    format!(
        "Editor: {}{note} (annotation {}{by}, {} line {}).{changed}",
        a.status.as_str(),
        escape(&a.id),
        escape(&a.file.display().to_string()),
        a.file_line
    )
}

/// `changes.md`: what changed since the previous run, for an editor who
/// regenerates after new sources arrive.
pub fn render_changes(report: &Report, changes: &Changes) -> String {
    let mut out = String::from("# Changes since the last run\n\n");
    if changes.is_empty() {
        out.push_str(
            "Nothing changed: same sources, verdicts, conflicts and annotation anchors as the last run.\n",
        );
        return out;
    }
    let outlet = |id: &str| -> String {
        report
            .sources
            .iter()
            .find(|s| s.info.id.as_str() == id)
            .and_then(|s| s.info.outlet.as_deref())
            .map(|o| format!(" ({})", escape(o)))
            .unwrap_or_default()
    };
    let added = changes
        .sources_added
        .iter()
        .map(|id| format!("- [{0}](sources/{0}.md){1}", escape(id), outlet(id)));
    section(&mut out, "Sources added", added);
    let removed = changes
        .sources_removed
        .iter()
        .map(|id| format!("- {}", escape(id)));
    section(&mut out, "Sources removed", removed);
    let edited = changes.sources_edited.iter().map(|edited| {
        let mut line = format!(
            "- [{0}](sources/{0}.md): {1} segments added, {2} removed",
            escape(&edited.id),
            edited.segments_added.len(),
            edited.segments_removed.len()
        );
        for (what, texts) in [
            ("added", &edited.segments_added),
            ("removed", &edited.segments_removed),
        ] {
            for text in texts {
                let _ = write!(line, "\n  - {what}: “{}”", escape(text));
            }
        }
        line
    });
    section(&mut out, "Sources edited", edited);
    let names = |ids: &[String]| -> String {
        let named: Vec<String> = ids
            .iter()
            .map(|id| format!("{}{}", escape(id), outlet(id)))
            .collect();
        named.join(", ")
    };
    let verdicts = changes.verdicts.iter().map(|change| {
        let mut why = String::new();
        if !change.newly_corroborated_by.is_empty() {
            let _ = write!(
                why,
                "; now also reported by {}",
                names(&change.newly_corroborated_by)
            );
        }
        if !change.no_longer_corroborated_by.is_empty() {
            let _ = write!(
                why,
                "; no longer backed by {}",
                names(&change.no_longer_corroborated_by)
            );
        }
        format!(
            "- {} line {}: **{}** → **{}**{why}: “{}”",
            escape(&change.source),
            change.line,
            verdict_word(change.before),
            verdict_word(change.after),
            escape(&change.text)
        )
    });
    section(&mut out, "Verdicts that changed", verdicts);
    for (title, list) in [
        ("New conflicts", &changes.conflicts_new),
        ("Conflicts resolved", &changes.conflicts_resolved),
    ] {
        let lines = list.iter().map(|conflict| {
            format!(
                "- {}: {} “{}” / {} “{}”",
                escape(&conflict.kind),
                escape(&conflict.source),
                escape(&conflict.text),
                escape(&conflict.other_source),
                escape(&conflict.other_text)
            )
        });
        section(&mut out, title, lines);
    }
    let state = |s: Option<AnchorState>| s.map_or("—", AnchorState::as_str);
    let annotations = changes.annotations.iter().map(|change| {
        format!(
            "- {}: {} → {}",
            escape(&change.id),
            state(change.before),
            state(change.after)
        )
    });
    section(&mut out, "Annotations", annotations);
    out
}

/// A `## title` section listing `lines`; nothing when there are none.
fn section(out: &mut String, title: &str, lines: impl Iterator<Item = String>) {
    let mut lines = lines.peekable();
    if lines.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "## {title}\n");
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<script>"), "&lt;script&gt;");
        assert_eq!(escape("[^1]"), "\\[\\^1\\]");
        assert_eq!(escape("# x"), "\\# x");
        assert_eq!(escape("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(escape("a\tb\u{7}c\u{85}d é\u{a0}"), "a bcd é\u{a0}");
    }

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
            .map(|(n, text)| crate::model::LoadedSource {
                id: SourceId(format!("source-{n}").into()),
                path: format!("source-{n}.md").into(),
                meta: crate::model::SourceMeta::default(),
                file_text: (*text).to_owned(),
                body_start: 0,
            })
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
                .corroborated_by
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
