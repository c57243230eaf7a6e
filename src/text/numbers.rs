//! Numbers as written → their exact value ([`Decimal`]): digits
//! ("800,000"), number words ("six"), and either with a scale after it
//! ("$50 billion" → 50000000000, "4.1 million" → 4100000). [`number_at`]
//! reads one at a word of a sentence: the aligner's number terms and the
//! facts stage's counts both come from it, so a figure written two ways
//! ("4.1 million", "4,100,000") is one term and one fact value.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::text::decimal::Decimal;

/// Number words up to twenty (sorted by word).
const NUMBER_WORDS: &[(&str, i128)] = &[
    ("eight", 8),
    ("eighteen", 18),
    ("eleven", 11),
    ("fifteen", 15),
    ("five", 5),
    ("four", 4),
    ("fourteen", 14),
    ("nine", 9),
    ("nineteen", 19),
    ("seven", 7),
    ("seventeen", 17),
    ("six", 6),
    ("sixteen", 16),
    ("ten", 10),
    ("thirteen", 13),
    ("three", 3),
    ("twelve", 12),
    ("twenty", 20),
    ("two", 2),
];

/// Scale words after a number and what they multiply it by.
const SCALES: &[(&str, i128)] = &[
    ("bn", 1_000_000_000),
    ("billion", 1_000_000_000),
    ("m", 1_000_000),
    ("million", 1_000_000),
    ("thousand", 1_000),
    ("trillion", 1_000_000_000_000),
];

static NUMBER_WORD_MAP: LazyLock<FxHashMap<&'static str, i128>> =
    LazyLock::new(|| NUMBER_WORDS.iter().copied().collect());

/// A number starting at `words[index]`: its value and how many words it used
/// ("50 billion" is one number). `None` also for digits too long to hold
/// exactly (38 of them), which state no figure.
pub(crate) fn number_at(words: &[&str], index: usize) -> Option<(Decimal, usize)> {
    let word = words[index];
    let value = if let Some(value) = number_word(word) {
        value
    } else if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        Decimal::parse(word)?
    } else {
        return None;
    };
    // Scales are ASCII, and the text is NFKC (no Kelvin sign lowering to
    // "k"), so comparing ASCII case-insensitively is comparing in lower case.
    let scale = words.get(index + 1).and_then(|next| {
        SCALES
            .iter()
            .find(|(s, _)| next.eq_ignore_ascii_case(s))
            .map(|&(_, factor)| Decimal::from_integer(factor))
    });
    Some(match scale {
        Some(factor) => (value.checked_mul(factor)?, 2),
        None => (value, 1),
    })
}

/// The value of a number word ("Twelve"), without allocating: number words
/// are short ASCII, so a word that is not cannot be one.
fn number_word(word: &str) -> Option<Decimal> {
    // Every word of every sentence is asked: most are ruled out by length
    // and first letter ("two" to "seventeen"; e, f, n, s, t) before any lookup.
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    if !(3..=9).contains(&word.len()) || !matches!(first, b'e' | b'f' | b'n' | b's' | b't') {
        return None;
    }
    let mut buffer = [0u8; 16];
    let lower = buffer.get_mut(..word.len()).filter(|_| word.is_ascii())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    NUMBER_WORD_MAP
        .get(lower)
        .copied()
        .map(Decimal::from_integer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_are_sorted_and_read_in_any_case() {
        assert!(NUMBER_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
        for &(word, value) in NUMBER_WORDS {
            let value = Some(Decimal::from_integer(value));
            assert_eq!(number_word(word), value, "{word}");
            assert_eq!(number_word(&word.to_uppercase()), value, "{word}");
        }
    }

    fn value_of(text: &str) -> (String, usize) {
        let words: Vec<&str> = text.split(' ').collect();
        let (value, used) = number_at(&words, 0).expect("a number");
        (value.to_string(), used)
    }

    #[test]
    fn figures_are_read_exactly() {
        assert_eq!(value_of("4.1 million drones"), ("4100000".into(), 2));
        assert_eq!(value_of("4,100,000 drones"), ("4100000".into(), 1));
        assert_eq!(value_of("105.41 billion"), ("105410000000".into(), 2));
        assert_eq!(value_of("800,000 troops"), ("800000".into(), 1));
        assert_eq!(value_of("Six people"), ("6".into(), 1));
        assert_eq!(value_of("0.5 million"), ("500000".into(), 2));
        assert_eq!(value_of("2.5 percent"), ("2.5".into(), 1));
        assert_eq!(value_of("1.25 bn"), ("1250000000".into(), 2));
        assert_eq!(value_of("50 billion"), ("50000000000".into(), 2));
        assert!(number_at(&["the", "4"], 0).is_none());
    }
}
