//! Resolving what an expression says ([`Kind`]) to a calendar [`Value`].
//!
//! Two anchors, as in TimeML practice and HeidelTime: *deictic* expressions ("yesterday",
//! "last week", "on Monday") count from the publication date; *anaphoric* ones ("the
//! following day", "that night", "a year earlier") from the last date the story itself
//! resolved, at the coarser of their own unit and that date's ("a year earlier" than
//! January is a year, "two days later" than June stays June). A bare weekday, month or day
//! of the month takes the tense of its clause ([`super::tense::tense_of_match`]): in the
//! past, the latest such day on or before the publication date (the same weekday as the
//! publication date is that very day, as AP style writes "Tuesday" for today); in the
//! future, the first on or after it; with no cue, the nearer one, the past winning up to
//! four days back.
//!
//! Business stories compare with "a year earlier" the period they last named: after a
//! quarter, the year-ago quarter; after a year-to-date stretch ("the first nine months"),
//! the year before, which is all TimeML can name of those months.
//!
//! Without a publication date nothing deictic can be resolved: the values stay
//! underspecified (`XXXX-WXX-1`, `XXXX-06-29`) and cover no interval.
//!
//! ```
//! use dateline_engine::calendar::CalendarDate;
//! use dateline_engine::times::normalise::Resolver;
//! use dateline_engine::times::tagger::{Kind, Shift};
//! use dateline_engine::times::tense::Tense;
//! let mut resolver = Resolver::new(CalendarDate::new(2021, 6, 29));
//! let monday = Kind::Weekday { weekday: 0, shift: Shift::None, part: None };
//! assert_eq!(resolver.resolve(&monday, Tense::Past).timeml(), "2021-06-28");
//! ```

use super::lexicon::Unit;
use super::tagger::{HolidayDay, Kind, Shift};
use super::tense::Tense;
use super::value::Value;
use crate::calendar::{days_in_month, CalendarDate};
use rustc_hash::FxHashMap;

pub struct Resolver {
    dct: Option<CalendarDate>,
    /// The last day the story resolved, for "the following day".
    last_day: Option<CalendarDate>,
    /// The last anchored value, for "a year earlier".
    last_value: Option<Value>,
    /// The quarter (or half) a business story reports on: the last one named explicitly
    /// ("third-quarter profit"), for "the quarter", "the year-ago quarter", "a year ago".
    reported_quarter: Option<Value>,
    /// Whether the last reporting period named was a year-to-date one ("the first nine
    /// months") rather than a quarter: "a year earlier" is then the year before.
    year_to_date: bool,
    /// The day the story last named with its year for each month and day ("Jan. 6, 2021"):
    /// a later "the Jan. 6 committee" is that day, not this year's. A map, so a long text
    /// with many dates stays linear.
    named_days: FxHashMap<(u32, u32), CalendarDate>,
}

impl Resolver {
    pub fn new(dct: Option<CalendarDate>) -> Resolver {
        Resolver {
            dct,
            last_day: None,
            last_value: None,
            reported_quarter: None,
            named_days: FxHashMap::default(),
            year_to_date: false,
        }
    }

    /// Remembers a value of the story (not of a caption or date line) as the anchor of
    /// later chained references.
    pub fn remember(&mut self, value: &Value) {
        if matches!(value, Value::Text(_)) {
            return;
        }
        if let Some(day) = value.day() {
            self.last_day = Some(day);
        }
        self.last_value = Some(value.clone());
    }

