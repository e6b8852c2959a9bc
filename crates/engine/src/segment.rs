//! Sentences and tokens, with byte offsets into the analysed text.
//!
//! News text breaks the naive "split at every full stop" rule all the time: "U.S. troops",
//! "Arlington, Va., on Oct. 9", "Col. Wayne Maratto". The tokenizer therefore keeps known
//! abbreviations and dotted initialisms as one token *with* their dot, and the sentence
//! splitter only ends a sentence at a `.`/`!`/`?` token that stands alone (or at a line break:
//! pasted articles put headlines, bylines and paragraphs on lines of their own).
//!
//! Tokens follow CoNLL-2003 conventions, because the entity model was trained on them:
//! hyphenated words stay whole ("Iran-backed", "U.S.-led"), the possessive "'s" and "n't" are
//! split off, every other punctuation mark is a token of its own.
//!
//! Cost: one pass over the characters, no allocation per token beyond the output vectors.
//!
//! ```
//! use dateline_engine::segment::segment;
//! let text = "U.S. troops came under fire. Col. Wayne Maratto said so.";
//! let segmented = segment(text);
//! assert_eq!(segmented.sentences.len(), 2);
//! assert_eq!(segmented.token_text(text, 0), "U.S.");
//! ```

use std::borrow::Cow;

use crate::document::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Index of the sentence the token belongs to.
    pub sentence: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub tokens: Vec<Token>,
    /// Byte spans of the sentences, in order.
    pub sentences: Vec<Span>,
    /// For each sentence, the range of token indices it holds.
    pub sentence_tokens: Vec<std::ops::Range<usize>>,
}

impl Segmented {
    pub fn token_text<'t>(&self, text: &'t str, token_idx: usize) -> &'t str {
        let token = self.tokens[token_idx];
        &text[token.start..token.end]
    }

    /// The tokens of one sentence.
    pub fn sentence(&self, sentence_idx: usize) -> &[Token] {
        &self.tokens[self.sentence_tokens[sentence_idx].clone()]
    }

    /// Index of the sentence that contains byte offset `byte` (the last one that starts at
    /// or before it).
    pub fn sentence_at(&self, byte: usize) -> usize {
        self.sentences
            .partition_point(|span| span.start <= byte)
            .saturating_sub(1)
    }
}

/// Abbreviations that keep their full stop. Lower-cased, without the dot.
/// Titles, AP state abbreviations, months, company suffixes and a few Latin ones.
const ABBREVIATIONS: &[&str] = &[
    // titles and ranks
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "maj", "capt", "sgt",
    "cpl", "adm", "cmdr", "rev", "fr", "st", "jr", "sr", "pres", "supt", "insp", "det", "hon",
    "amb", "atty", "brig", "cdr", "ens", "pvt", "messrs", "mt", "ft",
    // AP state abbreviations
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans",
    "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore",
    "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", // months
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    // organisations and misc
    "inc", "corp", "co", "ltd", "bros", "dept", "univ", "assn", "no", "vs", "etc", "approx", "est",
    "fig", "vol", "cf", "al", "ave", "blvd", "rd",
];

fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS
        .iter()
        .any(|abbreviation| abbreviation.eq_ignore_ascii_case(word))
}

/// `word` in lower case, borrowed when it has no capitals (most words): stages compare
/// lower-cased tokens with word lists, and a copy of every token would be most of their
/// allocations.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    let changes = |ch: char| {
        if ch.is_ascii() {
            ch.is_ascii_uppercase()
        } else {
            !ch.to_lowercase().eq(std::iter::once(ch))
        }
    };
    if word.chars().any(changes) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Calls `f` with the lower case of `word`. ASCII words, nearly all of them, are used as
