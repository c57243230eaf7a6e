//! Align stage (pure): segments of many sources → [`Alignment`], the pairs of
//! segments from different sources of which one states the other's claim.
//!
//! features ([`tokens`]) → candidate pairs from an inverted index with
//! document-frequency limits ([`index`]), never all pairs → each candidate
//! scored ([`score`]: a paraphrase score, and directional support) → pairs
//! where either side supports the other kept → near-verbatim pairs, and all
//! pairs between sources that copy each other, marked `same_origin` (a copy is
//! not independent support). [`oracle`] scores every pair instead: a test
//! oracle and benchmark baseline only.

pub mod diff;
pub mod index;
pub mod score;
pub mod tokens;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;

use index::{Entry, IndexParams};
use score::{SupportKind, TermWeights};
use tokens::SentenceFeatures;

/// A segment as the aligner sees it.
#[derive(Debug, Clone, Copy)]
pub struct AlignInput<'a> {
    /// Index of its source; segments of one source are never paired.
    pub source: u32,
    /// Normalised text.
    pub text: &'a str,
}

/// Tunable limits of the aligner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AlignParams {
    /// Candidate index limits.
    pub index: IndexParams,
}

/// Two segments of which at least one states the other's claim.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Index of the first segment (the lower one).
    pub a: u32,
    /// Index of the second segment.
    pub b: u32,
    /// Paraphrase score, 0..=1.
    pub score: f32,
    /// How `b` supports `a`'s claim, if it does.
    pub b_supports_a: Option<SupportKind>,
    /// How `a` supports `b`'s claim, if it does.
    pub a_supports_b: Option<SupportKind>,
    /// Near-verbatim, or between sources that copy each other: not independent.
    pub same_origin: bool,
}

/// The result of aligning a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    /// Matches sorted by `(a, b)`.
    pub matches: Vec<Match>,
    /// How many candidate pairs were scored.
    pub candidates: usize,
    /// The candidate pairs themselves (sharing two story-specific terms):
    /// where the facts stage looks for conflicts. Empty from [`oracle`].
    pub related: Vec<(u32, u32)>,
}

/// Segments sharing this share of their words (and at least this many words)
/// are copies of each other rather than independent reports.
const VERBATIM_RATIO: f32 = 0.9;
const VERBATIM_MIN_WORDS: usize = 8;

/// Position of "Dice of all words as written" in the pair features, and the
/// share below which a pair is not checked for being near-verbatim.
const SURFACE_DICE: usize = 3;
const VERBATIM_MIN_SURFACE_DICE: f32 = 0.5;

/// Two sources with this many near-verbatim pairs copy each other (a wire
/// story run by two outlets): all their matches are then same-origin.
const COPIED_SOURCE_MIN_PAIRS: usize = 3;

