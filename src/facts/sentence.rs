//! One sentence's facts (pure): normalised sentence (+ its source's
//! publication day) → [`Facts`]: counts and amounts, groups of people, dates,
//! quotes, the meeting place and the names it gives. Tokenised once; each
//! kind of fact is read by its own module.

use jiff::civil::Date;
use serde::Serialize;

use super::dates::{DateFact, dates, recalls_past};
use super::groups::{GroupFact, groups};
use super::numbers::{NumberFact, numbers};
use super::outcome::{Outcome, outcome};
use super::people::names;
use super::places::{PlaceFact, meeting_place_in};
use super::quotes::{QuoteFact, quotes};
use super::tokens::tokens;

/// Everything extracted from one sentence.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    /// Counts and amounts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<NumberFact>,
    /// Groups of people.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupFact>,
    /// Days stated, relative ones resolved against the publication date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateFact>,
    /// Words quoted from a named speaker.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteFact>,
    /// Where the meeting the sentence talks about is held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceFact>,
    /// Proper names other than nations, folded (places, people, organisations).
    #[serde(skip)]
    pub names: Vec<String>,
    /// The sentence recalls an earlier event: it gives a year before the
    /// publication's, or a day more than a month before it ("In December
    /// 2012, 20 children were killed"). Its counts are not this story's.
    #[serde(skip)]
    pub recalls_past: bool,
    /// Whether it says someone died or survived, for the counts of the
    /// sentences before it ([`toll`](fn@super::toll)).
    #[serde(skip)]
    pub outcome: Outcome,
    /// It gives a figure as an earlier, replaced one ("police originally
    /// said eight people were wounded"): no toll to hold another article to.
    #[serde(skip)]
    pub superseded: bool,
}

/// Words that mark what a sentence reports as said before and since replaced.
const SUPERSEDED: &[&str] = &["initially", "originally"];

/// Extract the facts of one normalised sentence; `published` is the day its
/// source came out, for "Saturday" and "yesterday".
pub fn extract(text: &str, published: Option<Date>) -> Facts {
    let tokens = tokens(text);
    let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
    let dates = dates(&tokens, published);
    let recalls_past = recalls_past(&tokens, &dates, published);
    Facts {
        numbers: numbers(text, &tokens, &words),
        groups: groups(&tokens),
        dates,
        quotes: quotes(text),
        place: meeting_place_in(&tokens),
        names: names(&tokens),
        recalls_past,
        outcome: outcome(&tokens),
        superseded: tokens.iter().any(|t| SUPERSEDED.contains(&t.lower())),
    }
}