    pub fn resolve(&mut self, kind: &Kind, tense: Tense) -> Value {
        let value = self
            .try_resolve(kind, tense)
            .unwrap_or_else(|| Value::Text(underspecified(kind)));
        let names_quarter = matches!(
            kind,
            Kind::Quarter { .. }
                | Kind::QuarterEnding(_)
                | Kind::QuarterOfShiftedYear { amount: 0, .. }
                | Kind::QuarterOfYear { number: 1.., .. }
        );
        // Only a period that has ended can have results to report: "fourth-quarter charges"
        // in an October story look ahead and leave the reported quarter alone.
        if names_quarter && matches!(value, Value::Quarter(..) | Value::Half(..)) {
            let ended = match (value.end_day(), self.dct) {
                (Some(end), Some(dct)) => end <= dct,
                _ => true,
            };
            if ended {
                self.reported_quarter = Some(value.clone());
            }
        }
        if names_quarter {
            self.year_to_date = false;
        } else if matches!(kind, Kind::YearToDate(_)) {
            self.year_to_date = true;
        }
        if let (
            Kind::Date {
                year: Some(_),
                day: Some(_),
                ..
            },
            Value::Day(day),
        ) = (kind, &value)
        {
            self.named_days.insert((day.month, day.day), *day);
        }
        value
    }

    /// The year of the year-to-date period last reported, if that was the last period named:
    /// the reported quarter's year, or the publication year.
    /// "a year ago", "a year earlier" in a business story: the reported period of last
    /// year. After a year-to-date period ("net of $1.69 billion for the nine months, up
    /// from $1.2 billion a year ago") the same months of last year, which only the year
    /// names; else the reported quarter's ("net income of $1.1 million a year ago").
    /// `None` when the story reports no period.
    fn reported_period_a_year_back(&self) -> Option<Option<Value>> {
        if let Some(year) = self.year_to_date_year() {
            return Some(Some(Value::Year(year - 1)));
        }
        self.reported_quarter
            .as_ref()
            .map(|quarter| quarter.shifted(Unit::Year, -1))
    }

    fn year_to_date_year(&self) -> Option<i32> {
        if !self.year_to_date {
            return None;
        }
        match &self.reported_quarter {
            Some(Value::Quarter(year, _) | Value::Half(year, _)) => Some(*year),
            _ => self.dct.map(|dct| dct.year),
        }
    }

    /// The quarter before the publication date's, the usual subject of an earnings report.
    fn default_quarter(&self) -> Option<Value> {
        let dct = self.dct?;
        Value::Quarter(dct.year, (dct.month - 1) / 3 + 1).shifted(Unit::Quarter, -1)
    }

