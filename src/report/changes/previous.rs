//! The previous run's `report.json` as changes read it (pure): only the
//! fields changes are computed from, borrowed from the JSON text where it
//! allows. Unknown fields are ignored, so older reports still compare.

use std::borrow::Cow;

use serde::Deserialize;

use crate::annotate::AnchorState;
use crate::classify::Verdict;

/// The parts of a previous `report.json` that changes are computed from.
/// Unknown fields are ignored, so older reports still compare.
// Borrowed where the JSON allows (strings without escapes): the previous
// report of a large corpus is tens of megabytes.
#[derive(Debug, Deserialize)]
pub(super) struct Previous<'a> {
    #[serde(borrow)]
    pub(super) sources: Vec<PreviousSource<'a>>,
    #[serde(borrow)]
    pub(super) segments: Vec<PreviousSegment<'a>>,
    #[serde(default, borrow)]
    pub(super) annotations: Vec<PreviousAnnotation<'a>>,
}

/// A source as the previous run listed it.
#[derive(Debug, Deserialize)]
pub(super) struct PreviousSource<'a> {
    #[serde(borrow)]
    pub(super) id: Cow<'a, str>,
    #[serde(default, borrow)]
    pub(super) content_hash: Cow<'a, str>,
}

/// A segment as the previous run listed it, with its verdict.
#[derive(Debug, Deserialize)]
pub(super) struct PreviousSegment<'a> {
    #[serde(borrow)]
    pub(super) id: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) source: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) text: Cow<'a, str>,
    pub(super) verdict: Verdict,
    #[serde(default, borrow)]
    #[serde(alias = "corroborated_by")]
    pub(super) support: Vec<PreviousLink<'a>>,
    #[serde(default, borrow)]
    pub(super) conflicts: Vec<PreviousConflict<'a>>,
}

/// A segment that backed one of the previous run.
#[derive(Debug, Deserialize)]
pub(super) struct PreviousLink<'a> {
    #[serde(borrow)]
    pub(super) source: Cow<'a, str>,
}

/// A conflict of the previous run, from one side.
#[derive(Debug, Deserialize)]
pub(super) struct PreviousConflict<'a> {
    #[serde(borrow)]
    pub(super) source: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) segment: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) kind: Cow<'a, str>,
}

/// An annotation and how its quote was found the previous run.
#[derive(Debug, Deserialize)]
pub(super) struct PreviousAnnotation<'a> {
    #[serde(borrow)]
    pub(super) id: Cow<'a, str>,
    pub(super) anchor: AnchorState,
}
