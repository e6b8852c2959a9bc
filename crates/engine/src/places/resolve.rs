//! Place resolution in context: from entity spans to [`Place`]s with confidences.
//!
//! 1. **Items.** Each entity span becomes at most one item: a *place* (LOC spans, ORG
//!    spans that are exactly a country's name, MISC or ORG names that are wholly a region
//!    or sea, "Korean Peninsula"), a *link* (MISC demonyms "Iraqi", hyphen compounds
//!    "Iran-backed", organisations named after a country "Syrian Observatory", "EU"), or a
//!    *composite*: "the Iraq–Syria border" (a border line between two countries) and
//!    "eastern Syria" (a region shifted into that part of the country). Two exceptions
//!    make two items of one name, each with its own mention, as geoparsing corpora count
//!    them: "City, ST" ("Arlington" and "Va.") and hyphen pairs of countries
//!    ("Syrian-Turkish"). Known metonyms with no place behind them ("the Hill", "the
//!    Kremlin") become nothing. The recogniser's slips are mended where the gazetteer is
//!    sure: a name cut short takes back its first words ("Bowling" + "Green"), a one-word
//!    "person" that is a sizeable town of a country the article names is the town, and
//!    capitalised names the recogniser missed are proposed when the gazetteer knows them
//!    as countries or capitals (or as "Turkish-backed" compounds).
//! 2. **Candidates** come from the gazetteer's forgiving lookup; skeleton matches only for
//!    capitalised names without an exact match.
//!    Skeleton matches must be about as long as the name and start alike ("County" is not
//!    "Shantou"); "Enugu State" falls back to the division "Enugu".
//! 3. **Ranking** adds to each candidate's prior (population, kind) the document's context:
//!    the countries it names, "City, ST" and "City, Country" pairs ("Arlington, Va."), and,
//!    in a second pass, closeness to the other places resolved. News conventions on top:
//!    a bare name that is also an ocean, sea, region or continent ("Atlantic", "the West",
//!    "Gulf") is not a small town or a faraway province; "Washington state" and a division
//!    named among three or more of its country's divisions is the division; a dateline
//!    ("WASHINGTON (AP) -") is a city. A softmax over the scores gives the confidence; the
//!    runners-up become the place's alternatives.
//! 4. **Literalness**: a place named as a speaker ("Washington said"), a modifier ("U.S.
//!    troops", "US Forces", "U.S. and coalition forces"), a possessor ("Iran's") or the one
//!    spoken to ("accused the United States of") is not the scene of anything; links never
//!    are.
//!
//! Cost: one gazetteer lookup per name (about a microsecond), then work linear in the
//! number of items times their candidates: span lookups go through a start-ordered index
//! and merged coverage ranges (binary search), person names through a hash set, and
//! coherence compares each distinct candidate list with at most
//! `MAX_COHERENCE_ANCHORS` distinct places. A 1 MB paste resolves in ~0.1–0.2 s.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::gazetteer::{prominence, Candidate, NameType, Record, RecordKind};
use super::normalize_name::{exact_key, exact_key_into};
use super::{Gazetteer, ResolvedPlaces};
use crate::document::{
    numbered_id, push_decimal, Alternative, Mention, MentionKind, Place, PlaceKind,
};
use crate::entities::{EntityLabel, EntitySpan};
use crate::segment::with_lowercase;
use crate::Context;

/// Names that stand for an institution, never for a place on the map.
const INSTITUTION_METONYMS: &[&str] = &[
    "hill",
    "capitol hill",
    "kremlin",
    "white house",
    "pentagon",
    "downing street",
    "whitehall",
    "elysee",
    "foggy bottom",
    "wall street",
    "blue house",
    "quai d orsay",
    "zhongnanhai",
    "vatican city",
];

/// Abbreviations of unions of countries, which news uses as often as their members' names,
/// and the continent each belongs to: "EU workers", "the EU said". The spelled-out names
/// need no entry ("European Union" links through the demonym "European").
const UNION_ABBREVIATIONS: &[(&str, &str)] = &[("EU", "Europe"), ("E.U.", "Europe")];

/// Words after a division's name that are not part of it in the gazetteer.
const DIVISION_WORDS: &[&str] = &[" State", " Province", " Governorate", " Region", " Oblast"];

/// Suffixes of hyphen compounds that associate with a place without being one.
const COMPOUND_SUFFIXES: &[&str] = &[
    "backed",
    "led",
    "based",
    "born",
    "linked",
    "allied",
    "supported",
    "funded",
    "made",
    "owned",
    "run",
    "controlled",
    "held",
    "bound",
    "sponsored",
    "aligned",
    "friendly",
];

const DIRECTIONS: &[(&str, f64, f64)] = &[
    ("northern", 1.0, 0.0),
    ("southern", -1.0, 0.0),
    ("eastern", 0.0, 1.0),
    ("western", 0.0, -1.0),
    ("northeastern", 0.7, 0.7),
    ("northwestern", 0.7, -0.7),
    ("southeastern", -0.7, 0.7),
    ("southwestern", -0.7, -0.7),
    ("north-eastern", 0.7, 0.7),
    ("north-western", 0.7, -0.7),
    ("south-eastern", -0.7, 0.7),
    ("south-western", -0.7, -0.7),
    ("central", 0.0, 0.0),
];

/// Verbs that make the name before them an agent: "Washington said", "Iran warned".
const AGENT_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "announces",
    "accused",
    "accuses",
    "warned",
    "warns",
    "condemned",
    "condemns",
    "denied",
    "denies",
    "claimed",
    "claims",
    "insisted",
    "stated",
    "told",
    "wants",
    "wanted",
    "urged",
    "urges",
    "demanded",
    "rejected",
    "rejects",
    "agreed",
    "signed",
    "responded",
    "criticized",
    "criticised",
    "threatened",
    "vowed",
    "pledged",
    "refused",
    "believes",
    "hopes",
    "argued",
    "argues",
    "called",
    "calls",
    "sanctioned",
    "imposed",
    "voted",
    "decided",
    "declared",
    "blamed",
    "blames",
    "insists",
    "confirmed",
];

/// Words after a name that do not make it a modifier ("Syria was", "Iraq and").
const FUNCTION_WORDS: &[&str] = &[
    "in",
    "on",
    "at",
    "of",
    "and",
    "or",
    "to",
    "for",
    "from",
    "with",
    "by",
    "as",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "since",
    "after",
    "before",
    "until",
    "during",
    "when",
    "where",
    "while",
    "that",
    "which",
    "who",
    "but",
    "than",
    "into",
    "near",
    "over",
    "under",
    "last",
    "this",
    "next",
    "earlier",
    "later",
    "today",
    "yesterday",
    "tomorrow",
    "itself",
    "alone",
    "also",
    "too",
    "again",
    "instead",
    "because",
    "if",
    "so",
    "about",
    "against",
    "between",
    "did",
    "does",
    "do",
    "been",
    "be",
    "being",
    "not",
    "just",
    "only",
    "all",
    "both",
    "each",
    "per",
    "via",
    "through",
    "toward",
    "towards",
    "across",
    "around",
    "along",
    "within",
    "without",
    "like",
    "amid",
    "despite",
    "once",
    "there",
    "here",
    "now",
    "then",
    "late",
    "early",
];

const LOCATIVE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "into",
    "across",
    "inside",
    "outside",
    "around",
    "throughout",
    "toward",
    "towards",
    "to",
    "through",
    "off",
    "outside",
    "via",
    "visiting",
    "visited",
];

/// At most this many distinct places pull the others towards them (coherence): enough for
/// any article, and a bound on the work for a pasted book.
const MAX_COHERENCE_ANCHORS: usize = 200;

/// A candidate record with its score.
#[derive(Debug, Clone)]
struct Scored {
    record: u32,
    score: f64,
}

#[derive(Debug, Clone)]
enum ItemKind<'g> {
    /// A name that is a place (literal or not).
    Place,
    /// A name associated with a place (demonym, compound, organisation).
    Link,
    /// "the X–Y border".
    Border {
        country_a: &'g str,
        country_b: &'g str,
    },
    /// "eastern X": direction (north, east) unit vector.
    Region { north: f64, east: f64, word: String },
}

/// The entity spans an item stands for, in order: nearly always one, kept without an
/// allocation.
#[derive(Debug, Clone, Default)]
struct Spans {
    first: Option<usize>,
    /// The others, after `first` (empty while `first` is `None`).
    rest: Vec<usize>,
}

impl Spans {
    fn one(idx: usize) -> Spans {
        Spans {
            first: Some(idx),
            rest: Vec::new(),
        }
    }

    fn push(&mut self, idx: usize) {
        if self.first.is_none() {
            self.first = Some(idx);
        } else {
            self.rest.push(idx);
        }
    }

    fn clear(&mut self) {
        self.first = None;
        self.rest.clear();
    }

    fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.first.into_iter().chain(self.rest.iter().copied())
    }
}

impl FromIterator<usize> for Spans {
    fn from_iter<I: IntoIterator<Item = usize>>(indices: I) -> Spans {
        let mut spans = Spans::default();
        for idx in indices {
            spans.push(idx);
        }
        spans
    }
}

#[derive(Debug, Clone)]
struct Item<'g> {
    start: usize,
    end: usize,
    /// Entity spans this item stands for (the first one, plus any it absorbed).
    spans: Spans,
    kind: ItemKind<'g>,
    candidates: Vec<Scored>,
    literal: bool,
    /// Admin-1 or country named right after: "Arlington, Va.", "Rome, Italy".
    qualifier: Option<Qualifier<'g>>,
    /// A link that makes its own mention although it stands for an entity span: one half
    /// of a hyphen pair ("Syrian-Turkish"), whose span no other stage should mention whole,
    /// or a location span that is only a link ("Pakistan Army"), which actors leave alone.
    owns_mention: bool,
}

/// The word (letters, digits, dots, hyphens) that starts at byte `at` after spaces.
fn next_word(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = text.get(at..)?;
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let start = at + (rest.len() - trimmed.len());
    let len = trimmed
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.' || *c == '-' || *c == '\'' || *c == '’'))
        .map(|(i, _)| i)
        .unwrap_or(trimmed.len());
    if len == 0 {
        None
    } else {
        Some((start, start + len))
    }
}

/// The word that ends just before byte `at` (after skipping spaces).
fn previous_word(text: &str, at: usize) -> Option<(usize, usize)> {
    let before = text.get(..at)?;
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    if start == end {
        None
    } else {
        Some((start, end))
    }
}

fn is_capitalised(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// The division or country named after a place ("Arlington, Va.").
#[derive(Debug, Clone)]
struct Qualifier<'g> {
    record: u32,
    kind: RecordKind,
    country: &'g str,
    admin1: &'g str,
}

