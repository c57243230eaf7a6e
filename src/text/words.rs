//! Word lists shared by the aligner and the facts stage: lower-case word →
//! is it a stop word ([`is_stop_word`]), a capitalised word that is no name
//! ([`is_not_a_name`]), a synonym of a news concept ([`concept_of`]); and the
//! two spelling helpers every word goes through ([`lowercase`],
//! [`without_possessive`]).
//!
//! Invariant: each table is sorted (checked by a test), and looked up through
//! a hash set built once, as every word of every sentence is asked.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// Function words and reporting verbs ("said", "told"): they carry no
/// claim (sorted, for binary search).
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "tell",
    "tells",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
];

/// Capitalised words that are not names: titles, months, days, sentence starters (sorted).
const NOT_NAMES: &[&str] = &[
    "a",
    "according",
    "additionally",
    "advisor",
    "after",
    "aide",
    "also",
    "although",
    "an",
    "and",
    "april",
    "as",
    "at",
    "august",
    "besides",
    "breaking",
    "but",
    "by",
    "chairman",
    "chief",
    "commander",
    "december",
    "deputy",
    "despite",
    "director",
    "during",
    "earlier",
    "envoy",
    "february",
    "for",
    "friday",
    "from",
    "general",
    "governor",
    "he",
    "head",
    "however",
    "if",
    "in",
    "it",
    "its",
    "january",
    "july",
    "june",
    "key",
    "march",
    "may",
    "meanwhile",
    "minister",
    "monday",
    "mr",
    "mrs",
    "ms",
    "november",
    "october",
    "on",
    "one",
    "president",
    "prime",
    "saturday",
    "secretary",
    "senator",
    "separately",
    "september",
    "she",
    "since",
    "so",
    "special",
    "spokesman",
    "spokeswoman",
    "sunday",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thursday",
    "to",
    "tuesday",
    "two",
    "we",
    "wednesday",
    "when",
    "while",
    "with",
    "yet",
];

/// Words folded to one concept before stemming, so paraphrases of the same
/// act meet: `(word, concept)`, sorted by word.
const CONCEPTS: &[(&str, &str)] = &[
    ("america", "usa"),
    ("american", "usa"),
    ("contact", "meet"),
    ("contacts", "meet"),
    ("discussion", "meet"),
    ("discussions", "meet"),
    ("held", "meet"),
    ("killed", "kill"),
    ("launched", "fire"),
    ("launching", "fire"),
    ("meeting", "meet"),
    ("meetings", "meet"),
    ("met", "meet"),
    ("negotiations", "meet"),
    ("talks", "meet"),
    ("u.s", "usa"),
    ("us", "usa"),
    ("usa", "usa"),
];

/// `word` without its possessive ending: "Zelensky's" → "Zelensky",
/// "Witkoffs'" → "Witkoffs". The same as `trim_end_matches("'s")` then
/// `trim_end_matches('\'')`, without building a substring searcher for each
/// of the millions of words that pass through here.
pub(crate) fn without_possessive(word: &str) -> &str {
    let mut rest = word;
    while let Some(shorter) = rest.strip_suffix("'s") {
        rest = shorter;
    }
    rest.trim_end_matches('\'')
}

/// The word lists as hash tables: every word of every sentence is looked up
/// in them, and a binary search compares a dozen strings for each.
static STOP_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());
static NOT_NAME_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());
static CONCEPT_MAP: LazyLock<FxHashMap<&'static str, &'static str>> =
    LazyLock::new(|| CONCEPTS.iter().copied().collect());

/// Is this lower-case word capitalised only as a title, month, day or sentence starter?
pub(crate) fn is_not_a_name(lower: &str) -> bool {
    NOT_NAME_SET.contains(lower)
}

/// Is this lower-case word a function word or reporting verb?
pub(crate) fn is_stop_word(lower: &str) -> bool {
    STOP_SET.contains(lower)
}

/// `word` in lower case, borrowed when it already is (most words are).
pub(crate) fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The concept a lower-case word is folded to before stemming ("met" →
/// "meet", "u.s" → "usa"), if it is one of [`CONCEPTS`].
pub(crate) fn concept_of(lower: &str) -> Option<&'static str> {
    CONCEPT_MAP.get(lower).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(NOT_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(CONCEPTS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn possessive_endings_go_as_trimming_them_would() {
        for word in [
            "Zelensky's",
            "Witkoffs'",
            "it's's",
            "'s",
            "s",
            "James",
            "Kyiv''s'",
            "",
        ] {
            assert_eq!(
                without_possessive(word),
                word.trim_end_matches("'s").trim_end_matches('\''),
                "{word}"
            );
        }
    }
}
