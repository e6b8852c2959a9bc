//! What the story adds on top of the base map, as pure geometry: marker clusters, label
//! placement, and the engine's GeoJSON borders and regions as SVG paths.
//!
//! **Clusters.** Markers that would overlap at the current zoom are merged, greedily in
//! order of importance (mention count): each marker joins the first cluster whose head lies
//! within `distance` pixels, else starts its own. O(n²) over a story's few dozen places.
//!
//! **Labels.** Greedy placement by priority, as most newsroom map tools do: each label
//! tries four positions around its marker (right, left, above, below) and takes the first
//! one that overlaps neither a label already placed nor another marker; a label that fits
//! nowhere is left out (its marker still has its name on hover and in its aria-label).
//!
//! **Antimeridian.** Base map rings are already cut at ±180° by Natural Earth. Engine
//! geometries are not: a line or ring whose successive points jump by more than 180° of
//! longitude crosses the antimeridian and is cut there ([`split_line_at_antimeridian`],
//! [`split_ring_at_antimeridian`]) so that no stroke runs across the whole map.

/// A box in layer pixels: min x, min y, max x, max y.
pub type Rect = [f64; 4];

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// A marker as the clusterer sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    /// Higher goes first (mention count).
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Indices into the input, the heaviest first.
    pub members: Vec<usize>,
    /// Position of the heaviest member (the head).
    pub x: f64,
    pub y: f64,
}

pub fn cluster(points: &[Point], distance: f64) -> Vec<Cluster> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| {
        points[b]
            .weight
            .total_cmp(&points[a].weight)
            .then(a.cmp(&b))
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    for idx in order {
        let point = points[idx];
        let near = clusters
            .iter_mut()
            .find(|c| (c.x - point.x).hypot(c.y - point.y) < distance);
        match near {
            Some(cluster) => cluster.members.push(idx),
            None => clusters.push(Cluster {
                members: vec![idx],
                x: point.x,
                y: point.y,
            }),
        }
    }
    clusters
}

/// A label to place next to its anchor (a marker of radius `radius`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelRequest {
    pub x: f64,
    pub y: f64,
    pub radius: f64,
    pub width: f64,
    pub height: f64,
    pub priority: f64,
    /// Centred on the anchor (country names) instead of beside it.
    pub centred: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn as_svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Where a label went: the text's x and baseline y, and its `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelPlacement {
    pub x: f64,
    pub baseline: f64,
    pub anchor: Anchor,
}

/// Rough width of a label in pixels: there is no text measuring without the DOM, and an
/// average advance of 0.6 em is close enough (a little generous) for semibold sans names.
pub fn estimate_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * 0.6
}

/// Places labels greedily by priority; `obstacles` (marker boxes) must stay uncovered and
/// every label must lie inside `bounds` (the visible frame, so none is cut at an edge).
pub fn place_labels(
    requests: &[LabelRequest],
    obstacles: &[Rect],
    bounds: Rect,
) -> Vec<Option<LabelPlacement>> {
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|&a, &b| {
        requests[b]
            .priority
            .total_cmp(&requests[a].priority)
            .then(a.cmp(&b))
    });
    let mut taken: Vec<Rect> = Vec::new();
    let mut out = vec![None; requests.len()];
    for idx in order {
        let r = requests[idx];
        let gap = r.radius + 3.0;
        // (box, placement) candidates in order of preference.
        let candidates: Vec<(Rect, LabelPlacement)> = if r.centred {
            // On the anchor, else just below or above it (a country's name can move a
            // little to make room for a marker at its centre).
            [0.0, 1.4, -1.4]
                .iter()
                .map(|shift| {
                    let y = r.y + shift * r.height;
                    (
                        [
                            r.x - r.width / 2.0,
                            y - r.height / 2.0,
                            r.x + r.width / 2.0,
                            y + r.height / 2.0,
                        ],
                        LabelPlacement {
                            x: r.x,
                            baseline: y + r.height * 0.35,
                            anchor: Anchor::Middle,
                        },
                    )
                })
                .collect()
        } else {
            let middle = r.y + r.height * 0.35;
            vec![
                (
                    [
                        r.x + gap,
                        r.y - r.height / 2.0,
                        r.x + gap + r.width,
                        r.y + r.height / 2.0,
                    ],
                    LabelPlacement {
                        x: r.x + gap,
                        baseline: middle,
                        anchor: Anchor::Start,
                    },
                ),
                (
                    [
                        r.x - gap - r.width,
                        r.y - r.height / 2.0,
                        r.x - gap,
                        r.y + r.height / 2.0,
                    ],
                    LabelPlacement {
                        x: r.x - gap,
                        baseline: middle,
                        anchor: Anchor::End,
                    },
                ),
                (
                    [
                        r.x - r.width / 2.0,
                        r.y - gap - r.height,
                        r.x + r.width / 2.0,
                        r.y - gap,
                    ],
                    LabelPlacement {
                        x: r.x,
                        baseline: r.y - gap - r.height * 0.2,
                        anchor: Anchor::Middle,
                    },
                ),
                (
                    [
                        r.x - r.width / 2.0,
                        r.y + gap,
                        r.x + r.width / 2.0,
                        r.y + gap + r.height,
                    ],
                    LabelPlacement {
                        x: r.x,
                        baseline: r.y + gap + r.height * 0.8,
                        anchor: Anchor::Middle,
                    },
                ),
            ]
        };
        let own = [
            r.x - r.radius,
            r.y - r.radius,
            r.x + r.radius,
            r.y + r.radius,
        ];
        for (rect, placement) in candidates {
            let hits_marker = obstacles.iter().any(|o| *o != own && overlaps(o, &rect));
            let inside = rect[0] >= bounds[0]
                && rect[1] >= bounds[1]
                && rect[2] <= bounds[2]
                && rect[3] <= bounds[3];
            if inside && !hits_marker && !taken.iter().any(|t| overlaps(t, &rect)) {
                taken.push(rect);
                out[idx] = Some(placement);
                break;
            }
        }
    }
    out
}

