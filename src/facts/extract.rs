//! Fact extraction (pure): one normalised sentence → [`Facts`]: counted and
//! money numbers with their unit, predicate and owner; groups of people
//! ("the U.S. delegation comprised …"); dates; the places and people named.
//!
//! Deliberately shallow: a window of words around each number, small
//! lexicons, no parser. Each rule is here so an editor's question "why did it
//! read 63 as intercepted drones?" has an answer in one place.

use std::borrow::Cow;

use jiff::civil::Date;
use serde::Serialize;

use super::dates::{DateFact, dates, recalls_past};
use super::statements::{PlaceFact, QuoteFact, meeting_place_in, quotes};

use crate::align::tokens::{
    fold_name, is_capitalised, is_not_a_name, is_stop_word, lowercase, number_at,
    without_possessive,
};

/// A number stated as a count or an amount.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberFact {
    /// As written ("82 drones", "$50 billion", "63 of which").
    pub text: String,
    /// Value with its scale applied ("$50 billion" → 5e10).
    pub value: f64,
    /// What is counted, singular ("drone", "people", "usd", "percent").
    pub unit: Option<String>,
    /// What happened to them ("intercepted", "killed", "launched").
    pub predicate: Option<&'static str>,
    /// Whose they are when the sentence says ("Ukrainian drones", "Russia fired 82 drones").
    pub owner: Option<&'static str>,
    /// "at least", "about", "more than": a bound, not an exact figure.
    pub hedged: bool,
    /// Part of a larger count, maybe: "a man", "four other people". It may
    /// differ from the whole ("six people") without contradicting it.
    #[serde(skip)]
    pub partial: bool,
}

/// People named as members of one group ("U.S. delegation").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFact {
    /// The group: nation and group noun ("usa delegation").
    pub group: String,
    /// Members as written.
    pub members: Vec<String>,
    /// Folded surnames of the members (for comparison).
    #[serde(skip)]
    pub keys: Vec<String>,
}

/// Everything extracted from one sentence.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    /// Counts and amounts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<NumberFact>,
    /// Groups of people.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupFact>,
    /// Days stated, relative ones resolved against the publication date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateFact>,
    /// Words quoted from a named speaker.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteFact>,
    /// Where the meeting the sentence talks about is held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceFact>,
    /// Proper names other than nations, folded (places, people, organisations).
    #[serde(skip)]
    pub names: Vec<String>,
    /// The sentence recalls an earlier event: it gives a year before the
    /// publication's, or a day more than a month before it ("In December
    /// 2012, 20 children were killed"). Its counts are not this story's.
    #[serde(skip)]
    pub recalls_past: bool,
}

/// A word of a sentence with what the extractor needs to know about it.
#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    pub(super) text: &'a str,
    /// `text` in lower case (borrowed when it already is).
    lowered: Cow<'a, str>,
    /// Clause boundary before this token (";", ":", "—", sentence punctuation).
    pub(super) clause_break: bool,
    /// A comma before this token.
    pub(super) comma: bool,
    /// Its position in the sentence.
    index: usize,
    /// Its byte range in the sentence.
    span: (usize, usize),
}

impl Token<'_> {
    /// The word in lower case.
    pub(super) fn lower(&self) -> &str {
        &self.lowered
    }
}

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

/// Predicate words (lower-case prefixes) → the predicate they state.
const PREDICATES: &[(&str, &str)] = &[
    ("arrest", "arrested"),
    ("dead", "killed"),
    ("death", "killed"),
    ("die", "killed"),
    ("downed", "intercepted"),
    ("fatal", "killed"),
    ("fire", "launched"),
    ("fired", "launched"),
    ("hurt", "injured"),
    ("injur", "injured"),
    ("intercept", "intercepted"),
    ("jammed", "intercepted"),
    ("kill", "killed"),
    ("launch", "launched"),
    ("murder", "killed"),
    ("shot", "shot"),
    ("shoot", "shot"),
    ("slain", "killed"),
    ("wound", "injured"),
];