    fn try_resolve(&self, kind: &Kind, tense: Tense) -> Option<Value> {
        match kind {
            Kind::Fixed(text) | Kind::YearToDate(text) => Some(Value::Text(text.clone())),
            Kind::Date {
                year: Some(year),
                month,
                day: Some(day),
            } => CalendarDate::new(*year, *month, *day).map(Value::Day),
            Kind::Date {
                year: Some(year),
                month,
                day: None,
            } => Some(Value::Month(*year, *month)),
            Kind::Date {
                year: None,
                month,
                day: Some(day),
            } => {
                if let Some(named) = self.named_days.get(&(*month, *day)) {
                    return Some(Value::Day(*named));
                }
                let dct = self.dct?;
                let year = infer_year(dct, *month, *day, tense);
                CalendarDate::new(year, *month, *day).map(Value::Day)
            }
            Kind::Date {
                year: None,
                month,
                day: None,
            } => self.try_resolve(
                &Kind::Month {
                    month: *month,
                    day: None,
                    shift: Shift::None,
                },
                tense,
            ),
            Kind::Year(year) => Some(Value::Year(*year)),
            Kind::Decade(decade) => Some(Value::Decade(*decade)),
            Kind::ShortDecade(tens) => {
                let reference_year = self.dct.map_or(2029, |dct| dct.year);
                let in_2000s = 2000 + tens * 10;
                Some(Value::Decade(if in_2000s <= reference_year {
                    in_2000s / 10
                } else {
                    (1900 + tens * 10) / 10
                }))
            }
            Kind::Century(century) => Some(Value::Century(*century)),
            Kind::Weekday {
                weekday,
                shift,
                part,
            } => {
                let dct = self.dct?;
                let date = resolve_weekday(dct, *weekday, *shift, tense);
                Some(match part {
                    Some(part) => Value::DayPart(date, *part),
                    None => Value::Day(date),
                })
            }
            Kind::DayOffset { days, part } => {
                let date = self.dct?.add_days(*days);
                Some(match part {
                    Some(part) => Value::DayPart(date, *part),
                    None => Value::Day(date),
                })
            }
            Kind::Chained { unit, amount, part } => {
                let anchor = match unit {
                    Unit::Day => self.last_day,
                    // "later that year" after "in June 1998": the year of the last date.
                    _ => self.last_value.as_ref().and_then(Value::start_day),
                }
                .or(self.dct)?;
                let value = match unit {
                    Unit::Day => {
                        let date = anchor.add_days(*amount);
                        match part {
                            Some(part) => Value::DayPart(date, *part),
                            None => Value::Day(date),
                        }
                    }
                    Unit::Week => Value::Week(anchor.add_days(amount * 7)),
                    Unit::Month => {
                        let date = anchor.add_months(i32::try_from(*amount).ok()?);
                        Value::Month(date.year, date.month)
                    }
                    _ => Value::Year(anchor.year.checked_add(i32::try_from(*amount).ok()?)?),
                };
                Some(value)
            }
            Kind::ShiftUnit { unit, amount } => {
                let dct = self.dct?;
                let amount_i32 = i32::try_from(*amount).ok()?;
                Some(match unit {
                    Unit::Week => Value::Week(dct.add_days(amount * 7)),
                    Unit::Month => {
                        let date = dct.add_months(amount_i32);
                        Value::Month(date.year, date.month)
                    }
                    Unit::Quarter => Value::Quarter(dct.year, (dct.month - 1) / 3 + 1)
                        .shifted(Unit::Quarter, *amount)?,
                    Unit::Year => Value::Year(dct.year + amount_i32),
                    Unit::Decade => Value::Decade(dct.year / 10 + amount_i32),
                    Unit::Century => Value::Century(dct.year / 100 + amount_i32),
                    _ => Value::Day(dct.add_days(*amount)),
                })
            }
            Kind::Weekend { shift } => {
                let dct = self.dct?;
                let weekday = i64::from(dct.weekday());
                let this_saturday = dct.add_days(5 - weekday);
                let date = match (shift, tense) {
                    (Shift::Last, _) => this_saturday.add_days(-7),
                    (Shift::Next, _) => this_saturday.add_days(7),
                    (Shift::This, _) | (_, Tense::Future) => this_saturday,
                    // In the past: the weekend just gone, unless we are in it.
                    _ if weekday >= 5 => this_saturday,
                    _ => this_saturday.add_days(-7),
                };
                Some(Value::Weekend(date))
            }
            Kind::YearBefore(kind) => self.try_resolve(kind, tense)?.shifted(Unit::Year, -1),
            Kind::QuarterEnding(date) => {
                // The story's quarter when it has named one (perhaps a fiscal one: "the
                // fiscal first quarter ... the quarter ended Sept. 29"). Otherwise the
                // three months up to the date, which lie mostly in the quarter of the day
                // a month and a half before it: up to Sept. 30 is Q3, up to July 31 Q2.
                if let Some(quarter) = &self.reported_quarter {
                    return Some(quarter.clone());
                }
                let middle = self.try_resolve(date, Tense::Past)?.day()?.add_days(-45);
                Some(Value::Quarter(middle.year, (middle.month - 1) / 3 + 1))
            }
            Kind::MonthOfShiftedYear { month, amount } => {
                let year = self.dct?.year.checked_add(i32::try_from(*amount).ok()?)?;
                Some(Value::Month(year, *month))
            }
            Kind::Month {
                month,
                day: Some(day),
                shift: shift @ (Shift::Last | Shift::Next),
            } => {
                // "last Oct. 23": the latest such day before the story's date; "next
                // March 3" the first after it.
                let dct = self.dct?;
                let this_year = CalendarDate::new(dct.year, *month, *day)?;
                let year = match shift {
                    Shift::Last if this_year >= dct => dct.year - 1,
                    Shift::Next if this_year <= dct => dct.year + 1,
                    _ => dct.year,
                };
                CalendarDate::new(year, *month, *day).map(Value::Day)
            }
            Kind::Month { month, shift, .. } => {
                let dct = self.dct?;
                let year = match shift {
                    // "last February" in March is a year back: the month just gone is
                    // "last month" (or "in February").
                    Shift::Last => {
                        if *month + 1 < dct.month {
                            dct.year
                        } else {
                            dct.year - 1
                        }
                    }
                    Shift::Next => {
                        if *month > dct.month {
                            dct.year
                        } else {
                            dct.year + 1
                        }
                    }
                    Shift::This => dct.year,
                    Shift::None => {
                        // Months after the publication month; a little slack either way,
                        // as "will report in May" may be written in early June and "was
                        // planned for early March" late in February. A past clause two
                        // months ahead is last year's ("changed ... in December", in October).
                        let ahead = *month as i32 - dct.month as i32;
                        match tense {
                            Tense::Past if ahead > 1 => dct.year - 1,
                            Tense::Future if ahead < -2 => dct.year + 1,
                            Tense::Past | Tense::Future => dct.year,
                            // No cue: news mostly looks back, and ahead only a little
                            // into the next year ("sales in January" in November).
                            _ if ahead > 4 => dct.year - 1,
                            _ if ahead < -9 => dct.year + 1,
                            _ => dct.year,
                        }
                    }
                };
                Some(Value::Month(year, *month))
            }
            Kind::Season {
                season,
                year,
                shift,
            } => {
                if let Some(year) = year {
                    return Some(Value::Season(*year, *season));
                }
                let dct = self.dct?;
                // Months since the start of this year's season (negative: not started).
                let start = CalendarDate::new(dct.year, season.first_month(), 1)?;
                let started = start <= dct;
                let ended = start.add_months(3) <= dct;
                let year = match (shift, tense) {
                    (Shift::Last, _) => {
                        if ended {
                            dct.year
                        } else {
                            dct.year - 1
                        }
                    }
                    (Shift::Next, _) => {
                        if started {
                            dct.year + 1
                        } else {
                            dct.year
                        }
                    }
                    (Shift::This, _) => dct.year,
                    (_, Tense::Past) if !started => dct.year - 1,
                    (_, Tense::Future) if ended => dct.year + 1,
                    _ => dct.year,
                };
                Some(Value::Season(year, *season))
            }
            Kind::Quarter { number, year, half } => {
                let make = |year: i32| {
                    if *half {
                        Value::Half(year, *number)
                    } else {
                        Value::Quarter(year, *number)
                    }
                };
                if let Some(year) = year {
                    return Some(make(*year));
                }
                let dct = self.dct?;
                let first_month = if *half {
                    (number - 1) * 6 + 1
                } else {
                    (number - 1) * 3 + 1
                };
                let started = first_month <= dct.month;
                Some(make(if started || tense == Tense::Future {
                    dct.year
                } else {
                    dct.year - 1
                }))
            }
            Kind::ReportedQuarter { years_back } => {
                let base = match &self.reported_quarter {
                    Some(value) => value.clone(),
                    None => self.default_quarter()?,
                };
                base.shifted(Unit::Year, -years_back)
            }
            Kind::QuarterOfShiftedYear {
                number,
                half,
                amount,
            } => {
                let year = self.dct?.year.checked_add(i32::try_from(*amount).ok()?)?;
                Some(match (number, half) {
                    (0, _) => match self
                        .reported_quarter
                        .clone()
                        .or_else(|| self.default_quarter())?
                    {
                        Value::Half(_, half) => Value::Half(year, half),
                        Value::Quarter(_, quarter) => Value::Quarter(year, quarter),
                        _ => return None,
                    },
                    (number, true) => Value::Half(year, *number),
                    (number, false) => Value::Quarter(year, *number),
                })
            }
            Kind::QuarterOfYear { number, half, year } => Some(match (number, half) {
                // "the 1988 period": the reported quarter, in that year.
                (0, _) => match self
                    .reported_quarter
                    .clone()
                    .or_else(|| self.default_quarter())?
                {
                    Value::Half(_, half) => Value::Half(*year, half),
                    Value::Quarter(_, quarter) => Value::Quarter(*year, quarter),
                    _ => return None,
                },
                (number, true) => Value::Half(*year, *number),
                (number, false) => Value::Quarter(*year, *number),
            }),
            Kind::Ago {
                unit,
                amount,
                future,
            } => {
                let Some(amount) = amount else {
                    return Some(Value::Text(
                        if *future { "FUTURE_REF" } else { "PAST_REF" }.into(),
                    ));
                };
                if let (Unit::Year, false, 1) = (unit, future, amount.round() as i64) {
                    if let Some(value) = self.reported_period_a_year_back() {
                        return value;
                    }
                }
                let dct = self.dct?;
                let sign = if *future { 1 } else { -1 };
                let amount = (amount.round() as i64).max(0) * sign;
                at_granularity(dct, *unit, amount)
            }
            Kind::Relative { unit, amount } => {
                if let (Unit::Year, -1) = (unit, amount) {
                    if let Some(value) = self.reported_period_a_year_back() {
                        return value;
                    }
                }
                // The coarser of the anchor and the unit sets the granularity: "a year
                // earlier" than January is last year, "two days later" than June is
                // still June. A quarter, half or season a year back stays one, as
                // business stories mean it ("the year-earlier quarter").
                match &self.last_value {
                    Some(value) if granularity(value).is_some_and(|anchor| anchor < *unit) => {
                        at_granularity(value.start_day()?, *unit, *amount)
                    }
                    Some(value) => value.shifted(*unit, *amount),
                    None => at_granularity(self.dct?, *unit, *amount),
                }
            }
            Kind::Clock {
                hour,
                minute,
                has_minute,
                day,
            } => {
                let date = match day {
                    Some(day_kind) => self.try_resolve(day_kind, tense)?.day()?,
                    None => self.last_day.or(self.dct)?,
                };
                Some(Value::Clock {
                    date,
                    hour: *hour,
                    minute: *minute,
                    has_minute: *has_minute,
                })
            }
            Kind::Holiday { month, day } => {
                let dct = self.dct?;
                let day_in = |year: i32| match *day {
                    HolidayDay::Fixed(day) => CalendarDate::new(year, *month, day),
                    HolidayDay::Nth {
                        weekday,
                        nth,
                        after,
                    } => nth_weekday(year, *month, weekday, nth).map(|date| date.add_days(after)),
                    HolidayDay::Easter { after, .. } => {
                        easter_sunday(year).map(|date| date.add_days(after))
                    }
                };
                let this_year = day_in(dct.year)?;
                let distance = this_year.days_since_epoch() - dct.days_since_epoch();
                let date = match tense {
                    Tense::Past if distance > 0 => day_in(dct.year - 1)?,
                    Tense::Future if distance < 0 => day_in(dct.year + 1)?,
                    Tense::Past | Tense::Future => this_year,
                    _ if distance > PAST_SLACK_DAYS => day_in(dct.year - 1)?,
                    _ => this_year,
                };
                if let HolidayDay::Easter { week: true, .. } = day {
                    return Some(Value::Week(date));
                }
                Some(Value::Day(date))
            }
        }
    }
}

