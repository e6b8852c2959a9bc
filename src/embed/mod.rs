//! Embedding dateline in other pages: the `window.dateline` JS API, host elements rendered
//! into a shadow root, and the engine's main-thread data loading they share.
//!
//! Three ways in, one code path:
//! - the app page itself (`index.html`): `main` installs `window.dateline` beside the app;
//! - a host element on any page: `<div data-dateline data-source="#article-body">` plus
//!   `<script type="module" src=".../embed.js">`. embed.js (written by `cargo xtask
//!   build-web` from web/embed.template.js) sets `globalThis.__datelineEmbed`, imports the
//!   app's hashed module and starts it; `main` then calls [`start_embedded`] instead of
//!   rendering the app;
//! - an iframe: `embed.html#text=...` or `embed.html?src=/same-origin/article.txt`, a host
//!   element that reads its article from the page's own location.
//!
//! **Why a shadow root:** a news site's CSS (`* { color: red !important }`, `div { display:
//! inline }`) must not reach the explorer. Selectors never cross a shadow boundary; inherited
//! properties do, so the explorer's root sets every one it relies on (styles/embed.css), and
//! the host element's own box is pinned through its inline style (CSSOM, allowed by a strict
//! CSP, unlike `style=` attributes).
//!
//! **Why the main thread:** `dateline.analyze` is synchronous by contract, and an embed
//! cannot count on `worker.js` being reachable from the host page's folder. The data loads
//! once per page ([`ready`]); until then the explorer shows a rules-only analysis.

pub mod api;
pub mod explorer;
pub mod strings;

use std::cell::RefCell;

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::engine_host;
use crate::state::DataKind;

pub use explorer::{MountOptions, Source};

thread_local! {
    static NER_LOAD: RefCell<Option<Promise>> = const { RefCell::new(None) };
    static GAZETTEER_LOAD: RefCell<Option<Promise>> = const { RefCell::new(None) };
    static READY: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

fn global_string(name: &str) -> Option<String> {
    Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()
        .and_then(|value| value.as_string())
}

/// True when embed.js started this module (a host page, not the app page).
pub fn embed_requested() -> bool {
    Reflect::get(&js_sys::global(), &JsValue::from_str("__datelineEmbed"))
        .map(|value| value.is_truthy())
        .unwrap_or(false)
}

/// Where dist/ is, as embed.js saw it (`import.meta.url`); empty on the app page, where
/// relative URLs already point there.
pub fn base_url() -> String {
    global_string("__datelineBase").unwrap_or_default()
}

/// The app's stylesheets, to link inside each shadow root: embed.js names them; on the app
/// page they are the page's own `<link rel="stylesheet">`s.
fn stylesheets() -> Vec<String> {
    let global = js_sys::global();
    if let Ok(list) = Reflect::get(&global, &JsValue::from_str("__datelineStyles")) {
        if let Some(array) = list.dyn_ref::<js_sys::Array>() {
            return array.iter().filter_map(|v| v.as_string()).collect();
        }
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(links) = document.query_selector_all("link[rel=stylesheet]") else {
        return Vec::new();
    };
    (0..links.length())
        .filter_map(|i| links.get(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .filter_map(|link| Reflect::get(&link, &JsValue::from_str("href")).ok())
        .filter_map(|href| href.as_string())
        .collect()
}

fn load_promise(which: DataKind) -> Promise {
    let cell = match which {
        DataKind::NerModel => &NER_LOAD,
        DataKind::Gazetteer => &GAZETTEER_LOAD,
    };
    cell.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                future_to_promise(async move {
                    let loaded = engine_host::with_engine(|engine| match which {
                        DataKind::NerModel => engine.has_ner_model(),
                        DataKind::Gazetteer => engine.has_gazetteer(),
                    });
                    if loaded {
                        return Ok(JsValue::UNDEFINED);
                    }
                    let name = match which {
                        DataKind::NerModel => "ner.bin",
                        DataKind::Gazetteer => "gazetteer.bin",
                    };
                    let url = format!("{}assets/{name}", base_url());
                    let bytes = engine_host::fetch_bytes(&url)
                        .await
                        .map_err(|e| js_sys::Error::new(&e))?;
                    engine_host::with_engine(|engine| match which {
                        DataKind::NerModel => engine.load_ner_model(bytes),
                        DataKind::Gazetteer => engine.load_gazetteer(bytes),
                    })
                    .map_err(|e| js_sys::Error::new(&e.to_string()))?;
                    Ok(JsValue::UNDEFINED)
                })
            })
            .clone()
    })
}

