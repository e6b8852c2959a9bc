//! The entity model file (`assets/ner.bin`): a sparse, quantised weight table, a tag
//! transition table and the word clusters.
//!
//! A perceptron's weights are a map from (feature, tag) to a number. Storing the feature
//! strings would cost megabytes and a hash map at load time; instead features are hashed
//! into a fixed number of buckets ([`super::features::bucket_of`]), and each bucket has a
//! row of one weight per tag. After training most buckets are empty (or hold weights too
//! small to matter, which the trainer prunes), so only the non-empty rows are stored,
//! packed, with a bitmap saying which buckets have one. To find a bucket's row without a
//! search, the bitmap is cut into 64-bit words, each preceded by the number of rows before
//! it (its *rank*): the row index is that rank plus the population count of the word's bits
//! below the bucket. A lookup is one block read and a `popcount`, and the file is a fifth
//! of the dense table's size. Weights are little-endian `i16` times a common scale.
//!
//! Layout (all integers little-endian, no alignment assumed):
//!
//! ```text
//! offset  size                 field
//!      0  4                    magic "DLNR"
//!      4  2                    version (VERSION)
//!      6  1                    n_labels (9: O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC,
//!                              B-MISC, I-MISC)
//!      7  1                    weight_bytes (2)
//!      8  4                    n_buckets (a power of two, at least 64)
//!     12  4                    scale (f32: weight = stored integer × scale)
//!     16  4                    n_rows (non-empty buckets)
//!     20  4                    n_cluster_words
//!     24  11 × 9 × 2           transitions: rows "previous tag" 0..9, then "sentence
//!                              start", then "sentence end" (whose row scores the last tag)
//!    222  n_buckets / 64 × 12  per 64 buckets: rank (u32), bitmap (u64, bit i = bucket i)
//!      …  n_rows × 9 × 2       the non-empty rows, in bucket order
//!      …  (see `clusters`)      word clusters of n_cluster_words words
//! ```
//!
//! ```
//! use dateline_engine::entities::{NerModel, N_TAGS};
//! let bytes = NerModel::encode(&vec![0.0; 64 * N_TAGS], 64, &[], &[], 0, 0.0);
//! let model = NerModel::from_bytes(bytes).unwrap();
//! assert_eq!(model.n_buckets(), 64);
//! assert!(NerModel::from_bytes(b"garbage".to_vec()).is_err());
//! ```

use super::clusters::Clusters;
use super::features::bucket_of;
use super::N_TAGS;

pub const MAGIC: &[u8; 4] = b"DLNR";
/// Bump when the header, the tag order or the feature templates change.
pub const VERSION: u16 = 2;
/// Transition rows: one per previous tag, then the sentence start, then the sentence end.
pub const N_TRANSITION_ROWS: usize = N_TAGS + 2;
pub const START_ROW: usize = N_TAGS;
pub const END_ROW: usize = N_TAGS + 1;
const FIXED_HEADER_LEN: usize = 24;
const TRANSITIONS_LEN: usize = N_TRANSITION_ROWS * N_TAGS * 2;
pub const HEADER_LEN: usize = FIXED_HEADER_LEN + TRANSITIONS_LEN;
const BLOCK_LEN: usize = 12;
const ROW_LEN: usize = N_TAGS * 2;

/// A loaded entity model. Cheap to score with, never panics on bad bytes.
///
/// The bitmap blocks and the weight rows are decoded once at load into aligned tables (a
/// 1.3 MB copy): scoring reads them some 15,000 times for the seed article, and reading
/// them as native integers instead of little-endian byte pairs took 14% of the tagger's
/// instructions away (callgrind). The clusters are still read in place.
#[derive(Debug)]
pub struct NerModel {
    bytes: Vec<u8>,
    /// Per 64 buckets: which have a row, and how many rows come before.
    blocks: Vec<Block>,
    /// The rows, `N_TAGS` weights each, then one of zeros (see `add_scores`).
    rows: Vec<[i16; N_TAGS]>,
    n_buckets: usize,
    n_rows: usize,
    n_cluster_words: usize,
    scale: f32,
    transitions: [[i32; N_TAGS]; N_TRANSITION_ROWS],
    clusters_start: usize,
}

/// Bytes of a cluster table of `n_words` words, `None` on overflow.
fn clusters_len(n_words: usize) -> Option<usize> {
    n_words
        .checked_mul(3)
        .and_then(|len| len.checked_add(Clusters::encoded_len(0)))
}

