//! Per-sentence features: normalised sentence → [`SentenceFeatures`].
//!
//! Each word becomes one term: a **name** (a capitalised word that is not a
//! title, month or sentence-initial function word), folded so spelling and
//! transliteration variants meet ([`fold_name`]); a **number**, exact
//! ([`number_at`]: "800,000" → 800000, "$50 billion" and "50,000,000,000" →
//! 50000000000, "4.1 million" → 4100000, "six" → 6); or a **word**:
//! lower-cased, stop words removed, stemmed (Snowball English via frostem), a
//! few news synonyms folded to one concept (met/meet/talks/contacts).
//! Terms are hashed with xxh3 (stable across runs and machines), sorted and
//! deduplicated, so comparing two sentences is a merge of sorted lists.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::names::{fold_name, is_acronym, is_capitalised};
use crate::text::numbers::number_at;
use crate::text::words::{concept_of, is_not_a_name, is_stop_word, lowercase, without_possessive};

static STEMMER: LazyLock<frostem::Stemmer> =
    LazyLock::new(|| frostem::Stemmer::new(frostem::Algorithm::English));

/// What kind of term a word became.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TermKind {
    /// A stemmed content word.
    Word,
    /// A folded proper name.
    Name,
    /// A number.
    Number,
}

/// Features of one sentence: sorted, deduplicated term hashes by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceFeatures {
    words: Vec<u64>,
    names: Vec<u64>,
    numbers: Vec<u64>,
    bigrams: Vec<u64>,
    surface: Vec<u64>,
    word_count: usize,
}

impl SentenceFeatures {
    /// Compute the features of a (normalised) sentence.
    pub fn new(text: &str) -> Self {
        let mut features = SentenceFeatures::default();
        let words: Vec<&str> = text.unicode_words().collect();
        let mut sequence: Vec<u64> = Vec::with_capacity(words.len());
        features.words.reserve(words.len());
        features.word_count = words.len();
        // Each word lowered once: the surface hash, the capitals test and
        // the term all need it.
        let lower: Vec<Cow<'_, str>> = words.iter().map(|w| lowercase(w)).collect();
        let sentence_case = capitals_of(&words, &lower);
        features.surface = lower
            .iter()
            .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
            .collect();
        for_each_term(&words, &lower, sentence_case, |kind, hash, _| {
            match kind {
                TermKind::Word => features.words.push(hash),
                TermKind::Name => features.names.push(hash),
                TermKind::Number => features.numbers.push(hash),
            }
            sequence.push(hash);
        });
        features.bigrams = sequence
            .windows(2)
            .map(|pair| pair[0].rotate_left(17) ^ pair[1])
            .collect();
        for list in [
            &mut features.words,
            &mut features.names,
            &mut features.numbers,
            &mut features.bigrams,
            &mut features.surface,
        ] {
            list.sort_unstable();
            list.dedup();
        }
        features
    }

    /// Content-word terms (not names, not numbers).
    pub(crate) fn words(&self) -> &[u64] {
        &self.words
    }

    /// Folded name terms.
    pub(crate) fn names(&self) -> &[u64] {
        &self.names
    }

    /// Number terms.
    pub(crate) fn numbers(&self) -> &[u64] {
        &self.numbers
    }

    /// Hashes of adjacent term pairs.
    pub(crate) fn bigrams(&self) -> &[u64] {
        &self.bigrams
    }

    /// Every word as written, lower-cased, stop words included (hashed, sorted, unique).
    pub(crate) fn surface(&self) -> &[u64] {
        &self.surface
    }

    /// Number of words in the sentence.
    pub(crate) fn word_count(&self) -> usize {
        self.word_count
    }

    /// Unigram terms of every kind (what document frequencies are counted over).
    pub(crate) fn terms(&self) -> impl Iterator<Item = u64> + '_ {
        self.words
            .iter()
            .chain(&self.names)
            .chain(&self.numbers)
            .copied()
    }
}

