//! Greedy left-to-right tagging of one tokenised sentence with BIO tags.
//!
//! Each token's tag is the best-scoring one given its features and the two tags chosen
//! before it (the perceptron learned with exactly this decoder, so its history features
//! know the decoder's own mistakes). A Viterbi search would let later words revise earlier
//! tags, but costs `N_TAGS` times more scoring for history features; on CoNLL-2003 greedy
//! decoding with rich features loses little. The one hard rule: `I-X` only continues a
//! `B-X` or `I-X`, so every predicted span is well formed.
//!
//! ```
//! use dateline_engine::entities::{tag_tokens, BioTag, NerModel, N_TAGS};
//! let model = NerModel::from_bytes(NerModel::encode(&vec![0.0; 64 * N_TAGS], 64, 2)).unwrap();
//! let tags = tag_tokens(&model, &["Wayne", "Maratto", "said"]);
//! assert_eq!(tags, [BioTag::Outside; 3]); // an empty model finds nothing
//! ```

use std::ops::Range;

use super::features::{CaseMode, DocumentContext, SentenceFeatures};
use super::model::NerModel;
use super::{BioTag, EntityLabel, N_TAGS};

/// A reusable tagger: keeps its feature buffers between sentences.
pub struct Tagger<'m> {
    model: &'m NerModel,
    features: SentenceFeatures,
    hashes: Vec<u64>,
}

