//! From the `Document` to what the timeline draws: dated events with their span, the
//! undated and the negated ones apart, and the order the story mode walks.
//!
//! An event is placed by its time's `from`/`to` (the engine's resolved instants, so "Monday
//! night" covers 18:00 to 06:00 and sits at night), else by the span its TimeML value names
//! (`2021-06`), else, for a vague reference (`PAST_REF`, "recently"), by a two-week stretch
//! before the publication date drawn as an open range. Nothing is guessed beyond that: an
//! event without a usable time is *undated* and listed apart. Times that belong to a photo
//! caption or to the article's own date line never place an event.

use dateline_engine::{Document, Event, Time};

use super::instant::{describe, parse_instant, parse_span, DAY};

/// How sure the drawing is about where an event sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// Covers a day or less: drawn as a point at the middle of its span.
    Point,
    /// Covers more than a day ("earlier this month", "last week"): drawn as a bar.
    Range,
    /// A reference without a date ("recently"): a bar that fades towards its open end.
    Vague,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DatedEvent {
    /// Index into `document.events`.
    pub index: usize,
    pub start: f64,
    pub end: f64,
    pub extent: Extent,
    /// The time said in words: "Monday 28 June 2021, night".
    pub when: String,
}

impl DatedEvent {
    pub fn middle(&self) -> f64 {
        (self.start + self.end) / 2.0
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// Dated events in time order (start, then end, then sentence).
    pub dated: Vec<DatedEvent>,
    /// Events with no usable time, in reading order.
    pub undated: Vec<usize>,
    /// Events reported as not having happened ("there are no injuries").
    pub negated: Vec<usize>,
    /// The publication day `[start, end)`, when known.
    pub published: Option<(f64, f64)>,
}

/// Whether a time is one of the story's own (not a caption's, not the date line's).
pub fn is_story_time(time: &Time) -> bool {
    !time.caption && time.role != "caption" && time.role != "publication"
}

pub fn build(document: &Document) -> Timeline {
    let published = document
        .meta
        .published
        .as_deref()
        .and_then(parse_instant)
        .map(|day| (day, day + DAY));
    let mut timeline = Timeline {
        published,
        ..Timeline::default()
    };
    for (index, event) in document.events.iter().enumerate() {
        if event.negated {
            timeline.negated.push(index);
            continue;
        }
        match place_in_time(document, event, published) {
            Some((start, end, extent, when)) => timeline.dated.push(DatedEvent {
                index,
                start,
                end,
                extent,
                when,
            }),
            None => timeline.undated.push(index),
        }
    }
    timeline.dated.sort_by(|a, b| {
        a.start
            .total_cmp(&b.start)
            .then(a.end.total_cmp(&b.end))
            .then(
                document.events[a.index]
                    .sentence
                    .cmp(&document.events[b.index].sentence),
            )
    });
    timeline
}

fn place_in_time(
    document: &Document,
    event: &Event,
    published: Option<(f64, f64)>,
) -> Option<(f64, f64, Extent, String)> {
    let time = document
        .times
        .iter()
        .find(|time| Some(&time.id) == event.time.as_ref())
        .filter(|time| is_story_time(time))?;
    let when = describe(&time.value, time.from.as_deref(), time.to.as_deref())
        .unwrap_or_else(|| time.text.clone());
    let relation = event.time_relation.as_deref();
    let given = time
        .from
        .as_deref()
        .and_then(parse_instant)
        .zip(time.to.as_deref().and_then(parse_instant))
        .filter(|(from, to)| to >= from);
    if let Some((start, end)) = given.or_else(|| parse_span(&time.value)) {
        // Placed against another event ("hours before the rocket fire"): a short open
        // stretch just before (after) that event's time, said so in words.
        match relation {
            Some("before") => {
                return Some((
                    start - RELATIVE,
                    start,
                    Extent::Vague,
                    format!("Shortly before {}", when),
                ))
            }
            Some("after") => {
                return Some((
                    end,
                    end + RELATIVE,
                    Extent::Vague,
                    format!("Shortly after {}", when),
                ))
            }
            _ => {}
        }
        let extent = if end - start > DAY + 1.0 {
            Extent::Range
        } else {
            Extent::Point
        };
        return Some((start, end, extent, when));
    }
    let (day_start, day_end) = published?;
    match time.value.as_str() {
        "PAST_REF" => Some((day_start - 14.0 * DAY, day_start, Extent::Vague, when)),
        "FUTURE_REF" => Some((day_end, day_end + 14.0 * DAY, Extent::Vague, when)),
        "PRESENT_REF" => Some((day_start, day_end, Extent::Point, when)),
        _ => None,
    }
}

/// How far "before"/"after" another event reaches when the text gives no figure: a few hours.
const RELATIVE: f64 = 3.0 * 60.0;

/// The events the story mode steps through: the dated ones in time order, then the undated
/// ones in reading order. Negated events are not part of the story.
pub fn story_order(timeline: &Timeline) -> Vec<usize> {
    timeline
        .dated
        .iter()
        .map(|dated| dated.index)
        .chain(timeline.undated.iter().copied())
        .collect()
}

/// What a screen reader says for an event: "Sunday 27 June 2021: U.S. airstrikes ...".
pub fn spoken_name(document: &Document, timeline: &Timeline, index: usize) -> String {
    let event = &document.events[index];
    let when = timeline
        .dated
        .iter()
        .find(|dated| dated.index == index)
        .map_or_else(|| "Undated".to_string(), |dated| dated.when.clone());
    let hedge = if event.negated {
        " (reported as not having happened)"
    } else if event.hypothetical {
        " (announced or possible, not confirmed)"
    } else {
        ""
    };
    format!("{when}: {}{hedge}", event.summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_engine::{Meta, TimeType};

    fn time(id: &str, value: &str, from: Option<&str>, to: Option<&str>) -> Time {
        Time {
            id: id.into(),
            start: 0,
            end: 0,
            text: value.into(),
            time_type: TimeType::Date,
            value: value.into(),
            from: from.map(Into::into),
            to: to.map(Into::into),
            caption: false,
            role: String::new(),
        }
    }

    fn event(id: &str, sentence: usize, time: Option<&str>) -> Event {
        Event {
            id: id.into(),
            sentence,
            trigger: "strike".into(),
            event_type: "strike".into(),
            agents: vec![],
            targets: vec![],
            places: vec![],
            time: time.map(Into::into),
            summary: format!("event {id}"),
            negated: false,
            hypothetical: false,
            sentences: vec![sentence],
            time_source: String::new(),
            time_relation: None,
            sources: vec![],
        }
    }

    fn seed_like() -> Document {
        let mut caption = time(
            "t0",
            "2020-10-09",
            Some("2020-10-09T00:00"),
            Some("2020-10-10T00:00"),
        );
        caption.caption = true;
        Document {
            meta: Meta {
                published: Some("2021-06-29".into()),
                ..Meta::default()
            },
            times: vec![
                caption,
                time(
                    "t1",
                    "2021-06-28TNI",
                    Some("2021-06-28T18:00"),
                    Some("2021-06-29T06:00"),
                ),
                time(
                    "t2",
                    "2021-06-27",
                    Some("2021-06-27T00:00"),
                    Some("2021-06-28T00:00"),
                ),
                time("t3", "2021-06-28", None, None),
                time("t4", "PAST_REF", None, None),
                time("t5", "2021-06", None, None),
            ],
            events: vec![
                event("e1", 1, Some("t1")),
                event("e2", 4, Some("t3")),
                event("e3", 5, Some("t2")),
                event("e4", 0, Some("t0")),
                event("e5", 9, None),
                Event {
                    negated: true,
                    ..event("e6", 2, Some("t1"))
                },
                event("e7", 12, Some("t4")),
                event("e8", 13, Some("t5")),
            ],
            ..Document::default()
        }
    }

    #[test]
    fn story_order_follows_time_not_reading_order() {
        let document = seed_like();
        let timeline = build(&document);
        let ids: Vec<&str> = story_order(&timeline)
            .into_iter()
            .map(|i| document.events[i].id.as_str())
            .collect();
        // June (a range starting on the 1st), the vague "earlier", Sunday, Monday, Monday
        // night; then the undated ones (the caption-dated event is one of them).
        assert_eq!(ids, ["e8", "e7", "e3", "e2", "e1", "e4", "e5"]);
    }

    #[test]
    fn night_sits_at_night_and_ranges_are_ranges() {
        let document = seed_like();
        let timeline = build(&document);
        let night = timeline.dated.iter().find(|d| d.index == 0).unwrap();
        assert_eq!(night.extent, Extent::Point);
        assert_eq!(night.when, "Monday 28 June 2021, night");
        let monday = parse_instant("2021-06-28").unwrap();
        assert!(night.middle() >= monday + 18.0 * 60.0);
        let month = timeline.dated.iter().find(|d| d.index == 7).unwrap();
        assert_eq!(month.extent, Extent::Range);
        let vague = timeline.dated.iter().find(|d| d.index == 6).unwrap();
        assert_eq!(vague.extent, Extent::Vague);
        assert_eq!(vague.end, parse_instant("2021-06-29").unwrap());
    }

    #[test]
    fn captions_negations_and_missing_times_stay_off_the_axis() {
        let document = seed_like();
        let timeline = build(&document);
        assert_eq!(timeline.undated, vec![3, 4]);
        assert_eq!(timeline.negated, vec![5]);
        assert!(timeline.dated.iter().all(|d| d.index != 3));
    }

    #[test]
    fn an_event_placed_before_another_comes_just_before_it() {
        let mut document = seed_like();
        document.events.push(Event {
            time_relation: Some("before".into()),
            ..event("e9", 7, Some("t1"))
        });
        let timeline = build(&document);
        let order: Vec<&str> = story_order(&timeline)
            .into_iter()
            .map(|i| document.events[i].id.as_str())
            .collect();
        let before = order.iter().position(|&id| id == "e9").unwrap();
        let night = order.iter().position(|&id| id == "e1").unwrap();
        let monday = order.iter().position(|&id| id == "e2").unwrap();
        assert!(monday < before && before < night, "{order:?}");
        assert_eq!(
            spoken_name(&document, &timeline, 8),
            "Shortly before Monday 28 June 2021, night: event e9"
        );
    }

    #[test]
    fn spoken_names_say_the_date_in_words() {
        let document = seed_like();
        let timeline = build(&document);
        assert_eq!(
            spoken_name(&document, &timeline, 2),
            "Sunday 27 June 2021: event e3"
        );
        assert_eq!(spoken_name(&document, &timeline, 4), "Undated: event e5");
    }
}
