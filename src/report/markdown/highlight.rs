//! A word diff as Markdown (pure): one side of a [`WordDiff`] → its text,
//! escaped, with the words the other side lacks in bold.
//!
//! Only escaped text goes between the `**` marks, so a diff of untrusted
//! text adds no markup but the bold.

use std::fmt::Write as _;

use super::escape::escape;
use crate::text::word_diff::{Side, WordDiff};

/// One side of a word diff, words the other side lacks in bold; the spaces
/// between two differing words do not split the bold. A bold run always
/// spans whole words: "63**.** of" is no emphasis in CommonMark (a `**`
/// between a digit and a full stop opens nothing) and showed the marks, so
/// when a run starts (or ends) with punctuation right against a word, that
/// word is bold with it ("**63.** of").
pub(super) fn highlighted(diff: &WordDiff, side: Side) -> String {
    let mut runs = diff.side_runs(side);
    for k in 0..runs.len() {
        if !runs[k].0 || runs[k].1.trim().is_empty() {
            continue;
        }
        // Pull in the word characters touching the run on either side.
        let starts_with_mark = runs[k].1.starts_with(|c: char| c.is_ascii_punctuation());
        let ends_with_mark = runs[k].1.ends_with(|c: char| c.is_ascii_punctuation());
        let word_before = k > 0 && !runs[k - 1].0 && runs[k - 1].1.ends_with(char::is_alphanumeric);
        if starts_with_mark && word_before {
            let before = &mut runs[k - 1].1;
            let cut = before.trim_end_matches(|c: char| !c.is_whitespace()).len();
            let touching = before.split_off(cut);
            runs[k].1.insert_str(0, &touching);
        }
        let word_after = k + 1 < runs.len()
            && !runs[k + 1].0
            && runs[k + 1].1.starts_with(char::is_alphanumeric);
        if ends_with_mark && word_after {
            let after = &runs[k + 1].1;
            let cut = after.len() - after.trim_start_matches(|c: char| !c.is_whitespace()).len();
            let touching: String = after[..cut].to_owned();
            runs[k + 1].1.replace_range(..cut, "");
            runs[k].1.push_str(&touching);
        }
    }
    let mut out = String::new();
    for (differs, text) in runs {
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

    #[test]
    fn punctuation_changed_against_a_word_bolds_the_whole_word() {
        let diff = word_diff(
            "63 of which were intercepted",
            "63. of which were intercepted",
        );
        let shown = highlighted(&diff, Side::Theirs);
        assert!(!shown.contains("3**"), "{shown}");
        assert!(
            shown.starts_with("**63.**") || shown.starts_with("**63\\.**"),
            "{shown}"
        );
        // Parsed as CommonMark, the marks are emphasis, not text.
        use pulldown_cmark::{Event, Parser, Tag};
        let events: Vec<Event<'_>> = Parser::new(&shown).collect();
        assert!(
            events
                .iter()
                .any(|e| matches!(e, Event::Start(Tag::Strong))),
            "{events:?}"
        );
        assert!(
            !events
                .iter()
                .any(|e| matches!(e, Event::Text(t) if t.contains('*'))),
            "{events:?}"
        );
    }
}