/// The value for an expression with no publication date to resolve it against.
fn underspecified(kind: &Kind) -> String {
    match kind {
        Kind::Date {
            month,
            day: Some(day),
            ..
        }
        | Kind::Month {
            month,
            day: Some(day),
            ..
        } => format!("XXXX-{month:02}-{day:02}"),
        Kind::Date { month, .. }
        | Kind::Month { month, .. }
        | Kind::MonthOfShiftedYear { month, .. } => format!("XXXX-{month:02}"),
        Kind::Weekday { weekday, part, .. } => format!(
            "XXXX-WXX-{}{}",
            weekday + 1,
            part.map_or(String::new(), |part| format!("T{}", part.code()))
        ),
        Kind::DayOffset { part, .. } | Kind::Chained { part, .. } => format!(
            "XXXX-XX-XX{}",
            part.map_or(String::new(), |part| format!("T{}", part.code()))
        ),
        Kind::Season { season, .. } => format!("XXXX-{}", season.code()),
        Kind::Quarter { number, half, .. } => {
            format!("XXXX-{}{number}", if *half { "H" } else { "Q" })
        }
        Kind::Holiday {
            month,
            day: HolidayDay::Fixed(day),
        } => format!("XXXX-{month:02}-{day:02}"),
        Kind::Clock { hour, minute, .. } => format!("XXXX-XX-XXT{hour:02}:{minute:02}"),
        Kind::ShiftUnit {
            unit: Unit::Week, ..
        } => "XXXX-WXX".into(),
        Kind::Weekend { .. } => "XXXX-WXX-WE".into(),
        Kind::ShiftUnit {
            unit: Unit::Month, ..
        } => "XXXX-XX".into(),
        _ => "XXXX".into(),
    }
}

