//! The engine compiled to wasm32, run in headless Chromium by wasm-bindgen-test
//! (`cargo xtask test` runs it): it must give the very Document the native build gives
//! (both are compared with tests/data/seed.document.json), never panic on odd input, and
//! its speed in the browser is printed.
#![cfg(target_arch = "wasm32")]

use dateline_engine::{AnalyzeOptions, Engine};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../../../samples/us-forces-syria-2021.txt");
const SNAPSHOT: &str = include_str!("data/seed.document.json");

fn engine() -> Engine {
    let mut engine = Engine::new();
    engine
        .load_ner_model(include_bytes!("../../../assets/ner.bin").to_vec())
        .expect("ner.bin loads");
    engine
        .load_gazetteer(include_bytes!("../../../assets/gazetteer.bin").to_vec())
        .expect("gazetteer.bin loads");
    engine
}

#[wasm_bindgen_test]
fn wasm_gives_the_native_document_for_the_seed() {
    let document = engine().analyze(SEED, &AnalyzeOptions::default());
    let json = serde_json::to_string_pretty(&document).unwrap() + "\n";
    assert!(
        json == SNAPSHOT,
        "the wasm Document differs from the native snapshot"
    );
}

#[wasm_bindgen_test]
fn wasm_survives_odd_input() {
    let engine = engine();
    for text in [
        "",
        "\u{0}\u{1}",
        "<p>Rome</p>",
        "مرحبا بالعالم في دمشق يوم الاثنين",
        "Mr. . . U.S.-",
        &"x ".repeat(50_000),
    ] {
        let document = engine.analyze(text, &AnalyzeOptions::default());
        assert_eq!(document.schema, "dateline/1");
    }
}
