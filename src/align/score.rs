//! Scoring (pure): two [`SentenceFeatures`] (+ corpus [`TermWeights`]) →
//! paraphrase score, and whether one sentence supports another's claim.
//!
//! **Paraphrase** (symmetric, what `pairs` prints): a logistic model over
//! eight overlap features ([`PAIR_FEATURE_NAMES`]: IDF-weighted term overlap
//! with names and numbers weighted above words, coverage of each side, bigram
//! overlap for word order, surface overlap, number agreement, length ratio).
//! Its nine constants were fitted on the even rows of the MRPC train split
//! and checked on the odd rows (README, "Quality").
//!
//! **Support** (directional, what corroboration uses): news outlets rarely
//! paraphrase each other sentence for sentence; they report the same fact in
//! other words ("continued contacts with Kiril Dmitriev" / "met with … Kirill
//! Dmitriev"). So B supports A when they paraphrase each other, or when every
//! two thirds of A's rare names and numbers (after variant folding) are in B and
//! B carries at least 40 % of A's weighted content.

use rustc_hash::FxHashMap as HashMap;

use crate::align::tokens::SentenceFeatures;

/// Paraphrase score at or above which two sentences state the same claim.
pub const SAME_THRESHOLD: f32 = 0.5;

/// Number of pair features the paraphrase model combines.
pub const PAIR_FEATURES: usize = 8;

/// Names of the pair features, in order (README and fitting output).
pub const PAIR_FEATURE_NAMES: [&str; PAIR_FEATURES] = [
    "idf-weighted Dice of terms (names, numbers x2)",
    "lesser coverage: share of each sentence's weighted terms the other has",
    "Dice of adjacent-term bigrams",
    "Dice of all words as written (stop words included)",
    "Dice of names",
    "both state numbers and share none",
    "both state numbers and all agree",
    "length ratio (shorter / longer, in words)",
];

/// Logistic-model weights over the pair features, then the bias. Fitted on
/// the even rows of the MRPC train split (`fit_paraphrase_model` in
/// tests/eval_mrpc.rs), checked on the odd rows.
pub const PARAPHRASE_WEIGHTS: [f32; PAIR_FEATURES + 1] =
    [1.47, 1.75, -1.49, 5.05, -0.67, -0.18, 0.23, 2.76, -5.79];

/// How much a name or number outweighs a word of the same rarity.
const NAME_FACTOR: f32 = 2.0;
const NUMBER_FACTOR: f32 = 2.0;

/// News outlets rarely paraphrase each other sentence for sentence: a lower
/// paraphrase score than [`SAME_THRESHOLD`] already means one states the
/// other's claim (checked on the seeds: above 0.4 only true support).
pub const SUPPORT_THRESHOLD: f32 = 0.4;
/// Support by shared facts: the share of the claim's weighted content
/// (names and numbers weighted up) the supporter must also carry.
const SUPPORT_COVERAGE: f32 = 0.4;
/// A name found in more than this share of segments is too common to anchor support.
const RARE_NAME_MAX_SHARE: f32 = 0.1;

/// A term in more sentences than this is too common to tie two sentences to
/// one story ("police" and "shot" in a corpus of shootings). Support needs two
/// shared terms below it, and the candidate index ignores terms above it, so
/// the index misses no pair the all-pairs oracle would accept.
pub const COMMON_TERM_MIN_DF: u32 = 400;

/// Shared terms below [`COMMON_TERM_MIN_DF`] that support needs.
const SUPPORT_MIN_SHARED_TERMS: usize = 2;

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
        Self::from_repeated(sentences.into_iter().map(|sentence| (sentence, 1)))
    }

    /// Weights from the distinct sentences of a corpus, each with how many
    /// times the corpus has it: the same as [`TermWeights::from_corpus`]
    /// over every copy.
    pub fn from_repeated<'a>(
        sentences: impl IntoIterator<Item = (&'a SentenceFeatures, u32)>,
    ) -> Self {
        let mut df: HashMap<u64, u32> = HashMap::default();
        let mut documents = 0u32;
        for (sentence, copies) in sentences {
            documents += copies;
            for term in sentence.terms() {
                *df.entry(term).or_default() += copies;
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
        self.idf
            .get(&term)
            .copied()
            .unwrap_or_else(|| self.unseen())
    }

    /// Is this term in few enough sentences to tie two sentences to one story?
    fn is_distinctive(&self, term: u64) -> bool {
        self.df.get(&term).copied().unwrap_or(0) <= COMMON_TERM_MIN_DF
    }

    /// Is this name rare enough in the corpus to anchor support?
    fn is_rare(&self, term: u64) -> bool {
        let df = self.df.get(&term).copied().unwrap_or(0) as f32;
        self.documents < 20 || df <= (self.documents as f32 * RARE_NAME_MAX_SHARE).max(2.0)
    }
}

/// A sentence's terms with their corpus weights looked up once, so that
/// scoring a pair only merges sorted lists: a sentence is in dozens of
/// candidate pairs, and the lookups were most of the scoring time.
#[derive(Debug, Clone)]
pub struct Weighted<'a> {
    features: &'a SentenceFeatures,
    /// Weight of each word, name and number (parallel to the features' lists,
    /// names and numbers weighted up).
    words: Vec<f32>,
    names: Vec<f32>,
    numbers: Vec<f32>,
    /// Sums of the three, each added in list order.
    totals: [f32; 3],
    /// The distinctive words, names and numbers (few sentences have them),
    /// in one sorted list: every candidate pair compares these first, and
    /// one list is one merge and one cache miss (the hashes of each kind
    /// are seeded apart, so kinds do not meet).
    distinctive: Vec<u64>,
    /// The names rare enough to anchor support (sorted).
    rare_names: Vec<u64>,
}

