//! Conflicts (pure): the facts of related segments → [`Conflict`]s, what two
//! segments disagree on.
//!
//! Two numbers conflict when they count the same thing (unit), for the same
//! predicate ("intercepted" is not "fired"), with compatible owners
//! ("Ukrainian drones" are not Russia's), no count is both (a bound such as
//! "at least 10" allows 12, "dozens" does not allow "more than 200"),
//! and the two sentences do not name different places or people. Two groups
//! conflict when the same delegation is given with no member in common.
//! Segments are compared when the aligner made them a candidate pair (other
//! sources) or when they are in the same source.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::bounds::disjoint;
use super::dates::DateFact;
use super::numbers::{NumberFact, happens_to_people};
use super::places::{PlaceFact, places_differ};
use super::quotes::{QuoteFact, quotes_differ};
use super::sentence::Facts;
use super::toll::toll_conflicts;
use crate::model::{Segment, SourceId};

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
    pub(crate) fn as_str(self) -> &'static str {
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

/// Related pairs compared per parallel piece (see [`conflicts`]).
const PAIRS_PER_PIECE: usize = 4096;

/// Conflicts listed for one sentence, at most. An editor checks a handful;
/// a sentence at odds with dozens of others is one row of a table of
/// figures ("Russia fired 12 drones", "… 13 drones", …), and listing every
/// pair made a 1,000-row article 999,000 conflicts and a 266 MB report.
/// The rest are counted ([`Conflicts::not_listed`]) and named as a warning.
pub const MAX_CONFLICTS_PER_SENTENCE: usize = 10;

/// Pairs of its own sentences one source's figures are compared in, at most.
/// An article of a few hundred sentences with figures compares every pair
/// (300 sentences: 44,850 pairs); a table of 5,000 figure rows would be 12.5
/// million pairs and 1.8 GB. Past this, each sentence is compared with the
/// sentences nearest after it only ([`Conflicts::windowed`] says which).
pub const MAX_PAIRS_WITHIN_A_SOURCE: usize = 250_000;

/// The conflicts found, and how many were left out by source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conflicts {
    /// Listed: at most [`MAX_CONFLICTS_PER_SENTENCE`] a sentence, by segment pair.
    pub listed: Vec<Conflict>,
    /// Conflicts beyond the cap, by the source of their first sentence.
    pub not_listed: BTreeMap<SourceId, usize>,
    /// Sources with too many sentences with figures to compare every pair
    /// of: how many sentences each sentence was compared with, after it.
    pub windowed: BTreeMap<SourceId, usize>,
}