pub fn resolve(
    gazetteer: Option<&Gazetteer>,
    context: &Context,
    entities: &[EntitySpan],
) -> ResolvedPlaces {
    let mut out = ResolvedPlaces {
        entity_places: vec![None; entities.len()],
        is_place_mention: vec![false; entities.len()],
        ..ResolvedPlaces::default()
    };
    let Some(gazetteer) = gazetteer else {
        return out;
    };
    let gazetteer = &Lookups::new(gazetteer, context.text, entities.len());
    let text = context.text;
    let mut items = collect_items(gazetteer, context, entities);
    items.extend(propose_missed(gazetteer, context, entities, &items));
    items.sort_by_key(|item| item.start);
    rank(gazetteer, text, &mut items);
    build_places(gazetteer, text, &items, &mut out);
    out
}

/// The gazetteer with a memo of one article's name lookups. Resolution asks for the same
/// names again and again (the seed article: 357 lookups of 95 names), and each lookup walks
/// the fst and decodes its postings.
struct Lookups<'g, 't> {
    gazetteer: &'g Gazetteer,
    /// The article's text: the names looked up are nearly all slices of it.
    text: &'t str,
    /// By name (borrowed from the text when a slice of it): its lookups ([`NameMemo`]).
    memo: RefCell<FxHashMap<Cow<'t, str>, NameMemo>>,
    /// Decoded records by id (the seed article decodes 250 records of 60 places).
    records: RefCell<FxHashMap<u32, Option<Record<'g>>>>,
    /// The empty list.
    empty: Candidates,
    /// A list and a name key to look up in, reused from name to name.
    scratch: RefCell<Vec<Candidate>>,
    key: RefCell<String>,
}

/// A list of candidates shared between the memo and its callers: a repeated lookup costs a
/// reference count, not a copy of the list.
type Candidates = Rc<[Candidate]>;

/// One name's remembered lookups by [`Slot`].
type NameMemo = [Option<Candidates>; 4];

/// Which of a name's lookups: [`Gazetteer::lookup_with`] or [`place_candidates`], each
/// without and with the skeleton fallback.
#[derive(Clone, Copy)]
enum Slot {
    Lookup = 0,
    LookupSkeleton = 1,
    Places = 2,
    PlacesSkeleton = 3,
}

impl<'g, 't> Lookups<'g, 't> {
    /// A memo for the names of `text`, sized for an article of `n_spans` entity spans so
    /// that it seldom grows: about one name and three records looked up per span (the seed
    /// article: 75 spans, about 100 names and 250 records).
    fn new(gazetteer: &'g Gazetteer, text: &'t str, n_spans: usize) -> Lookups<'g, 't> {
        Lookups {
            gazetteer,
            text,
            memo: RefCell::new(FxHashMap::with_capacity_and_hasher(
                2 * n_spans,
                Default::default(),
            )),
            records: RefCell::new(FxHashMap::with_capacity_and_hasher(
                4 * n_spans,
                Default::default(),
            )),
            empty: Rc::new([]),
            scratch: RefCell::default(),
            key: RefCell::default(),
        }
    }

    /// The remembered answer in `name`'s `slot`, or else `compute`'s, remembered. The memo
    /// is not borrowed while `compute` runs (it may look up names itself).
    fn remembered(
        &self,
        name: &str,
        slot: Slot,
        compute: impl FnOnce(&mut Vec<Candidate>),
    ) -> Candidates {
        let slot = slot as usize;
        if let Some(candidates) = self
            .memo
            .borrow()
            .get(name)
            .and_then(|memo| memo[slot].as_ref())
        {
            return Rc::clone(candidates);
        }
        // Computed in the reused list (a lookup nested in `compute` takes a new one).
        let mut list = self.scratch.take();
        list.clear();
        compute(&mut list);
        // The empty list is shared: most names looked up are no place at all.
        let candidates = if list.is_empty() {
            Rc::clone(&self.empty)
        } else {
            Candidates::from(list.as_slice())
        };
        self.scratch.replace(list);
        let mut memo = self.memo.borrow_mut();
        let entry = match memo.get_mut(name) {
            Some(entry) => entry,
            None => memo.entry(self.key_of(name)).or_default(),
        };
        entry[slot] = Some(Rc::clone(&candidates));
        candidates
    }

    /// `name` as a memo key: the same slice of the text when it is one, else a copy. A slice
    /// lies in the text's bytes, and no other string can lie there.
    fn key_of(&self, name: &str) -> Cow<'t, str> {
        let in_text = (name.as_ptr() as usize)
            .checked_sub(self.text.as_ptr() as usize)
            .and_then(|offset| self.text.get(offset..offset.checked_add(name.len())?))
            .filter(|slice| slice.as_ptr() == name.as_ptr());
        match in_text {
            Some(slice) => Cow::Borrowed(slice),
            None => Cow::Owned(name.to_string()),
        }
    }

    /// [`Gazetteer::lookup_with`], remembered.
    fn lookup_with(&self, name: &str, allow_skeleton: bool) -> Candidates {
        let slot = if allow_skeleton {
            Slot::LookupSkeleton
        } else {
            Slot::Lookup
        };
        self.remembered(name, slot, |list| {
            let mut key = self.key.take();
            self.gazetteer
                .lookup_into(name, allow_skeleton, &mut key, list);
            self.key.replace(key);
        })
    }

    /// [`Gazetteer::record`], remembered.
    fn record(&self, id: u32) -> Option<Record<'g>> {
        self.records
            .borrow_mut()
            .entry(id)
            .or_insert_with(|| self.gazetteer.record(id))
            .clone()
    }
}

impl Deref for Lookups<'_, '_> {
    type Target = Gazetteer;

    fn deref(&self) -> &Gazetteer {
        self.gazetteer
    }
}

/// The records `name` may be the place name of (no demonyms or abbreviations, skeleton
/// matches only of about the same length), remembered.
fn place_candidates(gazetteer: &Lookups, name: &str, allow_skeleton: bool) -> Candidates {
    let slot = if allow_skeleton {
        Slot::PlacesSkeleton
    } else {
        Slot::Places
    };
    gazetteer.remembered(name, slot, |list| {
        list.extend(
            gazetteer
                .lookup_with(name, allow_skeleton)
                .iter()
                .filter(|c| !matches!(c.name_type, NameType::Demonym | NameType::Abbreviation))
                .filter(|c| !c.skeleton || similar_length(gazetteer, c.record, name))
                .copied(),
        )
    })
}

/// Whether a skeleton match is about as long as the name looked up: consonant skeletons
/// of long names collide with short ones ("Saint Croix County" with "Shantou", "Miami-Dade
/// County" with "Guangzhou"), while real transliterations ("Deir Ezzour", "Deir ez-Zor")
/// differ by a letter or two.
fn similar_length(gazetteer: &Lookups, record: u32, name: &str) -> bool {
    let letters = |text: &str| text.chars().filter(|c| c.is_alphabetic()).count();
    let Some(record) = gazetteer.record(record) else {
        return false;
    };
    let (a, b) = (letters(name), letters(record.name));
    // And starts alike: "County" is not "Shantou", "Singh" not "Shanghai".
    let first_sound = |text: &str| {
        // Arabic names often carry the article in the gazetteer ("Al Qamishli").
        let key = exact_key(text).unwrap_or_default();
        let key = ["al ", "el ", "al-", "el-"]
            .iter()
            .find_map(|article| key.strip_prefix(article))
            .unwrap_or(&key);
        let first = key.chars().next();
        match first {
            Some('k' | 'q') => Some('c'),
            Some('e' | 'i' | 'o' | 'u') => Some('a'),
            Some('y') => Some('j'),
            other => other,
        }
    };
    a.abs_diff(b) <= 2.max(a.max(b) / 5) && first_sound(name) == first_sound(record.name)
}

fn to_scored<'c>(candidates: impl IntoIterator<Item = &'c Candidate>) -> Vec<Scored> {
    let candidates = candidates.into_iter();
    // Sized once for all of them (at most the candidates' number: the lists are short).
    let mut scored: Vec<Scored> = Vec::with_capacity(candidates.size_hint().1.unwrap_or(0));
    for candidate in candidates {
        if scored.iter().any(|s| s.record == candidate.record) {
            continue;
        }
        let bonus = match (candidate.name_type, candidate.skeleton) {
            (_, true) => -1.0,
            (NameType::Primary, false) => 0.5,
            _ => 0.0,
        };
        scored.push(Scored {
            record: candidate.record,
            score: bonus,
        });
    }
    scored
}

/// Country-level records a name associates with: its demonym, or a country's own name.
fn country_link(gazetteer: &Lookups, name: &str) -> Vec<Scored> {
    let found = gazetteer.lookup_with(name, false);
    to_scored(found.iter().filter(|c| {
        gazetteer.record(c.record).is_some_and(|r| {
            matches!(
                r.kind,
                RecordKind::Country | RecordKind::Continent | RecordKind::Region
            ) && (c.name_type == NameType::Demonym
                || r.kind == RecordKind::Country
                || r.kind == RecordKind::Continent)
        })
    }))
}

/// Whether [`demonym_link`] finds anything, without scoring it.
fn is_demonym(gazetteer: &Lookups, name: &str) -> bool {
    let demonym = |c: &Candidate| c.name_type == NameType::Demonym;
    gazetteer.lookup_with(name, false).iter().any(demonym)
        || name
            .strip_suffix('s')
            .is_some_and(|singular| gazetteer.lookup_with(singular, false).iter().any(demonym))
}

fn demonym_link(gazetteer: &Lookups, name: &str) -> Vec<Scored> {
    let is_demonym = |c: &&Candidate| c.name_type == NameType::Demonym;
    let found = gazetteer.lookup_with(name, false);
    if found.iter().any(|c| is_demonym(&c)) {
        return to_scored(found.iter().filter(is_demonym));
    }
    // "Iraqis" when only "Iraqi" is listed.
    match name.strip_suffix('s') {
        Some(singular) => to_scored(
            gazetteer
                .lookup_with(singular, false)
                .iter()
                .filter(is_demonym),
        ),
        None => Vec::new(),
    }
}

/// "Iran-backed" -> Iran; `None` when the text is no such compound.
fn compound_link(gazetteer: &Lookups, span_text: &str) -> Option<Vec<Scored>> {
    for word in span_text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let Some((head, suffix)) = word.rsplit_once('-') else {
            continue;
        };
        if COMPOUND_SUFFIXES.contains(&suffix.to_lowercase().as_str()) && is_capitalised(head) {
            let links = country_link(gazetteer, head);
            let links = if links.is_empty() {
                to_scored(place_candidates(gazetteer, head, false).iter())
            } else {
                links
            };
            if !links.is_empty() {
                return Some(links);
            }
        }
    }
    None
}

