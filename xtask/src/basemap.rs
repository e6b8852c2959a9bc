//! `cargo xtask build-basemap`: the app's offline base map, from Natural Earth via world-atlas.
//!
//! **Why a custom binary and not TopoJSON.** The app draws country shapes and names from
//! bytes compiled into the wasm (`include_bytes!`), so the data must be small and must decode
//! with a few lines of Rust and no JSON parser work at start-up. TopoJSON 110m is 108 KB of
//! JSON; the same shapes here are ~60 KB raw, ~45 KB gzip, and decode in well under a
//! millisecond.
//!
//! **Sources.** The npm packages `world-atlas@2.0.2` (ISC; TopoJSON of Natural Earth's
//! public-domain admin-0 countries at 1:110m and 1:50m) and `world-countries` (ODbL; its
//! `ccn3 -> cca2` table and English common names), fetched by name and version with
//! `npm pack` into `target/basemap-src/` and unpacked with `tar`.
//!
//! **Approach.** Each TopoJSON arc is decoded (quantised deltas -> degrees), simplified
//! (Douglas–Peucker, per arc so that neighbours keep sharing the same border line), then
//! each country's rings are stitched from its arcs and snapped to a grid of 10^-grid degrees.
//! A label point is found per country: on the largest ring, the middle of the widest
//! horizontal chord through its area-weighted centroid's latitude, which always lies inside.
//!
//! **Format** (all integers little-endian):
//! ```text
//! magic    b"DLBM"
//! version  u8 = 1
//! grid     u8          coordinates are integers in units of 10^-grid degrees (2 => 0.01°)
//! count    u16         number of countries
//! country × count:
//!   ccn3     u16       ISO 3166-1 numeric, 0 when Natural Earth has none (N. Cyprus, ...)
//!   iso2     [u8; 2]   ISO 3166-1 alpha-2, b"  " when unknown
//!   name     u8 length + UTF-8 bytes (English common name)
//!   label    i16 lon, i16 lat (grid units)
//!   rings    u16
//!   ring × rings:
//!     points u16
//!     first  i16 lon, i16 lat (grid units, absolute)
//!     then   (points - 1) × (i16 dlon, i16 dlat): deltas from the previous point, except
//!            that dlon = -32768 (i16::MIN) escapes: dlat is ignored and an absolute
//!            (i16 lon, i16 lat) follows
//! ```
//! Rings are implicitly closed (the last point is not repeated). Outer rings and holes are
//! not told apart: the app fills with the even-odd rule. At a 0.01° grid every longitude
//! (±18000) fits an i16 and so does nearly every delta; the escape is for the few edges that
//! run along a map edge from -180° to 180° (Antarctica's pole line).
//!
//! **Cost.** Downloads two npm tarballs (~8 MB) once; the build itself takes a second.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::project_root;
use crate::setup::{run, step};

const WORLD_ATLAS: &str = "world-atlas@2.0.2";
const WORLD_COUNTRIES: &str = "world-countries@5.1.0";

/// Grid exponent: coordinates are stored in hundredths of a degree (~1.1 km).
const GRID: u8 = 2;

/// Douglas–Peucker tolerance in degrees per resolution: 110m is already coarse, 50m gets a
/// light pass that removes points closer than the grid can show anyway plus a little more.
fn tolerance(resolution: &str) -> f64 {
    match resolution {
        "50m" => 0.03,
        _ => 0.0,
    }
}

