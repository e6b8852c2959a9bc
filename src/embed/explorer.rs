//! The embedded explorer: the app's views without the paste box, as tabs sized to the host
//! element. Its article comes from a [`Source`]; its look from [`MountOptions`].

use std::rc::Rc;

use dateline_engine::calendar::CalendarDate;
use dateline_engine::{AnalyzeOptions, Document};
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::strings::strings;
use crate::components::actors_view::ActorsView;
use crate::components::entity_lists::EntityLists;
use crate::components::map::MapView;
use crate::components::text_view::TextView;
use crate::components::timeline::TimelineView;
use crate::corrections::{self, Correction};
use crate::engine_host;
use crate::share;
use crate::state::{Action, State};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedView {
    Map,
    Timeline,
    People,
    Text,
    Lists,
}

impl EmbedView {
    pub const ALL: [EmbedView; 5] = [
        EmbedView::Map,
        EmbedView::Timeline,
        EmbedView::People,
        EmbedView::Text,
        EmbedView::Lists,
    ];

    pub fn parse(name: &str) -> Option<EmbedView> {
        match name.trim().to_ascii_lowercase().as_str() {
            "map" => Some(EmbedView::Map),
            "timeline" => Some(EmbedView::Timeline),
            "people" | "actors" => Some(EmbedView::People),
            "text" => Some(EmbedView::Text),
            "lists" => Some(EmbedView::Lists),
            _ => None,
        }
    }

    fn id(self) -> &'static str {
        match self {
            EmbedView::Map => "map",
            EmbedView::Timeline => "timeline",
            EmbedView::People => "people",
            EmbedView::Text => "text",
            EmbedView::Lists => "lists",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    Auto,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// What `dateline.mount(element, options)` and the `data-*` attributes of a host element
/// accept (README, "Embedding dateline").
#[derive(Debug, Clone, PartialEq)]
pub struct MountOptions {
    /// The views shown, as tabs, in this order (`views: ["map", "timeline"]`).
    pub views: Vec<EmbedView>,
    /// The tab shown first (`view: "timeline"`).
    pub view: EmbedView,
    pub theme: Theme,
    /// A CSS length for the host element (`height: 600` means pixels); default: the
    /// container's own height, or 560px.
    pub height: Option<String>,
    /// UI language of the explorer's own strings (`lang: "fr"`).
    pub lang: String,
    /// Publication date `YYYY-MM-DD`, when the article's text does not say.
    pub dct: Option<String>,
}

impl Default for MountOptions {
    fn default() -> MountOptions {
        MountOptions {
            views: EmbedView::ALL.to_vec(),
            view: EmbedView::Map,
            theme: Theme::Auto,
            height: None,
            lang: "en".into(),
            dct: None,
        }
    }
}

impl MountOptions {
    /// From plain strings: shared by the attributes and the JS options object.
    pub fn from_fields(get: impl Fn(&str) -> Option<String>) -> MountOptions {
        let mut options = MountOptions::default();
        if let Some(views) = get("views") {
            let views: Vec<EmbedView> = views.split(',').filter_map(EmbedView::parse).collect();
            if !views.is_empty() {
                options.views = views;
            }
        }
        options.view = get("view")
            .and_then(|v| EmbedView::parse(&v))
            .filter(|v| options.views.contains(v))
            .unwrap_or(options.views[0]);
        options.theme = match get("theme").as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        };
        options.height = get("height").map(|height| {
            if height.chars().all(|c| c.is_ascii_digit()) {
                format!("{height}px")
            } else {
                height
            }
        });
        if let Some(lang) = get("lang") {
            options.lang = lang;
        }
        options.dct = get("dct").filter(|d| CalendarDate::parse(d).is_some() && d.len() == 10);
        options
    }

    pub fn from_attributes(host: &Element) -> MountOptions {
        MountOptions::from_fields(|name| host.get_attribute(&format!("data-{name}")))
    }

    /// From `dateline.mount`'s options object; arrays and numbers are accepted too.
    pub fn from_js(options: &JsValue) -> MountOptions {
        MountOptions::from_fields(|name| js_field(options, name))
    }
}

/// A field of a JS object as a string: strings, numbers and arrays (joined by commas).
pub fn js_field(object: &JsValue, name: &str) -> Option<String> {
    if !object.is_object() {
        return None;
    }
    let value = Reflect::get(object, &JsValue::from_str(name)).ok()?;
    if let Some(text) = value.as_string() {
        return Some(text);
    }
    if let Some(number) = value.as_f64() {
        return Some(format!("{number}"));
    }
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        let parts: Vec<String> = array.iter().filter_map(|v| v.as_string()).collect();
        return Some(parts.join(","));
    }
    None
}

