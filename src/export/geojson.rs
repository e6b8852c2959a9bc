//! Places and events as a GeoJSON FeatureCollection (RFC 7946), for QGIS, Mapbox, Datawrapper.
//!
//! - each place is a feature: a Point at its coordinates, or its own geometry for borders
//!   and regions when the engine drew one; properties name, kind, country, confidence,
//!   literal (a scene, not a metonym such as "Washington said") and the number of mentions;
//! - each event with a literal place is a Point at its first literal place, with its type,
//!   date, summary and actors.
//!
//! Coordinates are `[longitude, latitude]` (RFC 7946 §3.1.1); features whose coordinates are
//! not finite or out of range are left out rather than written invalid.

use dateline_engine::{Document, Place, PlaceKind};
use serde_json::{json, Value};

use super::event_time;

pub fn to_geojson(document: &Document) -> String {
    let mut features = Vec::new();
    for place in &document.places {
        if let Some(geometry) = place_geometry(place) {
            let n_mentions = document
                .mentions
                .iter()
                .filter(|m| m.reference.as_deref() == Some(place.id.as_str()))
                .count();
            features.push(json!({
                "type": "Feature",
                "id": place.id,
                "geometry": geometry,
                "properties": {
                    "feature": "place",
                    "name": place.name,
                    "kind": place_kind_name(place.kind),
                    "country": place.country,
                    "confidence": round(place.confidence as f64, 3),
                    "literal": place.literal,
                    "mentions": n_mentions,
                }
            }));
        }
    }
    for event in &document.events {
        let place = event
            .places
            .iter()
            .filter_map(|id| document.places.iter().find(|p| p.id == *id))
            .find(|p| p.literal);
        let Some(point) = place.and_then(|p| point(p.lon, p.lat)) else {
            continue;
        };
        let date = event_time(document, event.time.as_deref())
            .map(|time| time.from.clone().unwrap_or_else(|| time.value.clone()));
        let actors: Vec<&str> = event
            .agents
            .iter()
            .chain(&event.targets)
            .filter_map(|id| document.name_of(id))
            .collect();
        features.push(json!({
            "type": "Feature",
            "id": event.id,
            "geometry": point,
            "properties": {
                "feature": "event",
                "type": event.event_type,
                "date": date,
                "summary": event.summary,
                "actors": actors,
                "place": place.map(|p| p.name.as_str()),
                "negated": event.negated,
                "hypothetical": event.hypothetical,
            }
        }));
    }
    let collection = json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_string_pretty(&collection).unwrap_or_else(|_| "{}".into())
}

fn place_geometry(place: &Place) -> Option<Value> {
    let drawn = matches!(place.kind, PlaceKind::Border | PlaceKind::Region);
    match &place.geometry {
        Some(geometry) if drawn && geometry.get("type").is_some() => Some(geometry.clone()),
        _ => point(place.lon, place.lat),
    }
}

fn point(lon: f64, lat: f64) -> Option<Value> {
    let valid = lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0;
    valid.then(|| json!({ "type": "Point", "coordinates": [round(lon, 5), round(lat, 5)] }))
}

fn round(value: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (value * scale).round() / scale
}

pub(crate) fn place_kind_name(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Country => "country",
        PlaceKind::Admin => "admin",
        PlaceKind::City => "city",
        PlaceKind::Feature => "feature",
        PlaceKind::Region => "region",
        PlaceKind::Border => "border",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    fn features(document: &Document) -> Vec<Value> {
        let value: Value = serde_json::from_str(&to_geojson(document)).unwrap();
        assert_eq!(value["type"], "FeatureCollection");
        value["features"].as_array().unwrap().clone()
    }

    #[test]
    fn places_and_events_are_points_in_lon_lat_order() {
        let features = features(&fixture::document());
        let mayadin = features
            .iter()
            .find(|f| f["properties"]["name"] == "Mayadin")
            .unwrap();
        assert_eq!(mayadin["geometry"]["coordinates"], json!([40.45, 35.02]));
        assert_eq!(mayadin["properties"]["mentions"], 1);
        assert_eq!(mayadin["properties"]["kind"], "city");
        let event = features
            .iter()
            .find(|f| f["properties"]["feature"] == "event")
            .unwrap();
        assert_eq!(event["geometry"]["coordinates"], json!([40.45, 35.02]));
        assert_eq!(event["properties"]["date"], "2021-06-28");
        assert_eq!(
            event["properties"]["actors"],
            json!(["Militias", "U.S. troops"])
        );
        // The caption event has no place: no feature.
        assert_eq!(features.len(), 3);
    }

    #[test]
    fn borders_keep_their_geometry_and_bad_coordinates_are_dropped() {
        let mut document = fixture::document();
        document.places[1].kind = PlaceKind::Border;
        document.places[1].geometry =
            Some(json!({ "type": "LineString", "coordinates": [[41.0, 34.4], [41.2, 34.6]] }));
        document.places[0].lat = f64::NAN;
        let features = features(&document);
        assert_eq!(features[0]["geometry"]["type"], "LineString");
        assert!(features
            .iter()
            .all(|f| f["properties"]["name"] != "Mayadin"));
    }
}