/// The unit a value is precise to; a quarter, half or season counts as a year's part
/// that a year's shift keeps ("the same quarter a year earlier").
fn granularity(value: &Value) -> Option<Unit> {
    Some(match value {
        Value::Day(_) | Value::DayPart(..) | Value::Clock { .. } => Unit::Day,
        Value::Week(_) | Value::Weekend(_) => Unit::Week,
        Value::Month(..) => Unit::Month,
        Value::Quarter(..) | Value::Half(..) | Value::Season(..) | Value::Year(_) => Unit::Year,
        Value::Decade(_) => Unit::Decade,
        Value::Century(_) => Unit::Century,
        Value::Text(_) => return None,
    })
}

/// The date `amount` units from `dct`, at that unit's granularity ("two years ago" is a
/// year, "three days ago" a day).
fn at_granularity(dct: CalendarDate, unit: Unit, amount: i64) -> Option<Value> {
    let amount_i32 = i32::try_from(amount).ok()?;
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Value::Day(dct),
        Unit::Day => Value::Day(dct.add_days(amount)),
        Unit::Week => Value::Week(dct.add_days(amount.checked_mul(7)?)),
        Unit::Month => {
            let date = dct.add_months(amount_i32);
            Value::Month(date.year, date.month)
        }
        Unit::Quarter => {
            Value::Quarter(dct.year, (dct.month - 1) / 3 + 1).shifted(Unit::Quarter, amount)?
        }
        Unit::Year => Value::Year(dct.year.checked_add(amount_i32)?),
        Unit::Decade => Value::Decade(dct.year / 10 + amount_i32),
        Unit::Century => Value::Century(dct.year / 100 + amount_i32),
    })
}