/// Where the explorer's article comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Text(String),
    /// A CSS selector of an element of the host page holding the article.
    Selector(String),
    /// A same-origin URL of a plain-text or HTML article.
    Url(String),
    /// The page's own location: `#text=` (a share link) or `?src=` (iframe mode).
    Location,
}

impl Source {
    pub fn from_attributes(host: &Element) -> Source {
        if let Some(text) = host.get_attribute("data-text") {
            Source::Text(text)
        } else if let Some(selector) = host.get_attribute("data-source") {
            Source::Selector(selector)
        } else if let Some(url) = host.get_attribute("data-src") {
            Source::Url(url)
        } else {
            Source::Location
        }
    }

    pub fn from_js(options: &JsValue) -> Source {
        if let Some(text) = js_field(options, "text") {
            Source::Text(text)
        } else if let Some(selector) = js_field(options, "source") {
            Source::Selector(selector)
        } else if let Some(url) = js_field(options, "src") {
            Source::Url(url)
        } else {
            Source::Location
        }
    }
}

/// The article as resolved from its source.
#[derive(Debug, Clone, PartialEq)]
struct Article {
    text: String,
    dct: Option<String>,
    /// Corrections carried by a share link (else the ones kept in this browser apply).
    corrections: Option<Vec<Correction>>,
}

async fn resolve(source: Source, dct: Option<String>) -> Result<Article, String> {
    let article = |text: String| Article {
        text,
        dct: dct.clone(),
        corrections: None,
    };
    let window = web_sys::window().ok_or("no window")?;
    match source {
        Source::Text(text) => Ok(article(text)),
        Source::Selector(selector) => {
            let element = window
                .document()
                .and_then(|d| d.query_selector(&selector).ok().flatten())
                .ok_or_else(|| format!("no element matches {selector}"))?;
            // innerText keeps paragraph breaks, which sentence splitting wants.
            let text = match element.dyn_ref::<HtmlElement>() {
                Some(element) => element.inner_text(),
                None => element.text_content().unwrap_or_default(),
            };
            Ok(article(text))
        }
        Source::Url(url) => fetch_article(&url).await.map(article),
        Source::Location => {
            let location = window.location();
            let hash = location.hash().unwrap_or_default();
            if let Some(payload) = share::decode_fragment(&hash).map_err(|e| e.to_string())? {
                return Ok(Article {
                    text: payload.text,
                    dct: Some(payload.dct).filter(|d| !d.is_empty()).or(dct),
                    corrections: Some(payload.corrections),
                });
            }
            let search = location.search().unwrap_or_default();
            let params =
                web_sys::UrlSearchParams::new_with_str(&search).map_err(|_| "bad query")?;
            match params.get("src") {
                Some(url) => {
                    let dct = params.get("dct").or(dct.clone());
                    let text = fetch_article(&url).await?;
                    Ok(Article {
                        text,
                        dct,
                        corrections: None,
                    })
                }
                None => Err(String::new()),
            }
        }
    }
}

