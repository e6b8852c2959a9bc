//! Pan and zoom as a small reducer: pointer drags, wheel, pinch, double-click and keys all
//! become [`MapAction`]s on one [`MapState`], so event handlers never read a stale view.
//!
//! **Why a drag is an offset, not a new view.** While a pointer drags, the map only moves:
//! the component applies `drag` as an SVG translation and the projected base map stays
//! cached. The geographic centre is recomputed once, on pointer up ([`MapAction::DragEnd`]),
//! by inverting the projection; any zoom action commits a pending drag first. Keyboard pans
//! are discrete steps and commit at once.

use std::rc::Rc;

use yew::Reducible;

use super::projection::{Frame, View};

#[derive(Debug, Clone, PartialEq)]
pub struct MapState {
    pub view: View,
    pub frame: Frame,
    /// Pixels the content has been dragged since the drag began.
    pub drag: (f64, f64),
    /// The user has moved the map: a resize no longer refits the story.
    pub interacted: bool,
}

impl Default for MapState {
    fn default() -> MapState {
        MapState {
            view: View::default(),
            frame: Frame {
                width: 800.0,
                height: 480.0,
            },
            drag: (0.0, 0.0),
            interacted: false,
        }
    }
}

impl MapState {
    /// The view with any pending drag folded in.
    pub fn committed_view(&self) -> View {
        if self.drag == (0.0, 0.0) {
            self.view
        } else {
            self.view
                .panned(self.frame, self.drag.0, self.drag.1)
                .constrained(self.frame)
        }
    }
}

pub enum MapAction {
    Resize(Frame),
    DragBy(f64, f64),
    DragEnd,
    /// Zoom by a factor around a screen point (pixels in the SVG).
    ZoomAt {
        x: f64,
        y: f64,
        factor: f64,
    },
    /// A discrete pan (keys, buttons), in pixels.
    PanBy(f64, f64),
    /// Jump to a view: a fit of the story (`by_user: false`, so a resize refits it), or a
    /// frame of a glide the user asked for (`by_user: true`).
    SetView {
        view: View,
        by_user: bool,
    },
}

impl Reducible for MapState {
    type Action = MapAction;

    fn reduce(self: Rc<Self>, action: MapAction) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            MapAction::Resize(frame) => {
                if frame == state.frame {
                    return self;
                }
                state.frame = frame;
                state.view = state.view.constrained(frame);
            }
            MapAction::DragBy(dx, dy) => {
                // Vertically the content stops at the world's edges (see View::constrained).
                let s = state.view.scale(state.frame);
                let (_, cy) = state.view.center_projected();
                let (low, high) = state.view.center_y_bounds(state.frame);
                let wanted = cy + (state.drag.1 + dy) / s;
                let bounded = wanted.clamp(low, high);
                let drag_y = if bounded == wanted {
                    state.drag.1 + dy
                } else {
                    (bounded - cy) * s
                };
                state.drag = (state.drag.0 + dx, drag_y);
                state.interacted = true;
            }
            MapAction::DragEnd => {
                if state.drag == (0.0, 0.0) {
                    return self;
                }
                state.view = state.committed_view();
                state.drag = (0.0, 0.0);
            }
            MapAction::ZoomAt { x, y, factor } => {
                let view = state.committed_view();
                state.view = view
                    .zoomed_at(state.frame, x, y, factor)
                    .constrained(state.frame);
                state.drag = (0.0, 0.0);
                state.interacted = true;
            }
            MapAction::PanBy(dx, dy) => {
                state.view = state
                    .committed_view()
                    .panned(state.frame, dx, dy)
                    .constrained(state.frame);
                state.drag = (0.0, 0.0);
                state.interacted = true;
            }
            MapAction::SetView { view, by_user } => {
                state.view = view.constrained(state.frame);
                state.drag = (0.0, 0.0);
                state.interacted = by_user;
            }
        }
        Rc::new(state)
    }
}

/// Zoom factor for one wheel event: mice send ±100 (pixels) or ±3 (lines) per notch,
/// trackpads many small deltas; an exponential keeps both smooth and symmetric.
pub fn wheel_factor(delta_y: f64, delta_mode: u32) -> f64 {
    let pixels = match delta_mode {
        1 => delta_y * 33.0,  // lines
        2 => delta_y * 400.0, // pages
        _ => delta_y,
    };
    (-pixels.clamp(-300.0, 300.0) * 0.004).exp()
}

