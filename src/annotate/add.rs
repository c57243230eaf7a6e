//! `annotate add` (pure): a request + the source's segments + the annotation
//! file's current text → the file's new text, or a refusal saying why.
//!
//! The new entry is appended to the file's text as it is, so an editor's
//! comments and layout stay; the result is parsed again and must hold every
//! old entry plus the new one before it is handed back to be written.

use super::anchor::{AnchorState, SourceText};
use super::parse::{Entry, parse_file};
use super::{Annotation, Quote, Status, Target};
pub use crate::error::AddError;
use crate::error::Severity;
use crate::model::{Segment, SourceId};

/// What the editor asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddRequest {
    /// Source id.
    pub source: SourceId,
    /// The words to annotate, as the editor copied them.
    pub exact: String,
    /// Text just before, to pick one of several repeats (filled in if empty).
    pub prefix: String,
    /// Text just after (filled in if empty).
    pub suffix: String,
    /// The judgement.
    pub status: Status,
    /// Free text.
    pub note: Option<String>,
    /// Who.
    pub author: Option<String>,
    /// An id of the editor's choosing; one is made up if absent.
    pub id: Option<String>,
    /// When (ISO 8601); the run fills in the current time when absent.
    pub created: Option<String>,
}

/// How much context is recorded on each side, at least (whole tokens).
const CONTEXT_CHARS: usize = 32;

/// Places of an ambiguous quote shown in a refusal, at most.
const MAX_PLACES_SHOWN: usize = 10;

/// Build the annotation and the file's new text. `segments` are the
/// source's own; `file_text` is the file as it is now (empty if new);
/// `existing` is every entry of every annotation file, for id uniqueness.
pub fn add(
    request: &AddRequest,
    segments: &[Segment],
    file_name: &str,
    file_text: &str,
    existing: &[Entry],
) -> Result<(Annotation, String), AddError> {
    let text = SourceText::new(segments);
    let quote = Quote {
        exact: request.exact.clone(),
        prefix: request.prefix.clone(),
        suffix: request.suffix.clone(),
    };
    let anchor = text.anchor(&quote, None);
    let span = match (anchor.state, anchor.tokens.clone()) {
        (AnchorState::Anchored, Some(span)) => span,
        _ => return Err(refusal(request, &anchor, &text)),
    };
    let prefix = if request.prefix.is_empty() {
        text.text_before(span.start, CONTEXT_CHARS)
    } else {
        request.prefix.clone()
    };
    let suffix = if request.suffix.is_empty() {
        text.text_after(span.end, CONTEXT_CHARS)
    } else {
        request.suffix.clone()
    };
    let annotation = Annotation {
        id: request
            .id
            .clone()
            .unwrap_or_else(|| fresh_id(request, existing)),
        target: Target {
            source: request.source.to_string(),
            quote: Quote {
                exact: request.exact.trim().to_owned(),
                prefix,
                suffix,
            },
            line: anchor.line,
        },
        status: request.status,
        note: request.note.clone(),
        author: request.author.clone(),
        created: request.created.clone(),
    };
    if let Some(same) = duplicate_of(&annotation, &span, &text, existing) {
        return Err(AddError::Duplicate {
            source_id: annotation.target.source,
            id: same.annotation.id.clone(),
            status: same.annotation.status.as_str(),
            file: same.origin.file.clone(),
            line: same.origin.line,
        });
    }
    if let Some(other) = existing.iter().find(|e| e.annotation.id == annotation.id) {
        return Err(AddError::IdTaken {
            id: annotation.id,
            file: other.origin.file.clone(),
            line: other.origin.line,
        });
    }
    let new_text = appended(file_name, file_text, &annotation)?;
    Ok((annotation, new_text))
}

/// An existing entry saying what `annotation` says: on the same words of the
/// same source (where they anchor now, whatever context each recorded), with
/// the same status and note. A second copy only doubles the page's badges.
fn duplicate_of<'e>(
    annotation: &Annotation,
    span: &std::ops::Range<usize>,
    text: &SourceText<'_>,
    existing: &'e [Entry],
) -> Option<&'e Entry> {
    existing.iter().find(|entry| {
        let other = &entry.annotation;
        other.target.source == annotation.target.source
            && other.status == annotation.status
            && other.note.as_deref().map(str::trim) == annotation.note.as_deref().map(str::trim)
            && text
                .anchor(&other.target.quote, other.target.line)
                .tokens
                .is_some_and(|at| at == *span)
    })
}

