//! People and names in one sentence (pure): runs of capitalised words that
//! name a person, titles stripped from the front and organisations, places
//! and nations left out ([`people`], [`people_named`]); and every proper name
//! other than nations and titles, folded ([`names`]), which tells whether two
//! sentences are about the same matter.

use super::lexicon::{GROUPS, is_month, is_title, nation};
use super::tokens::{Token, tokens};
use crate::text::names::{fold_name, is_capitalised};
use crate::text::words::{is_not_a_name, is_stop_word};

/// Words that make a capitalised run an organisation or place, not a person.
const ORGANISATIONS: &[&str] = &[
    "act",
    "agency",
    "agreement",
    "agreements",
    "army",
    "bureau",
    "center",
    "centre",
    "committee",
    "congress",
    "council",
    "department",
    "force",
    "forces",
    "fund",
    "group",
    "house",
    "international",
    "ministry",
    "office",
    "partnership",
    "police",
    "union",
];

/// Proper names other than nations and titles, folded; the first word of the
/// sentence only when another name follows it.
pub(super) fn names(tokens: &[Token<'_>]) -> Vec<String> {
    let mut out: Vec<String> = tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            is_capitalised(t.text)
                && (*i > 0 && !t.clause_break
                    || tokens.get(i + 1).is_some_and(|n| is_capitalised(n.text)))
                && nation(t.lower()).is_none()
                && !is_title(t.lower())
                && !is_month(t.lower().trim_end_matches('.'))
                && !is_stop_word(t.lower())
                && t.text.chars().any(char::is_alphabetic)
        })
        .map(|(_, t)| fold_name(t.text))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// People named in a sentence with first and last name ("Antony Blinken"),
/// titles stripped, places and organisations left out.
pub(crate) fn people_named(text: &str) -> Vec<String> {
    people(&tokens(text))
        .into_iter()
        .filter(|name| name.contains(' '))
        .collect()
}

/// Runs of capitalised words that name a person: titles stripped from the
/// front, organisations and nations left out.
pub(super) fn people(tokens: &[Token<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&Token<'_>> = Vec::new();
    let mut finish = |run: &mut Vec<&Token<'_>>| {
        let start = run
            .iter()
            .position(|t| {
                !is_title(t.lower())
                    && nation(t.lower()).is_none()
                    && !is_not_a_name(t.lower())
                    && !is_stop_word(t.lower())
            })
            .unwrap_or(run.len());
        let name = &run[start..];
        // "in Miami", "from Kyiv": a place.
        let after_preposition = run
            .first()
            .and_then(|first| first.index.checked_sub(1))
            .is_some_and(|i| {
                matches!(
                    tokens[i].lower(),
                    "in" | "at" | "from" | "to" | "near" | "into"
                )
            });
        let is_person = !name.is_empty()
            && !after_preposition
            && name.iter().all(|t| {
                !ORGANISATIONS.contains(&t.lower())
                    && t.lower() != "united"
                    && nation(t.lower()).is_none()
                    && !t
                        .text
                        .chars()
                        .all(|c| c.is_uppercase() || !c.is_alphabetic())
            });
        if is_person {
            let joined = name.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
            out.push(
                joined
                    .trim_end_matches("'s")
                    .trim_end_matches('\'')
                    .to_owned(),
            );
        }
        run.clear();
    };
    for (i, token) in tokens.iter().enumerate() {
        let capitalised = is_capitalised(token.text) && token.text.chars().any(char::is_alphabetic);
        let breaks = token.clause_break || token.comma || !capitalised;
        if breaks && !run.is_empty() {
            finish(&mut run);
        }
        // "Secretary of State Antony Blinken": "of" inside a title keeps the run.
        if capitalised && (i > 0 || tokens.get(1).is_some_and(|n| is_capitalised(n.text))) {
            run.push(token);
        }
    }
    if !run.is_empty() {
        finish(&mut run);
    }
    out.retain(|name| !GROUPS.iter().any(|g| name.eq_ignore_ascii_case(g)));
    out
}
