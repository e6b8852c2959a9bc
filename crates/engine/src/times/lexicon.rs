//! Word tables for time expressions: months, weekdays, seasons, parts of the day, units and
//! numbers written as words.
//!
//! Every table is a `match` on a lower-cased word, which the compiler turns into a length
//! switch plus a few comparisons: no hashing, no allocation. Each also lists its words
//! (`MONTH_WORDS`, ...), so that an index over several tables (the tagger's start words,
//! a set of a few hundred words built on first use) is built from the tables themselves.
//!
//! ```
//! use dateline_engine::times::lexicon::{month, number_word, Unit, unit};
//! assert_eq!(month("sept"), Some(9));
//! assert_eq!(number_word("twenty-four"), Some(24));
//! assert_eq!(unit("weeks"), Some((Unit::Week, true)));
//! ```

/// Defines a word table once, as two things: a function that looks a word up with a
/// `match` (fast, nothing to build) and a list of every word the table knows, from which
/// other modules build indexes (the tagger's set of words that may start an expression)
/// without a second copy of the words that could drift from the first.
macro_rules! word_table {
    (
        $(#[$attr:meta])*
        $vis:vis fn $name:ident -> $value:ty;
        $words_vis:vis const $words:ident;
        $($($word:literal)|+ => $result:expr,)+
    ) => {
        $(#[$attr])*
        $vis fn $name(word: &str) -> Option<$value> {
            Some(match word {
                $($($word)|+ => $result,)+
                _ => return None,
            })
        }

        #[doc = concat!("Every word `", stringify!($name), "` knows.")]
        $words_vis const $words: &[&str] = &[$($($word),+),+];
    };
}

word_table! {
    /// Month number (1..=12) of a month name or its abbreviation (without its full stop).
    pub fn month -> u32;
    pub const MONTH_WORDS;
    "january" | "jan" => 1,
    "february" | "feb" => 2,
    "march" | "mar" => 3,
    "april" | "apr" => 4,
    "may" => 5,
    "june" | "jun" => 6,
    "july" | "jul" => 7,
    "august" | "aug" => 8,
    "september" | "sept" | "sep" => 9,
    "october" | "oct" => 10,
    "november" | "nov" => 11,
    "december" | "dec" => 12,
}

word_table! {
    /// Weekday number, Monday = 0 ... Sunday = 6 (the order of [`crate::calendar::CalendarDate::weekday`]).
    pub fn weekday -> u32;
    pub const WEEKDAY_WORDS;
    "monday" => 0,
    "tuesday" => 1,
    "wednesday" => 2,
    "thursday" => 3,
    "friday" => 4,
    "saturday" => 5,
    "sunday" => 6,
}

/// Plural weekdays ("Mondays") name a set: every Monday.
pub fn weekday_plural(word: &str) -> Option<u32> {
    let singular = word.strip_suffix('s')?;
    weekday(singular)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    /// TimeML season code.
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// First month of the (meteorological) season; winter starts in December of its year.
    pub fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

word_table! {
    pub fn season -> Season;
    pub const SEASON_WORDS;
    "spring" => Season::Spring,
    "summer" => Season::Summer,
    "fall" | "autumn" => Season::Fall,
    "winter" => Season::Winter,
}

/// A part of the day, TimeML's `TMO`, `TAF`, `TEV`, `TNI` and `TDT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
    Daytime,
}

impl PartOfDay {
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
            PartOfDay::Daytime => "DT",
        }
    }

    /// The documented range of each part, in hours from the start of its day: morning 06-12,
    /// afternoon 12-18, evening 18-24, night 18 to 06 the next day, daytime 06-18.
    pub fn hours(self) -> (u32, u32) {
        match self {
            PartOfDay::Morning => (6, 12),
            PartOfDay::Afternoon => (12, 18),
            PartOfDay::Evening => (18, 24),
            PartOfDay::Night => (18, 30),
            PartOfDay::Daytime => (6, 18),
        }
    }
}