#[derive(Debug, Clone, Copy)]
struct Block {
    bits: u64,
    rank: u32,
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn read_u64(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    let mut array = [0u8; 8];
    array.copy_from_slice(b);
    Some(u64::from_le_bytes(array))
}

impl NerModel {
    /// Checks the header, the bitmap's ranks and the sizes, and keeps `bytes` as they are.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<NerModel, String> {
        if bytes.len() < HEADER_LEN {
            return Err(format!(
                "{} bytes is too short for a model header",
                bytes.len()
            ));
        }
        if &bytes[0..4] != MAGIC {
            return Err("not an entity model (wrong magic number)".into());
        }
        let version = u16::from_le_bytes([bytes[4], bytes[5]]);
        if version != VERSION {
            return Err(format!(
                "model version {version}, but this engine reads version {VERSION}"
            ));
        }
        let n_labels = usize::from(bytes[6]);
        if n_labels != N_TAGS {
            return Err(format!("{n_labels} labels, expected {N_TAGS}"));
        }
        if bytes[7] != 2 {
            return Err(format!("weights of {} bytes are not supported", bytes[7]));
        }
        // The header is complete (checked above), so these reads succeed.
        let field = |at: usize| read_u32(&bytes, at).unwrap_or(0) as usize;
        let n_buckets = field(8);
        if n_buckets < 64 || !n_buckets.is_power_of_two() {
            return Err(format!("{n_buckets} buckets is not a power of two >= 64"));
        }
        let scale = f32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
        if !scale.is_finite() || scale <= 0.0 {
            return Err(format!("bad weight scale {scale}"));
        }
        let n_rows = field(16);
        let n_cluster_words = field(20);
        let n_blocks = n_buckets / 64;
        let rows_start = n_blocks
            .checked_mul(BLOCK_LEN)
            .and_then(|len| len.checked_add(HEADER_LEN));
        let clusters_start =
            rows_start.and_then(|start| start.checked_add(n_rows.checked_mul(ROW_LEN)?));
        let expected =
            clusters_start.and_then(|start| start.checked_add(clusters_len(n_cluster_words)?));
        let (Some(rows_start), Some(clusters_start), Some(expected)) =
            (rows_start, clusters_start, expected)
        else {
            return Err("the header's sizes overflow".into());
        };
        if expected != bytes.len() {
            return Err(format!(
                "{} bytes, but the header announces {expected} ({n_buckets} buckets, {n_rows} rows, {n_cluster_words} cluster words)",
                bytes.len()
            ));
        }
        // Every rank must count the rows before its block, so a row index never leaves
        // the table.
        let mut rank = 0usize;
        let mut blocks = Vec::with_capacity(n_blocks);
        for block in 0..n_blocks {
            let at = HEADER_LEN + block * BLOCK_LEN;
            let stored_rank = read_u32(&bytes, at);
            if stored_rank.map(|r| r as usize) != Some(rank) {
                return Err(format!("bad rank in bitmap block {block}"));
            }
            let bits = read_u64(&bytes, at + 4).unwrap_or(0);
            blocks.push(Block {
                bits,
                rank: stored_rank.unwrap_or(0),
            });
            rank += bits.count_ones() as usize;
        }
        if rank != n_rows {
            return Err(format!("the bitmap marks {rank} rows, the header {n_rows}"));
        }
        let rows = bytes[rows_start..clusters_start]
            .chunks_exact(ROW_LEN)
            .map(|row| {
                let mut weights = [0i16; N_TAGS];
                for (weight, pair) in weights.iter_mut().zip(row.chunks_exact(2)) {
                    *weight = i16::from_le_bytes([pair[0], pair[1]]);
                }
                weights
            })
            .chain(std::iter::once([0; N_TAGS]))
            .collect();
        let mut transitions = [[0i32; N_TAGS]; N_TRANSITION_ROWS];
        for (row_idx, row) in transitions.iter_mut().enumerate() {
            for (tag, weight) in row.iter_mut().enumerate() {
                let at = FIXED_HEADER_LEN + (row_idx * N_TAGS + tag) * 2;
                *weight = i32::from(i16::from_le_bytes([bytes[at], bytes[at + 1]]));
            }
        }
        Ok(NerModel {
            bytes,
            blocks,
            rows,
            n_buckets,
            n_rows,
            n_cluster_words,
            scale,
            transitions,
            clusters_start,
        })
    }

