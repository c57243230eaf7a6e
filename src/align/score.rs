//! Scoring (pure): two [`SentenceFeatures`] (+ corpus [`TermWeights`]) →
//! paraphrase score, and whether one sentence supports another's claim.
//!
//! **Paraphrase** (symmetric, what `pairs` prints): a logistic model over
//! eight overlap features ([`PAIR_FEATURE_NAMES`]: IDF-weighted term overlap
//! with names and numbers weighted above words, coverage of each side, bigram
//! overlap for word order, surface overlap, number agreement, length ratio).
//! Its nine constants were fitted on the even rows of the MRPC train split
//! and checked on the odd rows (docs/evaluation.md).
//!
//! **Support** (directional, what corroboration uses): the overlaps of a pair
//! seen from each side feed the support model of [`crate::align::support`];
//! a supporter that states two thirds of a claim's rare names and numbers
//! (after variant folding) and 40 % of its weighted content supports it in
//! full whatever the model says ("continued contacts with Kiril Dmitriev" /
//! "met with … Kirill Dmitriev").

use rustc_hash::FxHashMap as HashMap;

use crate::align::features::SentenceFeatures;
use crate::align::support::{SupportFeatures, SupportKind, SupportLevel, SupportModel, Supported};
use crate::sorted::count_shared;

/// Paraphrase score at or above which two sentences state the same claim.
pub(crate) const SAME_THRESHOLD: f32 = 0.5;

/// Number of pair features the paraphrase model combines.
pub const PAIR_FEATURES: usize = 8;

/// Names of the pair features, in order (docs and fitting output).
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

/// Positions in the pair features of the bigram and the surface Dice.
const BIGRAM_DICE: usize = 2;
pub(crate) const SURFACE_DICE: usize = 3;

// `score_related_pair` bounds the score from above by leaving the bigram
// Dice out, which holds only while the model weighs it negatively: a refit
// that turns the sign fails the build here.
const _: () = assert!(PARAPHRASE_WEIGHTS[BIGRAM_DICE] <= 0.0);

/// Logistic-model weights over the pair features, then the bias. Fitted on
/// the even rows of the MRPC train split (`fit_paraphrase_model` in
/// tests/it/eval_mrpc.rs), checked on the odd rows.
pub(crate) const PARAPHRASE_WEIGHTS: [f32; PAIR_FEATURES + 1] =
    [1.47, 1.75, -1.49, 5.05, -0.67, -0.18, 0.23, 2.76, -5.79];

/// How much a name or number outweighs a word of the same rarity.
const NAME_FACTOR: f32 = 2.0;
const NUMBER_FACTOR: f32 = 2.0;

/// From this paraphrase score a supported pair's basis is given as
/// paraphrase: news outlets rarely paraphrase each other sentence for
/// sentence, and above 0.4 the seeds' pairs all state one claim.
pub(crate) const PARAPHRASE_BASIS_MIN: f32 = 0.4;
/// A supported pair whose supporter carries this share of the claim's
/// weighted content and its rare names and numbers has the basis "shared facts".
const SHARED_FACTS_MIN_COVERAGE: f32 = 0.4;
/// A name found in more than this share of segments is too common to anchor support.
const RARE_NAME_MAX_SHARE: f32 = 0.1;
/// A name in this many sentences is rare however small the corpus.
const RARE_NAME_MIN_DF: f32 = 2.0;
/// In a corpus of fewer sentences every name is rare: shares of so few say nothing.
const SMALL_CORPUS_DOCUMENTS: u32 = 20;
/// The least weight of a term: one in every sentence still tells a little.
const MIN_IDF: f32 = 0.1;
/// The least weight of an unseen term, however small the corpus.
const MIN_UNSEEN_IDF: f32 = 1.0;

/// A term in more sentences than this is too common to tie two sentences to
/// one story ("police" and "shot" in a corpus of shootings). Support needs two
/// shared terms below it, and the candidate index ignores terms above it, so
/// the index misses no pair the all-pairs oracle would accept.
pub(crate) const COMMON_TERM_MIN_DF: u32 = 400;

/// Shared terms below [`COMMON_TERM_MIN_DF`] that support needs.
pub(crate) const SUPPORT_MIN_SHARED_TERMS: usize = 2;

