//! Places: which names in the text are places, and where on Earth each one is.
//!
//! Three parts, one file each:
//!
//! - [`gazetteer`]: the offline world gazetteer (`assets/gazetteer.bin`), a packed
//!   zero-copy table of ~190,000 places with an `fst` index from forgiving name keys to
//!   records, plus the land borders between countries as lines.
//! - [`normalize_name`]: the forgiving keys (case, diacritics, hyphens, apostrophes, and a
//!   consonant "skeleton" for transliterations: "Deir Ezzour" = "Deir ez-Zor").
//! - [`resolve`](mod@resolve): from entity spans to [`Place`]s in context: candidates,
//!   ranking by prior and document context, metonymy, demonyms and composite places
//!   ("the Iraq–Syria border", "eastern Syria").
//!
//! Without a gazetteer the stage resolves nothing (the app shows text while it downloads).

pub mod gazetteer;
pub mod normalize_name;
pub mod resolve;

pub use gazetteer::Gazetteer;
pub use resolve::resolve;

use crate::document::{Mention, Place};

/// What place resolution found.
#[derive(Debug, Clone, Default)]
pub struct ResolvedPlaces {
    pub places: Vec<Place>,
    /// Mentions of kind `place`.
    pub mentions: Vec<Mention>,
    /// Per entity span: the index in `places` of the place it names or is associated with
    /// ([`ResolvedPlaces::place_id`] gives its id).
    pub entity_places: Vec<Option<usize>>,
    /// Per entity span: true when the span became a place mention (not an actor).
    pub is_place_mention: Vec<bool>,
}

impl ResolvedPlaces {
    /// The id of the place entity span `span` names or is associated with.
    pub fn place_id(&self, span: usize) -> Option<&str> {
        let place = (*self.entity_places.get(span)?)?;
        self.places.get(place).map(|place| place.id.as_str())
    }
}
