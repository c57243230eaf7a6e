//! The facts stage's tokenizer: one normalised sentence → [`Token`]s, the
//! words with what the rules need to know about them (lower case, a clause
//! break or comma before, position and byte range); and [`join_words`], the
//! way a run of tokens is written back in a fact's `text`.
//!
//! "$", "€", "£" and "%" are words of their own, hyphenated words split
//! ("12-year-old"), "U.S." kept whole, "1,000" one word.

use std::borrow::Cow;

use crate::text::words::lowercase;

/// A word of a sentence with what the extractor needs to know about it.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    pub(super) text: &'a str,
    /// `text` in lower case (borrowed when it already is).
    lowered: Cow<'a, str>,
    /// Clause boundary before this token (";", ":", "—", sentence punctuation).
    pub(super) clause_break: bool,
    /// A comma before this token.
    pub(super) comma: bool,
    /// Its position in the sentence.
    pub(super) index: usize,
    /// Its byte range in the sentence.
    pub(super) span: (usize, usize),
}

impl Token<'_> {
    /// The word in lower case.
    pub(super) fn lower(&self) -> &str {
        &self.lowered
    }
}

/// Split a sentence into words; "$" and "€" become words of their own,
/// hyphenated words split ("12-year-old"), clause punctuation remembered.
pub(super) fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut clause_break = false;
    let mut comma = false;
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        // The neighbours are read only for the few characters that need them.
        let next = || text[i + c.len_utf8()..].chars().next();
        let previous_is_digit = || {
            text[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_digit())
        };
        let joins = c.is_alphanumeric()
            || (matches!(c, '.' | '\'')
                && start.is_some()
                && next().is_some_and(char::is_alphanumeric))
            || (c == ','
                && start.is_some()
                && previous_is_digit()
                && next().is_some_and(|n| n.is_ascii_digit()));
        if joins {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take()
            && push_word(
                text,
                s,
                i,
                c == '.',
                &mut out,
                &mut clause_break,
                &mut comma,
            )
        {
            continue; // the "." of "U.S." ends nothing
        }
        match c {
            '$' | '€' | '£' | '%' => {
                out.push(Token {
                    text: &text[i..i + c.len_utf8()],
                    lowered: Cow::Owned(c.to_string()),
                    clause_break,
                    comma,
                    index: out.len(),
                    span: (i, i + c.len_utf8()),
                });
                clause_break = false;
                comma = false;
            }
            ';' | ':' | '—' | '–' | '.' | '!' | '?' | '(' | ')' | '•' => clause_break = true,
            ',' => comma = true,
            _ => {}
        }
    }
    if let Some(s) = start {
        push_word(
            text,
            s,
            text.len(),
            false,
            &mut out,
            &mut clause_break,
            &mut comma,
        );
    }
    out
}

/// Push `text[start..end]` as a word; `dot_follows` keeps "U.S." whole.
/// Returns whether the following "." was taken into the word.
fn push_word<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    dot_follows: bool,
    out: &mut Vec<Token<'a>>,
    clause_break: &mut bool,
    comma: &mut bool,
) -> bool {
    let word = &text[start..end];
    let takes_dot = dot_follows && word.eq_ignore_ascii_case("u.s");
    let end = if takes_dot { end + 1 } else { end };
    let word = &text[start..end];
    out.push(Token {
        text: word,
        lowered: lowercase(word),
        clause_break: *clause_break,
        comma: *comma,
        index: out.len(),
        span: (start, end),
    });
    *clause_break = false;
    *comma = false;
    takes_dot
}

pub(super) fn join_words(tokens: &[Token<'_>]) -> String {
    tokens
        .iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ")
        .replace("$ ", "$")
        .replace("€ ", "€")
        .replace("£ ", "£")
        .replace(" %", "%")
}
