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
        if let Some((offset, date)) = first_full_date(line) {
            if offset <= DATELINE_REACH {
                return Some(date);
            }
        }
    }
    None
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
        let Kind::Date {
            year: Some(year),
            month,
            day: Some(day),
        } = found.kind
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
    }
}
