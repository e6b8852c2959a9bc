//! The user's corrections: a layer on top of the engine's analysis.
//!
//! Analysis stays pure (text in, `Document` out); what the user fixes is a list of
//! [`Correction`] values, applied in order by [`apply`] to a copy of the Document before the
//! views, the exports and share links see it. Undo pops the last one. The list is kept per
//! article in localStorage under the FNV-1a hash of the analysed text, so reopening the same
//! article (or a share link of it) brings the fixes back.
//!
//! Each correction names entities by id, and ids are stable for a given text and engine; a
//! correction whose ids are gone (the engine changed) is skipped, never an error.
//!
//! ```
//! let fixed = apply(&document, &[Correction::Drop { id: "p3".into() }]);
//! ```

use std::collections::HashSet;

use dateline_engine::{ActorKind, Alternative, Document, Mention, MentionKind, Place, PlaceKind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Correction {
    /// Resolve a place to one of its runner-up candidates instead.
    ChooseAlternative {
        place: String,
        alternative: Alternative,
    },
    /// Change an actor's kind (person, organisation, group, country).
    SetActorKind { actor: String, kind: ActorKind },
    /// Change a place's kind (city, country, region, ...).
    SetPlaceKind { place: String, kind: PlaceKind },
    /// A place is a scene, or only a metonym ("Washington said").
    SetLiteral { place: String, literal: bool },
    /// Remove a false entity (place or actor) and every reference to it.
    Drop { id: String },
    /// Two actors are one: `from` is folded into `into`.
    MergeActors { from: String, into: String },
    /// A place the engine missed, found in the gazetteer.
    AddPlace {
        name: String,
        lat: f64,
        lon: f64,
        country: String,
    },
}

impl Correction {
    /// A short description for the undo button and the corrections list.
    pub fn describe(&self, document: &Document) -> String {
        let name = |id: &str| document.name_of(id).unwrap_or(id).to_string();
        match self {
            Correction::ChooseAlternative { place, alternative } => {
                format!(
                    "{} is {} ({})",
                    name(place),
                    alternative.name,
                    alternative.country
                )
            }
            Correction::SetActorKind { actor, kind } => {
                format!("{} is a {}", name(actor), actor_kind_name(*kind))
            }
            Correction::SetPlaceKind { place, kind } => {
                format!(
                    "{} is a {}",
                    name(place),
                    crate::export::geojson::place_kind_name(*kind)
                )
            }
            Correction::SetLiteral { place, literal } => format!(
                "{} {}",
                name(place),
                if *literal {
                    "is a scene"
                } else {
                    "is not a scene"
                }
            ),
            Correction::Drop { id } => format!("{} removed", name(id)),
            Correction::MergeActors { from, into } => {
                format!("{} merged into {}", name(from), name(into))
            }
            Correction::AddPlace { name, country, .. } => format!("{name} ({country}) added"),
        }
    }
}

pub fn actor_kind_name(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "person",
        ActorKind::Organization => "organization",
        ActorKind::Group => "group",
        ActorKind::Country => "country",
    }
}

/// The Document with `corrections` applied in order.
pub fn apply(document: &Document, corrections: &[Correction]) -> Document {
    let mut document = document.clone();
    for correction in corrections {
        apply_one(&mut document, correction);
    }
    document
}

