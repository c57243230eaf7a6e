//! Align stage (pure): segments of many sources → [`Alignment`], the pairs of
//! segments from different sources of which one states the other's claim.
//!
//! features ([`features`](mod@features)) → term weights → candidate pairs from an inverted
//! index over each sentence's distinctive terms ([`index`]): the pairs sharing
//! two of them, which is what support needs, never all pairs → each candidate
//! scored ([`score`]: a paraphrase score, and directional support) → pairs
//! where either side supports the other kept → near-verbatim pairs, and all
//! pairs between sources that copy each other, marked `same_origin` (a copy is
//! not independent support). [`oracle`] scores every pair instead: a test
//! oracle and benchmark baseline only.
//!
//! A sentence repeated word for word (a wire story in several outlets) is
//! split, searched and scored once per distinct text ([`crate::distinct`]);
//! every copy gets the result, so the output is as if each were done alone.

pub mod features;
pub mod index;
pub mod score;
pub mod semantic;
pub mod support;

use std::sync::OnceLock;

use rayon::prelude::*;

use crate::embed::Embedding;
use crate::narrow::to_u32;
use crate::text::{quoted, word_diff};
use rustc_hash::FxHashMap;

use crate::distinct::{Distinct, bucket_starts};
use features::SentenceFeatures;
use index::{Entry, IndexParams};
use score::TermWeights;
use support::{SupportFeatures, SupportModel, Supported};

/// A segment as the aligner sees it.
#[derive(Debug, Clone, Copy)]
pub struct AlignInput<'a> {
    /// Index of its source; segments of one source are never paired.
    pub source: u32,
    /// Normalised text.
    pub text: &'a str,
}

/// Tunable limits of the aligner.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AlignParams {
    /// Candidate index limits.
    pub index: IndexParams,
    /// The support decision's constants.
    pub support: SupportModel,
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
    pub b_supports_a: Option<Supported>,
    /// How `a` supports `b`'s claim, if it does.
    pub a_supports_b: Option<Supported>,
    /// Near-verbatim, or between sources that copy each other: not independent.
    pub same_origin: bool,
}

/// The result of aligning a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    /// Matches sorted by `(a, b)`.
    pub matches: Vec<Match>,
    /// How many candidate pairs the index proposed ([`oracle`]: how many
    /// pairs of different sources it looked at).
    pub candidates: usize,
    /// The candidate pairs themselves (sharing two story-specific terms):
    /// where the facts stage looks for conflicts. Empty from [`oracle`].
    pub related: Vec<(u32, u32)>,
}

/// Segments sharing this share of their words (and at least this many words)
/// are copies of each other rather than independent reports.
const VERBATIM_RATIO: f32 = 0.9;
const VERBATIM_MIN_WORDS: usize = 8;

/// The "Dice of all words as written" below which a pair is not checked for
/// being near-verbatim.
const VERBATIM_MIN_SURFACE_DICE: f32 = 0.5;

/// Two sources with this many near-verbatim pairs copy each other (a wire
/// story run by two outlets): all their matches are then same-origin.
const COPIED_SOURCE_MIN_PAIRS: usize = 3;

