//! ISO 8601 instants and TimeML values as numbers on one axis, and dates in words.
//!
//! The timeline needs one number per instant to place things and compare them. Times in a
//! news story are wall-clock times without a zone ("Monday night" in Syria), so the axis is
//! a *naive* calendar: minutes since 1970-01-01T00:00 of the story's own clock, with no
//! time zone and no leap seconds. Civil dates convert to day numbers with Howard Hinnant's
//! `days_from_civil` (exact for the proleptic Gregorian calendar, any year), which costs a
//! handful of integer operations and needs no date crate.
//!
//! ```ignore
//! let night = parse_instant("2021-06-28T18:00").unwrap();
//! assert_eq!(date_words(night), "Monday 28 June 2021");
//! ```

use dateline_engine::calendar::MONTH_NAMES as MONTHS;

/// Minutes in a day: the axis unit is the minute.
pub const DAY: f64 = 1440.0;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Day number (days since 1970-01-01) of a civil date. `month` is 1-12.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let month = i64::from(month);
    let day = i64::from(day);
    let year = if month <= 2 { year - 1 } else { year };
    let era = if year >= 0 { year } else { year - 399 } / 400;
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date `(year, month 1-12, day 1-31)` of a day number.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
pub fn weekday(days: i64) -> usize {
    (days + 3).rem_euclid(7) as usize
}

pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

pub fn weekday_name(days: i64) -> &'static str {
    WEEKDAYS[weekday(days)]
}

/// Minutes since the epoch of the first instant of a civil date.
pub fn minute_of_date(year: i64, month: u32, day: u32) -> f64 {
    days_from_civil(year, month, day) as f64 * DAY
}

/// The day number an axis minute falls on.
pub fn day_of_minute(minute: f64) -> i64 {
    (minute / DAY).floor() as i64
}