impl TermWeights {
    /// Look up the weights of one sentence's terms.
    pub fn weigh<'a>(&self, features: &'a SentenceFeatures) -> Weighted<'a> {
        let weigh = |terms: &[u64], factor: f32| -> Vec<f32> {
            terms.iter().map(|&t| self.idf(t) * factor).collect()
        };
        let (words, names, numbers) = (
            weigh(features.words(), 1.0),
            weigh(features.names(), NAME_FACTOR),
            weigh(features.numbers(), NUMBER_FACTOR),
        );
        let sum = |weights: &[f32]| weights.iter().fold(0.0, |total, w| total + w);
        let totals = [sum(&words), sum(&names), sum(&numbers)];
        let mut distinctive: Vec<u64> = [features.words(), features.names(), features.numbers()]
            .into_iter()
            .flatten()
            .copied()
            .filter(|&t| self.is_distinctive(t))
            .collect();
        distinctive.sort_unstable();
        Weighted {
            features,
            totals,
            distinctive,
            rare_names: features
                .names()
                .iter()
                .copied()
                .filter(|&n| self.is_rare(n))
                .collect(),
            words,
            names,
            numbers,
        }
    }
}

impl Weighted<'_> {
    /// (terms, weights) of each kind: words, names, numbers.
    fn kinds(&self) -> [(&[u64], &[f32]); 3] {
        let f = self.features;
        [
            (f.words(), &self.words),
            (f.names(), &self.names),
            (f.numbers(), &self.numbers),
        ]
    }
}

/// Sum of the weights of `a`'s terms that are also in `b` (both sorted).
fn shared_weight(a: &[u64], weights: &[f32], b: &[u64]) -> f32 {
    let mut shared = 0.0;
    let mut j = 0;
    for (&term, &weight) in a.iter().zip(weights) {
        while j < b.len() && b[j] < term {
            j += 1;
        }
        if j < b.len() && b[j] == term {
            shared += weight;
        }
    }
    shared
}

/// How many values two sorted lists share (as multisets).
pub(crate) fn count_shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    // Without branches on the comparison: hashes compare at random, so a
    // branch would be mispredicted half the time (this merge is the
    // hottest loop of the candidate scoring).
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        shared += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    shared
}

/// Weighted (total, shared-with-b) over every kind of term of `a`.
fn content_overlap(a: &Weighted<'_>, b: &Weighted<'_>) -> (f32, f32) {
    let [wt, nt, ut] = a.totals;
    let [(aw, ww), (an, wn), (au, wu)] = a.kinds();
    let ws = shared_weight(aw, ww, b.features.words());
    let ns = shared_weight(an, wn, b.features.names());
    let us = shared_weight(au, wu, b.features.numbers());
    (wt + nt + ut, ws + ns + us)
}

fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * count_shared(a, b) as f32 / (a.len() + b.len()) as f32
}

/// The features the paraphrase model combines (see [`PAIR_FEATURE_NAMES`]).
pub fn pair_features(
    a: &SentenceFeatures,
    b: &SentenceFeatures,
    weights: &TermWeights,
) -> [f32; PAIR_FEATURES] {
    weighted_pair_features(&weights.weigh(a), &weights.weigh(b))
}

/// [`pair_features`] of two sentences whose weights are looked up already.
pub fn weighted_pair_features(wa: &Weighted<'_>, wb: &Weighted<'_>) -> [f32; PAIR_FEATURES] {
    features_with_overlaps(wa, wb, content_overlap(wa, wb), content_overlap(wb, wa))
}