/// Resolves when the main-thread engine has its entity model and gazetteer (loaded once per
/// page, on first use).
pub fn ready() -> Promise {
    READY.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let all = js_sys::Array::of2(
                    &load_promise(DataKind::NerModel),
                    &load_promise(DataKind::Gazetteer),
                );
                future_to_promise(async move {
                    JsFuture::from(Promise::all(&all)).await?;
                    Ok(JsValue::UNDEFINED)
                })
            })
            .clone()
    })
}

pub fn is_ready() -> bool {
    engine_host::with_engine(|engine| engine.has_ner_model() && engine.has_gazetteer())
}

/// Places of the gazetteer whose name starts with `prefix`, loading the gazetteer on the
/// main thread first if needed (the add-a-place search).
pub async fn search_places(
    prefix: String,
    limit: usize,
) -> Result<Vec<dateline_engine::places::gazetteer::SearchHit>, String> {
    JsFuture::from(load_promise(DataKind::Gazetteer))
        .await
        .map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the gazetteer could not be loaded".into())
        })?;
    Ok(engine_host::with_engine(|engine| {
        engine
            .gazetteer()
            .map(|gazetteer| gazetteer.search(&prefix, limit))
            .unwrap_or_default()
    }))
}

/// Renders an explorer into `host`'s (open) shadow root, replacing any earlier one.
pub fn mount(host: &Element, options: MountOptions, source: Source) -> Result<(), JsValue> {
    let shadow = match host.shadow_root() {
        Some(shadow) => shadow,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    while let Some(child) = shadow.first_child() {
        shadow.remove_child(&child)?;
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    for href in stylesheets() {
        let link = document.create_element("link")?;
        link.set_attribute("rel", "stylesheet")?;
        link.set_attribute("href", &href)?;
        shadow.append_child(&link)?;
    }
    let root = document.create_element("div")?;
    root.set_attribute("class", "dl-embed-root")?;
    shadow.append_child(&root)?;
    host.set_attribute("data-theme", options.theme.name())?;
    if let Some(host) = host.dyn_ref::<HtmlElement>() {
        // Pinned against the host page's CSS: inline `!important` beats any stylesheet.
        let style = host.style();
        style.set_property_with_priority("display", "block", "important")?;
        style.set_property_with_priority("position", "relative", "important")?;
        style.set_property_with_priority("box-sizing", "border-box", "important")?;
        style.set_property_with_priority("max-width", "100%", "important")?;
        if let Some(height) = &options.height {
            style.set_property_with_priority("height", height, "important")?;
        }
    }
    yew::Renderer::<explorer::Explorer>::with_root_and_props(
        root,
        explorer::ExplorerProps { options, source },
    )
    .render();
    Ok(())
}

/// embed.js's entry: installs `window.dateline` and mounts every `[data-dateline]` element.
pub fn start_embedded() {
    api::install();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(hosts) = document.query_selector_all("[data-dateline]") else {
        return;
    };
    for i in 0..hosts.length() {
        let Some(host) = hosts.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let options = MountOptions::from_attributes(&host);
        let source = Source::from_attributes(&host);
        if let Err(error) = mount(&host, options, source) {
            web_sys::console::error_2(&"dateline: could not mount the explorer".into(), &error);
        }
    }
}
