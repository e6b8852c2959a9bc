//! Events: who did what to whom, where and when, one clause at a time.
//!
//! **Approach.** No parser: a trigger lexicon ([`lexicon::TRIGGERS`], typed by the small
//! taxonomy in [`lexicon::TAXONOMY`] with its ACLED and CAMEO mapping) finds the words that
//! report an event, and the clause around each trigger gives its participants. A clause is
//! the run of tokens between boundary words (";", ":", quote marks, "that", "who",
//! "whether", "while", "saying", "shortly", "but", ...). Within it:
//! - **agents** are the nearest actor mention before a verb trigger that is not the object of
//!   a preposition (for a passive or "came under fire" that subject is the *target*, and
//!   "by X" the agent); a nominal trigger ("airstrikes") takes the subject of a light verb
//!   before it ("Biden ordered airstrikes"), a name right before it or "by X";
//! - **targets** are actor mentions after the trigger;
//! - **places** are place mentions of the clause whose place is literal (a scene, not
//!   "Iran-backed");
//! - **sources** are speakers who report the event: the subject of a speech verb in the same
//!   sentence ("Maratto said U.S. forces responded...") or the speaker of the quote it is in;
//! - **negated** and **hypothetical** come from a negation or a modal/intention word before
//!   the trigger in its clause ("no injuries", "didn't disclose", "would", "vowed to").
//!
//! **Time.** Each time expression of a sentence (not a caption's) attaches to the nearest
//! trigger or speech verb, counting a clause boundary as eight tokens. An event's time is,
//! in order of preference:
//! 1. *own*: a time attached to one of its triggers;
//! 2. *anchored*: its sentence places it "before"/"after" another event ("Just hours before
//!    the rocket fire, Blinken had told ..."): the other event's time, with `time_relation`;
//! 3. *inherited*, reported speech: it is told by a speech verb that has a time ("the
//!    department stated Sunday") — the statement's time;
//! 4. *inherited*, topic continuation: its subject is another event ("the strikes killed
//!    four") — that event's time;
//! 5. none.
//!
//! **Merging.** Reports of one event are merged: triggers of the same type in one sentence;
//! a definite nominal ("the strikes", "the attacks") with the latest event of its type;
//! a verb with an event of its type mentioned in the last three sentences; never a
//! "recent"/"other" occurrence, never across negation. Speech acts (statement, accusation,
//! ...) merge only within a sentence. The headline is read last and only merged into the
//! first body event of its type (a new event only when the body has none); repeated
//! headlines, bylines, date lines and captions are never read.
//!
//! Cost: one pass over tokens and mentions per sentence; merging keeps the latest event per
//! type, so the whole stage is linear in the article.
//!
//! ```
//! use dateline_engine::{Engine, AnalyzeOptions};
//! let document = Engine::default().analyze(
//!     "Headline Words Here\n\nRebels attacked the town on Monday. Five people were killed.",
//!     &AnalyzeOptions::default(),
//! );
//! assert!(document.events.iter().any(|event| event.event_type == "attack"));
//! ```

pub mod lexicon;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::document::{next_non_ascii, numbered_id};
use crate::document::{Document, Event, Mention, MentionKind, PlaceKind, TimeType};
use crate::quotes::{latest_actor, mentions_in, statement_issuers};
use crate::segment::{lowercase, Token};
use crate::Context;

use lexicon::{Form, DISTINCT_MODIFIERS, LIGHT_VERBS, SPEECH_VERBS, TRIGGERS};

/// Longest summary, in bytes.
const MAX_SUMMARY_BYTES: usize = 220;

/// One trigger occurrence with what its clause says. Actor and place ids are borrowed from
/// the document (copied once, into the events).
#[derive(Debug, Clone)]
struct EventMention<'a> {
    sentence: usize,
    /// Token range of the trigger (its words may have others between them).
    trigger: Range<usize>,
    clause: Range<usize>,
    event_type: &'static str,
    form: Form,
    definite: bool,
    distinct: bool,
    agents: Vec<&'a str>,
    /// First token of the leftmost agent mention inside the clause, for the summary.
    agent_token: Option<usize>,
    targets: Vec<&'a str>,
    target_end_token: Option<usize>,
    places: Vec<&'a str>,
    sources: Vec<&'a str>,
    own_time: Option<usize>,
    statement_time: Option<usize>,
    /// ("before"/"after", mention index of the event it is placed against).
    anchor: Option<(&'static str, usize)>,
    /// This mention is itself the reference of a "before the X" phrase.
    is_anchor: bool,
    /// ... and that phrase is a noun phrase ("hours before the rocket fire"), not a clause
    /// ("shortly after Biden ordered airstrikes"): it only points at the event.
    anchor_phrase: bool,
    /// A nominal trigger that is this one's subject ("the strikes killed").
    subject_nominal: Option<usize>,
    negated: bool,
    hypothetical: bool,
    in_title: bool,
}

/// An event being built from its mentions.
struct Building {
    mentions: Vec<usize>,
    event_type: &'static str,
    last_sentence: usize,
}

/// A trigger of [`TRIGGERS`] by its index, with its number of words.
#[derive(Debug, Clone, Copy)]
struct TriggerEntry {
    idx: usize,
    n_words: usize,
}

/// What the lexicon says about one lower-case word.
#[derive(Debug, Default)]
struct WordEntry {
    /// Triggers that start with the word.
    triggers: Vec<TriggerEntry>,
    clause_break: ClauseBreak,
    /// In [`SPEECH_VERBS`].
    speech_verb: bool,
    /// In [`LIGHT_VERBS`].
    light_verb: bool,
    /// In [`PREPOSITIONS`].
    preposition: bool,
    /// In [`NEGATIONS`].
    negation: bool,
    /// In [`MODALS`].
    modal: bool,
    /// In [`DISTINCT_MODIFIERS`].
    distinct_modifier: bool,
}

/// Whether a word starts a new clause (never the sentence's first word).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum ClauseBreak {
    #[default]
    Never,
    /// Marks: ";", ":", quote marks, parentheses, a dash.
    Always,
    /// "that", "who", "while", ...: not after "shortly" ("shortly after").
    UnlessAfterShortly,
    /// "after", "before", "when": only after a comma.
    AfterComma,
}

/// Words that start a clause, by how.
const CLAUSE_BREAKS: &[(&[&str], ClauseBreak)] = &[
    (
        &[";", ":", "“", "”", "(", ")", "—", "\""],
        ClauseBreak::Always,
    ),
    (
        &[
            "that", "who", "which", "whether", "while", "saying", "adding", "shortly", "but",
            "because", "although", "though", "whereas", "however",
        ],
        ClauseBreak::UnlessAfterShortly,
    ),
    (&["after", "before", "when"], ClauseBreak::AfterComma),
];

/// The lexicon by word: each word of the article is looked up once, for the triggers it
/// may start and the word lists it is in, rather than scanning the lists for each word the
/// rules ask about.
struct Lexicon {
    by_word: HashMap<&'static str, WordEntry>,
    /// A bit per [`Lexicon::sketch`] of the words: most words of an article are in no list,
    /// and this turns about nine in ten of them away without hashing them (a first byte and
    /// a length alone let most through: the lexicon has words of every common start and
    /// length).
    sketches: [u64; SKETCH_BITS / 64],
}

