//! Tick marks for the time axis: a step that adapts from hours to decades.
//!
//! The step is the smallest of a fixed ladder (1 h, 3 h, 6 h, 12 h, 1 day, 2 days, 1 week,
//! 1 month, 3 months, 6 months, 1 year, 2, 5, 10, 20, 50, 100 years) whose ticks stand at
//! least `min_gap_px` apart at the current zoom, so labels never collide. Hour and day
//! steps are multiples of a fixed number of minutes; weeks start on Mondays; month and year
//! steps walk the calendar (months have different lengths) so a tick always sits on the
//! first of a month. Cost: one pass over the visible ticks.
//!
//! ```ignore
//! let ticks = ticks(start, start + 3.0 * DAY, 900.0);
//! assert_eq!(ticks.step, Step::Hours(6));
//! ```

use super::instant::{
    civil_from_days, clock, day_of_minute, minute_of_date, month_name, short_date, weekday,
    weekday_name, DAY,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Hours(u32),
    Days(u32),
    Weeks,
    Months(u32),
    Years(u32),
}

impl Step {
    /// Typical length in minutes (months and years vary; good enough to choose a step).
    pub fn minutes(self) -> f64 {
        match self {
            Step::Hours(n) => f64::from(n) * 60.0,
            Step::Days(n) => f64::from(n) * DAY,
            Step::Weeks => 7.0 * DAY,
            Step::Months(n) => f64::from(n) * 30.44 * DAY,
            Step::Years(n) => f64::from(n) * 365.25 * DAY,
        }
    }
}

const LADDER: [Step; 17] = [
    Step::Hours(1),
    Step::Hours(3),
    Step::Hours(6),
    Step::Hours(12),
    Step::Days(1),
    Step::Days(2),
    Step::Weeks,
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
    Step::Years(100),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub minute: f64,
    pub label: String,
    /// A boundary of the next unit up (midnight on an hour scale, 1 January on a month
    /// scale): drawn stronger and labelled with more context.
    pub major: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    pub step: Step,
    pub ticks: Vec<Tick>,
}

/// The smallest step whose ticks stand at least `min_gap_px` apart.
pub fn choose_step(span_minutes: f64, width_px: f64, min_gap_px: f64) -> Step {
    let px_per_minute = width_px.max(1.0) / span_minutes.max(1.0);
    LADDER
        .into_iter()
        .find(|step| step.minutes() * px_per_minute >= min_gap_px)
        .unwrap_or(Step::Years(100))
}

/// Ticks between `start` and `end` (axis minutes) for a plot `width_px` wide.
pub fn ticks(start: f64, end: f64, width_px: f64) -> Ticks {
    // Day labels ("Sun 27 Jun") are wider than hour labels ("18:00").
    let mut step = choose_step(end - start, width_px, 56.0);
    if matches!(step, Step::Days(_) | Step::Weeks) {
        step = choose_step(end - start, width_px, 78.0);
    }
    let mut out = Vec::new();
    match step {
        Step::Hours(_) | Step::Days(_) | Step::Weeks => {
            let size = step.minutes();
            // Weeks start on Monday: shift the grid by the epoch's weekday (a Thursday).
            let offset = if step == Step::Weeks {
                -(weekday(0) as f64) * DAY
            } else {
                0.0
            };
            let mut minute = ((start - offset) / size).floor() * size + offset;
            while minute <= end {
                if minute >= start {
                    out.push(time_tick(minute, step));
                }
                minute += size;
            }
        }
        Step::Months(n) => {
            let (year, month, _) = civil_from_days(day_of_minute(start));
            let mut index = year * 12 + i64::from(month - 1);
            index -= index.rem_euclid(i64::from(n));
            loop {
                let (y, m) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
                let minute = minute_of_date(y, m, 1);
                if minute > end {
                    break;
                }
                if minute >= start {
                    let major = m == 1;
                    let label = if major || out.is_empty() {
                        format!("{} {y}", &month_name(m)[..3])
                    } else {
                        month_name(m)[..3].to_string()
                    };
                    out.push(Tick {
                        minute,
                        label,
                        major,
                    });
                }
                index += i64::from(n);
            }
        }
        Step::Years(n) => {
            let (year, _, _) = civil_from_days(day_of_minute(start));
            let n = i64::from(n);
            let mut y = year - year.rem_euclid(n);
            loop {
                let minute = minute_of_date(y, 1, 1);
                if minute > end {
                    break;
                }
                if minute >= start {
                    out.push(Tick {
                        minute,
                        label: y.to_string(),
                        major: y.rem_euclid(n * 10) == 0,
                    });
                }
                y += n;
            }
        }
    }
    Ticks { step, ticks: out }
}

