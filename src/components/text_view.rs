//! The article with its mentions marked by kind and quotes marked with their speaker.
//!
//! The text is cut into pieces at every mention, quote and sentence boundary; each piece is a
//! text node inside a `<mark>` (a mention) or a `<span>` (quoted text, a lit sentence), never
//! HTML: user text is only ever set as text content. Time mentions say their resolved value
//! in words on hover; each quote opens with a small label naming its speaker; the sentences
//! of a selected event are marked so the story mode can bring them into view. The legend is
//! the app-wide kind filter: switching a kind off unmarks its mentions.

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
    /// The app-wide kind filter: mentions of these kinds are not marked.
    #[prop_or_default]
    pub hidden_kinds: Vec<MentionKind>,
}

struct Piece {
    start: usize,
    end: usize,
    mention: Option<usize>,
    quote: Option<usize>,
}

/// Sentences (indices) of the selected event: its own and every one that reports it.
fn lit_sentences(document: &Document, selection: Option<&Selection>) -> Vec<usize> {
    let Some(Selection::Item(selected)) = selection else {
        return Vec::new();
    };
    document
        .events
        .iter()
        .filter(|event| event.id == *selected)
        .flat_map(|event| std::iter::once(event.sentence).chain(event.sentences.iter().copied()))
        .collect()
}

/// Cuts the text (code point offsets) at mention and quote boundaries. Overlapping mentions
/// are dropped after the first, which the engine avoids anyway.
fn pieces(document: &Document, extra_cuts: &[usize]) -> Vec<Piece> {
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
    cuts.extend(extra_cuts.iter().map(|&cut| cut.min(n_chars)));
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
    // Bring the selected event's sentence, else the first lit mention, into view when the
    // selection changes elsewhere (the story mode steps, a timeline or actor click).
    {
        let container = container.clone();
        use_effect_with(props.selection.clone(), move |_| {
            if let Some(element) = container.cast::<web_sys::Element>() {
                let target = element
                    .query_selector(".sentence-lit")
                    .ok()
                    .flatten()
                    .or_else(|| element.query_selector(".mention.selected").ok().flatten());
                if let Some(lit) = target {
                    scroll_into_container(&element, &lit);
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
    let lit = lit_sentences(document, props.selection.as_ref());
    let lit_spans: Vec<(usize, usize)> = lit
        .iter()
        .filter_map(|&idx| document.sentences.get(idx))
        .map(|span| (span.start, span.end))
        .collect();
    let cuts: Vec<usize> = lit_spans
        .iter()
        .flat_map(|&(start, end)| [start, end])
        .collect();
    let nodes = pieces(document, &cuts).into_iter().map(|piece| {
        let text = document.text[offsets.byte(piece.start)..offsets.byte(piece.end)].to_string();
        let quote_class = piece.quote.map(|_| "in-quote");
        let quote_title = piece.quote.map(|idx| quote_title(document, idx));
        // A quote opens with its speaker's name.
        let speaker_label = piece
            .quote
            .filter(|&idx| document.quotes[idx].start == piece.start)
            .and_then(|idx| document.quotes[idx].speaker.as_deref())
            .and_then(|speaker| document.name_of(speaker))
            .map(|name| html! {
                <span class="quote-speaker" aria-hidden="true">{ name.to_string() }</span>
            });
        let in_lit_sentence = lit_spans
            .iter()
            .any(|&(start, end)| start <= piece.start && piece.end <= end);
        let mention = piece
            .mention
            .filter(|&idx| !props.hidden_kinds.contains(&document.mentions[idx].kind));
        let node = match mention {
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
                Some(class) => html! { <span class={class} title={quote_title}>{text}</span> },
                None => html! { {text} },
            },
        };
        let node = html! { <>{ speaker_label }{ node }</> };
        if in_lit_sentence {
            html! { <span class="sentence-lit">{ node }</span> }
        } else {
            node
        }
    });
    let legend_chip = |kind: MentionKind, label: &'static str| {
        let shown = !props.hidden_kinds.contains(&kind);
        html! {
            <button type="button" class={classes!("legend-chip", "mention", kind_class(kind), (!shown).then_some("off"))}
                aria-pressed={shown.to_string()}
                title={if shown { format!("Hide {label} mentions") } else { format!("Show {label} mentions") }}
                onclick={props.on_action.reform(move |_: MouseEvent| Action::ToggleKind(kind))}>
                { label }
            </button>
        }
    };
    html! {
        <article class="view text-view" aria-label="Article text with highlights">
            <h2 class="view-title">{"Text"}</h2>
            <div class="legend" role="group" aria-label="Show or hide kinds of mentions">
                { legend_chip(MentionKind::Person, "people") }
                { legend_chip(MentionKind::Organization, "organisations") }
                { legend_chip(MentionKind::Group, "groups") }
                { legend_chip(MentionKind::Place, "places") }
                { legend_chip(MentionKind::Time, "times") }
                <span class="in-quote legend-quote" aria-hidden="true">{"quote"}</span>
            </div>
            <div class="article-text" ref={container} tabindex="0">{ for nodes }</div>
        </article>
    }
}

/// Hover text: what the mention resolved to (a time's value, a place's country).
fn describe_mention(document: &Document, idx: usize) -> String {
    let mention = &document.mentions[idx];
    let reference = mention.reference.as_deref().unwrap_or_default();
    if let Some(time) = document.times.iter().find(|t| t.id == reference) {
        let words = crate::components::timeline::describe_time(time);
        return format!(
            "{}{} ({}){}",
            words.map(|words| format!("{words}: ")).unwrap_or_default(),
            format!("{:?}", time.time_type).to_uppercase(),
            time.value,
            if time.caption {
                " · photo caption, not a story date"
            } else if time.role == "publication" {
                " · the article's own date"
            } else {
                ""
            }
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

/// Hover text of a quote: who said it.
fn quote_title(document: &Document, idx: usize) -> String {
    match document.quotes[idx]
        .speaker
        .as_deref()
        .and_then(|speaker| document.name_of(speaker))
    {
        Some(name) => format!("Quote: {name}"),
        None => "Quote: speaker not found".to_string(),
    }
}

/// Brings `target` to the middle of `container` when the container scrolls by itself (the
/// wide layout), so the page does not jump away from the view the user is working in;
/// otherwise (the phone, where the text is as long as the page) scrolls the page.
pub fn scroll_into_container(container: &web_sys::Element, target: &web_sys::Element) {
    if container.scroll_height() > container.client_height() + 1 {
        let target_box = target.get_bounding_client_rect();
        let container_box = container.get_bounding_client_rect();
        let offset = target_box.top() - container_box.top() + f64::from(container.scroll_top());
        let centred =
            offset - f64::from(container.client_height()) / 2.0 + target_box.height() / 2.0;
        container.set_scroll_top(centred.max(0.0) as i32);
    } else {
        // Instant, not smooth: a page still gliding under the user's finger turns the next
        // tap into a tap on something else.
        let options = ScrollIntoViewOptions::new();
        options.set_behavior(ScrollBehavior::Instant);
        options.set_block(ScrollLogicalPosition::Nearest);
        target.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