/// "EU" -> Europe: the continent a union of countries is named for ([`UNION_ABBREVIATIONS`]).
fn union_link(gazetteer: &Lookups, name: &str) -> Option<Vec<Scored>> {
    let (_, continent) = UNION_ABBREVIATIONS
        .iter()
        .find(|(abbreviation, _)| *abbreviation == name)?;
    let links = to_scored(gazetteer.lookup_with(continent, false).iter().filter(|c| {
        gazetteer
            .record(c.record)
            .is_some_and(|r| r.kind == RecordKind::Continent)
    }));
    (!links.is_empty()).then_some(links)
}

/// Country-level links of one half of a hyphen pair: a country's name or demonym.
fn country_level_link(gazetteer: &Lookups, name: &str) -> Option<Vec<Scored>> {
    let links = demonym_or_country_link(gazetteer, name, true);
    (!links.is_empty()).then_some(links)
}

/// The countries `name` is the demonym of, else (when `or_country`) the country it names.
fn demonym_or_country_link(gazetteer: &Lookups, name: &str, or_country: bool) -> Vec<Scored> {
    let links = demonym_link(gazetteer, name);
    if !links.is_empty() || !or_country {
        return links;
    }
    country_link(gazetteer, name)
        .into_iter()
        .filter(|s| {
            gazetteer
                .record(s.record)
                .is_some_and(|r| r.kind == RecordKind::Country)
        })
        .collect()
}

/// "Syrian-Turkish border", "DPRK-South Korea summit", "US/China talks": a hyphen pair of
/// two countries (by name or demonym) names both, one link each, with their own byte
/// ranges; so do two demonyms in a row ("Syrian Kurdish"). `None` when the span is no such pair, when it is a place's own name
/// ("Guinea-Bissau", "Timor-Leste"), or when it is "the X-Y border" of two countries' names,
/// which is one border line ([`border_item`]).
fn pair_links(
    gazetteer: &Lookups,
    text: &str,
    start: usize,
    end: usize,
) -> Option<[(usize, usize, Vec<Scored>); 2]> {
    let span_text = text.get(start..end)?;
    // Two demonyms side by side ("Syrian Kurdish") name two places as well; two names
    // side by side do not ("South Korea", "British Columbia").
    let demonym_pair = || {
        let (a, b) = span_text.split_once(' ')?;
        let both = !a.is_empty()
            && !b.contains(' ')
            && is_demonym(gazetteer, a)
            && is_demonym(gazetteer, b);
        both.then_some((a, b))
    };
    let (a, b) = split_pair(span_text).or_else(demonym_pair)?;
    if !place_candidates(gazetteer, span_text, false).is_empty() {
        return None;
    }
    let border_follows = next_word(text, end).is_some_and(|(ws, we)| {
        matches!(
            text[ws..we].to_lowercase().as_str(),
            "border" | "borders" | "frontier" | "boundary"
        )
    });
    if border_follows
        && country_of_name(gazetteer, a).is_some()
        && country_of_name(gazetteer, b).is_some()
    {
        return None;
    }
    let links_a = country_level_link(gazetteer, a)?;
    let links_b = country_level_link(gazetteer, b)?;
    // Both halves are slices of `span_text`: their offsets are pointer differences.
    let offset = |part: &str| part.as_ptr() as usize - span_text.as_ptr() as usize;
    let (a_start, b_start) = (start + offset(a), start + offset(b));
    Some([
        (a_start, a_start + a.len(), links_a),
        (b_start, b_start + b.len(), links_b),
    ])
}

/// A hyphen compound no entity span covers ("Turkish-backed", "Calgary-based"): its head
/// and the head's links when the head is a country, a demonym, a division or a sizeable
/// city (the recogniser tags such words often enough that only well-known heads are
/// trusted here).
fn missed_compound<'n>(gazetteer: &Lookups, word: &'n str) -> Option<(&'n str, Vec<Scored>)> {
    let (head, suffix) = word.rsplit_once('-')?;
    if !COMPOUND_SUFFIXES.contains(&suffix.to_lowercase().as_str())
        || !is_capitalised(head)
        || head.chars().count() < 4
    {
        return None;
    }
    if let Some(links) = country_level_link(gazetteer, head) {
        return Some((head, links));
    }
    let candidates = place_candidates(gazetteer, head, false);
    let strong = candidates.iter().any(|c| {
        gazetteer.record(c.record).is_some_and(|r| match r.kind {
            RecordKind::Admin1 => true,
            RecordKind::Capital | RecordKind::City => r.population >= 100_000,
            _ => false,
        })
    });
    strong.then(|| (head, to_scored(candidates.iter())))
}

/// "Arlington, Va.": an admin-1 division or country named right after a place.
/// Returns the qualifier and the byte range of its name.
fn qualifier_after<'g>(
    gazetteer: &Lookups<'g, '_>,
    text: &str,
    end: usize,
) -> Option<(Qualifier<'g>, usize, usize)> {
    let rest = text.get(end..)?;
    if !rest.starts_with(", ") {
        return None;
    }
    let (word_start, word_end) = next_word(text, end + 1)?;
    let mut word = &text[word_start..word_end];
    if !is_capitalised(word) {
        return None;
    }
    // Two-word states and countries: "N. Y.", "New Mexico", "South Korea".
    let mut stop = word_end;
    let mut candidates = gazetteer.lookup_with(word, false);
    if let Some((second_start, second_end)) = next_word(text, word_end) {
        let second = &text[second_start..second_end];
        if is_capitalised(second) && text[word_end..second_start].trim().is_empty() {
            let pair = &text[word_start..second_end];
            let pair_candidates = gazetteer.lookup_with(pair, false);
            if !pair_candidates.is_empty() {
                candidates = pair_candidates;
                stop = second_end;
                word = pair;
            }
        }
    }
    let _ = word;
    let best = candidates
        .iter()
        .filter(|c| c.name_type != NameType::Demonym)
        .filter_map(|c| gazetteer.record(c.record))
        .filter(|r| matches!(r.kind, RecordKind::Admin1 | RecordKind::Country))
        .max_by(|a, b| {
            let rank = |r: &Record| if r.kind == RecordKind::Country { 1 } else { 2 };
            rank(a).cmp(&rank(b))
        })?;
    let qualifier = Qualifier {
        record: best.id,
        kind: best.kind,
        country: best.country,
        admin1: best.admin1,
    };
    // A trailing full stop belongs to the abbreviation ("Va."), which the word includes.
    Some((qualifier, word_start, stop))
}

/// The start of a longer place name that ends with the span `start..end`: "Democratic
/// People's" + "Republic of Korea", "Bowling" + "Green" when the recogniser cut the name
/// short. Up to three capitalised words right before the span (one space apart, no
/// punctuation) are tried, the longest exact gazetteer name wins. For a span the
/// recogniser called a person, the longer name must be a country, a division or a town of
/// 10,000 or more ("San Francisco", not a namesake hamlet of "John Smith").
fn place_name_before(
    gazetteer: &Lookups,
    text: &str,
    start: usize,
    end: usize,
    was_person: bool,
) -> Option<usize> {
    let mut word_start = start;
    let mut best = None;
    for _ in 0..3 {
        let before = text.get(..word_start)?.strip_suffix(' ')?;
        let from = before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[from..];
        // "The Atlantic": the article is not part of the name, even when the gazetteer's
        // forgiving keys would let it be.
        if word == "The" {
            break;
        }
        let punctuated = word.ends_with(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'));
        if !is_capitalised(word) || punctuated || word.ends_with("'s") || word.ends_with("’s") {
            // "GM’s Bowling Green": a possessive ends the name... unless it is the name's
            // own ("People's"), which the next words decide.
            if !(word == "People's" || word == "People’s") {
                break;
            }
        }
        word_start = from;
        let name = &text[word_start..end];
        let found = place_candidates(gazetteer, name, false).iter().any(|c| {
            gazetteer.record(c.record).is_some_and(|r| {
                !was_person
                    || match r.kind {
                        RecordKind::Country | RecordKind::Admin1 => true,
                        RecordKind::City | RecordKind::Capital => r.population >= 10_000,
                        _ => false,
                    }
            })
        });
        if found {
            best = Some(word_start);
        }
    }
    best
}

/// Entity spans ordered by start, so that "the spans starting in this range" costs a
/// binary search instead of a scan over every span (which made long pastes quadratic).
struct EntityStarts {
    /// (start, entity index), sorted.
    order: Vec<(usize, usize)>,
}

impl EntityStarts {
    fn new(entities: &[EntitySpan]) -> EntityStarts {
        let mut order: Vec<(usize, usize)> = entities
            .iter()
            .enumerate()
            .map(|(idx, span)| (span.start, idx))
            .collect();
        order.sort_unstable();
        EntityStarts { order }
    }

    /// Indices of the spans whose start lies in `from..to`, in text order.
    fn starting_in(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self.order.partition_point(|(start, _)| *start < from);
        self.order[first..]
            .iter()
            .take_while(move |(start, _)| *start < to)
            .map(|(_, idx)| *idx)
    }
}

/// A set of byte ranges, merged and sorted, answering "does anything overlap this range"
/// in O(log n).
struct Coverage {
    merged: Vec<(usize, usize)>,
}

impl Coverage {
    fn new(ranges: impl Iterator<Item = (usize, usize)>) -> Coverage {
        let mut ranges: Vec<(usize, usize)> = ranges.filter(|(s, e)| s < e).collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (start, end) in ranges {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        Coverage { merged }
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        // The first merged range that ends after `start` is the only one that can overlap.
        let idx = self.merged.partition_point(|(_, e)| *e <= start);
        self.merged.get(idx).is_some_and(|(s, _)| *s < end)
    }
}

/// Every word-final part of every person's name ("Biden", "Joe Biden" for "President Joe
/// Biden"), the person's whole name excluded: a place span equal to one of them is the
/// person. A set, so each place span costs one hash lookup, not a scan of all people.
fn person_name_suffixes<'t>(text: &'t str, entities: &[EntitySpan]) -> FxHashSet<&'t str> {
    let mut suffixes = FxHashSet::default();
    for span in entities.iter().filter(|s| s.label == EntityLabel::Per) {
        let Some(person) = text.get(span.start..span.end) else {
            continue;
        };
        for (at, c) in person.char_indices() {
            if c == ' ' || c == '\u{a0}' {
                if let Some(suffix) = person.get(at + c.len_utf8()..) {
                    if !suffix.is_empty() {
                        suffixes.insert(suffix);
                    }
                }
            }
        }
    }
    suffixes
}

