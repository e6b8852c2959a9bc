//! Map view (first cut: replaced by its own issue's work).

use std::rc::Rc;

use dateline_engine::Document;
use yew::prelude::*;

use crate::state::{Action, Selection};

#[derive(Properties, PartialEq)]
pub struct MapViewProps {
    pub document: Rc<Document>,
    pub selection: Option<Selection>,
    pub on_action: Callback<Action>,
}

#[function_component(MapView)]
pub fn map_view(props: &MapViewProps) -> Html {
    let _ = (&props.document, &props.selection, &props.on_action);
    html! {
        <section class="view map-view" aria-label="Map">
            <h2 class="view-title">{"Map"}</h2>
        </section>
    }
}