/// Why the quote cannot be annotated as given, with what was found instead.
fn refusal(request: &AddRequest, anchor: &super::Anchor, text: &SourceText<'_>) -> AddError {
    AddError::QuoteNotAnchored {
        in_source: request.source.clone(),
        explanation: explanation(request, anchor, text),
    }
}

/// What was found in place of the quote, and what to add to the request.
fn explanation(request: &AddRequest, anchor: &super::Anchor, text: &SourceText<'_>) -> String {
    let source = &request.source;
    match anchor.state {
        AnchorState::Ambiguous => {
            let quote_len = super::anchor::words(&request.exact).len();
            let shown: String = anchor
                .places
                .iter()
                .take(MAX_PLACES_SHOWN)
                .map(|&at| {
                    format!(
                        "\n  line {}: …{} [{}] {}…",
                        text.line_of(at),
                        text.text_before(at, CONTEXT_CHARS),
                        text.text_of(at..at + quote_len),
                        text.text_after(at + quote_len, CONTEXT_CHARS)
                    )
                })
                .collect();
            let more = anchor.places.len().saturating_sub(MAX_PLACES_SHOWN);
            let more = if more > 0 {
                format!("\n  … and {more} more")
            } else {
                String::new()
            };
            format!(
                "the quote is in {source} {} times; add --prefix or --suffix with the words just before or after the one you mean:{shown}{more}",
                anchor.places.len(),
            )
        }
        AnchorState::Moved => format!(
            "the quote is in {source} (line {}), but the --prefix/--suffix given are not the words beside it",
            anchor.line.unwrap_or_default()
        ),
        AnchorState::TextChanged => format!(
            "the quote is not in {source} word for word; the closest text is at line {}: “{}”",
            anchor.line.unwrap_or_default(),
            anchor.found.as_deref().unwrap_or_default()
        ),
        AnchorState::Anchored | AnchorState::Orphaned => {
            format!("the quote is not in {source}: {}", anchor.reason)
        }
    }
}

/// An id derived from what is annotated and when: short, and different for
/// two editors annotating on two machines.
fn fresh_id(request: &AddRequest, existing: &[Entry]) -> String {
    let mut hasher = blake3::Hasher::new();
    let created = request.created.clone().unwrap_or_default();
    for part in [request.source.as_str(), &request.exact, &created] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    let hash = hasher.finalize().to_hex();
    let base = format!("a{}", &hash[..8]);
    let taken = |id: &str| existing.iter().any(|e| e.annotation.id == id);
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// The file's text with `annotation` appended, checked by parsing it again.
fn appended(file_name: &str, file_text: &str, annotation: &Annotation) -> Result<String, AddError> {
    let path = std::path::Path::new(file_name);
    let (before, problems) = parse_file(path, file_text);
    if let Some(problem) = problems.iter().find(|d| d.severity == Severity::Error) {
        return Err(AddError::FileHasErrors {
            problem: problem.clone(),
        });
    }
    let entry = crate::yaml::to_string(&vec![annotation]).map_err(|err| AddError::Yaml {
        message: err.to_string(),
    })?;
    // Keep the file's own line endings.
    let newline = if file_text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut text = file_text.to_owned();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push_str(newline);
    }
    text.push_str(&entry.replace('\n', newline));
    let (after, problems) = parse_file(path, &text);
    let kept_all = after.len() == before.len() + 1
        && after
            .iter()
            .zip(&before)
            .all(|(a, b)| a.annotation == b.annotation)
        && after.last().map(|e| &e.annotation) == Some(annotation);
    if !kept_all || problems.iter().any(|d| d.severity == Severity::Error) {
        return Err(AddError::NotAPlainList {
            file: file_name.to_owned(),
        });
    }
    Ok(text)
}