/// Bits of [`Lexicon::sketches`]: the lexicon's words set about one in ten.
const SKETCH_BITS: usize = 8192;

impl Lexicon {
    fn get(&self, word: &str) -> Option<&WordEntry> {
        let sketch = Self::sketch(word)?;
        if self.sketches[sketch / 64] & (1 << (sketch % 64)) == 0 {
            return None;
        }
        self.by_word.get(word)
    }

    /// A bit for a word's first and last bytes and length, spread by a multiplicative hash;
    /// None for an empty word.
    fn sketch(word: &str) -> Option<usize> {
        let bytes = word.as_bytes();
        let (&first, &last) = (bytes.first()?, bytes.last()?);
        let key = u32::from(first) | u32::from(last) << 8 | (bytes.len().min(255) as u32) << 16;
        Some((key.wrapping_mul(0x9E37_79B1) >> (32 - SKETCH_BITS.trailing_zeros())) as usize)
    }
}

/// The lexicon, built on first use.
fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let by_word = lexicon_by_word();
        let mut sketches = [0u64; SKETCH_BITS / 64];
        for word in by_word.keys() {
            if let Some(sketch) = Lexicon::sketch(word) {
                sketches[sketch / 64] |= 1 << (sketch % 64);
            }
        }
        Lexicon { by_word, sketches }
    })
}

/// A word list and the mark it puts on the lexicon entries of its words.
type MarkedList = (&'static [&'static str], fn(&mut WordEntry));

/// Each word of the trigger lexicon and the word lists, with what they say about it.
fn lexicon_by_word() -> HashMap<&'static str, WordEntry> {
    let mut index: HashMap<&'static str, WordEntry> = HashMap::default();
    for (idx, (words, _, _)) in TRIGGERS.iter().enumerate() {
        if let Some(first) = words.split(' ').next() {
            let n_words = words.split(' ').count();
            index
                .entry(first)
                .or_default()
                .triggers
                .push(TriggerEntry { idx, n_words });
        }
    }
    let lists: [MarkedList; 6] = [
        (SPEECH_VERBS, |entry| entry.speech_verb = true),
        (LIGHT_VERBS, |entry| entry.light_verb = true),
        (PREPOSITIONS, |entry| entry.preposition = true),
        (NEGATIONS, |entry| entry.negation = true),
        (MODALS, |entry| entry.modal = true),
        (DISTINCT_MODIFIERS, |entry| entry.distinct_modifier = true),
    ];
    for (words, mark) in lists {
        for &word in words {
            mark(index.entry(word).or_default());
        }
    }
    for &(words, clause_break) in CLAUSE_BREAKS {
        for &word in words {
            index.entry(word).or_default().clause_break = clause_break;
        }
    }
    index
}

pub fn extract(context: &Context, document: &Document) -> Vec<Event> {
    let statements = statement_issuers(context, &document.mentions);
    extract_with(context, document, &statements)
}

