//! Viterbi tagging of one tokenised sentence with BIO tags.
//!
//! Each token gets a score per tag from its features ([`super::features`], which look at
//! words only), and each pair of neighbouring tags a transition score (including the
//! sentence start and end), both learned together by the structured perceptron in
//! `cargo xtask train-ner`, which decodes with this same search. Viterbi finds the best
//! sequence in at most `N_TAGS²` additions per token, and lets a later word revise an
//! earlier tag ("Real" is B-ORG because "Madrid" follows),
//! which greedy left-to-right decoding could not. The one hard rule: `I-X` only continues a
//! `B-X` or `I-X`, so every predicted span is well formed.
//!
//! ```
//! use dateline_engine::entities::{tag_tokens, BioTag, NerModel, N_TAGS};
//! let model = NerModel::from_bytes(NerModel::encode(&vec![0.0; 64 * N_TAGS], 64, &[], &[], 0, 0.0)).unwrap();
//! let tags = tag_tokens(&model, &["Wayne", "Maratto", "said"]);
//! assert_eq!(tags, [BioTag::Outside; 3]); // an empty model finds nothing
//! ```

use std::ops::{Add, Range};

use super::features::{CaseMode, DocumentContext, SentenceFeatures, NEIGHBOUR_OFFSETS};
use super::model::{NerModel, END_ROW, N_TRANSITION_ROWS, START_ROW};
use super::{BioTag, EntityLabel, N_TAGS};

/// A reusable tagger: keeps its feature and search buffers between sentences.
pub struct Tagger<'m> {
    model: &'m NerModel,
    features: SentenceFeatures,
    hashes: Vec<u64>,
    /// Scores by word slot ([`SentenceFeatures::slot`]) of the features that depend on one
    /// word alone: news repeats its words (the seed article: 689 tokens, 299 distinct), and
    /// these are two thirds of each token's lookups.
    slot_scores: Vec<SlotScores>,
    /// The [`SentenceFeatures::slot_generation`] that `slot_scores` belong to.
    slot_generation: u64,
    emissions: Vec<[i64; N_TAGS]>,
    transitions: [[i64; N_TAGS]; N_TRANSITION_ROWS],
    search: Viterbi<i64>,
}

impl<'m> Tagger<'m> {
    pub fn new(model: &'m NerModel) -> Tagger<'m> {
        let mut transitions = [[0i64; N_TAGS]; N_TRANSITION_ROWS];
        for (row, model_row) in transitions.iter_mut().zip(model.transitions()) {
            for (weight, &model_weight) in row.iter_mut().zip(model_row) {
                *weight = i64::from(model_weight);
            }
        }
        Tagger {
            model,
            features: SentenceFeatures::default(),
            hashes: Vec::with_capacity(64),
            slot_scores: Vec::new(),
            slot_generation: 0,
            emissions: Vec::new(),
            transitions,
            search: Viterbi::default(),
        }
    }

    /// Makes room for `n_words` more distinct words (see [`SentenceFeatures::reserve_words`]).
    pub fn reserve_words(&mut self, n_words: usize) {
        self.features.reserve_words(n_words);
        self.slot_scores.reserve(n_words);
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
        self.tag_in_document_read(words, CaseMode::Detect, document, tags);
    }

    /// [`Tagger::tag_in_document`] with the sentence's case reading given (the pipeline
    /// reads it once for the document context and the tagger).
    pub fn tag_in_document_read(
        &mut self,
        words: &[&str],
        case_mode: CaseMode,
        document: Option<&DocumentContext>,
        tags: &mut Vec<BioTag>,
    ) {
        self.features
            .prepare_in_document(words, case_mode, document, self.model.clusters());
        if self.slot_generation != self.features.slot_generation() {
            self.slot_scores.clear();
            self.slot_generation = self.features.slot_generation();
        }
        self.slot_scores
            .resize(self.features.n_slots(), SlotScores::default());
        self.emissions.clear();
        for idx in 0..words.len() {
            let Some(slot) = self.features.slot(idx) else {
                break;
            };
            let mut scores = self.slot_part(slot, OWN, idx);
            for k in 0..NEIGHBOUR_OFFSETS.len() {
                let neighbour = self.features.neighbour_slot(idx, k);
                let part = self.slot_part(neighbour, AS_NEIGHBOUR + k, idx);
                for (score, weight) in scores.iter_mut().zip(part) {
                    *score += weight;
                }
            }
            self.hashes.clear();
            self.hashes
                .extend_from_slice(self.features.document_features(idx));
            self.features.joint_features(idx, &mut self.hashes);
            self.model.add_scores(&self.hashes, &mut scores);
            self.emissions.push(scores.map(i64::from));
        }
        self.search.decode(&self.emissions, &self.transitions, tags);
    }
}

/// Which part of a [`SlotScores`]: the word's own features, or (plus `k`) what it gives
/// the token at `NEIGHBOUR_OFFSETS[k]` from it.
const OWN: usize = 0;
const AS_NEIGHBOUR: usize = 1;
const N_PARTS: usize = AS_NEIGHBOUR + NEIGHBOUR_OFFSETS.len();

/// The scores of one word slot's features, each part computed when first needed.
#[derive(Debug, Clone, Copy, Default)]
struct SlotScores {
    /// Bit `part` says whether `parts[part]` is computed.
    computed: u8,
    parts: [[i32; N_TAGS]; N_PARTS],
}

impl Tagger<'_> {
    /// Part `part` of `slot`'s scores, computed now if it is the first time; `idx` is a
    /// token of that slot when `part` is [`OWN`].
    fn slot_part(&mut self, slot: u32, part: usize, idx: usize) -> [i32; N_TAGS] {
        let Some(entry) = self.slot_scores.get_mut(slot as usize) else {
            return [0; N_TAGS];
        };
        if entry.computed & (1 << part) == 0 {
            self.hashes.clear();
            if part == OWN {
                self.features.word_features(idx, &mut self.hashes);
            } else {
                self.features
                    .neighbour_features(slot, part - AS_NEIGHBOUR, &mut self.hashes);
            }
            let mut scores = [0; N_TAGS];
            self.model.add_scores(&self.hashes, &mut scores);
            entry.parts[part] = scores;
            entry.computed |= 1 << part;
        }
        entry.parts[part]
    }
}

