//! A segment's evidence (pure): one segment of a report → the block an
//! editor opens beside it: the editors' annotations first, then the tool's
//! verdict with what it rests on: each other source's sentence (outlet,
//! date, line, the words this one lacks marked), the level and basis of its
//! support, what contradicts it with both values, later reports of an
//! outcome, and copies.

use maud::{Markup, html};

use super::marks::words_not_in;
use super::{evidence_anchor, segment_anchor, source_label, source_page_file, verdict_key};
use crate::align::support::SupportLevel;
use crate::annotate::AnchorState;
use crate::classify::{ConflictReport, DevelopmentReport, Support, Verdict};
use crate::model::{SegmentId, SourceId};
use crate::report::lookup::Lookup;
use crate::report::markdown::{basis_word, development_phrases, unlisted_support, verdict_word};
use crate::report::{AnnotationReport, SegmentReport};

/// The evidence block of `segment`, `<section id="e-…">`.
pub(super) fn evidence(lookup: &Lookup<'_>, segment: &SegmentReport) -> Markup {
    let id = &segment.segment.id;
    let finding = &segment.finding;
    let editor = lookup
        .notes_of
        .get(id)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let alone = finding.verdict == Verdict::SingleSource;
    html! {
        section.evidence.(verdict_key(finding.verdict)) id=(evidence_anchor(id))
            aria-label={ "Evidence for line " (segment.segment.line) } {
            @for annotation in editor { (editor_note(annotation)) }
            p.verdict {
                a href={ "#" (segment_anchor(id)) } { "Line " (segment.segment.line) }
                " · " @if !editor.is_empty() { "tool: " }
                strong { (verdict_word(finding.verdict)) }
                @if let Some(reason) = finding.not_a_claim { " (" (reason) ")" }
            }
            @if alone && finding.same_origin.is_empty() {
                p { "No other source states this." }
            }
            @for conflict in &finding.conflicts { (conflict_block(lookup, segment, conflict)) }
            @for development in &finding.developments { (development_block(lookup, development)) }
            @for support in &finding.support { (support_block(lookup, segment, support)) }
            @if let Some(more) = unlisted_support(finding.more_support) { p.more { (more) "." } }
            @for copy in &finding.same_origin {
                p.copy {
                    "Same words as " (cite(lookup, &copy.source, &copy.segment))
                    (format!(" (similarity {:.2}): a copy, not independent.", copy.similarity))
                }
            }
        }
    }
}

/// A link to another segment, named by its source and line.
fn cite(lookup: &Lookup<'_>, source: &SourceId, id: &SegmentId) -> Markup {
    let label = lookup
        .source(source)
        .map_or_else(|| source.as_str().to_owned(), |s| source_label(&s.info));
    let line = lookup.segment(id).map(|s| s.segment.line);
    html! {
        a href={ (source_page_file(source)) "#" (segment_anchor(id)) } {
            (label) @if let Some(line) = line { ", line " (line) }
        }
    }
}

/// The other segment's text, as written, with the words this one lacks marked.
fn their_sentence(lookup: &Lookup<'_>, ours: &SegmentReport, theirs: &SegmentId) -> Markup {
    let Some(theirs) = lookup.segment(theirs) else {
        return html! {};
    };
    html! { blockquote.theirs { (words_not_in(&theirs.segment.text, &ours.segment.text)) } }
}

fn support_block(lookup: &Lookup<'_>, ours: &SegmentReport, support: &Support) -> Markup {
    let (level, phrase) = match support.level {
        SupportLevel::Full => ("full", "Also reported by "),
        SupportLevel::Partial => ("partial", "Core also reported by "),
    };
    let basis = basis_word(support.basis);
    html! {
        div.support.(level) {
            p.cite { (phrase) (cite(lookup, &support.source, &support.segment)) }
            (their_sentence(lookup, ours, &support.segment))
            p.basis {
                "Level " strong { (level) } " · basis " (basis)
                (format!(" · similarity {:.2}", support.similarity))
            }
            @if !support.only_here.is_empty() {
                p.only {
                    "Only this source: "
                    @for (n, detail) in support.only_here.iter().enumerate() {
                        @if n > 0 { ", " }
                        mark.only-here { (detail) }
                    }
                }
            }
        }
    }
}

fn conflict_block(lookup: &Lookup<'_>, ours: &SegmentReport, conflict: &ConflictReport) -> Markup {
    html! {
        div.conflict-evidence {
            p.cite {
                strong { "Conflict (" (conflict.kind.as_str()) ")" } " with "
                (cite(lookup, &conflict.source, &conflict.segment))
            }
            div.values {
                div { span.who { "This source says" } q { (conflict.ours) } }
                div { span.who { "The other says" } q { (conflict.theirs) } }
            }
            (their_sentence(lookup, ours, &conflict.segment))
        }
    }
}

fn development_block(lookup: &Lookup<'_>, development: &DevelopmentReport) -> Markup {
    let (this, ours, other, theirs) = development_phrases(development);
    html! {
        p.development {
            strong { "Development, not a conflict:" } " this " (this) " (“" (ours) "”), "
            (cite(lookup, &development.source, &development.segment))
            " " (other) " (“" (theirs) "”)."
        }
    }
}

/// An editor's annotation: status, note, who, where it is written, and a
/// warning when its quote no longer reads the same.
pub(super) fn editor_note(annotation: &AnnotationReport) -> Markup {
    html! {
        div.editor.(annotation.status.as_str()) {
            p {
                strong { "Editor: " (annotation.status.as_str()) }
                @if let Some(note) = &annotation.note { " — " (note) }
            }
            p.small {
                "Annotation " code { (annotation.id) }
                @if let Some(author) = &annotation.author { " by " (author) }
                ", " (annotation.file.display().to_string()) " line " (annotation.file_line)
                " · quote " (annotation.anchor.as_str())
            }
            @match annotation.anchor {
                AnchorState::TextChanged => p.warn {
                    "The quoted words have changed since (“" (annotation.quote)
                    "”): check the note still applies."
                },
                AnchorState::Moved => p.warn { "Its quote now stands among other text." },
                _ => {}
            }
        }
    }
}