/// [`extract`] with the document's statement issuers ([`statement_issuers`]), which quote
/// attribution needs too: the analysis finds them once for both.
pub(crate) fn extract_with(
    context: &Context,
    document: &Document,
    statements: &[(usize, String)],
) -> Vec<Event> {
    let text = context.text;
    let segmented = context.segmented;
    let tokens = &segmented.tokens;
    let frame = context.frame;
    let mentions = &document.mentions;

    let literal_places: HashMap<&str, (bool, PlaceKind)> = document
        .places
        .iter()
        .map(|place| (place.id.as_str(), (place.literal, place.kind)))
        .collect();
    // Story times by start (captions and frame lines belong to the photo and the page).
    let mut times: Vec<(usize, usize, usize)> = document
        .times
        .iter()
        .enumerate()
        .filter(|(_, time)| {
            !time.caption
                && !frame.in_caption(time.start)
                && !frame.in_frame_lines(time.start)
                && matches!(time.time_type, TimeType::Date | TimeType::Time)
        })
        .map(|(idx, time)| (time.start, time.end, idx))
        .collect();
    times.sort_unstable();

    let mut all: Vec<EventMention> = Vec::new();
    let lower_text = LowerText::new(text, tokens);
    let words = Words::new(&lower_text, tokens);
    let mut sentence = SentenceView::new(context, &words, mentions);
    // Trigger hits of the sentence, in one buffer for the article.
    let mut hits = Vec::new();
    for (sentence_idx, token_range) in segmented.sentence_tokens.iter().enumerate() {
        let Some(first_token) = tokens.get(token_range.start) else {
            continue;
        };
        let sentence_start = first_token.start;
        if frame.in_caption(sentence_start) || frame.in_frame_lines(sentence_start) {
            continue;
        }
        let in_title = frame
            .title_range
            .as_ref()
            .is_some_and(|range| range.contains(&sentence_start));
        sentence.load(token_range.clone());
        sentence.find_triggers(&mut hits);
        if hits.is_empty() {
            continue;
        }
        let base = all.len();
        let has_strong = hits.iter().any(|hit| hit.2 != Form::Weak);
        // Quotes are sorted and do not overlap: the first one ending after the sentence
        // start decides.
        let sentence_has_quote = {
            let first = document
                .quotes
                .partition_point(|quote| quote.end <= sentence_start);
            document
                .quotes
                .get(first)
                .is_some_and(|quote| quote.start < sentence.end_byte())
        };
        for (trigger, event_type, form) in hits.drain(..) {
            if form == Form::Weak && (has_strong || sentence_has_quote || in_title) {
                continue;
            }
            let mut mention =
                sentence.describe(trigger, event_type, form, &literal_places, sentence_idx);
            mention.in_title = in_title;
            // Quote speaker as a source.
            let trigger_start = tokens.get(mention.trigger.start).map_or(0, |t| t.start);
            let quote_idx = document
                .quotes
                .partition_point(|quote| quote.end <= trigger_start);
            if let Some(quote) = document
                .quotes
                .get(quote_idx)
                .filter(|quote| quote.start <= trigger_start)
            {
                if let Some(speaker) = &quote.speaker {
                    push_unique(&mut mention.sources, speaker);
                }
            }
            all.push(mention);
        }
        let mentions_here = base..all.len();
        if mentions_here.is_empty() {
            continue;
        }
        sentence.attach_times(&mut all[mentions_here.clone()], &times);
        sentence.link_within(&mut all, mentions_here.clone());
        let sources = sentence.speech_sources(statements);
        for mention in &mut all[mentions_here] {
            if mention.anchor_phrase {
                continue;
            }
            let is_speech = mention.event_type == "statement";
            for &source in &sources {
                if !is_speech && !mention.agents.contains(&source) {
                    push_unique(&mut mention.sources, source);
                }
            }
        }
    }

    // Merge mentions into events, body first, then the headline.
    let mut buildings: Vec<Building> = Vec::new();
    let mut event_of_mention: Vec<Option<usize>> = vec![None; all.len()];
    let mut latest_by_type: HashMap<&'static str, usize> = HashMap::default();
    for (idx, mention) in all.iter().enumerate() {
        if mention.in_title {
            continue;
        }
        let merge_into = latest_by_type
            .get(mention.event_type)
            .copied()
            .filter(|&event_idx| {
                let building = &buildings[event_idx];
                let primary = &all[building.mentions[0]];
                if primary.negated != mention.negated
                    || primary.hypothetical != mention.hypothetical
                {
                    return false;
                }
                if mention.distinct {
                    return false;
                }
                let same_sentence = building.last_sentence == mention.sentence;
                let occurrence =
                    lexicon::event_type(mention.event_type).is_some_and(|t| t.occurrence);
                if !occurrence {
                    return same_sentence
                        && (primary.agents.is_empty()
                            || mention.agents.is_empty()
                            || primary.agents == mention.agents);
                }
                if same_sentence {
                    return true;
                }
                match mention.form {
                    Form::Nominal => mention.definite,
                    _ => mention.sentence.saturating_sub(building.last_sentence) <= 3,
                }
            });
        let event_idx = match merge_into {
            Some(event_idx) => event_idx,
            None => {
                buildings.push(Building {
                    mentions: Vec::new(),
                    event_type: mention.event_type,
                    last_sentence: mention.sentence,
                });
                buildings.len() - 1
            }
        };
        buildings[event_idx].mentions.push(idx);
        buildings[event_idx].last_sentence = mention.sentence;
        event_of_mention[idx] = Some(event_idx);
        latest_by_type.insert(mention.event_type, event_idx);
    }
    for (idx, mention) in all.iter().enumerate() {
        if !mention.in_title {
            continue;
        }
        let event_idx = match buildings
            .iter()
            .position(|building| building.event_type == mention.event_type)
        {
            Some(event_idx) => event_idx,
            None => {
                buildings.push(Building {
                    mentions: Vec::new(),
                    event_type: mention.event_type,
                    last_sentence: mention.sentence,
                });
                buildings.len() - 1
            }
        };
        buildings[event_idx].mentions.push(idx);
        event_of_mention[idx] = Some(event_idx);
    }

    // Times: own, then anchored, then inherited (twice, so chains settle).
    let n_events = buildings.len();
    let mut time_of: Vec<Option<(usize, &'static str, Option<&'static str>)>> =
        vec![None; n_events];
    for (event_idx, building) in buildings.iter().enumerate() {
        time_of[event_idx] = building
            .mentions
            .iter()
            .find_map(|&m| all[m].own_time)
            .map(|time| (time, "own", None));
    }
    for event_idx in 0..n_events {
        if time_of[event_idx].is_some() {
            continue;
        }
        let building = &buildings[event_idx];
        let anchored = building.mentions.iter().find_map(|&m| {
            let (relation, anchor_mention) = all[m].anchor?;
            let anchor_event = event_of_mention.get(anchor_mention).copied().flatten()?;
            if anchor_event == event_idx {
                return None;
            }
            let (time, _, _) = time_of[anchor_event]?;
            Some((time, "anchored", Some(relation)))
        });
        time_of[event_idx] = anchored;
    }
    for _ in 0..2 {
        for event_idx in 0..n_events {
            if time_of[event_idx].is_some() {
                continue;
            }
            let building = &buildings[event_idx];
            let inherited = building.mentions.iter().find_map(|&m| {
                if let Some(time) = all[m].statement_time {
                    return Some((time, "inherited", None));
                }
                let subject = all[m].subject_nominal?;
                let subject_event = event_of_mention.get(subject).copied().flatten()?;
                if subject_event == event_idx {
                    return None;
                }
                time_of[subject_event].map(|(time, _, _)| (time, "inherited", None))
            });
            time_of[event_idx] = inherited;
        }
    }

    // Output, in text order of each event's first body mention.
    let mut order: Vec<usize> = (0..n_events).collect();
    let primary_of = |building: &Building| {
        building
            .mentions
            .iter()
            .copied()
            .find(|&m| !all[m].in_title)
            .or_else(|| building.mentions.first().copied())
            .unwrap_or(0)
    };
    order.sort_by_key(|&event_idx| {
        let primary = &all[primary_of(&buildings[event_idx])];
        (primary.sentence, primary.trigger.start)
    });
    let mut events = Vec::with_capacity(n_events);
    for event_idx in order {
        let building = &buildings[event_idx];
        let primary = &all[primary_of(building)];
        // The time fields made once, rather than "none" made and then replaced.
        let (time, time_source, time_relation) = match time_of[event_idx] {
            Some((time_idx, source, relation)) => (
                document.times.get(time_idx).map(|time| time.id.clone()),
                source,
                relation.map(str::to_string),
            ),
            None => (None, "none", None),
        };
        let mut event = Event {
            id: numbered_id('e', events.len() + 1),
            sentence: primary.sentence,
            trigger: span_text(text, tokens, primary.trigger.clone()).to_string(),
            event_type: building.event_type.to_string(),
            agents: Vec::new(),
            targets: Vec::new(),
            places: Vec::new(),
            time,
            summary: summary(
                text,
                tokens,
                &words,
                primary,
                segmented
                    .sentence_tokens
                    .get(primary.sentence)
                    .map_or(primary.clause.end, |range| range.end),
            ),
            negated: primary.negated,
            hypothetical: primary.hypothetical,
            sentences: Vec::new(),
            time_source: time_source.to_string(),
            time_relation,
            sources: Vec::new(),
        };
        for &m in &building.mentions {
            let mention = &all[m];
            if mention.anchor_phrase {
                // "hours before the rocket fire" only points at the event: its clause's
                // names and places belong to the sentence's own event.
                if !event.sentences.contains(&mention.sentence) {
                    event.sentences.push(mention.sentence);
                }
                continue;
            }
            // An actor keeps the first role the event's mentions give it (the primary
            // mention comes first): "U.S. troops came under rocket fire" makes them the
            // target, and a later report of the attacks cannot make them its agent too.
            for &agent in &mention.agents {
                if !event.targets.iter().any(|target| target == agent) {
                    push_unique_owned(&mut event.agents, agent);
                }
            }
            for &target in &mention.targets {
                if !event.agents.iter().any(|agent| agent == target) {
                    push_unique_owned(&mut event.targets, target);
                }
            }
            for &place in &mention.places {
                push_unique_owned(&mut event.places, place);
            }
            for &source in &mention.sources {
                push_unique_owned(&mut event.sources, source);
            }
            if !event.sentences.contains(&mention.sentence) {
                event.sentences.push(mention.sentence);
            }
        }
        event
            .sources
            .retain(|source| !event.agents.contains(source));
        event.sentences.sort_unstable();
        events.push(event);
    }
    events
}

fn push_unique<'a>(list: &mut Vec<&'a str>, item: &'a str) {
    if !list.contains(&item) {
        list.push(item);
    }
}

fn push_unique_owned(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|existing| existing == item) {
        list.push(item.to_string());
    }
}

fn span_text<'t>(text: &'t str, tokens: &[Token], range: Range<usize>) -> &'t str {
    let (Some(first), Some(last)) = (
        tokens.get(range.start),
        tokens.get(range.end.wrapping_sub(1)),
    ) else {
        return "";
    };
    text.get(first.start..last.end).unwrap_or("")
}