fn apply_one(document: &mut Document, correction: &Correction) {
    match correction {
        Correction::ChooseAlternative { place, alternative } => {
            let Some(place) = document.places.iter_mut().find(|p| p.id == *place) else {
                return;
            };
            let previous = Alternative {
                name: place.name.clone(),
                lat: place.lat,
                lon: place.lon,
                country: place.country.clone(),
                score: place.confidence,
            };
            place.alternatives.retain(|a| a != alternative);
            place.alternatives.insert(0, previous);
            place.name = alternative.name.clone();
            place.lat = alternative.lat;
            place.lon = alternative.lon;
            place.country = alternative.country.clone();
            place.gazetteer_id = None;
            place.geometry = None;
            // The user said so.
            place.confidence = 1.0;
        }
        Correction::SetActorKind { actor, kind } => {
            let Some(entry) = document.actors.iter_mut().find(|a| a.id == *actor) else {
                return;
            };
            entry.kind = *kind;
            let mention_kind = match kind {
                ActorKind::Person => Some(MentionKind::Person),
                ActorKind::Organization => Some(MentionKind::Organization),
                ActorKind::Group => Some(MentionKind::Group),
                // Country actors' mentions keep their kind (they are often place mentions).
                ActorKind::Country => None,
            };
            if let Some(mention_kind) = mention_kind {
                for mention in &mut document.mentions {
                    if mention.reference.as_deref() == Some(actor.as_str()) {
                        mention.kind = mention_kind;
                    }
                }
            }
        }
        Correction::SetPlaceKind { place, kind } => {
            if let Some(place) = document.places.iter_mut().find(|p| p.id == *place) {
                place.kind = *kind;
            }
        }
        Correction::SetLiteral { place, literal } => {
            if let Some(place) = document.places.iter_mut().find(|p| p.id == *place) {
                place.literal = *literal;
            }
        }
        Correction::Drop { id } => drop_entity(document, id),
        Correction::MergeActors { from, into } => merge_actors(document, from, into),
        Correction::AddPlace {
            name,
            lat,
            lon,
            country,
        } => add_place(document, name, *lat, *lon, country),
    }
}

fn drop_entity(document: &mut Document, id: &str) {
    let is = |x: &String| x == id;
    document.places.retain(|p| p.id != id);
    document.actors.retain(|a| a.id != id);
    document
        .mentions
        .retain(|m| m.reference.as_deref() != Some(id));
    for mention in &mut document.mentions {
        if mention.place.as_deref() == Some(id) {
            mention.place = None;
        }
    }
    for actor in &mut document.actors {
        if actor.affiliation.as_deref() == Some(id) {
            actor.affiliation = None;
        }
    }
    for event in &mut document.events {
        event.agents.retain(|x| !is(x));
        event.targets.retain(|x| !is(x));
        event.places.retain(|x| !is(x));
        event.sources.retain(|x| !is(x));
    }
    for quote in &mut document.quotes {
        if quote.speaker.as_deref() == Some(id) {
            quote.speaker = None;
        }
    }
}

fn merge_actors(document: &mut Document, from: &str, into: &str) {
    if from == into {
        return;
    }
    let Some(index) = document.actors.iter().position(|a| a.id == from) else {
        return;
    };
    if !document.actors.iter().any(|a| a.id == into) {
        return;
    }
    let folded = document.actors.remove(index);
    if let Some(target) = document.actors.iter_mut().find(|a| a.id == into) {
        target.n_mentions += folded.n_mentions;
        for list in [
            (
                &mut target.aliases,
                folded
                    .aliases
                    .iter()
                    .chain([&folded.name])
                    .cloned()
                    .collect::<Vec<_>>(),
            ),
            (&mut target.titles, folded.titles.clone()),
            (&mut target.roles, folded.roles.clone()),
        ] {
            let (into_list, from_list) = list;
            for item in from_list {
                if !into_list.contains(&item) {
                    into_list.push(item);
                }
            }
        }
        if target.affiliation.is_none() {
            target.affiliation = folded.affiliation.clone();
        }
    }
    let rename = |ids: &mut Vec<String>| {
        for id in ids.iter_mut() {
            if id == from {
                *id = into.to_string();
            }
        }
        let mut seen = HashSet::new();
        ids.retain(|id| seen.insert(id.clone()));
    };
    for mention in &mut document.mentions {
        if mention.reference.as_deref() == Some(from) {
            mention.reference = Some(into.to_string());
        }
    }
    for actor in &mut document.actors {
        if actor.affiliation.as_deref() == Some(from) {
            actor.affiliation = Some(into.to_string());
        }
    }
    for event in &mut document.events {
        rename(&mut event.agents);
        rename(&mut event.targets);
        rename(&mut event.sources);
    }
    for quote in &mut document.quotes {
        if quote.speaker.as_deref() == Some(from) {
            quote.speaker = Some(into.to_string());
        }
    }
}