/// Conflicts between segments: `related` are the cross-source candidate
/// pairs of the aligner; pairs within one source are added here.
pub(crate) fn conflicts(
    segments: &[Segment],
    facts: &[Arc<Facts>],
    related: &[(usize, usize)],
) -> Conflicts {
    let mut pairs: Vec<(usize, usize)> = related
        .par_iter()
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .filter(|&(a, b)| has_facts(&facts[a]) && has_facts(&facts[b]))
        .collect();
    let mut windowed = BTreeMap::new();
    let mut by_source: BTreeMap<&SourceId, Vec<usize>> = BTreeMap::new();
    for (i, segment) in segments.iter().enumerate() {
        if can_conflict_within_a_source(&facts[i]) {
            by_source.entry(&segment.source).or_default().push(i);
        }
    }
    pairs.extend(same_quantity_pairs(segments, facts));
    for members in by_source.values() {
        // Copies of one sentence share their facts and cannot contradict
        // each other: the first stands for them all (a paragraph of one
        // sentence repeated 30,000 times made 450 million pairs).
        let mut seen: rustc_hash::FxHashSet<*const Facts> = rustc_hash::FxHashSet::default();
        let distinct: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| seen.insert(Arc::as_ptr(&facts[i])))
            .collect();
        let window = within_source_window(distinct.len());
        if window < distinct.len() {
            windowed.insert(segments[distinct[0]].source.clone(), window);
        }
        for (k, &a) in distinct.iter().enumerate() {
            let after = &distinct[k + 1..distinct.len().min(k + 1 + window)];
            pairs.extend(after.iter().map(|&b| (a, b)));
        }
    }
    // Millions of pairs on a large corpus: sorted on both cores.
    pairs.par_sort_unstable();
    pairs.dedup();
    let stated = StatedFigures::of(segments, facts);
    // Copies of a sentence share their facts: each pair of shared facts is
    // compared once per piece of pairs (copies' pairs lie close together).
    let mut found: Vec<Conflict> = pairs
        .par_chunks(PAIRS_PER_PIECE)
        .flat_map_iter(|piece| {
            // The facts (copies share them) and the two sources: all a pair's
            // conflicts depend on.
            type Key<'s> = (*const Facts, *const Facts, &'s SourceId, &'s SourceId);
            let mut compared: FxHashMap<Key<'_>, Vec<Conflict>> = FxHashMap::default();
            let stated = &stated;
            piece.iter().flat_map(move |&(a, b)| {
                let sources = (&segments[a].source, &segments[b].source);
                let (fa, fb) = (&facts[a], &facts[b]);
                let key = (Arc::as_ptr(fa), Arc::as_ptr(fb), sources.0, sources.1);
                let found = compared.entry(key).or_insert_with(|| {
                    let same_source = sources.0 == sources.1;
                    // Does either article give the other's figure elsewhere?
                    let elsewhere = |x: &NumberFact, y: &NumberFact| {
                        stated.states(sources.0, y) || stated.states(sources.1, x)
                    };
                    conflicts_between(a, b, fa, fb, same_source, &elsewhere)
                });
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
    let number_conflict_between: std::collections::BTreeSet<(usize, usize)> = found
        .iter()
        .filter(|c| c.kind == ConflictKind::Number)
        .map(|c| (c.a, c.b))
        .collect();
    // "A man was killed" elsewhere is not a first report of a toll of one:
    // only a whole count is.
    let tolls = toll_conflicts(segments, facts, related, |source, predicate, value| {
        stated.states_value(source, "people", predicate, value, true)
    });
    found.extend(
        tolls
            .into_iter()
            .map(|c| Conflict {
                a: c.a.min(c.b),
                b: c.a.max(c.b),
                ..c
            })
            .filter(|c| !number_conflict_between.contains(&(c.a, c.b))),
    );
    found.sort_by(|x, y| (x.a, x.b, x.kind, &x.a_says).cmp(&(y.a, y.b, y.kind, &y.a_says)));
    Conflicts {
        windowed,
        ..capped(segments, found)
    }
}

/// Pairs of sentences of one quantity compared though the aligner did not
/// pair them, at most (the same budget as one source's own pairs).
pub const MAX_SAME_QUANTITY_PAIRS: usize = MAX_PAIRS_WITHIN_A_SOURCE;

/// Units of time: "how long", not "how many".
const DURATIONS: &[&str] = &[
    "century", "day", "decade", "hour", "minute", "month", "second", "week", "year",
];

/// Sentences of different sources that count the same thing happening
/// ("people arrested"): compared for conflicts though they share no other
/// word, as "amid dozens of arrests" and "More than 200 people were
/// arrested" do not. Not when they give different days: two nights'
/// drones are two counts. Each sentence of a quantity is compared with the
/// ones after it, within [`MAX_SAME_QUANTITY_PAIRS`].
fn same_quantity_pairs(segments: &[Segment], facts: &[Arc<Facts>]) -> Vec<(usize, usize)> {
    let mut by_quantity: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        let mut keys: Vec<(&str, &str)> = f
            .numbers
            .iter()
            .filter(|n| !n.partial)
            .filter_map(|n| Some((n.unit.as_deref()?, n.predicate?)))
            // Tolls are compared lead against lead, where a count of some of
            // the dead ("three children") is told from the whole
            // ([`toll_conflicts`]).
            // A duration is of one thing only the aligner can tell ("10 years"
            // of figures, "16 years" of service).
            .filter(|&(unit, predicate)| {
                unit != "year-old"
                    && !DURATIONS.contains(&unit)
                    && !(unit == "people" && happens_to_people(predicate))
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            by_quantity.entry(key).or_default().push(i);
        }
    }
    let total: usize = by_quantity.values().map(Vec::len).sum();
    let window = within_source_window(total).max(1);
    let different_days = |a: &Facts, b: &Facts| {
        !a.dates.is_empty()
            && !b.dates.is_empty()
            && a.dates
                .iter()
                .all(|x| b.dates.iter().all(|y| x.disjoint(y)))
    };
    let mut pairs = Vec::new();
    for members in by_quantity.values() {
        for (k, &a) in members.iter().enumerate() {
            for &b in members[k + 1..].iter().take(window) {
                if segments[a].source != segments[b].source
                    && !different_days(&facts[a], &facts[b])
                    && pairs.len() < MAX_SAME_QUANTITY_PAIRS
                {
                    pairs.push((a, b));
                }
            }
        }
    }
    pairs
}

/// How many of the sentences after it each of `n` sentences of one source
/// is compared with: all of them while that stays within
/// [`MAX_PAIRS_WITHIN_A_SOURCE`].
fn within_source_window(n: usize) -> usize {
    if n.saturating_mul(n.saturating_sub(1)) / 2 <= MAX_PAIRS_WITHIN_A_SOURCE {
        n
    } else {
        (MAX_PAIRS_WITHIN_A_SOURCE / n).max(1)
    }
}

/// At most [`MAX_CONFLICTS_PER_SENTENCE`] conflicts for any sentence, the
/// first in segment order kept; the rest counted by source.
fn capped(segments: &[Segment], found: Vec<Conflict>) -> Conflicts {
    let mut per_segment: FxHashMap<usize, usize> = FxHashMap::default();
    let mut out = Conflicts::default();
    for conflict in found {
        let room =
            |i: usize| per_segment.get(&i).copied().unwrap_or(0) < MAX_CONFLICTS_PER_SENTENCE;
        if room(conflict.a) && room(conflict.b) {
            *per_segment.entry(conflict.a).or_default() += 1;
            *per_segment.entry(conflict.b).or_default() += 1;
            out.listed.push(conflict);
        } else {
            *out.not_listed
                .entry(segments[conflict.a].source.clone())
                .or_default() += 1;
        }
    }
    out
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

/// A figure's value, and whether it is a whole count (not "a man", "two others").
type StatedValue = (crate::text::decimal::Decimal, bool);

/// Every figure each source states, by what it counts: an article that
/// gives another's figure anywhere (the total beside one scene's count, a
/// first report beside the latest) does not contradict it.
struct StatedFigures<'s> {
    values: FxHashMap<(&'s SourceId, &'s str, &'static str), Vec<StatedValue>>,
}

impl<'s> StatedFigures<'s> {
    fn of(segments: &'s [Segment], facts: &'s [Arc<Facts>]) -> Self {
        let mut values: FxHashMap<_, Vec<_>> = FxHashMap::default();
        for (segment, facts) in segments.iter().zip(facts) {
            for number in &facts.numbers {
                if let (Some(unit), Some(predicate)) = (&number.unit, number.predicate) {
                    values
                        .entry((&segment.source, unit.as_str(), predicate))
                        .or_default()
                        .push((number.value, !number.partial));
                }
            }
        }
        StatedFigures { values }
    }

    /// Does `source` state `figure` (its value, of its quantity) anywhere?
    fn states(&self, source: &SourceId, figure: &NumberFact) -> bool {
        let (Some(unit), Some(predicate)) = (&figure.unit, figure.predicate) else {
            return false;
        };
        self.states_value(source, unit, predicate, figure.value, false)
    }

    /// Does `source` state `value` of `unit` for `predicate` anywhere, as a
    /// whole count if `whole_only`?
    fn states_value(
        &self,
        source: &SourceId,
        unit: &str,
        predicate: &'static str,
        value: crate::text::decimal::Decimal,
        whole_only: bool,
    ) -> bool {
        self.values
            .get(&(source, unit, predicate))
            .is_some_and(|values| {
                values
                    .iter()
                    .any(|&(v, whole)| v == value && (whole || !whole_only))
            })
    }
}

fn conflicts_between(
    a: usize,
    b: usize,
    fa: &Facts,
    fb: &Facts,
    same_source: bool,
    elsewhere: &dyn Fn(&NumberFact, &NumberFact) -> bool,
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
                if !same_source && elsewhere(x, y) {
                    continue; // one article gives the other's figure elsewhere
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
    let quoted = |q: &QuoteFact| format!("{}: \"{}\"", q.speaker, q.words);
    let quotes = fa.quotes.iter().flat_map(move |x| {
        fb.quotes
            .iter()
            .filter(|y| quotes_differ(x, y))
            .map(move |y| (ConflictKind::Quote, quoted(x), quoted(y)))
    });
    let place = match (&fa.place, &fb.place) {
        (Some(x), Some(y)) if places_differ(x, y) && same_meeting(fa, fb, x, y) => {
            Some((ConflictKind::Place, x.place.clone(), y.place.clone()))
        }
        _ => None,
    };
    quotes.chain(place)
}

/// Two sentences putting a meeting in different places are about the same
/// meeting when they name someone else in common (leaving the places' own
/// words out) or a day in common.
fn same_meeting(fa: &Facts, fb: &Facts, x: &PlaceFact, y: &PlaceFact) -> bool {
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
pub(crate) fn differences(fa: &Facts, fb: &Facts) -> Vec<(ConflictKind, String, String)> {
    conflicts_between(0, 1, fa, fb, false, &|_, _| false)
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

/// Two whole figures of one quantity no count can be: "dozens of arrests"
/// and "more than 200 people were arrested", "15 bills" and "16 bills";
/// not "at least 10" and "12".
fn numbers_conflict(x: &NumberFact, y: &NumberFact) -> bool {
    same_quantity(x, y)
        && !x.partial
        && !y.partial
        && disjoint((x.value, x.bound), (y.value, y.bound))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::sentence::extract;

    #[test]
    fn a_figure_written_two_ways_is_no_conflict() {
        let fa = extract("Russia fired 4.1 million drones last year.", None);
        let fb = extract("Russia fired 4,100,000 drones last year.", None);
        assert_eq!(fa.numbers[0].value, fb.numbers[0].value);
        assert_eq!(fa.numbers[0].value.to_string(), "4100000");
        assert!(conflicts_between(0, 1, &fa, &fb, false, &|_, _| false).is_empty());
        let fc = extract("Russia fired 4.2 million drones last year.", None);
        assert_eq!(
            conflicts_between(0, 1, &fa, &fc, false, &|_, _| false).len(),
            1
        );
    }

    /// "5 hour" against "12 hours" only when both are one duration of one
    /// thing: a standoff against a standoff, not a standoff against surgery.
    #[test]
    fn durations_conflict_only_when_they_are_of_one_thing() {
        let standoff = extract(
            "Police ended a 5-hour standoff with the gunman on Friday.",
            None,
        );
        let longer = extract(
            "Police ended a 12-hour standoff with the gunman on Friday.",
            None,
        );
        let surgery = extract(
            "The wounded officer spent 12 hours in surgery on Friday.",
            None,
        );
        let kinds = |fa: &Facts, fb: &Facts| -> Vec<ConflictKind> {
            differences(fa, fb)
                .into_iter()
                .map(|(kind, _, _)| kind)
                .collect()
        };
        assert_eq!(kinds(&standoff, &longer), [ConflictKind::Number]);
        assert_eq!(kinds(&standoff, &surgery), []);
    }

    #[test]
    fn a_figure_stated_twice_gives_one_conflict() {
        let fa = extract(
            "He faces 1 count of shooting into a dwelling and 1 count of shooting from a vehicle.",
            None,
        );
        let fb = extract("He faces eight counts of shooting into a dwelling.", None);
        assert_eq!(fa.numbers.len(), 2, "{:?}", fa.numbers);
        let conflicts = conflicts_between(0, 1, &fa, &fb, false, &|_, _| false);
        let found: Vec<(&str, &str)> = conflicts
            .iter()
            .map(|c| (c.a_says.as_str(), c.b_says.as_str()))
            .collect();
        assert_eq!(found, [("1 count", "eight counts")]);
    }
}
