//! Bounds (pure): which counts a figure allows, from the words before it
//! ("more than 200", "some 16", "up to 5") or from a count written as a
//! word of many ("dozens of arrests"). Two figures of one quantity
//! contradict each other when no count is allowed by both: "dozens of
//! arrests" and "more than 200 people were arrested" do, "about 200" and
//! "more than 200" do not.

use crate::text::decimal::Decimal;

/// What the words before a figure say of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bound {
    /// No word before it: the figure itself.
    #[default]
    Exact,
    /// "more than", "over", "above": past it.
    Above,
    /// "at least", "no fewer than": it or more.
    AtLeast,
    /// "fewer than", "less than", "under": short of it.
    Below,
    /// "up to", "at most", "no more than": it or fewer.
    AtMost,
    /// "nearly", "almost": a little short of it.
    Nearly,
    /// "about", "some", "roughly": it, rounded ([`rounding`]).
    About,
    /// A count written as a word of many, "dozens" or "hundreds": from the
    /// figure up to short of `below`, where the next such word takes over
    /// ([`vague_count`]).
    Many {
        /// The least count the next word of many is used for.
        below: i128,
    },
    /// A word that hedges in a way not read here ("up 5 percent"): any count.
    Unknown,
}

/// The counts a bound allows, as `[low, high]` with open or closed ends.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Range {
    low: f64,
    low_included: bool,
    high: f64,
    high_included: bool,
}

impl Range {
    fn closed(low: f64, high: f64) -> Self {
        Range {
            low,
            low_included: true,
            high,
            high_included: true,
        }
    }

    /// Does `self` end before `other` starts?
    fn ends_before(&self, other: &Range) -> bool {
        self.high < other.low
            || (self.high == other.low && !(self.high_included && other.low_included))
    }
}

/// The bound the words before a figure state: `before` holds them in
/// order, lower-case, the word right before the figure last.
pub(super) fn bound_before(before: &[&str]) -> Bound {
    let word = |back: usize| {
        before
            .len()
            .checked_sub(back)
            .map(|i| before[i])
            .unwrap_or_default()
    };
    let denied = word(3) == "no";
    match (word(2), word(1)) {
        ("more" | "greater", "than") if denied => Bound::AtMost,
        ("more" | "greater", "than") => Bound::Above,
        ("fewer" | "less", "than") if denied => Bound::AtLeast,
        ("fewer" | "less", "than") => Bound::Below,
        (_, "than") => Bound::Unknown,
        ("at", "most") | ("up", "to") => Bound::AtMost,
        (_, "least") => Bound::AtLeast,
        (_, "over" | "above" | "exceeding" | "topping") => Bound::Above,
        (_, "under" | "below") => Bound::Below,
        (_, "nearly" | "almost") => Bound::Nearly,
        (_, "about" | "approximately" | "around" | "roughly" | "some" | "estimated") => {
            Bound::About
        }
        (_, "up") => Bound::Unknown,
        _ => Bound::Exact,
    }
}

/// Counts written as words of many, each with the least it stands for and
/// the word after which it stops being used: "dozens" are two dozen at
/// least, and from 200 a writer says "hundreds". The longest first.
const MANY: &[(&[&str], i128, i128)] = &[
    (&["tens", "of", "thousands"], 20_000, 200_000),
    (&["hundreds", "of", "thousands"], 200_000, 2_000_000),
    (&["dozens"], 24, 200),
    (&["hundreds"], 200, 2_000),
    (&["thousands"], 2_000, 20_000),
    (&["millions"], 2_000_000, 20_000_000),
];

/// A count written as a word of many at `index` ("dozens of arrests",
/// "hundreds were arrested"): its least value, and how many words it takes,
/// an "of" after it included.
pub(super) fn vague_count(words: &[&str], index: usize) -> Option<(Decimal, Bound, usize)> {
    let (phrase, least, below) = MANY.iter().find(|(phrase, _, _)| {
        phrase.iter().enumerate().all(|(k, w)| {
            words
                .get(index + k)
                .is_some_and(|x| x.eq_ignore_ascii_case(w))
        })
    })?;
    let of = words
        .get(index + phrase.len())
        .is_some_and(|w| w.eq_ignore_ascii_case("of"));
    Some((
        Decimal::from_integer(*least),
        Bound::Many { below: *below },
        phrase.len() + usize::from(of),
    ))
}