/// Align segments through the candidate index.
pub fn align(segments: &[AlignInput<'_>], params: AlignParams) -> Alignment {
    align_with(segments, None, params)
}

/// [`align`], with each segment's sentence embedding (parallel to
/// `segments`) when the model runs: the cosine of a pair is a feature of the
/// support decision, and pairs of close embeddings are candidates too
/// ([`semantic::with_candidate_pairs`]).
pub fn align_with(
    segments: &[AlignInput<'_>],
    embeddings: Option<&[Embedding]>,
    params: AlignParams,
) -> Alignment {
    let texts = Distinct::new(segments.iter().map(|segment| segment.text));
    let features = features(segments, &texts);
    let weighted = weighted(&texts, &features);
    let mut pairs = candidates(segments, &texts, &weighted, params);
    if params.index != IndexParams::default() {
        // Other limits may propose pairs that cannot support each other,
        // which scoring takes as given.
        let of = |i: u32| &weighted[texts.of()[i as usize] as usize];
        pairs.retain(|&(a, b)| score::may_support(of(a), of(b)));
    }
    let scored = semantic::with_candidate_pairs(segments, embeddings, &pairs);
    let cosine = |x: u32, y: u32| {
        embeddings.map_or(0.0, |e| {
            let first = |d: u32| texts.firsts()[d as usize] as usize;
            e[first(x)].cosine(&e[first(y)])
        })
    };
    let mut alignment = finish(
        segments,
        &texts,
        &weighted,
        &scored,
        &cosine,
        &params.support,
    );
    // Conflicts and developments are looked for between pairs that share
    // story terms: the lexical candidates.
    alignment.related = pairs;
    alignment
}

/// One candidate pair of [`support_candidates`]: what the support model reads
/// of it each way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandidateSupport {
    /// Index of the first segment (the lower one).
    pub a: u32,
    /// Index of the second segment.
    pub b: u32,
    /// What the model reads of `b` stating `a`'s claim.
    pub b_for_a: SupportFeatures,
    /// What the model reads of `a` stating `b`'s claim.
    pub a_for_b: SupportFeatures,
}

/// Every pair the candidate index proposes (and, with `embeddings`, the
/// pairs of close embeddings), with the support features of each way, sorted
/// by `(a, b)`: what a refit of [`SupportModel`] learns from (the BASIL
/// evaluation refits it leave-one-event-out).
pub fn support_candidates(
    segments: &[AlignInput<'_>],
    embeddings: Option<&[Embedding]>,
) -> Vec<CandidateSupport> {
    let texts = Distinct::new(segments.iter().map(|segment| segment.text));
    let features = features(segments, &texts);
    let weighted = weighted(&texts, &features);
    let of = |i: u32| &weighted[texts.of()[i as usize] as usize];
    let lexical = candidates(segments, &texts, &weighted, AlignParams::default());
    let pairs = semantic::with_candidate_pairs(segments, embeddings, &lexical);
    pairs
        .into_par_iter()
        .map(|(a, b)| {
            let cosine = embeddings.map_or(0.0, |e| e[a as usize].cosine(&e[b as usize]));
            let (b_for_a, a_for_b) = score::support_features_both_ways(of(a), of(b), cosine);
            CandidateSupport {
                a,
                b,
                b_for_a,
                a_for_b,
            }
        })
        .collect()
}

/// Candidate pairs of the index: the segments sharing two distinctive
/// terms, as support needs ([`score::may_support`]), so the index misses no
/// pair scoring would accept.
fn candidates(
    segments: &[AlignInput<'_>],
    texts: &Distinct,
    weighted: &[score::Weighted<'_>],
    params: AlignParams,
) -> Vec<(u32, u32)> {
    let entries: Vec<Entry<'_>> = segments
        .iter()
        .zip(texts.of())
        .map(|(segment, &text)| Entry {
            group: segment.source,
            terms: weighted[text as usize].distinctive(),
        })
        .collect();
    index::candidate_pairs(&entries, params.index)
}

/// Each distinct text's features with the corpus's term weights (every
/// segment counts towards a term's rarity, copies included).
fn weighted<'f>(texts: &Distinct, features: &'f [SentenceFeatures]) -> Vec<score::Weighted<'f>> {
    let weights = TermWeights::from_repeated(features.iter().enumerate().map(|(d, features)| {
        let d = to_u32(d);
        let copies = to_u32(texts.members(d).len());
        (features, copies)
    }));
    features.par_iter().map(|f| weights.weigh(f)).collect()
}

/// Align by scoring every pair of segments from different sources: quadratic,
/// for tests and benchmarks only.
pub fn oracle(segments: &[AlignInput<'_>]) -> Alignment {
    let texts = Distinct::new(segments.iter().map(|segment| segment.text));
    let features = features(segments, &texts);
    let weighted = weighted(&texts, &features);
    let n = to_u32(segments.len());
    let weighted_of = |i: u32| &weighted[texts.of()[i as usize] as usize];
    // Every pair of different sources is looked at (counted, on both
    // cores); those that cannot support either way are set aside here, as
    // the index never proposes them.
    let pairs_from: Vec<(usize, Vec<(u32, u32)>)> = (0..n)
        .into_par_iter()
        .map(|a| {
            let others =
                (a + 1..n).filter(|&b| segments[a as usize].source != segments[b as usize].source);
            let mut looked_at = 0;
            let kept = others
                .inspect(|_| looked_at += 1)
                .filter(|&b| score::may_support(weighted_of(a), weighted_of(b)))
                .map(|b| (a, b))
                .collect();
            (looked_at, kept)
        })
        .collect();
    let all_pairs = pairs_from.iter().map(|(looked_at, _)| looked_at).sum();
    let pairs: Vec<(u32, u32)> = pairs_from.into_iter().flat_map(|(_, kept)| kept).collect();
    Alignment {
        candidates: all_pairs,
        ..finish(
            segments,
            &texts,
            &weighted,
            &pairs,
            &|_, _| 0.0,
            &SupportModel::LEXICAL,
        )
    }
}

/// The features of each distinct text (in parallel; in order of distinct
/// number): a sentence run by several outlets is split and stemmed once.
fn features(segments: &[AlignInput<'_>], texts: &Distinct) -> Vec<SentenceFeatures> {
    texts
        .firsts()
        .par_iter()
        .map(|&first| SentenceFeatures::new(segments[first as usize].text))
        .collect()
}

/// What scoring says of an ordered pair of texts, when either supports the other.
#[derive(Debug, Clone, Copy)]
struct Verdict {
    score: f32,
    b_supports_a: Option<Supported>,
    a_supports_b: Option<Supported>,
    verbatim: bool,
}

/// Score `pairs`: the lexical candidates, each sharing two distinctive terms
/// ([`score::may_support`]), and with the model the pairs of close meaning;
/// `cosine` gives two distinct texts' embedding cosine (0 without the model).
fn finish(
    segments: &[AlignInput<'_>],
    texts: &Distinct,
    weighted: &[score::Weighted<'_>],
    pairs: &[(u32, u32)],
    cosine: &(dyn Fn(u32, u32) -> f32 + Sync),
    model: &SupportModel,
) -> Alignment {
    let text = |d: u32| segments[texts.firsts()[d as usize] as usize].text;
    // Split for the near-verbatim test on first use: most texts never
    // need it, some are in dozens of pairs.
    let lower_words: Vec<OnceLock<word_diff::LowerWords>> =
        texts.firsts().iter().map(|_| OnceLock::new()).collect();
    let lower =
        |d: u32| lower_words[d as usize].get_or_init(|| word_diff::LowerWords::new(text(d)));
    let judge = |x: u32, y: u32| {
        verdict(
            &weighted[x as usize],
            &weighted[y as usize],
            cosine(x, y),
            model,
            || verbatim_with(text(x), text(y), || (lower(x), lower(y))),
        )
    };
    // Pairs are sorted by their first segment: segment `a`'s pairs are
    // `pairs_from[a]..pairs_from[a + 1]`.
    let pairs_from = bucket_starts(segments.len(), pairs.iter().map(|&(a, _)| a as usize));
    // Copies of a story pair up with each other's copies: each ordered pair
    // of distinct texts is scored once, by the task of its first text.
    let mut matches: Vec<Match> = (0..texts.len())
        .into_par_iter()
        .flat_map_iter(|x| {
            let x = to_u32(x);
            let mut verdicts: FxHashMap<u32, Option<Verdict>> = FxHashMap::default();
            let mut found = Vec::new();
            // A text without copies meets every other text once: nothing to remember.
            let single = |d: u32| texts.members(d).len() == 1;
            for &a in texts.members(x) {
                for &(a, b) in &pairs[pairs_from[a as usize]..pairs_from[a as usize + 1]] {
                    let y = texts.of()[b as usize];
                    let verdict = if single(x) && single(y) {
                        judge(x, y)
                    } else {
                        *verdicts.entry(y).or_insert_with(|| judge(x, y))
                    };
                    found.extend(verdict.map(|v| Match {
                        a,
                        b,
                        score: v.score,
                        b_supports_a: v.b_supports_a,
                        a_supports_b: v.a_supports_b,
                        same_origin: v.verbatim,
                    }));
                }
            }
            found
        })
        .collect();
    matches.par_sort_unstable_by_key(|m| (m.a, m.b));
    mark_copied_sources(segments, &mut matches);
    Alignment {
        matches,
        candidates: pairs.len(),
        related: Vec::new(),
    }
}

/// Score two sentences with their weights (a pair that passes
/// [`score::may_support`]); `verbatim` tells whether their texts are
/// near-verbatim, asked only of pairs that match and share enough words to be.
fn verdict(
    fa: &score::Weighted<'_>,
    fb: &score::Weighted<'_>,
    cosine: f32,
    model: &SupportModel,
    verbatim: impl FnOnce() -> bool,
) -> Option<Verdict> {
    let score::ScoredPair {
        features,
        score,
        b_supports_a,
        a_supports_b,
    } = score::score_related_pair(fa, fb, cosine, model)?;
    // The word diff is the costly part; sentences sharing under half
    // their distinct words are never near-verbatim (on the 10,304
    // verbatim pairs of the GVA corpus the lowest share is 0.78).
    let may_be_verbatim = features[score::SURFACE_DICE] >= VERBATIM_MIN_SURFACE_DICE;
    Some(Verdict {
        score,
        b_supports_a,
        a_supports_b,
        verbatim: may_be_verbatim && verbatim(),
    })
}

/// Near-verbatim: long enough and almost every word shared.
pub fn is_verbatim(a: &str, b: &str) -> bool {
    let (lower_a, lower_b) = (word_diff::LowerWords::new(a), word_diff::LowerWords::new(b));
    verbatim_with(a, b, || (&lower_a, &lower_b))
}

/// [`is_verbatim`], with the two texts split for the word diff by `lower`,
/// asked for only when the texts differ: a segment is in many pairs, and a
/// story run twice gives the same text twice.
fn verbatim_with<'w>(
    a: &str,
    b: &str,
    lower: impl FnOnce() -> (&'w word_diff::LowerWords, &'w word_diff::LowerWords),
) -> bool {
    let words = a
        .split_whitespace()
        .count()
        .min(b.split_whitespace().count());
    if words < VERBATIM_MIN_WORDS || quotes_one_statement(a, b) {
        return false;
    }
    // The same sentence twice (a wire story run twice) needs no diff.
    if a == b {
        return true;
    }
    let (a, b) = lower();
    a.as_str() == b.as_str() || word_diff::ratio_at_least(a, b, VERBATIM_RATIO)
}

/// Do two sentences share their words because they quote one statement?
/// Then their likeness is the speaker's, not a copy: when either says too
/// little in its own words to be copied (fewer than [`VERBATIM_MIN_WORDS`]
/// outside its quotes), the two outlets each report what the speaker said.
/// A wire story reprinted whole stays a copy: its other sentences make the
/// two sources copies ([`COPIED_SOURCE_MIN_PAIRS`]).
fn quotes_one_statement(a: &str, b: &str) -> bool {
    a.contains('"')
        && b.contains('"')
        && quoted::words_outside_quotes(a).min(quoted::words_outside_quotes(b)) < VERBATIM_MIN_WORDS
}

fn mark_copied_sources(segments: &[AlignInput<'_>], matches: &mut [Match]) {
    let source_pair = |m: &Match| {
        let (x, y) = (segments[m.a as usize].source, segments[m.b as usize].source);
        (x.min(y), x.max(y))
    };
    let mut verbatim: FxHashMap<(u32, u32), usize> = FxHashMap::default();
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
        assert!(indexed.candidates < all.candidates);
    }

    #[test]
    fn candidates_are_exactly_the_pairs_that_may_support() {
        // "police", "man", "shot" and "street" are in over 400 sentences:
        // too common to tie two sentences to one story.
        let common: Vec<String> = (0..420)
            .map(|i| format!("Police said a man was shot on street {i}."))
            .collect();
        let mut texts: Vec<(u32, &str)> = common
            .iter()
            .enumerate()
            .map(|(i, text)| (i as u32, text.as_str()))
            .collect();
        texts.extend([
            (1000, "Police said Orozco was shot in Fresno."),
            (1001, "In Fresno, Orozco was shot, police said."),
            (1002, "Police said a man was shot in Fresno."),
        ]);
        let segments = inputs(&texts);
        let alignment = align(&segments, AlignParams::default());
        let distinct = Distinct::new(segments.iter().map(|s| s.text));
        let features = features(&segments, &distinct);
        let by_text = weighted(&distinct, &features);
        let weighted: Vec<&score::Weighted<'_>> = distinct
            .of()
            .iter()
            .map(|&d| &by_text[d as usize])
            .collect();
        let n = segments.len() as u32;
        let may_support: Vec<(u32, u32)> = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .filter(|&(a, b)| segments[a as usize].source != segments[b as usize].source)
            .filter(|&(a, b)| score::may_support(weighted[a as usize], weighted[b as usize]))
            .collect();
        assert_eq!(alignment.related, may_support);
        // Orozco and Fresno tie the first two; Fresno alone is not enough.
        assert_eq!(alignment.related, vec![(420, 421)]);
    }

    #[test]
    fn the_frequency_limit_counts_copies_as_support_does() {
        // "zeta" is in exactly 400 segments (distinctive), "omega" in 401
        // (too common): each text twice, in two sources. Copies share zeta
        // and their number; different texts share zeta alone.
        let texts: Vec<String> = (0..200)
            .map(|i| format!("Zeta omega {}.", 1000 + i))
            .collect();
        let mut inputs_: Vec<(u32, &str)> = texts
            .iter()
            .enumerate()
            .flat_map(|(i, text)| [(i as u32, text.as_str()), (i as u32 + 500, text.as_str())])
            .collect();
        inputs_.push((999, "Omega."));
        let segments = inputs(&inputs_);
        let alignment = align(&segments, AlignParams::default());
        let copies: Vec<(u32, u32)> = (0..200).map(|i| (2 * i, 2 * i + 1)).collect();
        // (Not assert_eq: a failure would print 80,000 pairs.)
        assert!(
            alignment.related == copies,
            "{} related pairs, first {:?}",
            alignment.related.len(),
            alignment.related.first()
        );
    }

    #[test]
    fn other_index_limits_never_pair_what_cannot_support() {
        // One shared term is enough for this index, never for support.
        let segments = inputs(&[(0, "He was arrested."), (1, "He was arrested.")]);
        let params = AlignParams {
            index: IndexParams {
                min_shared: 1,
                ..IndexParams::default()
            },
            ..AlignParams::default()
        };
        let alignment = align(&segments, params);
        assert_eq!(alignment.matches, oracle(&segments).matches);
        assert!(alignment.matches.is_empty());
    }

    /// Every candidate pair scored on its own from features computed for
    /// each segment afresh: what the aligner must give, however it shares
    /// work between copies of a text.
    fn matches_pair_by_pair(segments: &[AlignInput<'_>], pairs: &[(u32, u32)]) -> Vec<Match> {
        let features: Vec<SentenceFeatures> = segments
            .iter()
            .map(|s| SentenceFeatures::new(s.text))
            .collect();
        let weights = TermWeights::from_corpus(&features);
        let weighted: Vec<score::Weighted<'_>> =
            features.iter().map(|f| weights.weigh(f)).collect();
        let mut matches: Vec<Match> = pairs
            .iter()
            .filter_map(|&(a, b)| {
                let (ta, tb) = (segments[a as usize].text, segments[b as usize].text);
                let found = verdict(
                    &weighted[a as usize],
                    &weighted[b as usize],
                    0.0,
                    &SupportModel::LEXICAL,
                    || is_verbatim(ta, tb),
                )?;
                Some(Match {
                    a,
                    b,
                    score: found.score,
                    b_supports_a: found.b_supports_a,
                    a_supports_b: found.a_supports_b,
                    same_origin: found.verbatim,
                })
            })
            .collect();
        mark_copied_sources(segments, &mut matches);
        matches
    }

    #[test]
    fn copies_of_a_text_are_scored_as_if_each_stood_alone() {
        let drones = "Russia fired 82 drones overnight, the air force of Ukraine said on Sunday.";
        let loan =
            "EU leaders agreed a loan of 90 billion euros for Ukraine on Friday in Brussels.";
        let drones_again =
            "The air force of Ukraine said on Sunday that Russia fired 82 drones overnight.";
        let loan_again =
            "A loan of 90 billion euros for Ukraine was agreed by EU leaders in Brussels.";
        let other_count =
            "Russia fired 63 drones overnight, the air force of Ukraine said on Sunday.";
        let segments = inputs(&[
            (0, drones),
            (0, loan),
            (1, drones),
            (1, loan),
            (2, drones_again),
            (2, loan_again),
            (3, drones_again),
            (3, other_count),
            (3, loan),
        ]);
        let alignment = align(&segments, AlignParams::default());
        assert!(alignment.matches.len() >= 10, "{:?}", alignment.matches);
        assert!(alignment.matches.iter().any(|m| m.same_origin));
        assert!(alignment.matches.iter().any(|m| !m.same_origin));
        assert_eq!(
            alignment.matches,
            matches_pair_by_pair(&segments, &alignment.related)
        );
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

    #[test]
    fn two_outlets_quoting_one_statement_support_each_other() {
        let quote = r#""We are ready to sign the framework for security guarantees this week," Zelensky said."#;
        let retold = r#""We are ready to sign the framework for security guarantees this week," Zelensky told reporters."#;
        assert!(!is_verbatim(quote, retold));
        assert!(!is_verbatim(quote, quote), "the same quote, twice");
        let segments = inputs(&[(0, quote), (1, retold)]);
        let alignment = align(&segments, AlignParams::default());
        let [found] = alignment.matches.as_slice() else {
            panic!("one match: {:?}", alignment.matches);
        };
        assert!(!found.same_origin);
        assert!(found.b_supports_a.is_some() && found.a_supports_b.is_some());
        // Words of the outlet's own around the same quote are a copy.
        let copied = r#"Speaking in Kyiv after the delegation returned from Miami on Sunday, Zelensky said: "We are ready.""#;
        assert!(is_verbatim(copied, copied));
    }
}