/// [`weighted_pair_features`] given each side's [`content_overlap`] with
/// the other, which support needs too.
fn features_with_overlaps(
    wa: &Weighted<'_>,
    wb: &Weighted<'_>,
    (a_total, a_shared): (f32, f32),
    (b_total, b_shared): (f32, f32),
) -> [f32; PAIR_FEATURES] {
    let (a, b) = (wa.features, wb.features);
    let ratio = |shared: f32, total: f32| if total > 0.0 { shared / total } else { 0.0 };
    let weighted_dice = ratio(a_shared + b_shared, a_total + b_total);
    let lesser_coverage = ratio(a_shared, a_total).min(ratio(b_shared, b_total));
    let both_numbers = !a.numbers().is_empty() && !b.numbers().is_empty();
    let shared_numbers = count_shared(a.numbers(), b.numbers());
    let numbers_disagree = both_numbers && shared_numbers == 0;
    let numbers_agree =
        both_numbers && shared_numbers == a.numbers().len() && shared_numbers == b.numbers().len();
    let (short, long) = (
        a.word_count().min(b.word_count()) as f32,
        a.word_count().max(b.word_count()) as f32,
    );
    [
        weighted_dice,
        lesser_coverage,
        dice(a.bigrams(), b.bigrams()),
        dice(a.surface(), b.surface()),
        dice(a.names(), b.names()),
        f32::from(u8::from(numbers_disagree)),
        f32::from(u8::from(numbers_agree)),
        ratio(short, long),
    ]
}

/// Combine pair features with logistic-model weights (last entry the bias) into 0..=1.
pub fn logistic(features: &[f32; PAIR_FEATURES], weights: &[f32; PAIR_FEATURES + 1]) -> f32 {
    let z: f32 = features
        .iter()
        .zip(weights.iter())
        .map(|(f, w)| f * w)
        .sum::<f32>()
        + weights[PAIR_FEATURES];
    1.0 / (1.0 + (-z).exp())
}

/// Symmetric paraphrase score, 0..=1: the probability the model gives that
/// the two sentences state the same thing.
pub fn paraphrase(a: &SentenceFeatures, b: &SentenceFeatures, weights: &TermWeights) -> f32 {
    logistic(&pair_features(a, b, weights), &PARAPHRASE_WEIGHTS)
}

/// How `supporter` supports `claim` (`basis` in report.json).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportKind {
    /// They paraphrase each other.
    Paraphrase,
    /// The supporter states the claim's rare names and numbers and most of its content.
    SharedFacts,
}

/// Does `supporter` state the claim of `claim`? `paraphrase_score` is
/// [`paraphrase`] of the two (computed once by the caller).
pub fn supports(
    claim: &SentenceFeatures,
    supporter: &SentenceFeatures,
    paraphrase_score: f32,
    weights: &TermWeights,
) -> Option<SupportKind> {
    weighted_supports(
        &weights.weigh(claim),
        &weights.weigh(supporter),
        paraphrase_score,
    )
}

/// Can either sentence support the other at all? Support needs two shared
/// distinctive terms (function words alone make short sentences look alike:
/// "No arrests have been made" / "No suspects have been identified"). The
/// test is symmetric and cheap, so most candidate pairs stop here.
pub fn may_support(a: &Weighted<'_>, b: &Weighted<'_>) -> bool {
    // A term distinctive in one sentence is distinctive in the other (it is
    // the corpus that decides), so comparing the distinctive lists suffices.
    count_shared(&a.distinctive, &b.distinctive) >= SUPPORT_MIN_SHARED_TERMS
}

/// [`supports`] for two sentences whose weights are looked up already.
pub fn weighted_supports(
    claim: &Weighted<'_>,
    supporter: &Weighted<'_>,
    paraphrase_score: f32,
) -> Option<SupportKind> {
    if !may_support(claim, supporter) {
        return None;
    }
    supports_given(claim, supporter, paraphrase_score, || {
        content_overlap(claim, supporter)
    })
}

/// A pair scored both ways: the paraphrase model's features and score, and
/// the support each side gives the other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    /// The pair features (see [`PAIR_FEATURE_NAMES`]).
    pub features: [f32; PAIR_FEATURES],
    /// [`paraphrase`] of the two.
    pub score: f32,
    /// How `b` supports `a`'s claim, if it does.
    pub b_supports_a: Option<SupportKind>,
    /// How `a` supports `b`'s claim, if it does.
    pub a_supports_b: Option<SupportKind>,
}

/// Score a pair both ways, or `None` when neither can support the other
/// ([`may_support`]): what [`weighted_pair_features`], [`logistic`] and
/// [`weighted_supports`] each way give, with the overlaps they share
/// computed once (this is the aligner's inner loop).
pub fn score_pair(a: &Weighted<'_>, b: &Weighted<'_>) -> Option<ScoredPair> {
    if !may_support(a, b) {
        return None;
    }
    let (a_overlap, b_overlap) = (content_overlap(a, b), content_overlap(b, a));
    let features = features_with_overlaps(a, b, a_overlap, b_overlap);
    let score = logistic(&features, &PARAPHRASE_WEIGHTS);
    Some(ScoredPair {
        features,
        score,
        b_supports_a: supports_given(a, b, score, || a_overlap),
        a_supports_b: supports_given(b, a, score, || b_overlap),
    })
}

