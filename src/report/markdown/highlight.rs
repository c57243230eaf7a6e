//! A word diff as Markdown (pure): one side of a [`WordDiff`] → its text,
//! escaped, with the words the other side lacks in bold.
//!
//! Only escaped text goes between the `**` marks, so a diff of untrusted
//! text adds no markup but the bold.

use std::fmt::Write as _;

use super::escape::escape;
use crate::text::word_diff::{Side, WordDiff};

/// One side of a word diff, words the other side lacks in bold; the spaces
/// between two differing words do not split the bold.
pub(super) fn highlighted(diff: &WordDiff, side: Side) -> String {
    let mut out = String::new();
    for (differs, text) in diff.side_runs(side) {
        let trimmed = text.trim();
        if !differs || trimmed.is_empty() {
            out.push_str(&escape(&text));
            continue;
        }
        let leading = &text[..text.len() - text.trim_start().len()];
        let trailing = &text[text.trim_end().len()..];
        let _ = write!(out, "{leading}**{}**{trailing}", escape(trimmed));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_diff::word_diff;

    #[test]
    fn differing_words_are_bold_and_escaped() {
        let diff = word_diff(
            "Russia fired 82 drones *at* Kyiv.",
            "Russia fired 63 drones *at* Kyiv.",
        );
        assert_eq!(
            highlighted(&diff, Side::Ours),
            "Russia fired **82** drones \\*at\\* Kyiv."
        );
        assert_eq!(
            highlighted(&diff, Side::Theirs),
            "Russia fired **63** drones \\*at\\* Kyiv."
        );
    }
}
