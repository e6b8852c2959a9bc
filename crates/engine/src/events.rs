//! Events. First cut: none.
use crate::document::{Document, Event};
use crate::Context;

pub fn extract(_context: &Context, _document: &Document) -> Vec<Event> {
    Vec::new()
}
