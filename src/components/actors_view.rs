//! People: the story's cast — people, organisations, groups and the countries that act —
//! with their titles, roles, affiliation, mention count and what they said.
//!
//! Sortable by mentions or by name, filterable by a text box (name, alias, title, role) and
//! by kind chips. The chips *are* the app-wide kind filter (`Action::ToggleKind`), so hiding
//! groups here also unmarks them in the text. Selecting an actor selects it everywhere.

use std::rc::Rc;

use dateline_engine::{Actor, ActorKind, Document, MentionKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{lights, Action, Selection};
use crate::text_index::CharOffsets;

#[derive(Properties, PartialEq)]
pub struct ActorsViewProps {
    pub document: Rc<Document>,
    pub selection: Option<Selection>,
    pub on_action: Callback<Action>,
    /// The app-wide kind filter.
    #[prop_or_default]
    pub hidden_kinds: Vec<MentionKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Mentions,
    Name,
}

/// The filter kind an actor falls under: countries that act are places that speak.
pub fn filter_kind(kind: ActorKind) -> MentionKind {
    match kind {
        ActorKind::Person => MentionKind::Person,
        ActorKind::Organization => MentionKind::Organization,
        ActorKind::Group => MentionKind::Group,
        ActorKind::Country => MentionKind::Place,
    }
}

fn kind_word(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "person",
        ActorKind::Organization => "organisation",
        ActorKind::Group => "group",
        ActorKind::Country => "country",
    }
}

/// Whether the actor matches the text box (case-insensitive, any of its names and labels).
pub fn matches_query(actor: &Actor, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .chain(&actor.titles)
            .chain(&actor.roles)
            .any(|text| text.to_lowercase().contains(&query))
}

/// The actor's accessible name: "Antony Blinken, U.S. Secretary of State".
pub fn spoken_name(actor: &Actor) -> String {
    let mut name = actor.name.clone();
    if let Some(title) = actor.titles.first().or(actor.roles.first()) {
        if !name.contains(title.as_str()) {
            name.push_str(", ");
            name.push_str(title);
        }
    }
    name
}