/// The clause from its agent (or its start) through the trigger and its object, trimmed;
/// `sentence_end` is the end of the mention's sentence (a token index).
fn summary(
    text: &str,
    tokens: &[Token],
    words: &Words,
    mention: &EventMention,
    sentence_end: usize,
) -> String {
    let mut start = mention
        .agent_token
        .filter(|&token| token >= mention.clause.start && token < mention.trigger.start)
        .unwrap_or_else(|| {
            mention
                .clause
                .start
                .max(mention.trigger.start.saturating_sub(8))
        });
    // Leading boundary words and marks read badly: "that the strikes ..." -> "the strikes",
    // "by the militia groups responsible for recent attacks" -> "the militia groups ...".
    while start < mention.trigger.start {
        let word = tokens
            .get(start)
            .and_then(|token| text.get(token.start..token.end))
            .unwrap_or("");
        if is_boundary_word(words.word(start))
            || matches!(word, "," | "“" | "”" | "\"" | "(" | "by" | "By")
        {
            start += 1;
        } else {
            break;
        }
    }
    let mut end = mention
        .clause
        .end
        .min(mention.trigger.end + 16)
        .max(mention.trigger.end);
    if let Some(target_end) = mention.target_end_token {
        end = end.max((target_end + 1).min(mention.clause.end.max(mention.trigger.end)));
    }
    end = complement_end(text, tokens, words, end, sentence_end);
    let raw = span_text(text, tokens, start..end);
    let mut summary = raw
        .trim_end_matches([',', ';', ':', '“', '”', '"', ' ', '(', '—', '–'])
        .trim_start_matches(['“', '”', '"', ' '])
        .to_string();
    // A quotation the summary opens keeps the closing mark the text gives it.
    let raw_end = raw.trim_end_matches([',', ';', ':', ' ', '(', '—', '–']);
    for (open, close) in [('“', '”'), ('"', '"')] {
        let unbalanced = if open == close {
            summary.matches(open).count() % 2 == 1
        } else {
            summary.matches(open).count() > summary.matches(close).count()
        };
        if unbalanced && raw_end.ends_with(close) {
            summary.push(close);
        }
    }
    if summary.len() > MAX_SUMMARY_BYTES {
        let mut cut = MAX_SUMMARY_BYTES;
        while !summary.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = summary[..cut].rfind(' ').unwrap_or(cut);
        summary.truncate(cut);
    }
    // A clause cut before its object ends on a word that needs one ("condemned the strikes
    // as a", "accused the United States of"): end on the last word that stands.
    while let Some((rest, last)) = summary.rsplit_once(' ') {
        // Compared without case rather than lower-cased: no string per word.
        let dangling = DANGLING_WORDS
            .iter()
            .any(|word| last.eq_ignore_ascii_case(word));
        if !dangling || rest.len() < bytes_through_trigger(tokens, mention, start) {
            break;
        }
        summary.truncate(rest.trim_end_matches([',', ';', ':', ' ']).len());
    }
    if summary.contains('\n') {
        summary = summary.replace('\n', " ");
    }
    summary
}

/// Where a summary ending at token `end` should end instead when the clause boundary cut
/// what its last words announce: a reported clause ("the Pentagon said the actions show |
/// that the president stands ready to act") or a quoted object ("accused the United States
/// of | “disrupting the security of the region.”"). The summary then runs on to the next
/// comma, semicolon or dash (or the closing quote), within the sentence; otherwise `end`.
fn complement_end(
    text: &str,
    tokens: &[Token],
    words: &Words,
    end: usize,
    sentence_end: usize,
) -> usize {
    let word_at = |idx: usize| {
        tokens
            .get(idx)
            .and_then(|token| text.get(token.start..token.end))
            .unwrap_or("")
    };
    let quoted = matches!(word_at(end), "“" | "\"")
        && end
            .checked_sub(1)
            .is_some_and(|last| matches!(words.word(last), "of" | "for" | "as" | "to"));
    if !(quoted || words.word(end) == "that") || end >= sentence_end {
        return end;
    }
    // A quotation met on the way is read to its end: its commas are not the clause's.
    let mut in_quote = quoted;
    for idx in end + 1..sentence_end {
        match word_at(idx) {
            "“" => in_quote = true,
            "”" if quoted => return idx + 1,
            "”" => in_quote = false,
            "\"" if quoted && in_quote => return idx + 1,
            "\"" => in_quote = !in_quote,
            "," | ";" | "—" | "–" | "(" if !in_quote => return idx,
            _ => {}
        }
    }
    sentence_end
}

/// Words a summary does not end on (compared without case).
const DANGLING_WORDS: &[&str] = &[
    "a", "an", "the", "of", "as", "to", "for", "with", "by", "and", "or", "in", "on", "at", "from",
    "into", "that", "which", "its", "their",
];

/// Bytes from token `start` (where a summary starts) to the end of the trigger: a summary
/// is never cut into its trigger.
fn bytes_through_trigger(tokens: &[Token], mention: &EventMention, start: usize) -> usize {
    let from = tokens.get(start).map_or(0, |token| token.start);
    let to = tokens
        .get(mention.trigger.end.wrapping_sub(1))
        .map_or(from, |token| token.end);
    to.saturating_sub(from)
}

fn is_boundary_word(word: &str) -> bool {
    matches!(
        word,
        ";" | ":"
            | "“"
            | "”"
            | "\""
            | "("
            | ")"
            | "—"
            | "–"
            | "that"
            | "who"
            | "which"
            | "whether"
            | "while"
            | "saying"
            | "adding"
            | "shortly"
            | "but"
            | "because"
            | "although"
            | "though"
            | "however"
            | "whereas"
            | "where"
            | "when"
            | "after"
            | "before"
            | "and"
    )
}

const PREPOSITIONS: &[&str] = &[
    "of", "in", "at", "for", "from", "with", "against", "on", "to", "by", "near", "about", "into",
    "over", "under", "between", "as", "than", "like", "around", "across", "during",
];

const NEGATIONS: &[&str] = &[
    "no", "not", "n't", "n’t", "never", "without", "denied", "nor",
];

const MODALS: &[&str] = &[
    "would",
    "could",
    "might",
    "may",
    "will",
    "should",
    "can",
    "shall",
    "if",
    "whether",
    "unless",
    "plans",
    "planned",
    "intends",
    "expected",
    "likely",
    "vowed",
    "threatened",
    "'ll",
    "’ll",
    "wants",
    "wanted",
    "hopes",
];

/// The article in lower case, made once for [`Words`] to borrow its words from.
///
/// The ASCII letters of the whole text are lower-cased in one copy, so a token's word sits
/// at the token's own offsets: one pass over the text rather than a string per word. A word
/// whose lower case differs from that (a non-ASCII capital: "Élysée") is kept apart, as
/// [`lowercase`] gives it.
struct LowerText {
    text: String,
    /// Lower-cased words that differ from their place in `text`, by token index.
    apart: HashMap<usize, String>,
}