/// Every term of a sentence in reading order, with the word positions it
/// comes from (a number may span "50 billion"): the one walk that both the
/// features and the details an editor is shown are made from.
fn for_each_term(
    words: &[&str],
    lower: &[Cow<'_, str>],
    sentence_case: Capitals,
    mut on: impl FnMut(TermKind, u64, std::ops::Range<usize>),
) {
    let mut index = 0;
    while index < words.len() {
        let word = words[index];
        if let Some((value, used)) = number_at(words, index) {
            on(
                TermKind::Number,
                hash_term(TermKind::Number, &value.to_string()),
                index..index + used,
            );
            index += used;
            continue;
        }
        if word.eq_ignore_ascii_case("united")
            && words
                .get(index + 1)
                .is_some_and(|next| next.eq_ignore_ascii_case("states"))
        {
            // "United States" is the same concept as "U.S." and "US".
            on(
                TermKind::Word,
                hash_term(TermKind::Word, "usa"),
                index..index + 2,
            );
            index += 2;
            continue;
        }
        // A capitalised first word is a name only when a name follows
        // ("Kirill Dmitriev, head of …"), not in "Separately, U.S. …".
        let capitals = if sentence_case != Capitals::Meaningful {
            sentence_case
        } else if index == 0
            && !words
                .get(1)
                .is_some_and(|next| is_capitalised(next) && !is_acronym(next))
        {
            Capitals::AcronymsOnly
        } else {
            Capitals::Meaningful
        };
        let word_lower = &lower[index];
        let term = classify_word(word, word_lower, capitals);
        index += 1;
        if let Some((kind, hash)) = term {
            on(kind, hash, index - 1..index);
        }
    }
}

/// A claim's terms in reading order, split once: a claim backed in part by
/// many supporters is checked against each ([`ClaimTerms::missing_in`]).
#[derive(Debug, Clone)]
pub struct ClaimTerms<'a> {
    words: Vec<&'a str>,
    terms: Vec<(TermKind, u64, std::ops::Range<usize>)>,
}

impl<'a> ClaimTerms<'a> {
    /// Split `claim` (normalised text) into its terms.
    pub fn new(claim: &'a str) -> Self {
        let words: Vec<&str> = claim.unicode_words().collect();
        let lower: Vec<Cow<'_, str>> = words.iter().map(|w| lowercase(w)).collect();
        let sentence_case = capitals_of(&words, &lower);
        let mut terms = Vec::new();
        for_each_term(&words, &lower, sentence_case, |kind, hash, at| {
            terms.push((kind, hash, at));
        });
        ClaimTerms { words, terms }
    }

    /// The details of the claim that a supporter (`theirs`, its features)
    /// does not state, as written in the claim and in reading order: each run
    /// of terms in a row that the supporter lacks ("European Union", "$50
    /// billion", "insurance scheme"), when it holds a name or a number or at
    /// least [`MIN_DETAIL_WORDS`] content words. (A lone content word is left
    /// out: most sentences differ in many of those.)
    pub fn missing_in(&self, theirs: &SentenceFeatures) -> Vec<String> {
        let has = |kind: TermKind, hash: u64| {
            let list = match kind {
                TermKind::Word => &theirs.words,
                TermKind::Name => &theirs.names,
                TermKind::Number => &theirs.numbers,
            };
            list.binary_search(&hash).is_ok()
        };
        let mut details: Vec<String> = Vec::new();
        let mut run = DetailRun::default();
        for (kind, hash, at) in &self.terms {
            let missing = !has(*kind, *hash);
            let gap = run
                .span
                .as_ref()
                .is_some_and(|span| span.end + MAX_DETAIL_GAP < at.start);
            if !missing || gap {
                run.finish(&self.words, &mut details);
            }
            if missing {
                run.add(*kind, at.clone());
            }
        }
        run.finish(&self.words, &mut details);
        details
    }
}

/// Terms in a row that a supporter lacks.
#[derive(Default)]
struct DetailRun {
    /// The claim's words the run covers.
    span: Option<std::ops::Range<usize>>,
    content_words: usize,
    has_name_or_number: bool,
}

impl DetailRun {
    fn add(&mut self, kind: TermKind, at: std::ops::Range<usize>) {
        let start = self.span.as_ref().map_or(at.start, |span| span.start);
        self.span = Some(start..at.end);
        match kind {
            TermKind::Word => self.content_words += 1,
            TermKind::Name | TermKind::Number => self.has_name_or_number = true,
        }
    }

    /// Add the run to `details` if it makes one, and start afresh.
    fn finish(&mut self, words: &[&str], details: &mut Vec<String>) {
        if let Some(span) = self.span.take()
            && (self.has_name_or_number || self.content_words >= MIN_DETAIL_WORDS)
        {
            let detail = written(words, span);
            if !details.contains(&detail) {
                details.push(detail);
            }
        }
        *self = DetailRun::default();
    }
}

