//! Per-sentence features: normalised sentence → [`SentenceFeatures`].
//!
//! Each word becomes one term: a **name** (a capitalised word that is not a
//! title, month or sentence-initial function word), folded so spelling and
//! transliteration variants meet ([`fold_name`]: Kiril/Kirill,
//! Zelensky/Zelenskyy, Umérov/Umerov, Gnátov/Hnatov, Dmitriev/Dmitriyev); a
//! **number** ("800,000" → 800000, "$50 billion" → 5e10, "six" → 6); or a
//! **word**: lower-cased, stop words removed, stemmed (Snowball English via
//! frostem), a few news synonyms folded to one concept (met/meet/talks/contacts).
//! Terms are hashed with xxh3 (stable across runs and machines), sorted and
//! deduplicated, so comparing two sentences is a merge of sorted lists.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

static STEMMER: LazyLock<frostem::Stemmer> =
    LazyLock::new(|| frostem::Stemmer::new(frostem::Algorithm::English));

/// Function words and reporting verbs ("said", "told"): they carry no
/// claim (sorted, for binary search).
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "tell",
    "tells",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
];

/// Capitalised words that are not names: titles, months, days, sentence starters (sorted).
const NOT_NAMES: &[&str] = &[
    "a",
    "according",
    "additionally",
    "advisor",
    "after",
    "aide",
    "also",
    "although",
    "an",
    "and",
    "april",
    "as",
    "at",
    "august",
    "besides",
    "breaking",
    "but",
    "by",
    "chairman",
    "chief",
    "commander",
    "december",
    "deputy",
    "despite",
    "director",
    "during",
    "earlier",
    "envoy",
    "february",
    "for",
    "friday",
    "from",
    "general",
    "governor",
    "he",
    "head",
    "however",
    "if",
    "in",
    "it",
    "its",
    "january",
    "july",
    "june",
    "key",
    "march",
    "may",
    "meanwhile",
    "minister",
    "monday",
    "mr",
    "mrs",
    "ms",
    "november",
    "october",
    "on",
    "one",
    "president",
    "prime",
    "saturday",
    "secretary",
    "senator",
    "separately",
    "september",
    "she",
    "since",
    "so",
    "special",
    "spokesman",
    "spokeswoman",
    "sunday",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thursday",
    "to",
    "tuesday",
    "two",
    "we",
    "wednesday",
    "when",
    "while",
    "with",
    "yet",
];

/// Words folded to one concept before stemming, so paraphrases of the same
/// act meet: `(word, concept)`, sorted by word.
const CONCEPTS: &[(&str, &str)] = &[
    ("america", "usa"),
    ("american", "usa"),
    ("contact", "meet"),
    ("contacts", "meet"),
    ("discussion", "meet"),
    ("discussions", "meet"),
    ("held", "meet"),
    ("killed", "kill"),
    ("launched", "fire"),
    ("launching", "fire"),
    ("meeting", "meet"),
    ("meetings", "meet"),
    ("met", "meet"),
    ("negotiations", "meet"),
    ("talks", "meet"),
    ("u.s", "usa"),
    ("us", "usa"),
    ("usa", "usa"),
];

/// Number words up to twenty (sorted by word).
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("eight", 8.0),
    ("eighteen", 18.0),
    ("eleven", 11.0),
    ("fifteen", 15.0),
    ("five", 5.0),
    ("four", 4.0),
    ("fourteen", 14.0),
    ("nine", 9.0),
    ("nineteen", 19.0),
    ("seven", 7.0),
    ("seventeen", 17.0),
    ("six", 6.0),
    ("sixteen", 16.0),
    ("ten", 10.0),
    ("thirteen", 13.0),
    ("three", 3.0),
    ("twelve", 12.0),
    ("twenty", 20.0),
    ("two", 2.0),
];

const SCALES: &[(&str, f64)] = &[
    ("bn", 1e9),
    ("billion", 1e9),
    ("m", 1e6),
    ("million", 1e6),
    ("thousand", 1e3),
    ("trillion", 1e12),
];

/// What kind of term a word became.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TermKind {
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
        let mut index = 0;
        while index < words.len() {
            let word = words[index];
            if let Some((value, used)) = number_at(&words, index) {
                let hash = hash_term(TermKind::Number, &format_number(value));
                features.numbers.push(hash);
                sequence.push(hash);
                index += used;
                continue;
            }
            if word.eq_ignore_ascii_case("united")
                && words
                    .get(index + 1)
                    .is_some_and(|next| next.eq_ignore_ascii_case("states"))
            {
                // "United States" is the same concept as "U.S." and "US".
                let hash = hash_term(TermKind::Word, "usa");
                features.words.push(hash);
                sequence.push(hash);
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
            let Some((kind, hash)) = term else {
                continue;
            };
            match kind {
                TermKind::Word => features.words.push(hash),
                TermKind::Name => features.names.push(hash),
                TermKind::Number => features.numbers.push(hash),
            }
            sequence.push(hash);
        }
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
    pub fn words(&self) -> &[u64] {
        &self.words
    }

    /// Folded name terms.
    pub fn names(&self) -> &[u64] {
        &self.names
    }

    /// Number terms.
    pub fn numbers(&self) -> &[u64] {
        &self.numbers
    }

    /// Hashes of adjacent term pairs.
    pub fn bigrams(&self) -> &[u64] {
        &self.bigrams
    }

    /// Every word as written, lower-cased, stop words included (hashed, sorted, unique).
    pub fn surface(&self) -> &[u64] {
        &self.surface
    }

    /// Number of words in the sentence.
    pub fn word_count(&self) -> usize {
        self.word_count
    }

    /// Unigram terms of every kind (what document frequencies are counted over).
    pub fn terms(&self) -> impl Iterator<Item = u64> + '_ {
        self.words
            .iter()
            .chain(&self.names)
            .chain(&self.numbers)
            .copied()
    }
}