fn collect_items<'g>(
    gazetteer: &Lookups<'g, '_>,
    context: &Context,
    entities: &[EntitySpan],
) -> Vec<Item<'g>> {
    let text = context.text;
    let mut items: Vec<Item> = Vec::new();
    let mut consumed = vec![false; entities.len()];
    let person_suffixes = person_name_suffixes(text, entities);
    let person_first_words = person_first_words(text, entities);
    // Found when a one-word "person" first needs them (most articles have none such).
    let mut named_countries = None;
    let starts = EntityStarts::new(entities);
    // Each span's exact key, written here.
    let mut key = String::new();
    for (idx, span) in entities.iter().enumerate() {
        if consumed[idx] {
            continue;
        }
        let Some(span_text) = text.get(span.start..span.end) else {
            continue;
        };
        // A name the recogniser called a person or organisation ("Toronto", "Liverpool")
        // that is wholly a well-known place, and no person's name here, is that place
        // (literally or as a metonym: literalness is decided later).
        let whole_place = span.label != EntityLabel::Loc
            && !person_suffixes.contains(span_text)
            && is_strong_place_name(gazetteer, span_text, span.label == EntityLabel::Per);
        // A name cut short ("Bowling" left out of "Bowling Green"): the longer name, when
        // no item has taken its first words already.
        let extended_start = if matches!(span.label, EntityLabel::Loc | EntityLabel::Per) {
            place_name_before(
                gazetteer,
                text,
                span.start,
                span.end,
                span.label == EntityLabel::Per,
            )
            .filter(|&from| items.last().is_none_or(|item| item.end <= from))
        } else {
            None
        };
        let label = if whole_place || extended_start.is_some() {
            EntityLabel::Loc
        } else if span.label == EntityLabel::Per {
            if person_is_place(gazetteer, text, span.start, span.end)
                || (!person_suffixes.contains(span_text)
                    && !person_first_words.contains(span_text)
                    && is_town_of_named_country(gazetteer, span_text, || {
                        &*named_countries
                            .get_or_insert_with(|| find_named_countries(gazetteer, text, entities))
                    }))
            {
                EntityLabel::Loc
            } else {
                // "Dubai Police", "Niger Delta Development Commission": an institution
                // the recogniser took for a person, named after a place.
                if ends_with_institution_word(span_text) {
                    if let Some(links) = embedded_link(gazetteer, span_text) {
                        items.push(Item {
                            start: span.start,
                            end: span.end,
                            spans: Spans::one(idx),
                            kind: ItemKind::Link,
                            candidates: links,
                            literal: false,
                            qualifier: None,
                            owns_mention: false,
                        });
                    }
                }
                continue;
            }
        } else {
            span.label
        };
        if context
            .frame
            .byline_ranges
            .iter()
            .any(|r| r.contains(&span.start))
        {
            continue;
        }
        if exact_key_into(span_text, &mut key) && INSTITUTION_METONYMS.contains(&key.as_str()) {
            continue;
        }
        let make = |kind: ItemKind<'g>, candidates: Vec<Scored>, start: usize, end: usize| Item {
            start,
            end,
            spans: Spans::one(idx),
            kind,
            candidates,
            literal: true,
            qualifier: None,
            owns_mention: false,
        };
        if let Some(links) = compound_link(gazetteer, span_text) {
            items.push(make(ItemKind::Link, links, span.start, span.end));
            continue;
        }
        if let Some(links) = union_link(gazetteer, span_text) {
            items.push(make(ItemKind::Link, links, span.start, span.end));
            continue;
        }
        if let Some(pair) = pair_links(gazetteer, text, span.start, span.end) {
            for (part_idx, (start, end, links)) in pair.into_iter().enumerate() {
                let mut part = make(ItemKind::Link, links, start, end);
                // The first half answers for the span; both make their own mentions.
                if part_idx > 0 {
                    part.spans.clear();
                }
                part.owns_mention = true;
                items.push(part);
            }
            continue;
        }
        match label {
            EntityLabel::Misc => {
                let links = demonym_link(gazetteer, span_text);
                if !links.is_empty() {
                    items.push(make(ItemKind::Link, links, span.start, span.end));
                    continue;
                }
                // "Kurdish-led": already handled; a MISC that is a country's name
                // (a recogniser's slip) is treated as a place below.
                let countries = country_link(gazetteer, span_text);
                if !countries.is_empty() {
                    items.push(make(ItemKind::Place, countries, span.start, span.end));
                } else if let Some(feature) = whole_feature(gazetteer, span_text) {
                    // "the Korean Peninsula" is the peninsula, not a link to Korea.
                    items.push(make(ItemKind::Place, feature, span.start, span.end));
                } else if let Some(links) = embedded_link(gazetteer, span_text) {
                    // "African Public Service", "Syrian Kurdish", "Egyptian Arabic".
                    items.push(make(ItemKind::Link, links, span.start, span.end));
                }
                continue;
            }
            EntityLabel::Org => {
                // An organisation that is exactly a country's name is the country
                // (as an actor: "Iran said"); literalness is decided below.
                let countries: Vec<Scored> = country_link(gazetteer, span_text)
                    .into_iter()
                    .filter(|s| {
                        gazetteer
                            .record(s.record)
                            .is_some_and(|r| r.kind == RecordKind::Country)
                    })
                    .collect();
                let exact_country = !countries.is_empty()
                    && gazetteer
                        .lookup_with(span_text, false)
                        .iter()
                        .any(|c| c.name_type != NameType::Demonym);
                if exact_country {
                    items.push(make(ItemKind::Place, countries, span.start, span.end));
                    continue;
                }
                if let Some(feature) = whole_feature(gazetteer, span_text) {
                    items.push(make(ItemKind::Place, feature, span.start, span.end));
                    continue;
                }
                // "Syrian Observatory", "Iraqi Security Forces": the first word.
                let first = span_text
                    .split_whitespace()
                    .find(|w| !w.eq_ignore_ascii_case("the"))
                    .unwrap_or("");
                let links = demonym_or_country_link(
                    gazetteer,
                    first,
                    span_text.split_whitespace().count() > 1,
                );
                if !links.is_empty() {
                    items.push(make(ItemKind::Link, links, span.start, span.end));
                } else if let Some(links) = embedded_link(gazetteer, span_text) {
                    // "Central Bank of Malta", "Suffolk Times", "University of Alberta".
                    items.push(make(ItemKind::Link, links, span.start, span.end));
                }
                continue;
            }
            EntityLabel::Loc => {}
            EntityLabel::Per => continue,
        }
        // LOC from here on. A surname of a person named in full elsewhere ("Biden" after
        // "Joe Biden") is the person, whatever the recogniser thought.
        if extended_start.is_none() && person_suffixes.contains(span_text) {
            continue;
        }
        let span_start = extended_start.unwrap_or(span.start);
        let span_text = &text[span_start..span.end];
        // The spans of the words taken in belong to this name.
        let absorbed: Vec<usize> = starts
            .starting_in(span_start, span.start)
            .filter(|&other| other != idx && entities[other].end <= span.end)
            .collect();
        let name = span_text
            .strip_prefix("the ")
            .or_else(|| span_text.strip_prefix("The "))
            .unwrap_or(span_text);
        // "Russia’s" when the recogniser kept the possessive: look up "Russia", or the
        // forgiving skeleton match finds some other place ("Russeifa").
        let name = name
            .strip_suffix("'s")
            .or_else(|| name.strip_suffix("’s"))
            .unwrap_or(name);
        // "Iraq–Syria border", as one span or two.
        if let Some(item) = border_item(gazetteer, text, entities, &starts, idx, &mut consumed) {
            items.push(item);
            continue;
        }
        let allow_skeleton = is_capitalised(name) && name.chars().count() >= 5;
        let mut candidates = to_scored(place_candidates(gazetteer, name, false).iter());
        // "Enugu State", "Sindh Province": the division by its bare name.
        if candidates.is_empty() {
            if let Some(bare) = DIVISION_WORDS
                .iter()
                .find_map(|word| name.strip_suffix(word))
                .filter(|bare| !bare.is_empty())
            {
                candidates = to_scored(
                    &place_candidates(gazetteer, bare, false)
                        .iter()
                        .copied()
                        .filter(|c| {
                            gazetteer
                                .record(c.record)
                                .is_some_and(|r| r.kind == RecordKind::Admin1)
                        })
                        .collect::<Vec<_>>(),
                );
            }
        }
        if candidates.is_empty() && allow_skeleton {
            candidates = to_scored(place_candidates(gazetteer, name, true).iter());
        }
        if candidates.is_empty() {
            let links = demonym_link(gazetteer, name);
            let links = if links.is_empty() {
                // "Pakistan Army", "Manchester City" tagged as a location.
                embedded_link(gazetteer, name)
            } else {
                Some(links)
            };
            if let Some(links) = links {
                // Actors take up no location span, so the link makes its own mention.
                let mut item = make(ItemKind::Link, links, span_start, span.end);
                item.owns_mention = true;
                items.push(item);
            }
            continue;
        }
        let mut start = span_start;
        let end = span.end;
        let mut kind = ItemKind::Place;
        if let Some((word_start, word_end)) = previous_word(text, span_start) {
            let direction = with_lowercase(&text[word_start..word_end], |word| {
                DIRECTIONS.iter().find(|(w, _, _)| *w == word)
            });
            if let Some((_, north, east)) = direction {
                let country_level = candidates.iter().any(|s| {
                    gazetteer
                        .record(s.record)
                        .is_some_and(|r| matches!(r.kind, RecordKind::Country | RecordKind::Admin1))
                });
                if country_level {
                    candidates.retain(|s| {
                        gazetteer.record(s.record).is_some_and(|r| {
                            matches!(r.kind, RecordKind::Country | RecordKind::Admin1)
                        })
                    });
                    kind = ItemKind::Region {
                        north: *north,
                        east: *east,
                        word: text[word_start..word_end].to_string(),
                    };
                    start = word_start;
                }
            }
        }
        let mut qualifier = None;
        let mut qualifier_item = None;
        let mut qualifier_end = None;
        if let Some((record, word_start, stop)) = qualifier_after(gazetteer, text, span.end) {
            // An abbreviation ("Arlington, Va.") joins the place's mention: a reader sees one
            // place, Arlington in Virginia. (Geoparsing corpora annotate "Va." apart; joining
            // costs 7 of GeoWebNews dev's 1,206 toponyms end to end, 0.795 -> 0.789.) A full
            // name is a place of its own: one the recogniser tagged ("Bowling Green,
            // Kentucky") becomes an item when its span comes up, an untagged one becomes one
            // here and takes up whatever spans the recogniser put on it.
            let tagged = starts
                .starting_in(word_start, word_start + 1)
                .any(|other| other != idx && entities[other].label == EntityLabel::Loc);
            let qualifier_text = &text[word_start..stop];
            let abbreviation = qualifier_text.ends_with('.')
                || record.kind == RecordKind::Admin1 && qualifier_text.len() <= 4;
            if abbreviation {
                qualifier_end = Some(stop);
            } else if !tagged {
                let mut state = make(
                    ItemKind::Place,
                    vec![Scored {
                        record: record.record,
                        score: 0.0,
                    }],
                    word_start,
                    stop,
                );
                state.spans.clear();
                for other_idx in starts.starting_in(word_start, stop + 1) {
                    if other_idx != idx && entities[other_idx].end <= stop + 1 {
                        consumed[other_idx] = true;
                        state.spans.push(other_idx);
                    }
                }
                qualifier_item = Some(state);
            }
            qualifier = Some(record);
        }
        // "Washington state", "the state of New York": the division, not its namesakes.
        if qualifier.is_none() && names_a_state(text, span_start, span.end) {
            let divisions: Vec<Scored> = candidates
                .iter()
                .filter(|s| {
                    gazetteer
                        .record(s.record)
                        .is_some_and(|r| r.kind == RecordKind::Admin1)
                })
                .cloned()
                .collect();
            if !divisions.is_empty() {
                candidates = divisions;
            }
        }
        let mut item = make(kind, candidates, start, qualifier_end.unwrap_or(end));
        item.qualifier = qualifier;
        if let Some(stop) = qualifier_end {
            // The abbreviation's own spans ("Va.") belong to this item.
            for other_idx in starts.starting_in(end, stop + 1) {
                if other_idx != idx && entities[other_idx].end <= stop + 1 {
                    consumed[other_idx] = true;
                    item.spans.push(other_idx);
                }
            }
        }
        for other in absorbed {
            consumed[other] = true;
            item.spans.push(other);
        }
        items.push(item);
        items.extend(qualifier_item);
    }
    items
}

