//! The engine's speed in a browser, as readers get it.
//!
//! `cargo xtask bench-wasm` builds this crate with the release profile (the engine at
//! opt-level 2, everything else at `z`, as the shipped app), and `run.mjs` times it in
//! headless Chromium through Playwright. Not wasm-bindgen-test: under its runner (Chromium
//! driven by chromedriver) the same analysis took several times longer than in a plain page.

use dateline_engine::{AnalyzeOptions, Engine};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

/// Loads the engine's data, analyses `text` `warm_up` times untimed, then `samples` times
/// `batch` runs, and returns each sample's milliseconds per run. Batches because a page's
/// clock only has 0.1 ms steps (5 µs with cross-origin isolation, which a benchmark page
/// does not have).
#[wasm_bindgen]
pub fn time_analysis(
    ner_model: Vec<u8>,
    gazetteer: Vec<u8>,
    text: &str,
    warm_up: u32,
    samples: u32,
    batch: u32,
) -> Result<Vec<f64>, String> {
    let mut engine = Engine::new();
    engine
        .load_ner_model(ner_model)
        .map_err(|error| error.to_string())?;
    engine
        .load_gazetteer(gazetteer)
        .map_err(|error| error.to_string())?;
    let options = AnalyzeOptions::default();
    for _ in 0..warm_up {
        engine.analyze(text, &options);
    }
    let batch = batch.max(1);
    Ok((0..samples)
        .map(|_| {
            let started = now();
            for _ in 0..batch {
                std::hint::black_box(engine.analyze(text, &options));
            }
            (now() - started) / f64::from(batch)
        })
        .collect())
}