/// Buffers of the Viterbi search, generic over the score type so the trainer's `f32`
/// weights decode exactly like the model's integers.
#[derive(Debug, Default)]
pub struct Viterbi<S> {
    /// Per position, the best score of a path ending in each tag there.
    best: Vec<[S; N_TAGS]>,
}

/// A score type Viterbi can search with.
pub trait Score: Copy + PartialOrd + Add<Output = Self> + Default {
    /// Lower than any real path's score, and safe to add a weight to: the score of a state
    /// that may not be extended.
    const DEAD: Self;
}

impl Score for i64 {
    const DEAD: i64 = i64::MIN / 4;
}

impl Score for f32 {
    const DEAD: f32 = f32::NEG_INFINITY;
}

impl<S: Score> Viterbi<S> {
    /// The best well-formed tag sequence for per-token `emissions` and `transitions`
    /// (rows as in [`NerModel::transitions`]), into `tags` (cleared first).
    pub fn decode(
        &mut self,
        emissions: &[[S; N_TAGS]],
        transitions: &[[S; N_TAGS]; N_TRANSITION_ROWS],
        tags: &mut Vec<BioTag>,
    ) {
        tags.clear();
        self.best.clear();
        let Some(first) = emissions.first() else {
            return;
        };
        // The first token may not be `I-X`: those states of position 0 are dead, so they are
        // never extended (every tag has a live predecessor: `O` may precede anything but
        // `I-X`, and `B-X` precedes `I-X`) nor chosen at the end.
        let mut row = [S::default(); N_TAGS];
        for (tag, score) in row.iter_mut().enumerate() {
            *score = if opens(tag) {
                first[tag] + transitions[START_ROW][tag]
            } else {
                S::DEAD
            };
        }
        self.best.push(row);
        // Transitions by (tag, previous tag), a forbidden pair scoring DEAD, so that every
        // tag's predecessors can be scanned alike.
        let mut into = [[S::DEAD; N_TAGS]; N_TAGS];
        for (tag, row) in into.iter_mut().enumerate() {
            for prev in predecessors(tag) {
                row[prev] = transitions[prev][tag];
            }
        }
        // Forward, best scores only: no back pointers, which would cost a compare-and-branch
        // per pair; the way back recomputes the one predecessor it needs per position.
        for emission in &emissions[1..] {
            let previous = self.best[self.best.len() - 1];
            let mut row = [S::default(); N_TAGS];
            for (tag, into_tag) in into.iter().enumerate() {
                let best_score = if opens(tag) {
                    // Anything may precede O or B-X.
                    let mut best_score = previous[0] + into_tag[0];
                    for prev in 1..N_TAGS {
                        let score = previous[prev] + into_tag[prev];
                        if score > best_score {
                            best_score = score;
                        }
                    }
                    best_score
                } else {
                    // I-X continues B-X (the tag before it) or I-X: two candidates, not nine.
                    let from_begin = previous[tag - 1] + into_tag[tag - 1];
                    let from_inside = previous[tag] + into_tag[tag];
                    if from_inside > from_begin {
                        from_inside
                    } else {
                        from_begin
                    }
                };
                row[tag] = best_score + emission[tag];
            }
            self.best.push(row);
        }
        let last = self.best[self.best.len() - 1];
        let mut tag = 0;
        let mut best_score = None;
        for (candidate, &score) in last.iter().enumerate() {
            let score = score + transitions[END_ROW][candidate];
            if best_score.is_none_or(|best| score > best) {
                best_score = Some(score);
                tag = candidate;
            }
        }
        tags.resize(emissions.len(), BioTag::Outside);
        for idx in (1..emissions.len()).rev() {
            tags[idx] = BioTag::from_index(tag);
            // The predecessor whose path the forward pass kept; ties go to the lower tag.
            let (previous, into_tag) = (&self.best[idx - 1], &into[tag]);
            let mut best_prev = 0;
            let mut best_score = previous[0] + into_tag[0];
            for prev in 1..N_TAGS {
                let score = previous[prev] + into_tag[prev];
                if score > best_score {
                    best_score = score;
                    best_prev = prev;
                }
            }
            tag = best_prev;
        }
        tags[0] = BioTag::from_index(tag);
    }
}

