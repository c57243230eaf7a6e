//! Marked text (pure): a sentence and the details only its source gives →
//! the sentence as HTML with those details in `<mark>`; another source's
//! sentence → its text as written with the words this one lacks in
//! `<mark>`; one side of a word diff → its text with the words the other
//! side lacks in `<mark>`.
//!
//! Details are word sequences as the aligner wrote them (punctuation and
//! typography gone: "Trump's" for "Trump‘s"), found again in the sentence
//! word by word, so each mark covers the sentence's own text.
//!
//! Evidence marks the words a sentence lacks as a set, not by a word diff:
//! on 10,000 articles a Myers diff of every listed supporter took 1.7 s,
//! seven times the rest of the HTML, and an editor scanning a backing
//! sentence asks which words are new, not in which order.

use std::ops::Range;

use maud::{Markup, html};
use rustc_hash::FxHashSet;
use unicode_segmentation::UnicodeSegmentation as _;

use crate::text::word_diff::{Side, WordDiff};

/// The words of `text` with their byte ranges and [`folded_hash`]es: how
/// words are matched, in details and in evidence alike.
fn words(text: &str) -> Vec<(Range<usize>, u64)> {
    text.unicode_word_indices()
        .map(|(start, word)| (start..start + word.len(), folded_hash(word)))
        .collect()
}

/// A word's hash with its case folded and curly apostrophes straightened,
/// without building the folded word: evidence compares every word of
/// every listed supporter.
fn folded_hash(word: &str) -> u64 {
    use std::hash::Hasher as _;
    let mut hasher = rustc_hash::FxHasher::default();
    if word.is_ascii() {
        // Most words: no case table, one byte at a time ('\'' stays '\'').
        word.bytes()
            .for_each(|b| hasher.write_u32(u32::from(b.to_ascii_lowercase())));
        return hasher.finish();
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        let c = if matches!(c, '\u{2018}' | '\u{2019}') {
            '\''
        } else {
            c
        };
        hasher.write_u32(u32::from(c));
    }
    hasher.finish()
}

/// Where `detail` first stands in `text`, word for word.
fn find_detail(text_words: &[(Range<usize>, u64)], detail: &str) -> Option<Range<usize>> {
    let wanted: Vec<u64> = words(detail).into_iter().map(|(_, w)| w).collect();
    if wanted.is_empty() || wanted.len() > text_words.len() {
        return None;
    }
    text_words
        .windows(wanted.len())
        .find(|window| window.iter().map(|(_, w)| w).eq(wanted.iter()))
        .map(|window| window[0].0.start..window[wanted.len() - 1].0.end)
}

/// The byte ranges of `text` each set of details covers, kept only where
/// every set covers them: the words no other source gives, when each
/// supporting source lacks its own set of them.
pub(super) fn only_here_ranges(text: &str, detail_sets: &[&[String]]) -> Vec<Range<usize>> {
    let text_words = words(text);
    let covered = |details: &[String]| -> Vec<bool> {
        let mut bytes = vec![false; text.len()];
        for range in details.iter().filter_map(|d| find_detail(&text_words, d)) {
            bytes[range].iter_mut().for_each(|b| *b = true);
        }
        bytes
    };
    let Some((first, rest)) = detail_sets.split_first() else {
        return Vec::new();
    };
    let mut everywhere = covered(first);
    for set in rest {
        for (kept, here) in everywhere.iter_mut().zip(covered(set)) {
            *kept &= here;
        }
    }
    runs_of_true(&everywhere)
}

/// The ranges where `flags` is true, in order.
fn runs_of_true(flags: &[bool]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, &flag) in flags.iter().enumerate() {
        match out.last_mut() {
            Some(last) if flag && last.end == i => last.end = i + 1,
            _ if flag => out.push(i..i + 1),
            _ => {}
        }
    }
    out
}

/// `theirs` as written, the words `ours` does not have marked
/// (`<mark class="differs">`); marks with only spaces or punctuation between
/// them are one.
pub(super) fn words_not_in(theirs: &str, ours: &str) -> Markup {
    let known: FxHashSet<u64> = words(ours).into_iter().map(|(_, w)| w).collect();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (range, word) in words(theirs) {
        if known.contains(&word) {
            continue;
        }
        match ranges.last_mut() {
            Some(last)
                if !theirs[last.end..range.start]
                    .chars()
                    .any(char::is_alphanumeric) =>
            {
                last.end = range.end;
            }
            _ => ranges.push(range),
        }
    }
    marked(theirs, &ranges, "differs")
}