/// Whether the name at `start..end` is called a state: "Washington state", "the state of
/// New York".
fn names_a_state(text: &str, start: usize, end: usize) -> bool {
    let after = next_word(text, end)
        .filter(|(word_start, _)| text[end..*word_start].trim().is_empty())
        .is_some_and(|(ws, we)| text[ws..we].eq_ignore_ascii_case("state"));
    let before = previous_word(text, start).is_some_and(|(ws, we)| {
        text[ws..we] == *"of"
            && previous_word(text, ws).is_some_and(|(ps, pe)| &text[ps..pe] == "state")
    });
    after || before
}

/// Last words that make a name an institution rather than a person ("Dubai Police").
const INSTITUTION_WORDS: &[&str] = &[
    "police",
    "department",
    "commission",
    "army",
    "service",
    "times",
    "post",
    "office",
    "council",
    "court",
    "university",
    "press",
    "ministry",
    "government",
    "agency",
    "authority",
    "bank",
    "command",
    "guard",
    "academy",
    "college",
    "institute",
    "association",
    "foundation",
    "company",
    "corporation",
    "herald",
    "tribune",
    "journal",
    "news",
    "radio",
    "television",
    "observatory",
    "party",
    "forces",
    "navy",
    "council",
    "assembly",
    "parliament",
    "congress",
    "senate",
];

fn ends_with_institution_word(name: &str) -> bool {
    name.split_whitespace()
        .last()
        .is_some_and(|word| with_lowercase(word, |word| INSTITUTION_WORDS.contains(&word)))
}

/// Whether `name` as a whole is a place well known enough to overrule the recogniser:
/// a country, a first-level division, a capital or a big city (bigger still when the
/// recogniser thought it a person, since many towns share names with people).
fn is_strong_place_name(gazetteer: &Lookups, name: &str, was_person: bool) -> bool {
    let name = name.strip_prefix("the ").unwrap_or(name);
    if !is_capitalised(name) || name.len() < 4 {
        return false;
    }
    let min_population = if was_person { 500_000 } else { 100_000 };
    gazetteer
        .lookup_with(name, false)
        .iter()
        .filter(|c| matches!(c.name_type, NameType::Primary | NameType::Alternate))
        .filter_map(|c| gazetteer.record(c.record))
        .any(|r| match r.kind {
            RecordKind::Country | RecordKind::Admin1 | RecordKind::Continent => true,
            RecordKind::Capital => r.population >= min_population / 5,
            RecordKind::City => r.population >= min_population,
            _ => false,
        })
}

/// A place named inside a longer name: the first run of one to three capitalised words
/// ("Central Bank of *Malta*", "*Dubai* Police", "*Syrian*-Turkish") that is a country, a
/// division, a capital or a big city, or a country's demonym. Links only: the name as a
/// whole is an organisation, not a place.
fn embedded_link(gazetteer: &Lookups, name: &str) -> Option<Vec<Scored>> {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '/')
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
        .filter(|word| !word.is_empty())
        .collect();
    if words.len() < 2 {
        return None;
    }
    for start in 0..words.len() {
        for length in (1..=3).rev() {
            let Some(window) = words.get(start..start + length) else {
                continue;
            };
            if !window.iter().all(|word| is_capitalised(word)) {
                continue;
            }
            let phrase = window.join(" ");
            if phrase.len() < 4 && !phrase.chars().all(|c| c.is_uppercase() || c == '.') {
                continue;
            }
            // A compass word in a longer name describes, it does not place: "Western
            // Trust", "Eglinton Avenue West", "Town Centre" are not the West or a province
            // called Centre.
            if length == 1 && is_compass_word(&phrase) {
                continue;
            }
            let demonyms = demonym_link(gazetteer, &phrase);
            if !demonyms.is_empty() {
                return Some(demonyms);
            }
            let candidates: Vec<Candidate> = gazetteer
                .lookup_with(&phrase, false)
                .iter()
                .copied()
                .filter(|c| matches!(c.name_type, NameType::Primary | NameType::Alternate))
                .filter(|c| {
                    gazetteer.record(c.record).is_some_and(|r| match r.kind {
                        RecordKind::Country | RecordKind::Admin1 | RecordKind::Continent => true,
                        RecordKind::Capital => r.population >= 20_000,
                        RecordKind::City => r.population >= 100_000,
                        _ => false,
                    })
                })
                .collect();
            if !candidates.is_empty() {
                // Every reading of the phrase, not only the strong one, so that ranking
                // can still pick by context.
                let all = place_candidates(gazetteer, &phrase, false);
                return Some(to_scored(all.iter()));
            }
        }
    }
    None
}

/// A name of two or more words that is, as a whole, a region, sea, river or continent
/// ("Korean Peninsula", "Persian Gulf", "Middle East"): a place even when the recogniser
/// called it miscellaneous or an organisation, where the first word alone would only link
/// it to a country ("Korean" -> South Korea). Every reading of the name, so that ranking
/// still chooses.
fn whole_feature(gazetteer: &Lookups, name: &str) -> Option<Vec<Scored>> {
    let name = name.strip_prefix("the ").unwrap_or(name);
    if name.split_whitespace().count() < 2 || !is_capitalised(name) {
        return None;
    }
    let candidates = place_candidates(gazetteer, name, false);
    let feature = candidates.iter().any(|c| {
        gazetteer.record(c.record).is_some_and(|r| {
            matches!(
                r.kind,
                RecordKind::Region | RecordKind::Water | RecordKind::River | RecordKind::Continent
            )
        })
    });
    feature.then(|| to_scored(candidates.iter()))
}

fn is_compass_word(word: &str) -> bool {
    with_lowercase(word, |word| {
        let bare = word.strip_suffix("ern").unwrap_or(word);
        matches!(
            bare,
            "north"
                | "south"
                | "east"
                | "west"
                | "northeast"
                | "northwest"
                | "southeast"
                | "southwest"
                | "central"
                | "centre"
                | "center"
                | "middle"
        )
    })
}

/// The first words of people's names of two or more words ("Douglas" of "Douglas
/// Ross"): a one-word "person" equal to one of them is the person.
fn person_first_words<'t>(text: &'t str, entities: &[EntitySpan]) -> FxHashSet<&'t str> {
    entities
        .iter()
        .filter(|span| span.label == EntityLabel::Per)
        .filter_map(|span| text.get(span.start..span.end))
        .filter_map(|person| person.split_once(' ').map(|(first, _)| first))
        .collect()
}

/// The countries named in the document by their own names (ISO codes), whatever the
/// recogniser called them.
fn find_named_countries<'g>(
    gazetteer: &Lookups<'g, '_>,
    text: &str,
    entities: &[EntitySpan],
) -> FxHashSet<&'g str> {
    entities
        .iter()
        .filter(|span| span.label != EntityLabel::Per)
        .filter_map(|span| text.get(span.start..span.end))
        .filter(|name| is_capitalised(name) && name.len() >= 4)
        .filter_map(|name| country_of_name(gazetteer, name))
        .collect()
}

/// "Douma's fall", "Douma is surrounded" with Douma tagged as a person: a one-word name
/// that is a town of 50,000 or more in a country the document names is that town, unless a
/// person named in full here bears it (checked by the caller).
fn is_town_of_named_country<'n, 'g: 'n>(
    gazetteer: &Lookups,
    name: &str,
    named_countries: impl FnOnce() -> &'n FxHashSet<&'g str>,
) -> bool {
    if name.contains(' ') || name.chars().count() < 4 {
        return false;
    }
    // Spelled any way ("Qamishli" for Al Qāmishlī): the country's name is the safeguard.
    let allow_skeleton = name.chars().count() >= 5;
    let candidates = place_candidates(gazetteer, name, allow_skeleton);
    let mut towns = candidates
        .iter()
        .filter_map(|c| gazetteer.record(c.record))
        .filter(|r| {
            matches!(r.kind, RecordKind::City | RecordKind::Capital) && r.population >= 50_000
        })
        .peekable();
    // The document's countries are found only for a name that is such a town at all.
    if towns.peek().is_none() {
        return false;
    }
    let named_countries = named_countries();
    !named_countries.is_empty() && towns.any(|r| named_countries.contains(r.country))
}

/// "in Deir Ezzour" tagged as a person: after a locative preposition, a name the gazetteer
/// knows as a sizeable place is that place (people are rarely "in" anyone).
fn person_is_place(gazetteer: &Lookups, text: &str, start: usize, end: usize) -> bool {
    let after_preposition = previous_word(text, start)
        .is_some_and(|(ws, we)| matches!(&text[ws..we], "in" | "near" | "outside"));
    let rest = text.get(end..).unwrap_or("");
    if !after_preposition || rest.starts_with("'s") || rest.starts_with("’s") {
        return false;
    }
    let name = &text[start..end];
    gazetteer
        .lookup_with(name, name.chars().count() >= 5)
        .iter()
        .filter(|c| !c.skeleton || similar_length(gazetteer, c.record, name))
        .filter(|c| matches!(c.name_type, NameType::Primary | NameType::Alternate))
        .filter_map(|c| gazetteer.record(c.record))
        .any(|r| match r.kind {
            RecordKind::Country | RecordKind::Admin1 => true,
            RecordKind::City | RecordKind::Capital => r.population >= 50_000,
            _ => false,
        })
}