/// Cuts a line (lon, lat) where it crosses ±180°, adding the crossing point on each side.
pub fn split_line_at_antimeridian(line: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut parts: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for &point in line {
        if let Some(&last) = current.last() {
            let (a, b): ((f64, f64), (f64, f64)) = (last, point);
            if (b.0 - a.0).abs() > 180.0 {
                // Unwrap b next to a, find the latitude where the segment meets the edge.
                let edge = if a.0 > 0.0 { 180.0 } else { -180.0 };
                let b_lon = if a.0 > 0.0 { b.0 + 360.0 } else { b.0 - 360.0 };
                let u = (edge - a.0) / (b_lon - a.0);
                let lat = a.1 + u * (b.1 - a.1);
                current.push((edge, lat));
                parts.push(std::mem::take(&mut current));
                current.push((-edge, lat));
            }
        }
        current.push(point);
    }
    if current.len() > 1 {
        parts.push(current);
    }
    parts.retain(|p| p.len() > 1);
    parts
}

/// Cuts a closed ring (lon, lat) at ±180° into rings that each stay on one side: the ring is
/// unwrapped to continuous longitudes, then clipped to each 360° band it reaches (a
/// half-plane clip, which is exact for any simple polygon) and shifted back.
pub fn split_ring_at_antimeridian(ring: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    if ring.len() < 3 {
        return Vec::new();
    }
    let mut unwrapped = Vec::with_capacity(ring.len());
    let mut offset = 0.0;
    for (idx, &(lon, lat)) in ring.iter().enumerate() {
        if idx > 0 {
            let previous = ring[idx - 1].0;
            if lon - previous > 180.0 {
                offset -= 360.0;
            } else if previous - lon > 180.0 {
                offset += 360.0;
            }
        }
        unwrapped.push((lon + offset, lat));
    }
    let (min_lon, max_lon) = unwrapped
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.0), hi.max(p.0))
        });
    if min_lon >= -180.0 && max_lon <= 180.0 {
        return vec![ring.to_vec()];
    }
    let mut out = Vec::new();
    let first_band = ((min_lon + 180.0) / 360.0).floor() as i32;
    let last_band = ((max_lon + 180.0) / 360.0).floor() as i32;
    for band in first_band..=last_band {
        let low = -180.0 + 360.0 * band as f64;
        let high = low + 360.0;
        let clipped = clip_half_plane(&unwrapped, low, true);
        let clipped = clip_half_plane(&clipped, high, false);
        if clipped.len() >= 3 {
            let shift = 360.0 * band as f64;
            out.push(
                clipped
                    .into_iter()
                    .map(|(lon, lat)| (lon - shift, lat))
                    .collect(),
            );
        }
    }
    out
}

