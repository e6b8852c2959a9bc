//! Shared by the seed and article tests: an engine with whatever assets exist.

#![allow(dead_code)]

use std::path::PathBuf;

use dateline_engine::{Document, Engine};

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The engine with assets/ner.bin and assets/gazetteer.bin when they exist, and a line
/// saying which were loaded.
pub fn engine() -> (Engine, String) {
    let mut engine = Engine::new();
    let mut loaded = Vec::new();
    let root = workspace_root();
    if let Ok(bytes) = std::fs::read(root.join("assets/ner.bin")) {
        match engine.load_ner_model(bytes) {
            Ok(()) => loaded.push("ner.bin"),
            Err(error) => eprintln!("assets/ner.bin present but not loadable: {error}"),
        }
    }
    if let Ok(bytes) = std::fs::read(root.join("assets/gazetteer.bin")) {
        match engine.load_gazetteer(bytes) {
            Ok(()) => loaded.push("gazetteer.bin"),
            Err(error) => eprintln!("assets/gazetteer.bin present but not loadable: {error}"),
        }
    }
    let note = if loaded.is_empty() {
        "assets: none (rules only)".to_string()
    } else {
        format!("assets: {}", loaded.join(", "))
    };
    (engine, note)
}

/// Lower case, no leading "the", curly apostrophes straightened: how names are compared.
/// The seed article analysed by `engine()`, with the note of which assets were loaded.
pub fn seed_document() -> (Document, String) {
    let (engine, note) = engine();
    let text = seed_text();
    (engine.analyze(&text, &Default::default()), note)
}

pub fn seed_text() -> String {
    let path = workspace_root().join("samples/us-forces-syria-2021.txt");
    std::fs::read_to_string(path).expect("samples/us-forces-syria-2021.txt")
}

pub fn name_key(name: &str) -> String {
    let lower = name.trim().to_lowercase().replace('’', "'");
    lower
        .strip_prefix("the ")
        .map(str::to_string)
        .unwrap_or(lower)
}

pub fn actor_named<'d>(document: &'d Document, name: &str) -> Option<&'d dateline_engine::Actor> {
    let key = name_key(name);
    document.actors.iter().find(|actor| {
        name_key(&actor.name) == key || actor.aliases.iter().any(|alias| name_key(alias) == key)
    })
}

pub fn place_named<'d>(document: &'d Document, name: &str) -> Option<&'d dateline_engine::Place> {
    let key = name_key(name);
    // The place a mention with this text refers to.
    document
        .mentions
        .iter()
        .filter(|mention| name_key(&mention.text) == key)
        .filter_map(|mention| mention.reference.as_deref())
        .find_map(|id| document.places.iter().find(|place| place.id == id))
}

/// Text of a code point span of the analysed text.
pub fn slice(document: &Document, start: usize, end: usize) -> String {
    document
        .text
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

pub fn time_value<'d>(document: &'d Document, id: Option<&str>) -> Option<&'d str> {
    let id = id?;
    document
        .times
        .iter()
        .find(|time| time.id == id)
        .map(|time| time.value.as_str())
}

// ---------------------------------------------------------------------------------------
// Checks shared by the seed tests and the article report. Expectations are JSON in the
// fixture's form: actors [{name, kind, title?, role?, aliases?}], events_in_order
// [{types, date, places, actors}], quotes [{starts, speaker}].

use serde_json::Value;

/// One check's outcome, for a report line.
pub struct Outcome {
    pub what: String,
    pub ok: bool,
    pub detail: String,
}

fn outcome(what: String, ok: bool, detail: String) -> Outcome {
    Outcome { what, ok, detail }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn kind_name(kind: dateline_engine::ActorKind) -> &'static str {
    match kind {
        dateline_engine::ActorKind::Person => "person",
        dateline_engine::ActorKind::Organization => "organization",
        dateline_engine::ActorKind::Group => "group",
        dateline_engine::ActorKind::Country => "country",
    }
}

pub fn check_actors(document: &Document, expected: &Value) -> Vec<Outcome> {
    let mut out = Vec::new();
    for item in expected.as_array().into_iter().flatten() {
        let name = item["name"].as_str().unwrap_or("");
        let Some(actor) = actor_named(document, name) else {
            out.push(outcome(format!("actor {name}"), false, "not found".into()));
            continue;
        };
        let mut problems = Vec::new();
        if let Some(kind) = item["kind"].as_str() {
            // A group named by a collective noun may come out as an organisation and back.
            let got = kind_name(actor.kind);
            let close = matches!(
                (kind, got),
                ("organization", "group") | ("group", "organization")
            );
            if got != kind && !close {
                problems.push(format!("kind {got}, expected {kind}"));
            }
        }
        if let Some(title) = item["title"].as_str() {
            if !actor.titles.iter().any(|t| t == title) {
                problems.push(format!("titles {:?}, expected {title}", actor.titles));
            }
        }
        if let Some(role) = item["role"].as_str() {
            if !actor.roles.iter().any(|r| r == role) {
                problems.push(format!("roles {:?}, expected {role}", actor.roles));
            }
        }
        for alias in strings(&item["aliases"]) {
            let key = name_key(&alias);
            // "President Joe Biden" is the alias "Joe Biden" with the title "President".
            let with_title = actor.titles.iter().any(|title| {
                actor
                    .aliases
                    .iter()
                    .any(|a| name_key(&format!("{title} {a}")) == key)
            });
            // A last name that the text never uses alone ("Blinken" only in "Antony
            // Blinken") is implied by the full name.
            let standalone = document.text.matches(alias.as_str()).count()
                > document.text.matches(actor.name.as_str()).count();
            let implied = !standalone && name_key(&actor.name).ends_with(&format!(" {key}"));
            if !actor.aliases.iter().any(|a| name_key(a) == key) && !with_title && !implied {
                problems.push(format!("alias {alias} missing from {:?}", actor.aliases));
            }
        }
        out.push(outcome(
            format!("actor {name}"),
            problems.is_empty(),
            problems.join("; "),
        ));
    }
    out
}

