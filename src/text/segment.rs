//! Sentence segmentation: normalised text → byte ranges of sentences.
//!
//! Rule-based, written for news prose: a sentence ends at `.`, `!`, `?` or `…`
//! (plus closing quotes and brackets) followed by white space and a capital,
//! digit or opening quote. Not after abbreviations (`Mr.`, `Dec.`, `St.`), nor
//! after initialisms (`U.S.`, `J.D.`) unless the next word plainly starts a
//! sentence ("U.S. President" stays whole, "… the U.S. He said" splits), nor
//! inside decimals, nor before a lower-case word (scraped text has stray full
//! stops such as "Kirill Dmitriev. emphasized"). We keep this by hand rather
//! than use a crate because it is the core of the product and must keep exact
//! offsets into our own normalised text.

use std::ops::Range;

/// Longest segment we keep whole; longer runs without a sentence end are cut at
/// the last space before this, so one 5 MB line cannot become one 5 MB claim.
pub const MAX_SEGMENT_BYTES: usize = 2000;

/// Abbreviations that end in a full stop but rarely end a sentence (lower case, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "adm", "approx", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "dec", "dept", "dr", "feb",
    "fig", "ft", "gen", "gov", "hon", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "mar", "mr",
    "mrs", "ms", "mt", "no", "nov", "oct", "pres", "prof", "rep", "rev", "sen", "sep", "sept",
    "sgt", "sr", "st", "supt", "vs",
];

/// Words that start sentences; after an initialism ("the U.S.") they mean a new sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "a",
    "after",
    "an",
    "and",
    "as",
    "at",
    "but",
    "during",
    "for",
    "he",
    "her",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "meanwhile",
    "on",
    "one",
    "she",
    "since",
    "so",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "we",
    "when",
    "while",
    "yet",
];

/// Split `text` into sentence ranges (trimmed, never empty).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut index = 0;
    while index < chars.len() {
        let (_, c) = chars[index];
        if matches!(c, '.' | '!' | '?' | '…')
            && let Some(end_index) = sentence_end(text, &chars, start, index)
        {
            let end = chars.get(end_index).map_or(text.len(), |&(o, _)| o);
            push_trimmed(text, start..end, &mut ranges);
            start = end;
            index = end_index;
            continue;
        }
        index += 1;
    }
    push_trimmed(text, start..text.len(), &mut ranges);
    ranges
}

/// If the terminator at `index` ends a sentence, the char index just after it
/// (and after any closing quotes or brackets).
fn sentence_end(text: &str, chars: &[(usize, char)], start: usize, index: usize) -> Option<usize> {
    let mut after = index + 1;
    while after < chars.len()
        && matches!(
            chars[after].1,
            '.' | '!' | '?' | '…' | '"' | '\'' | ')' | ']'
        )
    {
        after += 1;
    }
    if after >= chars.len() {
        return None;
    }
    if !chars[after].1.is_whitespace() {
        return None;
    }
    let next = chars[after..].iter().find(|(_, c)| !c.is_whitespace())?.1;
    if !(next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '\'' | '(' | '[' | '•' | '$' | '€' | '£'))
    {
        return None;
    }
    if chars[index].1 == '.' {
        let word_start = chars[..index]
            .iter()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(start, |&(o, c)| o + c.len_utf8())
            .max(start);
        let word = text[word_start..chars[index].0].trim_start_matches(['(', '"', '\'', '[']);
        if is_abbreviation(word) {
            return None;
        }
        if is_initialism(word) && !next_word_starts_sentence(text, chars[after].0) {
            return None;
        }
    }
    Some(after)
}

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    ABBREVIATIONS.binary_search(&lower.as_str()).is_ok()
}

/// `U.S`, `J.D`, `D.C`, or a single capital such as a middle initial.
fn is_initialism(word: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for c in word.chars() {
        if expect_letter && c.is_alphabetic() {
            letters += 1;
            expect_letter = false;
        } else if !expect_letter && c == '.' {
            expect_letter = true;
        } else {
            return false;
        }
    }
    letters >= 2 || (letters == 1 && word.chars().all(char::is_uppercase))
}

fn next_word_starts_sentence(text: &str, from: usize) -> bool {
    let word: String = text[from..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    SENTENCE_STARTERS.binary_search(&word.as_str()).is_ok()
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    let (start, end) = (range.start + leading, range.end - trailing);
    if start >= end {
        return;
    }
    cut_overlong(text, start..end, out);
}

fn cut_overlong(text: &str, mut range: Range<usize>, out: &mut Vec<Range<usize>>) {
    while range.end - range.start > MAX_SEGMENT_BYTES {
        let mut limit = range.start + MAX_SEGMENT_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = text[range.start..limit]
            .rfind(char::is_whitespace)
            .filter(|&at| at > 0)
            .map_or(limit, |at| range.start + at);
        out.push(range.start..cut);
        let rest = text[cut..range.end].trim_start();
        range.start = range.end - rest.len();
    }
    if range.start < range.end {
        out.push(range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(SENTENCE_STARTERS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("One thing. Another thing! A third?"),
            vec!["One thing.", "Another thing!", "A third?"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initialisms() {
        assert_eq!(
            split(
                "The talks featured a U.S. special envoy who spoke. U.S. Vice President J.D. Vance said so."
            ),
            vec![
                "The talks featured a U.S. special envoy who spoke.",
                "U.S. Vice President J.D. Vance said so."
            ]
        );
        assert_eq!(
            split("It began on Feb. 24, 2022. Then more."),
            vec!["It began on Feb. 24, 2022.", "Then more."]
        );
        assert_eq!(
            split("Mr. Smith met Dr. Jones on St. Mark's."),
            vec!["Mr. Smith met Dr. Jones on St. Mark's."]
        );
        assert_eq!(
            split("He met the U.S. He left."),
            vec!["He met the U.S.", "He left."]
        );
    }

    #[test]
    fn decimals_quotes_and_stray_stops() {
        assert_eq!(
            split("GDP grows 4.5 % by 2028. Good."),
            vec!["GDP grows 4.5 % by 2028.", "Good."]
        );
        assert_eq!(
            split("committed to a \"just peace.\" He argued more."),
            vec!["committed to a \"just peace.\"", "He argued more."]
        );
        assert_eq!(
            split("envoy Kirill Dmitriev. emphasized the need."),
            vec!["envoy Kirill Dmitriev. emphasized the need."]
        );
    }

    #[test]
    fn cuts_overlong_runs_at_spaces() {
        let text = "word ".repeat(1000);
        let parts = sentences(&text);
        assert!(parts.len() >= 3);
        assert!(parts.iter().all(|r| r.len() <= MAX_SEGMENT_BYTES));
        assert!(parts.iter().all(|r| text[r.clone()].starts_with("word")));
    }
}
