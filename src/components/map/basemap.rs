//! The base map: decoding `assets/basemap-*.bin` and turning it into SVG path strings.
//!
//! The format is documented in `xtask/src/basemap.rs` (which writes it): per country its ISO
//! codes, English name, a label point and rings of quantised, delta-encoded coordinates.
//!
//! **Why points are projected at decode time.** The map draws with a blend of Equal Earth and
//! Web Mercator whose weight depends on the zoom (see `projection.rs`). The two expensive
//! parts, the trigonometry of each projection, do not depend on the zoom, so [`BaseMap`]
//! keeps every point projected both ways; a redraw at a new zoom is then one multiply-add per
//! coordinate plus writing the path string, which is where the time goes. Path strings are
//! written by hand with one decimal (float formatting through `core::fmt` is several times
//! slower in wasm) and skip points closer than half a pixel to the last one written.

use super::projection::{equal_earth, mercator};

/// One country of the base map.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryShape {
    /// ISO 3166-1 numeric, 0 when unknown.
    pub ccn3: u16,
    /// ISO 3166-1 alpha-2, empty when unknown.
    pub iso2: String,
    pub name: String,
    /// Label point (lon, lat), inside the largest ring.
    pub label: (f64, f64),
    /// Indices into [`BaseMap::rings`].
    pub rings: std::ops::Range<usize>,
    /// Longitude/latitude box of the largest ring, to judge whether a label fits.
    pub main_box: [f64; 4],
}

#[derive(Debug, Clone, PartialEq)]
pub struct BaseMap {
    pub countries: Vec<CountryShape>,
    /// Point ranges into the point arrays, one per ring.
    pub rings: Vec<std::ops::Range<usize>>,
    pub lonlat: Vec<(f32, f32)>,
    pub equal_earth: Vec<(f32, f32)>,
    pub mercator: Vec<(f32, f32)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseMapError {
    BadMagic,
    UnsupportedVersion(u8),
    /// The bytes end in the middle of a record; `at` is the byte offset.
    Truncated {
        at: usize,
    },
    BadName {
        at: usize,
    },
}

impl std::fmt::Display for BaseMapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BaseMapError::BadMagic => write!(f, "not a dateline base map (magic)"),
            BaseMapError::UnsupportedVersion(v) => {
                write!(f, "base map version {v} is not supported")
            }
            BaseMapError::Truncated { at } => write!(f, "base map truncated at byte {at}"),
            BaseMapError::BadName { at } => write!(f, "base map name at byte {at} is not UTF-8"),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], BaseMapError> {
        let slice = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or(BaseMapError::Truncated { at: self.at })?;
        self.at += n;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8, BaseMapError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, BaseMapError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn i16(&mut self) -> Result<i16, BaseMapError> {
        let b = self.take(2)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }
}

