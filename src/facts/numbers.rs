//! Counts and amounts (pure): a tokenised sentence → [`NumberFact`]s, each
//! number with its unit, predicate and owner ("Russia fired 82 drones", "63
//! of which were intercepted", "$50 billion", "a man was killed").
//!
//! Deliberately shallow: a window of words around each number, small
//! lexicons, no parser. Each rule is here so an editor's question "why did it
//! read 63 as intercepted drones?" has an answer in one place. Numbers that
//! count nothing (years, dates, times, ages in apposition, phone numbers,
//! addresses, labels such as "Image 7") are left out.

use serde::Serialize;

use super::bounds::{Bound, bound_before, vague_count};
use super::lexicon::{YEARS, is_month, nation};
use super::outcome::{DIED, outcome};
use super::predicates::{nearest_predicate, predicate, predicate_at};
use super::tokens::{Token, join_words};
use crate::text::decimal::Decimal;
use crate::text::names::is_capitalised;
use crate::text::numbers::number_at;
use crate::text::words::is_stop_word;

/// A number stated as a count or an amount.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberFact {
    /// As written ("82 drones", "$50 billion", "63 of which").
    pub text: String,
    /// Exact value with its scale applied ("$50 billion" → 50000000000,
    /// "4.1 million" → 4100000); report.json prints it as a JSON number.
    pub value: Decimal,
    /// What is counted, singular ("drone", "people", "usd", "percent").
    pub unit: Option<String>,
    /// What happened to them ("intercepted", "killed", "launched").
    pub predicate: Option<&'static str>,
    /// Whose they are when the sentence says ("Ukrainian drones", "Russia fired 82 drones").
    pub owner: Option<&'static str>,
    /// "at least", "about", "more than", "dozens": a bound, not an exact
    /// figure. report.json gives `hedged`: whether there is one.
    #[serde(rename = "hedged", serialize_with = "serialize_hedged")]
    pub bound: Bound,
    /// Part of a larger count, maybe: "a man", "four other people". It may
    /// differ from the whole ("six people") without contradicting it.
    #[serde(skip)]
    pub partial: bool,
    /// Told after "among the" or "of the" ("two … are among the three
    /// killed"): the whole that others are a part of.
    #[serde(skip)]
    pub of_all: bool,
}

impl NumberFact {
    /// Is it a bound ("at least 10", "dozens"), not an exact figure?
    pub fn hedged(&self) -> bool {
        self.bound != Bound::Exact
    }
}

fn serialize_hedged<S: serde::Serializer>(bound: &Bound, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bool(*bound != Bound::Exact)
}

/// Units that name people: they compare as one unit.
const PEOPLE: &[&str] = &[
    "adult",
    "adults",
    "aunt",
    "babies",
    "baby",
    "boy",
    "boyfriend",
    "boys",
    "brother",
    "brothers",
    "bystander",
    "bystanders",
    "child",
    "children",
    "clerk",
    "clerks",
    "cousin",
    "cousins",
    "customer",
    "customers",
    "daughter",
    "daughters",
    "deputies",
    "deputy",
    "driver",
    "drivers",
    "employee",
    "employees",
    "female",
    "females",
    "friend",
    "friends",
    "girl",
    "girlfriend",
    "girls",
    "grader",
    "graders",
    "granddaughter",
    "grandfather",
    "grandmother",
    "grandson",
    "guard",
    "guards",
    "husband",
    "individual",
    "individuals",
    "infant",
    "infants",
    "juvenile",
    "juveniles",
    "male",
    "males",
    "man",
    "member",
    "members",
    "men",
    "neighbor",
    "neighbors",
    "nephew",
    "niece",
    "officer",
    "officers",
    "other",
    "others",
    "passenger",
    "passengers",
    "patron",
    "patrons",
    "pedestrian",
    "pedestrians",
    "people",
    "person",
    "persons",
    "resident",
    "residents",
    "sister",
    "sisters",
    "son",
    "sons",
    "stepdaughter",
    "stepson",
    "student",
    "students",
    "suspect",
    "suspects",
    "teen",
    "teenager",
    "teenagers",
    "teens",
    "toddler",
    "toddlers",
    "trooper",
    "troopers",
    "uncle",
    "victim",
    "victims",
    "wife",
    "woman",
    "women",
    "worker",
    "workers",
    "youth",
    "youths",
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
    "innocent",
    "more",
    "new",
    "other",
    "teenage",
    "total",
    "young",
];

/// Words before a number its bound is read from: "no more than".
const BOUND_WORDS: usize = 3;

