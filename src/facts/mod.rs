//! Facts stage (pure): segments → facts per segment ([`extract`]), and facts
//! of related segments → [`Conflict`]s; names across the corpus → merged
//! spelling [`Variant`]s, each with the rule that merged it.
//!
//! Two numbers conflict when they count the same thing (unit), for the same
//! predicate ("intercepted" is not "fired"), with compatible owners
//! ("Ukrainian drones" are not Russia's), neither is a bound ("at least 10"),
//! and the two sentences do not name different places or people. Two groups
//! conflict when the same delegation is given with no member in common.
//! Segments are compared when the aligner made them a candidate pair (other
//! sources) or when they are in the same source.

pub mod dates;
pub mod developments;
pub mod extract;
pub mod statements;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

pub use dates::DateFact;
pub use developments::Development;
pub use extract::{Facts, GroupFact, NumberFact};

use crate::align::tokens::{NAME_FOLDS, fold_name, is_capitalised};
use crate::distinct::Distinct;
use crate::model::{Segment, SegmentKind, SourceId};
use jiff::civil::Date;
use std::sync::Arc;

use rustc_hash::FxHashMap;

/// What kind of fact two segments disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Another count or amount of the same thing.
    Number,
    /// Other people in the same role.
    Person,
    /// Another day for the same event.
    Date,
    /// Another place for the same meeting.
    Place,
    /// Other words quoted from the same speaker.
    Quote,
}

impl ConflictKind {
    /// The name used in report.json and by `pairs`.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Number => "number",
            ConflictKind::Person => "person",
            ConflictKind::Date => "date",
            ConflictKind::Place => "place",
            ConflictKind::Quote => "quote",
        }
    }
}

/// Two segments that disagree (indices into the segment list).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// First segment.
    pub a: usize,
    /// Second segment.
    pub b: usize,
    /// What they disagree on.
    pub kind: ConflictKind,
    /// What `a` says, as written.
    pub a_says: String,
    /// What `b` says, as written.
    pub b_says: String,
}

/// Spelling variants of one name, merged by a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// The form most sources use (ties: most uses, then the first in sort order).
    pub canonical: String,
    /// Every form seen, sorted.
    pub forms: Vec<String>,
    /// What made them one name.
    pub rule: String,
}

/// Facts of every segment (parallel to `segments`); empty for the indices
/// `keep` refuses. `published` gives a source's publication day, against
/// which "Saturday" and "yesterday" are resolved.
pub fn extract_all(
    segments: &[Segment],
    published: impl Fn(&SourceId) -> Option<Date> + Sync,
    keep: impl Fn(usize) -> bool + Sync,
) -> Vec<Arc<Facts>> {
    // A sentence repeated word for word (a wire story run by several
    // outlets the same day) states the same facts: extract them once.
    let kept: Vec<usize> = (0..segments.len()).filter(|&i| keep(i)).collect();
    let texts = Distinct::new(kept.iter().map(|&i| {
        let segment = &segments[i];
        (segment.norm.as_str(), published(&segment.source))
    }));
    let found: Vec<Arc<Facts>> = texts
        .firsts()
        .par_iter()
        .map(|&k| {
            let segment = &segments[kept[k as usize]];
            Arc::new(extract::extract(&segment.norm, published(&segment.source)))
        })
        .collect();
    let mut facts_of: Vec<Option<u32>> = vec![None; segments.len()];
    for (&i, &text) in kept.iter().zip(texts.of()) {
        facts_of[i] = Some(text);
    }
    // Copies share their facts.
    let none = Arc::new(Facts::default());
    facts_of
        .par_iter()
        .map(|text| text.map_or_else(|| Arc::clone(&none), |t| Arc::clone(&found[t as usize])))
        .collect()
}

/// Related pairs compared per parallel piece (see [`conflicts`]).
const PAIRS_PER_PIECE: usize = 4096;

