//! What identifies text across runs (pure): a text → its words key (lower
//! case, letters and digits only), so that an edit touching only spacing or
//! punctuation compares equal; a source → its content hash (`report.json`
//! `content_hash`); a run's segments → their keys (source, words, occurrence).

use std::collections::BTreeMap;

use crate::report::{SegmentReport, SourceReport};

/// Hex digits of a source's content hash kept: 64 bits, so two versions of
/// one source hashing alike is out of the question.
const CONTENT_HASH_HEX_DIGITS: usize = 16;

/// A segment's words: lower case, letters and digits only, so spacing and
/// punctuation edits compare equal.
pub(super) fn words_key(text: &str) -> String {
    if text.is_ascii() {
        ascii_words_key(text)
    } else {
        unicode_words_key(text)
    }
}

fn unicode_words_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// [`words_key`] of ASCII text, a byte at a time (most text is ASCII, and
/// every segment of every source passes through here on every run).
fn ascii_words_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut in_word = false;
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() {
            if !in_word && !key.is_empty() {
                key.push(' ');
            }
            key.push(char::from(byte.to_ascii_lowercase()));
            in_word = true;
        } else {
            in_word = false;
        }
    }
    key
}

/// A short hash of a source's words and metadata: equal when only spacing or
/// punctuation changed.
pub(crate) fn content_hash(source: &SourceReport, segments: &[SegmentReport]) -> String {
    let mut hasher = blake3::Hasher::new();
    let info = &source.info;
    let published = info.published.map(|p| p.to_string());
    for field in [
        &info.outlet,
        &info.title,
        &info.url,
        &published,
        &info.byline,
    ] {
        hasher.update(words_key(field.as_deref().unwrap_or_default()).as_bytes());
        hasher.update(b"\0");
    }
    for segment in segments {
        hasher.update(words_key(&segment.segment.text).as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().to_hex()[..CONTENT_HASH_HEX_DIGITS].to_owned()
}

/// A segment's identity across runs: its source, its words, and which
/// occurrence of those words in the source it is (a line can repeat).
/// Words are compared by a 64-bit hash of them: tens of thousands of
/// segments are keyed on every run.
pub(super) type Key = (String, u64, usize);

/// A 64-bit hash of a text's words (see [`words_key`]).
pub(super) fn words_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(words_key(text).as_bytes())
}

/// The key of each segment, given as (source, text), in order.
pub(super) fn keys<'a>(segments: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<Key> {
    let mut seen: BTreeMap<(&str, u64), usize> = BTreeMap::new();
    segments
        .map(|(source, text)| {
            let words = words_hash(text);
            let occurrence = seen.entry((source, words)).or_default();
            *occurrence += 1;
            (source.to_owned(), words, *occurrence)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_words_key_is_the_unicode_one() {
        let texts = [
            "Russia fired 82 drones, 63 of which--were intercepted.",
            "",
            "  a  ",
            "U.S.-Ukraine",
            "x1,000 Y",
        ];
        for text in texts {
            assert_eq!(ascii_words_key(text), unicode_words_key(text), "{text}");
        }
        proptest::proptest!(|(text in "[ -~\n\t]{0,40}")| {
            proptest::prop_assert_eq!(ascii_words_key(&text), unicode_words_key(&text));
        });
        assert_eq!(words_key("Déjà vu, 2025!"), "déjà vu 2025");
    }
}
