//! Forgiving keys for place names: the same key for every way a newsroom spells a place.
//!
//! Two keys, both plain ASCII:
//!
//! - the **exact key** folds case and Latin diacritics, drops apostrophes and full stops,
//!   turns hyphens and other punctuation into spaces and drops a leading "the":
//!   "Deir ez-Zor" -> `deir ez zor`, "U.S." -> `us`, "Ḥalab" -> `halab`.
//! - the **skeleton key** is much coarser, for transliterations of Arabic, Persian and
//!   Russian names: it drops articles (`al-`, `el-`, `ez-`, and an article glued to a doubled
//!   sun letter as in "Ezzour"), joins the words, keeps the first letter and then only the
//!   consonants (vowels, `w`, `y` and `h` carry the transliteration noise), maps `q` to `k`
//!   and collapses doubled letters: "Deir Ezzour", "Deir al-Zour", "Dayr az Zawr" and
//!   "Deir ez-Zor" all give `drzr`.
//!
//! A skeleton collides far more often than an exact key, so the gazetteer indexes skeletons
//! only for prominent places and resolution uses them only for capitalised names that have
//! no exact match ([`skeleton_key`] returns `None` for short names).
//!
//! Names in other scripts fold to nothing useful for English text; [`exact_key`] returns
//! `None` for them, and the gazetteer builder leaves them out.
//!
//! ```
//! use dateline_engine::places::normalize_name::{exact_key, skeleton_key};
//! assert_eq!(exact_key("Deir ez-Zor").as_deref(), Some("deir ez zor"));
//! assert_eq!(skeleton_key("Deir Ezzour"), skeleton_key("Dayr az Zawr"));
//! ```

/// ASCII folding of U+00C0..=U+024F, one letter per code point, `_` where the letter has no
/// single-letter ASCII form (handled in [`fold_char`] or left alone). Generated from the
/// Unicode NFKD decompositions.
const LATIN_C0_24F: &[u8; 400] = b"aaaaaa_ceeeeiiii_nooooo__uuuuy__aaaaaa_ceeeeiiii_nooooo__uuuuy_yaaaaaaccccccccdd__eeeeeeeeeegggggggghh__iiiiiiiii___jjkk_llllllll__nnnnnnn__oooooo__rrrrrrsssssssstttt__uuuuuuuuuuuuwwyyyzzzzzzs________________________________oo_____________uu____________________________aaiioouuuuuuuuuu_aaaa____ggkkoooo__j___gg__nnaa____aaaaeeeeiiiioooorrrruuuusstt__hh______aaeeooooooooyy____________________________";

/// The same for Latin Extended Additional, U+1E00..=U+1EFF (the dotted letters of Arabic
/// transliteration, "Ḥ", "ṣ", "ṭ", and the Vietnamese vowels).
const LATIN_1E00_1EFF: &[u8; 256] = b"aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyas____aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy______";

/// What one character becomes in a key.
enum Folded {
    Letters(&'static str),
    Letter(char),
    /// Word separator (space, hyphen, dash, slash, comma ...).
    Space,
    /// Dropped without a trace (apostrophes, full stops, combining marks).
    Nothing,
    /// A letter of another script: the name cannot be keyed.
    Foreign,
}

fn fold_char(c: char) -> Folded {
    if c.is_ascii_alphanumeric() {
        return Folded::Letter(c.to_ascii_lowercase());
    }
    let code = c as u32;
    match c {
        '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | 'ʿ' | 'ʾ' | '`' | '´' | '.' | '\u{2032}' => {
            return Folded::Nothing
        }
        'æ' | 'Æ' => return Folded::Letters("ae"),
        'œ' | 'Œ' => return Folded::Letters("oe"),
        'ß' => return Folded::Letters("ss"),
        'þ' | 'Þ' => return Folded::Letters("th"),
        'ø' | 'Ø' => return Folded::Letter('o'),
        'đ' | 'Đ' | 'ð' | 'Ð' => return Folded::Letter('d'),
        'ħ' | 'Ħ' => return Folded::Letter('h'),
        'ı' => return Folded::Letter('i'),
        'ł' | 'Ł' => return Folded::Letter('l'),
        'ŋ' | 'Ŋ' => return Folded::Letter('n'),
        'ŧ' | 'Ŧ' => return Folded::Letter('t'),
        'ƒ' => return Folded::Letter('f'),
        _ => {}
    }
    if (0x300..=0x36F).contains(&code) {
        return Folded::Nothing;
    }
    let table_letter = if (0xC0..=0x24F).contains(&code) {
        Some(LATIN_C0_24F[(code - 0xC0) as usize])
    } else if (0x1E00..=0x1EFF).contains(&code) {
        Some(LATIN_1E00_1EFF[(code - 0x1E00) as usize])
    } else {
        None
    };
    match table_letter {
        Some(b'_') => Folded::Foreign,
        Some(letter) => Folded::Letter(letter as char),
        None if c.is_alphanumeric() => Folded::Foreign,
        None => Folded::Space,
    }
}

/// The exact key: lower case ASCII words separated by single spaces, a leading "the"
/// dropped. `None` when the name has letters of another script or no letters at all.
pub fn exact_key(name: &str) -> Option<String> {
    let mut key = String::with_capacity(name.len());
    exact_key_into(name, &mut key).then_some(key)
}

/// [`exact_key`] written in `key` (cleared first), for callers that key many names: false
/// (and `key` unspecified) where [`exact_key`] gives `None`.
pub fn exact_key_into(name: &str, key: &mut String) -> bool {
    key.clear();
    let mut pending_space = false;
    // A letter, after the space a separator before it left pending.
    let push = |key: &mut String, pending_space: &mut bool, letter: char| {
        if *pending_space && !key.is_empty() {
            key.push(' ');
        }
        *pending_space = false;
        key.push(letter);
    };
    for c in name.chars() {
        // ASCII, nearly every name, without the table lookups of `fold_char` (which
        // gives the same: letters and digits, dropped marks, and separators).
        match c {
            'a'..='z' | '0'..='9' => push(key, &mut pending_space, c),
            'A'..='Z' => push(key, &mut pending_space, c.to_ascii_lowercase()),
            '\'' | '`' | '.' => {}
            _ if c.is_ascii() => pending_space = true,
            _ => match fold_char(c) {
                Folded::Letter(letter) => push(key, &mut pending_space, letter),
                Folded::Letters(letters) => {
                    for letter in letters.chars() {
                        push(key, &mut pending_space, letter);
                    }
                }
                Folded::Space => pending_space = true,
                Folded::Nothing => {}
                Folded::Foreign => return false,
            },
        }
    }
    if key.starts_with("the ") && key.len() > 4 {
        key.drain(..4);
    }
    !key.is_empty()
}

