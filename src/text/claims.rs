//! Which segments can carry a claim (pure): a [`Segment`] → `Some(NotAClaim)`
//! with the rule that ruled it out, or `None` for a claim.
//!
//! Runs before alignment: only claims are aligned, fact-checked and counted.
//! The rules look at the segment alone, never at other sources.

use std::fmt;

use serde::Serialize;

use crate::model::{Segment, SegmentKind};

/// Why a segment is not a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "&'static str")]
pub enum NotAClaim {
    /// A heading names a section; it states nothing.
    Heading,
    /// A question asks; it does not assert.
    Question,
    /// "Stay tuned", "let us know in the comments".
    CallToReaders,
    /// A credit or copyright line left on a caption's or paragraph's line.
    Boilerplate,
    /// A short lead-in ending in `:` ("He said:").
    IntroducesQuoteOrList,
    /// Fewer words than any statement needs.
    TooShort,
    /// An image caption pasted in as text.
    Caption,
    /// A label or table header row: capitalised words, no sentence.
    Label,
    /// A piece of a sentence that states nothing alone ("By the agency to
    /// lower investor exposure."): it opens with a preposition and has no verb.
    Fragment,
}

impl NotAClaim {
    /// The reason as the reports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            NotAClaim::Heading => "heading",
            NotAClaim::Question => "question",
            NotAClaim::CallToReaders => "call to readers",
            NotAClaim::Boilerplate => "boilerplate after a caption or paragraph",
            NotAClaim::IntroducesQuoteOrList => "introduces a quote or list",
            NotAClaim::TooShort => "too short to state a claim",
            NotAClaim::Caption => "image caption",
            NotAClaim::Label => "label or table header",
            NotAClaim::Fragment => "fragment of a sentence",
        }
    }
}

impl From<NotAClaim> for &'static str {
    fn from(reason: NotAClaim) -> Self {
        reason.as_str()
    }
}

impl fmt::Display for NotAClaim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A line ending in `:` with at most this many words introduces what follows
/// ("The statement read:"); a longer one states something itself.
const MAX_LEAD_IN_WORDS: usize = 6;

/// The fewest words a claim needs: subject, verb and something said of it.
const MIN_CLAIM_WORDS: usize = 3;

/// Phrases that speak to the reader rather than report.
const CALLS_TO_READERS: [&str; 3] = [
    "stay tuned",
    "let us know in the comments",
    "what do you think",
];

/// Why a segment is not a claim, if it is not.
pub fn not_a_claim(segment: &Segment) -> Option<NotAClaim> {
    let text = segment.norm.trim();
    let lower = text.to_lowercase();
    let words = text.split_whitespace().count();
    if segment.kind == SegmentKind::Heading {
        return Some(NotAClaim::Heading);
    }
    if segment.kind == SegmentKind::Caption {
        return Some(NotAClaim::Caption);
    }
    if text.ends_with('?') {
        return Some(NotAClaim::Question);
    }
    if lower.starts_with("readers,") || CALLS_TO_READERS.iter().any(|call| lower.contains(call)) {
        return Some(NotAClaim::CallToReaders);
    }
    if is_boilerplate_sentence(&lower, text) {
        return Some(NotAClaim::Boilerplate);
    }
    if words <= MAX_LEAD_IN_WORDS && text.ends_with(':') {
        return Some(NotAClaim::IntroducesQuoteOrList);
    }
    if words < MIN_CLAIM_WORDS {
        return Some(NotAClaim::TooShort);
    }
    if segment.kind == SegmentKind::TableRow && is_label(text, words) {
        return Some(NotAClaim::Label);
    }
    if is_fragment(&lower) {
        return Some(NotAClaim::Fragment);
    }
    None
}

/// A label has at most this many words (a table's header row, "Phase
/// timeline Key Actions"); a longer run of capitalised words is a headline.
const MAX_LABEL_WORDS: usize = 8;

/// A table row of a few words, most capitalised, with no digits and no
/// punctuation: the table's header ("Phase timeline Key Actions"), not a
/// statement.
fn is_label(text: &str, words: usize) -> bool {
    let capitalised = text
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words <= MAX_LABEL_WORDS
        && 2 * capitalised > words
        && !text.contains(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation())
}

