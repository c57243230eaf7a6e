//! Editor annotations (pure): YAML files an editor wrote → [`Entry`] values
//! ([`parse`]); entries + the current segments → one [`Anchor`] per entry
//! ([`anchor`]); a new annotation → the text appended to a file ([`add`]).
//!
//! An annotation points at a sentence by quoting it, the way the W3C Web
//! Annotation `TextQuoteSelector` does: the exact words, plus a little text
//! before (`prefix`) and after (`suffix`) to tell repeats apart, plus an
//! optional `line` hint. Quoting rather than pointing at a line or a segment
//! id is what lets a note survive edits to the article: the quote is looked
//! for again on every run and the result is one of five states, never a
//! silent guess.
//!
//! Nothing here touches the disk: `load::load_annotations` reads the files and
//! `lib` writes the one file `annotate add` changes.

pub mod add;
pub mod anchor;
pub mod parse;
mod seeds;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use anchor::{Anchor, AnchorState};
pub use parse::{Entry, parse_file};

/// One editor annotation, as written in an `annotations/*.yaml` file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Unique across all annotation files.
    pub id: String,
    /// The sentence it is about.
    pub target: Target,
    /// The editor's judgement.
    pub status: Status,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// When (ISO 8601 date or timestamp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
}

/// What an annotation points at.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The source id.
    pub source: String,
    /// The quoted text with its context.
    pub quote: Quote,
    /// The file line the quote was on when the annotation was made: only a
    /// hint, used to choose between repeats and to search near when the
    /// words have changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// A W3C `TextQuoteSelector`: the exact words and the text around them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The words annotated.
    pub exact: String,
    /// Text just before them (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    /// Text just after them (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
}

/// An editor's judgement of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Checked and true.
    Verified,
    /// Contested; see the note.
    Disputed,
    /// Checked and false.
    False,
    /// To be checked.
    NeedsCheck,
    /// A remark, no judgement.
    Note,
    /// Not worth attention (the tool's verdict can be ignored).
    Ignore,
}

impl Status {
    /// The word used in YAML and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Disputed => "disputed",
            Status::False => "false",
            Status::NeedsCheck => "needs-check",
            Status::Note => "note",
            Status::Ignore => "ignore",
        }
    }

    /// Every status, for help texts and parsing.
    pub const ALL: [Status; 6] = [
        Status::Verified,
        Status::Disputed,
        Status::False,
        Status::NeedsCheck,
        Status::Note,
        Status::Ignore,
    ];
}

impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
            .ok_or_else(|| {
                let all: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                format!("`{text}` is not a status; use one of {}", all.join(", "))
            })
    }
}

/// Where an annotation was written: the file and the line its entry starts on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Origin {
    /// The annotation file.
    pub file: PathBuf,
    /// 1-based line of the entry in that file.
    pub line: u64,
}
