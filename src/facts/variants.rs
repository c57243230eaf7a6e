//! Name variants (pure): the names of every segment of a corpus → merged
//! spelling [`Variant`]s, each with the rule that merged it: words merged by
//! [`fold_name`] ("Kiril"/"Kirill"), and surnames standing alone for a full
//! name already seen ("Witkoff" for "Steve Witkoff").
//!
//! Copies of a sentence name the same names: each distinct text is read once
//! and counted as often as it is repeated, so the output is as if each copy
//! were read on its own.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::given_names::several_given_names;
use super::people::people_named;
use crate::distinct::Distinct;
use crate::model::{Segment, SegmentKind, SourceId};
use crate::narrow::to_u32;
use crate::text::names::{NAME_FOLDS, fold_name, is_capitalised};

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

/// Names spelled more than one way across the corpus: words merged by
/// [`fold_name`], then surnames standing for a full name already seen.
///
/// `texts` are [`segment_texts`] of `segments`, `names` their [`segment_names`].
pub(crate) fn variants(
    segments: &[Segment],
    texts: &Distinct,
    names: &[SegmentNames],
) -> Vec<Variant> {
    let mut all = surname_variants(segments, texts, names);
    let words = spelling_variants(segments, names);
    let people = all.len();
    for word in words {
        if let Some(person) = person_of(&all[..people], &word) {
            let person = &mut all[person];
            person.rule = format!("{}; {}: {}", person.rule, word.rule, word.forms.join(", "));
        } else {
            all.push(word);
        }
    }
    all.sort_by(|x, y| (&x.canonical, &x.rule).cmp(&(&y.canonical, &y.rule)));
    all
}

/// The one person among `people` whose name has a word spelled as `word`
/// ("Kiril"/"Kirill" in Kirill Dmitriev's row, "Zelensky"/"Zelenskyy" in
/// Volodymyr Zelensky's): one row per person. A word in several people's
/// names ("Donald" of two Donalds) stays a row of its own.
fn person_of(people: &[Variant], word: &Variant) -> Option<usize> {
    let folded: BTreeSet<String> = word.forms.iter().map(|f| fold_name(f)).collect();
    let mut matching = people.iter().enumerate().filter(|(_, person)| {
        person
            .forms
            .iter()
            .flat_map(|form| form.split(' '))
            .any(|w| folded.contains(&fold_name(w)))
    });
    let (first, _) = matching.next()?;
    matching.next().is_none().then_some(first)
}

/// The segments' distinct normalised texts: copies of a sentence name the
/// same names, and their names are found once.
pub(crate) fn segment_texts(segments: &[Segment]) -> Distinct {
    Distinct::new(segments.iter().map(|segment| segment.norm.as_str()))
}

/// Each segment's capitalised words ([`name_words`]), folded
/// ([`fold_name`]): `(folded, as written)`. Found once for both kinds of
/// variant and for the report's runs of unbacked claims. `texts` are
/// [`segment_texts`] of `segments`.
pub(crate) fn segment_names(segments: &[Segment], texts: &Distinct) -> Vec<SegmentNames> {
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
pub(crate) fn names_of(norm: &str) -> Vec<(String, String)> {
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
const SURNAME_RULE: &str = "surname for a full name";

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
            let d = to_u32(d);
            if !texts.members(d).iter().any(|&i| may_name_people(i)) {
                return Vec::new();
            }
            let mut names = people_named(&segments[texts.firsts()[d as usize] as usize].norm);
            names.retain(is_person);
            names
        })
        .collect();
    // How many copies of each distinct text may name people: a text counts
    // once for each, as if each copy were read on its own.
    let naming_copies: Vec<usize> = (0..texts.len())
        .map(|d| {
            let d = to_u32(d);
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
        let members = texts.members(to_u32(d)).len();
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
            // The longest full form, then the most used: "Steve Witkoff" (titles
            // are stripped), "Kirill Dmitriev" over the rarer "Kiril Dmitriev".
            let canonical = forms
                .iter()
                .max_by(|x, y| {
                    (x.0.split(' ').count().cmp(&y.0.split(' ').count()))
                        .then_with(|| x.1.cmp(y.1))
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

/// A word written in lowercase more than 1/this as often as capitalised is
/// a common word (a stray lowercase "trump" does not make one).
const COMMON_WORD_RATIO: u32 = 4;

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
            let d = to_u32(d);
            let copies = to_u32(texts.members(d).len());
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
        .filter(|(_, (lower, capitalised))| *lower > 0 && COMMON_WORD_RATIO * lower > *capitalised)
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
        // "Gary" and "Harry" fold alike but are two names.
        .filter(|(_, seen)| seen.len() > 1 && !several_given_names(seen.keys().copied()))
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

/// Capitalised words shorter than this ("Mr", "Al") are not taken for names.
const MIN_NAME_LETTERS: usize = 3;

/// Capitalised words inside sentences (names, places), possessives dropped.
pub(crate) fn name_words(text: &str) -> Vec<String> {
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
        if !is_capitalised(word) || word.chars().count() < MIN_NAME_LETTERS {
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
                    id: SourceId::new(&format!("s{n}")).expect("valid id"),
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
    fn merge_rules_name_the_step() {
        let rule = |a: &str, b: &str| merge_rule(&[a.to_owned(), b.to_owned()]);
        assert_eq!(rule("Kiril", "Kirill"), "doubled letters");
        assert_eq!(rule("Zelensky", "Zelenskyy"), "transliteration iy/yy → i/y");
        assert_eq!(rule("Umérov", "Umerov"), "accents");
        assert_eq!(rule("Gnátov", "Hnatov"), "accents + Ukrainian h → g");
    }
}
