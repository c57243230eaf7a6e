//! Numbers as written → their exact value ([`Decimal`]): digits
//! ("800,000"), number words ("six"), and either with a scale after it
//! ("$50 billion" → 50000000000, "4.1 million" → 4100000). [`number_at`]
//! reads one at a word of a sentence: the aligner's number terms and the
//! facts stage's counts both come from it, so a figure written two ways
//! ("4.1 million", "4,100,000") is one term and one fact value.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::text::decimal::Decimal;

/// Number words up to twenty, and the tens (sorted by word).
const NUMBER_WORDS: &[(&str, i128)] = &[
    ("eight", 8),
    ("eighteen", 18),
    ("eighty", 80),
    ("eleven", 11),
    ("fifteen", 15),
    ("fifty", 50),
    ("five", 5),
    ("forty", 40),
    ("four", 4),
    ("fourteen", 14),
    ("nine", 9),
    ("nineteen", 19),
    ("ninety", 90),
    ("seven", 7),
    ("seventeen", 17),
    ("seventy", 70),
    ("six", 6),
    ("sixteen", 16),
    ("sixty", 60),
    ("ten", 10),
    ("thirteen", 13),
    ("thirty", 30),
    ("three", 3),
    ("twelve", 12),
    ("twenty", 20),
    ("two", 2),
];

/// Scale words after a number and what they multiply it by.
const SCALES: &[(&str, i128)] = &[
    ("bn", 1_000_000_000),
    ("billion", 1_000_000_000),
    ("hundred", 100),
    ("m", 1_000_000),
    ("million", 1_000_000),
    ("thousand", 1_000),
    ("trillion", 1_000_000_000_000),
];

static NUMBER_WORD_MAP: LazyLock<FxHashMap<&'static str, i128>> =
    LazyLock::new(|| NUMBER_WORDS.iter().copied().collect());

/// A number starting at `words[index]`: its value and how many words it used
/// ("50 billion" is one number, and so is "Twenty-seven", which reaches here
/// as two words). `None` also for digits too long to hold exactly (38 of
/// them), which state no figure.
pub(crate) fn number_at(words: &[&str], index: usize) -> Option<(Decimal, usize)> {
    let word = words[index];
    let (value, mut used) = if let Some(value) = number_word(word) {
        let is_ten = value >= 20 && value % 10 == 0;
        let unit = words
            .get(index + 1)
            .filter(|_| is_ten)
            .and_then(|next| unit_word(next));
        match unit {
            Some(unit) => (Decimal::from_integer(value + unit), 2),
            None => (Decimal::from_integer(value), 1),
        }
    } else if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        (Decimal::parse(word)?, 1)
    } else {
        return None;
    };
    // "two hundred thousand": scales multiply in turn.
    let mut value = value;
    for _ in 0..MAX_SCALES {
        let Some(factor) = words
            .get(index + used)
            .and_then(|next| looked_up(SCALES, next))
        else {
            break;
        };
        value = value.checked_mul(Decimal::from_integer(factor))?;
        used += 1;
    }
    Some((value, used))
}

/// A unit word after a ten ("twenty-seven"). "one" counts here though it is
/// no number word: alone it is as often a pronoun ("no one", "the one who")
/// as a count.
fn unit_word(word: &str) -> Option<i128> {
    if word.eq_ignore_ascii_case("one") {
        return Some(1);
    }
    number_word(word).filter(|unit| (2..=9).contains(unit))
}

/// Scale words one number may carry: "hundred thousand"; a third is no
/// way to write a count.
const MAX_SCALES: usize = 2;

/// A word's value in a short table. Scales are ASCII, and the text is NFKC
/// (no Kelvin sign lowering to "k"), so comparing ASCII case-insensitively is
/// comparing in lower case.
fn looked_up(table: &[(&str, i128)], word: &str) -> Option<i128> {
    table
        .iter()
        .find(|(entry, _)| word.eq_ignore_ascii_case(entry))
        .map(|&(_, value)| value)
}

/// The value of a number word ("Twelve"), without allocating: number words
/// are short ASCII, so a word that is not cannot be one.
fn number_word(word: &str) -> Option<i128> {
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
    NUMBER_WORD_MAP.get(lower).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_are_sorted_and_read_in_any_case() {
        assert!(NUMBER_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
        for &(word, value) in NUMBER_WORDS {
            let value = Some(value);
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
        assert_eq!(value_of("Twenty seven Iraqis"), ("27".into(), 2));
        assert_eq!(value_of("forty one people"), ("41".into(), 2));
        assert_eq!(value_of("twenty people"), ("20".into(), 1));
        assert_eq!(value_of("two hundred thousand"), ("200000".into(), 3));
        assert_eq!(value_of("Sixty five million"), ("65000000".into(), 3));
        // A unit word after anything but a ten is a number of its own.
        assert_eq!(value_of("twelve seven"), ("12".into(), 1));
        assert_eq!(value_of("three two"), ("3".into(), 1));
    }
}