/// Same-origin only: the article is read with the page's own rights, never from elsewhere.
async fn fetch_article(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let base = window.location().href().map_err(|_| "no location")?;
    let resolved =
        web_sys::Url::new_with_base(url, &base).map_err(|_| format!("{url} is not a URL"))?;
    if resolved.origin() != window.location().origin().unwrap_or_default() {
        return Err(format!(
            "{url} is not on this site: only same-origin articles are read"
        ));
    }
    let bytes = engine_host::fetch_bytes(&resolved.href()).await?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[derive(Properties, PartialEq)]
pub struct ExplorerProps {
    pub options: MountOptions,
    pub source: Source,
}

#[function_component(Explorer)]
pub fn explorer(props: &ExplorerProps) -> Html {
    let state = use_reducer(State::default);
    let strings = strings(&props.options.lang);
    let tab = use_state(|| props.options.view);
    // None: still reading; Some(Err("")): nothing to read.
    let article = use_state(|| None::<Result<Article, String>>);
    let data_ready = use_state(super::is_ready);
    let data_error = use_state(|| None::<String>);

    {
        let article = article.clone();
        let source = props.source.clone();
        let dct = props.options.dct.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                article.set(Some(resolve(source, dct).await));
            });
        });
    }
    {
        let data_ready = data_ready.clone();
        let data_error = data_error.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match JsFuture::from(super::ready()).await {
                    Ok(_) => data_ready.set(true),
                    Err(error) => data_error.set(Some(
                        error
                            .dyn_ref::<js_sys::Error>()
                            .map(|e| String::from(e.message()))
                            .unwrap_or_else(|| "data unavailable".into()),
                    )),
                }
            });
        });
    }
    // Analyse at once (rules only while the data loads: a first picture without waiting),
    // and again when the data arrives.
    {
        let state = state.clone();
        let current = (*article).clone();
        use_effect_with((current, *data_ready), move |(article, ready)| {
            if let Some(Ok(article)) = article {
                let dct = article.dct.as_deref().and_then(CalendarDate::parse);
                let started = engine_host::now_ms();
                let document = engine_host::analyze(
                    &article.text,
                    &AnalyzeOptions {
                        dct,
                        ..Default::default()
                    },
                );
                let ms = engine_host::now_ms() - started;
                state.dispatch(Action::Analyzed {
                    id: if *ready { 2 } else { 1 },
                    document: Rc::new(document),
                    ms,
                });
            }
        });
    }

    let corrected: Option<Rc<Document>> = state.document.as_ref().map(|document| {
        let list = match &*article {
            Some(Ok(Article {
                corrections: Some(list),
                ..
            })) => list.clone(),
            _ => corrections::load(&document.text),
        };
        if list.is_empty() {
            document.clone()
        } else {
            Rc::new(corrections::apply(document, &list))
        }
    });

    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let status = match (&*article, &corrected) {
        (None, _) => strings.loading_article.to_string(),
        (Some(Err(why)), _) if why.is_empty() => strings.no_article.to_string(),
        (Some(Err(why)), _) => why.clone(),
        (Some(Ok(_)), Some(document)) => {
            let summary = (strings.summary)(
                document.places.len(),
                document.actors.len(),
                document.events.len(),
            );
            // The document shown came from the analysis with data (id 2), not merely the
            // data being in: the re-analysis runs just after the render that learns it.
            match (&*data_error, state.last_analyzed == 2) {
                (Some(error), _) => format!("{summary} · {error}"),
                (None, false) => format!("{summary} · {}", strings.loading_data),
                (None, true) => summary,
            }
        }
        (Some(Ok(_)), None) => strings.loading_article.to_string(),
    };
    let label = |view: EmbedView| match view {
        EmbedView::Map => strings.map,
        EmbedView::Timeline => strings.timeline,
        EmbedView::People => strings.people,
        EmbedView::Text => strings.text,
        EmbedView::Lists => strings.lists,
    };
    let views = props.options.views.clone();
    let tabs = (views.len() > 1).then(|| {
        html! {
            <div class="dl-embed-tabs" role="tablist" aria-label={strings.views_label}>
                { for views.iter().map(|&view| {
                    let selected = *tab == view;
                    let on_click = { let tab = tab.clone(); Callback::from(move |_: MouseEvent| tab.set(view)) };
                    html! {
                        <button type="button" role="tab" aria-selected={selected.to_string()}
                            class={classes!("dl-embed-tab", selected.then_some("active"))}
                            data-view={view.id()} onclick={on_click}>{ label(view) }</button>
                    }
                }) }
            </div>
        }
    });
    let panel = corrected.map(|document| {
        let selection = state.selection.clone();
        let on_action = dispatch.clone();
        match *tab {
            EmbedView::Map => html! { <MapView {document} {selection} {on_action} /> },
            EmbedView::Timeline => html! { <TimelineView {document} {selection} {on_action} /> },
            EmbedView::People => html! { <ActorsView {document} {selection} {on_action} /> },
            EmbedView::Text => html! { <TextView {document} {selection} {on_action} /> },
            EmbedView::Lists => html! { <EntityLists {document} {selection} {on_action} /> },
        }
    });
    html! {
        <div class="dl-embed" lang={props.options.lang.clone()}>
            <div class="dl-embed-bar">
                <span class="dl-embed-brand">{"dateline"}</span>
                { for tabs }
                <span class="dl-embed-status" role="status" aria-live="polite">{status}</span>
            </div>
            <div class={classes!("dl-embed-panel", format!("dl-view-{}", tab.id()))} role="tabpanel">
                { for panel }
            </div>
            <p class="dl-embed-credit">{strings.attribution}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_read_views_heights_and_fall_back() {
        let fields = |name: &str| match name {
            "views" => Some("timeline, map, bogus".to_string()),
            "view" => Some("text".to_string()),
            "height" => Some("480".to_string()),
            "theme" => Some("dark".to_string()),
            "dct" => Some("2021-06-29".to_string()),
            _ => None,
        };
        let options = MountOptions::from_fields(fields);
        assert_eq!(options.views, vec![EmbedView::Timeline, EmbedView::Map]);
        // "text" is not among the views shown: the first one opens.
        assert_eq!(options.view, EmbedView::Timeline);
        assert_eq!(options.height.as_deref(), Some("480px"));
        assert_eq!(options.theme, Theme::Dark);
        assert_eq!(options.dct.as_deref(), Some("2021-06-29"));
        assert_eq!(MountOptions::from_fields(|_| None), MountOptions::default());
    }
}