/// Inverse document frequencies of terms in a corpus.
#[derive(Debug, Clone, Default)]
pub struct TermWeights {
    /// Each term's document frequency and inverse document frequency.
    terms: HashMap<u64, (u32, f32)>,
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
    pub(crate) fn from_repeated<'a>(
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
        let terms = df
            .into_iter()
            .map(|(term, count)| {
                let idf = ((n + 1.0) / (count as f32 + 0.5)).ln().max(MIN_IDF);
                (term, (count, idf))
            })
            .collect();
        TermWeights { terms, documents }
    }

    /// Weight of an unseen term (or of any term without a corpus): as rare as a term seen once.
    fn unseen(&self) -> f32 {
        ((self.documents as f32 + 1.0) / 1.5)
            .ln()
            .max(MIN_UNSEEN_IDF)
    }

    /// A term's document frequency and weight (an unseen term's: 0 and
    /// [`TermWeights::unseen`]).
    fn df_and_idf(&self, term: u64) -> (u32, f32) {
        self.terms
            .get(&term)
            .copied()
            .unwrap_or_else(|| (0, self.unseen()))
    }

    /// Is a name in `df` sentences rare enough in the corpus to anchor support?
    fn is_rare_df(&self, df: u32) -> bool {
        self.documents < SMALL_CORPUS_DOCUMENTS
            || df as f32 <= (self.documents as f32 * RARE_NAME_MAX_SHARE).max(RARE_NAME_MIN_DF)
    }
}

/// A sentence's terms with their corpus weights looked up once, so that
/// scoring a pair only merges sorted lists: a sentence is in dozens of
/// candidate pairs, and the lookups were most of the scoring time.
#[derive(Debug, Clone)]
pub(crate) struct Weighted<'a> {
    features: &'a SentenceFeatures,
    /// Weight of each word, name and number (parallel to the features' lists,
    /// names and numbers weighted up).
    words: Vec<f32>,
    names: Vec<f32>,
    numbers: Vec<f32>,
    /// Sums of the three, each added in list order.
    totals: [f32; 3],
    /// The distinctive words, names and numbers (few sentences have them),
    /// in one sorted list: what the candidate index keys on and
    /// [`may_support`] compares (the hashes of each kind are seeded apart,
    /// so kinds do not meet).
    distinctive: Vec<u64>,
    /// The names rare enough to anchor support (sorted).
    rare_names: Vec<u64>,
}

impl TermWeights {
    /// Look up the weights of one sentence's terms.
    pub(crate) fn weigh<'a>(&self, features: &'a SentenceFeatures) -> Weighted<'a> {
        // One lookup per term gives its weight, whether it is distinctive
        // and, for a name, whether it is rare.
        let mut distinctive = Vec::new();
        let mut rare_names = Vec::new();
        let mut weigh = |terms: &[u64], factor: f32, are_names: bool| -> Vec<f32> {
            terms
                .iter()
                .map(|&term| {
                    let (df, idf) = self.df_and_idf(term);
                    if df <= COMMON_TERM_MIN_DF {
                        distinctive.push(term);
                    }
                    if are_names && self.is_rare_df(df) {
                        rare_names.push(term);
                    }
                    idf * factor
                })
                .collect()
        };
        let words = weigh(features.words(), 1.0, false);
        let names = weigh(features.names(), NAME_FACTOR, true);
        let numbers = weigh(features.numbers(), NUMBER_FACTOR, false);
        let sum = |weights: &[f32]| weights.iter().fold(0.0, |total, w| total + w);
        let totals = [sum(&words), sum(&names), sum(&numbers)];
        distinctive.sort_unstable();
        // A set, as the index counts it: kinds are hashed apart, but a
        // 64-bit collision must not count one term twice.
        distinctive.dedup();
        Weighted {
            features,
            totals,
            distinctive,
            rare_names,
            words,
            names,
            numbers,
        }
    }
}

impl Weighted<'_> {
    /// The sentence's distinctive terms (sorted): what the candidate index keys on.
    pub(crate) fn distinctive(&self) -> &[u64] {
        &self.distinctive
    }

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

