//! The `Document`: what the engine produces, the CLI prints and the app renders.
//!
//! The shape follows DESIGN.md's document model (`schema: "dateline/1"`); fields that
//! DESIGN.md does not name are extensions (the analysed `text`, event flags, diagnostics)
//! and never change the meaning of the named ones.
//!
//! **Offsets.** While the pipeline runs, every `start`/`end` is a *byte* offset into
//! `Document::text` (cheap to slice in Rust). The last step, [`Document::into_code_points`],
//! rewrites them all to Unicode code point indices, which is what the JSON contract says and
//! what JavaScript can convert from. Stages therefore never see code point offsets.

use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "dateline/1";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Document {
    pub schema: String,
    /// The text the offsets index into: the input after HTML stripping and normalisation.
    pub text: String,
    pub meta: Meta,
    pub sentences: Vec<Span>,
    pub mentions: Vec<Mention>,
    pub places: Vec<Place>,
    pub actors: Vec<Actor>,
    pub times: Vec<Time>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    /// Messages for the user about the input ("no dates found", "HTML was stripped").
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Vec<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    pub dct_source: DctSource,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DctSource {
    /// Read from the article's frame (dateline, "Updated:", a date near the top).
    Text,
    /// Given by the caller (`--dct`, the app's date field); wins over the text.
    Given,
    /// Month and day from a dateline without a year ("WASHINGTON, Aug 11 (Reuters) -"), the
    /// year assumed from the reader's date (`AnalyzeOptions::today`).
    Assumed,
    #[default]
    None,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    Person,
    Organization,
    Place,
    Group,
    Time,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Mention {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: MentionKind,
    /// Id of the place, actor or time this mention names.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// For a mention that is not a place itself: the place it is associated with
    /// ("Iraqi" -> Iraq, "Iran-backed" -> Iran).
    pub place: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Admin,
    City,
    Feature,
    Region,
    Border,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2; two codes joined by a comma for a border ("IQ,SY").
    pub country: String,
    pub gazetteer_id: Option<String>,
    pub confidence: f32,
    /// A scene where something happened, as opposed to a metonym ("Washington said").
    pub literal: bool,
    pub alternatives: Vec<Alternative>,
    /// GeoJSON geometry for borders (LineString/MultiLineString) and regions (Polygon).
    pub geometry: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Alternative {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub score: f32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Group,
    Country,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub titles: Vec<String>,
    pub roles: Vec<String>,
    /// Id of an actor or place this actor belongs to ("Iran-backed militia" -> Iran).
    pub affiliation: Option<String>,
    /// Every surface form seen for this actor ("Biden", "President Joe Biden").
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub n_mentions: usize,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Time {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub time_type: TimeType,
    /// TimeML value: `2021-06-28TNI`, `P3D`, `PAST_REF`, `XXXX-WXX-5`.
    pub value: String,
    /// First instant covered, ISO 8601 (`2021-06-28T18:00`), when the value is anchored.
    pub from: Option<String>,
    /// Instant just after the covered span, ISO 8601.
    pub to: Option<String>,
    /// Inside a photo caption or credit: belongs to the photo, not the story.
    pub caption: bool,
    /// Why the expression is not a time of the story's events, if it is not: `"publication"`
    /// for the article's own date lines ("6/29/2021", "Updated: ..."), `"caption"` for dates
    /// in photo captions and credits, `""` for the story's own times.
    #[serde(default)]
    pub role: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    pub id: String,
    /// Index into `sentences` of the event's first mention.
    pub sentence: usize,
    pub trigger: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub agents: Vec<String>,
    pub targets: Vec<String>,
    pub places: Vec<String>,
    pub time: Option<String>,
    pub summary: String,
    /// "There are no injuries": reported as not having happened.
    #[serde(default)]
    pub negated: bool,
    /// "would retaliate", "vowed to": announced or conditional, not a fact.
    #[serde(default)]
    pub hypothetical: bool,
    /// Every sentence that reports this event (the headline and the body merged).
    #[serde(default)]
    pub sentences: Vec<usize>,
    /// How `time` was found: "own" (the clause's own expression), "anchored" (placed
    /// against another event: "hours before the rocket fire"), "inherited", or "none".
    #[serde(default)]
    pub time_source: String,
    /// "before" or "after" when `time` is the time of another event this one is placed
    /// against ("hours before the rocket fire"); the timeline orders it just before/after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_relation: Option<String>,
    /// Actors who report the event without taking part in it ("Maratto said", the speaker
    /// of a quote that tells it).
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Diagnostic {
    /// "info" or "warning".
    pub level: String,
    pub message: String,
}

impl Document {
    /// Rewrites every byte offset into a code point offset (the JSON contract).
    /// Called once, at the end of the pipeline.
    pub fn into_code_points(mut self) -> Document {
        let index = CodePointIndex::new(&self.text);
        // Each list is in text order: a cursor per list walks the index along it.
        let mut cursor = index.cursor();
        for span in &mut self.sentences {
            span.start = cursor.to_code_point(span.start);
            span.end = cursor.to_code_point(span.end);
        }
        let mut cursor = index.cursor();
        for mention in &mut self.mentions {
            mention.start = cursor.to_code_point(mention.start);
            mention.end = cursor.to_code_point(mention.end);
        }
        let mut cursor = index.cursor();
        for time in &mut self.times {
            time.start = cursor.to_code_point(time.start);
            time.end = cursor.to_code_point(time.end);
        }
        let mut cursor = index.cursor();
        for quote in &mut self.quotes {
            quote.start = cursor.to_code_point(quote.start);
            quote.end = cursor.to_code_point(quote.end);
        }
        self
    }

    /// Name of whatever an id points at (actor, place or time), for summaries and views.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        if let Some(actor) = self.actors.iter().find(|actor| actor.id == id) {
            return Some(&actor.name);
        }
        if let Some(place) = self.places.iter().find(|place| place.id == id) {
            return Some(&place.name);
        }
        self.times
            .iter()
            .find(|time| time.id == id)
            .map(|time| time.text.as_str())
    }
}

/// Byte offset -> code point offset, in O(log n) per lookup after an O(n) build.
///
/// Only non-ASCII characters are recorded, so an ASCII text costs an empty vector.
pub struct CodePointIndex {
    /// Byte offsets of the characters that take more than one byte, with the number of
    /// extra bytes seen up to and including each of them.
    multibyte: Vec<(usize, usize)>,
}

/// The index of the first byte at or after `from` that is not ASCII (`bytes.len()` when
/// there is none), tested eight bytes at a time: news text is nearly all ASCII, and stages
/// that only care about the other characters skip to them with this.
pub(crate) fn next_non_ascii(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let eight = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0x80; 8]));
        if eight & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        at += 8;
    }
    while bytes.get(at).is_some_and(u8::is_ascii) {
        at += 1;
    }
    at.min(bytes.len())
}

