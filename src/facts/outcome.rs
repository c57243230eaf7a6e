//! How a sentence says it ended for the people it is about (pure): tokens →
//! [`Outcome`]: someone died, someone survived. "No one died" says neither;
//! "did not survive" says died.
//!
//! A count of people shot takes its outcome from here: in its own sentence
//! ("a teen was shot and is in stable condition") and, for an article's
//! toll, from the sentences after it ("Four people were shot. All are
//! expected to recover.").

use super::predicates::predicate;
use super::tokens::Token;

/// Words that say a person shot died.
/// ("deadly" is not: "assault with a deadly weapon" says nothing of the victim.)
pub(super) const DIED: &[&str] = &[
    "dead", "death", "deceased", "died", "dies", "fatal", "fatally", "killed", "slain",
];

/// Words that say a person shot survived: hurt, not killed.
pub(super) const SURVIVED: &[&str] = &[
    "condition",
    "hospitalized",
    "recover",
    "recovering",
    "released",
    "stable",
    "survive",
    "survived",
    "treated",
];

/// Words that deny what follows them ("no one died", "not expected to
/// survive"); any word ending in "n't" does too ("didn't").
const NEGATIONS: &[&str] = &["never", "no", "non", "none", "not", "nobody"];

/// How many words before an outcome word a negation still denies it: "no
/// one was killed" (3), not a "no" of the clause before.
const NEGATION_REACH: usize = 3;

/// What a sentence says happened to the people it is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Someone died ("died", "fatally", "did not survive").
    pub died: bool,
    /// Someone survived ("stable condition", "expected to recover").
    pub survived: bool,
    /// The shooter's own death is told ("before taking his own life",
    /// "including the suspect", "then turned the gun on herself"): a count
    /// of the dead beside it may count the shooter or not, so it is no
    /// whole toll to compare with another article's.
    pub shooter_died: bool,
    /// The shooter killed themself after the victims ("shot his son, then
    /// himself", "before turning the gun on herself", "a murder-suicide"):
    /// one more dead than the victims counted.
    pub shooter_killed_self_after: bool,
    /// What happened to a count here that includes the shooter ("injured
    /// five people, including the gunman": injured): another article may
    /// count the victims only.
    pub includes_shooter: Option<&'static str>,
}

/// How many words before "himself" or "own life" a "then" or "before" may
/// be ("before turning the gun on himself").
const AFTER_REACH: usize = 5;

