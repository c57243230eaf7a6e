//! Predicates: what a sentence says happened to what it counts ("killed",
//! "intercepted", "launched"). A word → its predicate ([`predicate`]), and
//! the predicate nearest to a number or date in its clause
//! ([`nearest_predicate`]), where "shot and killed" says killed.

use super::outcome::is_denied;
use super::tokens::Token;

/// Predicate words (lower-case prefixes) → the predicate they state.
const PREDICATES: &[(&str, &str)] = &[
    ("arrest", "arrested"),
    ("dead", "killed"),
    ("death", "killed"),
    ("deceased", "killed"),
    ("die", "killed"),
    ("downed", "intercepted"),
    ("fatal", "killed"),
    ("fire", "launched"),
    ("fired", "launched"),
    // Hit by gunfire: "hitting five people", "striking four".
    ("hitting", "shot"),
    ("hospitali", "injured"),
    ("hurt", "injured"),
    ("injur", "injured"),
    ("intercept", "intercepted"),
    ("jammed", "intercepted"),
    ("kill", "killed"),
    ("launch", "launched"),
    ("mortally", "killed"),
    ("murder", "killed"),
    ("passed", "voted"),
    ("passing", "voted"),
    ("recovering", "injured"),
    ("shot", "shot"),
    ("shoot", "shot"),
    ("slain", "killed"),
    ("striking", "shot"),
    ("succumb", "killed"),
    ("struck", "shot"),
    ("vote", "voted"),
    ("wound", "injured"),
];

pub(super) fn predicate(lower: &str) -> Option<&'static str> {
    // "hit" is a word of its own, never a prefix ("hitch", "Hitler").
    if matches!(lower, "hit" | "hits") {
        return Some("shot");
    }
    PREDICATES
        .iter()
        .find(|(prefix, _)| lower.starts_with(prefix))
        .map(|(_, p)| *p)
        // "fire" as a noun ("opened fire", "fire crews") is rare next to a count;
        // voters vote, but "voters" say who, not what happened.
        // "fired three shots": shots fired, not people shot; "two shooters",
        // "the killer": who did it, not what happened to them.
        .filter(|_| {
            lower != "firefighters"
                && !lower.starts_with("voter")
                && lower != "shots"
                && !is_agent_noun(lower)
        })
}

/// "shooter", "killers", "murderer": the one who did it.
fn is_agent_noun(lower: &str) -> bool {
    ["shooter", "killer", "murderer"].iter().any(|agent| {
        lower
            .strip_prefix(agent)
            .is_some_and(|rest| rest.is_empty() || rest == "s")
    })
}

