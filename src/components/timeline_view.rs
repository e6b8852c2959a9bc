//! Timeline view (first cut: replaced by its own issue's work).

use std::rc::Rc;

use dateline_engine::Document;
use yew::prelude::*;

use crate::state::{Action, Selection};

#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    pub document: Rc<Document>,
    pub selection: Option<Selection>,
    pub on_action: Callback<Action>,
}

#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineViewProps) -> Html {
    let _ = (&props.document, &props.selection, &props.on_action);
    html! {
        <section class="view timeline-view" aria-label="Timeline">
            <h2 class="view-title">{"Timeline"}</h2>
        </section>
    }
}
