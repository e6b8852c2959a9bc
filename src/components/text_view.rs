//! The article with its mentions marked by kind and quotes marked with their speaker.
//!
//! The text is cut into pieces at every mention and quote boundary; each piece is a text
//! node inside a `<mark>` (a mention) or a `<span>` (quoted text), never HTML: user text is
//! only ever set as text content.

use std::rc::Rc;

use dateline_engine::{Document, MentionKind};
use web_sys::{ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

use crate::state::{lights, Action, Selection};
use crate::text_index::CharOffsets;

#[derive(Properties, PartialEq)]
pub struct TextViewProps {
    pub document: Rc<Document>,
    pub selection: Option<Selection>,
    pub on_action: Callback<Action>,
}

struct Piece {
    start: usize,
    end: usize,
    mention: Option<usize>,
    quote: Option<usize>,
}

/// Cuts the text (code point offsets) at mention and quote boundaries. Overlapping mentions
/// are dropped after the first, which the engine avoids anyway.
fn pieces(document: &Document) -> Vec<Piece> {
    let n_chars = document.text.chars().count();
    let mut cuts: Vec<usize> = vec![0, n_chars];
    let mut mentions: Vec<usize> = Vec::new();
    let mut last_end = 0;
    for (idx, mention) in document.mentions.iter().enumerate() {
        if mention.start >= last_end && mention.end <= n_chars && mention.start < mention.end {
            mentions.push(idx);
            cuts.extend([mention.start, mention.end]);
            last_end = mention.end;
        }
    }
    for quote in &document.quotes {
        cuts.extend([quote.start.min(n_chars), quote.end.min(n_chars)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len());
    let mut mention_cursor = 0;
    for window in cuts.windows(2) {
        let (start, end) = (window[0], window[1]);
        while mention_cursor < mentions.len()
            && document.mentions[mentions[mention_cursor]].end <= start
        {
            mention_cursor += 1;
        }
        let mention = mentions.get(mention_cursor).copied().filter(|&idx| {
            let m = &document.mentions[idx];
            m.start <= start && end <= m.end
        });
        let quote = document
            .quotes
            .iter()
            .position(|q| q.start <= start && end <= q.end);
        out.push(Piece {
            start,
            end,
            mention,
            quote,
        });
    }
    out
}

fn kind_class(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Person => "k-person",
        MentionKind::Organization => "k-organization",
        MentionKind::Place => "k-place",
        MentionKind::Group => "k-group",
        MentionKind::Time => "k-time",
    }
}

#[function_component(TextView)]
pub fn text_view(props: &TextViewProps) -> Html {
    let document = &props.document;
    let container = use_node_ref();
    // Bring the first lit mention into view when the selection changes elsewhere.
    {
        let container = container.clone();
        use_effect_with(props.selection.clone(), move |_| {
            if let Some(element) = container.cast::<web_sys::Element>() {
                if let Ok(Some(lit)) = element.query_selector(".mention.selected") {
                    let options = ScrollIntoViewOptions::new();
                    options.set_behavior(ScrollBehavior::Smooth);
                    options.set_block(ScrollLogicalPosition::Center);
                    lit.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        });
    }
    let offsets = CharOffsets::new(&document.text);
    let is_lit = |reference: &Option<String>| {
        reference
            .as_deref()
            .is_some_and(|reference| lights(document, props.selection.as_ref(), reference))
    };
    let nodes = pieces(document).into_iter().map(|piece| {
        let text = document.text[offsets.byte(piece.start)..offsets.byte(piece.end)].to_string();
        let quote_class = piece.quote.map(|_| "in-quote");
        match piece.mention {
            Some(idx) => {
                let mention = &document.mentions[idx];
                let reference = mention.reference.clone();
                let lit = is_lit(&reference);
                let title = describe_mention(document, idx);
                let on_click = {
                    let reference = reference.clone();
                    props.on_action.reform(move |_: MouseEvent| Action::Select(reference.clone().map(Selection::Item)))
                };
                html! {
                    <mark
                        class={classes!("mention", kind_class(mention.kind), lit.then_some("selected"), quote_class)}
                        data-ref={reference.unwrap_or_default()}
                        title={title}
                        onclick={on_click}
                    >{text}</mark>
                }
            }
            None => match quote_class {
                Some(class) => html! { <span class={class}>{text}</span> },
                None => html! { {text} },
            },
        }
    });
    html! {
        <article class="view text-view" aria-label="Article text with highlights">
            <h2 class="view-title">{"Text"}</h2>
            <div class="legend" aria-hidden="true">
                <span class="mention k-person">{"person"}</span>
                <span class="mention k-organization">{"organisation"}</span>
                <span class="mention k-group">{"group"}</span>
                <span class="mention k-place">{"place"}</span>
                <span class="mention k-time">{"time"}</span>
                <span class="in-quote">{"quote"}</span>
            </div>
            <div class="article-text" ref={container}>{ for nodes }</div>
        </article>
    }
}

/// Hover text: what the mention resolved to (a time's value, a place's country).
fn describe_mention(document: &Document, idx: usize) -> String {
    let mention = &document.mentions[idx];
    let reference = mention.reference.as_deref().unwrap_or_default();
    if let Some(time) = document.times.iter().find(|t| t.id == reference) {
        return format!(
            "{:?} {}{}",
            time.time_type,
            time.value,
            if time.caption { " (photo caption)" } else { "" }
        );
    }
    if let Some(place) = document.places.iter().find(|p| p.id == reference) {
        return format!(
            "{} ({:?}, {}){}",
            place.name,
            place.kind,
            place.country,
            if place.literal { "" } else { ", not a scene" }
        );
    }
    if let Some(actor) = document.actors.iter().find(|a| a.id == reference) {
        let mut parts = vec![actor.name.clone()];
        parts.extend(actor.titles.iter().cloned());
        parts.extend(actor.roles.iter().cloned());
        return parts.join(" · ");
    }
    mention.text.clone()
}