/// Units that name people: they compare as one unit.
const PEOPLE: &[&str] = &[
    "adult",
    "adults",
    "boy",
    "boys",
    "child",
    "children",
    "female",
    "females",
    "girl",
    "girls",
    "individual",
    "individuals",
    "juvenile",
    "juveniles",
    "male",
    "males",
    "man",
    "men",
    "other",
    "others",
    "people",
    "person",
    "persons",
    "resident",
    "residents",
    "student",
    "students",
    "teen",
    "teenager",
    "teenagers",
    "teens",
    "victim",
    "victims",
    "woman",
    "women",
];

/// Words that name the number after them rather than count with it.
const LABELS: &[&str] = &[
    "age",
    "aged",
    "ages",
    "apartment",
    "apt",
    "channel",
    "exit",
    "highway",
    "image",
    "interstate",
    "no",
    "number",
    "page",
    "photo",
    "picture",
    "room",
    "route",
    "slide",
    "suite",
    "turned",
    "turning",
    "turns",
];

/// Words between "a man" and what happened to him that keep him its object
/// ("a man who was later found dead").
const PASSIVE: &[&str] = &[
    "also",
    "been",
    "being",
    "critically",
    "found",
    "got",
    "had",
    "has",
    "is",
    "later",
    "reportedly",
    "seriously",
    "was",
    "were",
    "who",
];

/// "a father of 3": the number is a family's size, not a count of victims.
const FAMILY: &[&str] = &["family", "father", "mother", "parent"];

/// Words between a number and its unit that do not change what is counted.
const UNIT_FILLERS: &[&str] = &[
    "additional",
    "elderly",
    "more",
    "new",
    "other",
    "teenage",
    "total",
    "young",
];

/// Words before a number that make it a bound.
const HEDGES: &[&str] = &[
    "about",
    "almost",
    "approximately",
    "around",
    "least",
    "nearly",
    "over",
    "roughly",
    "some",
    "than",
    "up",
];

/// Group nouns that list people.
const GROUPS: &[&str] = &["delegation", "participants", "side", "team"];

/// Title and role words stripped from the front of a person's name.
const TITLES: &[&str] = &[
    "adviser",
    "advisor",
    "affairs",
    "aide",
    "chief",
    "commander",
    "defence",
    "defense",
    "deputy",
    "detective",
    "director",
    "economy",
    "envoy",
    "foreign",
    "gen",
    "general",
    "gov",
    "governor",
    "head",
    "leader",
    "lt",
    "majority",
    "mayor",
    "minister",
    "minority",
    "national",
    "officer",
    "officials",
    "president",
    "prime",
    "rep",
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

pub(super) fn nation(lower: &str) -> Option<&'static str> {
    lookup(NATIONS, without_possessive(lower))
}

pub(super) fn predicate(lower: &str) -> Option<&'static str> {
    PREDICATES
        .iter()
        .find(|(prefix, _)| lower.starts_with(prefix))
        .map(|(_, p)| *p)
        // "fire" as a noun ("opened fire", "fire crews") is rare next to a count.
        .filter(|_| lower != "firefighters")
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

fn is_year(value: f64, used: usize, word: &str) -> bool {
    used == 1 && value.fract() == 0.0 && (1900.0..=2100.0).contains(&value) && !word.contains(',')
}

