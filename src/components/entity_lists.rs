//! Plain lists of what the engine found: places, actors, dates and events. Each entry is a
//! button: selecting it lights its mentions in the text. Places and actors also get a "fix"
//! control opening a correction card (src/components/correction_card.rs) when the parent
//! takes corrections.

use std::rc::Rc;

use dateline_engine::Document;
use yew::prelude::*;

use crate::components::correction_card::{AddPlace, CorrectionCard};
use crate::corrections::Correction;
use crate::state::{lights, Action, Selection};

#[derive(Properties, PartialEq)]
pub struct EntityListsProps {
    pub document: Rc<Document>,
    pub selection: Option<Selection>,
    pub on_action: Callback<Action>,
    /// Where corrections go; without it (the embedded explorer) the lists are read-only.
    #[prop_or_default]
    pub on_correction: Option<Callback<Correction>>,
}

#[function_component(EntityLists)]
pub fn entity_lists(props: &EntityListsProps) -> Html {
    let document = &props.document;
    let selected = |id: &str| lights(document, props.selection.as_ref(), id);
    // The entry whose correction card is open.
    let fixing = use_state(|| None::<String>);
    let fix = |id: &str| -> Html {
        let Some(on_correction) = props.on_correction.clone() else {
            return html! {};
        };
        let is_open = fixing.as_deref() == Some(id);
        let on_toggle = {
            let fixing = fixing.clone();
            let id = id.to_string();
            Callback::from(move |_: MouseEvent| fixing.set((!is_open).then(|| id.clone())))
        };
        let on_close = {
            let fixing = fixing.clone();
            Callback::from(move |_: ()| fixing.set(None))
        };
        html! {
            <>
                <button type="button" class="fix-toggle" data-fix={id.to_string()} aria-expanded={is_open.to_string()}
                    aria-label="Fix this entry" onclick={on_toggle}>{"fix"}</button>
                if is_open {
                    <CorrectionCard document={document.clone()} id={id.to_string()} {on_correction} {on_close} />
                }
            </>
        }
    };
    let item = |id: &str, label: String, detail: String, fix: Html| {
        let on_click = {
            let id = id.to_string();
            let is_selected = selected(&id);
            props.on_action.reform(move |_: MouseEvent| {
                Action::Select((!is_selected).then(|| Selection::Item(id.clone())))
            })
        };
        html! {
            <li>
                <button type="button" class={classes!("entry", selected(id).then_some("selected"))}
                    data-id={id.to_string()} aria-pressed={selected(id).to_string()} onclick={on_click}>
                    <span class="entry-name">{label}</span>
                    <span class="entry-detail">{detail}</span>
                </button>
                { fix }
            </li>
        }
    };
    let count = |id: &str| {
        document
            .mentions
            .iter()
            .filter(|m| m.reference.as_deref() == Some(id))
            .count()
    };
    let places = document.places.iter().map(|place| {
        let detail = format!(
            "{:?} · {} · {} mention{}{}",
            place.kind,
            place.country,
            count(&place.id),
            if count(&place.id) == 1 { "" } else { "s" },
            if place.literal { "" } else { " · not a scene" }
        )
        .to_lowercase();
        item(&place.id, place.name.clone(), detail, fix(&place.id))
    });
    let actors = document.actors.iter().map(|actor| {
        let mut detail: Vec<String> = actor.titles.iter().chain(&actor.roles).cloned().collect();
        detail.push(format!("{:?}", actor.kind).to_lowercase());
        detail.push(format!(
            "{} mention{}",
            actor.n_mentions,
            if actor.n_mentions == 1 { "" } else { "s" }
        ));
        item(
            &actor.id,
            actor.name.clone(),
            detail.join(" · "),
            fix(&actor.id),
        )
    });
    let times = document.times.iter().map(|time| {
        let detail = format!(
            "{} {}{}",
            format!("{:?}", time.time_type).to_lowercase(),
            time.value,
            if time.caption {
                " · photo caption"
            } else {
                ""
            }
        );
        item(&time.id, time.text.clone(), detail, html! {})
    });
    let events = document.events.iter().map(|event| {
        let when = event
            .time
            .as_deref()
            .and_then(|id| document.times.iter().find(|t| t.id == id))
            .map(|t| t.value.clone())
            .unwrap_or_else(|| "undated".into());
        let flags = match (event.negated, event.hypothetical) {
            (true, _) => " · did not happen",
            (_, true) => " · announced or possible",
            _ => "",
        };
        item(
            &event.id,
            event.summary.clone(),
            format!("{} · {}{}", event.event_type, when, flags),
            html! {},
        )
    });
    html! {
        <section class="view lists" aria-label="What the engine found">
            <section><h2 class="view-title">{format!("Places ({})", document.places.len())}</h2>
                if let Some(on_correction) = props.on_correction.clone() { <AddPlace {on_correction} /> }
                <ul class="entries places">{ for places }</ul></section>
            <section><h2 class="view-title">{format!("People and organisations ({})", document.actors.len())}</h2><ul class="entries actors">{ for actors }</ul></section>
            <section><h2 class="view-title">{format!("Dates and times ({})", document.times.len())}</h2><ul class="entries times">{ for times }</ul></section>
            <section><h2 class="view-title">{format!("Events ({})", document.events.len())}</h2><ul class="entries events">{ for events }</ul></section>
        </section>
    }
}
