//! Named entities: people, organisations, locations and MISC (demonyms, nationalities).
//!
//! Placeholder first cut (capitalised runs); the trained model replaces it.

use std::ops::Range;

use crate::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityLabel {
    Per,
    Org,
    Loc,
    Misc,
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

pub struct NerModel {
    #[allow(dead_code)]
    bytes: Vec<u8>,
}

impl NerModel {
    pub fn from_bytes(bytes: Vec<u8>) -> Result<NerModel, String> {
        Ok(NerModel { bytes })
    }
}

pub fn recognise(_model: Option<&NerModel>, context: &Context) -> Vec<EntitySpan> {
    let text = context.text;
    let segmented = context.segmented;
    let mut spans = Vec::new();
    for (sentence_idx, range) in segmented.sentence_tokens.iter().enumerate() {
        let mut i = range.start;
        while i < range.end {
            let word = segmented.token_text(text, i);
            let capitalised = word.chars().next().is_some_and(|c| c.is_uppercase());
            if capitalised && i > range.start {
                let start = i;
                while i < range.end
                    && segmented
                        .token_text(text, i)
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase())
                {
                    i += 1;
                }
                spans.push(EntitySpan {
                    start: segmented.tokens[start].start,
                    end: segmented.tokens[i - 1].end,
                    tokens: start..i,
                    sentence: sentence_idx,
                    label: EntityLabel::Org,
                });
            } else {
                i += 1;
            }
        }
    }
    spans
}
