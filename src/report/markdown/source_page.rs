//! A source's own page, `sources/<id>.md` (pure): one source of a
//! [`Report`](crate::report::Report) → its signals, then its text segment by
//! segment, each marked with the tool's verdict (and the editors' when they
//! annotated it), with a footnote saying who else reports it, what
//! contradicts it, and what the editors noted.
//!
//! Footnotes are numbered in reading order; a segment with nothing to say
//! gets none.

use std::fmt::Write as _;

use super::escape::escape;
use super::{basis_word, development_phrases, or_dash, unlisted_support, verdict_word};
use crate::align::support::SupportLevel;
use crate::annotate::AnchorState;
use crate::report::lookup::Lookup;
use crate::report::{AnnotationReport, SegmentReport, SourceReport};

/// A source's own page: its text, each segment marked with the verdict, and
/// a footnote saying who else reports it or what differs.
pub(super) fn source_text(lookup: &Lookup<'_>, source: &SourceReport) -> String {
    let info = &source.info;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n",
        escape(info.title.as_deref().unwrap_or(info.id.as_str()))
    );
    let _ = writeln!(
        out,
        "Source **{}** · outlet {} · published {} · byline {} · [back to the overview](../index.md)\n",
        escape(info.id.as_str()),
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
        let (this, ours, other, theirs) = development_phrases(development);
        let _ = write!(
            note,
            "Development, not a conflict: this {this} (“{}”), ",
            escape(ours)
        );
        lookup.describe(&development.source, &development.segment, &mut note);
        let _ = write!(note, " {other} (“{}”).", escape(theirs));
    }
    for support in &finding.support {
        next_sentence(&mut note);
        let basis = basis_word(support.basis);
        note.push_str(match support.level {
            SupportLevel::Full => "Also reported by ",
            SupportLevel::Partial => "Core also reported by ",
        });
        lookup.describe(&support.source, &support.segment, &mut note);
        let _ = write!(note, " (similarity {:.2}, {basis})", support.similarity);
        if support.only_here.is_empty() {
            note.push('.');
        } else {
            let details: Vec<String> = support
                .only_here
                .iter()
                .map(|d| format!("“{}”", escape(d)))
                .collect();
            let _ = write!(note, "; only here: {}.", details.join(", "));
        }
    }
    if let Some(more) = unlisted_support(finding.more_support) {
        next_sentence(&mut note);
        let _ = write!(note, "{more}.");
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