/// Align segments through the candidate index.
pub fn align(segments: &[AlignInput<'_>], params: AlignParams) -> Alignment {
    let features = features(segments);
    let pairs = candidates(segments, &features, params);
    let mut alignment = finish(segments, &features, &pairs);
    alignment.related = pairs;
    alignment
}

/// Candidate pairs of the index for already computed features.
pub fn candidates(
    segments: &[AlignInput<'_>],
    features: &[SentenceFeatures],
    params: AlignParams,
) -> Vec<(u32, u32)> {
    let entries: Vec<Entry<'_>> = segments
        .iter()
        .zip(features)
        .map(|(segment, features)| Entry {
            group: segment.source,
            terms: features.shingles(),
        })
        .collect();
    index::candidate_pairs(&entries, params.index)
}

/// Align by scoring every pair of segments from different sources: quadratic,
/// for tests and benchmarks only.
pub fn oracle(segments: &[AlignInput<'_>]) -> Alignment {
    let features = features(segments);
    let n = u32::try_from(segments.len()).unwrap_or(u32::MAX);
    let pairs: Vec<(u32, u32)> = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .filter(|&(a, b)| segments[a as usize].source != segments[b as usize].source)
        .collect();
    finish(segments, &features, &pairs)
}

/// Compute features of every segment (in parallel; order kept).
pub fn features(segments: &[AlignInput<'_>]) -> Vec<SentenceFeatures> {
    segments
        .par_iter()
        .map(|segment| SentenceFeatures::new(segment.text))
        .collect()
}

fn finish(
    segments: &[AlignInput<'_>],
    features: &[SentenceFeatures],
    pairs: &[(u32, u32)],
) -> Alignment {
    let weights = TermWeights::from_corpus(features);
    let weighted: Vec<score::Weighted<'_>> =
        features.par_iter().map(|f| weights.weigh(f)).collect();
    // Split for the near-verbatim test on first use: most segments never
    // need it, some are in dozens of pairs.
    let lower_words: Vec<OnceLock<diff::LowerWords>> =
        segments.iter().map(|_| OnceLock::new()).collect();
    let lower = |i: u32| {
        lower_words[i as usize].get_or_init(|| diff::LowerWords::new(segments[i as usize].text))
    };
    let mut matches: Vec<Match> = pairs
        .par_iter()
        .filter_map(|&(a, b)| {
            let (fa, fb) = (&weighted[a as usize], &weighted[b as usize]);
            if !score::may_support(fa, fb) {
                return None;
            }
            let pair = score::weighted_pair_features(fa, fb);
            let score = score::logistic(&pair, &score::PARAPHRASE_WEIGHTS);
            let b_supports_a = score::weighted_supports(fa, fb, score);
            let a_supports_b = score::weighted_supports(fb, fa, score);
            // The word diff is the costly part; sentences sharing under half
            // their distinct words are never near-verbatim (on the 10,304
            // verbatim pairs of the GVA corpus the lowest share is 0.78).
            let may_be_verbatim = pair[SURFACE_DICE] >= VERBATIM_MIN_SURFACE_DICE;
            (b_supports_a.is_some() || a_supports_b.is_some()).then(|| Match {
                a,
                b,
                score,
                b_supports_a,
                a_supports_b,
                same_origin: may_be_verbatim
                    && verbatim_with(segments[a as usize].text, segments[b as usize].text, || {
                        (lower(a), lower(b))
                    }),
            })
        })
        .collect();
    matches.sort_by_key(|m| (m.a, m.b));
    mark_copied_sources(segments, &mut matches);
    Alignment {
        matches,
        candidates: pairs.len(),
        related: Vec::new(),
    }
}

/// Near-verbatim: long enough and almost every word shared.
pub fn is_verbatim(a: &str, b: &str) -> bool {
    let (lower_a, lower_b) = (diff::LowerWords::new(a), diff::LowerWords::new(b));
    verbatim_with(a, b, || (&lower_a, &lower_b))
}

/// [`is_verbatim`], with the two texts split for the word diff by `lower`,
/// asked for only when the texts differ: a segment is in many pairs, and a
/// story run twice gives the same text twice.
fn verbatim_with<'w>(
    a: &str,
    b: &str,
    lower: impl FnOnce() -> (&'w diff::LowerWords, &'w diff::LowerWords),
) -> bool {
    let words = a
        .split_whitespace()
        .count()
        .min(b.split_whitespace().count());
    if words < VERBATIM_MIN_WORDS {
        return false;
    }
    // The same sentence twice (a wire story run twice) needs no diff.
    if a == b {
        return true;
    }
    let (a, b) = lower();
    a.as_str() == b.as_str() || diff::ratio_at_least(a, b, VERBATIM_RATIO)
}

fn mark_copied_sources(segments: &[AlignInput<'_>], matches: &mut [Match]) {
    let source_pair = |m: &Match| {
        let (x, y) = (segments[m.a as usize].source, segments[m.b as usize].source);
        (x.min(y), x.max(y))
    };
    let mut verbatim: BTreeMap<(u32, u32), usize> = BTreeMap::new();
    for m in matches.iter().filter(|m| m.same_origin) {
        *verbatim.entry(source_pair(m)).or_default() += 1;
    }
    for m in matches.iter_mut() {
        if verbatim
            .get(&source_pair(m))
            .is_some_and(|&count| count >= COPIED_SOURCE_MIN_PAIRS)
        {
            m.same_origin = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs<'a>(texts: &[(u32, &'a str)]) -> Vec<AlignInput<'a>> {
        texts
            .iter()
            .map(|&(source, text)| AlignInput { source, text })
            .collect()
    }

    #[test]
    fn index_agrees_with_oracle_on_a_small_corpus() {
        let segments = inputs(&[
            (0, "Russia fired 82 drones overnight, the air force said."),
            (1, "The air force said Russia fired 82 drones overnight."),
            (2, "EU leaders agreed a loan for Ukraine."),
            (0, "A loan for Ukraine was agreed by EU leaders."),
        ]);
        let indexed = align(&segments, AlignParams::default());
        let all = oracle(&segments);
        assert_eq!(indexed.matches, all.matches);
        assert!(!indexed.matches.is_empty());
        assert!(indexed.candidates <= all.candidates);
    }

    #[test]
    fn verbatim_copies_are_same_origin() {
        assert!(is_verbatim(
            "Kirill Dmitriev, head of Russia's sovereign-wealth fund, is expected to travel to Florida.",
            "Kirill Dmitriev, head of Russia's sovereign wealth fund, is expected to travel to Florida."
        ));
        assert!(!is_verbatim(
            "Kirill Dmitriev is expected to travel to Florida to meet Witkoff.",
            "Witkoff met Dmitriev in Miami over the weekend, officials said."
        ));
    }
}
