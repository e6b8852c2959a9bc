//! The app's one state and its reducer: every view reads from here, every interaction is an
//! `Action`. Selection lives here so that selecting anything anywhere lights it up in every
//! view (DESIGN.md: "views share one selection state").

use std::rc::Rc;

use dateline_engine::{Document, MentionKind};
use yew::Reducible;

pub const SAMPLE_ARTICLE: &str = include_str!("../samples/us-forces-syria-2021.txt");

/// Where the engine's data stands. The engine runs on rules alone until both are loaded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataStatus {
    pub ner_model: LoadState,
    pub gazetteer: LoadState,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub enum LoadState {
    #[default]
    Loading,
    Ready,
    Failed(String),
}

/// What the user has selected; ids are the Document's.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection {
    /// An actor, place, time or event, by id.
    Item(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub text: String,
    /// The publication date field: filled from the text, editable by the user.
    pub dct_field: String,
    pub document: Option<Rc<Document>>,
    pub selection: Option<Selection>,
    pub data: DataStatus,
    /// Milliseconds the last analysis took, for the status line.
    pub analysis_ms: Option<f64>,
    /// The analysis being computed (request id and text length), shown as progress.
    pub pending: Option<(u32, usize)>,
    /// Id of the request whose answer is shown.
    pub last_analyzed: u32,
    /// Kinds the user switched off: their mentions are not marked in the text and their
    /// entries leave the lists.
    pub hidden_kinds: Vec<MentionKind>,
    /// The view shown on a phone, where the views are tabs.
    pub tab: ViewTab,
}

/// The phone layout's tabs (on a wide screen every view is visible).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ViewTab {
    #[default]
    Map,
    Timeline,
    People,
    Text,
}

pub enum Action {
    SetText(String),
    SetDct(String),
    LoadSample,
    /// An analysis was requested from the worker.
    Requested {
        id: u32,
        n_chars: usize,
    },
    /// The worker answered request `id`; answers to superseded requests are dropped.
    Analyzed {
        id: u32,
        document: Rc<Document>,
        ms: f64,
    },
    Select(Option<Selection>),
    DataLoaded {
        which: DataKind,
        result: Result<(), String>,
    },
    /// Shows or hides one kind of entity everywhere (the kind filter).
    ToggleKind(MentionKind),
    /// Shows one view on a phone.
    SetTab(ViewTab),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    NerModel,
    Gazetteer,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            Action::SetText(text) => {
                state.text = text;
                // A new text gets the date read from it, unless the user typed one.
                state.dct_field.clear();
            }
            Action::SetDct(dct) => state.dct_field = dct,
            Action::LoadSample => {
                state.text = SAMPLE_ARTICLE.to_string();
                state.dct_field.clear();
            }
            Action::Requested { id, n_chars } => {
                // The main-thread fallback answers before this action arrives.
                if id > state.last_analyzed {
                    state.pending = Some((id, n_chars));
                }
            }
            Action::Analyzed { id, document, ms } => {
                // Answers to superseded requests are dropped.
                if state.pending.is_some_and(|(pending, _)| pending > id) {
                    return self;
                }
                state.pending = None;
                state.last_analyzed = id;
                if state.dct_field.is_empty() {
                    state.dct_field = document.meta.published.clone().unwrap_or_default();
                }
                state.document = Some(document);
                state.analysis_ms = Some(ms);
                state.selection = None;
            }
            Action::Select(selection) => state.selection = selection,
            Action::ToggleKind(kind) => {
                if let Some(at) = state.hidden_kinds.iter().position(|&k| k == kind) {
                    state.hidden_kinds.remove(at);
                } else {
                    state.hidden_kinds.push(kind);
                }
            }
            Action::SetTab(tab) => state.tab = tab,
            Action::DataLoaded { which, result } => {
                let load_state = match result {
                    Ok(()) => LoadState::Ready,
                    Err(message) => LoadState::Failed(message),
                };
                match which {
                    DataKind::NerModel => state.data.ner_model = load_state,
                    DataKind::Gazetteer => state.data.gazetteer = load_state,
                }
            }
        }
        Rc::new(state)
    }
}

/// Whether `id` (an actor, place, time or event id) is lit by `selection`: selected itself,
/// or part of the selected event (an event lights its actors, places and time), or, for a
/// selected actor, one of the events where the actor is agent or target and those events'
/// places (selecting a person shows what they did and where).
pub fn lights(document: &Document, selection: Option<&Selection>, id: &str) -> bool {
    let Some(Selection::Item(selected)) = selection else {
        return false;
    };
    selected == id
        || document.events.iter().any(|event| {
            event.id == *selected
                && (event
                    .agents
                    .iter()
                    .chain(&event.targets)
                    .chain(&event.places)
                    .any(|x| x == id)
                    || event.time.as_deref() == Some(id))
        })
        || document.events.iter().any(|event| {
            event
                .agents
                .iter()
                .chain(&event.targets)
                .any(|x| x == selected)
                && (event.id == id || event.places.iter().any(|x| x == id))
        })
}
