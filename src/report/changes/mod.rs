//! What changed since the last run (pure): the previous `report.json` text +
//! the new [`Report`] → [`Changes`], shown in `changes.md` and as
//! `report.json` `changes`.
//!
//! Sources are compared by id and by a hash of their content, segments by
//! their words only (lower case, letters and digits), so an edit that only
//! touches spacing or punctuation produces no entry. Reported: sources added,
//! removed or edited (with the sentences added and removed); segments whose
//! verdict changed, naming the sources that now back or contradict them;
//! conflicts that appeared or were resolved; annotations whose anchor state
//! changed.

mod identity;
mod previous;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::annotate::AnchorState;
use crate::classify::Verdict;
use crate::report::Report;
pub(crate) use identity::content_hash;
use identity::{Key, keys, words_hash, words_key};
use previous::{Previous, PreviousSegment};

/// Everything that changed since the previous run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// Sources that are new.
    pub sources_added: Vec<String>,
    /// Sources that are gone.
    pub sources_removed: Vec<String>,
    /// Sources whose words or metadata changed.
    pub sources_edited: Vec<EditedSource>,
    /// Segments (of sources in both runs) whose verdict changed.
    pub verdicts: Vec<VerdictChange>,
    /// Conflicts found now and not before.
    pub conflicts_new: Vec<ConflictChange>,
    /// Conflicts found before and not now.
    pub conflicts_resolved: Vec<ConflictChange>,
    /// Annotations whose anchor state changed (or that are new or gone).
    pub annotations: Vec<AnnotationChange>,
}

impl Changes {
    /// Nothing changed.
    pub(crate) fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

/// A source whose content changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditedSource {
    /// Its id.
    pub id: String,
    /// Segments it has now and did not have (text).
    pub segments_added: Vec<String>,
    /// Segments it had and has no more (text).
    pub segments_removed: Vec<String>,
}

/// A segment whose verdict changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerdictChange {
    /// Its source.
    pub source: String,
    /// Its line now.
    pub line: u32,
    /// Its text.
    pub text: String,
    /// The verdict before.
    pub before: Verdict,
    /// The verdict now.
    pub after: Verdict,
    /// Sources that back it now and did not before.
    pub newly_corroborated_by: Vec<String>,
    /// Sources that backed it before and do not now.
    pub no_longer_corroborated_by: Vec<String>,
}

/// A conflict between two segments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictChange {
    /// The segment's source.
    pub source: String,
    /// Its text.
    pub text: String,
    /// The other segment's source.
    pub other_source: String,
    /// The other segment's text.
    pub other_text: String,
    /// Kind of fact (number, date, person, …).
    pub kind: String,
}

/// An annotation whose anchor state changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnotationChange {
    /// Its id.
    pub id: String,
    /// State before (none: it is new).
    pub before: Option<AnchorState>,
    /// State now (none: it is gone from the files).
    pub after: Option<AnchorState>,
}

/// Compare the previous run's `report.json` text with the new report.
/// `Err` when the previous report cannot be read as one.
pub(crate) fn changes(previous_json: &str, now: &Report) -> Result<Changes, String> {
    let previous: Previous<'_> = serde_json::from_str(previous_json).map_err(|e| e.to_string())?;
    let mut changes = Changes::default();
    compare_sources(&previous, now, &mut changes);
    compare_segments(&previous, now, &mut changes);
    compare_annotations(&previous, now, &mut changes);
    Ok(changes)
}

fn compare_sources(previous: &Previous<'_>, now: &Report, changes: &mut Changes) {
    let before: BTreeMap<&str, &str> = previous
        .sources
        .iter()
        .map(|s| (&*s.id, &*s.content_hash))
        .collect();
    let after: BTreeMap<&str, &str> = now
        .sources
        .iter()
        .map(|s| (s.info.id.as_str(), &*s.content_hash))
        .collect();
    changes.sources_added = after
        .keys()
        .filter(|id| !before.contains_key(*id))
        .map(|id| (*id).to_owned())
        .collect();
    changes.sources_removed = before
        .keys()
        .filter(|id| !after.contains_key(*id))
        .map(|id| (*id).to_owned())
        .collect();
    for (id, hash) in &after {
        if before.get(id).is_some_and(|old| old != hash) {
            let words_of = |texts: &mut dyn Iterator<Item = &str>| -> BTreeMap<String, String> {
                texts.map(|t| (words_key(t), t.to_owned())).collect()
            };
            let old = words_of(
                &mut previous
                    .segments
                    .iter()
                    .filter(|s| s.source == *id)
                    .map(|s| &*s.text),
            );
            let new = words_of(
                &mut now
                    .segments
                    .iter()
                    .filter(|s| s.segment.source.as_str() == *id)
                    .map(|s| s.segment.text.as_str()),
            );
            let only =
                |a: &BTreeMap<String, String>, b: &BTreeMap<String, String>| -> Vec<String> {
                    a.iter()
                        .filter(|(k, _)| !b.contains_key(*k))
                        .map(|(_, t)| t.clone())
                        .collect()
                };
            changes.sources_edited.push(EditedSource {
                id: (*id).to_owned(),
                segments_added: only(&new, &old),
                segments_removed: only(&old, &new),
            });
        }
    }
}

