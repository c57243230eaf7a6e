//! Facts stage (pure): segments → the facts of each ([`extract_all`], one
//! sentence by [`extract`]), the facts of related segments → [`Conflict`]s
//! ([`conflicts`](fn@conflicts)), names across the corpus → merged spelling [`Variant`]s
//! ([`variants`](fn@variants)), and pending decisions reported taken → [`Development`]s.
//!
//! Modules depend on each other one way only: [`tokens`] and [`lexicon`] at
//! the bottom, with [`given_names`]; [`predicates`]; the readers of one kind of fact ([`numbers`],
//! [`people`], [`groups`], [`dates`], [`quotes`], [`places`], [`outcome`]); [`sentence`]
//! over them; [`conflicts`](mod@conflicts), [`variants`](mod@variants) and [`toll`](mod@toll)
//! over those; this file on top.

pub(crate) mod bounds;
pub(crate) mod conflicts;
pub(crate) mod dates;
pub(crate) mod developments;
pub(crate) mod given_names;
pub(crate) mod groups;
pub(crate) mod lexicon;
pub(crate) mod numbers;
pub(crate) mod outcome;
pub(crate) mod people;
pub(crate) mod places;
pub(crate) mod predicates;
pub(crate) mod quotes;
pub(crate) mod sentence;
pub(crate) mod tokens;
pub(crate) mod toll;
pub(crate) mod variants;

use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

pub use bounds::Bound;
pub use conflicts::{
    Conflict, ConflictKind, Conflicts, MAX_CONFLICTS_PER_SENTENCE, MAX_PAIRS_WITHIN_A_SOURCE,
};
pub(crate) use conflicts::{conflicts, differences};
pub use dates::DateFact;
pub use developments::Development;
pub use groups::GroupFact;
pub use numbers::NumberFact;
pub use outcome::Outcome;
pub(crate) use people::people_named;
pub use places::PlaceFact;
pub use quotes::QuoteFact;
pub use sentence::{Facts, extract};
pub use toll::{Toll, TollFigure, toll};
pub use variants::{SegmentNames, Variant};
pub(crate) use variants::{names_of, segment_names, segment_texts, variants};

use crate::distinct::Distinct;
use crate::model::{Segment, SourceId};

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
            Arc::new(extract(&segment.norm, published(&segment.source)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceId;

    #[test]
    fn repeated_sentences_have_the_facts_and_names_of_their_own() {
        let body = "Russia fired 82 drones at Kyiv yesterday, the air force said.\n\n\
                    Steve Witkoff met Kirill Dmitriev in Miami on Saturday.\n";
        let segments: Vec<Segment> = ["a", "b", "c"]
            .into_iter()
            .flat_map(|id| {
                let source = crate::model::LoadedSource {
                    id: SourceId::new(id).expect("valid id"),
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
                _ => extract(&segment.norm, published(&segment.source)),
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
                    id: SourceId::new(id).expect("valid id"),
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
            .listed
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

    /// Sentences of other sources counting one thing are compared though
    /// the aligner paired none of them, unless they give different days.
    #[test]
    fn counts_of_one_quantity_are_compared_unless_on_other_days() {
        let segments: Vec<Segment> = [
            ("a", "Dozens of people were arrested yesterday."),
            ("b", "Police said more than 200 people were arrested."),
            ("c", "More than 200 people were arrested today."),
        ]
        .into_iter()
        .flat_map(|(id, text)| {
            crate::text::process(&crate::model::LoadedSource::of_text(id, text)).segments
        })
        .collect();
        let published = jiff::civil::date(2017, 1, 21);
        let facts = extract_all(&segments, |_| Some(published), |_| true);
        let found = conflicts(&segments, &facts, &[]);
        let pairs: Vec<(usize, usize, &str, &str)> = found
            .listed
            .iter()
            .map(|c| (c.a, c.b, c.a_says.as_str(), c.b_says.as_str()))
            .collect();
        assert_eq!(pairs, [(0, 1, "Dozens of people", "200 people")]);
    }

    /// One source's sentences, one a paragraph.
    fn one_source(paragraphs: impl Iterator<Item = String>) -> Vec<Segment> {
        let text: String = paragraphs.map(|p| p + "\n\n").collect();
        crate::text::process(&crate::model::LoadedSource::of_text("table", &text)).segments
    }

    #[test]
    fn a_table_of_figures_lists_a_few_conflicts_a_sentence_and_counts_the_rest() {
        let rows = 40;
        let segments = one_source((0..rows).map(|n| {
            format!(
                "Russia fired {} drones at Ukraine, the air force said.",
                n + 10
            )
        }));
        assert_eq!(segments.len(), rows);
        let facts = extract_all(&segments, |_| None, |_| true);
        let found = conflicts(&segments, &facts, &[]);
        let mut per_sentence = vec![0usize; rows];
        for conflict in &found.listed {
            per_sentence[conflict.a] += 1;
            per_sentence[conflict.b] += 1;
        }
        assert!(
            per_sentence
                .iter()
                .all(|&n| n <= MAX_CONFLICTS_PER_SENTENCE)
        );
        assert!(
            per_sentence.iter().all(|&n| n >= 1),
            "every sentence keeps a conflict: {per_sentence:?}"
        );
        let all_pairs = rows * (rows - 1) / 2;
        let not_listed: usize = found.not_listed.values().sum();
        assert_eq!(
            found.listed.len() + not_listed,
            all_pairs,
            "every pair listed or counted"
        );
    }

    #[test]
    fn copies_of_a_sentence_in_one_source_are_compared_once() {
        let copies = 2_000;
        let segments = one_source(
            std::iter::repeat_n(
                "Russia fired 82 drones at Ukraine, the air force said.".to_owned(),
                copies,
            )
            .chain(["Russia fired 63 drones at Ukraine, the air force said.".to_owned()]),
        );
        let facts = extract_all(&segments, |_| None, |_| true);
        let found = conflicts(&segments, &facts, &[]);
        let pairs: Vec<(usize, usize)> = found.listed.iter().map(|c| (c.a, c.b)).collect();
        assert_eq!(
            pairs,
            [(0, copies)],
            "the first copy against the other figure"
        );
        assert!(found.not_listed.is_empty());
    }
}
