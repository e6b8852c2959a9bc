//! Story mode: step through the events in time order, one selection at a time.
//!
//! Each step selects an event (`Selection::Item(event_id)`), so every view follows: the
//! timeline marks it, the text scrolls to its sentence, the map flies to its places. The
//! current step is read back from the selection, so clicking an event elsewhere moves the
//! story there too. Previous/Next buttons, and the arrow keys while the bar has focus;
//! Escape leaves the story (clears the selection).

use std::rc::Rc;

use dateline_engine::Document;
use yew::prelude::*;

use super::model;
use crate::state::{Action, Selection};

#[derive(Properties, PartialEq)]
pub struct StoryBarProps {
    pub document: Rc<Document>,
    pub selection: Option<Selection>,
    pub on_action: Callback<Action>,
}

#[function_component(StoryBar)]
pub fn story_bar(props: &StoryBarProps) -> Html {
    let document = &props.document;
    let timeline = use_memo(document.clone(), |document| model::build(document));
    let order = model::story_order(&timeline);
    let current = match &props.selection {
        Some(Selection::Item(id)) => order
            .iter()
            .position(|&index| document.events[index].id == *id),
        None => None,
    };
    let step_to = {
        let ids: Vec<String> = order
            .iter()
            .map(|&index| document.events[index].id.clone())
            .collect();
        move |delta: isize| -> Option<Action> {
            if ids.is_empty() {
                return None;
            }
            let next = match current {
                None if delta > 0 => 0,
                None => ids.len() - 1,
                Some(at) => at.checked_add_signed(delta)?.min(ids.len() - 1),
            };
            Some(Action::Select(Some(Selection::Item(ids[next].clone()))))
        }
    };
    let on_previous = {
        let step_to = step_to.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(action) = step_to(-1) {
                on_action.emit(action);
            }
        })
    };
    let on_next = {
        let step_to = step_to.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(action) = step_to(1) {
                on_action.emit(action);
            }
        })
    };
    let on_key = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: KeyboardEvent| {
            let delta = match event.key().as_str() {
                "ArrowLeft" | "ArrowUp" => -1,
                "ArrowRight" | "ArrowDown" => 1,
                "Escape" => {
                    on_action.emit(Action::Select(None));
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            if let Some(action) = step_to(delta) {
                on_action.emit(action);
            }
        })
    };
    let status = match current {
        Some(at) => {
            let index = order[at];
            html! {
                <>
                    <span class="story-step">{ format!("{} of {}", at + 1, order.len()) }</span>
                    <span class="story-text" data-event-id={document.events[index].id.clone()}>
                        { model::spoken_name(document, &timeline, index) }
                    </span>
                </>
            }
        }
        None if order.is_empty() => {
            html! { <span class="story-text">{"No events to step through."}</span> }
        }
        None => html! {
            <span class="story-text">
                { format!("Step through the story's {} events in time order.", order.len()) }
            </span>
        },
    };
    let at_start = current == Some(0);
    let at_end = current.is_some_and(|at| at + 1 >= order.len());
    html! {
        <div class="story-bar" role="group" aria-label="Story mode: step through events in time order" tabindex="0" onkeydown={on_key}>
            <span class="story-label" aria-hidden="true">{"Story"}</span>
            <button type="button" class="button story-previous" onclick={on_previous}
                disabled={order.is_empty() || at_start} aria-label="Previous event">{"◀ Previous"}</button>
            <p class="story-status" aria-live="polite">{ status }</p>
            <button type="button" class="button story-next" onclick={on_next}
                disabled={order.is_empty() || at_end} aria-label="Next event">
                { if current.is_none() { "Start ▶" } else { "Next ▶" } }
            </button>
        </div>
    }
}