/// Content words in a row that make a detail of their own.
const MIN_DETAIL_WORDS: usize = 2;

/// Stop words a run of missing content words may step over ("insurance
/// scheme for investors").
const MAX_DETAIL_GAP: usize = 1;

/// Words `at` of a sentence, joined as written.
fn written(words: &[&str], at: std::ops::Range<usize>) -> String {
    words[at].join(" ")
}

/// Past this many distinct words a thread's word cache starts afresh, so an
/// archive's long tail of words cannot grow it without bound.
const WORD_CACHE_WORDS: usize = 1 << 20;

thread_local! {
    /// What each lower-case word (without its possessive) this thread has
    /// seen is as a term: stemming is the costly part of a word's features,
    /// and a corpus uses the same words over and over; one lookup here also
    /// replaces the lookups in the word lists. A cache of a pure function:
    /// the same answers with it or without.
    static LEXEMES: RefCell<FxHashMap<Box<str>, Lexeme>> = RefCell::default();
}

/// A lower-case word as a term, names aside.
#[derive(Debug, Clone, Copy)]
enum Lexeme {
    /// A stop word or reporting verb: no term.
    Skip,
    /// A word-kind term; `may_be_name` when capitalised it would be a name
    /// (a concept such as "met" or a title such as "president" never is).
    Term { hash: u64, may_be_name: bool },
}

/// [`Lexeme`] of a lower-case word without its possessive, from the cache.
fn lexeme(lower: &str) -> Lexeme {
    LEXEMES.with_borrow_mut(|cache| {
        if let Some(&lexeme) = cache.get(lower) {
            return lexeme;
        }
        if cache.len() >= WORD_CACHE_WORDS {
            cache.clear();
        }
        let lexeme = if let Some(concept) = concept_of(lower) {
            Lexeme::Term {
                hash: hash_term(TermKind::Word, concept),
                may_be_name: false,
            }
        } else if is_stop_word(lower) {
            Lexeme::Skip
        } else {
            Lexeme::Term {
                hash: hash_term(TermKind::Word, &STEMMER.stem(lower)),
                may_be_name: !is_not_a_name(lower),
            }
        };
        cache.insert(lower.into(), lexeme);
        lexeme
    })
}

fn hash_term(kind: TermKind, key: &str) -> u64 {
    // Seeds far apart in every bit: for inputs of up to three bytes xxh3
    // adds the seed to its secret and XORs in the input, so seeds 1 and 2
    // made the word "boy" and the name "Box" one term (the inputs differ in
    // their lowest bit, as do 1 + k and 2 + k for an odd k).
    let seed = match kind {
        TermKind::Word => 0x9E37_79B9_7F4A_7C15,
        TermKind::Name => 0xC2B2_AE3D_27D4_EB4F,
        TermKind::Number => 0x1656_67B1_9E37_79F9,
    };
    xxhash_rust::xxh3::xxh3_64_with_seed(key.as_bytes(), seed)
}

/// What capital letters say about names in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capitals {
    /// Prose: a capitalised word is a name.
    Meaningful,
    /// Sentence start or a Title Case headline: only acronyms are names.
    AcronymsOnly,
    /// ALL CAPS: capitals say nothing.
    Meaningless,
}