impl CodePointIndex {
    pub fn new(text: &str) -> CodePointIndex {
        let mut multibyte = Vec::new();
        let mut extra = 0;
        // By bytes rather than by characters, skipping ASCII eight bytes at a time: an
        // article is nearly all ASCII, and decoding each character cost several times more.
        let bytes = text.as_bytes();
        let mut at = next_non_ascii(bytes, 0);
        while let Some(&lead) = bytes.get(at) {
            // `at` is a character boundary: a character's length is its lead byte's.
            let len = match lead {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            extra += len - 1;
            multibyte.push((at, extra));
            at = next_non_ascii(bytes, at + len);
        }
        CodePointIndex { multibyte }
    }

    /// A converter for offsets given mostly in increasing order (a list in text order).
    pub fn cursor(&self) -> CodePointCursor<'_> {
        CodePointCursor {
            index: self,
            n_before: 0,
        }
    }

    pub fn to_code_point(&self, byte: usize) -> usize {
        // Characters that start before `byte` contribute their extra bytes.
        let n_before = self.multibyte.partition_point(|&(start, _)| start < byte);
        if n_before == 0 {
            byte
        } else {
            byte - self.multibyte[n_before - 1].1
        }
    }
}

/// [`CodePointIndex::to_code_point`] for offsets given mostly in increasing order: the
/// multi-byte characters before an offset are counted on from those before the previous
/// one (a binary search only when an offset goes back), which for a list in text order
/// costs a step or two per offset.
pub struct CodePointCursor<'i> {
    index: &'i CodePointIndex,
    /// How many multi-byte characters start before the previous offset.
    n_before: usize,
}

