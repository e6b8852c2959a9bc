//! The map of the story: an offline SVG base map with the story's places on it.
//!
//! **Layers**, bottom to top, all in one `<g>` translated by the pan: the sphere (water),
//! optional OpenStreetMap tiles, the graticule, every country (one path each, from the
//! embedded 1:110m base map or, zoomed in, the lazily fetched 1:50m one), the countries the
//! story names (shaded, focusable), regions and borders from the engine, then markers,
//! clusters and labels. Coordinates in the group are "layer pixels" (projected units times
//! the scale, y down; see `projection.rs`), so a pan changes one `transform` attribute.
//!
//! **Cost.** The expensive part is writing the countries' path strings; it happens only
//! when the zoom (or the projection blend, or the base map) changes, or when a pan ends far
//! enough away that a different part of the world must be drawn (`use_memo` keys). The
//! countries live in their own component whose props compare by pointer, so a pan's
//! re-render never diffs them.
//!
//! **Interaction** goes through the small reducer in `interaction.rs`; the wheel listener is
//! attached by hand because it must be able to `preventDefault` (page scroll), which Yew's
//! delegated listeners cannot promise.

pub mod basemap;
pub mod interaction;
pub mod layers;
pub mod projection;
pub mod story;

use std::cell::Cell;
use std::rc::Rc;

use dateline_engine::{Document, PlaceKind};
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{lights, Action, Selection};
use basemap::{push_polyline, push_ring, BaseMap};
use interaction::{Gesture, GestureStep, KeyCommand, MapAction, MapState};
use layers::{Anchor, LabelRequest, Point, Rect};
use projection::{Frame, View};
use story::{places_of_selection, sentences_naming, story_of, Story};

/// The 1:110m world, compiled in (~45 KB, ~32 KB gzip): the map never waits for a download.
static WORLD_110M: &[u8] = include_bytes!("../../../assets/basemap-110m.bin");
/// The 1:50m world, fetched the first time the user zooms past [`DETAIL_ZOOM`].
const DETAIL_URL: &str = "assets/basemap-50m.bin";
const DETAIL_ZOOM: f64 = 3.5;
/// A single place is shown at this zoom, not closer (a city alone should keep its region).
const FIT_MAX_ZOOM: f64 = 7.0;
const FIT_PADDING: f64 = 48.0;
const GLIDE_MS: f64 = 650.0;
/// Markers closer than this (pixels) merge into a cluster.
const CLUSTER_DISTANCE: f64 = 16.0;

thread_local! {
    static WORLD: Rc<BaseMap> = Rc::new(BaseMap::decode(WORLD_110M).unwrap_or_else(|error| {
        gloo::console::warn!(format!("base map: {error}"));
        empty_map()
    }));
}

fn empty_map() -> BaseMap {
    BaseMap {
        countries: Vec::new(),
        rings: Vec::new(),
        lonlat: Vec::new(),
        equal_earth: Vec::new(),
        mercator: Vec::new(),
    }
}

#[derive(Properties, PartialEq)]
pub struct MapViewProps {
    pub document: Rc<Document>,
    pub selection: Option<Selection>,
    pub on_action: Callback<Action>,
}

/// The projected, zoom-dependent strings of the base map.
pub struct BasePaths {
    pub countries: Vec<AttrValue>,
    pub sphere: AttrValue,
    pub graticule: AttrValue,
}

/// Where the story's things go at the current zoom (independent of the pan).
#[derive(Default)]
struct Layout {
    /// Point markers: place index, x, y, radius.
    markers: Vec<(usize, f64, f64, f64)>,
    /// Clusters over `markers` (indices into it).
    clusters: Vec<layers::Cluster>,
    /// Regions and borders: place index, path, is a line.
    areas: Vec<(usize, AttrValue, bool)>,
    /// Soft circles for regions without geometry: place index, x, y, radius.
    blobs: Vec<(usize, f64, f64, f64)>,
    labels: Vec<PlacedLabel>,
}

struct PlacedLabel {
    text: String,
    x: f64,
    baseline: f64,
    anchor: Anchor,
    country: bool,
    /// A country the story names (set bolder).
    story: bool,
    /// The place it names, for lighting it with the selection.
    place: Option<usize>,
}

fn marker_radius(n_mentions: usize) -> f64 {
    (3.0 + 1.6 * (n_mentions.max(1) as f64).sqrt()).min(11.0)
}

fn f64_key(value: f64) -> u64 {
    value.to_bits()
}

/// "Syria", "Iraq and Syria" (borders carry two codes), or the code itself.
fn country_name(world: &BaseMap, codes: &str) -> String {
    let names: Vec<String> = codes
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|code| {
            world
                .country_by_iso2(code)
                .map_or_else(|| code.to_string(), |c| c.name.clone())
        })
        .collect();
    names.join(" and ")
}

fn kind_name(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Country => "country",
        PlaceKind::Admin => "administrative area",
        PlaceKind::City => "city",
        PlaceKind::Feature => "feature",
        PlaceKind::Region => "region",
        PlaceKind::Border => "border",
    }
}

