//! Analysis off the main thread: the same wasm module, started a second time inside a
//! dedicated Web Worker, holds its own engine and answers analysis requests.
//!
//! Why one module for both: a second Trunk binary would ship the engine twice (once for the
//! page's synchronous `dateline.analyze` API, once for the worker). `main` checks where it
//! runs: with a `window` it renders the app, inside a worker it calls [`run_worker`].
//!
//! Protocol (JSON strings both ways, so nothing depends on structured-clone details):
//! - worker -> page `{"type":"ready"}` once it listens; the page queues requests until then;
//! - worker -> page `{"type":"data","which":"ner"|"gazetteer","error":null|"..."}`;
//! - page -> worker `{"id":N,"text":"...","dct":"YYYY-MM-DD"|null}`;
//! - worker -> page `{"type":"document","id":N,"ms":F,"document":{...}}`.
//!
//! `dist/worker.js`, written by `cargo xtask build-web`, imports the hashed module and starts it.

use dateline_engine::calendar::CalendarDate;
use dateline_engine::AnalyzeOptions;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::engine_host;
use crate::state::DataKind;

#[derive(Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub text: String,
    pub dct: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Reply {
    Ready,
    Data {
        which: String,
        error: Option<String>,
    },
    Document {
        id: u32,
        ms: f64,
        // Boxed: a Document is large, the other replies tiny.
        document: Box<dateline_engine::Document>,
    },
}

pub fn data_kind_name(which: DataKind) -> &'static str {
    match which {
        DataKind::NerModel => "ner",
        DataKind::Gazetteer => "gazetteer",
    }
}

/// True inside a worker (no `window`).
pub fn in_worker() -> bool {
    js_sys::global().dyn_ref::<web_sys::Window>().is_none()
}

fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply) {
    if let Ok(json) = serde_json::to_string(reply) {
        // Posting a string to our own page cannot fail in a way we could handle here.
        let _ = scope.post_message(&JsValue::from_str(&json));
    }
}

/// Once both data files are in, analyse the sample article once and throw the result away:
/// the first analysis pays for compiling the hot wasm functions and touching the model's and
/// gazetteer's pages (about 80 ms against 6 ms later), and the reader's first Explore should
/// not be the one to pay.
fn warm_up_when_loaded() {
    let loaded =
        engine_host::with_engine(|engine| engine.has_ner_model() && engine.has_gazetteer());
    if loaded {
        let _ = engine_host::analyze(crate::state::SAMPLE_ARTICLE, &AnalyzeOptions::default());
    }
}

/// The worker's main loop: load the data, then answer requests until the page goes away.
pub fn run_worker() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    for which in [DataKind::NerModel, DataKind::Gazetteer] {
        let scope = scope.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let error = engine_host::load(which).await.err();
            post(
                &scope,
                &Reply::Data {
                    which: data_kind_name(which).into(),
                    error,
                },
            );
            warm_up_when_loaded();
        });
    }
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(json) = event.data().as_string() else {
            return;
        };
        let Ok(request) = serde_json::from_str::<Request>(&json) else {
            return;
        };
        let dct = request.dct.as_deref().and_then(CalendarDate::parse);
        let started = engine_host::now_ms();
        let document = engine_host::analyze(
            &request.text,
            &AnalyzeOptions {
                dct,
                ..Default::default()
            },
        );
        let ms = engine_host::now_ms() - started;
        post(
            &reply_scope,
            &Reply::Document {
                id: request.id,
                ms,
                document: Box::new(document),
            },
        );
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&scope, &Reply::Ready);
}
