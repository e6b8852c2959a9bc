//! Random inputs for robustness tests: pieces of news text, markup, scripts and junk, glued
//! by a small seeded generator so a failure can be replayed from its seed.
//!
//! Used by `tests/fuzz.rs` (a few thousand inputs per test run) and `cargo xtask fuzz N`
//! (as many as asked). Not part of the analysis; public so both can share it.

/// xorshift64*: tiny, deterministic, good enough to pick fragments.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

const FRAGMENTS: &[&str] = &[
    "U.S. troops in eastern Syria came under rocket fire on Monday night",
    "Col. Wayne Maratto, a spokesman for the U.S.-led mission in Syria, said",
    "“There are no injuries,” Maratto said on Twitter.",
    "the Iraq–Syria border",
    "Deir Ezzour",
    "Arlington, Va.",
    "Rome",
    "6/29/2021",
    "Updated:",
    "Oct. 9, 2020",
    "(Carlos Barria/Reuters)",
    "last week",
    "two years ago",
    "every Friday",
    "10:30 a.m. EDT",
    "the 1990s",
    "Kata’ib Hezbollah",
    "Iran-backed",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "<p>",
    "</p>",
    "<script>alert(1)</script>",
    "&amp;",
    "&#x2019;",
    "&#99999999;",
    "<",
    ">",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "  ",
    ".",
    "...",
    "?",
    "!",
    ",",
    ";",
    ":",
    "-",
    "–",
    "—",
    "(",
    ")",
    "[",
    "]",
    "/",
    "\\",
    "Mr.",
    "Dr.",
    "Jan.",
    "St.",
    "A.",
    "U.N.",
    "n't",
    "'s",
    "دمشق",
    "بغداد يوم الاثنين",
    "שלום",
    "Привет",
    "北京",
    "東京都",
    "नई दिल्ली",
    "\u{200F}",
    "\u{202E}",
    "\u{0}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{301}",
    "e\u{301}",
    "🇸🇾",
    "👍🏽",
    "𝔘𝔖",
    "0",
    "1",
    "12",
    "31",
    "2021",
    "99999999999999999999",
    "-5",
    "3.5",
    "1,000",
    "10:99",
    "13/13/2013",
    "2021-02-30",
    "February 29, 2021",
    "Monday",
    "night",
    "morning",
    "ago",
    "since",
    "until",
    "from",
    "to",
    "between",
    "and",
    "in",
    "near",
    "of",
    "the",
    "The",
    "said",
    "told",
    "struck",
    "attacked",
    "killed",
    "vowed to retaliate",
    "would",
    "no",
    "Biden",
    "President",
    "Secretary of State",
    "Pentagon",
    "ISIS",
    "al-",
    "el-",
    "ez-",
    "NEW YORK (AP) —",
    "By Ann Lee",
    "Photo: AP",
    "Getty Images",
];

/// One random input of up to about `max_pieces` fragments and random characters.
pub fn random_text(rng: &mut Rng, max_pieces: usize) -> String {
    let n_pieces = rng.below(max_pieces + 1);
    let mut text = String::new();
    for _ in 0..n_pieces {
        match rng.below(10) {
            0 => {
                // A random Unicode scalar value (any plane).
                let code = rng.below(0x11_0000) as u32;
                if let Some(ch) = char::from_u32(code) {
                    text.push(ch);
                }
            }
            1 => {
                // Random ASCII, including control characters.
                text.push((rng.below(128) as u8) as char);
            }
            _ => text.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]),
        }
        if rng.below(3) == 0 {
            text.push(' ');
        }
    }
    text
}
