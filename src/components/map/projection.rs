//! Projections and the map's view: where a longitude/latitude lands on screen.
//!
//! **Why two projections, blended.** A world view wants an equal-area projection (Equal
//! Earth: continents keep their true sizes, the poles are not blown up), a zoomed-in view
//! wants a conformal one (Web Mercator: shapes and angles look right locally and raster
//! tiles line up). Switching at one zoom would make the map jump, so the map uses
//! `(1 - t) · EqualEarth + t · Mercator`, with `t` rising smoothly from 0 to 1 between two
//! zoom levels ([`blend_for_zoom`]). Both are scaled so that the equator is 2π units wide,
//! which keeps the zoom meaning the same across the blend.
//!
//! **Screen mapping.** Projected units are y-up, "radians at the equator". A [`View`] is a
//! geographic centre and a zoom; its scale is `zoom · base_scale` pixels per unit, where
//! `base_scale` fits the whole Equal Earth world into the frame. A point's screen position is
//! `(w/2 + (x - cx)·s, h/2 - (y - cy)·s)` where `(cx, cy)` is the projected centre. Because
//! nothing in the projection depends on the centre, panning is a pure translation: the app
//! projects the base map once per zoom and pans with an SVG `transform`.
//!
//! The JavaScript browser test re-implements [`project`] from the same constants to check
//! that markers sit where they should; keep the two in step.
//!
//! ```text
//! project(0.0, 180.0, 0.0)            == (π, 0)        Equal Earth, edge of the world
//! view.screen_point(frame, lon, lat)     == pixel in the SVG
//! view.zoomed_at(frame, x, y, 2.0)    keeps the point under (x, y) where it is
//! ```

use std::f64::consts::PI;

/// Equal Earth polynomial coefficients (Šavrič, Patterson & Jenny 2018).
const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
/// sqrt(3) / 2.
const M: f64 = 0.866_025_403_784_438_6;

/// Web Mercator's latitude limit: the map is square there (y = ±π).
pub const MERCATOR_MAX_LAT: f64 = 85.051_128_779_806_59;

/// Zooms between which the projection morphs from Equal Earth to Web Mercator.
pub const BLEND_START_ZOOM: f64 = 2.0;
pub const BLEND_END_ZOOM: f64 = 5.0;

/// Equal Earth, scaled so that x = λ (radians) on the equator.
pub fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    let lambda = lon.to_radians();
    let theta = (M * lat.to_radians().sin()).asin();
    let theta2 = theta * theta;
    let theta6 = theta2 * theta2 * theta2;
    let x = lambda * theta.cos()
        / (M * (A1 + 3.0 * A2 * theta2 + theta6 * (7.0 * A3 + 9.0 * A4 * theta2)));
    let y = theta * (A1 + A2 * theta2 + theta6 * (A3 + A4 * theta2));
    // The raw formula has x = λ / (M·A1) on the equator: rescale both axes by M·A1.
    (x * M * A1, y * M * A1)
}

/// Web Mercator in radians (the world is the square ±π).
pub fn mercator(lon: f64, lat: f64) -> (f64, f64) {
    let phi = lat.clamp(-MERCATOR_MAX_LAT, MERCATOR_MAX_LAT).to_radians();
    (lon.to_radians(), (PI / 4.0 + phi / 2.0).tan().ln())
}

/// The blended projection for blend `t` (0 = Equal Earth, 1 = Web Mercator).
pub fn project(t: f64, lon: f64, lat: f64) -> (f64, f64) {
    if t <= 0.0 {
        return equal_earth(lon, lat);
    }
    let (mx, my) = mercator(lon, lat);
    if t >= 1.0 {
        return (mx, my);
    }
    let (ex, ey) = equal_earth(lon, lat);
    (ex + t * (mx - ex), ey + t * (my - ey))
}

