//! Named entities: people (PER), organisations (ORG), locations (LOC) and MISC (demonyms,
//! nationalities, events, other names).
//!
//! The recogniser is a structured averaged perceptron trained on CoNLL-2003
//! (`cargo xtask train-ner`, see assets/README.md): each sentence gets its best BIO tag
//! sequence by Viterbi search ([`tagger`]), each tag scored from hashed features of the
//! word, its shape, affixes, neighbours and word clusters ([`features`], [`clusters`]) plus
//! tag-to-tag transition scores, looked up in a sparse quantised weight table decoded once
//! from the model bytes ([`model`]). Headlines and other Title Case or ALL CAPS sentences
//! are read without case.
//!
//! Without a model (while it downloads) a rule fallback marks runs of capitalised words,
//! so the rest of the pipeline has something to work with.
//!
//! Cost: about 50 features per token. Those that depend on one word alone (the token's
//! own, and what a word gives the tokens up to two places before and after it) are scored
//! once per distinct word and position of the article; the rest, which combine neighbours
//! or read the whole document, per token (the seed: about 15,000 lookups for 689 tokens).
//! Then a Viterbi step over 9 tags per token (`cargo xtask bench-ner` prints tokens per
//! second).
//!
//! ```
//! use dateline_engine::entities::{chunks, BioTag, EntityLabel};
//! // Tags to entity chunks, as the recogniser and the evaluation read them.
//! let tags: Vec<BioTag> = ["B-PER", "I-PER", "O", "B-LOC"]
//!     .iter()
//!     .filter_map(|tag| BioTag::parse(tag))
//!     .collect();
//! assert_eq!(chunks(&tags), [(0..2, EntityLabel::Per), (3..4, EntityLabel::Loc)]);
//! ```

pub mod clusters;
pub mod features;
pub mod model;
pub mod tagger;

use std::ops::Range;

use crate::Context;

pub use features::{bucket_of, looks_caseless, CaseMode, DocumentContext, SentenceFeatures};
pub use model::NerModel;
pub use tagger::{chunks, tag_document, tag_tokens, Score, Tagger, Viterbi};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityLabel {
    Per,
    Org,
    Loc,
    Misc,
}

impl EntityLabel {
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::Per,
        EntityLabel::Org,
        EntityLabel::Loc,
        EntityLabel::Misc,
    ];

    /// The CoNLL name: "PER", "ORG", "LOC", "MISC".
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }

    pub fn parse(name: &str) -> Option<EntityLabel> {
        EntityLabel::ALL
            .into_iter()
            .find(|label| label.as_str() == name)
    }
}

/// Number of BIO tags: `O` plus `B-` and `I-` for each label.
pub const N_TAGS: usize = 9;

/// A BIO tag. The index order (O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC)
/// is the column order of the model's weight table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BioTag {
    Outside,
    Begin(EntityLabel),
    Inside(EntityLabel),
}

impl BioTag {
    pub fn index(self) -> usize {
        let label_idx = |label: EntityLabel| match label {
            EntityLabel::Per => 0,
            EntityLabel::Org => 1,
            EntityLabel::Loc => 2,
            EntityLabel::Misc => 3,
        };
        match self {
            BioTag::Outside => 0,
            BioTag::Begin(label) => 1 + 2 * label_idx(label),
            BioTag::Inside(label) => 2 + 2 * label_idx(label),
        }
    }

    /// Inverse of [`BioTag::index`]; indices past the last tag read as `O`.
    pub fn from_index(idx: usize) -> BioTag {
        if idx == 0 || idx >= N_TAGS {
            return BioTag::Outside;
        }
        let label = EntityLabel::ALL[(idx - 1) / 2];
        if idx % 2 == 1 {
            BioTag::Begin(label)
        } else {
            BioTag::Inside(label)
        }
    }

    pub fn label(self) -> Option<EntityLabel> {
        match self {
            BioTag::Outside => None,
            BioTag::Begin(label) | BioTag::Inside(label) => Some(label),
        }
    }

    /// Reads "O", "B-PER", "I-LOC", ... (and IOB1's bare "I-X", which is the same tag).
    pub fn parse(tag: &str) -> Option<BioTag> {
        if tag == "O" {
            return Some(BioTag::Outside);
        }
        let (prefix, name) = tag.split_once('-')?;
        let label = EntityLabel::parse(name)?;
        match prefix {
            "B" => Some(BioTag::Begin(label)),
            "I" => Some(BioTag::Inside(label)),
            _ => None,
        }
    }
}

impl std::fmt::Display for BioTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BioTag::Outside => write!(f, "O"),
            BioTag::Begin(label) => write!(f, "B-{}", label.as_str()),
            BioTag::Inside(label) => write!(f, "I-{}", label.as_str()),
        }
    }
}

/// One recognised name: byte span, token range and label.
#[derive(Debug, Clone, PartialEq)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
    pub sentence: usize,
    pub label: EntityLabel,
}