pub(super) fn numbers(text: &str, tokens: &[Token<'_>], words: &[&str]) -> Vec<NumberFact> {
    // Each fact with the token range it covers, for joining "two men and two women".
    let mut found: Vec<(NumberFact, usize, usize)> = Vec::new();
    let mut index = 0;
    let mut label_ended_at = None;
    // Where the people read with nothing said to happen to them start.
    let mut tentative: Vec<usize> = Vec::new();
    while index < tokens.len() {
        // Digits and number words ("six people"), with their scale ("50 billion").
        // "Matt Anderson, 15, died": a name with an age, then what happened.
        if let Some(named) = named_with_an_age(tokens, index) {
            index = named.2;
            found.push(named);
            continue;
        }
        // "dozens of arrests": a count of many, from its least value.
        if let Some((value, bound, used)) = vague_count(words, index) {
            let previous = found.last().map(|(fact, _, _)| fact);
            let (mut fact, end) = number_fact(tokens, index, used, value, None, previous, false);
            fact.bound = bound;
            found.push((fact, index, end));
            index += used;
            continue;
        }
        let Some((value, used)) = number_at(words, index) else {
            let one = one_person(tokens, index).or_else(|| multiple(tokens, index));
            match one {
                Some(one) => {
                    // A tentative person's words are read again: "a
                    // 15-year-old" may still be an age that something happened to.
                    if one.0.predicate.is_none() {
                        tentative.push(one.1);
                        index += 1;
                    } else {
                        index = one.2;
                    }
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
        // "the 35-word oath": the number glued to its unit by a hyphen.
        let glued = text
            .get(tokens[index + used - 1].span.1..)
            .is_some_and(|rest| rest.starts_with('-'));
        let (fact, end) = number_fact(tokens, index, used, value, currency, previous, glued);
        found.push((fact, index, end));
        index += used;
    }
    let found = take_predicate_past_appositive(tokens, found);
    // One person the sentence says nothing happened to is kept only to be
    // joined to a count that says ("a woman and three men are recovering").
    let mut joined = join_people_counts(tokens, found);
    some_of_the_hurt_died(text, tokens, &mut joined);
    extended_by_an_ordinal(tokens, &mut joined);
    along_with_others(tokens, &mut joined);
    let mut facts: Vec<NumberFact> = joined
        .into_iter()
        .filter(|(fact, start, _)| fact.predicate.is_some() || !tentative.contains(start))
        .map(|(fact, _, _)| fact)
        .collect();
    settle_shot(tokens, &mut facts);
    facts.extend(one_killed(tokens, &facts));
    facts.extend(survivors(&facts));
    facts
}

/// Predicates that only people undergo.
pub(super) fn happens_to_people(predicate: &str) -> bool {
    matches!(predicate, "killed" | "injured" | "shot")
}

/// Does `fact` count people for `predicate`?
fn counts_people(fact: &NumberFact, predicate: &str) -> bool {
    fact.unit.as_deref() == Some("people") && fact.predicate == Some(predicate)
}

/// "… one fatally", "… and one died": one person killed, part of a count,
/// when no count of the killed is read.
fn one_killed(tokens: &[Token<'_>], facts: &[NumberFact]) -> Option<NumberFact> {
    let read = facts.iter().any(|f| counts_people(f, "killed"));
    (one_died(tokens) && !read).then(|| NumberFact {
        text: "one".into(),
        value: Decimal::from_integer(1),
        unit: Some("people".into()),
        predicate: Some("killed"),
        owner: None,
        bound: Bound::Exact,
        partial: true,
        of_all: false,
    })
}

/// "Four people were shot, one fatally" / "… and one died": of a whole
/// count of people shot, the sentence says how many died (a count read, or
/// "one" before a word of dying); the rest were hurt. The hurt are a count
/// the sentence states by subtraction, given as "4 shot, 1 killed".
fn survivors(facts: &[NumberFact]) -> Option<NumberFact> {
    let unhedged = |predicate: &'static str| {
        facts
            .iter()
            .filter(move |f| counts_people(f, predicate) && !f.hedged())
    };
    let shot = unhedged("shot").find(|f| !f.partial)?;
    if unhedged("injured").next().is_some() {
        return None;
    }
    let killed = unhedged("killed").map(|f| f.value).next()?;
    let hurt = shot.value.to_integer()? - killed.to_integer()?;
    if hurt < 0 {
        return None;
    }
    Some(NumberFact {
        text: format!("{} shot, {} killed", shot.value, killed),
        value: Decimal::from_integer(hurt),
        unit: Some("people".into()),
        predicate: Some("injured"),
        owner: None,
        bound: Bound::Exact,
        partial: false,
        of_all: false,
    })
}

/// "one died", "one fatally", "one was killed": one of a count died.
fn one_died(tokens: &[Token<'_>]) -> bool {
    let word = |i: usize| tokens.get(i).map(|t| t.lower());
    (0..tokens.len()).any(|i| {
        word(i) == Some("one")
            && !(i > 0 && matches!(word(i - 1), Some("no" | "not")))
            && (word(i + 1).is_some_and(|w| DIED.contains(&w))
                || word(i + 1) == Some("was") && word(i + 2).is_some_and(|w| DIED.contains(&w)))
    })
}

/// Words that count people without a digit.
/// "All" and "both" are not among them: "all five men who were shot are
/// recovering" is one count, and says how it ended for each.
const COUNT_WORDS: &[&str] = &[
    "eight", "five", "four", "nine", "none", "one", "seven", "six", "ten", "three", "two",
];

/// "A teen was shot and is in critical condition", "a 14-year-old shot
/// himself and died": one count of people shot, and the sentence says how
/// it ended for them. With another count in the sentence ("four shot, two
/// of them fatally") the shot count is the total, and stays so.
fn settle_shot(tokens: &[Token<'_>], facts: &mut [NumberFact]) {
    let counts_of_people = facts
        .iter()
        .filter(|f| f.unit.as_deref() == Some("people"))
        .count();
    if counts_of_people != 1 {
        return;
    }
    let Some(shot) = facts.iter_mut().find(|f| counts_people(f, "shot")) else {
        return;
    };
    // "Five people were shot, one fatally": another count, read or not, says
    // how it ended for some of them only.
    let is_count = |w: &str| {
        COUNT_WORDS.contains(&w.to_lowercase().as_str()) || w.chars().all(|c| c.is_ascii_digit())
    };
    let in_sentence = tokens.iter().filter(|t| is_count(t.text)).count();
    let in_the_count = shot.text.split(' ').filter(|w| is_count(w)).count();
    let another_count = in_sentence > in_the_count;
    if another_count {
        return;
    }
    let ended = outcome(tokens);
    if ended.died {
        shot.predicate = Some("killed");
    } else if ended.survived {
        shot.predicate = Some("injured");
    }
}

/// A number before a capitalised word from this up is a street number
/// ("800 North Killingsworth Street"); below it a count ("3 Dallas officers").
const ADDRESS_MIN_NUMBER: f64 = 100.0;

/// Words allowed between "a" and the person it counts ("a pregnant
/// 19-year-old woman"): more and the noun is not the article's.
const MAX_DESCRIBING_WORDS: usize = 4;

/// Numbers that count nothing: years, dates, times, ages in apposition, phone
/// numbers, footnote marks, street addresses.
fn not_a_count(
    text: &str,
    tokens: &[Token<'_>],
    index: usize,
    used: usize,
    value: Decimal,
) -> bool {
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
    // "an AK-47", "an F-16", "I-95": a name of a model or a road.
    let designation = matches!(before.as_slice(), ['-', letter] if letter.is_uppercase());
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
                    && value.to_f64() >= ADDRESS_MIN_NUMBER)
        });
    // "a male 15 to 22 year old": the first age of a range.
    let word = |k: usize| tokens.get(index + used + k).map(Token::lower);
    let age_range = word(0) == Some("to")
        && word(1).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        && word(2).is_some_and(|w| w.starts_with("year"));
    // "a father of 3", "a family of five".
    let family = index >= 2
        && tokens[index - 1].lower() == "of"
        && FAMILY.contains(&tokens[index - 2].lower());
    apposition || glued(&before) || glued(&after) || designation || age_range || address || family
}

/// A number named by the word before it ("Image 7", "Interstate 295", "age 16").
fn is_label_number(tokens: &[Token<'_>], index: usize) -> bool {
    index
        .checked_sub(1)
        .is_some_and(|i| LABELS.contains(&tokens[i].lower()))
}

/// Words before a person that make them one person: "his 2-year-old son
/// shot himself", "her brother was wounded". A name's ("Kason's brother")
/// does too.
const POSSESSIVES: &[&str] = &["her", "his", "their", "whose"];

fn is_possessive(word: &str) -> bool {
    POSSESSIVES.contains(&word) || (word.len() > 2 && word.ends_with("'s"))
}

/// "A triple shooting", "a double homicide": a count of the shot, or of the
/// dead, in one word, with the number of the word.
const MULTIPLES: &[(&str, i128)] = &[
    ("double", 2),
    ("triple", 3),
    ("quadruple", 4),
    ("quintuple", 5),
];

/// "a triple shooting" (three shot), "a double homicide", "a double fatal
/// shooting" (two killed). A part, not a whole toll: the word names the
/// crime, which a charge or a headline may give for part of a spree ("a
/// double slaying" of three shot dead).
fn multiple(tokens: &[Token<'_>], index: usize) -> Option<(NumberFact, usize, usize)> {
    let word = |i: usize| tokens.get(i).map(|t| t.lower());
    let (_, value) = MULTIPLES
        .iter()
        .find(|(multiple, _)| word(index) == Some(multiple))?;
    let fatal = word(index + 1) == Some("fatal");
    let noun_at = index + 1 + usize::from(fatal);
    let predicate = match word(noun_at)? {
        "shooting" if fatal => "killed",
        "shooting" => "shot",
        "homicide" | "murder" | "killing" | "slaying" => "killed",
        _ => return None,
    };
    let end = noun_at + 1;
    let fact = NumberFact {
        text: join_words(&tokens[index..end]),
        value: Decimal::from_integer(*value),
        unit: Some("people".into()),
        predicate: Some(predicate),
        owner: None,
        bound: Bound::Exact,
        partial: false,
        of_all: false,
    };
    Some((fact, index, end))
}

/// "A man was killed", "killing one person", "her son was shot": one
/// person, with what the sentence says happened to them, if it does (one
/// it says nothing of may be joined to a count: "a woman and three men").
fn one_person(tokens: &[Token<'_>], index: usize) -> Option<(NumberFact, usize, usize)> {
    let determiner = tokens[index].lower();
    let possessive = is_possessive(determiner);
    // "another man was wounded": one more person.
    if !(matches!(determiner, "a" | "an" | "another" | "one") || possessive) {
        return None;
    }
    // Up to four describing words: "a pregnant 19-year-old woman"; or the
    // age alone: "a 14-year-old".
    let noun_at = (index + 1..tokens.len().min(index + 2 + MAX_DESCRIBING_WORDS))
        .take_while(|&i| {
            let t = &tokens[i];
            i == index + 1 || !(t.clause_break || t.comma)
        })
        .find(|&i| PEOPLE.contains(&tokens[i].lower()))
        .or_else(|| an_age(tokens, index + 1))?;
    // "his son" is one person, "his sons" are not.
    let noun = tokens[noun_at].lower();
    if possessive && (noun.ends_with('s') || matches!(noun, "men" | "women" | "children")) {
        return None;
    }
    let describing = &tokens[index + 1..noun_at];
    if describing
        .iter()
        .any(|t| predicate(t.lower()).is_some() || is_stop_word(t.lower()))
    {
        return None;
    }
    let end = noun_at + 1;
    let (predicate, at) = match nearest_predicate(tokens, index, end) {
        (None, _) => happened_past_describing_words(tokens, end)
            .map_or((None, None), |(p, at)| (Some(p), Some(at))),
        found => found,
    };
    // "a man was shot", "killed a woman", not "a man has pleaded guilty to
    // shooting": the person is the one it happened to.
    // "a teen accidentally shot himself": an adverb between, and done to himself.
    // "shot by his friend": the one after "by" did it.
    let agent = index
        .checked_sub(1)
        .is_some_and(|i| tokens[i].lower() == "by");
    let happened_to = at.is_some_and(|at| {
        at < index && !agent
            || tokens.get(end..at).is_some_and(|between| {
                between
                    .iter()
                    .all(|t| PASSIVE.contains(&t.lower()) || t.lower().ends_with("ly"))
                    || passive_after_describing(between)
                    || died_after_describing(between, tokens[at].lower())
                    || done_to_self(tokens, at)
                        && between.iter().all(|t| !PEOPLE.contains(&t.lower()))
            })
    });
    let fact = NumberFact {
        text: join_words(&tokens[index..end]),
        value: Decimal::from_integer(1),
        unit: Some("people".into()),
        predicate: predicate.filter(|_| happened_to),
        owner: None,
        bound: Bound::Exact,
        partial: true,
        of_all: false,
    };
    Some((fact, index, end))
}

/// Ages a name may be given with: a child's to a centenarian's.
const AGES: std::ops::RangeInclusive<u32> = 1..=110;

/// Name words before an age ("Raekwon Manigault, 19,") at most.
const MAX_NAME_WORDS: usize = 4;

/// "Matt Anderson, 15, died", "John Smith, 25, was shot", "the death of
/// Westley Bell, 17,": one person, named with their age between commas, to
/// whom what follows at once, or what they are "of", happened.
fn named_with_an_age(tokens: &[Token<'_>], index: usize) -> Option<(NumberFact, usize, usize)> {
    // Every word of every sentence comes here: the comma before the age
    // rules out most before any parsing.
    let age = tokens.get(index).filter(|t| t.comma && !t.clause_break)?;
    // A comma after the age, or the sentence's end ("the death of Westley
    // Bell, 17.").
    let closed = tokens.get(index + 1).is_none_or(|after| after.comma);
    let is_age = age.text.parse::<u32>().is_ok_and(|a| AGES.contains(&a));
    if !(closed && is_age) {
        return None;
    }
    let is_name_word = |t: &Token<'_>| is_capitalised(t.text) && !is_stop_word(t.lower());
    // Back to the name's first word: a comma before it ends the name.
    let mut name_start = index;
    while name_start > 0
        && index - name_start < MAX_NAME_WORDS
        && is_name_word(&tokens[name_start - 1])
    {
        name_start -= 1;
        if tokens[name_start].comma {
            break;
        }
    }
    if name_start == index {
        return None;
    }
    let mut at = index + 1;
    while tokens.get(at).is_some_and(|t| PASSIVE.contains(&t.lower())) {
        at += 1;
    }
    // "led to the death of Westley Bell, 17": what happened, just before.
    let of_at = name_start
        .checked_sub(1)
        .filter(|&i| tokens[i].lower() == "of");
    let before = of_at
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| predicate_at(tokens, i))
        .map(|p| (p, index + 1));
    let after = (at < tokens.len())
        .then(|| predicate_at(tokens, at))
        .flatten()
        .map(|p| (p, at + 1));
    let (predicate, end) = after.or(before).filter(|(p, _)| happens_to_people(p))?;
    let fact = NumberFact {
        text: join_words(&tokens[name_start..=index]),
        value: Decimal::from_integer(1),
        unit: Some("people".into()),
        predicate: Some(predicate),
        owner: None,
        bound: Bound::Exact,
        partial: true,
        of_all: false,
    };
    Some((fact, name_start, end))
}

/// Words before what happened to someone, told passively ("was shot",
/// "after being shot").
const PASSIVE_AUXILIARIES: &[&str] = &["was", "were", "been", "being"];

/// "a man sitting on a porch was killed", "another person was reported to
/// have been injured": words describing the person or the telling, then
/// "was", "were" or "been" before what happened, and no other person among
/// them ("a woman told police a man was shot" is about the man).
fn passive_after_describing(between: &[Token<'_>]) -> bool {
    // "were also hit", "was critically wounded": the adverbs before what happened.
    let adverbs = between.iter().rev().take_while(|t| is_adverb(t)).count();
    let Some((last, describing)) = between[..between.len() - adverbs].split_last() else {
        return false;
    };
    PASSIVE_AUXILIARIES.contains(&last.lower())
        && describing.iter().all(|t| !PEOPLE.contains(&t.lower()))
}

/// "a 15-year-old boy from the Town of Shelby has died": "has" or "had"
/// before a death, which no one does to another.
fn died_after_describing(between: &[Token<'_>], predicate_word: &str) -> bool {
    let Some((last, describing)) = between.split_last() else {
        return false;
    };
    matches!(last.lower(), "has" | "had")
        && matches!(predicate_word, "died" | "dies")
        && describing.iter().all(|t| !PEOPLE.contains(&t.lower()))
}

/// Words describing a person before "has died" may hold ("a 15-year-old
/// boy from the Town of Shelby has died"): more than a predicate's usual
/// reach, within one clause.
const MAX_DESCRIBING_PHRASE: usize = 10;

/// What happened to a person, told past the words after them and before a
/// clause break or a comma: "… has died", "… is in critical condition after
/// being shot", "… in the vehicle with Johnson were also hit" (told
/// passively), "… after accidentally shooting himself" (the one shot is the
/// sentence's subject).
fn happened_past_describing_words(
    tokens: &[Token<'_>],
    end: usize,
) -> Option<(&'static str, usize)> {
    let reach = tokens.len().min(end + MAX_DESCRIBING_PHRASE);
    (end..reach)
        .take_while(|&i| !(tokens[i].clause_break || tokens[i].comma))
        .find_map(|i| match tokens[i].lower() {
            "died" | "dies" => Some(("killed", i)),
            // Read at "being", so the word after it may be past the reach.
            "being" if i + 1 < tokens.len() => predicate_at(tokens, i + 1)
                .filter(|p| happens_to_people(p))
                .map(|p| (p, i + 1)),
            _ if done_to_self(tokens, i) || told_passively(tokens, i) => predicate_at(tokens, i)
                .filter(|p| happens_to_people(p))
                .map(|p| (p, i)),
            _ => None,
        })
}

/// "also", "critically": words between "was" and what happened to them.
fn is_adverb(token: &Token<'_>) -> bool {
    let word = token.lower();
    word == "also" || word.ends_with("ly")
}

/// "… were also hit": the word at `i` is what happened, after "was",
/// "were", "been" or "being" and any adverbs.
fn told_passively(tokens: &[Token<'_>], i: usize) -> bool {
    let auxiliary = tokens[..i].iter().rev().find(|t| !is_adverb(t));
    predicate(tokens[i].lower()).is_some()
        && auxiliary.is_some_and(|t| PASSIVE_AUXILIARIES.contains(&t.lower()))
}

/// "after accidentally shooting himself": what the word at `i` says was
/// done to the one doing it.
fn done_to_self(tokens: &[Token<'_>], i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|t| matches!(t.lower(), "himself" | "herself"))
        && predicate(tokens[i].lower()).is_some()
}

/// Ages written in words ("a two-year-old").
const AGE_WORDS: &[&str] = &[
    "eight", "eleven", "five", "four", "nine", "one", "seven", "six", "ten", "three", "twelve",
    "two",
];

/// Where "14 year old" ends when it starts at `at` and no person noun
/// follows it ("a 14-year-old shot himself"): the age names the person.
fn an_age(tokens: &[Token<'_>], at: usize) -> Option<usize> {
    let word = |i: usize| tokens.get(i).map(|t| t.lower());
    let first = tokens.get(at)?.lower();
    let is_number = first.chars().all(|c| c.is_ascii_digit()) || AGE_WORDS.contains(&first);
    let unit = word(at + 1).map(|w| w.trim_end_matches('s'));
    let age = is_number && matches!(unit, Some("year" | "month")) && word(at + 2) == Some("old");
    let person_follows = word(at + 3).is_some_and(|w| PEOPLE.contains(&w));
    (age && !person_follows).then_some(at + 2)
}

/// Words between a count and the next one that may be its predicate
/// ("six people wounded -- two mortally").
const MAX_PREDICATE_WORDS: usize = 2;

/// "six people wounded -- two mortally", "three people were injured,
/// including a 17-year-old who succumbed": the count of the hurt, followed
/// at once by how many of them died of it, counts everyone shot.
fn some_of_the_hurt_died(
    text: &str,
    tokens: &[Token<'_>],
    facts: &mut [(NumberFact, usize, usize)],
) {
    for k in 1..facts.len() {
        let (before, after) = facts.split_at_mut(k);
        let (hurt, _, hurt_end) = &mut before[k - 1];
        let (died, died_start, died_end) = &after[0];
        // Counts may overlap ("a 20-year-old" is a person and an age): such
        // have no gap between them to look at.
        let Some(gap) = died_start.checked_sub(*hurt_end) else {
            continue;
        };
        let previous = died_start.checked_sub(1).and_then(|i| tokens.get(i));
        let (Some(previous), Some(start)) = (previous, tokens.get(*died_start)) else {
            continue;
        };
        // Set off by a comma or a dash, the predicate of the hurt between.
        let set_off = start.comma
            || start.clause_break
            || text
                .get(previous.span.1..start.span.0)
                .is_some_and(|between| between.contains('-'));
        let adjacent = set_off && gap <= MAX_PREDICATE_WORDS;
        let of_it = tokens
            .get(*died_end)
            .is_some_and(|t| matches!(t.lower(), "mortally" | "fatally"));
        // "Three people were injured, including a 17-year-old who succumbed
        // to her injuries": the predicate of the hurt, then "including".
        let including = previous.lower() == "including" && gap <= MAX_PREDICATE_WORDS + 1;
        let one_of_them_died = adjacent && of_it || including;
        if one_of_them_died && counts_people(hurt, "injured") && died.predicate == Some("killed") {
            hurt.predicate = Some("shot");
        }
    }
}

/// Ordinals that add one person to a count before them ("four victims
/// died at the scene and a fifth on the way to hospital").
const ORDINALS: &[(&str, i128)] = &[
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
];

/// "found shot to death along with three others": the others and the one
/// they were with, a part of the toll still (more may have been hurt).
fn along_with_others(tokens: &[Token<'_>], facts: &mut [(NumberFact, usize, usize)]) {
    for (fact, start, end) in facts.iter_mut() {
        let along_with = start
            .checked_sub(2)
            .and_then(|i| tokens.get(i..*start))
            .is_some_and(|pair| pair[0].lower() == "along" && pair[1].lower() == "with");
        let others = end
            .checked_sub(1)
            .and_then(|i| tokens.get(i))
            .is_some_and(|t| t.lower() == "others");
        let Some(with_the_one) = fact.value.checked_add(Decimal::from_integer(1)) else {
            continue;
        };
        if along_with && others && fact.unit.as_deref() == Some("people") {
            fact.value = with_the_one;
            fact.text = join_words(&tokens[*start - 2..*end]);
            fact.partial = true;
        }
    }
}

/// A count of people that "a fifth" after it extends is a part of the toll.
fn extended_by_an_ordinal(tokens: &[Token<'_>], facts: &mut [(NumberFact, usize, usize)]) {
    for (fact, _, end) in facts.iter_mut() {
        let Some(next) = fact.value.to_integer().map(|v| v + 1) else {
            continue;
        };
        let extended = tokens.get(*end..).is_some_and(|rest| {
            rest.windows(2).any(|pair| {
                matches!(pair[0].lower(), "a" | "the")
                    && ORDINALS.contains(&(pair[1].lower(), next))
            })
        });
        if extended && fact.unit.as_deref() == Some("people") {
            fact.partial = true;
        }
    }
}

/// How many words an appositive after a count may hold ("Three others, an
/// 18-year-old woman and two men, ages 21 and 22, were treated"): longer,
/// and the words after the comma are a clause of their own.
const APPOSITIVE_REACH: usize = 14;

/// "Two teenagers, one 16 and the other 17, were injured": a count of people
/// followed by an appositive takes the predicate after it, and the counts
/// inside it (which name the same people) are dropped.
fn take_predicate_past_appositive(
    tokens: &[Token<'_>],
    mut found: Vec<(NumberFact, usize, usize)>,
) -> Vec<(NumberFact, usize, usize)> {
    let mut k = 0;
    while k < found.len() {
        let (fact, _, end) = &found[k];
        let bare = fact.unit.as_deref() == Some("people") && fact.predicate.is_none();
        let resumed = (bare && tokens.get(*end).is_some_and(|t| t.comma))
            .then(|| verb_after_appositive(tokens, *end))
            .flatten();
        if let Some((verb, predicate)) = resumed {
            let end = *end;
            found[k].0.predicate = Some(predicate);
            let inside = |start: usize| start >= end && start < verb;
            while found.get(k + 1).is_some_and(|next| inside(next.1)) {
                found.remove(k + 1);
            }
        }
        k += 1;
    }
    found
}

/// Where the appositive starting at `from` ends, at "was"/"were"/"are"/"is"
/// after a comma, and the predicate that follows it ("were treated for
/// wounds": injured).
fn verb_after_appositive(tokens: &[Token<'_>], from: usize) -> Option<(usize, &'static str)> {
    let verb = (from + 1..tokens.len().min(from + APPOSITIVE_REACH))
        .take_while(|&i| !tokens[i].clause_break)
        .find(|&i| tokens[i].comma && matches!(tokens[i].lower(), "was" | "were" | "are" | "is"))?;
    let (predicate, _) = nearest_predicate(tokens, verb, verb + 1);
    Some((verb, predicate.filter(|p| happens_to_people(p))?))
}

/// "two men and two women were wounded": one count of four people.
fn join_people_counts(
    tokens: &[Token<'_>],
    found: Vec<(NumberFact, usize, usize)>,
) -> Vec<(NumberFact, usize, usize)> {
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
            let joins = joined_by_and && both_people && !last.hedged() && !fact.hedged();
            if let Some(sum) = last.value.checked_add(fact.value).filter(|_| joins) {
                last.value = sum;
                last.text = format!("{} and {}", last.text, fact.text);
                last.predicate = fact.predicate.or(last.predicate);
                last.partial &= fact.partial;
                *last_end = end;
                continue;
            }
        }
        out.push((fact, start, end));
    }
    out
}

/// The predicate of a measure glued to the thing it measures ("the 35-word
/// oath", "a 16-minute speech"): the thing's size, not something that
/// happened. Two sizes of one kind of thing compare as two counts do.
const SIZE: &str = "size";

fn number_fact(
    tokens: &[Token<'_>],
    index: usize,
    used: usize,
    value: Decimal,
    currency: Option<&'static str>,
    previous: Option<&NumberFact>,
    glued: bool,
) -> (NumberFact, usize) {
    let after = index + used;
    let mut owner = None;
    let mut unit: Option<String> = currency.map(str::to_owned);
    let mut end = after;
    let mut measures = false;
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
        let of_the = some_of_the(tokens, cursor + 1);
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
            Some(t) if t.lower() == "of" && of_the.is_some() => {
                // "Two of the victims were killed": counted in the noun after.
                unit = of_the.map(singular_unit);
                end = cursor + 3;
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
                let noun = tokens.get(cursor + 1).filter(|n| {
                    glued
                        && cursor == after
                        && !n.clause_break
                        && !n.comma
                        && n.text.chars().all(char::is_alphabetic)
                        && !is_capitalised(n.text)
                        && !is_stop_word(n.lower())
                        && predicate(n.lower()).is_none()
                });
                if let Some(noun) = noun {
                    unit = Some(format!(
                        "{} {}",
                        singular_unit(t.lower()),
                        singular_unit(noun.lower())
                    ));
                    end = cursor + 2;
                    measures = true;
                }
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
    let before: Vec<&str> = tokens[index.saturating_sub(BOUND_WORDS)..index]
        .iter()
        .map(|t| t.lower())
        .collect();
    let bound = bound_before(&before);
    let (mut predicate, verb_at) = if measures {
        (Some(SIZE), None)
    } else {
        nearest_predicate(tokens, index, end)
    };
    // "five victims in a deadly shooting": someone died, not every one of
    // them (of one victim, or an age standing for one, it says they did).
    let deadly = verb_at.is_some_and(|at| tokens[at].lower() == "deadly");
    let one = value == Decimal::from_integer(1) || unit.as_deref() == Some("year-old");
    if deadly && !one {
        predicate = None;
    }
    if owner.is_none() && predicate == Some("launched") {
        // "Russia fired 82 drones": the launcher owns them.
        owner = verb_at
            .and_then(|v| v.checked_sub(1))
            .and_then(|i| nation(tokens[i].lower()));
    }
    // "4 Shot, 2 Killed", "Two died", "dozens of arrests": a bare count
    // right before what happened to it counts people, as headlines and
    // tallies write them; only people are arrested.
    let of_people = |p: &str| happens_to_people(p) || p == "arrested";
    let mut text_end = end;
    if unit.is_none() && verb_at == Some(after) && predicate.is_some_and(of_people) {
        unit = Some("people".into());
        // "dozens of" says nothing without the arrests; "4" stays a bare
        // count, which the toll reads as everyone (`toll::counts_everyone`).
        // The fact still ends at the count, for "two killed and three hurt".
        if tokens[after - 1].lower() == "of" {
            text_end = after + 1;
        }
    }
    let start = currency.map_or(index, |_| index - 1);
    let end = end.min(tokens.len());
    // "four others", "the other four people".
    let other_before = index
        .checked_sub(1)
        .is_some_and(|i| tokens[i].lower() == "other");
    // "three other shooting victims": the fillers before a predicate too.
    let fillers_end = after
        + tokens[after.min(tokens.len())..]
            .iter()
            .take_while(|t| UNIT_FILLERS.contains(&t.lower()))
            .count();
    let partial = other_before
        || tokens[after.min(end)..end.max(fillers_end).min(tokens.len())]
            .iter()
            .any(|t| matches!(t.lower(), "other" | "others" | "additional" | "more"));
    let of_all = index.checked_sub(2).is_some_and(|i| {
        matches!(tokens[i].lower(), "among" | "of") && tokens[i + 1].lower() == "the"
    });
    let fact = NumberFact {
        text: join_words(&tokens[start..text_end.max(end).min(tokens.len())]),
        value,
        unit,
        predicate,
        owner,
        bound,
        partial,
        of_all,
    };
    (fact, end)
}

/// The noun of "the victims", "those wounded" after "of" in "two of the
/// victims": what the count is a number of.
fn some_of_the<'a>(tokens: &'a [Token<'_>], at: usize) -> Option<&'a str> {
    let article = tokens.get(at)?;
    let noun = tokens.get(at + 1)?;
    let is_noun = !noun.clause_break
        && noun.text.chars().all(char::is_alphabetic)
        && !is_capitalised(noun.text)
        && !is_stop_word(noun.lower())
        && predicate(noun.lower()).is_none();
    (matches!(article.lower(), "the" | "those") && !article.clause_break && is_noun)
        .then(|| noun.lower())
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

fn is_year(value: Decimal, used: usize, word: &str) -> bool {
    let year = value.to_integer().and_then(|v| i16::try_from(v).ok());
    used == 1 && year.is_some_and(|y| YEARS.contains(&y)) && !word.contains(',')
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tokens::tokens;

    type Read = (
        f64,
        Option<String>,
        Option<&'static str>,
        Option<&'static str>,
    );

    fn numbers_of(text: &str) -> Vec<Read> {
        let tokens = tokens(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        numbers(text, &tokens, &words)
            .into_iter()
            .map(|n| (n.value.to_f64(), n.unit, n.predicate, n.owner))
            .collect()
    }

    #[test]
    fn amounts_are_exact() {
        let value = |text: &str| {
            let tokens = tokens(text);
            let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
            numbers(text, &tokens, &words)[0].value
        };
        assert_eq!(
            value("a $105.41 billion budget").to_string(),
            "105410000000"
        );
        assert_eq!(
            value("a $105.41 billion budget").to_f64(),
            105_410_000_000.0
        );
        assert_eq!(
            value("800,000 troops were sent"),
            value("800000 troops were sent")
        );
        assert_eq!(value("six people were killed").to_string(), "6");
        assert_eq!(value("growth of 2.5 percent").to_string(), "2.5");
        assert_eq!(value("0.5 million people fled").to_string(), "500000");
        let json = serde_json::to_string(&value("a $50 billion fund")).expect("serialises");
        assert_eq!(json, "50000000000.0");
    }

    #[test]
    fn tens_and_units_are_one_count() {
        let found = numbers_of(
            "Twenty-seven Iraqis were killed, pushing the number of deaths to about 100.",
        );
        assert_eq!(found[0], (27.0, None, Some("killed"), None));
    }

    /// Sentences from MRPC where a person ("a 20-year-old") and an age are
    /// read from the same words: the counts overlap, and must not be
    /// measured apart (a subtraction that overflowed in debug builds).
    #[test]
    fn overlapping_counts_are_read_without_panicking() {
        for text in [
            "Meester, a 20-year-old sophomore, could face life in prison if convicted.",
            "A 32-year-old mother of two is suspected of drowning her children, police said.",
            "Tuition at the six two-year community colleges will leap by $300, to $2,800.",
        ] {
            assert!(!numbers_of(text).is_empty(), "{text}");
        }
    }

    /// GVA 683142: "an AK-47" read as 47 found dead made the article a
    /// 47-dead roundup against another's two.
    #[test]
    fn a_model_or_a_road_is_no_count() {
        let found = numbers_of(
            "Two relatives of an Oklahoma man who opened fire on police with an AK-47 were found dead.",
        );
        assert!(found.iter().all(|(value, ..)| *value == 2.0), "{found:?}");
        assert!(numbers_of("The crash closed I-95 for hours.").is_empty());
    }

    /// GVA 682917, 563514, 318221: the hurt "including" one who died count
    /// everyone shot; "a male 15 to 22 year old" is an age; "two other
    /// shooting victims" are some of the shot.
    #[test]
    fn the_dead_among_the_hurt_and_ages_in_a_range() {
        let found = numbers_of(
            "Three people were injured, including a 17-year-old female who succumbed to her injuries.",
        );
        assert_eq!(found[0], (3.0, Some("people".into()), Some("shot"), None));
        let range = numbers_of("Police describe the victim who died as a male 15 to 22 year old.");
        assert!(range.iter().all(|(value, ..)| *value != 15.0), "{range:?}");
        let tokens = tokens("One male was found dead, along with two other shooting victims.");
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        let others = numbers(
            "One male was found dead, along with two other shooting victims.",
            &tokens,
            &words,
        );
        assert!(
            others.iter().any(|n| n.value.to_f64() == 2.0 && n.partial),
            "{others:?}"
        );
    }

    /// GVA 156670, 336622: members of a family are people.
    #[test]
    fn members_are_people() {
        assert_eq!(
            numbers_of("Haskell is accused of killing six members of a Spring family."),
            [(6.0, Some("people".into()), Some("killed"), None)]
        );
    }

    /// BASIL 84b3c118: Fox's "dozens of arrests" against the Times' "more
    /// than 200 people were arrested": both count people arrested.
    #[test]
    fn counts_of_many_are_bounds_of_people() {
        let fox = "They clashed with police later in the afternoon, amid dozens of arrests.";
        let tokens = tokens(fox);
        let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        let found = numbers(fox, &tokens, &words);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].text, "dozens of arrests");
        assert_eq!(found[0].unit.as_deref(), Some("people"));
        assert_eq!(found[0].predicate, Some("arrested"));
        assert_eq!(found[0].bound, Bound::Many { below: 200 });
        assert!(found[0].hedged());
        let nyt = numbers_of("More than 200 people were arrested.");
        assert_eq!(
            nyt,
            [(200.0, Some("people".into()), Some("arrested"), None)]
        );
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
        // "A 12-year-old" is one person; "the 12-year-old girl" gives an age.
        assert_eq!(
            numbers_of("A 12-year-old was shot.")[0],
            (1.0, Some("people".into()), Some("shot"), None)
        );
        assert_eq!(
            numbers_of("The 12-year-old girl was shot.")[0].1.as_deref(),
            Some("year-old")
        );
        assert_eq!(
            numbers_of("A teen was shot and is in stable condition.")[0].2,
            Some("injured")
        );
        assert_eq!(
            numbers_of("A 3-year-old accidentally shot himself and died.")[0].2,
            Some("killed")
        );
        // The total stays shot when another count says how it ended for
        // some; the rest were hurt.
        let five = numbers_of("Five people were shot, one fatally.");
        assert_eq!(
            five,
            [
                (5.0, Some("people".into()), Some("shot"), None),
                (1.0, Some("people".into()), Some("killed"), None),
                (4.0, Some("people".into()), Some("injured"), None),
            ]
        );
        assert!(numbers_of("No one died.").is_empty());
        assert!(numbers_of("On Dec. 14, 2009 at 6 p.m. the vote began.").is_empty());
        assert!(numbers_of("for 2026 and 2027").is_empty());
    }
}