/// `text` with each of `ranges` (in order, apart, on char boundaries) in a
/// `<mark class="only-here">`.
pub(super) fn with_marks(text: &str, ranges: &[Range<usize>]) -> Markup {
    marked(text, ranges, "only-here")
}

/// `text` with each of `ranges` in a `<mark>` of `class`.
fn marked(text: &str, ranges: &[Range<usize>], class: &str) -> Markup {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for range in ranges {
        let (Some(before), Some(marked)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        pieces.push((false, before));
        pieces.push((true, marked));
        at = range.end;
    }
    pieces.push((false, text.get(at..).unwrap_or_default()));
    html! {
        @for (marked, piece) in pieces {
            @if marked { mark class=(class) { (piece) } } @else { (piece) }
        }
    }
}

/// One side of a word diff, the words the other side lacks marked.
pub(super) fn diff_side(diff: &WordDiff, side: Side) -> Markup {
    html! {
        @for (differs, text) in diff.side_runs(side) {
            @if differs && !text.trim().is_empty() {
                (leading(&text)) mark.differs { (text.trim()) } (trailing(&text))
            } @else { (text) }
        }
    }
}

fn leading(text: &str) -> &str {
    &text[..text.len() - text.trim_start().len()]
}

fn trailing(text: &str) -> &str {
    &text[text.trim_end().len()..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_diff::word_diff;

    #[test]
    fn details_are_found_word_by_word_in_the_sentence_as_written() {
        let text = "Besides Witkoff, the delegation comprised President Donald Trump‘s son-in-law.";
        let sets = [vec!["Donald Trump's".to_owned()]];
        let sets: Vec<&[String]> = sets.iter().map(Vec::as_slice).collect();
        let ranges = only_here_ranges(text, &sets);
        assert_eq!(
            ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["Donald Trump‘s"]
        );
        assert_eq!(
            with_marks(text, &ranges).into_string(),
            "Besides Witkoff, the delegation comprised President \
             <mark class=\"only-here\">Donald Trump‘s</mark> son-in-law."
        );
    }

    #[test]
    fn only_words_every_supporting_source_lacks_are_marked() {
        let text = "Witkoff met Dmitriev in Miami on Saturday for three hours.";
        let one = vec!["in Miami on Saturday".to_owned()];
        let other = vec!["Saturday for three hours".to_owned()];
        let ranges = only_here_ranges(text, &[&one, &other]);
        assert_eq!(
            ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            ["Saturday"]
        );
        assert!(only_here_ranges(text, &[&one, &[]]).is_empty());
    }

    #[test]
    fn words_the_other_sentence_lacks_are_marked_as_written() {
        let marked = words_not_in(
            "Witkoff met Kirill Dmitriev, Russia‘s envoy, in Miami.",
            "Witkoff met Dmitriev in Miami on Saturday.",
        );
        assert_eq!(
            marked.into_string(),
            "Witkoff met <mark class=\"differs\">Kirill</mark> Dmitriev, \
             <mark class=\"differs\">Russia‘s envoy</mark>, in Miami."
        );
    }

    #[test]
    fn marked_text_is_escaped() {
        let text = "<script>alert(1)</script> in Miami";
        let in_miami = text.find("in Miami").expect("words");
        let range = in_miami..text.len();
        let marked = with_marks(text, std::slice::from_ref(&range)).into_string();
        assert_eq!(
            marked,
            "&lt;script&gt;alert(1)&lt;/script&gt; <mark class=\"only-here\">in Miami</mark>"
        );
        let diff = word_diff(
            "Russia fired 82 <b>drones</b>",
            "Russia fired 63 <b>drones</b>",
        );
        assert_eq!(
            diff_side(&diff, Side::Theirs).into_string(),
            "Russia fired <mark class=\"differs\">63</mark> &lt;b&gt;drones&lt;/b&gt;"
        );
    }
}
