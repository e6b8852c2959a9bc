//! The entity model file (`assets/ner.bin`): a hashed, quantised weight table read in place.
//!
//! A perceptron's weights are a map from (feature, tag) to a number. Storing the feature
//! strings would cost megabytes and a hash map at load time; instead features are hashed
//! into a fixed number of buckets ([`super::features::bucket_of`]), and the file is simply
//! the table `bucket × tag -> weight`, each weight a little-endian `i8` or `i16` times a
//! common scale. Loading validates the header and keeps the bytes: no copy, no parse, the
//! same on every platform (explicit little-endian reads, no alignment assumptions).
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! offset  size  field
//!      0     4  magic "DLNR"
//!      4     2  version (VERSION)
//!      6     1  n_labels (9: O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC)
//!      7     1  weight_bytes (1 or 2)
//!      8     4  n_buckets (a power of two)
//!     12     4  scale (f32: weight = stored integer × scale)
//!     16     …  n_buckets × n_labels weights, bucket-major
//! ```
//!
//! ```
//! use dateline_engine::entities::{NerModel, N_TAGS};
//! let bytes = NerModel::encode(&vec![0.0; 16 * N_TAGS], 16, 2);
//! let model = NerModel::from_bytes(bytes).unwrap();
//! assert_eq!(model.n_buckets(), 16);
//! assert!(NerModel::from_bytes(b"garbage".to_vec()).is_err());
//! ```

use super::features::bucket_of;
use super::N_TAGS;

pub const MAGIC: &[u8; 4] = b"DLNR";
/// Bump when the header, the tag order or the feature templates change.
pub const VERSION: u16 = 1;
pub const HEADER_LEN: usize = 16;
/// Share of non-zero weights that one-byte quantisation represents without clipping.
const CLIP_QUANTILE: f64 = 0.999;

/// A loaded entity model. Cheap to score with, never panics on bad bytes.
#[derive(Debug)]
pub struct NerModel {
    bytes: Vec<u8>,
    n_buckets: usize,
    weight_bytes: usize,
    scale: f32,
}

