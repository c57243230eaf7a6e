//! Numbers as written → their value: digits ("800,000"), number words
//! ("six"), and either with a scale after it ("$50 billion" → 5e10, "4.1
//! million"). [`number_at`] reads one at a word of a sentence (the aligner's
//! number terms and the facts stage's counts both come from it), and
//! [`format_number`] gives the one spelling equal values share.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// Number words up to twenty (sorted by word).
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("eight", 8.0),
    ("eighteen", 18.0),
    ("eleven", 11.0),
    ("fifteen", 15.0),
    ("five", 5.0),
    ("four", 4.0),
    ("fourteen", 14.0),
    ("nine", 9.0),
    ("nineteen", 19.0),
    ("seven", 7.0),
    ("seventeen", 17.0),
    ("six", 6.0),
    ("sixteen", 16.0),
    ("ten", 10.0),
    ("thirteen", 13.0),
    ("three", 3.0),
    ("twelve", 12.0),
    ("twenty", 20.0),
    ("two", 2.0),
];

const SCALES: &[(&str, f64)] = &[
    ("bn", 1e9),
    ("billion", 1e9),
    ("m", 1e6),
    ("million", 1e6),
    ("thousand", 1e3),
    ("trillion", 1e12),
];

static NUMBER_WORD_MAP: LazyLock<FxHashMap<&'static str, f64>> =
    LazyLock::new(|| NUMBER_WORDS.iter().copied().collect());

/// A number starting at `words[index]`: its value and how many words it used
/// ("50 billion" is one number).
pub(crate) fn number_at(words: &[&str], index: usize) -> Option<(f64, usize)> {
    let word = words[index];
    let value = if let Some(value) = number_word(word) {
        value
    } else if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        word.replace(',', "").parse::<f64>().ok()?
    } else {
        return None;
    };
    // Scales are ASCII, and the text is NFKC (no Kelvin sign lowering to
    // "k"), so comparing ASCII case-insensitively is comparing in lower case.
    let scale = words.get(index + 1).and_then(|next| {
        SCALES
            .iter()
            .find(|(s, _)| next.eq_ignore_ascii_case(s))
            .map(|(_, f)| *f)
    });
    Some(match scale {
        Some(factor) => (value * factor, 2),
        None => (value, 1),
    })
}

/// The value of a number word ("Twelve"), without allocating: number words
/// are short ASCII, so a word that is not cannot be one.
fn number_word(word: &str) -> Option<f64> {
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

pub(crate) fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && (0.0..1e15).contains(&value) {
        // The same digits as `format!("{value:.0}")`, without the float
        // formatting machinery (every number of every sentence comes here).
        (value as u64).to_string()
    } else if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_are_sorted_and_read_in_any_case() {
        assert!(NUMBER_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
        for &(word, value) in NUMBER_WORDS {
            assert_eq!(number_word(word), Some(value), "{word}");
            assert_eq!(number_word(&word.to_uppercase()), Some(value), "{word}");
        }
    }

    #[test]
    fn whole_numbers_are_written_as_integers() {
        for value in [
            0.0f64,
            7.0,
            63.0,
            1e3,
            5e10,
            999_999_999_999_999.0,
            1.5,
            1e15,
            2e20,
        ] {
            let written = if value.fract() == 0.0 && value < 1e15 {
                format!("{value:.0}")
            } else {
                format!("{value}")
            };
            assert_eq!(format_number(value), written);
        }
    }
}