/// Sutherland–Hodgman against one vertical line: keeps lon >= edge (`keep_above`) or
/// lon <= edge.
fn clip_half_plane(ring: &[(f64, f64)], edge: f64, keep_above: bool) -> Vec<(f64, f64)> {
    let inside = |p: (f64, f64)| if keep_above { p.0 >= edge } else { p.0 <= edge };
    let mut out = Vec::new();
    for (idx, &current) in ring.iter().enumerate() {
        let previous = ring[(idx + ring.len() - 1) % ring.len()];
        let crossing = |a: (f64, f64), b: (f64, f64)| {
            let u = (edge - a.0) / (b.0 - a.0);
            (edge, a.1 + u * (b.1 - a.1))
        };
        match (inside(previous), inside(current)) {
            (true, true) => out.push(current),
            (true, false) => out.push(crossing(previous, current)),
            (false, true) => {
                out.push(crossing(previous, current));
                out.push(current);
            }
            (false, false) => {}
        }
    }
    out
}

/// The lines (LineString, MultiLineString) or rings (Polygon, MultiPolygon) of a GeoJSON
/// geometry, as (lon, lat) lists, and whether they are rings.
pub fn geojson_parts(geometry: &serde_json::Value) -> (Vec<Vec<(f64, f64)>>, bool) {
    let positions = |value: &serde_json::Value| -> Vec<(f64, f64)> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
            .collect()
    };
    let coordinates = &geometry["coordinates"];
    let list = |value: &serde_json::Value| -> Vec<Vec<(f64, f64)>> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .map(positions)
            .collect()
    };
    match geometry["type"].as_str() {
        Some("LineString") => (vec![positions(coordinates)], false),
        Some("MultiLineString") => (list(coordinates), false),
        Some("Polygon") => (list(coordinates), true),
        Some("MultiPolygon") => (
            coordinates
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(list)
                .collect(),
            true,
        ),
        _ => (Vec::new(), false),
    }
}

/// One OpenStreetMap raster tile and where it goes in layer pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub url: String,
    pub x: f64,
    pub y: f64,
    pub size: f64,
}

