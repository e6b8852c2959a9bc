//! The page's side of the analysis worker (see analysis_worker.rs for the protocol).
//!
//! If a worker cannot be started (an old browser, a page opened from file://), analysis runs
//! on the main thread instead: slower for huge pastes, but never broken.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dateline_engine::calendar::CalendarDate;
use dateline_engine::AnalyzeOptions;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

use crate::analysis_worker::{data_kind_name, Reply, Request};
use crate::engine_host;
use crate::state::DataKind;

pub struct WorkerClient {
    worker: Option<Worker>,
    ready: Rc<Cell<bool>>,
    /// The latest request made before the worker was ready (older ones are superseded).
    queued: Rc<RefCell<Option<String>>>,
    next_id: Cell<u32>,
    on_reply: Callback<Reply>,
}

impl WorkerClient {
    /// Starts the worker (or, failing that, loads the data on the main thread).
    pub fn start(on_reply: Callback<Reply>) -> WorkerClient {
        let ready = Rc::new(Cell::new(false));
        let queued: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));
        let worker = spawn_worker();
        match &worker {
            Some(worker) => {
                let on_reply = on_reply.clone();
                let ready = ready.clone();
                let queued = queued.clone();
                let port = worker.clone();
                let on_message =
                    Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                        let Some(json) = event.data().as_string() else {
                            return;
                        };
                        let Ok(reply) = serde_json::from_str::<Reply>(&json) else {
                            return;
                        };
                        if matches!(reply, Reply::Ready) {
                            ready.set(true);
                            if let Some(request) = queued.borrow_mut().take() {
                                let _ = port.post_message(&JsValue::from_str(&request));
                            }
                        }
                        on_reply.emit(reply);
                    });
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                // Lives as long as the page.
                on_message.forget();
            }
            None => {
                for which in [DataKind::NerModel, DataKind::Gazetteer] {
                    let on_reply = on_reply.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let error = engine_host::load(which).await.err();
                        on_reply.emit(Reply::Data {
                            which: data_kind_name(which).into(),
                            error,
                        });
                    });
                }
            }
        }
        WorkerClient {
            worker,
            ready,
            queued,
            next_id: Cell::new(1),
            on_reply,
        }
    }

    /// Asks for an analysis; the answer comes to `on_reply` as `Reply::Document` with the
    /// returned id.
    pub fn analyze(&self, text: &str, dct: Option<CalendarDate>) -> u32 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let Some(worker) = &self.worker else {
            let started = engine_host::now_ms();
            let document = engine_host::analyze(
                text,
                &AnalyzeOptions {
                    dct,
                    ..Default::default()
                },
            );
            let ms = engine_host::now_ms() - started;
            self.on_reply.emit(Reply::Document {
                id,
                ms,
                document: Box::new(document),
            });
            return id;
        };
        let request = Request {
            id,
            text: text.to_string(),
            dct: dct.map(|d| d.to_string()),
        };
        let Ok(json) = serde_json::to_string(&request) else {
            return id;
        };
        if self.ready.get() {
            let _ = worker.post_message(&JsValue::from_str(&json));
        } else {
            *self.queued.borrow_mut() = Some(json);
        }
        id
    }
}

fn spawn_worker() -> Option<Worker> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    Worker::new_with_options("./worker.js", &options).ok()
}