impl NerModel {
    /// Checks the header and keeps `bytes` as the weight table.
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
        let weight_bytes = usize::from(bytes[7]);
        if weight_bytes != 1 && weight_bytes != 2 {
            return Err(format!("weights of {weight_bytes} bytes are not supported"));
        }
        let n_buckets = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
        if n_buckets == 0 || !n_buckets.is_power_of_two() {
            return Err(format!("{n_buckets} buckets is not a power of two"));
        }
        let scale = f32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
        if !scale.is_finite() || scale <= 0.0 {
            return Err(format!("bad weight scale {scale}"));
        }
        let expected = n_buckets
            .checked_mul(N_TAGS * weight_bytes)
            .and_then(|table| table.checked_add(HEADER_LEN));
        if expected != Some(bytes.len()) {
            return Err(format!(
                "{} bytes, but the header announces {} buckets of {} bytes",
                bytes.len(),
                n_buckets,
                N_TAGS * weight_bytes
            ));
        }
        Ok(NerModel {
            bytes,
            n_buckets,
            weight_bytes,
            scale,
        })
    }

    /// Writes a model file from real-valued weights (`n_buckets × N_TAGS`, bucket-major),
    /// quantised to `weight_bytes` (1 or 2; anything else means 2). Used by the trainer.
    pub fn encode(weights: &[f32], n_buckets: usize, weight_bytes: u8) -> Vec<u8> {
        let weight_bytes = if weight_bytes == 1 { 1u8 } else { 2 };
        let max_quantum = if weight_bytes == 1 { 127.0 } else { 32767.0 };
        // One-byte weights: a few large weights (the bias, frequent words) would otherwise set
        // the step so coarse that most weights round to zero. The scale is therefore set by
        // a high quantile of the non-zero magnitudes, and the few above it are clipped.
        let mut magnitudes: Vec<f32> = weights
            .iter()
            .map(|w| w.abs())
            .filter(|w| *w > 0.0 && w.is_finite())
            .collect();
        magnitudes.sort_by(|a, b| a.total_cmp(b));
        let quantile = if weight_bytes == 1 {
            CLIP_QUANTILE
        } else {
            1.0
        };
        let top = magnitudes
            .len()
            .saturating_sub(1)
            .min((magnitudes.len() as f64 * quantile) as usize);
        let reference = magnitudes.get(top).copied().unwrap_or(0.0);
        let scale = if reference > 0.0 {
            reference / max_quantum
        } else {
            1.0
        };
        let mut bytes = Vec::with_capacity(HEADER_LEN + weights.len() * usize::from(weight_bytes));
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&VERSION.to_le_bytes());
        bytes.push(N_TAGS as u8);
        bytes.push(weight_bytes);
        bytes.extend_from_slice(&(n_buckets as u32).to_le_bytes());
        bytes.extend_from_slice(&scale.to_le_bytes());
        for &w in weights.iter().take(n_buckets * N_TAGS) {
            let q = (w / scale).round().clamp(-max_quantum, max_quantum);
            if weight_bytes == 1 {
                bytes.extend_from_slice(&(q as i8).to_le_bytes());
            } else {
                bytes.extend_from_slice(&(q as i16).to_le_bytes());
            }
        }
        // A short weight slice is padded with zeros so the file stays well formed.
        bytes.resize(
            HEADER_LEN + n_buckets * N_TAGS * usize::from(weight_bytes),
            0,
        );
        bytes
    }

    pub fn n_buckets(&self) -> usize {
        self.n_buckets
    }

    pub fn scale(&self) -> f32 {
        self.scale
    }

    pub fn size_in_bytes(&self) -> usize {
        self.bytes.len()
    }

    /// Adds the weights of every feature in `hashes` to `scores` (in stored units; multiply
    /// by [`NerModel::scale`] for real values).
    #[inline]
    pub fn add_scores(&self, hashes: &[u64], scores: &mut [i32; N_TAGS]) {
        let table = &self.bytes[HEADER_LEN..];
        let row_len = N_TAGS * self.weight_bytes;
        for &hash in hashes {
            let start = bucket_of(hash, self.n_buckets) * row_len;
            // In range: from_bytes checked the table holds n_buckets rows and bucket_of
            // returns less than n_buckets; `get` keeps it panic-free all the same.
            let Some(row) = table.get(start..start + row_len) else {
                continue;
            };
            if self.weight_bytes == 1 {
                for (score, &byte) in scores.iter_mut().zip(row) {
                    *score += i32::from(byte as i8);
                }
            } else {
                for (score, pair) in scores.iter_mut().zip(row.chunks_exact(2)) {
                    *score += i32::from(i16::from_le_bytes([pair[0], pair[1]]));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_scores() {
        let n_buckets = 8;
        let mut weights = vec![0.0f32; n_buckets * N_TAGS];
        let hash = 42u64;
        let bucket = bucket_of(hash, n_buckets);
        weights[bucket * N_TAGS + 3] = 2.0;
        weights[bucket * N_TAGS + 1] = -1.0;
        for weight_bytes in [1u8, 2] {
            let model = NerModel::from_bytes(NerModel::encode(&weights, n_buckets, weight_bytes))
                .expect("a freshly encoded model reads back");
            let mut scores = [0; N_TAGS];
            model.add_scores(&[hash, hash], &mut scores);
            assert!(scores[3] > 0 && scores[1] < 0 && scores[0] == 0);
            assert!((scores[3] as f32 * model.scale() - 4.0).abs() < 0.1);
        }
    }

    #[test]
    fn rejects_garbage() {
        let good = NerModel::encode(&[0.5; 4 * N_TAGS], 4, 2);
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
        huge[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(NerModel::from_bytes(huge).is_err());
        let mut bad_scale = good.clone();
        bad_scale[12..16].copy_from_slice(&f32::NAN.to_le_bytes());
        assert!(NerModel::from_bytes(bad_scale).is_err());
        let mut bad_width = good;
        bad_width[7] = 4;
        assert!(NerModel::from_bytes(bad_width).is_err());
        // Every prefix of a valid file is rejected without panicking.
        let small = NerModel::encode(&[1.0; 2 * N_TAGS], 2, 1);
        for len in 0..small.len() {
            assert!(NerModel::from_bytes(small[..len].to_vec()).is_err());
        }
    }
}