/// they are when already in lower case and lower-cased on the stack when short: these
/// checks run on many tokens, and `to_lowercase` allocated each time.
pub(crate) fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX_BYTES: usize = 32;
    let is_ascii = word.is_ascii();
    if is_ascii && !word.bytes().any(|byte| byte.is_ascii_uppercase()) {
        f(word)
    } else if is_ascii && word.len() <= MAX_BYTES {
        let mut buffer = [0u8; MAX_BYTES];
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        // Lower-cased ASCII is still ASCII, so always valid UTF-8.
        f(std::str::from_utf8(lower).unwrap_or_default())
    } else {
        f(&word.to_lowercase())
    }
}

/// Appends the lower case of `text`, the same as `str::to_lowercase` gives, allocating
/// only for text with non-ASCII characters.
pub(crate) fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

fn is_apostrophe(ch: char) -> bool {
    ch == '\'' || ch == '’'
}

#[inline]
fn is_word_char(ch: char) -> bool {
    if ch.is_ascii() {
        ch.is_ascii_alphanumeric()
    } else if ('\u{2010}'..='\u{206F}').contains(&ch) {
        // Dashes, curly quotes, the ellipsis (General Punctuation after the spaces and the
        // zero-width joiners): no letter or digit, and common in news text, so answered
        // without a Unicode table lookup.
        false
    } else {
        ch.is_alphanumeric() || is_combining(ch)
    }
}

/// Combining marks (Arabic harakat, Hindi matras, accents typed separately) belong to the
/// word they follow.
fn is_combining(ch: char) -> bool {
    matches!(ch as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957
        | 0x0962..=0x0963 | 0x200C..=0x200D)
}

/// Splits `text` into tokens and sentences.
pub fn segment(text: &str) -> Segmented {
    let tokens = tokenize(text);
    split_sentences(text, tokens)
}

/// Tokens without sentence indices (all 0).
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars = char_indices(text);
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i].1;
        if ch.is_whitespace() || ch.is_control() || ch == '\u{FEFF}' {
            i += 1;
            continue;
        }
        let start = i;
        if is_word_char(ch) {
            // A word: letters/digits, joined by inner hyphens, apostrophes, dots, slashes,
            // commas or colons when a letter or digit follows (Iran-backed, O'Brien,
            // 6/29/2021, 1,000, 10:30, U.S.).
            i += 1;
            loop {
                while i < chars.len() && is_word_char(chars[i].1) {
                    i += 1;
                }
                if i + 1 < chars.len() && is_word_char(chars[i + 1].1) {
                    let joiner = chars[i].1;
                    let prev_digit = chars[i - 1].1.is_ascii_digit();
                    let next_digit = chars[i + 1].1.is_ascii_digit();
                    let joins = match joiner {
                        '-' | '‐' | '‑' | '&' => true,
                        '\'' | '’' => {
                            // Split off "'s" and "n't" (CoNLL tokenization); keep O'Brien.
                            // (Only "s" and "S" lower-case to something starting with "s".)
                            let s_follows = matches!(chars[i + 1].1, 's' | 'S');
                            let ends_after_s =
                                chars.get(i + 2).is_none_or(|&(_, c)| !is_word_char(c));
                            !(s_follows && ends_after_s)
                        }
                        '.' => {
                            // U.S., U.N., e.g. (single letters between dots) and 3.5.
                            (prev_digit && next_digit)
                                || (i - start_of_segment(&chars, start, i) == 1
                                    && chars[i - 1].1.is_alphabetic()
                                    && chars.get(i + 2).is_none_or(|&(_, c)| !is_word_char(c)))
                        }
                        '/' | ',' | ':' => prev_digit && next_digit,
                        _ => false,
                    };
                    if joins {
                        i += 1;
                        continue;
                    }
                }
                break;
            }
            // Trailing dot of an abbreviation or a dotted initialism (U.S., Va., Col.).
            if i < chars.len() && chars[i].1 == '.' {
                let word = &text[byte_at(start)..byte_at(i)];
                let last_segment = &chars[start_of_segment(&chars, start, i)..i];
                let dotted_initialism = word.contains('.')
                    || (last_segment.len() == 1 && chars[i - 1].1.is_uppercase());
                if dotted_initialism || is_abbreviation(word) {
                    i += 1;
                    // "U.S.-led": the hyphenated word goes on after the initialism's dot.
                    if i + 1 < chars.len() && chars[i].1 == '-' && is_word_char(chars[i + 1].1) {
                        i += 1;
                        while i < chars.len()
                            && (is_word_char(chars[i].1)
                                || (chars[i].1 == '-'
                                    && chars.get(i + 1).is_some_and(|&(_, c)| is_word_char(c))))
                        {
                            i += 1;
                        }
                    }
                }
            }
            tokens.push(Token {
                start: byte_at(start),
                end: byte_at(i),
                sentence: 0,
            });
            continue;
        }
        if is_apostrophe(ch)
            && i + 1 < chars.len()
            && chars[i + 1].1.eq_ignore_ascii_case(&'s')
            && chars.get(i + 2).is_none_or(|&(_, c)| !is_word_char(c))
            && i > 0
            && is_word_char(chars[i - 1].1)
        {
            tokens.push(Token {
                start: byte_at(i),
                end: byte_at(i + 2),
                sentence: 0,
            });
            i += 2;
            continue;
        }
        // Runs of the same punctuation ("...", "--") are one token; others stand alone.
        i += 1;
        if matches!(ch, '.' | '-') {
            while i < chars.len() && chars[i].1 == ch {
                i += 1;
            }
        }
        tokens.push(Token {
            start: byte_at(start),
            end: byte_at(i),
            sentence: 0,
        });
    }
    split_contractions(text, &mut tokens);
    tokens
}