fn relation_rank(relation: Option<&str>) -> u8 {
    match relation {
        Some("before") => 0,
        Some("after") => 2,
        _ => 1,
    }
}

/// Finds each expected event and checks that the found ones are in time order.
pub fn check_events(document: &Document, expected: &Value) -> Vec<Outcome> {
    let mut out = Vec::new();
    let mut found_keys = Vec::new();
    for (n, item) in expected.as_array().into_iter().flatten().enumerate() {
        let types = strings(&item["types"]);
        let date = item["date"].as_str().unwrap_or("");
        let places: Vec<Option<&dateline_engine::Place>> = strings(&item["places"])
            .iter()
            .map(|name| place_named(document, name))
            .collect();
        let actors: Vec<Option<&dateline_engine::Actor>> = strings(&item["actors"])
            .iter()
            .map(|name| actor_named(document, name))
            .collect();
        let mut best: Option<(usize, &dateline_engine::Event)> = None;
        let mut best_detail = String::new();
        for event in &document.events {
            if !types.is_empty() && !types.contains(&event.event_type) {
                continue;
            }
            let mut score = 0;
            let mut missing = Vec::new();
            let value = time_value(document, event.time.as_deref()).unwrap_or("");
            if date.is_empty() || value.starts_with(date) {
                score += 1;
            } else {
                missing.push(format!("date {value:?}"));
            }
            for (place, name) in places.iter().zip(strings(&item["places"])) {
                if place.is_some_and(|p| event.places.contains(&p.id)) {
                    score += 1;
                } else {
                    missing.push(format!("place {name}"));
                }
            }
            for (actor, name) in actors.iter().zip(strings(&item["actors"])) {
                let ok = actor.is_some_and(|a| {
                    event.agents.contains(&a.id)
                        || event.targets.contains(&a.id)
                        || event.sources.contains(&a.id)
                });
                if ok {
                    score += 1;
                } else {
                    missing.push(format!("actor {name}"));
                }
            }
            if best.is_none_or(|(best_score, _)| score > best_score) {
                best = Some((score, event));
                best_detail = format!(
                    "best {} {:?}: missing {}",
                    event.id,
                    event.summary,
                    missing.join(", ")
                );
            }
        }
        let total = 1 + places.len() + actors.len();
        match best {
            Some((score, event)) if score == total => {
                let value = time_value(document, event.time.as_deref())
                    .unwrap_or("")
                    .to_string();
                found_keys.push((
                    value,
                    relation_rank(event.time_relation.as_deref()),
                    event.sentence,
                    n,
                ));
                out.push(outcome(
                    format!("event {}", n + 1),
                    true,
                    event.summary.clone(),
                ));
            }
            Some(_) => out.push(outcome(format!("event {}", n + 1), false, best_detail)),
            None => out.push(outcome(
                format!("event {}", n + 1),
                false,
                format!("no event of types {types:?}"),
            )),
        }
    }
    let all_dated = expected
        .as_array()
        .into_iter()
        .flatten()
        .all(|item| item["date"].as_str().is_some_and(|date| !date.is_empty()));
    if all_dated
        && found_keys.len() == expected.as_array().map_or(0, Vec::len)
        && found_keys.len() > 1
    {
        let mut sorted = found_keys.clone();
        sorted.sort();
        let order: Vec<usize> = sorted.iter().map(|key| key.3).collect();
        let in_order = order.windows(2).all(|pair| pair[0] < pair[1]);
        out.push(outcome(
            "events in time order".into(),
            in_order,
            format!("{order:?}"),
        ));
    }
    out
}

pub fn check_quotes(document: &Document, expected: &Value) -> Vec<Outcome> {
    let mut out = Vec::new();
    for item in expected.as_array().into_iter().flatten() {
        let starts = item["starts"].as_str().unwrap_or("");
        let speaker = item["speaker"].as_str().unwrap_or("");
        let quote = document
            .quotes
            .iter()
            .find(|quote| slice(document, quote.start, quote.end).starts_with(starts));
        let Some(quote) = quote else {
            out.push(outcome(
                format!("quote {starts:?}"),
                false,
                "not found".into(),
            ));
            continue;
        };
        let expected_id = actor_named(document, speaker).map(|actor| actor.id.clone());
        let ok = expected_id.is_some() && quote.speaker == expected_id;
        let got = quote
            .speaker
            .as_deref()
            .and_then(|id| document.name_of(id))
            .unwrap_or("nobody");
        out.push(outcome(
            format!("quote {starts:?}"),
            ok,
            format!("speaker {got}, expected {speaker}"),
        ));
    }
    out
}

/// Prints outcomes and returns the failures.
pub fn report(title: &str, outcomes: &[Outcome]) -> Vec<String> {
    let n_ok = outcomes.iter().filter(|o| o.ok).count();
    println!("{title}: {n_ok}/{} right", outcomes.len());
    let mut failures = Vec::new();
    for o in outcomes {
        println!(
            "  [{}] {} {}",
            if o.ok { "ok" } else { "--" },
            o.what,
            o.detail
        );
        if !o.ok {
            failures.push(format!("{}: {}", o.what, o.detail));
        }
    }
    failures
}