/// Inverse of [`project`] by Newton's method (the blend has no closed form). Converges in a
/// few steps because both projections are smooth and monotone in each coordinate.
pub fn invert(t: f64, x: f64, y: f64) -> (f64, f64) {
    let mut lon = x.to_degrees().clamp(-180.0, 180.0);
    let mut lat = y.sinh().atan().to_degrees().clamp(-85.0, 85.0);
    let h = 1e-6;
    for _ in 0..20 {
        let (px, py) = project(t, lon, lat);
        let (fx, fy) = (px - x, py - y);
        if fx.abs() < 1e-12 && fy.abs() < 1e-12 {
            break;
        }
        let (ax, ay) = project(t, lon + h, lat);
        let (bx, by) = project(t, lon, lat + h);
        let (j11, j21) = ((ax - px) / h, (ay - py) / h);
        let (j12, j22) = ((bx - px) / h, (by - py) / h);
        let det = j11 * j22 - j12 * j21;
        if det.abs() < 1e-15 {
            break;
        }
        lon -= (fx * j22 - fy * j12) / det;
        lat -= (j11 * fy - j21 * fx) / det;
        lat = lat.clamp(-89.999, 89.999);
    }
    (lon, lat)
}

/// 0 below [`BLEND_START_ZOOM`], 1 above [`BLEND_END_ZOOM`], a smoothstep between.
pub fn blend_for_zoom(zoom: f64) -> f64 {
    let u = ((zoom - BLEND_START_ZOOM) / (BLEND_END_ZOOM - BLEND_START_ZOOM)).clamp(0.0, 1.0);
    u * u * (3.0 - 2.0 * u)
}

pub const MIN_ZOOM: f64 = 0.8;
pub const MAX_ZOOM: f64 = 96.0;

/// The map's size in CSS pixels (the SVG's viewBox is the same, so one unit is one pixel).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
}

impl Frame {
    /// Pixels per projected unit at zoom 1: the whole Equal Earth world fits, with a margin.
    pub fn base_scale(&self) -> f64 {
        let world_height = 2.0 * equal_earth(0.0, 90.0).1;
        (self.width / (2.0 * PI)).min(self.height / world_height) * 0.96
    }
}

/// What the map shows: a geographic centre and a zoom (1 = the whole world).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub lon: f64,
    pub lat: f64,
    pub zoom: f64,
    /// Web Mercator at every zoom (while raster tiles are shown, which come in Mercator).
    pub mercator: bool,
}

impl Default for View {
    fn default() -> View {
        View {
            lon: 10.0,
            lat: 0.0,
            zoom: 1.0,
            mercator: false,
        }
    }
}

impl View {
    pub fn blend(&self) -> f64 {
        if self.mercator {
            1.0
        } else {
            blend_for_zoom(self.zoom)
        }
    }

    pub fn scale(&self, frame: Frame) -> f64 {
        self.zoom * frame.base_scale()
    }

    /// The projected centre, in projection units.
    pub fn center_projected(&self) -> (f64, f64) {
        project(self.blend(), self.lon, self.lat)
    }

    /// Where (lon, lat) lands in the layer the app draws into: projected units times the
    /// scale, y down. Add [`View::translate`] to get screen pixels.
    pub fn layer_point(&self, frame: Frame, lon: f64, lat: f64) -> (f64, f64) {
        let s = self.scale(frame);
        let (x, y) = project(self.blend(), lon, lat);
        (x * s, -y * s)
    }

    /// The translation from layer coordinates to screen pixels.
    pub fn translate(&self, frame: Frame) -> (f64, f64) {
        let s = self.scale(frame);
        let (cx, cy) = self.center_projected();
        (frame.width / 2.0 - cx * s, frame.height / 2.0 + cy * s)
    }

    pub fn screen_point(&self, frame: Frame, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.layer_point(frame, lon, lat);
        let (tx, ty) = self.translate(frame);
        (x + tx, y + ty)
    }

    /// The (lon, lat) under a screen pixel.
    pub fn geo_at(&self, frame: Frame, sx: f64, sy: f64) -> (f64, f64) {
        let s = self.scale(frame);
        let (cx, cy) = self.center_projected();
        invert(
            self.blend(),
            cx + (sx - frame.width / 2.0) / s,
            cy - (sy - frame.height / 2.0) / s,
        )
    }

    /// Keeps the centre on the map and the zoom within limits.
    pub fn clamped(self) -> View {
        View {
            lon: self.lon.clamp(-180.0, 180.0),
            lat: self.lat.clamp(-80.0, 80.0),
            zoom: self.zoom.clamp(MIN_ZOOM, MAX_ZOOM),
            ..self
        }
    }

