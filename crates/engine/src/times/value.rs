//! Resolved time values: what a TIMEX3 `value` means on the calendar.
//!
//! The tagger resolves an expression to a [`Value`] (a day, a week, a quarter, ...), and
//! this module writes it out twice: as the TimeML `value` string (`2021-06-28TNI`,
//! `2021-W25`, `199`) and as the interval of instants it covers (`from`, `to`, ISO 8601,
//! `to` exclusive), which is what the timeline draws. Values that are not anchored on the
//! calendar (durations, sets, `PAST_REF`, `XXXX-WXX-1`) are kept as text and cover no
//! interval.
//!
//! Documented ranges: a part of the day covers morning 06:00-12:00, afternoon 12:00-18:00,
//! evening 18:00-24:00, night 18:00 to 06:00 the next day; a clock time covers its minute
//! (or its hour, when only the hour is given); a week runs Monday to Monday (ISO 8601); a
//! weekend Saturday to Monday; a season is meteorological (spring March-May, summer
//! June-August, fall September-November, winter December to March of the next year).
//!
//! ```
//! use dateline_engine::calendar::CalendarDate;
//! use dateline_engine::times::value::Value;
//! use dateline_engine::times::lexicon::PartOfDay;
//! let monday = CalendarDate::new(2021, 6, 28).unwrap();
//! let night = Value::DayPart(monday, PartOfDay::Night);
//! assert_eq!(night.timeml(), "2021-06-28TNI");
//! assert_eq!(night.range().unwrap().0, "2021-06-28T18:00");
//! ```

use super::lexicon::{PartOfDay, Season, Unit};
use crate::calendar::CalendarDate;
use crate::document::push_decimal;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Day(CalendarDate),
    DayPart(CalendarDate, PartOfDay),
    /// A clock time; `has_minute` is false for "10 a.m." (the hour is the granularity).
    Clock {
        date: CalendarDate,
        hour: u32,
        minute: u32,
        has_minute: bool,
    },
    /// The ISO week containing the date.
    Week(CalendarDate),
    /// The weekend of the ISO week containing the date.
    Weekend(CalendarDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, Season),
    Year(i32),
    /// The first three digits of the years: 199 for the 1990s.
    Decade(i32),
    /// The first two digits: 19 for the 1900s ("the 20th century").
    Century(i32),
    /// Anything not anchored: durations, sets, references, underspecified dates.
    Text(String),
}

impl Value {
    pub fn timeml(&self) -> String {
        match self {
            Value::Day(date) => {
                let mut text = String::with_capacity("YYYY-MM-DD".len());
                push_date(&mut text, *date);
                text
            }
            Value::DayPart(date, part) => {
                let mut text = String::with_capacity("YYYY-MM-DDTMO".len());
                push_date(&mut text, *date);
                text.push('T');
                text.push_str(part.code());
                text
            }
            Value::Clock {
                date, hour, minute, ..
            } => {
                let mut text = String::with_capacity("YYYY-MM-DDTHH:MM".len());
                push_date(&mut text, *date);
                text.push('T');
                push_clock(&mut text, *hour, *minute);
                text
            }
            Value::Week(date) => {
                let (year, week) = date.iso_week();
                format!("{year:04}-W{week:02}")
            }
            Value::Weekend(date) => {
                let (year, week) = date.iso_week();
                format!("{year:04}-W{week:02}-WE")
            }
            Value::Month(year, month) => format!("{year:04}-{month:02}"),
            Value::Quarter(year, quarter) => format!("{year:04}-Q{quarter}"),
            Value::Half(year, half) => format!("{year:04}-H{half}"),
            Value::Season(year, season) => format!("{year:04}-{}", season.code()),
            Value::Year(year) => format!("{year:04}"),
            Value::Decade(decade) => format!("{decade:03}"),
            Value::Century(century) => format!("{century:02}"),
            Value::Text(text) => text.clone(),
        }
    }

