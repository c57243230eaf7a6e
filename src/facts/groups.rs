//! Groups of people (pure): a tokenised sentence → the [`GroupFact`] it
//! states, a nation's group noun with the people named as its members ("U.S.
//! delegation: Secretary of State Antony Blinken, …", "the U.S. delegation
//! comprised … Jared Kushner and … Josh Gruenbaum").

use serde::Serialize;

use super::lexicon::{GROUPS, nation};
use super::people::people;
use super::tokens::Token;
use crate::text::names::fold_name;

/// People named as members of one group ("U.S. delegation").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFact {
    /// The group: nation and group noun ("usa delegation").
    pub group: String,
    /// Members as written.
    pub members: Vec<String>,
    /// Folded surnames of the members (for comparison).
    #[serde(skip)]
    pub keys: Vec<String>,
}

/// How many words before the group noun its nation may come ("from the
/// Ukrainian side").
const QUALIFIER_WINDOW: usize = 3;

/// "U.S. delegation: Secretary of State Antony Blinken, …" and "the U.S.
/// delegation comprised … Jared Kushner and … Josh Gruenbaum".
pub(super) fn groups(tokens: &[Token<'_>]) -> Vec<GroupFact> {
    // The first group noun a nation qualifies: just before it, or "from the
    // Ukrainian side" ("Participants from the Ukrainian side included …":
    // the participants are the side's).
    let qualifier = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| GROUPS.contains(&t.lower()))
        .find_map(|(noun_at, _)| {
            (noun_at.saturating_sub(QUALIFIER_WINDOW)..noun_at)
                .rev()
                .find_map(|i| nation(tokens[i].lower()))
        });
    let Some(qualifier) = qualifier else {
        return Vec::new();
    };
    let group = format!("{qualifier} delegation");
    let members = people(tokens);
    if members.is_empty() {
        return Vec::new();
    }
    let keys = members
        .iter()
        .map(|m| fold_name(m.rsplit(' ').next().unwrap_or(m)))
        .collect();
    vec![GroupFact {
        group,
        members,
        keys,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tokens::tokens;

    fn groups_of(text: &str) -> Vec<GroupFact> {
        groups(&tokens(text))
    }

    #[test]
    fn delegations_list_their_people() {
        let facts = groups_of(
            "U.S. delegation: Secretary of State Antony Blinken,National Security Advisor Jake Sullivan,Deputy secretary of Defense Kathleen Hicks,senior officials from the State Department's European Bureau and USAID.",
        );
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].group, "usa delegation");
        assert_eq!(
            facts[0].members,
            ["Antony Blinken", "Jake Sullivan", "Kathleen Hicks"]
        );
        let other = groups_of(
            "Besides Witkoff, the U.S. delegation comprised President Donald Trump's son-in-law Jared Kushner and White House aide Josh Gruenbaum.",
        );
        assert_eq!(
            other[0].members,
            ["Witkoff", "Donald Trump", "Jared Kushner", "Josh Gruenbaum"]
        );
    }

    /// The group noun a nation qualifies, not the first one: "participants"
    /// here are the Ukrainian side's.
    #[test]
    fn participants_of_a_nations_side_are_its_delegation() {
        let facts = groups_of(
            "Participants from the Ukrainian side included Rustem Umérov, the secretary of the National Security and Defense Council, and Andrí Gnátov, head of the General Staff.",
        );
        assert_eq!(facts.len(), 1, "{facts:?}");
        assert_eq!(facts[0].group, "ukraine delegation");
        assert_eq!(facts[0].members, ["Rustem Umérov", "Andrí Gnátov"]);
    }
}