/// Adds the place and marks each whole-word occurrence of its name that no other mention
/// covers, so it lights up in the text like the places the engine found.
fn add_place(document: &mut Document, name: &str, lat: f64, lon: f64, country: &str) {
    if name.trim().is_empty()
        || document
            .places
            .iter()
            .any(|p| p.name == name && p.country == country)
    {
        return;
    }
    let mut n = 1;
    let id = loop {
        let id = format!("p-user-{n}");
        if document.name_of(&id).is_none() && !document.mentions.iter().any(|m| m.id == id) {
            break id;
        }
        n += 1;
    };
    let kind = if document
        .places
        .iter()
        .any(|p| p.country == country && p.kind == PlaceKind::Country)
        || name.len() > 3
    {
        PlaceKind::City
    } else {
        PlaceKind::Country
    };
    document.places.push(Place {
        id: id.clone(),
        name: name.to_string(),
        kind,
        lat,
        lon,
        country: country.to_string(),
        gazetteer_id: None,
        confidence: 1.0,
        literal: true,
        alternatives: vec![],
        geometry: None,
    });
    let chars: Vec<char> = document.text.chars().collect();
    let needle: Vec<char> = name.chars().collect();
    let mut added = Vec::new();
    let mut at = 0;
    while !needle.is_empty() && at + needle.len() <= chars.len() {
        let end = at + needle.len();
        let whole_word = chars[at..end] == needle[..]
            && (at == 0 || !chars[at - 1].is_alphanumeric())
            && (end == chars.len() || !chars[end].is_alphanumeric());
        let free = !document
            .mentions
            .iter()
            .any(|m| m.start < end && at < m.end);
        if whole_word && free {
            added.push(Mention {
                id: format!("{id}-m{}", added.len() + 1),
                start: at,
                end,
                text: name.to_string(),
                kind: MentionKind::Place,
                reference: Some(id.clone()),
                place: None,
            });
            at = end;
        } else {
            at += 1;
        }
    }
    document.mentions.extend(added);
    document.mentions.sort_by_key(|m| (m.start, m.end));
}

