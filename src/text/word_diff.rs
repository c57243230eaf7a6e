//! Word diff (the only user of `similar`): two sentences → [`WordDiff`], the
//! runs of words they share and the runs only one of them has.
//!
//! Display code, not alignment: reports use it to show an editor which words
//! of a conflict differ, annotations to show how a quote changed. Inputs are
//! normalised texts, so typography (curly quotes, U+2011 hyphens) never shows
//! up as a difference. No deadline is set: a deadline would make output
//! depend on machine load, and segments are capped at 2,000 bytes, so Myers
//! is quick.
//!
//! Two measures of the same diff are kept here with it, so that `similar`
//! has one user: the near-verbatim test of alignment asks only whether two
//! sentences' diff ratio reaches a bound (a sentence → [`LowerWords`], split
//! once however many pairs it is in; two of them → [`ratio_at_least`]), and
//! re-anchoring asks how much of a quote a window of text keeps, in order
//! ([`similarity`]).

use std::hash::BuildHasher as _;

use rustc_hash::FxBuildHasher;
use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation as _;

use crate::sorted::count_shared;

/// Which side a run of words belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// In both sentences.
    Both,
    /// Only in the first ("ours").
    Ours,
    /// Only in the second ("theirs").
    Theirs,
}

/// A run of consecutive words with the same side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffRun {
    /// Where the words are.
    pub side: Side,
    /// The words, with the spacing between them.
    pub text: String,
}

/// A word-level diff of two sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordDiff {
    /// Runs in reading order (deletions before insertions at the same place).
    pub runs: Vec<DiffRun>,
    /// Share of tokens in common, 0..=1 (similar's ratio).
    pub ratio: f32,
}

impl WordDiff {
    /// One side of the diff as it reads, in runs of (differs, text): the
    /// words the other side lacks are `true`; the spaces between two
    /// differing words join them, so a display marks the phrase whole.
    pub(crate) fn side_runs(&self, side: Side) -> Vec<(bool, String)> {
        let view: Vec<(bool, &str)> = self
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
        merged
    }
}

/// Diff two sentences word by word.
pub(crate) fn word_diff(ours: &str, theirs: &str) -> WordDiff {
    let diff = TextDiff::configure().diff_unicode_words(ours, theirs);
    let mut runs: Vec<DiffRun> = Vec::new();
    for change in diff.iter_all_changes() {
        let side = match change.tag() {
            ChangeTag::Equal => Side::Both,
            ChangeTag::Delete => Side::Ours,
            ChangeTag::Insert => Side::Theirs,
        };
        let text = change.value();
        match runs.last_mut() {
            Some(last) if last.side == side => last.text.push_str(text),
            _ => runs.push(DiffRun {
                side,
                text: text.to_owned(),
            }),
        }
    }
    WordDiff {
        runs,
        ratio: diff.ratio(),
    }
}

/// A sentence in lower case, split as [`word_diff`] splits it (at Unicode
/// word bounds), kept to be compared with many others without splitting it
/// again.
#[derive(Debug)]
pub(crate) struct LowerWords {
    lower: String,
    /// End of each token in `lower`.
    ends: Vec<u32>,
    /// A hash of each token, sorted: the tokens as a multiset, for a bound
    /// on how many two sentences share (two tokens with one hash count as
    /// shared, which only loosens the bound).
    hashes: Vec<u64>,
}

impl LowerWords {
    /// Lower-case and split `text`.
    pub(crate) fn new(text: &str) -> Self {
        let lower = text.to_lowercase();
        let mut ends = Vec::new();
        let mut hashes = Vec::new();
        let mut end = 0;
        for token in lower.split_word_bounds() {
            end += token.len();
            // Segments are capped at 2,000 bytes; a longer text keeps its
            // first 4 GiB of tokens.
            let Ok(end) = u32::try_from(end) else {
                break;
            };
            ends.push(end);
            hashes.push(FxBuildHasher.hash_one(token));
        }
        hashes.sort_unstable();
        LowerWords {
            lower,
            ends,
            hashes,
        }
    }

