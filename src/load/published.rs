//! `published:` values (pure): ISO 8601 dates and date-times, and the
//! written dates scraped pages carry ("March 2, 2024", "2 March 2024",
//! "12/22/2025") where they can mean one day only.

use crate::model::Published;

/// Why a `published` value is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not a date this reads.
    #[error(
        "is not a date this reads (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS, \"March 2, 2024\", \"2 March 2024\" or 12/22/2025)"
    )]
    NotIso8601,
    /// Day and month can be read either way round ("3/4/2025").
    #[error("could be {month_first} or {day_first} (month or day first); write it as YYYY-MM-DD")]
    Ambiguous {
        /// Read month first, as in the US.
        month_first: jiff::civil::Date,
        /// Read day first, as in most of the world.
        day_first: jiff::civil::Date,
    },
    /// Later than tomorrow: a typo, or a clock that is wrong.
    #[error("is in the future (today is {today})")]
    InTheFuture {
        /// The day the run took for today.
        today: jiff::civil::Date,
    },
}

/// Parse an ISO 8601 date or date-time. A UTC offset or zone is accepted and the
/// civil (wall-clock) part kept: articles state local times; `Z` (UTC, as
/// exports write it, fractional seconds or not) keeps the time in UTC.
pub fn parse_published(text: &str) -> Result<Published, DateError> {
    let text = text.trim();
    // jiff's Date parser also accepts a date-time (dropping the time), so a
    // value with a time part is tried as a date-time first.
    let has_time = text.len() > "YYYY-MM-DD".len();
    let published = if has_time && let Ok(datetime) = text.parse::<jiff::civil::DateTime>() {
        Published::DateTime(datetime)
    } else if has_time && let Ok(instant) = text.parse::<jiff::Timestamp>() {
        // RFC 3339 with `Z` (UTC), which the civil parser refuses: the time in UTC.
        Published::DateTime(instant.to_zoned(jiff::tz::TimeZone::UTC).datetime())
    } else if let Ok(date) = text.parse::<jiff::civil::Date>() {
        Published::Date(date)
    } else {
        Published::Date(written_date(text)?)
    };
    let today = jiff::Zoned::now().date();
    if published.date() > today.saturating_add(jiff::Span::new().days(1)) {
        return Err(DateError::InTheFuture { today });
    }
    Ok(published)
}

/// Month names as pages write them, full and short ("Sept." too), lower case.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sep", "sept"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

/// A date written out: "March 2, 2024", "Mar. 2 2024", "2 March 2024",
/// "Monday, March 2, 2024", or with slashes, "12/22/2025" and "22/12/2025"
/// (whichever of the two numbers is over 12 is the day; "3/4/2025" is
/// refused as ambiguous rather than guessed).
fn written_date(text: &str) -> Result<jiff::civil::Date, DateError> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let (year, month, day) = match words.as_slice() {
        [slashed] => return slashed_date(slashed),
        [.., a, b, year] => match (month_number(a), month_number(b)) {
            (Some(month), None) => (*year, month, *b),
            (None, Some(month)) => (*year, month, *a),
            _ => return Err(DateError::NotIso8601),
        },
        _ => return Err(DateError::NotIso8601),
    };
    let leading = &words[..words.len() - 3];
    if leading.len() > 1 || leading.iter().any(|w| !is_weekday(w)) {
        return Err(DateError::NotIso8601);
    }
    let day = day
        .trim_end_matches(|c: char| c.is_ascii_alphabetic()) // "2nd", "21st"
        .parse()
        .map_err(|_| DateError::NotIso8601)?;
    let year = year.parse().map_err(|_| DateError::NotIso8601)?;
    jiff::civil::Date::new(year, month, day).map_err(|_| DateError::NotIso8601)
}

/// `M/D/YYYY` or `D/M/YYYY`, whichever reads as one day only.
fn slashed_date(text: &str) -> Result<jiff::civil::Date, DateError> {
    let parts: Vec<&str> = text.split('/').collect();
    let [first, second, year] = parts.as_slice() else {
        return Err(DateError::NotIso8601);
    };
    let number = |part: &str| -> Result<i8, DateError> {
        if (1..=2).contains(&part.len()) {
            part.parse().map_err(|_| DateError::NotIso8601)
        } else {
            Err(DateError::NotIso8601)
        }
    };
    let (first, second) = (number(first)?, number(second)?);
    let year: i16 = match year.len() {
        4 => year.parse().map_err(|_| DateError::NotIso8601)?,
        _ => return Err(DateError::NotIso8601),
    };
    let month_first = jiff::civil::Date::new(year, first, second).ok();
    let day_first = jiff::civil::Date::new(year, second, first).ok();
    match (month_first, day_first) {
        (Some(a), Some(b)) if a != b => Err(DateError::Ambiguous {
            month_first: a,
            day_first: b,
        }),
        (Some(date), _) | (None, Some(date)) => Ok(date),
        (None, None) => Err(DateError::NotIso8601),
    }
}

fn month_number(word: &str) -> Option<i8> {
    let word = word.to_lowercase();
    let index = MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()))?;
    i8::try_from(index + 1).ok()
}

/// A weekday before the date ("Monday, March 2, 2024"): read past, not checked.
fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = word.to_lowercase();
    WEEKDAYS
        .iter()
        .any(|day| *day == word || (word.len() == 3 && day.starts_with(word.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_3339_times_are_read_with_z_offsets_and_fractions() {
        for (text, shown) in [
            ("2024-03-03T10:00:00Z", "2024-03-03T10:00:00"),
            ("2024-03-03T10:00:00.000Z", "2024-03-03T10:00:00"),
            ("2024-03-03T10:00:00+02:00", "2024-03-03T10:00:00"),
            ("2024-03-03T10:00:00.5", "2024-03-03T10:00:00"),
            ("2024-03-03", "2024-03-03"),
        ] {
            let published = parse_published(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(published.to_string(), shown, "{text}");
        }
        assert_eq!(parse_published("last Tuesday"), Err(DateError::NotIso8601));
    }

    #[test]
    fn written_dates_are_read_where_they_name_one_day() {
        for (text, shown) in [
            ("March 2, 2024", "2024-03-02"),
            ("Mar. 2 2024", "2024-03-02"),
            ("2 March 2024", "2024-03-02"),
            ("Sept 21st, 2025", "2025-09-21"),
            ("Monday, December 22, 2025", "2025-12-22"),
            ("12/22/2025", "2025-12-22"),
            ("22/12/2025", "2025-12-22"),
            ("4/4/2025", "2025-04-04"),
        ] {
            let published = parse_published(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(published.to_string(), shown, "{text}");
        }
        assert!(matches!(
            parse_published("3/4/2025"),
            Err(DateError::Ambiguous { .. })
        ));
        for refused in [
            "March 32, 2024",
            "Smarch 2, 2024",
            "2/30/2025",
            "12/22/25",
            "sometime in March 2, 2024",
            "March 2",
        ] {
            assert_eq!(
                parse_published(refused),
                Err(DateError::NotIso8601),
                "{refused}"
            );
        }
    }
}
