//! Domain types shared by every stage.
//!
//! Sources (articles) and their segments (claims: sentences, list items, table
//! rows) are referred to by id, never by reference, so stages stay independent
//! and everything serialises. All types here are plain data: no IO, no logic
//! beyond small constructors.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

/// The longest id accepted: ids become file names, and file systems allow 255 bytes.
const MAX_ID_BYTES: usize = 128;

/// A text that cannot be an id: ids become file names in reports and keys in
/// annotations, so they are kept to letters, digits, `.`, `_` and `-`, at most
/// [`MAX_ID_BYTES`] long, not starting with `.`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid id (letters, digits, `.`, `_`, `-`, not starting with `.`)")]
pub struct InvalidId {
    /// The text given.
    pub value: String,
}

/// Is `id` in the id alphabet (see [`InvalidId`])?
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_BYTES
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// `id` itself when it is valid (for ids other than sources': annotations).
pub fn checked_id(id: &str) -> Result<&str, InvalidId> {
    if is_valid_id(id) {
        Ok(id)
    } else {
        Err(InvalidId {
            value: id.to_owned(),
        })
    }
}

/// The id of a source: from its front matter `id`, or its file stem. Only a
/// valid id can be built ([`SourceId::new`], [`str::parse`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SourceId(Arc<str>);

impl SourceId {
    /// A source id, if `id` is a valid one.
    pub fn new(id: &str) -> Result<Self, InvalidId> {
        checked_id(id).map(|id| SourceId(id.into()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for SourceId {
    type Err = InvalidId;

    fn from_str(id: &str) -> Result<Self, InvalidId> {
        SourceId::new(id)
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The id of a segment: `<source>:<hash of its normalised text>`, with `-N`
/// added for the N-th repeat of the same text in the same source. It depends
/// only on the source id and the segment's own text, so it survives edits
/// elsewhere in the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SegmentId(pub Arc<str>);

impl SegmentId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SegmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an editor wrote in a source's front matter (all optional but the id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceMeta {
    /// The outlet that published the article.
    pub outlet: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Where it was found.
    pub url: Option<String>,
    /// Publication time: a date or a civil date-time, as written (ISO 8601).
    pub published: Option<Published>,
    /// The author line, absent when the article has none.
    pub byline: Option<String>,
    /// What the article belongs to in the collection it came from (an
    /// incident, a topic), when imported with one.
    pub group: Option<String>,
}

/// A publication date, or date and time, in ISO 8601.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub enum Published {
    /// Only the day is known.
    Date(jiff::civil::Date),
    /// Day and time (time zone not known).
    DateTime(jiff::civil::DateTime),
}

impl Published {
    /// The calendar day of publication.
    pub fn date(&self) -> jiff::civil::Date {
        match self {
            Published::Date(date) => *date,
            Published::DateTime(datetime) => datetime.date(),
        }
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Date(date) => write!(f, "{date}"),
            Published::DateTime(datetime) => {
                write!(f, "{}", datetime.strftime("%Y-%m-%dT%H:%M:%S"))
            }
        }
    }
}

impl From<Published> for String {
    fn from(published: Published) -> String {
        published.to_string()
    }
}

/// One article as loaded from disk, before any text processing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedSource {
    /// Its id.
    pub id: SourceId,
    /// Path relative to the sources folder (shown in reports).
    pub path: PathBuf,
    /// Front-matter metadata.
    pub meta: SourceMeta,
    /// The whole file text (front matter included), so byte offsets give file lines.
    pub file_text: String,
    /// Byte offset where the body starts (after the front matter).
    pub body_start: usize,
}

impl LoadedSource {
    /// The article body (everything after the front matter).
    pub fn body(&self) -> &str {
        self.file_text.get(self.body_start..).unwrap_or_default()
    }
}

#[cfg(test)]
impl LoadedSource {
    /// A source that is `text` alone (no front matter) in file `<id>.md`.
    pub(crate) fn of_text(id: &str, text: impl Into<String>) -> LoadedSource {
        LoadedSource {
            id: SourceId::new(id).expect("valid id"),
            path: format!("{id}.md").into(),
            meta: SourceMeta::default(),
            file_text: text.into(),
            body_start: 0,
        }
    }
}

/// A source as it appears in reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    /// Its id.
    pub id: SourceId,
    /// The outlet, if known.
    pub outlet: Option<String>,
    /// The headline, if known.
    pub title: Option<String>,
    /// Publication time, if known.
    pub published: Option<Published>,
    /// The author line, if any.
    pub byline: Option<String>,
    /// The URL, if known.
    pub url: Option<String>,
    /// The collection's group (incident, topic), if imported with one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Path relative to the sources folder.
    pub path: PathBuf,
}

/// What kind of text a segment is. Decides, among other things, whether it can be a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// A sentence of running text.
    Sentence,
    /// A bullet or numbered list item.
    ListItem,
    /// A row of a table (a Markdown table, or a line of a plain-text table).
    TableRow,
    /// A heading or a one-line title; never a claim, but names the section below it.
    Heading,
    /// A sentence inside a block quote.
    Quote,
    /// An image caption pasted in as text; never a claim.
    Caption,
}

/// One unit of text that can carry a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Stable id.
    pub id: SegmentId,
    /// The source it belongs to.
    pub source: SourceId,
    /// 1-based line in the source file where it starts.
    pub line: u32,
    /// The text as written (for display), whitespace trimmed.
    pub text: String,
    /// Normalised text used for matching (NFKC, straight quotes, ASCII hyphens,
    /// spaces after punctuation, single spaces).
    #[serde(skip)]
    pub norm: String,
    /// Sentence, list item, table row, heading or quote.
    pub kind: SegmentKind,
    /// The nearest heading above it, if any (for "section X, lines a–b" in reports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<std::sync::Arc<str>>,
    /// Byte range of the segment in the source file.
    #[serde(skip)]
    pub span: std::ops::Range<usize>,
}

/// A line taken out of the content as boilerplate, with the rule that took it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// The source it was in.
    pub source: SourceId,
    /// 1-based line in the source file.
    pub line: u32,
    /// The line as written.
    pub text: String,
    /// The name of the boilerplate rule (see `text::boilerplate::RULES`).
    pub rule: &'static str,
}

/// A fact about a source that bears on its credibility, with line evidence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Signal {
    /// What kind of signal (e.g. `ai_disclaimer`, `missing_byline`).
    pub kind: &'static str,
    /// The line it was seen on, if it is about a line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The evidence, quoted or described.
    pub evidence: String,
}

/// Items kept in source order, one slice per source: built once, so that
/// per-source work stays linear in the corpus rather than sources × items.
pub fn by_source<T>(
    items: &[T],
    source: impl Fn(&T) -> &SourceId,
) -> std::collections::BTreeMap<&SourceId, &[T]> {
    let mut out = std::collections::BTreeMap::new();
    for chunk in items.chunk_by(|a, b| source(a) == source(b)) {
        let previous = out.insert(source(&chunk[0]), chunk);
        debug_assert!(previous.is_none(), "items not in source order");
    }
    out
}