/// `text.char_indices()` collected, ASCII bytes taken as they are: most of a news text is
/// ASCII, and decoding each byte as UTF-8 was a fifth of the tokenizer's time. Sized once
/// (collecting would grow the vector from a quarter of the byte length).
fn char_indices(text: &str) -> Vec<(usize, char)> {
    let mut chars = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            chars.push((at, char::from(byte)));
            at += 1;
        } else if let Some(ch) = text.get(at..).and_then(|rest| rest.chars().next()) {
            chars.push((at, ch));
            at += ch.len_utf8();
        } else {
            // Unreachable: `at` is always at a character boundary.
            break;
        }
    }
    chars
}

/// Start index (in `chars`) of the part of the word after its last inner dot.
fn start_of_segment(chars: &[(usize, char)], word_start: usize, end: usize) -> usize {
    (word_start..end)
        .rev()
        .find(|&k| chars[k].1 == '.')
        .map_or(word_start, |k| k + 1)
}

/// "didn't" -> "did" + "n't", as CoNLL does.
fn split_contractions(text: &str, tokens: &mut Vec<Token>) {
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens.drain(..) {
        let word = &text[token.start..token.end];
        // Only a word ending in "t" can end in "n't".
        if !word.ends_with(['t', 'T']) {
            out.push(token);
            continue;
        }
        let lower = lowercase(word);
        let tail_len = ["n't", "n’t"]
            .iter()
            .find(|tail| {
                lower.ends_with(**tail)
                    && word.len() > tail.len()
                    && word.is_char_boundary(word.len() - tail.len())
            })
            .map(|tail| tail.len());
        match tail_len {
            Some(len) if lower.len() == word.len() => {
                let split = token.end - len;
                out.push(Token {
                    start: token.start,
                    end: split,
                    sentence: 0,
                });
                out.push(Token {
                    start: split,
                    end: token.end,
                    sentence: 0,
                });
            }
            _ => out.push(token),
        }
    }
    *tokens = out;
}

