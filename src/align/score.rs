//! Scoring (pure): two [`SentenceFeatures`] (+ corpus [`TermWeights`]) →
//! paraphrase score, and whether one sentence supports another's claim.
//!
//! **Paraphrase** (symmetric, what `pairs` prints): an IDF-weighted Dice
//! overlap of terms, names and numbers weighted above words, blended with the
//! overlap of adjacent-term bigrams (word order), minus a penalty when both
//! sentences state numbers and share none. The constants were fitted on the
//! even rows of the MRPC train split and checked on the odd rows (README).
//!
//! **Support** (directional, what corroboration uses): news outlets rarely
//! paraphrase each other sentence for sentence; they report the same fact in
//! other words ("continued contacts with Kiril Dmitriev" / "met with … Kirill
//! Dmitriev"). So B supports A when they paraphrase each other, or when every
//! rare name in A (after variant folding) is in B and B also carries enough of
//! A's other content.

use std::collections::HashMap;

use crate::align::tokens::SentenceFeatures;

/// Paraphrase score at or above which two sentences state the same claim.
pub const SAME_THRESHOLD: f32 = 0.5;

/// How much a name or a number outweighs a word of the same rarity.
const NAME_FACTOR: f32 = 2.0;
const NUMBER_FACTOR: f32 = 2.0;
/// Share of the paraphrase score from unigram overlap (the rest from bigrams).
const UNIGRAM_SHARE: f32 = 0.8;
/// Subtracted when both sentences state numbers and share none.
const NUMBER_MISMATCH_PENALTY: f32 = 0.1;

/// Support by names: the share of A's other (non-name) weighted content B must also carry.
const SUPPORT_CONTENT_SHARE: f32 = 0.3;
/// A name found in more than this share of segments is too common to anchor support.
const RARE_NAME_MAX_SHARE: f32 = 0.1;

/// Inverse document frequencies of terms in a corpus.
#[derive(Debug, Clone, Default)]
pub struct TermWeights {
    idf: HashMap<u64, f32>,
    df: HashMap<u64, u32>,
    documents: u32,
}

impl TermWeights {
    /// Weights from the sentences of a corpus.
    pub fn from_corpus<'a>(sentences: impl IntoIterator<Item = &'a SentenceFeatures>) -> Self {
        let mut df: HashMap<u64, u32> = HashMap::new();
        let mut documents = 0u32;
        for sentence in sentences {
            documents += 1;
            for term in sentence.terms() {
                *df.entry(term).or_default() += 1;
            }
        }
        let n = documents as f32;
        let idf = df
            .iter()
            .map(|(&term, &count)| (term, ((n + 1.0) / (count as f32 + 0.5)).ln().max(0.1)))
            .collect();
        TermWeights { idf, df, documents }
    }

    /// Weight of an unseen term (or of any term without a corpus): as rare as a term seen once.
    fn unseen(&self) -> f32 {
        ((self.documents as f32 + 1.0) / 1.5).ln().max(1.0)
    }

    fn idf(&self, term: u64) -> f32 {
        self.idf.get(&term).copied().unwrap_or_else(|| self.unseen())
    }

    /// Is this name rare enough in the corpus to anchor support?
    fn is_rare(&self, term: u64) -> bool {
        let df = self.df.get(&term).copied().unwrap_or(0) as f32;
        self.documents < 20 || df <= (self.documents as f32 * RARE_NAME_MAX_SHARE).max(2.0)
    }
}

/// Sum of weights of `a`'s terms, and of those also in `b` (both sorted).
fn weighted_overlap(a: &[u64], b: &[u64], weights: &TermWeights, factor: f32) -> (f32, f32) {
    let mut total = 0.0;
    let mut shared = 0.0;
    let mut j = 0;
    for &term in a {
        let weight = weights.idf(term) * factor;
        total += weight;
        while j < b.len() && b[j] < term {
            j += 1;
        }
        if j < b.len() && b[j] == term {
            shared += weight;
        }
    }
    (total, shared)
}

