//! Given names (pure, data): is this word one a person's name starts with?
//! Part of the evidence that a run of capitalised words is a person
//! ([`super::people`]): "Antony Blinken" starts with one, "Economic Recovery
//! Launch" and "Budapest Memorandum" do not.
//!
//! The list is the 1990 US Census first names (public domain), as shipped by
//! the PyPI package `names` 0.3.0 and remade by `given_names/remake.sh`
//! (checked by sha256, `given_names/SHA256SUMS`), plus the transliterated
//! names of Eastern Europe that the census lacks ([`TRANSLITERATED`]).
//! Every entry and every word asked is folded with [`fold_name`], so
//! "Andrí", "Andrii" and "Andriy" are one name.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::text::names::fold_name;

/// One given name a line, lower case (`given_names/remake.sh`).
const CENSUS_1990: &str = include_str!("given_names/census-1990.txt");

/// Given names of Ukraine, Russia and their neighbours in the Latin spellings
/// English-language news gives them, which no registry list covers (the
/// census is of the United States in 1990). Hand-written: the common names
/// of the region, each in the spellings folding does not already join.
const TRANSLITERATED: &[&str] = &[
    "alexei",
    "alexey",
    "anatolii",
    "anatoly",
    "andrei",
    "andrey",
    "andrii",
    "arseniy",
    "bohdan",
    "borys",
    "denys",
    "dmitri",
    "dmitry",
    "dmytro",
    "gennady",
    "halyna",
    "hennadii",
    "igor",
    "ihor",
    "iryna",
    "kirill",
    "leonid",
    "liudmyla",
    "maksym",
    "mikhail",
    "mykhailo",
    "mykola",
    "nikolai",
    "oksana",
    "oleg",
    "oleh",
    "oleksandr",
    "oleksii",
    "olena",
    "pavlo",
    "petro",
    "pyotr",
    "ruslan",
    "rustam",
    "rustem",
    "sergei",
    "sergey",
    "sergiy",
    "serhii",
    "stanislav",
    "svitlana",
    "taras",
    "tetiana",
    "valerii",
    "valery",
    "vasyl",
    "viktor",
    "vitalii",
    "vitaly",
    "vladimir",
    "vladislav",
    "vladyslav",
    "volodymyr",
    "yaroslav",
    "yevgeny",
    "yevhen",
    "yulia",
    "yuliia",
    "yuri",
    "yurii",
];

/// Census given names that head capitalised runs far more often as another
/// word: months and days ("May 5", "Sunday Times"), and words that open
/// titles and headings ("Will Ukraine …", "Hope Fund", "Major League").
const NOT_GIVEN_NAMES: &[&str] = &[
    "april",
    "august",
    "christian",
    "dominican",
    "faith",
    "grace",
    "guy",
    "hope",
    "joy",
    "june",
    "king",
    "major",
    "may",
    "sunday",
    "will",
];

/// Every given name of both lists, lower case, as written.
fn listed() -> impl Iterator<Item = &'static str> {
    CENSUS_1990.lines().chain(TRANSLITERATED.iter().copied())
}

static GIVEN_NAMES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let not_given: FxHashSet<String> = NOT_GIVEN_NAMES.iter().map(|n| fold_name(n)).collect();
    listed()
        .map(fold_name)
        .filter(|name| !name.is_empty() && !not_given.contains(name))
        .collect()
});

/// The lists as written, lower case: folding joins spellings of one name
/// ("Andrii", "Andriy") but also two names ("Harry", "Gary").
static AS_WRITTEN: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| listed().collect());

/// Is this word, as written, a given name?
pub(super) fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.contains(&fold_name(word))
}

/// Are two or more of these spellings given names of their own ("Gary" and
/// "Harry"), so that they are not one name spelled two ways?
pub(super) fn several_given_names<'w>(forms: impl IntoIterator<Item = &'w str>) -> bool {
    let mut listed = forms
        .into_iter()
        .map(str::to_lowercase)
        .filter(|form| AS_WRITTEN.contains(form.as_str()))
        .collect::<Vec<_>>();
    listed.sort_unstable();
    listed.dedup();
    listed.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest as _, Sha256};

    #[test]
    fn the_shipped_list_is_the_one_remake_gives() {
        let sums = include_str!("given_names/SHA256SUMS");
        let expected = sums.split_whitespace().next().expect("a checksum");
        let actual: String = Sha256::digest(CENSUS_1990.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(actual, expected, "run bash src/facts/given_names/remake.sh");
        assert!(CENSUS_1990.lines().count() > 5_000);
    }

    #[test]
    fn given_names_across_spellings_and_not_the_words_they_share_a_spelling_with() {
        for name in [
            "Antony",
            "Jake",
            "Kathleen",
            "Marco",
            "Volodymyr",
            "Andrí",
            "Kiril",
        ] {
            assert!(is_given_name(name), "{name}");
        }
        for word in [
            "Economic",
            "Guarantees",
            "Budapest",
            "Public",
            "May",
            "Sunday",
            "Fox",
        ] {
            assert!(!is_given_name(word), "{word}");
        }
        assert!(several_given_names(["Gary", "Harry"]));
        assert!(!several_given_names(["Kiril", "Kirill"]));
        assert!(!several_given_names(["Zelensky", "Zelenskyy"]));
    }

    #[test]
    fn the_hand_written_lists_are_sorted() {
        for list in [TRANSLITERATED, NOT_GIVEN_NAMES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
