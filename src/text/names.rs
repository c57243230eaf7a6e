//! Names: a word as written → its folded key ([`fold_name`]), so spelling
//! and transliteration variants of one name meet (Kiril/Kirill,
//! Zelensky/Zelenskyy, Umérov/Umerov, Gnátov/Hnatov, Dmitriev/Dmitriyev), and
//! the capital-letter tests that say whether a word may be a name.
//!
//! Invariant: [`fold_name`] is the steps of [`NAME_FOLDS`] run in turn after
//! lower-casing and dropping the possessive (a test checks the fused pass
//! against the steps); `variants[].rule` names the steps as listed there.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::text::words::without_possessive;

/// Does the word start with a capital letter?
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// All capitals, two letters or more.
pub(crate) fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// One named spelling step of [`fold_name`]: lower-case text in, folded text out.
pub(crate) type FoldStep = (&'static str, fn(&str) -> String);

/// The steps of [`fold_name`] in order, named as `variants[].rule` reports them.
pub(crate) const NAME_FOLDS: [FoldStep; 4] = [
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
pub(crate) fn fold_name(word: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