/// What a key does to the map when it has focus.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyCommand {
    Pan(f64, f64),
    Zoom(f64),
    Fit,
}

pub const KEY_PAN_PIXELS: f64 = 80.0;
pub const KEY_ZOOM_FACTOR: f64 = 1.5;

pub fn key_command(key: &str) -> Option<KeyCommand> {
    Some(match key {
        "ArrowLeft" => KeyCommand::Pan(KEY_PAN_PIXELS, 0.0),
        "ArrowRight" => KeyCommand::Pan(-KEY_PAN_PIXELS, 0.0),
        "ArrowUp" => KeyCommand::Pan(0.0, KEY_PAN_PIXELS),
        "ArrowDown" => KeyCommand::Pan(0.0, -KEY_PAN_PIXELS),
        "+" | "=" => KeyCommand::Zoom(KEY_ZOOM_FACTOR),
        "-" | "_" => KeyCommand::Zoom(1.0 / KEY_ZOOM_FACTOR),
        "0" | "Home" => KeyCommand::Fit,
        _ => return None,
    })
}

/// Pointers currently down on the map, for drags and two-finger pinches.
#[derive(Debug, Default)]
pub struct Gesture {
    pub pointers: Vec<(i32, f64, f64)>,
    /// Largest distance moved since the first pointer went down: a click that moved more
    /// than a few pixels was a drag and must not select anything.
    pub travelled: f64,
    /// The SVG already holds pointer capture (taken once a drag starts, not on down, so a
    /// plain click still reaches the marker under the pointer).
    pub captured: bool,
}

/// What a pointer move means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GestureStep {
    None,
    Drag(f64, f64),
    /// Zoom around (x, y) by factor, then move by (dx, dy).
    Pinch {
        x: f64,
        y: f64,
        factor: f64,
        dx: f64,
        dy: f64,
    },
}

pub const CLICK_SLOP: f64 = 4.0;

impl Gesture {
    pub fn down(&mut self, id: i32, x: f64, y: f64) {
        if self.pointers.is_empty() {
            self.travelled = 0.0;
            self.captured = false;
        }
        self.pointers.retain(|p| p.0 != id);
        self.pointers.push((id, x, y));
    }

    pub fn up(&mut self, id: i32) -> bool {
        self.pointers.retain(|p| p.0 != id);
        self.pointers.is_empty()
    }

    pub fn is_drag(&self) -> bool {
        self.travelled > CLICK_SLOP
    }

    pub fn moved(&mut self, id: i32, x: f64, y: f64) -> GestureStep {
        let Some(idx) = self.pointers.iter().position(|p| p.0 == id) else {
            return GestureStep::None;
        };
        let (_, old_x, old_y) = self.pointers[idx];
        match self.pointers.len() {
            1 => {
                self.pointers[idx] = (id, x, y);
                self.travelled += (x - old_x).hypot(y - old_y);
                if self.is_drag() {
                    GestureStep::Drag(x - old_x, y - old_y)
                } else {
                    // Below the slop the content does not move yet, but the movement
                    // counts: report it once the slop is passed.
                    GestureStep::None
                }
            }
            _ => {
                let Some(&other) = self.pointers.iter().find(|p| p.0 != id) else {
                    return GestureStep::None;
                };
                let old_mid = ((old_x + other.1) / 2.0, (old_y + other.2) / 2.0);
                let new_mid = ((x + other.1) / 2.0, (y + other.2) / 2.0);
                let old_distance = (old_x - other.1).hypot(old_y - other.2).max(1.0);
                let new_distance = (x - other.1).hypot(y - other.2).max(1.0);
                self.pointers[idx] = (id, x, y);
                self.travelled += CLICK_SLOP + 1.0;
                GestureStep::Pinch {
                    x: old_mid.0,
                    y: old_mid.1,
                    factor: new_distance / old_distance,
                    dx: new_mid.0 - old_mid.0,
                    dy: new_mid.1 - old_mid.1,
                }
            }
        }
    }
}

/// Ease-in-out cubic, for the glide to a selection.
pub fn ease(u: f64) -> f64 {
    let u = u.clamp(0.0, 1.0);
    if u < 0.5 {
        4.0 * u * u * u
    } else {
        1.0 - (-2.0 * u + 2.0).powi(3) / 2.0
    }
}