#[function_component(ActorsView)]
pub fn actors_view(props: &ActorsViewProps) -> Html {
    let document = &props.document;
    let sort_by = use_state(|| SortBy::Mentions);
    let query = use_state(String::new);
    let list_ref = use_node_ref();

    // Bring the selected actor into view when it is selected elsewhere (a click in the text).
    {
        let list_ref = list_ref.clone();
        use_effect_with(props.selection.clone(), move |_| {
            if let Some(list) = list_ref.cast::<web_sys::Element>() {
                if let Ok(Some(entry)) = list.query_selector(".actor-entry.selected") {
                    super::text_view::scroll_into_container(&list, &entry);
                }
            }
        });
    }

    let mut actors: Vec<&Actor> = document
        .actors
        .iter()
        .filter(|actor| !props.hidden_kinds.contains(&filter_kind(actor.kind)))
        .filter(|actor| matches_query(actor, &query))
        .collect();
    match *sort_by {
        SortBy::Mentions => actors.sort_by(|a, b| {
            b.n_mentions
                .cmp(&a.n_mentions)
                .then_with(|| a.name.cmp(&b.name))
        }),
        SortBy::Name => actors.sort_by_key(|actor| actor.name.to_lowercase()),
    }

    let offsets = CharOffsets::new(&document.text);
    let selected_id = props
        .selection
        .as_ref()
        .map(|Selection::Item(id)| id.as_str());
    let entries = actors.iter().map(|actor| {
        let is_selected = selected_id == Some(actor.id.as_str());
        let is_lit = !is_selected && lights(document, props.selection.as_ref(), &actor.id);
        let on_click = {
            let id = actor.id.clone();
            props.on_action.reform(move |_: MouseEvent| {
                Action::Select((!is_selected).then(|| Selection::Item(id.clone())))
            })
        };
        let affiliation = actor
            .affiliation
            .as_deref()
            .and_then(|id| document.name_of(id))
            .map(str::to_string);
        let labels: Vec<&String> = actor.titles.iter().chain(&actor.roles).collect();
        let quotes: Vec<String> = document
            .quotes
            .iter()
            .filter(|quote| quote.speaker.as_deref() == Some(actor.id.as_str()))
            .map(|quote| {
                document.text[offsets.byte(quote.start)..offsets.byte(quote.end)]
                    .trim()
                    .trim_matches(|c| matches!(c, '"' | '“' | '”'))
                    .trim()
                    .to_string()
            })
            .collect();
        let n_events = document
            .events
            .iter()
            .filter(|event| event.agents.iter().chain(&event.targets).any(|x| *x == actor.id))
            .count();
        let mentions = format!(
            "{} mention{}",
            actor.n_mentions,
            if actor.n_mentions == 1 { "" } else { "s" }
        );
        html! {
            <li key={actor.id.clone()} class={classes!("actor-item", format!("a-{}", kind_word(actor.kind)))}>
                <button type="button"
                    class={classes!("actor-entry", is_selected.then_some("selected"), is_lit.then_some("lit"))}
                    data-id={actor.id.clone()}
                    aria-pressed={is_selected.to_string()}
                    aria-label={spoken_name(actor)}
                    aria-describedby={format!("actor-detail-{}", actor.id)}
                    onclick={on_click}>
                    <span class="actor-line">
                        <span class="actor-name">{ actor.name.clone() }</span>
                        <span class={classes!("actor-kind", format!("kind-{}", kind_word(actor.kind)))}>{ kind_word(actor.kind) }</span>
                        <span class="actor-count">{ mentions.clone() }</span>
                    </span>
                    <span class="actor-detail" id={format!("actor-detail-{}", actor.id)}>
                        if !labels.is_empty() {
                            <span class="actor-titles">{ labels.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" · ") }</span>
                        }
                        if let Some(affiliation) = affiliation {
                            <span class="actor-affiliation">{ format!("with {affiliation}") }</span>
                        }
                        <span class="visually-hidden">{ format!("{}, {mentions}", kind_word(actor.kind)) }</span>
                        if n_events > 0 {
                            <span class="actor-events">{ format!("{n_events} event{}", if n_events == 1 { "" } else { "s" }) }</span>
                        }
                    </span>
                </button>
                if !quotes.is_empty() {
                    <ul class="actor-quotes" aria-label={format!("Quotes of {}", actor.name)}>
                        { for quotes.into_iter().map(|quote| html! { <li><q class="actor-quote">{ quote }</q></li> }) }
                    </ul>
                }
            </li>
        }
    });

    let on_query = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            query.set(input.value());
        })
    };
    let sort_button = |value: SortBy, label: &'static str| {
        let sort_by_handle = sort_by.clone();
        let pressed = *sort_by == value;
        html! {
            <button type="button" class={classes!("chip", pressed.then_some("on"))} aria-pressed={pressed.to_string()}
                onclick={Callback::from(move |_: MouseEvent| sort_by_handle.set(value))}>{ label }</button>
        }
    };
    let kind_chip = |kind: MentionKind, label: &'static str| {
        let shown = !props.hidden_kinds.contains(&kind);
        let count = document
            .actors
            .iter()
            .filter(|actor| filter_kind(actor.kind) == kind)
            .count();
        // A kind the story has none of gets no chip (an empty "countries (0)" is noise),
        // unless it is switched off and must be switchable back on.
        if count == 0 && shown {
            return Html::default();
        }
        html! {
            <button type="button" class={classes!("chip", "kind-chip", shown.then_some("on"), format!("chip-{label}"))}
                aria-pressed={shown.to_string()}
                onclick={props.on_action.reform(move |_: MouseEvent| Action::ToggleKind(kind))}>
                { format!("{label} ({count})") }
            </button>
        }
    };

    html! {
        <section class="view actors-view" aria-label="People and organisations">
            <h2 class="view-title">{ format!("People and organisations ({})", document.actors.len()) }</h2>
            <div class="actor-controls">
                <label class="actor-search">
                    <span class="visually-hidden">{"Filter people and organisations"}</span>
                    <input type="search" placeholder="Filter by name, title, role" value={(*query).clone()} oninput={on_query} />
                </label>
                <div class="chips" role="group" aria-label="Sort">
                    <span class="chips-label" aria-hidden="true">{"Sort"}</span>
                    { sort_button(SortBy::Mentions, "Mentions") }
                    { sort_button(SortBy::Name, "Name") }
                </div>
                <div class="chips" role="group" aria-label="Show kinds">
                    { kind_chip(MentionKind::Person, "people") }
                    { kind_chip(MentionKind::Organization, "organisations") }
                    { kind_chip(MentionKind::Group, "groups") }
                    { kind_chip(MentionKind::Place, "countries") }
                </div>
            </div>
            if actors.is_empty() {
                <p class="actor-none">{"Nobody matches."}</p>
            }
            <ul class="actor-list" ref={list_ref}>{ for entries }</ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor() -> Actor {
        Actor {
            id: "a1".into(),
            name: "Antony Blinken".into(),
            kind: ActorKind::Person,
            titles: vec!["U.S. Secretary of State".into()],
            roles: vec![],
            affiliation: None,
            aliases: vec!["Blinken".into()],
            n_mentions: 2,
        }
    }

    #[test]
    fn spoken_name_has_the_title() {
        assert_eq!(
            spoken_name(&actor()),
            "Antony Blinken, U.S. Secretary of State"
        );
    }

    #[test]
    fn query_matches_names_aliases_and_titles() {
        assert!(matches_query(&actor(), ""));
        assert!(matches_query(&actor(), "blink"));
        assert!(matches_query(&actor(), "secretary"));
        assert!(!matches_query(&actor(), "biden"));
    }
}
