//! People view (first cut: replaced by its own issue's work).

use std::rc::Rc;

use dateline_engine::Document;
use yew::prelude::*;

use crate::state::{Action, Selection};

#[derive(Properties, PartialEq)]
pub struct ActorsViewProps {
    pub document: Rc<Document>,
    pub selection: Option<Selection>,
    pub on_action: Callback<Action>,
}

#[function_component(ActorsView)]
pub fn actors_view(props: &ActorsViewProps) -> Html {
    let _ = (&props.document, &props.selection, &props.on_action);
    html! {
        <section class="view actors-view" aria-label="People">
            <h2 class="view-title">{"People"}</h2>
        </section>
    }
}
