//! Word clusters: a lower-cased word's distributional class, read in place from the model.
//!
//! A perceptron only knows the words it was trained on. Word clusters give it a handle on
//! the rest: `cargo xtask build-clusters` groups the vectors of spaCy's `en_core_web_md`
//! (MIT) with k-means, so "khartoum" lands with the capitals and "pharmaceuticals" with
//! the industries even when CoNLL-2003 never shows them, and clusters matter most where
//! case says nothing (Title Case and ALL CAPS headlines).
//!
//! The table lives inside the model file and is read in place. A word's 32-bit key
//! ([`word_key`], the low half of the features' lower-cased word hash) is split in two: its
//! top 16 bits pick one of 65,536 buckets, and only the bottom 16 bits (its fingerprint) are
//! stored, beside one cluster byte, in bucket order. Bucket starts are a `u32` base per 64
//! buckets plus a `u16` offset per bucket. A lookup reads two offsets and scans the four or
//! so fingerprints of one bucket: no search, no copy, no parse at load time, and three bytes
//! a word instead of five. A word outside the table whose key matches one inside it (about
//! one unknown word in 15,000 for 280,000 words) reads as that word's cluster; it only
//! weakens a feature. The 256-byte tail maps each fine cluster to a coarse one.
//!
//! ```text
//! 1,024 × u32   base: index of the first word of buckets 64·i ..
//! 65,536 × u16  offset of each bucket's first word from its block's base
//! n × u16       fingerprints, by bucket
//! n × u8        fine clusters
//! 256 × u8      coarse cluster of each fine cluster
//! ```
//!
//! ```
//! use dateline_engine::entities::clusters::{word_key, Clusters, NO_CLUSTER};
//! let words = [(word_key("paris"), 7), (word_key("london"), 7)];
//! let bytes = Clusters::encode(&words, &[1; 256]);
//! let clusters = Clusters::parse(&bytes, 2).unwrap();
//! assert_eq!(clusters.cluster_of(word_key("London")), 7);
//! assert_eq!(clusters.coarse_of(7), 1);
//! assert_eq!(clusters.cluster_of(word_key("rome")), NO_CLUSTER);
//! ```

use super::features::lower_hash;

/// Cluster id of words outside the table (fine clusters are 0..=255).
pub const NO_CLUSTER: u16 = 256;
/// Size of the fine-to-coarse map.
pub const N_FINE: usize = 256;
const N_BUCKETS: usize = 1 << 16;
const BUCKETS_PER_BLOCK: usize = 64;
const N_BLOCKS: usize = N_BUCKETS / BUCKETS_PER_BLOCK;
const INDEX_LEN: usize = N_BLOCKS * 4 + N_BUCKETS * 2;

/// The table key of a word: the low 32 bits of its lower-cased, normalised hash.
pub fn word_key(word: &str) -> u32 {
    lower_hash(word) as u32
}

/// A borrowed cluster table (see the module docs); `Clusters::default()` is empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clusters<'a> {
    index: &'a [u8],
    fingerprints: &'a [u8],
    ids: &'a [u8],
    coarse: &'a [u8],
}