/// The counts `value` with `bound` allows.
fn range(value: Decimal, bound: Bound) -> Range {
    let v = value.to_f64();
    let half = rounding(value);
    let open = |low: f64, low_included: bool, high: f64, high_included: bool| Range {
        low,
        low_included,
        high,
        high_included,
    };
    match bound {
        Bound::Exact => Range::closed(v, v),
        Bound::Above => open(v, false, f64::INFINITY, false),
        Bound::AtLeast => Range::closed(v, f64::INFINITY),
        Bound::Below => open(f64::NEG_INFINITY, false, v, false),
        Bound::AtMost => Range::closed(f64::NEG_INFINITY, v),
        Bound::Nearly => open(v - 2.0 * half, true, v, false),
        Bound::About => Range::closed(v - half, v + half),
        Bound::Many { below } => open(v, true, below as f64, false),
        Bound::Unknown => Range::closed(f64::NEG_INFINITY, f64::INFINITY),
    }
}

/// How far a figure given roughly may be from the count: half the place of
/// its last digit that is not zero ("about 200": 150 to 250; "some 16": 16,
/// which 15 is not), two and a half of it for a last digit 5, as writers
/// round to fives ("about 25": 22.5 to 27.5).
fn rounding(value: Decimal) -> f64 {
    let text = value.to_string();
    let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
    let decimals = text.split_once('.').map_or(0, |(_, after)| after.len());
    let trailing_zeros = digits.iter().rev().take_while(|&&d| d == '0').count();
    let last = digits.iter().rev().find(|&&d| d != '0').copied();
    let exponent = i32::try_from(trailing_zeros).unwrap_or(i32::MAX)
        - i32::try_from(decimals).unwrap_or(i32::MAX);
    let place = 10f64.powi(exponent);
    if last == Some('5') {
        2.5 * place
    } else {
        0.5 * place
    }
}

/// Can no count be both `x` (with its bound) and `y`?
pub(super) fn disjoint(x: (Decimal, Bound), y: (Decimal, Bound)) -> bool {
    let (a, b) = (range(x.0, x.1), range(y.0, y.1));
    a.ends_before(&b) || b.ends_before(&a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(words: &str, value: i128) -> (Decimal, Bound) {
        let before: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
        (Decimal::from_integer(value), bound_before(&before))
    }

    fn many(words: &str) -> (Decimal, Bound) {
        let words: Vec<&str> = words.split(' ').collect();
        let (value, bound, _) = vague_count(&words, 0).expect("a count of many");
        (value, bound)
    }

    #[test]
    fn dozens_are_not_more_than_two_hundred() {
        assert!(disjoint(
            many("dozens of arrests"),
            figure("more than", 200)
        ));
        assert!(!disjoint(many("dozens of arrests"), figure("", 150)));
        assert!(!disjoint(
            many("hundreds of people"),
            figure("more than", 200)
        ));
        assert!(disjoint(many("hundreds of people"), figure("", 150)));
        assert!(disjoint(many("tens of thousands"), figure("", 5_000)));
        assert_eq!(
            vague_count(&["dozens", "of", "arrests"], 0).map(|(_, _, used)| used),
            Some(2)
        );
    }

    #[test]
    fn a_figure_given_roughly_allows_its_rounding() {
        assert!(disjoint(figure("some", 16), figure("", 15)));
        assert!(!disjoint(figure("about", 200), figure("", 230)));
        assert!(disjoint(figure("about", 200), figure("", 260)));
        assert!(!disjoint(figure("about", 25), figure("", 24)));
        assert!(!disjoint(figure("about", 200), figure("more than", 200)));
        assert!(disjoint(figure("nearly", 200), figure("", 200)));
        assert!(!disjoint(figure("nearly", 200), figure("", 190)));
    }

    #[test]
    fn bounds_against_figures() {
        assert!(disjoint(figure("more than", 200), figure("", 200)));
        assert!(!disjoint(figure("at least", 200), figure("", 200)));
        assert!(disjoint(figure("no more than", 5), figure("", 6)));
        assert!(!disjoint(figure("no more than", 5), figure("", 5)));
        assert!(disjoint(figure("up to", 5), figure("at least", 6)));
        assert!(!disjoint(figure("more than", 10), figure("at least", 20)));
        assert!(disjoint(figure("fewer than", 10), figure("", 10)));
        assert!(!disjoint(figure("up", 5), figure("", 9)));
        assert!(disjoint(figure("", 3), figure("", 4)));
        assert!(!disjoint(figure("", 3), figure("", 3)));
    }

    #[test]
    fn rounding_is_half_the_last_place() {
        let at = |v: i128| rounding(Decimal::from_integer(v));
        assert_eq!(at(16), 0.5);
        assert_eq!(at(200), 50.0);
        assert_eq!(at(150), 25.0);
        assert_eq!(at(5_600_000_000), 50_000_000.0);
    }
}
