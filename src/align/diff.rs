//! Word diff (the only user of `similar`): two sentences → [`WordDiff`], the
//! runs of words they share and the runs only one of them has.
//!
//! Reports use it to show an editor which words differ. Inputs are normalised
//! texts, so typography (curly quotes, U+2011 hyphens) never shows up as a
//! difference. No deadline is set: a deadline would make output depend on
//! machine load, and segments are capped at 2,000 bytes, so Myers is quick.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

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
    fn identical_sentences_have_no_differences() {
        let diff = word_diff("Same words here.", "Same words here.");
        assert!(diff.only_ours().is_empty() && diff.only_theirs().is_empty());
        assert!((diff.ratio - 1.0).abs() < f32::EPSILON);
    }
}