/// The view `u` of the way from `from` to `to`: the centre moves linearly, the zoom
/// geometrically (so zooming feels even).
pub fn interpolate(from: View, to: View, u: f64) -> View {
    let e = ease(u);
    View {
        lon: from.lon + (to.lon - from.lon) * e,
        lat: from.lat + (to.lat - from.lat) * e,
        zoom: from.zoom * (to.zoom / from.zoom).powf(e),
        mercator: to.mercator,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zoomed in enough that the world is taller than the frame (free to pan both ways).
    fn state() -> Rc<MapState> {
        let mut state = MapState::default();
        state.view.zoom = 4.0;
        state.view.lat = 30.0;
        Rc::new(state)
    }

    #[test]
    fn a_drag_is_an_offset_until_the_pointer_goes_up() {
        let start = state();
        let dragged = start.clone().reduce(MapAction::DragBy(30.0, -10.0));
        assert_eq!(dragged.view, start.view);
        assert_eq!(dragged.drag, (30.0, -10.0));
        let ended = dragged.reduce(MapAction::DragEnd);
        assert_eq!(ended.drag, (0.0, 0.0));
        assert!(
            ended.view.lon < start.view.lon,
            "dragging right shows what lies west"
        );
        assert!(ended.interacted);
    }

    #[test]
    fn a_small_world_cannot_be_dragged_off_vertically() {
        let world = Rc::new(MapState::default());
        let dragged = world.reduce(MapAction::DragBy(10.0, 200.0));
        assert_eq!(dragged.drag, (10.0, 0.0));
    }

    #[test]
    fn zooming_commits_a_pending_drag() {
        let dragged = state().reduce(MapAction::DragBy(50.0, 0.0));
        let zoomed = dragged.reduce(MapAction::ZoomAt {
            x: 400.0,
            y: 240.0,
            factor: 2.0,
        });
        assert_eq!(zoomed.drag, (0.0, 0.0));
        assert!((zoomed.view.zoom - 8.0).abs() < 1e-9);
    }

    #[test]
    fn wheel_up_zooms_in_and_down_zooms_out_symmetrically() {
        let zoom_in = wheel_factor(-100.0, 0);
        let zoom_out = wheel_factor(100.0, 0);
        assert!(zoom_in > 1.0 && zoom_out < 1.0);
        assert!((zoom_in * zoom_out - 1.0).abs() < 1e-12);
        assert_eq!(wheel_factor(-3.0, 1), wheel_factor(-99.0, 0));
    }

    #[test]
    fn keys_map_to_commands() {
        assert_eq!(
            key_command("ArrowLeft"),
            Some(KeyCommand::Pan(KEY_PAN_PIXELS, 0.0))
        );
        assert_eq!(key_command("+"), Some(KeyCommand::Zoom(KEY_ZOOM_FACTOR)));
        assert_eq!(key_command("a"), None);
    }

    #[test]
    fn a_small_wobble_is_a_click_and_a_long_move_a_drag() {
        let mut gesture = Gesture::default();
        gesture.down(1, 10.0, 10.0);
        assert_eq!(gesture.moved(1, 12.0, 10.0), GestureStep::None);
        assert!(!gesture.is_drag());
        assert_eq!(gesture.moved(1, 22.0, 10.0), GestureStep::Drag(10.0, 0.0));
        assert!(gesture.up(1));
    }

    #[test]
    fn two_pointers_spreading_apart_zoom_in() {
        let mut gesture = Gesture::default();
        gesture.down(1, 100.0, 100.0);
        gesture.down(2, 200.0, 100.0);
        match gesture.moved(2, 300.0, 100.0) {
            GestureStep::Pinch { x, factor, dx, .. } => {
                assert_eq!(x, 150.0);
                assert!((factor - 2.0).abs() < 1e-12);
                assert_eq!(dx, 50.0);
            }
            other => panic!("expected a pinch, got {other:?}"),
        }
    }

    #[test]
    fn the_glide_ends_where_it_should() {
        let from = View {
            lon: 0.0,
            lat: 0.0,
            zoom: 1.0,
            mercator: false,
        };
        let to = View {
            lon: 40.0,
            lat: 35.0,
            zoom: 8.0,
            mercator: false,
        };
        assert_eq!(interpolate(from, to, 0.0), from);
        let end = interpolate(from, to, 1.0);
        assert!((end.zoom - 8.0).abs() < 1e-9 && (end.lon - 40.0).abs() < 1e-9);
        assert!((interpolate(from, to, 0.5).zoom - 8f64.sqrt()).abs() < 1e-9);
    }
}
