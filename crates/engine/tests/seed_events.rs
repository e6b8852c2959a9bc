//! The seed article's events and quotes: the three events of the hand-made expectations
//! (copied from fixtures/us-forces-syria-2021.expected.json) found, typed, dated, placed,
//! with their actors (as agents, targets or sources), in time order; every direct quote
//! with its speaker; and the readings a careful reader rejects ("must_not").
//!
//! Runs the full engine with assets/ner.bin and assets/gazetteer.bin when present.

#[path = "articles/common.rs"]
mod common;

use dateline_engine::Document;

const EXPECTED_EVENTS: &str = r#"[
    {"what": "US airstrikes on Iran-backed militia facilities (two locations in Syria, one in Iraq, near the border)",
     "types": ["strike"], "date": "2021-06-27", "places": ["Syria", "Iraq"], "actors": ["Joe Biden", "Pentagon"]},
    {"what": "Blinken tells reporters in Rome the strikes were necessary",
     "types": ["statement", "meeting"], "date": "2021-06-28", "places": ["Rome"], "actors": ["Antony Blinken"]},
    {"what": "US troops in eastern Syria / Deir Ezzour come under rocket fire; counter-battery fire",
     "types": ["attack"], "date": "2021-06-28", "places": ["Deir Ezzour"], "actors": ["Wayne Maratto"]}
]"#;

const EXPECTED_QUOTES: &str = r#"[
    {"starts": "U.S. Forces in Syria were attacked", "speaker": "Wayne Maratto"},
    {"starts": "U.S. Forces in Syria, while under", "speaker": "Wayne Maratto"},
    {"starts": "limit the risk of escalation", "speaker": "Antony Blinken"},
    {"starts": "clear and unambiguous deterrent message", "speaker": "Antony Blinken"},
    {"starts": "defensive precision airstrikes", "speaker": "Pentagon"},
    {"starts": "Iran-backed militias that are engaged", "speaker": "Pentagon"},
    {"starts": "The U.S. strikes targeted", "speaker": "Pentagon"},
    {"starts": "As a matter of international law", "speaker": "Pentagon"},
    {"starts": "And I have that authority", "speaker": "Joe Biden"},
    {"starts": "blatant and unacceptable violation", "speaker": "Iraqi military"},
    {"starts": "disrupting the security of the region", "speaker": "Saeed Khatibzadeh"}
]"#;

fn seed() -> (Document, String) {
    common::seed_document()
}