fn build_base_paths(map: &BaseMap, view: View, frame: Frame, cull: Rect) -> BasePaths {
    let (t, s) = (view.blend(), view.scale(frame));
    let countries = map
        .country_paths(t, s, cull)
        .into_iter()
        .map(AttrValue::from)
        .collect();
    let project = |lon: f64, lat: f64| {
        let (x, y) = projection::project(t, lon, lat);
        ((x * s) as f32, (-y * s) as f32)
    };
    // The sphere: up the east edge, down the west edge.
    let max_lat = if t > 0.0 {
        projection::MERCATOR_MAX_LAT
    } else {
        90.0
    };
    let mut outline: Vec<(f32, f32)> = Vec::new();
    let steps = 90;
    for i in 0..=steps {
        outline.push(project(
            180.0,
            -max_lat + 2.0 * max_lat * i as f64 / steps as f64,
        ));
    }
    for i in 0..=steps {
        outline.push(project(
            -180.0,
            max_lat - 2.0 * max_lat * i as f64 / steps as f64,
        ));
    }
    let mut sphere = String::new();
    push_ring(&mut sphere, &outline, 0.2);
    let step = if view.zoom < 3.0 {
        30.0
    } else if view.zoom < 12.0 {
        10.0
    } else {
        5.0
    };
    let mut graticule = String::new();
    let mut lon = -180.0 + step;
    while lon < 180.0 {
        let line: Vec<(f32, f32)> = (0..=90)
            .map(|i| project(lon, -max_lat + 2.0 * max_lat * i as f64 / 90.0))
            .collect();
        push_polyline(&mut graticule, &line, 0.5);
        lon += step;
    }
    let mut lat = -90.0 + step;
    while lat < 90.0 {
        if lat.abs() <= max_lat {
            let line: Vec<(f32, f32)> = (0..=180)
                .map(|i| project(-180.0 + 2.0 * i as f64, lat))
                .collect();
            push_polyline(&mut graticule, &line, 0.5);
        }
        lat += step;
    }
    BasePaths {
        countries,
        sphere: sphere.into(),
        graticule: graticule.into(),
    }
}

fn build_layout(
    document: &Document,
    story: &Story,
    world: &BaseMap,
    view: View,
    frame: Frame,
) -> Layout {
    let mut layout = Layout::default();
    let (t, s) = (view.blend(), view.scale(frame));
    let to_layer = |lon: f64, lat: f64| {
        let (x, y) = projection::project(t, lon, lat);
        (x * s, -y * s)
    };
    let mut point_weights: Vec<Point> = Vec::new();
    for story_place in &story.places {
        let place = &document.places[story_place.idx];
        if !(place.lat.is_finite() && place.lon.is_finite()) {
            continue;
        }
        let (x, y) = to_layer(place.lon, place.lat);
        match place.kind {
            // Countries are drawn as shaded shapes, not markers.
            PlaceKind::Country => {}
            PlaceKind::Region | PlaceKind::Border => {
                let (parts, closed) = place
                    .geometry
                    .as_ref()
                    .map(layers::geojson_parts)
                    .unwrap_or_default();
                if parts.is_empty() {
                    if place.kind == PlaceKind::Region {
                        // No shape: a soft circle of about 150 km, never smaller than 14 px.
                        let radius = (150.0 / 6371.0 * s).max(14.0);
                        layout.blobs.push((story_place.idx, x, y, radius));
                    } else {
                        point_weights.push(Point {
                            x,
                            y,
                            weight: story_place.n_mentions as f64,
                        });
                        layout.markers.push((
                            story_place.idx,
                            x,
                            y,
                            marker_radius(story_place.n_mentions),
                        ));
                    }
                    continue;
                }
                let mut d = String::new();
                for part in &parts {
                    let pieces = if closed {
                        layers::split_ring_at_antimeridian(part)
                    } else {
                        layers::split_line_at_antimeridian(part)
                    };
                    for piece in pieces {
                        let projected: Vec<(f32, f32)> = piece
                            .iter()
                            .map(|&(lon, lat)| {
                                let (x, y) = to_layer(lon, lat);
                                (x as f32, y as f32)
                            })
                            .collect();
                        if closed {
                            push_ring(&mut d, &projected, 0.5);
                        } else {
                            push_polyline(&mut d, &projected, 0.5);
                        }
                    }
                }
                layout.areas.push((story_place.idx, d.into(), !closed));
            }
            _ => {
                point_weights.push(Point {
                    x,
                    y,
                    weight: story_place.n_mentions as f64,
                });
                layout
                    .markers
                    .push((story_place.idx, x, y, marker_radius(story_place.n_mentions)));
            }
        }
    }
    layout.clusters = layers::cluster(&point_weights, CLUSTER_DISTANCE);

    // Labels: places first (by mention count), then the story's countries, then large ones.
    let mut requests: Vec<LabelRequest> = Vec::new();
    let mut texts: Vec<(String, bool, bool, Option<usize>)> = Vec::new();
    let mut obstacles: Vec<Rect> = Vec::new();
    let place_font = 12.5;
    for cluster in &layout.clusters {
        let (idx, x, y, radius) = layout.markers[cluster.members[0]];
        let radius = if cluster.members.len() > 1 {
            radius.max(9.0)
        } else {
            radius
        };
        obstacles.push([x - radius, y - radius, x + radius, y + radius]);
        let place = &document.places[idx];
        let n_mentions = story
            .places
            .iter()
            .find(|p| p.idx == idx)
            .map_or(0, |p| p.n_mentions);
        let text = if cluster.members.len() > 1 {
            format!("{} +{}", place.name, cluster.members.len() - 1)
        } else {
            place.name.clone()
        };
        requests.push(LabelRequest {
            x,
            y,
            radius,
            width: layers::estimate_width(&text, place_font),
            height: place_font,
            priority: 1000.0 + n_mentions as f64 + if place.literal { 100.0 } else { 0.0 },
            centred: false,
        });
        texts.push((text, false, false, Some(idx)));
    }
    for &(idx, x, y, _) in &layout.blobs {
        let place = &document.places[idx];
        requests.push(LabelRequest {
            x,
            y,
            radius: 0.0,
            width: layers::estimate_width(&place.name, place_font),
            height: place_font,
            priority: 900.0,
            centred: true,
        });
        texts.push((place.name.clone(), false, false, Some(idx)));
    }
    let country_font = 11.0;
    for country in &world.countries {
        let story_country = story.countries.contains(&country.iso2);
        // Set in small caps by CSS: about as wide as capitals of a smaller size, plus tracking.
        let text = country.name.clone();
        let width = layers::estimate_width(&text, country_font) * 1.05 + text.len() as f64 * 1.3;
        let [west, south, east, north] = country.main_box;
        let (x0, _) = to_layer(west, (south + north) / 2.0);
        let (x1, _) = to_layer(east, (south + north) / 2.0);
        let (_, y0) = to_layer(country.label.0, north);
        let (_, y1) = to_layer(country.label.0, south);
        let (box_w, box_h) = ((x1 - x0).abs(), (y1 - y0).abs());
        let fits = box_w > width * 1.15 && box_h > country_font * 1.6;
        let loosely = box_w > width * 0.5;
        if !(fits || story_country && loosely) {
            continue;
        }
        let (x, y) = to_layer(country.label.0, country.label.1);
        requests.push(LabelRequest {
            x,
            y,
            radius: 0.0,
            width,
            height: country_font,
            priority: if story_country { 500.0 } else { box_w / 100.0 },
            centred: true,
        });
        texts.push((text, true, story_country, None));
    }
    let (tx, ty) = view.translate(frame);
    let visible = [
        -tx + 2.0,
        -ty + 2.0,
        -tx + frame.width - 2.0,
        -ty + frame.height - 2.0,
    ];
    let placements = layers::place_labels(&requests, &obstacles, visible);
    for ((text, country, story, place), placement) in texts.into_iter().zip(placements) {
        if let Some(p) = placement {
            layout.labels.push(PlacedLabel {
                text,
                x: p.x,
                baseline: p.baseline,
                anchor: p.anchor,
                country,
                story,
                place,
            });
        }
    }
    layout
}