    /// The day a chained reference ("the following day", "that night") counts from.
    pub fn day(&self) -> Option<CalendarDate> {
        match self {
            Value::Day(date) | Value::DayPart(date, _) | Value::Clock { date, .. } => Some(*date),
            _ => None,
        }
    }

    /// The interval covered, `from` inclusive and `to` exclusive, as `YYYY-MM-DDTHH:MM`.
    pub fn range(&self) -> Option<(String, String)> {
        let ((start, start_minutes), (end, end_minutes)) = self.interval()?;
        Some((instant(start, start_minutes), instant(end, end_minutes)))
    }

    /// The day [`Value::range`]'s `from` falls on, without writing it out.
    pub fn start_day(&self) -> Option<CalendarDate> {
        let (start, _) = self.interval()?;
        instant_day(start)
    }

    /// The day [`Value::range`]'s `to` falls on, without writing it out.
    pub fn end_day(&self) -> Option<CalendarDate> {
        let (_, end) = self.interval()?;
        instant_day(end)
    }

    /// The interval covered, each end as a day plus minutes into it (which may run past
    /// midnight: a night ends at 30:00, 06:00 the next day).
    fn interval(&self) -> Option<((CalendarDate, u32), (CalendarDate, u32))> {
        let (start, end, start_minutes, end_minutes) = match self {
            Value::Day(date) => (*date, date.add_days(1), 0, 0),
            Value::DayPart(date, part) => {
                let (from, to) = part.hours();
                (*date, *date, from * 60, to * 60)
            }
            Value::Clock {
                date,
                hour,
                minute,
                has_minute,
            } => {
                let from = hour * 60 + minute;
                let to = if *has_minute { from + 1 } else { from + 60 };
                (*date, *date, from, to)
            }
            Value::Week(date) => {
                let monday = date.add_days(-i64::from(date.weekday()));
                (monday, monday.add_days(7), 0, 0)
            }
            Value::Weekend(date) => {
                let saturday = date.add_days(5 - i64::from(date.weekday()));
                (saturday, saturday.add_days(2), 0, 0)
            }
            Value::Month(year, month) => {
                let first = CalendarDate::new(*year, *month, 1)?;
                (first, first.add_months(1), 0, 0)
            }
            Value::Quarter(year, quarter) => {
                let first = CalendarDate::new(*year, quarter.checked_sub(1)? * 3 + 1, 1)?;
                (first, first.add_months(3), 0, 0)
            }
            Value::Half(year, half) => {
                let first = CalendarDate::new(*year, half.checked_sub(1)? * 6 + 1, 1)?;
                (first, first.add_months(6), 0, 0)
            }
            Value::Season(year, season) => {
                let first = CalendarDate::new(*year, season.first_month(), 1)?;
                (first, first.add_months(3), 0, 0)
            }
            Value::Year(year) => (
                CalendarDate::new(*year, 1, 1)?,
                CalendarDate::new(year.checked_add(1)?, 1, 1)?,
                0,
                0,
            ),
            Value::Decade(decade) => (
                CalendarDate::new(decade.checked_mul(10)?, 1, 1)?,
                CalendarDate::new(decade.checked_add(1)?.checked_mul(10)?, 1, 1)?,
                0,
                0,
            ),
            Value::Century(century) => (
                CalendarDate::new(century.checked_mul(100)?.max(1), 1, 1)?,
                CalendarDate::new(century.checked_add(1)?.checked_mul(100)?, 1, 1)?,
                0,
                0,
            ),
            Value::Text(_) => return None,
        };
        Some(((start, start_minutes), (end, end_minutes)))
    }