fn compare_segments(previous: &Previous<'_>, now: &Report, changes: &mut Changes) {
    let text_of_id: BTreeMap<&str, (&str, &str)> = previous
        .segments
        .iter()
        .map(|s| (&*s.id, (&*s.source, &*s.text)))
        .collect();
    let before: BTreeMap<Key, &PreviousSegment<'_>> =
        keys(previous.segments.iter().map(|s| (&*s.source, &*s.text)))
            .into_iter()
            .zip(&previous.segments)
            .collect();
    let now_keys = keys(
        now.segments
            .iter()
            .map(|s| (s.segment.source.as_str(), s.segment.text.as_str())),
    );
    let now_text_of_id: BTreeMap<&str, (&str, &str)> = now
        .segments
        .iter()
        .map(|s| {
            (
                s.segment.id.as_str(),
                (s.segment.source.as_str(), s.segment.text.as_str()),
            )
        })
        .collect();
    let mut conflicts_before = BTreeMap::new();
    for segment in &previous.segments {
        for conflict in &segment.conflicts {
            let (other_source, other_text) = text_of_id
                .get(&*conflict.segment)
                .copied()
                .unwrap_or((&*conflict.source, ""));
            let change = conflict_change(
                &segment.source,
                &segment.text,
                other_source,
                other_text,
                &conflict.kind,
            );
            conflicts_before.insert(change.key(), change);
        }
    }
    let mut conflicts_after = BTreeMap::new();
    for (segment, key) in now.segments.iter().zip(&now_keys) {
        let source = &segment.segment.source.as_str();
        for conflict in &segment.finding.conflicts {
            let (other_source, other_text) = now_text_of_id
                .get(conflict.segment.as_str())
                .copied()
                .unwrap_or((conflict.source.as_str(), ""));
            let change = conflict_change(
                source,
                &segment.segment.text,
                other_source,
                other_text,
                conflict.kind.as_str(),
            );
            conflicts_after.insert(change.key(), change);
        }
        let Some(old) = before.get(key) else {
            continue;
        };
        let backers_before: BTreeSet<&str> = old.support.iter().map(|l| &*l.source).collect();
        let backers_now: BTreeSet<&str> = segment
            .finding
            .support
            .iter()
            .map(|s| s.source.as_str())
            .collect();
        if old.verdict != segment.finding.verdict {
            changes.verdicts.push(VerdictChange {
                source: source.to_string(),
                line: segment.segment.line,
                text: segment.segment.text.clone(),
                before: old.verdict,
                after: segment.finding.verdict,
                newly_corroborated_by: backers_now
                    .difference(&backers_before)
                    .map(|s| (*s).to_owned())
                    .collect(),
                no_longer_corroborated_by: backers_before
                    .difference(&backers_now)
                    .map(|s| (*s).to_owned())
                    .collect(),
            });
        }
    }
    let only =
        |a: &BTreeMap<_, ConflictChange>, b: &BTreeMap<_, ConflictChange>| -> Vec<ConflictChange> {
            a.iter()
                .filter(|(k, _)| !b.contains_key(*k))
                .map(|(_, c)| c.clone())
                .collect()
        };
    changes.conflicts_new = only(&conflicts_after, &conflicts_before);
    changes.conflicts_resolved = only(&conflicts_before, &conflicts_after);
}

impl ConflictChange {
    /// Its identity across runs: sources, words and kind.
    fn key(&self) -> (String, u64, String, u64, String) {
        (
            self.source.clone(),
            words_hash(&self.text),
            self.other_source.clone(),
            words_hash(&self.other_text),
            self.kind.clone(),
        )
    }
}

/// One conflict, the same whichever side it is seen from: the pair is put in
/// a fixed order, and texts are compared by their words.
fn conflict_change(
    source: &str,
    text: &str,
    other_source: &str,
    other_text: &str,
    kind: &str,
) -> ConflictChange {
    let (a, b) = ((source, text), (other_source, other_text));
    let ((source, text), (other_source, other_text)) =
        if (a.0, words_hash(a.1)) <= (b.0, words_hash(b.1)) {
            (a, b)
        } else {
            (b, a)
        };
    ConflictChange {
        source: source.to_owned(),
        text: text.to_owned(),
        other_source: other_source.to_owned(),
        other_text: other_text.to_owned(),
        kind: kind.to_owned(),
    }
}

fn compare_annotations(previous: &Previous<'_>, now: &Report, changes: &mut Changes) {
    let before: BTreeMap<&str, AnchorState> = previous
        .annotations
        .iter()
        .map(|a| (&*a.id, a.anchor))
        .collect();
    let after: BTreeMap<&str, AnchorState> =
        now.annotations.iter().map(|a| (&*a.id, a.anchor)).collect();
    let ids: BTreeSet<&str> = before.keys().chain(after.keys()).copied().collect();
    for id in ids {
        let (old, new) = (before.get(id).copied(), after.get(id).copied());
        if old != new {
            changes.annotations.push(AnnotationChange {
                id: id.to_owned(),
                before: old,
                after: new,
            });
        }
    }
}
