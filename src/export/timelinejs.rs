//! Events as TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html).
//!
//! TimelineJS requires, per event, `start_date.year` and a `text` (or media); dates are
//! split into `year`, `month`, `day`, `hour`. Only events that happened at a known time make
//! a timeline: undated, negated ("there were no injuries") and photo-caption events are left
//! out. Vague times with a known span ("earlier this month") get an `end_date`.

use dateline_engine::Document;
use serde_json::{json, Map, Value};

use super::{calendar_fields, event_time, is_caption, sentence_text};

pub fn to_timelinejs(document: &Document) -> String {
    let mut events = Vec::new();
    for event in &document.events {
        if event.negated {
            continue;
        }
        let Some(time) = event_time(document, event.time.as_deref()) else {
            continue;
        };
        if is_caption(time) {
            continue;
        }
        let Some(start) = time.from.as_deref().and_then(date_object) else {
            continue;
        };
        let mut entry = Map::new();
        entry.insert("start_date".into(), start);
        // `to` is exclusive: only a span longer than the start's own day is worth an end.
        if let (Some(from), Some(to)) = (time.from.as_deref(), time.to.as_deref()) {
            let one_day =
                from.len() == 10 && to.len() == 10 && next_day(from).as_deref() == Some(to);
            if !one_day && from.len() == to.len() && from != to {
                if let Some(end) = date_object(to) {
                    entry.insert("end_date".into(), end);
                }
            }
        }
        let mut text = sentence_text(document, event.sentence);
        if event.hypothetical {
            text.push_str(" (announced or possible)");
        }
        entry.insert(
            "text".into(),
            json!({ "headline": event.summary, "text": escape_html(&text) }),
        );
        entry.insert("group".into(), json!(event.event_type));
        entry.insert("unique_id".into(), json!(event.id));
        events.push(Value::Object(entry));
    }
    let headline = document
        .meta
        .title
        .clone()
        .unwrap_or_else(|| "dateline".into());
    let timeline = json!({
        "title": { "text": { "headline": escape_html(&headline), "text": "Events found by dateline" } },
        "events": events,
    });
    serde_json::to_string_pretty(&timeline).unwrap_or_else(|_| "{}".into())
}

/// TimelineJS renders `text` fields as HTML: article text must be escaped.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn date_object(iso: &str) -> Option<Value> {
    let super::CalendarFields {
        year,
        month,
        day,
        hour,
    } = calendar_fields(iso)?;
    let mut date = Map::new();
    date.insert("year".into(), json!(year));
    if let Some(month) = month {
        date.insert("month".into(), json!(month));
    }
    if let Some(day) = day {
        date.insert("day".into(), json!(day));
    }
    if let Some(hour) = hour {
        date.insert("hour".into(), json!(hour));
    }
    Some(Value::Object(date))
}

fn next_day(date: &str) -> Option<String> {
    dateline_engine::calendar::CalendarDate::parse(date).map(|d| d.add_days(1).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn dated_story_events_only_with_the_required_fields() {
        let mut document = fixture::document();
        let value: Value = serde_json::from_str(&to_timelinejs(&document)).unwrap();
        let events = value["events"].as_array().unwrap();
        // The caption event (June 20) is left out.
        assert_eq!(events.len(), 1);
        assert_eq!(
            events[0]["start_date"],
            json!({ "year": 2021, "month": 6, "day": 28 })
        );
        assert!(events[0].get("end_date").is_none());
        assert_eq!(
            events[0]["text"]["headline"],
            "Militias attacked U.S. troops"
        );
        assert!(events[0]["text"]["text"]
            .as_str()
            .unwrap()
            .contains("Mayadin"));
        assert_eq!(
            value["title"]["text"]["headline"],
            "Militias attack, \"again\""
        );

        document.events[0].negated = true;
        let value: Value = serde_json::from_str(&to_timelinejs(&document)).unwrap();
        assert_eq!(value["events"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn vague_spans_get_an_end_date() {
        let mut document = fixture::document();
        document.times[0].from = Some("2021-06-01".into());
        document.times[0].to = Some("2021-06-15".into());
        let value: Value = serde_json::from_str(&to_timelinejs(&document)).unwrap();
        assert_eq!(value["events"][0]["end_date"]["day"], 15);
    }
}
