//! The publication date, read from the article's frame.
//!
//! Pasted articles carry their date on a line of its own near the top ("6/29/2021",
//! "Updated: June 29, 2021", "Published 2021-06-29", "Tuesday, June 29, 2021 10:30 AM
//! EDT"), which [`crate::normalize`] records as date lines, or at the start of the first
//! paragraph, dateline style ("WASHINGTON, June 29, 2021 (AP) —"). Only a complete date
//! (year, month and day) counts. A publication line wins over an "Updated" one; failing
//! both, the first complete date that starts within the first 80 bytes of one of the first
//! five lines of the body is taken. A date deeper in a paragraph is a story date, not the
//! publication date.
//!
//! ```
//! use dateline_engine::normalize::Frame;
//! use dateline_engine::times::publication_date;
//! let text = "Tuesday, June 29, 2021 10:30 AM EDT\nTroops came under fire on Monday.";
//! let date = publication_date(text, &Frame::default()).unwrap();
//! assert_eq!(date.to_string(), "2021-06-29");
//! ```

use super::tagger::{self, Kind};
use crate::calendar::CalendarDate;
use crate::normalize::Frame;

/// How far into a line a dateline-style date may start.
const DATELINE_REACH: usize = 80;
/// How many lines of the body are searched for a dateline-style date.
const DATELINE_LINES: usize = 5;

pub fn publication_date(text: &str, frame: &Frame) -> Option<CalendarDate> {
    let mut updated = None;
    for range in &frame.date_line_ranges {
        let Some(line) = text.get(range.clone()) else {
            continue;
        };
        let Some((_, date)) = first_full_date(line) else {
            continue;
        };
        let before = text.get(..range.start).unwrap_or("");
        let previous_line = before.trim_end().rsplit('\n').next().unwrap_or("");
        // "Updated:" alone on its line labels the date on the next one.
        let previous_is_label =
            starts_with_update(previous_line) && !previous_line.bytes().any(|b| b.is_ascii_digit());
        let is_update = starts_with_update(line) || previous_is_label;
        if !is_update {
            return Some(date);
        }
        updated.get_or_insert(date);
    }
    if updated.is_some() {
        return updated;
    }
    let body = text.get(frame.body_start..).unwrap_or(text);
    for line in body
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(DATELINE_LINES)
    {
        let head = line_head(line);
        if let Some((offset, date)) = first_full_date(head) {
            if offset <= DATELINE_REACH && !follows_preposition(&head[..offset]) {
                return Some(date);
            }
        }
    }
    None
}

/// Whether the text before a date ends with a preposition: "married on April 5, 1958",
/// "(@user) on Jul 25, 2015", "since Jan. 1, 2020" date the story or a quoted post, not
/// the article ("NBC News April 05, 2018", "Baku, Azerbaijan, April 5, 2018" do).
fn follows_preposition(before: &str) -> bool {
    before.split_whitespace().next_back().is_some_and(|word| {
        matches!(
            word,
            "on" | "in"
                | "since"
                | "until"
                | "till"
                | "by"
                | "before"
                | "after"
                | "from"
                | "at"
                | "of"
                | "to"
                | "through"
                | "between"
                | "and"
        )
    })
}

/// Month and day of a dateline that gives no year, as wire copy writes it: "WASHINGTON, Aug
/// 11 (Reuters) -", "Kabul, March 12 (Xinhua) --", alone on a line (a date line of the
/// frame) or at the head of one of the first lines of the body.
pub fn yearless_dateline(text: &str, frame: &Frame) -> Option<(u32, u32)> {
    let date_lines = frame
        .date_line_ranges
        .iter()
        .filter_map(|range| text.get(range.clone()));
    let body = text.get(frame.body_start..).unwrap_or(text);
    let body_lines = body
        .lines()
        .filter(|line| !line.trim().is_empty())
        .take(DATELINE_LINES);
    date_lines
        .chain(body_lines)
        .map(line_head)
        .find_map(dateline)
        .filter(|found| found.year.is_none())
        .map(|found| (found.month, found.day))
}

/// The date of a wire dateline.
struct Dateline {
    year: Option<i32>,
    month: u32,
    day: u32,
}

