//! Word tables the facts rules share: nations and their adjectives → one key
//! ([`nation`]), titles and roles ([`is_title`]), group nouns ([`GROUPS`]),
//! and month words → their number ([`month_number`]). Lower-case words in,
//! answers out; no tokens.

use crate::text::words::without_possessive;

/// Four-digit numbers in this range are read as years ("in 2015"), not
/// counts: the years news stories name.
pub(super) const YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;

/// Nations and their adjectives → one key.
const NATIONS: &[(&str, &str)] = &[
    ("america", "usa"),
    ("american", "usa"),
    ("britain", "uk"),
    ("british", "uk"),
    ("eu", "eu"),
    ("europe", "eu"),
    ("european", "eu"),
    ("kyiv", "ukraine"),
    ("moscow", "russia"),
    ("russia", "russia"),
    ("russian", "russia"),
    ("u.s", "usa"),
    ("u.s.", "usa"),
    ("uk", "uk"),
    ("ukraine", "ukraine"),
    ("ukrainian", "ukraine"),
    ("us", "usa"),
    ("usa", "usa"),
    ("washington", "usa"),
];

/// Group nouns that list people.
pub(super) const GROUPS: &[&str] = &["delegation", "participants", "side", "team"];

/// Title and role words stripped from the front of a person's name.
const TITLES: &[&str] = &[
    "adviser",
    "advisor",
    "affairs",
    "aide",
    "ambassador",
    "analyst",
    "attorney",
    "chairman",
    "chairwoman",
    "chief",
    "commander",
    "commissioner",
    "defence",
    "defense",
    "deputy",
    "detective",
    "director",
    "dr",
    "economist",
    "economy",
    "envoy",
    "foreign",
    "gen",
    "general",
    "gov",
    "governor",
    "head",
    "lawyer",
    "leader",
    "lt",
    "majority",
    "mayor",
    "minister",
    "minority",
    "mr",
    "mrs",
    "ms",
    "national",
    "negotiator",
    "officer",
    "officials",
    "president",
    "prime",
    "professor",
    "rep",
    "representative",
    "secretary",
    "security",
    "sen",
    "senator",
    "senior",
    "sergeant",
    "sgt",
    "sheriff",
    "special",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
];

/// The number of a month word, lower case without its period ("dec",
/// "september"): every token of every claim is asked, so a `match` rather
/// than a search of a list.
pub(super) fn month_number(word: &str) -> Option<i8> {
    Some(match word {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

/// Is this lower-case word (without its period) a month?
pub(super) fn is_month(word: &str) -> bool {
    month_number(word).is_some()
}

fn lookup<T: Copy>(table: &[(&str, T)], key: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// Is this word a title or role ("envoy", "minister")?
pub(super) fn is_title(lower: &str) -> bool {
    TITLES.contains(&lower)
}

/// Title words that qualify a role rather than name one ("National" in
/// "National Security Advisor", "Security" in "Security Guarantees").
const ROLE_QUALIFIERS: &[&str] = &[
    "affairs",
    "defence",
    "defense",
    "economy",
    "foreign",
    "majority",
    "minority",
    "national",
    "officials",
    "prime",
    "security",
    "senior",
    "special",
    "state",
];

/// Is this word a role a person holds ("envoy", "analyst", "Director"), so
/// that a name after it is a person's?
pub(super) fn is_role(lower: &str) -> bool {
    is_title(lower) && !ROLE_QUALIFIERS.contains(&lower)
}

pub(super) fn nation(lower: &str) -> Option<&'static str> {
    lookup(NATIONS, without_possessive(lower))
}