impl<'a> Clusters<'a> {
    /// Reads a table of `n_words` words from the start of `bytes`; `None` when `bytes` is
    /// too short.
    pub fn parse(bytes: &'a [u8], n_words: usize) -> Option<Clusters<'a>> {
        let index = bytes.get(..INDEX_LEN)?;
        let fingerprints_end = INDEX_LEN.checked_add(n_words.checked_mul(2)?)?;
        let fingerprints = bytes.get(INDEX_LEN..fingerprints_end)?;
        let ids_end = fingerprints_end.checked_add(n_words)?;
        let ids = bytes.get(fingerprints_end..ids_end)?;
        let coarse = bytes.get(ids_end..ids_end.checked_add(N_FINE)?)?;
        Some(Clusters {
            index,
            fingerprints,
            ids,
            coarse,
        })
    }

    /// Bytes of a table with `n_words` words.
    pub fn encoded_len(n_words: usize) -> usize {
        INDEX_LEN + n_words * 3 + N_FINE
    }

    /// Writes a table from (key, fine cluster) pairs (a repeated key keeps its first
    /// cluster) and the fine-to-coarse map (cut or padded to 256 bytes). Used by
    /// `cargo xtask build-clusters`.
    pub fn encode(words: &[(u32, u8)], coarse: &[u8]) -> Vec<u8> {
        let mut words = words.to_vec();
        words.sort_by_key(|&(key, _)| key);
        words.dedup_by_key(|&mut (key, _)| key);
        let mut bytes = Vec::with_capacity(Clusters::encoded_len(words.len()));
        let bucket_start =
            |bucket: usize| words.partition_point(|&(key, _)| (key >> 16) < bucket as u32);
        for block in 0..N_BLOCKS {
            let base = bucket_start(block * BUCKETS_PER_BLOCK) as u32;
            bytes.extend_from_slice(&base.to_le_bytes());
        }
        for bucket in 0..N_BUCKETS {
            let base = bucket_start(bucket / BUCKETS_PER_BLOCK * BUCKETS_PER_BLOCK);
            // Saturates only if 64 buckets held over 65,535 words, far beyond any use.
            let offset = u16::try_from(bucket_start(bucket) - base).unwrap_or(u16::MAX);
            bytes.extend_from_slice(&offset.to_le_bytes());
        }
        for &(key, _) in &words {
            bytes.extend_from_slice(&(key as u16).to_le_bytes());
        }
        bytes.extend(words.iter().map(|&(_, cluster)| cluster));
        bytes.extend((0..N_FINE).map(|idx| coarse.get(idx).copied().unwrap_or(0)));
        bytes
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Which table this is (the address and length of its bytes), for caches of lookups.
    pub fn identity(&self) -> (usize, usize) {
        (self.index.as_ptr() as usize, self.ids.len())
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Index of the first word of `bucket` (`N_BUCKETS` gives the word count).
    fn bucket_start(&self, bucket: usize) -> usize {
        if bucket >= N_BUCKETS {
            return self.ids.len();
        }
        let block = bucket / BUCKETS_PER_BLOCK;
        let base = self
            .index
            .get(block * 4..block * 4 + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
        let at = N_BLOCKS * 4 + bucket * 2;
        let offset = self
            .index
            .get(at..at + 2)
            .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
        base + offset
    }

    /// The fine cluster (0..=255) of the word with this key, or [`NO_CLUSTER`].
    pub fn cluster_of(&self, key: u32) -> u16 {
        if self.ids.is_empty() {
            return NO_CLUSTER;
        }
        let bucket = (key >> 16) as usize;
        let (start, end) = (self.bucket_start(bucket), self.bucket_start(bucket + 1));
        let fingerprint = (key as u16).to_le_bytes();
        // Out-of-range offsets in a damaged table give an empty range, not a panic.
        let Some(candidates) = self.fingerprints.get(start * 2..end * 2) else {
            return NO_CLUSTER;
        };
        for (idx, pair) in candidates.chunks_exact(2).enumerate() {
            if pair == fingerprint {
                return self
                    .ids
                    .get(start + idx)
                    .map_or(NO_CLUSTER, |&id| u16::from(id));
            }
        }
        NO_CLUSTER
    }

    /// The coarse cluster of a fine one ([`NO_CLUSTER`] stays itself).
    pub fn coarse_of(&self, fine: u16) -> u16 {
        self.coarse
            .get(usize::from(fine))
            .map_or(NO_CLUSTER, |&c| u16::from(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_rejects_short_tables() {
        let words = ["a", "b", "syria", "iraq", "pentagon", "x-ray"];
        let keyed: Vec<(u32, u8)> = words
            .iter()
            .enumerate()
            .map(|(idx, w)| (word_key(w), idx as u8))
            .collect();
        let coarse: Vec<u8> = (0..=255u8).map(|c| c / 8).collect();
        let bytes = Clusters::encode(&keyed, &coarse);
        assert_eq!(bytes.len(), Clusters::encoded_len(words.len()));
        let clusters = Clusters::parse(&bytes, words.len()).expect("complete table");
        for (idx, word) in words.iter().enumerate() {
            assert_eq!(clusters.cluster_of(word_key(word)), idx as u16);
        }
        assert_eq!(clusters.cluster_of(word_key("Syria")), 2);
        assert_eq!(clusters.cluster_of(word_key("nowhere")), NO_CLUSTER);
        assert_eq!(clusters.coarse_of(17), 2);
        assert_eq!(clusters.coarse_of(NO_CLUSTER), NO_CLUSTER);
        assert!(Clusters::parse(&bytes[..bytes.len() - 1], words.len()).is_none());
        assert!(Clusters::parse(&bytes, usize::MAX).is_none());
        assert_eq!(Clusters::default().cluster_of(5), NO_CLUSTER);
        // A damaged index reads as unknown words, without panicking.
        let mut damaged = bytes.clone();
        for byte in damaged.iter_mut().take(INDEX_LEN) {
            *byte = 0xFF;
        }
        let damaged = Clusters::parse(&damaged, words.len()).expect("complete table");
        for word in words {
            let _ = damaged.cluster_of(word_key(word));
        }
    }
}