    /// The range of projected centre y that keeps the map's north and south edges outside
    /// the frame (no empty band above the Arctic); a single value, 0, when the whole world
    /// is shorter than the frame.
    pub fn center_y_bounds(&self, frame: Frame) -> (f64, f64) {
        let t = self.blend();
        let top = if t > 0.0 { MERCATOR_MAX_LAT } else { 90.0 };
        let y_max = project(t, 0.0, top).1;
        let half = frame.height / 2.0 / self.scale(frame);
        if y_max > half {
            (-y_max + half, y_max - half)
        } else {
            (0.0, 0.0)
        }
    }

    /// [`View::clamped`], and the centre moved so that the frame shows no empty band above
    /// or below the world.
    pub fn constrained(self, frame: Frame) -> View {
        let view = self.clamped();
        let (cx, cy) = view.center_projected();
        let (low, high) = view.center_y_bounds(frame);
        let bounded = cy.clamp(low, high);
        if (bounded - cy).abs() < 1e-12 {
            return view;
        }
        let (lon, lat) = invert(view.blend(), cx, bounded);
        View { lon, lat, ..view }
    }

    /// The view after moving the map content by (dx, dy) screen pixels.
    pub fn panned(&self, frame: Frame, dx: f64, dy: f64) -> View {
        let (lon, lat) = self.geo_at(frame, frame.width / 2.0 - dx, frame.height / 2.0 - dy);
        View { lon, lat, ..*self }.clamped()
    }

    /// The view after zooming by `factor` while the point under screen pixel (sx, sy) stays
    /// under it (wheel, pinch and double-click zoom "around the pointer").
    pub fn zoomed_at(&self, frame: Frame, sx: f64, sy: f64, factor: f64) -> View {
        let anchor = self.geo_at(frame, sx, sy);
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let next = View { zoom, ..*self };
        // The anchor must project to (sx, sy): solve for the centre in projected units.
        let s = next.scale(frame);
        let t = next.blend();
        let (ax, ay) = project(t, anchor.0, anchor.1);
        let cx = ax - (sx - frame.width / 2.0) / s;
        let cy = ay + (sy - frame.height / 2.0) / s;
        let (lon, lat) = invert(t, cx, cy);
        View { lon, lat, ..next }.clamped()
    }

