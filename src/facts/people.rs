//! People and names in one sentence (pure): runs of capitalised words that
//! name a person, titles stripped from the front and organisations, places
//! and nations left out ([`people`], [`people_named`]); and every proper name
//! other than nations and titles, folded ([`names`]), which tells whether two
//! sentences are about the same matter.

use super::given_names::is_given_name;
use super::lexicon::{GROUPS, is_month, is_role, is_title, nation};
use super::tokens::{Token, tokens};
use crate::text::names::{fold_name, is_capitalised};
use crate::text::words::{is_not_a_name, is_stop_word, without_possessive};

/// Words that make a capitalised run an organisation, place, law, programme
/// or publication, not a person ("Social Security Administration", "Louis
/// Post Dispatch", "Rose Garden").
const ORGANISATIONS: &[&str] = &[
    "act",
    "administration",
    "agency",
    "agreement",
    "agreements",
    "airport",
    "amendment",
    "army",
    "association",
    "avenue",
    "bay",
    "beach",
    "bridge",
    "building",
    "bureau",
    "center",
    "centre",
    "channel",
    "chronicle",
    "church",
    "city",
    "club",
    "college",
    "committee",
    "company",
    "conference",
    "congress",
    "convention",
    "corp",
    "corporation",
    "council",
    "county",
    "department",
    "dispatch",
    "force",
    "forces",
    "foundation",
    "fund",
    "garden",
    "gazette",
    "group",
    "hall",
    "herald",
    "hospital",
    "house",
    "inc",
    "institute",
    "international",
    "island",
    "journal",
    "lake",
    "league",
    "memorandum",
    "ministry",
    "network",
    "news",
    "office",
    "package",
    "park",
    "partnership",
    "party",
    "peninsula",
    "plan",
    "plaza",
    "police",
    "post",
    "press",
    "program",
    "programme",
    "river",
    "road",
    "school",
    "staff",
    "sea",
    "square",
    "station",
    "street",
    "summit",
    "times",
    "tribune",
    "union",
    "university",
    "valley",
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
/// front, organisations and nations left out. A name of two words or more
/// needs evidence that it is a person's ([`person_in`]); a lone word
/// ("Witkoff") is kept, for lists of members.
pub(super) fn people(tokens: &[Token<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&Token<'_>> = Vec::new();
    let mut finish = |run: &mut Vec<&Token<'_>>| {
        if let Some(name) = person_in(tokens, run) {
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

/// The person a run of capitalised words names, if it names one: titles and
/// roles stripped from the front ("Director of National Intelligence Tulsi
/// Gabbard" is Tulsi Gabbard, the rest her role). A name of two words or more
/// counts as a person's when it starts with a given name ("Antony Blinken")
/// or follows a title or role ("Political analyst Volodymyr Fesenko",
/// "Intelligence Tulsi Gabbard"); then, without a given name, the person is
/// its last two words. Anything else ("Economic Recovery Launch", "Budapest
/// Memorandum", "Zones Apr Sep") is not a person.
fn person_in<'r, 'a>(
    tokens: &[Token<'a>],
    run: &'r [&'r Token<'a>],
) -> Option<&'r [&'r Token<'a>]> {
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
    // "Ronald Reagan's Bible", "Mr. Trump's Inaugural Address": the name
    // ends at its possessive.
    let name = match name.iter().position(|t| is_possessive(t.text)) {
        Some(end) => &name[..=end],
        None => name,
    };
    let before = run
        .first()
        .and_then(|first| first.index.checked_sub(1))
        .map(|i| &tokens[i]);
    // "in Miami", "from Kyiv": a place.
    let after_preposition =
        before.is_some_and(|t| matches!(t.lower(), "in" | "at" | "from" | "to" | "near" | "into"));
    let plausible = !name.is_empty()
        && !after_preposition
        && name.iter().all(|t| {
            !ORGANISATIONS.contains(&without_possessive(t.lower()))
                && t.lower() != "united"
                && nation(t.lower()).is_none()
                && !is_month(t.lower().trim_end_matches('.'))
                // "Virginia Sen. Jim Webb": a title ends no name.
                && (std::ptr::eq(*t, name[0]) || !is_title(t.lower()))
                && !t
                    .text
                    .chars()
                    .all(|c| c.is_uppercase() || !c.is_alphabetic())
        });
    if !plausible {
        return None;
    }
    if name.len() == 1 {
        return Some(name);
    }
    if let Some(given) = name[..name.len() - 1]
        .iter()
        .position(|t| is_given_name(t.text))
    {
        return Some(&name[given..]);
    }
    titled(tokens, run, start).then(|| &name[name.len() - 2..])
}

/// Does a role come before the name that starts at `run[start]`: in the run
/// ("Secretary Antony Blinken"), just before it ("analyst Volodymyr
/// Fesenko") or before "of" and the rest of the run ("Director of National
/// Intelligence Tulsi Gabbard", a title, not "the mayor of Los Angeles")?
/// A qualifier alone ("Security Guarantees Define") is no role.
fn titled(tokens: &[Token<'_>], run: &[&Token<'_>], start: usize) -> bool {
    let role_at = |i: Option<usize>| i.is_some_and(|i| is_role(tokens[i].lower()));
    let first = run.first().map(|t| t.index);
    run[..start].iter().any(|t| is_role(t.lower()))
        || role_at(first.and_then(|i| i.checked_sub(1)))
        || first
            .and_then(|i| i.checked_sub(1))
            .is_some_and(|i| tokens[i].lower() == "of")
            && first
                .and_then(|i| i.checked_sub(2))
                .is_some_and(|i| is_role(tokens[i].lower()) && is_capitalised(tokens[i].text))
}

/// "Reagan's", "Trump’s".
fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s") || word.ends_with("'S")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_roles_are_not_part_of_the_name() {
        for (sentence, person) in [
            (
                "She met Director of National Intelligence Tulsi Gabbard on Monday.",
                "Tulsi Gabbard",
            ),
            (
                "The bill was backed by Representative Ron Paul and others.",
                "Ron Paul",
            ),
            (
                "Political analyst Volodymyr Fesenko disagreed.",
                "Volodymyr Fesenko",
            ),
            (
                "It was announced by Kremlin spokesman Dmitry Peskov.",
                "Dmitry Peskov",
            ),
            (
                "The Ukrainian side included Rustem Umérov.",
                "Rustem Umérov",
            ),
            ("He swore on Ronald Reagan's Bible.", "Ronald Reagan"),
            ("Virginia Sen. Jim Webb ran too.", "Jim Webb"),
        ] {
            assert_eq!(people_named(sentence), [person], "{sentence}");
        }
    }

    #[test]
    fn organisations_places_laws_programmes_and_headings_are_not_people() {
        for sentence in [
            "Security Guarantees Define long-term protection.",
            "The Economic Recovery Launch is set for spring.",
            "Kyiv cited the Budapest Memorandum again.",
            "Tensions rose over the Crimean Peninsula.",
            "It follows a Political Dialogue Oct meeting.",
            "The Center for Public Analytics Vezha wrote this.",
            "The Social Security Administration said so.",
            "Critics cited the Second Amendment.",
            "He told the Louis Post Dispatch on Sunday.",
            "She spoke on Fox News about the Homeland Security budget.",
            "It was grim for Mr. Trump’s Inaugural Address.",
            "He spoke with the mayor of Los Angeles today.",
        ] {
            assert!(
                people_named(sentence).is_empty(),
                "{sentence}: {:?}",
                people_named(sentence)
            );
        }
    }
}