/// Headlines capitalise every word ("Sheriff's Deputy Shot and Killed") and
/// some shout; in neither do capitals mark names.
/// `lower` is `words` in lower case.
fn capitals_of(words: &[&str], lower: &[Cow<'_, str>]) -> Capitals {
    let content: Vec<&str> = words
        .iter()
        .zip(lower)
        .filter(|(w, _)| w.chars().next().is_some_and(char::is_alphabetic))
        .filter(|(_, lower)| !is_stop_word(lower))
        .map(|(w, _)| *w)
        .collect();
    if content.len() < 3 {
        return Capitals::Meaningful;
    }
    if content.iter().all(|w| is_acronym(w)) {
        return Capitals::Meaningless;
    }
    let capitalised = content.iter().filter(|w| is_capitalised(w)).count();
    if capitalised * 5 >= content.len() * 4 {
        Capitals::AcronymsOnly
    } else {
        Capitals::Meaningful
    }
}

/// Classify one word (`lower` is it in lower case) and hash its term:
/// `None` for stop words and punctuation.
fn classify_word(word: &str, lower: &str, capitals: Capitals) -> Option<(TermKind, u64)> {
    let lower = without_possessive(lower);
    if lower.is_empty() || !lower.chars().any(char::is_alphanumeric) {
        return None;
    }
    match lexeme(lower) {
        Lexeme::Skip => None,
        Lexeme::Term { may_be_name, .. } if may_be_name && is_name_like(word, capitals) => {
            Some((TermKind::Name, hash_term(TermKind::Name, &fold_name(word))))
        }
        Lexeme::Term { hash, .. } => Some((TermKind::Word, hash)),
    }
}

fn is_name_like(word: &str, capitals: Capitals) -> bool {
    match capitals {
        Capitals::Meaningful => is_capitalised(word),
        // An acronym (NATO, MIGA) is a name even at sentence start.
        Capitals::AcronymsOnly => is_acronym(word),
        Capitals::Meaningless => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_missing_are_the_runs_the_supporter_lacks() {
        let claim = "The fund of $50 billion will be insured by the Multilateral Investment \
                     Guarantee Agency (MIGA) to lower investor exposure.";
        let supporter = "A reconstruction fund will lower investor exposure.";
        let details = ClaimTerms::new(claim).missing_in(&SentenceFeatures::new(supporter));
        assert!(details.contains(&"50 billion".to_owned()), "{details:?}");
        assert!(details.iter().any(|d| d.contains("MIGA")), "{details:?}");
        assert!(
            !details.iter().any(|d| d.contains("exposure")),
            "{details:?}"
        );
        assert!(
            ClaimTerms::new(supporter)
                .missing_in(&SentenceFeatures::new(supporter))
                .is_empty()
        );
    }

    #[test]
    fn kinds_of_term_never_share_a_hash() {
        // "Box" as a name and "boy" as a word once hashed alike.
        let features = SentenceFeatures::new(
            "SNOWVILLE, Box Elder County — A 4-year-old boy was taken to Primary \
             Children's Hospital after his brother shot him, police said.",
        );
        assert!(features.names().len() >= 3 && features.words().len() >= 5);
        let mut all: Vec<u64> = features.terms().collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count);
        // Short words and names a letter apart, in every pair of kinds.
        let short = [
            "box", "boy", "bo", "bp", "a", "b", "ab", "ac", "1", "2", "10", "11",
        ];
        let mut hashes: Vec<u64> = short
            .iter()
            .flat_map(|key| {
                [TermKind::Word, TermKind::Name, TermKind::Number].map(|kind| hash_term(kind, key))
            })
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), short.len() * 3);
    }

    #[test]
    fn numbers_are_normalised() {
        let a = SentenceFeatures::new("Ukraine keeps 800,000 troops and $50 billion.");
        let b = SentenceFeatures::new("Ukraine keeps 800000 troops and 50000000000 dollars.");
        assert_eq!(a.numbers(), b.numbers());
        assert_eq!(a.numbers().len(), 2);
        let six = SentenceFeatures::new("Drones wounded six people.");
        let digits = SentenceFeatures::new("Drones wounded 6 people.");
        assert_eq!(six.numbers(), digits.numbers());
    }

    #[test]
    fn a_figure_written_two_ways_is_one_term() {
        let scaled = SentenceFeatures::new("Russia has produced 4.1 million drones.");
        let digits = SentenceFeatures::new("Russia has produced 4,100,000 drones.");
        assert_eq!(scaled.numbers(), digits.numbers());
        assert_eq!(scaled.numbers().len(), 1);
        let money = SentenceFeatures::new("The fund holds $105.41 billion.");
        let spelled = SentenceFeatures::new("The fund holds $105,410,000,000.");
        assert_eq!(money.numbers(), spelled.numbers());
        let half = SentenceFeatures::new("Prices rose 2.5 percent.");
        let other = SentenceFeatures::new("Prices rose 2.50 percent.");
        assert_eq!(half.numbers(), other.numbers());
        assert_ne!(
            half.numbers(),
            SentenceFeatures::new("Prices rose 25 percent.").numbers()
        );
    }

    #[test]
    fn names_words_and_stop_words() {
        let f = SentenceFeatures::new("The talks featured Jared Kushner and the President.");
        assert_eq!(f.names().len(), 2, "Jared, Kushner");
        // "The", "and", "the" dropped; "talks" → meet, "featured" → featur; "President" is a title.
        assert_eq!(f.words().len(), 3);
    }
}
