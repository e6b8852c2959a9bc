//! Feature extraction for the entity tagger: every feature is a 64-bit hash, never a string.
//!
//! A perceptron feature is conceptually a string such as `"w-1=secretary"` or
//! `"shape=Xxxx|prev=B-PER"`. Building those strings would cost an allocation per feature,
//! tens per token; instead each token's *atoms* (its word, lower-cased word, shapes, affixes,
//! hyphen parts) are hashed once per sentence, and a feature is the cheap combination of a
//! template number with one to three atoms. The model maps a feature hash to a bucket of
//! its weight table ([`bucket_of`]), so unseen and colliding features cost nothing extra.
//!
//! **Case.** Headlines and all-caps lines ("IRAN-BACKED MILITIA ATTACKS U.S. BASE", "Troops
//! Come Under Fire In Syria") carry no case information, and a tagger that trusts case would
//! call every word there a name. A sentence whose words are mostly capitalised is therefore
//! tagged *caseless*: its case-sensitive atoms are computed from the lower-cased word and its
//! case-sensitive templates get a mode bit, so they learn their own weights, while the
//! case-insensitive ones (lower-cased words, affixes, neighbours) are shared with ordinary
//! sentences. Training forces the caseless mode on a share of ordinary sentences so those
//! weights see enough data.
//!
//! **No tag history.** Every feature here depends on the words only; what the previous tag
//! says is a separate transition table in the model, so the tagger can search all tag
//! sequences (Viterbi) at the cost of one feature extraction per token.
//!
//! **Clusters.** Each word's k-means cluster of spaCy vectors ([`super::clusters`]), fine
//! and coarse, at -1, 0 and +1: a handle on words the training data never showed.
//!
//! Cost: one pass over each distinct word's characters for the atoms and a look into one
//! bucket of the cluster table (both remembered for the rest of the document), then about
//! 40 multiplications per token for the features; nothing is allocated once the buffers
//! have grown.
//!
//! ```
//! use dateline_engine::entities::{CaseMode, SentenceFeatures};
//! let mut features = SentenceFeatures::default();
//! features.prepare(&["Col.", "Wayne", "Maratto", "said"], CaseMode::Detect);
//! let mut hashes = Vec::new();
//! features.token_features(1, &mut hashes);
//! assert!(hashes.len() > 20);
//! ```

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

use super::clusters::{Clusters, NO_CLUSTER};

/// How a sentence's case is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMode {
    /// Caseless when most of its words are capitalised (or it is in capitals).
    Detect,
    /// Caseless whatever it looks like (training: teaches the caseless weights).
    ForceCaseless,
    /// Never caseless.
    ForceCased,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Incremental FNV-1a over characters: feeds a feature value without building a string.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(seed: u64) -> Fnv {
        Fnv(FNV_OFFSET ^ seed.wrapping_mul(FNV_PRIME))
    }

    #[inline]
    fn char(&mut self, ch: char) {
        let mut value = ch as u32;
        if value < 0x100 {
            // One round, as the loop below would do, without its test.
            self.0 = (self.0 ^ u64::from(value)).wrapping_mul(FNV_PRIME);
            return;
        }
        // At least one round per character, more for characters beyond one byte.
        loop {
            self.0 ^= u64::from(value & 0xFF);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
            value >>= 8;
            if value == 0 {
                break;
            }
        }
    }

    fn chars(mut self, chars: &[char]) -> u64 {
        for &ch in chars {
            self.char(ch);
        }
        self.0
    }
}

