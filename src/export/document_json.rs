//! The Document itself, as the CLI prints it (schema `dateline/1`), corrections applied.
//! Pretty-printed: people open this file in an editor.

use dateline_engine::Document;

pub fn to_json(document: &Document) -> String {
    // Serialising plain structs of strings and numbers cannot fail; NaN coordinates would
    // become null rather than an error.
    serde_json::to_string_pretty(document).unwrap_or_else(|_| "{}".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    #[test]
    fn the_json_reads_back_as_the_same_document() {
        let document = fixture::document();
        let json = to_json(&document);
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, document);
        assert!(json.contains("\"schema\": \"dateline/1\""));
    }
}