/// How far past the publication date a past-tense "Dec. 15" may still be in the same year:
/// the tense cue is often a participle ("to be completed by Dec. 15"), so a near date wins.
const PAST_SLACK_DAYS: i64 = 60;

/// The year of "June 29" in a story dated `dct`: the publication year, moved back when a
/// past-tense clause names a date well after it, forward when a future-tense one names a
/// date well before it, and otherwise the year that puts it nearest.
fn infer_year(dct: CalendarDate, month: u32, day: u32, tense: Tense) -> i32 {
    let day = day.min(days_in_month(dct.year, month)).max(1);
    let Some(candidate) = CalendarDate::new(dct.year, month, day) else {
        return dct.year;
    };
    let distance = candidate.days_since_epoch() - dct.days_since_epoch();
    match tense {
        Tense::Past if distance > PAST_SLACK_DAYS => dct.year - 1,
        Tense::Future if distance < -PAST_SLACK_DAYS => dct.year + 1,
        Tense::Past | Tense::Future => dct.year,
        _ if distance > 183 => dct.year - 1,
        _ if distance < -183 => dct.year + 1,
        _ => dct.year,
    }
}

/// "on Monday": see the module documentation for the rule.
fn resolve_weekday(dct: CalendarDate, weekday: u32, shift: Shift, tense: Tense) -> CalendarDate {
    let back = (i64::from(dct.weekday()) - i64::from(weekday)).rem_euclid(7);
    let forward = (i64::from(weekday) - i64::from(dct.weekday())).rem_euclid(7);
    let offset = match shift {
        Shift::Last => {
            if back == 0 {
                -7
            } else {
                -back
            }
        }
        Shift::Next => {
            if forward == 0 {
                7
            } else {
                forward
            }
        }
        Shift::This | Shift::None => match tense {
            Tense::Past => -back,
            Tense::Future => forward,
            _ if back <= 4 => -back,
            _ => forward,
        },
    };
    dct.add_days(offset)
}

