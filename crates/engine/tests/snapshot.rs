//! The whole Document for the seed article, compared with a stored snapshot.
//!
//! The same snapshot is checked by `tests/wasm.rs` inside headless Chromium, so the engine
//! compiled to wasm32 is proven to give exactly the Document it gives natively.
//! After an intended change, rewrite it with `UPDATE_EXPECT=1 cargo test -p dateline-engine
//! --test snapshot` and read the diff.

use dateline_engine::{AnalyzeOptions, Engine};

const SEED: &str = include_str!("../../../samples/us-forces-syria-2021.txt");
const SNAPSHOT_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.document.json");

fn seed_document_json() -> String {
    let mut engine = Engine::new();
    engine
        .load_ner_model(include_bytes!("../../../assets/ner.bin").to_vec())
        .expect("assets/ner.bin loads");
    engine
        .load_gazetteer(include_bytes!("../../../assets/gazetteer.bin").to_vec())
        .expect("assets/gazetteer.bin loads");
    let document = engine.analyze(SEED, &AnalyzeOptions::default());
    serde_json::to_string_pretty(&document).expect("a Document serialises") + "\n"
}

#[test]
fn seed_document_matches_the_snapshot() {
    let actual = seed_document_json();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(SNAPSHOT_PATH, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(SNAPSHOT_PATH).unwrap_or_default();
    assert!(
        actual == expected,
        "the seed Document differs from tests/data/seed.document.json; if the change is intended, \
         run UPDATE_EXPECT=1 cargo test -p dateline-engine --test snapshot and review the diff"
    );
}
