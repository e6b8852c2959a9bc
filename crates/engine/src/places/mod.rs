//! Places: gazetteer lookup and resolution in context. First cut: no gazetteer.

use crate::document::{Mention, Place};
use crate::entities::EntitySpan;
use crate::Context;

pub struct Gazetteer {
    #[allow(dead_code)]
    bytes: Vec<u8>,
}

impl Gazetteer {
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Gazetteer, String> {
        Ok(Gazetteer { bytes })
    }
}

/// What place resolution found.
#[derive(Debug, Clone, Default)]
pub struct ResolvedPlaces {
    pub places: Vec<Place>,
    /// Mentions of kind `place`.
    pub mentions: Vec<Mention>,
    /// Per entity span: the id of the place it names or is associated with.
    pub entity_places: Vec<Option<String>>,
    /// Per entity span: true when the span became a place mention (not an actor).
    pub is_place_mention: Vec<bool>,
}

pub fn resolve(
    _gazetteer: Option<&Gazetteer>,
    _context: &Context,
    entities: &[EntitySpan],
) -> ResolvedPlaces {
    ResolvedPlaces {
        entity_places: vec![None; entities.len()],
        is_place_mention: vec![false; entities.len()],
        ..ResolvedPlaces::default()
    }
}
