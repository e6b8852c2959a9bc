//! Events as CSV with ACLED-like columns, for spreadsheets and conflict-data pipelines.
//!
//! One row per event that is not negated. Precision codes follow ACLED's codebook:
//! `geo_precision` 1 = the town itself, 2 = a part of a region or a feature near a town,
//! 3 = a region, province or country; `time_precision` 1 = the day, 2 = the week,
//! 3 = the month or vaguer. Empty cells where the engine found nothing.
//!
//! Quoting per RFC 4180: fields with a comma, a quote, CR or LF are quoted and their quotes
//! doubled; lines end with CRLF. Cells starting with `=`, `+`, `-` or `@` get a leading `'`
//! so a spreadsheet never runs article text as a formula.

use dateline_engine::{Document, PlaceKind};

use super::{event_time, is_caption, sentence_text};

pub const COLUMNS: [&str; 10] = [
    "event_date",
    "event_type",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "source_sentence",
];

pub fn to_csv(document: &Document) -> String {
    let mut out = String::new();
    write_row(&mut out, COLUMNS.iter().map(|c| c.to_string()));
    for event in &document.events {
        if event.negated {
            continue;
        }
        let time = event_time(document, event.time.as_deref()).filter(|t| !is_caption(t));
        let event_date = time
            .and_then(|t| t.from.as_deref())
            .and_then(|from| from.get(..10))
            .filter(|date| date.len() == 10)
            .unwrap_or("")
            .to_string();
        let time_precision = time.map(|t| time_precision(&t.value)).unwrap_or("");
        let actor = |ids: &[String]| {
            ids.first()
                .and_then(|id| document.name_of(id))
                .unwrap_or("")
                .to_string()
        };
        let place = event
            .places
            .iter()
            .filter_map(|id| document.places.iter().find(|p| p.id == *id))
            .find(|p| p.literal);
        let (location, latitude, longitude, geo_precision) = match place {
            Some(place) => (
                place.name.clone(),
                format!("{:.4}", place.lat),
                format!("{:.4}", place.lon),
                geo_precision(place.kind).to_string(),
            ),
            None => Default::default(),
        };
        write_row(
            &mut out,
            [
                event_date,
                event.event_type.clone(),
                actor(&event.agents),
                actor(&event.targets),
                location,
                latitude,
                longitude,
                geo_precision,
                time_precision.to_string(),
                sentence_text(document, event.sentence),
            ]
            .into_iter(),
        );
    }
    out
}

fn geo_precision(kind: PlaceKind) -> u8 {
    match kind {
        PlaceKind::City => 1,
        PlaceKind::Feature | PlaceKind::Border => 2,
        PlaceKind::Admin | PlaceKind::Region | PlaceKind::Country => 3,
    }
}

/// From the TimeML value: a day (`2021-06-28`, `2021-06-28TNI`) is 1, a week 2, else 3.
fn time_precision(value: &str) -> &'static str {
    let bytes = value.as_bytes();
    let is_day = bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if is_day {
        "1"
    } else if value.contains("-W") {
        "2"
    } else if value.is_empty() {
        ""
    } else {
        "3"
    }
}

fn write_row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&cell));
    }
    out.push_str("\r\n");
}

pub fn quote(cell: &str) -> String {
    let cell = if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
        assert_eq!(quote("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }

    #[test]
    fn one_row_per_event_with_acled_columns() {
        let document = fixture::document();
        let csv = to_csv(&document);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(lines.len(), 3);
        assert!(lines[1]
            .starts_with("2021-06-28,attack,Militias,U.S. troops,Mayadin,35.0200,40.4500,1,1,"));
        // The sentence has commas: quoted.
        assert!(lines[1].ends_with("\"Militias attacked U.S. troops near Mayadin, Syria, on Monday, Col. Wayne Maratto said.\""));
        // The caption's date is not an event date.
        assert!(lines[2].starts_with(",other,,,,,,,,"));
    }

    #[test]
    fn time_precision_reads_timeml_values() {
        assert_eq!(time_precision("2021-06-28TNI"), "1");
        assert_eq!(time_precision("2021-W26"), "2");
        assert_eq!(time_precision("2021-06"), "3");
    }
}
