//! Dates stated in one sentence (pure): absolute ("March 18, 2015",
//! "21 December 2025", "Dec. 14"), weekdays ("on Saturday", "next Friday"),
//! "over the weekend", "yesterday", "today". Relative ones are resolved
//! against the source's `published` date; without it they are left out,
//! because a guess would make conflicts nobody can check.

use jiff::civil::{Date, Weekday};
use serde::Serialize;

use super::lexicon::{YEARS, month_number};
use super::predicates::nearest_predicate;
use super::tokens::{Token, join_words};

/// A day, or a run of days ("the weekend of December 21, 2025"), stated in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateFact {
    /// As written ("Saturday", "Weekend of December 21,2025").
    pub text: String,
    /// First day meant (ISO 8601).
    #[serde(serialize_with = "iso")]
    pub first: Date,
    /// Last day meant; the same as `first` for one day.
    #[serde(serialize_with = "iso")]
    pub last: Date,
    /// The publication day a relative date ("Saturday", "yesterday") was
    /// resolved against; none for an absolute date.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "iso_option")]
    pub relative_to: Option<Date>,
    /// What happened then, when the sentence says ("killed", "launched").
    pub predicate: Option<&'static str>,
}

fn iso<S: serde::Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

fn iso_option<S: serde::Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(date),
        None => serializer.serialize_none(),
    }
}

/// Two dates further apart than this are about different events ("Thursday"
/// and "the Nov. 5, 2009 rampage"), not a disagreement on when one happened.
const SAME_EVENT_DAYS: i32 = 7;

/// The day numbers a month can have: "the 45th" is no date.
const DAYS_OF_MONTH: std::ops::RangeInclusive<i8> = 1..=31;

/// A day more than this many days before publication is an earlier event
/// recalled ("In December 2012, …"), not this story's.
const RECALLED_AFTER_DAYS: i64 = 31;

/// A day without a year falling more than this many days after publication
/// is last year's ("Dec. 30" in a story of January 3).
const LAST_YEAR_AFTER_DAYS: i64 = 31;

impl DateFact {
    /// Do the two mean days that cannot be the same?
    pub(crate) fn disjoint(&self, other: &DateFact) -> bool {
        self.last < other.first || other.last < self.first
    }

    /// Do the two give different days for what may be one event: disjoint,
    /// but within a week of each other, and resolved against the same day
    /// when both are relative ("Saturday" read a week later is another Saturday)?
    pub(crate) fn disagrees(&self, other: &DateFact) -> bool {
        let gap = |from: Date, to: Date| from.until(to).map_or(i32::MAX, |span| span.get_days());
        let apart = if self.last < other.first {
            gap(self.last, other.first)
        } else {
            gap(other.last, self.first)
        };
        self.disjoint(other)
            && apart <= SAME_EVENT_DAYS
            && match (self.relative_to, other.relative_to) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            }
    }
}

