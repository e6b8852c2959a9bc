//! Table-driven tests of place resolution rules: one row per rule, with sentences written for
//! the purpose (not taken from the evaluation corpora).
//!
//! Each row: `sentence | mention text | name of the place it names or links to`. The row
//! passes when some mention containing that text names or links to a place of that name
//! (the `ref` of a place mention, the `place` link of any other): whether the recogniser
//! tags "Calgary-based" or leaves it for place resolution, it links Calgary. Runs the full engine with
//! assets/ner.bin and assets/gazetteer.bin; without the gazetteer it says so and passes.

#[path = "articles/common.rs"]
mod common;

use dateline_engine::{Document, MentionKind};

const CASES: &str = "\
SPRINGFIELD, Ill. (AP) — Officials met on Monday to discuss the budget. | SPRINGFIELD | Springfield
SPRINGFIELD, Ill. (AP) — Officials met on Monday to discuss the budget. | SPRINGFIELD, Ill. | Springfield
Officials in Springfield, Illinois, met on Monday. | Illinois | Illinois
Shells fell on villages along the Syrian-Turkish border on Sunday. | Syrian | Syria
Shells fell on villages along the Syrian-Turkish border on Sunday. | Turkish | Turkey
Artillery shelled a Syrian Kurdish town for the third day. | Kurdish | Kurdistan
The mine was sold to a Calgary-based energy company last year. | Calgary | Calgary
Farmers in France say that EU rules on fertiliser are too strict. | EU | Europe
China wants the Korean Peninsula to be free of nuclear weapons. | Korean Peninsula | Korean Peninsula
Elders in Pakistan said they would stand with Pakistan Army in the years ahead. | Pakistan Army | Pakistan
Rebels in Syria are losing ground. Douma is surrounded by government forces. | Douma | Dūmā
";

/// The names of the places that mentions containing `mention_text` name or link to.
fn place_of<'d>(document: &'d Document, mention_text: &str) -> Vec<&'d str> {
    document
        .mentions
        .iter()
        .filter(|m| m.text.contains(mention_text))
        .filter_map(|m| {
            let id = if m.kind == MentionKind::Place {
                m.reference.as_deref()
            } else {
                m.place.as_deref()
            }?;
            document.places.iter().find(|p| p.id == id)
        })
        .map(|p| p.name.as_str())
        .collect()
}

#[test]
fn place_rules_hold() {
    let (engine, note) = common::engine();
    if !note.contains("gazetteer.bin") {
        eprintln!("{note}: place rules need the gazetteer, skipped");
        return;
    }
    let mut failures = Vec::new();
    for row in CASES.lines().filter(|line| !line.trim().is_empty()) {
        let fields: Vec<&str> = row.split(" | ").map(str::trim).collect();
        let [sentence, mention, place] = fields[..] else {
            panic!("malformed row: {row}");
        };
        let document = engine.analyze(sentence, &Default::default());
        let found = place_of(&document, mention);
        if !found.contains(&place) {
            failures.push(format!(
                "{sentence}\n  expected {mention:?} -> {place:?}, got {found:?}; mentions: {:?}",
                document
                    .mentions
                    .iter()
                    .map(|m| (&m.text, m.kind))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