/// Easter Sunday of the Gregorian calendar (the "anonymous Gregorian" computus of
/// Meeus/Jones/Butcher).
fn easter_sunday(year: i32) -> Option<CalendarDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    CalendarDate::new(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The `nth` `weekday` (Monday = 0) of a month; `nth` -1 is the last.
fn nth_weekday(year: i32, month: u32, weekday: u32, nth: i32) -> Option<CalendarDate> {
    if nth < 0 {
        let last = CalendarDate::new(year, month, days_in_month(year, month))?;
        let back = (i64::from(last.weekday()) - i64::from(weekday)).rem_euclid(7);
        return Some(last.add_days(-back));
    }
    let first = CalendarDate::new(year, month, 1)?;
    let to_weekday = (i64::from(weekday) - i64::from(first.weekday())).rem_euclid(7);
    Some(first.add_days(to_weekday + 7 * i64::from(nth.max(1) - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_follow_tense() {
        let tuesday = CalendarDate::new(2021, 6, 29).unwrap();
        let resolve = |weekday, shift, tense| resolve_weekday(tuesday, weekday, shift, tense);
        assert_eq!(
            resolve(0, Shift::None, Tense::Past).to_string(),
            "2021-06-28"
        );
        assert_eq!(
            resolve(6, Shift::None, Tense::Past).to_string(),
            "2021-06-27"
        );
        assert_eq!(
            resolve(4, Shift::None, Tense::Future).to_string(),
            "2021-07-02"
        );
        assert_eq!(
            resolve(1, Shift::Last, Tense::Past).to_string(),
            "2021-06-22"
        );
        assert_eq!(
            resolve(1, Shift::None, Tense::Past).to_string(),
            "2021-06-29"
        );
        let thanksgiving = nth_weekday(2021, 11, 3, 4).unwrap();
        assert_eq!(thanksgiving.to_string(), "2021-11-25");
        let memorial_day = nth_weekday(2021, 5, 0, -1).unwrap();
        assert_eq!(memorial_day.to_string(), "2021-05-31");
        assert_eq!(easter_sunday(2000).unwrap().to_string(), "2000-04-23");
        assert_eq!(easter_sunday(2021).unwrap().to_string(), "2021-04-04");
        assert_eq!(easter_sunday(2019).unwrap().to_string(), "2019-04-21");
        let election_day = nth_weekday(2020, 11, 0, 1).unwrap().add_days(1);
        assert_eq!(election_day.to_string(), "2020-11-03");
    }
}
