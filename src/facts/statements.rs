//! Quotes and meeting places (pure): one normalised sentence → the words it
//! quotes with who said them ([`QuoteFact`]), and where it says a meeting
//! took or takes place ([`PlaceFact`]).
//!
//! Both are shallow on purpose, like the rest of the facts stage: a quote is
//! text between double quotes in a sentence with a speech verb and exactly one
//! person named outside the quotes; a place is the capitalised run after
//! "in" or "at" that follows a meeting word ("talks", "summit", "meet") in
//! the same clause, or the text after a "Venue:" label.

use serde::Serialize;

use super::extract::{Token, tokens};
use crate::align::tokens::{fold_name, is_capitalised};

/// Words quoted from a named speaker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteFact {
    /// The speaker as written ("Witkoff", "Steve Witkoff").
    pub speaker: String,
    /// Folded surname of the speaker, for comparison.
    #[serde(skip)]
    pub speaker_key: String,
    /// The quoted words as written, without the quote marks.
    pub words: String,
}

/// Where a sentence says a meeting is held.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceFact {
    /// The place as written ("Miami", "Miami International Convention Centre").
    pub place: String,
    /// A building or site ("… Centre", "… Club") rather than a town.
    pub venue: bool,
    /// Folded words of the place, for comparison.
    #[serde(skip)]
    pub keys: Vec<String>,
}

/// Verbs that attribute a quote.
const SPEECH: &[&str] = &[
    "added",
    "according",
    "called",
    "declared",
    "described",
    "hailed",
    "insisted",
    "said",
    "says",
    "stated",
    "stressed",
    "told",
    "warned",
    "wrote",
];

/// Quotes shorter than this are labels or scare quotes ("legitimate target").
const QUOTE_MIN_WORDS: usize = 4;

/// Words that make a sentence about a meeting.
const MEETINGS: &[&str] = &[
    "conference",
    "meet",
    "meeting",
    "meetings",
    "meets",
    "met",
    "negotiations",
    "summit",
    "talks",
];

/// How far after the meeting word the place may come ("talks are slated
/// for Saturday in Miami").
const PLACE_WINDOW: usize = 8;

/// Words that make a place a building or site.
const VENUE_WORDS: &[&str] = &[
    "airport",
    "apartments",
    "bar",
    "base",
    "building",
    "castle",
    "center",
    "centre",
    "church",
    "club",
    "college",
    "estate",
    "hall",
    "hospital",
    "hotel",
    "house",
    "mall",
    "market",
    "palace",
    "park",
    "residence",
    "resort",
    "restaurant",
    "school",
    "stadium",
    "station",
    "store",
    "university",
];

/// Regions that hold towns and venues: a meeting "in Florida" is not
/// elsewhere than one "in Miami". Nations are regions too.
const REGIONS: &[&str] = &[
    "africa",
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "asia",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "europe",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "wisconsin",
    "wyoming",
];

/// Quotes in a sentence with their speaker.
pub fn quotes(text: &str) -> Vec<QuoteFact> {
    let spans = quoted_spans(text);
    if spans.is_empty() {
        return Vec::new();
    }
    // The speaker is named outside the quotes; blank the quotes out.
    let mut outside = text.to_owned();
    for &(start, end) in &spans {
        outside.replace_range(start..end, &" ".repeat(end - start));
    }
    let outside_tokens = tokens(&outside);
    if !outside_tokens.iter().any(|t| SPEECH.contains(&t.lower())) {
        return Vec::new();
    }
    let mut speakers: Vec<String> = Vec::new();
    for name in speakers_at_verbs(&outside_tokens) {
        if !speakers.contains(&name) {
            speakers.push(name);
        }
    }
    let [speaker] = speakers.as_slice() else {
        return Vec::new(); // nobody, or more than one: who said it is not clear
    };
    let speaker_key = fold_name(speaker.rsplit(' ').next().unwrap_or(speaker));
    spans
        .iter()
        .map(|&(start, end)| text[start + 1..end - 1].trim().to_owned())
        .filter(|words| words.split_whitespace().count() >= QUOTE_MIN_WORDS)
        .map(|words| QuoteFact {
            speaker: speaker.clone(),
            speaker_key: speaker_key.clone(),
            words,
        })
        .collect()
}