#[derive(Properties)]
struct CountriesProps {
    paths: Rc<BasePaths>,
}

impl PartialEq for CountriesProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.paths, &other.paths)
    }
}

/// Every country, unshaded: re-renders only when the projected paths change.
#[function_component(Countries)]
fn countries(props: &CountriesProps) -> Html {
    html! {
        <g class="map-countries" aria-hidden="true">
            { for props.paths.countries.iter().enumerate().filter(|(_, d)| !d.is_empty()).map(|(idx, d)| html! {
                <path key={idx} d={d.clone()} />
            }) }
        </g>
    }
}

fn svg_point(svg: &web_sys::Element, client_x: i32, client_y: i32) -> (f64, f64) {
    let rect = svg.get_bounding_client_rect();
    (client_x as f64 - rect.left(), client_y as f64 - rect.top())
}

/// Glides the view to `to` over [`GLIDE_MS`], one step per animation frame. `generation`
/// cancels: any newer glide or user gesture bumps it and the older frames stop.
fn glide(
    dispatcher: UseReducerDispatcher<MapState>,
    generation: Rc<Cell<u32>>,
    from: View,
    to: View,
) {
    let this = generation.get().wrapping_add(1);
    generation.set(this);
    let started = crate::engine_host::now_ms();
    fn frame(
        dispatcher: UseReducerDispatcher<MapState>,
        generation: Rc<Cell<u32>>,
        this: u32,
        started: f64,
        from: View,
        to: View,
    ) {
        let Some(window) = web_sys::window() else {
            dispatcher.dispatch(MapAction::SetView {
                view: to,
                by_user: true,
            });
            return;
        };
        let step = Closure::once_into_js(move || {
            if generation.get() != this {
                return;
            }
            let u = (crate::engine_host::now_ms() - started) / GLIDE_MS;
            dispatcher.dispatch(MapAction::SetView {
                view: interaction::interpolate(from, to, u),
                by_user: true,
            });
            if u < 1.0 {
                frame(dispatcher, generation, this, started, from, to);
            }
        });
        // If the browser refuses a frame the glide just stops where it is.
        let _ = window.request_animation_frame(step.unchecked_ref());
    }
    frame(dispatcher, generation, this, started, from, to);
}

