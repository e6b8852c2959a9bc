//! The seed article's cast: every actor of the hand-made expectations (copied here from
//! fixtures/us-forces-syria-2021.expected.json, so the project tests without /work/shared)
//! with its kind, title, role and aliases; the frame actors; what a careful reader rejects.
//!
//! Runs the full engine with assets/ner.bin and assets/gazetteer.bin when present.

#[path = "articles/common.rs"]
mod common;

use dateline_engine::{Document, MentionKind};

const EXPECTED_ACTORS: &str = r#"[
    {"name": "Joe Biden", "kind": "person", "title": "President", "aliases": ["Biden", "President Joe Biden"]},
    {"name": "Wayne Maratto", "kind": "person", "title": "Col.", "role": "spokesman for the U.S.-led mission in Syria", "aliases": ["Col. Wayne Maratto", "Maratto"]},
    {"name": "Antony Blinken", "kind": "person", "title": "Secretary of State", "aliases": ["Blinken"]},
    {"name": "Saeed Khatibzadeh", "kind": "person", "role": "Iranian foreign ministry spokesman"},
    {"name": "Isabel van Brugen", "kind": "person", "role": "author"},
    {"name": "Melanie Sun", "kind": "person", "role": "contributor"},
    {"name": "Carlos Barria", "kind": "person", "role": "photographer"},
    {"name": "Pentagon", "kind": "organization", "aliases": ["the Pentagon", "Defense Department", "the department"]},
    {"name": "Kata’ib Hezbollah", "kind": "organization"},
    {"name": "Kata’ib Sayyid al-Shuhada", "kind": "organization"},
    {"name": "Iraqi military", "kind": "organization"},
    {"name": "ISIS", "kind": "organization"},
    {"name": "The Jerusalem Post", "kind": "organization"},
    {"name": "Reuters", "kind": "organization"}
]"#;

fn seed() -> (Document, String) {
    common::seed_document()
}

#[test]
fn seed_actors_have_kinds_titles_roles_and_aliases() {
    let (document, note) = seed();
    let expected: serde_json::Value = serde_json::from_str(EXPECTED_ACTORS).expect("valid JSON");
    let failures = common::report(
        &format!("seed actors ({note})"),
        &common::check_actors(&document, &expected),
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn seed_actors_are_not_split_or_invented() {
    let (document, _) = seed();
    let mut failures = Vec::new();
    // One actor per person: Biden and Maratto are not split by their short names.
    for name in [
        "Biden",
        "Maratto",
        "Blinken",
        "Pentagon",
        "Defense Department",
    ] {
        let key = common::name_key(name);
        let n = document
            .actors
            .iter()
            .filter(|actor| {
                actor
                    .aliases
                    .iter()
                    .chain(std::iter::once(&actor.name))
                    .any(|alias| {
                        common::name_key(alias)
                            .split(' ')
                            .any(|word| word == key.split(' ').next_back().unwrap_or(""))
                    })
            })
            .count();
        if n > 1 {
            failures.push(format!("{name} is split over {n} actors"));
        }
    }
    // The Jerusalem Post is a newspaper, not a place in Jerusalem.
    if document
        .mentions
        .iter()
        .any(|mention| mention.kind == MentionKind::Place && mention.text.contains("Jerusalem"))
    {
        failures.push("The Jerusalem Post shown as a place".into());
    }
    // The headline is repeated: its mentions are not counted twice.
    let title = document.meta.title.clone().unwrap_or_default();
    let n_title_lines = document.text.matches(title.as_str()).count();
    if n_title_lines >= 2 {
        let second = document
            .text
            .match_indices(title.as_str())
            .nth(1)
            .map(|(b, _)| b)
            .unwrap_or(0);
        let second_cp = document.text[..second].chars().count();
        let second_end = second_cp + title.chars().count();
        if document.mentions.iter().any(|m| {
            m.start >= second_cp
                && m.end <= second_end
                && m.kind != MentionKind::Place
                && m.kind != MentionKind::Time
        }) {
            failures.push("a mention in the repeated headline".into());
        }
    }
    // Every actor mention names its actor.
    for mention in &document.mentions {
        if matches!(
            mention.kind,
            MentionKind::Person | MentionKind::Organization
        ) {
            let ok = mention
                .reference
                .as_deref()
                .is_some_and(|id| document.actors.iter().any(|actor| actor.id == id));
            if !ok {
                failures.push(format!("mention {:?} names no actor", mention.text));
            }
        }
    }
    // Iran-backed militias belong to Iran (when the gazetteer is loaded).
    if let Some(iran) = document.places.iter().find(|place| place.name == "Iran") {
        let militia = common::actor_named(&document, "Iran-backed militia groups");
        if militia.and_then(|actor| actor.affiliation.as_deref()) != Some(iran.id.as_str()) {
            failures.push("Iran-backed militia groups not affiliated with Iran".into());
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
