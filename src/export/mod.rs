//! Exports: the (corrected) `Document` turned into the formats newsrooms already use.
//!
//! Every export is a pure function `&Document -> String`, one file per format, so the app's
//! download buttons, the `dateline.export` JS API and the native unit tests all run the very
//! same code. The map export is the exception: it serialises the drawn `<svg>` element, so it
//! lives with the export menu in the browser (src/components/export_menu.rs).
//!
//! ```
//! let json = crate::export::export(&document, Format::GeoJson);
//! ```

pub mod csv;
pub mod document_json;
pub mod geojson;
pub mod timelinejs;

use dateline_engine::{Document, Time};

/// The formats `export` knows; `Format::parse` reads the names the JS API takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    GeoJson,
    TimelineJs,
    Csv,
}

impl Format {
    pub const ALL: [Format; 4] = [
        Format::Json,
        Format::GeoJson,
        Format::TimelineJs,
        Format::Csv,
    ];

    /// `"json"`, `"geojson"`, `"timelinejs"`, `"csv"` (case-insensitive).
    pub fn parse(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" | "document" => Some(Format::Json),
            "geojson" => Some(Format::GeoJson),
            "timelinejs" | "timeline" => Some(Format::TimelineJs),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::GeoJson => "geojson",
            Format::TimelineJs => "timelinejs",
            Format::Csv => "csv",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "Document (JSON)",
            Format::GeoJson => "Places and events (GeoJSON)",
            Format::TimelineJs => "Timeline (TimelineJS)",
            Format::Csv => "Events (CSV)",
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Format::Json => "dateline-document.json",
            Format::GeoJson => "dateline-places-events.geojson",
            Format::TimelineJs => "dateline-timeline.json",
            Format::Csv => "dateline-events.csv",
        }
    }

    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Json | Format::TimelineJs => "application/json",
            Format::GeoJson => "application/geo+json",
            Format::Csv => "text/csv;charset=utf-8",
        }
    }
}

pub fn export(document: &Document, format: Format) -> String {
    match format {
        Format::Json => document_json::to_json(document),
        Format::GeoJson => geojson::to_geojson(document),
        Format::TimelineJs => timelinejs::to_timelinejs(document),
        Format::Csv => csv::to_csv(document),
    }
}

/// The time an event is anchored to, if any.
pub(crate) fn event_time<'d>(document: &'d Document, time_id: Option<&str>) -> Option<&'d Time> {
    let time_id = time_id?;
    document.times.iter().find(|time| time.id == time_id)
}

/// A time in the photo caption or the article's own date lines: not a time of the story.
pub(crate) fn is_caption(time: &Time) -> bool {
    time.caption || time.role == "caption"
}

/// The text of sentence `index` (sentence spans are code point offsets).
pub(crate) fn sentence_text(document: &Document, index: usize) -> String {
    let Some(span) = document.sentences.get(index) else {
        return String::new();
    };
    document
        .text
        .chars()
        .skip(span.start)
        .take(span.end.saturating_sub(span.start))
        .collect::<String>()
        .trim()
        .to_string()
}

/// The calendar fields of an ISO 8601 instant; month, day and hour only when given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CalendarFields {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub hour: Option<u32>,
}