/// Is the number at `index` part of a date or a time ("Dec. 14", "21 December", "6 p.m.")?
fn in_date_or_time(tokens: &[Token<'_>], index: usize, used: usize) -> bool {
    let before = index
        .checked_sub(1)
        .map(|i| tokens[i].lower().trim_end_matches('.'));
    let after = tokens.get(index + used).map(|t| t.lower());
    before.is_some_and(is_month)
        || after.is_some_and(|w| is_month(w.trim_end_matches('.')))
        || after
            .is_some_and(|w| matches!(w, "p.m" | "a.m" | "pm" | "am" | "p.m." | "a.m." | "o'clock"))
}

/// Extract the facts of one normalised sentence; `published` is the day its
/// source came out, for "Saturday" and "yesterday".
pub fn extract(text: &str, published: Option<Date>) -> Facts {
    let tokens = tokens(text);
    let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
    let dates = dates(&tokens, published);
    let recalls_past = recalls_past(&tokens, &dates, published);
    Facts {
        numbers: numbers(text, &tokens, &words),
        groups: groups(&tokens),
        dates,
        quotes: quotes(text),
        place: meeting_place_in(&tokens),
        names: names(&tokens),
        recalls_past,
    }
}

fn numbers(text: &str, tokens: &[Token<'_>], words: &[&str]) -> Vec<NumberFact> {
    // Each fact with the token range it covers, for joining "two men and two women".
    let mut found: Vec<(NumberFact, usize, usize)> = Vec::new();
    let mut index = 0;
    let mut label_ended_at = None;
    while index < tokens.len() {
        // Digits and number words ("six people"), with their scale ("50 billion").
        let Some((value, used)) = number_at(words, index) else {
            match one_person(tokens, index) {
                Some(one) => {
                    index = one.2;
                    found.push(one);
                }
                None => index += 1,
            }
            continue;
        };
        let currency = index.checked_sub(1).and_then(|i| match tokens[i].lower() {
            "$" => Some("usd"),
            "€" => Some("eur"),
            "£" => Some("gbp"),
            _ => None,
        });
        if currency.is_none() {
            // "Image 7 of 33": the 33 belongs to the label too.
            let of_label = label_ended_at == Some(index.saturating_sub(1))
                && tokens[index - 1].lower() == "of";
            if of_label || is_label_number(tokens, index) {
                label_ended_at = Some(index + used);
                index += used;
                continue;
            }
            if not_a_count(text, tokens, index, used, value) {
                index += used;
                continue;
            }
        }
        let previous = found.last().map(|(fact, _, _)| fact);
        let (fact, end) = number_fact(tokens, index, used, value, currency, previous);
        found.push((fact, index, end));
        index += used;
    }
    join_people_counts(tokens, found)
}

/// Numbers that count nothing: years, dates, times, ages in apposition, phone
/// numbers, footnote marks, street addresses.
fn not_a_count(text: &str, tokens: &[Token<'_>], index: usize, used: usize, value: f64) -> bool {
    let token = &tokens[index];
    if is_year(value, used, token.text) || in_date_or_time(tokens, index, used) {
        return true;
    }
    // "John Smith, 27, was killed": an age.
    let apposition = used == 1
        && token.comma
        && tokens
            .get(index + 1)
            .is_none_or(|t| t.comma || t.clause_break);
    // "8:13 p.m.", "04/07/17", "843-554-1111", "[6]".
    let before: Vec<char> = text[..token.span.0].chars().rev().take(2).collect();
    let after: Vec<char> = text[token.span.1..].chars().take(2).collect();
    let glued = |pair: &[char]| {
        matches!(pair, [':' | '/' | '-', d, ..] if d.is_ascii_digit())
            || pair.first() == Some(&'[')
            || pair.first() == Some(&']')
    };
    // "800 North Killingsworth Street", "the 700 block".
    let next = tokens.get(index + used);
    let is_digits = token.text.starts_with(|c: char| c.is_ascii_digit());
    let address = is_digits
        && next.is_some_and(|n| {
            n.lower() == "block"
                || (!n.clause_break
                    && is_capitalised(n.text)
                    && predicate(n.lower()).is_none()
                    && !PEOPLE.contains(&n.lower())
                    && value >= 100.0)
        });
    // "a father of 3", "a family of five".
    let family = index >= 2
        && tokens[index - 1].lower() == "of"
        && FAMILY.contains(&tokens[index - 2].lower());
    apposition || glued(&before) || glued(&after) || address || family
}

/// A number named by the word before it ("Image 7", "Interstate 295", "age 16").
fn is_label_number(tokens: &[Token<'_>], index: usize) -> bool {
    index
        .checked_sub(1)
        .is_some_and(|i| LABELS.contains(&tokens[i].lower()))
}

/// "A man was killed": one person, when the sentence says what happened to them.
fn one_person(tokens: &[Token<'_>], index: usize) -> Option<(NumberFact, usize, usize)> {
    if !matches!(tokens[index].lower(), "a" | "an") {
        return None;
    }
    // Up to four describing words: "a pregnant 19-year-old woman".
    let noun_at = (index + 1..tokens.len().min(index + 6))
        .take_while(|&i| {
            let t = &tokens[i];
            i == index + 1 || !(t.clause_break || t.comma)
        })
        .find(|&i| PEOPLE.contains(&tokens[i].lower()))?;
    let describing = &tokens[index + 1..noun_at];
    if describing.iter().any(|t| {
        is_capitalised(t.text) || predicate(t.lower()).is_some() || is_stop_word(t.lower())
    }) {
        return None;
    }
    let end = noun_at + 1;
    let (predicate, at) = nearest_predicate(tokens, index, end);
    let predicate = predicate?;
    // "a man was shot", "killed a woman", not "a man has pleaded guilty to
    // shooting": the person is the one it happened to.
    let happened_to = at.is_some_and(|at| {
        at < index
            || tokens
                .get(end..at)
                .is_some_and(|between| between.iter().all(|t| PASSIVE.contains(&t.lower())))
    });
    if !happened_to {
        return None;
    }
    let fact = NumberFact {
        text: join_words(&tokens[index..end]),
        value: 1.0,
        unit: Some("people".into()),
        predicate: Some(predicate),
        owner: None,
        hedged: false,
        partial: true,
    };
    Some((fact, index, end))
}

/// "two men and two women were wounded": one count of four people.
fn join_people_counts(
    tokens: &[Token<'_>],
    found: Vec<(NumberFact, usize, usize)>,
) -> Vec<NumberFact> {
    let mut out: Vec<(NumberFact, usize, usize)> = Vec::with_capacity(found.len());
    for (fact, start, end) in found {
        if let Some((last, _, last_end)) = out.last_mut() {
            let joined_by_and = *last_end + 1 == start
                && tokens[*last_end].lower() == "and"
                && !tokens[*last_end].comma
                && !tokens[start].comma;
            let both_people = [&last.unit, &fact.unit]
                .iter()
                .all(|u| u.as_deref() == Some("people"));
            if joined_by_and && both_people && !last.hedged && !fact.hedged {
                last.value += fact.value;
                last.text = format!("{} and {}", last.text, fact.text);
                last.predicate = fact.predicate.or(last.predicate);
                last.partial &= fact.partial;
                *last_end = end;
                continue;
            }
        }
        out.push((fact, start, end));
    }
    out.into_iter().map(|(fact, _, _)| fact).collect()
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

fn number_fact(
    tokens: &[Token<'_>],
    index: usize,
    used: usize,
    value: f64,
    currency: Option<&'static str>,
    previous: Option<&NumberFact>,
) -> (NumberFact, usize) {
    let after = index + used;
    let mut owner = None;
    let mut unit: Option<String> = currency.map(str::to_owned);
    let mut end = after;
    if unit.is_none() {
        let mut cursor = after;
        while tokens
            .get(cursor)
            .is_some_and(|t| UNIT_FILLERS.contains(&t.lower()))
        {
            cursor += 1;
        }
        if let Some(adjective) = tokens.get(cursor).and_then(|t| nation(t.lower())) {
            owner = Some(adjective);
            cursor += 1;
        }
        match tokens.get(cursor) {
            Some(t) if t.lower() == "%" || t.lower() == "percent" || t.lower() == "per" => {
                unit = Some("percent".into());
                end = cursor + 1;
            }
            Some(t)
                if t.lower() == "of"
                    && tokens
                        .get(cursor + 1)
                        .is_some_and(|n| n.lower() == "which" || n.lower() == "them") =>
            {
                // "63 of which": what the previous number counted.
                unit = previous.and_then(|p| p.unit.clone());
                owner = owner.or(previous.and_then(|p| p.owner));
                end = cursor + 2;
            }
            Some(t)
                if t.lower() == "year"
                    && tokens.get(cursor + 1).is_some_and(|n| n.lower() == "old") =>
            {
                unit = Some("year-old".into());
                end = cursor + 2;
            }
            Some(t)
                if !t.clause_break
                    && predicate(t.lower()).is_none()
                    && t.text.chars().all(char::is_alphabetic)
                    && !is_capitalised(t.text)
                    && !is_stop_word(t.lower()) =>
            {
                unit = Some(singular_unit(t.lower()));
                end = cursor + 1;
            }
            _ => {
                // "Ukraine intercepting 47": the unit of the number before.
                if let Some(p) = previous {
                    unit = p.unit.clone();
                    owner = owner.or(p.owner);
                }
            }
        }
    }
    let hedged = index
        .checked_sub(1)
        .is_some_and(|i| HEDGES.contains(&tokens[i].lower()));
    let (predicate, verb_at) = nearest_predicate(tokens, index, end);
    if owner.is_none() && predicate == Some("launched") {
        // "Russia fired 82 drones": the launcher owns them.
        owner = verb_at
            .and_then(|v| v.checked_sub(1))
            .and_then(|i| nation(tokens[i].lower()));
    }
    let start = currency.map_or(index, |_| index - 1);
    let end = end.min(tokens.len());
    let partial = tokens[after.min(end)..end]
        .iter()
        .any(|t| matches!(t.lower(), "other" | "others" | "additional" | "more"));
    let fact = NumberFact {
        text: join_words(&tokens[start..end]),
        value,
        unit,
        predicate,
        owner,
        hedged,
        partial,
    };
    (fact, end)
}

fn singular_unit(word: &str) -> String {
    if PEOPLE.contains(&word) {
        return "people".into();
    }
    word.strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| {
            word.strip_suffix('s')
                .filter(|s| !s.ends_with('s'))
                .map(str::to_owned)
        })
        .unwrap_or_else(|| word.to_owned())
}

/// The predicate stated at `i`, where "shot and killed", "shot dead" and
/// "shot to death" say killed, and "shot and wounded" says injured.
fn predicate_at(tokens: &[Token<'_>], i: usize) -> Option<&'static str> {
    let stated = predicate(tokens[i].lower())?;
    if stated != "shot" {
        return Some(stated);
    }
    let word = |k: usize| tokens.get(i + k).map(|t| t.lower());
    let outcome = match (word(1), word(2)) {
        (Some("dead"), _) | (Some("to"), Some("death")) => Some("killed"),
        (Some("and"), Some(next)) => predicate(next).filter(|p| *p != "shot"),
        _ => None,
    };
    Some(outcome.unwrap_or(stated))
}

/// The predicate word nearest to the number (within its clause and commas, six words
/// either side; after the number wins a tie), and where it is.
pub(super) fn nearest_predicate(
    tokens: &[Token<'_>],
    index: usize,
    end: usize,
) -> (Option<&'static str>, Option<usize>) {
    let mut best: Option<(usize, &'static str, usize)> = None;
    // After: up to the clause break.
    for (distance, i) in (end..tokens.len().min(end + 6)).enumerate() {
        if tokens[i].clause_break || tokens[i].comma {
            break;
        }
        if let Some(p) = predicate_at(tokens, i) {
            best = Some((distance, p, i));
            break;
        }
    }
    // Before: back to the clause break.
    let mut i = index;
    let mut distance = 0;
    while i > 0 && distance < 6 {
        if tokens[i].clause_break || tokens[i].comma {
            break;
        }
        i -= 1;
        if let Some(p) = predicate_at(tokens, i) {
            if best.is_none_or(|(d, _, _)| distance < d) {
                best = Some((distance, p, i));
            }
            break;
        }
        distance += 1;
    }
    match best {
        Some((_, p, at)) => (Some(p), Some(at)),
        None => (None, None),
    }
}

/// Proper names other than nations and titles, folded; the first word of the
/// sentence only when another name follows it.
fn names(tokens: &[Token<'_>]) -> Vec<String> {
    let mut out: Vec<String> = tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            is_capitalised(t.text)
                && (*i > 0 && !t.clause_break
                    || tokens.get(i + 1).is_some_and(|n| is_capitalised(n.text)))
                && nation(t.lower()).is_none()
                && !TITLES.contains(&t.lower())
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

/// "U.S. delegation: Secretary of State Antony Blinken, …" and "the U.S.
/// delegation comprised … Jared Kushner and … Josh Gruenbaum".
fn groups(tokens: &[Token<'_>]) -> Vec<GroupFact> {
    let Some(noun_at) = tokens.iter().position(|t| GROUPS.contains(&t.lower())) else {
        return Vec::new();
    };
    // The nation qualifying the group: just before it, or "from the Ukrainian side".
    let qualifier = (noun_at.saturating_sub(3)..noun_at)
        .rev()
        .find_map(|i| nation(tokens[i].lower()));
    let Some(qualifier) = qualifier else {
        return Vec::new();
    };
    let group = format!("{qualifier} delegation");
    let members = people(tokens);
    if members.is_empty() {
        return Vec::new();
    }
    let keys = members
        .iter()
        .map(|m| fold_name(m.rsplit(' ').next().unwrap_or(m)))
        .collect();
    vec![GroupFact {
        group,
        members,
        keys,
    }]
}

/// People named in a sentence with first and last name ("Antony Blinken"),
/// titles stripped, places and organisations left out.
pub fn people_named(text: &str) -> Vec<String> {
    people(&tokens(text))
        .into_iter()
        .filter(|name| name.contains(' '))
        .collect()
}

/// Runs of capitalised words that name a person: titles stripped from the
/// front, organisations and nations left out.
fn people(tokens: &[Token<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&Token<'_>> = Vec::new();
    let mut finish = |run: &mut Vec<&Token<'_>>| {
        let start = run
            .iter()
            .position(|t| {
                !TITLES.contains(&t.lower())
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

#[cfg(test)]
mod tests {
    use super::*;

    type Read = (
        f64,
        Option<String>,
        Option<&'static str>,
        Option<&'static str>,
    );

    fn numbers_of(text: &str) -> Vec<Read> {
        extract(text, None)
            .numbers
            .into_iter()
            .map(|n| (n.value, n.unit, n.predicate, n.owner))
            .collect()
    }

    #[test]
    fn drones_fired_and_intercepted() {
        let found = numbers_of(
            "Ukraine's air force reported that Russia fired 82 drones of various types overnight, 63 of which were intercepted or jammed.",
        );
        assert_eq!(
            found,
            [
                (82.0, Some("drone".into()), Some("launched"), Some("russia")),
                (
                    63.0,
                    Some("drone".into()),
                    Some("intercepted"),
                    Some("russia")
                ),
            ]
        );
        let takeaway = numbers_of(
            "Drone attacks continue on both sides, with Russia launching 82 drones and Ukraine intercepting 47.",
        );
        assert_eq!(
            takeaway[1],
            (
                47.0,
                Some("drone".into()),
                Some("intercepted"),
                Some("russia")
            )
        );
        let russian = numbers_of(
            "The Russian Defense Ministry said that its air defenses intercepted 47 Ukrainian drones overnight.",
        );
        assert_eq!(
            russian,
            [(
                47.0,
                Some("drone".into()),
                Some("intercepted"),
                Some("ukraine")
            )]
        );
    }

    #[test]
    fn money_percent_people_and_ages() {
        assert_eq!(numbers_of("a $50 billion fund")[0].0, 5e10);
        assert_eq!(
            numbers_of("a $50 billion fund")[0].1.as_deref(),
            Some("usd")
        );
        assert_eq!(
            numbers_of("cut the threat by 30 %")[0].1.as_deref(),
            Some("percent")
        );
        assert_eq!(
            numbers_of("three people were killed by drones")[0],
            (3.0, Some("people".into()), Some("killed"), None)
        );
        assert_eq!(
            numbers_of("A 12-year-old was shot.")[0].1.as_deref(),
            Some("year-old")
        );
        assert!(numbers_of("On Dec. 14, 2009 at 6 p.m. the vote began.").is_empty());
        assert!(numbers_of("for 2026 and 2027").is_empty());
    }

    #[test]
    fn delegations_list_their_people() {
        let facts = extract(
            "U.S. delegation: Secretary of State Antony Blinken,National Security Advisor Jake Sullivan,Deputy secretary of Defense Kathleen Hicks,senior officials from the State Department's European Bureau and USAID.",
            None,
        );
        assert_eq!(facts.groups.len(), 1);
        assert_eq!(facts.groups[0].group, "usa delegation");
        assert_eq!(
            facts.groups[0].members,
            ["Antony Blinken", "Jake Sullivan", "Kathleen Hicks"]
        );
        let other = extract(
            "Besides Witkoff, the U.S. delegation comprised President Donald Trump's son-in-law Jared Kushner and White House aide Josh Gruenbaum.",
            None,
        );
        assert_eq!(
            other.groups[0].members,
            ["Witkoff", "Donald Trump", "Jared Kushner", "Josh Gruenbaum"]
        );
    }
}
