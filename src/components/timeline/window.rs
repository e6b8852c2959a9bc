//! The visible stretch of time: what pan and zoom change.
//!
//! A window is `[start, end)` in axis minutes. Zooming keeps the instant under the pointer
//! (or between two fingers) where it is on screen, so the user zooms *into* what they look
//! at; the span is clamped between an hour and two centuries so neither a stray wheel nor a
//! pinch can lose the story. Pure arithmetic, tested natively.

use super::instant::DAY;

pub const MIN_SPAN: f64 = 60.0;
pub const MAX_SPAN: f64 = 200.0 * 365.25 * DAY;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewWindow {
    pub start: f64,
    pub end: f64,
}

impl ViewWindow {
    pub fn span(&self) -> f64 {
        self.end - self.start
    }

    /// Moves by `fraction` of the span (positive: later).
    pub fn pan(self, fraction: f64) -> ViewWindow {
        let shift = self.span() * fraction;
        ViewWindow {
            start: self.start + shift,
            end: self.end + shift,
        }
    }

    /// Scales the span by `factor` (< 1 zooms in) keeping the instant at `anchor` (0 = left
    /// edge, 1 = right edge) in place.
    pub fn zoom(self, factor: f64, anchor: f64) -> ViewWindow {
        let anchor = anchor.clamp(0.0, 1.0);
        let span = (self.span() * factor).clamp(MIN_SPAN, MAX_SPAN);
        let pivot = self.start + self.span() * anchor;
        ViewWindow {
            start: pivot - span * anchor,
            end: pivot - span * anchor + span,
        }
    }

    /// The window that shows `[first, last]` with a margin on both sides; at least a day.
    pub fn fit(first: f64, last: f64) -> ViewWindow {
        let span = (last - first).max(DAY);
        let middle = (first + last) / 2.0;
        let padded = (span * 1.16).min(MAX_SPAN);
        ViewWindow {
            start: middle - padded / 2.0,
            end: middle + padded / 2.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_anchor_in_place() {
        let window = ViewWindow {
            start: 0.0,
            end: 1000.0,
        };
        let zoomed = window.zoom(0.5, 0.25);
        assert_eq!(zoomed.span(), 500.0);
        // The instant at a quarter of the width (250) stays at a quarter of the width.
        assert_eq!(zoomed.start + zoomed.span() * 0.25, 250.0);
    }

    #[test]
    fn zoom_is_clamped() {
        let window = ViewWindow {
            start: 0.0,
            end: 120.0,
        };
        assert_eq!(window.zoom(0.01, 0.5).span(), MIN_SPAN);
        assert_eq!(window.zoom(1e12, 0.5).span(), MAX_SPAN);
    }

    #[test]
    fn pan_moves_by_a_fraction_of_the_span() {
        let window = ViewWindow {
            start: 100.0,
            end: 200.0,
        };
        assert_eq!(
            window.pan(-0.5),
            ViewWindow {
                start: 50.0,
                end: 150.0
            }
        );
    }

    #[test]
    fn fit_pads_and_never_goes_below_a_day() {
        let window = ViewWindow::fit(0.0, 10.0);
        assert!(window.start < 0.0 && window.end > 10.0);
        assert!(window.span() >= DAY);
    }
}
