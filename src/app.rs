//! The root: owns the state reducer, loads the engine's data, lays out the views.

use std::rc::Rc;

use dateline_engine::calendar::CalendarDate;
use dateline_engine::{DctSource, Document};
use yew::prelude::*;

use crate::analysis_worker::Reply;
use crate::components::actors_view::ActorsView;
use crate::components::correction_card::CorrectionsBar;
use crate::components::entity_lists::EntityLists;
use crate::components::export_menu::{ExportMenu, ShareLink};
use crate::components::input_panel::InputPanel;
use crate::components::map::MapView;
use crate::components::text_view::TextView;
use crate::components::timeline::{StoryBar, TimelineView};
use crate::state::{Action, DataKind, LoadState, State, ViewTab};
use crate::worker_client::WorkerClient;
use crate::{corrections, share};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);

    // The analysis worker starts once, after first paint, and loads the model and the
    // gazetteer in parallel; its replies become actions.
    let worker = use_mut_ref(|| None::<WorkerClient>);
    {
        let state = state.clone();
        let worker = worker.clone();
        use_effect_with((), move |_| {
            let on_reply = Callback::from(move |reply: Reply| match reply {
                Reply::Ready => {}
                Reply::Data { which, error } => {
                    let which = if which == "ner" {
                        DataKind::NerModel
                    } else {
                        DataKind::Gazetteer
                    };
                    state.dispatch(Action::DataLoaded {
                        which,
                        result: error.map_or(Ok(()), Err),
                    });
                }
                Reply::Document { id, ms, document } => state.dispatch(Action::Analyzed {
                    id,
                    document: Rc::new(*document),
                    ms,
                }),
            });
            *worker.borrow_mut() = Some(WorkerClient::start(on_reply));
        });
    }

    // Corrections (src/corrections.rs), kept per article text: `(text key, list)`. The views
    // and exports get the corrected Document; the analysis itself stays untouched.
    let corrections = use_state(|| (String::new(), Vec::<corrections::Correction>::new()));
    // Corrections carried by a share link, adopted by the first Document of its text.
    let shared_corrections = use_mut_ref(|| None::<Vec<corrections::Correction>>);
    let share_notice = use_state(|| None::<String>);
    let shared_article = use_mut_ref(|| None::<share::SharePayload>);
    {
        // A page opened with `#text=` (src/share.rs) restores the article and explores it;
        // a damaged link says so and leaves the page as it was.
        let state = state.clone();
        let shared_corrections = shared_corrections.clone();
        let share_notice = share_notice.clone();
        let shared_article = shared_article.clone();
        use_effect_with((), move |_| {
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            match share::decode_fragment(&hash) {
                Ok(Some(payload)) => {
                    state.dispatch(Action::SetText(payload.text.clone()));
                    state.dispatch(Action::SetDct(payload.dct.clone()));
                    *shared_corrections.borrow_mut() = Some(payload.corrections.clone());
                    // Explored once the data is in (below): a rules-only analysis would show
                    // a story without places.
                    *shared_article.borrow_mut() = Some(payload);
                }
                Ok(None) => {}
                Err(error) => share_notice.set(Some(error.to_string())),
            }
            // A share link pasted into the address bar of this tab only changes the hash:
            // start over from it, the same way as a fresh page.
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window.clone(), "hashchange", move |_| {
                    let hash = window.location().hash().unwrap_or_default();
                    if hash.starts_with("#text=") {
                        let _ = window.location().reload();
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        let state = state.clone();
        let worker = worker.clone();
        let shared_article = shared_article.clone();
        let loaded = !matches!(state.data.ner_model, LoadState::Loading)
            && !matches!(state.data.gazetteer, LoadState::Loading);
        use_effect_with(loaded, move |loaded| {
            if *loaded {
                if let Some(payload) = shared_article.borrow_mut().take() {
                    let dct = CalendarDate::parse(&payload.dct).filter(|_| payload.dct.len() == 10);
                    if let Some(worker) = worker.borrow().as_ref() {
                        let id = worker.analyze(&payload.text, dct);
                        let n_chars = payload.text.chars().count();
                        state.dispatch(Action::Requested { id, n_chars });
                    }
                }
            }
        });
    }
    {
        let corrections = corrections.clone();
        let shared_corrections = shared_corrections.clone();
        use_effect_with(state.document.clone(), move |document| {
            if let Some(document) = document {
                let key = corrections::text_key(&document.text);
                if corrections.0 != key {
                    let list = match shared_corrections.borrow_mut().take() {
                        Some(list) => {
                            corrections::save(&document.text, &list);
                            list
                        }
                        None => corrections::load(&document.text),
                    };
                    corrections.set((key, list));
                }
            }
        });
    }
    let corrected = use_memo(
        (state.document.clone(), (*corrections).clone()),
        |(document, (key, list))| {
            document.as_ref().map(|document| {
                if list.is_empty() || *key != corrections::text_key(&document.text) {
                    document.clone()
                } else {
                    Rc::new(corrections::apply(document, list))
                }
            })
        },
    );
    let change_corrections =
        |change: fn(&mut Vec<corrections::Correction>, Option<corrections::Correction>)| {
            let corrections = corrections.clone();
            let document = state.document.clone();
            Callback::from(move |correction: Option<corrections::Correction>| {
                let Some(document) = &document else {
                    return;
                };
                let mut list = corrections.1.clone();
                change(&mut list, correction);
                corrections::save(&document.text, &list);
                corrections.set((corrections::text_key(&document.text), list));
            })
        };
    let on_correction = change_corrections(|list, correction| list.extend(correction)).reform(Some);
    let on_undo = change_corrections(|list, _| {
        list.pop();
    })
    .reform(|_: ()| None);

    let on_explore = {
        let state = state.clone();
        let worker = worker.clone();
        Callback::from(move |_| {
            let dct = CalendarDate::parse(&state.dct_field).filter(|_| state.dct_field.len() == 10);
            if let Some(worker) = worker.borrow().as_ref() {
                let n_chars = state.text.chars().count();
                let id = worker.analyze(&state.text, dct);
                state.dispatch(Action::Requested { id, n_chars });
            }
        })
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };

    html! {
        <div class="app">
            <header class="masthead">
                <h1 class="brand">{"dateline"}</h1>
                <p class="tagline">{"Paste a news story: see where, when and who."}</p>
                <DataBadge status={state.data.clone()} />
            </header>
            <main class="workspace">
                if let Some(notice) = (*share_notice).clone() {
                    <p class="share-notice" role="alert">{notice}</p>
                }
                <InputPanel
                    text={state.text.clone()}
                    dct={state.dct_field.clone()}
                    dct_hint={dct_hint(state.document.as_deref())}
                    on_action={dispatch.clone()}
                    on_explore={on_explore}
                />
                if let Some((_, n_chars)) = state.pending {
                    <p class="progress" role="status" aria-live="polite">
                        {format!("Analysing {} characters… the page stays usable meanwhile.", n_chars)}
                    </p>
                }
                if let Some(document) = (*corrected).clone() {
                    <section class="results" aria-label="Analysis">
                        <div class="results-toolbar">
                            <ExportMenu document={document.clone()} />
                            <ShareLink text={document.text.clone()} input={state.text.clone()} dct={state.dct_field.clone()} corrections={corrections.1.clone()} />
                            <CorrectionsBar document={state.document.clone().unwrap_or_else(|| document.clone())} corrections={corrections.1.clone()} on_undo={on_undo} />
                        </div>
                        <Diagnostics document={document.clone()} ms={state.analysis_ms} />
                        <StoryBar document={document.clone()} selection={state.selection.clone()} on_action={dispatch.clone()} />
                        <ViewTabs tab={state.tab} on_action={dispatch.clone()} />
                        // Grid areas (styles/app.css, styles/views.css): the timeline across
                        // the top, then map, text and people; on a phone one tab at a time.
                        <div class="views">
                            <div class={tab_class(state.tab, ViewTab::Map, "area-map")} id="panel-map" role="tabpanel" aria-labelledby="tab-map"><MapView document={document.clone()} selection={state.selection.clone()} on_action={dispatch.clone()} /></div>
                            <div class={tab_class(state.tab, ViewTab::People, "area-actors")} id="panel-people" role="tabpanel" aria-labelledby="tab-people"><ActorsView document={document.clone()} selection={state.selection.clone()} on_action={dispatch.clone()} hidden_kinds={state.hidden_kinds.clone()} /></div>
                            <div class={tab_class(state.tab, ViewTab::Timeline, "area-timeline")} id="panel-timeline" role="tabpanel" aria-labelledby="tab-timeline"><TimelineView document={document.clone()} selection={state.selection.clone()} on_action={dispatch.clone()} /></div>
                            <div class={tab_class(state.tab, ViewTab::Text, "area-text")} id="panel-text" role="tabpanel" aria-labelledby="tab-text"><TextView document={document.clone()} selection={state.selection.clone()} on_action={dispatch.clone()} hidden_kinds={state.hidden_kinds.clone()} /></div>
                            <div class={tab_class(state.tab, ViewTab::Text, "area-lists")}><EntityLists document={document} selection={state.selection.clone()} on_action={dispatch} on_correction={Some(on_correction)} /></div>
                        </div>
                    </section>
                }
            </main>
            <footer class="attribution">
                {"Place data © GeoNames (CC BY 4.0). Base map: Made with Natural Earth. Your text never leaves this page."}
            </footer>
        </div>
    }
}

/// A view's grid area, marked active when it is the phone's current tab.
/// The date field's hint: where the publication date came from, or that none was found
/// (then "on Monday" and "last week" cannot be placed on the timeline).
fn dct_hint(document: Option<&Document>) -> AttrValue {
    match document.map(|document| document.meta.dct_source) {
        Some(DctSource::Assumed) => {
            "The dateline gives no year: this year is assumed. Change it if the story is older."
                .into()
        }
        Some(DctSource::None) => {
            "No date found in the text: type one to place \u{201c}Monday\u{201d} or \u{201c}last week\u{201d}."
                .into()
        }
        _ => "Read from the text; change it to re-anchor dates.".into(),
    }
}

fn tab_class(current: ViewTab, tab: ViewTab, area: &'static str) -> Classes {
    classes!(area, "tab-panel", (current == tab).then_some("active"))
}

#[derive(Properties, PartialEq)]
struct ViewTabsProps {
    tab: ViewTab,
    on_action: Callback<Action>,
}

/// The phone's tabs (hidden on a wide screen, where all views show at once). Arrow keys move
/// between tabs, as the ARIA tabs pattern expects.
#[function_component(ViewTabs)]
fn view_tabs(props: &ViewTabsProps) -> Html {
    const TABS: [(ViewTab, &str, &str); 4] = [
        (ViewTab::Map, "map", "Map"),
        (ViewTab::Timeline, "timeline", "Timeline"),
        (ViewTab::People, "people", "People"),
        (ViewTab::Text, "text", "Text"),
    ];
    let current = TABS.iter().position(|t| t.0 == props.tab).unwrap_or(0);
    let on_key = props.on_action.reform(move |event: KeyboardEvent| {
        let next = match event.key().as_str() {
            "ArrowRight" => (current + 1) % TABS.len(),
            "ArrowLeft" => (current + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => current,
        };
        if next != current {
            event.prevent_default();
            // Move focus with the selection (roving tabindex).
            if let Some(tab) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", TABS[next].1)))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = tab.focus();
            }
        }
        Action::SetTab(TABS[next].0)
    });
    html! {
        <div class="view-tabs" role="tablist" aria-label="Views" onkeydown={on_key}>
            { for TABS.iter().map(|&(tab, id, label)| {
                let selected = tab == props.tab;
                html! {
                    <button type="button" role="tab" id={format!("tab-{id}")} aria-controls={format!("panel-{id}")}
                        aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                        class={classes!("view-tab", selected.then_some("active"))}
                        onclick={props.on_action.reform(move |_: MouseEvent| Action::SetTab(tab))}>{ label }</button>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DataBadgeProps {
    status: crate::state::DataStatus,
}

#[function_component(DataBadge)]
fn data_badge(props: &DataBadgeProps) -> Html {
    let describe = |name: &str, state: &LoadState| match state {
        LoadState::Loading => format!("{name}: loading…"),
        LoadState::Ready => format!("{name}: ready"),
        LoadState::Failed(why) => format!("{name}: unavailable ({why})"),
    };
    html! {
        <p class="data-status" role="status" aria-live="polite">
            <span>{describe("entity model", &props.status.ner_model)}</span>
            {" · "}
            <span>{describe("gazetteer", &props.status.gazetteer)}</span>
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct DiagnosticsProps {
    document: Rc<dateline_engine::Document>,
    ms: Option<f64>,
}

#[function_component(Diagnostics)]
fn diagnostics(props: &DiagnosticsProps) -> Html {
    let document = &props.document;
    let summary = format!(
        "{} places · {} actors · {} dates · {} events{}",
        document.places.len(),
        document.actors.len(),
        document.times.len(),
        document.events.len(),
        props
            .ms
            .map(|ms| format!(" · analysed in {ms:.1} ms"))
            .unwrap_or_default()
    );
    html! {
        <div class="diagnostics" role="status">
            <p class="summary">{summary}</p>
            { for document.diagnostics.iter().map(|d| html! {
                <p class={classes!("diagnostic", d.level.clone())}>{&d.message}</p>
            }) }
        </div>
    }
}