/// Finds the entities of every sentence: with the model when there is one, else by rule.
pub fn recognise(model: Option<&NerModel>, context: &Context) -> Vec<EntitySpan> {
    match model {
        Some(model) => recognise_with_model(model, context),
        None => recognise_by_rule(context),
    }
}

fn recognise_with_model(model: &NerModel, context: &Context) -> Vec<EntitySpan> {
    let text = context.text;
    let segmented = context.segmented;
    // Every sentence's words and case reading, once: the document context reads them all
    // before the first sentence is tagged.
    let mut words: Vec<&str> = Vec::with_capacity(segmented.tokens.len());
    let mut sentences: Vec<(Range<usize>, bool)> =
        Vec::with_capacity(segmented.sentence_tokens.len());
    // Buffers sized for the document's distinct words (about half its tokens in a news
    // article) grow once instead of doubling their way up; capped so that a long text
    // does not reserve for words it will never have.
    let distinct_words = (segmented.tokens.len() / 2).min(512);
    let mut document = DocumentContext::default();
    document.reserve_words(distinct_words);
    for range in &segmented.sentence_tokens {
        let start = words.len();
        words.extend(range.clone().filter_map(|idx| {
            segmented
                .tokens
                .get(idx)
                .and_then(|token| text.get(token.start..token.end))
        }));
        let sentence_words = &words[start..];
        let caseless = looks_caseless(sentence_words);
        document.add_sentence_read(sentence_words, caseless);
        sentences.push((start..words.len(), caseless));
    }
    let mut tagger = Tagger::new(model);
    tagger.reserve_words(distinct_words);
    let mut tags = Vec::new();
    let mut spans = Vec::new();
    for ((sentence_idx, range), (word_range, caseless)) in
        segmented.sentence_tokens.iter().enumerate().zip(sentences)
    {
        let sentence_words = &words[word_range];
        if sentence_words.len() != range.len() {
            // Only a malformed segmentation could get here; skip the sentence, don't panic.
            continue;
        }
        let case_mode = if caseless {
            CaseMode::ForceCaseless
        } else {
            CaseMode::ForceCased
        };
        tagger.tag_in_document_read(sentence_words, case_mode, Some(&document), &mut tags);
        for (chunk, label) in chunks(&tags) {
            let first = range.start + chunk.start;
            let last = range.start + chunk.end - 1;
            spans.push(EntitySpan {
                start: segmented.tokens[first].start,
                end: segmented.tokens[last].end,
                tokens: first..last + 1,
                sentence: sentence_idx,
                label,
            });
        }
    }
    spans
}

/// Capitalised words that start sentences or lines without being names.
const NOT_NAMES: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "It", "He", "She", "They", "We", "I", "But", "And", "This",
    "That", "There", "As", "For", "If", "When", "After", "Before", "While", "His", "Her", "Their",
    "Its", "Our", "By", "From", "With", "Of", "To",
];

/// The fallback: runs of capitalised words, not counting a lone sentence-initial function
/// word. Labels are guesses (organisation), to be replaced by the model.
fn recognise_by_rule(context: &Context) -> Vec<EntitySpan> {
    let text = context.text;
    let segmented = context.segmented;
    let capitalised = |idx: usize| {
        segmented
            .tokens
            .get(idx)
            .and_then(|token| text.get(token.start..token.end))
            .is_some_and(|word| {
                word.chars().next().is_some_and(|c| c.is_uppercase()) && !NOT_NAMES.contains(&word)
            })
    };
    let mut spans = Vec::new();
    for (sentence_idx, range) in segmented.sentence_tokens.iter().enumerate() {
        let mut idx = range.start;
        while idx < range.end {
            if !capitalised(idx) {
                idx += 1;
                continue;
            }
            let start = idx;
            while idx < range.end && capitalised(idx) {
                idx += 1;
            }
            let (Some(first), Some(last)) =
                (segmented.tokens.get(start), segmented.tokens.get(idx - 1))
            else {
                continue;
            };
            spans.push(EntitySpan {
                start: first.start,
                end: last.end,
                tokens: start..idx,
                sentence: sentence_idx,
                label: EntityLabel::Org,
            });
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_tags_round_trip() {
        for idx in 0..N_TAGS {
            let tag = BioTag::from_index(idx);
            assert_eq!(tag.index(), idx);
            assert_eq!(BioTag::parse(&tag.to_string()), Some(tag));
        }
        assert_eq!(BioTag::from_index(99), BioTag::Outside);
        assert_eq!(BioTag::parse("B-XYZ"), None);
        assert_eq!(BioTag::parse("E-PER"), None);
    }

    #[test]
    fn rule_fallback_finds_capitalised_runs() {
        let text = "The troops met Col. Wayne Maratto in Rome.";
        let segmented = crate::segment::segment(text);
        let frame = crate::normalize::prepare(text).frame;
        let context = Context {
            text,
            frame: &frame,
            segmented: &segmented,
            dct: None,
        };
        let names: Vec<&str> = recognise(None, &context)
            .iter()
            .map(|span| &text[span.start..span.end])
            .collect();
        assert_eq!(names, ["Col. Wayne Maratto", "Rome"]);
    }
}
