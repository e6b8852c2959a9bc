//! Share links: the article, its publication date and the user's corrections, carried in
//! the URL fragment (`#text=...`), which browsers never send to a server.
//!
//! Payload: JSON `{"v":1,"text","dct","corrections"}`, raw-deflated (miniz_oxide, 16 KB of
//! wasm), then base64url without padding. A 5,000-word article (30 KB) becomes about 14 KB
//! of fragment. Links longer than [`MAX_ENCODED_BYTES`] are refused with an explanation
//! (some chat apps and browsers cut long URLs), and the JSON export is offered instead.
//!
//! ```
//! let fragment = encode(&payload)?;            // "text=..."
//! let back = decode_fragment("#text=...")?;    // Some(payload)
//! ```

use serde::{Deserialize, Serialize};

use crate::corrections::Correction;

pub const MAX_ENCODED_BYTES: usize = 32 * 1024;
/// A decompressed payload larger than this is not something we made: refuse it rather than
/// let a crafted link allocate without bound.
const MAX_DECODED_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharePayload {
    #[serde(default)]
    pub v: u32,
    pub text: String,
    #[serde(default)]
    pub dct: String,
    #[serde(default)]
    pub corrections: Vec<Correction>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The compressed article is too long for a link (bytes of the fragment).
    TooLong(usize),
    /// The fragment is not a link this app made (or it was cut short).
    Corrupt(&'static str),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TooLong(n) => write!(
                f,
                "This article is too long for a share link ({} KB compressed; links stop at {} KB). \
                 Export the Document (JSON) and send the file instead.",
                n.div_ceil(1024),
                MAX_ENCODED_BYTES / 1024
            ),
            ShareError::Corrupt(why) => write!(
                f,
                "This share link could not be read ({why}); it may have been cut short when copied. \
                 Nothing else was changed: paste the article to explore it."
            ),
        }
    }
}

/// The fragment (without `#`) of a share link: `text=...`.
pub fn encode(payload: &SharePayload) -> Result<String, ShareError> {
    let json = serde_json::to_vec(payload).map_err(|_| ShareError::Corrupt("unserialisable"))?;
    let compressed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    let encoded = base64url_encode(&compressed);
    if encoded.len() > MAX_ENCODED_BYTES {
        return Err(ShareError::TooLong(encoded.len()));
    }
    Ok(format!("text={encoded}"))
}

/// Reads a location hash. `Ok(None)` when it is not a share link at all.
pub fn decode_fragment(hash: &str) -> Result<Option<SharePayload>, ShareError> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let Some(encoded) = hash.split('&').find_map(|part| part.strip_prefix("text=")) else {
        return Ok(None);
    };
    let compressed =
        base64url_decode(encoded.trim()).ok_or(ShareError::Corrupt("not base64url text"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_DECODED_BYTES)
        .map_err(|_| ShareError::Corrupt("the compressed data is damaged"))?;
    let payload: SharePayload =
        serde_json::from_slice(&json).map_err(|_| ShareError::Corrupt("unexpected content"))?;
    Ok(Some(payload))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 base64url, no padding (a dozen lines beat a dependency).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        let n_chars = chunk.len() + 1;
        for i in 0..n_chars {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Also accepts standard base64 (`+`, `/`) and padding, which some apps rewrite links into.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut n_bits = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        } as u32;
        buffer = buffer << 6 | value;
        n_bits += 6;
        if n_bits >= 8 {
            n_bits -= 8;
            out.push((buffer >> n_bits) as u8);
            buffer &= (1 << n_bits) - 1;
        }
    }
    // A single leftover character cannot come from whole bytes.
    (n_bits < 6).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(text: &str) -> SharePayload {
        SharePayload {
            v: 1,
            text: text.into(),
            dct: "2021-06-29".into(),
            corrections: vec![Correction::Drop { id: "p3".into() }],
        }
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40 {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 % 256) as u8).collect();
            let encoded = base64url_encode(&bytes);
            assert!(!encoded.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&encoded), Some(bytes));
        }
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_decode("Zm9vYg=="), Some(b"foob".to_vec()));
        assert_eq!(base64url_decode("Zm9v!"), None);
    }

    #[test]
    fn links_round_trip_text_date_and_corrections() {
        let original = payload("Troops in Mayadin, Syria – “Monday” ☕ ...");
        let fragment = encode(&original).unwrap();
        assert!(fragment.starts_with("text="));
        assert_eq!(decode_fragment(&format!("#{fragment}")), Ok(Some(original)));
    }

    #[test]
    fn other_fragments_are_not_share_links() {
        assert_eq!(decode_fragment(""), Ok(None));
        assert_eq!(decode_fragment("#map"), Ok(None));
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        let fragment = encode(&payload("Protesters gathered in Paris on Monday.")).unwrap();
        let cut = &fragment[..fragment.len() / 2];
        assert!(matches!(decode_fragment(cut), Err(ShareError::Corrupt(_))));
        assert!(matches!(
            decode_fragment("#text=%%%"),
            Err(ShareError::Corrupt(_))
        ));
        assert!(matches!(
            decode_fragment("#text=AAAA"),
            Err(ShareError::Corrupt(_))
        ));
    }

    #[test]
    fn too_long_articles_are_refused_with_a_size() {
        // Incompressible text: a pseudo-random letter soup.
        let mut seed = 7u64;
        let text: String = (0..60_000)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (b'a' + (seed >> 59) as u8 % 26) as char
            })
            .collect();
        match encode(&payload(&text)) {
            Err(ShareError::TooLong(n)) => assert!(n > MAX_ENCODED_BYTES),
            other => panic!("expected TooLong, got {other:?}"),
        }
        assert!(ShareError::TooLong(40_000).to_string().contains("JSON"));
    }
}