/// Combines a template with atom hashes (FxHash-style rotate-xor-multiply).
#[inline]
fn combine(a: u64, b: u64) -> u64 {
    (a.rotate_left(5) ^ b).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The weight-table bucket of a feature hash (`n_buckets` is a power of two).
#[inline]
pub fn bucket_of(hash: u64, n_buckets: usize) -> usize {
    // splitmix64's finaliser spreads the bits the combination left in the high half.
    let mut h = hash;
    h ^= h >> 31;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 29;
    (h as usize) & (n_buckets.wrapping_sub(1))
}

/// Hashed pieces of one token, computed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
struct Atoms {
    word: u64,
    lower: u64,
    shape: u64,
    short_shape: u64,
    /// Lower-cased prefixes and suffixes of 1 to 4 characters; 0 where the word is shorter.
    prefixes: [u64; 4],
    suffixes: [u64; 4],
    /// Lower-cased first and last parts of a hyphenated word ("iran" and "backed" in
    /// "Iran-backed"); 0 when there is no inner hyphen.
    hyphen_first: u64,
    hyphen_last: u64,
    /// Length in characters.
    length: u64,
    /// Fine and coarse word cluster ([`NO_CLUSTER`] when unknown).
    cluster: u64,
    coarse: u64,
}

// Template numbers. Changing any of them, or what they combine, changes the model format:
// bump `model::VERSION`.
const T_BIAS: u64 = 1;
const T_WORD: u64 = 2;
const T_LOWER: u64 = 3;
const T_SHAPE: u64 = 4;
const T_SHORT_SHAPE: u64 = 5;
const T_PREFIX: u64 = 6; // + length 0..3
const T_SUFFIX: u64 = 10; // + length 0..3
const T_LOWER_AT: u64 = 14; // + offset index 0..3 (-2, -1, +1, +2)
const T_SHAPE_AT: u64 = 18; // + offset index 0..3
const T_BIGRAM_LEFT: u64 = 22;
const T_BIGRAM_RIGHT: u64 = 23;
const T_SHAPE_TRIGRAM: u64 = 24;
const T_CLUSTER: u64 = 25;
const T_CLUSTER_AT: u64 = 26; // + 0 (-1) or 1 (+1)
const T_COARSE: u64 = 28;
const T_INITIAL_SHAPE: u64 = 29;
const T_HYPHEN_FIRST: u64 = 30;
const T_HYPHEN_LAST: u64 = 31;
const T_MODE: u64 = 32;
const T_SUFFIX_LEFT: u64 = 33;
const T_LOWER_SHAPE_RIGHT: u64 = 34;
const T_WORD_AT: u64 = 35; // + 0 (-1) or 1 (+1)
const T_LOWER_LEFT_SHAPE: u64 = 37;
const T_CLUSTER_SHAPE: u64 = 38;
const T_SUFFIX_RIGHT: u64 = 39;
const T_SHAPE_WINDOW: u64 = 40;
const T_LENGTH: u64 = 41;
const T_DOC_LOWER_SEEN: u64 = 42;
const T_DOC_CAPITALISED_INSIDE: u64 = 43;
const T_DOC_LEFT: u64 = 44;
const T_DOC_RIGHT: u64 = 45;
const T_COARSE_AT: u64 = 46; // + 0 (-1) or 1 (+1)
const T_CLUSTER_BIGRAM: u64 = 48;
/// Added to case-sensitive templates in caseless sentences.
const CASELESS_BIT: u64 = 0x100;

/// Atom of the positions before the sentence start and after its end.
const PAD_BEFORE: u64 = 0x0123_4567_89ab_cdef;
const PAD_AFTER: u64 = 0xfedc_ba98_7654_3210;

/// Per-sentence feature state. Reuse one across sentences: its buffers are kept.
#[derive(Debug, Default)]
pub struct SentenceFeatures {
    /// The slot (see `slots`) of each token of the sentence.
    token_slots: Vec<u32>,
    caseless: bool,
    lower_chars: Vec<char>,
    /// Document-level feature hashes of every token, flat; `document_ranges[i]` says which
    /// belong to token `i`.
    document_features: Vec<u64>,
    document_ranges: Vec<(usize, usize)>,
    /// The atoms of every distinct word and case mode seen since the memo was last reset,
    /// after the four padding slots (see [`SentenceFeatures::neighbour_slot`]). A word's
    /// *slot* is its index here: the tagger keeps scores per slot.
    slots: Vec<Atoms>,
    /// Slots by word (its FxHash) and case mode, for the cluster table `memo_clusters` (its
    /// address and length): hashing a word's affixes and finding its cluster is most of the
    /// preparation, and news repeats its words. A 64-bit key collision would give a word
    /// another word's atoms; at a few thousand words a document that is a chance in 10^12,
    /// far below the model's own bucket collisions.
    atoms_memo: FxHashMap<(u64, bool), u32>,
    memo_clusters: (usize, usize),
    /// Counts memo resets, so whoever keeps data per slot knows when slots were renumbered.
    slot_generation: u64,
}

/// The neighbour positions whose word-only features a token gets (see
/// [`SentenceFeatures::neighbour_features`]), by index `k`.
pub const NEIGHBOUR_OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// The atoms of a position before the sentence start or after its end: every hash the
/// neighbour features read is the padding value.
const fn padding_atoms(pad: u64) -> Atoms {
    Atoms {
        word: pad,
        lower: pad,
        shape: pad,
        short_shape: pad,
        prefixes: [pad; 4],
        suffixes: [pad; 4],
        hyphen_first: 0,
        hyphen_last: 0,
        length: 0,
        cluster: pad,
        coarse: pad,
    }
}

impl SentenceFeatures {
    /// Hashes the atoms of `words` (one sentence, CoNLL-style tokens) read on its own.
    pub fn prepare(&mut self, words: &[&str], case_mode: CaseMode) {
        self.prepare_in_document(words, case_mode, None, Clusters::default());
    }

    /// Hashes the atoms of `words`, with what the rest of the document says about them
    /// (see [`DocumentContext`]) and the model's word clusters.
    pub fn prepare_in_document(
        &mut self,
        words: &[&str],
        case_mode: CaseMode,
        document: Option<&DocumentContext>,
        clusters: Clusters<'_>,
    ) {
        self.prepare_atoms(words, case_mode, clusters);
        self.document_features.clear();
        self.document_ranges.clear();
        for (idx, word) in words.iter().enumerate() {
            let start = self.document_features.len();
            let candidate = self.caseless || word.chars().next().is_some_and(char::is_uppercase);
            if let (Some(document), true) = (document, candidate) {
                let lower = self.atoms(idx).map_or(0, |atoms| atoms.lower);
                if let Some(stats) = document.words.get(&lower) {
                    let cs = if self.caseless { CASELESS_BIT } else { 0 };
                    if stats.n_lower_inside > 0 {
                        self.document_features
                            .push(combine(T_DOC_LOWER_SEEN + cs, u64::from(idx == 0)));
                    }
                    if idx == 0 && stats.n_capitalised_inside > 0 {
                        self.document_features
                            .push(combine(T_DOC_CAPITALISED_INSIDE + cs, 1));
                    }
                    for &left in stats.left.as_slice() {
                        self.document_features.push(combine(T_DOC_LEFT, left));
                    }
                    for &right in stats.right.as_slice() {
                        self.document_features.push(combine(T_DOC_RIGHT, right));
                    }
                }
            }
            self.document_ranges
                .push((start, self.document_features.len()));
        }
    }

    fn prepare_atoms(&mut self, words: &[&str], case_mode: CaseMode, clusters: Clusters<'_>) {
        self.caseless = match case_mode {
            CaseMode::Detect => looks_caseless(words),
            CaseMode::ForceCaseless => true,
            CaseMode::ForceCased => false,
        };
        self.token_slots.clear();
        let clusters_identity = clusters.identity();
        if self.memo_clusters != clusters_identity || self.slots.is_empty() {
            self.atoms_memo.clear();
            self.slots.clear();
            // Slots 0 to 3: padding before the sentence (cased, caseless), then after it;
            // two of each because neighbour features depend on the case mode.
            for pad in [PAD_BEFORE, PAD_BEFORE, PAD_AFTER, PAD_AFTER] {
                self.slots.push(padding_atoms(pad));
            }
            self.memo_clusters = clusters_identity;
            self.slot_generation += 1;
        }
        for word in words {
            let key = (FxBuildHasher.hash_one(word), self.caseless);
            let slot = match self.atoms_memo.get(&key) {
                Some(&slot) => slot,
                None => {
                    let mut atoms = self.word_atoms(word);
                    let cluster = clusters.cluster_of(atoms.lower as u32);
                    atoms.cluster = u64::from(cluster);
                    atoms.coarse = u64::from(clusters.coarse_of(cluster));
                    let slot = self.slots.len() as u32;
                    self.slots.push(atoms);
                    self.atoms_memo.insert(key, slot);
                    slot
                }
            };
            self.token_slots.push(slot);
        }
    }

    /// The atoms of token `idx` of the sentence.
    fn atoms(&self, idx: usize) -> Option<&Atoms> {
        let slot = *self.token_slots.get(idx)?;
        self.slots.get(slot as usize)
    }

    /// Makes room for `n_words` more distinct words, so a document's slots grow once.
    pub fn reserve_words(&mut self, n_words: usize) {
        self.slots.reserve(n_words);
        self.atoms_memo.reserve(n_words);
    }

    pub fn len(&self) -> usize {
        self.token_slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.token_slots.is_empty()
    }

    /// Whether the sentence is read without case (see the module docs).
    pub fn is_caseless(&self) -> bool {
        self.caseless
    }

    fn word_atoms(&mut self, word: &str) -> Atoms {
        let caseless = self.caseless;
        self.lower_chars.clear();
        let mut word_hash = Fnv::new(T_WORD);
        let mut shape = Fnv::new(T_SHAPE);
        let mut short_shape = Fnv::new(T_SHORT_SHAPE);
        let mut last_class = '\0';
        let mut run = 0;
        for raw in word.chars() {
            let ch = normalise_char(raw);
            word_hash.char(ch);
            let lower = if ch.is_ascii() {
                ch.to_ascii_lowercase()
            } else {
                // A multi-character lower case ("İ") keeps its first character: good enough
                // for a hash.
                ch.to_lowercase().next().unwrap_or(ch)
            };
            self.lower_chars.push(lower);
            let case_source = if caseless { lower } else { ch };
            let class = shape_class(case_source);
            if class == last_class {
                run += 1;
            } else {
                run = 1;
                short_shape.char(class);
                last_class = class;
            }
            if run <= 3 {
                shape.char(class);
            }
        }
        let chars = &self.lower_chars;
        let lower = Fnv::new(T_LOWER).chars(chars);
        let mut prefixes = [0; 4];
        let mut suffixes = [0; 4];
        for n in 1..=4.min(chars.len()) {
            prefixes[n - 1] = Fnv::new(T_PREFIX + n as u64).chars(&chars[..n]);
            suffixes[n - 1] = Fnv::new(T_SUFFIX + n as u64).chars(&chars[chars.len() - n..]);
        }
        let (mut hyphen_first, mut hyphen_last) = (0, 0);
        if let (Some(first), Some(last)) = (
            chars.iter().position(|&c| c == '-'),
            chars.iter().rposition(|&c| c == '-'),
        ) {
            if first > 0 && last + 1 < chars.len() {
                hyphen_first = Fnv::new(T_HYPHEN_FIRST).chars(&chars[..first]);
                hyphen_last = Fnv::new(T_HYPHEN_LAST).chars(&chars[last + 1..]);
            }
        }
        Atoms {
            word: if caseless { lower } else { word_hash.0 },
            lower,
            shape: shape.0,
            short_shape: short_shape.0,
            prefixes,
            suffixes,
            hyphen_first,
            hyphen_last,
            length: chars.len() as u64,
            cluster: u64::from(NO_CLUSTER),
            coarse: u64::from(NO_CLUSTER),
        }
    }

    /// Appends the feature hashes of token `idx`. Does nothing when `idx` is out of range.
    pub fn token_features(&self, idx: usize, out: &mut Vec<u64>) {
        self.word_features(idx, out);
        self.context_features(idx, out);
    }

    /// The features of token `idx` that depend on the word alone (and the sentence's case
    /// mode), not on its neighbours or position: the same for every occurrence of the word
    /// in a document, so the tagger scores them once per word slot.
    pub fn word_features(&self, idx: usize, out: &mut Vec<u64>) {
        let Some(this) = self.atoms(idx) else {
            return;
        };
        let cs = if self.caseless { CASELESS_BIT } else { 0 };
        out.push(combine(T_BIAS, 0));
        out.push(combine(T_MODE, cs));
        if !self.caseless {
            out.push(combine(T_WORD, this.word));
        }
        out.push(combine(T_LOWER, this.lower));
        out.push(combine(T_SHAPE + cs, this.shape));
        out.push(combine(T_SHORT_SHAPE + cs, this.short_shape));
        for n in 0..4 {
            if this.prefixes[n] != 0 {
                out.push(combine(T_PREFIX + n as u64, this.prefixes[n]));
            }
            if this.suffixes[n] != 0 {
                out.push(combine(T_SUFFIX + n as u64, this.suffixes[n]));
            }
        }
        out.push(combine(T_CLUSTER, this.cluster));
        out.push(combine(T_COARSE, this.coarse));
        out.push(combine(
            combine(T_CLUSTER_SHAPE + cs, this.cluster),
            this.short_shape,
        ));
        if this.hyphen_first != 0 {
            out.push(combine(T_HYPHEN_FIRST, this.hyphen_first));
            out.push(combine(T_HYPHEN_LAST, this.hyphen_last));
        }
        out.push(combine(T_LENGTH, this.length.min(12)));
    }

    /// The features of token `idx` that depend on its neighbours, its position or the rest
    /// of the document.
    pub fn context_features(&self, idx: usize, out: &mut Vec<u64>) {
        if self.atoms(idx).is_none() {
            return;
        }
        // In three parts, which the tagger scores separately (the neighbour features once
        // per word and position) and the trainer together.
        out.extend_from_slice(self.document_features(idx));
        for k in 0..NEIGHBOUR_OFFSETS.len() {
            self.neighbour_features(self.neighbour_slot(idx, k), k, out);
        }
        self.joint_features(idx, out);
    }

    /// The slot of token `idx`: the same for every occurrence of a word (in one case
    /// mode) until the memo is reset (see [`SentenceFeatures::slot_generation`]).
    pub fn slot(&self, idx: usize) -> Option<u32> {
        self.token_slots.get(idx).copied()
    }

    /// The slot of the word at `NEIGHBOUR_OFFSETS[k]` from token `idx`, or of the padding
    /// there when that is outside the sentence.
    pub fn neighbour_slot(&self, idx: usize, k: usize) -> u32 {
        let offset = NEIGHBOUR_OFFSETS[k % NEIGHBOUR_OFFSETS.len()];
        let case_slot = u32::from(self.caseless);
        match idx.checked_add_signed(offset) {
            Some(position) if position < self.token_slots.len() => self.token_slots[position],
            _ if offset < 0 => case_slot,
            _ => 2 + case_slot,
        }
    }

    /// Number of slots so far: every slot is below it.
    pub fn n_slots(&self) -> usize {
        self.slots.len()
    }

    /// Changes when the slots are renumbered (a new cluster table).
    pub fn slot_generation(&self) -> u64 {
        self.slot_generation
    }

    /// The features a token gets from the word in `slot` standing at `NEIGHBOUR_OFFSETS[k]`
    /// from it: the part of [`SentenceFeatures::context_features`] that depends on that
    /// word alone (and the case mode), so the tagger can score it once per word and
    /// position.
    pub fn neighbour_features(&self, slot: u32, k: usize, out: &mut Vec<u64>) {
        let Some(atoms) = self.slots.get(slot as usize) else {
            return;
        };
        let cs = if self.caseless { CASELESS_BIT } else { 0 };
        let k = k % NEIGHBOUR_OFFSETS.len();
        out.push(combine(T_LOWER_AT + k as u64, atoms.lower));
        out.push(combine(T_SHAPE_AT + k as u64 + cs, atoms.short_shape));
        // Only the next-door neighbours have more.
        let (side, suffix_template) = match k {
            1 => (0, T_SUFFIX_LEFT),
            2 => (1, T_SUFFIX_RIGHT),
            _ => return,
        };
        out.push(combine(T_CLUSTER_AT + side, atoms.cluster));
        out.push(combine(T_COARSE_AT + side, atoms.coarse));
        if !self.caseless {
            out.push(combine(T_WORD_AT + side, atoms.word));
        }
        out.push(combine(suffix_template, atoms.suffixes[2]));
    }

    /// The document-level features of token `idx` (see [`DocumentContext`]).
    pub fn document_features(&self, idx: usize) -> &[u64] {
        self.document_ranges
            .get(idx)
            .and_then(|&(start, end)| self.document_features.get(start..end))
            .unwrap_or_default()
    }

    /// The features of token `idx` that combine it with its neighbours or depend on its
    /// position: [`SentenceFeatures::context_features`] without the document features and
    /// the neighbour features.
    pub fn joint_features(&self, idx: usize, out: &mut Vec<u64>) {
        let Some(this) = self.atoms(idx) else {
            return;
        };
        let cs = if self.caseless { CASELESS_BIT } else { 0 };
        let at = |k: usize| -> &Atoms { &self.slots[self.neighbour_slot(idx, k) as usize] };
        let (before2, before1, after1, after2) = (at(0), at(1), at(2), at(3));
        out.push(combine(combine(T_BIGRAM_LEFT, before1.lower), this.lower));
        out.push(combine(combine(T_BIGRAM_RIGHT, this.lower), after1.lower));
        out.push(combine(
            combine(
                combine(T_SHAPE_TRIGRAM + cs, before1.short_shape),
                this.short_shape,
            ),
            after1.short_shape,
        ));
        out.push(combine(
            combine(T_CLUSTER_BIGRAM, before1.cluster),
            this.cluster,
        ));
        if idx == 0 {
            out.push(combine(T_INITIAL_SHAPE + cs, this.shape));
        }
        out.push(combine(
            combine(T_LOWER_LEFT_SHAPE + cs, before1.lower),
            this.short_shape,
        ));
        let mut window = combine(T_SHAPE_WINDOW + cs, before2.short_shape);
        for atoms in [before1, this, after1, after2] {
            window = combine(window, atoms.short_shape);
        }
        out.push(window);
        out.push(combine(
            combine(T_LOWER_SHAPE_RIGHT + cs, this.lower),
            after1.short_shape,
        ));
    }
}

/// The lower-cased word's hash, as in the atoms (and, cut to 32 bits, the cluster key:
/// see [`super::clusters::word_key`]).
pub(crate) fn lower_hash(word: &str) -> u64 {
    let mut hash = Fnv::new(T_LOWER);
    if word.is_ascii() {
        // Most words: the same hash byte by byte (an ASCII character is one FNV round, and
        // its only typographic normalisation is the backtick).
        for byte in word.bytes() {
            let byte = if byte == b'`' { b'\'' } else { byte };
            hash.0 ^= u64::from(byte.to_ascii_lowercase());
            hash.0 = hash.0.wrapping_mul(FNV_PRIME);
        }
        return hash.0;
    }
    for raw in word.chars() {
        let ch = normalise_char(raw);
        hash.char(if ch.is_ascii() {
            ch.to_ascii_lowercase()
        } else {
            ch.to_lowercase().next().unwrap_or(ch)
        });
    }
    hash.0
}

/// At most this many distinct neighbours are kept per word.
const MAX_NEIGHBOURS: usize = 4;

#[derive(Debug, Default)]
struct WordStats {
    n_lower_inside: u32,
    n_capitalised_inside: u32,
    left: Neighbours,
    right: Neighbours,
}

/// Up to [`MAX_NEIGHBOURS`] distinct neighbour hashes, in the order first seen; inline, as
/// a third of an article's words have some.
#[derive(Debug, Default)]
struct Neighbours {
    len: usize,
    hashes: [u64; MAX_NEIGHBOURS],
}

impl Neighbours {
    fn as_slice(&self) -> &[u64] {
        &self.hashes[..self.len.min(MAX_NEIGHBOURS)]
    }

    /// Adds `hash` unless it is there already or the list is full.
    fn add(&mut self, hash: u64) {
        if self.len < MAX_NEIGHBOURS && !self.as_slice().contains(&hash) {
            self.hashes[self.len] = hash;
            self.len += 1;
        }
    }
}

/// What a whole article says about each of its words, for features no sentence shows on
/// its own: a name is usually written the same way throughout ("Pirelli" is a company in
/// one sentence because "Pirelli shares" says so in another; "Suu" is a person because
/// "Aung San Suu Kyi" appears elsewhere). Built from the words alone, not from predicted
/// tags, so training and tagging see the same thing without a second model.
///
/// Per capitalised word (by lower-cased form): whether it also appears in lower case
/// inside a sentence, whether it appears capitalised inside a sentence (telling a name
/// from a capitalised first word), and up to four distinct lower-cased left and right
/// neighbours of its capitalised occurrences.
///
/// Measured on CoNLL-2003 dev they change little (about +0.1 F1, within noise); they are
/// kept because real articles repeat names more than CoNLL's short sports items do.
#[derive(Debug, Default)]
pub struct DocumentContext {
    words: FxHashMap<u64, WordStats>,
    /// A buffer for one sentence's lower-cased word hashes.
    lowers: Vec<u64>,
}

impl DocumentContext {
    /// Makes room for `n_words` more distinct words.
    pub fn reserve_words(&mut self, n_words: usize) {
        self.words.reserve(n_words);
    }

    pub fn add_sentence(&mut self, words: &[&str]) {
        self.add_sentence_read(words, looks_caseless(words));
    }

    /// [`DocumentContext::add_sentence`] for a sentence whose case reading (see
    /// [`looks_caseless`]) is known already.
    pub fn add_sentence_read(&mut self, words: &[&str], caseless: bool) {
        let mut lowers = std::mem::take(&mut self.lowers);
        lowers.clear();
        lowers.extend(words.iter().map(|word| lower_hash(word)));
        for (idx, word) in words.iter().enumerate() {
            let Some(first) = word.chars().next() else {
                continue;
            };
            if !first.is_alphabetic() {
                continue;
            }
            let lower = lowers[idx];
            let stats = self.words.entry(lower).or_default();
            if caseless {
                continue;
            }
            if first.is_lowercase() {
                if idx > 0 {
                    stats.n_lower_inside += 1;
                }
                continue;
            }
            if idx > 0 {
                stats.n_capitalised_inside += 1;
            }
            let left = if idx > 0 { lowers[idx - 1] } else { PAD_BEFORE };
            let right = lowers.get(idx + 1).copied().unwrap_or(PAD_AFTER);
            stats.left.add(left);
            stats.right.add(right);
        }
        self.lowers = lowers;
    }
}

/// A character's class in word shapes: `X` upper case, `x` other letters, `d` digits, else
/// the character itself.
#[inline]
fn shape_class(ch: char) -> char {
    // ASCII first: one range test instead of three Unicode property lookups.
    if ch.is_ascii() {
        return match ch {
            'A'..='Z' => 'X',
            'a'..='z' => 'x',
            '0'..='9' => 'd',
            other => other,
        };
    }
    if ch.is_uppercase() {
        'X'
    } else if ch.is_alphabetic() {
        'x'
    } else if ch.is_numeric() {
        'd'
    } else {
        ch
    }
}

/// Typographic quotes and dashes as CoNLL's ASCII, so pasted news text looks like the
/// training data.
#[inline]
fn normalise_char(ch: char) -> char {
    if ch.is_ascii() {
        return if ch == '`' { '\'' } else { ch };
    }
    match ch {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        other => other,
    }
}

/// A sentence reads as caseless when at least three of its words start with a letter and
/// at least 80% of those start with a capital (headlines, Title Case, ALL CAPS), or when
/// most of its letters are capitals.
pub fn looks_caseless(words: &[&str]) -> bool {
    let mut n_alphabetic = 0usize;
    let mut n_capitalised = 0usize;
    let mut n_letters = 0usize;
    let mut n_upper_letters = 0usize;
    for word in words {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            continue;
        };
        if !first.is_alphabetic() {
            continue;
        }
        n_alphabetic += 1;
        if first.is_uppercase() {
            n_capitalised += 1;
        }
        for ch in word.chars().filter(|c| c.is_alphabetic()) {
            n_letters += 1;
            if ch.is_uppercase() {
                n_upper_letters += 1;
            }
        }
    }
    if n_alphabetic < 3 {
        return false;
    }
    n_capitalised * 10 >= n_alphabetic * 8
        || (n_letters >= 8 && n_upper_letters * 10 >= n_letters * 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features_of(words: &[&str], idx: usize, case_mode: CaseMode) -> Vec<u64> {
        let mut features = SentenceFeatures::default();
        features.prepare(words, case_mode);
        let mut out = Vec::new();
        features.token_features(idx, &mut out);
        out
    }

    #[test]
    fn the_tagger_split_gives_every_token_feature_once() {
        // The tagger scores word_features, neighbour_features, document_features and
        // joint_features separately; together they must be token_features, which the
        // model was trained on.
        let sentences: [&[&str]; 3] = [
            &[
                "Col.",
                "Wayne",
                "Maratto",
                ",",
                "a",
                "spokesman",
                ",",
                "said",
                ".",
            ],
            &["TROOPS", "COME", "UNDER", "FIRE", "IN", "SYRIA"],
            &["Maratto"],
        ];
        let mut document = DocumentContext::default();
        for words in sentences {
            document.add_sentence(words);
        }
        let mut features = SentenceFeatures::default();
        for words in sentences {
            features.prepare_in_document(
                words,
                CaseMode::Detect,
                Some(&document),
                Clusters::default(),
            );
            for idx in 0..words.len() {
                let mut whole = Vec::new();
                features.token_features(idx, &mut whole);
                let mut parts = Vec::new();
                features.word_features(idx, &mut parts);
                for k in 0..NEIGHBOUR_OFFSETS.len() {
                    features.neighbour_features(features.neighbour_slot(idx, k), k, &mut parts);
                }
                parts.extend_from_slice(features.document_features(idx));
                features.joint_features(idx, &mut parts);
                whole.sort_unstable();
                parts.sort_unstable();
                assert_eq!(whole, parts, "{words:?} token {idx}");
            }
        }
    }

    #[test]
    fn lower_hash_is_the_atoms_lower_word() {
        let words = [
            "Pentagon",
            "U.S.",
            "`quoted",
            "it's",
            "ZÜRICH",
            "Kata’ib",
            "İstanbul",
            "x",
        ];
        let mut features = SentenceFeatures::default();
        features.prepare(&words, CaseMode::ForceCased);
        for (idx, word) in words.iter().enumerate() {
            assert_eq!(
                lower_hash(word),
                features.atoms(idx).unwrap().lower,
                "{word}"
            );
        }
        assert_ne!(lower_hash("Pentagon"), lower_hash("Pentagram"));
    }

    #[test]
    fn same_word_same_features_and_case_matters() {
        let a = features_of(&["the", "Pentagon", "said"], 1, CaseMode::Detect);
        let b = features_of(&["the", "Pentagon", "said"], 1, CaseMode::Detect);
        let c = features_of(&["the", "pentagon", "said"], 1, CaseMode::Detect);
        assert_eq!(a, b);
        assert_ne!(a, c);
        // The lower-cased word, affixes and neighbours are shared.
        let shared = a.iter().filter(|h| c.contains(h)).count();
        assert!(shared >= 15, "{shared}");
    }

    #[test]
    fn caseless_sentences_ignore_case() {
        let title = features_of(&["Troops", "Came", "Under", "Fire"], 2, CaseMode::Detect);
        let caps = features_of(&["TROOPS", "CAME", "UNDER", "FIRE"], 2, CaseMode::Detect);
        let forced = features_of(
            &["troops", "came", "under", "fire"],
            2,
            CaseMode::ForceCaseless,
        );
        assert_eq!(title, caps);
        assert_eq!(title, forced);
        let cased = features_of(&["troops", "came", "under", "fire"], 2, CaseMode::Detect);
        assert_ne!(title, cased);
    }

    #[test]
    fn detects_headlines_not_ordinary_sentences() {
        assert!(looks_caseless(&[
            "Troops", "Come", "Under", "Fire", "in", "Syria"
        ]));
        assert!(looks_caseless(&[
            "U.S.",
            "FORCES",
            "STRIKE",
            "IRAN-BACKED",
            "MILITIA"
        ]));
        assert!(!looks_caseless(&[
            "Col.", "Wayne", "Maratto", "said", "on", "Monday", "."
        ]));
        assert!(!looks_caseless(&["Rapid", "Vienna"]));
        assert!(looks_caseless(&["ZÜRICH", "ÉLYSÉE", "TALKS"]));
        assert!(!looks_caseless(&["Élysée", "talks", "ended", "Zürich"]));
    }

    #[test]
    fn hyphen_parts_and_typographic_quotes() {
        let backed = features_of(&["an", "Iran-backed", "militia"], 1, CaseMode::Detect);
        let iran = features_of(&["an", "Iran-led", "militia"], 1, CaseMode::Detect);
        let first_part = combine(
            T_HYPHEN_FIRST,
            Fnv::new(T_HYPHEN_FIRST).chars(&['i', 'r', 'a', 'n']),
        );
        assert!(backed.contains(&first_part) && iran.contains(&first_part));
        assert_eq!(
            features_of(&["Kata’ib"], 0, CaseMode::Detect),
            features_of(&["Kata'ib"], 0, CaseMode::Detect)
        );
    }

    #[test]
    fn out_of_range_and_odd_words_do_not_panic() {
        assert!(features_of(&["a"], 5, CaseMode::Detect).is_empty());
        for word in ["", "İ", "ﷺ", "\u{200D}", "-", "--", "a-", "-a", "1,000"] {
            assert!(!features_of(&[word, word], 1, CaseMode::Detect).is_empty());
        }
        assert!(bucket_of(u64::MAX, 1 << 10) < 1 << 10);
    }
}
