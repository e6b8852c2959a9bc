//! The timeline: a horizontal time axis with the story's events on lanes.
//!
//! Pure logic lives in its own files and is tested natively: [`instant`] turns ISO instants
//! and TimeML values into minutes on one axis and says dates in words, [`ticks`] picks a tick
//! step from hours to decades, [`lanes`] stacks events without overlap, [`window`] is the
//! pan/zoom arithmetic and [`model`] reads the `Document` (what is dated, what is a range,
//! what is undated, the story order). This file only draws SVG and wires input: mouse drag
//! and wheel, touch pan and pinch (pointer events), and keys.
//!
//! **CSP.** Everything is placed with SVG presentation attributes (`x`, `width`,
//! `transform`...), never `style=`, which the page's `style-src 'self'` forbids.

mod instant;
mod lanes;
mod model;
mod story_bar;
mod ticks;
mod window;

use std::cell::RefCell;
use std::rc::Rc;

use dateline_engine::Document;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{lights, Action, Selection};
use crate::text_index::CharOffsets;
use model::Timeline;
pub use story_bar::StoryBar;
use window::ViewWindow;

/// A time said in words ("Monday 28 June 2021, night"), for hover texts elsewhere.
pub fn describe_time(time: &dateline_engine::Time) -> Option<String> {
    instant::describe(&time.value, time.from.as_deref(), time.to.as_deref())
}

#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    pub document: Rc<Document>,
    pub selection: Option<Selection>,
    pub on_action: Callback<Action>,
}

const MARGIN_LEFT: f64 = 14.0;
const MARGIN_RIGHT: f64 = 14.0;
const AXIS_Y: f64 = 38.0;
const LANE_TOP: f64 = 56.0;
const LANE_HEIGHT: f64 = 30.0;
/// Average advance of a 12px UI font: enough to keep labels from colliding.
const CHAR_WIDTH: f64 = 6.6;
const LABEL_CHARS: usize = 46;

/// The visible window, changed by pan and zoom. A reducer so that the wheel listener,
/// registered once, always acts on the latest window.
#[derive(Debug, Clone, PartialEq)]
struct View {
    window: ViewWindow,
}

enum ViewAction {
    Set(ViewWindow),
    Pan(f64),
    Zoom { factor: f64, anchor: f64 },
}

impl Reducible for View {
    type Action = ViewAction;

    fn reduce(self: Rc<Self>, action: ViewAction) -> Rc<Self> {
        let window = match action {
            ViewAction::Set(window) => window,
            ViewAction::Pan(fraction) => self.window.pan(fraction),
            ViewAction::Zoom { factor, anchor } => self.window.zoom(factor, anchor),
        };
        Rc::new(View { window })
    }
}

/// Pointers down on the plot: one pans, two pinch.
#[derive(Default)]
struct Gesture {
    pointers: Vec<(i32, f64, f64)>,
    down_x: f64,
    /// Set once a pointer moved far enough to be a drag: the click that ends it must not
    /// select the event under the pointer.
    moved: bool,
}

fn fit(timeline: &Timeline) -> ViewWindow {
    let mut first = f64::INFINITY;
    let mut last = f64::NEG_INFINITY;
    for dated in &timeline.dated {
        first = first.min(dated.start);
        last = last.max(dated.end);
    }
    if let Some((day_start, day_end)) = timeline.published {
        first = first.min(day_start);
        last = last.max(day_end);
    }
    if first.is_finite() {
        ViewWindow::fit(first, last)
    } else {
        ViewWindow::fit(0.0, instant::DAY)
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars - 1).collect();
    format!("{}…", cut.trim_end())
}