/// What two sentences share of one kind of term (words, names or numbers).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct KindOverlap {
    /// How many terms both have.
    count: usize,
    /// The summed weights of the shared terms on each side.
    a_weight: f32,
    b_weight: f32,
}

impl KindOverlap {
    /// One merge of two sorted, deduplicated term lists with their weights.
    fn of((a, a_weights): (&[u64], &[f32]), (b, b_weights): (&[u64], &[f32])) -> Self {
        let mut overlap = KindOverlap::default();
        let (mut i, mut j) = (0, 0);
        // The steps branch-free as in `count_shared`; the weights added only
        // for a shared term (a few in each pair), so that the merge does not
        // wait on a chain of float additions.
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            if x == y {
                overlap.count += 1;
                overlap.a_weight += a_weights[i];
                overlap.b_weight += b_weights[j];
            }
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
        overlap
    }
}

/// What two sentences share, kind by kind: one merge per kind serves the
/// paraphrase features and the support test both ways.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Overlaps {
    words: KindOverlap,
    names: KindOverlap,
    numbers: KindOverlap,
}

impl Overlaps {
    fn of(a: &Weighted<'_>, b: &Weighted<'_>) -> Self {
        let [aw, an, au] = a.kinds();
        let [bw, bn, bu] = b.kinds();
        Overlaps {
            words: KindOverlap::of(aw, bw),
            names: KindOverlap::of(an, bn),
            numbers: KindOverlap::of(au, bu),
        }
    }

    /// The same overlaps seen from `b`'s side.
    fn swapped(self) -> Self {
        let swap = |k: KindOverlap| KindOverlap {
            a_weight: k.b_weight,
            b_weight: k.a_weight,
            ..k
        };
        Overlaps {
            words: swap(self.words),
            names: swap(self.names),
            numbers: swap(self.numbers),
        }
    }

    /// Weighted (total, shared) of `a`'s content: every kind of its terms.
    fn content_of_a(&self, a: &Weighted<'_>) -> (f32, f32) {
        let [wt, nt, ut] = a.totals;
        let shared = self.words.a_weight + self.names.a_weight + self.numbers.a_weight;
        (wt + nt + ut, shared)
    }
}

/// `shared` of `total`, 0 when there is nothing.
fn share(shared: f32, total: f32) -> f32 {
    if total > 0.0 { shared / total } else { 0.0 }
}

fn dice(a: &[u64], b: &[u64]) -> f32 {
    dice_of_count(count_shared(a, b), a, b)
}

