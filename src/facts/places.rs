//! Meeting places (pure): one tokenised sentence → where it says a meeting
//! took or takes place ([`PlaceFact`]): the capitalised run after "in" or
//! "at" that follows a meeting word ("talks", "summit", "meet") in the same
//! clause, or the text after a "Venue:" label; and whether two places differ
//! ([`places_differ`]).

use serde::Serialize;

use super::dates::is_weekday;
use super::lexicon::{is_month, nation};
use super::tokens::Token;
use crate::text::names::{fold_name, is_capitalised};

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

/// The place of the meeting a sentence talks about, if it says.
#[cfg(test)]
fn meeting_place(text: &str) -> Option<PlaceFact> {
    meeting_place_in(&super::tokens::tokens(text))
}

/// The meeting place of an already tokenised sentence (`meeting_place` of its text).
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

/// Abbreviations that start a place's name ("St. Louis", "Ft. Worth"):
/// their period is not the end of a sentence, and the place is not "St".
const NAME_ABBREVIATIONS: &[&str] = &["ft", "mt", "pt", "st", "ste"];

/// The capitalised run starting at `start` ("the" skipped, "of" kept inside).
fn place_at(tokens: &[Token<'_>], start: usize) -> Option<PlaceFact> {
    let start = start + usize::from(tokens.get(start).is_some_and(|t| t.lower() == "the"));
    let mut end = start;
    while let Some(token) = tokens.get(end) {
        let capitalised = is_capitalised(token.text);
        let inner_of = token.lower() == "of" && end > start;
        // "St. Louis": the period of an abbreviation ends no name.
        let after_abbreviation =
            end > start && NAME_ABBREVIATIONS.contains(&tokens[end - 1].lower());
        let stops = end > start && (token.clause_break && !after_abbreviation || token.comma);
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
    is_month(lower.trim_end_matches('.'))
        || is_weekday(lower)
        || matches!(lower, "noon" | "midnight")
}

fn is_nation(lower: &str) -> bool {
    nation(lower).is_some()
}

/// Do two sentences put the same meeting in different places? Only towns
/// against towns and venues against venues (a venue is in a town), and only
/// when no word of one place is in the other ("Miami" and "Miami Beach"
/// may be one).
pub(crate) fn places_differ(x: &PlaceFact, y: &PlaceFact) -> bool {
    x.venue == y.venue && !x.keys.iter().any(|k| y.keys.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// A place is compared as a whole name: "St. Louis Community College",
    /// never its fragment "St".
    #[test]
    fn an_abbreviation_does_not_cut_a_place_short() {
        let college = meeting_place("The students met at St. Louis Community College on Monday.")
            .expect("a place");
        assert_eq!(college.place, "St Louis Community College");
        let valley =
            meeting_place("The students met at St. Louis Community College-Florissant Valley.")
                .expect("a place");
        assert!(!places_differ(&college, &valley), "{valley:?}");
    }
}