fn split_pair(text: &str) -> Option<(&str, &str)> {
    // Most names have no dash or slash: one pass over the bytes turns them away (0xE2
    // starts both dashes).
    if !text.bytes().any(|byte| matches!(byte, b'-' | b'/' | 0xE2)) {
        return None;
    }
    for dash in ['–', '—', '-', '/'] {
        if let Some((a, b)) = text.split_once(dash) {
            if is_capitalised(a.trim()) && is_capitalised(b.trim()) {
                return Some((a.trim(), b.trim()));
            }
        }
    }
    None
}

fn country_of_name<'g>(gazetteer: &Lookups<'g, '_>, name: &str) -> Option<&'g str> {
    gazetteer
        .lookup_with(name, false)
        .iter()
        .filter(|c| c.name_type != NameType::Demonym)
        .filter_map(|c| gazetteer.record(c.record))
        .find(|r| r.kind == RecordKind::Country)
        .map(|r| r.country)
}

/// "the Iraq–Syria border" (one LOC span "Iraq–Syria" or two spans around the dash).
fn border_item<'g>(
    gazetteer: &Lookups<'g, '_>,
    text: &str,
    entities: &[EntitySpan],
    starts: &EntityStarts,
    idx: usize,
    consumed: &mut [bool],
) -> Option<Item<'g>> {
    let span = &entities[idx];
    let span_text = text.get(span.start..span.end)?;
    let (name_a, name_b, pair_end, absorbed) = if let Some((a, b)) = split_pair(span_text) {
        (a, b, span.end, None)
    } else {
        let rest = text.get(span.end..)?;
        let dash = rest.chars().next()?;
        if !matches!(dash, '–' | '—' | '-' | '/') {
            return None;
        }
        let (b_start, b_end) = next_word(text, span.end + dash.len_utf8())?;
        let absorbed = starts
            .starting_in(b_start, b_start + 1)
            .find(|other| *other != idx);
        let b_end = absorbed.map(|other| entities[other].end).unwrap_or(b_end);
        (span_text, &text[b_start..b_end], b_end, absorbed)
    };
    let (word_start, word_end) = next_word(text, pair_end)?;
    let border_word = with_lowercase(&text[word_start..word_end], |word| {
        matches!(word, "border" | "borders" | "frontier" | "boundary")
    });
    if !border_word {
        return None;
    }
    let country_a = country_of_name(gazetteer, name_a)?;
    let country_b = country_of_name(gazetteer, name_b)?;
    if country_a == country_b {
        return None;
    }
    let mut spans = Spans::one(idx);
    if let Some(other) = absorbed {
        consumed[other] = true;
        spans.push(other);
    }
    let (country_a, country_b) = if country_a < country_b {
        (country_a, country_b)
    } else {
        (country_b, country_a)
    };
    Some(Item {
        start: span.start,
        end: word_end,
        spans,
        kind: ItemKind::Border {
            country_a,
            country_b,
        },
        candidates: Vec::new(),
        literal: true,
        qualifier: None,
        owns_mention: false,
    })
}

/// Capitalised names the recogniser left alone that the gazetteer knows as a country or
/// a capital: proposed as places. Sentence-initial words only for countries.
fn propose_missed<'g>(
    gazetteer: &Lookups<'g, '_>,
    context: &Context,
    entities: &[EntitySpan],
    items: &[Item<'g>],
) -> Vec<Item<'g>> {
    let text = context.text;
    let segmented = context.segmented;
    let taken = Coverage::new(items.iter().map(|i| (i.start, i.end)));
    let starts = EntityStarts::new(entities);
    // For the spans in start order, the furthest end of any span up to each one.
    let mut furthest_end = Vec::with_capacity(starts.order.len());
    let mut furthest = 0;
    for &(_, idx) in &starts.order {
        furthest = furthest.max(entities[idx].end);
        furthest_end.push(furthest);
    }
    // The entity spans lying wholly inside `start..end`, or `None` when a span crosses its
    // edges: a run may swallow spans the recogniser cut too short ("Deir" + MISC
    // "Ezzour"), never cut one in two.
    // How many spans lie inside, `None` when one crosses the edges; counted, not collected,
    // since most runs tried make no proposal.
    let n_inside = |start: usize, end: usize| -> Option<usize> {
        let first = starts.order.partition_point(|(s, _)| *s < start);
        if first > 0 && furthest_end[first - 1] > start {
            return None;
        }
        let mut n_spans = 0;
        for idx in starts.starting_in(start, end) {
            if entities[idx].end > end {
                return None;
            }
            n_spans += 1;
        }
        Some(n_spans)
    };
    let inside = |start: usize, end: usize| -> Option<Spans> {
        n_inside(start, end)?;
        Some(starts.starting_in(start, end).collect())
    };
    let covered =
        |start: usize, end: usize| taken.overlaps(start, end) || n_inside(start, end).is_none();
    let mut proposals = Vec::new();
    for range in &segmented.sentence_tokens {
        let mut idx = range.start;
        while idx < range.end {
            let mut matched = 0;
            // Every run tried here starts with this token: a lower-case one starts none.
            if !text
                .get(segmented.tokens[idx].start..)
                .is_some_and(is_capitalised)
            {
                idx += 1;
                continue;
            }
            let mut after_preposition: Option<bool> = None;
            for length in (1..=3).rev() {
                if idx + length > range.end {
                    continue;
                }
                let start = segmented.tokens[idx].start;
                let end = segmented.tokens[idx + length - 1].end;
                let Some(name) = text.get(start..end) else {
                    continue;
                };
                // A name ends on a capitalised word: "BOV and", "NGO)" are no names (their
                // keys or skeletons still matched faraway towns).
                let last_word = text
                    .get(segmented.tokens[idx + length - 1].start..end)
                    .unwrap_or("");
                if !is_capitalised(name) || !is_capitalised(last_word) || covered(start, end) {
                    continue;
                }
                if context
                    .frame
                    .byline_ranges
                    .iter()
                    .any(|r| r.contains(&start))
                {
                    continue;
                }
                let sentence_start = idx == range.start;
                // After "in", "near", "from": a town the recogniser missed ("in Deir
                // Ezzour"), spelled any way, if the gazetteer knows it as a sizeable place.
                // (The same for every run from this token: looked at once.)
                let after_preposition = *after_preposition.get_or_insert_with(|| {
                    previous_word(text, start).is_some_and(|(ws, we)| {
                        matches!(&text[ws..we], "in" | "near" | "at" | "from" | "outside")
                    })
                });
                let allow_skeleton = after_preposition && name.chars().count() >= 5;
                let candidates = place_candidates(gazetteer, name, allow_skeleton);
                let strong = candidates.iter().any(|c| {
                    gazetteer.record(c.record).is_some_and(|r| match r.kind {
                        RecordKind::Country => true,
                        RecordKind::Capital => !sentence_start,
                        RecordKind::City => {
                            !sentence_start
                                && (r.population >= 1_000_000
                                    || (after_preposition && r.population >= 50_000))
                        }
                        RecordKind::Admin1 => after_preposition,
                        _ => false,
                    })
                });
                // All-lower-case keys of short words ("us", "chad") need the exact case
                // of a name: "US" yes, "Us" no.
                let short_ambiguous =
                    name.len() <= 3 && !name.chars().all(|c| c.is_uppercase() || c == '.');
                if strong && !short_ambiguous {
                    proposals.push(Item {
                        start,
                        end,
                        spans: inside(start, end).unwrap_or_default(),
                        kind: ItemKind::Place,
                        candidates: to_scored(candidates.iter()),
                        literal: true,
                        qualifier: None,
                        owns_mention: false,
                    });
                    matched = length;
                    break;
                }
                // A demonym or adjective the recogniser left alone ("a Syrian Kurdish
                // enclave", "Canadians"): a link to its country, with its own mention.
                if length == 1 && name.chars().count() >= 4 && n_inside(start, end) == Some(0) {
                    // "Turkish-backed", "Calgary-based": the place before the suffix, the
                    // mention on its name only.
                    let link = missed_compound(gazetteer, name)
                        .map(|(head, links)| (start + head.len(), links))
                        .or_else(|| {
                            let links = demonym_link(gazetteer, name);
                            (!links.is_empty()).then_some((end, links))
                        });
                    if let Some((link_end, links)) = link {
                        proposals.push(Item {
                            start,
                            end: link_end,
                            spans: Spans::default(),
                            kind: ItemKind::Link,
                            candidates: links,
                            literal: false,
                            qualifier: None,
                            owns_mention: false,
                        });
                        matched = 1;
                        break;
                    }
                }
            }
            idx += matched.max(1);
        }
    }
    proposals
}

fn distance_km(lat_a: f64, lon_a: f64, lat_b: f64, lon_b: f64) -> f64 {
    km_of_haversine(haversine(
        &Point::new(lat_a, lon_a),
        &Point::new(lat_b, lon_b),
    ))
}

/// A point for great-circle distances, with its latitude in radians and that one's cosine
/// computed once: coherence measures every candidate against every anchor.
struct Point {
    lon: f64,
    phi: f64,
    cos_phi: f64,
}

impl Point {
    fn new(lat: f64, lon: f64) -> Point {
        let phi = lat.to_radians();
        Point {
            lon,
            phi,
            cos_phi: phi.cos(),
        }
    }
}

/// The haversine of the central angle from `a` to `b`.
fn haversine(a: &Point, b: &Point) -> f64 {
    let d_phi = b.phi - a.phi;
    let d_lambda = (b.lon - a.lon).to_radians();
    (d_phi / 2.0).sin().powi(2) + a.cos_phi * b.cos_phi * (d_lambda / 2.0).sin().powi(2)
}