/// Conflicts between segments: `related` are the cross-source candidate
/// pairs of the aligner; pairs within one source are added here.
pub fn conflicts(
    segments: &[Segment],
    facts: &[Arc<Facts>],
    related: &[(usize, usize)],
) -> Vec<Conflict> {
    let mut pairs: Vec<(usize, usize)> = related
        .par_iter()
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .filter(|&(a, b)| has_facts(&facts[a]) && has_facts(&facts[b]))
        .collect();
    let mut by_source: BTreeMap<&crate::model::SourceId, Vec<usize>> = BTreeMap::new();
    for (i, segment) in segments.iter().enumerate() {
        if can_conflict_within_a_source(&facts[i]) {
            by_source.entry(&segment.source).or_default().push(i);
        }
    }
    for members in by_source.values() {
        for (k, &a) in members.iter().enumerate() {
            pairs.extend(members[k + 1..].iter().map(|&b| (a, b)));
        }
    }
    // Millions of pairs on a large corpus: sorted on both cores.
    pairs.par_sort_unstable();
    pairs.dedup();
    // Copies of a sentence share their facts: each pair of shared facts is
    // compared once per piece of pairs (copies' pairs lie close together).
    let mut found: Vec<Conflict> = pairs
        .par_chunks(PAIRS_PER_PIECE)
        .flat_map_iter(|piece| {
            let mut compared: FxHashMap<(*const Facts, *const Facts, bool), Vec<Conflict>> =
                FxHashMap::default();
            piece.iter().flat_map(move |&(a, b)| {
                let same_source = segments[a].source == segments[b].source;
                let (fa, fb) = (&facts[a], &facts[b]);
                let key = (Arc::as_ptr(fa), Arc::as_ptr(fb), same_source);
                let found = compared
                    .entry(key)
                    .or_insert_with(|| conflicts_between(a, b, fa, fb, same_source));
                found
                    .iter()
                    .map(|conflict| Conflict {
                        a,
                        b,
                        ..conflict.clone()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    found.sort_by(|x, y| (x.a, x.b, x.kind, &x.a_says).cmp(&(y.a, y.b, y.kind, &y.a_says)));
    found
}

fn has_facts(facts: &Facts) -> bool {
    can_conflict_within_a_source(facts)
        || !facts.dates.is_empty()
        || !facts.quotes.is_empty()
        || facts.place.is_some()
}

/// Counts and groups; not dates, as one article tells a story over days.
fn can_conflict_within_a_source(facts: &Facts) -> bool {
    !facts.numbers.is_empty() || !facts.groups.is_empty()
}

fn conflicts_between(
    a: usize,
    b: usize,
    fa: &Facts,
    fb: &Facts,
    same_source: bool,
) -> Vec<Conflict> {
    let mut out = Vec::new();
    // Different places or people named, or an earlier event recalled: not
    // about the same thing.
    let other_matter = !fa.names.is_empty()
        && !fb.names.is_empty()
        && !fa.names.iter().any(|n| fb.names.binary_search(n).is_ok())
        || fa.recalls_past
        || fb.recalls_past;
    if !other_matter {
        for x in &fa.numbers {
            if let Some(y) = fb.numbers.iter().find(|y| numbers_conflict(x, y)) {
                if fa
                    .numbers
                    .iter()
                    .any(|same| same.value == y.value && same_quantity(same, y))
                {
                    continue; // `a` states b's figure too.
                }
                out.push(Conflict {
                    a,
                    b,
                    kind: ConflictKind::Number,
                    a_says: x.text.clone(),
                    b_says: y.text.clone(),
                });
            }
        }
    }
    // One article tells a story over several days ("shot Saturday, died
    // Monday"): dates conflict only between sources.
    if !other_matter && !same_source {
        out.extend(date_conflict(fa, fb).map(|(x, y)| Conflict {
            a,
            b,
            kind: ConflictKind::Date,
            a_says: format!("{} ({})", x.text, day_range(x)),
            b_says: format!("{} ({})", y.text, day_range(y)),
        }));
    }
    if !same_source {
        out.extend(
            statement_conflicts(fa, fb).map(|(kind, a_says, b_says)| Conflict {
                a,
                b,
                kind,
                a_says,
                b_says,
            }),
        );
    }
    for x in &fa.groups {
        for y in fb.groups.iter().filter(|y| y.group == x.group) {
            if !x.keys.iter().any(|k| y.keys.contains(k)) {
                out.push(Conflict {
                    a,
                    b,
                    kind: ConflictKind::Person,
                    a_says: x.members.join(", "),
                    b_says: y.members.join(", "),
                });
            }
        }
    }
    // A sentence stating one figure twice ("1 count of …, and 1 count of
    // …") would list the same disagreement twice.
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|c| seen.insert((c.kind, c.a_says.clone(), c.b_says.clone())));
    out
}

/// Quotes and meeting places two sentences of different sources disagree
/// on. One article may quote a speaker twice on different matters or move
/// between meetings, so these are compared between sources only.
fn statement_conflicts(
    fa: &Facts,
    fb: &Facts,
) -> impl Iterator<Item = (ConflictKind, String, String)> {
    let quoted = |q: &statements::QuoteFact| format!("{}: \"{}\"", q.speaker, q.words);
    let quotes = fa.quotes.iter().flat_map(move |x| {
        fb.quotes
            .iter()
            .filter(|y| statements::quotes_differ(x, y))
            .map(move |y| (ConflictKind::Quote, quoted(x), quoted(y)))
    });
    let place = match (&fa.place, &fb.place) {
        (Some(x), Some(y)) if statements::places_differ(x, y) && same_meeting(fa, fb, x, y) => {
            Some((ConflictKind::Place, x.place.clone(), y.place.clone()))
        }
        _ => None,
    };
    quotes.chain(place)
}

/// Two sentences putting a meeting in different places are about the same
/// meeting when they name someone else in common (leaving the places' own
/// words out) or a day in common.
fn same_meeting(
    fa: &Facts,
    fb: &Facts,
    x: &statements::PlaceFact,
    y: &statements::PlaceFact,
) -> bool {
    let place_word = |name: &String| x.keys.contains(name) || y.keys.contains(name);
    let shared_name = fa
        .names
        .iter()
        .any(|n| !place_word(n) && fb.names.binary_search(n).is_ok());
    let shared_day = fa
        .dates
        .iter()
        .any(|d| fb.dates.iter().any(|e| !d.disjoint(e)));
    shared_name || shared_day
}

/// What two sentences' facts disagree on, as `(kind, a says, b says)`, by
/// the rules the reports use for sentences of two sources.
pub fn differences(fa: &Facts, fb: &Facts) -> Vec<(ConflictKind, String, String)> {
    conflicts_between(0, 1, fa, fb, false)
        .into_iter()
        .map(|c| (c.kind, c.a_says, c.b_says))
        .collect()
}

/// The first date of `fa` that cannot be any date `fb` gives for the same
/// predicate, with that date.
fn date_conflict<'f>(fa: &'f Facts, fb: &'f Facts) -> Option<(&'f DateFact, &'f DateFact)> {
    fa.dates
        .iter()
        .filter(|x| x.predicate.is_some())
        .find_map(|x| {
            let same_event: Vec<&DateFact> = fb
                .dates
                .iter()
                .filter(|y| y.predicate == x.predicate)
                .collect();
            let differs = !same_event.is_empty() && same_event.iter().all(|y| x.disagrees(y));
            let a_agrees_elsewhere = fa
                .dates
                .iter()
                .any(|other| same_event.iter().any(|y| !other.disjoint(y)));
            (differs && !a_agrees_elsewhere).then(|| (x, same_event[0]))
        })
}

fn day_range(date: &DateFact) -> String {
    if date.first == date.last {
        date.first.to_string()
    } else {
        format!("{} to {}", date.first, date.last)
    }
}

/// Same unit, same predicate, compatible owners.
fn same_quantity(x: &NumberFact, y: &NumberFact) -> bool {
    x.unit.is_some()
        && x.unit == y.unit
        && x.predicate.is_some()
        && x.predicate == y.predicate
        && (x.owner.is_none() || y.owner.is_none() || x.owner == y.owner)
        && x.unit.as_deref() != Some("year-old")
}

fn numbers_conflict(x: &NumberFact, y: &NumberFact) -> bool {
    same_quantity(x, y) && !x.hedged && !y.hedged && !x.partial && !y.partial && x.value != y.value
}

/// Names spelled more than one way across the corpus: words merged by
/// [`fold_name`], then surnames standing for a full name already seen.
///
/// `texts` are [`segment_texts`] of `segments`, `names` their [`segment_names`].
pub fn variants(segments: &[Segment], texts: &Distinct, names: &[SegmentNames]) -> Vec<Variant> {
    let mut all = spelling_variants(segments, names);
    all.extend(surname_variants(segments, texts, names));
    all.sort_by(|x, y| (&x.canonical, &x.rule).cmp(&(&y.canonical, &y.rule)));
    all
}

/// The segments' distinct normalised texts: copies of a sentence name the
/// same names, and their names are found once.
pub fn segment_texts(segments: &[Segment]) -> Distinct {
    Distinct::new(segments.iter().map(|segment| segment.norm.as_str()))
}

/// Each segment's capitalised words ([`name_words`]), folded
/// ([`fold_name`]): `(folded, as written)`. Found once for both kinds of
/// variant and for the report's runs of unbacked claims. `texts` are
/// [`segment_texts`] of `segments`.
pub fn segment_names(segments: &[Segment], texts: &Distinct) -> Vec<SegmentNames> {
    let found: Vec<SegmentNames> = texts
        .firsts()
        .par_iter()
        .map(|&first| names_of(&segments[first as usize].norm).into())
        .collect();
    texts
        .of()
        .iter()
        .map(|&text| Arc::clone(&found[text as usize]))
        .collect()
}

/// A segment's capitalised words, `(folded, as written)`
/// ([`segment_names`]); copies of a sentence share theirs.
pub type SegmentNames = Arc<[(String, String)]>;

/// One segment's [`segment_names`] (`norm` is its normalised text).
pub fn names_of(norm: &str) -> Vec<(String, String)> {
    name_words(norm)
        .into_iter()
        .map(|word| (fold_name(&word), word))
        .collect()
}

/// Capitalised words that begin place names and captions, not people
/// ("South Eggleston", "Fort Worth", "Caption Seminole").
const NOT_FIRST_NAMES: &[&str] = &[
    "caption", "east", "fort", "lake", "las", "los", "mount", "new", "north", "port", "saint",
    "san", "santa", "south", "st", "west",
];

/// The rule named for a surname standing alone for a full name.
pub const SURNAME_RULE: &str = "surname for a full name";

/// "Witkoff" for "Steve Witkoff": a surname used alone in one segment, when
/// every full name seen with that surname is one person (same first name
/// and surname after folding; a title or place left in front, as in
/// "Intelligence Tulsi Gabbard", does not make another person). A surname
/// shared by two people ("Donald Trump", "Lara Trump") is left alone.
fn surname_variants(
    segments: &[Segment],
    texts: &Distinct,
    names: &[SegmentNames],
) -> Vec<Variant> {
    let common = lowercase_words(segments, texts);
    // A person's name: two words, neither of which the corpus also writes in
    // lowercase ("Strategic Alignment", "Reconstruction Funding" are not
    // people); from running text only, as headings and list items are in
    // title case.
    let is_person = |name: &String| {
        let words: Vec<&str> = name.split(' ').collect();
        words.len() == 2
            && !words[0].contains('\'')
            && !NOT_FIRST_NAMES.contains(&words[0].to_lowercase().as_str())
            && words.iter().all(|w| !common.contains(&w.to_lowercase()))
    };
    let may_name_people = |i: u32| {
        let i = i as usize;
        // Two capitalised words at least, or no full name to find.
        matches!(segments[i].kind, SegmentKind::Sentence | SegmentKind::Quote)
            && names[i].len() >= 2
    };
    // The full names in each distinct text, found once however often it is repeated.
    let people_in_text: Vec<Vec<String>> = (0..texts.len())
        .into_par_iter()
        .map(|d| {
            let d = u32::try_from(d).unwrap_or(u32::MAX);
            if !texts.members(d).iter().any(|&i| may_name_people(i)) {
                return Vec::new();
            }
            let mut names =
                extract::people_named(&segments[texts.firsts()[d as usize] as usize].norm);
            names.retain(is_person);
            names
        })
        .collect();
    // How many copies of each distinct text may name people: a text counts
    // once for each, as if each copy were read on its own.
    let naming_copies: Vec<usize> = (0..texts.len())
        .map(|d| {
            let d = u32::try_from(d).unwrap_or(u32::MAX);
            texts
                .members(d)
                .iter()
                .filter(|&&i| may_name_people(i))
                .count()
        })
        .collect();
    // Folded surname → folded "first last" → full forms as written, with uses.
    let mut full: BTreeMap<String, BTreeMap<String, BTreeMap<&str, usize>>> = BTreeMap::new();
    for (names, &copies) in people_in_text.iter().zip(&naming_copies) {
        if copies == 0 {
            continue;
        }
        for name in names {
            let words: Vec<&str> = name.split(' ').collect();
            let [.., first, last] = words.as_slice() else {
                continue;
            };
            let person = format!("{} {}", fold_name(first), fold_name(last));
            *full
                .entry(fold_name(last))
                .or_default()
                .entry(person)
                .or_default()
                .entry(name.as_str())
                .or_default() += copies;
        }
    }
    // Surnames standing alone: in a segment naming no full name with them.
    // A text's copies all name the same people or (those that may not name
    // people) none: each case looked at once.
    let no_one = Vec::new();
    let mut alone: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in 0..texts.len() {
        let members = texts.members(u32::try_from(d).unwrap_or(u32::MAX)).len();
        let cases = [
            (naming_copies[d] > 0, &people_in_text[d]),
            (naming_copies[d] < members, &no_one),
        ];
        let words = &names[texts.firsts()[d] as usize];
        for (_, full_names) in cases.into_iter().filter(|(applies, _)| *applies) {
            for (key, word) in words.iter() {
                if !full.contains_key(key) {
                    continue;
                }
                let with_full_name = full_names
                    .iter()
                    .any(|n| n.rsplit(' ').next().is_some_and(|l| fold_name(l) == *key));
                if !with_full_name {
                    alone.entry(key.clone()).or_default().insert(word.clone());
                }
            }
        }
    }
    alone
        .into_iter()
        .filter_map(|(key, surnames)| {
            let persons = full.get(&key)?;
            if persons.len() != 1 {
                return None; // several people share the surname
            }
            let forms = persons.values().next()?;
            // The shortest form most used: "Steve Witkoff" over "Envoy Steve Witkoff".
            let canonical = forms
                .iter()
                .max_by(|x, y| {
                    x.1.cmp(y.1)
                        .then_with(|| y.0.split(' ').count().cmp(&x.0.split(' ').count()))
                        .then_with(|| y.0.cmp(x.0))
                })
                .map(|(form, _)| (*form).to_owned())?;
            let mut all: Vec<String> = forms.keys().map(|f| (*f).to_owned()).collect();
            all.extend(surnames);
            all.sort();
            all.dedup();
            Some(Variant {
                canonical,
                forms: all,
                rule: SURNAME_RULE.to_owned(),
            })
        })
        .collect()
}

/// Words the corpus writes in lowercase more than a quarter as often as
/// capitalised: common words, not names (messy text has a stray "trump").
/// `texts` are the segments' distinct texts.
fn lowercase_words(segments: &[Segment], texts: &Distinct) -> rustc_hash::FxHashSet<String> {
    // Counted by the word as written (few distinct), then merged by case;
    // each distinct text read once and counted as often as it is repeated.
    type Counts<'a> = rustc_hash::FxHashMap<&'a str, u32>;
    let counts: Counts<'_> = (0..texts.len())
        .into_par_iter()
        .fold(Counts::default, |mut counts, d| {
            let d = u32::try_from(d).unwrap_or(u32::MAX);
            let copies = u32::try_from(texts.members(d).len()).unwrap_or(u32::MAX);
            let norm = &segments[texts.firsts()[d as usize] as usize].norm;
            let words = norm.split(|c: char| !c.is_alphabetic());
            for word in words.filter(|w| !w.is_empty()) {
                *counts.entry(word).or_default() += copies;
            }
            counts
        })
        .reduce(Counts::default, |mut a, b| {
            for (word, count) in b {
                *a.entry(word).or_default() += count;
            }
            a
        });
    let mut by_case: rustc_hash::FxHashMap<String, (u32, u32)> = Default::default();
    for (word, count) in counts {
        let (lower, capitalised) = by_case.entry(word.to_lowercase()).or_default();
        if word.chars().next().is_some_and(char::is_lowercase) {
            *lower += count;
        } else {
            *capitalised += count;
        }
    }
    by_case
        .into_iter()
        .filter(|(_, (lower, capitalised))| *lower > 0 && 4 * lower > *capitalised)
        .map(|(word, _)| word)
        .collect()
}

/// Single words spelled more than one way, merged by [`fold_name`].
fn spelling_variants<'a>(segments: &'a [Segment], names: &'a [SegmentNames]) -> Vec<Variant> {
    /// How many sources use a form, how often, and the last source counted.
    #[derive(Default)]
    struct Uses<'s> {
        sources: usize,
        count: usize,
        last: Option<&'s SourceId>,
    }
    // For each folded name, each form with its uses. Hashed while counting
    // (a million words on a big corpus), sorted only for the output.
    let mut hashed: rustc_hash::FxHashMap<&str, rustc_hash::FxHashMap<&str, Uses<'_>>> =
        Default::default();
    for (segment, words) in segments.iter().zip(names) {
        for (folded, word) in words.iter() {
            let uses = hashed.entry(folded).or_default().entry(word).or_default();
            // Segments come in source order: a new source shows as a change.
            if uses.last != Some(&segment.source) {
                uses.sources += 1;
                uses.last = Some(&segment.source);
            }
            uses.count += 1;
        }
    }
    let forms: BTreeMap<&str, BTreeMap<&str, (usize, usize)>> = hashed
        .into_iter()
        .filter(|(_, seen)| seen.len() > 1)
        .map(|(folded, seen)| {
            let seen = seen
                .into_iter()
                .map(|(form, uses)| (form, (uses.sources, uses.count)))
                .collect();
            (folded, seen)
        })
        .collect();
    forms
        .into_values()
        .map(|seen| {
            let canonical = seen
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)))
                .map(|(form, _)| (*form).to_owned())
                .unwrap_or_default();
            let forms: Vec<String> = seen.into_keys().map(str::to_owned).collect();
            let rule = merge_rule(&forms);
            Variant {
                canonical,
                forms,
                rule,
            }
        })
        .collect()
}