    /// The lower-cased text.
    pub(crate) fn as_str(&self) -> &str {
        &self.lower
    }

    fn tokens(&self) -> Vec<&str> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&end| {
                let token = self.lower.get(start..end as usize).unwrap_or_default();
                start = end as usize;
                token
            })
            .collect()
    }
}

/// Whether [`word_diff`] of two sentences has a ratio of at least `min`.
/// Counting the tokens the two share first (no diff can match more) rules
/// out most pairs without the costly diff; the answer is the same either way.
pub(crate) fn ratio_at_least(ours: &LowerWords, theirs: &LowerWords, min: f32) -> bool {
    // similar's ratio: twice the equal tokens over both lengths.
    let total = ours.ends.len() + theirs.ends.len();
    // Shared token hashes: the shared tokens, or more.
    let shared = count_shared(&ours.hashes, &theirs.hashes);
    if total > 0 && 2.0 * shared as f32 / (total as f32) < min {
        return false;
    }
    TextDiff::configure()
        .diff_slices(&ours.tokens(), &theirs.tokens())
        .ratio()
        >= min
}

/// Share of tokens two sequences have in common, in order (0..=1; 0 when
/// both are empty).
pub(crate) fn similarity(a: &[&str], b: &[&str]) -> f32 {
    let common: usize = capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    let total = a.len() + b.len();
    if total == 0 {
        return 0.0;
    }
    (2 * common) as f32 / total as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    impl WordDiff {
        /// The runs only in the first sentence, trimmed and non-empty.
        fn only_ours(&self) -> Vec<&str> {
            self.only(Side::Ours)
        }

        /// The runs only in the second sentence, trimmed and non-empty.
        fn only_theirs(&self) -> Vec<&str> {
            self.only(Side::Theirs)
        }

        fn only(&self, side: Side) -> Vec<&str> {
            self.runs
                .iter()
                .filter(|run| run.side == side)
                .map(|run| run.text.trim())
                .filter(|text| text.chars().any(char::is_alphanumeric))
                .collect()
        }
    }

    #[test]
    fn finds_the_differing_number() {
        let diff = word_diff(
            "Russia fired 82 drones, 63 of which were intercepted.",
            "Russia fired 82 drones, 47 of which were intercepted.",
        );
        assert_eq!(diff.only_ours(), vec!["63"]);
        assert_eq!(diff.only_theirs(), vec!["47"]);
        assert!(diff.ratio > 0.8);
    }

    #[test]
    fn ratio_at_least_agrees_with_the_diff() {
        let pairs = [
            (
                "russia fired 82 drones, 63 of which were intercepted.",
                "russia fired 82 drones, 47 of which were intercepted.",
            ),
            ("the same words here.", "the same words here."),
            ("words in one order here", "here order one in words"),
            ("a b c d e f g h", "a b c d e f g x"),
            ("", ""),
        ];
        for (ours, theirs) in pairs {
            let ratio = word_diff(ours, theirs).ratio;
            for min in [0.5, 0.8, 0.9, ratio] {
                assert_eq!(
                    ratio_at_least(&LowerWords::new(ours), &LowerWords::new(theirs), min),
                    ratio >= min,
                    "{ours} / {theirs} at {min}"
                );
            }
        }
    }

    #[test]
    fn identical_sentences_have_no_differences() {
        let diff = word_diff("Same words here.", "Same words here.");
        assert!(diff.only_ours().is_empty() && diff.only_theirs().is_empty());
        assert!((diff.ratio - 1.0).abs() < f32::EPSILON);
    }

    #[test]
    fn similarity_counts_common_tokens() {
        assert!((similarity(&["a", "b", "c", "d"], &["a", "x", "c", "d"]) - 0.75).abs() < 1e-6);
        assert!(similarity(&[], &[]).abs() < 1e-6);
    }
}
