//! How a sentence says it ended for the people it is about (pure): tokens →
//! [`Outcome`]: someone died, someone survived. "No one died" says neither;
//! "did not survive" says died.
//!
//! A count of people shot takes its outcome from here: in its own sentence
//! ("a teen was shot and is in stable condition") and, for an article's
//! toll, from the sentences after it ("Four people were shot. All are
//! expected to recover.").

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
}

/// Whether a negation just before token `i` denies it: "no one was
/// killed", "was not hurt", "didn't survive", "non-fatal".
pub(super) fn is_denied(tokens: &[Token<'_>], i: usize) -> bool {
    tokens[i.saturating_sub(NEGATION_REACH)..i]
        .iter()
        .any(|t| NEGATIONS.contains(&t.lower()) || t.lower().ends_with("n't"))
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
        if !(died || survived) {
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
            of("He was charged with assault with a deadly weapon."),
            (false, false)
        );
        assert_eq!(
            of("He was taken to hospital with non-life-threatening injuries."),
            (false, true)
        );
    }
}