/// Dice of two lists that share `shared` values.
fn dice_of_count(shared: usize, a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * shared as f32 / (a.len() + b.len()) as f32
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
pub(crate) fn weighted_pair_features(wa: &Weighted<'_>, wb: &Weighted<'_>) -> [f32; PAIR_FEATURES] {
    let mut features = features_but_bigrams(wa, wb, &Overlaps::of(wa, wb));
    features[BIGRAM_DICE] = dice(wa.features.bigrams(), wb.features.bigrams());
    features
}

/// [`weighted_pair_features`] given what the two share (which support
/// needs too), with the bigram Dice left at 0: the model weighs it
/// negatively, so the score without it bounds the score from above.
fn features_but_bigrams(
    wa: &Weighted<'_>,
    wb: &Weighted<'_>,
    overlaps: &Overlaps,
) -> [f32; PAIR_FEATURES] {
    let (a, b) = (wa.features, wb.features);
    let (a_total, a_shared) = overlaps.content_of_a(wa);
    let (b_total, b_shared) = overlaps.swapped().content_of_a(wb);
    let weighted_dice = share(a_shared + b_shared, a_total + b_total);
    let lesser_coverage = share(a_shared, a_total).min(share(b_shared, b_total));
    let both_numbers = !a.numbers().is_empty() && !b.numbers().is_empty();
    let shared_numbers = overlaps.numbers.count;
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
        0.0,
        dice(a.surface(), b.surface()),
        dice_of_count(overlaps.names.count, a.names(), b.names()),
        f32::from(u8::from(numbers_disagree)),
        f32::from(u8::from(numbers_agree)),
        share(short, long),
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
pub(crate) fn paraphrase(a: &SentenceFeatures, b: &SentenceFeatures, weights: &TermWeights) -> f32 {
    logistic(&pair_features(a, b, weights), &PARAPHRASE_WEIGHTS)
}

/// Can either sentence support the other at all? Support needs two shared
/// distinctive terms (function words alone make short sentences look alike:
/// "No arrests have been made" / "No suspects have been identified"). The
/// test is symmetric; the candidate index proposes exactly the pairs that
/// pass it (with its default limits).
pub(crate) fn may_support(a: &Weighted<'_>, b: &Weighted<'_>) -> bool {
    // A term distinctive in one sentence is distinctive in the other (it is
    // the corpus that decides), so comparing the distinctive lists suffices.
    count_shared(&a.distinctive, &b.distinctive) >= SUPPORT_MIN_SHARED_TERMS
}

/// Does `supporter` state the claim of `claim`, given their weights?
/// `paraphrase_score` is [`paraphrase`] of the two (computed once by the
/// caller). The test oracle of [`score_related_pair`]'s support.
#[cfg(test)]
pub(crate) fn weighted_supports(
    claim: &Weighted<'_>,
    supporter: &Weighted<'_>,
    paraphrase_score: f32,
    model: &SupportModel,
) -> Option<Supported> {
    if !may_support(claim, supporter) {
        return None;
    }
    let overlaps = Overlaps::of(claim, supporter);
    let surface = dice(claim.features.surface(), supporter.features.surface());
    let features = support_features(
        claim,
        &overlaps,
        supporter,
        &overlaps.swapped(),
        surface,
        paraphrase_score,
        0.0,
    );
    supported(
        features,
        states_facts_of(claim, supporter, &overlaps),
        model,
    )
}

/// A pair scored both ways: the paraphrase model's features and score, and
/// the support each side gives the other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ScoredPair {
    /// The pair features (see [`PAIR_FEATURE_NAMES`]).
    pub features: [f32; PAIR_FEATURES],
    /// [`paraphrase`] of the two.
    pub score: f32,
    /// How `b` supports `a`'s claim, if it does.
    pub b_supports_a: Option<Supported>,
    /// How `a` supports `b`'s claim, if it does.
    pub a_supports_b: Option<Supported>,
}

/// Score a pair both ways, or `None` when neither supports the other: what
/// [`weighted_pair_features`], [`logistic`] and [`weighted_supports`] each
/// way give, with the overlaps they share computed once, and the costliest
/// merge skipped when it cannot change the answer (this is the aligner's
/// inner loop).
#[cfg(test)]
pub(crate) fn score_pair(
    a: &Weighted<'_>,
    b: &Weighted<'_>,
    model: &SupportModel,
) -> Option<ScoredPair> {
    if !may_support(a, b) {
        return None;
    }
    score_related_pair(a, b, 0.0, model)
}

/// The score of a candidate pair (what `score_pair` gives for a pair that
/// passes [`may_support`], as every pair the lexical index proposes does;
/// pairs the embeddings propose may share fewer terms), with the cosine of
/// their embeddings (0 without the model).
pub(crate) fn score_related_pair(
    a: &Weighted<'_>,
    b: &Weighted<'_>,
    cosine: f32,
    model: &SupportModel,
) -> Option<ScoredPair> {
    let overlaps = Overlaps::of(a, b);
    let swapped = overlaps.swapped();
    let mut features = features_but_bigrams(a, b, &overlaps);
    // Most pairs that get this far could not support each other either way
    // even without a single shared bigram: the last merge is spared them
    // (the decision rises with the paraphrase score, which the score without
    // bigrams bounds; the margin keeps rounding from ever deciding).
    let highest_score = logistic(&features, &PARAPHRASE_WEIGHTS);
    let surface = features[SURFACE_DICE];
    let bound_ab = support_features(a, &overlaps, b, &swapped, surface, highest_score, cosine);
    let bound_ba = support_features(b, &swapped, a, &overlaps, surface, highest_score, cosine);
    let b_states_facts_of_a = states_facts_of(a, b, &overlaps);
    let a_states_facts_of_b = states_facts_of(b, a, &swapped);
    let below = |bound: &SupportFeatures| model.log_odds(bound) < model.min_log_odds - BOUND_MARGIN;
    if model.rises_with_paraphrase()
        && below(&bound_ab)
        && below(&bound_ba)
        && !b_states_facts_of_a
        && !a_states_facts_of_b
    {
        return None;
    }
    features[BIGRAM_DICE] = dice(a.features.bigrams(), b.features.bigrams());
    let score = logistic(&features, &PARAPHRASE_WEIGHTS);
    let pair = ScoredPair {
        features,
        score,
        b_supports_a: supported(
            SupportFeatures {
                paraphrase: score,
                ..bound_ab
            },
            b_states_facts_of_a,
            model,
        ),
        a_supports_b: supported(
            SupportFeatures {
                paraphrase: score,
                ..bound_ba
            },
            a_states_facts_of_b,
            model,
        ),
    };
    (pair.b_supports_a.is_some() || pair.a_supports_b.is_some()).then_some(pair)
}

/// What the support model reads of a pair that passes [`may_support`], each
/// way (`b` for `a`'s claim, then `a` for `b`'s), whatever it would decide:
/// the data a refit of the model learns from.
pub(crate) fn support_features_both_ways(
    a: &Weighted<'_>,
    b: &Weighted<'_>,
    cosine: f32,
) -> (SupportFeatures, SupportFeatures) {
    let overlaps = Overlaps::of(a, b);
    let swapped = overlaps.swapped();
    let mut features = features_but_bigrams(a, b, &overlaps);
    features[BIGRAM_DICE] = dice(a.features.bigrams(), b.features.bigrams());
    let score = logistic(&features, &PARAPHRASE_WEIGHTS);
    let surface = features[SURFACE_DICE];
    (
        support_features(a, &overlaps, b, &swapped, surface, score, cosine),
        support_features(b, &swapped, a, &overlaps, surface, score, cosine),
    )
}

/// Below [`SupportModel::min_log_odds`] by more than this, an upper bound of the
/// decision rules support out whatever the rounding.
const BOUND_MARGIN: f32 = 1e-4;

/// What the support model reads of `supporter` stating `claim`'s claim;
/// `overlaps` seen from the claim's side, `swapped` from the supporter's.
fn support_features(
    claim: &Weighted<'_>,
    overlaps: &Overlaps,
    supporter: &Weighted<'_>,
    swapped: &Overlaps,
    surface_dice: f32,
    paraphrase: f32,
    cosine: f32,
) -> SupportFeatures {
    let (claim_total, claim_shared) = overlaps.content_of_a(claim);
    let (supporter_total, supporter_shared) = swapped.content_of_a(supporter);
    SupportFeatures {
        claim_coverage: share(claim_shared, claim_total),
        supporter_coverage: share(supporter_shared, supporter_total),
        shared_weight: claim_shared,
        surface_dice,
        paraphrase,
        cosine,
    }
}

/// The support the model finds, with its basis: paraphrase, shared facts,
/// or shared terms. A supporter that states the claim's rare names and
/// numbers and most of its content (`states_facts`) supports it in full even
/// where the model's words overlap is too thin ("continued contacts with
/// Kiril Dmitriev" / "met with … Kirill Dmitriev"): on BASIL the support it
/// and the paraphrase score gave before the model was right 95 % of the time.
fn supported(
    features: SupportFeatures,
    states_facts: bool,
    model: &SupportModel,
) -> Option<Supported> {
    let level = model
        .level(&features)
        .or_else(|| states_facts.then_some(SupportLevel::Full))?;
    let basis = if features.paraphrase >= PARAPHRASE_BASIS_MIN {
        SupportKind::Paraphrase
    } else if states_facts {
        SupportKind::SharedFacts
    } else {
        SupportKind::SharedTerms
    };
    Some(Supported {
        level,
        basis,
        log_odds: model.log_odds(&features),
    })
}

/// Of a claim's `anchor_count` rare names and numbers, how many a supporter
/// must share: two thirds, rounded to the nearest, at least one.
fn anchors_needed(anchor_count: usize) -> usize {
    (anchor_count * 2 + 1) / 3
}

/// Does `supporter` state the facts of `claim` (support by shared facts)?
fn states_facts_of(claim: &Weighted<'_>, supporter: &Weighted<'_>, overlaps: &Overlaps) -> bool {
    // The facts that anchor a claim: its rare names and its numbers. Two
    // thirds of them, at least one: "a Kremlin emissary, Kiril Dmitriev" is
    // still the Dmitriev of "Putin's special envoy Kirill Dmitriev".
    let anchor_count = claim.rare_names.len() + claim.features.numbers().len();
    if anchor_count == 0 {
        return false;
    }
    let shared_anchors =
        count_shared(&claim.rare_names, supporter.features.names()) + overlaps.numbers.count;
    if shared_anchors < anchors_needed(anchor_count) {
        return false;
    }
    // A name alone is a topic, not a claim: "Judge sentences Orozco to death"
    // is not supported by "Orozco was charged with murder".
    if overlaps.words.count == 0 {
        return false;
    }
    let (total, shared) = overlaps.content_of_a(claim);
    total > 0.0 && shared / total >= SHARED_FACTS_MIN_COVERAGE
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
        let (mut supported, mut fuller_one_way) = (0, 0);
        for a in &weighted {
            for b in &weighted {
                let features = weighted_pair_features(a, b);
                let score = logistic(&features, &PARAPHRASE_WEIGHTS);
                let alone = Some(ScoredPair {
                    features,
                    score,
                    b_supports_a: weighted_supports(a, b, score, &SupportModel::LEXICAL),
                    a_supports_b: weighted_supports(b, a, score, &SupportModel::LEXICAL),
                })
                .filter(|p| p.b_supports_a.is_some() || p.a_supports_b.is_some());
                assert_eq!(score_pair(a, b, &SupportModel::LEXICAL), alone);
                supported += usize::from(alone.is_some_and(|p| p.b_supports_a.is_some()));
                let level = |s: Option<Supported>| s.map(|s| s.level);
                fuller_one_way += usize::from(alone.is_some_and(|p| {
                    level(p.b_supports_a) == Some(SupportLevel::Full)
                        && level(p.a_supports_b) != Some(SupportLevel::Full)
                }));
            }
        }
        // The two drone sentences, the Miami pairs, each sentence itself.
        assert!(supported >= 8, "{supported}");
        // The long Miami sentence carries all of the short one, not the reverse.
        assert!(fuller_one_way >= 1, "{fuller_one_way}");
    }

    #[test]
    fn overlaps_agree_with_a_term_by_term_sum() {
        let sentences: Vec<SentenceFeatures> = [
            "Russia fired 82 drones at Kyiv and Odesa overnight, the air force said.",
            "The air force said Russia launched 82 drones and 3 missiles at Kyiv.",
            "Dmitriev met Witkoff and Kushner in Miami on Saturday.",
            "Witkoff, Kushner and Dmitriev held talks in Miami, officials said.",
        ]
        .iter()
        .map(|text| f(text))
        .collect();
        let weights = TermWeights::from_corpus(&sentences);
        let weighted: Vec<Weighted<'_>> = sentences.iter().map(|s| weights.weigh(s)).collect();
        // Each of a's terms in turn, its weight added when b has the term.
        let by_term = |(terms, weights): (&[u64], &[f32]), other: &[u64]| {
            let mut shared = (0, 0.0f32);
            for (term, weight) in terms.iter().zip(weights) {
                if other.contains(term) {
                    shared = (shared.0 + 1, shared.1 + weight);
                }
            }
            shared
        };
        for a in &weighted {
            for b in &weighted {
                let overlaps = Overlaps::of(a, b);
                let kinds = [overlaps.words, overlaps.names, overlaps.numbers];
                for ((kind, a_kind), b_kind) in kinds.iter().zip(a.kinds()).zip(b.kinds()) {
                    assert_eq!((kind.count, kind.a_weight), by_term(a_kind, b_kind.0));
                    assert_eq!((kind.count, kind.b_weight), by_term(b_kind, a_kind.0));
                }
                assert_eq!(overlaps.swapped(), Overlaps::of(b, a));
            }
        }
        // The drone sentences share words, a name and a number.
        let drones = Overlaps::of(&weighted[0], &weighted[1]);
        assert!(drones.words.count >= 2 && drones.names.count >= 1 && drones.numbers.count == 1);
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