impl<'m> Tagger<'m> {
    pub fn new(model: &'m NerModel) -> Tagger<'m> {
        Tagger {
            model,
            features: SentenceFeatures::default(),
            hashes: Vec::with_capacity(64),
        }
    }

    /// Tags one sentence of CoNLL-style tokens into `tags` (cleared first).
    pub fn tag(&mut self, words: &[&str], tags: &mut Vec<BioTag>) {
        self.tag_in_document(words, None, tags);
    }

    /// Tags one sentence of an article whose [`DocumentContext`] has been built from all
    /// its sentences.
    pub fn tag_in_document(
        &mut self,
        words: &[&str],
        document: Option<&DocumentContext>,
        tags: &mut Vec<BioTag>,
    ) {
        tags.clear();
        self.features
            .prepare_in_document(words, CaseMode::Detect, document);
        let mut prev = BioTag::Outside;
        let mut prev_prev = BioTag::Outside;
        for idx in 0..words.len() {
            self.hashes.clear();
            self.features
                .token_features(idx, prev, prev_prev, &mut self.hashes);
            let mut scores = [0i32; N_TAGS];
            self.model.add_scores(&self.hashes, &mut scores);
            let tag = best_tag(&scores, prev);
            tags.push(tag);
            prev_prev = prev;
            prev = tag;
        }
    }
}

/// Tags one sentence of CoNLL-style tokens (the evaluation and the pipeline both use this).
pub fn tag_tokens(model: &NerModel, words: &[&str]) -> Vec<BioTag> {
    let mut tags = Vec::with_capacity(words.len());
    Tagger::new(model).tag(words, &mut tags);
    tags
}

/// Tags every sentence of one article (CoNLL-style tokens), with document-level features.
pub fn tag_document(model: &NerModel, sentences: &[Vec<&str>]) -> Vec<Vec<BioTag>> {
    let mut document = DocumentContext::default();
    for words in sentences {
        document.add_sentence(words);
    }
    let mut tagger = Tagger::new(model);
    sentences
        .iter()
        .map(|words| {
            let mut tags = Vec::with_capacity(words.len());
            tagger.tag_in_document(words, Some(&document), &mut tags);
            tags
        })
        .collect()
}

/// The best tag by score that may follow `prev` (`I-X` only after `B-X`/`I-X`). Generic
/// over the score type so the trainer's `f32` weights decode exactly like the model.
pub fn best_tag<S: PartialOrd + Copy>(scores: &[S; N_TAGS], prev: BioTag) -> BioTag {
    let mut best = BioTag::Outside;
    let mut best_score = scores[0];
    for (idx, &score) in scores.iter().enumerate().skip(1) {
        let tag = BioTag::from_index(idx);
        if score > best_score && may_follow(prev, tag) {
            best = tag;
            best_score = score;
        }
    }
    best
}

/// Whether `tag` may follow `prev` in a well-formed BIO sequence.
pub fn may_follow(prev: BioTag, tag: BioTag) -> bool {
    match tag {
        BioTag::Inside(label) => prev.label() == Some(label),
        _ => true,
    }
}

/// Entity chunks of a BIO sequence, as conlleval reads them: a chunk starts at `B-X`, or at
/// `I-X` after anything but `X`, and runs over the `I-X` that follow.
pub fn chunks(tags: &[BioTag]) -> Vec<(Range<usize>, EntityLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    for (idx, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (BioTag::Inside(label), Some((_, open_label))) if label == open_label);
        if continues {
            continue;
        }
        if let Some((start, label)) = open.take() {
            out.push((start..idx, label));
        }
        if let Some(label) = tag.label() {
            open = Some((idx, label));
        }
    }
    if let Some((start, label)) = open {
        out.push((start..tags.len(), label));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::features::bucket_of;

    #[test]
    fn chunks_follow_conlleval() {
        use BioTag::*;
        use EntityLabel::*;
        let tags = [
            Begin(Per),
            Inside(Per),
            Outside,
            Inside(Loc),
            Begin(Loc),
            Begin(Org),
            Inside(Misc),
        ];
        assert_eq!(
            chunks(&tags),
            [
                (0..2, Per),
                (3..4, Loc),
                (4..5, Loc),
                (5..6, Org),
                (6..7, Misc)
            ]
        );
        assert!(chunks(&[]).is_empty());
    }

    #[test]
    fn best_tag_keeps_bio_well_formed() {
        let mut scores = [0.0f32; N_TAGS];
        scores[BioTag::Inside(EntityLabel::Per).index()] = 5.0;
        scores[BioTag::Begin(EntityLabel::Loc).index()] = 1.0;
        assert_eq!(
            best_tag(&scores, BioTag::Outside),
            BioTag::Begin(EntityLabel::Loc)
        );
        assert_eq!(
            best_tag(&scores, BioTag::Begin(EntityLabel::Per)),
            BioTag::Inside(EntityLabel::Per)
        );
    }

    /// A hand-built model: one pass of perceptron-style updates over one sentence, with the
    /// gold tags as history, is enough for the tagger to reproduce that sentence.
    #[test]
    fn tags_with_a_tiny_hand_built_model() {
        let n_buckets = 1 << 12;
        let mut weights = vec![0.0f32; n_buckets * N_TAGS];
        let words = ["Antony", "Blinken", "visited", "Rome"];
        let gold = [
            BioTag::Begin(EntityLabel::Per),
            BioTag::Inside(EntityLabel::Per),
            BioTag::Outside,
            BioTag::Begin(EntityLabel::Loc),
        ];
        // One pass of perceptron-like updates with gold history.
        let mut features = SentenceFeatures::default();
        features.prepare(&words, CaseMode::Detect);
        let mut hashes = Vec::new();
        for idx in 0..words.len() {
            hashes.clear();
            let prev = if idx > 0 {
                gold[idx - 1]
            } else {
                BioTag::Outside
            };
            let prev_prev = if idx > 1 {
                gold[idx - 2]
            } else {
                BioTag::Outside
            };
            features.token_features(idx, prev, prev_prev, &mut hashes);
            for &hash in &hashes {
                weights[bucket_of(hash, n_buckets) * N_TAGS + gold[idx].index()] += 1.0;
            }
        }
        let model = NerModel::from_bytes(NerModel::encode(&weights, n_buckets, 1))
            .expect("a freshly encoded model reads back");
        assert_eq!(tag_tokens(&model, &words), gold);
        let spans = chunks(&tag_tokens(&model, &words));
        assert_eq!(spans, [(0..2, EntityLabel::Per), (3..4, EntityLabel::Loc)]);
        assert!(tag_tokens(&model, &[]).is_empty());
    }
}