/// Capitalised words inside sentences (names, places), possessives dropped.
pub fn name_words(text: &str) -> Vec<String> {
    // One pass, looking one word ahead: every segment goes through here, and
    // most of its words are not names.
    let mut words = text
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .peekable();
    let mut out = Vec::new();
    let mut first = true;
    while let Some(word) = words.next() {
        // The first word only when a name follows ("Kirill Dmitriev, head of …").
        let is_first = std::mem::replace(&mut first, false);
        if is_first && !words.peek().is_some_and(|next| is_capitalised(next)) {
            continue;
        }
        if !is_capitalised(word) || word.chars().count() <= 2 {
            continue;
        }
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("'S"))
            .unwrap_or(word)
            .trim_end_matches('\'');
        // Words in capitals ("CALEB", "NATO") are shouting or acronyms.
        if word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
            continue;
        }
        out.push(word.to_owned());
    }
    out
}

/// The spelling steps of [`fold_name`] needed to make the forms equal, named.
fn merge_rule(forms: &[String]) -> String {
    let mut current: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
    let all_equal = |v: &[String]| v.windows(2).all(|w| w[0] == w[1]);
    if all_equal(&current) {
        return "capitalisation".into();
    }
    let mut used = Vec::new();
    for (name, step) in NAME_FOLDS {
        let next: Vec<String> = current.iter().map(|f| step(f)).collect();
        if next != current {
            used.push(name);
        }
        current = next;
        if all_equal(&current) {
            break;
        }
    }
    used.join(" + ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_sentences_have_the_facts_and_names_of_their_own() {
        let body = "Russia fired 82 drones at Kyiv yesterday, the air force said.\n\n\
                    Steve Witkoff met Kirill Dmitriev in Miami on Saturday.\n";
        let segments: Vec<Segment> = ["a", "b", "c"]
            .into_iter()
            .flat_map(|id| {
                let source = crate::model::LoadedSource {
                    id: SourceId(id.into()),
                    path: format!("{id}.md").into(),
                    meta: crate::model::SourceMeta::default(),
                    file_text: body.to_owned(),
                    body_start: 0,
                };
                crate::text::process(&source).segments
            })
            .collect();
        assert_eq!(segments.len(), 6);
        // Sources a and b ran the story the same day, c two days later.
        let published = |source: &SourceId| match source.as_str() {
            "c" => Date::new(2025, 12, 22).ok(),
            _ => Date::new(2025, 12, 20).ok(),
        };
        let facts = extract_all(&segments, published, |i| i != 5);
        let one_by_one: Vec<Facts> = segments
            .iter()
            .enumerate()
            .map(|(i, segment)| match i {
                5 => Facts::default(),
                _ => extract::extract(&segment.norm, published(&segment.source)),
            })
            .collect();
        let facts: Vec<Facts> = facts.iter().map(|f| Facts::clone(f)).collect();
        assert_eq!(facts, one_by_one);
        assert_eq!(facts[0], facts[2]);
        assert_ne!(facts[0].dates, facts[4].dates, "{:?}", facts[4]);
        let names: Vec<SegmentNames> = segments
            .iter()
            .map(|segment| names_of(&segment.norm).into())
            .collect();
        let shared = segment_names(&segments, &segment_texts(&segments));
        assert_eq!(shared, names);
        assert!(
            Arc::ptr_eq(&shared[1], &shared[3]),
            "copies share their names"
        );
        assert!(names[1].len() >= 4, "{:?}", names[1]);
    }

    #[test]
    fn copies_sharing_facts_each_get_their_conflict() {
        let segments: Vec<Segment> = [("a", 82), ("b", 82), ("c", 63)]
            .into_iter()
            .flat_map(|(id, drones)| {
                let source = crate::model::LoadedSource {
                    id: SourceId(id.into()),
                    path: format!("{id}.md").into(),
                    meta: crate::model::SourceMeta::default(),
                    file_text: format!(
                        "Russia fired {drones} drones at Kyiv overnight, the air force said.\n"
                    ),
                    body_start: 0,
                };
                crate::text::process(&source).segments
            })
            .collect();
        let facts = extract_all(&segments, |_| None, |_| true);
        assert!(
            Arc::ptr_eq(&facts[0], &facts[1]),
            "copies share their facts"
        );
        let found = conflicts(&segments, &facts, &[(0, 1), (0, 2), (1, 2)]);
        let pairs: Vec<(usize, usize, &str, &str)> = found
            .iter()
            .map(|c| (c.a, c.b, c.a_says.as_str(), c.b_says.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                (0, 2, "82 drones", "63 drones"),
                (1, 2, "82 drones", "63 drones")
            ]
        );
    }

    #[test]
    fn copies_of_a_sentence_give_the_variants_each_copy_read_alone_gives() {
        let bodies = [
            "Steve Witkoff met Kirill Dmitriev in Miami on Saturday.\n\n\
             Witkoff said the talks were useful.\n",
            "Steve Witkoff met Kirill Dmitriev in Miami on Saturday.\n\n\
             Dmitriev called them constructive, Witkoff said.\n",
            "- Steve Witkoff met Kirill Dmitriev in Miami on Saturday.\n\n\
             Steve Witkof flew home on Sunday.\n",
        ];
        let segments: Vec<Segment> = bodies
            .iter()
            .enumerate()
            .flat_map(|(n, body)| {
                let source = crate::model::LoadedSource {
                    id: SourceId(format!("s{n}").into()),
                    path: format!("s{n}.md").into(),
                    meta: crate::model::SourceMeta::default(),
                    file_text: (*body).to_owned(),
                    body_start: 0,
                };
                crate::text::process(&source).segments
            })
            .collect();
        let shared = segment_texts(&segments);
        assert!(
            shared.len() < segments.len(),
            "the corpus repeats a sentence"
        );
        // Every segment a text of its own: nothing is shared between copies.
        let apart = Distinct::new(0..segments.len());
        let found = variants(&segments, &shared, &segment_names(&segments, &shared));
        let alone = variants(&segments, &apart, &segment_names(&segments, &apart));
        assert_eq!(found, alone);
        assert!(
            found
                .iter()
                .any(|v| v.canonical == "Steve Witkoff" && v.forms.iter().any(|f| f == "Witkoff")),
            "{found:?}"
        );
    }

    #[test]
    fn a_figure_stated_twice_gives_one_conflict() {
        let fa = extract::extract(
            "He faces 1 count of shooting into a dwelling and 1 count of shooting from a vehicle.",
            None,
        );
        let fb = extract::extract("He faces eight counts of shooting into a dwelling.", None);
        assert_eq!(fa.numbers.len(), 2, "{:?}", fa.numbers);
        let conflicts = conflicts_between(0, 1, &fa, &fb, false);
        let found: Vec<(&str, &str)> = conflicts
            .iter()
            .map(|c| (c.a_says.as_str(), c.b_says.as_str()))
            .collect();
        assert_eq!(found, [("1 count", "eight counts")]);
    }

    #[test]
    fn merge_rules_name_the_step() {
        let rule = |a: &str, b: &str| merge_rule(&[a.to_owned(), b.to_owned()]);
        assert_eq!(rule("Kiril", "Kirill"), "doubled letters");
        assert_eq!(rule("Zelensky", "Zelenskyy"), "transliteration iy/yy → i/y");
        assert_eq!(rule("Umérov", "Umerov"), "accents");
        assert_eq!(rule("Gnátov", "Hnatov"), "accents + Ukrainian h → g");
    }
}
