//! Candidates by meaning (pure): segments + their sentence embeddings →
//! pairs of segments of different sources whose embeddings are close, added
//! to the lexical index's pairs. Claims that say one thing in other words
//! ("Russia aims to retain the Ukrainian territories it has seized" / "Putin's
//! demands include recognition of all areas … his forces have captured")
//! share too few terms for the index.

use rayon::prelude::*;

use super::AlignInput;
use crate::embed::Embedding;
use crate::narrow::to_u32;

/// Cosine from which two claims are worth scoring: below it the support
/// model (which weighs the cosine with the word overlaps) accepted no pair
/// on BASIL; same-topic sentences of one story sit at 0.3–0.5.
pub const SEMANTIC_MIN_COSINE: f32 = 0.5;

/// Up to this many segments every pair's cosine is computed (exact nearest
/// neighbours: 4.5 million dot products of 384 numbers, under a second on
/// two cores). A larger corpus gets the cosine as a feature of its lexical
/// candidates only, so that the lexical index's scaling holds.
pub const SEMANTIC_MAX_SEGMENTS: usize = 3_000;

/// The lexical candidate `pairs` (sorted) and, with `embeddings`, the pairs
/// of close embeddings, sorted and without repeats: the pairs to score.
pub(crate) fn with_candidate_pairs(
    segments: &[AlignInput<'_>],
    embeddings: Option<&[Embedding]>,
    pairs: &[(u32, u32)],
) -> Vec<(u32, u32)> {
    let Some(embeddings) = embeddings else {
        return pairs.to_vec();
    };
    let mut all = pairs.to_vec();
    all.extend(close_pairs(segments, embeddings));
    all.par_sort_unstable();
    all.dedup();
    all
}

/// Pairs `(a, b)`, `a < b`, of different sources with cosine at least
/// [`SEMANTIC_MIN_COSINE`]; none beyond [`SEMANTIC_MAX_SEGMENTS`].
fn close_pairs(segments: &[AlignInput<'_>], embeddings: &[Embedding]) -> Vec<(u32, u32)> {
    let n = segments.len().min(embeddings.len());
    if n > SEMANTIC_MAX_SEGMENTS {
        return Vec::new();
    }
    (0..n)
        .into_par_iter()
        .flat_map_iter(|a| {
            (a + 1..n)
                .filter(move |&b| {
                    segments[a].source != segments[b].source
                        && embeddings[a].cosine(&embeddings[b]) >= SEMANTIC_MIN_COSINE
                })
                .map(move |b| (to_u32(a), to_u32(b)))
        })
        .collect()
}