/// `word` without its possessive ending: "Zelensky's" → "Zelensky",
/// "Witkoffs'" → "Witkoffs". The same as `trim_end_matches("'s")` then
/// `trim_end_matches('\'')`, without building a substring searcher for each
/// of the millions of words that pass through here.
pub(crate) fn without_possessive(word: &str) -> &str {
    let mut rest = word;
    while let Some(shorter) = rest.strip_suffix("'s") {
        rest = shorter;
    }
    rest.trim_end_matches('\'')
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
        let lexeme = if let Some(concept) = CONCEPT_MAP.get(lower) {
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

/// The word lists as hash tables: every word of every sentence is looked up
/// in them, and a binary search compares a dozen strings for each.
static STOP_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());
static NOT_NAME_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());
static CONCEPT_MAP: LazyLock<FxHashMap<&'static str, &'static str>> =
    LazyLock::new(|| CONCEPTS.iter().copied().collect());
static NUMBER_WORD_MAP: LazyLock<FxHashMap<&'static str, f64>> =
    LazyLock::new(|| NUMBER_WORDS.iter().copied().collect());

/// Is this lower-case word capitalised only as a title, month, day or sentence starter?
pub fn is_not_a_name(lower: &str) -> bool {
    NOT_NAME_SET.contains(lower)
}

