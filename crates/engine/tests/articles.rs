//! Five real news articles of other kinds (protest, election, disaster, court, business),
//! with hand-made expectations in tests/articles/<name>.expected.json. The texts are *not*
//! in the project (the corpora are for evaluation only): each expectation names its source
//! file and document id, and this test reads the text from the shared data folder
//! (`../../../shared/data/...` from this crate). Without it the test says so and passes.
//!
//! This is a report, not a gate: it prints what the engine gets right (actors with kind,
//! title, role and aliases; events with type, date, places and actors; quote speakers) and
//! fails only if the engine panics or an expectation file is malformed.

#[path = "articles/common.rs"]
mod common;

use std::path::PathBuf;

use dateline_engine::{calendar::CalendarDate, AnalyzeOptions};
use serde_json::Value;

fn shared_data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// The document of `id` in a JSON Lines file.
fn find_document(path: &PathBuf, id: &str) -> Option<Value> {
    let content = std::fs::read_to_string(path).ok()?;
    content
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find(|document| document["id"].as_str() == Some(id))
}

fn parse_date(value: &str) -> Option<CalendarDate> {
    let mut parts = value.split('-').map(|part| part.parse::<i32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    CalendarDate::new(y, m as u32, d as u32)
}

#[test]
fn articles_report() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/articles")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.to_string_lossy().ends_with(".expected.json"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "five article expectations");
    let (engine, note) = common::engine();
    println!("articles ({note})");
    let mut totals = (0, 0);
    for path in names {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("readable expectation"))
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let file = expected["source"]["file"].as_str().expect("source.file");
        let id = expected["source"]["id"].as_str().expect("source.id");
        let source_path = shared_data().join(file.trim_start_matches("data/"));
        let Some(source) = find_document(&source_path, id) else {
            println!(
                "SKIPPED {}: the source {} (id {id}) is not available at {}",
                path.display(),
                file,
                source_path.display()
            );
            continue;
        };
        let body = source["text"].as_str().unwrap_or("");
        let text = match (
            expected["source"]["title_prepended"].as_bool(),
            source["title"].as_str(),
        ) {
            (Some(true), Some(title)) => format!("{title}\n\n{body}"),
            _ => body.to_string(),
        };
        let dct = expected["source"]["dct"]
            .as_str()
            .or_else(|| source["dct"].as_str())
            .and_then(parse_date);
        let options = AnalyzeOptions {
            dct,
            ..Default::default()
        };
        let document = engine.analyze(&text, &options);
        let kind = expected["kind"].as_str().unwrap_or("?");
        let mut outcomes = common::check_actors(&document, &expected["actors"]);
        outcomes.extend(common::check_events(
            &document,
            &expected["events_in_order"],
        ));
        outcomes.extend(common::check_quotes(&document, &expected["quotes"]));
        let n_ok = outcomes.iter().filter(|outcome| outcome.ok).count();
        totals.0 += n_ok;
        totals.1 += outcomes.len();
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().to_string());
        common::report(&format!("{kind} {name} [{file} {id}]"), &outcomes);
        let mut types: Vec<&str> = document
            .events
            .iter()
            .map(|event| event.event_type.as_str())
            .collect();
        types.sort_unstable();
        types.dedup();
        println!(
            "  engine: {} actors, {} events (types {:?}, {} dated), {} places ({} literal), {} quotes ({} with speaker)",
            document.actors.len(),
            document.events.len(),
            types,
            document.events.iter().filter(|event| event.time.is_some()).count(),
            document.places.len(),
            document.places.iter().filter(|place| place.literal).count(),
            document.quotes.len(),
            document.quotes.iter().filter(|quote| quote.speaker.is_some()).count(),
        );
    }
    println!("articles total: {}/{} checks right", totals.0, totals.1);
}