/// Names right next to a speech verb: "Steve Witkoff said", "said
/// Witkoff", "according to Witkoff". People named elsewhere in the sentence
/// are talked about, not speaking.
fn speakers_at_verbs(tokens: &[Token<'_>]) -> Vec<String> {
    let is_name_word = |t: &Token<'_>| {
        is_capitalised(t.text)
            && !crate::align::tokens::is_stop_word(t.lower())
            && !crate::align::tokens::is_not_a_name(t.lower())
            && super::extract::nation(t.lower()).is_none()
    };
    let mut out = Vec::new();
    for (v, verb) in tokens.iter().enumerate() {
        if !SPEECH.contains(&verb.lower()) {
            continue;
        }
        // Before the verb: the capitalised run that ends there.
        let mut start = v;
        while start > 0 && is_name_word(&tokens[start - 1]) && !tokens[start].clause_break {
            start -= 1;
            if tokens[start].comma || tokens[start].clause_break {
                break;
            }
        }
        let mut run: Vec<&Token<'_>> = tokens[start..v].iter().collect();
        if run.is_empty() {
            // After it: "said Witkoff", "according to Witkoff".
            let from = v + 1 + usize::from(tokens.get(v + 1).is_some_and(|t| t.lower() == "to"));
            run = tokens[from.min(tokens.len())..]
                .iter()
                .skip_while(|t| super::extract::is_title(t.lower()))
                .take_while(|t| is_name_word(t))
                .collect();
            if run.len() > 1 {
                run.truncate(
                    1 + run[1..]
                        .iter()
                        .position(|t| t.comma || t.clause_break)
                        .unwrap_or(run.len() - 1),
                );
            }
        }
        // "Orlando Mayor Buddy Dyer": the name starts after the last title.
        let after_title = run
            .iter()
            .rposition(|t| super::extract::is_title(t.lower()))
            .map_or(0, |i| i + 1);
        let name: Vec<&str> = run[after_title..]
            .iter()
            .map(|t| t.text.trim_end_matches("'s"))
            .collect();
        if !name.is_empty() {
            out.push(name.join(" "));
        }
    }
    out
}

/// Byte ranges of `"…"` pairs, quote marks included (normalised text has
/// straight quotes only).
fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let marks: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    marks
        .chunks_exact(2)
        .map(|pair| (pair[0], pair[1] + 1))
        .collect()
}

/// Do two quotes of one speaker give the same words differently? Yes when
/// they share a good part of their words and each has a word the other
/// lacks. Outlets cut quotes, and spell them their own way ("co-mingling",
/// "attack" for "attacks"): a cut or a spelling is not a misquote.
pub fn quotes_differ(x: &QuoteFact, y: &QuoteFact) -> bool {
    if x.speaker_key != y.speaker_key {
        return false;
    }
    let (squash_x, squash_y) = (squashed(&x.words), squashed(&y.words));
    if squash_x.contains(&squash_y) || squash_y.contains(&squash_x) {
        return false; // the same letters, or a cut
    }
    let (a, b) = (content_stems(&x.words), content_stems(&y.words));
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    // About the same statement: two content words shared, and half those of
    // the shorter quote ("She's a good mom" and "He was just going to have a
    // good time" share only "good").
    let same_statement = shared >= 2 && 2 * shared >= a.len().min(b.len());
    same_statement && shared < a.len() && shared < b.len()
}

/// Letters and digits only, lowercase: "co-mingling" is "comingling".
fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Content words of a quote, lowercase, split at hyphens, spelled one way
/// (accents, doubled letters, British "-isation"), a plural "s" dropped;
/// sorted and deduplicated.
fn content_stems(text: &str) -> Vec<String> {
    let mut stems: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|word| word.trim_matches('\'').to_lowercase())
        .filter(|word| !word.is_empty() && !crate::align::tokens::is_stop_word(word))
        .map(|word| fold_name(&word).replace("isat", "izat"))
        .map(|word| match word.strip_suffix('s') {
            Some(stem) if stem.len() > 2 => stem.to_owned(),
            _ => word,
        })
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

/// The place of the meeting a sentence talks about, if it says.
pub fn meeting_place(text: &str) -> Option<PlaceFact> {
    meeting_place_in(&tokens(text))
}