impl BaseMap {
    pub fn decode(bytes: &[u8]) -> Result<BaseMap, BaseMapError> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(4)? != b"DLBM" {
            return Err(BaseMapError::BadMagic);
        }
        let version = reader.u8()?;
        if version != 1 {
            return Err(BaseMapError::UnsupportedVersion(version));
        }
        let unit = 10f64.powi(-(reader.u8()? as i32));
        let n_countries = reader.u16()? as usize;
        let mut map = BaseMap {
            countries: Vec::with_capacity(n_countries),
            rings: Vec::new(),
            lonlat: Vec::new(),
            equal_earth: Vec::new(),
            mercator: Vec::new(),
        };
        for _ in 0..n_countries {
            let ccn3 = reader.u16()?;
            let iso2 = String::from_utf8_lossy(reader.take(2)?).trim().to_string();
            let name_len = reader.u8()? as usize;
            let name_at = reader.at;
            let name = std::str::from_utf8(reader.take(name_len)?)
                .map_err(|_| BaseMapError::BadName { at: name_at })?
                .to_string();
            let label = (reader.i16()? as f64 * unit, reader.i16()? as f64 * unit);
            let n_rings = reader.u16()? as usize;
            let first_ring = map.rings.len();
            let mut main_box = [0.0; 4];
            let mut main_len = 0;
            for _ in 0..n_rings {
                let n_points = reader.u16()? as usize;
                let start = map.lonlat.len();
                let (mut x, mut y) = (0i32, 0i32);
                let mut ring_box = [
                    f64::INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NEG_INFINITY,
                ];
                for idx in 0..n_points {
                    let (a, b) = (reader.i16()?, reader.i16()?);
                    if idx == 0 {
                        (x, y) = (a as i32, b as i32);
                    } else if a == i16::MIN {
                        // Escape: an absolute point follows (a delta too large for an i16).
                        (x, y) = (reader.i16()? as i32, reader.i16()? as i32);
                    } else {
                        x += a as i32;
                        y += b as i32;
                    }
                    let (lon, lat) = (x as f64 * unit, y as f64 * unit);
                    ring_box = [
                        ring_box[0].min(lon),
                        ring_box[1].min(lat),
                        ring_box[2].max(lon),
                        ring_box[3].max(lat),
                    ];
                    map.lonlat.push((lon as f32, lat as f32));
                    let (ex, ey) = equal_earth(lon, lat);
                    map.equal_earth.push((ex as f32, ey as f32));
                    let (mx, my) = mercator(lon, lat);
                    map.mercator.push((mx as f32, my as f32));
                }
                if n_points > main_len {
                    main_len = n_points;
                    main_box = ring_box;
                }
                map.rings.push(start..map.lonlat.len());
            }
            map.countries.push(CountryShape {
                ccn3,
                iso2,
                name,
                label,
                rings: first_ring..map.rings.len(),
                main_box,
            });
        }
        Ok(map)
    }

    /// The country with this ISO alpha-2 code, if the map has it.
    pub fn country_by_iso2(&self, iso2: &str) -> Option<&CountryShape> {
        self.countries
            .iter()
            .find(|c| !c.iso2.is_empty() && c.iso2.eq_ignore_ascii_case(iso2))
    }

    /// One SVG path per country (same order as `countries`), in layer pixels: projected
    /// with blend `t`, times `scale`, y down. Rings whose box misses `cull` (layer pixels:
    /// min x, min y, max x, max y) are left out, which keeps deep zooms cheap.
    pub fn country_paths(&self, t: f64, scale: f64, cull: [f64; 4]) -> Vec<String> {
        let mut paths = Vec::with_capacity(self.countries.len());
        let mut projected: Vec<(f32, f32)> = Vec::new();
        let (t, s) = (t as f32, scale as f32);
        for country in &self.countries {
            let mut d = String::new();
            for ring in &self.rings[country.rings.clone()] {
                projected.clear();
                let mut bbox = [
                    f32::INFINITY,
                    f32::INFINITY,
                    f32::NEG_INFINITY,
                    f32::NEG_INFINITY,
                ];
                for idx in ring.clone() {
                    let (ex, ey) = self.equal_earth[idx];
                    let (mx, my) = self.mercator[idx];
                    let x = (ex + t * (mx - ex)) * s;
                    let y = -(ey + t * (my - ey)) * s;
                    bbox = [
                        bbox[0].min(x),
                        bbox[1].min(y),
                        bbox[2].max(x),
                        bbox[3].max(y),
                    ];
                    projected.push((x, y));
                }
                let outside = bbox[2] < cull[0] as f32
                    || bbox[0] > cull[2] as f32
                    || bbox[3] < cull[1] as f32
                    || bbox[1] > cull[3] as f32;
                // Rings smaller than a pixel vanish anyway: skip them.
                let tiny = bbox[2] - bbox[0] < 0.8 && bbox[3] - bbox[1] < 0.8;
                if outside || tiny {
                    continue;
                }
                push_ring(&mut d, &projected, 0.5);
            }
            paths.push(d);
        }
        paths
    }
}

/// Appends `M x y L x y ... Z` for a closed ring, dropping points within `min_step` pixels
/// of the last one written.
pub fn push_ring(d: &mut String, points: &[(f32, f32)], min_step: f32) {
    push_polyline(d, points, min_step);
    if points.len() > 2 {
        d.push('Z');
    }
}

/// Appends `M x y L x y ...` for an open line.
pub fn push_polyline(d: &mut String, points: &[(f32, f32)], min_step: f32) {
    let Some(&first) = points.first() else {
        return;
    };
    d.push('M');
    push_number(d, first.0);
    d.push(' ');
    push_number(d, first.1);
    let mut last = first;
    let n = points.len();
    for (idx, &point) in points.iter().enumerate().skip(1) {
        let is_last = idx + 1 == n;
        if !is_last && (point.0 - last.0).abs() < min_step && (point.1 - last.1).abs() < min_step {
            continue;
        }
        d.push('L');
        push_number(d, point.0);
        d.push(' ');
        push_number(d, point.1);
        last = point;
    }
}