    /// Writes a model file (used by the trainer) from real-valued weights (`n_buckets ×
    /// N_TAGS`, bucket-major), transitions (`N_TRANSITION_ROWS × N_TAGS`; missing values
    /// are 0) and an encoded cluster table of `n_cluster_words` words (empty: none).
    /// Rows whose largest weight is below `prune_below` in magnitude are left out. Weights
    /// are quantised linearly against the largest magnitude.
    pub fn encode(
        weights: &[f32],
        n_buckets: usize,
        transitions: &[f32],
        cluster_table: &[u8],
        n_cluster_words: usize,
        prune_below: f32,
    ) -> Vec<u8> {
        let n_buckets = n_buckets.max(64).next_power_of_two();
        let weight = |idx: usize| {
            weights
                .get(idx)
                .copied()
                .filter(|w| w.is_finite())
                .unwrap_or(0.0)
        };
        let transition = |idx: usize| {
            transitions
                .get(idx)
                .copied()
                .filter(|w| w.is_finite())
                .unwrap_or(0.0)
        };
        let max_abs = (0..n_buckets * N_TAGS)
            .map(weight)
            .chain((0..N_TRANSITION_ROWS * N_TAGS).map(transition))
            .fold(0.0f32, |max, w| max.max(w.abs()));
        let scale = if max_abs > 0.0 {
            max_abs / 32767.0
        } else {
            1.0
        };
        let quantise = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        let mut bitmap = vec![0u64; n_buckets / 64];
        let mut rows = Vec::new();
        for bucket in 0..n_buckets {
            let row: Vec<i16> = (0..N_TAGS)
                .map(|tag| weight(bucket * N_TAGS + tag))
                .map(quantise)
                .collect();
            let largest = row
                .iter()
                .map(|q| f32::from(q.unsigned_abs()) * scale)
                .fold(0.0, f32::max);
            if row.iter().all(|&q| q == 0) || largest < prune_below {
                continue;
            }
            bitmap[bucket / 64] |= 1 << (bucket % 64);
            for q in row {
                rows.extend_from_slice(&q.to_le_bytes());
            }
        }
        let n_rows = rows.len() / ROW_LEN;
        let table_ok = Some(cluster_table.len()) == clusters_len(n_cluster_words);
        let (cluster_table, n_cluster_words) = if table_ok {
            (cluster_table.to_vec(), n_cluster_words)
        } else {
            (Clusters::encode(&[], &[]), 0)
        };
        let mut bytes = Vec::new();
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&VERSION.to_le_bytes());
        bytes.push(N_TAGS as u8);
        bytes.push(2);
        bytes.extend_from_slice(&(n_buckets as u32).to_le_bytes());
        bytes.extend_from_slice(&scale.to_le_bytes());
        bytes.extend_from_slice(&(n_rows as u32).to_le_bytes());
        bytes.extend_from_slice(&(n_cluster_words as u32).to_le_bytes());
        for idx in 0..N_TRANSITION_ROWS * N_TAGS {
            bytes.extend_from_slice(&quantise(transition(idx)).to_le_bytes());
        }
        let mut rank = 0u32;
        for bits in &bitmap {
            bytes.extend_from_slice(&rank.to_le_bytes());
            bytes.extend_from_slice(&bits.to_le_bytes());
            rank += bits.count_ones();
        }
        bytes.extend_from_slice(&rows);
        bytes.extend_from_slice(&cluster_table);
        bytes
    }

    pub fn n_buckets(&self) -> usize {
        self.n_buckets
    }

    /// Number of stored (non-empty) rows.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    pub fn scale(&self) -> f32 {
        self.scale
    }

    pub fn size_in_bytes(&self) -> usize {
        self.bytes.len()
    }

    /// Transition scores (stored units): `transitions()[prev][tag]`, where `prev` is a tag
    /// index, [`START_ROW`] or [`END_ROW`] (the latter scores `tag` as the last one).
    pub fn transitions(&self) -> &[[i32; N_TAGS]; N_TRANSITION_ROWS] {
        &self.transitions
    }

    /// The word clusters stored with the model (empty when there are none).
    pub fn clusters(&self) -> Clusters<'_> {
        self.bytes
            .get(self.clusters_start..)
            .and_then(|bytes| Clusters::parse(bytes, self.n_cluster_words))
            .unwrap_or_default()
    }

    /// Adds the weights of every feature in `hashes` to `scores` (in stored units; multiply
    /// by [`NerModel::scale`] for real values).
    #[inline]
    pub fn add_scores(&self, hashes: &[u64], scores: &mut [i32; N_TAGS]) {
        for &hash in hashes {
            let bucket = bucket_of(hash, self.n_buckets);
            // In range: bucket_of returns less than n_buckets, and from_bytes checked that
            // the ranks count the rows; `get` keeps it panic-free all the same.
            let Some(block) = self.blocks.get(bucket / 64) else {
                continue;
            };
            let bit = bucket % 64;
            // Branch-free: a bucket without a row reads the all-zero row at the end. Whether
            // a bucket has a row is a coin toss the branch predictor loses, and each wrong
            // guess also cancels the loads already started for the following features.
            let present = (block.bits >> bit & 1) as usize;
            let below = block.bits & ((1u64 << bit) - 1);
            let row_index = block.rank as usize + below.count_ones() as usize;
            let row_index = present * row_index + (1 - present) * self.n_rows;
            let Some(row) = self.rows.get(row_index) else {
                continue;
            };
            for (score, &weight) in scores.iter_mut().zip(row) {
                *score += i32::from(weight);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_scores() {
        let n_buckets = 256;
        let mut weights = vec![0.0f32; n_buckets * N_TAGS];
        let hash = 42u64;
        let bucket = bucket_of(hash, n_buckets);
        weights[bucket * N_TAGS + 3] = 2.0;
        weights[bucket * N_TAGS + 1] = -1.0;
        // A second, tiny row that pruning drops.
        let other = (bucket + 70) % n_buckets;
        weights[other * N_TAGS] = 0.001;
        let mut transitions = vec![0.0f32; N_TRANSITION_ROWS * N_TAGS];
        transitions[START_ROW * N_TAGS + 2] = -3.0;
        for prune in [0.0, 0.01] {
            let model = NerModel::from_bytes(NerModel::encode(
                &weights,
                n_buckets,
                &transitions,
                &[],
                0,
                prune,
            ))
            .expect("a freshly encoded model reads back");
            assert_eq!(model.n_rows(), if prune > 0.0 { 1 } else { 2 });
            let mut scores = [0; N_TAGS];
            model.add_scores(&[hash, hash, 7], &mut scores);
            assert!(scores[3] > 0 && scores[1] < 0);
            assert!((scores[3] as f32 * model.scale() - 4.0).abs() < 0.01);
            let start = model.transitions()[START_ROW][2] as f32 * model.scale();
            assert!((start + 3.0).abs() < 0.01);
            assert!(model.clusters().is_empty());
        }
    }

    #[test]
    fn rejects_garbage() {
        let mut weights = vec![0.0f32; 128 * N_TAGS];
        for (idx, w) in weights.iter_mut().enumerate() {
            if idx % 7 == 0 {
                *w = idx as f32;
            }
        }
        let good = NerModel::encode(&weights, 128, &[1.0], &[], 0, 0.0);
        assert!(NerModel::from_bytes(good.clone()).is_ok());
        assert!(NerModel::from_bytes(Vec::new()).is_err());
        assert!(NerModel::from_bytes(vec![0xFF; 1000]).is_err());
        assert!(NerModel::from_bytes(good[..good.len() - 1].to_vec()).is_err());
        let mut wrong_version = good.clone();
        wrong_version[4] = 99;
        assert!(NerModel::from_bytes(wrong_version).is_err());
        let mut not_power_of_two = good.clone();
        not_power_of_two[8] = 3;
        assert!(NerModel::from_bytes(not_power_of_two).is_err());
        let mut huge = good.clone();
        huge[8..12].copy_from_slice(&(1u32 << 31).to_le_bytes());
        assert!(NerModel::from_bytes(huge).is_err());
        let mut many_rows = good.clone();
        many_rows[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(NerModel::from_bytes(many_rows).is_err());
        let mut bad_scale = good.clone();
        bad_scale[12..16].copy_from_slice(&f32::NAN.to_le_bytes());
        assert!(NerModel::from_bytes(bad_scale).is_err());
        let mut bad_rank = good.clone();
        bad_rank[HEADER_LEN + BLOCK_LEN] ^= 1;
        assert!(NerModel::from_bytes(bad_rank).is_err());
        let mut bad_width = good.clone();
        bad_width[7] = 4;
        assert!(NerModel::from_bytes(bad_width).is_err());
        // Every prefix of a valid file is rejected without panicking.
        for len in 0..good.len() {
            assert!(NerModel::from_bytes(good[..len].to_vec()).is_err());
        }
    }
}