/// Reads `2021-06-28`, `2021-06-28T18:00`, `2021-06` or `2021`.
pub(crate) fn calendar_fields(iso: &str) -> Option<CalendarFields> {
    let (date, clock) = match iso.split_once('T') {
        Some((date, clock)) => (date, Some(clock)),
        None => (iso, None),
    };
    let mut parts = date.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month = parts
        .next()
        .and_then(|m| m.parse::<u32>().ok())
        .filter(|m| (1..=12).contains(m));
    let day = parts
        .next()
        .and_then(|d| d.parse::<u32>().ok())
        .filter(|d| (1..=31).contains(d));
    let hour = clock
        .and_then(|c| c.get(..2))
        .and_then(|h| h.parse::<u32>().ok())
        .filter(|h| *h < 24);
    Some(CalendarFields {
        year,
        month,
        day,
        hour,
    })
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A small Document shared by the export and correction tests.
    use dateline_engine::*;

    pub fn document() -> Document {
        let text = "Militias attacked U.S. troops near Mayadin, Syria, on Monday, Col. Wayne Maratto said. A photo from June 20.";
        let find = |needle: &str| {
            let byte = text.find(needle).unwrap();
            let start = text[..byte].chars().count();
            (start, start + needle.chars().count())
        };
        let mention = |id: &str, needle: &str, kind: MentionKind, reference: &str| {
            let (start, end) = find(needle);
            Mention {
                id: id.into(),
                start,
                end,
                text: needle.into(),
                kind,
                reference: Some(reference.into()),
                place: None,
            }
        };
        let place =
            |id: &str, name: &str, kind: PlaceKind, lat: f64, lon: f64, country: &str| Place {
                id: id.into(),
                name: name.into(),
                kind,
                lat,
                lon,
                country: country.into(),
                gazetteer_id: None,
                confidence: 0.8,
                literal: true,
                alternatives: vec![],
                geometry: None,
            };
        let actor = |id: &str, name: &str, kind: ActorKind| Actor {
            id: id.into(),
            name: name.into(),
            kind,
            titles: vec![],
            roles: vec![],
            affiliation: None,
            aliases: vec![name.into()],
            n_mentions: 1,
        };
        let mut mayadin = place("p1", "Mayadin", PlaceKind::City, 35.02, 40.45, "SY");
        mayadin.alternatives.push(Alternative {
            name: "Al Mayadin Camp".into(),
            lat: 35.1,
            lon: 40.5,
            country: "SY".into(),
            score: 0.4,
        });
        let (monday_start, monday_end) = find("Monday");
        let (june_start, june_end) = find("June 20");
        let sentence_end = text.find(". A").unwrap() + 1;
        Document {
            schema: SCHEMA.into(),
            text: text.into(),
            meta: Meta {
                title: Some("Militias attack, \"again\"".into()),
                byline: vec![],
                published: Some("2021-06-29".into()),
                dct_source: DctSource::Text,
            },
            sentences: vec![
                Span {
                    start: 0,
                    end: sentence_end,
                },
                Span {
                    start: sentence_end + 1,
                    end: text.chars().count(),
                },
            ],
            mentions: vec![
                mention("m1", "Militias", MentionKind::Group, "a1"),
                mention("m2", "U.S. troops", MentionKind::Organization, "a2"),
                mention("m3", "Mayadin", MentionKind::Place, "p1"),
                mention("m4", "Syria", MentionKind::Place, "p2"),
                mention("m5", "Wayne Maratto", MentionKind::Person, "a3"),
            ],
            places: vec![
                mayadin,
                place("p2", "Syria", PlaceKind::Country, 35.0, 38.0, "SY"),
            ],
            actors: vec![
                actor("a1", "Militias", ActorKind::Group),
                actor("a2", "U.S. troops", ActorKind::Organization),
                actor("a3", "Wayne Maratto", ActorKind::Person),
            ],
            times: vec![
                Time {
                    id: "t1".into(),
                    start: monday_start,
                    end: monday_end,
                    text: "Monday".into(),
                    time_type: TimeType::Date,
                    value: "2021-06-28".into(),
                    from: Some("2021-06-28".into()),
                    to: Some("2021-06-29".into()),
                    caption: false,
                    role: String::new(),
                },
                Time {
                    id: "t2".into(),
                    start: june_start,
                    end: june_end,
                    text: "June 20".into(),
                    time_type: TimeType::Date,
                    value: "2021-06-20".into(),
                    from: Some("2021-06-20".into()),
                    to: Some("2021-06-21".into()),
                    caption: true,
                    role: "caption".into(),
                },
            ],
            events: vec![
                Event {
                    id: "e1".into(),
                    sentence: 0,
                    trigger: "attacked".into(),
                    event_type: "attack".into(),
                    agents: vec!["a1".into()],
                    targets: vec!["a2".into()],
                    places: vec!["p1".into(), "p2".into()],
                    time: Some("t1".into()),
                    summary: "Militias attacked U.S. troops".into(),
                    negated: false,
                    hypothetical: false,
                    sentences: vec![0],
                    time_source: "own".into(),
                    time_relation: None,
                    sources: vec!["a3".into()],
                },
                Event {
                    id: "e2".into(),
                    sentence: 1,
                    trigger: "photo".into(),
                    event_type: "other".into(),
                    agents: vec![],
                    targets: vec![],
                    places: vec![],
                    time: Some("t2".into()),
                    summary: "A photo".into(),
                    negated: false,
                    hypothetical: false,
                    sentences: vec![1],
                    time_source: "own".into(),
                    time_relation: None,
                    sources: vec![],
                },
            ],
            quotes: vec![],
            diagnostics: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_their_own_names() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Some(format));
        }
        assert_eq!(Format::parse("GeoJSON"), Some(Format::GeoJson));
        assert_eq!(Format::parse("pdf"), None);
    }

    #[test]
    fn calendar_fields_read_dates_and_hours() {
        assert_eq!(
            calendar_fields("2021-06-28"),
            Some(CalendarFields {
                year: 2021,
                month: Some(6),
                day: Some(28),
                hour: None
            })
        );
        assert_eq!(
            calendar_fields("2021-06-28T18:00").and_then(|f| f.hour),
            Some(18)
        );
        assert_eq!(
            calendar_fields("2021"),
            Some(CalendarFields {
                year: 2021,
                month: None,
                day: None,
                hour: None
            })
        );
        assert_eq!(calendar_fields("PAST_REF"), None);
    }

    #[test]
    fn sentence_text_slices_by_code_points() {
        let document = fixture::document();
        assert!(sentence_text(&document, 0).starts_with("Militias attacked"));
        assert_eq!(sentence_text(&document, 1), "A photo from June 20.");
        assert_eq!(sentence_text(&document, 9), "");
    }
}
