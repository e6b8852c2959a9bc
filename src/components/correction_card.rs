//! Fixing what the engine got wrong: the card a list entry's "fix" button opens, the
//! add-a-place search, and the undo bar. Each choice emits one `Correction`
//! (src/corrections.rs); the app keeps the list, applies it and stores it.

use std::rc::Rc;

use dateline_engine::{ActorKind, Document, PlaceKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::corrections::{actor_kind_name, Correction};
use crate::export::geojson::place_kind_name;

const PLACE_KINDS: [PlaceKind; 6] = [
    PlaceKind::City,
    PlaceKind::Admin,
    PlaceKind::Country,
    PlaceKind::Region,
    PlaceKind::Feature,
    PlaceKind::Border,
];
const ACTOR_KINDS: [ActorKind; 4] = [
    ActorKind::Person,
    ActorKind::Organization,
    ActorKind::Group,
    ActorKind::Country,
];

#[derive(Properties, PartialEq)]
pub struct CorrectionCardProps {
    pub document: Rc<Document>,
    /// The place or actor being fixed.
    pub id: String,
    pub on_correction: Callback<Correction>,
    pub on_close: Callback<()>,
}

#[function_component(CorrectionCard)]
pub fn correction_card(props: &CorrectionCardProps) -> Html {
    let document = &props.document;
    let emit = |correction: Correction| {
        let on_correction = props.on_correction.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            on_correction.emit(correction.clone());
            on_close.emit(());
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let body = if let Some(place) = document.places.iter().find(|p| p.id == props.id) {
        let alternatives = place.alternatives.iter().map(|alternative| {
            html! {
                <li><button type="button" class="fix-option fix-alternative"
                    onclick={emit(Correction::ChooseAlternative { place: place.id.clone(), alternative: alternative.clone() })}>
                    {format!("{} ({}, {:.2}, {:.2})", alternative.name, alternative.country, alternative.lat, alternative.lon)}
                </button></li>
            }
        });
        let kinds = PLACE_KINDS.iter().filter(|k| **k != place.kind).map(|&kind| {
            html! {
                <button type="button" class="fix-option fix-kind" data-kind={place_kind_name(kind)}
                    onclick={emit(Correction::SetPlaceKind { place: place.id.clone(), kind })}>{place_kind_name(kind)}</button>
            }
        });
        html! {
            <>
                if !place.alternatives.is_empty() {
                    <p class="fix-heading">{"It is another place:"}</p>
                    <ul class="fix-list">{ for alternatives }</ul>
                }
                <p class="fix-heading">{"It is a…"}</p>
                <div class="fix-row">{ for kinds }</div>
                <div class="fix-row">
                    <button type="button" class="fix-option fix-literal"
                        onclick={emit(Correction::SetLiteral { place: place.id.clone(), literal: !place.literal })}>
                        { if place.literal { "Not a scene (a metonym: “Washington said”)" } else { "A scene where things happened" } }
                    </button>
                    <button type="button" class="fix-option fix-drop danger"
                        onclick={emit(Correction::Drop { id: place.id.clone() })}>{"Not a place: remove"}</button>
                </div>
            </>
        }
    } else if let Some(actor) = document.actors.iter().find(|a| a.id == props.id) {
        let kinds = ACTOR_KINDS.iter().filter(|k| **k != actor.kind).map(|&kind| {
            html! {
                <button type="button" class="fix-option fix-kind" data-kind={actor_kind_name(kind)}
                    onclick={emit(Correction::SetActorKind { actor: actor.id.clone(), kind })}>{actor_kind_name(kind)}</button>
            }
        });
        let merges = document.actors.iter().filter(|other| other.id != actor.id).map(|other| {
            html! {
                <li><button type="button" class="fix-option fix-merge" data-into={other.id.clone()}
                    onclick={emit(Correction::MergeActors { from: actor.id.clone(), into: other.id.clone() })}>
                    {other.name.clone()}
                </button></li>
            }
        });
        html! {
            <>
                <p class="fix-heading">{"It is a…"}</p>
                <div class="fix-row">{ for kinds }</div>
                <p class="fix-heading">{"The same as…"}</p>
                <ul class="fix-list fix-merges">{ for merges }</ul>
                <div class="fix-row">
                    <button type="button" class="fix-option fix-drop danger"
                        onclick={emit(Correction::Drop { id: actor.id.clone() })}>{"Not a name: remove"}</button>
                </div>
            </>
        }
    } else {
        html! { <p>{"This entry is gone."}</p> }
    };
    html! {
        <div class="fix-card" role="group" aria-label="Fix this entry">
            { body }
            <button type="button" class="fix-close" onclick={close}>{"Cancel"}</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AddPlaceProps {
    pub on_correction: Callback<Correction>,
}

/// Search the gazetteer by name prefix and add the place the engine missed.
#[function_component(AddPlace)]
pub fn add_place(props: &AddPlaceProps) -> Html {
    let open = use_state(|| false);
    let query = use_state(String::new);
    // None: not searched; Some(Err): the gazetteer could not load.
    let hits =
        use_state(|| None::<Result<Vec<dateline_engine::places::gazetteer::SearchHit>, String>>);
    let searching = use_state(|| false);
    if !*open {
        let on_open = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| open.set(true))
        };
        return html! { <button type="button" class="fix-toggle add-place-open" onclick={on_open}>{"+ Add a missing place"}</button> };
    }
    let on_input = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            query.set(input.value());
        })
    };
    let on_search = {
        let query = query.clone();
        let hits = hits.clone();
        let searching = searching.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let prefix = (*query).trim().to_string();
            if prefix.is_empty() {
                return;
            }
            let hits = hits.clone();
            let searching = searching.clone();
            searching.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let found = crate::embed::search_places(prefix, 8).await;
                hits.set(Some(found));
                searching.set(false);
            });
        })
    };
    let results = match &*hits {
        None => html! {},
        Some(Err(why)) => html! { <p class="fix-error" role="alert">{why.clone()}</p> },
        Some(Ok(list)) if list.is_empty() => {
            html! { <p class="fix-empty">{"No place of that name in the gazetteer."}</p> }
        }
        Some(Ok(list)) => html! {
            <ul class="fix-list add-place-results">
                { for list.iter().map(|hit| {
                    let correction = Correction::AddPlace { name: hit.name.clone(), lat: hit.lat, lon: hit.lon, country: hit.country.clone() };
                    let on_correction = props.on_correction.clone();
                    let open = open.clone();
                    let on_click = Callback::from(move |_: MouseEvent| { on_correction.emit(correction.clone()); open.set(false); });
                    html! { <li><button type="button" class="fix-option add-place-hit" onclick={on_click}>
                        {format!("{} ({}, {:.2}, {:.2})", hit.name, hit.country, hit.lat, hit.lon)}</button></li> }
                }) }
            </ul>
        },
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    html! {
        <div class="fix-card add-place">
            <form class="fix-row" onsubmit={on_search}>
                <label class="fix-heading" for="add-place-query">{"Place name"}</label>
                <input id="add-place-query" type="search" value={(*query).clone()} oninput={on_input} autocomplete="off" />
                <button type="submit" class="fix-option add-place-search">{ if *searching { "Searching…" } else { "Search" } }</button>
            </form>
            { results }
            <button type="button" class="fix-close" onclick={on_close}>{"Cancel"}</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CorrectionsBarProps {
    /// The analysis before corrections, to name what each correction touched.
    pub document: Rc<Document>,
    pub corrections: Vec<Correction>,
    pub on_undo: Callback<()>,
}

#[function_component(CorrectionsBar)]
pub fn corrections_bar(props: &CorrectionsBarProps) -> Html {
    let Some(last) = props.corrections.last() else {
        return html! {};
    };
    let n = props.corrections.len();
    html! {
        <div class="corrections-bar" role="status">
            <span>{format!("{n} correction{} · last: {}", if n == 1 { "" } else { "s" }, last.describe(&props.document))}</span>
            <button type="button" class="button undo-correction" onclick={props.on_undo.reform(|_: MouseEvent| ())}>{"Undo"}</button>
        </div>
    }
}
