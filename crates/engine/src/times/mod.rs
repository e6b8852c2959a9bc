//! Time expressions. First cut: publication date from the frame only.

use crate::calendar::CalendarDate;
use crate::document::{Mention, MentionKind, Time};
use crate::normalize::Frame;
use crate::Context;

pub fn publication_date(text: &str, frame: &Frame) -> Option<CalendarDate> {
    for range in &frame.date_line_ranges {
        let line = &text[range.clone()];
        let digits: Vec<&str> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .collect();
        if digits.len() == 3 {
            if let (Ok(m), Ok(d), Ok(y)) = (digits[0].parse(), digits[1].parse(), digits[2].parse())
            {
                if let Some(date) = CalendarDate::new(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

pub fn tag(_context: &Context) -> Vec<Time> {
    Vec::new()
}

pub fn mentions(times: &[Time]) -> Vec<Mention> {
    times
        .iter()
        .map(|time| Mention {
            id: String::new(),
            start: time.start,
            end: time.end,
            text: time.text.clone(),
            kind: MentionKind::Time,
            reference: Some(time.id.clone()),
            place: None,
        })
        .collect()
}
