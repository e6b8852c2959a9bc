//! Time expressions: TIMEX3 tagging and normalisation against the story's date.
//!
//! The problem: a news story says "on Monday night", "last week", "two years ago" and means
//! dates the timeline can place. TimeML's TIMEX3 is the standard description: a span, a
//! type (DATE, TIME, DURATION, SET) and a normalised value (`2021-06-28TNI`, `2021-W25`,
//! `P3D`, `XXXX-WXX-5`, `PAST_REF`).
//!
//! The approach, in four small files:
//!
//! - [`dct`]: the publication date, from the frame's date lines or a dateline.
//! - [`tagger`]: a token matcher (no regular expressions) that finds expressions and says
//!   what they mean ([`tagger::Kind`]), with [`lexicon`] for its word tables.
//! - [`tense`]: the tense of the clause, which decides whether "on Friday" is past or next.
//! - [`normalise`]: resolves a kind against the publication date (deictic: "yesterday") or
//!   the story's last date (anaphoric: "the following day") into a [`value::Value`], which
//!   writes the TimeML value and the covered interval (`from`, `to`).
//!
//! [`tag`] itself joins neighbours the files above see one at a time: a day after a clock
//! time takes the clock's tense, and the last day of a run ("from Thursday to Sunday") is
//! the first such day after the run's first.
//!
//! Every [`Time`] also says whether it belongs to the story: `caption` is true inside photo
//! captions and credits, and `role` is `"caption"` there, `"publication"` on the article's
//! date lines, and empty for the story's own times. Only story times anchor later chained
//! references.
//!
//! Cost: one pass over the tokens, lower-cased once into a single buffer, with a per-token
//! flag that turns most words away before any matcher runs; about 250 MB/s natively for the
//! tagger alone, ~15 µs for the 3.7 KB seed article, linear in the text
//! (`cargo xtask bench-time --text samples/us-forces-syria-2021.txt --repeat 60`).
//!
//! ```
//! use dateline_engine::{calendar::CalendarDate, normalize::Frame, segment, times, Context};
//! let text = "Troops came under fire on Monday night.";
//! let frame = Frame::default();
//! let segmented = segment::segment(text);
//! let context = Context { text, frame: &frame, segmented: &segmented, dct: CalendarDate::new(2021, 6, 29) };
//! let found = times::tag(&context);
//! assert_eq!(found[0].text, "Monday night");
//! assert_eq!(found[0].value, "2021-06-28TNI");
//! assert_eq!(found[0].from.as_deref(), Some("2021-06-28T18:00"));
//! ```

pub mod dct;
pub mod lexicon;
pub mod normalise;
pub mod tagger;
pub mod tense;
pub mod value;

pub use dct::publication_date;

use crate::calendar::CalendarDate;
use crate::document::{numbered_id, Mention, MentionKind, Time};
use crate::Context;

/// `Time::role` of a date line of the article's frame.
pub const ROLE_PUBLICATION: &str = "publication";
/// `Time::role` of an expression in a photo caption or credit.
pub const ROLE_CAPTION: &str = "caption";

/// Tags and normalises the time expressions of `context.text`, in text order.
pub fn tag(context: &Context) -> Vec<Time> {
    let words = tagger::words(context.text, context.segmented);
    let lower_words = words.lowers();
    let mut resolver = normalise::Resolver::new(context.dct);
    let found = tagger::find_with_lowers(&words, &lower_words);
    // One allocation rather than one per doubling: every match makes at most one time.
    let mut times = Vec::with_capacity(found.len());
    // The end and tense of a clock time just read, for the day named after it.
    let mut clock_before = None;
    // The last bare weekday read: its index in `times`, its end (in words) and its day.
    let mut weekday_before: Option<(usize, usize, CalendarDate)> = None;
    for found in found {
        let (Some(first), Some(last)) = (
            words.get(found.first),
            found.end.checked_sub(1).and_then(|idx| words.get(idx)),
        ) else {
            continue;
        };
        let (start, end) = (first.start, last.end);
        let Some(text) = context.text.get(start..end) else {
            continue;
        };
        let tense = if tense::matters(&found.kind) {
            tense::tense_of_match(&lower_words, &found, clock_before)
        } else {
            tense::Tense::Unknown
        };
        clock_before =
            matches!(found.kind, tagger::Kind::Clock { .. }).then_some((found.end, tense));
        let mut value = resolver.resolve(&found.kind, tense);
        let bare_weekday = is_bare_weekday(&found.kind);
        if let Some(run) = weekday_before
            .filter(|&(_, end, _)| bare_weekday && ends_run_of_days(&lower_words, end, found.first))
        {
            value = end_of_run(&mut times, run, &found.kind, tense, context.dct).unwrap_or(value);
        }
        weekday_before = match (bare_weekday, value.day()) {
            (true, Some(day)) => Some((times.len(), found.end, day)),
            _ => None,
        };
        let caption = context.frame.in_caption(start);
        let role = if context
            .frame
            .date_line_ranges
            .iter()
            .any(|range| range.contains(&start))
        {
            ROLE_PUBLICATION
        } else if caption {
            ROLE_CAPTION
        } else {
            resolver.remember(&value);
            ""
        };
        let (from, to) = value.range().unzip();
        times.push(Time {
            id: numbered_id('t', times.len() + 1),
            start,
            end,
            text: text.to_string(),
            time_type: found.time_type,
            value: value.timeml(),
            from,
            to,
            caption,
            role: role.to_string(),
        });
    }
    times
}

/// "Thursday", "on Friday": a weekday with no shift and no part of the day.
fn is_bare_weekday(kind: &tagger::Kind) -> bool {
    matches!(
        kind,
        tagger::Kind::Weekday {
            shift: tagger::Shift::None,
            part: None,
            ..
        }
    )
}

/// Whether the words between a weekday ending at `end` and the one starting at `next` make
/// a run of days: "Thursday to Sunday", "Monday through Friday", "between Monday and
/// Wednesday".
fn ends_run_of_days(lower_words: &[&str], end: usize, next: usize) -> bool {
    if next != end + 1 {
        return false;
    }
    match lower_words.get(end).copied() {
        Some("to" | "through" | "till" | "until" | "-" | "\u{2013}") => true,
        // "between Monday and Wednesday", not "Monday and Tuesday nights".
        Some("and") => end
            .checked_sub(2)
            .and_then(|before| lower_words.get(before))
            .is_some_and(|word| *word == "between"),
        _ => false,
    }
}

/// The last day of a run ("from Thursday to Sunday"): the first such weekday after the
/// run's first day, which each resolved alone might put on either side of the story's date.
/// A run told in the past that would end after the story's date is the week before's: both
/// ends move back seven days ("the strike lasted from Monday to Friday").
fn end_of_run(
    times: &mut [Time],
    (start_idx, _, start_day): (usize, usize, CalendarDate),
    kind: &tagger::Kind,
    tense: tense::Tense,
    dct: Option<CalendarDate>,
) -> Option<value::Value> {
    let tagger::Kind::Weekday { weekday, .. } = kind else {
        return None;
    };
    let ahead = (i64::from(*weekday) - i64::from(start_day.weekday())).rem_euclid(7);
    let mut end_day = start_day.add_days(if ahead == 0 { 7 } else { ahead });
    if tense == tense::Tense::Past && dct.is_some_and(|dct| end_day > dct) {
        end_day = end_day.add_days(-7);
        let start = value::Value::Day(start_day.add_days(-7));
        if let Some(time) = times.get_mut(start_idx) {
            time.value = start.timeml();
            (time.from, time.to) = start.range().unzip();
        }
    }
    Some(value::Value::Day(end_day))
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
