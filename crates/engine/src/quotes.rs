//! Direct quotes. First cut: none.
use crate::document::{Document, Quote};
use crate::Context;

pub fn find(_context: &Context, _document: &Document) -> Vec<Quote> {
    Vec::new()
}