    /// The same kind of value moved by `amount` units ("a year earlier" than 1989-Q3 is
    /// 1988-Q3). None when the value cannot move.
    pub fn shifted(&self, unit: Unit, amount: i64) -> Option<Value> {
        let amount_i32 = i32::try_from(amount).ok()?;
        let months = match unit {
            Unit::Month => amount_i32,
            Unit::Quarter => amount_i32.checked_mul(3)?,
            Unit::Year => amount_i32.checked_mul(12)?,
            Unit::Decade => amount_i32.checked_mul(120)?,
            _ => 0,
        };
        let days = match unit {
            Unit::Day => amount,
            Unit::Week => amount.checked_mul(7)?,
            _ => 0,
        };
        if months == 0 && days == 0 {
            return Some(self.clone());
        }
        let move_date = |date: &CalendarDate| {
            if months != 0 {
                date.add_months(months)
            } else {
                date.add_days(days)
            }
        };
        let move_month = |year: i32, month: u32| -> Option<(i32, u32)> {
            let first = CalendarDate::new(year, month, 1)?;
            let moved = if months != 0 {
                first.add_months(months)
            } else {
                first.add_days(days)
            };
            Some((moved.year, moved.month))
        };
        Some(match self {
            Value::Day(date) => Value::Day(move_date(date)),
            Value::DayPart(date, part) => Value::DayPart(move_date(date), *part),
            Value::Clock {
                date,
                hour,
                minute,
                has_minute,
            } => Value::Clock {
                date: move_date(date),
                hour: *hour,
                minute: *minute,
                has_minute: *has_minute,
            },
            Value::Week(date) => Value::Week(move_date(date)),
            Value::Weekend(date) => Value::Weekend(move_date(date)),
            Value::Month(year, month) => {
                let (year, month) = move_month(*year, *month)?;
                Value::Month(year, month)
            }
            Value::Quarter(year, quarter) => {
                let (year, month) = move_month(*year, quarter.checked_sub(1)? * 3 + 1)?;
                Value::Quarter(year, (month - 1) / 3 + 1)
            }
            Value::Half(year, half) => {
                let (year, month) = move_month(*year, half.checked_sub(1)? * 6 + 1)?;
                Value::Half(year, (month - 1) / 6 + 1)
            }
            Value::Season(year, season) => {
                let (year, _) = move_month(*year, season.first_month())?;
                Value::Season(year, *season)
            }
            Value::Year(year) => Value::Year(year.checked_add(months / 12)?),
            Value::Decade(decade) => Value::Decade(decade.checked_add(months / 120)?),
            Value::Century(_) | Value::Text(_) => return None,
        })
    }
}

/// `YYYY-MM-DDTHH:MM` for a day plus minutes (which may run past midnight).
fn instant(date: CalendarDate, minutes: u32) -> String {
    let date = date.add_days(i64::from(minutes / (24 * 60)));
    let minutes = minutes % (24 * 60);
    let mut text = String::with_capacity("YYYY-MM-DDTHH:MM".len());
    push_date(&mut text, date);
    text.push('T');
    push_clock(&mut text, minutes / 60, minutes % 60);
    text
}

/// Appends `date` as its `Display` writes it (`YYYY-MM-DD`), without `format!`: every
/// time writes three dates.
fn push_date(text: &mut String, date: CalendarDate) {
    let Ok(year) = usize::try_from(date.year) else {
        // A sign: `Display` knows how to write it.
        text.push_str(&date.to_string());
        return;
    };
    push_decimal(text, year, 4);
    text.push('-');
    push_decimal(text, date.month as usize, 2);
    text.push('-');
    push_decimal(text, date.day as usize, 2);
}

/// Appends `HH:MM`.
fn push_clock(text: &mut String, hour: u32, minute: u32) {
    push_decimal(text, hour as usize, 2);
    text.push(':');
    push_decimal(text, minute as usize, 2);
}

/// The day of [`instant`]'s text, as reading its `YYYY-MM-DD` back would give: `None` for
/// a day that does not exist (one clamped at year 1 or 9999 may not).
fn instant_day((date, minutes): (CalendarDate, u32)) -> Option<CalendarDate> {
    let date = date.add_days(i64::from(minutes / (24 * 60)));
    CalendarDate::new(date.year, date.month, date.day)
}