/// The predicate stated at `i`, where "shot and killed", "shot dead" and
/// "shot to death" say killed, and "shot and wounded" says injured.
pub(super) fn predicate_at(tokens: &[Token<'_>], i: usize) -> Option<&'static str> {
    let stated = predicate(tokens[i].lower())?;
    let word = |k: usize| tokens.get(i + k).map(|t| t.lower());
    // "passed away": died, not voted.
    if stated == "voted" && word(1) == Some("away") {
        return Some("killed");
    }
    if stated != "shot" {
        return Some(stated);
    }
    let outcome = match (word(1), word(2)) {
        (Some("dead"), _) | (Some("to"), Some("death")) => Some("killed"),
        (Some("and"), Some(next)) => predicate(next).filter(|p| *p != "shot"),
        _ => None,
    };
    Some(outcome.unwrap_or(stated))
}

/// How many words either side of a number its predicate may be.
const PREDICATE_WINDOW: usize = 6;

/// Words that open a clause of their own: a predicate before one is of
/// the clause before ("The boy was shot when six children were alone").
/// Not "as": "killed as many as five".
const SUBORDINATORS: &[&str] = &[
    "after", "because", "before", "since", "until", "when", "while",
];

/// The predicate word nearest to the number (within its clause and commas, six words
/// either side; after the number wins a tie), and where it is.
pub(super) fn nearest_predicate(
    tokens: &[Token<'_>],
    index: usize,
    end: usize,
) -> (Option<&'static str>, Option<usize>) {
    let mut best: Option<(usize, &'static str, usize)> = None;
    // After: up to the clause break.
    for (distance, i) in (end..tokens.len().min(end + PREDICATE_WINDOW)).enumerate() {
        if tokens[i].clause_break || tokens[i].comma {
            break;
        }
        if let Some(p) = predicate_at(tokens, i) {
            best = Some((distance, p, i));
            break;
        }
    }
    // Before: back to the clause break.
    let mut i = index;
    let mut distance = 0;
    while i > 0 && distance < PREDICATE_WINDOW {
        if tokens[i].clause_break || tokens[i].comma {
            break;
        }
        i -= 1;
        if SUBORDINATORS.contains(&tokens[i].lower()) {
            break;
        }
        if let Some(p) = predicate_at(tokens, i) {
            if best.is_none_or(|(d, _, _)| distance < d) {
                best = Some((distance, p, i));
            }
            break;
        }
        distance += 1;
    }
    // "Two others were not hurt", "to arrest the two suspects": what did
    // not happen is no predicate.
    match best.filter(|&(_, _, at)| !is_denied(tokens, at) && !only_intended(tokens, at)) {
        Some((_, p, at)) => (Some(p), Some(at)),
        None => (None, None),
    }
}

/// Predicate verbs as written after "to" or "will": what is meant to
/// happen, not what did.
const BARE_VERBS: &[&str] = &[
    "arrest",
    "fire",
    "hit",
    "injure",
    "intercept",
    "kill",
    "launch",
    "murder",
    "shoot",
    "strike",
    "vote",
    "wound",
];

/// Words before a bare verb that make it a possibility.
const MODALS: &[&str] = &[
    "can", "could", "may", "might", "must", "should", "will", "would",
];

/// Words before "to" and a bare verb that make it an intention: "going to
/// kill" did not happen, "used to kill" and "caused him to shoot" did.
const INTENDING_TO: &[&str] = &[
    "attempt",
    "attempted",
    "attempting",
    "going",
    "hope",
    "hoped",
    "intended",
    "planned",
    "planning",
    "possible",
    "threatened",
    "threatening",
    "tried",
    "trying",
    "vowed",
    "want",
    "wanted",
];

/// "would do everything possible to arrest the two suspects", "he was
/// going to kill his wife": the predicate at `i` is not said to have happened.
fn only_intended(tokens: &[Token<'_>], i: usize) -> bool {
    let word = |back: usize| i.checked_sub(back).map(|k| tokens[k].lower());
    BARE_VERBS.contains(&tokens[i].lower())
        && (word(1).is_some_and(|w| MODALS.contains(&w))
            || word(1) == Some("to") && word(2).is_some_and(|w| INTENDING_TO.contains(&w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tokens::tokens;

    fn predicate_of(text: &str, word: &str) -> Option<&'static str> {
        let tokens = tokens(text);
        let i = tokens.iter().position(|t| t.lower() == word)?;
        predicate_at(&tokens, i)
    }

    #[test]
    fn a_bill_passed_is_a_vote_and_a_man_passed_away_died() {
        assert_eq!(
            predicate_of("The House passed the resolution Tuesday.", "passed"),
            Some("voted")
        );
        assert_eq!(
            predicate_of("On Wednesday, the House voted 396-9.", "voted"),
            Some("voted")
        );
        assert_eq!(
            predicate_of("He passed away at the hospital.", "passed"),
            Some("killed")
        );
        assert_eq!(predicate("voters"), None);
        // GVA 688592: "there were two shooters involved" is no two shot.
        assert_eq!(predicate("shooters"), None);
        assert_eq!(predicate("killer"), None);
        assert_eq!(predicate("shooting"), Some("shot"));
    }

    /// GVA 711597: "15 arrests" that weekend, and investigators vowing "to
    /// arrest the two suspects": the two are not arrested.
    #[test]
    fn what_is_meant_to_happen_is_no_predicate() {
        let nearest = |text: &str, number: &str| {
            let tokens = tokens(text);
            let i = tokens
                .iter()
                .position(|t| t.lower() == number)
                .expect("the number");
            nearest_predicate(&tokens, i, i + 2).0
        };
        assert_eq!(
            nearest(
                "They would do everything possible to arrest the two suspects.",
                "two"
            ),
            None
        );
        assert_eq!(
            nearest("Police said they arrested the two suspects.", "two"),
            Some("arrested")
        );
        assert_eq!(
            nearest("The gun was used to kill two people in July.", "two"),
            Some("killed")
        );
    }
}
