//! The engine instance of this page and the loading of its data.
//!
//! The engine is created empty (rules only) so the first Explore never waits; the entity
//! model and the gazetteer are fetched in parallel after first paint and swapped in when
//! they arrive. The data files are served beside the app (Trunk copies assets/).

use std::cell::RefCell;

use dateline_engine::calendar::CalendarDate;
use dateline_engine::{AnalyzeOptions, Document, Engine};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::state::DataKind;

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::new());
}

/// Analyses `text` with this page's engine. The reader's date completes a dateline that
/// gives no year ("WASHINGTON, Aug 11 (Reuters) -"): a pasted wire story is most likely
/// this year's, and the date field says the year was assumed.
pub fn analyze(text: &str, options: &AnalyzeOptions) -> Document {
    let options = AnalyzeOptions {
        today: options.today.or_else(today),
        ..options.clone()
    };
    ENGINE.with(|engine| engine.borrow().analyze(text, &options))
}

/// The reader's date, by the local clock (the engine reads no clock itself).
fn today() -> Option<CalendarDate> {
    let now = js_sys::Date::new_0();
    CalendarDate::new(
        i32::try_from(now.get_full_year()).ok()?,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// Runs `f` with this thread's engine: the embedding API (src/embed/) loads data from its
/// own base URL and searches the gazetteer through it.
pub fn with_engine<R>(f: impl FnOnce(&mut Engine) -> R) -> R {
    ENGINE.with(|engine| f(&mut engine.borrow_mut()))
}

/// Fetches one data file and loads it into the engine.
pub async fn load(which: DataKind) -> Result<(), String> {
    let url = match which {
        DataKind::NerModel => "assets/ner.bin",
        DataKind::Gazetteer => "assets/gazetteer.bin",
    };
    let bytes = fetch_bytes(url).await?;
    ENGINE.with(|engine| {
        let mut engine = engine.borrow_mut();
        match which {
            DataKind::NerModel => engine.load_ner_model(bytes),
            DataKind::Gazetteer => engine.load_gazetteer(bytes),
        }
        .map_err(|error| error.to_string())
    })
}

/// Fetches a file beside the page (or beside the worker script, inside the worker).
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let global = js_sys::global();
    let request = match global.dyn_ref::<web_sys::Window>() {
        Some(window) => window.fetch_with_str(url),
        None => global
            .unchecked_into::<web_sys::WorkerGlobalScope>()
            .fetch_with_str(url),
    };
    let response = JsFuture::from(request)
        .await
        .map_err(|_| format!("{url}: the network request failed"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "not a Response".to_string())?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let buffer = response
        .array_buffer()
        .map_err(|_| format!("{url}: no body"))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| format!("{url}: reading the body failed"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Milliseconds since page load, for timing analyses.
pub fn now_ms() -> f64 {
    // Inside the analysis worker there is no window: its clock is the worker scope's.
    let global = js_sys::global();
    let performance = match global.dyn_ref::<web_sys::Window>() {
        Some(window) => window.performance(),
        None => global
            .unchecked_into::<web_sys::WorkerGlobalScope>()
            .performance(),
    };
    performance.map_or(0.0, |p| p.now())
}
