//! Word diff (the only user of `similar`): two sentences → [`WordDiff`], the
//! runs of words they share and the runs only one of them has.
//!
//! Reports use it to show an editor which words differ. Inputs are normalised
//! texts, so typography (curly quotes, U+2011 hyphens) never shows up as a
//! difference. No deadline is set: a deadline would make output depend on
//! machine load, and segments are capped at 2,000 bytes, so Myers is quick.

use rustc_hash::FxHashMap;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use unicode_segmentation::UnicodeSegmentation as _;

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
    /// The runs only in the first sentence, trimmed and non-empty.
    pub fn only_ours(&self) -> Vec<&str> {
        self.only(Side::Ours)
    }

    /// The runs only in the second sentence, trimmed and non-empty.
    pub fn only_theirs(&self) -> Vec<&str> {
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

/// Diff two sentences word by word.
pub fn word_diff(ours: &str, theirs: &str) -> WordDiff {
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

/// Whether [`word_diff`] of two sentences has a ratio of at least `min`.
/// Counting the tokens the two share first (no diff can match more) rules
/// out most pairs without the costly diff; the answer is the same either way.
pub fn ratio_at_least(ours: &str, theirs: &str, min: f32) -> bool {
    let ours: Vec<&str> = ours.split_word_bounds().collect();
    let theirs: Vec<&str> = theirs.split_word_bounds().collect();
    let mut unmatched: FxHashMap<&str, usize> = FxHashMap::default();
    for token in &ours {
        *unmatched.entry(token).or_default() += 1;
    }
    let mut shared = 0;
    for token in &theirs {
        if let Some(count) = unmatched.get_mut(token).filter(|count| **count > 0) {
            *count -= 1;
            shared += 1;
        }
    }
    // similar's ratio: twice the equal tokens over both lengths.
    let total = ours.len() + theirs.len();
    if total > 0 && 2.0 * shared as f32 / (total as f32) < min {
        return false;
    }
    TextDiff::configure().diff_slices(&ours, &theirs).ratio() >= min
}

#[cfg(test)]
mod tests {
    use super::*;

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
                    ratio_at_least(ours, theirs, min),
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
}