/// "then himself", "before taking his own life", "murder-suicide".
fn shooter_killed_self_after(tokens: &[Token<'_>]) -> bool {
    let word = |i: usize| tokens.get(i).map(|t| t.lower());
    (0..tokens.len()).any(|i| {
        let own_death = match tokens[i].lower() {
            "himself" | "herself" => true,
            "life" => word(i.wrapping_sub(1)) == Some("own"),
            "suicide" => word(i.wrapping_sub(1)) == Some("murder"),
            _ => false,
        };
        let after_victims = tokens[i].lower() == "suicide"
            || tokens[i.saturating_sub(AFTER_REACH)..i]
                .iter()
                .any(|t| matches!(t.lower(), "then" | "before"));
        own_death && after_victims && !is_denied(tokens, i)
    })
}

/// Who a count of the dead may include besides the victims.
const SHOOTERS: &[&str] = &["gunman", "shooter", "suspect"];

/// How many words before "himself" what he did to himself may be ("turned
/// the gun on himself", "shot and killed himself").
const SELF_REACH: usize = 4;

/// "taking his own life", "killed himself", "including the suspected shooter".
fn shooter_died(tokens: &[Token<'_>]) -> bool {
    let word = |i: usize| tokens.get(i).map(|t| t.lower());
    (0..tokens.len()).any(|i| match tokens[i].lower() {
        "life" => word(i.wrapping_sub(1)) == Some("own"),
        "himself" | "herself" => {
            let before = &tokens[i.saturating_sub(SELF_REACH)..i];
            let turned_the_gun =
                word(i.wrapping_sub(1)) == Some("on") && before.iter().any(|t| t.lower() == "gun");
            turned_the_gun
                || before.iter().any(|t| {
                    let w = t.lower();
                    DIED.contains(&w) || w.starts_with("kill") || w.starts_with("shot")
                })
        }
        "including" => includes_the_shooter_at(tokens, i),
        _ => false,
    })
}

/// How many words before "including" the predicate of its count may be
/// ("Six people were killed, including").
const INCLUDING_REACH: usize = 6;

/// The predicate nearest before `i` ("killed" in "six people were killed, including").
fn predicate_before(tokens: &[Token<'_>], i: usize) -> Option<&'static str> {
    tokens[i.saturating_sub(INCLUDING_REACH)..i]
        .iter()
        .rev()
        .find_map(|t| predicate(t.lower()))
}

/// "including the suspected shooter" at `i`.
fn includes_the_shooter_at(tokens: &[Token<'_>], i: usize) -> bool {
    let word = |i: usize| tokens.get(i).map(|t| t.lower());
    tokens[i].lower() == "including"
        && word(i + 1) == Some("the")
        && (SHOOTERS.contains(&word(i + 2).unwrap_or_default())
            || SHOOTERS.contains(&word(i + 3).unwrap_or_default()))
}

/// Whether a negation just before token `i` denies it: "no one was
/// killed", "was not hurt", "didn't survive", "non-fatal".
pub(super) fn is_denied(tokens: &[Token<'_>], i: usize) -> bool {
    tokens[i.saturating_sub(NEGATION_REACH)..i]
        .iter()
        .any(|t| NEGATIONS.contains(&t.lower()) || t.lower().ends_with("n't"))
}

/// "Police released the names of the victims": a thing released, not a
/// person let out of hospital ("was released", "released from the hospital").
fn released_something(tokens: &[Token<'_>], i: usize) -> bool {
    let word = |k: Option<usize>| k.and_then(|k| tokens.get(k)).map(Token::lower);
    let let_out = matches!(
        word(i.checked_sub(1)),
        Some("was" | "were" | "been" | "being" | "is" | "are" | "later" | "and" | "since")
    ) || word(Some(i + 1)) == Some("from");
    tokens[i].lower() == "released" && !let_out
}

/// "a matter of life and death", "life or death": a figure of speech, no
/// one's death.
fn life_and_death(tokens: &[Token<'_>], i: usize) -> bool {
    let word = |k: Option<usize>| k.and_then(|k| tokens.get(k)).map(Token::lower);
    tokens[i].lower() == "death"
        && matches!(word(i.checked_sub(1)), Some("and" | "or"))
        && word(i.checked_sub(2)) == Some("life")
}

pub(super) fn outcome(tokens: &[Token<'_>]) -> Outcome {
    let mut found = Outcome::default();
    for (i, token) in tokens.iter().enumerate() {
        let word = token.lower();
        // "non-life-threatening" / "life-threatening injuries": alive.
        if word == "threatening" && i > 0 && tokens[i - 1].lower() == "life" {
            found.survived = true;
            continue;
        }
        // Every word of every sentence comes here: most are neither.
        let (died, survived) = (DIED.contains(&word), SURVIVED.contains(&word));
        if !(died || survived) || life_and_death(tokens, i) || released_something(tokens, i) {
            continue;
        }
        let denied = is_denied(tokens, i);
        if died {
            found.died |= !denied;
        } else if denied && word.starts_with("surviv") {
            // "did not survive", "was not expected to survive": died.
            found.died = true;
        } else {
            found.survived |= !denied;
        }
    }
    found.shooter_died = shooter_died(tokens);
    found.shooter_killed_self_after = shooter_killed_self_after(tokens);
    found.includes_shooter = (0..tokens.len())
        .find(|&i| includes_the_shooter_at(tokens, i))
        .and_then(|i| predicate_before(tokens, i));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tokens::tokens;

    fn of(text: &str) -> (bool, bool) {
        let found = outcome(&tokens(text));
        (found.died, found.survived)
    }

    #[test]
    fn died_survived_and_denied() {
        assert_eq!(of("The boy died at the hospital."), (true, false));
        assert_eq!(of("All four are in stable condition."), (false, true));
        assert_eq!(of("Police said no one died."), (false, false));
        assert_eq!(of("No one was killed, police said."), (false, false));
        assert_eq!(of("She did not survive her wounds."), (true, false));
        assert_eq!(of("One died and two others are recovering."), (true, true));
        assert_eq!(of("The investigation is ongoing."), (false, false));
        assert_eq!(
            of("Two were pronounced deceased at the scene."),
            (true, false)
        );
        assert_eq!(of("The wound was non-fatal."), (false, false));
        assert_eq!(
            of("It is absolutely life and death, the prosecutor said."),
            (false, false)
        );
        assert_eq!(
            of("A life-or-death matter: the boy's death was ruled an accident."),
            (true, false)
        );
        assert_eq!(
            of("He was charged with assault with a deadly weapon."),
            (false, false)
        );
        assert_eq!(
            of("He was taken to hospital with non-life-threatening injuries."),
            (false, true)
        );
    }

    #[test]
    fn the_shooters_own_death() {
        let told = |text: &str| outcome(&tokens(text)).shooter_died;
        assert!(told(
            "Elliot Rodger killed six people and injured fourteen others before taking his own life."
        ));
        assert!(told(
            "Seven people were left dead, including the suspected shooter."
        ));
        assert!(told(
            "A woman shot her family, then turned the gun on herself."
        ));
        assert!(!told("Six people were shot, including a 10-year-old."));
        assert!(!told("He accidentally shot a friend who was with him."));
        assert!(
            !told("He told police he bought the gun himself."),
            "a gun, not a death"
        );
    }
}
