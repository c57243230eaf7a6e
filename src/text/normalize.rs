//! Normalisation for matching: text as written → [`Normalized`] text plus a byte
//! map back to the original.
//!
//! Applied: Unicode NFKC (per grapheme, so the map stays exact), curly quotes to
//! straight ones, Unicode hyphens (U+2010–U+2012, the non-breaking U+2011 all
//! over scraped text) to `-`, every kind of space to one ASCII space (line
//! breaks kept, they carry structure), invisible characters dropped, and a space
//! put back where scraping lost it: `Miami,United` → `Miami, United`,
//! `U.S.envoy` → `U.S. envoy`, `December 21,2025` → `December 21, 2025`
//! (a thousands separator such as `800,000` is left alone).
//! The original text is never changed; reports show it as written.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::narrow::to_u32;

/// Normalised text with, for every byte of it, the byte offset in the input it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// `origin[i]` is the input offset of the character that produced byte `i`;
    /// one extra entry at the end holds the input length.
    pub origin: Vec<u32>,
}

impl Normalized {
    /// Map a byte offset in the normalised text to the input.
    pub fn to_input(&self, offset: usize) -> usize {
        self.origin
            .get(offset)
            .or_else(|| self.origin.last())
            .map_or(0, |&o| o as usize)
    }
}

/// Normalise `input` (see the module docs).
pub fn normalize(input: &str) -> Normalized {
    restore_missing_spaces(fold_characters(input))
}

/// Normalise a short piece of text and return only the text (for quotes,
/// titles and comparisons), with whitespace squeezed and trimmed.
pub fn normalize_str(input: &str) -> String {
    squeeze_whitespace(&normalize(input).text)
}

/// Collapse runs of whitespace (line breaks included) into single spaces and trim.
pub fn squeeze_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn push_mapped(out: &mut Normalized, text: &str, from: usize) {
    out.text.push_str(text);
    let from = to_u32(from);
    out.origin.extend(std::iter::repeat_n(from, text.len()));
}

fn fold_characters(input: &str) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(input.len()),
        origin: Vec::with_capacity(input.len() + 1),
    };
    let mut buffer = String::new();
    let mut offset = 0;
    while offset < input.len() {
        let run = plain_ascii_run(input.as_bytes(), offset);
        if run > 0 {
            // Characters that fold to themselves, each its own grapheme
            // and its own origin: copied whole.
            out.text.push_str(&input[offset..offset + run]);
            let from = to_u32(offset);
            let to = to_u32(offset + run);
            out.origin.extend(from..to);
            offset += run;
            continue;
        }
        let grapheme = next_grapheme(input, offset);
        let at = offset;
        offset += grapheme.len();
        if let [byte] = grapheme.as_bytes() {
            // ASCII: NFKC leaves it as it is; one character to fold.
            if let Some(c) = fold_char(char::from(*byte)) {
                push_folded(&mut out, c.encode_utf8(&mut [0; 4]), at);
            }
            continue;
        }
        buffer.clear();
        buffer.extend(grapheme.nfkc().filter_map(fold_char));
        push_folded(&mut out, &buffer, at);
    }
    out.origin.push(to_u32(input.len()));
    out
}

/// How many bytes from `offset` are printable ASCII that [`fold_char`]
/// keeps as they are (no space, no backtick), each a grapheme of its own:
/// the last is left out when a non-ASCII byte follows, as a combining mark
/// joins the character before it.
fn plain_ascii_run(bytes: &[u8], offset: usize) -> usize {
    let plain = |b: u8| b.is_ascii_graphic() && b != b'`';
    let run = bytes[offset..].iter().take_while(|&&b| plain(b)).count();
    match bytes.get(offset + run) {
        Some(next) if !next.is_ascii() => run.saturating_sub(1),
        _ => run,
    }
}

/// Append what the input at `at` folded to: a space only where the text does
/// not already end in one (or a line break), and no space before a line break.
fn push_folded(out: &mut Normalized, folded: &str, at: usize) {
    if folded.is_empty() {
        return;
    }
    if folded == " " && (out.text.is_empty() || out.text.ends_with([' ', '\n'])) {
        return;
    }
    if folded == "\n" && out.text.ends_with(' ') {
        out.text.pop();
        out.origin.pop();
    }
    push_mapped(out, folded, at);
}