/// The date of `line` when the line opens with a dateline: a place and a comma, the date,
/// then the agency or a dash, so that "On Aug. 11, troops ..." opening a story or a
/// headline with a date is not taken for one.
fn dateline(line: &str) -> Option<Dateline> {
    let segmented = crate::segment::segment(line);
    let words = tagger::words(line, &segmented);
    let found = tagger::find(&words).into_iter().next()?;
    let Kind::Date {
        year,
        month,
        day: Some(day),
    } = found.kind
    else {
        return None;
    };
    let start = words.get(found.first)?.start;
    let end = words.get(found.end.checked_sub(1)?)?.end;
    let place = line.get(..start)?.trim_end();
    let place_name = place.strip_suffix(',')?.trim();
    let after = line.get(end..)?.trim_start_matches([',', ' ', '\u{a0}']);
    let names_place = !place_name.is_empty()
        && start <= DATELINE_REACH
        && place_name.chars().next().is_some_and(char::is_uppercase)
        && !place_name.contains(['.', '!', '?', ';']);
    let agency_or_dash = after.starts_with(['(', '-', '\u{2013}', '\u{2014}', '/']);
    let real_day = CalendarDate::new(year.unwrap_or(2000), month, day).is_some();
    (names_place && agency_or_dash && real_day).then_some(Dateline { year, month, day })
}

