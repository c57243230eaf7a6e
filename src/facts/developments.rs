//! Developments (pure): related segments of two sources → the pairs where one
//! says a decision is pending and the other reports it taken.
//!
//! A story moves on: 004 has EU leaders "set to decide" on frozen Russian
//! assets, 002 (published later) has them "agreeing" €90 billion that "does
//! not touch Russian assets". That is news, not a contradiction: such a pair
//! is a [`Development`], never a conflict. Decided by words, not by a parser:
//! the pending side has a phrase such as "to decide" or "are debating", the
//! outcome side (or the sentence before it on the same line, as 002 tells its
//! outcome over two) a verb such as "agreed" or "approved". When both sources
//! have a publication date, the pending one must not be the later.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use rayon::prelude::*;
use serde::Serialize;

use crate::model::Segment;
use jiff::civil::Date;

/// One segment says a decision is pending, another reports it taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Development {
    /// The segment saying it is pending.
    pub pending: usize,
    /// The segment reporting the outcome.
    pub outcome: usize,
    /// The words that say it is pending ("set to decide").
    pub pending_says: &'static str,
    /// The word that reports the outcome ("agreed"; "agreeing, in the
    /// sentence before" when the sentence before on the same line has it).
    pub outcome_says: String,
}

/// Phrases that say a decision is still to be taken.
const PENDING: &[&str] = &[
    "are debating",
    "is debating",
    "were debating",
    "decide whether",
    "deciding whether",
    "set to decide",
    "to decide",
    "to vote on",
    "weighing whether",
    "will decide",
    "will vote",
];

/// Words that report a decision taken.
const OUTCOME: &[&str] = &[
    "adopted",
    "agreed",
    "agreeing",
    "approved",
    "approving",
    "decided",
    "endorsed",
    "pledged",
    "rejected",
    "voted",
];

/// Developments among `related` pairs (segment indices, any order).
/// `published` gives each segment's source publication day.
pub(crate) fn developments(
    segments: &[Segment],
    related: &[(usize, usize)],
    published: impl Fn(usize) -> Option<Date>,
) -> Vec<Development> {
    // Each segment read once (a segment is in dozens of related pairs), and
    // pending phrases first: they are rare, and only a segment related to a
    // pending one needs its outcome read.
    let mut related_to_any = vec![false; segments.len()];
    for &(a, b) in related {
        related_to_any[a] = true;
        related_to_any[b] = true;
    }
    let pending: Vec<Option<&'static str>> = segments
        .par_iter()
        .zip(&related_to_any)
        .map(|(segment, &related)| related.then(|| pending_phrase(&segment.norm)).flatten())
        .collect();
    let mut may_be_outcome = vec![false; segments.len()];
    for &(a, b) in related {
        for (one, other) in [(a, b), (b, a)] {
            if pending[one].is_some() && pending[other].is_none() {
                may_be_outcome[other] = true;
            }
        }
    }
    let mut outcome: Vec<Option<String>> = vec![None; segments.len()];
    let found: Vec<(usize, String)> = (0..segments.len())
        .into_par_iter()
        .filter(|&i| may_be_outcome[i])
        .filter_map(|i| Some((i, outcome_words(segments, i)?)))
        .collect();
    for (i, says) in found {
        outcome[i] = Some(says);
    }
    let mut out = Vec::new();
    for &(a, b) in related {
        for (pending_side, outcome_side) in [(a, b), (b, a)] {
            let (Some(pending_says), Some(outcome_says)) =
                (pending[pending_side], &outcome[outcome_side])
            else {
                continue;
            };
            if segments[a].source == segments[b].source {
                continue;
            }
            let in_order = match (published(pending_side), published(outcome_side)) {
                (Some(p), Some(o)) => p <= o,
                _ => true,
            };
            if in_order {
                out.push(Development {
                    pending: pending_side,
                    outcome: outcome_side,
                    pending_says,
                    outcome_says: outcome_says.clone(),
                });
            }
        }
    }
    out.sort_by_key(|d| (d.pending, d.outcome));
    out.dedup();
    one_entry_per_outcome(out, segments)
}