/// The Web Mercator tiles covering `visible` (layer pixels) at `scale` pixels per radian.
/// Valid only when the map is pure Mercator (blend 1), which the caller ensures. Tile
/// columns wrap around the antimeridian; rows beyond the poles are skipped.
pub fn osm_tiles(scale: f64, visible: Rect) -> Vec<Tile> {
    use std::f64::consts::PI;
    let world = 2.0 * PI * scale;
    let z = (world / 256.0).log2().round().clamp(0.0, 19.0) as i32;
    let n = 1i64 << z;
    let size = world / n as f64;
    let column = |x: f64| ((x / scale + PI) / (2.0 * PI) * n as f64).floor() as i64;
    let row = |y: f64| ((y / scale + PI) / (2.0 * PI) * n as f64).floor() as i64;
    let mut tiles = Vec::new();
    for ty in row(visible[1]).max(0)..=row(visible[3]).min(n - 1) {
        for tx in column(visible[0])..=column(visible[2]) {
            let wrapped = tx.rem_euclid(n);
            tiles.push(Tile {
                url: format!("https://tile.openstreetmap.org/{z}/{wrapped}/{ty}.png"),
                x: -PI * scale + tx as f64 * size,
                y: -PI * scale + ty as f64 * size,
                size,
            });
        }
    }
    tiles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearby_markers_join_the_heaviest() {
        let points = [
            Point {
                x: 0.0,
                y: 0.0,
                weight: 1.0,
            },
            Point {
                x: 5.0,
                y: 0.0,
                weight: 4.0,
            },
            Point {
                x: 100.0,
                y: 0.0,
                weight: 2.0,
            },
        ];
        let clusters = cluster(&points, 12.0);
        assert_eq!(clusters.len(), 2);
        assert_eq!(clusters[0].members, vec![1, 0]);
        assert_eq!((clusters[0].x, clusters[0].y), (5.0, 0.0));
        assert_eq!(clusters[1].members, vec![2]);
    }

    const EVERYWHERE: Rect = [-1e9, -1e9, 1e9, 1e9];

    #[test]
    fn a_label_at_the_right_edge_goes_left() {
        let placed = place_labels(&[request(0.0, 1.0)], &[], [-100.0, -50.0, 20.0, 50.0]);
        assert_eq!(placed[0].unwrap().anchor, Anchor::End);
    }

    fn request(x: f64, priority: f64) -> LabelRequest {
        LabelRequest {
            x,
            y: 0.0,
            radius: 4.0,
            width: 40.0,
            height: 12.0,
            priority,
            centred: false,
        }
    }

    #[test]
    fn labels_avoid_each_other_by_priority() {
        // Two markers 30 px apart: the important one takes the right, the other goes left.
        let requests = [request(0.0, 1.0), request(-30.0, 5.0)];
        let obstacles = [[-4.0, -4.0, 4.0, 4.0], [-34.0, -4.0, -26.0, 4.0]];
        let placed = place_labels(&requests, &obstacles, EVERYWHERE);
        let important = placed[1].unwrap();
        assert_eq!(important.anchor, Anchor::End);
        let other = placed[0].unwrap();
        assert_eq!(other.anchor, Anchor::Start);
    }

    #[test]
    fn a_label_with_no_room_is_dropped() {
        let requests = [request(0.0, 2.0), request(0.0, 1.0)];
        let placed = place_labels(&requests, &[], EVERYWHERE);
        let placed_count = placed.iter().filter(|p| p.is_some()).count();
        // Same anchor: four slots, the second label takes another slot.
        assert_eq!(placed_count, 2);
        let many: Vec<LabelRequest> = (0..6).map(|i| request(0.0, i as f64)).collect();
        assert_eq!(
            place_labels(&many, &[], EVERYWHERE)
                .iter()
                .filter(|p| p.is_some())
                .count(),
            4
        );
    }

    #[test]
    fn lines_are_cut_at_the_antimeridian() {
        let parts = split_line_at_antimeridian(&[(170.0, 0.0), (-170.0, 10.0), (-160.0, 10.0)]);
        assert_eq!(parts.len(), 2);
        assert_eq!(*parts[0].last().unwrap(), (180.0, 5.0));
        assert_eq!(parts[1][0], (-180.0, 5.0));
        assert_eq!(
            split_line_at_antimeridian(&[(0.0, 0.0), (10.0, 0.0)]).len(),
            1
        );
    }

    #[test]
    fn rings_are_cut_at_the_antimeridian() {
        let ring = [
            (170.0, -10.0),
            (-170.0, -10.0),
            (-170.0, 10.0),
            (170.0, 10.0),
        ];
        let parts = split_ring_at_antimeridian(&ring);
        assert_eq!(parts.len(), 2);
        for part in &parts {
            assert!(part.iter().all(|p| p.0.abs() <= 180.0));
            let (lo, hi) = part
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                    (lo.min(p.0), hi.max(p.0))
                });
            assert!(
                (hi - lo - 10.0).abs() < 1e-9,
                "each side is 10° wide: {part:?}"
            );
        }
        let plain = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(split_ring_at_antimeridian(&plain), vec![plain.to_vec()]);
    }

    #[test]
    fn geojson_lines_and_polygons() {
        let line =
            serde_json::json!({"type": "LineString", "coordinates": [[41.0, 34.0], [42.0, 35.5]]});
        assert_eq!(
            geojson_parts(&line),
            (vec![vec![(41.0, 34.0), (42.0, 35.5)]], false)
        );
        let polygon = serde_json::json!({"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1]]]]});
        let (rings, closed) = geojson_parts(&polygon);
        assert!(closed);
        assert_eq!(rings[0].len(), 3);
    }

    #[test]
    fn tiles_cover_the_view_and_wrap() {
        use std::f64::consts::PI;
        // One 256 px tile for the whole world at zoom 0.
        let scale = 256.0 / (2.0 * PI);
        let tiles = osm_tiles(scale, [-100.0, -100.0, 100.0, 100.0]);
        assert_eq!(tiles.len(), 1);
        assert_eq!(tiles[0].url, "https://tile.openstreetmap.org/0/0/0.png");
        assert!((tiles[0].x + 128.0).abs() < 1e-9 && (tiles[0].size - 256.0).abs() < 1e-9);
        // Zoom 1, a view straddling the antimeridian on the east: column 2 wraps to 0.
        let tiles = osm_tiles(2.0 * scale, [200.0, -10.0, 300.0, 10.0]);
        assert!(tiles.iter().any(|t| t.url.ends_with("/1/0/0.png")));
    }
}
