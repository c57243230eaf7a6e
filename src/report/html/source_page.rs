//! A source's own page, `sources/<id>.html` (pure): one source of a
//! [`Report`](crate::report::Report) → its signals, then the article
//! paragraph by paragraph, each segment tinted by its verdict with a text
//! tag, the details only this source gives marked inside it, its evidence
//! beside the paragraph, and removed boilerplate greyed and collapsed
//! where it stood.
//!
//! Paragraphs are the source's lines: segments that start on one line are
//! one paragraph (the loader keeps a paragraph on one line; a hard-wrapped
//! one shows a paragraph per line).

use crate::plural::count;
use maud::{Markup, html};

use super::evidence::evidence;
use super::marks::{only_here_ranges, with_marks};
use super::page::{Depth, document};
use super::{evidence_anchor, segment_anchor, verdict_badge, verdict_key, verdict_tag};
use crate::align::support::SupportLevel;
use crate::classify::Verdict;
use crate::model::{Removed, SegmentKind};
use crate::report::lookup::Lookup;
use crate::report::{SegmentReport, SourceReport};

/// What the article is made of, in reading order.
enum Block<'r> {
    /// Segments that start on one line.
    Paragraph(Vec<&'r SegmentReport>),
    /// Consecutive lines removed as boilerplate.
    Removed(Vec<&'r Removed>),
}

/// Segments and removed lines merged by line, grouped into blocks.
fn blocks<'r>(segments: &'r [SegmentReport], removed: &'r [Removed]) -> Vec<Block<'r>> {
    let mut out: Vec<Block<'r>> = Vec::new();
    let (mut s, mut r) = (segments.iter().peekable(), removed.iter().peekable());
    loop {
        let take_removed = match (s.peek(), r.peek()) {
            (Some(seg), Some(rem)) => rem.line < seg.segment.line,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if take_removed {
            let Some(line) = r.next() else { break };
            match out.last_mut() {
                Some(Block::Removed(lines)) => lines.push(line),
                _ => out.push(Block::Removed(vec![line])),
            }
            continue;
        }
        let Some(segment) = s.next() else { break };
        match out.last_mut() {
            Some(Block::Paragraph(para)) if para[0].segment.line == segment.segment.line => {
                para.push(segment);
            }
            _ => out.push(Block::Paragraph(vec![segment])),
        }
    }
    out
}

/// A source's own page.
pub(super) fn source_page(lookup: &Lookup<'_>, source: &SourceReport) -> Markup {
    let info = &source.info;
    let title = info.title.as_deref().unwrap_or(info.id.as_str());
    let segments = lookup.segments_of(&info.id);
    let body = html! {
        header {
            nav aria-label="Report" { a href="../index.html" { "← Overview of the story" } }
            h1 { (title) }
            p.meta {
                "Source " strong { (info.id.as_str()) }
                " · outlet " (info.outlet.as_deref().unwrap_or("—"))
                " · published " (info.published.map_or_else(|| "—".to_owned(), |p| p.to_string()))
                " · byline " (info.byline.as_deref().unwrap_or("—"))
            }
            (counts(source))
            (legend())
        }
        main #main {
            section aria-labelledby="signals" {
                h2 #signals { "Signals" }
                @if source.signals.is_empty() { p { "None." } } @else {
                    ul {
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
            section.article aria-labelledby="text" {
                h2 #text { "Text" }
                p.hint {
                    "Select a sentence (click, or Tab then Enter) to see who else reports it. "
                    "Marked words are details only this source gives."
                }
                @for block in blocks(segments, lookup.removed_of(&info.id)) {
                    @match block {
                        Block::Paragraph(para) => (paragraph(lookup, &para)),
                        Block::Removed(lines) => (removed(&lines)),
                    }
                }
            }
        }
    };
    document(title, Depth::Sources, "source-page", body)
}

/// The source's counts, one line.
fn counts(source: &SourceReport) -> Markup {
    html! {
        p.counts {
            (count(source.claims, "claim", "claims")) ": "
            (source.corroborated) " corroborated, "
            (source.partly_corroborated) " partly corroborated, "
            (source.single_source) " single-source, "
            (source.conflicts) " in conflict."
        }
    }
}

/// What the tints and tags mean.
pub(super) fn legend() -> Markup {
    html! {
        ul.legend aria-label="Legend" {
            @for verdict in Verdict::ALL {
                li { (verdict_badge(verdict)) }
            }
            li { mark.only-here { "only this source" } }
        }
    }
}

/// One paragraph: its segments in the text, their evidence beside it.
fn paragraph(lookup: &Lookup<'_>, para: &[&SegmentReport]) -> Markup {
    let text = html! {
        @for (n, segment) in para.iter().enumerate() {
            @if n > 0 { " " }
            (segment_text(lookup, segment))
        }
    };
    let kind = para[0].segment.kind;
    html! {
        div.block {
            @match kind {
                SegmentKind::Heading => h3.para { (text) },
                SegmentKind::ListItem => p.para.list-item { (text) },
                SegmentKind::TableRow => p.para.table-row { (text) },
                SegmentKind::Quote => blockquote.para { (text) },
                _ => p.para { (text) },
            }
            div.evidence-column {
                @for segment in para { (evidence(lookup, segment)) }
            }
        }
    }
}

/// A segment in the article: tinted, tagged, a link to its evidence.
fn segment_text(lookup: &Lookup<'_>, segment: &SegmentReport) -> Markup {
    let id = &segment.segment.id;
    let verdict = segment.finding.verdict;
    let editor: Vec<&str> = lookup
        .notes_of
        .get(id)
        .map(|notes| notes.iter().map(|a| a.status.as_str()).collect())
        .unwrap_or_default();
    html! {
        a.seg.(verdict_key(verdict)) id=(segment_anchor(id)) href={ "#" (evidence_anchor(id)) } {
            (with_marks(&segment.segment.text, &only_here(segment)))
            sup.tag { (verdict_tag(verdict)) }
            @for status in &editor { sup.tag.editor { "editor: " (status) } }
        }
    }
}

/// The byte ranges of a partly corroborated segment's text that no
/// supporting source states.
fn only_here(segment: &SegmentReport) -> Vec<std::ops::Range<usize>> {
    if segment.finding.verdict != Verdict::PartlyCorroborated {
        return Vec::new();
    }
    let sets: Vec<&[String]> = segment
        .finding
        .support
        .iter()
        .filter(|s| s.level == SupportLevel::Partial)
        .map(|s| s.only_here.as_slice())
        .collect();
    only_here_ranges(&segment.segment.text, &sets)
}

/// Lines removed as boilerplate, greyed, collapsed.
fn removed(lines: &[&Removed]) -> Markup {
    let first = lines.first().map_or(0, |l| l.line);
    let last = lines.last().map_or(0, |l| l.line);
    html! {
        details.removed {
            summary {
                "Removed as boilerplate: "
                @if first == last { "line " (first) } @else { "lines " (first) "–" (last) }
            }
            @for line in lines {
                p { span.rule { "line " (line.line) ", " (line.rule) ": " } (line.text) }
            }
        }
    }
}
