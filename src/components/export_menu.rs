//! The results header's "Export" menu and "Copy share link" button.
//!
//! Downloads go through a Blob, an object URL and a temporary `<a download>`: no data URL
//! length limits, no server, nothing a strict CSP refuses. The map is exported by
//! serialising the drawn `<svg>` (src/embed/api.rs), the rest by src/export/.

use std::rc::Rc;

use dateline_engine::Document;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use yew::prelude::*;

use crate::corrections::Correction;
use crate::export::{self, Format};
use crate::share::{self, SharePayload};

/// Offers `content` as a file download.
pub fn download(file_name: &str, mime_type: &str, content: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = BlobPropertyBag::new();
    options.set_type(mime_type);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    body.append_child(&anchor)?;
    anchor.click();
    body.remove_child(&anchor)?;
    // The browser has the blob once the download starts; free it a little later.
    gloo::timers::callback::Timeout::new(30_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

#[derive(Properties, PartialEq)]
pub struct ExportMenuProps {
    /// The corrected Document: exports honour the user's corrections.
    pub document: Rc<Document>,
}

#[function_component(ExportMenu)]
pub fn export_menu(props: &ExportMenuProps) -> Html {
    let message = use_state(|| None::<String>);
    let item = |format: Format| {
        let document = props.document.clone();
        let message = message.clone();
        let on_click = Callback::from(move |_: MouseEvent| {
            let content = export::export(&document, format);
            match download(format.file_name(), format.mime_type(), &content) {
                Ok(()) => message.set(None),
                Err(_) => message.set(Some("The download could not start.".into())),
            }
        });
        html! {
            <li><button type="button" class="export-item" data-format={format.name()} onclick={on_click}>{format.label()}</button></li>
        }
    };
    let on_svg = {
        let message = message.clone();
        Callback::from(move |_: MouseEvent| match crate::embed::api::map_svg() {
            Some(svg) => {
                let _ = download("dateline-map.svg", "image/svg+xml", &svg);
                message.set(None);
            }
            None => message.set(Some("The map is not drawn yet.".into())),
        })
    };
    html! {
        <details class="export-menu">
            <summary class="button">{"Export"}</summary>
            <ul class="export-items">
                { for Format::ALL.into_iter().map(item) }
                <li><button type="button" class="export-item" data-format="svg" onclick={on_svg}>{"Map (SVG)"}</button></li>
            </ul>
            if let Some(message) = &*message {
                <p class="export-message" role="alert">{message}</p>
            }
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareLinkProps {
    /// The analysed text (the Document's): what the corrections are keyed by.
    pub text: String,
    /// The paste box's text: shared instead when it is what was analysed (it keeps the
    /// reader's own line breaks and quotes).
    #[prop_or_default]
    pub input: String,
    pub dct: String,
    pub corrections: Vec<Correction>,
}

/// Builds the `#text=` link, copies it, and shows it in a field in case the clipboard is
/// refused (insecure origin, permissions).
#[function_component(ShareLink)]
pub fn share_link(props: &ShareLinkProps) -> Html {
    let link = use_state(|| None::<Result<String, String>>);
    let copied = use_state(|| false);
    let on_click = {
        let link = link.clone();
        let copied = copied.clone();
        let (text, input) = (props.text.clone(), props.input.clone());
        let (dct, corrections) = (props.dct.clone(), props.corrections.clone());
        Callback::from(move |_: MouseEvent| {
            let same =
                !input.is_empty() && dateline_engine::normalize::prepare(&input).text == text;
            let payload = SharePayload {
                v: 1,
                text: if same { input.clone() } else { text.clone() },
                dct: dct.clone(),
                corrections: corrections.clone(),
            };
            let Some(window) = web_sys::window() else {
                return;
            };
            match share::encode(&payload) {
                Ok(fragment) => {
                    let location = window.location();
                    let page = format!(
                        "{}{}{}",
                        location.origin().unwrap_or_default(),
                        location.pathname().unwrap_or_default(),
                        location.search().unwrap_or_default()
                    );
                    let url = format!("{page}#{fragment}");
                    copied.set(false);
                    let clipboard = window.navigator().clipboard();
                    let copied = copied.clone();
                    let promise = clipboard.write_text(&url);
                    wasm_bindgen_futures::spawn_local(async move {
                        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                        copied.set(ok);
                    });
                    link.set(Some(Ok(url)));
                }
                Err(error) => link.set(Some(Err(error.to_string()))),
            }
        })
    };
    let on_focus = Callback::from(|event: FocusEvent| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        input.select();
    });
    html! {
        <div class="share">
            <button type="button" class="button" id="share-link" onclick={on_click}>{"Copy share link"}</button>
            { match &*link {
                Some(Ok(url)) => html! {
                    <div class="share-result">
                        <span class="share-status" role="status">
                            { if *copied { "Link copied. The article travels inside the link, never to a server." }
                              else { "Copy this link (the article travels inside it, never to a server):" } }
                        </span>
                        <input class="share-link-field" type="text" readonly=true value={url.clone()}
                            aria-label="Share link" onfocus={on_focus} />
                    </div>
                },
                Some(Err(message)) => html! { <p class="share-error" role="alert">{message}</p> },
                None => html! {},
            } }
        </div>
    }
}
