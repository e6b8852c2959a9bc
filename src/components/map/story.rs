//! What the map needs to know about the story, read once per `Document`: which places get a
//! marker and how big, which countries are shaded, what to fit the first view to, and which
//! places a selection (a place, an event, an actor, a time) points at.

use std::collections::BTreeSet;

use dateline_engine::{Document, PlaceKind};

use crate::state::Selection;

#[derive(Debug, Clone, PartialEq)]
pub struct StoryPlace {
    /// Index into `document.places`.
    pub idx: usize,
    /// Mentions naming this place.
    pub n_mentions: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Story {
    pub places: Vec<StoryPlace>,
    /// ISO alpha-2 codes (upper case) of the countries the story names.
    pub countries: BTreeSet<String>,
    /// (lon, lat) of the literal places, else of every place: the first view fits these.
    pub fit_points: Vec<(f64, f64)>,
}

pub fn story_of(document: &Document) -> Story {
    // A place that no place mention names is only associated with something else ("The
    // Jerusalem Post", "Iran-backed"): it gets neither a marker nor shading, so the map never
    // suggests something happened there.
    let places: Vec<StoryPlace> = document
        .places
        .iter()
        .enumerate()
        .map(|(idx, place)| StoryPlace {
            idx,
            n_mentions: document
                .mentions
                .iter()
                .filter(|m| m.reference.as_deref() == Some(place.id.as_str()))
                .count(),
        })
        .filter(|story_place| story_place.n_mentions > 0)
        .collect();
    let countries = places
        .iter()
        .map(|story_place| &document.places[story_place.idx])
        .filter(|p| p.kind == PlaceKind::Country)
        .map(|p| p.country.to_ascii_uppercase())
        .filter(|code| code.len() == 2)
        .collect();
    let valid =
        |p: &&dateline_engine::Place| p.lat.is_finite() && p.lon.is_finite() && p.lat.abs() <= 90.0;
    let literal: Vec<(f64, f64)> = document
        .places
        .iter()
        .filter(valid)
        .filter(|p| p.literal)
        .map(|p| (p.lon, p.lat))
        .collect();
    let fit_points = if literal.is_empty() {
        document
            .places
            .iter()
            .filter(valid)
            .map(|p| (p.lon, p.lat))
            .collect()
    } else {
        literal
    };
    Story {
        places,
        countries,
        fit_points,
    }
}

/// Indices of the places a selection points at: the place itself, an event's places, the
/// places an actor is tied to (its affiliation, the places its mentions carry, the places of
/// its events), or the places of the events at a selected time.
pub fn places_of_selection(document: &Document, selection: Option<&Selection>) -> Vec<usize> {
    let Some(Selection::Item(id)) = selection else {
        return Vec::new();
    };
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    ids.insert(id);
    for event in &document.events {
        let involved = event.id == *id
            || event.agents.iter().chain(&event.targets).any(|a| a == id)
            || event.time.as_deref() == Some(id);
        if involved {
            ids.extend(event.places.iter().map(String::as_str));
        }
    }
    if let Some(actor) = document.actors.iter().find(|a| a.id == *id) {
        ids.extend(actor.affiliation.as_deref());
        ids.extend(
            document
                .mentions
                .iter()
                .filter(|m| m.reference.as_deref() == Some(id.as_str()))
                .filter_map(|m| m.place.as_deref()),
        );
    }
    document
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| ids.contains(p.id.as_str()))
        .map(|(idx, _)| idx)
        .collect()
}

/// The sentences (text, trimmed) a place is named in, at most `limit`.
pub fn sentences_naming(document: &Document, place_id: &str, limit: usize) -> Vec<String> {
    let offsets = crate::text_index::CharOffsets::new(&document.text);
    let mut seen: Vec<usize> = Vec::new();
    for mention in document.mentions.iter().filter(|m| {
        m.reference.as_deref() == Some(place_id) || m.place.as_deref() == Some(place_id)
    }) {
        if let Some(idx) = document
            .sentences
            .iter()
            .position(|s| s.start <= mention.start && mention.start < s.end)
        {
            if !seen.contains(&idx) {
                seen.push(idx);
            }
        }
    }
    seen.sort_unstable();
    seen.into_iter()
        .take(limit)
        .map(|idx| {
            let span = document.sentences[idx];
            let text = document.text[offsets.byte(span.start)..offsets.byte(span.end)].trim();
            shorten(text, 220)
        })
        .collect()
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_engine::{Mention, MentionKind, Place, Span};

    fn place(id: &str, kind: PlaceKind, literal: bool, lon: f64, lat: f64, country: &str) -> Place {
        Place {
            id: id.into(),
            name: id.into(),
            kind,
            lat,
            lon,
            country: country.into(),
            gazetteer_id: None,
            confidence: 0.9,
            literal,
            alternatives: Vec::new(),
            geometry: None,
        }
    }

    fn mention(id: &str, start: usize, end: usize, reference: &str) -> Mention {
        Mention {
            id: id.into(),
            start,
            end,
            text: String::new(),
            kind: MentionKind::Place,
            reference: Some(reference.into()),
            place: None,
        }
    }

    fn document() -> Document {
        let text = "Rockets hit Deir ez-Zor. Washington said Syria was calm.".to_string();
        Document {
            text,
            sentences: vec![Span { start: 0, end: 24 }, Span { start: 25, end: 56 }],
            mentions: vec![
                mention("m1", 12, 23, "p1"),
                mention("m2", 25, 35, "p2"),
                mention("m3", 41, 46, "p3"),
            ],
            places: vec![
                place("p1", PlaceKind::City, true, 40.14, 35.34, "SY"),
                place("p2", PlaceKind::City, false, -77.04, 38.9, "US"),
                place("p3", PlaceKind::Country, true, 38.5, 35.0, "sy"),
                // Named only inside "Iran-backed": linked, never a mention of its own.
                place("p4", PlaceKind::Country, false, 53.0, 32.0, "IR"),
            ],
            // Through JSON, so that fields the engine adds later take their defaults.
            events: vec![serde_json::from_value(serde_json::json!({
                "id": "e1", "sentence": 0, "trigger": "hit", "type": "attack",
                "agents": ["a1"], "targets": [], "places": ["p1"], "time": null, "summary": ""
            }))
            .expect("a minimal event")],
            ..Document::default()
        }
    }

    #[test]
    fn story_counts_mentions_shades_countries_and_fits_literal_places() {
        let story = story_of(&document());
        assert_eq!(story.places[0].n_mentions, 1);
        assert!(story.countries.contains("SY"));
        assert!(
            !story.countries.contains("IR"),
            "a linked-only country is not shaded"
        );
        assert!(
            story.places.iter().all(|p| p.idx != 3),
            "a linked-only place gets no marker"
        );
        assert_eq!(story.fit_points, vec![(40.14, 35.34), (38.5, 35.0)]);
    }

    #[test]
    fn selections_lead_to_places() {
        let doc = document();
        let select = |id: &str| places_of_selection(&doc, Some(&Selection::Item(id.into())));
        assert_eq!(select("p2"), vec![1]);
        assert_eq!(select("e1"), vec![0]);
        assert_eq!(
            select("a1"),
            vec![0],
            "an actor leads to the places of its events"
        );
        assert!(places_of_selection(&doc, None).is_empty());
    }

    #[test]
    fn a_place_card_quotes_its_sentences() {
        assert_eq!(
            sentences_naming(&document(), "p1", 3),
            vec!["Rockets hit Deir ez-Zor."]
        );
        assert!(shorten(&"word ".repeat(100), 30).ends_with('…'));
    }
}