/// Writes `value` with one decimal, without `core::fmt`'s float machinery.
pub fn push_number(d: &mut String, value: f32) {
    let tenths = (value * 10.0).round() as i64;
    let (negative, magnitude) = (tenths < 0, tenths.unsigned_abs());
    if negative {
        d.push('-');
    }
    let whole = magnitude / 10;
    let fraction = magnitude % 10;
    let mut digits = [0u8; 20];
    let mut n = 0;
    let mut rest = whole;
    loop {
        digits[n] = b'0' + (rest % 10) as u8;
        n += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in digits[..n].iter().rev() {
        d.push(digit as char);
    }
    if fraction != 0 {
        d.push('.');
        d.push((b'0' + fraction as u8) as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-country map: a square around (10..20, 0..10), in the binary format.
    fn tiny_map() -> Vec<u8> {
        let mut bytes = b"DLBM".to_vec();
        bytes.extend([1, 2]);
        bytes.extend(1u16.to_le_bytes());
        bytes.extend(4u16.to_le_bytes()); // ccn3
        bytes.extend(b"AF");
        bytes.push(11);
        bytes.extend(b"Afghanistan");
        bytes.extend(1500i16.to_le_bytes());
        bytes.extend(500i16.to_le_bytes());
        bytes.extend(1u16.to_le_bytes()); // one ring
        bytes.extend(5u16.to_le_bytes()); // five points, one of them escaped
        for v in [
            1000i16,
            0,
            1000,
            0,
            0,
            1000,
            i16::MIN,
            0,
            1000,
            1000,
            -1000,
            0,
        ] {
            bytes.extend(v.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn decodes_names_labels_and_delta_rings() {
        let map = BaseMap::decode(&tiny_map()).unwrap();
        let country = &map.countries[0];
        assert_eq!(
            (country.ccn3, country.iso2.as_str(), country.name.as_str()),
            (4, "AF", "Afghanistan")
        );
        assert_eq!(country.label, (15.0, 5.0));
        assert_eq!(
            map.lonlat,
            vec![
                (10.0, 0.0),
                (20.0, 0.0),
                (20.0, 10.0),
                (10.0, 10.0),
                (0.0, 10.0)
            ]
        );
        assert_eq!(country.main_box, [0.0, 0.0, 20.0, 10.0]);
        assert_eq!(map.country_by_iso2("af").map(|c| c.ccn3), Some(4));
    }

    #[test]
    fn rejects_foreign_and_truncated_bytes() {
        assert_eq!(BaseMap::decode(b"GIF89a"), Err(BaseMapError::BadMagic));
        let bytes = tiny_map();
        assert!(matches!(
            BaseMap::decode(&bytes[..bytes.len() - 3]),
            Err(BaseMapError::Truncated { .. })
        ));
    }

    #[test]
    fn the_embedded_world_decodes() {
        let map = BaseMap::decode(include_bytes!("../../../assets/basemap-110m.bin")).unwrap();
        assert!(map.countries.len() > 150);
        let syria = map.country_by_iso2("SY").unwrap();
        assert_eq!(syria.name, "Syria");
        assert!((35.0..43.0).contains(&syria.label.0) && (32.0..38.0).contains(&syria.label.1));
        assert!(map
            .lonlat
            .iter()
            .all(|p| p.0.abs() <= 180.0 && p.1.abs() <= 90.0));
    }

    #[test]
    fn paths_are_written_with_one_decimal_and_culled() {
        let map = BaseMap::decode(&tiny_map()).unwrap();
        let all = map.country_paths(1.0, 100.0, [-1e9, -1e9, 1e9, 1e9]);
        assert!(
            all[0].starts_with("M17.5 -0L") || all[0].starts_with("M17.5 0L"),
            "{}",
            all[0]
        );
        assert!(all[0].ends_with('Z'));
        let none = map.country_paths(1.0, 100.0, [1000.0, 1000.0, 2000.0, 2000.0]);
        assert_eq!(none[0], "");
    }

    #[test]
    fn numbers_round_to_tenths() {
        let mut d = String::new();
        for v in [0.0, -3.25, 12.04, 1234.56] {
            push_number(&mut d, v);
            d.push(',');
        }
        assert_eq!(d, "0,-3.3,12,1234.6,");
    }
}