/// One development per pending sentence and outcome, however many sentences
/// the outcome spans: when a sentence reports the outcome with its own verb
/// ("leaders agreeing to allocate €90 billion") and the next sentence on the
/// same line is a development only through it ("agreeing, in the sentence
/// before"), the second says nothing the first does not.
fn one_entry_per_outcome(all: Vec<Development>, segments: &[Segment]) -> Vec<Development> {
    let own_verb: std::collections::BTreeSet<(usize, usize)> = all
        .iter()
        .filter(|d| !d.outcome_says.ends_with(IN_THE_SENTENCE_BEFORE))
        .map(|d| (d.pending, d.outcome))
        .collect();
    all.into_iter()
        .filter(|d| {
            let through_the_one_before = d.outcome_says.ends_with(IN_THE_SENTENCE_BEFORE)
                && d.outcome.checked_sub(1).is_some_and(|before| {
                    segments[before].source == segments[d.outcome].source
                        && own_verb.contains(&(d.pending, before))
                });
            !through_the_one_before
        })
        .collect()
}

/// What [`Development::outcome_says`] ends with when the verb is in the
/// sentence before the outcome.
const IN_THE_SENTENCE_BEFORE: &str = ", in the sentence before";

/// The pending phrase of a sentence.
fn pending_phrase(text: &str) -> Option<&'static str> {
    first_of(&PENDING_FINDERS, text)
}

/// Each of [`PENDING`] with its searcher, built once: every segment is
/// searched for every phrase.
static PENDING_FINDERS: LazyLock<Vec<(&'static str, Finder<'static>)>> = LazyLock::new(|| {
    PENDING
        .iter()
        .map(|phrase| (*phrase, Finder::new(phrase)))
        .collect()
});

/// The first of `phrases` (each with its searcher) that `text` has as whole
/// words, in lowercase.
fn first_of(phrases: &[(&'static str, Finder<'_>)], text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    phrases
        .iter()
        .find(|(phrase, finder)| {
            finder
                .find_iter(lower.as_bytes())
                .any(|at| is_whole_word(&lower, at, phrase.len()))
        })
        .map(|(phrase, _)| *phrase)
}

/// The outcome word of segment `i`, or of the sentence before it on the same
/// line of the same source ("… leaders agreeing to allocate €90 billion.
/// This aid, which does not touch Russian assets, …").
fn outcome_words(segments: &[Segment], i: usize) -> Option<String> {
    let own = outcome_word(&segments[i].norm).map(str::to_owned);
    let before = || {
        let previous = &segments[i.checked_sub(1)?];
        let same_paragraph =
            previous.source == segments[i].source && previous.line == segments[i].line;
        let word = same_paragraph
            .then(|| outcome_word(&previous.norm))
            .flatten()?;
        Some(format!("{word}{IN_THE_SENTENCE_BEFORE}"))
    };
    own.or_else(before)
}

/// An outcome verb not made hypothetical or negated by the three words
/// before it ("would be submitted to and approved by Congress", "has not
/// agreed").
fn outcome_word(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    OUTCOME.iter().copied().find(|word| {
        lower.match_indices(word).any(|(at, _)| {
            is_whole_word(&lower, at, word.len()) && !hypothetical_before(&lower[..at])
        })
    })
}

/// Words that make the verb after them not (yet) a fact.
const NOT_YET: &[&str] = &[
    "be", "could", "if", "may", "might", "must", "never", "not", "should", "to", "will", "would",
];

/// How many words before an outcome verb may make it not yet a fact
/// ("would be submitted to and approved").
const NOT_YET_WINDOW: usize = 3;

fn hypothetical_before(before: &str) -> bool {
    before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(NOT_YET_WINDOW)
        .any(|w| NOT_YET.contains(&w))
}

fn is_whole_word(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_whole_words() {
        assert_eq!(
            pending_phrase("Leaders were set to decide whether to use the assets."),
            Some("decide whether")
        );
        assert_eq!(pending_phrase("They were undecided."), None);
        assert_eq!(outcome_word("Leaders Agreed a loan."), Some("agreed"));
        assert_eq!(outcome_word("A disagreed point."), None);
        assert_eq!(
            outcome_word("It would be submitted to and approved by Congress."),
            None
        );
        assert_eq!(outcome_word("The EU has not agreed."), None);
    }
}