#[test]
fn seed_events_are_found_dated_placed_and_ordered() {
    let (document, note) = seed();
    let expected: serde_json::Value = serde_json::from_str(EXPECTED_EVENTS).expect("valid JSON");
    let failures = common::report(
        &format!("seed events ({note})"),
        &common::check_events(&document, &expected),
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn seed_quotes_have_their_speakers() {
    let (document, note) = seed();
    let expected: serde_json::Value = serde_json::from_str(EXPECTED_QUOTES).expect("valid JSON");
    let mut failures = common::report(
        &format!("seed quotes ({note})"),
        &common::check_quotes(&document, &expected),
    );
    if document.quotes.len() != 11 {
        failures.push(format!("{} quotes, expected 11", document.quotes.len()));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn seed_events_respect_must_not() {
    let (document, _) = seed();
    let mut failures = Vec::new();
    let title_sentence = document.sentences.iter().position(|sentence| {
        common::slice(&document, sentence.start, sentence.end)
            == document.meta.title.clone().unwrap_or_default()
    });
    for event in &document.events {
        // The headline is merged into the body's reports, never an event of its own.
        if title_sentence.is_some_and(|title| event.sentences == [title]) {
            failures.push(format!("{} comes from the headline alone", event.id));
        }
        // The caption's date belongs to the photo.
        if common::time_value(&document, event.time.as_deref()) == Some("2020-10-09") {
            failures.push(format!("{} dated by the photo caption", event.id));
        }
        // Iran is only in "Iran-backed" and "Iranian": never a scene.
        for place_id in &event.places {
            let place = document.places.iter().find(|place| &place.id == place_id);
            if place.is_some_and(|place| place.name == "Iran" || !place.literal) {
                failures.push(format!(
                    "{} placed in a non-literal place {place_id}",
                    event.id
                ));
            }
            if place.is_some_and(|place| place.name.contains("Hill")) {
                failures.push(format!("{} placed on the Hill", event.id));
            }
        }
    }
    // Rome is the Italian one (the gazetteer's job, checked here because the event map
    // depends on it).
    if let Some(rome) = common::place_named(&document, "Rome") {
        if rome.country != "IT" {
            failures.push(format!("Rome resolved to {}", rome.country));
        }
    }
    // One strike event: "the strikes" of many sentences merged.
    let n_strikes = document
        .events
        .iter()
        .filter(|event| event.event_type == "strike")
        .count();
    if n_strikes != 1 {
        failures.push(format!(
            "{n_strikes} strike events, expected the strikes merged into 1"
        ));
    }
    // Negation and hypotheticals.
    let flagged = |needle: &str, negated: bool, hypothetical: bool| {
        document.events.iter().any(|event| {
            event.summary.contains(needle)
                && event.negated == negated
                && event.hypothetical == hypothetical
        })
    };
    if !flagged("no injuries", true, false) {
        failures.push("\"There are no injuries\" not a negated event".into());
    }
    if !flagged("vowed to retaliate", false, true) {
        failures.push("\"vowed to retaliate\" not a hypothetical event".into());
    }
    // The troops who came under fire are its target, not its agent.
    let actor_named = |name: &str| {
        document
            .actors
            .iter()
            .find(|actor| actor.name == name)
            .map(|actor| actor.id.clone())
    };
    if let (Some(attack), Some(troops)) = (
        document
            .events
            .iter()
            .find(|event| event.trigger.contains("under rocket fire")),
        actor_named("U.S. troops"),
    ) {
        if attack.agents.contains(&troops) || !attack.targets.contains(&troops) {
            failures.push(format!(
                "U.S. troops are not only the target of {}: agents {:?}, targets {:?}",
                attack.id, attack.agents, attack.targets
            ));
        }
    } else {
        failures.push("no rocket-fire event or no actor \"U.S. troops\"".into());
    }
    // Summaries start at the group's place ("U.S. troops ...", not "troops ...") and end on
    // a word that stands, not "... condemned the U.S. strikes as a".
    if !document.events.iter().any(|event| {
        event
            .summary
            .starts_with("U.S. troops in eastern Syria came under")
    }) {
        failures.push("the rocket-fire summary does not start with \"U.S. troops\"".into());
    }
    for event in &document.events {
        let last = event.summary.rsplit(' ').next().unwrap_or("");
        if ["a", "an", "the", "of", "as", "to"].contains(&last) {
            failures.push(format!("{} summary dangles: {:?}", event.id, event.summary));
        }
    }
    // What a statement reports, or an accusation quotes, is in its summary: not "the
    // Pentagon said the actions show", but "... show that the U.S. president stands ready
    // ..."; a quotation it opens is closed.
    for needle in [
        "said the actions show that the U.S. president stands ready",
        "accused the United States of “disrupting the security of the region.”",
    ] {
        if !document
            .events
            .iter()
            .any(|event| event.summary.contains(needle))
        {
            failures.push(format!("no summary holds {needle:?}"));
        }
    }
    for event in &document.events {
        if event.summary.matches('“').count() != event.summary.matches('”').count() {
            failures.push(format!("{} summary leaves a quote open", event.id));
        }
    }
    // Ids.
    for (n, event) in document.events.iter().enumerate() {
        if event.id != format!("e{}", n + 1) {
            failures.push(format!("event id {} at {}", event.id, n));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn seed_analysis_is_fast() {
    let (engine, _) = common::engine();
    let text = common::seed_text();
    // A long paste: the seed two hundred times (about 750 KB) must not hang.
    let long = text.repeat(200);
    let started = std::time::Instant::now();
    let document = engine.analyze(&long, &Default::default());
    let elapsed = started.elapsed();
    println!(
        "{} KB in {elapsed:?}: {} events, {} quotes",
        long.len() / 1024,
        document.events.len(),
        document.quotes.len()
    );
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
}
