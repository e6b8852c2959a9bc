//! `window.dateline`: the JS API of the app page and of embed.js alike.
//!
//! ```js
//! await dateline.ready;                                   // the engine's data is loaded
//! const doc = dateline.analyze(text, { dct: '2021-06-29' });   // synchronous
//! dateline.mount(element, { text, views: ['map', 'timeline'], theme: 'dark', height: 480 });
//! const csv = dateline.export(doc, 'csv');                // json | geojson | timelinejs | csv | svg
//! const hits = await dateline.searchPlaces('Maya', 5);
//! ```
//!
//! Built here from Rust closures rather than a JS shim so both entry points share it and the
//! pages need no script beyond the module (CSP `script-src 'self'`, no eval). `ready` is a
//! getter: the app page analyses in its worker and loads the main-thread copy of the data
//! only if a script asks for it.

use dateline_engine::calendar::CalendarDate;
use dateline_engine::{AnalyzeOptions, Document};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::explorer::{js_field, MountOptions, Source};
use crate::engine_host;
use crate::export::{self, Format};

fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// `dateline.analyze(text, {dct})`: the Document as a plain JS object.
fn analyze(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = text
        .as_string()
        .ok_or_else(|| error("dateline.analyze: the text must be a string"))?;
    if !super::is_ready() {
        return Err(error(
            "dateline.analyze: the engine's data is not loaded yet; `await dateline.ready` first",
        ));
    }
    let dct = js_field(&options, "dct").and_then(|d| CalendarDate::parse(&d));
    let document = engine_host::analyze(
        &text,
        &AnalyzeOptions {
            dct,
            ..Default::default()
        },
    );
    to_js(&document)
}

fn to_js(document: &Document) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(document).map_err(|e| error(&e.to_string()))?;
    js_sys::JSON::parse(&json)
}

fn from_js(document: &JsValue) -> Result<Document, JsValue> {
    let json = match document.as_string() {
        Some(json) => json,
        None => js_sys::JSON::stringify(document)?
            .as_string()
            .unwrap_or_default(),
    };
    serde_json::from_str(&json).map_err(|e| error(&format!("not a dateline Document: {e}")))
}

/// `dateline.export(document, format)`: the file's text.
fn export_document(document: JsValue, format: JsValue) -> Result<JsValue, JsValue> {
    let name = format.as_string().unwrap_or_else(|| "json".into());
    if name.eq_ignore_ascii_case("svg") {
        return map_svg()
            .map(JsValue::from)
            .ok_or_else(|| error("dateline.export: no map is drawn on this page"));
    }
    let format = Format::parse(&name).ok_or_else(|| {
        error("dateline.export: the format is one of json, geojson, timelinejs, csv, svg")
    })?;
    let document = from_js(&document)?;
    Ok(JsValue::from(export::export(&document, format)))
}

/// The first drawn map, as an SVG file: the app's own, or one inside an embed's shadow root.
pub fn map_svg() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let mut svg = document.query_selector(".map-view svg").ok().flatten();
    if svg.is_none() {
        let hosts = document.query_selector_all("[data-dateline]").ok()?;
        for i in 0..hosts.length() {
            let shadow = hosts
                .get(i)
                .and_then(|n| n.dyn_into::<Element>().ok())
                .and_then(|e| e.shadow_root());
            if let Some(found) =
                shadow.and_then(|s| s.query_selector(".map-view svg").ok().flatten())
            {
                svg = Some(found);
                break;
            }
        }
    }
    let svg = svg?;
    let serializer = web_sys::XmlSerializer::new().ok()?;
    let markup = serializer.serialize_to_string(&svg).ok()?;
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{markup}"
    ))
}

/// `dateline.mount(element | selector, options)`.
fn mount(target: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let element: Element = match target.as_string() {
        Some(selector) => web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .ok_or_else(|| error(&format!("dateline.mount: no element matches {selector}")))?,
        None => target
            .dyn_into()
            .map_err(|_| error("dateline.mount: the first argument is an element or a selector"))?,
    };
    super::mount(
        &element,
        MountOptions::from_js(&options),
        Source::from_js(&options),
    )?;
    Ok(JsValue::UNDEFINED)
}

fn search_places(prefix: JsValue, limit: JsValue) -> js_sys::Promise {
    let prefix = prefix.as_string().unwrap_or_default();
    let limit = limit.as_f64().map_or(10, |n| n.clamp(1.0, 100.0) as usize);
    wasm_bindgen_futures::future_to_promise(async move {
        let hits = super::search_places(prefix, limit)
            .await
            .map_err(|e: String| error(&e))?;
        let array = js_sys::Array::new();
        for hit in hits {
            let entry = Object::new();
            let _ = Reflect::set(&entry, &"name".into(), &hit.name.into());
            let _ = Reflect::set(&entry, &"country".into(), &hit.country.into());
            let _ = Reflect::set(&entry, &"lat".into(), &hit.lat.into());
            let _ = Reflect::set(&entry, &"lon".into(), &hit.lon.into());
            array.push(&entry);
        }
        Ok(array.into())
    })
}

fn set_function(api: &Object, name: &str, function: JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(api, &JsValue::from_str(name), &function);
}

/// Builds `window.dateline` (once per page).
pub fn install() {
    let global = js_sys::global();
    let key = JsValue::from_str("dateline");
    if Reflect::get(&global, &key)
        .map(|v| v.is_object())
        .unwrap_or(false)
    {
        return;
    }
    let api = Object::new();
    let _ = Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into());
    let _ = Reflect::set(
        &api,
        &"formats".into(),
        &js_sys::Array::of5(
            &"json".into(),
            &"geojson".into(),
            &"timelinejs".into(),
            &"csv".into(),
            &"svg".into(),
        ),
    );
    set_function(
        &api,
        "analyze",
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(analyze)
            .into_js_value(),
    );
    set_function(
        &api,
        "export",
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(export_document)
            .into_js_value(),
    );
    set_function(
        &api,
        "mount",
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(mount).into_js_value(),
    );
    set_function(
        &api,
        "searchPlaces",
        Closure::<dyn Fn(JsValue, JsValue) -> js_sys::Promise>::new(search_places).into_js_value(),
    );
    // `ready` starts the main-thread load on first read, and is the same promise after.
    let descriptor = Object::new();
    let getter = Closure::<dyn Fn() -> js_sys::Promise>::new(super::ready).into_js_value();
    let _ = Reflect::set(&descriptor, &"get".into(), &getter);
    let _ = Reflect::set(&descriptor, &"enumerable".into(), &JsValue::TRUE);
    Object::define_property(&api, &"ready".into(), &descriptor);
    let _ = Reflect::set(&global, &key, &api);
    // For scripts that load after the module: `addEventListener('dateline:ready', ...)`
    // would race; a property they can poll or await is enough, plus this event.
    if let Some(window) = web_sys::window() {
        if let Ok(event) = web_sys::Event::new("dateline:api") {
            let _ = window.dispatch_event(&event);
        }
    }
}
