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
    let view: Vec<(bool, &str)> = diff
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
    let mut out = String::new();
    for (differs, text) in merged {
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