word_table! {
    pub fn part_of_day -> PartOfDay;
    pub const PART_OF_DAY_WORDS;
    "morning" | "mornings" => PartOfDay::Morning,
    "afternoon" | "afternoons" => PartOfDay::Afternoon,
    "evening" | "evenings" => PartOfDay::Evening,
    "night" | "nights" | "overnight" => PartOfDay::Night,
}

/// Units of time, from seconds to centuries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// ISO 8601 duration designator, and whether it goes after the `T`.
    pub fn designator(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

word_table! {
    /// A unit word and whether it is plural.
    pub fn unit -> (Unit, bool);
    pub const UNIT_WORDS;
    "second" | "sec" => (Unit::Second, false),
    "seconds" | "secs" => (Unit::Second, true),
    "minute" | "min" => (Unit::Minute, false),
    "minutes" | "mins" => (Unit::Minute, true),
    "hour" | "hr" => (Unit::Hour, false),
    "hours" | "hrs" => (Unit::Hour, true),
    "day" => (Unit::Day, false),
    "days" => (Unit::Day, true),
    "week" => (Unit::Week, false),
    "weeks" => (Unit::Week, true),
    "fortnight" => (Unit::Week, false),
    "month" => (Unit::Month, false),
    "months" => (Unit::Month, true),
    "quarter" => (Unit::Quarter, false),
    "quarters" => (Unit::Quarter, true),
    "year" | "yr" => (Unit::Year, false),
    "years" | "yrs" => (Unit::Year, true),
    "decade" => (Unit::Decade, false),
    "decades" => (Unit::Decade, true),
    "century" => (Unit::Century, false),
    "centuries" => (Unit::Century, true),
}

/// The parts before and after the first hyphen of `word`, as `word.split_once('-')` gives
/// them, found by a byte search: on words this short the general pattern searcher behind
/// `split_once` costs several times more, and the matchers split words constantly.
pub fn split_at_hyphen(word: &str) -> Option<(&str, &str)> {
    let hyphen = word.bytes().position(|byte| byte == b'-')?;
    // A hyphen is one byte, so both sides start and end on character boundaries.
    Some((word.get(..hyphen)?, word.get(hyphen + 1..)?))
}

/// Cardinal numbers written as one word (or hyphenated: "twenty-four").
pub fn number_word(word: &str) -> Option<i64> {
    if let Some((tens, ones)) = split_at_hyphen(word) {
        let tens = tens_word(tens)?;
        let ones = small_number_word(ones)?;
        return (1..=9).contains(&ones).then_some(tens + ones);
    }
    small_number_word(word).or_else(|| tens_word(word))
}

word_table! {
    fn small_number_word -> i64;
    pub const SMALL_NUMBER_WORDS;
    "zero" => 0,
    "one" => 1,
    "two" => 2,
    "three" => 3,
    "four" => 4,
    "five" => 5,
    "six" => 6,
    "seven" => 7,
    "eight" => 8,
    "nine" => 9,
    "ten" => 10,
    "eleven" => 11,
    "twelve" => 12,
    "thirteen" => 13,
    "fourteen" => 14,
    "fifteen" => 15,
    "sixteen" => 16,
    "seventeen" => 17,
    "eighteen" => 18,
    "nineteen" => 19,
}

word_table! {
    pub fn tens_word -> i64;
    pub const TENS_WORDS;
    "twenty" => 20,
    "thirty" => 30,
    "forty" => 40,
    "fifty" => 50,
    "sixty" => 60,
    "seventy" => 70,
    "eighty" => 80,
    "ninety" => 90,
}

/// Ordinals as words or with a suffix ("third", "twenty-first", "29th", "1st").
pub fn ordinal(word: &str) -> Option<i64> {
    // "29th": one to three digits and a suffix (the suffix isn't checked against the number).
    if word.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        let digits = word
            .strip_suffix("st")
            .or_else(|| word.strip_suffix("nd"))
            .or_else(|| word.strip_suffix("rd"))
            .or_else(|| word.strip_suffix("th"))?;
        if digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit()) {
            return digits.parse().ok();
        }
        return None;
    }
    if let Some((tens, ones)) = split_at_hyphen(word) {
        let tens = tens_word(tens)?;
        let ones = small_ordinal_word(ones)?;
        return (1..=9).contains(&ones).then_some(tens + ones);
    }
    small_ordinal_word(word).or_else(|| tens_ordinal_word(word))
}