/// FNV-1a (64-bit) of the text, in hex: the key corrections are kept under.
pub fn text_key(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= *byte as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

const STORAGE_PREFIX: &str = "dateline.corrections.";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The corrections kept for this article text, if any (none when storage is off or unreadable).
pub fn load(text: &str) -> Vec<Correction> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    storage
        .get_item(&format!("{STORAGE_PREFIX}{}", text_key(text)))
        .ok()
        .flatten()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Keeps the corrections for this article text; an empty list removes the entry.
pub fn save(text: &str, corrections: &[Correction]) {
    let Some(storage) = local_storage() else {
        return;
    };
    let key = format!("{STORAGE_PREFIX}{}", text_key(text));
    if corrections.is_empty() {
        let _ = storage.remove_item(&key);
    } else if let Ok(json) = serde_json::to_string(corrections) {
        // A full storage (quota) loses the corrections' persistence, not the corrections.
        let _ = storage.set_item(&key, &json);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn choosing_an_alternative_moves_the_place_and_keeps_the_old_one() {
        let document = fixture::document();
        let alternative = document.places[0].alternatives[0].clone();
        let fixed = apply(
            &document,
            &[Correction::ChooseAlternative {
                place: "p1".into(),
                alternative,
            }],
        );
        assert_eq!(fixed.places[0].name, "Al Mayadin Camp");
        assert_eq!(fixed.places[0].lat, 35.1);
        assert_eq!(fixed.places[0].alternatives[0].name, "Mayadin");
        assert_eq!(fixed.places[0].alternatives.len(), 1);
        // Pure: the analysis is untouched.
        assert_eq!(document.places[0].name, "Mayadin");
    }

    #[test]
    fn dropping_an_entity_removes_every_reference() {
        let fixed = apply(
            &fixture::document(),
            &[Correction::Drop { id: "p1".into() }],
        );
        assert!(fixed.places.iter().all(|p| p.id != "p1"));
        assert!(fixed
            .mentions
            .iter()
            .all(|m| m.reference.as_deref() != Some("p1")));
        assert_eq!(fixed.events[0].places, vec!["p2".to_string()]);
        let fixed = apply(&fixed, &[Correction::Drop { id: "a3".into() }]);
        assert!(fixed.events[0].sources.is_empty());
    }

    #[test]
    fn merging_actors_folds_mentions_aliases_and_roles() {
        let fixed = apply(
            &fixture::document(),
            &[Correction::MergeActors {
                from: "a2".into(),
                into: "a1".into(),
            }],
        );
        assert_eq!(fixed.actors.len(), 2);
        let militias = &fixed.actors[0];
        assert_eq!(militias.n_mentions, 2);
        assert!(militias.aliases.contains(&"U.S. troops".to_string()));
        assert_eq!(fixed.events[0].agents, vec!["a1".to_string()]);
        assert_eq!(fixed.events[0].targets, vec!["a1".to_string()]);
        assert!(fixed
            .mentions
            .iter()
            .all(|m| m.reference.as_deref() != Some("a2")));
    }

    #[test]
    fn kinds_and_literal_flags_change() {
        let fixed = apply(
            &fixture::document(),
            &[
                Correction::SetActorKind {
                    actor: "a1".into(),
                    kind: ActorKind::Organization,
                },
                Correction::SetPlaceKind {
                    place: "p1".into(),
                    kind: PlaceKind::Feature,
                },
                Correction::SetLiteral {
                    place: "p2".into(),
                    literal: false,
                },
            ],
        );
        assert_eq!(fixed.actors[0].kind, ActorKind::Organization);
        assert_eq!(fixed.mentions[0].kind, MentionKind::Organization);
        assert_eq!(fixed.places[0].kind, PlaceKind::Feature);
        assert!(!fixed.places[1].literal);
    }

    #[test]
    fn an_added_place_marks_its_free_occurrences() {
        let mut document = fixture::document();
        document.mentions.retain(|m| m.text != "Mayadin");
        document.places.retain(|p| p.id != "p1");
        let fixed = apply(
            &document,
            &[Correction::AddPlace {
                name: "Mayadin".into(),
                lat: 35.02,
                lon: 40.45,
                country: "SY".into(),
            }],
        );
        let place = fixed.places.iter().find(|p| p.name == "Mayadin").unwrap();
        let marks: Vec<&Mention> = fixed
            .mentions
            .iter()
            .filter(|m| m.reference.as_deref() == Some(place.id.as_str()))
            .collect();
        assert_eq!(marks.len(), 1);
        let start = fixed.text.find("Mayadin").unwrap();
        assert_eq!(marks[0].start, start);
    }

    #[test]
    fn stale_ids_are_skipped_and_corrections_round_trip_as_json() {
        let corrections = vec![
            Correction::Drop { id: "nope".into() },
            Correction::MergeActors {
                from: "a9".into(),
                into: "a1".into(),
            },
        ];
        let document = fixture::document();
        assert_eq!(apply(&document, &corrections), document);
        let json = serde_json::to_string(&corrections).unwrap();
        assert!(json.contains("\"op\":\"drop\""));
        let back: Vec<Correction> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, corrections);
    }

    #[test]
    fn text_keys_are_fnv_1a() {
        assert_eq!(text_key(""), "cbf29ce484222325");
        assert_eq!(text_key("a"), "af63dc4c8601ec8c");
    }
}