/// Is this (lowercase) word a day of the week?
pub(super) fn is_weekday(lower: &str) -> bool {
    WEEKDAYS.iter().any(|(name, _)| *name == lower)
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("friday", Weekday::Friday),
    ("monday", Weekday::Monday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
    ("thursday", Weekday::Thursday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
];

/// Month number of a month word ("Dec.", "december").
fn month(lower: &str) -> Option<i8> {
    month_number(lower.trim_end_matches('.'))
}

fn day_number(token: Option<&Token<'_>>) -> Option<i8> {
    let text = token?.text;
    let digits = text
        .strip_suffix("st")
        .or_else(|| text.strip_suffix("nd"))
        .or_else(|| text.strip_suffix("rd"))
        .or_else(|| text.strip_suffix("th"))
        .unwrap_or(text);
    digits
        .parse::<i8>()
        .ok()
        .filter(|d| DAYS_OF_MONTH.contains(d))
}

fn year_number(token: Option<&Token<'_>>) -> Option<i16> {
    token?
        .text
        .parse::<i16>()
        .ok()
        .filter(|y| YEARS.contains(y))
}

/// Dates stated in `tokens`, relative ones resolved against `published`.
pub(super) fn dates(tokens: &[Token<'_>], published: Option<Date>) -> Vec<DateFact> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let found =
            absolute(tokens, index, published).or_else(|| relative(tokens, index, published?));
        match found {
            Some((first, last, end, relative_to)) => {
                let start = weekend_start(tokens, index).unwrap_or(index);
                let (first, last) = if start < index {
                    weekend_around(first)
                } else {
                    (first, last)
                };
                out.push(DateFact {
                    text: join_words(&tokens[start..end]),
                    first,
                    last,
                    relative_to,
                    predicate: date_predicate(tokens, start, end),
                });
                index = end;
            }
            None => index += 1,
        }
    }
    out
}

/// What happened on a date: the predicate nearest to it in its clause, or,
/// for a date that opens the sentence before a comma ("On Wednesday, the
/// House voted …"), the first one of the clause after it.
fn date_predicate(tokens: &[Token<'_>], start: usize, end: usize) -> Option<&'static str> {
    let near = nearest_predicate(tokens, start, end).0;
    let opens = tokens[..start]
        .iter()
        .all(|t| matches!(t.lower(), "on" | "last" | "early" | "late" | "by"));
    let comma_after = tokens.get(end).is_some_and(|t| t.comma);
    if near.is_some() || !opens || !comma_after {
        return near;
    }
    // From the word after the comma: "the House voted".
    let after_comma = (end + 1).min(tokens.len());
    nearest_predicate(tokens, after_comma, after_comma).0
}

/// Does the sentence recall an earlier event: a year before the publication's,
/// or a day more than a month before it ("In December 2012, 20 children were
/// killed")? Unknown without a publication date.
pub(super) fn recalls_past(
    tokens: &[Token<'_>],
    dates: &[DateFact],
    published: Option<Date>,
) -> bool {
    published.is_some_and(|published| {
        let month_before = published.saturating_sub(jiff::Span::new().days(RECALLED_AFTER_DAYS));
        dates.iter().any(|d| d.last < month_before)
            || tokens
                .iter()
                .any(|t| year_number(Some(t)).is_some_and(|year| year < published.year()))
    })
}

/// "Weekend of December 21": where "weekend" starts, when it qualifies the date at `index`.
fn weekend_start(tokens: &[Token<'_>], index: usize) -> Option<usize> {
    let of = index.checked_sub(1)?;
    let weekend = of.checked_sub(1)?;
    (tokens[of].lower() == "of" && tokens[weekend].lower() == "weekend").then_some(weekend)
}

/// The Saturday and Sunday of the weekend `date` falls in or ends.
fn weekend_around(date: Date) -> (Date, Date) {
    match date.weekday() {
        Weekday::Saturday => (date, date.tomorrow().unwrap_or(date)),
        Weekday::Sunday => (date.yesterday().unwrap_or(date), date),
        _ => (date, date),
    }
}

/// "December 21, 2025", "Dec. 14", "21 December 2025"; a missing year is the
/// publication's (or the year before, when that would put the day well after publication).
fn absolute(
    tokens: &[Token<'_>],
    index: usize,
    published: Option<Date>,
) -> Option<(Date, Date, usize, Option<Date>)> {
    if let (Some(month), Some(year)) = (
        month(tokens[index].lower()),
        year_number(tokens.get(index + 1)),
    ) {
        // "December 2012": the whole month.
        let first = Date::new(year, month, 1).ok()?;
        return Some((first, first.last_of_month(), index + 2, None));
    }
    let (month, day, mut end) = if let Some(month) = month(tokens[index].lower()) {
        (month, tokens.get(index + 1), index + 2)
    } else {
        (
            month(tokens.get(index + 1)?.lower())?,
            tokens.get(index),
            index + 2,
        )
    };
    // "December 21,2025" reaches here as one word, like "1,000".
    let (day, glued_year) = match day?.text.split_once(',') {
        Some((day, year)) => (day.parse().ok(), year.parse().ok()),
        None => (day_number(day), None),
    };
    let day: i8 = day.filter(|d| DAYS_OF_MONTH.contains(d))?;
    let year = if let Some(year) = glued_year {
        year
    } else if let Some(year) = year_number(tokens.get(end)) {
        end += 1;
        year
    } else {
        let published = published?;
        let same_year = Date::new(published.year(), month, day).ok()?;
        let late = published
            .checked_add(jiff::Span::new().days(LAST_YEAR_AFTER_DAYS))
            .ok()?;
        if same_year > late {
            published.year() - 1
        } else {
            published.year()
        }
    };
    let date = Date::new(year, month, day).ok()?;
    Some((date, date, end, None))
}

/// "Saturday", "next Friday", "over the weekend", "yesterday", "today".
fn relative(
    tokens: &[Token<'_>],
    index: usize,
    published: Date,
) -> Option<(Date, Date, usize, Option<Date>)> {
    let word = tokens[index].lower();
    let before = index.checked_sub(1).map(|i| tokens[i].lower());
    let ahead = matches!(before, Some("next" | "for" | "until" | "coming"));
    let (first, last) = match word {
        "today" | "tonight" => (published, published),
        "yesterday" => {
            let day = published.yesterday().ok()?;
            (day, day)
        }
        "weekend"
            if !ahead
                && tokens
                    .get(index + 1)
                    .is_none_or(|next| next.lower() != "of") =>
        {
            let sunday = last_on_or_before(published, Weekday::Sunday)?;
            (sunday.yesterday().ok()?, sunday)
        }
        _ => {
            let weekday = WEEKDAYS.iter().find(|(name, _)| *name == word)?.1;
            // "Friday, Nov. 7, 2014": the date that follows says it.
            if tokens
                .get(index + 1)
                .is_some_and(|next| month(next.lower()).is_some())
            {
                return None;
            }
            let day = if ahead {
                published.nth_weekday(1, weekday).ok()?
            } else {
                last_on_or_before(published, weekday)?
            };
            (day, day)
        }
    };
    Some((first, last, index + 1, Some(published)))
}

fn last_on_or_before(date: Date, weekday: Weekday) -> Option<Date> {
    if date.weekday() == weekday {
        Some(date)
    } else {
        date.nth_weekday(-1, weekday).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tokens::tokens;

    fn day(text: &str) -> Date {
        text.parse().expect("date")
    }

    fn dates_of(text: &str, published: Option<&str>) -> Vec<(String, String, bool)> {
        dates(&tokens(text), published.map(day))
            .into_iter()
            .map(|d| {
                (
                    d.first.to_string(),
                    d.last.to_string(),
                    d.relative_to.is_some(),
                )
            })
            .collect()
    }

    #[test]
    fn a_date_that_opens_the_sentence_takes_the_verb_after_its_comma() {
        let published = Some(day("2011-11-02"));
        let opened = dates(
            &tokens("On Wednesday, the House voted 396-9 on a bill."),
            published,
        );
        assert_eq!(opened[0].predicate, Some("voted"));
        let passed = dates(
            &tokens("The resolution passed Tuesday, and was sent on."),
            published,
        );
        assert_eq!(passed[0].predicate, Some("voted"));
        // Not opening the sentence: the clause after the comma is another one.
        let inside = dates(
            &tokens("He spoke on Wednesday, and the House voted."),
            published,
        );
        assert_eq!(inside[0].predicate, None);
    }

    #[test]
    fn month_words_in_every_form_have_their_number() {
        let forms = [
            ("Jan.", 1),
            ("February", 2),
            ("mar", 3),
            ("Apr.", 4),
            ("May", 5),
            ("june", 6),
            ("Jul", 7),
            ("aug.", 8),
            ("Sept.", 9),
            ("sep", 9),
            ("October", 10),
            ("nov", 11),
            ("DEC.", 12),
        ];
        for (word, number) in forms {
            assert_eq!(month(&word.to_lowercase()), Some(number), "{word}");
        }
        for word in ["mayor", "march.ing", "decade", "ma", ""] {
            assert_eq!(month(word), None, "{word}");
        }
    }

    #[test]
    fn absolute_dates_with_and_without_year() {
        assert_eq!(
            dates_of("The shooting happened on March 18, 2015 in Stockton.", None),
            [("2015-03-18".into(), "2015-03-18".into(), false)]
        );
        assert_eq!(
            dates_of(
                "On December 29, experts discussed the talks.",
                Some("2025-12-29")
            ),
            [("2025-12-29".into(), "2025-12-29".into(), false)]
        );
        // Published in January: "Dec. 30" is the December before.
        assert_eq!(
            dates_of("He was killed on Dec. 30.", Some("2015-01-03"))[0].0,
            "2014-12-30"
        );
        assert!(dates_of("On December 29, experts met.", None).is_empty());
        assert_eq!(
            dates_of("In December 2012, 20 children were killed.", None),
            [("2012-12-01".into(), "2012-12-31".into(), false)]
        );
    }

    #[test]
    fn weekend_of_a_date_is_two_days() {
        assert_eq!(
            dates_of("Date Weekend of December 21,2025", None),
            [("2025-12-20".into(), "2025-12-21".into(), false)]
        );
        // 002, published Monday 2025-12-22: "over the weekend".
        assert_eq!(
            dates_of(
                "The talks spanned three days over the weekend.",
                Some("2025-12-22")
            ),
            [("2025-12-20".into(), "2025-12-21".into(), true)]
        );
    }

    #[test]
    fn weekdays_resolve_against_publication() {
        // Published Monday 2025-12-22.
        assert_eq!(
            dates_of(
                "Witkoff, on X on Sunday, described the meetings.",
                Some("2025-12-22")
            )[0]
            .0,
            "2025-12-21"
        );
        assert_eq!(
            dates_of("A meeting is scheduled for Saturday.", Some("2025-12-22"))[0].0,
            "2025-12-27"
        );
        assert!(dates_of("A meeting is scheduled for Saturday.", None).is_empty());
        // The date after the weekday says it.
        assert_eq!(
            dates_of(
                "Shot in Compton on Friday, Nov. 7, 2014.",
                Some("2014-11-09")
            ),
            [("2014-11-07".into(), "2014-11-07".into(), false)]
        );
    }
}