/// A duration value: `P3D`, `PT2H`, `P2Y6M`, `PXW` (amount unknown).
pub fn duration(amount: Option<f64>, unit: Unit) -> String {
    let (designator, is_time) = unit.designator();
    let prefix = if is_time { "PT" } else { "P" };
    let Some(amount) = amount else {
        return format!("{prefix}X{designator}");
    };
    if amount.fract() == 0.0 {
        // Decades and centuries are written in years, as TimeBank does ("two decades" P20Y).
        return match unit {
            Unit::Decade => format!("P{}Y", amount as i64 * 10),
            Unit::Century => format!("P{}Y", amount as i64 * 100),
            _ => format!("{prefix}{}{designator}", amount as i64),
        };
    }
    // Fractions go down one unit: "2 1/2 years" P2Y6M, "an hour and a half" PT1H30M.
    let whole = amount.trunc() as i64;
    let (smaller, per) = match unit {
        Unit::Year => ("M", 12.0),
        Unit::Month => ("D", 30.0),
        Unit::Week => ("D", 7.0),
        Unit::Day => ("H", 24.0),
        Unit::Hour => ("M", 60.0),
        Unit::Minute => ("S", 60.0),
        _ => ("", 0.0),
    };
    if smaller.is_empty() {
        return format!("{prefix}{amount}{designator}");
    }
    let part = (amount.fract() * per).round() as i64;
    let needs_t = !is_time && unit == Unit::Day;
    let mut text = String::from(prefix);
    if whole > 0 {
        text.push_str(&format!("{whole}{designator}"));
    }
    if needs_t {
        text.push('T');
    }
    text.push_str(&format!("{part}{smaller}"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_durations() {
        assert_eq!(duration(Some(3.0), Unit::Day), "P3D");
        assert_eq!(duration(Some(2.5), Unit::Year), "P2Y6M");
        assert_eq!(duration(Some(1.5), Unit::Minute), "PT1M30S");
        assert_eq!(duration(None, Unit::Hour), "PTXH");
        assert_eq!(duration(Some(2.0), Unit::Decade), "P20Y");
        assert_eq!(duration(Some(0.5), Unit::Day), "PT12H");
    }

    #[test]
    fn writes_dates_as_display_does() {
        for (year, month, day) in [
            (2021, 6, 9),
            (1, 1, 1),
            (9999, 12, 31),
            (0, 1, 1),
            (-5, 1, 1),
            (10_000, 1, 1),
            (2021, 100, 7),
            (1970, 1, 10),
        ] {
            let date = CalendarDate { year, month, day };
            let mut text = String::new();
            push_date(&mut text, date);
            assert_eq!(text, date.to_string());
        }
        let date = CalendarDate::new(2021, 6, 29).unwrap();
        for minutes in [0, 9, 59, 60, 725, 1439, 1440, 3000] {
            let day = date.add_days(i64::from(minutes / 1440));
            let (hour, minute) = ((minutes % 1440) / 60, minutes % 60);
            assert_eq!(
                instant(date, minutes),
                format!("{day}T{hour:02}:{minute:02}")
            );
        }
    }

    #[test]
    fn ranges_and_shifts() {
        let date = CalendarDate::new(2021, 6, 29).unwrap();
        assert_eq!(
            Value::Week(date).range().unwrap(),
            ("2021-06-28T00:00".into(), "2021-07-05T00:00".into())
        );
        assert_eq!(Value::Week(date).timeml(), "2021-W26");
        assert_eq!(
            Value::Quarter(1989, 3).shifted(Unit::Year, -1),
            Some(Value::Quarter(1988, 3))
        );
        assert_eq!(
            Value::Quarter(1989, 1).shifted(Unit::Quarter, -1),
            Some(Value::Quarter(1988, 4))
        );
        assert_eq!(Value::Decade(199).timeml(), "199");
        assert_eq!(
            Value::Clock {
                date,
                hour: 10,
                minute: 30,
                has_minute: true
            }
            .timeml(),
            "2021-06-29T10:30"
        );
    }
}
