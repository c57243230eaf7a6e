//! `published:` values (pure): ISO 8601 dates and date-times.

use crate::model::Published;

/// Why a `published` value is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not a date this reads.
    #[error("is not an ISO 8601 date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)")]
    NotIso8601,
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
        return Err(DateError::NotIso8601);
    };
    let today = jiff::Zoned::now().date();
    if published.date() > today.saturating_add(jiff::Span::new().days(1)) {
        return Err(DateError::InTheFuture { today });
    }
    Ok(published)
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
}