/// Is this lower-case word a function word or reporting verb?
pub fn is_stop_word(lower: &str) -> bool {
    STOP_SET.contains(lower)
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

/// `word` in lower case, borrowed when it already is (most words are).
pub(crate) fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Does the word start with a capital letter?
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
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

/// All capitals, two letters or more.
fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// One named spelling step of [`fold_name`]: lower-case text in, folded text out.
pub type FoldStep = (&'static str, fn(&str) -> String);

/// The steps of [`fold_name`] in order, named as `variants[].rule` reports them.
pub const NAME_FOLDS: [FoldStep; 4] = [
    ("accents", strip_accents),
    ("transliteration iy/yy → i/y", |w| {
        transliterate_iy(w).into_owned()
    }),
    ("Ukrainian h → g", ukrainian_h_to_g),
    ("doubled letters", collapse_doubled_letters),
];

/// iy → i, then yy → y ("Zelenskyy", "Dmitriyev"); borrowed when the word
/// has no y.
fn transliterate_iy(word: &str) -> Cow<'_, str> {
    if word.contains('y') {
        Cow::Owned(word.replace("iy", "i").replace("yy", "y"))
    } else {
        Cow::Borrowed(word)
    }
}

fn strip_accents(word: &str) -> String {
    // ASCII has no accents and decomposes to itself.
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Ukrainian `h` (not in kh/ch/sh/zh) → `g`: Hnatov = Gnatov.
fn ukrainian_h_to_g(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut previous = None;
    for c in word.chars() {
        out.push(
            if c == 'h' && !matches!(previous, Some('k' | 'c' | 's' | 'z')) {
                'g'
            } else {
                c
            },
        );
        previous = Some(c);
    }
    out
}

fn collapse_doubled_letters(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Fold a name so spelling and transliteration variants compare equal:
/// lower case, possessive dropped, then every step of [`NAME_FOLDS`].
///
/// The steps are fused here (one pass, one buffer; names are folded millions
/// of times on a large corpus); `fold_name_step_by_step` in the tests checks
/// that this is the same as running them one after the other.
pub fn fold_name(word: &str) -> String {
    let lower = strip_accents(word);
    let trimmed = without_possessive(&lower);
    // The first step strips accents again: nothing left to strip in ASCII.
    let stripped;
    let mut text = trimmed;
    if !text.is_ascii() {
        stripped = strip_accents(text);
        text = &stripped;
    }
    let text = transliterate_iy(text);
    // Ukrainian h → g, then doubled letters collapsed, in one pass: the h
    // rule looks at the letter before as written, the collapse at the
    // letter last kept.
    let mut folded = String::with_capacity(text.len());
    let mut previous = None;
    for c in text.chars() {
        let mapped = if c == 'h' && !matches!(previous, Some('k' | 'c' | 's' | 'z')) {
            'g'
        } else {
            c
        };
        previous = Some(c);
        if !folded.ends_with(mapped) {
            folded.push(mapped);
        }
    }
    folded
}

/// A number starting at `words[index]`: its value and how many words it used
/// ("50 billion" is one number).
pub(crate) fn number_at(words: &[&str], index: usize) -> Option<(f64, usize)> {
    let word = words[index];
    let value = if let Some(value) = number_word(word) {
        value
    } else if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        word.replace(',', "").parse::<f64>().ok()?
    } else {
        return None;
    };
    // Scales are ASCII, and the text is NFKC (no Kelvin sign lowering to
    // "k"), so comparing ASCII case-insensitively is comparing in lower case.
    let scale = words.get(index + 1).and_then(|next| {
        SCALES
            .iter()
            .find(|(s, _)| next.eq_ignore_ascii_case(s))
            .map(|(_, f)| *f)
    });
    Some(match scale {
        Some(factor) => (value * factor, 2),
        None => (value, 1),
    })
}

/// The value of a number word ("Twelve"), without allocating: number words
/// are short ASCII, so a word that is not cannot be one.
fn number_word(word: &str) -> Option<f64> {
    // Every word of every sentence is asked: most are ruled out by length
    // and first letter ("two" to "seventeen"; e, f, n, s, t) before any lookup.
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    if !(3..=9).contains(&word.len()) || !matches!(first, b'e' | b'f' | b'n' | b's' | b't') {
        return None;
    }
    let mut buffer = [0u8; 16];
    let lower = buffer.get_mut(..word.len()).filter(|_| word.is_ascii())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    NUMBER_WORD_MAP.get(lower).copied()
}

fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && (0.0..1e15).contains(&value) {
        // The same digits as `format!("{value:.0}")`, without the float
        // formatting machinery (every number of every sentence comes here).
        (value as u64).to_string()
    } else if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn tables_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(NOT_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(CONCEPTS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(NUMBER_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
        for value in [
            0.0f64,
            7.0,
            63.0,
            1e3,
            5e10,
            999_999_999_999_999.0,
            1.5,
            1e15,
            2e20,
        ] {
            let written = if value.fract() == 0.0 && value < 1e15 {
                format!("{value:.0}")
            } else {
                format!("{value}")
            };
            assert_eq!(format_number(value), written);
        }
        for &(word, value) in NUMBER_WORDS {
            assert_eq!(number_word(word), Some(value), "{word}");
            assert_eq!(number_word(&word.to_uppercase()), Some(value), "{word}");
        }
    }

    /// [`fold_name`] as defined: lower case, possessive dropped, then each
    /// step of [`NAME_FOLDS`] in turn.
    fn fold_name_step_by_step(word: &str) -> String {
        let lower = strip_accents(word);
        let mut folded = lower
            .trim_end_matches("'s")
            .trim_end_matches('\'')
            .to_owned();
        for (_, step) in NAME_FOLDS {
            folded = step(&folded);
        }
        folded
    }

    #[test]
    fn possessive_endings_go_as_trimming_them_would() {
        for word in [
            "Zelensky's",
            "Witkoffs'",
            "it's's",
            "'s",
            "s",
            "James",
            "Kyiv''s'",
            "",
        ] {
            assert_eq!(
                without_possessive(word),
                word.trim_end_matches("'s").trim_end_matches('\''),
                "{word}"
            );
        }
    }

    #[test]
    fn fused_name_folding_is_the_steps_in_turn() {
        let words = [
            "Zelenskyy",
            "Zelensky's",
            "Hnatov",
            "Khmelnytskyi",
            "Shchur",
            "Kirill",
            "KIRILL",
            "Dmitriyev",
            "Zhukova",
            "Müller",
            "Ševčenko",
            "İstanbul",
            "Iyy'",
            "hhh",
            "chh",
            "'s",
            "",
            "Łukasz",
            "Ǆokić",
            "Ωhm",
            "Ärzte's",
        ];
        for word in words {
            assert_eq!(fold_name(word), fold_name_step_by_step(word), "{word}");
        }
        proptest::proptest!(|(word in "[a-zA-ZhHyYiIkcszgG'ÀÉİıšßǄΩ\u{301}]{0,12}")| {
            proptest::prop_assert_eq!(fold_name(&word), fold_name_step_by_step(&word));
        });
    }

    #[test]
    fn name_variants_fold_together() {
        for (a, b) in [
            ("Kiril", "Kirill"),
            ("Zelensky", "Zelenskyy"),
            ("Dmitriev", "Dmitriyev"),
            ("Umérov", "Umerov"),
            ("Gnátov", "Hnatov"),
            ("Trump's", "Trump"),
        ] {
            assert_eq!(fold_name(a), fold_name(b), "{a} vs {b}");
        }
        for (a, b) in [
            ("Kushner", "Kirill"),
            ("Putin", "Peskov"),
            ("Kharkiv", "Kgarkiv"),
        ] {
            assert_ne!(fold_name(a), fold_name(b), "{a} vs {b}");
        }
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
    fn names_words_and_stop_words() {
        let f = SentenceFeatures::new("The talks featured Jared Kushner and the President.");
        assert_eq!(f.names().len(), 2, "Jared, Kushner");
        // "The", "and", "the" dropped; "talks" → meet, "featured" → featur; "President" is a title.
        assert_eq!(f.words().len(), 3);
    }
}