#[function_component(MapView)]
pub fn map_view(props: &MapViewProps) -> Html {
    let document = &props.document;
    let map = use_reducer(MapState::default);
    let gesture = use_mut_ref(Gesture::default);
    let generation = use_memo((), |_| Cell::new(0u32));
    let svg_ref = use_node_ref();
    let detail = use_state(|| None::<Rc<BaseMap>>);
    let detail_requested = use_mut_ref(|| false);
    let hovered = use_state(|| None::<usize>);
    let osm = use_state(|| false);
    let last_document = use_mut_ref(|| 0usize);
    let world = WORLD.with(Rc::clone);
    let story = use_memo(props.document.clone(), |document| story_of(document));
    let document_key = Rc::as_ptr(&props.document) as usize;

    // Measure the SVG now and whenever the window resizes: one SVG unit is one CSS pixel.
    {
        let svg_ref = svg_ref.clone();
        let dispatcher = map.dispatcher();
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                    let rect = svg.get_bounding_client_rect();
                    if rect.width() > 10.0 && rect.height() > 10.0 {
                        dispatcher.dispatch(MapAction::Resize(Frame {
                            width: rect.width().round(),
                            height: rect.height().round(),
                        }));
                    }
                }
            };
            measure();
            let listener = web_sys::window()
                .map(|window| EventListener::new(&window, "resize", move |_| measure()));
            move || drop(listener)
        });
    }

    // Fit the story when it changes, and on resize until the user has moved the map.
    {
        let map = map.clone();
        let story = story.clone();
        let last_document = last_document.clone();
        let mercator = *osm;
        use_effect_with(
            (
                document_key,
                f64_key(map.frame.width),
                f64_key(map.frame.height),
            ),
            move |_| {
                let is_new = *last_document.borrow() != document_key;
                *last_document.borrow_mut() = document_key;
                if is_new || !map.interacted {
                    let view = View::fit(
                        map.frame,
                        &story.fit_points,
                        FIT_PADDING,
                        FIT_MAX_ZOOM,
                        mercator,
                    );
                    map.dispatch(MapAction::SetView {
                        view,
                        by_user: false,
                    });
                }
            },
        );
    }

    // Glide to what the selection points at.
    {
        let dispatcher = map.dispatcher();
        let generation = generation.clone();
        let state = (*map).clone();
        let document = props.document.clone();
        use_effect_with(props.selection.clone(), move |selection| {
            let targets = places_of_selection(&document, selection.as_ref());
            if !targets.is_empty() {
                let points: Vec<(f64, f64)> = targets
                    .iter()
                    .map(|&idx| (document.places[idx].lon, document.places[idx].lat))
                    .collect();
                let only_countries = targets
                    .iter()
                    .all(|&idx| document.places[idx].kind == PlaceKind::Country);
                let max_zoom = if only_countries { 4.0 } else { FIT_MAX_ZOOM };
                let from = state.committed_view();
                let to = View::fit(
                    state.frame,
                    &points,
                    FIT_PADDING * 2.0,
                    max_zoom,
                    from.mercator,
                );
                glide(dispatcher, generation, from, to);
            }
        });
    }

    // The wheel zooms around the pointer; attached by hand so that it may preventDefault.
    {
        let svg_ref = svg_ref.clone();
        let dispatcher = map.dispatcher();
        let generation = generation.clone();
        use_effect_with((), move |_| {
            let listener = svg_ref.cast::<web_sys::Element>().map(|svg| {
                let target = svg.clone();
                EventListener::new_with_options(
                    &svg,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(event) = event.dyn_ref::<web_sys::WheelEvent>() else {
                            return;
                        };
                        event.prevent_default();
                        generation.set(generation.get().wrapping_add(1));
                        let (x, y) = svg_point(&target, event.client_x(), event.client_y());
                        let factor = interaction::wheel_factor(event.delta_y(), event.delta_mode());
                        dispatcher.dispatch(MapAction::ZoomAt { x, y, factor });
                    },
                )
            });
            move || drop(listener)
        });
    }

    let view = map.view;
    let frame = map.frame;

    // Zoomed in: fetch the detailed base map once.
    {
        let detail = detail.clone();
        let detail_requested = detail_requested.clone();
        let wants_detail = view.zoom >= DETAIL_ZOOM;
        use_effect_with(wants_detail, move |wants| {
            if *wants && !*detail_requested.borrow() {
                *detail_requested.borrow_mut() = true;
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::engine_host::fetch_bytes(DETAIL_URL).await {
                        Ok(bytes) => match BaseMap::decode(&bytes) {
                            Ok(map) => detail.set(Some(Rc::new(map))),
                            Err(error) => gloo::console::warn!(format!("{DETAIL_URL}: {error}")),
                        },
                        Err(error) => gloo::console::warn!(error),
                    }
                });
            }
        });
    }

    let base: Rc<BaseMap> = match (&*detail, view.zoom >= DETAIL_ZOOM) {
        (Some(detail), true) => detail.clone(),
        _ => world.clone(),
    };
    let (tx, ty) = view.translate(frame);
    // Only the part of the world near the view is drawn when zoomed in: a cell of the
    // layer plane, one frame wide, plus a frame of margin all round for the next drag.
    let cell = (
        (-tx / frame.width).floor() as i64,
        (-ty / frame.height).floor() as i64,
    );
    let cull: Rect = [
        (cell.0 - 1) as f64 * frame.width,
        (cell.1 - 1) as f64 * frame.height,
        (cell.0 + 3) as f64 * frame.width,
        (cell.1 + 3) as f64 * frame.height,
    ];
    let base_paths = use_memo(
        (
            Rc::as_ptr(&base) as usize,
            f64_key(view.zoom),
            f64_key(view.blend()),
            cell,
            f64_key(frame.width),
            f64_key(frame.height),
        ),
        {
            let base = base.clone();
            move |_| build_base_paths(&base, view, frame, cull)
        },
    );
    let layout = use_memo(
        (
            document_key,
            f64_key(view.zoom),
            f64_key(view.blend()),
            // Labels stay inside the frame: re-placed when a pan ends.
            (f64_key(view.lon), f64_key(view.lat)),
            f64_key(frame.width),
            f64_key(frame.height),
        ),
        {
            let document = props.document.clone();
            let story = story.clone();
            let world = world.clone();
            move |_| build_layout(&document, &story, &world, view, frame)
        },
    );

    let selected = places_of_selection(document, props.selection.as_ref());
    let is_lit = |idx: usize| {
        selected.contains(&idx)
            || lights(document, props.selection.as_ref(), &document.places[idx].id)
    };
    let select = |idx: usize| {
        let id = document.places[idx].id.clone();
        let on_action = props.on_action.clone();
        let gesture = gesture.clone();
        Callback::from(move |_: MouseEvent| {
            // The end of a drag is not a click.
            if !gesture.borrow().is_drag() {
                on_action.emit(Action::Select(Some(Selection::Item(id.clone()))));
            }
        })
    };
    let select_by_key = |idx: usize| {
        let id = document.places[idx].id.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
                event.stop_propagation();
                on_action.emit(Action::Select(Some(Selection::Item(id.clone()))));
            }
        })
    };
    let hover = |idx: usize| {
        let hovered = hovered.clone();
        Callback::from(move |_: FocusEvent| hovered.set(Some(idx)))
    };
    let mouse_hover = |idx: usize| {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(Some(idx)))
    };
    let unhover = {
        let hovered = hovered.clone();
        Callback::from(move |_: FocusEvent| hovered.set(None))
    };
    let mouse_unhover = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(None))
    };
    let aria_label = |idx: usize| {
        let place = &document.places[idx];
        let country = country_name(&world, &place.country);
        if place.kind == PlaceKind::Country || country.is_empty() || country == place.name {
            place.name.clone()
        } else {
            format!("{}, {}", place.name, country)
        }
    };
    let place_opacity = |idx: usize| {
        let confidence = document.places[idx].confidence.clamp(0.0, 1.0) as f64;
        format!("{:.2}", 0.4 + 0.6 * confidence)
    };

    // Pointer gestures: drag to pan, two pointers to pinch.
    let on_pointer_down = {
        let gesture = gesture.clone();
        let svg_ref = svg_ref.clone();
        let generation = generation.clone();
        Callback::from(move |event: PointerEvent| {
            if event.pointer_type() == "mouse" && event.button() != 0 {
                return;
            }
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                let (x, y) = svg_point(&svg, event.client_x(), event.client_y());
                gesture.borrow_mut().down(event.pointer_id(), x, y);
                generation.set(generation.get().wrapping_add(1));
            }
        })
    };
    let on_pointer_move = {
        let gesture = gesture.clone();
        let svg_ref = svg_ref.clone();
        let dispatcher = map.dispatcher();
        Callback::from(move |event: PointerEvent| {
            let Some(svg) = svg_ref.cast::<web_sys::Element>() else {
                return;
            };
            let (x, y) = svg_point(&svg, event.client_x(), event.client_y());
            let step = gesture.borrow_mut().moved(event.pointer_id(), x, y);
            match step {
                GestureStep::None => {}
                GestureStep::Drag(dx, dy) => {
                    let mut gesture = gesture.borrow_mut();
                    if !gesture.captured {
                        // Captured only now: a plain click must still reach its marker.
                        let _ = svg.set_pointer_capture(event.pointer_id());
                        gesture.captured = true;
                    }
                    dispatcher.dispatch(MapAction::DragBy(dx, dy));
                }
                GestureStep::Pinch {
                    x,
                    y,
                    factor,
                    dx,
                    dy,
                } => {
                    dispatcher.dispatch(MapAction::ZoomAt { x, y, factor });
                    dispatcher.dispatch(MapAction::DragBy(dx, dy));
                }
            }
        })
    };
    let on_pointer_up = {
        let gesture = gesture.clone();
        let dispatcher = map.dispatcher();
        Callback::from(move |event: PointerEvent| {
            if gesture.borrow_mut().up(event.pointer_id()) {
                dispatcher.dispatch(MapAction::DragEnd);
            }
        })
    };
    let on_double_click = {
        let svg_ref = svg_ref.clone();
        let dispatcher = map.dispatcher();
        Callback::from(move |event: MouseEvent| {
            if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                event.prevent_default();
                let (x, y) = svg_point(&svg, event.client_x(), event.client_y());
                let factor = if event.shift_key() { 0.5 } else { 2.0 };
                dispatcher.dispatch(MapAction::ZoomAt { x, y, factor });
            }
        })
    };
    let fit_view = {
        let story = story.clone();
        let mercator = *osm;
        move |frame: Frame| {
            View::fit(
                frame,
                &story.fit_points,
                FIT_PADDING,
                FIT_MAX_ZOOM,
                mercator,
            )
        }
    };
    let on_key = {
        let dispatcher = map.dispatcher();
        let generation = generation.clone();
        let fit_view = fit_view.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            let Some(command) = interaction::key_command(&event.key()) else {
                return;
            };
            event.prevent_default();
            generation.set(generation.get().wrapping_add(1));
            match command {
                KeyCommand::Pan(dx, dy) => dispatcher.dispatch(MapAction::PanBy(dx, dy)),
                KeyCommand::Zoom(factor) => dispatcher.dispatch(MapAction::ZoomAt {
                    x: frame.width / 2.0,
                    y: frame.height / 2.0,
                    factor,
                }),
                KeyCommand::Fit => dispatcher.dispatch(MapAction::SetView {
                    view: fit_view(frame),
                    by_user: false,
                }),
            }
        })
    };
    let zoom_button = |factor: f64| {
        let dispatcher = map.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(MapAction::ZoomAt {
                x: frame.width / 2.0,
                y: frame.height / 2.0,
                factor,
            })
        })
    };
    let on_fit = {
        let dispatcher = map.dispatcher();
        let generation = generation.clone();
        let from = map.committed_view();
        let fit_view = fit_view.clone();
        Callback::from(move |_: MouseEvent| {
            glide(
                dispatcher.clone(),
                generation.clone(),
                from,
                fit_view(frame),
            )
        })
    };
    let on_toggle_osm = {
        let osm = osm.clone();
        let dispatcher = map.dispatcher();
        let current = map.committed_view();
        Callback::from(move |_: MouseEvent| {
            let on = !*osm;
            osm.set(on);
            // Tiles come in Web Mercator: while they show, the map is Mercator at every zoom.
            dispatcher.dispatch(MapAction::SetView {
                view: View {
                    mercator: on,
                    ..current
                },
                by_user: true,
            });
        })
    };

    // Layers.
    let translate = format!("translate({:.1} {:.1})", tx + map.drag.0, ty + map.drag.1);
    let story_countries = world
        .countries
        .iter()
        .enumerate()
        .filter(|(_, c)| story.countries.contains(&c.iso2))
        .filter_map(|(country_idx, country)| {
            let d = base_paths.countries.get(country_idx).cloned().filter(|d| !d.is_empty());
            // With the detailed map in use, its own path for the country.
            let d = if Rc::ptr_eq(&base, &world) {
                d
            } else {
                base.countries
                    .iter()
                    .position(|c| c.iso2 == country.iso2)
                    .and_then(|i| base_paths.countries.get(i).cloned())
                    .filter(|d| !d.is_empty())
            }?;
            let place_idx = document
                .places
                .iter()
                .position(|p| p.kind == PlaceKind::Country && p.country.eq_ignore_ascii_case(&country.iso2))?;
            let lit = is_lit(place_idx);
            Some(html! {
                <path
                    class={classes!("map-story-country", lit.then_some("lit"), (*hovered == Some(place_idx)).then_some("hovered"))}
                    d={d}
                    tabindex="0"
                    role="button"
                    aria-label={aria_label(place_idx)}
                    data-id={document.places[place_idx].id.clone()}
                    onclick={select(place_idx)}
                    onkeydown={select_by_key(place_idx)}
                    onfocus={hover(place_idx)}
                    onblur={unhover.clone()}
                    onmouseenter={mouse_hover(place_idx)}
                    onmouseleave={mouse_unhover.clone()}
                />
            })
        })
        .collect::<Html>();
    let areas = layout
        .areas
        .iter()
        .map(|(idx, d, line)| {
            let place = &document.places[*idx];
            html! {
                <path
                    class={classes!(if *line { "map-border" } else { "map-region" }, (!place.literal).then_some("figurative"), is_lit(*idx).then_some("lit"))}
                    d={d.clone()}
                    opacity={place_opacity(*idx)}
                    tabindex="0"
                    role="button"
                    aria-label={aria_label(*idx)}
                    data-id={place.id.clone()}
                    onclick={select(*idx)}
                    onkeydown={select_by_key(*idx)}
                    onfocus={hover(*idx)}
                    onblur={unhover.clone()}
                    onmouseenter={mouse_hover(*idx)}
                    onmouseleave={mouse_unhover.clone()}
                />
            }
        })
        .chain(layout.blobs.iter().map(|&(idx, x, y, r)| {
            let place = &document.places[idx];
            html! {
                <circle
                    class={classes!("map-region", "blob", (!place.literal).then_some("figurative"), is_lit(idx).then_some("lit"))}
                    cx={format!("{x:.1}")}
                    cy={format!("{y:.1}")}
                    r={format!("{r:.1}")}
                    opacity={place_opacity(idx)}
                    tabindex="0"
                    role="button"
                    aria-label={aria_label(idx)}
                    data-id={place.id.clone()}
                    data-lat={place.lat.to_string()}
                    data-lon={place.lon.to_string()}
                    onclick={select(idx)}
                    onkeydown={select_by_key(idx)}
                    onfocus={hover(idx)}
                    onblur={unhover.clone()}
                    onmouseenter={mouse_hover(idx)}
                    onmouseleave={mouse_unhover.clone()}
                />
            }
        }))
        .collect::<Html>();
    let markers = layout
        .clusters
        .iter()
        .map(|cluster| {
            if cluster.members.len() > 1 {
                let members: Vec<usize> = cluster.members.iter().map(|&m| layout.markers[m].0).collect();
                let names: Vec<String> = members.iter().map(|&idx| document.places[idx].name.clone()).collect();
                let points: Vec<(f64, f64)> = members
                    .iter()
                    .map(|&idx| (document.places[idx].lon, document.places[idx].lat))
                    .collect();
                let lit = members.iter().any(|&idx| is_lit(idx));
                let open = {
                    let dispatcher = map.dispatcher();
                    let generation = generation.clone();
                    let from = map.committed_view();
                    let gesture = gesture.clone();
                    let to = View::fit(frame, &points, FIT_PADDING * 2.0, projection::MAX_ZOOM, from.mercator);
                    // Zoom in at least enough to pull the cluster apart.
                    let to = View { zoom: to.zoom.max(from.zoom * 2.0), ..to };
                    Callback::from(move |_: MouseEvent| {
                        if !gesture.borrow().is_drag() {
                            glide(dispatcher.clone(), generation.clone(), from, to);
                        }
                    })
                };
                let open_by_key = {
                    let open = open.clone();
                    Callback::from(move |event: KeyboardEvent| {
                        if event.key() == "Enter" || event.key() == " " {
                            event.prevent_default();
                            event.stop_propagation();
                            if let Ok(click) = web_sys::MouseEvent::new("click") {
                                open.emit(click);
                            }
                        }
                    })
                };
                let radius = 9.0 + (members.len() as f64).sqrt() * 2.0;
                html! {
                    <g
                        class={classes!("map-cluster", lit.then_some("lit"))}
                        transform={format!("translate({:.1} {:.1})", cluster.x, cluster.y)}
                        tabindex="0"
                        role="button"
                        aria-label={format!("{} places: {}. Zoom in", members.len(), names.join(", "))}
                        data-members={names.join("|")}
                        onclick={open}
                        onkeydown={open_by_key}
                    >
                        <circle class="map-cluster-dot" r={format!("{radius:.1}")} />
                        <text class="map-cluster-count" y="4" text-anchor="middle">{members.len().to_string()}</text>
                    </g>
                }
            } else {
                let (idx, x, y, radius) = layout.markers[cluster.members[0]];
                let place = &document.places[idx];
                let lit = is_lit(idx);
                html! {
                    <g
                        class={classes!("map-marker", if place.literal { "literal" } else { "figurative" }, (place.kind == PlaceKind::Border).then_some("border"), lit.then_some("lit"), (*hovered == Some(idx)).then_some("hovered"))}
                        transform={format!("translate({x:.1} {y:.1})")}
                        opacity={place_opacity(idx)}
                        tabindex="0"
                        role="button"
                        aria-label={aria_label(idx)}
                        data-id={place.id.clone()}
                        data-name={place.name.clone()}
                        data-lat={place.lat.to_string()}
                        data-lon={place.lon.to_string()}
                        onclick={select(idx)}
                        onkeydown={select_by_key(idx)}
                        onfocus={hover(idx)}
                        onblur={unhover.clone()}
                        onmouseenter={mouse_hover(idx)}
                        onmouseleave={mouse_unhover.clone()}
                    >
                        <circle class="map-marker-halo" r={format!("{:.1}", radius + 5.0)} />
                        <circle class="map-marker-dot" r={format!("{radius:.1}")} />
                    </g>
                }
            }
        })
        .collect::<Html>();
    let label_nodes = |countries: bool| -> Html {
        layout
        .labels
        .iter()
        .filter(|label| label.country == countries)
        .map(|label| {
            let lit = label.place.is_some_and(&is_lit);
            html! {
                <text
                    class={classes!(if label.country { "map-country-label" } else { "map-place-label" }, label.story.then_some("story"), lit.then_some("lit"))}
                    x={format!("{:.1}", label.x)}
                    y={format!("{:.1}", label.baseline)}
                    text-anchor={label.anchor.as_svg()}
                >{label.text.clone()}</text>
            }
        })
        .collect::<Html>()
    };
    let tiles = if *osm && view.blend() >= 1.0 {
        let visible: Rect = [
            -tx - map.drag.0,
            -ty - map.drag.1,
            -tx - map.drag.0 + frame.width,
            -ty - map.drag.1 + frame.height,
        ];
        layers::osm_tiles(view.scale(frame), visible)
            .into_iter()
            .map(|tile| {
                html! {
                    <image
                        key={tile.url.clone()}
                        href={tile.url}
                        x={format!("{:.1}", tile.x)}
                        y={format!("{:.1}", tile.y)}
                        width={format!("{:.2}", tile.size + 0.5)}
                        height={format!("{:.2}", tile.size + 0.5)}
                    />
                }
            })
            .collect::<Html>()
    } else {
        Html::default()
    };

    // The card for the hovered or focused place.
    let card = hovered.and_then(|idx| document.places.get(idx).map(|place| (idx, place))).map(|(idx, place)| {
        let n_mentions = story.places.iter().find(|p| p.idx == idx).map_or(0, |p| p.n_mentions);
        let (screen_x, _) = view.screen_point(frame, place.lon, place.lat);
        let side = if screen_x + map.drag.0 > frame.width / 2.0 { "left" } else { "right" };
        let country = country_name(&world, &place.country);
        let sentences = sentences_naming(document, &place.id, 3);
        html! {
            <div class={classes!("map-card", side)} role="status" aria-live="polite">
                <p class="map-card-name">{place.name.clone()}</p>
                <p class="map-card-meta">
                    {kind_name(place.kind)}
                    if !country.is_empty() && place.kind != PlaceKind::Country { {" · "}{country} }
                </p>
                <p class="map-card-meta">
                    {format!("{} mention{} · confidence {:.0}%", n_mentions, if n_mentions == 1 { "" } else { "s" }, place.confidence * 100.0)}
                    if !place.literal { {" · named, not a scene"} }
                </p>
                <ul class="map-card-sentences">
                    { for sentences.into_iter().map(|s| html! { <li>{s}</li> }) }
                </ul>
            </div>
        }
    });

    let (cx, cy) = view.center_projected();
    let scale = view.scale(frame);
    html! {
        <section class="view map-view" aria-label="Map">
            <h2 class="view-title">{"Map"}</h2>
            <div class={classes!("map-frame", osm.then_some("osm-on"))}>
                <svg
                    ref={svg_ref}
                    class="map-svg"
                    viewBox={format!("0 0 {} {}", frame.width, frame.height)}
                    tabindex="0"
                    role="application"
                    aria-roledescription="map"
                    aria-label="Map of the places in the story. Drag or use the arrow keys to pan, the wheel or + and - to zoom, 0 to fit."
                    data-width={frame.width.to_string()}
                    data-height={frame.height.to_string()}
                    data-scale={scale.to_string()}
                    data-blend={view.blend().to_string()}
                    data-center-x={(cx - map.drag.0 / scale).to_string()}
                    data-center-y={(cy + map.drag.1 / scale).to_string()}
                    data-zoom={view.zoom.to_string()}
                    data-lon={view.lon.to_string()}
                    data-lat={view.lat.to_string()}
                    data-detail={(!Rc::ptr_eq(&base, &world)).to_string()}
                    onpointerdown={on_pointer_down}
                    onpointermove={on_pointer_move}
                    onpointerup={on_pointer_up.clone()}
                    onpointercancel={on_pointer_up}
                    ondblclick={on_double_click}
                    onkeydown={on_key}
                >
                    <defs>
                        <clipPath id="map-sphere-clip"><path d={base_paths.sphere.clone()} /></clipPath>
                    </defs>
                    <g class="map-layer" transform={translate}>
                        <path class="map-sphere" d={base_paths.sphere.clone()} />
                        <g clip-path="url(#map-sphere-clip)">
                            <g class="map-tiles">{tiles}</g>
                            <path class="map-graticule" d={base_paths.graticule.clone()} />
                            <Countries paths={base_paths.clone()} />
                            <g class="map-story-countries">{story_countries}</g>
                            <g class="map-areas">{areas}</g>
                        </g>
                        <path class="map-sphere-edge" d={base_paths.sphere.clone()} />
                        <g class="map-labels countries">{label_nodes(true)}</g>
                        <g class="map-markers">{markers}</g>
                        <g class="map-labels places">{label_nodes(false)}</g>
                    </g>
                </svg>
                <div class="map-controls">
                    <button type="button" class="map-button" aria-label="Zoom in" title="Zoom in" onclick={zoom_button(2.0)}>{"+"}</button>
                    <button type="button" class="map-button" aria-label="Zoom out" title="Zoom out" onclick={zoom_button(0.5)}>{"−"}</button>
                    <button type="button" class="map-button fit" aria-label="Fit the story" title="Fit the story" onclick={on_fit}>{"Fit"}</button>
                    <button type="button" class={classes!("map-button", "osm", osm.then_some("on"))} aria-pressed={osm.to_string()} title="Show OpenStreetMap tiles (loads images from tile.openstreetmap.org)" onclick={on_toggle_osm}>{"OSM"}</button>
                </div>
                // Always one node here: Yew matches unkeyed siblings from the end, so a child
                // that comes and goes would make it rebuild the SVG (and lose its listeners).
                { card.unwrap_or_default() }
                <p class="map-attribution">
                    {"Base map: Natural Earth · Places: GeoNames"}
                    if *osm {
                        {" · "}<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener noreferrer">{"© OpenStreetMap contributors"}</a>
                    }
                </p>
            </div>
        </section>
    }
}