/// [`weighted_supports`] once [`may_support`] holds; `overlap` is the
/// claim's [`content_overlap`] with the supporter.
fn supports_given(
    claim: &Weighted<'_>,
    supporter: &Weighted<'_>,
    paraphrase_score: f32,
    overlap: impl FnOnce() -> (f32, f32),
) -> Option<SupportKind> {
    if paraphrase_score >= SUPPORT_THRESHOLD {
        return Some(SupportKind::Paraphrase);
    }
    // The facts that anchor a claim: its rare names and its numbers. Two
    // thirds of them, at least one: "a Kremlin emissary, Kiril Dmitriev" is
    // still the Dmitriev of "Putin's special envoy Kirill Dmitriev".
    let (c, s) = (claim.features, supporter.features);
    let anchor_count = claim.rare_names.len() + c.numbers().len();
    let shared_anchors =
        count_shared(&claim.rare_names, s.names()) + count_shared(c.numbers(), s.numbers());
    if anchor_count == 0 || shared_anchors < (anchor_count * 2 + 1) / 3 {
        return None;
    }
    // A name alone is a topic, not a claim: "Judge sentences Orozco to death"
    // is not supported by "Orozco was charged with murder".
    if count_shared(c.words(), s.words()) == 0 {
        return None;
    }
    let (total, shared) = overlap();
    (total > 0.0 && shared / total >= SUPPORT_COVERAGE).then_some(SupportKind::SharedFacts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str) -> SentenceFeatures {
        SentenceFeatures::new(text)
    }

    #[test]
    fn identical_sentences_are_the_same_claim() {
        let a = f("Russia fired 82 drones overnight.");
        let weights = TermWeights::default();
        let score = paraphrase(&a, &a, &weights);
        assert!(score > 0.95, "{score}");
    }

    #[test]
    fn a_pair_scored_at_once_agrees_with_each_measure_alone() {
        let sentences: Vec<SentenceFeatures> = [
            "Russia fired 82 drones at Kyiv overnight, the air force said.",
            "The air force said Russia launched 82 drones at Kyiv overnight.",
            "Ukraine's air force said 63 of the drones were shot down.",
            "Kirill Dmitriev met Steve Witkoff in Miami on Saturday.",
            "Witkoff and Dmitriev held talks in Miami, officials said.",
            "Dmitriev, head of the Russian Direct Investment Fund, flew to Miami.",
            "Dmitriev flew to Miami on Saturday.",
            "Dmitriev flew to Miami on Saturday for talks with Witkoff and Kushner on the \
             peace plan, the sanctions, frozen assets and a ceasefire along the front line.",
        ]
        .iter()
        .map(|text| f(text))
        .collect();
        let weights = TermWeights::from_corpus(&sentences);
        let weighted: Vec<Weighted<'_>> = sentences.iter().map(|s| weights.weigh(s)).collect();
        let (mut supported, mut one_way_by_facts) = (0, 0);
        for a in &weighted {
            for b in &weighted {
                let alone = may_support(a, b).then(|| {
                    let features = weighted_pair_features(a, b);
                    let score = logistic(&features, &PARAPHRASE_WEIGHTS);
                    ScoredPair {
                        features,
                        score,
                        b_supports_a: weighted_supports(a, b, score),
                        a_supports_b: weighted_supports(b, a, score),
                    }
                });
                assert_eq!(score_pair(a, b), alone);
                supported += usize::from(alone.is_some_and(|p| p.b_supports_a.is_some()));
                one_way_by_facts += usize::from(alone.is_some_and(|p| {
                    p.b_supports_a == Some(SupportKind::SharedFacts) && p.a_supports_b.is_none()
                }));
            }
        }
        // The two drone sentences, the Miami pairs, each sentence itself.
        assert!(supported >= 8, "{supported}");
        // The long Miami sentence carries all of the short one, not the reverse.
        assert!(one_way_by_facts >= 1, "{one_way_by_facts}");
    }

    #[test]
    fn different_numbers_lower_the_score() {
        let weights = TermWeights::default();
        let same = paraphrase(
            &f("Russia fired 82 drones."),
            &f("Russia launched 82 drones."),
            &weights,
        );
        let other = paraphrase(
            &f("Russia fired 82 drones."),
            &f("Russia launched 60 drones."),
            &weights,
        );
        assert!(same > other + 0.1, "{same} vs {other}");
    }
}