/// Prepositions a sentence fragment cut from its clause starts with.
const FRAGMENT_STARTS: [&str; 6] = ["by", "to", "with", "for", "from", "of"];

/// Words that make a clause finite: auxiliaries, modals and the reporting
/// verbs of news.
const FINITE_VERBS: [&str; 24] = [
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "may", "might", "must", "should", "said", "says", "told", "met", "made", "did",
    "does",
];

/// A sentence opening with a preposition and holding no finite verb: no
/// auxiliary or modal, no reporting verb and no lower-case word ending in
/// "-ed" or "-s" (past tenses, third persons; plural nouns pass too, which
/// keeps the rule on the side of calling a sentence a claim).
fn is_fragment(lower: &str) -> bool {
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    FRAGMENT_STARTS.contains(&first)
        && !words.any(|w| {
            FINITE_VERBS.contains(&w) || (w.len() > 3 && (w.ends_with("ed") || w.ends_with('s')))
        })
}

/// A credit or copyright line that shares its line with a caption or
/// paragraph ("… in Houston. Photo: Jon Shapley, Houston Chronicle"), so that
/// the text stage, which removes whole lines, kept it. `lower` is `text` in
/// lower case; the rules are tried only on sentences starting as these do.
fn is_boilerplate_sentence(lower: &str, text: &str) -> bool {
    const STARTS: [&str; 5] = ["photo", "image", "picture", "copyright", "\u{a9}"];
    STARTS.iter().any(|start| lower.starts_with(start))
        && super::boilerplate::matching_rule(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LoadedSource, SourceId, SourceMeta};

    fn segments(body: &str) -> Vec<Segment> {
        let source = LoadedSource {
            id: SourceId::new("chron").expect("valid id"),
            path: "chron.md".into(),
            meta: SourceMeta::default(),
            file_text: body.to_owned(),
            body_start: 0,
        };
        crate::text::process(&source).segments
    }

    #[test]
    fn a_credit_after_a_caption_is_not_a_claim() {
        let found = segments(
            "A broken screen sits on the ground outside the home on Sunday, Aug. 9, 2015, in Houston. \
             Photo: Jon Shapley, Houston Chronicle\n\n\
             Photo editors said the pictures were taken on Sunday.\n",
        );
        let reasons: Vec<Option<NotAClaim>> = found.iter().map(not_a_claim).collect();
        assert_eq!(
            reasons,
            [None, Some(NotAClaim::Boilerplate), None],
            "{found:#?}"
        );
    }

    #[test]
    fn each_rule_names_its_reason() {
        let reasons: Vec<Option<NotAClaim>> = segments(
            "# The talks\n\nWill the talks go on?\n\nStay tuned for more.\n\nThe statement read:\n\nTalks ended.\n\nThe envoys met in Miami on Sunday.\n",
        )
        .iter()
        .map(not_a_claim)
        .collect();
        assert_eq!(
            reasons,
            [
                Some(NotAClaim::Heading),
                Some(NotAClaim::Question),
                Some(NotAClaim::CallToReaders),
                Some(NotAClaim::IntroducesQuoteOrList),
                Some(NotAClaim::TooShort),
                None,
            ]
        );
    }

    #[test]
    fn labels_and_fragments_are_not_claims_but_sentences_are() {
        let mut found = segments(
            "Phase timeline Key Actions\n\n\
             By the Multilateral Investment Guarantee Agency (MIGA) to lower investor exposure.\n\n\
             By Sunday the envoys had met in Miami.\n\n\
             With the talks stalled, officials flew home.\n",
        );
        // The header row of a plain-text table, as the text stage gives it.
        found[0].kind = SegmentKind::TableRow;
        let reasons: Vec<Option<NotAClaim>> = found.iter().map(not_a_claim).collect();
        assert_eq!(
            reasons,
            [
                Some(NotAClaim::Label),
                Some(NotAClaim::Fragment),
                None,
                None
            ]
        );
    }

    #[test]
    fn reasons_serialise_as_the_reports_write_them() {
        let json = serde_json::to_string(&NotAClaim::CallToReaders).expect("serialises");
        assert_eq!(json, "\"call to readers\"");
    }
}