impl CodePointCursor<'_> {
    pub fn to_code_point(&mut self, byte: usize) -> usize {
        let multibyte = &self.index.multibyte;
        let went_back = self
            .n_before
            .checked_sub(1)
            .and_then(|last| multibyte.get(last))
            .is_some_and(|&(start, _)| start >= byte);
        if went_back {
            self.n_before = multibyte.partition_point(|&(start, _)| start < byte);
        } else {
            while multibyte
                .get(self.n_before)
                .is_some_and(|&(start, _)| start < byte)
            {
                self.n_before += 1;
            }
        }
        match self
            .n_before
            .checked_sub(1)
            .and_then(|last| multibyte.get(last))
        {
            Some(&(_, extra)) => byte - extra,
            None => byte,
        }
    }
}

/// An id such as "a12": the prefix, then the number in decimal. Written by hand because
/// `format!` costs several times the few bytes it writes, once per mention, place, time,
/// actor or event.
pub(crate) fn numbered_id(prefix: char, number: usize) -> String {
    let mut id = String::with_capacity(8);
    id.push(prefix);
    push_decimal(&mut id, number, 1);
    id
}

/// Appends `value` in decimal, zero-padded to at least `width` digits, as `{:0width$}`.
/// Written into a buffer pushed at once: `format!` costs a thousand instructions or so a
/// call, and a `push` per character several times the digit; ids and time values are
/// written for every mention.
pub(crate) fn push_decimal(text: &mut String, value: usize, width: usize) {
    // Long enough for any usize; the zeros are the padding.
    let mut buffer = [b'0'; 20];
    for _ in buffer.len()..width {
        text.push('0');
    }
    let mut start = buffer.len();
    let mut rest = value;
    loop {
        start -= 1;
        // `rest % 10` is below ten, so the cast loses nothing.
        buffer[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = start.min(buffer.len().saturating_sub(width));
    text.push_str(std::str::from_utf8(&buffer[start..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_decimals_as_format_does() {
        for (value, width) in [(0, 2), (7, 2), (59, 2), (123, 2), (u32::MAX, 4), (5, 0)] {
            let mut text = String::new();
            push_decimal(&mut text, value as usize, width);
            assert_eq!(text, format!("{value:0width$}"));
        }
    }

    #[test]
    fn finds_the_next_non_ascii_byte() {
        for text in [
            "",
            "plain",
            "exactly8",
            "a longer ASCII line, then é",
            "é",
            "ab“cd”",
            "0123456789abcdef🙂",
        ] {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() + 1 {
                let expected = (from..bytes.len())
                    .find(|&at| !bytes[at].is_ascii())
                    .unwrap_or(bytes.len());
                assert_eq!(
                    next_non_ascii(bytes, from),
                    expected,
                    "{text:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn code_points_count_characters_not_bytes() {
        let text = "Kata’ib Hezbollah – Iraq";
        let index = CodePointIndex::new(text);
        let iraq = text.find("Iraq").unwrap();
        assert_eq!(index.to_code_point(iraq), 20);
        assert_eq!(index.to_code_point(0), 0);
        assert_eq!(index.to_code_point(text.len()), text.chars().count());
        // Every boundary, across the eight-byte steps over ASCII and all character lengths.
        let text = "Deir Ezzour – near the border, “Ḥalab” 𝔸 and São Paulo’s   x";
        let index = CodePointIndex::new(text);
        let mut cursor = index.cursor();
        for (code_point, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.to_code_point(byte), code_point, "{byte}");
            assert_eq!(cursor.to_code_point(byte), code_point, "{byte}");
        }
        // Backwards and repeated offsets too.
        let mut cursor = index.cursor();
        for byte in [text.len(), 0, 40, 40, 12, text.len(), 3] {
            assert_eq!(
                cursor.to_code_point(byte),
                index.to_code_point(byte),
                "{byte}"
            );
        }
    }
}