/// [`meeting_place`] of an already tokenised sentence.
pub(super) fn meeting_place_in(tokens: &[Token<'_>]) -> Option<PlaceFact> {
    if let Some(label) = tokens.iter().position(|t| t.lower() == "venue") {
        // "Venue: Miami International Convention Centre, Florida"
        return place_at(tokens, label + 1);
    }
    let meeting = tokens.iter().position(|t| MEETINGS.contains(&t.lower()))?;
    (meeting + 1..tokens.len().min(meeting + 1 + PLACE_WINDOW))
        .take_while(|&i| !tokens[i].clause_break)
        .find(|&i| matches!(tokens[i].lower(), "in" | "at"))
        .and_then(|i| place_at(tokens, i + 1))
}

/// The capitalised run starting at `start` ("the" skipped, "of" kept inside).
fn place_at(tokens: &[Token<'_>], start: usize) -> Option<PlaceFact> {
    let start = start + usize::from(tokens.get(start).is_some_and(|t| t.lower() == "the"));
    let mut end = start;
    while let Some(token) = tokens.get(end) {
        let capitalised = is_capitalised(token.text);
        let inner_of = token.lower() == "of" && end > start;
        let stops = end > start && (token.clause_break || token.comma);
        if stops || !(capitalised || inner_of) {
            break;
        }
        end += 1;
    }
    while end > start && tokens[end - 1].lower() == "of" {
        end -= 1;
    }
    if end == start {
        return None;
    }
    let run = &tokens[start..end];
    let lower: Vec<&str> = run.iter().map(|t| t.lower()).collect();
    if lower.iter().any(|w| is_time_word(w)) {
        return None; // "in July", "on Saturday at Noon"
    }
    let venue = lower.iter().any(|w| VENUE_WORDS.contains(w));
    if !venue && lower.iter().all(|w| REGIONS.contains(w) || is_nation(w)) {
        return None;
    }
    Some(PlaceFact {
        place: run.iter().map(|t| t.text).collect::<Vec<_>>().join(" "),
        venue,
        keys: run
            .iter()
            .filter(|t| t.lower() != "of")
            .map(|t| fold_name(t.text))
            .collect(),
    })
}

fn is_time_word(lower: &str) -> bool {
    super::extract::is_month(lower.trim_end_matches('.'))
        || super::dates::is_weekday(lower)
        || matches!(lower, "noon" | "midnight")
}

fn is_nation(lower: &str) -> bool {
    super::extract::nation(lower).is_some()
}

/// Do two sentences put the same meeting in different places? Only towns
/// against towns and venues against venues (a venue is in a town), and only
/// when no word of one place is in the other ("Miami" and "Miami Beach"
/// may be one).
pub fn places_differ(x: &PlaceFact, y: &PlaceFact) -> bool {
    x.venue == y.venue && !x.keys.iter().any(|k| y.keys.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_needs_a_speech_verb_and_one_speaker() {
        let found = quotes(
            r#"Witkoff said the talks were "productive and constructive, and we made progress.""#,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].speaker, "Witkoff");
        assert_eq!(
            found[0].words,
            "productive and constructive, and we made progress."
        );
        // The one telling is the speaker, not the one told.
        let told = quotes(r#"Witkoff told Dmitriev that "we will meet again next week.""#);
        assert_eq!(told[0].speaker, "Witkoff");
        let after = quotes(r#""We will meet again next week," said envoy Steve Witkoff."#);
        assert_eq!(after[0].speaker, "Steve Witkoff");
        // Two speakers: whose words they are is not clear.
        assert!(
            quotes(r#"Witkoff said and Dmitriev added that "we will meet again next week.""#)
                .is_empty()
        );
        // A title in quotes, no speech verb.
        assert!(quotes(r#"The "Ukraine Protection Act of 2026" passed."#).is_empty());
    }

    #[test]
    fn a_shortened_quote_is_not_a_misquote() {
        let quote = |words: &str| QuoteFact {
            speaker: "Witkoff".into(),
            speaker_key: "witkof".into(),
            words: words.into(),
        };
        let full = quote("the talks were productive and constructive, and we made progress");
        let cut = quote("productive and constructive");
        let other = quote("the talks were difficult and unconstructive, and we made no progress");
        assert!(!quotes_differ(&full, &cut));
        assert!(quotes_differ(&full, &other));
        let elsewhere = quote("we will meet in Berlin in January to sign the framework");
        assert!(!quotes_differ(&full, &elsewhere));
        // Spelled another way: not a misquote.
        let spelled = quote("The talks were productive and constructive; and we made progresses");
        assert!(!quotes_differ(&full, &spelled));
    }

    #[test]
    fn places_of_meetings() {
        let place = |text: &str| meeting_place(text).map(|p| (p.place, p.venue));
        assert_eq!(
            place("The talks are slated for Saturday in Miami, according to a source."),
            Some(("Miami".into(), false))
        );
        assert_eq!(
            place("Venue: Miami International Convention Centre, Florida"),
            Some(("Miami International Convention Centre".into(), true))
        );
        // A region holds the town: no place to compare.
        assert_eq!(
            place(
                "Kirill Dmitriev is expected to travel to Florida to meet with Witkoff in Florida."
            ),
            None
        );
        // The place is not the meeting's.
        assert_eq!(place("Drones hit Odesa in the night; talks went on."), None);
    }

    #[test]
    fn towns_differ_from_towns_not_from_venues() {
        let miami = meeting_place("The talks in Miami went on.").expect("a place");
        let berlin = meeting_place("The talks in Berlin went on.").expect("a place");
        let centre =
            meeting_place("They met at the Miami Beach Convention Center.").expect("a place");
        let club = meeting_place("They met at the Shell Bay Club.").expect("a place");
        assert!(places_differ(&miami, &berlin));
        assert!(!places_differ(&miami, &centre));
        assert!(places_differ(&centre, &club));
    }
}