/// Arabic (and a few other) articles that transliterations write, drop or glue on.
const ARTICLES: &[&str] = &[
    "al", "el", "ul", "il", "ez", "es", "ed", "et", "er", "en", "ad", "as", "ash", "az", "ar",
    "an", "at", "adh", "ath",
];

/// Letters an Arabic article assimilates to ("ez-Zor" = "ezzor", "as-Salam" = "assalam").
const SUN_LETTERS: &[u8] = b"tdrzsnl";

/// Shortest skeleton worth looking up: shorter ones collide with too many places.
pub const MIN_SKELETON_LEN: usize = 3;
/// Shortest exact key (letters only) whose skeleton is worth looking up.
pub const MIN_SKELETON_NAME_LEN: usize = 5;

/// The skeleton key (see the module docs), or `None` for names too short to trust it.
pub fn skeleton_key(name: &str) -> Option<String> {
    let exact = exact_key(name)?;
    skeleton_of_exact_key(&exact)
}

/// The skeleton of an exact key (as made by [`exact_key`]).
pub fn skeleton_of_exact_key(exact: &str) -> Option<String> {
    if exact.bytes().filter(u8::is_ascii_alphabetic).count() < MIN_SKELETON_NAME_LEN {
        return None;
    }
    let words: Vec<&str> = exact.split(' ').collect();
    let mut joined = String::with_capacity(exact.len());
    for (idx, word) in words.iter().enumerate() {
        if words.len() > 1 && ARTICLES.contains(word) {
            continue;
        }
        let bytes = word.as_bytes();
        // "Ezzour", "Assalam": an article glued to the doubled sun letter that follows it.
        let glued_article = idx > 0
            && bytes.len() >= 5
            && matches!(bytes[0], b'a' | b'e')
            && bytes[1] == bytes[2]
            && SUN_LETTERS.contains(&bytes[1]);
        if glued_article {
            joined.push_str(&word[2..]);
        } else {
            joined.push_str(word);
        }
    }
    let mut skeleton = String::with_capacity(joined.len());
    let mut last: Option<char> = None;
    for (idx, c) in joined.chars().enumerate() {
        let c = if c == 'q' { 'k' } else { c };
        if idx > 0 && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w' | 'h') {
            continue;
        }
        if last == Some(c) {
            continue;
        }
        skeleton.push(c);
        last = Some(c);
    }
    if skeleton.len() < MIN_SKELETON_LEN {
        None
    } else {
        Some(skeleton)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_keys_fold_case_diacritics_and_punctuation() {
        assert_eq!(exact_key("Deir ez-Zor").as_deref(), Some("deir ez zor"));
        assert_eq!(exact_key("U.S.").as_deref(), Some("us"));
        assert_eq!(exact_key("São Paulo").as_deref(), Some("sao paulo"));
        assert_eq!(exact_key("Ḥalab").as_deref(), Some("halab"));
        assert_eq!(exact_key("Kata’ib").as_deref(), Some("kataib"));
        assert_eq!(exact_key("The Hague").as_deref(), Some("hague"));
        assert_eq!(exact_key("Köln–Bonn").as_deref(), Some("koln bonn"));
        assert_eq!(exact_key("Łódź").as_deref(), Some("lodz"));
        assert_eq!(exact_key("Москва"), None);
        assert_eq!(exact_key(" - "), None);
    }

    #[test]
    fn keys_written_in_a_buffer_equal_the_keys() {
        let mut key = String::from("left over");
        for name in [
            "The Hague",
            "Deir ez-Zor",
            "U.S.",
            "Œland",
            "the",
            "Москва",
            " - ",
        ] {
            let keyed = exact_key_into(name, &mut key);
            assert_eq!(keyed.then(|| key.clone()), exact_key(name), "{name}");
        }
    }

    #[test]
    fn deir_ez_zor_spellings_share_a_skeleton() {
        let expected = skeleton_key("Deir ez-Zor");
        assert!(expected.is_some());
        for spelling in [
            "Deir Ezzour",
            "Deir al-Zour",
            "Dayr az Zawr",
            "Dair az-Zawr",
            "Deir el-Zor",
            "Deir Ez Zor",
        ] {
            assert_eq!(skeleton_key(spelling), expected, "{spelling}");
        }
    }

    #[test]
    fn skeletons_of_short_names_are_not_trusted() {
        assert_eq!(skeleton_key("Iran"), None);
        assert_eq!(skeleton_key("the Hill"), None);
        assert_eq!(skeleton_key("Fallujah"), skeleton_key("Falluja"));
    }
}
