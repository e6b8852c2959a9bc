//! The root: owns the state reducer, loads the engine's data, lays out the views.

use std::rc::Rc;

use dateline_engine::calendar::CalendarDate;
use yew::prelude::*;

use crate::analysis_worker::Reply;
use crate::components::actors_view::ActorsView;
use crate::components::entity_lists::EntityLists;
use crate::components::input_panel::InputPanel;
use crate::components::map_view::MapView;
use crate::components::text_view::TextView;
use crate::components::timeline_view::TimelineView;
use crate::state::{Action, DataKind, LoadState, State};
use crate::worker_client::WorkerClient;

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
                    document: Rc::new(document),
                    ms,
                }),
            });
            *worker.borrow_mut() = Some(WorkerClient::start(on_reply));
        });
    }

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
                <InputPanel
                    text={state.text.clone()}
                    dct={state.dct_field.clone()}
                    on_action={dispatch.clone()}
                    on_explore={on_explore}
                />
                if let Some((_, n_chars)) = state.pending {
                    <p class="progress" role="status" aria-live="polite">
                        {format!("Analysing {} characters… the page stays usable meanwhile.", n_chars)}
                    </p>
                }
                if let Some(document) = state.document.clone() {
                    <section class="results" aria-label="Analysis">
                        <Diagnostics document={document.clone()} ms={state.analysis_ms} />
                        // Grid areas (styles/app.css): map and actors on top, the timeline
                        // across, then the text beside the lists.
                        <div class="views">
                            <div class="area-map"><MapView document={document.clone()} selection={state.selection.clone()} on_action={dispatch.clone()} /></div>
                            <div class="area-actors"><ActorsView document={document.clone()} selection={state.selection.clone()} on_action={dispatch.clone()} /></div>
                            <div class="area-timeline"><TimelineView document={document.clone()} selection={state.selection.clone()} on_action={dispatch.clone()} /></div>
                            <div class="area-text"><TextView document={document.clone()} selection={state.selection.clone()} on_action={dispatch.clone()} /></div>
                            <div class="area-lists"><EntityLists document={document} selection={state.selection.clone()} on_action={dispatch} /></div>
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
            .map(|ms| format!(" · analysed in {ms:.0} ms"))
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