impl LowerText {
    fn new(text: &str, tokens: &[Token]) -> LowerText {
        let lower_text = text.to_ascii_lowercase();
        let mut apart = HashMap::default();
        // Only the tokens holding a non-ASCII byte can differ: they are found from those
        // bytes, found eight at a time, rather than by testing every token.
        let bytes = text.as_bytes();
        let mut token_idx = 0;
        let mut at = next_non_ascii(bytes, 0);
        while at < bytes.len() {
            // The token holding this byte, if any: tokens are in text order.
            while tokens.get(token_idx).is_some_and(|token| token.end <= at) {
                token_idx += 1;
            }
            let Some(token) = tokens.get(token_idx).filter(|token| token.start <= at) else {
                at = next_non_ascii(bytes, at + 1);
                continue;
            };
            let word = text.get(token.start..token.end).unwrap_or("");
            if let Cow::Owned(lower) = lowercase(word) {
                if Some(lower.as_str()) != lower_text.get(token.start..token.end) {
                    apart.insert(token_idx, lower);
                }
            }
            at = next_non_ascii(bytes, token.end);
        }
        LowerText {
            text: lower_text,
            apart,
        }
    }
}

/// Every token's word in lower case and in the lexicon, made once for the article: the
/// rules ask for words thousands of times, and each answer is then an index.
struct Words<'a> {
    /// Each token's word in lower case.
    words: Vec<&'a str>,
    /// Each token's word in the lexicon, if there.
    lexicon: Vec<Option<&'static WordEntry>>,
}

impl<'a> Words<'a> {
    fn new(lower: &'a LowerText, tokens: &[Token]) -> Words<'a> {
        let lexicon = lexicon();
        let mut words = Vec::with_capacity(tokens.len());
        let mut entries = Vec::with_capacity(tokens.len());
        for (token_idx, token) in tokens.iter().enumerate() {
            let apart = if lower.apart.is_empty() {
                None
            } else {
                lower.apart.get(&token_idx)
            };
            let word = match apart {
                Some(word) => word.as_str(),
                None => lower.text.get(token.start..token.end).unwrap_or(""),
            };
            words.push(word);
            entries.push(lexicon.get(word));
        }
        Words {
            words,
            lexicon: entries,
        }
    }

    /// A token's word in lower case ("" past the last token).
    fn word(&self, token_idx: usize) -> &'a str {
        self.words.get(token_idx).copied().unwrap_or("")
    }
}

