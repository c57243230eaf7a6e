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
pub mod extract;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

pub use dates::DateFact;
pub use extract::{Facts, GroupFact, NumberFact};

use crate::align::tokens::{NAME_FOLDS, fold_name, is_capitalised};
use crate::model::{Segment, SourceId};
use jiff::civil::Date;

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
}

impl ConflictKind {
    /// The name used in report.json and by `pairs`.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Number => "number",
            ConflictKind::Person => "person",
            ConflictKind::Date => "date",
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
) -> Vec<Facts> {
    segments
        .par_iter()
        .enumerate()
        .map(|(i, segment)| {
            if keep(i) {
                extract::extract(&segment.norm, published(&segment.source))
            } else {
                Facts::default()
            }
        })
        .collect()
}

/// Conflicts between segments: `related` are the cross-source candidate
/// pairs of the aligner; pairs within one source are added here.
pub fn conflicts(
    segments: &[Segment],
    facts: &[Facts],
    related: &[(usize, usize)],
) -> Vec<Conflict> {
    let mut pairs: Vec<(usize, usize)> = related
        .iter()
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
    pairs.sort_unstable();
    pairs.dedup();
    let mut found: Vec<Conflict> = pairs
        .par_iter()
        .flat_map_iter(|&(a, b)| {
            let same_source = segments[a].source == segments[b].source;
            conflicts_between(a, b, &facts[a], &facts[b], same_source)
        })
        .collect();
    found.sort_by(|x, y| (x.a, x.b, x.kind, &x.a_says).cmp(&(y.a, y.b, y.kind, &y.a_says)));
    found
}

fn has_facts(facts: &Facts) -> bool {
    can_conflict_within_a_source(facts) || !facts.dates.is_empty()
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
    out
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

/// Names spelled more than one way across the corpus, merged by [`fold_name`].
pub fn variants(segments: &[Segment]) -> Vec<Variant> {
    // For each folded name, each form with the sources using it and how often.
    let mut forms: BTreeMap<String, BTreeMap<String, (BTreeSet<&SourceId>, usize)>> =
        BTreeMap::new();
    for segment in segments {
        for word in name_words(&segment.norm) {
            let (sources, count) = forms
                .entry(fold_name(&word))
                .or_default()
                .entry(word)
                .or_default();
            sources.insert(&segment.source);
            *count += 1;
        }
    }
    forms
        .into_values()
        .filter(|seen| seen.len() > 1)
        .map(|seen| {
            let canonical = seen
                .iter()
                .max_by(|x, y| {
                    (x.1.0.len(), x.1.1)
                        .cmp(&(y.1.0.len(), y.1.1))
                        .then_with(|| y.0.cmp(x.0))
                })
                .map(|(form, _)| form.clone())
                .unwrap_or_default();
            let forms: Vec<String> = seen.into_keys().collect();
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
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            // The first word only when a name follows ("Kirill Dmitriev, head of …").
            (*i > 0 || words.get(1).is_some_and(|next| is_capitalised(next)))
                && is_capitalised(w)
                && w.chars().count() > 2
        })
        .map(|(_, w)| w.trim_end_matches("'s").trim_end_matches('\'').to_owned())
        .filter(|w| !w.chars().all(char::is_uppercase))
        .collect()
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
    fn merge_rules_name_the_step() {
        let rule = |a: &str, b: &str| merge_rule(&[a.to_owned(), b.to_owned()]);
        assert_eq!(rule("Kiril", "Kirill"), "doubled letters");
        assert_eq!(rule("Zelensky", "Zelenskyy"), "transliteration iy/yy → i/y");
        assert_eq!(rule("Umérov", "Umerov"), "accents");
        assert_eq!(rule("Gnátov", "Hnatov"), "accents + Ukrainian h → g");
    }
}