pub fn build(_args: &[String]) -> Result<()> {
    let root = project_root();
    let src = root.join("target/basemap-src");
    let atlas = fetch_package(&src, WORLD_ATLAS)?;
    let countries_pkg = fetch_package(&src, WORLD_COUNTRIES)?;
    let table = CountryTable::read(&countries_pkg.join("countries.json"))?;
    for resolution in ["110m", "50m"] {
        let topo_path = atlas.join(format!("countries-{resolution}.json"));
        let text = std::fs::read_to_string(&topo_path)
            .with_context(|| format!("reading {}", topo_path.display()))?;
        let topology: Value = serde_json::from_str(&text)?;
        let countries = decode_topology(&topology, &table, tolerance(resolution))?;
        let bytes = encode(&countries)?;
        let out = root.join(format!("assets/basemap-{resolution}.bin"));
        std::fs::write(&out, &bytes)?;
        let n_points: usize = countries
            .iter()
            .flat_map(|c| &c.rings)
            .map(|r| r.len())
            .sum();
        println!(
            "{}: {} countries, {} points, {} bytes ({} gzip)",
            out.display(),
            countries.len(),
            n_points,
            bytes.len(),
            gzip_len(&bytes)?
        );
    }
    Ok(())
}

/// `npm pack NAME@VERSION` into `dir`, unpacked with `tar`; returns the `package/` folder.
/// Skips both steps when the folder is already there.
fn fetch_package(dir: &Path, spec: &str) -> Result<PathBuf> {
    let folder = dir.join(spec.replace('@', "-"));
    let package = folder.join("package");
    if package.join("package.json").exists() {
        return Ok(package);
    }
    std::fs::create_dir_all(&folder)?;
    step(&format!("fetching {spec} (npm pack)"));
    let output = Command::new("npm")
        .args(["pack", spec, "--silent", "--pack-destination"])
        .arg(&folder)
        .output()
        .context("running npm pack")?;
    if !output.status.success() {
        bail!(
            "npm pack {spec} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let tarball = String::from_utf8_lossy(&output.stdout)
        .lines()
        .last()
        .map(|line| line.trim().to_string())
        .context("npm pack printed no file name")?;
    run(Command::new("tar")
        .arg("xzf")
        .arg(folder.join(&tarball))
        .arg("-C")
        .arg(&folder))?;
    Ok(package)
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

/// ISO numeric -> (alpha-2, English name), from world-countries.
struct CountryTable {
    by_ccn3: std::collections::HashMap<u16, (String, String)>,
    by_name: std::collections::HashMap<String, String>,
}

impl CountryTable {
    fn read(path: &Path) -> Result<CountryTable> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let rows: Vec<Value> = serde_json::from_str(&text)?;
        let mut by_ccn3 = std::collections::HashMap::new();
        let mut by_name = std::collections::HashMap::new();
        for row in rows {
            let cca2 = row["cca2"].as_str().unwrap_or_default().to_string();
            let name = row["name"]["common"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            by_name.insert(name.clone(), cca2.clone());
            if let Ok(ccn3) = row["ccn3"].as_str().unwrap_or_default().parse::<u16>() {
                by_ccn3.insert(ccn3, (cca2, name));
            }
        }
        Ok(CountryTable { by_ccn3, by_name })
    }
}

struct Country {
    ccn3: u16,
    iso2: String,
    name: String,
    label: (f64, f64),
    /// Rings in grid units, not closed, consecutive duplicates removed.
    rings: Vec<Vec<(i32, i32)>>,
}

fn decode_topology(topology: &Value, table: &CountryTable, tolerance: f64) -> Result<Vec<Country>> {
    let scale = &topology["transform"]["scale"];
    let translate = &topology["transform"]["translate"];
    let (sx, sy) = (
        scale[0].as_f64().context("scale")?,
        scale[1].as_f64().context("scale")?,
    );
    let (tx, ty) = (
        translate[0].as_f64().context("translate")?,
        translate[1].as_f64().context("translate")?,
    );
    let arcs: Vec<Vec<(f64, f64)>> = topology["arcs"]
        .as_array()
        .context("no arcs")?
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            let points: Vec<(f64, f64)> = arc
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| {
                    x += p[0].as_i64().unwrap_or(0);
                    y += p[1].as_i64().unwrap_or(0);
                    (x as f64 * sx + tx, y as f64 * sy + ty)
                })
                .collect();
            simplify(&points, tolerance)
        })
        .collect();
    let mut countries = Vec::new();
    for geometry in topology["objects"]["countries"]["geometries"]
        .as_array()
        .context("no countries")?
    {
        let polygons: Vec<&Value> = match geometry["type"].as_str() {
            Some("Polygon") => vec![&geometry["arcs"]],
            Some("MultiPolygon") => geometry["arcs"]
                .as_array()
                .map(|p| p.iter().collect())
                .unwrap_or_default(),
            _ => continue,
        };
        let mut rings_degrees: Vec<Vec<(f64, f64)>> = Vec::new();
        for polygon in polygons {
            for ring in polygon.as_array().into_iter().flatten() {
                let mut points: Vec<(f64, f64)> = Vec::new();
                for index in ring.as_array().into_iter().flatten() {
                    let index = index.as_i64().context("arc index")?;
                    // TopoJSON: a negative index ~i means arc i reversed.
                    let (arc_idx, reversed) = if index < 0 {
                        ((!index) as usize, true)
                    } else {
                        (index as usize, false)
                    };
                    let mut arc = arcs.get(arc_idx).context("arc out of range")?.clone();
                    if reversed {
                        arc.reverse();
                    }
                    // Successive arcs share their joining point.
                    let skip = usize::from(!points.is_empty());
                    points.extend(arc.into_iter().skip(skip));
                }
                rings_degrees.push(points);
            }
        }
        let name_ne = geometry["properties"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let ccn3 = geometry["id"]
            .as_str()
            .and_then(|id| id.parse::<u16>().ok())
            .unwrap_or(0);
        let (iso2, name) = match table.by_ccn3.get(&ccn3) {
            Some((iso2, name)) => (iso2.clone(), name.clone()),
            None => (
                table.by_name.get(&name_ne).cloned().unwrap_or_default(),
                name_ne.clone(),
            ),
        };
        let label = label_point(&rings_degrees);
        let unit = 10f64.powi(GRID as i32);
        let rings: Vec<Vec<(i32, i32)>> = rings_degrees
            .iter()
            .map(|ring| {
                let mut out: Vec<(i32, i32)> = Vec::with_capacity(ring.len());
                for &(lon, lat) in ring {
                    let point = ((lon * unit).round() as i32, (lat * unit).round() as i32);
                    if out.last() != Some(&point) {
                        out.push(point);
                    }
                }
                if out.len() > 1 && out.first() == out.last() {
                    out.pop();
                }
                out
            })
            .filter(|ring| ring.len() >= 3)
            .collect();
        if rings.is_empty() {
            continue;
        }
        countries.push(Country {
            ccn3,
            iso2,
            name,
            label,
            rings,
        });
    }
    Ok(countries)
}

fn encode(countries: &[Country]) -> Result<Vec<u8>> {
    let unit = 10f64.powi(GRID as i32);
    let mut out = Vec::new();
    out.extend_from_slice(b"DLBM");
    out.push(1);
    out.push(GRID);
    out.extend_from_slice(&u16::try_from(countries.len())?.to_le_bytes());
    let i16_of = |value: i32| -> Result<[u8; 2]> {
        Ok(i16::try_from(value)
            .with_context(|| format!("{value} does not fit an i16"))?
            .to_le_bytes())
    };
    for country in countries {
        out.extend_from_slice(&country.ccn3.to_le_bytes());
        let iso2 = country.iso2.as_bytes();
        out.extend_from_slice(if iso2.len() == 2 { iso2 } else { b"  " });
        let name = country.name.as_bytes();
        out.push(u8::try_from(name.len())?);
        out.extend_from_slice(name);
        out.extend_from_slice(&i16_of((country.label.0 * unit).round() as i32)?);
        out.extend_from_slice(&i16_of((country.label.1 * unit).round() as i32)?);
        out.extend_from_slice(&u16::try_from(country.rings.len())?.to_le_bytes());
        for ring in &country.rings {
            out.extend_from_slice(&u16::try_from(ring.len())?.to_le_bytes());
            let mut previous = (0, 0);
            for (idx, &point) in ring.iter().enumerate() {
                let delta = (point.0 - previous.0, point.1 - previous.1);
                let fits = |v: i32| v > i16::MIN as i32 && v <= i16::MAX as i32;
                if idx > 0 && !(fits(delta.0) && fits(delta.1)) {
                    out.extend_from_slice(&i16::MIN.to_le_bytes());
                    out.extend_from_slice(&0i16.to_le_bytes());
                }
                let (x, y) = if idx == 0 || !(fits(delta.0) && fits(delta.1)) {
                    point
                } else {
                    delta
                };
                out.extend_from_slice(&i16_of(x)?);
                out.extend_from_slice(&i16_of(y)?);
                previous = point;
            }
        }
    }
    Ok(out)
}

/// Douglas–Peucker on one open polyline in degrees; keeps both ends (arcs meet there).
fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if tolerance <= 0.0 || points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        let (ax, ay) = points[first];
        let (bx, by) = points[last];
        let (dx, dy) = (bx - ax, by - ay);
        let length = (dx * dx + dy * dy).sqrt();
        let mut farthest = (0.0, 0);
        for (idx, &(px, py)) in points.iter().enumerate().take(last).skip(first + 1) {
            let distance = if length == 0.0 {
                ((px - ax).powi(2) + (py - ay).powi(2)).sqrt()
            } else {
                ((px - ax) * dy - (py - ay) * dx).abs() / length
            };
            if distance > farthest.0 {
                farthest = (distance, idx);
            }
        }
        if farthest.0 > tolerance {
            keep[farthest.1] = true;
            stack.push((first, farthest.1));
            stack.push((farthest.1, last));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter(|(_, keep)| *keep)
        .map(|(point, _)| *point)
        .collect()
}

/// A point inside the country's largest ring: the middle of the widest horizontal chord at
/// the ring's centroid latitude (a centroid alone can fall outside a crescent-shaped country).
fn label_point(rings: &[Vec<(f64, f64)>]) -> (f64, f64) {
    let area = |ring: &Vec<(f64, f64)>| -> f64 {
        ring.iter()
            .zip(ring.iter().cycle().skip(1))
            .map(|(a, b)| a.0 * b.1 - b.0 * a.1)
            .sum::<f64>()
            / 2.0
    };
    let Some(largest) = rings
        .iter()
        .max_by(|a, b| area(a).abs().total_cmp(&area(b).abs()))
    else {
        return (0.0, 0.0);
    };
    let signed = area(largest);
    let centroid_lat = if signed.abs() < 1e-12 {
        largest.iter().map(|p| p.1).sum::<f64>() / largest.len().max(1) as f64
    } else {
        largest
            .iter()
            .zip(largest.iter().cycle().skip(1))
            .map(|(a, b)| (a.1 + b.1) * (a.0 * b.1 - b.0 * a.1))
            .sum::<f64>()
            / (6.0 * signed)
    };
    let mut crossings: Vec<f64> = Vec::new();
    for (a, b) in largest.iter().zip(largest.iter().cycle().skip(1)) {
        if (a.1 <= centroid_lat) != (b.1 <= centroid_lat) {
            let t = (centroid_lat - a.1) / (b.1 - a.1);
            crossings.push(a.0 + t * (b.0 - a.0));
        }
    }
    crossings.sort_by(f64::total_cmp);
    let widest = crossings
        .chunks_exact(2)
        .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])));
    match widest {
        Some(chord) => ((chord[0] + chord[1]) / 2.0, centroid_lat),
        None => largest[0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_point_of_a_square_is_its_centre() {
        let square = vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
        let (lon, lat) = label_point(&[square]);
        assert!((lon - 5.0).abs() < 1e-9 && (lat - 5.0).abs() < 1e-9);
    }

    #[test]
    fn simplify_drops_collinear_points_and_keeps_ends() {
        let line = vec![(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 5.0)];
        assert_eq!(
            simplify(&line, 0.01),
            vec![(0.0, 0.0), (2.0, 0.0), (3.0, 5.0)]
        );
    }
}