/// The part of a line a dateline's date can be in: it starts within `DATELINE_REACH` bytes
/// and is short, so the rest of a long first paragraph (or a megabyte pasted as one line)
/// is not tagged twice.
fn line_head(line: &str) -> &str {
    let mut end = line.len().min(2 * DATELINE_REACH);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// The latest `month`-`day` on or before `today`, one day of slack for time zones (a story
/// datelined in Asia is read the evening before in America). February 29 falls back to the
/// latest leap year.
pub fn complete_year(month: u32, day: u32, today: CalendarDate) -> Option<CalendarDate> {
    let latest = today.add_days(1);
    (0..8).find_map(|back| {
        CalendarDate::new(latest.year - back, month, day)
            .filter(|date| date.days_since_epoch() <= latest.days_since_epoch())
    })
}

fn starts_with_update(line: &str) -> bool {
    let line = line.trim_start();
    line.get(..7)
        .is_some_and(|start| start.eq_ignore_ascii_case("updated"))
}

/// The first date with year, month and day in `text`, with its byte offset.
pub fn first_full_date(text: &str) -> Option<(usize, CalendarDate)> {
    let segmented = crate::segment::segment(text);
    let words = tagger::words(text, &segmented);
    tagger::find(&words).into_iter().find_map(|found| {
        // A time stamp's day counts: "Published 2021-06-29T10:30:00Z".
        let date = match found.kind {
            Kind::Clock { day: Some(day), .. } => *day,
            kind => kind,
        };
        let Kind::Date {
            year: Some(year),
            month,
            day: Some(day),
        } = date
        else {
            return None;
        };
        let date = CalendarDate::new(year, month, day)?;
        Some((words.get(found.first)?.start, date))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame_with_lines(text: &str, lines: &[&str]) -> Frame {
        let mut frame = Frame::default();
        for line in lines {
            let start = text.find(line).unwrap();
            frame.date_line_ranges.push(start..start + line.len());
        }
        frame
    }

    #[test]
    fn reads_date_lines() {
        for (line, expected) in [
            ("6/29/2021", "2021-06-29"),
            ("Updated: June 29, 2021", "2021-06-29"),
            ("Published 2021-06-29", "2021-06-29"),
            ("Tuesday, June 29, 2021 10:30 AM EDT", "2021-06-29"),
            ("29/6/2021", "2021-06-29"),
            ("29 June 2021", "2021-06-29"),
            ("Published 2021-06-29T10:30:00Z", "2021-06-29"),
        ] {
            let text = format!("Headline\n{line}\nBody text.");
            let frame = frame_with_lines(&text, &[line]);
            let date = publication_date(&text, &frame).map(|date| date.to_string());
            assert_eq!(date.as_deref(), Some(expected), "{line}");
        }
    }

    #[test]
    fn publication_beats_update_and_datelines_count() {
        let text = "Updated: July 1, 2021\nPublished June 29, 2021\nBody.";
        let frame = frame_with_lines(text, &["Updated: July 1, 2021", "Published June 29, 2021"]);
        assert_eq!(
            publication_date(text, &frame).unwrap().to_string(),
            "2021-06-29"
        );
        let text = "WASHINGTON, June 29, 2021 (AP) - Troops came under fire.";
        assert_eq!(
            publication_date(text, &Frame::default())
                .unwrap()
                .to_string(),
            "2021-06-29"
        );
        let text = "Troops came under fire. Long ago, a long sentence went on and on and on and on and, on Sept. 11, 2001, ...";
        assert_eq!(publication_date(text, &Frame::default()), None);
        // A story's date near the head of a paragraph, or a quoted post's, is not the
        // article's; a byline's or a photo line's is.
        for (text, expected) in [
            ("A couple celebrate this week.\nThe pair married at the church on April 5, 1958, before a honeymoon.", None),
            ("He trains daily.\n(@tats) on Jul 25, 2015 at 11:11pm PDT.", None),
            ("Liz McLaughlin, NBC News April 05, 2018 03:09 PM. (NBC News) -- Facebook now says ...", Some("2018-04-05")),
            ("Jailed journalist released, Baku, Azerbaijan, April 5, 2018. (RFE/RL)\nThere was rare good news.", Some("2018-04-05")),
        ] {
            let date = publication_date(text, &Frame::default()).map(|date| date.to_string());
            assert_eq!(date.as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn yearless_datelines_give_month_and_day() {
        for (text, expected) in [
            (
                "WASHINGTON, Aug 11 (Reuters) - Officials said on Tuesday ...",
                Some((8, 11)),
            ),
            (
                "\n\nWASHINGTON, August 11 (Xinhua) --\n\nU.S. Secretary ...",
                Some((8, 11)),
            ),
            (
                "Kabul, March 12 (AFP) \u{2014} Fighting resumed.",
                Some((3, 12)),
            ),
            (
                "NEW YORK, Dec. 2 / PRNewswire / -- Acme announced ...",
                Some((12, 2)),
            ),
            // Not datelines: a story's first date, no place before it, no agency after it.
            ("On Aug. 11, troops came under fire near the border.", None),
            ("Aug 11 (Reuters) - Officials said ...", None),
            (
                "WASHINGTON, Aug 11 officials said the talks had stalled.",
                None,
            ),
            ("Troops withdrew. Then, Aug 11 (a Tuesday) came.", None),
            ("WASHINGTON, Feb 30 (Reuters) - ...", None),
            ("WASHINGTON, June 29, 2021 (AP) - Troops ...", None),
        ] {
            assert_eq!(
                yearless_dateline(text, &Frame::default()),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn a_dateline_alone_on_its_line_is_a_date_line() {
        let text = "\n\nWASHINGTON, August 11 (Xinhua) --\n\nU.S. Secretary of State Madeleine Albright said on Tuesday that she was heartened.";
        let prepared = crate::normalize::prepare(text);
        assert_eq!(prepared.frame.title, None);
        assert_eq!(prepared.frame.date_line_ranges.len(), 1);
        assert_eq!(
            yearless_dateline(&prepared.text, &prepared.frame),
            Some((8, 11))
        );
        let text = "WASHINGTON, June 29, 2021 (AP) --\n\nTroops came under fire on Monday, officials said.";
        let prepared = crate::normalize::prepare(text);
        let date = publication_date(&prepared.text, &prepared.frame).map(|d| d.to_string());
        assert_eq!(date.as_deref(), Some("2021-06-29"));
    }

    #[test]
    fn yearless_datelines_take_the_latest_year_not_after_today() {
        let today = CalendarDate::new(2026, 12, 7).unwrap();
        let complete = |month, day| complete_year(month, day, today).map(|d| d.to_string());
        assert_eq!(complete(8, 11).as_deref(), Some("2026-08-11"));
        assert_eq!(complete(12, 7).as_deref(), Some("2026-12-07"));
        // Tomorrow's date somewhere east of the reader.
        assert_eq!(complete(12, 8).as_deref(), Some("2026-12-08"));
        assert_eq!(complete(12, 25).as_deref(), Some("2025-12-25"));
        assert_eq!(complete(2, 29).as_deref(), Some("2024-02-29"));
    }
}