fn number<T: std::str::FromStr>(text: &str, len: usize) -> Option<T> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally followed by `THH:MM` or `THH:MM:SS`,
/// to the first minute it names. Anything else (`PAST_REF`, `XXXX-WXX-1`, `P3D`) is `None`.
pub fn parse_instant(text: &str) -> Option<f64> {
    let (date, clock) = match text.split_once('T') {
        Some((date, clock)) => (date, Some(clock)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let year: i64 = number(parts.next()?, 4)?;
    let month: u32 = parts.next().map_or(Some(1), |m| number(m, 2))?;
    let day: u32 = parts.next().map_or(Some(1), |d| number(d, 2))?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut minute = minute_of_date(year, month, day);
    if let Some(clock) = clock {
        let mut fields = clock.split(':');
        let hour: u32 = number(fields.next()?, 2)?;
        let minutes: u32 = number(fields.next()?, 2)?;
        if hour > 24 || minutes > 59 {
            return None;
        }
        minute += f64::from(hour * 60 + minutes);
    }
    Some(minute)
}

/// The span `[from, to)` a TimeML value covers when the engine gave no `from`/`to`: a year,
/// a month, a day, a part of a day (the engine's documented hours: morning 06-12,
/// afternoon 12-18, evening 18-24, night 18-06), a clock time (its hour or minute) or an ISO
/// week. References (`PAST_REF`) and underspecified values cover nothing.
pub fn parse_span(value: &str) -> Option<(f64, f64)> {
    if let Some((year, week)) = value.split_once("-W") {
        let year: i64 = number(year, 4)?;
        let week: i64 = number(week, 2)?;
        // ISO week 1 holds the year's first Thursday: its Monday is the one on or before 4 January.
        let jan4 = days_from_civil(year, 1, 4);
        let monday = jan4 - weekday(jan4) as i64 + (week - 1) * 7;
        return Some((monday as f64 * DAY, (monday + 7) as f64 * DAY));
    }
    let (date, clock) = match value.split_once('T') {
        Some((date, clock)) => (date, Some(clock)),
        None => (value, None),
    };
    let start = parse_instant(date)?;
    let end = match date.len() {
        4 => {
            let (year, _, _) = civil_from_days(day_of_minute(start));
            minute_of_date(year + 1, 1, 1)
        }
        7 => {
            let (year, month, _) = civil_from_days(day_of_minute(start));
            if month == 12 {
                minute_of_date(year + 1, 1, 1)
            } else {
                minute_of_date(year, month + 1, 1)
            }
        }
        _ => start + DAY,
    };
    match clock {
        None => Some((start, end)),
        Some(part) => {
            let hours = match part {
                "MO" => Some((6.0, 12.0)),
                "AF" => Some((12.0, 18.0)),
                "EV" => Some((18.0, 24.0)),
                "NI" => Some((18.0, 30.0)),
                "DT" => Some((9.0, 17.0)),
                _ => None,
            };
            if let Some((from, to)) = hours {
                return Some((start + from * 60.0, start + to * 60.0));
            }
            let at = parse_instant(value)?;
            // "10:00" from "10 a.m." names its hour; the engine writes minutes when it has them.
            Some((at, at + 60.0))
        }
    }
}

/// "Sunday 27 June 2021".
pub fn date_words(minute: f64) -> String {
    let days = day_of_minute(minute);
    let (year, month, day) = civil_from_days(days);
    format!("{} {day} {} {year}", weekday_name(days), month_name(month))
}

/// "27 Jun", for tight labels.
pub fn short_date(minute: f64) -> String {
    let (_, month, day) = civil_from_days(day_of_minute(minute));
    format!("{day} {}", &month_name(month)[..3])
}

/// "18:00".
pub fn clock(minute: f64) -> String {
    let in_day = minute.rem_euclid(DAY).round() as i64;
    format!("{:02}:{:02}", in_day / 60 % 24, in_day % 60)
}

/// A time value said in words, for labels and screen readers: "Sunday 27 June 2021",
/// "Monday 28 June 2021, night", "June 2021", "between 1 June and 28 June 2021".
pub fn describe(value: &str, from: Option<&str>, to: Option<&str>) -> Option<String> {
    match value {
        "PAST_REF" => return Some("Earlier, date not given".into()),
        "FUTURE_REF" => return Some("Later, date not given".into()),
        "PRESENT_REF" => return Some("Now, at publication".into()),
        _ => {}
    }
    let part_of_day = |code: &str| match code {
        "MO" => Some("morning"),
        "AF" => Some("afternoon"),
        "EV" => Some("evening"),
        "NI" => Some("night"),
        "DT" => Some("daytime"),
        _ => None,
    };
    if let Some((date, clock_text)) = value.split_once('T') {
        if date.len() == 10 {
            if let Some(day) = parse_instant(date) {
                if let Some(part) = part_of_day(clock_text) {
                    return Some(format!("{}, {part}", date_words(day)));
                }
                if let Some(at) = parse_instant(value) {
                    return Some(format!("{}, {}", date_words(day), clock(at)));
                }
            }
        }
    }
    if let Some(start) = parse_instant(value) {
        let (year, month, _) = civil_from_days(day_of_minute(start));
        return Some(match value.len() {
            4 => year.to_string(),
            7 => format!("{} {year}", month_name(month)),
            _ => date_words(start),
        });
    }
    if let Some((_, week)) = value.split_once("-W") {
        if let Some((start, _)) = parse_span(value) {
            return Some(format!("week {week}, from {}", date_words(start)));
        }
    }
    let from = from.and_then(parse_instant)?;
    let to = to.and_then(parse_instant)?;
    let last = to - 1.0;
    Some(if day_of_minute(from) == day_of_minute(last) {
        date_words(from)
    } else {
        format!("between {} and {}", date_words(from), date_words(last))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for days in [-800_000, -1, 0, 59, 18_806, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn weekdays_and_words() {
        let sunday = parse_instant("2021-06-27").unwrap();
        assert_eq!(date_words(sunday), "Sunday 27 June 2021");
        assert_eq!(
            date_words(parse_instant("2021-06-29T12:30").unwrap()),
            "Tuesday 29 June 2021"
        );
        assert_eq!(short_date(sunday), "27 Jun");
        assert_eq!(clock(parse_instant("2021-06-28T18:05").unwrap()), "18:05");
    }

    #[test]
    fn instants_parse_to_minutes() {
        let day = parse_instant("2021-06-28").unwrap();
        assert_eq!(
            parse_instant("2021-06-28T18:00").unwrap() - day,
            18.0 * 60.0
        );
        assert_eq!(
            parse_instant("2021-06-28T18:00:00").unwrap() - day,
            18.0 * 60.0
        );
        assert_eq!(parse_instant("2021"), parse_instant("2021-01-01"));
        for bad in [
            "PAST_REF",
            "XXXX-WXX-1",
            "P3D",
            "2021-13-01",
            "21-06-01",
            "",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
    }

    #[test]
    fn spans_of_values_without_from_and_to() {
        let day = parse_instant("2021-06-28").unwrap();
        // A night runs from 18:00 into the next morning: it sits at night, not at noon.
        assert_eq!(
            parse_span("2021-06-28TNI"),
            Some((day + 18.0 * 60.0, day + 30.0 * 60.0))
        );
        assert_eq!(parse_span("2021-06-28"), Some((day, day + DAY)));
        let (from, to) = parse_span("2021-06").unwrap();
        assert_eq!((to - from) / DAY, 30.0);
        let (from, to) = parse_span("2020").unwrap();
        assert_eq!((to - from) / DAY, 366.0);
        let (monday, sunday_end) = parse_span("2021-W26").unwrap();
        assert_eq!(date_words(monday), "Monday 28 June 2021");
        assert_eq!((sunday_end - monday) / DAY, 7.0);
        assert_eq!(parse_span("PAST_REF"), None);
    }

    #[test]
    fn values_said_in_words() {
        assert_eq!(
            describe("2021-06-27", None, None).unwrap(),
            "Sunday 27 June 2021"
        );
        assert_eq!(
            describe("2021-06-28TNI", None, None).unwrap(),
            "Monday 28 June 2021, night"
        );
        assert_eq!(describe("2021-06", None, None).unwrap(), "June 2021");
        assert_eq!(
            describe("XXXX", Some("2021-06-01"), Some("2021-06-29")).unwrap(),
            "between Tuesday 1 June 2021 and Monday 28 June 2021"
        );
        assert_eq!(
            describe("PAST_REF", None, None).unwrap(),
            "Earlier, date not given"
        );
        assert_eq!(describe("P3D", None, None), None);
    }
}