fn is_closing_punct(token: &str) -> bool {
    matches!(token, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

/// Groups tokens into sentences. A sentence ends after `.`, `!`, `?` (and any closing quote
/// or bracket right after them) when the next token does not start in lower case, and at
/// every line break.
fn split_sentences(text: &str, mut tokens: Vec<Token>) -> Segmented {
    let mut sentences = Vec::new();
    let mut sentence_tokens = Vec::new();
    let mut first = 0;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let word = &text[tokens[i].start..tokens[i].end];
        let mut end_here = false;
        let mut last = i;
        if matches!(word, "." | "!" | "?" | "..." | "…") || word.ends_with("...") {
            while last + 1 < n
                && is_closing_punct(&text[tokens[last + 1].start..tokens[last + 1].end])
            {
                last += 1;
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(next) => {
                    let next_word = &text[next.start..next.end];
                    !next_word.chars().next().is_some_and(|c| c.is_lowercase())
                }
            };
        }
        // A line break between this token and the next ends the sentence too.
        if !end_here {
            if let Some(next) = tokens.get(i + 1) {
                if text[tokens[i].end..next.start].contains('\n') {
                    end_here = true;
                    last = i;
                }
            } else {
                end_here = true;
            }
        }
        if end_here {
            let idx = sentences.len();
            for token in &mut tokens[first..=last] {
                token.sentence = idx;
            }
            sentences.push(Span {
                start: tokens[first].start,
                end: tokens[last].end,
            });
            sentence_tokens.push(first..last + 1);
            first = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    Segmented {
        tokens,
        sentences,
        sentence_tokens,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn keeps_abbreviations_and_initialisms_whole() {
        assert_eq!(
            words("Arlington, Va., on Oct. 9, 2020. U.S. troops"),
            [
                "Arlington",
                ",",
                "Va.",
                ",",
                "on",
                "Oct.",
                "9",
                ",",
                "2020",
                ".",
                "U.S.",
                "troops"
            ]
        );
        assert_eq!(
            words("the U.S.-led mission"),
            ["the", "U.S.-led", "mission"]
        );
    }

    #[test]
    fn splits_possessives_and_contractions_like_conll() {
        assert_eq!(
            words("Iran's army didn't"),
            ["Iran", "'s", "army", "did", "n't"]
        );
        assert_eq!(words("It wasn’t clear"), ["It", "was", "n’t", "clear"]);
        assert_eq!(words("Kata’ib Hezbollah"), ["Kata’ib", "Hezbollah"]);
    }

    #[test]
    fn keeps_numbers_and_dates_whole() {
        assert_eq!(
            words("on 6/29/2021 at 10:30, 1,000 troops"),
            ["on", "6/29/2021", "at", "10:30", ",", "1,000", "troops"]
        );
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks_not_abbreviations() {
        let text = "Headline Here\nCol. Wayne Maratto said U.S. forces fired. “We acted,” he said. Then more.";
        let segmented = segment(text);
        let sentences: Vec<&str> = segmented
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            sentences,
            [
                "Headline Here",
                "Col. Wayne Maratto said U.S. forces fired.",
                "“We acted,” he said.",
                "Then more."
            ]
        );
    }

    #[test]
    fn reads_characters_as_char_indices_does() {
        for text in [
            "",
            "plain ASCII.",
            "“Quoted” – Zürich’s 🙂 دمشق नमस्ते\u{200C}x",
            "é",
        ] {
            assert_eq!(char_indices(text), text.char_indices().collect::<Vec<_>>());
        }
        // Zero-width joiners stay inside words; General Punctuation does not.
        assert!(is_word_char('\u{200C}') && is_word_char('\u{200D}'));
        assert!(!is_word_char('’') && !is_word_char('—') && !is_word_char('…'));
        assert_eq!(
            words("Kata’ib Hezbollah—again"),
            ["Kata’ib", "Hezbollah", "—", "again"]
        );
    }

    #[test]
    fn survives_odd_input() {
        for text in [
            "", " ", "\u{0}", ".", "'s", "a'", "’", "...", "-", "U.", "a.b.", "n't", "ﷺ",
            "\u{200D}",
        ] {
            let segmented = segment(text);
            for token in &segmented.tokens {
                assert!(token.start < token.end && token.end <= text.len());
            }
        }
    }
}