fn names(document: &Document, ids: &[String]) -> String {
    ids.iter()
        .map(|id| document.name_of(id).unwrap_or(id).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[function_component(TimelineView)]
pub fn timeline_view(props: &TimelineViewProps) -> Html {
    let document = &props.document;
    let timeline = use_memo(document.clone(), |document| model::build(document));
    let view = use_reducer({
        let timeline = timeline.clone();
        move || View {
            window: fit(&timeline),
        }
    });
    let width = use_state(|| 900.0_f64);
    let hovered = use_state(|| None::<usize>);
    let gesture = use_mut_ref(Gesture::default);
    let plot_ref = use_node_ref();

    // A new document: fit the window to its story.
    {
        let dispatcher = view.dispatcher();
        let window = fit(&timeline);
        use_effect_with(Rc::as_ptr(document) as usize, move |_| {
            dispatcher.dispatch(ViewAction::Set(window));
        });
    }
    // Keep the selected event in view (the story mode steps through it from elsewhere).
    {
        let dispatcher = view.dispatcher();
        let window = view.window;
        let selected_middle = props.selection.as_ref().and_then(|Selection::Item(id)| {
            timeline
                .dated
                .iter()
                .find(|dated| document.events[dated.index].id == *id)
                .map(model::DatedEvent::middle)
        });
        use_effect_with(props.selection.clone(), move |_| {
            if let Some(middle) = selected_middle {
                let margin = window.span() * 0.05;
                if middle < window.start + margin || middle > window.end - margin {
                    let half = window.span() / 2.0;
                    dispatcher.dispatch(ViewAction::Set(ViewWindow {
                        start: middle - half,
                        end: middle + half,
                    }));
                }
            }
        });
    }
    // Follow the plot's width (window resizes, a phone tab becoming visible).
    {
        let plot_ref = plot_ref.clone();
        let width = width.clone();
        use_effect(move || {
            if let Some(element) = plot_ref.cast::<web_sys::Element>() {
                let measured = f64::from(element.client_width());
                if measured > 0.0 && (measured - *width).abs() > 0.5 {
                    width.set(measured);
                }
            }
        });
    }
    {
        let plot_ref = plot_ref.clone();
        let width = width.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "resize", move |_| {
                    if let Some(element) = plot_ref.cast::<web_sys::Element>() {
                        let measured = f64::from(element.client_width());
                        if measured > 0.0 {
                            width.set(measured);
                        }
                    }
                })
            });
            move || drop(listener)
        });
    }
    // The wheel zooms around the pointer. Registered natively: Yew's delegated listeners
    // are passive for wheel events, and a passive listener cannot stop the page scrolling.
    {
        let plot_ref = plot_ref.clone();
        let dispatcher = view.dispatcher();
        use_effect_with((), move |_| {
            let listener = plot_ref.cast::<web_sys::Element>().map(|element| {
                let target = element.clone();
                EventListener::new_with_options(
                    &element,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(wheel) = event.dyn_ref::<web_sys::WheelEvent>() else {
                            return;
                        };
                        event.prevent_default();
                        let unit = if wheel.delta_mode() == 0 { 1.0 } else { 16.0 };
                        let rect = target.get_bounding_client_rect();
                        let plot_width = (rect.width() - MARGIN_LEFT - MARGIN_RIGHT).max(1.0);
                        if wheel.delta_x().abs() > wheel.delta_y().abs() {
                            dispatcher
                                .dispatch(ViewAction::Pan(wheel.delta_x() * unit / plot_width));
                        } else {
                            let anchor = (f64::from(wheel.client_x()) - rect.left() - MARGIN_LEFT)
                                / plot_width;
                            let factor = (wheel.delta_y() * unit * 0.0015).exp();
                            dispatcher.dispatch(ViewAction::Zoom { factor, anchor });
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    let window = view.window;
    let plot_width = (*width - MARGIN_LEFT - MARGIN_RIGHT).max(40.0);
    let x_of = |minute: f64| MARGIN_LEFT + (minute - window.start) / window.span() * plot_width;

    // Input: pointer (mouse and touch), keys.
    let on_pointer_down = {
        let gesture = gesture.clone();
        Callback::from(move |event: PointerEvent| {
            if event.pointer_type() == "mouse" && event.button() != 0 {
                return;
            }
            let mut gesture = gesture.borrow_mut();
            let x = f64::from(event.client_x());
            let y = f64::from(event.client_y());
            gesture.pointers.retain(|p| p.0 != event.pointer_id());
            gesture.pointers.push((event.pointer_id(), x, y));
            if gesture.pointers.len() == 1 {
                gesture.down_x = x;
                gesture.moved = false;
            }
        })
    };
    let on_pointer_move = {
        let gesture = gesture.clone();
        let dispatcher = view.dispatcher();
        let plot_ref = plot_ref.clone();
        Callback::from(move |event: PointerEvent| {
            if let Some(plot) = plot_ref.cast::<web_sys::Element>() {
                on_pointer_move(&gesture, &dispatcher, &plot, &event);
            }
        })
    };
    let on_pointer_up = {
        let gesture = gesture.clone();
        Callback::from(move |event: PointerEvent| {
            gesture
                .borrow_mut()
                .pointers
                .retain(|p| p.0 != event.pointer_id());
        })
    };
    let on_key = {
        let dispatcher = view.dispatcher();
        let window = fit(&timeline);
        Callback::from(move |event: KeyboardEvent| {
            let action = match event.key().as_str() {
                "ArrowLeft" => ViewAction::Pan(-0.15),
                "ArrowRight" => ViewAction::Pan(0.15),
                "+" | "=" => ViewAction::Zoom {
                    factor: 0.7,
                    anchor: 0.5,
                },
                "-" | "_" => ViewAction::Zoom {
                    factor: 1.0 / 0.7,
                    anchor: 0.5,
                },
                "0" | "Home" => ViewAction::Set(window),
                _ => return,
            };
            event.prevent_default();
            dispatcher.dispatch(action);
        })
    };
    let button = |label: &'static str, text: &'static str, action: fn(ViewWindow) -> ViewAction| {
        let dispatcher = view.dispatcher();
        let fitted = fit(&timeline);
        let onclick = Callback::from(move |_: MouseEvent| dispatcher.dispatch(action(fitted)));
        html! { <button type="button" class="tl-zoom" aria-label={label} title={label} {onclick}>{text}</button> }
    };
    let zoom_buttons = html! {
        <div class="tl-tools" role="group" aria-label="Zoom the timeline">
            { button("Zoom out", "−", |_| ViewAction::Zoom { factor: 1.0 / 0.6, anchor: 0.5 }) }
            { button("Zoom in", "+", |_| ViewAction::Zoom { factor: 0.6, anchor: 0.5 }) }
            { button("Fit the whole story", "Fit", ViewAction::Set) }
        </div>
    };

    // Events on lanes, in pixel space at this zoom.
    struct Placed {
        dated: usize,
        left: f64,
        right: f64,
        x1: f64,
        x2: f64,
        label: String,
        label_x: f64,
    }
    let mut placed: Vec<Placed> = Vec::new();
    for (dated_idx, dated) in timeline.dated.iter().enumerate() {
        let event = &document.events[dated.index];
        let (x1, x2) = (x_of(dated.start), x_of(dated.end));
        let (left, label_x) = match dated.extent {
            model::Extent::Point => {
                let x = x_of(dated.middle());
                (x.min(x1) - 8.0, x + 11.0)
            }
            _ => (x1, x1.max(MARGIN_LEFT) + 8.0),
        };
        // Labels end at the plot's right edge (a phone is narrow), but keep a readable stub.
        let room = ((*width - MARGIN_RIGHT - label_x) / CHAR_WIDTH)
            .floor()
            .max(14.0) as usize;
        let label = truncate(&event.summary, LABEL_CHARS.min(room));
        let label_width = label.chars().count() as f64 * CHAR_WIDTH;
        let right = x2.max(label_x + label_width) + 6.0;
        if right < 0.0 || left > *width {
            continue;
        }
        placed.push(Placed {
            dated: dated_idx,
            left,
            right,
            x1,
            x2,
            label,
            label_x,
        });
    }
    let extents: Vec<(f64, f64)> = placed.iter().map(|p| (p.left, p.right)).collect();
    let lane_of = lanes::assign_lanes(&extents, 6.0);
    let n_lanes = lane_of.iter().max().map_or(1, |max| max + 1);
    let height = LANE_TOP + n_lanes as f64 * LANE_HEIGHT + 10.0;

    let selected_id = props
        .selection
        .as_ref()
        .map(|Selection::Item(id)| id.as_str());
    let select = {
        let on_action = props.on_action.clone();
        let gesture = gesture.clone();
        move |id: String, is_selected: bool| {
            let on_action = on_action.clone();
            let gesture = gesture.clone();
            Callback::from(move |_: MouseEvent| {
                if gesture.borrow().moved {
                    return;
                }
                on_action.emit(Action::Select(
                    (!is_selected).then(|| Selection::Item(id.clone())),
                ));
            })
        }
    };
    let on_event_key = |id: String, is_selected: bool| {
        let on_action = props.on_action.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
                on_action.emit(Action::Select(
                    (!is_selected).then(|| Selection::Item(id.clone())),
                ));
            }
        })
    };

    let event_nodes = placed.iter().zip(&lane_of).map(|(item, &lane)| {
        let dated = &timeline.dated[item.dated];
        let event = &document.events[dated.index];
        let is_selected = selected_id == Some(event.id.as_str());
        let is_lit = !is_selected && lights(document, props.selection.as_ref(), &event.id);
        let y = LANE_TOP + lane as f64 * LANE_HEIGHT;
        let middle_y = y + LANE_HEIGHT / 2.0 - 2.0;
        let mark = match dated.extent {
            model::Extent::Point => {
                let x = x_of(dated.middle());
                // The span the point stands for (a night, a day), when wide enough to see.
                // Drawn under the label, as a bracket, so it never strikes through the text.
                let span = (item.x2 - item.x1 > 10.0).then(|| html! {
                    <rect class="tl-span" x={(item.x1).to_string()} y={(middle_y + 8.0).to_string()}
                        width={(item.x2 - item.x1).to_string()} height="3" rx="1.5" />
                });
                html! { <>{span}<circle class="tl-mark" cx={x.to_string()} cy={middle_y.to_string()} r="6" /></> }
            }
            model::Extent::Range | model::Extent::Vague => {
                let x1 = item.x1.max(-10.0);
                let x2 = item.x2.min(*width + 10.0);
                html! {
                    <rect class={classes!("tl-bar", (dated.extent == model::Extent::Vague).then_some("vague"))}
                        x={x1.to_string()} y={(middle_y - 9.0).to_string()}
                        width={(x2 - x1).max(2.0).to_string()} height="18" rx="4"
                        fill={(dated.extent == model::Extent::Vague).then_some("url(#tl-fade)")} />
                }
            }
        };
        html! {
            <g key={event.id.clone()}
                class={classes!("tl-event", is_selected.then_some("selected"), is_lit.then_some("lit"),
                    event.hypothetical.then_some("hypothetical"), (*hovered == Some(dated.index)).then_some("hovered"))}
                tabindex="0" role="button"
                aria-label={model::spoken_name(document, &timeline, dated.index)}
                aria-pressed={is_selected.to_string()}
                data-event-id={event.id.clone()}
                data-start={dated.start.to_string()}
                onclick={select(event.id.clone(), is_selected)}
                onkeydown={on_event_key(event.id.clone(), is_selected)}
                onmouseenter={hover_callback(&hovered, Some(dated.index))}
                onmouseleave={hover_callback(&hovered, None)}
                onfocus={hover_callback(&hovered, Some(dated.index))}
                onblur={hover_callback(&hovered, None)}
            >
                <rect class="tl-hit" x={(item.left + 2.0).to_string()} y={(y + 1.0).to_string()}
                    width={(item.right - item.left - 4.0).max(8.0).to_string()} height={(LANE_HEIGHT - 4.0).to_string()} rx="4" />
                { mark }
                <text class="tl-label" x={item.label_x.to_string()} y={(middle_y + 4.0).to_string()}>{ item.label.clone() }</text>
            </g>
        }
    });

    // Axis, nights and the publication date.
    let axis = ticks::ticks(window.start, window.end, plot_width);
    let tick_nodes = axis.ticks.iter().map(|tick| {
        let x = x_of(tick.minute);
        html! {
            <g class={classes!("tl-tick", tick.major.then_some("major"))}>
                <line class="tl-grid" x1={x.to_string()} x2={x.to_string()} y1={AXIS_Y.to_string()} y2={height.to_string()} />
                <line x1={x.to_string()} x2={x.to_string()} y1={(AXIS_Y - 8.0).to_string()} y2={AXIS_Y.to_string()} />
                <text x={(x + 4.0).to_string()} y={(AXIS_Y - 10.0).to_string()}>{ tick.label.clone() }</text>
            </g>
        }
    });
    let nights = (window.span() < 16.0 * instant::DAY).then(|| {
        let first_day = instant::day_of_minute(window.start) - 1;
        let last_day = instant::day_of_minute(window.end);
        (first_day..=last_day)
            .filter_map(|day| {
                let from = x_of(day as f64 * instant::DAY + 18.0 * 60.0).max(0.0);
                let to = x_of(day as f64 * instant::DAY + 30.0 * 60.0).min(*width);
                (to > from).then(|| html! {
                    <rect class="tl-night" x={from.to_string()} y={AXIS_Y.to_string()}
                        width={(to - from).to_string()} height={(height - AXIS_Y).to_string()} />
                })
            })
            .collect::<Html>()
    });
    let publication = timeline.published.map(|(day_start, day_end)| {
        let x1 = x_of(day_start);
        let x2 = x_of(day_end);
        let label = format!(
            "Published {}",
            instant::date_words(day_start)
        );
        let at_right = x1 > *width - 190.0;
        html! {
            <g class="tl-published" aria-hidden="true">
                <rect class="tl-pub-day" x={x1.to_string()} y={AXIS_Y.to_string()} width={(x2 - x1).max(0.0).to_string()} height={(height - AXIS_Y).to_string()} />
                <line class="tl-pub-line" x1={x1.to_string()} x2={x1.to_string()} y1="2" y2={height.to_string()} />
                <text class="tl-pub-label" x={(if at_right { x1 - 5.0 } else { x1 + 5.0 }).to_string()} y="12"
                    text-anchor={if at_right { "end" } else { "start" }}>{ label }</text>
            </g>
        }
    });

    // The card: the hovered or focused event, else the selected one.
    let card_index = (*hovered).or_else(|| {
        selected_id.and_then(|id| document.events.iter().position(|event| event.id == id))
    });
    let card = match card_index {
        Some(index) => event_card(document, &timeline, index),
        None => html! {
            <p class="tl-card tl-hint">
                {"Hover, focus or tap an event for details. Drag or swipe to pan; wheel, pinch, + and − to zoom; 0 fits the story."}
            </p>
        },
    };

    let list = |indices: &[usize], class: &'static str| {
        indices
            .iter()
            .map(|&index| {
                let event = &document.events[index];
                let is_selected = selected_id == Some(event.id.as_str());
                let is_lit = !is_selected && lights(document, props.selection.as_ref(), &event.id);
                html! {
                    <li key={event.id.clone()}>
                        <button type="button"
                            class={classes!("tl-apart", class, is_selected.then_some("selected"), is_lit.then_some("lit"), event.hypothetical.then_some("hypothetical"))}
                            data-event-id={event.id.clone()}
                            aria-pressed={is_selected.to_string()}
                            aria-label={model::spoken_name(document, &timeline, index)}
                            onclick={select(event.id.clone(), is_selected)}
                            onmouseenter={hover_callback(&hovered, Some(index))}
                            onmouseleave={hover_callback(&hovered, None)}
                            onfocus={hover_callback(&hovered, Some(index))}
                            onblur={hover_callback(&hovered, None)}
                        >{ if class == "negated" { html!{ <s>{ event.summary.clone() }</s> } } else { html!{ event.summary.clone() } } }</button>
                    </li>
                }
            })
            .collect::<Html>()
    };
    let context = {
        let (year, month, _) =
            instant::civil_from_days(instant::day_of_minute(window.start + window.span() / 2.0));
        if window.span() < 60.0 * instant::DAY {
            format!("{} {year}", instant::month_name(month))
        } else {
            String::new()
        }
    };

    html! {
        <section class="view timeline-view" aria-label="Timeline">
            <div class="tl-head">
                <h2 class="view-title">{"Timeline"}</h2>
                <span class="tl-context">{ context }</span>
                <span class="tl-count">{ format!("{} dated · {} undated", timeline.dated.len(), timeline.undated.len()) }</span>
                { zoom_buttons }
            </div>
            <div class="tl-plot" ref={plot_ref} tabindex="0" role="group"
                aria-label="Time axis: arrow keys pan, plus and minus zoom, 0 fits the story"
                onkeydown={on_key}
                onpointerdown={on_pointer_down}
                onpointermove={on_pointer_move}
                onpointerup={on_pointer_up.clone()}
                onpointercancel={on_pointer_up}
            >
                if timeline.dated.is_empty() {
                    <p class="tl-empty">{"No dated events in this story."}</p>
                } else {
                    <svg class="tl-svg" width={width.to_string()} height={height.to_string()}
                        viewBox={format!("0 0 {} {}", *width, height)}>
                        <defs>
                            <linearGradient id="tl-fade" x1="0" x2="1" y1="0" y2="0">
                                <stop offset="0" class="tl-fade-start" />
                                <stop offset="1" class="tl-fade-end" />
                            </linearGradient>
                        </defs>
                        { nights }
                        { publication }
                        <line class="tl-axis" x1="0" x2={width.to_string()} y1={AXIS_Y.to_string()} y2={AXIS_Y.to_string()} />
                        { for tick_nodes }
                        { for event_nodes }
                    </svg>
                }
            </div>
            <div class="tl-card-slot">{ card }</div>
            if !timeline.undated.is_empty() {
                <section class="tl-apart-list" aria-label="Undated events">
                    <h3 class="tl-apart-title">{"Undated"}</h3>
                    <ul>{ list(&timeline.undated, "undated") }</ul>
                </section>
            }
            if !timeline.negated.is_empty() {
                <section class="tl-apart-list" aria-label="Reported as not having happened">
                    <h3 class="tl-apart-title">{"Reported as not having happened"}</h3>
                    <ul>{ list(&timeline.negated, "negated") }</ul>
                </section>
            }
        </section>
    }
}

/// Sets the hovered event: one generic helper for mouse and focus events alike.
fn hover_callback<E: 'static>(
    hovered: &UseStateHandle<Option<usize>>,
    index: Option<usize>,
) -> Callback<E> {
    let hovered = hovered.clone();
    Callback::from(move |_: E| hovered.set(index))
}

/// Pans (one pointer) or pinches (two). `plot` is the plot element itself: Yew delegates
/// events from the document root, so `current_target` is not the plot, and capturing the
/// pointer there would take the rest of the gesture away from this handler.
fn on_pointer_move(
    gesture: &Rc<RefCell<Gesture>>,
    dispatcher: &UseReducerDispatcher<View>,
    target: &web_sys::Element,
    event: &PointerEvent,
) {
    let mut gesture = gesture.borrow_mut();
    let id = event.pointer_id();
    let x = f64::from(event.client_x());
    let y = f64::from(event.client_y());
    let Some(slot) = gesture.pointers.iter().position(|p| p.0 == id) else {
        return;
    };
    let rect = target.get_bounding_client_rect();
    let plot_width = (rect.width() - MARGIN_LEFT - MARGIN_RIGHT).max(1.0);
    let previous = gesture.pointers.clone();
    gesture.pointers[slot] = (id, x, y);
    match previous.len() {
        1 => {
            let dx = x - previous[0].1;
            if !gesture.moved && (x - gesture.down_x).abs() > 4.0 {
                gesture.moved = true;
                // Capture only once it is a drag: capturing on pointerdown would send the
                // click to the plot instead of the event under the pointer.
                let _ = target.set_pointer_capture(id);
            }
            if gesture.moved && dx != 0.0 {
                dispatcher.dispatch(ViewAction::Pan(-dx / plot_width));
            }
        }
        2 => {
            gesture.moved = true;
            let distance = |points: &[(i32, f64, f64)]| {
                ((points[0].1 - points[1].1).powi(2) + (points[0].2 - points[1].2).powi(2))
                    .sqrt()
                    .max(1.0)
            };
            let before = distance(&previous);
            let after = distance(&gesture.pointers);
            let middle = (gesture.pointers[0].1 + gesture.pointers[1].1) / 2.0;
            let previous_middle = (previous[0].1 + previous[1].1) / 2.0;
            let anchor = (middle - rect.left() - MARGIN_LEFT) / plot_width;
            dispatcher.dispatch(ViewAction::Pan(-(middle - previous_middle) / plot_width));
            dispatcher.dispatch(ViewAction::Zoom {
                factor: before / after,
                anchor,
            });
        }
        _ => {}
    }
}

/// Details of one event: when, what, who, where, and the sentence that reports it.
fn event_card(document: &Document, timeline: &Timeline, index: usize) -> Html {
    let event = &document.events[index];
    let when = timeline
        .dated
        .iter()
        .find(|dated| dated.index == index)
        .map_or_else(|| "Undated".to_string(), |dated| dated.when.clone());
    let sentence = document.sentences.get(event.sentence).map(|span| {
        let offsets = CharOffsets::new(&document.text);
        document.text[offsets.byte(span.start)..offsets.byte(span.end)]
            .trim()
            .to_string()
    });
    let hedge = if event.negated {
        Some("did not happen")
    } else if event.hypothetical {
        Some("announced or possible")
    } else {
        None
    };
    let who = match (event.agents.is_empty(), event.targets.is_empty()) {
        (true, true) => None,
        (false, true) => Some(names(document, &event.agents)),
        (true, false) => Some(format!("against {}", names(document, &event.targets))),
        (false, false) => Some(format!(
            "{} → {}",
            names(document, &event.agents),
            names(document, &event.targets)
        )),
    };
    html! {
        <div class="tl-card" data-event-id={event.id.clone()}>
            <p class="tl-card-when">
                { when }
                <span class="tl-card-type">{ event.event_type.clone() }</span>
                if let Some(hedge) = hedge { <span class="tl-card-hedge">{ hedge }</span> }
            </p>
            <p class="tl-card-summary">{ event.summary.clone() }</p>
            <dl class="tl-card-facts">
                if let Some(who) = who { <dt>{"Who"}</dt><dd>{ who }</dd> }
                if !event.places.is_empty() { <dt>{"Where"}</dt><dd>{ names(document, &event.places) }</dd> }
                if !event.sources.is_empty() { <dt>{"Told by"}</dt><dd>{ names(document, &event.sources) }</dd> }
            </dl>
            if let Some(sentence) = sentence { <blockquote class="tl-card-sentence">{ sentence }</blockquote> }
        </div>
    }
}