word_table! {
    fn tens_ordinal_word -> i64;
    pub const TENS_ORDINAL_WORDS;
    "twentieth" => 20,
    "thirtieth" => 30,
}

word_table! {
    fn small_ordinal_word -> i64;
    pub const SMALL_ORDINAL_WORDS;
    "first" => 1,
    "second" => 2,
    "third" => 3,
    "fourth" => 4,
    "fifth" => 5,
    "sixth" => 6,
    "seventh" => 7,
    "eighth" => 8,
    "ninth" => 9,
    "tenth" => 10,
    "eleventh" => 11,
    "twelfth" => 12,
    "thirteenth" => 13,
    "fourteenth" => 14,
    "fifteenth" => 15,
    "sixteenth" => 16,
    "seventeenth" => 17,
    "eighteenth" => 18,
    "nineteenth" => 19,
}

word_table! {
    /// Decades written as words: "the nineties" -> 9 (the tens digit).
    pub fn decade_word -> i32;
    pub const DECADE_WORDS;
    "twenties" => 2,
    "thirties" => 3,
    "forties" => 4,
    "fifties" => 5,
    "sixties" => 6,
    "seventies" => 7,
    "eighties" => 8,
    "nineties" => 9,
}

/// Time zone abbreviations that may follow a clock time ("10:30 a.m. EDT").
pub fn time_zone(word: &str) -> bool {
    matches!(
        word,
        "edt"
            | "est"
            | "et"
            | "cdt"
            | "cst"
            | "ct"
            | "mdt"
            | "mst"
            | "pdt"
            | "pst"
            | "pt"
            | "gmt"
            | "utc"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "ist"
            | "jst"
            | "aest"
            | "msk"
    )
}

/// Words after which a bare four-digit number is read as a year ("in 1990", "since 2003").
pub fn year_cue_before(word: &str) -> bool {
    matches!(
        word,
        "in" | "since"
            | "of"
            | "by"
            | "until"
            | "till"
            | "from"
            | "to"
            | "through"
            | "before"
            | "after"
            | "during"
            | "early"
            | "late"
            | "mid"
            | "fiscal"
            | "year"
            | "and"
            | "or"
            | "between"
            | "for"
            | "the"
            | "around"
            | "circa"
            | "into"
            | "throughout"
            | "than"
            | "as"
            | "spring"
            | "summer"
            | "fall"
            | "autumn"
            | "winter"
            | ","
            | "("
            | "-"
            | "–"
            | "—"
            | "'s"
            | "this"
            | "last"
            | "end"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_ordinals() {
        assert_eq!(number_word("ninety-nine"), Some(99));
        assert_eq!(number_word("twenty"), Some(20));
        assert_eq!(number_word("twenty-ten"), None);
        assert_eq!(ordinal("twenty-first"), Some(21));
        assert_eq!(ordinal("3rd"), Some(3));
        assert_eq!(ordinal("rd"), None);
        assert_eq!(ordinal("29th"), Some(29));
        assert_eq!(ordinal("1000th"), None);
        assert_eq!(ordinal("2-nd"), None);
        assert_eq!(ordinal("12"), None);
        assert_eq!(weekday_plural("fridays"), Some(4));
    }

    #[test]
    fn splits_at_the_first_hyphen() {
        for word in [
            "twenty-four",
            "mid-",
            "-",
            "",
            "year",
            "a-b-c",
            "é-ü",
            "–-x",
        ] {
            assert_eq!(split_at_hyphen(word), word.split_once('-'), "{word:?}");
        }
    }
}