/// One sentence, its words and the mentions in it, with token positions.
///
/// One view is loaded with each sentence in turn, so its buffers are allocated once per
/// article rather than once per sentence.
struct SentenceView<'a> {
    tokens: &'a [Token],
    words: &'a Words<'a>,
    /// All mentions of the document, sorted by start.
    all_mentions: &'a [Mention],
    range: Range<usize>,
    /// Boundary count before each token (a token that is a boundary starts a new clause).
    clause_of: Vec<usize>,
    /// Clause token ranges, indexed by clause number.
    clauses: Vec<Range<usize>>,
    /// (first token, last token + 1, mention) for mentions in the sentence.
    mentions: Vec<(usize, usize, &'a Mention)>,
    /// Tokens covered by some mention (never trigger words).
    in_mention: Vec<bool>,
    /// The actor mentions of a trigger's clause, for [`Self::describe`]: one buffer for
    /// the article.
    in_clause: Vec<(usize, usize, &'a Mention)>,
    previous_mentions: &'a [Mention],
}

impl<'a> SentenceView<'a> {
    /// An empty view, to [`load`](Self::load) with a sentence.
    fn new(
        context: &'a Context,
        words: &'a Words<'a>,
        mentions: &'a [Mention],
    ) -> SentenceView<'a> {
        SentenceView {
            tokens: &context.segmented.tokens,
            words,
            all_mentions: mentions,
            range: 0..0,
            clause_of: Vec::new(),
            clauses: Vec::new(),
            mentions: Vec::new(),
            in_mention: Vec::new(),
            in_clause: Vec::new(),
            previous_mentions: &[],
        }
    }

    /// Makes this the view of the sentence of tokens `range`.
    fn load(&mut self, range: Range<usize>) {
        let tokens = self.tokens;
        let words = self.words;
        let mentions = self.all_mentions;
        let n_words = tokens.get(range.clone()).map_or(0, <[Token]>::len);
        self.clause_of.clear();
        self.clauses.clear();
        let mut clause_start = range.start;
        let mut count = 0;
        for offset in 0..n_words {
            let token = range.start + offset;
            // The word before, for the breaks that depend on it (never asked at offset 0).
            let previous = || words.word(token - 1);
            let clause_break =
                words.lexicon[token].map_or(ClauseBreak::Never, |entry| entry.clause_break);
            let boundary = offset > 0
                && match clause_break {
                    ClauseBreak::Never => false,
                    ClauseBreak::Always => true,
                    ClauseBreak::UnlessAfterShortly => previous() != "shortly",
                    ClauseBreak::AfterComma => previous() == ",",
                };
            if boundary {
                self.clauses.push(clause_start..range.start + offset);
                clause_start = range.start + offset;
                count += 1;
            }
            self.clause_of.push(count);
        }
        self.clauses.push(clause_start..range.end);
        let sentence_start = tokens.get(range.start).map_or(0, |t| t.start);
        let sentence_end = tokens
            .get(range.end.wrapping_sub(1))
            .map_or(sentence_start, |t| t.end);
        let in_sentence = mentions_in(mentions, sentence_start, sentence_end);
        self.in_mention.clear();
        self.in_mention.resize(n_words, false);
        self.mentions.clear();
        // Token of a byte offset, searched among the sentence's tokens: a mention starts in
        // the sentence, and only one that runs past it needs the whole article's.
        let sentence_tokens = tokens.get(range.clone()).unwrap_or(&[]);
        let token_at = |byte: usize| {
            let in_sentence = sentence_tokens.partition_point(|token| token.start < byte);
            if in_sentence < sentence_tokens.len() {
                range.start + in_sentence
            } else {
                tokens.partition_point(|token| token.start < byte)
            }
        };
        for mention in in_sentence {
            let first = token_at(mention.start);
            let last = token_at(mention.end);
            if first >= last {
                continue;
            }
            for flag in self
                .in_mention
                .get_mut(first.saturating_sub(range.start)..last.saturating_sub(range.start))
                .into_iter()
                .flatten()
            {
                *flag = true;
            }
            self.mentions.push((first, last, mention));
        }
        let first_mention = mentions.partition_point(|mention| mention.start < sentence_start);
        self.previous_mentions = &mentions[..first_mention];
        self.range = range;
    }

    fn end_byte(&self) -> usize {
        self.tokens
            .get(self.range.end.wrapping_sub(1))
            .map_or(0, |token| token.end)
    }

    /// A token's word in lower case ("" outside the sentence).
    fn word(&self, token: usize) -> &'a str {
        if self.range.contains(&token) {
            self.words.word(token)
        } else {
            ""
        }
    }

    /// The lexicon's entry for a token's word (none outside the sentence).
    fn entry(&self, token: usize) -> Option<&'static WordEntry> {
        if self.range.contains(&token) {
            self.words.lexicon.get(token).copied().flatten()
        } else {
            None
        }
    }

    fn is_speech_verb(&self, token: usize) -> bool {
        self.entry(token).is_some_and(|entry| entry.speech_verb)
    }

    /// The lower-cased words of the sentence, in order.
    fn words(&self) -> impl Iterator<Item = &str> + '_ {
        self.range.clone().map(|token| self.word(token))
    }

    fn clause_number(&self, token: usize) -> usize {
        token
            .checked_sub(self.range.start)
            .and_then(|offset| self.clause_of.get(offset))
            .copied()
            .unwrap_or(0)
    }

    /// The first token of a place mention that ends just before `token` (the "U.S." of
    /// "U.S. troops"), else `token`.
    fn modifier_start(&self, token: usize) -> usize {
        self.mentions
            .iter()
            .find(|(first, last, mention)| {
                *last == token && *first < token && mention.kind == MentionKind::Place
            })
            .map_or(token, |(first, _, _)| *first)
    }

    fn clause(&self, token: usize) -> Range<usize> {
        self.clauses
            .get(self.clause_number(token))
            .cloned()
            .unwrap_or(self.range.clone())
    }

    /// Trigger hits: (token range, type, form), longest match at each position, written in
    /// `hits`.
    fn find_triggers(&self, hits: &mut Vec<(Range<usize>, &'static str, Form)>) {
        hits.clear();
        let mut token = self.range.start;
        while token < self.range.end {
            let offset = token - self.range.start;
            if self.in_mention.get(offset).copied().unwrap_or(true) {
                token += 1;
                continue;
            }
            // (trigger, its word count, matched tokens): the longest match, the first of
            // equals.
            let mut best: Option<(usize, usize, Range<usize>)> = None;
            let triggers = self.entry(token).map_or(&[][..], |entry| &entry.triggers);
            for &TriggerEntry { idx, n_words } in triggers {
                let (pattern, _, _) = TRIGGERS[idx];
                // The entry is this word's: a one-word trigger matches it as it is.
                let end = if n_words == 1 {
                    Some(token + 1)
                } else {
                    self.match_pattern(token, pattern)
                };
                if let Some(end) = end {
                    if best
                        .as_ref()
                        .is_none_or(|(_, best_n_words, _)| *best_n_words < n_words)
                    {
                        best = Some((idx, n_words, token..end));
                    }
                }
            }
            match best {
                Some((trigger_idx, _, range)) => {
                    let (_, event_type, form) = TRIGGERS[trigger_idx];
                    if let Some(event_type) = self.disambiguate(range.clone(), event_type) {
                        hits.push((range.clone(), event_type, form));
                    }
                    token = range.end;
                }
                None => token += 1,
            }
        }
    }

    /// The pattern's words in order from `token`, with at most two words between them.
    fn match_pattern(&self, token: usize, pattern: &str) -> Option<usize> {
        let mut position = token;
        for (n, word) in pattern.split(' ').enumerate() {
            if n == 0 {
                if self.word(position) != word {
                    return None;
                }
                position += 1;
                continue;
            }
            let found = (position..(position + 3).min(self.range.end))
                .find(|&candidate| self.word(candidate) == word)?;
            position = found + 1;
        }
        Some(position)
    }

    fn sentence_has(&self, words: &[&str]) -> bool {
        self.words().any(|word| words.contains(&word))
    }

    /// Sense checks for ambiguous triggers; None drops the hit.
    fn disambiguate(&self, range: Range<usize>, event_type: &'static str) -> Option<&'static str> {
        let first = self.word(range.start);
        let next = self.word(range.end);
        match first {
            "strike" | "strikes" => {
                if self.word(range.start.wrapping_sub(1)) == "hunger"
                    || self.sentence_has(&["workers", "union", "unions", "walkout", "wages", "pay"])
                {
                    return Some("protest");
                }
                Some(event_type)
            }
            "struck" => {
                if self.sentence_has(&[
                    "earthquake",
                    "quake",
                    "storm",
                    "hurricane",
                    "typhoon",
                    "tornado",
                    "lightning",
                    "cyclone",
                    "deal",
                    "agreement",
                    "car",
                    "vehicle",
                    "truck",
                    "train",
                ]) {
                    return None;
                }
                Some(event_type)
            }
            "fired" | "firing" => {
                let weapons = [
                    "rocket",
                    "rockets",
                    "missile",
                    "missiles",
                    "shots",
                    "shells",
                    "at",
                    "on",
                    "gun",
                    "guns",
                    "artillery",
                    "mortar",
                    "mortars",
                    "back",
                    "bullets",
                    "tear",
                    "gas",
                    "weapons",
                    "shot",
                    "upon",
                    "drones",
                ];
                let window = (range.end..(range.end + 4).min(self.range.end))
                    .any(|token| weapons.contains(&self.word(token)));
                window.then_some(event_type)
            }
            "fell" | "rose" | "plunged" | "soared" | "slumped" | "surged" | "dropped"
            | "climbed" | "sold" | "bought" => self
                .sentence_has(&[
                    "%", "percent", "shares", "stock", "stocks", "price", "prices", "index",
                    "points", "market", "markets", "dollar", "yen", "euro", "sales", "profit",
                    "stake", "company", "million", "billion", "$", "cents", "revenue",
                ])
                .then_some(event_type),
            "primary" => self
                .sentence_has(&[
                    "election",
                    "vote",
                    "votes",
                    "candidate",
                    "democratic",
                    "republican",
                    "ballot",
                ])
                .then_some(event_type),
            "crash" | "crashed" => {
                if self.sentence_has(&[
                    "plane",
                    "jet",
                    "aircraft",
                    "helicopter",
                    "train",
                    "bus",
                    "flight",
                    "airliner",
                ]) {
                    Some(event_type)
                } else if self.sentence_has(&["market", "stock", "stocks", "shares", "prices"]) {
                    Some("economic")
                } else {
                    None
                }
            }
            "vote" | "voted" => Some(event_type),
            "told" => {
                // "told" of a quote attribution is kept: it carries place and time.
                Some(event_type)
            }
            "dead" => (next != "end").then_some(event_type),
            _ => Some(event_type),
        }
    }

    fn is_actor_like(mention: &Mention, places: &HashMap<&str, (bool, PlaceKind)>) -> bool {
        match mention.kind {
            MentionKind::Person | MentionKind::Organization | MentionKind::Group => {
                mention.reference.is_some()
            }
            // A country named for its government ("accused the United States").
            MentionKind::Place => mention
                .reference
                .as_deref()
                .and_then(|id| places.get(id))
                .is_some_and(|&(literal, kind)| !literal && kind == PlaceKind::Country),
            MentionKind::Time => false,
        }
    }

    fn preceded_by_preposition(&self, first_token: usize) -> bool {
        let mut previous = first_token.wrapping_sub(1);
        if self.word(previous) == "the" {
            previous = previous.wrapping_sub(1);
        }
        self.entry(previous).is_some_and(|entry| entry.preposition)
    }

    fn describe(
        &mut self,
        trigger: Range<usize>,
        event_type: &'static str,
        form: Form,
        places: &HashMap<&str, (bool, PlaceKind)>,
        sentence_idx: usize,
    ) -> EventMention<'a> {
        let clause = self.clause(trigger.start);
        let clause_number = self.clause_number(trigger.start);
        let before = |token: usize| -> &str { self.word(token) };
        // Passive: "were attacked by", "was killed".
        let previous = before(trigger.start.wrapping_sub(1));
        let passive = matches!(
            previous,
            "was" | "were" | "been" | "being" | "is" | "are" | "be"
        ) || (form == Form::Verb && self.word(trigger.end) == "by");
        let mut agents = Vec::new();
        let mut targets = Vec::new();
        let mut agent_token = None;
        let mut target_end_token = None;
        // Actor mentions of the clause.
        let mut in_clause = std::mem::take(&mut self.in_clause);
        in_clause.clear();
        in_clause.extend(self.mentions.iter().copied().filter(|(first, _, mention)| {
            self.clause_number(*first) == clause_number && Self::is_actor_like(mention, places)
        }));
        let by_agent = in_clause.iter().find(|(first, _, _)| {
            *first > trigger.end.saturating_sub(1)
                && *first <= trigger.end + 2
                && (trigger.end..*first).any(|token| self.word(token) == "by")
        });
        let left_subject = in_clause
            .iter()
            .rev()
            .find(|(first, last, _)| {
                *last <= trigger.start && !self.preceded_by_preposition(*first)
            })
            .or_else(|| {
                // A subject whose prepositional tail holds other names ("X, a spokesman for
                // the Y, said"): the first name of the clause.
                in_clause
                    .iter()
                    .find(|(first, last, _)| *last <= trigger.start && *first == clause.start)
            });
        let reference = |mention: &'a Mention| mention.reference.as_deref();
        // "he told": a pronoun subject is the latest person before the sentence (looked for
        // only without a named subject).
        let pronoun_subject = left_subject
            .is_none()
            .then(|| {
                (clause.start..trigger.start)
                    .rev()
                    .find(|&token| matches!(self.word(token), "he" | "she"))
            })
            .flatten()
            .and_then(|_| {
                let byte = self.tokens.get(self.range.start).map_or(0, |t| t.start);
                latest_actor(self.previous_mentions, byte, &[MentionKind::Person])
            });
        match form {
            Form::Verb | Form::Weak if !passive => {
                if let Some((first, _, mention)) = left_subject {
                    agents.extend(reference(mention));
                    agent_token = Some(*first);
                } else if let Some(person) = pronoun_subject {
                    agents.push(person);
                }
            }
            Form::Verb | Form::Weak | Form::Undergo => {
                if let Some((first, _, mention)) = left_subject {
                    targets.extend(reference(mention));
                    agent_token = Some(*first);
                }
                if let Some((_, _, mention)) = by_agent {
                    agents.extend(reference(mention));
                }
            }
            Form::Nominal => {
                let light_verb =
                    (trigger.start.saturating_sub(4)..trigger.start)
                        .rev()
                        .find(|&token| {
                            token >= clause.start
                                && self.entry(token).is_some_and(|entry| entry.light_verb)
                        });
                if let Some(verb) = light_verb {
                    if let Some((first, _, mention)) =
                        in_clause.iter().rev().find(|(first, last, _)| {
                            *last <= verb && !self.preceded_by_preposition(*first)
                        })
                    {
                        agents.extend(reference(mention));
                        agent_token = Some(*first);
                    }
                } else if let Some((first, _, mention)) = in_clause
                    .iter()
                    .find(|(_, last, _)| *last == trigger.start || *last + 1 == trigger.start)
                {
                    agents.extend(reference(mention));
                    agent_token = Some(*first);
                }
                if let Some((_, _, mention)) = by_agent {
                    agents.extend(reference(mention));
                }
            }
        }
        // Targets: names after the trigger in the clause (not "by X").
        for (first, last, mention) in &in_clause {
            if *first < trigger.end || *first > trigger.end + 12 {
                continue;
            }
            if (trigger.end..*first).any(|token| self.word(token) == "by") {
                continue;
            }
            if form == Form::Nominal
                && !(trigger.end..*first).any(|token| {
                    matches!(
                        self.word(token),
                        "against" | "on" | "at" | "targeting" | "of"
                    )
                })
            {
                continue;
            }
            if let Some(id) = reference(mention) {
                if !agents.contains(&id) && !targets.contains(&id) {
                    targets.push(id);
                    target_end_token = Some(last.saturating_sub(1));
                }
            }
        }
        // Literal places of the clause.
        let mut event_places = Vec::new();
        for (first, _, mention) in &self.mentions {
            if mention.kind != MentionKind::Place || self.clause_number(*first) != clause_number {
                continue;
            }
            if let Some(id) = mention.reference.as_deref() {
                if places.get(id).is_some_and(|&(literal, _)| literal) {
                    push_unique(&mut event_places, id);
                }
            }
        }
        // Negation and hypotheticals before the trigger in the clause.
        let window_start = clause.start.max(trigger.start.saturating_sub(4));
        let negated = (window_start..trigger.start)
            .any(|token| self.entry(token).is_some_and(|entry| entry.negation));
        let hypothetical = (clause.start.max(trigger.start.saturating_sub(5))..trigger.start)
            .any(|token| self.entry(token).is_some_and(|entry| entry.modal))
            || matches!(self.word(clause.start), "whether" | "if" | "unless")
            || (form != Form::Nominal && self.word(trigger.start.wrapping_sub(1)) == "to")
            || (event_type == "threat" && self.word(trigger.end) == "to")
            || (event_type == "threat" && self.word(trigger.end.wrapping_sub(2)) == "to");
        // Definite nominals and distinct ones.
        let mut definite = false;
        let mut distinct = false;
        if form == Form::Nominal {
            for token in
                (self.range.start.max(trigger.start.saturating_sub(6))..trigger.start).rev()
            {
                let word = self.word(token);
                if matches!(
                    word,
                    "the" | "these" | "those" | "this" | "its" | "their" | "his" | "her" | "our"
                ) {
                    definite = true;
                    break;
                }
                if matches!(word, "“" | "”" | "\"") {
                    continue;
                }
                if matches!(word, "a" | "an" | "," | "and" | "or")
                    || self
                        .entry(token)
                        .is_some_and(|entry| entry.speech_verb || entry.light_verb)
                {
                    break;
                }
            }
            distinct =
                (clause.start.max(trigger.start.saturating_sub(3))..trigger.start).any(|token| {
                    self.entry(token)
                        .is_some_and(|entry| entry.distinct_modifier)
                });
        }
        // A group named with its place ("U.S." + "troops") is summarised from the place.
        let agent_token = agent_token.map(|token| self.modifier_start(token));
        self.in_clause = in_clause;
        EventMention {
            sentence: sentence_idx,
            trigger,
            clause,
            event_type,
            form,
            definite,
            distinct,
            agents,
            agent_token,
            targets,
            target_end_token,
            places: event_places,
            sources: Vec::new(),
            own_time: None,
            statement_time: None,
            anchor: None,
            is_anchor: false,
            anchor_phrase: false,
            subject_nominal: None,
            negated,
            hypothetical,
            in_title: false,
        }
    }

    /// Token index of a byte offset.
    fn token_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|token| token.start < byte)
    }

    /// Attaches each time of the sentence to the nearest trigger or speech verb.
    fn attach_times(&self, mentions: &mut [EventMention], times: &[(usize, usize, usize)]) {
        let sentence_start = self.tokens.get(self.range.start).map_or(0, |t| t.start);
        let sentence_end = self.end_byte();
        let first = times.partition_point(|&(start, _, _)| start < sentence_start);
        if times
            .get(first)
            .is_none_or(|&(start, _, _)| start >= sentence_end)
        {
            // No time in the sentence: nothing to attach.
            return;
        }
        let speech_verbs: Vec<usize> = (self.range.clone())
            .filter(|&token| self.is_speech_verb(token))
            .collect();
        for &(start, end, time_idx) in times[first..]
            .iter()
            .take_while(|(start, _, _)| *start < sentence_end)
        {
            let time_first = self.token_at(start);
            let time_last = self.token_at(end).saturating_sub(1).max(time_first);
            let cost = |from: usize, to: usize| -> usize {
                // Token distance between two spans plus eight per boundary crossed.
                let (a, b) = if to < time_first {
                    (to, time_first)
                } else {
                    (time_last, from)
                };
                let distance = b.saturating_sub(a);
                let boundaries = self.clause_number(b).abs_diff(self.clause_number(a));
                distance + 8 * boundaries
            };
            let best_mention = mentions
                .iter()
                .enumerate()
                .map(|(idx, mention)| (cost(mention.trigger.start, mention.trigger.end - 1), idx))
                .min();
            let best_speech = speech_verbs
                .iter()
                .filter(|&&verb| !mentions.iter().any(|m| m.trigger.contains(&verb)))
                .map(|&verb| cost(verb, verb))
                .min();
            match (best_mention, best_speech) {
                (Some((mention_cost, idx)), speech) if speech.is_none_or(|s| mention_cost <= s) => {
                    let mention = &mut mentions[idx];
                    if mention.own_time.is_none() {
                        mention.own_time = Some(time_idx);
                    }
                    // A time on a speech-act trigger ("told ... on Sunday") also dates what
                    // it reports.
                    if mention.event_type == "statement" {
                        for other in mentions.iter_mut() {
                            if other.statement_time.is_none() {
                                other.statement_time = Some(time_idx);
                            }
                        }
                    }
                }
                (_, Some(_)) => {
                    for mention in mentions.iter_mut() {
                        if mention.statement_time.is_none() {
                            mention.statement_time = Some(time_idx);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Anchors ("hours before the rocket fire") and subjects that are events ("the strikes
    /// killed").
    fn link_within(&self, all: &mut [EventMention], here: Range<usize>) {
        let mut anchor: Option<(&'static str, usize)> = None;
        for idx in here.clone() {
            let trigger_start = all[idx].trigger.start;
            let lookback = trigger_start.saturating_sub(6).max(self.range.start);
            for token in (lookback..trigger_start).rev() {
                let word = self.word(token);
                if matches!(word, "before" | "after") {
                    let qualifier = self.word(token.wrapping_sub(1));
                    let temporal = matches!(
                        qualifier,
                        "just"
                            | "shortly"
                            | "hours"
                            | "minutes"
                            | "days"
                            | "weeks"
                            | "soon"
                            | "moments"
                            | "immediately"
                            | "long"
                            | "months"
                            | "years"
                            | ","
                    ) || token == self.range.start
                        || self.word(token.wrapping_sub(1)).is_empty();
                    if temporal || token <= self.range.start + 1 {
                        let relation = if word == "before" { "before" } else { "after" };
                        anchor = Some((relation, idx));
                        all[idx].is_anchor = true;
                        all[idx].anchor_phrase =
                            all[idx].form == Form::Nominal && trigger_start - token <= 4;
                    }
                    break;
                }
                if matches!(word, "." | ";") {
                    break;
                }
            }
        }
        if let Some((relation, anchor_idx)) = anchor {
            for idx in here.clone() {
                if idx != anchor_idx && !all[idx].is_anchor {
                    all[idx].anchor = Some((relation, anchor_idx));
                }
            }
        }
        for idx in here.clone() {
            if !all[idx].agents.is_empty() || all[idx].form == Form::Nominal {
                continue;
            }
            let clause = all[idx].clause.clone();
            let trigger_start = all[idx].trigger.start;
            let subject = here.clone().rev().find(|&other| {
                other != idx
                    && all[other].form == Form::Nominal
                    && all[other].trigger.end <= trigger_start
                    && clause.contains(&all[other].trigger.start)
            });
            all[idx].subject_nominal = subject;
        }
    }

    /// Subjects of the speech verbs of the sentence: they are sources of what it reports.
    fn speech_sources(&self, statements: &'a [(usize, String)]) -> Vec<&'a str> {
        let mut sources = Vec::new();
        for token in self.range.clone() {
            if !self.is_speech_verb(token) {
                continue;
            }
            let clause_number = self.clause_number(token);
            let subject = self
                .mentions
                .iter()
                .rev()
                .find(|(first, last, mention)| {
                    *last <= token
                        && self.clause_number(*first) == clause_number
                        && matches!(
                            mention.kind,
                            MentionKind::Person | MentionKind::Organization | MentionKind::Group
                        )
                        && mention.reference.is_some()
                        && !self.preceded_by_preposition(*first)
                })
                .or_else(|| {
                    self.mentions.iter().find(|(first, _, mention)| {
                        *first > token
                            && *first <= token + 3
                            && matches!(
                                mention.kind,
                                MentionKind::Person | MentionKind::Organization
                            )
                            && mention.reference.is_some()
                    })
                })
                .or_else(|| {
                    // "Col. X, a spokesman for the Y, said": the clause's first name.
                    self.mentions.iter().find(|(first, last, mention)| {
                        *last <= token && *first == self.range.start && mention.reference.is_some()
                    })
                })
                .and_then(|(_, _, mention)| mention.reference.as_deref());
            let subject = subject.or_else(|| {
                let previous = self.word(token.wrapping_sub(1));
                let before_previous = self.word(token.wrapping_sub(2));
                let byte = self.tokens.get(token).map_or(0, |t| t.start);
                match (before_previous, previous) {
                    (_, "he") | (_, "she") => {
                        latest_actor(self.previous_mentions, byte, &[MentionKind::Person])
                    }
                    ("the", "statement") => {
                        let last = statements.partition_point(|&(pos, _)| pos < byte);
                        last.checked_sub(1)
                            .and_then(|idx| statements.get(idx))
                            .map(|(_, issuer)| issuer.as_str())
                    }
                    _ => None,
                }
            });
            if let Some(subject) = subject {
                push_unique(&mut sources, subject);
            }
        }
        sources
    }
}

#[cfg(test)]
mod tests {
    use crate::{AnalyzeOptions, Engine};

    #[test]
    fn finds_typed_events_with_flags() {
        let document = Engine::default().analyze(
            "Some Headline Words\n\nThere are no injuries after the blast. Militias vowed to retaliate.",
            &AnalyzeOptions::default(),
        );
        let casualty = document
            .events
            .iter()
            .find(|event| event.event_type == "casualty")
            .expect("a casualty event");
        assert!(casualty.negated);
        let threat = document
            .events
            .iter()
            .find(|event| event.event_type == "threat")
            .expect("a threat event");
        assert!(threat.hypothetical);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let engine = Engine::default();
        for text in [
            "",
            "“",
            "killed",
            "the strikes the strikes",
            "\n\n“said\n",
            "Before after. After before the attack.",
        ] {
            let _ = engine.analyze(text, &AnalyzeOptions::default());
        }
    }
}