/// The distance in kilometres of a central angle's haversine.
fn km_of_haversine(h: f64) -> f64 {
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

fn rank<'g>(gazetteer: &Lookups<'g, '_>, text: &str, items: &mut [Item<'g>]) {
    // Each item's candidate records, decoded once for the passes below (a record's name
    // costs a scan of up to 32 packed names): item `i`'s are
    // `records[record_starts[i]..record_starts[i + 1]]`, one list for all items.
    let mut records: Vec<Option<Record<'g>>> = Vec::new();
    let mut record_starts: Vec<usize> = Vec::with_capacity(items.len() + 1);
    for item in items.iter() {
        record_starts.push(records.len());
        records.extend(item.candidates.iter().map(|s| gazetteer.record(s.record)));
    }
    record_starts.push(records.len());
    let item_records =
        |item_idx: usize| &records[record_starts[item_idx]..record_starts[item_idx + 1]];
    // Countries the document names (places or links), by any candidate.
    let mut doc_countries: FxHashSet<&'g str> = FxHashSet::default();
    for (item_idx, item) in items.iter().enumerate() {
        for record in item_records(item_idx).iter().flatten() {
            if record.kind == RecordKind::Country {
                doc_countries.insert(record.country);
            }
        }
        if let ItemKind::Border {
            country_a,
            country_b,
        } = item.kind
        {
            doc_countries.insert(country_a);
            doc_countries.insert(country_b);
        }
    }
    // Divisions named unambiguously (no country or sizeable city of that name), by country.
    let mut doc_divisions: FxHashMap<&'g str, FxHashSet<u32>> = FxHashMap::default();
    for (item_idx, item) in items.iter().enumerate() {
        if !matches!(item.kind, ItemKind::Place) {
            continue;
        }
        let records = item_records(item_idx).iter().flatten();
        let rival = records.clone().any(|r| match r.kind {
            RecordKind::Country => true,
            RecordKind::City | RecordKind::Capital => r.population >= 100_000,
            _ => false,
        });
        if rival {
            continue;
        }
        for record in records.filter(|r| r.kind == RecordKind::Admin1) {
            doc_divisions
                .entry(record.country)
                .or_default()
                .insert(record.id);
        }
    }
    // First pass: prior and country context.
    for (item_idx, item) in items.iter_mut().enumerate() {
        let candidate_records = item_records(item_idx);
        // Asked only about divisions (most items have none among their candidates).
        let mut dateline: Option<bool> = None;
        // Skeleton matches (scored -1) are no evidence of a broad reading.
        let exact = item.candidates.iter().all(|s| s.score > -1.0);
        let broad_reading = exact
            && candidate_records.iter().flatten().any(|r| {
                matches!(
                    r.kind,
                    RecordKind::Continent | RecordKind::Water | RecordKind::Region
                )
            });
        // Natural Earth's regions include peninsulas named after their state ("Florida",
        // "Alaska"), so only seas and continents overrule a faraway division ("Gulf").
        let sea_or_continent = exact
            && candidate_records
                .iter()
                .flatten()
                .any(|r| matches!(r.kind, RecordKind::Continent | RecordKind::Water));
        for scored_idx in 0..item.candidates.len() {
            let Some(record) = candidate_records[scored_idx].as_ref() else {
                item.candidates[scored_idx].score = f64::NEG_INFINITY;
                continue;
            };
            let mut score = item.candidates[scored_idx].score + prominence(record);
            if record.kind != RecordKind::Country && doc_countries.contains(record.country) {
                score += 1.5;
            }
            if let Some(qualifier) = &item.qualifier {
                let same_country = qualifier.country == record.country;
                let same_admin1 = qualifier.kind != RecordKind::Admin1
                    || (!qualifier.admin1.is_empty() && qualifier.admin1 == record.admin1);
                score += if same_country && same_admin1 {
                    6.0
                } else {
                    -3.0
                };
            }
            // A division named among other divisions of its country ("Alaska, Hawaii,
            // Florida and Washington"): the division, not the capital of that name.
            if record.kind == RecordKind::Admin1 {
                let siblings = doc_divisions
                    .get(record.country)
                    .map(|divisions| {
                        divisions
                            .iter()
                            .filter(|&&other| !item.candidates.iter().any(|s| s.record == other))
                            .count()
                    })
                    .unwrap_or(0);
                if siblings >= 3 {
                    score += 2.0;
                }
            }
            // A dateline ("WASHINGTON (AP) —") names the city the story was filed from.
            // Only against a sizeable city of that name: "WALES —" is still Wales.
            if record.kind == RecordKind::Admin1
                && *dateline.get_or_insert_with(|| is_dateline(text, item.start, item.end))
            {
                let city_namesake = candidate_records.iter().flatten().any(|other| {
                    matches!(other.kind, RecordKind::City | RecordKind::Capital)
                        && other.population >= 100_000
                });
                if city_namesake {
                    score -= 3.0;
                }
            }
            // A division sharing its name with a city inside it: news means the city.
            if record.kind == RecordKind::Admin1 {
                let city_inside = candidate_records.iter().flatten().any(|other| {
                    matches!(other.kind, RecordKind::City | RecordKind::Capital)
                        && other.country == record.country
                        && other.population >= 20_000
                        && ((!record.admin1.is_empty() && other.admin1 == record.admin1)
                            || distance_km(record.lat, record.lon, other.lat, other.lon) < 250.0)
                });
                if city_inside {
                    score -= 2.5;
                }
            }
            // A bare name that is also an ocean, sea, region or continent ("Atlantic",
            // "the West", "Gulf"): news means the broad reading, not a small town or a
            // faraway province of that name, unless the document is about that province's
            // country.
            if broad_reading {
                let small_town = matches!(record.kind, RecordKind::City | RecordKind::Capital)
                    && record.population < 100_000;
                let foreign_division = sea_or_continent
                    && record.kind == RecordKind::Admin1
                    && !doc_countries.contains(record.country);
                if small_town {
                    score -= 3.0;
                } else if foreign_division {
                    score -= 2.0;
                }
            }
            item.candidates[scored_idx].score = score;
        }
        item.candidates.sort_by(|a, b| {
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    // Second pass: coherence with the other places' best points (not for countries, whose
    // prior already dominates, nor against links, which are not scenes). Anchors are the
    // distinct best records, the most often named first and capped, and the bonus is
    // computed once per distinct candidate list: a long paste that names the same places
    // again and again costs no more than naming them once.
    let mut anchor_counts: FxHashMap<u32, usize> = FxHashMap::default();
    for item in items.iter() {
        if let (ItemKind::Place, Some(best)) = (&item.kind, item.candidates.first()) {
            *anchor_counts.entry(best.record).or_default() += 1;
        }
    }
    let mut anchor_order: Vec<(usize, u32)> = anchor_counts
        .into_iter()
        .map(|(record, count)| (count, record))
        .collect();
    anchor_order.sort_unstable_by(|a, b| b.cmp(a));
    let anchors: Vec<(u32, Point)> = anchor_order
        .into_iter()
        .take(MAX_COHERENCE_ANCHORS)
        .filter_map(|(_, record)| {
            let record = gazetteer.record(record)?;
            Some((record.id, Point::new(record.lat, record.lon)))
        })
        .collect();
    // The haversines from one candidate to the anchors, reused from candidate to candidate.
    let mut haversines: Vec<f64> = Vec::with_capacity(anchors.len());
    let mut bonuses: FxHashMap<Vec<u32>, Vec<f64>> = FxHashMap::default();
    for item in items.iter_mut() {
        if item.candidates.len() < 2 {
            continue;
        }
        let records: Vec<u32> = item.candidates.iter().map(|s| s.record).collect();
        let bonus = bonuses.entry(records).or_insert_with_key(|records| {
            let mut own: Vec<u32> = records.clone();
            own.sort_unstable();
            records
                .iter()
                .map(|&id| {
                    let Some(record) = gazetteer.record(id) else {
                        return 0.0;
                    };
                    if record.kind == RecordKind::Country {
                        return 0.0;
                    }
                    // The name's own readings are no evidence for one another.
                    let here = Point::new(record.lat, record.lon);
                    haversines.clear();
                    haversines.extend(
                        anchors
                            .iter()
                            .filter(|(anchor, _)| own.binary_search(anchor).is_err())
                            .map(|(_, anchor)| haversine(&here, anchor)),
                    );
                    // The least of the distances to the anchors. A distance is the arcsine
                    // of its haversine's root, which grow together (the computed ones to
                    // within an ulp): only the haversines within a hair of the least can
                    // give the least distance, so only their distances are computed.
                    let least = haversines.iter().copied().fold(f64::INFINITY, f64::min);
                    let nearest = haversines
                        .iter()
                        .copied()
                        .filter(|&h| h <= least * (1.0 + 1e-9))
                        .map(km_of_haversine)
                        .fold(f64::INFINITY, f64::min);
                    if nearest.is_finite() {
                        // Regional closeness, plus neighbourhood: a town a few kilometres
                        // from another place of the story beats its bigger namesake two
                        // hundred kilometres away (local news names its villages).
                        1.5 * (1.0 - nearest / 1500.0).max(0.0)
                            + 1.5 * (1.0 - nearest / 100.0).max(0.0)
                    } else {
                        0.0
                    }
                })
                .collect()
        });
        for (scored, bonus) in item.candidates.iter_mut().zip(bonus.iter()) {
            scored.score += bonus;
        }
        item.candidates.sort_by(|a, b| {
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    // Literalness.
    for item in items.iter_mut() {
        item.literal = match item.kind {
            ItemKind::Link => false,
            ItemKind::Border { .. } | ItemKind::Region { .. } => true,
            ItemKind::Place => is_literal(text, item.start, item.end),
        };
    }
}

/// Capitalised words after a name that make it a modifier all the same: "US Forces",
/// "U.S. Secretary of State" (headline case and titles).
const MODIFIED_NOUNS: &[&str] = &[
    "forces",
    "force",
    "troops",
    "army",
    "navy",
    "military",
    "secretary",
    "president",
    "ambassador",
    "embassy",
    "government",
    "officials",
    "official",
    "envoy",
    "minister",
    "ministry",
    "department",
    "command",
    "personnel",
    "strikes",
    "airstrikes",
    "sanctions",
];

/// Whether `start..end` is a dateline: an upper-case name that opens its line ("WASHINGTON
/// (AP) —", "SAN DIEGO —").
fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    let Some(name) = text.get(start..end) else {
        return false;
    };
    // Only the blanks before the name are scanned (a search back to the line's start
    // would make a long paste without line breaks quadratic).
    let opens_line = text.get(..start).is_some_and(|before| {
        let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}']);
        trimmed.is_empty() || trimmed.ends_with('\n')
    });
    // Pasted texts often lose their line breaks: "... for the Guard. WASHINGTON (AP) -".
    let rest = text.get(end..).unwrap_or("");
    let before_dash = match rest.strip_prefix(" (") {
        // Only the first 13 bytes are searched: `find` would scan the rest of the text.
        Some(agency) => agency
            .bytes()
            .take(13)
            .position(|byte| byte == b')')
            .and_then(|close| agency.get(close + 1..))
            .unwrap_or(""),
        None => rest,
    };
    let dash_follows = ["—", "–", "-"]
        .iter()
        .any(|dash| before_dash.trim_start_matches(' ').starts_with(dash));
    // Three letters or more, all upper case.
    let mut n_letters = 0;
    for letter in name.chars().filter(|c| c.is_alphabetic()) {
        if !letter.is_uppercase() {
            return false;
        }
        n_letters += 1;
    }
    (opens_line || dash_follows) && n_letters >= 3
}

fn is_literal(text: &str, start: usize, end: usize) -> bool {
    if let Some((word_start, word_end)) = previous_word(text, start) {
        let verdict = with_lowercase(&text[word_start..word_end], |previous| {
            if word_sets().locative_prepositions.contains(previous) {
                return Some(true);
            }
            // "accused the United States of", "urged Iran to": the one spoken to or about.
            let agent_before = if previous == "the" {
                previous_word(text, word_start)
                    .is_some_and(|(ps, pe)| with_lowercase(&text[ps..pe], is_agent_verb))
            } else {
                is_agent_verb(previous)
            };
            agent_before.then_some(false)
        });
        if let Some(verdict) = verdict {
            return verdict;
        }
    }
    let rest = text.get(end..).unwrap_or("");
    if rest.starts_with("'s") || rest.starts_with("’s") {
        return false;
    }
    if let Some((word_start, word_end)) = next_word(text, end) {
        // The next word must follow directly (same clause, no punctuation between).
        if text[end..word_start].trim().is_empty() {
            let modifier = with_lowercase(&text[word_start..word_end], |next| {
                let next = next.trim_end_matches('.');
                if is_agent_verb(next) {
                    return true;
                }
                let sets = word_sets();
                let first = text[word_start..word_end].chars().next().unwrap_or(' ');
                if first.is_lowercase()
                    && !sets.function_words.contains(next)
                    && !next.ends_with("ly")
                {
                    // "U.S. troops", "Syria peace talks": a modifier.
                    return true;
                }
                if sets.modified_nouns.contains(next) {
                    return true;
                }
                // "U.S. and coalition forces": one of two coordinated modifiers.
                if next == "and" {
                    let lower_noun = |at: usize| {
                        next_word(text, at)
                            .filter(|(ws, _)| text[at..*ws].trim().is_empty())
                            .filter(|(ws, we)| {
                                let word = &text[*ws..*we];
                                word.chars().next().is_some_and(char::is_lowercase)
                                    && !sets.function_words.contains(word)
                            })
                    };
                    if let Some((_, second_end)) = lower_noun(word_end) {
                        if lower_noun(second_end).is_some() {
                            return true;
                        }
                    }
                }
                false
            });
            if modifier {
                return false;
            }
        }
    }
    true
}

/// The word lists above as hash sets, built on first use: literalness asks them about the
/// words around every place name, and a scan of the hundred function words each time cost
/// more than the rest of the test.
struct WordSets {
    agent_verbs: FxHashSet<&'static str>,
    function_words: FxHashSet<&'static str>,
    locative_prepositions: FxHashSet<&'static str>,
    modified_nouns: FxHashSet<&'static str>,
}

fn word_sets() -> &'static WordSets {
    static SETS: OnceLock<WordSets> = OnceLock::new();
    SETS.get_or_init(|| WordSets {
        agent_verbs: AGENT_VERBS.iter().copied().collect(),
        function_words: FUNCTION_WORDS.iter().copied().collect(),
        locative_prepositions: LOCATIVE_PREPOSITIONS.iter().copied().collect(),
        modified_nouns: MODIFIED_NOUNS.iter().copied().collect(),
    })
}

fn is_agent_verb(word: &str) -> bool {
    word_sets().agent_verbs.contains(word)
}

fn place_kind(kind: RecordKind) -> PlaceKind {
    match kind {
        RecordKind::Country => PlaceKind::Country,
        RecordKind::Admin1 => PlaceKind::Admin,
        RecordKind::City | RecordKind::Capital => PlaceKind::City,
        RecordKind::Continent => PlaceKind::Region,
        RecordKind::Water
        | RecordKind::River
        | RecordKind::Region
        | RecordKind::Point
        | RecordKind::Airport => PlaceKind::Feature,
    }
}

fn gazetteer_id(record: &Record) -> String {
    let mut id = String::with_capacity(20);
    if record.geonameid > 0 {
        id.push_str("geonames:");
        push_decimal(&mut id, record.geonameid as usize, 1);
    } else {
        id.push_str("dateline:");
        push_decimal(&mut id, record.id as usize, 1);
    }
    id
}

/// Softmax probabilities of the scores (sorted best first), written in `out`.
fn probabilities(candidates: &[Scored], out: &mut Vec<f64>) {
    let best = candidates.first().map(|s| s.score).unwrap_or(0.0);
    out.clear();
    out.extend(candidates.iter().map(|s| (s.score - best).exp()));
    let total: f64 = out.iter().sum();
    for weight in out.iter_mut() {
        *weight = if total > 0.0 { *weight / total } else { 0.0 };
    }
}

/// What makes two items one place: the same record, the same border, the same part of
/// the same record.
#[derive(PartialEq, Eq, Hash)]
enum PlaceKey<'i> {
    Record(u32),
    Border(&'i str, &'i str),
    /// The direction word in lower case, and the record.
    Region(String, u32),
}

fn build_places(gazetteer: &Lookups, text: &str, items: &[Item], out: &mut ResolvedPlaces) {
    let mut by_key: FxHashMap<PlaceKey, usize> = FxHashMap::default();
    let mut probabilities_buffer = Vec::new();
    for item in items {
        // The key first: an item naming a place already built only updates its literalness
        // and confidence, so its place is not built (most place names come back).
        let (key, best_record) = match &item.kind {
            ItemKind::Border {
                country_a,
                country_b,
            } => (PlaceKey::Border(country_a, country_b), None),
            _ => {
                let Some(best) = item.candidates.first() else {
                    continue;
                };
                let Some(record) = gazetteer.record(best.record) else {
                    continue;
                };
                let key = match &item.kind {
                    ItemKind::Region { word, .. } => {
                        PlaceKey::Region(word.to_lowercase(), record.id)
                    }
                    _ => PlaceKey::Record(record.id),
                };
                (key, Some(record))
            }
        };
        let confidence = match &item.kind {
            ItemKind::Border { .. } => 0.9,
            _ => {
                probabilities(&item.candidates, &mut probabilities_buffer);
                let confidence = probabilities_buffer.first().copied().unwrap_or(0.0) as f32;
                if matches!(item.kind, ItemKind::Region { .. }) {
                    confidence * 0.8
                } else {
                    confidence
                }
            }
        };
        let place_idx = match by_key.get(&key) {
            Some(&place_idx) => {
                let existing: &mut Place = &mut out.places[place_idx];
                existing.literal |= item.literal;
                existing.confidence = existing.confidence.max(confidence);
                place_idx
            }
            None => {
                let place = match (&item.kind, best_record) {
                    (
                        ItemKind::Border {
                            country_a,
                            country_b,
                        },
                        _,
                    ) => {
                        let Some((geometry, lat, lon)) = gazetteer.border(country_a, country_b)
                        else {
                            continue;
                        };
                        let name = |iso: &str| {
                            gazetteer
                                .country(iso)
                                .and_then(|id| gazetteer.record(id))
                                .map(|r| r.name.to_string())
                                .unwrap_or_else(|| iso.to_string())
                        };
                        Place {
                            id: String::new(),
                            name: format!("{}–{} border", name(country_a), name(country_b)),
                            kind: PlaceKind::Border,
                            lat,
                            lon,
                            country: format!("{country_a},{country_b}"),
                            gazetteer_id: None,
                            confidence,
                            literal: true,
                            alternatives: Vec::new(),
                            geometry: Some(geometry),
                        }
                    }
                    (_, Some(record)) => {
                        let alternatives: Vec<Alternative> = item
                            .candidates
                            .iter()
                            .zip(&probabilities_buffer)
                            .skip(1)
                            .take(5)
                            .filter_map(|(scored, probability)| {
                                let other = gazetteer.record(scored.record)?;
                                Some(Alternative {
                                    name: other.name.to_string(),
                                    lat: other.lat,
                                    lon: other.lon,
                                    country: other.country.to_string(),
                                    score: *probability as f32,
                                })
                            })
                            .collect();
                        match &item.kind {
                            ItemKind::Region { north, east, word } => {
                                let reach = if record.kind == RecordKind::Country {
                                    2.5
                                } else {
                                    0.8
                                };
                                let lat = (record.lat + north * reach).clamp(-89.0, 89.0);
                                let lon = record.lon
                                    + east * reach / record.lat.to_radians().cos().max(0.3);
                                let half = reach * 0.6;
                                let geometry = serde_json::json!({
                                    "type": "Polygon",
                                    "coordinates": [[
                                        [lon - half, lat - half], [lon + half, lat - half],
                                        [lon + half, lat + half], [lon - half, lat + half],
                                        [lon - half, lat - half]
                                    ]]
                                });
                                let mut word_title = word.clone();
                                if let Some(first) = word_title.get_mut(0..1) {
                                    first.make_ascii_uppercase();
                                }
                                Place {
                                    id: String::new(),
                                    name: format!("{word_title} {}", record.name),
                                    kind: PlaceKind::Region,
                                    lat,
                                    lon,
                                    country: record.country.to_string(),
                                    gazetteer_id: Some(gazetteer_id(&record)),
                                    confidence,
                                    literal: true,
                                    alternatives,
                                    geometry: Some(geometry),
                                }
                            }
                            _ => Place {
                                id: String::new(),
                                name: record.name.to_string(),
                                kind: place_kind(record.kind),
                                lat: record.lat,
                                lon: record.lon,
                                country: record.country.to_string(),
                                gazetteer_id: Some(gazetteer_id(&record)),
                                confidence,
                                literal: item.literal,
                                alternatives,
                                geometry: None,
                            },
                        }
                    }
                    // Items other than borders have their best record.
                    (_, None) => continue,
                };
                let mut place = place;
                place.id = numbered_id('p', out.places.len() + 1);
                place.literal = item.literal;
                out.places.push(place);
                by_key.insert(key, out.places.len() - 1);
                out.places.len() - 1
            }
        };
        let place_id = &out.places[place_idx].id;
        let is_link = matches!(item.kind, ItemKind::Link);
        for span_idx in item.spans.iter() {
            if let Some(slot) = out.entity_places.get_mut(span_idx) {
                *slot = Some(place_idx);
            }
            if let Some(slot) = out.is_place_mention.get_mut(span_idx) {
                *slot = !is_link || item.owns_mention;
            }
        }
        if is_link && (item.spans.is_empty() || item.owns_mention) {
            // A demonym no entity span covers: no other stage will mention it, so this one
            // does, as a group name linked to its place.
            out.mentions.push(Mention {
                id: String::new(),
                start: item.start,
                end: item.end,
                text: text.get(item.start..item.end).unwrap_or("").to_string(),
                kind: MentionKind::Group,
                reference: None,
                place: Some(place_id.clone()),
            });
        }
        if !is_link {
            out.mentions.push(Mention {
                id: String::new(),
                start: item.start,
                end: item.end,
                text: text.get(item.start..item.end).unwrap_or("").to_string(),
                kind: MentionKind::Place,
                reference: Some(place_id.clone()),
                place: None,
            });
        }
    }
}