/// Whether tag index `idx` may open a span (`O` or `B-X`, not `I-X`: odd indices and 0, see
/// [`BioTag::index`]).
fn opens(idx: usize) -> bool {
    idx == 0 || idx % 2 == 1
}

/// The tag indices that [`may_follow`] allows before tag index `tag`, in index order: all
/// of them before `O` and `B-X`, and only `B-X` and `I-X` (which sit just before it) before
/// `I-X`. A range instead of a test per pair: Viterbi's inner loop is most of its time.
fn predecessors(tag: usize) -> Range<usize> {
    match BioTag::from_index(tag) {
        BioTag::Inside(_) => tag - 1..tag + 1,
        _ => 0..N_TAGS,
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
    fn predecessors_are_what_may_follow_allows() {
        for tag in 0..N_TAGS {
            let allowed: Vec<usize> = (0..N_TAGS)
                .filter(|&prev| may_follow(BioTag::from_index(prev), BioTag::from_index(tag)))
                .collect();
            assert_eq!(predecessors(tag).collect::<Vec<_>>(), allowed, "tag {tag}");
            let inside = matches!(BioTag::from_index(tag), BioTag::Inside(_));
            assert_eq!(opens(tag), !inside, "tag {tag}");
        }
    }

    #[test]
    fn viterbi_keeps_bio_well_formed_and_looks_ahead() {
        use BioTag::*;
        use EntityLabel::*;
        let transitions = [[0.0f32; N_TAGS]; N_TRANSITION_ROWS];
        let mut search = Viterbi::default();
        let mut tags = Vec::new();
        // I-PER scores best everywhere, but may not start a sentence nor follow B-LOC.
        let mut first = [0.0f32; N_TAGS];
        first[Inside(Per).index()] = 5.0;
        first[Begin(Loc).index()] = 1.0;
        search.decode(&[first], &transitions, &mut tags);
        assert_eq!(tags, [Begin(Loc)]);
        // A strong I-ORG second token pulls the first token to B-ORG.
        let mut a = [0.0f32; N_TAGS];
        a[Begin(Loc).index()] = 1.0;
        a[Begin(Org).index()] = 0.5;
        let mut b = [0.0f32; N_TAGS];
        b[Inside(Org).index()] = 3.0;
        search.decode(&[a, b], &transitions, &mut tags);
        assert_eq!(tags, [Begin(Org), Inside(Org)]);
        search.decode(&[], &transitions, &mut tags);
        assert!(tags.is_empty());
    }

    /// A hand-built model: one pass of perceptron-style updates over one sentence is enough for the tagger to reproduce that sentence.
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
        // One pass of perceptron-like updates.
        let mut features = SentenceFeatures::default();
        features.prepare(&words, CaseMode::Detect);
        let mut hashes = Vec::new();
        for idx in 0..words.len() {
            hashes.clear();
            features.token_features(idx, &mut hashes);
            for &hash in &hashes {
                weights[bucket_of(hash, n_buckets) * N_TAGS + gold[idx].index()] += 1.0;
            }
        }
        let model = NerModel::from_bytes(NerModel::encode(&weights, n_buckets, &[], &[], 0, 0.0))
            .expect("a freshly encoded model reads back");
        assert_eq!(tag_tokens(&model, &words), gold);
        let spans = chunks(&tag_tokens(&model, &words));
        assert_eq!(spans, [(0..2, EntityLabel::Per), (3..4, EntityLabel::Loc)]);
        assert!(tag_tokens(&model, &[]).is_empty());
    }
}