/// The grapheme starting at `offset`, a grapheme boundary. Most text is
/// ASCII, and an ASCII character followed by another (bar CR LF) is a
/// grapheme of its own: no need to run the segmenter for it.
fn next_grapheme(input: &str, offset: usize) -> &str {
    let bytes = input.as_bytes();
    let first = bytes[offset];
    let next = bytes.get(offset + 1).copied();
    let stands_alone = first.is_ascii()
        && next.is_none_or(|next| next.is_ascii() && !(first == b'\r' && next == b'\n'));
    if stands_alone {
        &input[offset..=offset]
    } else {
        input[offset..]
            .graphemes(true)
            .next()
            .unwrap_or(&input[offset..])
    }
}

/// Fold one character: `None` drops it.
fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Some('\'')
        }
        // Guillemets stay: scraped pages use » as a breadcrumb separator.
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => Some('-'),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
        '\n' => Some('\n'),
        '\r' => None,
        c if c.is_whitespace() => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    }
}

fn restore_missing_spaces(folded: Normalized) -> Normalized {
    let text = &folded.text;
    // A space is only ever put after `,`, `;` or `.` glued to a letter or
    // digit; most texts have none, and stay as they are.
    let may_need_space = text.as_bytes().windows(2).any(|pair| {
        matches!(pair[0], b',' | b';' | b'.')
            && (pair[1].is_ascii_alphanumeric() || !pair[1].is_ascii())
    });
    if !may_need_space {
        return folded;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Normalized {
        text: String::with_capacity(text.len() + text.len() / 32),
        origin: Vec::with_capacity(folded.origin.len() + folded.origin.len() / 32),
    };
    for (index, &(offset, c)) in chars.iter().enumerate() {
        let origin = folded.origin.get(offset).copied().unwrap_or(0);
        if index > 0 && needs_space_before(&chars, index) {
            out.text.push(' ');
            out.origin.push(origin);
        }
        let mut utf8 = [0u8; 4];
        let encoded = c.encode_utf8(&mut utf8);
        out.text.push_str(encoded);
        out.origin
            .extend(std::iter::repeat_n(origin, encoded.len()));
    }
    out.origin.push(folded.origin.last().copied().unwrap_or(0));
    out
}

/// Did scraping glue this character to the punctuation before it?
fn needs_space_before(chars: &[(usize, char)], index: usize) -> bool {
    let c = chars[index].1;
    let previous = chars[index - 1].1;
    let before = |back: usize| index.checked_sub(back).map(|i| chars[i].1);
    let run_after =
        |pred: fn(char) -> bool| chars[index..].iter().take_while(|(_, c)| pred(*c)).count();
    let run_before = |end: usize, pred: fn(char) -> bool| {
        chars[..end]
            .iter()
            .rev()
            .take_while(|(_, c)| pred(*c))
            .count()
    };
    match previous {
        ',' | ';' if c.is_alphabetic() => before(2).is_some_and(|b| !b.is_whitespace()),
        // "21,2025": a day glued to a year; thousands groups always have 3 digits.
        ',' if c.is_ascii_digit() => {
            let year_digits = run_after(|c| c.is_ascii_digit());
            let day_digits = run_before(index - 1, |c| c.is_ascii_digit());
            year_digits == 4
                && (1..=2).contains(&day_digits)
                && chars[index..index + 4]
                    .iter()
                    .map(|(_, c)| c.to_digit(10).unwrap_or(0))
                    .fold(0, |year, d| year * 10 + d)
                    >= 1900
        }
        '.' if c.is_lowercase() => {
            // "U.S.envoy": an initialism glued to the next word (not "e.g.").
            let word = run_after(char::is_alphabetic);
            word >= 2 && before(2).is_some_and(char::is_uppercase) && before(3) == Some('.')
        }
        '.' if c.is_uppercase() => {
            // "processed.Learn": a sentence end glued to the next sentence.
            let next_is_lower = chars.get(index + 1).is_some_and(|(_, c)| c.is_lowercase());
            next_is_lower && run_before(index - 1, char::is_lowercase) >= 2
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;

    fn norm(s: &str) -> String {
        normalize(s).text
    }

    /// [`fold_characters`] one grapheme at a time, without the shortcut
    /// for runs of plain ASCII.
    fn fold_one_by_one(input: &str) -> Normalized {
        let mut out = Normalized {
            text: String::new(),
            origin: Vec::new(),
        };
        let mut offset = 0;
        while offset < input.len() {
            let grapheme = next_grapheme(input, offset);
            let folded: String = grapheme.nfkc().filter_map(fold_char).collect();
            push_folded(&mut out, &folded, offset);
            offset += grapheme.len();
        }
        out.origin.push(to_u32(input.len()));
        out
    }

    #[test]
    fn runs_of_plain_ascii_fold_as_each_character_would() {
        let pieces = proptest::sample::select(vec![
            "a", "Z", "7", ",", ".", "`", " ", "  ", "\n", "\r\n", "\t", "\u{301}", "e\u{301}",
            "\u{2019}", "\u{201C}", "\u{a0}", "\u{200B}", "\u{FB01}", "\u{FF2D}", "é", "-",
        ]);
        let text = proptest::collection::vec(pieces, 0..40).prop_map(|p| p.concat());
        proptest::proptest!(|(input in text)| {
            proptest::prop_assert_eq!(fold_characters(&input), fold_one_by_one(&input));
        });
    }

    #[test]
    fn a_combining_mark_stays_with_its_ascii_letter() {
        // The ASCII shortcut must not split "e" from the accent after it:
        // NFKC composes the two into "é" only when they are one grapheme.
        let normalized = normalize("Cafe\u{301} and Sa\u{308}o\r\nnext");
        assert_eq!(normalized.text, "Caf\u{e9} and S\u{e4}o\nnext");
        assert_eq!(normalized.to_input(3), 3);
        assert_eq!(normalized.to_input(5), 6);
    }

    #[test]
    fn folds_typography() {
        assert_eq!(norm("Ukraine\u{2019}s"), "Ukraine's");
        assert_eq!(norm("\u{201C}just peace.\u{201D}"), "\"just peace.\"");
        assert_eq!(norm("Washington\u{2011}Backed"), "Washington-Backed");
        assert_eq!(norm("21\u{202F}December\u{202F}2025"), "21 December 2025");
        assert_eq!(norm("Special Envoy\u{00A0} Steve"), "Special Envoy Steve");
        assert_eq!(norm("Um\u{00E9}rov"), "Um\u{00E9}rov");
        assert_eq!(norm("Ume\u{0301}rov"), "Um\u{00E9}rov");
    }

    #[test]
    fn restores_missing_spaces() {
        assert_eq!(norm("Miami,United States"), "Miami, United States");
        assert_eq!(norm("The U.S.envoy stressed"), "The U.S. envoy stressed");
        assert_eq!(norm("The U.S.will legislate"), "The U.S. will legislate");
        assert_eq!(norm("December 21,2025"), "December 21, 2025");
        assert_eq!(norm("800,000 troops"), "800,000 troops");
        assert_eq!(norm("e.g. this"), "e.g. this");
        assert_eq!(norm("4.5 %"), "4.5 %");
        assert_eq!(norm("U.S.-Ukraine"), "U.S.-Ukraine");
        assert_eq!(norm("processed.Learn how"), "processed. Learn how");
    }

    #[test]
    fn keeps_line_breaks_and_squeezes_spaces() {
        assert_eq!(norm("a  b \n c"), "a b\nc");
    }

    #[test]
    fn maps_back_to_input() {
        let input = "Miami,United \u{201C}x\u{201D}";
        let n = normalize(input);
        let at = n.text.find("United").unwrap_or(0);
        assert_eq!(&input[n.to_input(at)..n.to_input(at) + 6], "United");
        let quote = n.text.find('x').unwrap_or(0);
        assert_eq!(&input[n.to_input(quote)..n.to_input(quote) + 1], "x");
        assert_eq!(n.to_input(n.text.len()), input.len());
    }
}