fn time_tick(minute: f64, step: Step) -> Tick {
    let days = day_of_minute(minute);
    let midnight = minute.rem_euclid(DAY) == 0.0;
    let day_label = || format!("{} {}", &weekday_name(days)[..3], short_date(minute));
    match step {
        Step::Hours(_) if !midnight => Tick {
            minute,
            label: clock(minute),
            major: false,
        },
        Step::Hours(_) | Step::Days(_) => Tick {
            minute,
            label: day_label(),
            major: step != Step::Days(1) || civil_from_days(days).2 == 1,
        },
        _ => Tick {
            minute,
            label: short_date(minute),
            major: civil_from_days(days).2 <= 7,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::instant::parse_instant;
    use super::*;

    fn at(text: &str) -> f64 {
        parse_instant(text).unwrap()
    }

    #[test]
    fn step_adapts_from_hours_to_decades() {
        assert_eq!(choose_step(12.0 * 60.0, 900.0, 56.0), Step::Hours(1));
        assert_eq!(choose_step(3.0 * DAY, 900.0, 56.0), Step::Hours(6));
        assert_eq!(choose_step(30.0 * DAY, 900.0, 56.0), Step::Days(2));
        assert_eq!(choose_step(2.0 * 365.0 * DAY, 900.0, 56.0), Step::Months(3));
        assert_eq!(choose_step(60.0 * 365.0 * DAY, 900.0, 56.0), Step::Years(5));
        assert_eq!(
            choose_step(300.0 * 365.0 * DAY, 900.0, 56.0),
            Step::Years(20)
        );
        // A phone is narrower: the same span gets a coarser step.
        assert_eq!(choose_step(3.0 * DAY, 340.0, 56.0), Step::Hours(12));
    }

    #[test]
    fn hour_ticks_name_the_day_at_midnight() {
        let t = ticks(at("2021-06-27T00:00"), at("2021-06-29T23:00"), 900.0);
        assert_eq!(t.step, Step::Hours(6));
        assert_eq!(t.ticks[0].label, "Sun 27 Jun");
        assert_eq!(t.ticks[1].label, "06:00");
        assert!(t.ticks.iter().all(|tick| tick.minute >= at("2021-06-27")));
        assert_eq!(
            t.ticks
                .iter()
                .filter(|tick| tick.label.starts_with("Mon"))
                .count(),
            1
        );
    }

    #[test]
    fn month_ticks_sit_on_the_first_and_name_the_year_in_january() {
        let t = ticks(at("2020-10-15"), at("2022-03-01"), 900.0);
        assert_eq!(t.step, Step::Months(3));
        assert!(t
            .ticks
            .iter()
            .any(|tick| tick.label == "Jan 2021" && tick.major));
        for tick in &t.ticks {
            assert_eq!(civil_from_days(day_of_minute(tick.minute)).2, 1);
        }
    }

    #[test]
    fn week_ticks_start_on_monday() {
        let t = ticks(at("2021-05-01"), at("2021-07-01"), 1000.0);
        assert_eq!(t.step, Step::Weeks);
        for tick in &t.ticks {
            assert_eq!(weekday(day_of_minute(tick.minute)), 0);
        }
    }

    #[test]
    fn decades_for_a_century() {
        let t = ticks(at("1900"), at("2020"), 900.0);
        assert_eq!(t.step, Step::Years(10));
        assert_eq!(t.ticks[0].label, "1900");
        assert!(t.ticks[0].major);
    }
}