fn count_shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Weighted (total, shared-with-b) over every kind of term of `a`.
fn content_overlap(a: &SentenceFeatures, b: &SentenceFeatures, weights: &TermWeights) -> (f32, f32) {
    let (wt, ws) = weighted_overlap(a.words(), b.words(), weights, 1.0);
    let (nt, ns) = weighted_overlap(a.names(), b.names(), weights, NAME_FACTOR);
    let (ut, us) = weighted_overlap(a.numbers(), b.numbers(), weights, NUMBER_FACTOR);
    (wt + nt + ut, ws + ns + us)
}

/// Symmetric paraphrase score, 0..=1.
pub fn paraphrase(a: &SentenceFeatures, b: &SentenceFeatures, weights: &TermWeights) -> f32 {
    let (a_total, a_shared) = content_overlap(a, b, weights);
    let (b_total, b_shared) = content_overlap(b, a, weights);
    if a_total + b_total <= 0.0 {
        return 0.0;
    }
    let unigram = (a_shared + b_shared) / (a_total + b_total);
    let bigram_total = a.bigrams().len() + b.bigrams().len();
    let bigram = if bigram_total == 0 {
        unigram
    } else {
        2.0 * count_shared(a.bigrams(), b.bigrams()) as f32 / bigram_total as f32
    };
    let mut score = UNIGRAM_SHARE * unigram + (1.0 - UNIGRAM_SHARE) * bigram;
    if !a.numbers().is_empty()
        && !b.numbers().is_empty()
        && count_shared(a.numbers(), b.numbers()) == 0
    {
        score -= NUMBER_MISMATCH_PENALTY;
    }
    score.clamp(0.0, 1.0)
}

/// How `supporter` supports `claim`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SupportKind {
    /// They paraphrase each other.
    Paraphrase,
    /// The claim's rare names, and enough of its other content, are in the supporter.
    SharedNames,
}

/// Does `supporter` state the claim of `claim`? `paraphrase_score` is
/// [`paraphrase`] of the two (computed once by the caller).
pub fn supports(
    claim: &SentenceFeatures,
    supporter: &SentenceFeatures,
    paraphrase_score: f32,
    weights: &TermWeights,
) -> Option<SupportKind> {
    if paraphrase_score >= SAME_THRESHOLD {
        return Some(SupportKind::Paraphrase);
    }
    let rare_names: Vec<u64> = claim
        .names()
        .iter()
        .copied()
        .filter(|&n| weights.is_rare(n))
        .collect();
    if rare_names.is_empty() || count_shared(&rare_names, supporter.names()) < rare_names.len() {
        return None;
    }
    let (words_total, words_shared) =
        weighted_overlap(claim.words(), supporter.words(), weights, 1.0);
    let (numbers_total, numbers_shared) =
        weighted_overlap(claim.numbers(), supporter.numbers(), weights, NUMBER_FACTOR);
    let total = words_total + numbers_total;
    let shared = words_shared + numbers_shared;
    (total > 0.0 && shared / total >= SUPPORT_CONTENT_SHARE).then_some(SupportKind::SharedNames)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str) -> SentenceFeatures {
        SentenceFeatures::new(text)
    }

    #[test]
    fn identical_sentences_score_one() {
        let a = f("Russia fired 82 drones overnight.");
        let weights = TermWeights::default();
        assert!((paraphrase(&a, &a, &weights) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn different_numbers_lower_the_score() {
        let weights = TermWeights::default();
        let same = paraphrase(&f("Russia fired 82 drones."), &f("Russia launched 82 drones."), &weights);
        let other = paraphrase(&f("Russia fired 82 drones."), &f("Russia launched 60 drones."), &weights);
        assert!(same > other + 0.1, "{same} vs {other}");
    }
}