    /// The view that shows every point with `padding` pixels to spare, no closer than
    /// `max_zoom` (a single city should not fill the map).
    pub fn fit(
        frame: Frame,
        points: &[(f64, f64)],
        padding: f64,
        max_zoom: f64,
        mercator: bool,
    ) -> View {
        if points.is_empty() {
            return View {
                mercator,
                ..View::default()
            };
        }
        let mut view = View {
            lon: 0.0,
            lat: 0.0,
            zoom: 1.0,
            mercator,
        };
        // The blend depends on the zoom and the zoom on the blend: a few rounds settle it.
        for _ in 0..4 {
            let t = view.blend();
            let projected: Vec<(f64, f64)> = points
                .iter()
                .map(|&(lon, lat)| project(t, lon, lat))
                .collect();
            let (min_x, max_x) = min_max(projected.iter().map(|p| p.0));
            let (min_y, max_y) = min_max(projected.iter().map(|p| p.1));
            let usable_w = (frame.width - 2.0 * padding).max(10.0);
            let usable_h = (frame.height - 2.0 * padding).max(10.0);
            let span_x = (max_x - min_x).max(1e-9);
            let span_y = (max_y - min_y).max(1e-9);
            let scale = (usable_w / span_x).min(usable_h / span_y);
            let zoom = (scale / frame.base_scale()).clamp(MIN_ZOOM, max_zoom);
            let (lon, lat) = invert(t, (min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
            view = View {
                lon,
                lat,
                zoom,
                mercator,
            }
            .clamped();
        }
        view
    }
}

fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: Frame = Frame {
        width: 800.0,
        height: 500.0,
    };

    fn close(a: (f64, f64), b: (f64, f64), tolerance: f64) -> bool {
        (a.0 - b.0).abs() < tolerance && (a.1 - b.1).abs() < tolerance
    }

    #[test]
    fn equal_earth_matches_the_published_values() {
        // d3-geo's geoEqualEarthRaw(0, π/2) = (0, 1.3173627591574), times M·A1.
        let (_, y) = equal_earth(0.0, 90.0);
        assert!((y - 1.3173627591574 * M * A1).abs() < 1e-9);
        assert!(close(equal_earth(180.0, 0.0), (PI, 0.0), 1e-12));
    }

    #[test]
    fn mercator_is_square_at_its_latitude_limit() {
        assert!(close(mercator(180.0, MERCATOR_MAX_LAT), (PI, PI), 1e-9));
    }

    #[test]
    fn invert_undoes_project_across_the_blend() {
        for t in [0.0, 0.3, 0.7, 1.0] {
            for &(lon, lat) in &[
                (40.14, 35.336),
                (-77.1, 38.88),
                (12.48, 41.89),
                (170.0, -60.0),
            ] {
                let (x, y) = project(t, lon, lat);
                assert!(
                    close(invert(t, x, y), (lon, lat), 1e-7),
                    "t={t} {lon},{lat}"
                );
            }
        }
    }

    #[test]
    fn the_blend_is_smooth_and_bounded() {
        assert_eq!(blend_for_zoom(1.0), 0.0);
        assert_eq!(blend_for_zoom(BLEND_END_ZOOM + 1.0), 1.0);
        let mid = blend_for_zoom((BLEND_START_ZOOM + BLEND_END_ZOOM) / 2.0);
        assert!((mid - 0.5).abs() < 1e-12);
    }

    #[test]
    fn the_centre_lands_in_the_middle_of_the_frame() {
        let view = View {
            lon: 40.0,
            lat: 35.0,
            zoom: 3.3,
            mercator: false,
        };
        assert!(close(
            view.screen_point(FRAME, 40.0, 35.0),
            (400.0, 250.0),
            1e-6
        ));
        assert!(close(view.geo_at(FRAME, 400.0, 250.0), (40.0, 35.0), 1e-6));
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let view = View {
            lon: 20.0,
            lat: 30.0,
            zoom: 1.5,
            mercator: false,
        };
        let under = view.geo_at(FRAME, 600.0, 120.0);
        let zoomed = view.zoomed_at(FRAME, 600.0, 120.0, 2.0);
        assert!((zoomed.zoom - 3.0).abs() < 1e-12);
        assert!(close(
            zoomed.screen_point(FRAME, under.0, under.1),
            (600.0, 120.0),
            1e-3
        ));
    }

    #[test]
    fn panning_moves_the_content_with_the_pointer() {
        let view = View {
            lon: 20.0,
            lat: 30.0,
            zoom: 4.0,
            mercator: false,
        };
        let before = view.screen_point(FRAME, 25.0, 33.0);
        let panned = view.panned(FRAME, 50.0, -20.0);
        let after = panned.screen_point(FRAME, 25.0, 33.0);
        assert!(close(
            (after.0 - before.0, after.1 - before.1),
            (50.0, -20.0),
            1e-3
        ));
    }

    #[test]
    fn fit_shows_every_point_inside_the_padding() {
        let points = [(40.14, 35.34), (12.48, 41.89), (-77.1, 38.88)];
        let view = View::fit(FRAME, &points, 40.0, 12.0, false);
        for &(lon, lat) in &points {
            let (x, y) = view.screen_point(FRAME, lon, lat);
            assert!(
                (39.0..=761.0).contains(&x) && (39.0..=461.0).contains(&y),
                "{x},{y}"
            );
        }
        let single = View::fit(FRAME, &points[..1], 40.0, 12.0, false);
        assert_eq!(single.zoom, 12.0);
    }

    #[test]
    fn the_world_fills_the_frame_vertically_or_is_centred() {
        let tall = Frame {
            width: 460.0,
            height: 500.0,
        };
        let view = View {
            lon: 0.0,
            lat: 60.0,
            zoom: 2.3,
            mercator: false,
        }
        .constrained(tall);
        let (_, top) = view.screen_point(tall, 0.0, 90.0);
        assert!(top <= 1e-6, "the pole is at or above the top edge: {top}");
        let small = View {
            lon: 0.0,
            lat: 60.0,
            zoom: 1.0,
            mercator: false,
        }
        .constrained(tall);
        assert!(
            small.lat.abs() < 1e-6,
            "a world shorter than the frame is centred"
        );
    }
}
