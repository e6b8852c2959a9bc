//! Proleptic Gregorian calendar dates, just what time normalisation needs.
//!
//! Dates are days since 1970-01-01 under the hood (Howard Hinnant's civil-from-days
//! algorithms), so adding days and finding weekdays is arithmetic, with no table and no
//! dependency: `chrono` would add 12 KB to the wasm for the same few functions.
//!
//! ```
//! use dateline_engine::calendar::CalendarDate;
//! let date = CalendarDate::parse("2021-06-29").unwrap();
//! assert_eq!(date.weekday(), 1); // Monday = 0, so Tuesday = 1
//! assert_eq!(date.add_days(-1).to_string(), "2021-06-28");
//! ```

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl CalendarDate {
    /// A valid date, or None (month 1..=12, day within the month, year 1..=9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<CalendarDate> {
        if !(1..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        Some(CalendarDate { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<CalendarDate> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.get(..2)?.parse().ok()?;
        CalendarDate::new(year, month, day)
    }

    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> CalendarDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CalendarDate {
            year: year.clamp(1, 9999),
            month,
            day,
        }
    }

    pub fn add_days(self, n: i64) -> CalendarDate {
        CalendarDate::from_days_since_epoch(self.days_since_epoch() + n)
    }

    /// Monday = 0 ... Sunday = 6.
    pub fn weekday(self) -> u32 {
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }

    /// Adds months, clamping the day to the target month's length.
    pub fn add_months(self, n: i32) -> CalendarDate {
        let index = self.year * 12 + self.month as i32 - 1 + n;
        let year = index.div_euclid(12).clamp(1, 9999);
        let month = (index.rem_euclid(12) + 1) as u32;
        let day = self.day.min(days_in_month(year, month));
        CalendarDate { year, month, day }
    }

    /// ISO 8601 week: (week-based year, week number).
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(3 - i64::from(self.weekday()));
        let jan1 = CalendarDate {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = (thursday.days_since_epoch() - jan1.days_since_epoch()) / 7 + 1;
        (thursday.year, week as u32)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// English month names, January first (the app's timeline labels use them too).
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "August 11": a month and day as a reader writes them, for messages.
pub fn month_day_name(month: u32, day: u32) -> String {
    let name = month
        .checked_sub(1)
        .and_then(|idx| MONTH_NAMES.get(idx as usize))
        .copied()
        .unwrap_or("?");
    format!("{name} {day}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for days in [-700_000, -1, 0, 1, 11_000, 18_807, 2_000_000] {
            let date = CalendarDate::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        assert_eq!(CalendarDate::parse("1970-01-01").unwrap().weekday(), 3);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(CalendarDate::new(2021, 2, 29).is_none());
        assert!(CalendarDate::new(2020, 2, 29).is_some());
        assert!(CalendarDate::parse("2021-13-01").is_none());
        assert!(CalendarDate::parse("nonsense").is_none());
    }

    #[test]
    fn months_clamp_days_and_weeks_follow_iso() {
        let date = CalendarDate::new(2021, 1, 31).unwrap();
        assert_eq!(date.add_months(1).to_string(), "2021-02-28");
        assert_eq!(
            CalendarDate::new(2021, 1, 3).unwrap().iso_week(),
            (2020, 53)
        );
        assert_eq!(
            CalendarDate::new(2021, 6, 29).unwrap().iso_week(),
            (2021, 26)
        );
    }
}
