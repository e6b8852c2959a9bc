//! The paste box: article text, the sample one click away, a .txt/.html file drop, the
//! publication date field and the Explore button.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub text: String,
    pub dct: String,
    /// What the date field's hint says: where the date came from, or that none was found.
    pub dct_hint: AttrValue,
    pub on_action: Callback<Action>,
    pub on_explore: Callback<()>,
}

#[function_component(InputPanel)]
pub fn input_panel(props: &InputPanelProps) -> Html {
    let on_input = props.on_action.reform(|event: InputEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        Action::SetText(area.value())
    });
    let on_dct = props.on_action.reform(|event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        Action::SetDct(input.value())
    });
    let on_sample = {
        let on_action = props.on_action.clone();
        let on_explore = props.on_explore.clone();
        Callback::from(move |_| {
            on_action.emit(Action::LoadSample);
            on_explore.emit(());
        })
    };
    let on_explore = props.on_explore.reform(|_: MouseEvent| ());
    let on_drop = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            let Some(file) = event
                .data_transfer()
                .and_then(|dt| dt.files())
                .and_then(|files| files.get(0))
            else {
                return;
            };
            let on_action = on_action.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    if let Some(text) = text.as_string() {
                        on_action.emit(Action::SetText(text));
                    }
                }
            });
        })
    };
    let on_dragover = Callback::from(|event: DragEvent| event.prevent_default());
    let n_chars = props.text.chars().count();
    html! {
        <section class="input-panel" aria-label="Article input">
            <label class="field-label" for="article-input">{"Article text"}</label>
            <textarea
                id="article-input"
                class="article-input"
                placeholder="Paste a news article here, or drop a .txt or .html file"
                value={props.text.clone()}
                oninput={on_input}
                ondrop={on_drop}
                ondragover={on_dragover}
                spellcheck="false"
            />
            <div class="input-actions">
                <button type="button" class="button primary" id="explore" onclick={on_explore}
                    disabled={props.text.trim().is_empty()}>{"Explore"}</button>
                <button type="button" class="button" id="load-sample" onclick={on_sample}>{"Try a sample article"}</button>
                <label class="dct-field">
                    <span>{"Published"}</span>
                    <input id="dct" type="text" inputmode="numeric" placeholder="YYYY-MM-DD"
                        value={props.dct.clone()} oninput={on_dct} aria-describedby="dct-help" />
                </label>
                <span id="dct-help" class="hint">{props.dct_hint.clone()}</span>
                <span class="char-count" aria-live="off">{format!("{n_chars} characters")}</span>
            </div>
        </section>
    }
}
